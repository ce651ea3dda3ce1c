"""Plots any run can use: the live ProgressBoard, image grids, filters, training curves,
confusion matrices. The chapter's one-off figures are in :mod:`d2l_local.figures`."""

from __future__ import annotations

import numpy as np

from .figtext import (  # noqa: F401
    _in_notebook,
    describe,
    describe_figures_in_notebooks,
    text_alternatives,
    use_cjk_fallback,
)


def _plt():
    import matplotlib.pyplot as plt
    return plt


def subplots(*args, **kwargs):
    """``plt.subplots``, in a notebook drawn in the reader's language and with the figure's
    description as its image's text alternative (:mod:`d2l_local.figtext`): every figure
    of the library is made here."""
    use_cjk_fallback()  # before the figure's texts take their fonts
    fig, axes = _plt().subplots(*args, **kwargs)
    describe_figures_in_notebooks()
    return fig, axes


class ProgressBoard:
    """A live plot of training curves, redrawn in place (d2l's ``ProgressBoard``).

    Points are added with ``draw(x, y, label)``; the figure is redrawn at most every
    ``every_n`` points per curve, and only inside a notebook. The Trainer calls it once
    per logging interval, never per step, so the GPU is not held up by plotting.
    """

    def __init__(self, xlabel=None, ylabel=None, xlim=None, ylim=None, figsize=(4.5, 3),
                 display=True):
        self.xlabel, self.ylabel, self.xlim, self.ylim = xlabel, ylabel, xlim, ylim
        self.figsize, self.display = figsize, display
        self.data: dict[str, list[tuple[float, float]]] = {}
        self._fig = self._handle = None

    def draw(self, x, y, label, every_n=1):
        points = self.data.setdefault(label, [])
        points.append((float(x), float(y)))
        if self.display and len(points) % every_n == 0:
            self._render()

    def _render(self):
        if not _in_notebook():
            return
        from IPython.display import display
        if self._fig is None:
            self._fig, self._ax = subplots(figsize=self.figsize)
        ax = self._ax
        ax.clear()
        for label, pts in self.data.items():
            xs, ys = zip(*pts)
            ax.plot(xs, ys, "-" if label.startswith("train") else "--o", label=label,
                    markersize=3)
        ax.set_xlabel(self.xlabel or "")
        if self.ylabel:
            ax.set_ylabel(self.ylabel)
        if self.xlim:
            ax.set_xlim(self.xlim)
        if self.ylim:
            ax.set_ylim(self.ylim)
        ax.grid(alpha=0.3)
        ax.legend(loc="best")
        if self._handle is None:
            self._handle = display(self._fig, display_id=True)
        else:
            self._handle.update(self._fig)

    def close(self):
        """Draw the final state once and release the figure (no duplicate output)."""
        if self._fig is not None:
            self._render()
            _plt().close(self._fig)
            self._fig = None


def show_images(imgs, num_rows, num_cols, titles=None, scale=1.5, cmap="gray"):
    """A grid of images (tensors or arrays, H x W or C x H x W) with optional titles."""
    figsize = (num_cols * scale, num_rows * scale)
    fig, axes = subplots(num_rows, num_cols, figsize=figsize, squeeze=False)
    axes = axes.flatten()
    for i, ax in enumerate(axes):
        ax.axis("off")
        if i >= len(imgs):
            continue
        img = imgs[i]
        img = img.detach().cpu().numpy() if hasattr(img, "detach") else np.asarray(img)
        if img.ndim == 3 and img.shape[0] in (1, 3):
            img = img.transpose(1, 2, 0).squeeze()
        ax.imshow(img, cmap=cmap)
        if titles is not None and i < len(titles):
            ax.set_title(titles[i], fontsize=9)
    fig.tight_layout()
    return axes


def show_filters(weight, num_cols=12, scale=0.8, title=None):
    """First-layer convolution filters (out, in, k, k), each scaled to its own range."""
    w = weight.detach().float().cpu()
    w = w[:, 0] if w.shape[1] == 1 else w.mean(dim=1)
    lo = w.amin(dim=(1, 2), keepdim=True)
    hi = w.amax(dim=(1, 2), keepdim=True)
    w = (w - lo) / (hi - lo + 1e-12)
    rows = -(-len(w) // num_cols)
    axes = show_images(w, rows, num_cols, scale=scale, cmap="gray")
    axes[0].figure.d2l_alt = ("figure_filters", {"n": len(w), "k": w.shape[-1]})
    if title:  # laid out again, so that the title sits above the filters, not on them
        axes[0].figure.suptitle(title)
        axes[0].figure.tight_layout()
    return axes


def plot_history(history, metrics=("train_loss", "val_loss", "train_acc", "val_acc"),
                 title=None, ax=None):
    """Per-epoch curves from a Trainer history (list of dicts)."""
    if ax is None:
        _, ax = subplots(figsize=(5, 3.2))
    epochs = [r["epoch"] for r in history]
    for m in metrics:
        vals = [r.get(m) for r in history]
        if any(v is not None for v in vals):
            ax.plot(epochs, vals, "-o" if "val" in m else "-", label=m, markersize=3)
    ax.set_xlabel("epoch")
    ax.grid(alpha=0.3)
    ax.legend()
    if title:
        ax.set_title(title)
    return ax


def plot_confusion(matrix, class_names, ax=None):
    if ax is None:
        _, ax = subplots(figsize=(5.5, 5))
    m = matrix.numpy() if hasattr(matrix, "numpy") else np.asarray(matrix)
    ax.imshow(m, cmap="Blues")
    ax.set_xticks(range(len(class_names)), class_names, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(class_names)), class_names, fontsize=8)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            if m[i, j]:
                ax.text(j, i, int(m[i, j]), ha="center", va="center", fontsize=7,
                        color="white" if m[i, j] > m.max() / 2 else "black")
    return ax


METRIC_NAMES = {"train_acc": "training", "val_acc": "test", "train_loss": "training loss",
                "val_loss": "test loss"}


# a metric's name on an axis, in words (the legend's METRIC_NAMES are shorter)
AXIS_NAMES = {"train_acc": "training accuracy", "val_acc": "test accuracy",
              "train_loss": "training loss", "val_loss": "test loss"}


def plot_histories(histories, metric="val_acc", ax=None):
    """One curve of ``metric`` per experiment.

    ``metric`` may also be a tuple, e.g. ``("train_acc", "val_acc")``: each experiment keeps
    one colour and each metric gets its own line style, which shows a generalisation gap.
    """
    from matplotlib.ticker import MaxNLocator
    if ax is None:
        _, ax = subplots(figsize=(5.5, 3.2))
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
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(AXIS_NAMES.get(metrics[0], metrics[0]) if len(metrics) == 1 else "accuracy")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return ax

