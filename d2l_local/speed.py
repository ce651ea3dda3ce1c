"""How the arithmetic runs: each speed trick is one named option of :class:`Speed`, and
``Speed.auto(device)`` turns on those that pay on that device.

Measured on a 2-core Xeon with AMX (AlexNet, training steps): at 224 by 224 pixels and
batch 64, fp32 28 images/s, bf16 77, bf16 with channels_last 126; at 65 by 65 pixels (the
laptop recipe) and batch 256, fp32 451, bf16 815, bf16 with channels_last 873. On a
2-core AMD EPYC with AVX512-BF16 and no AMX the benchmark measured bf16 at 1.84x the fp32
rate. On a CPU with neither, bf16 is emulated and slower than fp32, which is why ``auto``
asks the hardware (:func:`~d2l_local.hardware.bf16_units`) instead of always turning it on.
"""

from __future__ import annotations

import contextlib
from dataclasses import asdict, dataclass

import torch

from .checks import check_choice
from .hardware import bf16_units


@dataclass(frozen=True)
class Speed:
    """Speed options of a Trainer; the defaults are the plain fp32 reading configuration."""

    precision: str = "fp32"       # "bf16": convolutions and matrix products in bfloat16
    channels_last: bool = False   # images as NHWC, the layout fast convolution kernels want
    fused: bool = False           # the optimizer's update as one kernel (CUDA and CPU)
    compile: bool = False         # torch.compile fuses elementwise work; epoch 1 pays for it

    def __post_init__(self):
        check_choice("precision", self.precision, ("fp32", "bf16"))
        for name in ("channels_last", "fused", "compile"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{name}={getattr(self, name)!r} is not allowed: {name} "
                                 "must be True or False.")

    @classmethod
    def auto(cls, device) -> Speed:
        """bf16 with channels_last where the device computes bf16 products in hardware
        (tensor cores, AMX or AVX512-BF16); the fused
        optimizer update on CUDA and the CPU (a quarter of a CPU step with Adam, unfused)."""
        device = torch.device(device)
        fast = bf16_units(device)
        return cls(precision="bf16" if fast else "fp32", channels_last=fast,
                   fused=device.type in ("cuda", "cpu"))

    @classmethod
    def of(cls, speed, device) -> Speed:
        """A Trainer's ``speed`` argument (None, "auto", "fp32", "bf16" or a Speed) resolved."""
        if speed is None or speed == "fp32":
            return cls()
        if speed == "auto":
            return cls.auto(device)
        if speed == "bf16":
            return cls(precision="bf16", channels_last=True,
                       fused=torch.device(device).type in ("cuda", "cpu"))
        if isinstance(speed, cls):
            return speed
        raise ValueError(f"speed={speed!r} is not allowed: speed must be None, 'auto', "
                         "'fp32', 'bf16' or a d2l.Speed(...).")

    def autocast(self, device):
        """The autocast context of this precision (a no-op for fp32)."""
        if self.precision != "bf16":
            return contextlib.nullcontext()
        return torch.autocast(torch.device(device).type, dtype=torch.bfloat16)

    def as_dict(self) -> dict:
        return asdict(self)
