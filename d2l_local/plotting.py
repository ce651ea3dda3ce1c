"""Plots any run can use: the live ProgressBoard, image grids, filters, training curves,
confusion matrices. The chapter's one-off figures are in :mod:`d2l_local.figures`."""

from __future__ import annotations

import numpy as np


def _plt():
    import matplotlib.pyplot as plt
    return plt


def subplots(*args, **kwargs):
    """``plt.subplots``, in a notebook with the figure's description as its image's text
    alternative (:func:`describe`): every figure of the library is made here."""
    fig, axes = _plt().subplots(*args, **kwargs)
    describe_figures_in_notebooks()
    return fig, axes


# ------------------------------------------------------------- text alternatives
def _number(value) -> str:
    value = float(value)
    return f"{value:.0f}" if value.is_integer() and abs(value) < 1e6 else f"{value:.3g}"


def _axes_description(ax, say) -> str | None:
    lines = [line for line in ax.get_lines() if not line.get_label().startswith("_")]
    xlabel, ylabel, title = ax.get_xlabel(), ax.get_ylabel(), ax.get_title()
    if lines:
        curves = []
        for line in lines:
            xs, ys = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
            ok = np.isfinite(ys)
            if ok.any():
                curves.append(say("figure_curve", label=line.get_label(),
                                  first=_number(ys[ok][0]), last=_number(ys[ok][-1]),
                                  low=_number(ys[ok].min()), high=_number(ys[ok].max())))
        xs = np.concatenate([np.asarray(line.get_xdata(), float) for line in lines])
        return say("figure_curves", n=len(lines), title=title or ylabel or say("figure_values"),
                   x=xlabel or "x", x0=_number(np.nanmin(xs)), x1=_number(np.nanmax(xs)),
                   curves=say("list_separator").join(curves))
    if ax.images:
        shape = ax.images[0].get_array().shape
        if xlabel or ylabel:  # a matrix, such as a confusion matrix
            ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
            return say("figure_matrix", rows=shape[0], cols=shape[1], y=ylabel, x=xlabel,
                       names=", ".join(ticks))
        return None  # one image of a grid: described with the grid
    points = [xy for c in ax.collections for xy in np.asarray(c.get_offsets(), float)]
    if points:  # a scatter, its points named by the annotations at them
        named = {tuple(np.round(t.xy, 6)): t.get_text() for t in ax.texts if hasattr(t, "xy")}
        return say("figure_points", n=len(points), y=ylabel or "y", x=xlabel or "x",
                   points=say("list_separator").join(
                       (f"{named[key]} " if (key := tuple(np.round(p, 6))) in named else "")
                       + f"({_number(p[0])}, {_number(p[1])})" for p in points))
    bars = [p for p in ax.patches if hasattr(p, "get_width")]
    if bars:
        def names(axis):  # category labels, not numbers ("$10^{3}$")
            found = [t.get_text() for t in axis.get_ticklabels()]
            return found if found and not any(n.startswith("$") or
                                              n.replace(".", "").replace("−", "").isdigit()
                                              for n in found) else []
        sideways = names(ax.yaxis)
        labels = sideways or names(ax.xaxis)
        sizes = [b.get_width() if sideways else b.get_height() for b in bars]
        return say("figure_bars", n=len(bars),
                   title=title or (xlabel if sideways else ylabel) or say("figure_values"),
                   names=say("list_separator").join(
                       f"{name}: {_number(size)}" for name, size in zip(labels, sizes)))
    return None


def describe(fig, lang: str = "en") -> str:
    """What ``fig`` shows, in words, from the data it draws (for a screen reader): each
    curve's first and last value and its range, a grid's number of images and their
    titles, a matrix's size and labels."""
    from .locales import CATALOGS
    catalog = CATALOGS[lang]

    def say(key, **values):
        return catalog[key].format(**values)
    parts = [text for ax in fig.axes if (text := _axes_description(ax, say))]
    grid = [ax for ax in fig.axes if ax.images and not (ax.get_xlabel() or ax.get_ylabel())]
    if grid:
        titles = [ax.get_title() for ax in grid if ax.get_title()]
        heading = fig._suptitle.get_text() if fig._suptitle else ""
        grid_text = say("figure_grid", n=len(grid), titles=", ".join(dict.fromkeys(titles))) \
            if titles else say("figure_grid_untitled", n=len(grid))
        parts.append(f"{heading}: {grid_text}" if heading else grid_text)
    return " ".join(" ".join(parts).split()) or say("figure_plain")  # one line


def text_alternatives(fig) -> dict:
    """``describe(fig)`` in every language: {"alt": English, "alt_zh": ..., "alt_vi": ...}."""
    from .locales import LANGUAGES
    return {("alt" if lang == "en" else f"alt_{lang}"): describe(fig, lang)
            for lang in LANGUAGES}


def describe_figures_in_notebooks():
    """In a notebook, give every figure's PNG output its :func:`text_alternatives` as
    output metadata (``{"image/png": {"alt": ...}}``), which the book writes into the
    image's ``alt`` (tools/book_editions.py). IPython's PNG formatter for figures is wrapped
    once, after matplotlib's inline backend has registered it."""
    if not _in_notebook():
        return
    from IPython import get_ipython
    from matplotlib.figure import Figure
    formatter = get_ipython().display_formatter.formatters["image/png"]
    try:
        png = formatter.lookup_by_type(Figure)
    except KeyError:
        return
    if getattr(png, "d2l_described", False):
        return

    def png_with_description(fig):
        data = png(fig)
        if data is None:
            return None
        try:
            return data, text_alternatives(fig)
        except Exception:  # a figure this does not know how to describe: no alt
            return data
    png_with_description.d2l_described = True
    formatter.for_type(Figure, png_with_description)


def _in_notebook() -> bool:
    try:
        from IPython import get_ipython
        shell = get_ipython()
        return shell is not None and hasattr(shell, "kernel")
    except ImportError:  # pragma: no cover
        return False


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
    if title:
        axes[0].figure.suptitle(title)
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


def confusion_matrix(preds, labels, num_classes=10):
    """Counts[i, j] = examples of true class i predicted as j."""
    import torch
    idx = labels.long() * num_classes + preds.long()
    return torch.bincount(idx, minlength=num_classes**2).reshape(num_classes, num_classes)


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
    ax.set_ylabel(metrics[0] if len(metrics) == 1 else "accuracy")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return ax

