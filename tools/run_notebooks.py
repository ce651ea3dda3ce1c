"""Execute the chapter's pages one by one and record how long each took.

    python tools/run_notebooks.py notebooks/*.md --out results/notebooks-<device>.json

Pages are read through jupytext (.md) or as notebooks (.ipynb).

Used for the closing notes (quick mode on a CPU) and on a GPU machine (full size, see
tools/gpu_run.sh). Executed copies go to --executed-dir when given; a failing cell
fails the run (exit status 1) after all notebooks have been tried.
"""

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

from d2l_local.config import quick_mode


def write_report(rows, args):
    report = {"quick_mode": quick_mode(), "notebooks": rows,
              "total_seconds": round(sum(r["seconds"] for r in rows), 1)}
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(report, indent=1))
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
    rows, failed = [], False
    for path in map(Path, args.notebooks):
        nb = jupytext.read(path) if path.suffix == ".md" else nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=args.timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        start = time.perf_counter()
        status = "ok"
        try:
            client.execute()
        except Exception as err:  # a cell failed: record it and go on with the others
            status = f"failed: {type(err).__name__}: {str(err).splitlines()[-1][:300]}"
            failed = True
        seconds = time.perf_counter() - start
        rows.append({"notebook": path.stem, "seconds": round(seconds, 1), "status": status})
        print(f"{path.stem:<12} {seconds:8.1f} s  {status}", flush=True)
        if args.executed_dir:
            Path(args.executed_dir).mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, Path(args.executed_dir) / (path.stem + ".ipynb"))
        report = write_report(rows, args)  # after every notebook: a cut run keeps it
    print(f"{'total':<12} {report['total_seconds']:8.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
