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
from .hardware import describe_device, device_name, device_slug
from .metrics import confusion_matrix

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"  # the pages' sources


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
    return config.atomic_write(path, json.dumps(record, indent=1, ensure_ascii=False) + "\n")


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


def code_cells(nb) -> list[dict]:
    """One row per code cell of a notebook (as jupytext reads a page): its number among
    the page's cells (``index``, from 0), among the code cells (``code_cell``, from 1), the
    heading it sits under and its first line: where a timing file's seconds belong."""
    rows, heading, number = [], "", 0
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            titles = [line.lstrip("#").strip() for line in cell.source.splitlines()
                      if line.startswith("#")]
            heading = titles[-1] if titles else heading
            continue
        if cell.cell_type != "code":
            continue
        number += 1
        lines = [line for line in cell.source.splitlines() if line.strip()]
        rows.append({"index": index, "code_cell": number, "heading": heading,
                     "first_line": lines[0][:120] if lines else ""})
    return rows


def reading_order() -> list[str]:
    """The chapter's pages in the order of the book's table of contents."""
    toc = NOTEBOOKS.parent / "_toc.yml"
    try:
        lines = toc.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    return [line.split("notebooks/", 1)[1].strip() for line in lines
            if "file: notebooks/" in line]


def timings_path(scale, device, folder=None) -> Path:
    """The timing file a book build at ``scale`` on ``device`` (its description, as
    :func:`d2l_local.hardware.describe_device` writes it) records its pages' cells in."""
    import re

    slug = re.sub(r"[^a-z0-9]+", "-", device.lower().replace("(r)", "").replace("(tm)", ""))
    return Path(folder or config.results_dir()) / f"timings-{scale}-{slug.strip('-')}.json"


def save_page_timings(page, scale, device, cell_seconds, seconds, folder=None):
    """Record one page's code-cell times, as a book build measured them, in the timing
    file of ``scale`` and ``device`` (:func:`timings_path`), beside the pages recorded
    before it (a page run again replaces its entry). ``cell_seconds``: one value per code
    cell of the page's source, in order; where their number differs from the source's code
    cells (a cell run twice, a page edited since) nothing is written and None returned."""
    import datetime
    import platform

    import jupytext

    cells = code_cells(jupytext.read(NOTEBOOKS / f"{page}.md"))
    if len(cells) != len(cell_seconds):
        return None
    path = timings_path(scale, device, folder)
    report = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    pages = {n["notebook"]: n for n in report.get("notebooks", [])}
    pages[page] = {"notebook": page, "seconds": round(seconds, 1), "status": "ok",
                   "cells": [{**c, "seconds": round(s, 2)}
                             for c, s in zip(cells, cell_seconds)]}
    order = reading_order()
    rows = sorted(pages.values(), key=lambda n: (
        order.index(n["notebook"]) if n["notebook"] in order else len(order), n["notebook"]))
    report = {"quick_mode": scale == "quick", "scale": scale, "device": device,
              "torch": torch.__version__, "python": platform.python_version(),
              "date": datetime.date.today().isoformat(), "recorded_by": "the book build",
              "notebooks": rows, "total_seconds": round(sum(n["seconds"] for n in rows), 1)}
    return config.atomic_write(path, json.dumps(report, indent=1, ensure_ascii=False) + "\n")
