"""Helpers for the chapter's pages: glue measured numbers into the prose, and say how each
page was run, so that no sentence claims more than the page's own run showed."""

from __future__ import annotations

import re

from . import config
from .hardware import describe_device, try_gpu

GLUED: dict = {}  # every value glued in this kernel, for show_prose


def glue(name, value, display=False):
    """``myst_nb.glue`` when building the book; elsewhere (Colab, a plain kernel) only
    remembered, so that :func:`show_prose` can print the text with the value.

    Strings are glued as Markdown (use ``{glue:md}`` in the prose), numbers as numbers
    (use ``{glue:text}`name:.2f```).
    """
    if hasattr(value, "item") and not isinstance(value, str):  # numpy or torch scalar
        value = value.item()  # its repr ('np.float64(...)') would not format
    GLUED[name] = value
    try:
        from myst_nb import glue as myst_glue
    except ImportError:
        return value
    if isinstance(value, str):
        from IPython.display import Markdown
        myst_glue(name, Markdown(value), display=display)
    else:
        myst_glue(name, value, display=display)
    return value


_GLUE_ROLE = re.compile(r"\{glue(?::(text|md))?\}`([^`:]+)(?::([^`]*))?`")


def fill(text: str) -> str:
    """``text`` with every ``{glue:text}`name:fmt``` and ``{glue:md}`name``` replaced
    by the value glued under that name in this kernel."""
    def value(m):
        name, fmt = m.group(2), m.group(3) or ""
        if name not in GLUED:
            return f"[{name}: run the cells above]"
        v = GLUED[name]
        return format(v, fmt) if fmt and not isinstance(v, str) else str(v)
    return _GLUE_ROLE.sub(value, text)


def show_prose(text: str):
    """Display Markdown prose with the numbers of this kernel's run (Colab notebooks)."""
    from IPython.display import Markdown, display
    display(Markdown(fill(text)))


def run_mode_text(device=None) -> str:
    device = device or try_gpu()
    if config.quick_mode():
        return (f"This page was run in **quick mode** (`D2L_QUICK=1`) on "
                f"{describe_device(device)}: every experiment used a small part of the real "
                f"data ({config.QUICK.describe()}), so its numbers show the method, not the "
                "final accuracy. Results of a full-size GPU run are shown where they exist.")
    return f"This page was run at full size on {describe_device(device)}."


def show_run_mode(device=None):
    """Display a note saying whether this page ran in quick mode, and on what."""
    from IPython.display import Markdown, display
    display(Markdown(f"> {run_mode_text(device)}"))


def plural(n, word):
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def run_scale(history) -> str:
    """How much a run saw, in words, from its history: 'after 2 epochs of 256 training
    images each, tested on 256 images'."""
    done = [r for r in history if r.get("complete", True)]
    if not done:
        return "before completing an epoch"
    last = done[-1]
    return (f"after {plural(len(done), 'epoch')} of {last['train_images']:,} training images "
            f"each, tested on {last['val_images']:,} images")


def versus_chance(accuracy, classes=10) -> str:
    """An accuracy next to what guessing scores, in words."""
    chance = 1 / classes
    if accuracy < 1.5 * chance:
        return (f"{accuracy:.3f}, no better than guessing one of {classes} classes "
                f"({chance:.2f}): the network has not learned yet")
    return f"{accuracy:.3f} (guessing scores {chance:.2f})"


TOPS = ("t-shirt", "pullover", "coat", "shirt")  # Fashion-MNIST's upper-body garments


def mistakes_text(matrix, class_names, top=3) -> str:
    """The ``top`` most frequent confusions in a confusion matrix, in words, and whether
    they are all between tops (the claim a page may make only when its run shows it)."""
    n = len(class_names)
    counts = [(int(matrix[i, j]), i, j) for i in range(n) for j in range(n)
              if i != j and int(matrix[i, j]) > 0]
    if not counts:
        return "No test image was misclassified."
    counts.sort(key=lambda c: (-c[0], c[1], c[2]))
    chosen = counts[:top]
    parts = [f"{class_names[i]} taken for {class_names[j]} ({plural(c, 'time')})"
             for c, i, j in chosen]
    among = sum(class_names[i] in TOPS and class_names[j] in TOPS for _, i, j in chosen)
    text = "The most frequent mistakes of this run: " + "; ".join(parts) + "."
    if among == len(chosen):
        text += (" All of them are between tops (t-shirts, pullovers, coats and shirts), "
                 "which at 28 by 28 grey pixels differ by little more than sleeves and "
                 "collars.")
    else:
        text += (f" {among} of these {len(chosen)} are between tops (t-shirts, pullovers, "
                 "coats and shirts).")
    return text
