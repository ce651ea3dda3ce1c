"""The chapter's one-off figures, each with the facts it draws (sources in references.bib).

Plots that any run can use (curves, image grids, confusion matrices) are in
:mod:`d2l_local.plotting`.
"""

from __future__ import annotations

import time

import torch
from matplotlib.ticker import MaxNLocator

from . import figtext
from .hardware import PEAK_FLOPS
from .plotting import subplots

# Facts from the chapter brief, with their sources in references.bib.
DATASET_SIZES = [  # (name, images, year, citation key)
    ("COIL-100", 7_200, 1996, "nene1996coil"),
    ("CIFAR-100", 60_000, 2009, "krizhevsky2009learning"),
    ("Fashion-MNIST", 70_000, 2017, "xiao2017fashion"),
    ("ILSVRC-2012 training set", 1_281_167, 2012, "russakovsky2015imagenet"),
    ("ImageNet", 3_200_000, 2009, "deng2009imagenet"),
    ("TinyImages", 79_302_017, 2008, "torralba2008tiny"),
    ("LAION-5B", 5_850_000_000, 2022, "schuhmann2022laion"),
]


PEAK_FLOPS_HISTORY = [  # (chip, year, peak FLOP/s, kind, label offset in points, source)
    # (today's GPUs' rates are hardware.PEAK_FLOPS's, the one table of datasheet rates).
    # Not here: the GeForce 256 of 1999, the first chip NVIDIA sold as a GPU. Its
    # transform, lighting and pixel steps were fixed functions, and NVIDIA rated it in
    # triangles and pixels per second (15 million, 480 million: nvidia1999geforce256),
    # never in FLOP/s; 480 million is its pixel fill rate, not an arithmetic rate.
    ("GTX 580 (one of AlexNet's two)", 2010, 512 * 1.544e9 * 2, "GPU", (6, -3),
     "nvidia2010gtx580"),  # CUDA cores x shader clock x 2 (a multiply-add is 2 FLOPs)
    ("A100, fp32", 2020, PEAK_FLOPS["A100"]["fp32"], "GPU", (6, -3), "nvidia2020a100"),
    ("A100, bf16 matrix", 2020, PEAK_FLOPS["A100"]["bf16"], "GPU", (6, -3), "nvidia2020a100"),
    ("Apple M1 GPU", 2020, 2.6e12, "GPU", (-6, 6), "apple2020m1"),
    ("H100, fp32", 2022, PEAK_FLOPS["H100 80GB HBM3"]["fp32"], "GPU", (6, -3),
     "nvidia2022h100"),
    ("H100, bf16 matrix", 2022, PEAK_FLOPS["H100 80GB HBM3"]["bf16"], "GPU", (6, -3),
     "nvidia2022h100"),
    ("Xeon 8480+, fp32", 2023, 56 * 2.0e9 * 64, "CPU", (-6, -3), "intel2023xeon"),
    # 56 cores x 2.0 GHz base x 2 AVX-512 units x 16 fp32 lanes x 2 FLOPs per multiply-add
]


# where a measured rate's label may go, from its star (offset in points, alignment): level
# with it on its left, so that each label is read beside its own star; else above left,
# below left, right
MEASURED_PLACES = (((-10, -3), "right"), ((-10, 8), "right"), ((-10, -14), "right"),
                   ((10, -3), "left"))


def plot_filter_responses(images, names, responses):
    """One row per image: the image, then its ``responses`` (B, K, H, W) to each filter."""
    responses = responses.detach().cpu()
    rows, cols = len(images), len(names) + 1
    fig, axes = subplots(rows, cols, figsize=(1.3 * cols, 1.35 * rows), squeeze=False)
    for i in range(rows):
        axes[i, 0].imshow(images[i].numpy(), cmap="gray")
        for j in range(len(names)):
            r = responses[i, j]
            limit = float(r.abs().max()) or 1.0  # zero response is white in every panel
            axes[i, j + 1].imshow(r.numpy(), cmap="RdBu_r", vmin=-limit, vmax=limit)
            if i == 0:
                axes[i, j + 1].set_title(names[j], fontsize=8)
        if i == 0:
            axes[i, 0].set_title("image", fontsize=8)
    for ax in axes.flat:
        ax.axis("off")
    fig.tight_layout()
    return fig


def plot_dataset_scale():
    fig, ax = subplots(figsize=(6.5, 3.2))
    names = [f"{d[0]} ({d[2]})" for d in DATASET_SIZES]
    sizes = [d[1] for d in DATASET_SIZES]
    colors = ["#d62728" if d[0].startswith("ILSVRC") else "#999999" for d in DATASET_SIZES]
    ax.barh(names, sizes, color=colors)
    ax.set_xscale("log")
    ax.set_xlabel("images (log scale)")
    for y, s in enumerate(sizes):
        ax.text(s * 1.15, y, f"{s:,}", va="center", fontsize=8)
    ax.set_xlim(1e3, 1e11)
    fig.tight_layout()
    return fig


def plot_flops_history(measured=None):
    """Peak FLOP/s over time, log scale; ``measured`` adds (label, flops) points."""
    fig, ax = subplots(figsize=(6.5, 3.6))
    this_year = time.localtime().tm_year
    for name, year, flops, kind, offset, _ in PEAK_FLOPS_HISTORY:
        ax.scatter(year, flops, color="#1f77b4" if kind == "GPU" else "#ff7f0e", zorder=3)
        ax.annotate(name, (year, flops), textcoords="offset points", xytext=offset,
                    fontsize=8, ha="left" if offset[0] > 0 else "right")
    notes = []
    for label, flops in measured or []:
        ax.scatter(this_year, flops, marker="*", s=120, color="#2ca02c", zorder=3)
        notes.append(ax.annotate(label, (this_year, flops), textcoords="offset points",
                                 xytext=MEASURED_PLACES[0][0], fontsize=8,
                                 ha=MEASURED_PLACES[0][1]))
    ax.set_yscale("log")
    ax.set_xlabel("year")
    ax.set_ylabel("peak FLOP/s (log scale)")
    ax.set_xlim(2008, this_year + 3)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # years, not 2012.5
    ax.grid(alpha=0.3)
    fig.tight_layout()
    # a measured rate can land beside a datasheet's (this CPU's bf16 next to the Xeon
    # 8480+'s fp32): its label takes the first place where it crosses no other text
    for note in notes:
        for offset, align in MEASURED_PLACES:
            note.xyann = offset
            note.set_ha(align)
            if not figtext.collides(fig, note):
                break
        else:
            note.xyann = MEASURED_PLACES[0][0]
            note.set_ha(MEASURED_PLACES[0][1])
    fig.tight_layout()
    return fig


def plot_params_vs_flops(table):
    """Per weighted layer: share of parameters and share of forward FLOPs."""
    rows = table[table["type"].isin(["Conv2d", "Linear"])].reset_index(drop=True)
    labels = [f"{'conv' if t == 'Conv2d' else 'dense'}{i + 1}"
              for i, t in enumerate(rows["type"])]
    p = rows["parameters"] / rows["parameters"].sum() * 100
    f = rows["forward FLOPs"] / rows["forward FLOPs"].sum() * 100
    x = torch.arange(len(rows)).numpy()
    fig, ax = subplots(figsize=(6.5, 3))
    ax.bar(x - 0.2, p, width=0.4, label="% of parameters")
    ax.bar(x + 0.2, f, width=0.4, label="% of forward FLOPs")
    ax.set_xticks(x, labels)
    ax.set_ylabel("percent")
    ax.legend()
    fig.tight_layout()
    return fig


def plot_activation_gradients():
    x = torch.linspace(-6, 6, 241, requires_grad=True)
    fig, axes = subplots(1, 2, figsize=(7, 2.6))
    for fn, name in ((torch.relu, "ReLU"), (torch.sigmoid, "sigmoid")):
        y = fn(x)
        (g,) = torch.autograd.grad(y.sum(), x)
        axes[0].plot(x.detach(), y.detach(), label=name)
        axes[1].plot(x.detach(), g, label=name)
    axes[0].set_title("activation")
    axes[1].set_title("derivative")
    for ax in axes:
        ax.grid(alpha=0.3)
        ax.legend()
    fig.tight_layout()
    return fig


def plot_filter_parts(parts, n=12, scale=0.8):
    """Rows of first-layer filters: ``parts`` maps a row title to (out, 1, k, k) weights.

    All rows share one symmetric colour scale per filter (column), so that a part that is
    small next to the others looks faint, as it is.
    """
    rows = {name: w.detach().float().cpu()[:n, 0] for name, w in parts.items()}
    limits = torch.stack([w.abs().amax(dim=(1, 2)) for w in rows.values()]).amax(dim=0)
    fig, axes = subplots(len(rows), n, figsize=(n * scale, len(rows) * scale * 1.15),
                             squeeze=False)
    for r, (name, w) in enumerate(rows.items()):
        for c in range(n):
            ax = axes[r, c]
            ax.imshow(w[c].numpy(), cmap="RdBu_r", vmin=-limits[c], vmax=limits[c])
            ax.set_xticks([])
            ax.set_yticks([])
        axes[r, 0].set_ylabel(name, rotation=0, ha="right", va="center", fontsize=9)
    fig.tight_layout()
    fig.d2l_alt = ("figure_filter_parts", {"rows": len(rows), "n": n,
                                           "k": next(iter(rows.values())).shape[-1]})
    return fig


def plot_window_on_grid(image, scale=8, window=None, kernel=11, stride=4, padding=1,
                        span=5):
    """An enlarged test image (``image``: uint8 h x w, enlarged ``scale`` times
    bilinearly) cropped to ``span`` original pixels around ``window`` (the top-left
    enlarged pixel of one window, row and column; by default the window whose patch
    varies most, so that it holds an edge), with the original pixels' borders as
    white lines and their centres as dots, one ``kernel`` x ``kernel`` window drawn solid
    and the next window along the row (``stride`` pixels on) dashed."""
    from matplotlib.patches import Rectangle

    from .features import enlarge
    big = enlarge(image.unsqueeze(0), image.shape[-1] * scale)[0, 0].float()
    if window is None:
        patches = torch.nn.functional.unfold(big[None, None], kernel, padding=padding,
                                             stride=stride)[0]
        per_row = (len(big) + 2 * padding - kernel) // stride + 1
        best = int(patches.var(dim=0).argmax())
        window = (best // per_row * stride - padding, best % per_row * stride - padding)
    top = max(0, (window[0] // scale - 1) * scale)
    left = max(0, (window[1] // scale - 1) * scale)
    side = span * scale
    crop = big[top:top + side, left:left + side]
    fig, ax = subplots(figsize=(3.6, 3.6))
    ax.imshow(crop.numpy(), cmap="gray", vmin=0, vmax=1,
              extent=(left - 0.5, left + side - 0.5, top + side - 0.5, top - 0.5))
    for k in range(1, span):
        ax.axhline(top + k * scale - 0.5, color="white", lw=0.6, alpha=0.7)
        ax.axvline(left + k * scale - 0.5, color="white", lw=0.6, alpha=0.7)
    centres = [c * scale + (scale - 1) / 2 for c in range(span + 2)]
    ys = [top + c for c in centres if c < side]
    xs = [left + c for c in centres if c < side]
    ax.scatter([x for _ in ys for x in xs], [y for y in ys for _ in xs], s=6,
               color="tab:orange", label="original pixel centres")
    for offset, style, name in ((0, "-", "one window"), (stride, "--", "the next window")):
        ax.add_patch(Rectangle((window[1] + offset - 0.5, window[0] - 0.5), kernel, kernel,
                               fill=False, lw=1.8, ls=style, color="tab:red", label=name))
    ax.set_xlabel("enlarged pixel (column)")
    ax.set_ylabel("enlarged pixel (row)")
    ax.set_title(f"{kernel}x{kernel} windows on an image enlarged {scale} times")
    fig.d2l_alt = ("figure_window_grid", {"span": span, "scale": scale, "kernel": kernel,
                                          "stride": stride})
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize=8)
    fig.tight_layout()
    return fig


def plot_window_shapes(shapes, scale=0.62):
    """The row shapes of :func:`~d2l_local.features.window_shapes` along the top and the
    left, and their products, the patches that span a window, in the grid between."""
    from .features import basis_patches
    shapes = torch.as_tensor(shapes, dtype=torch.float64)
    n, k = shapes.shape
    patches = basis_patches(shapes)
    fig, axes = subplots(n + 1, n + 1, figsize=((n + 1) * scale * 1.6, (n + 1) * scale * 1.6),
                         squeeze=False)
    steps = torch.arange(k)
    axes[0, 0].axis("off")
    for i in range(n):
        top, side = axes[0, i + 1], axes[i + 1, 0]
        top.plot(steps, shapes[i], "-o", ms=2, color="tab:blue")
        side.plot(shapes[i], steps, "-o", ms=2, color="tab:blue")
        side.invert_yaxis()
        for ax in (top, side):
            ax.set_xticks([])
            ax.set_yticks([])
        for j in range(n):
            ax = axes[i + 1, j + 1]
            ax.imshow(patches[i * n + j].numpy(), cmap="viridis")
            ax.set_xticks([])
            ax.set_yticks([])
    fig.suptitle(f"{n} row shapes and the {n * n} patches they make")
    fig.tight_layout()
    return fig
