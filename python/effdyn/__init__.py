"""EffDyn from Python.

``effdyn.reader`` loads the output directory of an ``effdyn`` command (``run``, ``sweep``,
``fixed-points``, ``validate``) into named numpy arrays; docs/outputs.md describes every file.

    from effdyn.reader import load_run
    run = load_run("out/committee-erf-k2")

Importing this package imports nothing else (not even numpy): ``effdyn.load_run`` loads the reader
on first use.
"""

__all__ = ["load_run"]


def __getattr__(name):
    if name == "load_run":
        from .reader import load_run
        return load_run
    raise AttributeError(f"module 'effdyn' has no attribute {name!r}")
