"""The Trainer: d2l's ``Trainer(max_epochs, num_gpus).fit(model, data)``, measured and fast.

What it adds to d2l's loop, each for a reason:
- metrics accumulate on the device and are read once per logging interval, so the GPU
  never waits for the host to plot;
- every epoch's randomness (shuffle order, dropout) is derived from ``(seed, epoch)``,
  so a run resumed from a checkpoint matches an uninterrupted one bit for bit on the CPU;
- ``trainer.history`` records per epoch: losses, accuracies, images/s, seconds, memory;
- an interrupt or ``stop()`` keeps the history and the model; a non-finite loss or an
  out-of-memory error ends with a message that says what to change.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from itertools import islice

import torch

from . import config
from .core import HyperParameters
from .hardware import describe_device, peak_memory_mb, reset_peak_memory, select_device, synchronize
from .plotting import ProgressBoard
from .validation import check_choice, check_epochs, check_input_fits

OutOfMemoryError = getattr(torch, "OutOfMemoryError", torch.cuda.OutOfMemoryError)


class TrainingDiverged(FloatingPointError):
    """The loss became NaN or infinite; the message suggests a smaller learning rate."""


class DeviceOutOfMemory(RuntimeError):
    """The device ran out of memory; the message suggests a batch size that fits."""


class Trainer(HyperParameters):
    """Train a d2l ``Module`` on a ``DataModule``.

    ``num_gpus=0`` trains on the CPU (as in d2l); ``num_gpus>=1`` takes the best
    accelerator there is (CUDA, then Apple MPS), falling back to the CPU with a note.
    ``num_gpus>1`` runs data-parallel with DistributedDataParallel (see ``distributed``).
    ``precision='bf16'``, ``channels_last`` and ``compile`` are the speed options the
    benchmark uses; the chapter's reading path leaves them off.
    """

    def __init__(self, max_epochs, num_gpus=0, gradient_clip_val=0, *, device=None,
                 precision="fp32", channels_last=False, compile=False, fused=False,
                 progress=None, board=True, seed=0, log_every=50, verbose=True,
                 max_train_batches=None, max_val_batches=None):
        check_epochs(max_epochs)
        check_choice("precision", precision, ("fp32", "bf16"))
        if isinstance(num_gpus, bool) or not isinstance(num_gpus, int) or num_gpus < 0:
            raise ValueError(f"num_gpus={num_gpus!r} is not allowed: num_gpus must be a "
                             "whole number >= 0.")
        if progress is None:
            progress = os.environ.get("D2L_NO_PROGRESS", "") not in {"1", "true"}
        self.save_hyperparameters()
        if config.quick_mode():
            config.announce_quick_mode()
            self.max_epochs = min(max_epochs, config.QUICK_MAX_EPOCHS)
        self.device, self.world_size = select_device(num_gpus, device, verbose=verbose)
        self.history: list[dict] = []
        self.step_log: list[tuple[float, float]] = []  # (epoch + fraction, mean loss)
        self.epoch = 0
        self.interrupted = False
        self.stop_requested = False
        self.optim = self.scheduler = None
        self._pending_optim_state = None
        self.callbacks = []  # called as f(trainer, record) after each epoch
        self.batch_callbacks = []  # called as f(trainer, epoch, batch, n_batches); no sync

    # ----------------------------------------------------------------- public API
    def stop(self):
        """Ask a running ``fit`` to end after the current batch, keeping what it measured."""
        self.stop_requested = True

    def fit(self, model, data):
        """Train ``model`` on ``data`` for ``max_epochs``; the record is ``self.history``.

        Returns None, as d2l's does, so that a notebook cell ending in ``fit`` shows the
        board rather than a list of numbers.
        """
        if self.world_size > 1:
            from .distributed import fit_data_parallel
            fit_data_parallel(self, model, data)
        else:
            self._fit_local(model, data)

    # ------------------------------------------------------------- the main loop
    def _fit_local(self, model, data, rank=0, world_size=1):
        self.model, self.data = model, data
        self.stop_requested = self.interrupted = False
        # An epoch cut short by stop() is run again in full when fit is called again.
        self.history = [r for r in self.history if r.get("complete", True)]
        self.rank, self.world = rank, world_size
        if self.verbose and rank == 0:
            print(f"Training on {describe_device(self.device)}.")
        self._prepare(model, data)
        board = ProgressBoard(xlabel="epoch") if (self.board and rank == 0) else None
        try:
            while self.epoch < self.max_epochs and not self.stop_requested:
                record = self._run_epoch(self.epoch, board)
                self.history.append(record)
                if not record["complete"]:  # stopped mid-epoch
                    break
                self.epoch += 1
                for callback in self.callbacks:
                    callback(self, record)
        except KeyboardInterrupt:
            self.interrupted = True
            print(f"Interrupted after {len(self.history)} complete epoch(s); "
                  "trainer.history and the model are kept.", file=sys.stderr)
        except OutOfMemoryError as err:
            self._release_memory()
            bs = getattr(data, "batch_size", None)
            smaller = f"batch_size={max(1, bs // 2)} (now {bs})" if bs else "a smaller batch"
            raise DeviceOutOfMemory(
                f"{describe_device(self.device)} ran out of memory. Try {smaller}, a smaller "
                "resize, or precision='bf16'. The model and trainer.history are kept."
            ) from err
        finally:
            if board is not None:
                board.close()
        if self.stop_requested and self.verbose and rank == 0:
            done = sum(1 for r in self.history if r.get("complete", True))
            print(f"Stopped after {done} complete epoch(s).")
        return self.history

    def _prepare(self, model, data):
        torch.manual_seed(self.seed)
        data.to(self.device)
        if hasattr(data, "channels_last"):
            data.channels_last = self.channels_last
        self.train_loader = data.train_dataloader()
        self.val_loader = data.val_dataloader()
        if config.quick_mode():  # a few hundred images per epoch, whatever the batch size
            bs = getattr(data, "batch_size", 128)
            self.max_train_batches = min(self.hparams["max_train_batches"] or 10**9,
                                         config.quick_batches(bs, config.QUICK_TRAIN_IMAGES))
            self.max_val_batches = min(self.hparams["max_val_batches"] or 10**9,
                                       config.quick_batches(bs, config.QUICK_VAL_IMAGES))
        for loader, cap in ((self.train_loader, self.max_train_batches),
                            (self.val_loader, self.max_val_batches)):
            if cap is not None and hasattr(loader, "max_batches"):
                loader.max_batches = cap if loader.max_batches is None \
                    else min(cap, loader.max_batches)
        if self.world > 1 and hasattr(self.train_loader, "shard"):
            self.train_loader.shard(self.rank, self.world)
        model.to(self.device)
        # One forward pass on two examples gives every lazy layer its shape (and its init)
        # before the optimizer sees it, and turns a too-small input into a clear error.
        self._probe(model, next(iter(self.val_loader))[0][:2])
        if self.channels_last:
            model.to(memory_format=torch.channels_last)
        self.step_model = self._wrap(model)
        if self.optim is None:
            try:
                optim = model.configure_optimizers(fused=self.fused)
            except TypeError:
                optim = model.configure_optimizers()
            # A model may return (optimizer, scheduler); the scheduler steps every batch.
            self.optim, self.scheduler = optim if isinstance(optim, tuple) else (optim, None)
            if self._pending_optim_state is not None:
                self.optim.load_state_dict(self._pending_optim_state)
                self._pending_optim_state = None

    def _probe(self, model, X):
        was_training = model.training
        model.eval()
        try:
            with torch.no_grad():
                model(X.to(self.device))
            return
        except RuntimeError as err:
            failure = err
        finally:
            model.train(was_training)
        size = tuple(X.shape[-2:])
        check_input_fits(model, size, in_channels=X.shape[1])  # says the smallest size
        raise ValueError(f"{type(model).__name__} cannot take inputs of size {size}: it was "
                         "built for another input size. Make a new model for this resize."
                         ) from failure

    def _wrap(self, model):
        if self.world > 1:
            from torch.nn.parallel import DistributedDataParallel
            ids = [self.device.index] if self.device.type == "cuda" else None
            model = DistributedDataParallel(model, device_ids=ids)
        if self.compile:
            model = torch.compile(model)
        return model

    def _autocast(self):
        return torch.autocast(self.device.type, dtype=torch.bfloat16,
                              enabled=self.precision == "bf16")

    def _loader_batches(self, loader, cap):
        return islice(loader, cap) if cap is not None and not hasattr(loader, "max_batches") \
            else loader

    def _to_device(self, X, y):
        if X.device != self.device:
            X = X.to(self.device, non_blocking=True)
            y = y.to(self.device, non_blocking=True)
        return X, y

    def _run_epoch(self, epoch, board):
        model, loader = self.model, self.train_loader
        # All randomness of this epoch depends on (seed, epoch) alone: resumable exactly.
        torch.manual_seed(self.seed * 1000 + epoch)
        if hasattr(loader, "set_epoch"):
            loader.set_epoch(epoch)
        n_batches = len(loader)
        if self.max_train_batches is not None:
            n_batches = min(n_batches, self.max_train_batches)
        pbar = self._progress_bar(epoch, n_batches)
        reset_peak_memory(self.device)
        model.train()
        loss_sum = torch.zeros((), device=self.device)
        correct = torch.zeros((), device=self.device, dtype=torch.long)
        bad = torch.zeros((), device=self.device, dtype=torch.bool)
        seen = batches_done = 0
        synchronize(self.device)
        start = time.perf_counter()
        for i, (X, y) in enumerate(self._loader_batches(loader, self.max_train_batches)):
            if self.stop_requested:
                break
            X, y = self._to_device(X, y)
            with self._autocast():
                y_hat = self.step_model(X)
                loss = model.loss(y_hat, y)
            self.optim.zero_grad(set_to_none=True)
            loss.backward()
            if self.gradient_clip_val > 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), self.gradient_clip_val)
            self.optim.step()
            if self.scheduler is not None:
                self.scheduler.step()
            with torch.no_grad():
                d = loss.detach().float()
                bad |= ~torch.isfinite(d)
                loss_sum += d * len(y)
                correct += (y_hat.argmax(dim=1) == y).sum()
            seen += len(y)
            batches_done = i + 1
            if pbar is not None:
                pbar.update(1)
            for callback in self.batch_callbacks:
                callback(self, epoch, i, n_batches)
            if (i + 1) % self.log_every == 0 or i + 1 == n_batches:
                self._check_finite(bad, loss_sum, seen, epoch, i)  # one host sync
                avg = loss_sum.item() / seen
                self.step_log.append((epoch + (i + 1) / n_batches, avg))
                if pbar is not None:
                    pbar.set_postfix(loss=f"{avg:.3f}")
                if board is not None:
                    board.draw(epoch + (i + 1) / n_batches, avg, "train_loss")
        self._check_finite(bad, loss_sum, seen, epoch, batches_done - 1)
        synchronize(self.device)
        train_s = time.perf_counter() - start
        train_loss, train_acc = self._reduce(loss_sum, correct, seen)
        complete = batches_done == n_batches
        if complete:
            val_start = time.perf_counter()
            val_loss, val_acc = self.evaluate()
            val_s = time.perf_counter() - val_start
        else:  # stopped mid-epoch: keep what was measured, skip the evaluation
            val_loss = val_acc = None
            val_s = 0.0
        record = {
            "epoch": epoch + 1,
            "train_loss": train_loss, "train_acc": train_acc,
            "val_loss": val_loss, "val_acc": val_acc,
            "images_per_s": seen * self.world / max(train_s, 1e-9),
            "train_s": train_s, "val_s": val_s, "epoch_s": train_s + val_s,
            "peak_mem_mb": peak_memory_mb(self.device),
            "train_images": seen * self.world,
            "complete": complete,
        }
        if pbar is not None:
            pbar.set_postfix(loss=f"{train_loss:.3f}", val_acc=f"{val_acc:.3f}",
                             img_s=f"{record['images_per_s']:.0f}")
            pbar.close()
        if board is not None and complete:
            board.draw(epoch + 1, val_loss, "val_loss")
            board.draw(epoch + 1, val_acc, "val_acc")
        return record

    def _reduce(self, loss_sum, correct, count):
        if self.world > 1:
            import torch.distributed as dist
            t = torch.stack([loss_sum.double(), correct.double(),
                             torch.tensor(float(count), device=self.device).double()])
            dist.all_reduce(t)
            loss_sum, correct, count = t[0], t[1], t[2].item()
        return loss_sum.item() / max(count, 1), correct.item() / max(count, 1)

    def _check_finite(self, bad, loss_sum, seen, epoch, batch):
        if bool(bad):
            raise TrainingDiverged(
                f"The loss became NaN or infinite in epoch {epoch + 1}, by batch {batch + 1} "
                f"(lr={getattr(self.model, 'lr', '?')}). Try a smaller learning rate, e.g. "
                f"{getattr(self.model, 'lr', 0.1) / 10:g}. trainer.history keeps the "
                f"{len(self.history)} complete epoch(s) before it and trainer.step_log the "
                "last finite losses.")

    @torch.no_grad()
    def evaluate(self, loader=None):
        """Mean loss and accuracy of the model on ``loader`` (the validation set)."""
        loader = self.val_loader if loader is None else loader
        model = self.model
        was_training = model.training
        model.eval()
        loss_sum = torch.zeros((), device=self.device, dtype=torch.float64)
        correct = torch.zeros((), device=self.device, dtype=torch.long)
        count = 0
        for X, y in self._loader_batches(loader, self.max_val_batches):
            X, y = self._to_device(X, y)
            with self._autocast():
                y_hat = self.step_model(X)
            loss_sum += model.loss(y_hat.float(), y, averaged=False).sum().double()
            correct += (y_hat.argmax(dim=1) == y).sum()
            count += len(y)
        model.train(was_training)
        return loss_sum.item() / max(count, 1), correct.item() / max(count, 1)

    @torch.no_grad()
    def predict(self, loader=None):
        """Predicted labels, true labels and images' indices order for ``loader``."""
        loader = self.val_loader if loader is None else loader
        self.model.eval()
        preds, labels = [], []
        for X, y in self._loader_batches(loader, self.max_val_batches):
            X, y = self._to_device(X, y)
            with self._autocast():
                preds.append(self.step_model(X).argmax(dim=1))
            labels.append(y)
        return torch.cat(preds).cpu(), torch.cat(labels).cpu()

    def _progress_bar(self, epoch, total):
        if not self.progress or getattr(self, "rank", 0) != 0:
            return None
        from tqdm.auto import tqdm
        return tqdm(total=total, desc=f"epoch {epoch + 1}/{self.max_epochs}", leave=False)

    def _release_memory(self):
        if self.optim is not None:
            self.optim.zero_grad(set_to_none=True)
        if self.device.type == "cuda":
            torch.cuda.empty_cache()

    # ------------------------------------------------------------- checkpoints
    def save_checkpoint(self, path, model=None):
        """Write model, optimizer, epoch and history atomically (temp file + rename)."""
        model = model if model is not None else self.model
        state = {
            "model": model.state_dict(),
            "optimizer": self.optim.state_dict() if self.optim is not None else None,
            "epoch": self.epoch,
            "seed": self.seed,
            "history": [dict(r) for r in self.history],
            "hparams": {k: v for k, v in getattr(model, "hparams", {}).items()
                        if isinstance(v, (int, float, str, bool, type(None)))},
        }
        path = os.fspath(path)
        folder = os.path.dirname(os.path.abspath(path))
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".ckpt-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                torch.save(state, fh)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.remove(tmp)
            raise
        return path

    def load_checkpoint(self, path, model):
        """Restore a checkpoint into ``model`` and this trainer; ``fit`` then resumes.

        Loaded with ``weights_only=True``: tensors and plain values only, never
        arbitrary pickled objects.
        """
        state = torch.load(os.fspath(path), map_location="cpu", weights_only=True)
        model.load_state_dict(state["model"])
        self.model = model
        self.epoch = int(state["epoch"])
        self.seed = state.get("seed", self.seed)
        self.history = list(state["history"])
        self.optim = None
        self._pending_optim_state = state["optimizer"]
        return state


def history_table(history):
    """The history as a pandas DataFrame, one row per epoch."""
    import pandas as pd
    return pd.DataFrame.from_records(history).set_index("epoch") if history else pd.DataFrame()
