#!/usr/bin/env bash
# Prepare, on this machine, what tools/gpu_run.sh needs on a lent GPU machine (which
# reaches no package registry): Python 3.12 wheels in .whl/ (upstream d2l and the
# IPython/nbclient/jupytext stack its image lacks) and the data in data/FashionMNIST/raw/.
# Then, in one device call:
#   bash tools/gpu_run.sh --reference-epochs 1 --seeds 0     carry: [".whl", "data"]
set -euo pipefail
cd "$(dirname "$0")/.."
grep -qx '/.whl/' .git/info/exclude 2>/dev/null || echo '/.whl/' >> .git/info/exclude
mkdir -p .whl
platforms=(--platform manylinux_2_28_x86_64 --platform manylinux_2_27_x86_64
           --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64
           --platform manylinux1_x86_64 --platform any)
python3 -m pip download -q --only-binary=:all: --python-version 3.12 --implementation cp \
  "${platforms[@]}" -d .whl ipython matplotlib-inline nbclient nbformat ipykernel \
  jupyter_client ipywidgets jupytext
python3 -m pip download -q --no-deps --only-binary=:all: -d .whl "d2l==1.0.3"
# The GPU image already has these (a second version would break the install there).
rm -f .whl/attrs-* .whl/packaging-* .whl/psutil-* .whl/pygments-* .whl/python_dateutil-* \
      .whl/typing_extensions-*
mkdir -p data/FashionMNIST/raw
.venv/bin/python - <<'PY'
import shutil
from pathlib import Path
from d2l_local.files import FILES, find_fashion_mnist
src = find_fashion_mnist()
target = Path("data/FashionMNIST/raw")
for spec in FILES.values() if src.resolve() != target.resolve() else []:
    for name in (spec.name + ".gz", spec.name):
        if (src / name).exists():
            shutil.copy(src / name, f"data/FashionMNIST/raw/{name}")
            break
PY
du -sh .whl data
