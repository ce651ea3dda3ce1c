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
import inspect
from dataclasses import asdict, dataclass

import torch

from .checks import check_choice
from .hardware import bf16_units


def fused_available(device) -> bool:
    """The one rule for the fused optimizer update (one kernel for every parameter's step):
    PyTorch has it for CUDA and the CPU. Measured with Adam on a 2-core CPU, the unfused
    update was a quarter of a training step."""
    return torch.device(device).type in ("cuda", "cpu")


@dataclass(frozen=True)
class Speed:
    """How a Trainer's arithmetic runs: each speed trick is one named option here, and this
    class applies all of them (to the model, the batches, the optimizer and the backends),
    so a run's record (:meth:`as_dict`) says everything it ran with. The defaults are the
    plain reading configuration: strict fp32, as the page's code says.
    """

    precision: str = "fp32"        # "fp32" strict; "tf32": fp32 with TF32 products on
    #                                NVIDIA tensor cores; "bf16": autocast to bfloat16
    channels_last: bool = False    # images as NHWC, the layout fast convolution kernels want
    fused: bool = False            # the optimizer's update as one kernel (CUDA and CPU)
    compile: bool = False          # torch.compile fuses elementwise work; epoch 1 pays for it
    cudnn_benchmark: bool = False  # cuDNN times its convolution algorithms on the first
    #                                batch of each shape and keeps the fastest (CUDA only)

    def __post_init__(self):
        check_choice("precision", self.precision, ("fp32", "tf32", "bf16"))
        for name in ("channels_last", "fused", "compile", "cudnn_benchmark"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{name}={getattr(self, name)!r} is not allowed: {name} "
                                 "must be True or False.")

    @classmethod
    def auto(cls, device) -> Speed:
        """What pays on ``device``: bf16 with channels_last where it computes bf16 products
        in hardware (tensor cores, AMX or AVX512-BF16, :func:`bf16_units`), the fused
        optimizer update where PyTorch has one, and cuDNN's autotuning on CUDA."""
        device = torch.device(device)
        fast = bf16_units(device)
        return cls(precision="bf16" if fast else "fp32", channels_last=fast,
                   fused=fused_available(device), cudnn_benchmark=device.type == "cuda")

    @classmethod
    def of(cls, speed, device) -> Speed:
        """A Trainer's ``speed`` argument resolved: None or "fp32" the reading
        configuration, "auto" :meth:`auto`, "bf16" or "tf32" that precision and nothing
        else (``Speed.auto`` or a ``Speed(...)`` turns on the other options), or a Speed."""
        if speed is None:
            return cls()
        if isinstance(speed, cls):
            return speed
        if speed == "auto":
            return cls.auto(device)
        if speed in ("fp32", "tf32", "bf16"):
            return cls(precision=speed)
        raise ValueError(f"speed={speed!r} is not allowed: speed must be None, 'auto', "
                         "'fp32', 'tf32', 'bf16' or a d2l.Speed(...).")

    # ------------------------------------------------------------ applying the options
    @contextlib.contextmanager
    def arithmetic(self, device):
        """The context a step or an evaluation runs in: autocast to bf16 for that
        precision, and on CUDA the backends set as the options say (TF32 on only for
        "tf32", so "fp32" is strict fp32; cuDNN autotuning for ``cudnn_benchmark``),
        restored afterwards."""
        device = torch.device(device)
        with contextlib.ExitStack() as stack:
            if device.type == "cuda":
                stack.enter_context(_backends(tf32=self.precision == "tf32",
                                              benchmark=self.cudnn_benchmark))
            if self.precision == "bf16":
                stack.enter_context(torch.autocast(device.type, dtype=torch.bfloat16))
            yield

    def autocast(self, device):
        """The autocast context of this precision (a no-op but for bf16)."""
        if self.precision != "bf16":
            return contextlib.nullcontext()
        return torch.autocast(torch.device(device).type, dtype=torch.bfloat16)

    def prepare_model(self, model):
        """The model as these options train it: its weights in the channels_last layout,
        its forward compiled (in place: ``training_step``'s ``self(X)`` runs the compiled
        forward). Returns the model."""
        if self.channels_last:
            model.to(memory_format=torch.channels_last)
        if self.compile:
            model.compile()
        return model

    def prepare_batch(self, batch: list) -> list:
        """A batch as these options feed it: the images (a 4-d first tensor) in
        channels_last."""
        if self.channels_last and batch and batch[0].dim() == 4:
            batch = [batch[0].contiguous(memory_format=torch.channels_last), *batch[1:]]
        return batch

    def optimizers(self, model):
        """``model.configure_optimizers()``, told to fuse its update when ``fused`` is on
        and it takes a ``fused`` argument (the library's models do)."""
        takes = "fused" in inspect.signature(model.configure_optimizers).parameters
        return model.configure_optimizers(**({"fused": self.fused} if takes else {}))

    def as_dict(self) -> dict:
        """Every option, as a run's record keeps it."""
        return asdict(self)


@contextlib.contextmanager
def _backends(tf32: bool, benchmark: bool):
    cudnn, matmul = torch.backends.cudnn, torch.backends.cuda.matmul
    before = cudnn.allow_tf32, matmul.allow_tf32, cudnn.benchmark
    cudnn.allow_tf32 = matmul.allow_tf32 = tf32
    cudnn.benchmark = benchmark
    try:
        yield
    finally:
        cudnn.allow_tf32, matmul.allow_tf32, cudnn.benchmark = before
