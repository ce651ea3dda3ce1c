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
