"""EffDyn from Python.

The library, called in-process through JPype on the project's jar (docs/python.md):

    import effdyn
    r = effdyn.run("models/pca-matrix.yaml")          # limit, SGD runs, run.json: numpy arrays by name
    lim = effdyn.solve("pca", {"lambda": 2.0}, init={"m": 0.3}, t=2.0)
    effdyn.models(), effdyn.fixed_points(card), effdyn.sweep(card, {"lambda": (0.5, 2, 4)}),
    effdyn.validate("pca-matrix")

``effdyn.reader`` loads the output directory of an ``effdyn`` command (``run``, ``sweep``,
``fixed-points``, ``validate``) into named numpy arrays without Java; docs/outputs.md describes every
file:

    from effdyn.reader import load_run
    run = load_run("out/committee-erf-k2")

Importing this package imports nothing else (not even numpy or JPype): each name loads its module on
first use, and the JVM starts on the first call that needs it, once per process.
"""

_API = ("run", "solve", "models", "fixed_points", "sweep", "validate", "card_text", "EffDynError",
        "ScenarioError", "ParameterError", "IntegrationError", "Trajectory", "Variant", "RunResult",
        "FixedPoints", "Validation")

__all__ = ["load_run", *_API]


def __getattr__(name):
    if name == "load_run":
        from .reader import load_run
        return load_run
    if name in _API:
        from . import api
        return getattr(api, name)
    raise AttributeError(f"module 'effdyn' has no attribute {name!r}")
