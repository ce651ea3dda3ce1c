"""The Trainer: d2l's ``Trainer(max_epochs, num_gpus).fit(model, data)``, measured and fast.

The loop calls the model's ``training_step`` and ``validation_step`` (d2l's contract, see
:mod:`d2l_local.core`) and adds, each for a reason:

- metrics stay on the device and are read once per logging interval, so the GPU never
  waits for the host to plot;
- every epoch's randomness (shuffle order, dropout, augmentation) comes from
  ``(seed, epoch)`` inside a forked random state: a run resumed from a checkpoint matches
  an uninterrupted one bit for bit on the CPU, and the caller's random state is untouched;
- ``trainer.history`` records per epoch every metric the steps return, images/s, seconds,
  peak memory and the speed options used;
- ``stop()``, an interrupt, a diverging loss or running out of memory keep the history and
  the model, and end with a message that says what to change; an interrupt (Ctrl-C, or
  interrupting the kernel) is raised again after that, so the cell or loop around ``fit``
  stops too;
- one model is trained by one ``fit`` at a time: a second, from another thread, is refused.
"""

from __future__ import annotations

import contextlib
import copy
import os
import sys
import threading
import time
import weakref
from itertools import islice

import torch
from torch import nn

from . import config, distributed
from .checks import (
    check_epochs,
    check_optional_positive_int,
    check_positive_int,
    check_seed,
)
from .core import HyperParameters
from .hardware import (
    describe_device,
    device_words,
    is_out_of_memory,
    peak_memory_mb,
    reset_peak_memory,
    select_device,
    synchronize,
)
from .layers import evaluating
from .loader import epoch_seed
from .plotting import ProgressBoard
from .speed import Speed
from .summary import check_input_fits


class TrainingDiverged(FloatingPointError):
    """The loss became NaN or infinite; the message suggests a smaller learning rate."""


class DeviceOutOfMemory(RuntimeError):
    """The device ran out of memory; the message suggests a batch size that fits."""


class ModelInUse(RuntimeError):
    """A ``fit`` was asked for a model (or trainer) that another ``fit`` is training now."""


_FITTING = weakref.WeakSet()  # the models and trainers a fit is running on now
_FITTING_LOCK = threading.Lock()


class Trainer(HyperParameters):
    """Train a d2l ``Module`` on a ``DataModule``.

    ``num_gpus=0`` trains on the CPU (as in d2l); ``num_gpus>=1`` takes the best
    accelerator there is (CUDA, then Apple MPS), falling back to the CPU with a note;
    ``num_gpus>1`` runs data-parallel, one process per GPU. The keyword options, grouped:

    - where: ``device`` ('cpu', 'cuda:1', ...) overrides the choice; ``processes=N`` trains
      data-parallel in N processes on the CPU (gloo), to try it without GPUs; ``seed``
      fixes the run: the first weights, the order of the batches, dropout, augmentation;
    - how fast: ``speed`` is None (fp32, the chapter's reading configuration), 'auto'
      (bf16 and channels_last where the hardware computes bf16 products), 'bf16', or a
      :class:`~d2l_local.speed.Speed`;
    - how much: ``limit_train_batches`` and ``limit_val_batches`` cap each epoch (each
      experiment states its size at every scale, see :mod:`d2l_local.scales`);
    - what is shown: ``board`` (live curves), ``progress`` (a bar), ``verbose`` (notes),
      ``log_every`` (batches between readings of the loss).

    Data-parallel, ``fit`` starts one process per rank (NCCL between GPUs, gloo on the
    CPU). Each builds its own copy of the model and optimizer from this process's, trains
    on its share of every batch (the shares together are the batch one process would
    train on) and DistributedDataParallel averages the gradients, so the run follows the
    one-process run to rounding when the batch size is a multiple of the number of ranks.
    The rest is as on one process: epochs, training again, ``history``, the optimizer's and
    the schedule's state, checkpoints, ``stop()`` (all ranks end after the same batch)
    and the callbacks, which run here on rank 0's reports (batch callbacks as they arrive;
    epoch callbacks before the ranks go on, so a ``stop()`` they call ends the run where
    it would on one process). The model comes back when the ranks end. Its class must be
    importable by the new processes: a library's model or one from a module, not a class
    defined in a notebook cell.

    Started by ``torchrun`` (``RANK``/``WORLD_SIZE`` set, see :mod:`d2l_local.train`),
    this process is one rank: ``fit`` trains its share here, on the GPU ``LOCAL_RANK``
    (``num_gpus>=1``) or the CPU, with its callbacks run in every rank.
    """

    def __init__(self, max_epochs, num_gpus=0, gradient_clip_val=0, *,
                 device=None, seed=0, processes=None,
                 speed=None,
                 limit_train_batches=None, limit_val_batches=None,
                 board=True, progress=None, verbose=True, log_every=50):
        check_epochs(max_epochs)
        if isinstance(num_gpus, bool) or not isinstance(num_gpus, int) or num_gpus < 0:
            raise ValueError(f"num_gpus={num_gpus!r} is not allowed: num_gpus must be a "
                             "whole number >= 0.")
        check_seed(seed)
        check_optional_positive_int("processes", processes)
        check_optional_positive_int("limit_train_batches", limit_train_batches)
        check_optional_positive_int("limit_val_batches", limit_val_batches)
        check_positive_int("log_every", log_every)
        self.save_hyperparameters()
        self.device, gpus = select_device(num_gpus, device, verbose=verbose)
        self.world_size = self._world_size(gpus, processes, device)  # processes fit trains in
        self.speed = Speed.of(speed, self.device)
        self.progress = config.show_progress() if progress is None else progress
        self.history: list[dict] = []
        self.step_log: list[tuple[float, float]] = []  # (epoch + fraction, mean loss)
        self.epoch = 0
        self.model = self.optim = self.scheduler = None
        self._pending_optim_state = self._pending_scheduler_state = None
        self._new_schedule = False
        self._extended_to = None  # max_epochs as the last "train again" set it
        self.interrupted = self.stop_requested = False
        self.rank, self.world = 0, 1  # this process's place in the run of the last fit
        self._board = self._pbar = self._host_group = None
        self._channel = None  # to the ranks of a spawned run, while it runs
        self._relay = None  # in a spawned rank: to the process that started it
        self.val_images = 0  # examples in the last evaluation
        self.callbacks = []  # f(trainer, record) after each complete epoch
        self.batch_callbacks = []  # f(trainer, epoch, batch, n_batches) after each batch

    # ----------------------------------------------------------------- public API
    @property
    def complete_epochs(self) -> int:
        """How many epochs in ``history`` ran to the end (a stopped one did not)."""
        return sum(r.get("complete", True) for r in self.history)

    def stop(self):
        """Ask a running ``fit`` to end after the current batch, keeping what it measured
        (data-parallel: every rank ends after the same batch)."""
        self.stop_requested = True
        channel = self._channel
        if channel is not None:
            channel.request_stop()

    def fit(self, model, data):
        """Train ``model`` on ``data`` up to ``max_epochs``; the record is ``self.history``.

        Called again with the same model after the last epoch, it trains ``max_epochs``
        more (as d2l's ``fit`` trains again) and says so; with another model it starts a
        new run. Returns None, as d2l's does, so a cell ending in ``fit`` shows the board.

        An interrupt ends the run after keeping the finished epochs and the model, and is
        then raised again (``trainer.interrupted`` says it happened). While one ``fit``
        trains a model, another ``fit`` of that model or by this trainer raises
        :class:`ModelInUse`.
        """
        with _fitting(self, model):
            self._begin(model)
            if distributed.launched() is not None:  # torchrun started this process
                self._fit(model, data, *distributed.join(self.device))
            elif self.world_size > 1:
                self._fit_processes(model, data)
            else:
                self._fit(model, data)

    # ------------------------------------------------------------- the main loop
    def _fit(self, model, data, rank=0, world=1):
        self._start(rank, world)
        with torch.random.fork_rng(devices=self._rng_devices()):
            try:
                self._prepare(model, data)
                self._host_group = distributed.host_group() if world > 1 else None
                self.steps = _Steps(model) if world == 1 else self._data_parallel(model)
                while self.epoch < self.max_epochs and not self._stopping():
                    record = self.fit_epoch()
                    self._add_record(record)
                    self._report("epoch", record)
                    if not record["complete"]:  # stopped mid-epoch
                        break
            except KeyboardInterrupt:
                self._say_interrupted()
                raise
            except (RuntimeError, MemoryError) as err:
                if not (isinstance(err, MemoryError) or is_out_of_memory(err)):
                    raise
                self._release_memory()
                raise DeviceOutOfMemory(self._out_of_memory_advice(data)) from err
            finally:
                self._close_views()
        self._say_stopped()

    def fit_epoch(self):
        """One pass over the training batches, then one over the validation batches;
        returns the epoch's record."""
        model, epoch, n = self.model, self.epoch, self.num_train_batches
        self._seed_epoch(epoch)
        if hasattr(self.train_loader, "set_epoch"):
            self.train_loader.set_epoch(epoch)
        reset_peak_memory(self.device)
        model.train()
        sums, seen, done = {}, 0, 0
        synchronize(self.device)
        start = time.perf_counter()
        for i, batch in enumerate(islice(self.train_loader, n)):
            if self._stopping():
                break
            batch = self._to_device(batch)
            with self.speed.arithmetic(self.device):
                out = self._step(batch)
            self.optim.zero_grad(set_to_none=True)
            out["loss"].backward()
            if self.gradient_clip_val > 0:
                nn.utils.clip_grad_norm_(model.parameters(), self.gradient_clip_val)
            self.optim.step()
            if self.scheduler is not None:
                self.scheduler.step()
            seen += _accumulate(sums, out, len(batch[-1]))  # on the device: no sync
            done = i + 1
            self._report("batch", epoch, i, n)
            if done % self.log_every == 0 or done == n:  # the one host sync per interval
                self._log(sums, seen, epoch + done / n)
        self._log(sums, seen)  # checks the loss of a stopped epoch too
        synchronize(self.device)
        train_s = time.perf_counter() - start
        complete = done == n
        val_start = time.perf_counter()
        val = self.evaluate() if complete else {}  # a stopped epoch is not evaluated
        val_s = time.perf_counter() - val_start if complete else 0.0
        return {
            "epoch": epoch + 1,
            **{f"train_{k}": v for k, v in self._means(sums, seen).items()},
            "val_loss": None, "val_acc": None,
            **{f"val_{k}": v for k, v in val.items()},
            "images_per_s": seen * self.world / max(train_s, 1e-9),
            "train_s": train_s, "val_s": val_s, "epoch_s": train_s + val_s,
            "peak_mem_mb": peak_memory_mb(self.device),
            "train_images": seen * self.world, "train_batches": done,
            "val_images": self.val_images if complete else 0,
            "precision": self.speed.precision, "channels_last": self.speed.channels_last,
            "speed": self.speed.as_dict(),
            "complete": complete,
        }

    @torch.no_grad()
    def evaluate(self, loader=None):
        """The mean of every metric ``validation_step`` returns, over ``loader``'s batches
        (by default the validation set, capped like the training epochs)."""
        batches = islice(self.val_loader, self.num_val_batches) if loader is None else loader
        sums, seen = {}, 0
        with evaluating(self.model):
            for batch in batches:
                batch = self._to_device(batch)
                with self.speed.arithmetic(self.device):
                    out = _as_dict(self.model.validation_step(batch))
                seen += _accumulate(sums, out, len(batch[-1]))
        self.val_images = seen
        return self._means(sums, seen, over_ranks=False)  # every rank ran all of them

    @torch.no_grad()
    def predict(self, loader=None):
        """Predicted and true labels (on the CPU) for ``loader`` (default: validation set)."""
        batches = islice(self.val_loader, self.num_val_batches) if loader is None else loader
        preds, labels = [], []
        with evaluating(self.model):
            for batch in batches:
                batch = self._to_device(batch)
                with self.speed.arithmetic(self.device):
                    preds.append(self.model(*batch[:-1]).argmax(dim=1))
                labels.append(batch[-1])
        return torch.cat(preds).cpu(), torch.cat(labels).cpu()

    # ------------------------------------------------------------ the loop's parts
    def _world_size(self, gpus, processes, device):
        """How many processes ``fit`` trains in; started by torchrun, this process takes
        the GPU of its rank on this machine."""
        here = distributed.launched()
        if here is not None:
            if device is None and self.device.type == "cuda":
                self.device = torch.device("cuda", here.local_rank)
            return here.world_size
        if processes is None:
            return gpus
        if processes > 1 and self.device.type != "cpu":
            raise ValueError(f"processes={processes} is for training on the CPU; on "
                             f"{self.device.type} data-parallel training is one process per "
                             f"GPU: num_gpus={processes}.")
        return processes

    def _start(self, rank, world):
        """What every fit does first: take its place in the run, forget an earlier stop,
        drop a cut epoch (it runs again), say where it trains, open the board."""
        self.rank, self.world = rank, world
        self.stop_requested = self.interrupted = False
        self.history = [r for r in self.history if r.get("complete", True)]
        if self.verbose and rank == 0:
            config.tell("msg_training_on_ranks" if world > 1 else "msg_training_on",
                        device=device_words(self.device), world=world)
        self._board = ProgressBoard(xlabel="epoch") if (self.board and rank == 0) else None

    def _begin(self, model):
        if self.model is not None and model is not self.model:  # another model: a new run
            self.history, self.step_log, self.epoch = [], [], 0
            self.optim = self.scheduler = None
            self._pending_optim_state = self._pending_scheduler_state = None
            if self.max_epochs == self._extended_to:  # raised by "train again", not by you
                self.max_epochs = self.hparams["max_epochs"]
            self._extended_to = None
        elif self.epoch >= self.max_epochs:  # the same model, finished: train it again
            more = self.hparams["max_epochs"]
            if self.verbose:
                config.tell("msg_train_more", done=self.max_epochs, more=more,
                            first=self.epoch + 1, last=self.epoch + more)
            self.max_epochs = self._extended_to = self.epoch + more
            self._new_schedule = True  # a schedule of its own for the epochs added
        self.model = model

    def _prepare(self, model, data):
        torch.manual_seed(self.seed)  # the lazy layers' initialisation (inside fork_rng)
        data.to(self.device)
        self.train_loader, self.val_loader = data.train_dataloader(), data.val_dataloader()
        if hasattr(self.train_loader, "seed"):
            self.train_loader.seed = self.seed  # the run's seed orders the batches
        if self.world > 1 and hasattr(self.train_loader, "shard"):
            self.train_loader.shard(self.rank, self.world)
        self.num_train_batches, self.num_val_batches = self._batches_per_epoch()
        model.to(self.device)
        # One forward pass on two examples gives every lazy layer its shape (and its init)
        # before the optimizer sees it, and turns a too-small input into a clear error.
        self._probe(model, next(iter(self.val_loader))[0][:2])
        self.speed.prepare_model(model)  # channels_last, compile: as the options say
        if self.optim is None:
            self.optim, self.scheduler = self._optimizers(model)
        elif self._new_schedule and hasattr(model, "configure_scheduler"):
            self.scheduler = model.configure_scheduler(
                self.optim, total_steps=self.num_train_batches * (self.max_epochs - self.epoch))
        self._new_schedule = False

    def _batches_per_epoch(self):
        """Training and validation batches per epoch: the loaders' lengths, capped by
        ``limit_*_batches``. No other cap exists (quick mode shrinks the data sets)."""
        train, val = len(self.train_loader), len(self.val_loader)
        return (min(train, self.limit_train_batches or train),
                min(val, self.limit_val_batches or val))

    def _probe(self, model, X):
        try:
            with evaluating(model), torch.no_grad():
                model(X.to(self.device))
            return
        except RuntimeError as err:
            if is_out_of_memory(err):
                raise
            failure = err
        size = tuple(X.shape[-2:])
        check_input_fits(model, size, in_channels=X.shape[1])  # says the smallest size
        raise ValueError(f"{type(model).__name__} cannot take inputs of size {size}: it was "
                         "built for another input size. Make a new model for this resize."
                         ) from failure

    def _data_parallel(self, model):
        from torch.nn.parallel import DistributedDataParallel
        ids = [self.device.index] if self.device.type == "cuda" else None
        return DistributedDataParallel(_Steps(model), device_ids=ids)

    def _optimizers(self, model):
        optim = self.speed.optimizers(model)
        # A model may return (optimizer, scheduler); the scheduler steps every batch.
        optim, scheduler = optim if isinstance(optim, tuple) else (optim, None)
        if scheduler is None and hasattr(model, "configure_scheduler"):
            # a schedule over the whole run: every step of every epoch this fit will train
            scheduler = model.configure_scheduler(
                optim, total_steps=self.num_train_batches * self.max_epochs)
        if self._pending_optim_state is not None:
            optim.load_state_dict(self._pending_optim_state)
            self._pending_optim_state = None
        if scheduler is not None and self._pending_scheduler_state is not None:
            scheduler.load_state_dict(self._pending_scheduler_state)
        self._pending_scheduler_state = None
        return optim, scheduler

    def _rng_devices(self):
        return [self.device] if self.device.type == "cuda" else []

    def _seed_epoch(self, epoch):
        """All randomness of an epoch depends on (seed, epoch) alone: resumable exactly."""
        seed = epoch_seed(self.seed, epoch, "steps")
        torch.default_generator.manual_seed(seed)
        if self.device.type == "cuda":
            with torch.cuda.device(self.device):
                torch.cuda.manual_seed(seed)

    def _to_device(self, batch):
        return self.speed.prepare_batch([t.to(self.device, non_blocking=True) for t in batch])

    def _step(self, batch):
        out = _as_dict(self.steps(batch))
        if "loss" not in out:
            raise ValueError(f"{type(self.model).__name__}.training_step returned "
                             f"{sorted(out)}: it must return the loss, or a dict with 'loss'.")
        return out

    def _means(self, sums, seen, over_ranks=True):
        """Every accumulated metric divided by the examples seen (one host sync); during a
        data-parallel fit, summed over the ranks first (a collective: all ranks call it)."""
        if self.world > 1 and over_ranks:
            reduced = distributed.all_reduce_sum(
                list(sums.values()) + [torch.tensor(float(seen), device=self.device)])
            seen = reduced.pop().item()
            sums = dict(zip(sums, reduced))
        return {k: v.item() / max(seen, 1) for k, v in sums.items()}

    def _log(self, sums, seen, x=None):
        """Read the mean loss so far (over all ranks), end a run whose loss is no longer
        finite, and report the reading at ``x`` (epochs and a fraction) if given."""
        if not sums:
            return
        loss = self._means({"loss": sums["loss"]}, seen)["loss"]
        if loss != loss or abs(loss) == float("inf"):
            lr = getattr(self.model, "lr", None)
            hint = f" (lr={lr}), e.g. {lr / 10:g}" if isinstance(lr, (int, float)) else ""
            raise TrainingDiverged(
                f"The loss became NaN or infinite in epoch {self.epoch + 1}. Try a smaller "
                f"learning rate{hint}. trainer.history keeps the {len(self.history)} "
                "complete epoch(s) before it and trainer.step_log the last finite losses.")
        if x is not None:
            self._report("log", x, loss)

    def _stopping(self) -> bool:
        """Whether to end the run now. Data-parallel, every rank asks at the same points
        and all get one answer (stop() on any rank, or asked by the process that spawned
        the ranks), so all end after the same batch."""
        if self.world > 1:
            asked = self.stop_requested or (self._relay is not None
                                            and self._relay.stop_requested())
            self.stop_requested = distributed.any_rank(asked, self._host_group)
        return self.stop_requested

    def _add_record(self, record):
        self.history.append(record)
        if record["complete"]:
            self.epoch += 1

    def _report(self, kind, *args):
        """Show a finished batch, a loss reading or an epoch's record where the run is
        watched: here, or (rank 0 of a spawned run) in the process that started the ranks,
        which waits for an epoch's callbacks before rank 0 goes on."""
        if self._relay is None:
            getattr(self, f"_on_{kind}")(*args)
        elif self.rank == 0:
            send = self._relay.ask if kind == "epoch" else self._relay.post
            send(kind, *args)

    def _on_batch(self, epoch, i, n):
        if self._pbar is None and self.progress and self.rank == 0:
            from tqdm.auto import tqdm
            self._pbar = tqdm(total=n, desc=f"epoch {epoch + 1}/{self.max_epochs}", leave=False)
        if self._pbar is not None:
            self._pbar.update(1)
        for callback in self.batch_callbacks:
            callback(self, epoch, i, n)

    def _on_log(self, x, loss):
        self.step_log.append((x, loss))
        if self._pbar is not None:
            self._pbar.set_postfix(loss=f"{loss:.3f}")
        if self._board is not None:
            self._board.draw(x, loss, "train_loss")

    def _on_epoch(self, record):
        if self._pbar is not None:
            shown = {"loss": record.get("train_loss"), "val_acc": record["val_acc"],
                     "img_s": record["images_per_s"]}
            self._pbar.set_postfix({k: f"{v:.3g}" for k, v in shown.items() if v is not None})
            self._pbar.close()
            self._pbar = None
        if not record["complete"]:
            return
        if self._board is not None:
            for key in ("val_loss", "val_acc"):
                if record[key] is not None:
                    self._board.draw(record["epoch"], record[key], key)
        for callback in self.callbacks:
            callback(self, record)

    def _close_views(self):
        for view in (self._pbar, self._board):
            if view is not None:
                view.close()
        self._pbar = self._board = None

    def _say_interrupted(self):
        self.interrupted = True
        print(config.say("msg_interrupted", epochs=self.complete_epochs), file=sys.stderr)

    def _say_stopped(self):
        if self.stop_requested and self.verbose and self.rank == 0:
            config.tell("msg_stopped", epochs=self.complete_epochs)

    def _release_memory(self):
        if self.optim is not None:
            self.optim.zero_grad(set_to_none=True)
        if self.device.type == "cuda":
            torch.cuda.empty_cache()

    def _out_of_memory_advice(self, data):
        bs = getattr(data, "batch_size", None)
        n = getattr(data, "num_train", None)
        if bs is None:
            change = "a smaller batch size"
        elif n is not None and bs >= n:
            change = (f"batch_size=128 (now {bs}, more than the {n} training images, so "
                      "every batch was the whole set)")
        else:
            change = f"batch_size={max(1, bs // 2)} (now {bs})"
        return (f"{describe_device(self.device)} ran out of memory. Try {change}, a smaller "
                "resize, or speed='auto' where bf16 pays. The model and trainer.history "
                f"({self.complete_epochs} complete epoch(s)) are kept.")

    # -------------------------------------------------------------- data-parallel
    def _fit_processes(self, model, data):
        """Train in ``world_size`` new processes (see the class's docstring). This process
        prepares the run as one process would (the first weights, the optimizer, a new
        schedule), sends each rank a copy, shows and records what rank 0 reports, and takes
        the model and the optimizer back from rank 0 when the ranks end."""
        _check_importable(model)
        self._start(0, self.world_size)
        try:
            with torch.random.fork_rng(devices=self._rng_devices()):
                self._prepare(model, data)
            start = distributed.to_bytes({
                "model": model, "epoch": self.epoch, "max_epochs": self.max_epochs,
                "history": self.history, "optimizer": self.optim.state_dict(),
                "scheduler": self.scheduler.state_dict() if self.scheduler else None})
            ranks = {k: v for k, v in self.hparams.items()
                     if k not in {"num_gpus", "device", "processes"}}
            ranks.update(board=False, progress=False, verbose=False)
            self._channel = distributed.Channel(self.world_size)
            if self.stop_requested:  # asked while this process prepared
                self._channel.request_stop()
            distributed.launch(_train_rank, (start, data, ranks), self.world_size,
                               self.device.type, channel=self._channel,
                               on_message=self._receive)
        except KeyboardInterrupt:
            self._say_interrupted()
            raise
        finally:
            self._channel = None
            self._close_views()
        self._say_stopped()

    def _receive(self, kind, *payload):
        """A report of rank 0 of a spawned run, shown and recorded as on one process."""
        if kind == "finished":
            self._take_back(*payload)
            return
        if kind == "epoch":
            self._add_record(*payload)
        getattr(self, f"_on_{kind}")(*payload)

    def _take_back(self, state):
        """Rank 0's model, optimizer and schedule at the end of its run, into this
        process's (the bytes come from the rank this process started)."""
        state = distributed.from_bytes(state, "cpu", trusted=True)
        self.model.load_state_dict(state["model"])
        if state["optimizer"] is not None:
            self.optim.load_state_dict(state["optimizer"])
        if self.scheduler is not None and state["scheduler"] is not None:
            self.scheduler.load_state_dict(state["scheduler"])

    # ------------------------------------------------------------- checkpoints
    def _state(self, model):
        """What a checkpoint holds, and what rank 0 hands back at the end of its run."""
        return {
            "model": model.state_dict(),
            "model_class": type(model).__name__,
            "optimizer": self.optim.state_dict() if self.optim is not None else None,
            "scheduler": self.scheduler.state_dict() if self.scheduler is not None else None,
            "epoch": self.epoch,
            "seed": self.seed,
            "history": [dict(r) for r in self.history],
            "hparams": {k: v for k, v in getattr(model, "hparams", {}).items()
                        if isinstance(v, (int, float, str, bool, type(None)))},
        }

    def save_checkpoint(self, path, model=None):
        """Write model, optimizer, epoch and history atomically (temp file + rename)."""
        state = self._state(model if model is not None else self.model)
        config.atomic_write(path, write=lambda fh: torch.save(state, fh))
        return os.fspath(path)

    def load_checkpoint(self, path, model):
        """Restore a checkpoint into ``model`` and this trainer; ``fit`` then resumes.

        Loaded with ``weights_only=True``: tensors and plain values only, never arbitrary
        pickled objects. A checkpoint of another network is refused before ``model`` is
        touched, with a message naming both.
        """
        state = torch.load(os.fspath(path), map_location="cpu", weights_only=True)
        try:
            copy.deepcopy(model).load_state_dict(state["model"])  # a trial on a copy
        except RuntimeError as err:
            saved = state.get("model_class", "another network")
            hparams = state.get("hparams") or {}
            args = ", ".join(f"{k}={v!r}" for k, v in hparams.items())
            detail = str(err).strip().splitlines()
            raise ValueError(
                f"{os.fspath(path)} holds the weights of {saved}({args}), which do not fit "
                f"this {type(model).__name__} ({detail[1].strip() if len(detail) > 1 else err})"
                f". Load it into the network it was saved from, e.g. {saved}({args}). The "
                "model was left as it was.") from None
        model.load_state_dict(state["model"])
        self.model, self.step_log = model, []
        self.epoch = int(state["epoch"])
        self.seed = state.get("seed", self.seed)
        self.history = list(state["history"])
        self.optim = self.scheduler = None
        self._pending_optim_state = state["optimizer"]
        self._pending_scheduler_state = state.get("scheduler")
        return state


class _Steps(nn.Module):
    """The model's training step as a module's forward, so that DistributedDataParallel
    (which synchronises gradients around a forward call) wraps the step itself."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, batch):
        return self.model.training_step(batch)


def _as_dict(out):
    """A step's result as a dict: a lone tensor is the loss; None records nothing."""
    if out is None:
        return {}
    return out if isinstance(out, dict) else {"loss": out}


def _accumulate(sums, out, n):
    """Add each batch mean in ``out`` times the batch size ``n`` to ``sums``; returns n."""
    for key, value in out.items():
        value = torch.as_tensor(value).detach().float()
        sums[key] = sums[key] + value * n if key in sums else value * n
    return n


def _check_importable(model):
    """Refuse, before any process starts, a model the ranks could not unpickle: a class
    defined in a notebook lives in a ``__main__`` that no other process can import."""
    cls = type(model)
    if cls.__module__ == "__main__" and not hasattr(sys.modules["__main__"], "__file__"):
        raise ValueError(
            f"{cls.__name__} is defined in this notebook, and data-parallel training builds "
            "the model again in new processes, which cannot import it from here. Define it "
            "in a module (a .py file next to the notebook) and import it, or train in one "
            "process.")


def _train_rank(rank, world, device, channel, start, data, trainer_kwargs):
    """One rank of a spawned run (see ``Trainer._fit_processes``): its own model and
    optimizer state from ``start`` (bytes, so that no rank shares storage with another),
    the run's data (shared, read only), rank 0 reporting through ``channel``."""
    state = distributed.from_bytes(start, "cpu", trusted=True)
    trainer = Trainer(**trainer_kwargs, device=device)
    trainer._relay = channel
    trainer.model, trainer.history = state["model"], state["history"]
    trainer.epoch, trainer.max_epochs = state["epoch"], state["max_epochs"]
    trainer._pending_optim_state = state["optimizer"]
    trainer._pending_scheduler_state = state["scheduler"]
    try:
        trainer._fit(trainer.model, data, rank, world)
    finally:
        if rank == 0:
            channel.post("finished", distributed.to_bytes(trainer._state(trainer.model)))


@contextlib.contextmanager
def _fitting(trainer, model):
    """Mark ``trainer`` and ``model`` as being trained for the ``with`` block; refuse
    either if another ``fit`` holds it (two threads stepping one model's weights corrupt
    them, or fail deep in autograd)."""
    with _FITTING_LOCK:
        if model in _FITTING:
            raise ModelInUse(
                f"This {type(model).__name__} is being trained by another fit right now "
                "(another thread, or a panel run). Wait for it to finish or stop it "
                "(trainer.stop(), or the panel's Stop button), or train a new model.")
        if trainer in _FITTING:
            raise ModelInUse(
                "This Trainer is running another fit right now (another thread). Wait "
                "for it to finish or call its stop(), or make a second Trainer.")
        _FITTING.update((trainer, model))
    try:
        yield
    finally:
        with _FITTING_LOCK:
            _FITTING.difference_update((trainer, model))


def history_table(history):
    """The history as a pandas DataFrame, one row per epoch."""
    import pandas as pd
    return pd.DataFrame.from_records(history).set_index("epoch") if history else pd.DataFrame()


__all__ = ["DeviceOutOfMemory", "Trainer", "TrainingDiverged", "history_table"]
