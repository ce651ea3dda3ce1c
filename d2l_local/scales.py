"""The three scales every page runs at, with the same code: quick, CPU full size, GPU full size.

- ``quick`` (``D2L_QUICK=1``): tests and CI. Each experiment runs a small version of itself
  on the real data, sized so that a page takes a minute or two on a laptop's CPU; the pages
  whose lesson needs a trained network still train one that is clearly above chance.
- ``cpu``: full size without an accelerator. The full training and test sets, each
  experiment with a recipe sized for a 2-core CPU (small inputs, bf16 where the processor
  has bf16 dot products, a learning-rate schedule, fewer epochs).
- ``gpu``: full size on a GPU: the reference recipe (224 pixels, SGD, ten epochs) and the
  exercises' full forms.

An experiment states its size at each scale where the reader sees it::

    epochs = d2l.scales.pick(quick=1, cpu=2, gpu=10)
"""

from __future__ import annotations

from . import config
from .hardware import try_gpu

SCALES = ("quick", "cpu", "gpu")
_UNSET = object()


def current() -> str:
    """'quick' in quick mode; else 'gpu' where there is an accelerator, 'cpu' without."""
    if config.quick_mode():
        return "quick"
    return "cpu" if try_gpu().type == "cpu" else "gpu"


def pick(quick=_UNSET, full=_UNSET, *, cpu=_UNSET, gpu=_UNSET):
    """The value for the scale this process runs at.

    ``full`` stands for both full sizes (``cpu`` and ``gpu``), which may also be given
    apart. Every scale must get a value, so that a page never runs at a size it did not
    state: ``pick(quick=2_000, full=None)`` or ``pick(quick=1, cpu=2, gpu=10)``.
    """
    values = {"quick": quick, "cpu": full if cpu is _UNSET else cpu,
              "gpu": full if gpu is _UNSET else gpu}
    missing = [name for name, value in values.items() if value is _UNSET]
    if missing:
        raise TypeError(f"pick() needs a value for every scale: {', '.join(missing)} "
                        "missing (give full=... for both full sizes).")
    return values[current()]
