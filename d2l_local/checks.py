"""Argument checks shared by every public entry point: a ValueError that names the
argument, says what is allowed and suggests a value, never a deep traceback."""

from __future__ import annotations

import math
import numbers

ACTIVATIONS = ("relu", "sigmoid")
OPTIMIZERS = ("sgd", "momentum", "adam")
SCHEDULES = ("constant", "one-cycle")


def fail(name, value, allowed):
    raise ValueError(f"{name}={value!r} is not allowed: {name} must be {allowed}.")


def _is_int(value) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def check_lr(lr):
    if isinstance(lr, bool) or not isinstance(lr, numbers.Real) or not math.isfinite(lr) \
            or lr <= 0:
        fail("lr", lr, "a positive, finite number (try 0.01)")
    return float(lr)


def check_positive_int(name, value, hint=""):
    if not _is_int(value) or value < 1:
        fail(name, value, "a whole number >= 1" + hint)
    return int(value)


def check_optional_positive_int(name, value, hint=""):
    return None if value is None else check_positive_int(name, value, hint)


def check_seed(seed):
    if not _is_int(seed) or seed < 0:
        fail("seed", seed, "a whole number >= 0")
    return int(seed)


def check_batch_size(batch_size):
    return check_positive_int("batch_size", batch_size, " (128 is the chapter's choice)")


def check_epochs(max_epochs):
    return check_positive_int("max_epochs", max_epochs)


def check_dropout(dropout):
    if isinstance(dropout, bool) or not isinstance(dropout, numbers.Real) \
            or not (0 <= dropout < 1):
        fail("dropout", dropout, "a number in [0, 1) (0.5 in AlexNet)")
    return float(dropout)


def check_choice(name, value, choices):
    if not isinstance(value, str) or value.lower() not in choices:
        fail(name, value, "one of " + ", ".join(repr(c) for c in choices))
    return value.lower()


def check_resize(resize):
    """None, one side for a square, or (height, width); returns None or a pair of ints."""
    if resize is None:
        return None
    pair = (resize, resize) if _is_int(resize) else resize
    if not (isinstance(pair, (tuple, list)) and len(pair) == 2
            and all(_is_int(s) and s >= 1 for s in pair)):
        fail("resize", resize, "one whole number >= 1 for a square, or a pair (height, "
             "width) of them, e.g. 224 or (224, 224); AlexNet needs at least 65")
    return tuple(int(s) for s in pair)


def check_fraction(name, value):
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not (0 < value <= 1):
        fail(name, value, "a number in (0, 1]")
    return float(value)
