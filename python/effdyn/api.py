"""EffDyn from Python: the Java library called in-process through JPype (docs/python.md).

Every function starts the JVM on first use (once per process, :mod:`effdyn._jvm`) and calls the same
classes as the ``effdyn`` command, so results are the numbers of the CLI's files, bit for bit.

* :func:`run` a scenario card (a path, YAML text or a dict): limit, SDE ensemble, SGD runs, limits
  from the SGD starts, run.json, as numpy arrays keyed by statistic name, blocks in their shape;
* :func:`solve` one model's limit by name, parameters and initial values (no card needed);
* :func:`models` the models with their parameters and defaults;
* :func:`fixed_points` the fixed points with stability, continuation in a parameter, basins;
* :func:`sweep` a parameter grid as a pandas DataFrame; :func:`validate` one validation case.

Errors of the Java side arrive as :class:`EffDynError` subclasses with the Java message unchanged:
:class:`ScenarioError` (a bad card or parameter: ``field``, ``value``, ``file``, ``line``),
:class:`ParameterError` (a bad parameter of a Java object), :class:`IntegrationError` (``reason``,
``t``, ``state``).

Trajectories cross the bridge without copies: Java packs each into one direct buffer
(``org.effdyn.run.Api.table``), and the arrays returned here are numpy views of it (scalar, vector and
matrix blocks; a symmetric block is assembled into a new full matrix).
"""

import functools
import json
import math
import os
import tempfile

import numpy as np

from . import _jvm
from .reader import Layout, load_csv, load_run

__all__ = ["EffDynError", "ScenarioError", "ParameterError", "IntegrationError", "Trajectory", "Variant",
           "RunResult", "FixedPoints", "Validation", "run", "solve", "models", "fixed_points", "sweep",
           "validate", "card_text"]

_REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


# ---- errors ----

class EffDynError(Exception):
    """An error of the Java side; ``str(e)`` is the Java message, ``e.java`` the Java exception."""

    def __init__(self, message, java=None):
        super().__init__(message)
        self.java = java


class ScenarioError(EffDynError, ValueError):
    """A bad card (or parameter of :func:`solve`): ``FILE:LINE: FIELD: reason``. ``field`` is the dotted
    card path (``params.lambda``), ``value`` the rejected value when the library names it."""

    def __init__(self, message, java=None, file=None, line=0, field=None, detail=None, value=None):
        super().__init__(message, java)
        self.file, self.line, self.field, self.detail, self.value = file, line, field, detail, value


class ParameterError(EffDynError, ValueError):
    """A bad parameter (``FIELD: reason``), with ``field``, ``value`` and ``reason``."""

    def __init__(self, message, java=None, field=None, value=None, reason=None):
        super().__init__(message, java)
        self.field, self.value, self.reason = field, value, reason


class IntegrationError(EffDynError, RuntimeError):
    """A failed integration: ``reason`` (``NON_FINITE_STATE`` ...), time ``t`` and ``state``."""

    def __init__(self, message, java=None, reason=None, t=None, state=None):
        super().__init__(message, java)
        self.reason, self.t, self.state = reason, t, state


def _py(value):
    """A Java value (boxed number, string, array) as a plain Python value."""
    if value is None:
        return None
    for kind in (bool, int, float):
        try:
            if isinstance(value, kind):
                return kind(value)
        except TypeError:
            pass
    s = str(value)
    try:
        return float(s)
    except ValueError:
        return s


def _convert(e):
    """The Python exception for a Java exception (same message)."""
    import jpype
    msg = str(e.getMessage()) if e.getMessage() is not None else str(e.getClass().getName())
    name = str(e.getClass().getName())
    cause = e.getCause()
    if name == "org.effdyn.card.ScenarioException" or isinstance(e, jpype.JClass("org.effdyn.card.ScenarioException")):
        value = None
        pe = jpype.JClass("org.effdyn.core.ParameterException")
        if cause is not None and isinstance(cause, pe):
            value = _py(cause.value())
        return ScenarioError(msg, e, None if e.file() is None else str(e.file()), int(e.line()),
                             None if e.field() is None else str(e.field()), str(e.detail()), value)
    if isinstance(e, jpype.JClass("org.effdyn.core.ParameterException")):
        return ParameterError(msg, e, str(e.field()), _py(e.value()), str(e.reason()))
    if isinstance(e, jpype.JClass("org.effdyn.solve.IntegrationException")):
        return IntegrationError(msg, e, str(e.reason().name()), float(e.time()), np.array(e.state(), dtype=float))
    if isinstance(e, jpype.JClass("java.lang.IllegalArgumentException")):
        return ScenarioError(msg, e, detail=msg)
    return EffDynError(msg, e)


def _java_errors(f):
    """Runs f with Java exceptions converted (:func:`_convert`); the Java one is kept as ``__cause__``."""
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        _jvm.start()
        import jpype
        try:
            return f(*args, **kwargs)
        except jpype.JException as e:
            raise _convert(e) from e
    return wrapper


# ---- cards ----

def _yaml_value(v):
    """A Python value as a YAML flow value: JSON, with .nan / .inf for the non-finite floats."""
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        v = float(v)
        if math.isnan(v):
            return ".nan"
        if math.isinf(v):
            return ".inf" if v > 0 else "-.inf"
        return repr(v)
    if isinstance(v, np.ndarray):
        v = v.tolist()
    if isinstance(v, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))}: {_yaml_value(x)}" for k, x in v.items()) + "}"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_yaml_value(x) for x in v) + "]"
    if v is None:
        return "null"
    return json.dumps(str(v))


def card_text(card):
    """A card given as a dict, written as YAML text: one top-level key a line (so that error messages
    give the key's line), each value in flow style. Floats are written exactly (``repr``)."""
    return "".join(f"{k}: {_yaml_value(v)}\n" for k, v in card.items())


def _scenario(card, name="<card>"):
    """A parsed card from a path, YAML text or a dict."""
    api = _jvm.jclass("org.effdyn.run.Api")
    if isinstance(card, dict):
        return api.card(card_text(card), name)
    if isinstance(card, os.PathLike) or (isinstance(card, str) and "\n" not in card and os.path.isfile(card)):
        return api.cardFile(os.fspath(card))
    if isinstance(card, str) and "\n" not in card and card.endswith((".yaml", ".yml")):
        raise FileNotFoundError(f"no card file {card}")
    return api.card(str(card), name)


def _jlist(items):
    """A java.util.List of strings."""
    out = _jvm.jclass("java.util.ArrayList")()
    for x in items:
        out.add(str(x))
    return out


def _threads(threads):
    return max(1, os.cpu_count() or 1) if threads is None else int(threads)


# ---- trajectories ----

def _buffer(dbuf, width):
    """A Java direct DoubleBuffer of rows as a (rows, width) numpy view (no copy)."""
    flat = np.asarray(memoryview(dbuf))
    return flat.reshape(-1, width) if width else flat.reshape(0, 0)


class Trajectory(dict):
    """One trajectory: ``t`` and every block of the layout by name (a scalar ``(rows,)``, a vector
    ``(rows, n)``, a matrix ``(rows, r, c)``, a symmetric matrix full ``(rows, n, n)``), then the derived
    columns. ``table`` is the (rows, columns) array in the order of the CSV file, ``columns`` its header;
    ``column(name)`` one CSV column (``"Q[1,2]"``); ``events`` the recorded events (name, t, state)."""

    def __init__(self, table, columns, layout, events=()):
        super().__init__()
        self.table = table
        self.columns = list(columns)
        self.events = list(events)
        index = {c: j for j, c in enumerate(self.columns)}
        self["t"] = table[:, 0]
        for b in layout.blocks:
            j = index[b.columns[0]]
            if b.kind == "scalar":
                self[b.name] = table[:, j]
            elif b.kind == "vector":
                self[b.name] = table[:, j:j + b.shape[0]]
            elif b.kind == "matrix":
                self[b.name] = table[:, j:j + b.shape[0] * b.shape[1]].reshape((len(table),) + b.shape)
            else:
                self[b.name] = b.unpack(lambda c: table[:, index[c]], len(table))
        for d in layout.derived_columns:
            if d in index:
                self[d] = table[:, index[d]]

    def column(self, name):
        """One column by its CSV name."""
        return self.table[:, self.columns.index(name)]

    def __repr__(self):
        return f"Trajectory({len(self.table)} rows, {', '.join(f'{k}{np.shape(v)[1:]}' for k, v in self.items())})"


def _trajectory(jt, layout):
    api = _jvm.jclass("org.effdyn.run.Api")
    cols = [str(c) for c in api.columns(jt)]
    events = [(str(e.name()), float(e.t()), np.array(e.state(), dtype=float)) for e in jt.events()]
    return Trajectory(_buffer(api.table(jt), len(cols)), cols, layout, events)


def _summary(js, layout):
    """An ensemble summary: ``{"mean": {blocks}, "std": ..., "q05": ..., "q95": ...}`` plus ``table``."""
    api = _jvm.jclass("org.effdyn.run.Api")
    cols = [str(c) for c in api.columns(js)]
    table = _buffer(api.table(js), len(cols))
    index = {c: j for j, c in enumerate(cols)}
    out = {"t": table[:, 0], "table": table, "columns": cols, "paths": int(js.paths())}
    for suffix in ("mean", "std", "q05", "q25", "q50", "q75", "q95"):
        out[suffix] = {"t": table[:, 0]}
        for b in layout.blocks:
            v = b.unpack(lambda c: table[:, index[f"{c}_{suffix}"]], len(table))
            out[suffix][b.name] = v
        for d in layout.derived_columns:
            if f"{d}_{suffix}" in index:
                out[suffix][d] = table[:, index[f"{d}_{suffix}"]]
    return out


class Variant:
    """One variant of a run: ``label`` (None without variants), ``params``, ``layout``
    (:class:`effdyn.reader.Layout`), ``initial_state`` (blocks), ``limit`` (:class:`Trajectory`, ballistic),
    ``ensemble`` (diffusive: summary dict) and ``paths`` (diffusive: every successful path, by index),
    ``sgd`` and ``limit_sgd`` (dicts keyed ``(d, seed)``; ``limit_sgd`` keyed ``(d, -1)`` for
    ``limit_start: mean``)."""

    def __init__(self, jv, record):
        self.record = record
        self.label = record.get("label")
        self.params = record.get("params")
        self.layout = Layout.from_record(record["layout"])
        self.initial_state = (self.layout.unpack_state(record["initial_state"])
                              if record.get("initial_state") else None)
        api = _jvm.jclass("org.effdyn.run.Api")
        self.limit = _trajectory(jv.limit(), self.layout) if jv.limit() is not None else None
        self.ensemble = _summary(jv.summary(), self.layout) if jv.summary() is not None else None
        self.paths = {}
        if jv.ensemble() is not None:
            for o in jv.ensemble().outcomes():
                if o.ok():
                    self.paths[int(o.path())] = _trajectory(o.trajectory(), self.layout)
        self.sgd = {(int(k.d()), int(k.seed())): _trajectory(k.trajectory(), self.layout) for k in api.sgd(jv)}
        self.limit_sgd = {(int(k.d()), int(k.seed())): _trajectory(k.trajectory(), self.layout)
                          for k in api.limitSgd(jv)}

    def sgd_stack(self, d, name):
        """The SGD runs of one d for one statistic, stacked: shape (seeds, rows, *block shape)."""
        keys = sorted(k for k in self.sgd if k[0] == d)
        if not keys:
            raise KeyError(f"no SGD runs at d = {d}; d: {sorted({k[0] for k in self.sgd})}")
        return np.stack([self.sgd[k][name] for k in keys])

    def __repr__(self):
        return (f"Variant({self.label!r}, limit={self.limit is not None}, ensemble={self.ensemble is not None}, "
                f"sgd={sorted(self.sgd)})")


class RunResult:
    """What :func:`run` returns: ``record`` (run.json as a dict), ``variants`` (list of :class:`Variant`
    in card order), ``warnings``, ``files`` (paths written; empty in memory), ``out`` (the directory or
    None), ``output`` (a :class:`effdyn.reader.Run` of the directory, or None). ``result["LABEL"]`` is a
    variant by label; ``limit``, ``ensemble``, ``paths``, ``sgd``, ``limit_sgd``, ``layout`` and
    ``initial_state`` are those of the only variant of a card without variants."""

    def __init__(self, record, variants, warnings, files, out, output=None):
        self.record, self.variants, self.warnings = record, variants, warnings
        self.files, self.out, self.output = files, out, output

    def __getitem__(self, label):
        for v in self.variants:
            if v.label == label:
                return v
        raise KeyError(f"no variant {label!r}; variants: {[v.label for v in self.variants]}")

    def _only(self, name):
        if len(self.variants) != 1:
            raise AttributeError(f"{name}: this run has {len(self.variants)} variants "
                                 f"{[v.label for v in self.variants]}; use result[label].{name}")
        return getattr(self.variants[0], name)

    limit = property(lambda self: self._only("limit"))
    ensemble = property(lambda self: self._only("ensemble"))
    paths = property(lambda self: self._only("paths"))
    sgd = property(lambda self: self._only("sgd"))
    limit_sgd = property(lambda self: self._only("limit_sgd"))
    layout = property(lambda self: self._only("layout"))
    initial_state = property(lambda self: self._only("initial_state"))

    def __repr__(self):
        return f"RunResult({self.record.get('model')!r}, variants={[v.label for v in self.variants]}, out={self.out!r})"


@_java_errors
def run(card, out=None, threads=None):
    """Runs a scenario card: a path, YAML text or a dict (the card's keys; see the README).

    Without ``out`` everything stays in memory (no file, no chart); with ``out`` the run writes what
    ``effdyn run CARD --out OUT`` writes (CSV, charts, run.json) and also returns it in memory. A study
    card (``dmf``, ``sample-complexity``) writes its own tables: without ``out`` it runs in a temporary
    directory, and ``output`` (a :class:`effdyn.reader.Run`) holds its tables.
    Returns a :class:`RunResult`. Results do not depend on ``threads`` (default: all processors).
    """
    api = _jvm.jclass("org.effdyn.run.Api")
    s = _scenario(card)
    threads = _threads(threads)
    study = isinstance(s.variants().get(0).model(), _jvm.jclass("org.effdyn.core.Study"))
    if study and out is None:
        with tempfile.TemporaryDirectory(prefix="effdyn-") as tmp:
            c = api.run(s, tmp, threads)
            loaded = load_run(tmp)
            return RunResult(json.loads(str(c.record())), [], [str(w) for w in c.warnings()], [], None, loaded)
    c = api.run(s, None if out is None else os.fspath(out), threads)
    record = json.loads(str(c.record()))
    if study:
        return RunResult(record, [], [str(w) for w in c.warnings()], [str(f) for f in c.files()], os.fspath(out),
                         load_run(os.fspath(out)))
    variants = [Variant(jv, rv) for jv, rv in zip(c.variants(), record["variants"])]
    return RunResult(record, variants, [str(w) for w in c.warnings()], [str(f) for f in c.files()],
                     None if out is None else os.fspath(out), load_run(os.fspath(out)) if out is not None else None)


def _grid(t, samples):
    """``time`` of a card from t: an end time, (start, end[, samples]) or an evenly spaced array."""
    if np.ndim(t) == 0:
        return {"start": 0, "end": float(t), "samples": int(samples)}
    t = np.asarray(t, dtype=float) if not isinstance(t, tuple) else t
    if isinstance(t, tuple):
        return {"start": float(t[0]), "end": float(t[1]), "samples": int(t[2]) if len(t) > 2 else int(samples)}
    if len(t) < 2:
        raise ValueError("t: need at least two times")
    grid = np.linspace(t[0], t[-1], len(t))
    if not np.allclose(grid, t, rtol=0, atol=1e-12 * max(1.0, abs(t[-1]))):
        raise ValueError("t: the times must be evenly spaced (t_i = t0 + i (t1 - t0) / (n - 1))")
    return {"start": float(t[0]), "end": float(t[-1]), "samples": len(t)}


def solve(model, params=None, init=None, t=1.0, solver=None, regime="ballistic", samples=201, sde=None,
          threads=None):
    """The limit of one model alone: ``model`` by card name (``effdyn.models()``), ``params`` a dict
    (defaults for the rest), ``init`` statistics by name or whole blocks (``{"m": 0.3}``,
    ``{"Q": [[0.5, 0.1], [0.1, 0.5]]}``; the rest from the initial law), ``t`` the end time,
    ``(start, end, samples)`` or an evenly spaced array, ``solver`` a method name
    (``"dormand-prince-853"``, ``"rk4"`` ...) or a dict (``{"method": ..., "rtol": ..., "atol": ...}``).
    Ballistic: returns a :class:`Trajectory`. Diffusive: ``sde`` (``{"dt", "paths", "seed"}``) and a
    :class:`Variant` with ``ensemble`` and ``paths`` is returned. Bad input raises :class:`ScenarioError`
    naming the card field (``params.lambda``), as the same card would.
    """
    card = {"model": model}
    if params:
        card["params"] = dict(params)
    card["regime"] = regime
    if init:
        card["init"] = dict(init)
    card["time"] = _grid(t, samples)
    if solver is not None:
        card["solver"] = {"method": solver} if isinstance(solver, str) else dict(solver)
    if sde is not None:
        card["sde"] = dict(sde)
    card["output"] = {"csv": False, "chart": False}
    return _solve_card(card, threads)


@_java_errors
def _solve_card(card, threads):
    api = _jvm.jclass("org.effdyn.run.Api")
    c = api.run(api.card(card_text(card), "effdyn.solve"), None, _threads(threads))
    record = json.loads(str(c.record()))
    v = Variant(c.variants().get(0), record["variants"][0])
    return v.limit if v.limit is not None else v


def _default(text):
    if text is None:
        return None
    s = str(text)
    for conv in (int, float):
        try:
            return conv(s)
        except ValueError:
            pass
    return {"true": True, "false": False, ".inf": math.inf, "inf": math.inf}.get(s, s)


@_java_errors
def models():
    """Every model a card can name: ``{name: {"description": str, "parameters": {param: {"default":
    value or None (required), "default_text": as listed, "description": str}}}}``."""
    out = {}
    for f in _jvm.jclass("org.effdyn.card.ModelRegistry").all():
        params = {}
        for p in f.parameters():
            d = p.defaultValue()
            params[str(p.name())] = {"default": _default(d), "default_text": None if d is None else str(d),
                                     "description": str(p.description())}
        out[str(f.name())] = {"description": str(f.description()), "parameters": params}
    return out


# ---- analysis ----

class FixedPoints:
    """What :func:`fixed_points` returns: ``points`` (fixed-points.json's list, each with ``state`` by
    column name, ``blocks`` (the state as blocks), ``stability``, ``eigenvalues`` (complex array),
    ``residual``, ``hits``), ``branches`` (bifurcation.csv split by branch: ``{(branch,): Table}``, with
    ``continuation``), ``specials`` (its fold / branch-point rows), ``basins`` (basins.csv as a Table),
    ``sets`` (fixed-point-sets.md), ``files``, ``out``, ``warnings``."""

    def __init__(self, out, files, warnings):
        self.out, self.files, self.warnings = out, files, warnings
        self.points, self.branches, self.specials, self.basins, self.sets = [], {}, [], None, None
        self.basins_report = None

    def __repr__(self):
        return (f"FixedPoints({len(self.points)} points, {len(self.branches)} branches, "
                f"basins={self.basins is not None}, sets={self.sets is not None})")


def _complex(text):
    return complex(str(text).replace("i", "j")) if isinstance(text, str) else complex(text)


@_java_errors
def fixed_points(card, ranges=None, nonneg=(), grid=9, random=64, seed=1, continuation=None, basins=0,
                 out=None, threads=None, switch=False, second=None, deflate=0, budget=45.0):
    """Fixed points of a card's ballistic limit, as ``effdyn fixed-points`` finds them: Newton from the
    initial state, the end of the card's trajectory, a grid (up to 3 coordinates) and ``random`` starts in
    the box ``ranges`` (``{"m": (-0.5, 1.5)}``; others: the initial value +- max(1, |value|)), keeping
    points with the ``nonneg`` statistics >= 0. ``continuation=("lambda", 2, 6)`` traces every point's
    branch in that parameter (folds, branch points, Hopf points; ``switch=True`` also the branches crossing
    at branch points; ``second=("c_delta", 0.5, 2)`` follows fold, branch-point and Hopf curves in a second
    parameter); ``deflate=N`` adds deflated Newton from N starts; ``budget`` is the search's wall time in
    seconds (as ``--budget``); ``basins=N`` runs the basin study (xor-gmm). Models
    whose fixed points are sets (xor-gmm) report ``sets``. Files go to ``out`` (else a temporary
    directory, removed). Returns :class:`FixedPoints`."""
    J = _jvm.jclass
    s = _scenario(card)
    cont = None
    if continuation is not None:
        name, a, b = continuation
        cont = f"{name}={_yaml_value(float(a))}:{_yaml_value(float(b))}"
    sec = None
    if second is not None:
        name, a, b = second
        sec = f"{name}={_yaml_value(float(a))}:{_yaml_value(float(b))}"
    range_specs = [f"{k}={_yaml_value(float(lo))}:{_yaml_value(float(hi))}" for k, (lo, hi) in (ranges or {}).items()]
    warnings = []

    def go(directory):
        import jpype

        @jpype.JImplements("java.util.function.Consumer")
        class Sink:
            @jpype.JOverride
            def accept(self, w):
                warnings.append(str(w))

        opts = J("org.effdyn.run.FixedPointsRun$Options")(
            _jlist(range_specs), int(grid), int(random), int(seed), _jlist(nonneg),
            cont, bool(switch), sec, int(deflate), float(budget), int(basins), _threads(threads),
            J("java.nio.file.Path").of(directory), Sink())
        fp = J("org.effdyn.run.FixedPointsRun").of(s, opts)
        files = []
        result = FixedPoints(out, files, warnings)
        if fp.reportsSets():
            sets = fp.writeSets()
            if sets.isPresent():
                result.sets = str(sets.get())
                files.append("fixed-point-sets.md")
            if basins:
                b = fp.writeBasins()
                files.extend(str(f) for f in b.files())
                result.basins_report = str(b.report())
                result.basins = load_csv(os.path.join(directory, "basins.csv"))
            return result
        found = fp.search()
        files.extend(str(f) for f in fp.writePoints(found))
        if cont is not None:
            branches = fp.continueBranches(found)
            files.extend(str(f) for f in branches.files())
            if sec is not None:
                files.extend(str(f) for f in fp.continueCurves(branches).files())
        with open(os.path.join(directory, "fixed-points.json"), encoding="utf-8") as fh:
            doc = json.load(fh)
        layout_names = [str(found.layout().name(i)) for i in range(found.layout().size())]
        for p in doc["fixed_points"]:
            p["eigenvalues"] = np.array([_complex(x) for x in p.get("eigenvalues", [])])
            p["vector"] = np.array([p["state"][n] for n in layout_names])
            result.points.append(p)
        path = os.path.join(directory, "bifurcation.csv")
        if os.path.isfile(path):
            table = load_csv(path)
            result.table = table
            result.branches = table.split("branch")
            result.continuation = continuation[0]
            special = table["special"]
            result.specials = [{c: (table[c][i].item() if hasattr(table[c][i], "item") else table[c][i])
                                for c in table.columns} for i in range(len(table)) if str(special[i]) not in ("", "nan")]
        return result

    if out is not None:
        os.makedirs(out, exist_ok=True)
        return go(os.fspath(out))
    with tempfile.TemporaryDirectory(prefix="effdyn-fp-") as tmp:
        r = go(tmp)
        r.out = None
        return r


@_java_errors
def sweep(card, params, out=None, threads=None):
    """Runs a card at every point of a parameter grid, as ``effdyn sweep``: ``params`` maps a parameter
    to ``(a, b, n)`` (n values from a to b, ends included); the first varies slowest. Returns
    summary.csv as a pandas DataFrame (one row per grid point: the parameters, ``t_end``, ``end_<stat>``,
    fixed point ``fp_<stat>``, ``status``, ``error``), with exactly the file's numbers. Files (one CSV per
    point, summary.csv, summary.png) go to ``out``, else a temporary directory (removed)."""
    import pandas as pd
    api = _jvm.jclass("org.effdyn.run.Api")
    s = _scenario(card)
    axes = [f"{k}={_yaml_value(float(a))}:{_yaml_value(float(b))}:{int(n)}" for k, (a, b, n) in params.items()]

    def go(directory):
        api.sweep(s, _jlist(axes), directory, _threads(threads))
        table = load_csv(os.path.join(directory, "summary.csv"))
        return pd.DataFrame({c: table[c] for c in table.columns}, columns=table.columns)

    if out is not None:
        return go(os.fspath(out))
    with tempfile.TemporaryDirectory(prefix="effdyn-sweep-") as tmp:
        return go(tmp)


class Validation:
    """What :func:`validate` returns: ``name``, ``passed``, ``rate`` (fitted slope of log error on log d
    with its 95% interval: ``slope``, ``lower``, ``upper``), ``dims`` (per d: ``d``, ``seeds``,
    ``failed``, ``sup`` (per-seed sup errors), ``mean``, ``se``, ``per_statistic``), ``oracles``,
    ``errors`` (errors.csv as a Table), ``report`` (report.md), ``files``, ``out``."""

    def __repr__(self):
        return f"Validation({self.name!r}, passed={self.passed}, slope={self.rate['slope'] if self.rate else None})"


@_java_errors
def validate(case, full=False, out=None, threads=None):
    """Runs one validation case (a name in validation/, or a path to its YAML) as ``effdyn validate CASE``
    does, writing its report to ``out/CASE/`` (else a temporary directory, removed). ``full`` runs the
    larger dimensions. Returns :class:`Validation`."""
    J = _jvm.jclass
    Path = J("java.nio.file.Path")
    vcase = J("org.effdyn.card.ValidationCase").load(
        J("org.effdyn.run.validate.ValidationSuite").file(Path.of(os.path.join(_REPO, "validation")), os.fspath(case)))

    def go(directory):
        r = J("org.effdyn.run.validate.ValidationRunner").run(vcase, bool(full), _threads(threads), None)
        files = [str(f) for f in J("org.effdyn.run.validate.Report").write(Path.of(directory), r)]
        v = Validation()
        v.name, v.passed, v.files, v.out = str(vcase.name()), bool(r.passed()), files, out
        fit = r.fit()
        v.rate = None if fit is None else {"slope": float(fit.slope()), "lower": float(fit.lower()),
                                           "upper": float(fit.upper()), "intercept": float(fit.intercept())}
        v.dims = [{"d": int(d.d()), "seeds": int(d.seeds()), "failed": int(d.failed()),
                   "sup": np.array(d.sup(), dtype=float), "mean": float(d.mean()), "se": float(d.se()),
                   "per_statistic": {str(k): float(x) for k, x in d.perStat().items()}} for d in r.dims()]
        v.oracles = [{"oracle": str(o.oracle()), "measured": float(o.measured()), "pass": bool(o.pass_()),
                      "note": None if o.note() is None else str(o.note())} for o in r.oracles()]
        base = os.path.join(directory, v.name)
        v.errors = load_csv(os.path.join(base, "errors.csv"))
        with open(os.path.join(base, "report.md"), encoding="utf-8") as fh:
            v.report = fh.read()
        return v

    if out is not None:
        return go(os.fspath(out))
    with tempfile.TemporaryDirectory(prefix="effdyn-validate-") as tmp:
        return go(tmp)
