"""The repository's scripts: the architecture figure and the notebook runner (the Colab
notebooks have tests/test_colab.py)."""

import json
import subprocess
import sys

from .browser import ROOT


def test_architecture_figure_is_reproducible(tmp_path):
    svg = ROOT / "img" / "alexnet-vs-lenet.svg"
    before = svg.read_text()
    subprocess.run([sys.executable, str(ROOT / "tools" / "draw_architecture.py")], check=True,
                   capture_output=True)
    assert svg.read_text() == before  # the committed figure is what the script draws
    assert before.count("<rect") == 1 + 8 + 12  # background, LeNet's and AlexNet's layers


def test_run_notebooks_times_each_and_reports_failures(tmp_path):
    import nbformat
    ok = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1 + 1")])
    bad = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("raise ValueError('no')")])
    for name, nb in (("ok", ok), ("bad", bad)):
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        nbformat.write(nb, tmp_path / f"{name}.ipynb")
    out, copies = tmp_path / "report.json", tmp_path / "copies"
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "run_notebooks.py"),
                          str(tmp_path / "ok.ipynb"), str(tmp_path / "bad.ipynb"),
                          "--out", str(out), "--copy-to", str(copies)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 1  # a failing notebook fails the run, after all were tried
    report = json.loads(out.read_text())
    assert [r["notebook"] for r in report["notebooks"]] == ["ok", "bad"]
    assert report["notebooks"][0]["status"] == "ok"
    assert report["notebooks"][1]["status"].startswith("failed: ") and "no" in \
        report["notebooks"][1]["status"]
    assert json.loads((copies / "report.json").read_text()) == report
