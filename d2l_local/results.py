"""Measured results of full-size runs, written as JSON under results/ and read by the book.

A full-size run (the benchmark on a GPU, or the training notebook outside quick mode with
``D2L_SAVE_RESULTS=1``) exports what the chapter shows: the per-epoch history, the test
confusion matrix, the first-layer filters and some misclassified test images, together
with the hardware it ran on. The static book shows these even when it was built on a CPU.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import torch

from . import config, scales
from .files import atomic_write
from .hardware import describe_device, device_name, device_slug
from .plotting import confusion_matrix


def export_run(trainer, model, data, path=None, label="reference recipe", extra=None):
    """Write the run's history, confusion matrix, filters and mistakes to ``path``."""
    preds, labels = trainer.predict(data.val_dataloader())
    matrix = confusion_matrix(preds, labels, 10)
    wrong = torch.nonzero(preds != labels).flatten()[:24].tolist()
    first = next(m for m in model.modules() if isinstance(m, torch.nn.Conv2d))
    record = {
        "label": label,
        "device": device_name(trainer.device),
        "device_description": describe_device(trainer.device),
        "torch": torch.__version__,
        "quick_mode": config.quick_mode(),
        "scale": scales.current(),
        "hparams": {k: v for k, v in getattr(model, "hparams", {}).items()
                    if isinstance(v, (int, float, str, bool))},
        "batch_size": data.batch_size, "resize": list(data.resize),
        "num_train": data.num_train, "num_val": data.num_val,
        "history": trainer.history,
        "test_acc": float((preds == labels).float().mean()),
        "confusion": matrix.tolist(),
        "misclassified": [{"index": i, "true": int(labels[i]), "pred": int(preds[i])}
                          for i in wrong],
        "filters": [[round(v, 5) for v in row.flatten().tolist()]
                    for row in first.weight.detach().float().cpu()],
        "filter_shape": list(first.weight.shape),
        "finished": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        **(extra or {}),
    }
    if path is None:
        path = config.results_dir() / f"alexnet-{device_slug(trainer.device)}.json"
    return _write_json(path, record)


def _write_json(path, record):
    text = json.dumps(record, indent=1, ensure_ascii=False) + "\n"
    return atomic_write(path, lambda fh: fh.write(text.encode("utf-8")))


def findings_path(page: str, scale: str) -> Path:
    return config.results_dir() / f"findings-{page}-{scale}.json"


def save_findings(page, scale, findings, seconds, device):
    """Write what a page's experiments found at full size (``{name: {key, values}}``, the
    sentences of :func:`d2l_local.book.result`) with the device, date and page time."""
    record = {"page": page, "scale": scale, "device": describe_device(device),
              "torch": torch.__version__, "seconds": round(seconds, 1),
              "finished": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "findings": findings}
    return _write_json(findings_path(page, scale), record)


def load_findings(page, scale) -> dict:
    """The findings a full-size run of ``page`` recorded at ``scale``, or {} if none."""
    if not page:
        return {}
    path = findings_path(page, scale)
    return json.loads(path.read_text()) if path.is_file() else {}


def load_results(pattern: str):
    """All JSON results matching ``pattern`` under results/, newest first."""
    folder = config.results_dir()
    files = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
    out = []
    for f in files:
        rec = json.loads(f.read_text())
        rec["_file"] = f.name
        out.append(rec)
    return out


def filters_tensor(record):
    """The first-layer filters of an exported run as a tensor (out, in, k, k)."""
    return torch.tensor(record["filters"]).reshape(record["filter_shape"])
