"""Helpers about a network's layers: their initialisation, whether lazy layers have
weights yet, and running a network in evaluation mode without losing its mode."""

from __future__ import annotations

import contextlib

from torch import nn


def is_uninitialized(module: nn.Module) -> bool:
    """True while a lazy layer has not seen its first input (its weights have no shape)."""
    return any(isinstance(p, nn.parameter.UninitializedParameter)
               for p in module.parameters(recurse=False))


def has_uninitialized_params(model: nn.Module) -> bool:
    """True while any lazy layer of ``model`` is waiting for its first input."""
    return any(isinstance(p, nn.parameter.UninitializedParameter) for p in model.parameters())


def init_cnn(module: nn.Module) -> None:
    """Xavier-uniform weights and zero biases for convolution and linear layers."""
    if isinstance(module, (nn.Linear, nn.Conv2d)) and not is_uninitialized(module):
        nn.init.xavier_uniform_(module.weight)
        if module.bias is not None:
            nn.init.zeros_(module.bias)


@contextlib.contextmanager
def evaluating(model: nn.Module):
    """Evaluation mode (dropout off) inside the block, the model's own mode after it."""
    was_training = model.training
    model.eval()
    try:
        yield model
    finally:
        model.train(was_training)
