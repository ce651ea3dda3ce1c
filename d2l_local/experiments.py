"""Run several training experiments and compare them: the exercises' driver and tables."""

from __future__ import annotations

import time

from .training import Trainer


def run_experiments(experiments, max_epochs, num_gpus=1, **trainer_kw):
    """Train each ``name: (make_model, make_data)`` and tabulate what it cost and achieved.

    ``max_epochs`` is one number for all, or ``{name: epochs}`` for each experiment.
    Returns (table, histories): one row per experiment with parameters, epochs, final
    accuracies, images/s, peak memory and seconds, and each run's per-epoch history.
    """
    import pandas as pd

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
        trainer.fit(model, data)
        history = trainer.history
        last = history[-1]
        rows.append({
            "experiment": name,
            "parameters": sum(p.numel() for p in model.parameters()),
            "epochs": len(history),
            "train_acc": last["train_acc"], "val_acc": last["val_acc"],
            "images/s": sum(r["images_per_s"] for r in history) / len(history),
            "peak MiB": last["peak_mem_mb"],
            "seconds": time.perf_counter() - start,
        })
        histories[name] = history
    return pd.DataFrame(rows).set_index("experiment"), histories


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
