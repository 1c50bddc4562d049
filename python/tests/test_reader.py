"""Tests of effdyn.reader.

ReaderOnSmallFilesTest runs anywhere (files written here). OutputsTest needs the outputs of every card:
``.ci/python-check`` runs every card of models/, fixed-points, sweep and validate cases into a directory
and sets EFFDYN_OUTPUTS to it (layout: cards/NAME, fixed-points/NAME, sweep/NAME, validation/, and
kinds.tsv naming the kinds of docs/outputs.md's file index each non-card directory is). Run with
Debian's python3 (numpy):

    EFFDYN_OUTPUTS=/tmp/outs PYTHONPATH=python /usr/bin/python3 -m unittest discover -s python/tests
"""

import hashlib
import json
import math
import os
import re
import tempfile
import unittest

import numpy as np

from effdyn.reader import LONG_FORMAT_KEYS, Layout, Table, load_csv, load_run

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOC = os.path.join(REPO, "docs", "outputs.md")
OUTPUTS = os.environ.get("EFFDYN_OUTPUTS")

_ROW = re.compile(r"^\| `([a-z0-9.-]+)` \| [^|]* \| (.*) \|\s*$")
_FILE = re.compile(r"`([^`]+)`(†?)")
_NAME = re.compile(r"`([A-Za-z0-9_./=\-]+\.(?:csv|json|png|svg|pdf|md))`")


def doc_lines():
    """(section, line) for every line of docs/outputs.md, section the title of its "## " heading."""
    section = None
    with open(DOC, encoding="utf-8") as f:
        for line in f:
            if line.startswith("## "):
                section = line[3:].strip()
            yield section, line


def file_index():
    """The table of docs/outputs.md's section "File index": kind -> [(file, pending)]; pending files
    are marked with †."""
    index = {}
    for section, line in doc_lines():
        m = _ROW.match(line)
        if m and section == "File index":
            index[m.group(1)] = [(n, p == "†") for n, p in _FILE.findall(m.group(2))]
    return index


def described_names():
    """Every file name in backticks in docs/outputs.md outside its file index."""
    return {n for section, line in doc_lines() if section != "File index" for n in _NAME.findall(line)}


def suffixed(name, label):
    """name with -LABEL before its extension (unchanged for label None)."""
    if label is None:
        return name
    stem, ext = os.path.splitext(name)
    return f"{stem}-{label}{ext}"


def normalize(rel, labels=(), cases=()):
    """A file of an output directory as docs/outputs.md names it: no variant label, sweep variant
    files and validation case directories by their placeholders."""
    m = re.fullmatch(r"variants/\d+(_[^/]+)*\.(csv|json)", rel)
    if m:
        return "variants/NNN_NAME=VALUE." + m.group(2)
    first, _, rest = rel.partition("/")
    if rest and first in cases:
        return "CASE/" + rest
    stem, ext = os.path.splitext(rel)
    for label in sorted((l for l in labels if l), key=len, reverse=True):
        if stem.endswith("-" + label):
            return stem[: -len(label) - 1] + ext
    return rel


def card_kinds(record):
    """The kinds of docs/outputs.md's file index an `effdyn run` directory is, from its run.json."""
    kinds = {"run"}
    out = record.get("output", {})
    csv_, chart = out.get("csv", True), out.get("chart", True)
    model = record["model"]
    if model == "dmf":
        v = record["variants"][0]
        if csv_:
            kinds.add("dmf")
            if v["method"].startswith("monte carlo"):
                kinds.add("dmf.monte-carlo")
            if "simulate" in v:
                kinds.add("dmf.simulate")
        if chart:
            kinds.add("dmf.chart")
        return kinds
    if model == "sample-complexity":
        if csv_:
            kinds.add("sample-complexity")
        if chart:
            kinds.add("sample-complexity.chart")
        return kinds
    regime = record["regime"]
    if chart:
        kinds.add("run.chart")
    if csv_:
        kinds.add("run." + regime)
        if "simulate" in record:
            kinds.add("run.simulate")
            if regime == "ballistic" and record["simulate"].get("limit_start", "measured") != "card":
                kinds.add("run.simulate.ballistic")
        if "spectrum" in record:
            kinds.add("run.spectrum")
            if model == "kgmm":
                kinds.add("run.spectrum.kgmm")
    if chart and "spectrum" in record:
        kinds.add("run.spectrum.chart")
        if model == "kgmm":
            kinds.add("run.spectrum.kgmm.chart")
    return kinds


def check_file_loads(case, run, rel):
    """Every file of a directory loads: CSV as a table or matrix, JSON parsed, images and text non-empty."""
    path = os.path.join(run.path, *rel.split("/"))
    with open(path, "rb") as f:
        head = f.read(512)
    case.assertTrue(head, f"{path} is empty")
    if rel.endswith(".csv"):
        case.assertTrue(rel in run.tables or rel in run.matrices, rel)
    elif rel == "run.json":
        case.assertIsInstance(run.record, dict)
    elif rel.endswith(".json"):
        case.assertIn(rel, run.documents)
    elif rel.endswith(".png"):
        case.assertTrue(head.startswith(b"\x89PNG\r\n\x1a\n"), f"{path} is not a PNG")
    elif rel.endswith(".svg"):
        case.assertIn(b"<svg", head, f"{path} is not an SVG")
    elif rel.endswith(".pdf"):
        case.assertTrue(head.startswith(b"%PDF"), f"{path} is not a PDF")
    elif rel.endswith(".md"):
        with open(path, encoding="utf-8") as f:
            case.assertTrue(f.read().strip(), path)
    else:
        case.fail(f"{path}: unexpected file type")


class ReaderOnSmallFilesTest(unittest.TestCase):
    """The reader on a hand-written run directory with every kind of block."""

    LAYOUT = {"packing": "...", "derived_columns": ["eps"], "blocks": [
        {"name": "m", "kind": "scalar", "shape": [], "offset": 0, "columns": ["m"]},
        {"name": "v", "kind": "vector", "shape": [2], "offset": 1, "columns": ["v[1]", "v[2]"]},
        {"name": "R", "kind": "matrix", "shape": [2, 3], "offset": 3,
         "columns": ["R[1,1]", "R[1,2]", "R[1,3]", "R[2,1]", "R[2,2]", "R[2,3]"]},
        {"name": "Q", "kind": "symmetric", "shape": [3, 3], "offset": 9,
         "columns": ["Q[1,1]", "Q[1,2]", "Q[1,3]", "Q[2,2]", "Q[2,3]", "Q[3,3]"]}]}

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        cols = [c for b in self.LAYOUT["blocks"] for c in b["columns"]] + ["eps"]
        self.columns = cols
        header = ",".join(f'"{c}"' if "," in c else c for c in cols)
        self.rows = [[float(10 * i + j) for j in range(len(cols))] for i in range(3)]
        with open(os.path.join(self.dir, "limit-a.csv"), "w", encoding="utf-8") as f:
            f.write("t," + header + "\n")
            for i, r in enumerate(self.rows):
                f.write(f"{0.5 * i}," + ",".join(repr(x) for x in r) + "\n")
        with open(os.path.join(self.dir, "sgd-a.csv"), "w", encoding="utf-8") as f:
            f.write("d,seed,t," + header + "\n")
            for d in (50, 80):
                for s in (0, 1):
                    for i, r in enumerate(self.rows):
                        f.write(f"{d},{s},{0.5 * i}," + ",".join(repr(x + d + s) for x in r) + "\n")
        with open(os.path.join(self.dir, "K.csv"), "w", encoding="utf-8") as f:
            f.write("1.0,2.0\n3.0,4.0\n")
        with open(os.path.join(self.dir, "mixed.csv"), "w", encoding="utf-8") as f:
            f.write("index,x,status,when\n0,1.5,ok,\n1,NaN,failed,2.5\n2,-Infinity,ok,\n")
        state = {c: self.rows[0][j] for j, c in enumerate(cols[:-1])}
        record = {"model": "test", "regime": "ballistic", "variants": [
            {"label": "a", "layout": self.LAYOUT, "initial_state": state}]}
        with open(os.path.join(self.dir, "run.json"), "w", encoding="utf-8") as f:
            json.dump(record, f)

    def tearDown(self):
        self.tmp.cleanup()

    def test_tables_keep_quoted_names_and_column_types(self):
        run = load_run(self.dir)
        self.assertEqual(run.files, ["K.csv", "limit-a.csv", "mixed.csv", "run.json", "sgd-a.csv"])
        lim = run.tables["limit-a.csv"]
        self.assertEqual(lim.columns, ["t"] + self.columns)
        self.assertEqual(lim["Q[2,3]"].tolist(), [r[self.columns.index("Q[2,3]")] for r in self.rows])
        mixed = run.tables["mixed.csv"]
        self.assertEqual(mixed["index"].dtype, np.int64)
        self.assertTrue(math.isnan(mixed["x"][1]) and mixed["x"][2] == -math.inf)
        self.assertEqual(mixed["status"].tolist(), ["ok", "failed", "ok"])
        self.assertTrue(math.isnan(mixed["when"][0]) and mixed["when"][1] == 2.5)
        np.testing.assert_array_equal(run.matrices["K.csv"], [[1.0, 2.0], [3.0, 4.0]])
        self.assertIsInstance(load_csv(os.path.join(self.dir, "K.csv")), np.ndarray)

    def test_blocks_are_rebuilt_from_the_layout(self):
        run = load_run(self.dir)
        s = run.statistics("limit", "a")
        self.assertEqual(s["m"].shape, (3,))
        self.assertEqual(s["v"].shape, (3, 2))
        self.assertEqual(s["R"].shape, (3, 2, 3))
        self.assertEqual(s["Q"].shape, (3, 3, 3))
        row, col = self.rows[1], self.columns.index
        self.assertEqual(s["R"][1, 1, 2], row[col("R[2,3]")])
        self.assertEqual(s["Q"][1, 2, 0], row[col("Q[1,3]")])   # lower half from the upper triangle
        np.testing.assert_array_equal(s["Q"], s["Q"].transpose(0, 2, 1))
        np.testing.assert_array_equal(s["eps"], [r[-1] for r in self.rows])
        layout = run.layout("a")
        for i, r in enumerate(self.rows):
            blocks = {b.name: s[b.name][i] for b in layout.blocks}
            np.testing.assert_array_equal(layout.pack_state(blocks), r[:-1])
        start = layout.unpack_state(run.record["variants"][0]["initial_state"])
        np.testing.assert_array_equal(start["Q"], s["Q"][0])
        self.assertEqual(start["m"], s["m"][0])

    def test_long_files_split_by_their_keys(self):
        run = load_run(self.dir)
        parts = run.tables["sgd-a.csv"].split()
        self.assertEqual(list(parts), [(50, 0), (50, 1), (80, 0), (80, 1)])
        self.assertEqual(parts[(80, 1)].columns, ["t"] + self.columns)
        self.assertEqual(parts[(80, 1)]["m"].tolist(), [r[0] + 81 for r in self.rows])
        s = run.statistics("sgd", "a")
        self.assertEqual(s[(50, 1)]["Q"].shape, (3, 3, 3))
        self.assertEqual(LONG_FORMAT_KEYS["sgd"], ("d", "seed"))
        with self.assertRaises(KeyError):
            run.layout("b")


class FileIndexTest(unittest.TestCase):
    """docs/outputs.md's file index, which OutputsTest checks the outputs against."""

    def test_every_file_of_the_index_is_described(self):
        index, described = file_index(), described_names()
        self.assertIn("run", index)
        self.assertIn(("limit.csv", False), index["run.ballistic"])
        self.assertIn(("chart.svg", False), index["run.chart"])
        for kind, files in index.items():
            self.assertTrue(files, kind)
            for name, _ in files:
                self.assertIn(name.replace("CASE/", ""), described, f"{name} ({kind}) has no description in docs/outputs.md")

    def test_names_are_normalized_as_documented(self):
        self.assertEqual(normalize("limit-K4.csv", ["K4"]), "limit.csv")
        self.assertEqual(normalize("limit-sgd-soft-1e4.csv", ["exact", "soft-1e4"]), "limit-sgd.csv")
        self.assertEqual(normalize("limit-sgd.csv", []), "limit-sgd.csv")
        self.assertEqual(normalize("variants/007_lambda=2_c_delta=1.csv"), "variants/NNN_NAME=VALUE.csv")
        self.assertEqual(normalize("variants/007_lambda=2_c_delta=1.json"), "variants/NNN_NAME=VALUE.json")
        self.assertEqual(normalize("xor-k4/errors.svg", cases=["xor-k4"]), "CASE/errors.svg")


@unittest.skipUnless(OUTPUTS, "set EFFDYN_OUTPUTS to the directory .ci/python-check fills")
class OutputsTest(unittest.TestCase):
    """Every card's output (and the fixed-points, sweep and validate outputs) against docs/outputs.md."""

    @classmethod
    def setUpClass(cls):
        cls.index = file_index()
        cls.names = {name for files in cls.index.values() for name, _ in files}
        cls.kinds = {}
        kinds_file = os.path.join(OUTPUTS, "kinds.tsv")
        if os.path.exists(kinds_file):
            with open(kinds_file, encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        d, k = line.rstrip("\n").split("\t")
                        cls.kinds[d] = set(k.split())
        cards = os.path.join(OUTPUTS, "cards")
        cls.cards = sorted(os.listdir(cards)) if os.path.isdir(cards) else []

    def test_every_card_ran(self):
        cards = sorted(f[:-5] for f in os.listdir(os.path.join(REPO, "models")) if f.endswith(".yaml"))
        self.assertTrue(cards)
        for c in cards:
            self.assertIn(c, self.cards, f"models/{c}.yaml has no output under {OUTPUTS}/cards")

    def check_directory(self, run, kinds, labels=(None,), per_variant=lambda name: False, cases=()):
        """The files of the directory's kinds exist (for every variant where they are per variant),
        every file in it is documented, and every file loads."""
        for kind in kinds:
            self.assertIn(kind, self.index, f"kind {kind} is not in docs/outputs.md's file index")
            for name, pending in self.index[kind]:
                if pending or "CASE/" in name or name.startswith("variants/"):
                    continue
                for label in (labels if per_variant(name) else (None,)):
                    expected = suffixed(name, label)
                    self.assertIn(expected, run.files, f"{run.path}: missing {expected} ({kind})")
        for rel in run.files:
            self.assertIn(normalize(rel, [l for l in labels if l], cases), self.names,
                          f"{run.path}/{rel} is not in docs/outputs.md's file index")
            check_file_loads(self, run, rel)

    def test_card_outputs(self):
        for name in self.cards:
            with self.subTest(card=name):
                run = load_run(os.path.join(OUTPUTS, "cards", name))
                self.assertIsNotNone(run.record, f"{name}: no run.json")
                rec = run.record
                kinds = card_kinds(rec)
                study = rec["model"] in ("dmf", "sample-complexity")
                labels = run.variants
                self.check_directory(run, kinds, labels,
                                     per_variant=lambda f: study or not (f == "run.json" or f.startswith("chart.")))
                self.check_record(rec)
                if study:
                    self.check_study(run)
                else:
                    for i in range(len(labels)):
                        self.check_variant(run, i)

    def check_record(self, rec):
        card = os.path.join(REPO, rec["card"])
        if os.path.isfile(card):
            with open(card, "rb") as f:
                self.assertEqual(rec["card_sha256"], hashlib.sha256(f.read()).hexdigest())
        self.assertTrue(rec["git_commit"] is None or re.fullmatch(r"[0-9a-f]{40}", rec["git_commit"]))
        self.assertEqual(rec["git_dirty"] is None, rec["git_commit"] is None)
        self.assertTrue(rec["dependencies"]["org.hipparchus:hipparchus-core"])
        self.assertIn("run.json", rec["outputs"])

    def check_variant(self, run, i):
        rec = run.record
        v = rec["variants"][i]
        label = v["label"]
        layout = run.layout(i)
        state = layout.columns
        self.assertEqual(state, [c for b in v["layout"]["blocks"] for c in b["columns"]])
        columns = state + layout.derived_columns
        samples = rec["time"]["samples"]
        for b in layout.blocks:
            self.assertEqual(len(b.shape), {"scalar": 0, "vector": 1, "matrix": 2, "symmetric": 2}[b.kind], b)
            if b.kind == "symmetric":
                n = b.shape[0]
                self.assertEqual(b.columns, [f"{b.name}[{k},{l}]" for k in range(1, n + 1) for l in range(k, n + 1)])
            if b.kind == "matrix":
                r, c = b.shape
                self.assertEqual(b.columns, [f"{b.name}[{k},{l}]" for k in range(1, r + 1) for l in range(1, c + 1)])

        def blocks_round_trip(table, keys, suffix=""):
            self.assertEqual(table.columns, list(keys) + ["t"] + [c + suffix for c in columns], table.name)
            parts = table.split(*keys) if keys else {(): table}
            for part in parts.values():
                s = layout.unpack(part, suffix=suffix)
                rows = len(part)
                for b in layout.blocks:
                    self.assertEqual(s[b.name].shape, (rows,) + b.shape, (table.name, b.name))
                    if b.kind == "symmetric":
                        np.testing.assert_array_equal(s[b.name], s[b.name].transpose(0, 2, 1))
                flat = part.to_array([c + suffix for c in state])
                for r in sorted({0, rows // 2, rows - 1}):
                    np.testing.assert_array_equal(layout.pack_state({b.name: s[b.name][r] for b in layout.blocks}), flat[r])
            return parts

        if rec["regime"] == "ballistic" and "limit.csv" in [normalize(f, [label]) for f in run.files]:
            lim = run.table("limit", i)
            blocks_round_trip(lim, ())
            first = layout.unpack_state(v["initial_state"])
            s = run.statistics("limit", i)
            for b in layout.blocks:
                np.testing.assert_array_equal(s[b.name][0], first[b.name], f"{run.path}: row 0 of limit is not initial_state")
            last = layout.unpack_state(v["final_state"])
            for b in layout.blocks:
                np.testing.assert_array_equal(s[b.name][-1], last[b.name])
            self.assertEqual(s["t"][0], rec["time"]["start"])
            self.assertEqual(s["t"][-1], v["final_time"])
            if not v["events"]:
                self.assertEqual(len(lim), samples)
        if rec["regime"] == "diffusive":
            ens = run.table("ensemble", i)
            for sfx in ("_mean", "_std", "_q05", "_q25", "_q50", "_q75", "_q95"):
                self.assertTrue(all(c + sfx in ens for c in columns))
            self.assertEqual(len(ens), samples)
            for sfx in ("_mean", "_q50"):
                s = run.statistics("ensemble", i, suffix=sfx)
                for b in layout.blocks:
                    self.assertEqual(s[b.name].shape, (samples,) + b.shape)
            paths = blocks_round_trip(run.table("paths", i), ("path",))
            self.assertEqual(len(paths), min(rec["sde"]["paths_written"], v["ensemble"]["summarized"]))
        if "simulate" in rec:
            sgd = blocks_round_trip(run.table("sgd", i), ("d", "seed"))
            sim = rec["simulate"]
            self.assertEqual(len(sgd), v["sgd"]["runs"] - v["sgd"]["failed"])
            for (d, seed), part in sgd.items():
                self.assertIn(d, sim["d"])
                self.assertIn(seed, range(sim["seeds"]))
                self.assertEqual(len(part), samples)
            name = suffixed("limit-sgd.csv", label)
            if name in run.tables:   # the limit from each SGD run's measured start
                lsgd = blocks_round_trip(run.tables[name], ("d", "seed"))
                self.assertEqual(set(lsgd), set(sgd))
                for key, part in lsgd.items():
                    np.testing.assert_allclose(part.to_array(state)[0], sgd[key].to_array(state)[0], rtol=1e-9, atol=1e-12)
        if "spectrum" in rec:
            for stem in ("spectrum", "alignment") + (("vectors",) if rec["model"] == "kgmm" else ()):
                parts = run.table(stem, i).split()
                self.assertTrue(parts, stem)
                for key in parts:
                    self.assertIn(key[0], rec["simulate"]["d"])
                    self.assertIn(key[1], range(rec["spectrum"]["seeds"]))
            spec = run.table("spectrum", i)
            self.assertEqual(spec.columns, ["d", "seed", "t", "block", "matrix", "source", "index", "value"])
            self.assertTrue(set(spec["source"]) <= {"empirical", "population", "population_sgd", "population_bulk",
                                                    "population_sgd_bulk"})

    def check_study(self, run):
        rec = run.record
        for i, v in enumerate(rec["variants"]):
            label = v["label"]
            if rec["model"] == "dmf":
                t = run.tables[suffixed("dmf.csv", label)]
                self.assertEqual(t.columns[:5], ["l", "loss_train", "err_train", "loss_test", "err_test"])
                self.assertEqual(t["l"].tolist(), list(range(v["iterations"])))
                for k in ("Vtheta", "Vomega", "Btheta", "Lambdatilde"):
                    self.assertEqual(run.matrices[suffixed(k + ".csv", label)].shape, (v["iterations"],) * 2)
                if "simulate" in v:
                    parts = run.tables[suffixed("sim.csv", label)].split()
                    self.assertEqual(len(parts), len(v["simulate"]["d"]) * v["simulate"]["seeds"])
                    for part in parts.values():
                        self.assertEqual(part.columns, t.columns)
            else:
                t = run.tables[suffixed("sample-complexity.csv", label)]
                self.assertEqual(t.columns, ["k", "N", "median_samples", "mean_samples", "se", "runs", "censored", "alpha_c_N"])

    def test_fixed_points_sweep_and_validate_outputs(self):
        self.assertTrue(self.kinds, f"{OUTPUTS}/kinds.tsv lists no directories")
        for rel, kinds in sorted(self.kinds.items()):
            with self.subTest(directory=rel):
                path = os.path.join(OUTPUTS, rel)
                run = load_run(path)
                self.assertIsNone(run.record)
                cases = [d for d in os.listdir(path) if os.path.isdir(os.path.join(path, d))] \
                    if "validate" in kinds else []
                self.check_directory(run, kinds, cases=cases)
                if "fixed-points" in kinds:
                    t = run.tables["fixed-points.csv"]
                    points = run.documents["fixed-points.json"]["fixed_points"]
                    self.assertEqual(len(t), len(points))
                    tail = ["stability", "max_re", "unstable", "residual", "hits", "jacobian", "eigenvalues"]
                    self.assertEqual(t.columns[-len(tail):], tail)
                    state = t.columns[:-len(tail)]
                    self.assertTrue(state)
                    for r, p in enumerate(points):
                        self.assertEqual(list(p["state"]), state)
                        self.assertEqual([t[c][r] for c in state], list(p["state"].values()))
                if "fixed-points.continue" in kinds:
                    b = run.tables["bifurcation.csv"]
                    self.assertEqual(b.columns[0], "branch")
                    self.assertEqual(b.columns[-4:], ["stability", "max_re", "unstable", "special"])
                    self.assertTrue(b.split())
                if "fixed-points.basins" in kinds:
                    self.assertEqual(run.tables["basins.csv"].columns,
                                     ["K", "samples", "hits", "failures", "p_hat", "ci_low", "ci_high", "p_formula"])
                if "sweep" in kinds:
                    summary = run.tables["summary.csv"]
                    variants = sorted(f for f in run.files if f.startswith("variants/") and f.endswith(".csv"))
                    self.assertTrue(variants)
                    self.assertEqual(len(summary), len(variants))
                    self.assertEqual(summary["status"].tolist(), ["ok"] * len(variants))
                    for r, f in enumerate(variants):
                        one = run.tables[f]
                        self.assertEqual(one.columns, summary.columns[:-2])
                        self.assertEqual(len(one), 1)
                        self.assertEqual(one["index"][0], summary["index"][r])
                        key = run.documents[f[:-4] + ".json"]
                        self.assertRegex(key["key"], r"^[0-9a-f]{64}$")
                if "validate.case" in kinds:
                    self.assertTrue(cases)
                    for c in cases:
                        errors = run.tables[c + "/errors.csv"]
                        self.assertEqual(errors.columns[:3], ["d", "seed", "sup_error"])
                        for n, _ in self.index["validate.case"]:
                            self.assertIn(n.replace("CASE", c), run.files)

    def test_every_kind_of_the_index_was_seen(self):
        seen = set()
        for name in self.cards:
            rec = load_run(os.path.join(OUTPUTS, "cards", name)).record
            if rec is not None:
                seen |= card_kinds(rec)
        for kinds in self.kinds.values():
            seen |= kinds
        self.assertEqual(sorted(set(self.index) - seen), [], "kinds of docs/outputs.md no output exercised")


if __name__ == "__main__":
    unittest.main()
