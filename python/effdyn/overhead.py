"""Measures what calling EffDyn from Python costs (docs/python.md, "Overhead"):

    PYTHONPATH=python /usr/bin/python3 -m effdyn.overhead

prints the JVM start, one Java call through JPype, effdyn.solve of a small problem against the same
work done by Java alone (card text parsed and run in memory, no conversion), and handing a table of
10^6 doubles to numpy: Java packing them into one buffer, the numpy view of it, and reading them\nelement by element instead.
"""

import time

import numpy as np

from . import _jvm
from .api import card_text, solve


def _best(f, repeat, number):
    """Best mean time of ``number`` calls over ``repeat`` rounds, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        for _ in range(number):
            f()
        best = min(best, (time.perf_counter() - t) / number)
    return best


def main():
    t = time.perf_counter()
    _jvm.start()
    start = time.perf_counter() - t
    Math = _jvm.jclass("java.lang.Math")
    api = _jvm.jclass("org.effdyn.run.Api")
    card = {"model": "pca", "params": {"lambda": 2.0}, "init": {"m": 0.3},
            "time": {"start": 0, "end": 1.0, "samples": 11}, "output": {"csv": False, "chart": False}}
    text = card_text(card)
    for _ in range(200):   # warm up the JIT on both paths
        solve("pca", {"lambda": 2.0}, init={"m": 0.3}, t=(0, 1.0, 11), threads=1)
    call = _best(lambda: Math.abs(-1.0), 5, 10000)
    java = _best(lambda: api.run(api.card(text, "x"), None, 1), 5, 200)
    py = _best(lambda: solve("pca", {"lambda": 2.0}, init={"m": 0.3}, t=(0, 1.0, 11), threads=1), 5, 200)
    big = dict(card, time={"start": 0, "end": 1.0, "samples": 333334})   # 3 columns: 10^6 doubles
    jt = api.run(api.card(card_text(big), "x"), None, 1).variants().get(0).limit()
    buf = api.table(jt)
    pack = _best(lambda: api.table(jt), 5, 10)
    view = _best(lambda: np.asarray(memoryview(buf)), 5, 100)
    copy = _best(lambda: [buf.get(i) for i in range(100000)], 1, 1) * 10
    print(f"JVM start (first call):                   {start * 1e3:8.1f} ms")
    print(f"one Java call (Math.abs) through JPype:   {call * 1e6:8.2f} us")
    print(f"solve pca, 11 samples: Java work alone    {java * 1e3:8.3f} ms")
    print(f"                       effdyn.solve       {py * 1e3:8.3f} ms  (overhead {(py - java) * 1e3:.3f} ms per call)")
    print(f"10^6 doubles: packed by Java (Api.table)  {pack * 1e3:8.2f} ms")
    print(f"              numpy view of the buffer    {view * 1e6:8.2f} us (no copy)")
    print(f"              element by element          {copy * 1e3:8.1f} ms (what the view avoids)")


if __name__ == "__main__":
    main()
