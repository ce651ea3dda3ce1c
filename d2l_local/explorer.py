"""The layer explorer: what each convolution layer of a trained network responds to.

For one test image: every convolution layer's feature maps (the most active channels
first), the receptive field of a chosen unit drawn on the image, the test images that
excite a chosen channel most, the top predictions, and an attribution map from Captum
(occlusion or integrated gradients).

Three parts, as elsewhere in the library:

- widget-free functions that compute each view from an ``nn.Sequential`` network
  (:func:`stage_outputs`, :func:`activity_order`, :func:`receptive_field`,
  :func:`channel_maxima`, :func:`top_predictions`, :func:`attribute`) and draw it
  (``plot_*``, through :func:`d2l_local.plotting.subplots`, so that each figure says what
  it shows and is drawn in the reader's language);
- :class:`Inspector`, which keeps what they need between changes: the chosen image's
  activations, and each layer's per-channel maxima over a sample of test images (computed
  once per layer, without gradients, in batches); :func:`explorer_figures` renders every
  view of one image as figures, for the static book;
- :class:`LayerExplorer`, a thin ipywidgets view over an Inspector (ipywidgets is imported
  when one is built, so the rest works without it).

A network is read as the flat list of its ``nn.Sequential``'s layers (``model.net`` for the
library's models; nested Sequentials are flattened). A *stage* is one convolution with the
pointwise layers that follow it (activation, batch norm, dropout): its feature maps are the
stage's output, what the next layer sees. Stages are named conv1, conv2, ... in order.
"""

from __future__ import annotations

import collections
import contextlib
import html
import io
import statistics
import time
from dataclasses import dataclass

import torch
from torch import nn

from . import config
from .data import balanced_subset
from .figtext import describe, drawn_in, figure_output, image_html
from .layers import evaluating, has_uninitialized_params
from .loader import resize_on_device
from .plotting import subplots

# Layers that act on each position (and channel) on their own: they keep a stage's maps'
# geometry, so a stage reads its maps after them and a receptive field passes through them.
POINTWISE = (nn.ReLU, nn.ReLU6, nn.LeakyReLU, nn.PReLU, nn.ELU, nn.SELU, nn.CELU, nn.GELU,
             nn.SiLU, nn.Mish, nn.Sigmoid, nn.Tanh, nn.Hardtanh, nn.Hardswish,
             nn.Hardsigmoid, nn.Softplus, nn.BatchNorm2d, nn.Identity, nn.Dropout,
             nn.Dropout2d, nn.LocalResponseNorm)
METHODS = ("occlusion", "integrated gradients")


# ------------------------------------------------------------- the network's stages
@dataclass(frozen=True)
class Stage:
    """One convolution layer and the pointwise layers after it; ``end`` is the index (in
    :func:`sequential_layers`) of its last layer, whose output is the stage's feature maps."""

    name: str
    conv: nn.Module
    start: int
    end: int


def sequential_layers(model: nn.Module) -> list[nn.Module]:
    """The layers of ``model.net`` (or of ``model`` when it is itself an ``nn.Sequential``),
    nested Sequentials flattened, in the order they run."""
    net = getattr(model, "net", model)
    if not isinstance(net, nn.Sequential):
        raise TypeError(f"{type(model).__name__} is not an nn.Sequential and has no "
                        "nn.Sequential `net`: the explorer reads a network layer by layer.")

    def flat(seq):
        for layer in seq:
            yield from (flat(layer) if isinstance(layer, nn.Sequential) else (layer,))
    return list(flat(net))


def conv_stages(layers: list[nn.Module]) -> list[Stage]:
    """The network's convolution stages, named conv1, conv2, ... (see :class:`Stage`)."""
    stages = []
    for i, layer in enumerate(layers):
        if isinstance(layer, nn.modules.conv._ConvNd):
            end = i
            while end + 1 < len(layers) and isinstance(layers[end + 1], POINTWISE):
                end += 1
            stages.append(Stage(f"conv{len(stages) + 1}", layer, i, end))
    return stages


def stage_outputs(layers, stages, x, upto: Stage | None = None):
    """Run ``x`` through ``layers`` (up to ``upto``'s end, or all of them): the output of
    every stage it passes, {name: (B, C, H, W)}, and the last output (the logits when it
    ran every layer). Call it under ``torch.no_grad()`` unless gradients are wanted."""
    ends = {s.end: s.name for s in stages}
    last = len(layers) - 1 if upto is None else upto.end
    outputs = {}
    for i, layer in enumerate(layers[:last + 1]):
        x = layer(x)
        if i in ends:
            outputs[ends[i]] = x
    return outputs, x


def activity_order(maps: torch.Tensor):
    """A stage's channels, most active first, for one image's maps (C, H, W): the channel
    indices and their activity, the mean of each channel's map (ties keep channel order)."""
    activity = maps.detach().float().flatten(1).mean(1).cpu()
    order = torch.sort(activity, descending=True, stable=True).indices
    return order, activity[order]


# ------------------------------------------------------------- receptive fields
def _pair(v):
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v)


def layer_geometry(layer: nn.Module):
    """(kernel, stride, padding, dilation), each (rows, cols), of a layer that slides a
    window over its input; None for a pointwise layer. Raises ValueError for a layer whose
    outputs depend on its input in another way (upsampling, adaptive pooling, ...)."""
    if isinstance(layer, POINTWISE):
        return None
    kernel = getattr(layer, "kernel_size", None)
    if kernel is None or isinstance(layer, (nn.AdaptiveAvgPool2d, nn.AdaptiveMaxPool2d)):
        raise ValueError(f"{type(layer).__name__} does not slide a window over its input: "
                         "the receptive field through it is not a window of the image.")
    k = _pair(kernel)
    s = _pair(layer.stride if layer.stride is not None else kernel)
    d = _pair(getattr(layer, "dilation", 1))
    p = getattr(layer, "padding", 0)
    if p == "same":  # PyTorch pads the smaller half before, the rest after
        p = tuple(di * (ki - 1) // 2 for ki, di in zip(k, d))
    elif p == "valid":
        p = (0, 0)
    return k, s, _pair(p), d


def _output_side(n, k, s, p, d, ceil):
    """A sliding layer's output side for an input side ``n`` (PyTorch's rule)."""
    span = n + 2 * p - d * (k - 1) - 1
    out = (-(-span // s) if ceil else span // s) + 1
    if ceil and (out - 1) * s >= n + p:  # the last window must start inside the input
        out -= 1
    return out


def receptive_field(layers, stage: Stage, row: int, col: int, size=None):
    """The input pixels unit (``row``, ``col``) of ``stage``'s maps depends on, as an
    inclusive box (top, left, bottom, right) in the input's pixel coordinates, computed
    from the layers' kernels, strides, paddings and dilations: a layer maps outputs
    a..b to inputs a*s - p .. b*s - p + d*(k - 1). (Where a dilation or a stride is larger
    than its kernel, the box is the bounds of the pixels, with gaps between them.)

    Without ``size`` the box is the whole field, which may reach into the padding. With
    the input's ``size`` (rows, cols) it is cut, at every layer, to what that layer's input
    holds: the pixels the unit really depends on. (Cutting only at the end can keep pixels
    at the far edge that no window reaches, when a stride does not divide the input.)"""
    sides = []
    if size is not None:
        h, w = size
        for layer in layers[:stage.end + 1]:
            sides.append((h, w))
            geometry = layer_geometry(layer)
            if geometry is not None:
                (kh, kw), (sh, sw), (ph, pw), (dh, dw) = geometry
                ceil = getattr(layer, "ceil_mode", False)
                h, w = _output_side(h, kh, sh, ph, dh, ceil), _output_side(w, kw, sw, pw, dw,
                                                                           ceil)
    top, left, bottom, right = row, col, row, col
    for i in range(stage.end, -1, -1):
        geometry = layer_geometry(layers[i])
        if geometry is None:
            continue
        (kh, kw), (sh, sw), (ph, pw), (dh, dw) = geometry
        top, bottom = top * sh - ph, bottom * sh - ph + dh * (kh - 1)
        left, right = left * sw - pw, right * sw - pw + dw * (kw - 1)
        if sides:
            top, left, bottom, right = clip_box((top, left, bottom, right), *sides[i])
    return top, left, bottom, right


def clip_box(box, height: int, width: int):
    """``box`` (top, left, bottom, right) cut to an image of ``height`` x ``width``."""
    top, left, bottom, right = box
    return max(top, 0), max(left, 0), min(bottom, height - 1), min(right, width - 1)


def box_size(box):
    """(rows, cols) of an inclusive box."""
    return box[2] - box[0] + 1, box[3] - box[1] + 1


# ------------------------------------------------------------- over a sample of images
@torch.no_grad()
def channel_maxima(layers, stages, batches, upto: Stage):
    """For every stage up to ``upto``: each image's largest activation of each channel and
    where it is, {name: (values (N, C), positions (N, C) as row * width + col, width)},
    over ``batches`` (an iterable of (B, C, H, W) inputs), running only the layers up to
    ``upto``."""
    wanted = [s for s in stages if s.end <= upto.end]
    values = {s.name: [] for s in wanted}
    positions = {s.name: [] for s in wanted}
    widths = {}
    for x in batches:
        outputs, _ = stage_outputs(layers, wanted, x, upto=upto)
        for name, maps in outputs.items():
            best = maps.float().flatten(2).max(dim=2)
            values[name].append(best.values.cpu())
            positions[name].append(best.indices.cpu())
            widths[name] = maps.shape[-1]
    return {name: (torch.cat(values[name]), torch.cat(positions[name]), widths[name])
            for name in values}


def top_activating(maxima, channel: int, k: int):
    """The ``k`` images (indices into the sample) whose largest activation of ``channel``
    is highest, with that activation and its unit (row, col), highest first."""
    values, positions, width = maxima
    k = min(k, len(values))
    best = torch.sort(values[:, channel], descending=True, stable=True).indices[:k]
    where = positions[best, channel]
    return best, values[best, channel], torch.stack([where // width, where % width], dim=1)


def top_predictions(logits: torch.Tensor, k: int = 5):
    """The ``k`` most probable classes of one image's logits (K,): their probabilities
    (softmax) and class indices, most probable first."""
    probs = torch.softmax(logits.detach().float(), dim=-1)
    top = torch.topk(probs, min(k, probs.numel()))
    return top.values, top.indices


# ------------------------------------------------------------- attribution (Captum)
def occlusion_window(side: int) -> int:
    """The default occlusion window for an input side: a seventh of it (4 of Fashion-MNIST's
    28 pixels, 32 at 224, 10 at 65), slid by half a window."""
    return max(1, -(-side // 7))


def attribute(forward, x: torch.Tensor, target: int, method: str = "occlusion",
              window: int | None = None, stride: int | None = None, n_steps: int = 32,
              batch: int = 16) -> torch.Tensor:
    """How much each pixel of ``x`` (1, C, H, W) adds to the score of class ``target``, by
    Captum: ``'occlusion'`` (the score's drop when a ``window`` x ``window`` square, slid by
    ``stride``, is set to black) or ``'integrated gradients'`` (gradients along the
    straight path from a black image, ``n_steps`` steps). ``forward`` maps inputs to
    logits. Returns (H, W), summed over the input's channels; positive where the pixels
    raise the score. ``batch`` inputs are evaluated at a time."""
    from captum.attr import IntegratedGradients, Occlusion
    if method not in METHODS:
        raise ValueError(f"method={method!r} is not allowed: use one of {', '.join(METHODS)}.")
    x = x.detach()
    if method == "occlusion":
        window = window or occlusion_window(min(x.shape[-2:]))
        stride = stride or max(1, window // 2)
        attr = Occlusion(forward).attribute(
            x, sliding_window_shapes=(x.shape[1], window, window),
            strides=(x.shape[1], stride, stride), baselines=0.0, target=target,
            perturbations_per_eval=batch)
    else:
        with torch.enable_grad():
            attr = IntegratedGradients(forward).attribute(
                x, baselines=torch.zeros_like(x), target=target, n_steps=n_steps,
                internal_batch_size=batch)
    return attr.detach()[0].sum(0).float().cpu()


# ------------------------------------------------------------- figures
# Each ``plot_*`` makes its figure with plotting.subplots, or, given the ``fig`` it made
# before, draws into it again: the live view redraws a view on every change, and making a
# figure's axes costs more than drawing them. The figures are laid out with fixed margins
# (in inches) rather than by tight_layout, which draws a figure once more to measure it.
def _figure(fig, layout, nrows, ncols, figsize):
    if fig is not None and getattr(fig, "_d2l_explorer", None) == layout:
        fig.set_size_inches(figsize)
        return fig, [[ax for ax in fig.axes][r * ncols:(r + 1) * ncols] for r in range(nrows)]
    fig, axes = subplots(nrows, ncols, figsize=figsize, squeeze=False)
    fig._d2l_explorer = layout
    return fig, [list(row) for row in axes]


def _margins(fig, top=0.0, bottom=0.0, left=0.0, right=0.0, **space):
    w, h = fig.get_size_inches()
    fig.subplots_adjust(left=left / w, right=1 - right / w, top=1 - top / h,
                        bottom=bottom / h, **space)


def _show(ax, image, cmap, vmin=None, vmax=None):
    """``image`` in ``ax`` (replacing the one there), its colour scale from vmin to vmax
    (default: the image's range), without axes."""
    image = image.numpy() if hasattr(image, "numpy") else image
    if vmin is None or vmax is None:
        import numpy as np
        vmin, vmax = float(np.nanmin(image)), float(np.nanmax(image))
    vmax = vmax if vmax > vmin else vmin + 1
    h, w = image.shape
    for patch in list(ax.patches):  # the boxes drawn on the last image
        patch.remove()
    if ax.images:
        shown = ax.images[0]
        shown.set_data(image)
        shown.set_cmap(cmap)
        shown.set_clim(vmin, vmax)
        shown.set_extent((-0.5, w - 0.5, h - 0.5, -0.5))
    else:
        ax.imshow(image, interpolation="nearest", cmap=cmap, vmin=vmin, vmax=vmax)
        ax.axis("off")  # no ticks: an axis's ticks cost more to make and draw than its image
    ax.set_xlim(-0.5, w - 0.5)
    ax.set_ylim(h - 0.5, -0.5)


def _title(ax, text, size=8):
    # placed at a fixed height: left to itself, matplotlib measures the axis's ticks on
    # every draw to keep the title clear of them (half the time of drawing these figures)
    ax.set_title(text, fontsize=size, y=1.0, pad=3)


def _heading(fig, text, size):
    if text or fig._suptitle is not None:
        fig.suptitle(text or "", fontsize=size)


def _box_patch(box, **kwargs):
    from matplotlib.patches import Rectangle
    rows, cols = box_size(box)
    return Rectangle((box[1] - 0.5, box[0] - 0.5), cols, rows, fill=False, **kwargs)


def _image2d(image):
    image = image.detach().float().cpu()
    return image.reshape(image.shape[-2:])


def plot_feature_maps(maps: dict, k: int = 8, heading: str | None = None, fig=None):
    """One row per stage: the ``k`` most active channels' maps of one image, side by side,
    most active first, on one colour scale per stage (so a brighter map is a more active
    channel), their channel numbers in the row's title. ``maps``: {name: (C, H, W)}."""
    import numpy as np
    n = len(maps)
    slot, head = 1.2, (0.35 if heading else 0.1)  # inches: a row with its title
    fig, axes = _figure(fig, ("feature maps", n), n, 1, (8, n * slot + head))
    _margins(fig, top=head + 0.2, bottom=0.05, left=0.1, right=0.1, hspace=0.25 / 0.95)
    for (ax,), (name, stage_maps) in zip(axes, maps.items()):
        order, _ = activity_order(stage_maps)
        shown = stage_maps.detach().float().cpu()[order[:k]].numpy()
        count, h, w = shown.shape
        mosaic = np.full((h, count * (w + 1) - 1), np.nan, dtype=np.float32)
        for i, m in enumerate(shown):
            mosaic[:, i * (w + 1):i * (w + 1) + w] = m
        _show(ax, mosaic, "magma", min(0.0, float(shown.min())), float(shown.max()))
        ax.set_anchor("W")
        channels = ", ".join(str(int(c)) for c in order[:k])
        _title(ax, f"{name}: channels {channels} of {len(stage_maps)}")
    _heading(fig, heading, 10)
    return fig


def plot_receptive_field(image, box, channel_map, unit, stage: str, channel: int,
                         heading: str | None = None, fig=None, inside=None):
    """The image with the receptive field of one unit drawn on it (``inside``: the pixels
    of the image it depends on, by default ``box`` cut to the image; ``box``'s full size in
    the title), and the unit's channel map with the unit marked."""
    image = _image2d(image)
    inside = clip_box(box, *image.shape) if inside is None else inside
    fig, [[left, right]] = _figure(fig, ("receptive field",), 1, 2, (6, 3.6))
    _margins(fig, top=0.95 if heading else 0.6, bottom=0.05, left=0.1, right=0.1,
             wspace=0.1)
    _show(left, image, "gray", 0, 1)
    left.add_patch(_box_patch(inside, edgecolor="red", linewidth=2))
    full, seen = box_size(box), box_size(inside)
    size = f"{full[0]}x{full[1]} pixels"
    if seen != full:
        size += f", {seen[0]}x{seen[1]} in the image"
    _title(left, f"receptive field of {stage} unit ({unit[0]}, {unit[1]})\n{size}")
    _show(right, _image2d(channel_map), "magma")
    right.add_patch(_box_patch((unit[0], unit[1], unit[0], unit[1]), edgecolor="cyan",
                               linewidth=2))
    _title(right, f"{stage}, channel {channel}")
    _heading(fig, heading, 10)
    return fig


def plot_top_images(images, titles, boxes=(), heading: str | None = None, fig=None):
    """Images side by side with their titles and, on each, a box (the receptive field of
    the unit where the channel fires most)."""
    n = max(1, len(images))
    fig, [axes] = _figure(fig, ("top images", n), 1, n, (1.2 * n, 2.0))
    _margins(fig, top=0.7 if heading else 0.4, bottom=0.05, left=0.05, right=0.05,
             wspace=0.08)
    for i, ax in enumerate(axes):
        if i >= len(images):
            ax.axis("off")
            continue
        image = _image2d(images[i])
        _show(ax, image, "gray", 0, 1)
        if i < len(boxes):
            ax.add_patch(_box_patch(clip_box(boxes[i], *image.shape), edgecolor="red",
                                    linewidth=1.5))
        _title(ax, titles[i])
    _heading(fig, heading, 9)
    return fig


def plot_predictions(probs, names, true_name: str | None = None, fig=None):
    """The top predictions as horizontal bars of their probabilities, most probable on top;
    the true class's bar green."""
    probs = [float(p) for p in probs]
    fig, [[ax]] = _figure(fig, ("predictions", len(probs)), 1, 1,
                          (3.4, 0.26 * len(names) + 0.75))
    _margins(fig, top=0.5, bottom=0.1, left=0.95, right=0.15)
    colors = ["C2" if n == true_name else "C0" for n in names]
    if ax.patches:
        for bar, p, color in zip(ax.patches, probs, colors):
            bar.set_width(p)
            bar.set_color(color)
        for text in list(ax.texts):
            text.remove()
    else:
        ax.barh(range(len(probs)), probs, color=colors)
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.xaxis.set_visible(False)  # each bar is labelled with its probability

    ax.set_yticks(range(len(names)), list(names), fontsize=8)
    for y, p in enumerate(probs):
        ax.text(min(p + 0.02, 0.85), y, f"{p:.2f}", va="center", fontsize=7)
    title = f"top {len(probs)} predictions (probability)"
    if true_name is not None:
        title += f"\ntrue class: {true_name}"
    _title(ax, title, 9)
    return fig


def plot_attribution(image, attr, method: str, target_name: str, heading: str | None = None,
                     fig=None):
    """The image and its attribution map for one class, red where the pixels raise the
    class's score and blue where they lower it, on a scale symmetric about zero."""
    fig, [[left, right]] = _figure(fig, ("attribution",), 1, 2, (6, 3.4))
    _margins(fig, top=0.7, bottom=0.05, left=0.1, right=0.1, wspace=0.1)
    _show(left, _image2d(image), "gray", 0, 1)
    _title(left, heading or "")
    a = attr.detach().float().cpu()
    limit = float(a.abs().max()) or 1.0
    _show(right, a, "RdBu_r", -limit, limit)
    _title(right, method)
    _heading(fig, f"red raises the score of {target_name}, blue lowers it", 9)
    return fig


# ------------------------------------------------------------- the explorer's state
@contextlib.contextmanager
def torch_threads(n: int | None):
    """torch's intra-op threads set to ``n`` inside the block, as they were after it (None:
    unchanged). One image is too small a job to share: on two cores busy with other work
    too, AlexNet's forward pass of one 224-pixel image took 0.08 s on one thread and
    0.37 s on two, which wait for each other."""
    before = torch.get_num_threads()
    if n is None or n == before:
        yield
        return
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def _model_device(model):
    return next((p.device for p in model.parameters()
                 if not isinstance(p, nn.parameter.UninitializedParameter)),
                torch.device("cpu"))


class Inspector:
    """Every view of the explorer as numbers and figures, with the caches that make a change
    quick: the activations of the last few images, and each stage's per-channel maxima
    over ``sample`` test images (a class-balanced sample of ``data``'s validation set; None
    for all of it), computed the first time a stage's top images are asked for.

    ``data`` is a :class:`~d2l_local.data.FashionMNIST` or anything with ``val_images``
    (uint8, N x H x W), ``val_labels`` and ``resize``; images are resized as the data module
    resizes them for the network.
    """

    def __init__(self, model: nn.Module, data, sample: int | None = 300,
                 batch_size: int = 64, device=None, seed: int = 0, cache: int = 8,
                 one_image_threads: int | None = 1):
        self.model = model
        # one image's work on one thread (see torch_threads()), batches on all of torch's
        self.one_image_threads, self.batch_threads = one_image_threads, torch.get_num_threads()
        self.layers = sequential_layers(model)
        self.stages = conv_stages(self.layers)
        if not self.stages:
            raise ValueError(f"{type(model).__name__} has no convolution layer to explore.")
        self.images, self.labels = data.val_images, data.val_labels.cpu()
        self.resize = getattr(data, "resize", None)
        self._text_labels = getattr(data, "text_labels", None)  # FashionMNIST's names
        self.batch_size, self.cache = batch_size, cache
        if has_uninitialized_params(model):  # lazy layers take their shapes (and init)
            with evaluating(model), torch.no_grad():
                model(self.image(0).to(_model_device(model)))
        self.device = torch.device(device) if device is not None else _model_device(model)
        self.input_size = tuple(self.image(0).shape[-2:])
        n = len(self.labels)
        self.sample = (torch.arange(n) if sample is None or sample >= n else
                       torch.sort(balanced_subset(self.labels, sample, seed)).values)
        self._activations: collections.OrderedDict = collections.OrderedDict()
        self._maxima: dict = {}

    # ---------------------------------------------------------------- basics
    def __len__(self):
        return len(self.labels)

    def class_name(self, label) -> str:
        """The data module's name for a class (its ``text_labels``), else its number."""
        return self._text_labels([int(label)])[0] if self._text_labels else str(int(label))

    def describe_image(self, index: int) -> str:
        return f"test image {index} ({self.class_name(self.labels[index])})"

    def stage(self, layer) -> Stage:
        """A stage by name ('conv3'), by number (0 is conv1), or the stage itself."""
        if isinstance(layer, Stage):
            return layer
        if isinstance(layer, int):
            return self.stages[layer]
        for s in self.stages:
            if s.name == layer:
                return s
        raise ValueError(f"layer={layer!r} is not one of "
                         f"{', '.join(s.name for s in self.stages)}.")

    def image(self, index: int) -> torch.Tensor:
        """Test image ``index`` as the network sees it: (1, 1, H, W) in [0, 1]."""
        if not 0 <= index < len(self.labels):
            raise ValueError(f"index={index} is not a test image: use 0 to "
                             f"{len(self.labels) - 1}.")
        return resize_on_device(self.images[index:index + 1], self.resize)

    def _batch(self, indices) -> torch.Tensor:
        x = resize_on_device(self.images[indices.to(self.images.device)], self.resize)
        return x.to(self.device)

    def _cached(self, index: int):
        """(input, stage outputs, logits) of image ``index``, from the cache of the last
        ``cache`` images or by one forward pass."""
        if index in self._activations:
            self._activations.move_to_end(index)
            return self._activations[index]
        x = self.image(index).to(self.device)
        with evaluating(self.model), torch.no_grad(), torch_threads(self.one_image_threads):
            outputs, logits = stage_outputs(self.layers, self.stages, x)
        found = (x[0], {name: maps[0] for name, maps in outputs.items()}, logits[0])
        self._activations[index] = found
        while len(self._activations) > self.cache:
            self._activations.popitem(last=False)
        return found

    def activations(self, index: int):
        """Stage outputs {name: (C, H, W)} and logits (K,) of image ``index`` (cached)."""
        return self._cached(index)[1:]

    # ---------------------------------------------------------------- the views' numbers
    def channel_order(self, index: int, layer):
        """``layer``'s channels for image ``index``, most active first, and their activity."""
        return activity_order(self.activations(index)[0][self.stage(layer).name])

    def most_active_unit(self, index: int, layer, channel: int):
        """(row, col) of the unit of ``channel`` that fires most on image ``index``."""
        maps = self.activations(index)[0][self.stage(layer).name][channel]
        where = int(torch.argmax(maps))
        return divmod(where, maps.shape[-1])

    def receptive_field(self, layer, row: int, col: int, clip: bool = False):
        """The box of input pixels unit (row, col) of ``layer`` depends on (see
        :func:`receptive_field`); ``clip``: only the pixels of the image."""
        return receptive_field(self.layers, self.stage(layer), row, col,
                               self.input_size if clip else None)

    def maxima(self, layer):
        """Each sampled image's largest activation of each of ``layer``'s channels and where
        (:func:`channel_maxima`), computed once per layer. The first layer's need only the
        first stage; any other's come with every layer's in one pass through the network
        (the second stage alone costs about half of the whole pass in AlexNet)."""
        stage = self.stage(layer)
        if stage.name not in self._maxima:
            upto = stage if stage is self.stages[0] else self.stages[-1]
            batches = (self._batch(self.sample[i:i + self.batch_size])
                       for i in range(0, len(self.sample), self.batch_size))
            with evaluating(self.model), torch_threads(self.batch_threads):
                found = channel_maxima(self.layers, self.stages, batches, upto=upto)
            for name, value in found.items():
                self._maxima.setdefault(name, value)
        return self._maxima[stage.name]

    def top_images(self, layer, channel: int, k: int = 8):
        """The ``k`` sampled test images that excite ``channel`` of ``layer`` most: their
        indices in the test set, the channel's largest activation on each, and the unit
        (row, col) where it is."""
        best, values, units = top_activating(self.maxima(layer), channel, k)
        return self.sample[best], values, units

    def predictions(self, index: int, k: int = 5):
        """The ``k`` most probable classes of image ``index``: probabilities and classes."""
        return top_predictions(self.activations(index)[1], k)

    def forward(self, x):
        """The logits of a batch, the network run layer by layer (for Captum)."""
        return stage_outputs(self.layers, [], x)[1]

    def attribution(self, index: int, method: str = "occlusion", target=None, **options):
        """:func:`attribute` for image ``index`` and class ``target`` (the predicted class when
        None): (attribution (H, W), target)."""
        if target is None:
            target = int(self.predictions(index, 1)[1][0])
        with evaluating(self.model), torch_threads(self.batch_threads):  # batches of copies
            attr = attribute(self.forward, self.image(index).to(self.device), int(target),
                             method, **options)
        return attr, int(target)

    # ---------------------------------------------------------------- the views' figures
    # (``fig``: a figure the same method made before, drawn into again: see _figure)
    def feature_maps_figure(self, index: int, k: int = 8, fig=None):
        return plot_feature_maps(self.activations(index)[0], k, self.describe_image(index),
                                 fig)

    def receptive_field_figure(self, index: int, layer, channel: int, unit=None, fig=None):
        stage = self.stage(layer)
        unit = self.most_active_unit(index, stage, channel) if unit is None else tuple(unit)
        maps = self.activations(index)[0][stage.name][channel]
        return plot_receptive_field(self._cached(index)[0], self.receptive_field(stage, *unit),
                                    maps, unit, stage.name, channel,
                                    self.describe_image(index), fig,
                                    self.receptive_field(stage, *unit, clip=True))

    def top_images_figure(self, layer, channel: int, k: int = 8, fig=None):
        stage = self.stage(layer)
        indices, values, units = self.top_images(stage, channel, k)
        images = resize_on_device(self.images[indices.to(self.images.device)], self.resize)
        titles = [f"{self.class_name(self.labels[i])}\n{float(v):.2f}"
                  for i, v in zip(indices, values)]
        boxes = [self.receptive_field(stage, int(r), int(c), clip=True) for r, c in units]
        return plot_top_images(images, titles, boxes,
                               f"{stage.name}, channel {channel}: the most exciting of "
                               f"{len(self.sample)} test images", fig)

    def predictions_figure(self, index: int, k: int = 5, fig=None):
        probs, classes = self.predictions(index, k)
        return plot_predictions(probs, [self.class_name(c) for c in classes],
                                self.class_name(self.labels[index]), fig)

    def attribution_figure(self, index: int, method: str = "occlusion", target=None,
                           fig=None, **options):
        attr, target = self.attribution(index, method, target, **options)
        return plot_attribution(self.image(index)[0], attr, method, self.class_name(target),
                                self.describe_image(index), fig)

    def figures(self, index: int, layer=None, channel=None, unit=None,
                attribution: str | None = "occlusion", k: int = 8) -> dict:
        """Every view of image ``index`` as a figure: {'feature maps', 'receptive field',
        'top images', 'predictions', 'attribution'} (the last only when ``attribution``
        names a method). ``layer`` defaults to the last stage, ``channel`` to its most
        active channel on the image, ``unit`` to where that channel fires most."""
        stage = self.stage(layer if layer is not None else -1)
        if channel is None:
            channel = int(self.channel_order(index, stage)[0][0])
        figs = {"feature maps": self.feature_maps_figure(index, k),
                "receptive field": self.receptive_field_figure(index, stage, channel, unit),
                "top images": self.top_images_figure(stage, channel, k),
                "predictions": self.predictions_figure(index)}
        if attribution:
            figs["attribution"] = self.attribution_figure(index, attribution)
        return figs


def explorer_figures(model, data, index: int = 0, layer=None, channel=None, unit=None,
                     attribution: str | None = "occlusion", sample: int | None = 300,
                     k: int = 8) -> dict:
    """The explorer's views of test image ``index`` as figures, for a static page (see
    :meth:`Inspector.figures`); in a notebook each is shown with its text alternative."""
    return Inspector(model, data, sample=sample).figures(index, layer, channel, unit,
                                                         attribution, k)


# ------------------------------------------------------------- rendering
def _png(fig, dpi=80, fast=False) -> bytes:
    buf = io.BytesIO()
    # the live view's PNGs are made on every change: fast compression (3x larger, 4x faster)
    fig.savefig(buf, format="png", dpi=dpi, pil_kwargs={"compress_level": 1} if fast else None)
    return buf.getvalue()


def figure_html(fig, dpi=80) -> str:
    """``fig`` as an ``<img>`` in the reader's language, its text alternative as ``alt``."""
    lang = config.language()
    with drawn_in(fig, lang):
        data = _png(fig, dpi, fast=True)
    return image_html(data, describe(fig, lang))


# ------------------------------------------------------------- the ipywidgets view
VIEWS = ("feature maps", "receptive field", "top images", "predictions", "attribution")


class LayerExplorer:
    """Pick a test image (by index, or drawn from a class), a layer, a channel and a unit,
    and see each view change; attribution runs when its button is pressed (it takes
    seconds at 224 pixels on a CPU).

    The contract, which tests and notebooks use without a browser: ``explorer.controls``
    (``image``, ``label``, ``layer``, ``channel``, ``row``, ``col``, ``method``),
    ``explorer.buttons`` (``draw``, ``attribute``), ``explorer.views`` (one ``HTML`` widget
    per view in :data:`VIEWS`, an ``<img>`` with its text alternative), ``explorer.state()``,
    ``explorer.inspector`` (the numbers), ``explorer.timings`` (seconds on the clock and of
    CPU of each update) and ``explorer.measure()``. In the static book it shows its views
    as figures.

    The top images of a layer need that layer's maxima over the sample: the first visit of
    a layer runs the sample through the network up to it, once (seconds at 224 pixels);
    the explorer starts at the first layer, which costs least.
    """

    def __init__(self, model: nn.Module, data, index: int = 0, layer=None,
                 sample: int | None = 300, top: int = 8, seed: int = 0, dpi: int = 80):
        import ipywidgets as W
        self.inspector = ins = Inspector(model, data, sample=sample, seed=seed)
        self.top, self.dpi = top, dpi
        self.timings: dict[str, list[float]] = collections.defaultdict(list)
        self._rng = torch.Generator().manual_seed(seed)
        self._quiet = False
        self._figures: dict = {}
        # the first layer: its top images need only the first stage run over the sample
        stage = ins.stage(layer if layer is not None else 0)
        style = {"description_width": "70px"}
        layout = W.Layout(width="250px")
        labels = sorted({int(v) for v in ins.labels})
        self.controls = {
            "image": W.BoundedIntText(value=index, min=0, max=len(ins) - 1,
                                      description="test image", style=style, layout=layout),
            "label": W.Dropdown(options=[(ins.class_name(c), c) for c in labels],
                                value=int(ins.labels[index]), description="class",
                                style=style, layout=W.Layout(width="180px")),
            "layer": W.Dropdown(options=[s.name for s in ins.stages], value=stage.name,
                                description="layer", style=style, layout=layout),
            "channel": W.Dropdown(options=[0], value=0, description="channel", style=style,
                                  layout=layout),
            "row": W.IntSlider(value=0, min=0, max=0, description="unit row", style=style,
                               layout=layout, continuous_update=False),
            "col": W.IntSlider(value=0, min=0, max=0, description="unit col", style=style,
                               layout=layout, continuous_update=False),
            "method": W.Dropdown(options=list(METHODS), value=METHODS[0],
                                 description="method", style=style, layout=layout),
        }
        self.buttons = {
            "draw": W.Button(description="draw", tooltip="a random test image of this class",
                             layout=W.Layout(width="66px")),
            "attribute": W.Button(description="attribute", button_style="info",
                                  tooltip="compute the attribution map (seconds)"),
        }
        self.views = {name: W.HTML(value="") for name in VIEWS}
        self.status = W.HTML(value="")
        self._set_channels(keep=None)
        self._render("feature maps", "receptive field", "top images", "predictions")
        self._clear_attribution()
        c = self.controls
        c["image"].observe(lambda _: self._changed("image"), names="value")
        c["layer"].observe(lambda _: self._changed("layer"), names="value")
        c["channel"].observe(lambda _: self._changed("channel"), names="value")
        c["row"].observe(lambda _: self._changed("unit"), names="value")
        c["col"].observe(lambda _: self._changed("unit"), names="value")
        c["method"].observe(lambda _: self._clear_attribution(), names="value")
        c["label"].observe(lambda _: None if self._quiet else self.draw(), names="value")
        self.buttons["draw"].on_click(lambda _: self.draw())
        self.buttons["attribute"].on_click(lambda _: self.attribute())
        v = self.views
        left = W.VBox([W.HTML("<b>Layer explorer</b>"), c["image"],
                       W.HBox([c["label"], self.buttons["draw"]]), c["layer"], c["channel"],
                       c["row"], c["col"], v["predictions"], self.status],
                      layout=W.Layout(width="270px"))
        attribution = W.VBox([W.HBox([c["method"], self.buttons["attribute"]]),
                              v["attribution"]])
        self.widget = W.VBox([W.HBox([left, v["feature maps"]]),
                              W.HBox([v["receptive field"], attribution]), v["top images"]])

    # ---------------------------------------------------------------- contract
    def state(self) -> dict:
        """The current choice: image index, layer, channel and unit (row, col)."""
        c = self.controls
        return {"image": c["image"].value, "layer": c["layer"].value,
                "channel": c["channel"].value, "unit": (c["row"].value, c["col"].value)}

    def draw(self, label=None):
        """Show a random test image of class ``label`` (default: the class control's);
        choosing a class in its menu draws one too."""
        if label is not None:
            self._quietly(lambda: setattr(self.controls["label"], "value", label))
        label = self.controls["label"].value
        choices = torch.nonzero(self.inspector.labels == label).flatten()
        pick = int(choices[torch.randint(len(choices), (1,), generator=self._rng)])
        self.controls["image"].value = pick
        return pick

    def attribute(self):
        """Compute and show the attribution map of the current image (the button's action)."""
        start = time.perf_counter(), time.process_time()
        s = self.state()
        self.status.value = "computing the attribution…"
        self._draw("attribution", lambda fig: self.inspector.attribution_figure(
            s["image"], self.controls["method"].value, fig=fig))
        self._timed("attribute " + self.controls["method"].value, start)

    def figures(self, attribution: str | None = "occlusion") -> dict:
        """The current views as figures (as :func:`explorer_figures` makes them)."""
        s = self.state()
        return self.inspector.figures(s["image"], s["layer"], s["channel"], s["unit"],
                                      attribution, self.top)

    def measure(self, repeats: int = 5, attribution_repeats: int = 1) -> dict:
        """How long each kind of change takes, made through the controls as a reader makes
        them: a new image (not seen before), a new layer, a new channel, a new unit, and an
        attribution by each method. Returns {change: {"wall": s, "cpu": s}}, medians of
        ``repeats`` changes: seconds on the clock, and CPU seconds of this process (what a
        change costs without other programs competing for the cores; with two threads on
        two cores the clock can show half of it). First, with the sample's maxima
        forgotten, the one pass that the first visit of the last layer makes over the
        sample ('top images, first time'), which also serves every other layer."""
        ins, c = self.inspector, self.controls
        ins._maxima.clear()
        start = time.perf_counter(), time.process_time()
        ins.maxima(ins.stages[-1])
        self.timings.clear()
        self._timed("top images, first time", start)
        seen = set(ins._activations)
        fresh = (i for i in range(len(ins)) if i not in seen)
        names = [s.name for s in ins.stages]
        for r in range(repeats):
            c["image"].value = next(fresh)
            c["layer"].value = names[(names.index(c["layer"].value) + 1) % len(names)]
            options = [v for _, v in c["channel"].options]
            c["channel"].value = options[(r + 1) % len(options)]
            c["row"].value = (c["row"].value + 1) % (c["row"].max + 1)
        for method in METHODS:
            c["method"].value = method
            for _ in range(attribution_repeats):
                self.attribute()
        return {kind: {"wall": statistics.median(t[0] for t in times),
                       "cpu": statistics.median(t[1] for t in times)}
                for kind, times in self.timings.items()}

    # ---------------------------------------------------------------- updates
    def _changed(self, what):
        if self._quiet:
            return
        with torch_threads(self.inspector.one_image_threads):
            self._update(what)

    def _update(self, what):
        start = time.perf_counter(), time.process_time()
        if what == "image":
            self._set_channels(keep=self.controls["channel"].value)
            self._render("feature maps", "receptive field", "predictions")
            self._clear_attribution()
            self._quietly(lambda: setattr(self.controls["label"], "value",
                                          int(self.inspector.labels[self.state()["image"]])))
        elif what == "layer":
            self._set_channels(keep=None)
            self._render("receptive field", "top images")
        elif what == "channel":
            self._set_unit()
            self._render("receptive field", "top images")
        else:
            self._render("receptive field")
        self._timed(what, start)

    def _timed(self, what, start):
        wall, cpu = time.perf_counter() - start[0], time.process_time() - start[1]
        self.timings[what].append((wall, cpu))
        self.status.value = f"<small>{html.escape(what)} updated in {wall:.2f} s</small>"

    def _quietly(self, change):
        self._quiet = True
        try:
            change()
        finally:
            self._quiet = False

    def _set_channels(self, keep):
        """The channel menu of the current layer, most active first on the current image;
        ``keep``: the channel to stay on (None: the most active), then the unit where it
        fires most."""
        s = self.state()
        order, activity = self.inspector.channel_order(s["image"], s["layer"])
        options = [(f"{int(ch)}  (mean {float(a):.3g})", int(ch))
                   for ch, a in zip(order, activity)]
        value = keep if keep is not None and keep < len(options) else options[0][1]

        def change():
            self.controls["channel"].options = options
            self.controls["channel"].value = value
        self._quietly(change)
        self._set_unit()

    def _set_unit(self):
        s = self.state()
        rows, cols = self.inspector.activations(s["image"])[0][s["layer"]].shape[-2:]
        row, col = self.inspector.most_active_unit(s["image"], s["layer"], s["channel"])
        c = self.controls

        def change():
            c["row"].max, c["col"].max = rows - 1, cols - 1
            c["row"].value, c["col"].value = row, col
        self._quietly(change)

    def _render(self, *views):
        s, ins = self.state(), self.inspector
        make = {
            "feature maps": lambda fig: ins.feature_maps_figure(s["image"], self.top, fig),
            "receptive field": lambda fig: ins.receptive_field_figure(
                s["image"], s["layer"], s["channel"], s["unit"], fig),
            "top images": lambda fig: ins.top_images_figure(s["layer"], s["channel"],
                                                            self.top, fig),
            "predictions": lambda fig: ins.predictions_figure(s["image"], fig=fig),
        }
        for view in views:
            self._draw(view, make[view])

    def _draw(self, view, make):
        """Draw ``view`` into its figure (made on the first call) and show it."""
        from matplotlib import pyplot as plt
        fig = make(self._figures.get(view))
        if self._figures.get(view) is not fig:
            plt.close(fig)  # kept by the view, not by pyplot: a cell's end must not show it
            self._figures[view] = fig
        self.views[view].value = figure_html(fig, self.dpi)

    def _clear_attribution(self):
        method = self.controls["method"].value
        self.views["attribution"].value = (
            f"<p style='width:420px'><small>Press <b>attribute</b> for the {method} map of "
            f"test image {self.state()['image']}: it runs the network many times (seconds "
            "at 224 pixels on a CPU).</small></p>")

    # ---------------------------------------------------------------- display
    def static_html(self) -> str:
        """The explorer's frozen state in every language, each in an element with its
        ``lang``, of which each edition's page shows its own (``.d2l-l10n``)."""
        import html

        from .locales import CATALOGS, format_in, in_every_language
        s = self.state()
        return in_every_language(lambda lang: (
            f'<b>{html.escape(CATALOGS[lang]["explorer_frozen_title"])}</b> '
            + html.escape(format_in(lang, CATALOGS[lang]["explorer_frozen"], image=s["image"],
                                    layer=s["layer"], channel=s["channel"],
                                    unit=f"({s['unit'][0]}, {s['unit'][1]})"))), tag="p")

    def _ipython_display_(self):
        from IPython.display import HTML, Image, display
        from matplotlib import pyplot as plt
        if config.static_book():
            display(HTML(self.static_html()))
            for fig in self.figures().values():
                data, metadata = figure_output(fig, _png)
                display(Image(data=data, metadata=metadata))
                plt.close(fig)
        else:
            display(self.widget)
