"""The repository's scripts: the architecture figure and the notebook runner (the Colab
notebooks have tests/test_colab.py)."""

import json
import subprocess
import sys

import pytest
import torch

from d2l_local.locales import LANGUAGES

from .browser import ROOT


def test_the_architecture_figure_is_what_the_models_give_today(tmp_path):
    """The committed SVG is drawn from d2l.LeNet() and d2l.AlexNet() as they are now: a
    change to a model that is not drawn again fails here."""
    from torch import nn

    import d2l_local as d2l
    sys.path.insert(0, str(ROOT / "tools"))
    import draw_architecture
    committed = (ROOT / "img" / "alexnet-vs-lenet.svg").read_text(encoding="utf-8")
    draw_architecture.main(tmp_path)
    for lang in LANGUAGES:  # each edition's figure, in its words
        name = draw_architecture.out_file(lang).name
        assert (ROOT / "img" / name).read_text(encoding="utf-8") == \
            (tmp_path / name).read_text(encoding="utf-8"), name
    assert ">全连接 4096, ReLU, 暂退法 0.5<" in (tmp_path / "alexnet-vs-lenet.zh.svg").read_text(
        encoding="utf-8")
    assert ">kết nối đầy đủ 4096, ReLU, dropout 0,5<" in (
        tmp_path / "alexnet-vs-lenet.vi.svg").read_text(encoding="utf-8")
    # a box per layer that has weights or pools, and one for the input, per network
    drawn, boxes = (nn.Conv2d, nn.Linear, nn.MaxPool2d, nn.AvgPool2d), 0
    for model, shape in ((d2l.LeNet(), (1, 1, 28, 28)), (d2l.AlexNet(), (1, 1, 224, 224))):
        model(torch.zeros(shape))
        layers = 1 + sum(isinstance(m, drawn) for m in model.modules())
        assert len(draw_architecture.stack(model, shape)) == layers
        boxes += layers
    assert committed.count("<rect") == 1 + boxes  # and the background


def test_the_architecture_figure_follows_the_model():
    import d2l_local as d2l
    sys.path.insert(0, str(ROOT / "tools"))
    import draw_architecture
    boxes = draw_architecture.stack(d2l.AlexNet(num_classes=7, dropout=0.25,
                                                activation="sigmoid"), (1, 1, 224, 224))
    assert boxes[0] == ("input", "1×224×224 image", "#eeeeee")
    assert boxes[1] == ("conv 11×11, 96, stride 4, pad 1, sigmoid", "96×54×54", "#cfe2f3")
    assert boxes[-2] == ("dense 4096, sigmoid, dropout 0.25", "4096", "#d9ead3")
    assert boxes[-1] == ("dense 7", "7", "#f4cccc")
    small = draw_architecture.stack(d2l.AlexNet(), (1, 1, 96, 96))
    assert small[1][1] == "96×22×22"  # shapes as the model computes them for its input
    with pytest.raises(ValueError, match="BatchNorm2d"):
        draw_architecture.stack(torch.nn.Sequential(torch.nn.Conv2d(1, 2, 3),
                                                    torch.nn.BatchNorm2d(2)), (1, 1, 8, 8))


@pytest.mark.slow
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


@pytest.mark.slow
def test_run_notebooks_times_each_code_cell(tmp_path):
    """The report names the scale and the device, and for each page its code cells: place,
    heading, first line and seconds (a cell that sleeps 0.5 s took at least that)."""
    import nbformat
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Page\n\n## Waiting"),
        nbformat.v4.new_code_cell("import time\ntime.sleep(0.5)"),
        nbformat.v4.new_markdown_cell("text without a heading"),
        nbformat.v4.new_code_cell("\nx = 1  # quick")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, tmp_path / "two.ipynb")
    out = tmp_path / "timings.json"
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "run_notebooks.py"),
                          str(tmp_path / "two.ipynb"), "--out", str(out)],
                         capture_output=True, text=True, cwd=ROOT,
                         env={**__import__("os").environ, "D2L_QUICK": "1",
                              "PYTHONPATH": str(ROOT)})
    assert run.returncode == 0, run.stderr
    report = json.loads(out.read_text())
    assert report["scale"] == "quick" and report["device"].startswith("cpu")
    cells = report["notebooks"][0]["cells"]
    assert [(c["index"], c["code_cell"], c["heading"], c["first_line"]) for c in cells] == [
        (1, 1, "Waiting", "import time"), (3, 2, "Waiting", "x = 1  # quick")]
    assert 0.5 <= cells[0]["seconds"] < report["notebooks"][0]["seconds"]
    assert 0 <= cells[1]["seconds"] < 0.5


def test_gpu_run_times_every_cell_into_a_timings_file():
    script = (ROOT / "tools" / "gpu_run.sh").read_text()
    assert "tools/run_notebooks.py" in script and "results/timings-gpu-" in script


def test_the_architecture_figure_is_readable_on_a_phone():
    """On a 390-pixel phone the figure is shrunk to about 358 pixels (the page's margins):
    one column of boxes, narrow enough that its smallest text is still 12 pixels or more
    there (side by side, 700 units wide, it was about 6)."""
    import re
    sys.path.insert(0, str(ROOT / "tools"))
    import draw_architecture
    for lang in LANGUAGES:
        svg = draw_architecture.out_file(lang).read_text(encoding="utf-8")
        width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
        sizes = [float(s) for s in re.findall(r"font: (?:bold )?([\d.]+)px", svg)]
        assert sizes and min(sizes) * 358 / width >= 12, (width, sizes)
        # one column: every box starts at the same x, LeNet's above AlexNet's
        xs = set(re.findall(r'<rect x="([\d.]+)" y=', svg))
        assert len(xs) == 1, xs
        assert svg.index(">LeNet<") < svg.index(">AlexNet<")
        # a box whose words and shape do not fit on one line gets a second line
        tall = re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="\d+" height="(\d+)"', svg)
        assert set(tall) <= {str(draw_architecture.BOX_H),
                             str(draw_architecture.BOX_H + draw_architecture.ROW)}
    assert not draw_architecture.fits_one_line(
        "tích chập 11×11, 96, sải bước 4, đệm 1, ReLU", "96×54×54")
    assert draw_architecture.fits_one_line("conv 5×5, 6, pad 2, sigmoid", "6×28×28")
