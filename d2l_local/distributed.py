"""Process-group plumbing for data-parallel training: start one process per device, run a
function in each, and bring back what each returned.

:func:`launch` knows nothing about training; :mod:`d2l_local.training` passes it the
function that trains one rank. The tests run it on the CPU with gloo and 2 processes.
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


def _worker(rank, fn, world_size, backend, port, device_type, args, out_dir):
    dist.init_process_group(backend, init_method=f"tcp://127.0.0.1:{port}",
                            rank=rank, world_size=world_size)
    try:
        if device_type == "cuda":
            torch.cuda.set_device(rank)
            device = torch.device(f"cuda:{rank}")
        else:
            device = torch.device("cpu")
            torch.set_num_threads(max(1, (os.cpu_count() or 2) // world_size))
        result = fn(rank, world_size, device, *args)
        torch.save(result, os.path.join(out_dir, f"rank{rank}.pt"))
    finally:
        dist.destroy_process_group()


def launch(fn, args=(), world_size=2, backend="gloo", device_type="cpu"):
    """Run ``fn(rank, world_size, device, *args)`` in ``world_size`` processes.

    ``fn`` must be a module-level function (it is pickled) and return tensors and plain
    values. Returns the list of what each rank returned, rank 0 first.
    """
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="d2l-ddp-") as out_dir:
        mp.spawn(_worker, nprocs=world_size, join=True,
                 args=(fn, world_size, backend, port, device_type, args, out_dir))
        return [torch.load(os.path.join(out_dir, f"rank{r}.pt"), weights_only=True)
                for r in range(world_size)]


def all_reduce_sum(values: list[torch.Tensor]) -> list[torch.Tensor]:
    """Sum each scalar tensor over all processes (one collective for the whole list)."""
    t = torch.stack([v.double() for v in values])
    dist.all_reduce(t)
    return list(t.unbind())
