"""Argument checks shared by every public entry point: clear ValueErrors, never deep tracebacks."""

from __future__ import annotations

import math
import numbers

ACTIVATIONS = ("relu", "sigmoid")
OPTIMIZERS = ("sgd", "momentum", "adam")


def _fail(name, value, allowed):
    raise ValueError(f"{name}={value!r} is not allowed: {name} must be {allowed}.")


def check_lr(lr):
    if isinstance(lr, bool) or not isinstance(lr, numbers.Real) or not math.isfinite(lr) \
            or lr <= 0:
        _fail("lr", lr, "a positive, finite number (try 0.01)")
    return float(lr)


def check_positive_int(name, value, hint=""):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        _fail(name, value, "a whole number >= 1" + hint)
    return int(value)


def check_batch_size(batch_size):
    return check_positive_int("batch_size", batch_size, " (128 is the chapter's choice)")


def check_epochs(max_epochs):
    return check_positive_int("max_epochs", max_epochs)


def check_dropout(dropout):
    if isinstance(dropout, bool) or not isinstance(dropout, numbers.Real) \
            or not (0 <= dropout < 1):
        _fail("dropout", dropout, "a number in [0, 1) (0.5 in AlexNet)")
    return float(dropout)


def check_choice(name, value, choices):
    if not isinstance(value, str) or value.lower() not in choices:
        _fail(name, value, "one of " + ", ".join(repr(c) for c in choices))
    return value.lower()


def check_resize(resize):
    if resize is None:
        return None
    if isinstance(resize, numbers.Integral) and not isinstance(resize, bool):
        resize = (resize, resize)
    ok = (isinstance(resize, (tuple, list)) and len(resize) == 2
          and all(isinstance(s, numbers.Integral) and not isinstance(s, bool) and s >= 1
                  for s in resize))
    if not ok:
        _fail("resize", resize, "a pair of whole numbers (height, width), e.g. (224, 224)")
    return tuple(int(s) for s in resize)


def check_fraction(name, value):
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not (0 < value <= 1):
        _fail(name, value, "a number in (0, 1]")
    return float(value)


def check_input_fits(model, resize, in_channels=1):
    """Raise a ValueError that names the smallest size when ``resize`` is too small."""
    from .summary import smallest_input_size
    smallest = smallest_input_size(model, in_channels=in_channels)
    if smallest is not None and min(resize) < smallest:
        raise ValueError(f"resize={tuple(resize)} is too small for {type(model).__name__}: "
                         f"its layers need inputs of at least {smallest}x{smallest} pixels.")
    return smallest
