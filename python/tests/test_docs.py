"""The Python examples of docs/python.md run as they are.

Every ```python block of docs/python.md runs in a new empty working directory that holds a link to
the repository's models/ and an empty docs/img/; the worked example must write its figure there.
With EFFDYN_UPDATE_DOCS=1 the figure is copied to the repository's docs/img/ (how it was made).

    PYTHONPATH=python /usr/bin/python3 -m unittest python/tests/test_docs.py -v
"""

import contextlib
import io
import os
import re
import shutil
import sys
import tempfile
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "python"))
PAGE = os.path.join(REPO, "docs", "python.md")
FIGURE = "docs/img/python-pca-matrix.png"


def blocks():
    """(line, code) of every ```python block of the page."""
    with open(PAGE, encoding="utf-8") as f:
        text = f.read()
    return [(text[:m.start()].count("\n") + 2, m.group(1))
            for m in re.finditer(r"^```python\n(.*?)^```$", text, re.S | re.M)]


class DocsExamples(unittest.TestCase):
    def test_page_has_the_example(self):
        self.assertTrue(any("savefig" in code for _, code in blocks()))

    def test_examples_run(self):
        for line, code in blocks():
            with self.subTest(line=line), tempfile.TemporaryDirectory() as tmp:
                os.symlink(os.path.join(REPO, "models"), os.path.join(tmp, "models"))
                os.makedirs(os.path.join(tmp, "docs", "img"))
                out = io.StringIO()
                cwd = os.getcwd()
                os.chdir(tmp)
                try:
                    with contextlib.redirect_stdout(out):
                        exec(compile(code, f"docs/python.md:{line}", "exec"), {"__name__": "__docs__"})
                finally:
                    os.chdir(cwd)
                if "savefig" in code:
                    fig = os.path.join(tmp, FIGURE)
                    self.assertGreater(os.path.getsize(fig), 10000)
                    self.assertRegex(out.getvalue(), r"m\(2\): limit 1\.0000, SGD d = 2000 mean 0\.99\d\d")
                    if os.environ.get("EFFDYN_UPDATE_DOCS") == "1":
                        shutil.copyfile(fig, os.path.join(REPO, FIGURE))


if __name__ == "__main__":
    unittest.main()
