"""The Python API (effdyn.run, solve, models, fixed_points, sweep, validate) against the CLI's files.

Needs Debian's python3 with python3-jpype, python3-numpy, python3-pandas and the jar
(target/effdyn-cli.jar; `mvn -q -DskipTests package`). Run from the repository root:

    PYTHONPATH=python /usr/bin/python3 -m unittest discover -s python/tests -p 'test_api*.py' -v

The CLI comparisons run `java -jar target/effdyn-cli.jar` in a subprocess and read its files with
effdyn.reader: the arrays must be equal bit for bit (NaN equal to NaN).
"""

import math
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "python"))

import effdyn  # noqa: E402
from effdyn import _jvm  # noqa: E402
from effdyn.reader import load_run  # noqa: E402

JAR = os.environ.get("EFFDYN_JAR") or os.path.join(REPO, "target", "effdyn-cli.jar")


def cli(*args, cwd=REPO):
    """Runs the CLI jar; returns (exit code, stdout, stderr)."""
    p = subprocess.run(["java", "-Djava.awt.headless=true", "-jar", JAR, *args], cwd=cwd, capture_output=True,
                       text=True, timeout=600)
    return p.returncode, p.stdout, p.stderr


def card(name):
    return os.path.join(REPO, "models", name)


class BitForBit(unittest.TestCase):
    """effdyn.run in memory gives the numbers of `effdyn run CARD` files."""

    def assert_same(self, a, b, what):
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
        self.assertEqual(a.shape, b.shape, what)
        self.assertTrue(np.array_equal(a, b, equal_nan=True), f"{what}: max |diff| {np.nanmax(np.abs(a - b))}")

    def assert_trajectory(self, traj, files, what):
        self.assertEqual(set(traj), set(files), what)
        for k in files:
            self.assert_same(traj[k], files[k], f"{what}: {k}")

    def test_ballistic_card_with_sgd(self):
        with tempfile.TemporaryDirectory() as tmp:
            rc, _, err = cli("run", card("committee-erf-k2.yaml"), "--out", tmp, "--threads", "2")
            self.assertEqual(rc, 0, err)
            files = load_run(tmp)
            r = effdyn.run(card("committee-erf-k2.yaml"), threads=1)   # results do not depend on threads
        self.assertIsNone(r.out)
        self.assertEqual(r.files, [])
        self.assert_trajectory(r.limit, files.statistics("limit"), "limit")
        sgd = files.statistics("sgd")
        self.assertEqual(sorted(r.sgd), sorted(sgd))
        for key in sgd:
            self.assert_trajectory(r.sgd[key], sgd[key], f"sgd {key}")
        for key, t in files.statistics("limit-sgd").items():
            self.assert_trajectory(r.limit_sgd[key], t, f"limit-sgd {key}")
        for k in ("model", "params", "time", "solver", "simulate"):
            self.assertEqual(r.record[k], files.record[k], k)
        self.assertEqual(r.record["variants"][0]["layout"], files.record["variants"][0]["layout"])
        self.assertEqual(r.record["outputs"], [])
        # blocks in their shapes: Q symmetric 2 x 2 filled from the upper triangle, R a matrix, v a vector
        self.assertEqual(r.limit["Q"].shape, (501, 2, 2))
        self.assert_same(r.limit["Q"][:, 1, 0], r.limit.column("Q[1,2]"), "Q symmetric")
        self.assertEqual(r.limit["R"].shape, (501, 2, 2))
        self.assert_same(r.limit["R"][:, 0, 1], r.limit.column("R[1,2]"), "R row by row")
        self.assertEqual(r.limit["v"].shape, (501, 2))
        self.assertEqual(r.variants[0].sgd_stack(500, "Q").shape, (1, 501, 2, 2))

    def test_diffusive_card_with_variants(self):
        with tempfile.TemporaryDirectory() as tmp:
            rc, _, err = cli("run", card("pca-bbp.yaml"), "--out", tmp, "--threads", "2")
            self.assertEqual(rc, 0, err)
            files = load_run(tmp)
            r = effdyn.run(card("pca-bbp.yaml"), threads=2)
        self.assertEqual([v.label for v in r.variants], files.variants)
        for v in r.variants:
            ens = files.table("ensemble", v.label)
            self.assertEqual(v.ensemble["columns"], ens.columns)
            for c in ens.columns:
                self.assert_same(v.ensemble["table"][:, v.ensemble["columns"].index(c)], ens[c], f"{v.label} {c}")
            self.assert_same(v.ensemble["q95"]["mtilde"], ens["mtilde_q95"], "q95 block")
            for (path,), t in files.statistics("paths", v.label).items():
                self.assert_trajectory(v.paths[path], t, f"{v.label} path {path}")
        with self.assertRaises(AttributeError):
            r.limit   # two variants: ask by label

    def test_run_with_out_writes_what_the_cli_writes(self):
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
            cli_rc, _, err = cli("run", card("pca-matrix.yaml"), "--out", a, "--threads", "2")
            self.assertEqual(cli_rc, 0, err)
            r = effdyn.run(card("pca-matrix.yaml"), out=b, threads=2)
            self.assertEqual(sorted(os.listdir(a)), sorted(os.listdir(b)))
            for f in ("limit.csv", "sgd.csv", "limit-sgd.csv"):
                ta, tb = load_run(a).tables[f], load_run(b).tables[f]
                for c in ta.columns:
                    self.assert_same(ta[c], tb[c], f"{f} {c}")
            self.assertEqual(r.output.record["outputs"], load_run(a).record["outputs"])
            self.assertEqual(r.record["card"], card("pca-matrix.yaml"))

    def test_card_as_text_and_dict(self):
        with open(card("pca-matrix.yaml"), encoding="utf-8") as f:
            text = f.read()
        from_file = effdyn.run(card("pca-matrix.yaml"), threads=2)
        from_text = effdyn.run(text, threads=2)
        from_dict = effdyn.run({"model": "pca", "params": {"k": 2, "lambda": 2.0, "c_delta": 1.0},
                                "init": {"m": 0.3}, "time": {"start": 0, "end": 2.0, "samples": 201},
                                "simulate": {"d": [500, 2000], "seeds": 4, "seed": 1}}, threads=2)
        for r in (from_text, from_dict):
            self.assert_same(r.limit.table, from_file.limit.table, "limit")
            self.assert_same(r.sgd[(2000, 3)].table, from_file.sgd[(2000, 3)].table, "sgd")
        self.assertEqual(from_text.record["card"], "<card>")

    def test_study_card(self):
        r = effdyn.run(card("sample-complexity.yaml"), threads=2)
        self.assertEqual(r.variants, [])
        self.assertIn("fitted_exponents", r.record["variants"][0])
        self.assertTrue(any(f.endswith(".csv") for f in r.output.files))


class Solve(unittest.TestCase):
    def test_limit_alone_equals_the_card(self):
        lim = effdyn.solve("pca", {"k": 2, "lambda": 2.0, "c_delta": 1.0}, init={"m": 0.3}, t=2.0)
        r = effdyn.run(card("pca-matrix.yaml"), threads=2)
        self.assertTrue(np.array_equal(lim.table, r.limit.table))
        self.assertEqual(lim.columns, ["t", "m", "r2perp"])
        # the spiked-PCA limit reaches the fixed point m = 1 (docs/pca.md)
        self.assertAlmostEqual(effdyn.solve("pca", {"lambda": 2.0}, init={"m": 0.3}, t=20.0)["m"][-1], 1.0, places=6)

    def test_time_grids_and_solvers(self):
        a = effdyn.solve("pca", {"lambda": 2.0}, init={"m": 0.3}, t=np.linspace(0, 1, 11))
        b = effdyn.solve("pca", {"lambda": 2.0}, init={"m": 0.3}, t=(0, 1, 11))
        self.assertTrue(np.array_equal(a.table, b.table))
        np.testing.assert_allclose(a["t"], np.linspace(0, 1, 11), rtol=0, atol=1e-15)   # t_i = t0 + i (t1 - t0) / (n - 1)
        rk4 = effdyn.solve("pca", {"lambda": 2.0}, init={"m": 0.3}, t=(0, 1, 11), solver={"method": "rk4", "step": 1e-3})
        self.assertLess(np.max(np.abs(rk4["m"] - a["m"])), 1e-9)
        with self.assertRaises(ValueError):
            effdyn.solve("pca", {"lambda": 2.0}, t=[0, 0.1, 0.5])

    def test_blocks_and_diffusive(self):
        q = [[0.5, 0.1], [0.1, 0.5]]
        lim = effdyn.solve("committee", {"K": 2, "M": 2, "eta": 0.5}, init={"Q": q, "v": [1, 1]}, t=(0, 1, 5))
        self.assertTrue(np.array_equal(lim["Q"][0], np.array(q)))
        v = effdyn.solve("pca", {"lambda": 0.5}, regime="diffusive", t=(0, 0.5, 6),
                         sde={"dt": 1e-3, "paths": 50, "seed": 1})
        self.assertEqual(v.ensemble["mean"]["mtilde"].shape, (6,))
        self.assertEqual(len(v.paths), 50)

    def test_zero_copy_views(self):
        lim = effdyn.solve("kgmm", {"k": 3, "lambda": 1.0, "beta": 0.1}, t=(0, 1, 11))
        self.assertFalse(lim.table.flags.owndata)
        self.assertIsInstance(lim.table.base, (np.ndarray, memoryview))
        for name in ("m", "t"):
            self.assertTrue(np.shares_memory(lim[name], lim.table), name)
        self.assertEqual(lim["m"].shape, (11, 3, 3))


class Errors(unittest.TestCase):
    def test_unknown_model(self):
        with self.assertRaises(effdyn.ScenarioError) as c:
            effdyn.solve("no-such-model")
        self.assertEqual(c.exception.field, "model")
        self.assertIn("unknown model 'no-such-model'; known: pca", str(c.exception))
        self.assertEqual(str(c.exception), str(c.exception.java.getMessage()))

    def test_nan_parameter_names_the_field(self):
        with self.assertRaises(effdyn.ScenarioError) as c:
            effdyn.solve("pca", {"lambda": math.nan})
        e = c.exception
        self.assertIsInstance(e, ValueError)
        self.assertEqual(e.field, "params.lambda")
        self.assertTrue(math.isnan(e.value))
        self.assertEqual(str(e), "effdyn.solve:2: params.lambda: must be > 0 and finite, got NaN")

    def test_same_message_as_the_cli(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "bad.yaml")
            with open(path, "w", encoding="utf-8") as f:
                f.write("model: pca\nparams: {lambda: -1}\ntime: {end: 1}\n")
            rc, _, err = cli("run", path, "--out", os.path.join(tmp, "out"))
            with self.assertRaises(effdyn.ScenarioError) as c:
                effdyn.run(path)
        self.assertEqual(rc, 2)
        self.assertIn(str(c.exception), err)
        self.assertEqual((c.exception.line, c.exception.field, c.exception.value), (2, "params.lambda", -1.0))

    def test_integration_failure(self):
        with self.assertRaises(effdyn.IntegrationError) as c:
            effdyn.solve("pca", {"lambda": 50.0}, init={"m": 0.9}, t=10, solver={"method": "euler", "step": 1.0})
        self.assertEqual(c.exception.reason, "BLOW_UP")
        self.assertEqual(len(c.exception.state), 2)

    def test_missing_card_file(self):
        with self.assertRaises(FileNotFoundError):
            effdyn.run("models/no-such-card.yaml")


class Analysis(unittest.TestCase):
    def test_models(self):
        m = effdyn.models()
        self.assertIn("pca", m)
        p = m["pca"]["parameters"]
        self.assertIsNone(p["lambda"]["default"])          # required
        self.assertEqual(p["k"]["default"], 2)
        self.assertEqual(p["N"]["default"], math.inf)
        rc, out, _ = cli("models")
        for name in m:
            self.assertIn(name, out)

    def test_fixed_points_and_continuation(self):
        fp = effdyn.fixed_points(card("pca-tensor3.yaml"), ranges={"m": (-0.5, 1.5), "r2perp": (0, 2)},
                                 nonneg=["r2perp"], continuation=("lambda", 2, 6))
        saddle = [p for p in fp.points if p["stability"] == "saddle"]
        self.assertEqual(len(saddle), 1)
        self.assertAlmostEqual(saddle[0]["state"]["m"], 0.2956, places=4)   # docs/pca.md, k = 3, lambda = 4
        self.assertEqual(saddle[0]["eigenvalues"].dtype, complex)
        self.assertTrue(fp.branches)
        self.assertIn("fold", {s["special"] for s in fp.specials})
        with tempfile.TemporaryDirectory() as tmp:
            rc, _, err = cli("fixed-points", card("pca-tensor3.yaml"), "--range", "m=-0.5:1.5", "--range", "r2perp=0:2",
                             "--nonneg", "r2perp", "--out", tmp)
            self.assertEqual(rc, 0, err)
            table = load_run(tmp).tables["fixed-points.csv"]
        self.assertTrue(np.array_equal(table["m"], [p["state"]["m"] for p in fp.points]))

    def test_basins_and_sets(self):
        fb = effdyn.fixed_points(card("xor-basins.yaml"), basins=20, threads=2)
        self.assertIsNotNone(fb.sets)
        self.assertEqual(list(fb.basins["K"]), [4, 5, 6, 7, 8])
        self.assertTrue(np.all(fb.basins["samples"] == 20))

    def test_sweep_is_summary_csv(self):
        df = effdyn.sweep(card("pca-matrix.yaml"), {"lambda": (0.5, 2, 4)}, threads=2)
        self.assertEqual(list(df["lambda"]), [0.5, 1.0, 1.5, 2.0])
        self.assertEqual(set(df["status"]), {"ok"})
        with tempfile.TemporaryDirectory() as tmp:
            rc, _, err = cli("sweep", card("pca-matrix.yaml"), "--param", "lambda=0.5:2:4", "--out", tmp, "--threads", "2")
            self.assertEqual(rc, 0, err)
            table = load_run(tmp).tables["summary.csv"]
        self.assertEqual(list(df.columns), table.columns)
        for c in table.columns:
            if table[c].dtype.kind == "f":
                self.assertTrue(np.array_equal(df[c].to_numpy(), table[c], equal_nan=True), c)

    def test_validate(self):
        v = effdyn.validate("pca-matrix", threads=2)
        self.assertTrue(v.passed)
        self.assertLess(v.rate["lower"], -0.5 + 0.3)
        self.assertEqual([d["d"] for d in v.dims], sorted({int(x) for x in v.errors["d"]}))
        self.assertIn("pca-matrix", v.report)
        with self.assertRaises(effdyn.ScenarioError):
            effdyn.validate("no-such-case")


class Jvm(unittest.TestCase):
    def test_started_once(self):
        effdyn.models()
        effdyn.solve("pca", {"lambda": 2.0}, t=(0, 1, 3))
        self.assertEqual(_jvm.starts, 1)
        code = ("import sys; sys.path.insert(0, 'python'); import effdyn; from effdyn import _jvm; "
                "effdyn.models(); effdyn.solve('pca', {'lambda': 2.0}, t=1); effdyn.models(); print(_jvm.starts)")
        out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300)
        self.assertEqual(out.stdout.strip(), "1", out.stderr)

    def test_import_loads_nothing(self):
        code = "import sys; sys.path.insert(0, 'python'); import effdyn; print('jpype' in sys.modules, 'numpy' in sys.modules)"
        out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
        self.assertEqual(out.stdout.strip(), "False False", out.stderr)


if __name__ == "__main__":
    unittest.main()
