"""Process-group plumbing for data-parallel training, in the two ways a run can start:

- **spawned here** (a notebook's ``Trainer(num_gpus=2)`` or ``Trainer(processes=2)``):
  :func:`launch` starts one process per rank and serves a :class:`Channel`, through which
  rank 0 reports to this process and this process can ask every rank to stop;
- **launched by torchrun** (``torchrun ... -m d2l_local.train``, on one machine or many):
  every process is started by the launcher, which sets ``RANK``, ``WORLD_SIZE`` and
  ``LOCAL_RANK``; :func:`launched` reads them and :func:`join` enters the process group.

The backend follows the device: NCCL between GPUs, gloo between CPU processes. This module
knows nothing about training; :mod:`d2l_local.training` passes :func:`launch` the function
that trains one rank.
"""

from __future__ import annotations

import io
import os
import pickle
import queue
import signal
import socket
import tempfile
from typing import NamedTuple

import torch
import torch.distributed as dist
import torch.multiprocessing as mp


def backend_for(device_type: str) -> str:
    """NCCL between CUDA GPUs, gloo between CPU processes."""
    return "nccl" if device_type == "cuda" else "gloo"


def rank_device(device_type: str, local_rank: int) -> torch.device:
    """The device a rank trains on: its own GPU (by its rank on this machine), or the CPU."""
    return torch.device("cuda", local_rank) if device_type == "cuda" else torch.device("cpu")


class Launched(NamedTuple):
    rank: int
    world_size: int
    local_rank: int


def launched() -> Launched | None:
    """This process's place when it is one of several ranks: started by torchrun (which
    sets ``RANK``, ``WORLD_SIZE`` and ``LOCAL_RANK``) or already in a process group of more
    than one process (a rank that :func:`launch` started). None for a lone process."""
    if dist.is_available() and dist.is_initialized():
        if dist.get_world_size() == 1:
            return None
        rank = dist.get_rank()
        return Launched(rank, dist.get_world_size(), int(os.environ.get("LOCAL_RANK", rank)))
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world == 1:
        return None
    return Launched(int(os.environ["RANK"]), world, int(os.environ.get("LOCAL_RANK", "0")))


def join(device: torch.device) -> tuple[int, int]:
    """(rank, world size) in the launcher's process group, entering it first if needed
    (``env://``: the launcher set ``MASTER_ADDR`` and ``MASTER_PORT`` too)."""
    if not dist.is_initialized():
        if device.type == "cuda":
            torch.cuda.set_device(device)
        dist.init_process_group(backend_for(device.type), init_method="env://")
    return dist.get_rank(), dist.get_world_size()


class Channel:
    """What the ranks of a spawned run and the process that started them say to each other.

    A rank *posts* a message (``kind`` and a payload of plain values) or *asks* (posts, then
    waits for the answer); :func:`launch` hands each message to its ``on_message`` here.
    This process can ask every rank to stop (:meth:`request_stop`); the ranks read it with
    :meth:`stop_requested` and must agree among themselves when to act on it.
    """

    def __init__(self, world_size: int):
        ctx = _context()
        self._messages, self._stop = ctx.Queue(), ctx.Event()
        self._answers = [ctx.SimpleQueue() for _ in range(world_size)]  # one for each rank
        self.rank = None  # set in each rank's process

    def post(self, kind: str, *payload) -> None:
        self._messages.put((kind, payload, None))

    def ask(self, kind: str, *payload):
        self._messages.put((kind, payload, self.rank))
        return self._answers[self.rank].get()

    def request_stop(self) -> None:
        self._stop.set()

    def stop_requested(self) -> bool:
        return self._stop.is_set()

    def serve(self, on_message, timeout: float) -> bool:
        """Handle one message, waiting up to ``timeout`` seconds for it; False if none came.
        A rank that asked gets an answer even when ``on_message`` raises (None then)."""
        try:
            kind, payload, asker = self._messages.get(timeout=timeout)
        except queue.Empty:
            return False
        answer = None
        try:
            answer = on_message(kind, *payload)
        finally:
            if asker is not None:
                self._answers[asker].put(answer)
        return True


def _context():
    """Where the ranks come from: a fork server that imported torch and this library
    once, so that a run starts its ranks in a second rather than in several imports of
    torch at once; a fresh interpreter per rank (spawn) where there is no fork server.
    Neither inherits this process's threads or its CUDA state."""
    if "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    # torch._dynamo: a torch optimizer's first construction imports it (seconds). The list
    # is read when the server starts, once per process.
    ctx.set_forkserver_preload(["d2l_local.training", "torch._dynamo"])
    return ctx


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _worker(rank, fn, world_size, device_type, port, channel, args, out_dir):
    # An interrupt (Ctrl-C reaches the whole process group) is for the process that
    # started the ranks: it asks them to stop through the channel, at a batch they agree on.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    channel.rank = rank
    device = rank_device(device_type, rank)
    if device.type == "cuda":
        torch.cuda.set_device(device)
    else:
        torch.set_num_threads(max(1, (os.cpu_count() or 2) // world_size))
    dist.init_process_group(backend_for(device_type), init_method=f"tcp://127.0.0.1:{port}",
                            rank=rank, world_size=world_size)
    try:
        result = fn(rank, world_size, device, channel, *args)
        torch.save(result, os.path.join(out_dir, f"rank{rank}.pt"))
    except BaseException as err:
        try:
            channel.post("_error", pickle.dumps(err))
        except Exception:  # not picklable: launch raises torch's report of the traceback
            pass
        raise
    finally:
        dist.destroy_process_group()


def launch(fn, args=(), world_size=2, device_type="cpu", channel=None, on_message=None):
    """Run ``fn(rank, world_size, device, channel, *args)`` in ``world_size`` new processes
    (NCCL on ``cuda:rank`` for ``device_type='cuda'``, else gloo on the CPU, the cores
    shared out) and return what each returned, rank 0 first.

    ``fn`` must be importable (a module's function: it is pickled) and return tensors and
    plain values. The arguments are pickled for each process, but **tensors among them are
    shared** (torch puts them in shared memory): every rank reads the same storage, so
    what a rank changes it must copy first, or receive as bytes (``torch.save``).
    ``on_message(kind, *payload)`` runs here for each message a rank posts on ``channel``
    (made here unless given); what it returns answers a rank that asked.

    An exception in a rank ends the others and is raised here (the rank's own exception
    when it can be pickled). An interrupt here asks the ranks to stop (``channel``), waits
    for them, and is raised again; a second one ends them at once.
    """
    channel = channel if channel is not None else Channel(world_size)
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="d2l-ddp-") as out_dir:
        context = mp.start_processes(
            _worker, args=(fn, world_size, device_type, port, channel, args, out_dir),
            nprocs=world_size, join=False, start_method=_context().get_start_method())
        try:
            _serve_until_done(context, channel, on_message)
        finally:
            for process in context.processes:
                if process.is_alive():
                    process.terminate()
                process.join()
        return [torch.load(os.path.join(out_dir, f"rank{r}.pt"), weights_only=True)
                for r in range(world_size)]


def _serve_until_done(context, channel, on_message):
    errors = []

    def handle(kind, *payload):
        if kind == "_error":
            errors.append(payload[0])
        elif on_message is not None:
            return on_message(kind, *payload)
        return None

    def drain():
        while channel.serve(handle, timeout=0):
            pass

    interrupted = False
    while True:
        try:
            try:
                while channel.serve(handle, timeout=0.05):
                    pass
                if context.join(timeout=0):
                    break
            except (mp.ProcessRaisedException, mp.ProcessExitedException) as failure:
                drain()
                original = _unpickled(errors)
                if original is None:
                    raise
                raise original from failure
        except KeyboardInterrupt:
            if interrupted:
                raise
            interrupted = True
            channel.request_stop()
    drain()  # what the ranks posted before they ended
    if interrupted:
        raise KeyboardInterrupt


def _unpickled(errors):
    """The first rank's own exception that unpickles (None: raise torch's report)."""
    for data in errors:
        try:
            return pickle.loads(data)
        except Exception:
            pass
    return None


def host_group():
    """A gloo group of every rank, for small host-side collectives (a stop flag) that must
    not wait for the device: the default group itself when it is gloo already."""
    return None if dist.get_backend() == "gloo" else dist.new_group(backend="gloo")


def any_rank(flag: bool, group=None) -> bool:
    """True on every rank when ``flag`` is true on any rank (a collective: all must call)."""
    t = torch.tensor([float(flag)])
    dist.all_reduce(t, op=dist.ReduceOp.MAX, group=group)
    return bool(t.item())


def all_reduce_sum(values: list[torch.Tensor]) -> list[torch.Tensor]:
    """Sum each scalar tensor over all processes (one collective for the whole list)."""
    t = torch.stack([v.double() for v in values])
    dist.all_reduce(t)
    return list(t.unbind())


def to_bytes(obj) -> bytes:
    """``obj`` serialised by ``torch.save``: a copy that shares no storage with ``obj``."""
    buffer = io.BytesIO()
    torch.save(obj, buffer)
    return buffer.getvalue()


def from_bytes(data: bytes, device=None, trusted=False):
    """What :func:`to_bytes` wrote, tensors on ``device``. ``trusted`` (bytes this run
    made itself) allows objects (a model); otherwise tensors and plain values only."""
    return torch.load(io.BytesIO(data), map_location=device, weights_only=not trusted)
