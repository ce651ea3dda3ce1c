"""Helpers for the chapter's demonstrations: crafted filters, history charts, gradients.

Each function does one experiment or draws one figure the chapter shows, so that the
notebook cells stay short and the code stays testable.
"""

from __future__ import annotations

import math
import time

import torch
import torch.nn.functional as F
from torch import nn

# Facts from the chapter brief, with their sources in references.bib.
DATASET_SIZES = [  # (name, images, year, citation key)
    ("UCI image sets (typical)", 2_000, 1995, None),
    ("CIFAR-100", 60_000, 2009, None),
    ("Fashion-MNIST", 70_000, 2017, "xiao2017fashion"),
    ("ImageNet", 1_000_000, 2009, "deng2009imagenet"),
    ("TinyImages", 80_000_000, 2008, "torralba2008tiny"),
    ("LAION-5B", 5_850_000_000, 2022, "schuhmann2022laion"),
]

PEAK_FLOPS_HISTORY = [  # (chip, year, peak FLOP/s, kind, label offset in points)
    ("GeForce 256", 1999, 480e6, "GPU", (6, -3)),
    ("GTX 580 (one of AlexNet's two)", 2010, 1.5e12, "GPU", (-6, 8)),
    ("A100, fp32", 2020, 19.5e12, "GPU", (6, -3)),
    ("A100, bf16 matrix", 2020, 312e12, "GPU", (6, -3)),
    ("Graviton 3, fp16", 2021, 2e12, "CPU", (6, -12)),
    ("Apple M1 GPU", 2020, 2e12, "GPU", (-6, 6)),
    ("H100, bf16 matrix", 2022, 989e12, "GPU", (6, -3)),
]


def sobel_filters():
    """The two 3x3 Sobel kernels (horizontal and vertical intensity changes)."""
    gx = torch.tensor([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
    return torch.stack([gx, gx.T])


def gabor_filter(theta, size=11, sigma=2.5, wavelength=5.0, phase=0.0):
    """A Gabor kernel: a cosine wave at angle ``theta`` under a Gaussian envelope."""
    half = size // 2
    y, x = torch.meshgrid(torch.arange(-half, half + 1.0), torch.arange(-half, half + 1.0),
                          indexing="ij")
    xr = x * math.cos(theta) + y * math.sin(theta)
    yr = -x * math.sin(theta) + y * math.cos(theta)
    envelope = torch.exp(-(xr**2 + yr**2) / (2 * sigma**2))
    kernel = envelope * torch.cos(2 * math.pi * xr / wavelength + phase)
    return kernel - kernel.mean()


def crafted_filter_bank():
    """Names and kernels: two Sobel and four Gabor orientations, as 11x11 (zero-padded)."""
    names, kernels = [], []
    for name, k in zip(("Sobel x", "Sobel y"), sobel_filters()):
        names.append(name)
        kernels.append(F.pad(k, (4, 4, 4, 4)))
    for deg in (0, 45, 90, 135):
        names.append(f"Gabor {deg}°")
        kernels.append(gabor_filter(math.radians(deg)))
    return names, torch.stack(kernels)


def apply_filters(images, kernels):
    """Convolve (B, 28, 28) images with (K, k, k) kernels: (B, K, 28, 28) responses."""
    x = images.float().unsqueeze(1) / 255
    return F.conv2d(x, kernels.unsqueeze(1), padding=kernels.shape[-1] // 2)


def plot_filter_responses(images, names, kernels):
    """One row per image: the image, then its response to each crafted filter."""
    import matplotlib.pyplot as plt
    responses = apply_filters(images, kernels)
    rows, cols = len(images), len(names) + 1
    fig, axes = plt.subplots(rows, cols, figsize=(1.3 * cols, 1.35 * rows), squeeze=False)
    for i in range(rows):
        axes[i, 0].imshow(images[i], cmap="gray")
        for j in range(len(names)):
            r = responses[i, j]
            limit = float(r.abs().max()) or 1.0  # zero response is white in every panel
            axes[i, j + 1].imshow(r, cmap="RdBu_r", vmin=-limit, vmax=limit)
            if i == 0:
                axes[i, j + 1].set_title(names[j], fontsize=8)
        if i == 0:
            axes[i, 0].set_title("image", fontsize=8)
    for ax in axes.flat:
        ax.axis("off")
    fig.tight_layout()
    return fig


def plot_dataset_scale():
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6.5, 3.2))
    names = [d[0] for d in DATASET_SIZES]
    sizes = [d[1] for d in DATASET_SIZES]
    colors = ["#999999" if d[0] != "ImageNet" else "#d62728" for d in DATASET_SIZES]
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
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6.5, 3.6))
    this_year = time.localtime().tm_year
    for name, year, flops, kind, offset in PEAK_FLOPS_HISTORY:
        ax.scatter(year, flops, color="#1f77b4" if kind == "GPU" else "#ff7f0e", zorder=3)
        ax.annotate(name, (year, flops), textcoords="offset points", xytext=offset,
                    fontsize=8, ha="left" if offset[0] > 0 else "right")
    for label, flops in measured or []:
        ax.scatter(this_year, flops, marker="*", s=120, color="#2ca02c", zorder=3)
        ax.annotate(label, (this_year, flops), textcoords="offset points", xytext=(-10, 8),
                    fontsize=8, ha="right")
    ax.set_yscale("log")
    ax.set_xlabel("year")
    ax.set_ylabel("peak FLOP/s (log scale)")
    ax.set_xlim(1997, this_year + 3)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def power_clock_table(speedup=4, n_slow_cores=16, exponent=2):
    """Worked numbers for 'power grows about with the square of the clock'.

    Units: one core at the base clock draws 1 unit of power and does 1 unit of work per
    second. A core at clock c draws c**exponent and does c.
    """
    def design(name, cores, clock):
        power = cores * clock**exponent
        work = cores * clock
        return {"design": name, "cores": cores, "clock": clock, "power": power,
                "throughput": work, "throughput per power": work / power}

    fast = design(f"1 core at {speedup}x clock", 1, float(speedup))
    slow = design(f"{n_slow_cores} cores at 1/{speedup} clock", n_slow_cores, 1 / speedup)
    # The fast core's power budget spent entirely on slow cores:
    budget_cores = round(fast["power"] / (1 / speedup) ** exponent)
    same_power = design(f"{budget_cores} cores at 1/{speedup} clock", budget_cores,
                        1 / speedup)
    return [fast, slow, same_power]


def conv_vs_dense(table):
    """Parameters, forward FLOPs, activation and weight memory summed by kind of layer."""
    kind = table["type"].map({"Conv2d": "convolutions", "Linear": "dense"}).fillna("other")
    out = table.assign(kind=kind).groupby("kind")[
        ["parameters", "forward FLOPs", "activation MB"]].sum()
    out["weights MiB"] = out["parameters"] * 4 / 2**20  # fp32
    return out


def layer_groups(table):
    """The same sums as plain numbers, for gluing into prose."""
    g = conv_vs_dense(table)
    return {
        "conv_params": int(g.loc["convolutions", "parameters"]),
        "dense_params": int(g.loc["dense", "parameters"]),
        "conv_flops": int(g.loc["convolutions", "forward FLOPs"]),
        "dense_flops": int(g.loc["dense", "forward FLOPs"]),
    }


def plot_params_vs_flops(table):
    """Per weighted layer: share of parameters and share of forward FLOPs."""
    import matplotlib.pyplot as plt
    rows = table[table["type"].isin(["Conv2d", "Linear"])].reset_index(drop=True)
    labels = [f"{'conv' if t == 'Conv2d' else 'dense'}{i + 1}"
              for i, t in enumerate(rows["type"])]
    p = rows["parameters"] / rows["parameters"].sum() * 100
    f = rows["forward FLOPs"] / rows["forward FLOPs"].sum() * 100
    x = torch.arange(len(rows)).numpy()
    fig, ax = plt.subplots(figsize=(6.5, 3))
    ax.bar(x - 0.2, p, width=0.4, label="% of parameters")
    ax.bar(x + 0.2, f, width=0.4, label="% of forward FLOPs")
    ax.set_xticks(x, labels)
    ax.set_ylabel("percent")
    ax.legend()
    fig.tight_layout()
    return fig


def size_trace(model, size, in_channels=1):
    """Spatial size after each layer of ``model`` for a square input (None once it fails)."""
    import copy
    net = copy.deepcopy(model).net
    x = torch.zeros(1, in_channels, size, size)
    trace = []
    with torch.no_grad():
        for layer in net:
            try:
                x = layer(x)
            except RuntimeError:
                trace.append((type(layer).__name__, None))
                break
            trace.append((type(layer).__name__, tuple(x.shape[1:])))
    return trace


def gradient_norms(model, X, y):
    """Gradient norm of each weighted layer's weight after one backward pass."""
    model.zero_grad(set_to_none=True)
    loss = model.loss(model(X), y)
    loss.backward()
    out = []
    for name, m in model.named_modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            out.append((name, m.weight.grad.norm().item()))
    model.zero_grad(set_to_none=True)
    return out


def plot_activation_gradients():
    import matplotlib.pyplot as plt
    x = torch.linspace(-6, 6, 241, requires_grad=True)
    fig, axes = plt.subplots(1, 2, figsize=(7, 2.6))
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


def time_forward(model, batch, size, device, repeat=3):
    """Median seconds of a no-grad forward pass of ``batch`` images of ``size`` pixels."""
    from .hardware import synchronize
    model = model.to(device).eval()
    x = torch.rand(batch, 1, size, size, device=device)
    with torch.no_grad():
        model(x)
        synchronize(device)
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            model(x)
            synchronize(device)
            times.append(time.perf_counter() - t)
    return sorted(times)[len(times) // 2]


def run_experiments(experiments, max_epochs, num_gpus=1, **trainer_kw):
    """Train each ``name: (make_model, make_data)`` and tabulate what it cost and achieved.

    Returns (table, histories): one row per experiment with parameters, final accuracies,
    images/s, peak memory and seconds, and each run's per-epoch history.
    """
    import pandas as pd

    from .training import Trainer
    rows, histories = [], {}
    for name, (make_model, make_data) in experiments.items():
        model, data = make_model(), make_data()
        trainer = Trainer(max_epochs=max_epochs, num_gpus=num_gpus, board=False,
                          progress=False, verbose=False, **trainer_kw)
        start = time.perf_counter()
        trainer.fit(model, data)
        history = trainer.history
        last = history[-1]
        rows.append({
            "experiment": name,
            "parameters": sum(p.numel() for p in model.parameters()),
            "train_acc": last["train_acc"], "val_acc": last["val_acc"],
            "images/s": sum(r["images_per_s"] for r in history) / len(history),
            "peak MiB": last["peak_mem_mb"],
            "seconds": time.perf_counter() - start,
        })
        histories[name] = history
    return pd.DataFrame(rows).set_index("experiment"), histories


def late_accuracy(histories, last=5):
    """Training and test accuracy averaged over the last ``last`` epochs, and their gap.

    One epoch's numbers jump by a few points; averaging a handful of the final epochs
    shows whether a network has really begun to fit its training set better than new data.
    """
    import pandas as pd
    rows = {}
    for name, history in histories.items():
        tail = history[-last:]
        train = sum(r["train_acc"] for r in tail) / len(tail)
        test = sum(r["val_acc"] for r in tail) / len(tail)
        rows[name] = {"train_acc": train, "val_acc": test, "gap": train - test}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("experiment")


METRIC_NAMES = {"train_acc": "training", "val_acc": "test", "train_loss": "training loss",
                "val_loss": "test loss"}


def plot_histories(histories, metric="val_acc", ax=None):
    """One curve of ``metric`` per experiment.

    ``metric`` may also be a tuple, e.g. ``("train_acc", "val_acc")``: each experiment keeps
    one colour and each metric gets its own line style, which shows a generalisation gap.
    """
    import matplotlib.pyplot as plt
    if ax is None:
        _, ax = plt.subplots(figsize=(5.5, 3.2))
    metrics = (metric,) if isinstance(metric, str) else tuple(metric)
    styles = ("-o", "--s", ":^")
    if len(metrics) > len(styles):
        raise ValueError(f"metric={metric!r}: at most {len(styles)} metrics in one plot.")
    for i, (name, history) in enumerate(histories.items()):
        epochs = [r["epoch"] for r in history]
        for m, style in zip(metrics, styles):
            label = name if len(metrics) == 1 else f"{name}: {METRIC_NAMES.get(m, m)}"
            ax.plot(epochs, [r[m] for r in history], style, color=f"C{i}", markersize=3,
                    label=label)
    ax.set_xlabel("epoch")
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    ax.set_ylabel(metrics[0] if len(metrics) == 1 else "accuracy")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return ax


def arithmetic_intensity(table, batch_size, bytes_per_value=4):
    """FLOPs per byte moved for each weighted layer at ``batch_size``.

    Bytes are the layer's weights (read once per batch) plus its input and output
    activations for the whole batch; FLOPs are its forward FLOPs for the batch.
    """
    import pandas as pd
    rows = []
    prev_out = None
    for r in table.to_dict("records"):
        out_numel = 1
        for d in r["output shape"][1:]:
            out_numel *= d
        if r["type"] in ("Conv2d", "Linear"):
            in_numel = prev_out if prev_out is not None else 224 * 224
            moved = (r["parameters"] + batch_size * (in_numel + out_numel)) * bytes_per_value
            rows.append({"layer": r["layer"], "type": r["type"],
                         "FLOPs/byte": r["forward FLOPs"] * batch_size / moved})
        prev_out = out_numel
    return pd.DataFrame(rows).set_index("layer")
