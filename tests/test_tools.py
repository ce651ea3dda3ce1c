"""The repository's scripts: notebook generation for Colab, the architecture figure."""

import json
import subprocess
import sys

from .browser import ROOT


def test_generated_notebook_installs_itself_and_links_images(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_notebooks.py"), str(tmp_path),
                    str(ROOT / "notebooks" / "model.md")], check=True, capture_output=True)
    nb = json.loads((tmp_path / "model.ipynb").read_text())
    first = nb["cells"][0]
    assert first["cell_type"] == "code" and "colab-install" in first["metadata"]["tags"]
    assert "import d2l_local" in "".join(first["source"])
    assert "%pip install" in "".join(first["source"])
    text = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert "../img/" not in text and "raw.githubusercontent.com" in text
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


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
