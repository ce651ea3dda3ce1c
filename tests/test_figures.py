from pathlib import Path

import matplotlib
import pytest
import torch

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import d2l_local as d2l  # noqa: E402
from d2l_local import figtext, figures  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def test_figures_draw_their_facts():
    images = d2l.load_fashion_mnist()["test_images"][:2]
    responses = torch.randn(2, 3, 28, 28)
    fig = figures.plot_filter_responses(images, ["a", "b", "c"], responses)
    assert len(fig.axes) == 2 * 4 and fig.axes[1].get_title() == "a"
    fig = figures.plot_dataset_scale()
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == [f"{d[0]} ({d[2]})" for d in figures.DATASET_SIZES]
    assert all(d[3] for d in figures.DATASET_SIZES)  # every size has a source
    fig = figures.plot_flops_history([("measured: here", 1e12)])
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "measured: here" in texts and "A100, fp32" in texts
    # FLOP/s only: the GeForce 256 (1999) was rated in pixels and triangles per second
    assert not any("GeForce" in t for t in texts)
    assert fig.axes[0].get_xlim()[0] < 2010  # from AlexNet's GTX 580
    assert all(row[-1] for row in figures.PEAK_FLOPS_HISTORY)
    table = d2l.AlexNet().layer_summary((1, 1, 224, 224), verbose=False)
    fig = figures.plot_params_vs_flops(table)
    bars = fig.axes[0].patches
    assert len(bars) == 16 and abs(sum(b.get_height() for b in bars[:8]) - 100) < 1e-6
    fig = figures.plot_activation_gradients()
    relu = fig.axes[1].get_lines()[0].get_ydata()
    assert relu.max() == 1 and relu.min() == 0
    assert fig.axes[1].get_lines()[1].get_ydata().max() <= 0.25
    plt.close("all")


def test_filter_parts_share_a_colour_scale_per_column():
    a = torch.ones(3, 1, 2, 2)
    b = torch.full((3, 1, 2, 2), 0.5)
    fig = figures.plot_filter_parts({"a": a, "b": b}, n=3)
    assert len(fig.axes) == 6
    assert fig.axes[3].images[0].get_clim() == fig.axes[0].images[0].get_clim() == (-1, 1)
    assert fig.axes[0].get_ylabel() == "a" and fig.axes[3].get_ylabel() == "b"
    plt.close("all")


def test_the_window_figure_draws_two_windows_on_the_original_grid():
    from matplotlib.patches import Rectangle
    image = d2l.load_fashion_mnist()["test_images"][0]
    fig = figures.plot_window_on_grid(image)
    ax = fig.axes[0]
    windows = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert [(w.get_width(), w.get_height()) for w in windows] == [(11, 11), (11, 11)]
    (x0, y0), (x1, y1) = windows[0].get_xy(), windows[1].get_xy()
    assert x1 - x0 == 4 and y1 == y0
    assert (x0 + 0.5 + 1) % 4 == 0 and (y0 + 0.5 + 1) % 4 == 0  # a window the layer sees
    # the window holds the most varied patch, so an edge: not a flat background
    big = d2l.features.enlarge(image.unsqueeze(0), 224)[0, 0]
    row, col = int(y0 + 0.5), int(x0 + 0.5)
    assert big[max(row, 0):row + 11, max(col, 0):col + 11].std() > 0.1
    borders = sorted({round(line.get_xdata()[0] + 0.5) for line in ax.lines
                      if line.get_xdata()[0] == line.get_xdata()[1]})
    assert borders and all(b % 8 == 0 for b in borders)
    plt.close("all")


def test_the_shapes_figure_draws_each_patch_as_a_product_of_two_shapes():
    shapes = d2l.features.window_shapes(8)
    fig = figures.plot_window_shapes(shapes)
    assert len(fig.axes) == 36
    grid = [fig.axes[6 * (i + 1) + j + 1].images[0].get_array() for i in range(5)
            for j in range(5)]
    assert torch.allclose(torch.tensor(grid[1 * 5 + 3]), torch.outer(shapes[1], shapes[3]))
    assert list(fig.axes[2].get_lines()[0].get_ydata()) == list(shapes[1].numpy())
    plt.close("all")


@pytest.mark.parametrize("page", ["model.md", "zh/model.md", "vi/model.md"])
def test_the_architecture_figure_says_in_words_what_it_draws(page):
    """Its text alternative, in each edition, gives every output shape the figure shows,
    in the figure's order (input first, for each network)."""
    import re
    svg = (ROOT / "img" / "alexnet-vs-lenet.svg").read_text(encoding="utf-8")
    texts = re.findall(r">([^<>]+)</text>", svg)
    split = texts.index("AlexNet")

    def shapes(part):  # the SVG lists a stack from the top: the alt reads it from the input
        return [t.replace(" image", "") for t in part
                if re.fullmatch(r"\d+(×\d+)+( image)?", t)][::-1]
    expected = shapes(texts[:split]) + shapes(texts[split:])
    assert len(expected) == 14
    source = (ROOT / "notebooks" / page).read_text(encoding="utf-8")
    alt = re.search(r"```\{figure\}[^\n]*alexnet-vs-lenet(?:\.\w+)?\.svg\n(?::\w+:.*\n)*?"
                    r":alt: (.+)\n",
                    source).group(1)
    found = re.findall(r"\d+(?:×\d+)+", alt)
    assert [s for s in found if s in expected] == expected, (found, expected)


def test_measured_labels_cross_no_other_text_in_any_language():
    # the rates this CPU measured (stop 33): its bf16 star landed beside the Xeon 8480+'s
    # fp32 star, and a rate level with the Xeon's, whose label its first place would cross
    for measured in ([("measured: cpu, fp32", 0.355e12), ("measured: cpu, bf16", 2.57e12)],
                     [("measured: cuda, fp32", 7.0e12)]):
        fig = figures.plot_flops_history(measured)
        texts = [t for t in fig.axes[0].texts if t.get_text().strip()]
        assert len(texts) == len(figures.PEAK_FLOPS_HISTORY) + len(measured)
        for text in texts:
            assert not figtext.collides(fig, text), text.get_text()
        plt.close("all")
