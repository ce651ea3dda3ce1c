"""Helpers for the chapter's pages: glue numbers into prose, say how the page was run."""

from __future__ import annotations

from . import config
from .hardware import describe_device, try_gpu


def glue(name, value, display=False):
    """``myst_nb.glue`` when building the book; a no-op in Colab or a plain kernel.

    Strings are glued as Markdown (use ``{glue:md}`` in the prose), numbers as numbers
    (use ``{glue:text}`name:.2f```).
    """
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


def run_mode_text(device=None) -> str:
    device = device or try_gpu()
    if config.quick_mode():
        return (f"This page was run in **quick mode** (`D2L_QUICK=1`) on "
                f"{describe_device(device)}: every experiment used a small part of the real "
                "data and a few batches, so its numbers show the method, not the final "
                "accuracy. Results of a full-size GPU run are shown where they exist.")
    return f"This page was run at full size on {describe_device(device)}."


def show_run_mode(device=None):
    """Display a note saying whether this page ran in quick mode, and on what."""
    from IPython.display import Markdown, display
    display(Markdown(f"> {run_mode_text(device)}"))
