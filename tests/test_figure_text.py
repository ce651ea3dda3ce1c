"""Text alternatives of the library's figures (d2l_local.plotting.describe): made from the
data each figure draws, in every language, and attached to the figure's PNG output in a
notebook, where the book reads them (tools/book_editions.py)."""

import base64
import hashlib
import sys
import time

import matplotlib
import nbformat
import pytest
import torch

import d2l_local as d2l
from d2l_local import plotting

from .browser import ROOT

matplotlib.use("Agg")
sys.path.insert(0, str(ROOT / "tools"))
import book_editions  # noqa: E402

HISTORY = [{"epoch": e, "train_loss": 2.3 / e, "val_acc": 0.5 + 0.04 * e} for e in (1, 2, 3)]


def test_curves_are_described_by_their_values():
    fig = d2l.plot_history(HISTORY).figure
    assert plotting.describe(fig) == (
        "A plot of 2 curves of values against epoch from 1 to 3: train_loss goes from 2.3 "
        "to 0.767 (lowest 0.767, highest 2.3); val_acc goes from 0.54 to 0.62 "
        "(lowest 0.54, highest 0.62).")
    zh = plotting.describe(fig, "zh")
    assert zh.startswith("2 条 数值 曲线，横轴为 轮次，从 1 到 3") and "从 2.3 变为 0.767" in zh
    assert "训练损失 从 2.3" in zh and "测试准确率 从 0.54" in zh  # the figure's own words
    assert plotting.describe(fig, "vi").startswith("Đồ thị 2 đường giá trị theo epoch")


def test_a_curve_with_a_peak_inside_says_where_it_is():
    """A derivative's bell (the sigmoid's) starts and ends at one value: 'goes from 0.0025
    to 0.0025' would hide the peak, so the text says where the curve is highest."""
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots()
    x = torch.linspace(-6, 6, 13) - 8.94e-08  # a grid whose middle is not quite 0
    s = torch.sigmoid(x)
    ax.plot(x, s * (1 - s), label="sigmoid")
    ax.plot(x, (x > 0).float(), label="ReLU")
    ax.set_xlabel("x")
    text = plotting.describe(fig)
    plt.close(fig)
    assert "sigmoid rises from 0.00247 to its highest, 0.25, at x = 0, and falls to 0.00247" \
        in text, text
    assert "ReLU goes from 0 to 1 (lowest 0, highest 1)" in text, text
    assert "在 x = 0" not in plotting.describe(fig, "zh") and "（x = 0）" in plotting.describe(
        fig, "zh")


def test_grids_matrices_bars_and_points():
    axes = d2l.show_images(torch.zeros(3, 8, 8), 1, 4, titles=["bag", "coat", "bag"])
    # every image's title, in order: a screen reader hears as many as the grid holds
    assert plotting.describe(axes[0].figure) == "A grid of 3 images: bag, coat, bag."
    axes = d2l.show_filters(torch.rand(5, 1, 3, 3), title="filters")
    assert plotting.describe(axes[0].figure) == (
        "filters: 5 first-layer filters, each a square of 3 weights on a side, each in grey "
        "from its most negative weight (black) to its most positive (white).")
    ax = d2l.plot_confusion(torch.eye(2) * 4, ["cat", "dog"])
    assert plotting.describe(ax.figure) == ("A 2 by 2 matrix of values, true down the side "
                                            "and predicted along the bottom, for cat, dog.")
    text = plotting.describe(d2l.figures.plot_dataset_scale())
    assert text.startswith("A bar chart of 7 bars") and "COIL-100 (1996): 7,200" in text
    # counts in full and grouped as the bars' labels write them (vi read 7200, 1,28e+06)
    assert "(2012): 1,281,167;" in text and "CIFAR-100 (2009): 60,000;" in text
    vi = plotting.describe(d2l.figures.plot_dataset_scale(), "vi")
    assert "COIL-100 (1996): 7.200;" in vi and "(2012): 1.281.167;" in vi
    table = d2l.AlexNet().layer_summary((1, 1, 224, 224), verbose=False)
    fig = d2l.figures.plot_params_vs_flops(table)  # two bars per layer: both series told
    text = plotting.describe(fig)
    assert text.startswith("A bar chart of 16 bars, 2 series over 8 categories. "
                           "% of parameters: conv1: ") and " % of forward FLOPs: conv1: " in text
    assert text.count("dense8: ") == 2 and text.endswith(".")
    assert "16 个条形" in plotting.describe(fig, "zh") and "2 dãy" in plotting.describe(fig, "vi")
    assert "conv1: 0,025; " in plotting.describe(fig, "vi")  # Vietnamese decimal commas
    text = plotting.describe(d2l.figures.plot_flops_history([("this CPU", 1e11)]))
    assert "GTX 580 (one of AlexNet's two) (2010, 1.58e+12)" in text
    assert text.endswith(f"this CPU ({time.localtime().tm_year}, 1e+11).")


def test_every_language_has_a_text_for_every_figure():
    fig = d2l.plot_history(HISTORY).figure
    alts = plotting.text_alternatives(fig)
    assert set(alts) == {"alt", "alt_zh", "alt_vi"} and len(set(alts.values())) == 3


def kernel_figure_output(folder):
    """A notebook whose cell draws a history plot, run in a real kernel, and that cell's
    PNG output."""
    from nbclient import NotebookClient
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "%matplotlib inline\nimport d2l_local as d2l\n"
        f"d2l.plot_history({HISTORY!r});")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    NotebookClient(nb, timeout=120, resources={"metadata": {"path": str(folder)}}).execute()
    [output] = [o for o in nb.cells[0].outputs if "image/png" in o.get("data", {})]
    return nb, output


@pytest.mark.slow
def test_while_the_book_is_built_a_notebooks_figure_carries_every_language(tmp_path,
                                                                           monkeypatch):
    """The same, through IPython's inline backend (which renders base64 text)."""
    monkeypatch.setenv("D2L_STATIC_BOOK", "1")
    nb, output = kernel_figure_output(tmp_path)
    meta = output["metadata"]["image/png"]
    vi = base64.b64decode(meta["png_vi"])
    assert vi.startswith(b"\x89PNG") and vi != base64.b64decode(output["data"]["image/png"])
    assert "untranslated_vi" not in meta and meta["alt_vi"].startswith("Đồ thị 2 đường")


@pytest.mark.slow
def test_a_notebooks_figure_output_carries_its_description(tmp_path):
    nb, output = kernel_figure_output(tmp_path)
    alts = output["metadata"]["image/png"]
    assert alts["alt"].startswith("A plot of 2 curves") and "曲线" in alts["alt_zh"]
    # JupyterLab and Colab read no alt from metadata: they show the same PNG as an <img>
    html = output["data"]["text/html"]
    assert html == (f'<img src="data:image/png;base64,{output["data"]["image/png"]}" '
                    f'alt="{alts["alt"]}">')
    digest = hashlib.sha256(base64.b64decode(output["data"]["image/png"])).hexdigest()
    assert book_editions.image_descriptions([nb], "zh") == {digest: alts["alt_zh"]}
    assert book_editions.image_descriptions([nb], "vi") == {digest: alts["alt_vi"]}
    html = f'<p><img alt="../_images/{digest}.png" src="../_images/{digest}.png" /></p>'
    described = book_editions.describe_images(
        html, book_editions.image_descriptions([nb], "en"))
    assert described == (f'<p><img alt="{alts["alt"]}" src="../_images/{digest}.png" /></p>')
    other = '<img alt="../_images/' + "0" * 64 + '.png" src="../_images/' + "0" * 64 + '.png"'
    assert book_editions.describe_images(other, {digest: "x"}) == other


@pytest.mark.parametrize("broken", ["{", "<"])
def test_descriptions_are_escaped_in_html(broken):
    digest = "a" * 64
    html = f'<img alt="p" src="_images/{digest}.png"'
    assert book_editions.describe_images(html, {digest: f'say "{broken}" & go'}) == \
        f'<img alt="say &quot;{broken.replace("<", "&lt;")}&quot; &amp; go" ' \
        f'src="_images/{digest}.png"'


def test_a_figure_is_drawn_in_each_language_and_given_back_as_it_was():
    from d2l_local import figtext
    ax = d2l.plot_confusion(torch.eye(3) * 4, ["coat", "bag", "shirt"])
    ax.set_title("a title no catalog knows")
    fig = ax.figure
    before = [t.get_text() for t in ax.get_xticklabels()]
    english = (ax.get_xlabel(), ax.get_ylabel(), ax.get_title())
    with figtext.drawn_in(fig, "vi") as missing:
        assert (ax.get_xlabel(), ax.get_ylabel()) == ("lớp dự đoán", "lớp thật")
        assert [t.get_text() for t in ax.get_xticklabels()] == ["áo khoác", "túi xách",
                                                                 "áo sơ mi"]
        assert missing == ["a title no catalog knows"]  # reported, and left in English
    assert (ax.get_xlabel(), ax.get_ylabel(), ax.get_title()) == english
    assert [t.get_text() for t in ax.get_xticklabels()] == before
    fig.canvas.draw()  # the axis draws its own labels again, not the translation
    assert [t.get_text() for t in ax.get_xticklabels()] == before
    if figtext.cjk_family() is not None:  # make system installs fonts-noto-cjk
        with figtext.drawn_in(fig, "zh") as missing:
            assert ax.get_xlabel() == "预测类别" and missing == ["a title no catalog knows"]


def test_a_figure_writes_its_numbers_as_the_language_does():
    """Vietnamese writes 0,80 and 1.000 (its 0.80 reads as eighty): a figure's titles, its
    ticks and its description say so there, and are given back as they were."""
    from matplotlib.figure import Figure

    from d2l_local import figtext
    fig = Figure()
    ax = fig.subplots()
    ax.plot([0, 1], [0.25, 0.75], label="test acc")
    ax.set_ylim(0, 1)
    ax.set_title("coat\n0.80")
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert "0.2" in ticks or "0.25" in ticks
    with figtext.drawn_in(fig, "vi"):
        assert ax.get_title() == "áo khoác\n0,80"
        shown = [t.get_text() for t in ax.get_yticklabels()]
        assert any("," in t for t in shown) and not any("." in t for t in shown)
    assert ax.get_title() == "coat\n0.80"
    assert [t.get_text() for t in ax.get_yticklabels()] == ticks
    assert "0,75" in figtext.describe(fig, "vi") and "0.75" in figtext.describe(fig, "en")
    with figtext.drawn_in(fig, "zh" if figtext.cjk_family() else "en"):
        assert ax.get_title().endswith("0.80")
    for text, written in (("28x28", "28x28"), ("conv1", "conv1"), ("2.14.1", "2.14.1"),
                          ("1,000 images", "1.000 images"), ("0.5, 0.25", "0,5, 0,25")):
        assert figtext.numbers_in(text, "vi") == written


@pytest.mark.parametrize("text, lang, expected", [
    ("coat\n→ shirt", "zh", "外套\n→ 衬衫"),
    ("run 12", "vi", "lần chạy 12"),
    ("AlexNet, 65x65: training", "zh", "AlexNet, 65x65：训练"),
    ("ILSVRC-2012 training set (2012)", "vi", "tập huấn luyện ILSVRC-2012 (2012)"),
    ("Sobel x", "zh", "Sobel x"),  # names are kept
    ("$\\mathdefault{10^{3}}$", "vi", "$\\mathdefault{10^{3}}$"),  # so is mathtext
    ("coat\nnot a known line", "zh", None),  # one line unknown: the text is untranslated
])
def test_figure_words_are_translated_whole_by_line_or_by_pattern(text, lang, expected):
    from d2l_local import figtext
    assert figtext.translate(text, lang) == expected
    assert figtext.translate(text, "en") == text


def test_while_the_book_is_built_a_figure_carries_its_other_languages(tmp_path, monkeypatch):
    from d2l_local import figtext
    monkeypatch.setenv("D2L_STATIC_BOOK", "1")
    fig = d2l.plot_history(HISTORY).figure
    data, meta = figtext.figure_output(fig, lambda f: plotting_png(f))
    assert data == plotting_png(fig)  # the English figure, for the English book
    assert set(meta) >= {"alt", "alt_zh", "alt_vi", "png_vi"}
    assert base64.b64decode(meta["png_vi"]) != data and "untranslated_vi" not in meta
    assert ("png_zh" in meta) is (figtext.cjk_family() is not None)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(outputs=[
        nbformat.v4.new_output("display_data", data={
            "image/png": base64.b64encode(data).decode()}, metadata={"image/png": meta})])])
    digest = hashlib.sha256(data).hexdigest()
    alt, png = book_editions.image_outputs([nb], "vi")[digest]
    assert alt == meta["alt_vi"] and png == base64.b64decode(meta["png_vi"])
    assert book_editions.image_outputs([nb], "en")[digest] == (meta["alt"], None)
    fig.axes[0].set_title("a title no catalog knows")
    _, meta = figtext.figure_output(fig, plotting_png)
    nb.cells[0].outputs[0].metadata["image/png"] = meta
    assert book_editions.untranslated_figure_words([nb])["vi"] == ["a title no catalog knows"]
    monkeypatch.setenv("D2L_LANG", "vi")  # a reader of the Vietnamese page, in JupyterLab
    data, meta = figtext.figure_output(fig, plotting_png)
    assert data != plotting_png(fig) and "png_en" not in meta and "png_vi" not in meta


def plotting_png(fig) -> bytes:
    import io
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=50)
    return buf.getvalue()
