"""Execute the chapter's pages one by one and record how long each page, and each of its
code cells, took.

    python tools/run_notebooks.py notebooks/*.md --out results/timings-<scale>-<device>.json

Pages are read through jupytext (.md) or as notebooks (.ipynb).

The report (JSON) names the scale the pages ran at (``quick``, ``cpu`` or ``gpu``, from
:func:`d2l_local.scales.current`), the device they ran on (:func:`d2l_local.hardware.
describe_device`), the versions and the date, and for each page its seconds, its status
and its code cells: each cell's number among the page's cells (``index``, from 0, as
jupytext reads the page), its number among the code cells (``code_cell``, from 1), its
first line, the heading it sits under and its seconds (from nbclient's record of when the
kernel started and finished the cell). The teacher's page (notebooks/teaching.md) plans
its lessons from these files.

Used for the closing notes (quick mode on a CPU) and on a GPU machine (full size, see
tools/gpu_run.sh). Executed copies go to --executed-dir when given; a failing cell
fails the run (exit status 1) after all notebooks have been tried.
"""

import argparse
import datetime
import json
import shutil
import sys
import time
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

from d2l_local import scales
from d2l_local.config import quick_mode
from d2l_local.results import code_cells

STARTED, ENDED = "iopub.execute_input", "shell.execute_reply"


def _when(stamp):
    return datetime.datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))


def cell_seconds(cell):
    """Seconds the kernel spent on an executed code cell, from the times nbclient records
    in ``cell.metadata.execution`` (None for a cell that did not run)."""
    execution = cell.get("metadata", {}).get("execution", {})
    if STARTED not in execution or ENDED not in execution:
        return None
    return max(0.0, (_when(execution[ENDED]) - _when(execution[STARTED])).total_seconds())


def cell_rows(nb) -> list[dict]:
    """One row per code cell of an executed notebook: where it is
    (:func:`d2l_local.results.code_cells`) and how long it took."""
    rows = []
    for row in code_cells(nb):
        seconds = cell_seconds(nb.cells[row["index"]])
        rows.append({**row, "seconds": None if seconds is None else round(seconds, 2)})
    return rows


def machine() -> dict:
    """The scale and the device this run's pages ran at (the kernels inherit the
    environment, so they see the same)."""
    import platform

    import torch

    from d2l_local.hardware import describe_device, device_slug, try_gpu
    device = try_gpu()
    return {"scale": scales.current(), "device": describe_device(device),
            "device_slug": device_slug(device), "cpu_cores": _cores(),
            "torch": torch.__version__, "python": platform.python_version(),
            "date": datetime.date.today().isoformat()}


def _cores():
    import os
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count()


def write_report(rows, args, about=None):
    report = {"quick_mode": quick_mode(), **(about or {}), "notebooks": rows,
              "total_seconds": round(sum(r["seconds"] for r in rows), 1)}
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    if args.copy_to:
        Path(args.copy_to).mkdir(parents=True, exist_ok=True)
        for f in ([Path(args.out)] if args.out else []) + sorted(Path("results").glob("*.json")):
            shutil.copy(f, args.copy_to)
    return report


def main(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("notebooks", nargs="+")
    p.add_argument("--out", default=None, help="JSON file for the timings")
    p.add_argument("--executed-dir", default=None)
    p.add_argument("--timeout", type=int, default=1800, help="seconds per cell")
    p.add_argument("--copy-to", default=None,
                   help="also copy --out and results/*.json here after each notebook")
    args = p.parse_args(argv)
    about = machine()
    rows, failed = [], False
    for path in map(Path, args.notebooks):
        nb = jupytext.read(path) if path.suffix == ".md" else nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=args.timeout, kernel_name="python3",
                                record_timing=True,
                                resources={"metadata": {"path": str(path.parent)}})
        start = time.perf_counter()
        status = "ok"
        try:
            client.execute()
        except Exception as err:  # a cell failed: record it and go on with the others
            status = f"failed: {type(err).__name__}: {str(err).splitlines()[-1][:300]}"
            failed = True
        seconds = time.perf_counter() - start
        rows.append({"notebook": path.stem, "seconds": round(seconds, 1), "status": status,
                     "cells": cell_rows(nb)})
        print(f"{path.stem:<12} {seconds:8.1f} s  {status}", flush=True)
        if args.executed_dir:
            Path(args.executed_dir).mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, Path(args.executed_dir) / (path.stem + ".ipynb"))
        report = write_report(rows, args, about)  # after every notebook: a cut run keeps it
    print(f"{'total':<12} {report['total_seconds']:8.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
