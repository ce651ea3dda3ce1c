#!/usr/bin/env bash
# One call on a lent GPU machine: install the carried wheels, run the benchmark (which
# also exports the full-size training run for the book) and the hardware measurements,
# and copy the results to $OUT. Usage (device tool): bash tools/gpu_run.sh [bench args]
set -uo pipefail
export PYTHONUNBUFFERED=1 D2L_OFFLINE=1 MPLBACKEND=Agg
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm,clocks.max.sm --format=csv
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
  --target /tmp/site .whl/*.whl || exit 1
export PYTHONPATH=/tmp/site:$PWD
python3 -c "import torch, d2l.torch, d2l_local; print('torch', torch.__version__, torch.cuda.get_device_name())" || exit 1
mkdir -p "$OUT"
python3 -c "from d2l_local.hardware import main; main()" 2>&1 | tee "$OUT/hardware.log"
python3 -m d2l_local.bench --export "$@" 2>&1 | tee "$OUT/bench.log"
cp results/*.json "$OUT/" 2>/dev/null
ls -la "$OUT"
