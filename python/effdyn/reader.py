"""Read EffDyn output directories into named numpy arrays (standard library and numpy only).

docs/outputs.md describes every file the ``effdyn`` commands write. This module loads a directory
written by ``effdyn run`` (or ``sweep``, ``fixed-points``, one case of ``validate``):

* ``run.json`` as a dict (:attr:`Run.record`);
* every CSV file with a header as a :class:`Table` of named 1-D arrays (integers where the file writes
  integers, floats otherwise, empty cells as NaN; text columns as string arrays);
* every CSV file without a header (the DMF kernels ``Vtheta.csv`` ...) as a 2-D float array;
* any other JSON file (``fixed-points.json``) as parsed JSON.

Statistics are rebuilt into their blocks with the layout run.json records for each variant: a scalar
``m`` becomes an array of shape (rows,), a vector ``v`` (rows, n), a matrix ``R`` (rows, r, c) and a
symmetric matrix ``Q``, stored once per pair ``Q[k,l]`` with k <= l, a full (rows, n, n) array. Long-
format files (``sgd.csv``, ``paths.csv``, ``sim.csv`` ...) are split by their key columns.

Example::

    from effdyn.reader import load_run
    run = load_run("out/committee-erf-k2")
    lim = run.statistics("limit")             # {"t": (501,), "Q": (501, 2, 2), "R": ..., "v": ..., "eps_g": ...}
    sgd = run.statistics("sgd")               # {(500, 0): {"t": ..., "Q": ..., ...}}: key (d, seed)
    run.record["git_commit"], run.layout().blocks[0].shape
"""

import csv
import json
import math
import os
import re

import numpy as np

__all__ = ["LONG_FORMAT_KEYS", "Block", "Layout", "Table", "Run", "load_csv", "load_run"]

#: Key columns of the long-format files, by file stem (the file name without the variant suffix and
#: ``.csv``): one row per (key, time) or (key, item). The statistics follow the key columns.
LONG_FORMAT_KEYS = {
    "sgd": ("d", "seed"),
    "limit-sgd": ("d", "seed"),
    "sim": ("d", "seed"),
    "paths": ("path",),
    "spectrum": ("d", "seed"),
    "alignment": ("d", "seed"),
    "vectors": ("d", "seed", "block"),
    "bifurcation": ("branch",),
    "errors": ("d",),
}

_INT = re.compile(r"[+-]?\d+\Z")
_INDEX = re.compile(r"^(?P<name>[^\[\]]+)\[(?P<i>\d+)(?:,(?P<j>\d+))?\]\Z")


def _is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def _column(values):
    """One CSV column as an array: int64 if every cell is an integer, float64 if every non-empty cell
    is a number (empty cells NaN; Java's NaN and Infinity parse), else str."""
    if values and all(_INT.match(v) for v in values):
        return np.array([int(v) for v in values], dtype=np.int64)
    filled = [v for v in values if v != ""]
    if filled and all(_is_number(v) for v in filled):
        return np.array([float(v) if v != "" else math.nan for v in values], dtype=np.float64)
    if not values:
        return np.zeros(0, dtype=np.float64)
    return np.array(values, dtype=str)


class Table:
    """A CSV file with a header: its columns in file order, each a 1-D numpy array of one length.

    ``table["Q[1,2]"]`` is a column, ``len(table)`` the number of rows, ``table.columns`` the header.
    """

    def __init__(self, name, columns, data):
        self.name = name
        self.columns = list(columns)
        self._data = dict(data)

    def __getitem__(self, column):
        try:
            return self._data[column]
        except KeyError:
            raise KeyError(f"{self.name}: no column {column!r}; columns: {self.columns}") from None

    def __contains__(self, column):
        return column in self._data

    def __iter__(self):
        return iter(self.columns)

    def __len__(self):
        return len(self._data[self.columns[0]]) if self.columns else 0

    def __repr__(self):
        return f"Table({self.name!r}, {len(self)} rows, columns={self.columns})"

    def keys(self):
        """The column names, in file order."""
        return list(self.columns)

    def select(self, mask, name=None):
        """The rows where ``mask`` (a boolean array or index array) holds, as a new table."""
        return Table(name or self.name, self.columns, {c: self._data[c][mask] for c in self.columns})

    def split(self, *keys):
        """Splits a long-format table by its key columns.

        Returns a dict from the tuple of key values (in order of first appearance; numbers as Python
        ints or floats) to the rows with those values, without the key columns. With no ``keys``, the
        keys of :data:`LONG_FORMAT_KEYS` for this file's stem.
        """
        if not keys:
            keys = _long_keys(self.name)
            if not keys:
                raise ValueError(f"{self.name}: not a long-format file; give the key columns")
        for k in keys:
            if k not in self._data:
                raise KeyError(f"{self.name}: no key column {k!r}; columns: {self.columns}")
        rest = [c for c in self.columns if c not in keys]
        groups = {}
        cols = [self._data[k] for k in keys]
        for row in range(len(self)):
            key = tuple(c[row].item() for c in cols)
            groups.setdefault(key, []).append(row)
        return {key: Table(f"{self.name}{list(key)}", rest, {c: self._data[c][np.array(rows, dtype=np.int64)]
                                                              for c in rest})
                for key, rows in groups.items()}

    def to_array(self, columns=None):
        """The named (default: all numeric) columns as a 2-D float array, one column per name."""
        if columns is None:
            columns = [c for c in self.columns if self._data[c].dtype.kind in "if"]
        return np.column_stack([self._data[c].astype(np.float64) for c in columns]) if columns \
            else np.zeros((len(self), 0))


def load_csv(path):
    """Reads one CSV file: a :class:`Table` if its first row is a header, else (no cell of the first
    row is text: the DMF kernel matrices) a 2-D float array."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    name = os.path.basename(path)
    if not rows:
        return Table(name, [], {})
    if all(_is_number(v) for v in rows[0]):
        return np.array([[float(v) for v in r] for r in rows], dtype=np.float64)
    header, body = rows[0], rows[1:]
    if len(set(header)) != len(header):
        raise ValueError(f"{path}: repeated column names in the header")
    for n, r in enumerate(body, start=2):
        if len(r) != len(header):
            raise ValueError(f"{path}:{n}: {len(r)} cells, the header has {len(header)}")
    cols = list(zip(*body)) if body else [()] * len(header)
    return Table(name, header, {h: _column(list(c)) for h, c in zip(header, cols)})


class Block:
    """One block of a state layout: ``name``, ``kind`` (scalar, vector, matrix, symmetric),
    ``shape`` (() for a scalar, (n,), (rows, cols) or (n, n)), ``offset`` into the state vector and
    the CSV ``columns`` holding it, in order."""

    KINDS = ("scalar", "vector", "matrix", "symmetric")

    def __init__(self, name, kind, shape, offset, columns):
        if kind not in self.KINDS:
            raise ValueError(f"block {name}: unknown kind {kind!r}")
        self.name = name
        self.kind = kind
        self.shape = tuple(int(s) for s in shape)
        self.offset = int(offset)
        self.columns = list(columns)
        expected = {"scalar": 1, "vector": self.shape[0] if self.shape else 0,
                    "matrix": int(np.prod(self.shape)) if self.shape else 0,
                    "symmetric": self.shape[0] * (self.shape[0] + 1) // 2 if self.shape else 0}[kind]
        if len(self.columns) != expected:
            raise ValueError(f"block {name}: {len(self.columns)} columns for a {kind} of shape {self.shape}")

    def __repr__(self):
        return f"Block({self.name!r}, {self.kind}, shape={self.shape})"

    def indices(self, column):
        """0-based (i,) or (i, j) of one of this block's columns, e.g. ``Q[1,2]`` -> (0, 1)."""
        if self.kind == "scalar":
            return ()
        m = _INDEX.match(column)
        if not m or m.group("name") != self.name:
            raise ValueError(f"block {self.name}: column {column!r} is not of the form {self.name}[i] or {self.name}[i,j]")
        ij = (int(m.group("i")) - 1,) if m.group("j") is None else (int(m.group("i")) - 1, int(m.group("j")) - 1)
        if len(ij) != (1 if self.kind == "vector" else 2):
            raise ValueError(f"block {self.name}: column {column!r} has the wrong number of indices")
        return ij

    def unpack(self, get, rows):
        """The block's values from ``get(column) -> (rows,) array``: shape (rows,) + shape; a symmetric
        block is filled in both halves from its upper triangle."""
        if self.kind == "scalar":
            return np.asarray(get(self.columns[0]), dtype=np.float64)
        out = np.full((rows,) + self.shape, np.nan)
        for c in self.columns:
            ij = self.indices(c)
            x = np.asarray(get(c), dtype=np.float64)
            out[(slice(None),) + ij] = x
            if self.kind == "symmetric":
                out[:, ij[1], ij[0]] = x
        return out

    def pack(self, value):
        """The inverse of :meth:`unpack` for one state: the block's coordinates in column order."""
        v = np.asarray(value, dtype=np.float64)
        if self.kind == "scalar":
            return np.array([float(v)])
        return np.array([v[self.indices(c)] for c in self.columns])


class Layout:
    """The named statistics of one variant, from run.json's ``variants[i].layout``: ``blocks`` in
    order, their state ``columns`` (the CSV header after ``t`` and any key columns) and the
    ``derived_columns`` that follow them."""

    def __init__(self, blocks, derived_columns=()):
        self.blocks = list(blocks)
        self.derived_columns = list(derived_columns)

    @classmethod
    def from_record(cls, layout):
        """From the ``layout`` object of a variant in run.json."""
        return cls([Block(b["name"], b["kind"], b["shape"], b["offset"], b["columns"]) for b in layout["blocks"]],
                   layout.get("derived_columns", ()))

    def __repr__(self):
        return f"Layout({self.blocks}, derived={self.derived_columns})"

    @property
    def columns(self):
        """The state columns, in order."""
        return [c for b in self.blocks for c in b.columns]

    def block(self, name):
        """The block with this name."""
        for b in self.blocks:
            if b.name == name:
                return b
        raise KeyError(f"no block {name!r}; blocks: {[b.name for b in self.blocks]}")

    def unpack(self, table, prefix="", suffix=""):
        """Every block of a wide table as an array with a leading row axis (see :class:`Block`), then
        ``t`` and the derived columns if the table has them. ``prefix``/``suffix`` select columns such
        as ``Q[1,2]_mean`` of ``ensemble.csv`` (suffix ``_mean``, ``_std``, ``_q05`` ...)."""
        rows = len(table)
        out = {}
        if "t" in table:
            out["t"] = table["t"]
        for b in self.blocks:
            out[b.name] = b.unpack(lambda c: table[prefix + c + suffix], rows)
        for d in self.derived_columns:
            if prefix + d + suffix in table:
                out[d] = table[prefix + d + suffix]
        return out

    def unpack_state(self, state):
        """One state (a mapping from column name to value, e.g. run.json's ``initial_state``, or a
        sequence in column order) as a dict of blocks: a float per scalar, arrays of the block's shape."""
        if not hasattr(state, "keys"):
            state = dict(zip(self.columns, state))
        blocks = {}
        for b in self.blocks:
            v = b.unpack(lambda c: np.array([state[c]], dtype=np.float64), 1)
            blocks[b.name] = float(v[0]) if b.kind == "scalar" else v[0]
        return blocks

    def pack_state(self, blocks):
        """The inverse of :meth:`unpack_state`: the state vector in column order."""
        return np.concatenate([b.pack(blocks[b.name]) for b in self.blocks]) if self.blocks else np.zeros(0)


def _long_keys(file_name):
    """The key columns of a long-format file name (with or without a variant suffix), else ()."""
    base = os.path.basename(file_name)
    base = base[:-4] if base.endswith(".csv") else base
    for stem in sorted(LONG_FORMAT_KEYS, key=len, reverse=True):
        if base == stem or base.startswith(stem + "-"):
            return LONG_FORMAT_KEYS[stem]
    return ()


class Run:
    """An output directory, loaded.

    Attributes:
        path: the directory.
        record: run.json as a dict, or None (``sweep``, ``fixed-points`` and ``validate`` write none).
        files: every file under the directory, as paths relative to it with ``/``, sorted.
        tables: CSV files with a header, by relative path (``limit.csv``, ``variants/000_lambda=1.csv``).
        matrices: CSV files without a header (the DMF kernels), by relative path, as 2-D arrays.
        documents: other JSON files (``fixed-points.json``), parsed.
    """

    def __init__(self, path, record, files, tables, matrices, documents):
        self.path = path
        self.record = record
        self.files = files
        self.tables = tables
        self.matrices = matrices
        self.documents = documents

    def __repr__(self):
        return f"Run({self.path!r}, files={self.files})"

    def __getitem__(self, file_name):
        for d in (self.tables, self.matrices, self.documents):
            if file_name in d:
                return d[file_name]
        if file_name == "run.json" and self.record is not None:
            return self.record
        raise KeyError(f"{self.path}: no loaded file {file_name!r}; files: {self.files}")

    @property
    def variants(self):
        """The variant labels in card order (``[None]`` for a card without variants); [] without run.json."""
        return [v.get("label") for v in (self.record or {}).get("variants", [])]

    def _variant(self, variant):
        labels = self.variants
        if not labels:
            raise ValueError(f"{self.path}: no run.json with variants")
        if isinstance(variant, int) and not isinstance(variant, bool):
            return self.record["variants"][variant]
        if variant is None and len(labels) == 1:
            return self.record["variants"][0]
        for v in self.record["variants"]:
            if v.get("label") == variant:
                return v
        raise KeyError(f"{self.path}: no variant {variant!r}; variants: {labels}")

    def layout(self, variant=None):
        """The :class:`Layout` of a variant (its label, its index, or None for a card without variants)."""
        v = self._variant(variant)
        if "layout" not in v:
            raise ValueError(f"{self.path}: variant {v.get('label')!r} has no state layout "
                             f"(model {self.record.get('model')!r} writes its own tables)")
        return Layout.from_record(v["layout"])

    def file_name(self, stem, variant=None):
        """``STEM.csv`` or ``STEM-LABEL.csv``, the name a variant's file has."""
        label = self._variant(variant).get("label") if self.variants else None
        return f"{stem}.csv" if label is None else f"{stem}-{label}.csv"

    def table(self, stem, variant=None):
        """A variant's table by stem, e.g. ``table("sgd", "relu")`` is ``sgd-relu.csv``."""
        return self.tables[self.file_name(stem, variant)]

    def split(self, stem, variant=None):
        """A variant's long-format file split by its key columns (:data:`LONG_FORMAT_KEYS`)."""
        return self.table(stem, variant).split(*LONG_FORMAT_KEYS[stem])

    def statistics(self, stem="limit", variant=None, suffix=""):
        """A variant's statistics rebuilt into blocks (:meth:`Layout.unpack`), with ``t`` and the
        derived columns. A long-format file (``sgd``, ``paths``, ``limit-sgd``) gives a dict from its
        key (``(d, seed)``, ``(path,)``) to those dicts. ``suffix`` picks the ``ensemble`` summary
        columns: ``_mean``, ``_std``, ``_q05``, ``_q25``, ``_q50``, ``_q75``, ``_q95``."""
        layout = self.layout(variant)
        if stem in LONG_FORMAT_KEYS:
            return {k: layout.unpack(t, suffix=suffix) for k, t in self.split(stem, variant).items()}
        return layout.unpack(self.table(stem, variant), suffix=suffix)


def load_run(path):
    """Loads an output directory (see the module comment); returns a :class:`Run`.

    Raises FileNotFoundError if ``path`` is not a directory and ValueError for a malformed CSV file.
    """
    if not os.path.isdir(path):
        raise FileNotFoundError(f"not a directory: {path}")
    files = []
    for root, _dirs, names in os.walk(path):
        for n in names:
            files.append(os.path.relpath(os.path.join(root, n), path).replace(os.sep, "/"))
    files.sort()
    record = None
    tables, matrices, documents = {}, {}, {}
    for f in files:
        full = os.path.join(path, *f.split("/"))
        if f == "run.json":
            with open(full, encoding="utf-8") as fh:
                record = json.load(fh)
        elif f.endswith(".json"):
            with open(full, encoding="utf-8") as fh:
                documents[f] = json.load(fh)
        elif f.endswith(".csv"):
            x = load_csv(full)
            if isinstance(x, Table):
                x.name = f
                tables[f] = x
            else:
                matrices[f] = x
    return Run(path, record, files, tables, matrices, documents)
