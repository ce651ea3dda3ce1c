import math

import matplotlib
import torch

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import d2l_local as d2l  # noqa: E402
from d2l_local import features, figures  # noqa: E402


def test_crafted_filters_respond_to_edges_of_their_orientation():
    names, kernels = features.crafted_filter_bank()
    assert names == ["Sobel x", "Sobel y", "Gabor 0°", "Gabor 45°", "Gabor 90°", "Gabor 135°"]
    assert kernels.shape == (6, 11, 11)
    assert torch.allclose(kernels.sum(dim=(1, 2)), torch.zeros(6), atol=1e-5)  # no DC response
    vertical_edge = torch.zeros(1, 28, 28, dtype=torch.uint8)
    vertical_edge[:, :, 14:] = 255
    inside = features.apply_filters(vertical_edge, kernels)[0, :, 6:22, 6:22]  # no border
    r = inside.abs().amax(dim=(1, 2))
    assert r[0] > 3 and r[1] < 1e-4  # Sobel x sees a vertical edge, Sobel y does not
    assert r[2] > r[4]  # the 0° Gabor (varying along x) beats the 90° one
    sx, sy = features.sobel_filters()
    assert torch.equal(sy, sx.T) and sx[1].tolist() == [-2, 0, 2]


def test_gabor_rotates():
    g0 = features.gabor_filter(0.0)
    g90 = features.gabor_filter(math.pi / 2)
    assert torch.allclose(g90, g0.T, atol=1e-5)


def test_figures_draw_their_facts():
    images = d2l.load_fashion_mnist()["test_images"][:2]
    names, kernels = features.crafted_filter_bank()
    fig = figures.plot_filter_responses(images, names, kernels)
    assert len(fig.axes) == 2 * 7
    fig = figures.plot_dataset_scale()
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == [d[0] for d in figures.DATASET_SIZES]
    fig = figures.plot_flops_history([("measured: here", 1e12)])
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "measured: here" in texts and "GeForce 256" in texts
    table = d2l.AlexNet().layer_summary((1, 1, 224, 224), verbose=False)
    fig = figures.plot_params_vs_flops(table)
    bars = fig.axes[0].patches
    assert len(bars) == 16 and abs(sum(b.get_height() for b in bars[:8]) - 100) < 1e-6
    fig = figures.plot_activation_gradients()
    relu = fig.axes[1].get_lines()[0].get_ydata()
    assert relu.max() == 1 and relu.min() == 0
    assert fig.axes[1].get_lines()[1].get_ydata().max() <= 0.25
    plt.close("all")
