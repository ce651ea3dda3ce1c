"""Data-parallel training on several devices with PyTorch's DistributedDataParallel.

``Trainer(num_gpus=k).fit(model, data)`` with k > 1 calls :func:`fit_data_parallel`, which
starts k processes (one per GPU, NCCL), trains there and brings the weights and history
back into the caller's model and trainer. :func:`launch` does the same for any backend and
device, which is how the tests run it on the CPU with gloo and 2 processes.
"""

from __future__ import annotations

import os
import socket
import tempfile

import torch
import torch.distributed as dist
import torch.multiprocessing as mp


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _worker(rank, world_size, backend, port, device_type, model, data, trainer_kwargs, out_dir):
    from .training import Trainer
    dist.init_process_group(backend, init_method=f"tcp://127.0.0.1:{port}",
                            rank=rank, world_size=world_size)
    try:
        if device_type == "cuda":
            torch.cuda.set_device(rank)
            device = torch.device(f"cuda:{rank}")
        else:
            device = torch.device("cpu")
            torch.set_num_threads(max(1, (os.cpu_count() or 2) // world_size))
        kwargs = dict(trainer_kwargs, device=device, num_gpus=0)
        kwargs["board"] = kwargs.get("board", True) and rank == 0
        trainer = Trainer(**kwargs)
        trainer._fit_local(model, data, rank=rank, world_size=world_size)
        state = {k: v.detach().cpu() for k, v in model.state_dict().items()}
        torch.save({"model": state, "history": trainer.history},
                   os.path.join(out_dir, f"rank{rank}.pt"))
    finally:
        dist.destroy_process_group()


def launch(model, data, trainer_kwargs, world_size=2, backend="gloo", device_type="cpu"):
    """Train ``model`` data-parallel in ``world_size`` processes; return per-rank results.

    Returns a list of ``{"model": state_dict, "history": [...]}``, one per rank.
    """
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="d2l-ddp-") as out_dir:
        mp.spawn(_worker, nprocs=world_size, join=True,
                 args=(world_size, backend, port, device_type, model, data,
                       trainer_kwargs, out_dir))
        return [torch.load(os.path.join(out_dir, f"rank{r}.pt"), weights_only=True)
                for r in range(world_size)]


def fit_data_parallel(trainer, model, data):
    """Run ``trainer`` on ``trainer.world_size`` GPUs and copy the result back."""
    kwargs = {k: v for k, v in trainer.hparams.items() if k not in {"num_gpus", "device"}}
    from .core import has_uninitialized_params
    if has_uninitialized_params(model):  # materialise here so every rank starts equal
        X, _ = next(iter(data.val_dataloader()))
        with torch.no_grad():
            model(X[:2])
    results = launch(model.cpu(), data, kwargs, world_size=trainer.world_size,
                     backend="nccl", device_type="cuda")
    model.load_state_dict(results[0]["model"])
    trainer.model = model
    trainer.history = results[0]["history"]
    trainer.epoch = len(trainer.history)
    return trainer.history
