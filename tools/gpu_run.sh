#!/usr/bin/env bash
# The whole GPU run, in one call of the device tool (see results/README.md):
#   1. install the carried wheels (the machine reaches no registry),
#   2. measure the hardware (results/hardware-<gpu>.json),
#   3. run the benchmark, 10 epochs per configuration of d2l_local, upstream for
#      --reference-epochs (results/bench-<gpu>.json), exporting the full-size training
#      run the book shows (results/alexnet-<gpu>.json),
#   4. execute every notebook at full size and time it, page and code cell
#      (results/timings-gpu-<gpu>.json: the teacher's page plans lessons from it).
# Prepare here first with tools/prepare_gpu_run.sh (wheels in .whl/, the data in
# data/FashionMNIST/raw/); carry .whl and data.
set -uo pipefail
export PYTHONUNBUFFERED=1 D2L_OFFLINE=1 MPLBACKEND=Agg D2L_NO_PROGRESS=1
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm,clocks.max.sm --format=csv
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
  --target /tmp/site .whl/*.whl || exit 1
export PYTHONPATH=/tmp/site:$PWD
python3 -c "import torch, d2l.torch, d2l_local; print('torch', torch.__version__, torch.cuda.get_device_name())" || exit 1
mkdir -p "$OUT"
slug=$(python3 -c "from d2l_local.hardware import device_slug; print(device_slug('cuda'))")
save() { cp results/*.json "$OUT/" 2>/dev/null; }  # after every step: a cut run keeps it
python3 -c "from d2l_local.hardware import main; main()" 2>&1 | tee "$OUT/hardware.log"; save
python3 -m benchmarks.bench --export "$@" 2>&1 | tee "$OUT/bench.log"; save
# most important first; the exercises (the longest: several full trainings) last
order="training visualize firstlayer model data hardware features alexnet exercises teaching"
D2L_SAVE_RESULTS=1 python3 tools/run_notebooks.py $(for n in $order; do echo notebooks/$n.md; done) \
  --out "results/timings-gpu-$slug.json" --copy-to "$OUT" 2>&1 | tee "$OUT/notebooks.log"
save
ls -la "$OUT"
