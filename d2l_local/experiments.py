"""Run several training experiments and compare them: the exercises' driver and tables."""

from __future__ import annotations

import sys
import time

from .training import Trainer


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
        start = time.perf_counter()
        try:
            trainer.fit(model, data)
        except KeyboardInterrupt:
            rows.append(_row(name, model, trainer, start, cut=True))
            histories[name] = trainer.history
            print(f"Interrupted during {name!r}; what was measured so far (the cut run "
                  "counts only its complete epochs):", file=sys.stderr)
            so_far = table()
            print(so_far.to_string(), file=sys.stderr)
            raise ExperimentsInterrupted(so_far, histories) from None
        rows.append(_row(name, model, trainer, start, cut=False))
        histories[name] = trainer.history
    return table(), histories


COLUMNS = ["experiment", "parameters", "epochs", "train_acc", "val_acc", "images/s",
           "peak MiB", "seconds", "cut"]


def _row(name, model, trainer, start, cut):
    """One experiment's row; a run cut before its first complete epoch has no numbers."""
    history = [r for r in trainer.history if r.get("complete", True)]
    last = history[-1] if history else {}
    nan = float("nan")
    return {
        "experiment": name,
        "parameters": sum(p.numel() for p in model.parameters()),
        "epochs": len(history),
        "train_acc": last.get("train_acc", nan), "val_acc": last.get("val_acc", nan),
        "images/s": (sum(r["images_per_s"] for r in history) / len(history)
                     if history else nan),
        "peak MiB": last.get("peak_mem_mb", nan),
        "seconds": time.perf_counter() - start,
        "cut": cut,
    }


def late_accuracy(histories, last=5):
    """Training and test accuracy averaged over the last ``last`` epochs, and their gap.

    One epoch's numbers jump by a few points; averaging a handful of the final epochs
    shows whether a network has really begun to fit its training set better than new data.
    """
    import pandas as pd
    rows = {}
    for name, history in histories.items():
        tail = history[-last:]
        train = sum(r["train_acc"] for r in tail) / len(tail)
        test = sum(r["val_acc"] for r in tail) / len(tail)
        rows[name] = {"train_acc": train, "val_acc": test, "gap": train - test}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("experiment")
