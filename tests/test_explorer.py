"""The layer explorer (d2l_local.explorer): each view's numbers against a direct computation
on a tiny network, Captum's attributions, the ipywidgets view driven through its controls,
the static figures in three languages, and the functions without ipywidgets."""

import os
import subprocess
import sys
from types import SimpleNamespace

import matplotlib
import pytest
import torch
from torch import nn

import d2l_local as d2l
from d2l_local import explorer
from d2l_local.figtext import drawn_in

from .browser import ROOT

matplotlib.use("Agg")


def fake_data(n=24, side=20, classes=3, seed=0):
    """What the explorer reads of a data module: uint8 test images, labels, the resize.
    The images are stripes of different directions and widths under noise, so that
    different images excite different channels most."""
    g = torch.Generator().manual_seed(seed)
    rows, cols = torch.meshgrid(torch.arange(side), torch.arange(side), indexing="ij")
    images = []
    for i in range(n):
        angle, width = 0.7 * i, 2 + i % 5
        stripes = torch.cos((rows * torch.cos(torch.tensor(angle)) +
                             cols * torch.sin(torch.tensor(angle))) * 3.14 / width) > 0
        noise = torch.rand(side, side, generator=g)
        images.append((stripes * 180 + noise * 75).to(torch.uint8))
    images = torch.stack(images)
    return SimpleNamespace(val_images=images, val_labels=torch.arange(n) % classes,
                           resize=None)


def tiny_net(classes=3, side=20):
    """Two convolution stages (conv, ReLU) with a pool between, then a linear classifier."""
    torch.manual_seed(0)
    net = nn.Sequential(nn.Conv2d(1, 3, 5, stride=2, padding=1), nn.ReLU(),
                        nn.MaxPool2d(3, 2), nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(),
                        nn.Flatten(), nn.LazyLinear(classes))
    net(torch.zeros(1, 1, side, side))
    with torch.no_grad():  # edge detectors (their weights sum to zero), as trained first
        net[0].weight -= net[0].weight.mean(dim=(2, 3), keepdim=True)  # layers mostly
        net[0].bias.zero_()  # are: which channel is most active depends on the image
    return net


def as_input(data, i):
    return data.val_images[i:i + 1].unsqueeze(1).float() / 255


# ------------------------------------------------------------- feature maps
def test_feature_maps_are_the_stage_outputs_most_active_first():
    net, data = tiny_net(), fake_data()
    with torch.no_grad():  # known weights: channel c of conv1 is (c + 1) times a box filter
        net[0].weight.copy_(torch.ones(3, 1, 5, 5) * torch.tensor([1.0, 3.0, 2.0])[:, None,
                                                                                     None, None])
        net[0].bias.zero_()
    ins = explorer.Inspector(net, data, sample=None)
    assert [(s.name, s.start, s.end) for s in ins.stages] == [("conv1", 0, 1), ("conv2", 3, 4)]
    x = as_input(data, 5)
    maps, logits = ins.activations(5)
    with torch.no_grad():
        conv1 = torch.relu(net[0](x))
        conv2 = torch.relu(net[3](net[2](conv1)))
        assert torch.equal(maps["conv1"], conv1[0]) and torch.equal(maps["conv2"], conv2[0])
        assert torch.equal(logits, net(x)[0])
    order, activity = ins.channel_order(5, "conv1")
    assert order.tolist() == [1, 2, 0]  # the weights' scales, largest first
    for name in ("conv1", "conv2"):
        order, activity = ins.channel_order(5, name)
        means = maps[name].mean(dim=(1, 2))
        assert torch.equal(activity, means[order])
        assert (activity[:-1] >= activity[1:]).all()  # most active first
    fig = ins.feature_maps_figure(5, k=2)
    tiles = fig.axes[1].images[0].get_array()  # conv2's row: its two most active maps
    order = ins.channel_order(5, "conv2")[0]
    w = maps["conv2"].shape[-1]
    assert torch.equal(torch.as_tensor(tiles[:, :w]), maps["conv2"][order[0]])
    assert torch.equal(torch.as_tensor(tiles[:, w + 1:]), maps["conv2"][order[1]])
    assert fig.axes[1].get_title() == f"conv2: channels {order[0]}, {order[1]} of 4"


def test_a_network_is_read_as_its_sequentials_layers():
    nested = nn.Sequential(nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.ReLU()),
                           nn.Sequential(nn.Conv2d(2, 2, 3), nn.Sigmoid()), nn.Flatten())
    layers = explorer.sequential_layers(nested)
    assert len(layers) == 6
    assert [(s.name, s.start, s.end) for s in explorer.conv_stages(layers)] == \
        [("conv1", 0, 2), ("conv2", 3, 4)]
    assert len(explorer.conv_stages(explorer.sequential_layers(d2l.AlexNet()))) == 5
    assert len(explorer.conv_stages(explorer.sequential_layers(d2l.LeNet()))) == 2
    with pytest.raises(TypeError, match="nn.Sequential"):
        explorer.sequential_layers(nn.Linear(2, 2))


# ------------------------------------------------------------- receptive fields
def alexnet_like(pool):
    """AlexNet's kernels, strides and paddings, with few channels."""
    return nn.Sequential(
        nn.Conv2d(1, 2, 11, stride=4, padding=1), nn.ReLU(), pool(3, 2),
        nn.Conv2d(2, 2, 5, padding=2), nn.ReLU(), pool(3, 2),
        nn.Conv2d(2, 2, 3, padding=1), nn.ReLU(), nn.Conv2d(2, 2, 3, padding=1), nn.ReLU(),
        nn.Conv2d(2, 2, 3, padding=1), nn.ReLU())


def depends_on(net, stage, x, channel, row, col):
    """The input pixels with a nonzero gradient for one unit (autograd)."""
    x = x.clone().requires_grad_(True)
    outputs, _ = explorer.stage_outputs(list(net), explorer.conv_stages(list(net)), x)
    outputs[stage][0, channel, row, col].backward()
    return x.grad[0, 0] != 0


def box_mask(box, shape):
    mask = torch.zeros(shape, dtype=torch.bool)
    top, left, bottom, right = box
    mask[top:bottom + 1, left:right + 1] = True
    return mask


@pytest.mark.parametrize("side", [65, 99])
def test_a_units_receptive_field_is_the_pixels_it_depends_on(side):
    """With every weight positive and average pooling, a unit depends on every pixel of its
    receptive field (each path through the network carries gradient): the pixels with a
    nonzero gradient are exactly the box computed from the kernels, strides and paddings.
    With AlexNet's max pooling they lie inside it."""
    torch.manual_seed(0)
    dense = alexnet_like(nn.AvgPool2d)
    with torch.no_grad():
        for layer in dense:
            if isinstance(layer, nn.Conv2d):
                layer.weight.uniform_(0.5, 1.0)
                layer.bias.fill_(0.1)
    x = torch.rand(1, 1, side, side) + 0.1
    layers = list(dense)
    stages = explorer.conv_stages(layers)
    outputs, _ = explorer.stage_outputs(layers, stages, x)
    checked, cut_short = 0, 0
    for stage in stages:
        h, w = outputs[stage.name].shape[-2:]
        for row, col in {(0, 0), (h // 2, w // 2), (h - 1, w - 1), (0, w - 1)}:
            inside = explorer.receptive_field(layers, stage, row, col, size=(side, side))
            assert torch.equal(depends_on(dense, stage.name, x, 1, row, col),
                               box_mask(inside, (side, side))), (stage.name, row, col, inside)
            box = explorer.receptive_field(layers, stage, row, col)
            cut_short += inside != explorer.clip_box(box, side, side)
            checked += 1
    assert checked >= 15
    # at 99 pixels conv1's stride leaves the last row and column to no window: the whole
    # field cut to the image would claim them
    assert (cut_short > 0) == (side == 99)
    # the box's size is the library's receptive-field arithmetic (d2l.summary)
    table = d2l.summary.receptive_fields(SimpleNamespace(net=alexnet_like(nn.MaxPool2d)),
                                         side)
    conv_rows = table[table["kind"] == "conv"]["receptive field"].tolist()
    sizes = [explorer.box_size(explorer.receptive_field(layers, s, 1, 1))[0]
             for s in stages]
    assert sizes == conv_rows == [11, 51, 99, 131, 163]
    sparse = alexnet_like(nn.MaxPool2d)  # random signs, max pooling: a subset of the box
    layers = list(sparse)
    for stage in explorer.conv_stages(layers):
        box = explorer.receptive_field(layers, stage, 1, 1, size=(side, side))
        grad = depends_on(sparse, stage.name, torch.rand(1, 1, side, side), 0, 1, 1)
        assert not (grad & ~box_mask(box, (side, side))).any()


def test_receptive_fields_of_padding_same_dilation_and_strided_pooling():
    layers = [nn.Conv2d(1, 1, 3, padding="same", dilation=2), nn.ReLU(),
              nn.AvgPool2d(2), nn.Conv2d(1, 1, (3, 5), stride=(1, 2))]
    stages = explorer.conv_stages(layers)
    # conv1: rows r-2..r+2; pool 2: 2r..2r+1; conv2 kernel 3x5, stride (1, 2)
    assert explorer.receptive_field(layers, stages[0], 4, 4) == (2, 2, 6, 6)
    assert explorer.receptive_field(layers, stages[1], 0, 1) == (-2, 2, 7, 15)
    assert explorer.receptive_field(layers, stages[1], 0, 1, size=(9, 40)) == (0, 2, 7, 15)
    with pytest.raises(ValueError, match="Upsample"):
        explorer.receptive_field([nn.Upsample(scale_factor=2), *layers], stages[0], 0, 0)


# ------------------------------------------------------------- top images, predictions
def test_top_images_are_a_direct_argmax_over_the_sample(monkeypatch):
    net, data = tiny_net(), fake_data(n=30)
    ins = explorer.Inspector(net, data, sample=20, batch_size=7)  # three batches, one short
    assert len(ins.sample) == 20 and torch.equal(ins.sample, ins.sample.sort().values)
    calls = []
    real = explorer.channel_maxima
    monkeypatch.setattr(explorer, "channel_maxima", lambda *a, **k: calls.append(
        (k["upto"].name, torch.get_num_threads())) or real(*a, **k))
    with torch.no_grad():
        x = torch.cat([as_input(data, int(i)) for i in ins.sample])
        direct = {"conv1": torch.relu(net[0](x))}
        direct["conv2"] = torch.relu(net[3](net[2](direct["conv1"])))
    for name in ("conv2", "conv1"):
        maps = direct[name]
        for channel in range(maps.shape[1]):
            best = maps[:, channel].flatten(1).max(dim=1)
            order = torch.sort(best.values, descending=True, stable=True).indices[:5]
            indices, values, units = ins.top_images(name, channel, k=5)
            assert torch.equal(indices, ins.sample[order])
            assert torch.allclose(values, best.values[order])
            for (row, col), i in zip(units.tolist(), order):
                assert maps[i, channel, row, col] == best.values[i]
    # conv1's maxima came with conv2's, in one pass (batches: on all of torch's threads)
    assert calls == [("conv2", torch.get_num_threads())]
    assert explorer.top_activating(ins.maxima("conv1"), 0, 99)[0].shape == (20,)


def test_top_predictions_are_softmax_top_k():
    net, data = tiny_net(classes=6), fake_data(classes=6)
    ins = explorer.Inspector(net, data, sample=None)
    with torch.no_grad():
        expected = torch.softmax(net(as_input(data, 3)), dim=1)[0].topk(4)
    probs, classes = ins.predictions(3, k=4)
    assert torch.allclose(probs, expected.values) and torch.equal(classes, expected.indices)
    ax = ins.predictions_figure(3, k=4).axes[0]
    assert [round(b.get_width(), 6) for b in ax.patches] == \
        [round(float(p), 6) for p in expected.values]
    assert [t.get_text() for t in ax.get_yticklabels()] == [str(int(c)) for c in
                                                             expected.indices]


# ------------------------------------------------------------- attribution
class KeepLeft(nn.Module):
    """Zeroes the right half of the image: the network never sees it."""

    def forward(self, x):
        return x * (torch.arange(x.shape[-1]) < x.shape[-1] // 2).to(x.dtype)


def test_attribution_is_captums_and_zero_where_the_network_does_not_look():
    from captum.attr import IntegratedGradients, Occlusion
    torch.manual_seed(0)
    # linear, so that integrated gradients are exact (they add up to the score's change)
    net = nn.Sequential(KeepLeft(), nn.Conv2d(1, 2, 3, padding=1), nn.Flatten(),
                        nn.Linear(2 * 28 * 28, 3))
    data = fake_data(side=28)
    ins = explorer.Inspector(net, data, sample=None)
    x = as_input(data, 2)
    occlusion, target = ins.attribution(2, "occlusion", target=1)
    assert target == 1 and occlusion.shape == (28, 28)
    window = explorer.occlusion_window(28)
    assert window == 4
    direct = Occlusion(net).attribute(x, sliding_window_shapes=(1, 4, 4), strides=(1, 2, 2),
                                      baselines=0.0, target=1, perturbations_per_eval=16)
    assert torch.equal(occlusion, direct[0, 0])
    # every window that covers a pixel at or past column 14 + 4 lies in the right half: no
    # change of the score there, but for float rounding (occluded copies are run 16 at a
    # time, the image alone, so their sums are added in another order)
    ignored, seen = occlusion[:, 14 + window:], occlusion[:, :14]
    assert ignored.abs().max() < 1e-5 * seen.abs().max() and (seen != 0).any()
    grads, _ = ins.attribution(2, "integrated gradients", target=1)
    direct = IntegratedGradients(net).attribute(x, baselines=torch.zeros_like(x), target=1,
                                                n_steps=32)[0, 0]
    assert grads.shape == (28, 28) and torch.allclose(grads, direct, atol=1e-6)
    assert (grads[:, 14:] == 0).all()
    with torch.no_grad():  # integrated gradients add up to the score's change from black
        change = net(x)[0, 1] - net(torch.zeros_like(x))[0, 1]
    assert torch.isclose(grads.sum(), change, rtol=1e-4, atol=1e-6)
    predicted = int(ins.predictions(2, 1)[1][0])
    assert ins.attribution(2, "occlusion")[1] == predicted  # by default, the prediction's
    with pytest.raises(ValueError, match="occlusion, integrated gradients"):
        ins.attribution(2, "saliency")
    # on a curved network, integrated gradients are not the gradient times the input
    torch.manual_seed(0)
    curved = nn.Sequential(nn.Conv2d(1, 2, 3), nn.Sigmoid(), nn.Flatten(),
                           nn.Linear(2 * 26 * 26, 3), nn.Tanh())
    grads, _ = explorer.Inspector(curved, data, sample=None).attribution(
        2, "integrated gradients", target=0)
    direct = IntegratedGradients(curved).attribute(x, baselines=torch.zeros_like(x), target=0,
                                                   n_steps=32)[0, 0]
    assert torch.allclose(grads, direct, atol=1e-7)
    x.requires_grad_(True)
    curved(x)[0, 0].backward()
    assert not torch.allclose(grads, (x.grad * x)[0, 0].detach(), atol=1e-4)


# ------------------------------------------------------------- the ipywidgets view
@pytest.mark.slow
def test_the_view_updates_when_its_controls_change():
    from matplotlib import pyplot as plt
    net, data = tiny_net(classes=3), fake_data(n=30)
    open_figures = plt.get_fignums()
    ex = d2l.LayerExplorer(net, data, index=4, sample=12)
    assert plt.get_fignums() == open_figures  # its figures are its own: no cell shows them
    c, v = ex.controls, ex.views
    assert ex.state() == {"image": 4, "layer": "conv1",  # the first layer: quickest to start
                          "channel": int(ex.inspector.channel_order(4, "conv1")[0][0]),
                          "unit": ex.inspector.most_active_unit(
                              4, "conv1", ex.state()["channel"])}
    assert set(ex.inspector._maxima) == {"conv1"}  # its top images ran only conv1
    assert all(v[name].value.startswith("<img") for name in explorer.VIEWS[:4])
    assert 'alt="test image 4 (1): A grid of 2 images: conv1: channels' in \
        v["feature maps"].value
    before = {name: w.value for name, w in v.items()}

    first = ex.inspector.channel_order(4, "conv1")[0].tolist()
    other = next(i for i in range(5, 30) if i % 3 == 1 and  # an image whose order differs
                 ex.inspector.channel_order(i, "conv1")[0].tolist() != first)
    c["image"].value = other
    assert c["label"].value == 1  # the class control follows the image
    order = ex.inspector.channel_order(other, "conv1")[0].tolist()
    assert [value for _, value in c["channel"].options] == order  # most active first
    for name in ("feature maps", "receptive field", "predictions"):
        assert v[name].value != before[name], name
    assert v["top images"].value == before["top images"]  # the channel's, not the image's
    assert "Press <b>attribute</b>" in v["attribution"].value and f"image {other}" in \
        v["attribution"].value

    before = {name: w.value for name, w in v.items()}
    c["layer"].value = "conv2"
    order = ex.inspector.channel_order(other, "conv2")[0].tolist()
    assert [value for _, value in c["channel"].options] == order
    assert c["channel"].value == order[0]
    assert (c["row"].value, c["col"].value) == ex.inspector.most_active_unit(other, "conv2",
                                                                             order[0])
    assert c["row"].max == ex.inspector.activations(other)[0]["conv2"].shape[1] - 1
    assert "conv2, channel" in v["top images"].value and v["top images"].value != \
        before["top images"]

    c["channel"].value = order[-1]
    assert (c["row"].value, c["col"].value) == ex.inspector.most_active_unit(other, "conv2",
                                                                             order[-1])
    c["row"].value, c["col"].value = 0, 1
    assert ex.state()["unit"] == (0, 1)
    assert "receptive field of conv2 unit (0, 1)" in v["receptive field"].value
    assert set(ex.timings) == {"image", "layer", "channel", "unit"}
    seen = []  # one image's work runs on one thread, and the setting is restored after
    real = explorer.stage_outputs
    explorer.stage_outputs = lambda *a, **k: seen.append(torch.get_num_threads()) or real(*a,
                                                                                          **k)
    try:
        threads = torch.get_num_threads()
        c["image"].value = 29  # not among the images seen so far (cached)
    finally:
        explorer.stage_outputs = real
    assert seen == [1] and torch.get_num_threads() == threads

    picked = ex.draw(2)
    assert ex.state()["image"] == picked and int(data.val_labels[picked]) == 2
    c["label"].value = 0  # choosing a class draws an image of it
    assert int(data.val_labels[ex.state()["image"]]) == 0
    ex.buttons["attribute"].click()
    assert v["attribution"].value.startswith("<img") and "occlusion" in v["attribution"].value
    c["method"].value = "integrated gradients"
    ex.attribute()
    assert "integrated gradients" in v["attribution"].value
    assert plt.get_fignums() == open_figures
    times = ex.measure(repeats=2)
    assert {"image", "layer", "channel", "unit", "attribute occlusion",
            "attribute integrated gradients", "top images, first time"} == set(times)
    assert all(t["wall"] > 0 and t["cpu"] > 0 for t in times.values())


@pytest.mark.slow
def test_the_static_book_shows_the_views_as_figures(monkeypatch):
    from IPython.display import HTML, Image
    monkeypatch.setenv("D2L_STATIC_BOOK", "1")
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *objs, **_: shown.extend(objs))
    ex = d2l.LayerExplorer(tiny_net(), fake_data(), index=2, sample=None)
    ex._ipython_display_()
    assert isinstance(shown[0], HTML) and "frozen" in shown[0].data
    assert "<p lang=\"zh\"><b>层浏览器（静态）。</b>" in shown[0].data  # every language
    images = shown[1:]
    assert len(images) == 5 and all(isinstance(i, Image) for i in images)
    alts = [i.metadata["alt"] for i in images]
    assert alts[0].startswith("test image 2 (2): A grid of 2 images: conv1")
    assert all("alt_zh" in i.metadata and "png_vi" in i.metadata for i in images)


# ------------------------------------------------------------- the chapter's networks
@pytest.fixture(scope="module")
def fashion65():
    return d2l.FashionMNIST(resize=(65, 65), num_train=100, num_val=60)


@pytest.mark.slow
def test_alexnet_at_65_pixels_in_three_languages(fashion65):
    torch.manual_seed(0)
    figs = explorer.explorer_figures(d2l.AlexNet(), fashion65, index=3, sample=40)
    assert list(figs) == ["feature maps", "receptive field", "top images", "predictions",
                          "attribution"]
    assert len(figs["feature maps"].axes) == 5
    assert "receptive field of conv5 unit" in figs["receptive field"].axes[0].get_title()
    for name, fig in figs.items():
        for lang in ("zh", "vi"):
            with drawn_in(fig, lang) as missing:
                assert missing == [], (name, lang)
        assert d2l.plotting.describe(fig, "zh") != d2l.plotting.describe(fig, "en")
    zh = d2l.plotting.describe(figs["receptive field"], "zh")
    assert "感受野" in zh and "测试图像 3（" in zh


@pytest.mark.slow
def test_alexnet_at_224_pixels_and_lenet_at_28():
    torch.manual_seed(0)
    data = d2l.FashionMNIST(resize=(224, 224), num_train=100, num_val=20)
    ins = explorer.Inspector(d2l.AlexNet(), data, sample=10)
    assert [tuple(m.shape) for m in ins.activations(0)[0].values()] == \
        [(96, 54, 54), (256, 26, 26), (384, 12, 12), (384, 12, 12), (256, 12, 12)]
    assert explorer.box_size(ins.receptive_field("conv5", 6, 6)) == (163, 163)
    figs = ins.figures(0, attribution=None)
    assert len(figs) == 4 and len(ins.top_images("conv5", 0, k=8)[0]) == 8
    lenet = explorer.Inspector(d2l.LeNet(), d2l.FashionMNIST(num_train=100, num_val=20),
                               sample=None)
    assert [s.name for s in lenet.stages] == ["conv1", "conv2"]
    assert set(lenet.figures(1)) == set(explorer.VIEWS)


# ------------------------------------------------------------- without ipywidgets
@pytest.mark.slow
def test_the_functions_work_without_ipywidgets():
    script = """
import sys
sys.modules["ipywidgets"] = None  # as if it were not installed
import matplotlib; matplotlib.use("Agg")
import torch
from torch import nn
import d2l_local as d2l
from d2l_local import explorer
from types import SimpleNamespace
net = nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(), nn.Flatten(), nn.Linear(2 * 8 * 8, 3))
data = SimpleNamespace(val_images=torch.zeros(6, 10, 10, dtype=torch.uint8),
                       val_labels=torch.arange(6) % 3, resize=None)
figs = explorer.explorer_figures(net, data, index=1)
assert len(figs) == 5
assert d2l.explorer is explorer
try:
    d2l.LayerExplorer(net, data)
except ImportError:
    print("ok")
"""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         cwd=ROOT, timeout=300,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip().endswith("ok")


IPYWIDGETS_7 = ROOT / "build" / "ipywidgets-7.7.1"


@pytest.mark.slow
def test_the_explorer_works_with_colabs_ipywidgets():
    """Colab ships ipywidgets 7.7.1: the explorer is built and follows its controls."""
    if not (IPYWIDGETS_7 / "ipywidgets").is_dir():
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                        "--target", str(IPYWIDGETS_7), "ipywidgets==7.7.1", "ipython_genutils"],
                       check=True)
    script = """
import ipywidgets, torch, d2l_local as d2l
from types import SimpleNamespace
from torch import nn
assert ipywidgets.__version__ == "7.7.1", ipywidgets.__version__
torch.manual_seed(0)
net = nn.Sequential(nn.Conv2d(1, 3, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(3, 4, 3),
                    nn.ReLU(), nn.Flatten(), nn.LazyLinear(3))
net(torch.zeros(1, 1, 16, 16))
data = SimpleNamespace(val_images=torch.randint(0, 255, (12, 16, 16), dtype=torch.uint8),
                       val_labels=torch.arange(12) % 3, resize=None)
ex = d2l.LayerExplorer(net, data, sample=None)
shown = ex.views["feature maps"].value
ex.controls["image"].value = 5
assert ex.views["feature maps"].value != shown
ex.controls["layer"].value = "conv2"
order = ex.inspector.channel_order(5, "conv2")[0].tolist()
assert [v for _, v in ex.controls["channel"].options] == order
assert ex.controls["channel"].value == order[0]
ex.buttons["attribute"].click()
assert ex.views["attribution"].value.startswith("<img")
print("ok", ipywidgets.__version__)
"""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(IPYWIDGETS_7), str(ROOT)])}
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         env=env, cwd=ROOT, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "ok 7.7.1" in run.stdout
