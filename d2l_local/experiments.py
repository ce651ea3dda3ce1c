"""Run training experiments and compare them: one run, measured and recorded, with a Stop
that counts from the moment it is pressed; several runs, tabulated (the exercises' driver).

:func:`run` is the one place where a model is trained and its outcome recorded: the
training panel (:mod:`d2l_local.runs`) and :func:`run_experiments` both use it.
"""

from __future__ import annotations

import sys
import threading
import time

from .hardware import describe_device
from .training import DeviceOutOfMemory, Trainer, TrainingDiverged

# What ends a run early, when its caller records it rather than raising it: a setting the
# trainer refuses, a diverging loss, running out of memory.
ENDINGS = ((TrainingDiverged, "diverged"), (DeviceOutOfMemory, "out of memory"),
           (ValueError, "rejected"))


class Stop:
    """A request to end a run, valid from the moment it is made.

    Set before the trainer trains (while the data load, say), the run ends before its first
    batch; set while it trains, after the current batch, keeping what was measured. A Stop
    button sets it from another thread, a callback from the training thread itself. One
    Stop serves one run.
    """

    def __init__(self):
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._trainer = None

    def set(self):
        with self._lock:
            self._event.set()
            trainer = self._trainer
        if trainer is not None:
            trainer.stop()

    def is_set(self) -> bool:
        return self._event.is_set()

    def watch(self, trainer):
        """Stop ``trainer`` when this is set. ``Trainer.fit`` forgets a ``stop()`` made
        before its loop starts, so the trainer also looks here after every batch: a Stop
        that falls in that instant still ends the run, one batch later."""
        with self._lock:
            self._trainer = trainer
        trainer.batch_callbacks.append(lambda t, *_: self.is_set() and t.stop())


class RunInterrupted(KeyboardInterrupt):
    """An interrupt during :func:`run`, raised again so that the cell stops, carrying the
    run's ``record`` (status 'interrupted', its complete epochs)."""

    def __init__(self, record):
        super().__init__("interrupted: what was measured is in .record")
        self.record = record


def run(model, data, trainer, *, stop=None, record_errors=False) -> dict:
    """Train ``model`` on ``data`` with ``trainer`` and return the run's record.

    The record: ``status`` ('finished', 'stopped', or with ``record_errors`` what ended
    it: 'diverged', 'out of memory', 'rejected'), ``message`` (English, what to change),
    ``device``, ``epochs_completed``, ``history`` (per epoch), the last epoch's
    ``train_loss``/``train_acc``, the last complete epoch's ``val_loss``/``val_acc``,
    ``images_per_s`` (the mean over its epochs), ``peak_mem_mb``, ``seconds`` and
    ``train_images``.

    ``stop`` (a :class:`Stop`) already set: nothing trains. Without ``record_errors`` a
    diverging loss or running out of memory raises, as ``Trainer.fit`` does. An interrupt
    raises :class:`RunInterrupted` with the record.
    """
    stop = stop or Stop()
    stop.watch(trainer)
    start = time.perf_counter()
    status, message = "finished", ""
    try:
        if not stop.is_set():
            trainer.fit(model, data)
        if stop.is_set() or trainer.stop_requested:
            status, message = "stopped", "stopped by the user"
    except KeyboardInterrupt as err:
        raise RunInterrupted(_record(trainer, data, "interrupted", "interrupted",
                                     time.perf_counter() - start)) from err
    except tuple(kind for kind, _ in ENDINGS) as err:
        if not record_errors:
            raise
        status, message = next(name for kind, name in ENDINGS if isinstance(err, kind)), str(err)
    return _record(trainer, data, status, message, time.perf_counter() - start)


def _record(trainer, data, status, message, seconds) -> dict:
    done = [r for r in trainer.history if r.get("complete", True)]
    last = trainer.history[-1] if trainer.history else {}
    rates = [r["images_per_s"] for r in trainer.history]
    return {
        "status": status, "message": message,
        "device": describe_device(trainer.device),
        "epochs_completed": len(done),
        "history": list(trainer.history),
        "train_loss": last.get("train_loss"), "train_acc": last.get("train_acc"),
        "val_loss": done[-1]["val_loss"] if done else None,
        "val_acc": done[-1]["val_acc"] if done else None,
        "images_per_s": sum(rates) / len(rates) if rates else 0.0,
        "peak_mem_mb": last.get("peak_mem_mb"),
        "seconds": seconds,
        "train_images": getattr(data, "num_train", None),
    }


class ExperimentsInterrupted(KeyboardInterrupt):
    """An interrupt during :func:`run_experiments`, raised again so that the cell stops,
    carrying what was measured: ``table`` (the finished rows and the cut one, marked) and
    ``histories``. In Jupyter, ``sys.last_value.table`` after the interrupt."""

    def __init__(self, table, histories):
        super().__init__("interrupted: the finished rows are in .table, the per-epoch "
                         "histories in .histories")
        self.table, self.histories = table, histories


def run_experiments(experiments, max_epochs, num_gpus=1, **trainer_kw):
    """Train each ``name: (make_model, make_data)`` and tabulate what it cost and achieved.

    ``max_epochs`` is one number for all, or ``{name: epochs}`` for each experiment.
    Returns (table, histories): one row per experiment with parameters, epochs, final
    accuracies, images/s, peak memory and seconds, and each run's per-epoch history.

    An interrupt (Ctrl-C, interrupting the kernel) stops the whole comparison: the table
    so far, with the experiment that was running marked ``cut`` (its complete epochs
    only), is printed and raised again with the interrupt (:class:`ExperimentsInterrupted`).
    """
    import pandas as pd

    def table():  # the "cut" column only where a run was cut
        frame = pd.DataFrame(rows, columns=COLUMNS).set_index("experiment")
        return frame if frame["cut"].any() else frame.drop(columns="cut")

    if isinstance(max_epochs, dict):
        missing = sorted(set(experiments) - set(max_epochs))
        if missing:
            raise ValueError(f"max_epochs has no value for {missing}.")
    rows, histories = [], {}
    for name, (make_model, make_data) in experiments.items():
        epochs = max_epochs[name] if isinstance(max_epochs, dict) else max_epochs
        model, data = make_model(), make_data()
        trainer = Trainer(max_epochs=epochs, num_gpus=num_gpus, board=False,
                          progress=False, verbose=False, **trainer_kw)
        try:
            record = run(model, data, trainer)
        except RunInterrupted as err:
            rows.append(_row(name, model, err.record, cut=True))
            histories[name] = err.record["history"]
            print(f"Interrupted during {name!r}; what was measured so far (the cut run "
                  "counts only its complete epochs):", file=sys.stderr)
            so_far = table()
            print(so_far.to_string(), file=sys.stderr)
            raise ExperimentsInterrupted(so_far, histories) from None
        rows.append(_row(name, model, record, cut=False))
        histories[name] = record["history"]
    return table(), histories


COLUMNS = ["experiment", "parameters", "epochs", "train_acc", "val_acc", "images/s",
           "peak MiB", "seconds", "cut"]


def _row(name, model, record, cut):
    """One experiment's row from its run's record; a run cut before its first complete
    epoch has no numbers (an interrupt keeps complete epochs only)."""
    nan = float("nan")

    def number(value):
        return nan if value is None else value
    return {
        "experiment": name,
        "parameters": sum(p.numel() for p in model.parameters()),
        "epochs": record["epochs_completed"],
        "train_acc": number(record["train_acc"]), "val_acc": number(record["val_acc"]),
        "images/s": record["images_per_s"] if record["history"] else nan,
        "peak MiB": number(record["peak_mem_mb"]),
        "seconds": record["seconds"],
        "cut": cut,
    }


def late_accuracy(histories, last=5, digits=3):
    """Training and test accuracy averaged over the last ``last`` epochs, and their gap.

    One epoch's numbers jump by a few points; averaging a handful of the final epochs
    shows whether a network has really begun to fit its training set better than new data.
    The averages are rounded to ``digits`` decimals (None: not rounded), and the gap is the
    difference of the rounded two, so that a table's gap is that of the numbers beside it
    (0.894 and 0.798 showed a gap of 0.095).
    """
    import pandas as pd
    rows = {}
    for name, history in histories.items():
        tail = history[-last:]
        train = sum(r["train_acc"] for r in tail) / len(tail)
        test = sum(r["val_acc"] for r in tail) / len(tail)
        if digits is not None:
            train, test = round(train, digits), round(test, digits)
        gap = train - test if digits is None else round(train - test, digits)
        rows[name] = {"train_acc": train, "val_acc": test, "gap": gap}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("experiment")


def batch_accuracy_key(a32, a128, a512, tol=0.02) -> str:
    """The catalog key that says how the test accuracies after one epoch at batch 32, 128
    and 512 compare (exercise 6), from the values as the table prints them: ``tol`` is how
    far apart two of them must be to count as different."""
    if max(a32, a128, a512) - min(a32, a128, a512) <= tol:
        return "ex6_acc_level"
    if a512 < min(a32, a128) - tol and abs(a128 - a32) <= tol:
        return "ex6_acc_512_behind"  # four times fewer updates cost nothing, sixteen did
    if a32 > a128 + tol and a128 > a512 + tol:
        return "ex6_acc_falls"
    return "ex6_acc_mixed"


def dropout_gap_key(gap_none, gap_drop, tol=0.02, overfit=0.05) -> str:
    """The catalog key that says what dropout did to the gap between training and test
    accuracy (exercise 8), from the gaps as the table prints them: no gap worth the name
    (at most ``overfit``), narrowed by more than ``tol``, narrowed by less, or not
    narrowed at all."""
    if gap_none <= overfit:
        return "ex8_no_gap"
    if gap_drop < gap_none - tol:
        return "ex8_gap"
    return "ex8_gap_kept" if gap_drop < gap_none else "ex8_gap_not_narrower"


def augment_key(plain, augmented, tol=0.005) -> str:
    """The catalog key that says what flips and shifts did to LeNet's test accuracy
    (exercise 7), from the accuracies as the table prints them: lowered or raised by more
    than ``tol``, or left within it."""
    if augmented < plain - tol:
        return "ex7_augment_cost"
    return "ex7_augment_gain" if augmented > plain + tol else "ex7_augment_level"


NOT_MEASURED = "–"  # what a table shows where a run measured nothing (peak memory on a CPU)


# columns shown whole (a rate of thousands of images per second, MiB) or to a hundredth
# (seconds: a quick run's 0.05 s would read as 0.0 s to a tenth)
WHOLE_COLUMNS, HUNDREDTHS_COLUMNS = ("images/s", "peak MiB"), ("seconds",)


def rounded(table, digits=3):
    """``table`` rounded to ``digits`` for reading (rates and MiB whole, seconds to a
    hundredth: their thousandths are noise, and they widen a table past the page), with
    :data:`NOT_MEASURED` where it holds no number (NaN: peak memory, which only CUDA GPUs
    report, or a run cut before its first epoch) instead of pandas' 'NaN'."""
    import pandas as pd
    shown = table.round({c: 0 if c in WHOLE_COLUMNS else 2 if c in HUNDREDTHS_COLUMNS
                         else digits for c in table.columns}).astype(object)
    for column in WHOLE_COLUMNS:
        if column in shown:
            shown[column] = pd.Series([int(v) if v == v else v for v in shown[column]],
                                      index=shown.index, dtype=object)
    return shown.where(table.notna(), NOT_MEASURED)
