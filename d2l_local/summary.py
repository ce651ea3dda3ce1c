"""Inspect a network: per-layer output shape, parameters, FLOPs and activation memory."""

from __future__ import annotations

import copy

import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from .core import has_uninitialized_params


def _count_flops(fn) -> int:
    with FlopCounterMode(display=False) as counter:
        fn()
    return counter.get_total_flops()


def _leaves(model: nn.Module):
    return [(name, m) for name, m in model.named_modules() if len(list(m.children())) == 0]


def layer_table(model: nn.Module, input_shape, verbose: bool = True):
    """One record per leaf layer for an input of ``input_shape``; prints a table too.

    FLOPs come from ``torch.utils.flop_counter.FlopCounterMode`` (a multiply-add counts
    as two), run on each layer with the input it actually received. Activation memory
    is the size of the layer's output at float32. Returns a pandas DataFrame.
    """
    import pandas as pd

    records, handles = [], []
    device = next((p.device for p in model.parameters()
                   if not isinstance(p, nn.parameter.UninitializedParameter)),
                  torch.device("cpu"))

    def hook(name):
        def record(module, inputs, output):
            params = sum(p.numel() for p in module.parameters(recurse=False))
            flops = _count_flops(lambda: module.forward(*inputs))  # no hooks: no recursion
            records.append({
                "layer": name, "type": type(module).__name__,
                "output shape": tuple(output.shape), "parameters": params,
                "forward FLOPs": flops,
                "activation MB": output.numel() * output.element_size() / 2**20,
            })
        return record

    for name, module in _leaves(model):
        handles.append(module.register_forward_hook(hook(name)))
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            model(torch.zeros(input_shape, device=device))
    finally:
        for h in handles:
            h.remove()
        model.train(was_training)
    table = pd.DataFrame.from_records(records)
    if verbose:
        print(f"{'layer':<10}{'output shape':<19}{'parameters':>12}{'MFLOPs':>10}")
        for r in records:
            shape = "x".join(str(d) for d in r["output shape"])
            print(f"{r['type']:<10}{shape:<19}{r['parameters']:>12,}"
                  f"{r['forward FLOPs'] / 1e6:>10.1f}")
        print(f"{'total':<10}{'':<19}{table['parameters'].sum():>12,}"
              f"{table['forward FLOPs'].sum() / 1e6:>10.1f}")
    return table


def model_flops(model: nn.Module, input_shape) -> dict:
    """Forward and forward+backward FLOPs of the whole model for ``input_shape``."""
    device = next(model.parameters()).device
    x = torch.randn(input_shape, device=device)
    was_training = model.training
    model.eval()
    try:
        if has_uninitialized_params(model):
            with torch.no_grad():
                model(x)
        forward = _count_flops(lambda: model(x))
        model.zero_grad(set_to_none=True)
        both = _count_flops(lambda: model(x).sum().backward())
        model.zero_grad(set_to_none=True)
    finally:
        model.train(was_training)
    return {"forward": forward, "forward_backward": both}


def _fresh_copy(model: nn.Module) -> nn.Module:
    # A model with lazy layers adapts to any input; a materialised one is rebuilt from
    # its hyperparameters when it can be, so the search is not tied to its first input.
    if has_uninitialized_params(model):
        return copy.deepcopy(model)
    hparams = getattr(model, "hparams", None)
    if hparams is not None:
        try:
            return type(model)(**hparams)
        except TypeError:
            pass
    return copy.deepcopy(model)


def smallest_input_size(model: nn.Module, in_channels: int = 1, max_size: int = 1024):
    """The smallest square input side the network accepts, found by trying sizes upward.

    Returns None if no size up to ``max_size`` works. The result is cached per model type
    and hyperparameters.
    """
    hparams = getattr(model, "hparams", None)
    key = None if hparams is None else (type(model).__name__, repr(sorted(hparams.items())),
                                          in_channels)
    if key in _SMALLEST:
        return _SMALLEST[key]
    template = _fresh_copy(model).cpu().eval()
    found = None
    for size in range(1, max_size + 1):
        trial = copy.deepcopy(template)
        try:
            with torch.no_grad():
                trial(torch.zeros(1, in_channels, size, size))
        except RuntimeError:
            continue
        found = size
        break
    if key is not None:  # only models described by their hyperparameters are cached
        _SMALLEST[key] = found
    return found


_SMALLEST: dict = {}
