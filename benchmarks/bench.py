"""Benchmark: the chapter's AlexNet recipe trained by upstream d2l and by d2l_local.

    python -m benchmarks.bench                 # full run: 10 epochs per configuration
    python -m benchmarks.bench --quick         # a few steps per configuration (CPU)

Configurations (the reference recipe: SGD, lr 0.01, batch 128, 224x224, Xavier init):
  ref_ch6      upstream d2l: load_data_fashion_mnist + train_ch6 (PIL resize in workers)
  ref_trainer  upstream d2l 1.0: FashionMNIST + Trainer (its AlexNet's init never applies)
  ours         d2l_local as the chapter reads: device-resident data, no per-step syncs,
               strict fp32 (d2l.Speed(): no TF32, no cuDNN autotuning)
  ours_fast    the chapter's speed="auto" on this device, d2l.Speed.auto(device): bf16
               autocast and channels_last where it computes bf16 in hardware, fused SGD,
               cuDNN autotuning on CUDA; the Speed object is the whole difference
  ours_compile ours_fast plus torch.compile (its first epoch, which compiles, timed apart)
  fast_recipe  a separate track: momentum, one-cycle schedule, label smoothing, flips and
               shifts on the device (not like-for-like; reported apart)

The headline compares upstream with the fastest like-for-like configuration measured on
this machine (which is not the same everywhere: bf16 is slower than fp32 on a CPU without
bf16 matrix units), and shows the reading configuration beside it. Each configuration of
d2l_local also gets a compute-only ceiling: the same Trainer loop on one batch already on
the device, so that no run can honestly beat it; the report warns if one does.

Runs interleave reference and ours (A, B, A, B) over the seeds (three by default; the
table gives each configuration's median). Results go to results/bench-<device>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import torch
import torch.nn.functional as F

from benchmarks import upstream
from d2l_local import config
from d2l_local.core import DataModule
from d2l_local.data import FashionMNIST
from d2l_local.hardware import (
    describe_device,
    device_name,
    device_slug,
    peak_flops,
    reset_peak_memory,
    synchronize,
    try_gpu,
)
from d2l_local.models import AlexNet
from d2l_local.speed import Speed
from d2l_local.training import Trainer

FLOPS_PER_IMAGE = 5.56e9  # forward + backward at 224x224 (FlopCounterMode; see summary.py)
CEILING_MARGIN = 1.10  # a run more than 10% above its own ceiling is reported


def speed_of(config_name, device):
    """The Speed each of our like-for-like configurations trains with: ``ours`` the
    chapter's reading configuration (fp32), ``ours_fast`` what the chapter's
    ``speed="auto"`` chooses on this device (so a CPU without bf16 units is not timed in
    emulated bf16, which no page would run)."""
    if config_name == "ours":
        return Speed()
    fast = Speed.auto(device)
    if config_name == "ours_compile":
        return Speed(**{**fast.as_dict(), "compile": True})
    return fast  # ours_fast and fast_recipe


def _ours(args, seed, device, config_name, recipe=False):
    torch.manual_seed(seed)  # the backends (TF32, cuDNN autotuning) are the Speed's to set
    start = time.perf_counter()
    data = FashionMNIST(batch_size=args.batch_size, resize=(224, 224), seed=seed,
                        augment=recipe)
    if recipe:
        model = FastRecipeAlexNet(lr=args.recipe_lr, epochs=args.epochs,
                                  steps_per_epoch=_steps(data, args))
    else:
        model = AlexNet(lr=args.lr)
    trainer = Trainer(max_epochs=args.epochs, num_gpus=1, device=device, seed=seed,
                      speed=speed_of(config_name, device),
                      limit_train_batches=args.steps, limit_val_batches=args.eval_steps,
                      progress=False, board=False, verbose=False, log_every=10**9)
    trainer.fit(model, data)
    synchronize(device)
    wall = time.perf_counter() - start
    h = trainer.history
    if getattr(args, "export_path", None):
        from d2l_local.results import export_run
        export_run(trainer, model, data, args.export_path,
                   label="reference recipe (d2l_local, reading configuration)",
                   extra={"wall_s": wall, "seed": seed})
    rates = [r["images_per_s"] for r in h]
    steady = statistics.median(rates[1:]) if len(rates) > 2 else rates[-1]
    compile_s = None
    if trainer.speed.compile and len(h) > 1:  # the first epoch pays for compilation
        compile_s = max(0.0, h[0]["train_s"] - statistics.median(r["train_s"] for r in h[1:]))
    elapsed, to_target = wall - sum(r["epoch_s"] for r in h), None
    for r in h:
        elapsed += r["epoch_s"]
        if to_target is None and r["val_acc"] >= upstream.TARGET["acc"]:
            to_target = elapsed
    return dict(wall_s=wall, train_s=sum(r["train_s"] for r in h),
                eval_s=sum(r["val_s"] for r in h), data_wait_s=None,
                images=sum(r["train_images"] for r in h), images_per_s=steady,
                test_acc=h[-1]["val_acc"], train_loss=h[-1]["train_loss"],
                train_acc=h[-1]["train_acc"], time_to_target_s=to_target,
                peak_mem_mb=h[-1]["peak_mem_mb"], compile_s=compile_s,
                steps_per_epoch=trainer.num_train_batches, speed=trainer.speed.as_dict(),
                history=h)


def _steps(data, args):
    n = -(-data.num_train // args.batch_size)
    return n if args.steps is None else min(n, args.steps)


class FastRecipeAlexNet(AlexNet):
    """AlexNet with momentum 0.9, Nesterov, a one-cycle schedule and label smoothing 0.1."""

    def __init__(self, lr=0.05, epochs=10, steps_per_epoch=469, label_smoothing=0.1):
        super().__init__(lr=lr)
        self.epochs, self.steps_per_epoch = epochs, steps_per_epoch
        self.label_smoothing = label_smoothing

    def loss(self, Y_hat, Y, averaged=True):
        smoothing = self.label_smoothing if self.training else 0.0
        return F.cross_entropy(Y_hat.float(), Y, reduction="mean" if averaged else "none",
                               label_smoothing=smoothing)

    def configure_optimizers(self, fused=False):
        extra = {"fused": True} if fused else {}
        opt = torch.optim.SGD(self.parameters(), lr=self.lr, momentum=0.9, nesterov=True,
                              weight_decay=5e-4, **extra)
        sched = torch.optim.lr_scheduler.OneCycleLR(
            opt, max_lr=self.lr, epochs=self.epochs, steps_per_epoch=self.steps_per_epoch,
            pct_start=0.25)
        return opt, sched


# ---------------------------------------------------------------------- ceilings
def _time_batches(it, steps, device, warmup=3):
    """Images/s over ``steps`` batches of the iterator ``it``, after ``warmup`` untimed ones.

    The untimed batches start worker processes and make the first large allocations, so
    that only the steady state is timed.
    """
    for _ in range(warmup):
        next(it)
    synchronize(device)
    t = time.perf_counter()
    n = 0
    for _ in range(steps):
        X, y = next(it)
        X = X.to(device)
        n += len(y)
    synchronize(device)
    return n / (time.perf_counter() - t)


def loader_ceiling(args, device, tmp, steps=20, repeats=3):
    """Images/s of the data paths alone: upstream's PIL loader and the device loader.

    The two are measured in turn (A, B, A, B, ...), ``repeats`` times each, and the median
    is kept: on a shared machine single trials of a memory-bound loop vary by tens of
    per cent (the trials are kept in the results file).
    Upstream's worker processes are shut down before the device loader is timed.
    """
    trials = {"reference_loader_images_per_s": [], "ours_loader_images_per_s": []}
    up_loader = None
    if "ref_ch6" in args.configs or "ref_trainer" in args.configs:
        up_loader = upstream.loader(args.batch_size, tmp)
    data = FashionMNIST(batch_size=args.batch_size, resize=(224, 224)).to(device)
    loader = data.train_dataloader()
    ours_steps = min(steps, len(loader) - 3)  # 3: the untimed batches of _time_batches
    for _ in range(repeats):
        if up_loader is not None:
            it = iter(up_loader)
            trials["reference_loader_images_per_s"].append(_time_batches(it, steps, device))
            del it  # stops the workers
        it = iter(loader)
        trials["ours_loader_images_per_s"].append(_time_batches(it, ours_steps, device))
    out = {k: statistics.median(v) for k, v in trials.items() if v}
    out["trials"] = {k: [round(x) for x in v] for k, v in trials.items() if v}
    return out


class OneBatch(DataModule):
    """The same random batch, already on the device, ``steps`` times per epoch."""

    def __init__(self, batch_size, steps):
        self.batch_size, self.steps = batch_size, steps
        self.X = torch.rand(batch_size, 1, 224, 224)
        self.y = torch.randint(0, 10, (batch_size,))

    def to(self, device):
        self.X, self.y = self.X.to(device), self.y.to(device)
        return self

    def get_dataloader(self, train):
        return [(self.X, self.y)] * (self.steps if train else 1)


def compute_ceiling(args, device, config_name, steps):
    """Images/s of d2l_local's own training loop with no data path: ``steps`` batches of
    one batch already on the device, the second epoch timed (the first warms up)."""
    torch.manual_seed(0)
    trainer = Trainer(max_epochs=2, num_gpus=1, device=device,
                      speed=speed_of(config_name, device), progress=False, board=False,
                      verbose=False, log_every=10**9)
    trainer.fit(AlexNet(lr=args.lr), OneBatch(args.batch_size, steps))
    return trainer.history[-1]["images_per_s"]


# --------------------------------------------------------------------------- driver
RUNNERS = {
    "ref_ch6": upstream.run_ref_ch6,
    "ref_trainer": upstream.run_ref_trainer,
    "ours": lambda a, s, d, t: _ours(a, s, d, "ours"),
    "ours_fast": lambda a, s, d, t: _ours(a, s, d, "ours_fast"),
    "ours_compile": lambda a, s, d, t: _ours(a, s, d, "ours_compile"),
    "fast_recipe": lambda a, s, d, t: _ours(a, s, d, "fast_recipe", recipe=True),
}
REFERENCE = ("ref_ch6", "ref_trainer")
LIKE_FOR_LIKE = ("ours", "ours_fast", "ours_compile")


def interleave(configs, seeds):
    """A, B, A, B: reference and ours alternate so drift hits both alike."""
    refs = [c for c in configs if c in REFERENCE]
    ours = [c for c in configs if c not in REFERENCE]
    order = []
    for seed in seeds:
        for i in range(max(len(refs), len(ours))):
            if i < len(refs):
                order.append((refs[i], seed))
            if i < len(ours):
                order.append((ours[i], seed))
    return order


def environment(device):
    env = {
        "device": device_name(device), "python": platform.python_version(),
        "torch": torch.__version__, "platform": platform.platform(),
        "cpu": platform.processor() or platform.machine(), "cpu_count": os.cpu_count(),
        "auto_speed": Speed.auto(device).as_dict(),
    }
    try:
        import torchvision
        env["torchvision"] = torchvision.__version__
    except ImportError:  # pragma: no cover
        pass
    if device.type == "cuda":
        env["cuda"] = torch.version.cuda
        env["cudnn"] = torch.backends.cudnn.version()
        props = torch.cuda.get_device_properties(device)
        env["gpu_memory_gib"] = round(props.total_memory / 2**30, 1)
        env["multiprocessors"] = props.multi_processor_count
        try:
            import subprocess
            env["driver"] = subprocess.run(
                ["nvidia-smi", "--query-gpu=driver_version", "--format=csv,noheader"],
                capture_output=True, text=True, timeout=20).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            env["driver"] = None
    return env


def summarise(runs, configs, device):
    """Each configuration's medians over its runs; MFU divides its FLOP rate by the
    device's peak rate in the precision it ran in (fp32 runs by the fp32 peak)."""
    def pick(name, key):
        vals = [r[key] for r in runs if r["config"] == name and r.get(key) is not None]
        return statistics.median(vals) if vals else None

    table = {}
    for name in configs:
        row = {k: pick(name, k) for k in ("images_per_s", "test_acc", "wall_s", "train_s",
                                          "eval_s", "data_wait_s", "time_to_target_s",
                                          "peak_mem_mb", "compile_s")}
        precision = next((r["speed"]["precision"] for r in runs  # upstream: fp32
                          if r["config"] == name and r.get("speed")), "fp32")
        peak = peak_flops(device, precision)
        row["precision"], row["peak_flops"] = precision, peak
        if row["images_per_s"] and peak:
            row["mfu"] = row["images_per_s"] * FLOPS_PER_IMAGE / peak
        table[name] = row
    return table


def headline(summary):
    """Upstream against our fastest like-for-like configuration, and our reading one."""
    ref_name = next((c for c in REFERENCE if c in summary), None)
    ours = [c for c in LIKE_FOR_LIKE if summary.get(c, {}).get("images_per_s")]
    best_name = max(ours, key=lambda c: summary[c]["images_per_s"]) if ours else None
    ref = summary.get(ref_name, {})

    def ratio(name):
        if name is None or not ref.get("images_per_s"):
            return None
        return summary[name]["images_per_s"] / ref["images_per_s"]

    reading = "ours" if "ours" in summary else None
    return {
        "reference": {"config": ref_name, **ref},
        "best": {"config": best_name, **summary.get(best_name, {})},
        "reading": {"config": reading, **summary.get(reading, {})},
        "ratio": ratio(best_name), "reading_ratio": ratio(reading),
    }


def ceiling_warnings(summary, ceilings):
    """Runs that beat their own compute-only ceiling: then the ceiling bounds nothing."""
    out = []
    for name, row in summary.items():
        bound = ceilings.get(f"compute_{name}_images_per_s")
        if bound and row.get("images_per_s") and row["images_per_s"] > CEILING_MARGIN * bound:
            out.append(f"{name} ran at {row['images_per_s']:.0f} images/s, above its "
                       f"compute-only ceiling of {bound:.0f}: the ceiling is not a bound here "
                       "(a noisy machine, or too few steps to time).")
    return out


def format_table(summary):
    head = f"{'config':<13}{'img/s':>10}{'test acc':>10}{'wall s':>9}{'train s':>9}" \
           f"{'eval s':>8}{'to 0.88 s':>10}{'peak MiB':>10}{'MFU':>7}"
    lines = [head, "-" * len(head)]

    def f(v, fmt):
        width = int(fmt.split(".")[0])
        return format(v, fmt) if v is not None else "-".rjust(width)
    for name, r in summary.items():
        lines.append(f"{name:<13}{f(r['images_per_s'], '10.0f')}{f(r['test_acc'], '10.3f')}"
                     f"{f(r['wall_s'], '9.1f')}{f(r['train_s'], '9.1f')}{f(r['eval_s'], '8.1f')}"
                     f"{f(r['time_to_target_s'], '10.1f')}{f(r['peak_mem_mb'], '10.0f')}"
                     f"{f(r.get('mfu'), '7.3f')}")
    return "\n".join(lines)


def parse_args(argv=None):
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true",
                   help="a few steps per configuration at 224x224 (the default on a CPU)")
    p.add_argument("--full", action="store_true",
                   help="the full run even without a GPU (days on a laptop CPU)")
    p.add_argument("--epochs", type=int, default=None, help="epochs per run (default 10)")
    p.add_argument("--steps", type=int, default=None,
                   help="train batches per epoch (default: all; --quick: 5)")
    p.add_argument("--reference-steps", type=int, default=None,
                   help="train batches per epoch for the upstream runs only")
    p.add_argument("--reference-epochs", type=int, default=None,
                   help="epochs for the upstream runs only (default: --epochs)")
    p.add_argument("--eval-steps", type=int, default=None,
                   help="test batches per evaluation (default: all; --quick: 2)")
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--recipe-lr", type=float, default=0.05)
    p.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2],
                   help="one run per configuration and seed; the table gives medians")
    p.add_argument("--configs", nargs="+", default=["ref_ch6", "ours", "ref_trainer",
                                                     "ours_fast", "fast_recipe"],
                   choices=list(RUNNERS))
    p.add_argument("--device", default=None, help="cpu, cuda (default: the best there is)")
    p.add_argument("--out", default=None, help="output JSON (default results/bench-<device>.json)")
    p.add_argument("--no-ceilings", action="store_true")
    p.add_argument("--export", action="store_true",
                   help="also write results/alexnet-<device>.json from the 'ours' run "
                        "(history, confusion matrix, filters) for the book")
    args = p.parse_args(argv)
    device = torch.device(args.device) if args.device else try_gpu()
    if device.type == "cpu" and not (args.quick or args.full or args.epochs or args.steps):
        print("No GPU: running the quick benchmark (--quick). Pass --full to insist.")
        args.quick = True
    if args.epochs is None:
        args.epochs = 1 if args.quick else 10
    if args.quick and args.steps is None:
        args.steps = 5
    if args.quick and args.eval_steps is None:
        args.eval_steps = 2
    if "ref_ch6" in args.configs and (args.reference_steps or args.steps or 5) < 5:
        p.error("ref_ch6 needs at least 5 steps per epoch (upstream's train_ch6 plots "
                "five times an epoch)")
    return args


def main(argv=None):
    import warnings
    warnings.filterwarnings("ignore", message="This DataLoader will create")
    args = parse_args(argv)
    os.environ.pop("D2L_QUICK", None)  # the bench sizes itself with --quick/--steps
    device = torch.device(args.device) if args.device else try_gpu()
    print(f"Benchmark on {describe_device(device)}; configs {args.configs}; "
          f"{args.epochs} epoch(s), steps/epoch {args.steps or 'all'}, seeds {args.seeds}")
    runs = []
    args.export_path = (config.results_dir() / f"alexnet-{device_slug(device)}.json"
                        if args.export else None)
    with tempfile.TemporaryDirectory(prefix="d2l-bench-") as tmpdir:
        tmp = Path(tmpdir)
        ceilings = {} if args.no_ceilings else loader_ceiling(args, device, tmp)
        ceiling_trials = ceilings.pop("trials", {})
        if not args.no_ceilings:
            for name in [c for c in args.configs if c in LIKE_FOR_LIKE]:
                ceilings[f"compute_{name}_images_per_s"] = compute_ceiling(
                    args, device, name, steps=max(3, min(args.steps or 20, 20)))
        for name, seed in interleave(args.configs, args.seeds):
            run_args = argparse.Namespace(**vars(args))
            # the book shows one full-size run: the first of the reading configuration
            run_args.export_path = args.export_path if (name, seed) == ("ours", args.seeds[0]) \
                else None
            if name in REFERENCE:
                run_args.steps = args.reference_steps or args.steps
                run_args.epochs = args.reference_epochs or args.epochs
            print(f"  running {name} (seed {seed}) ...", flush=True)
            reset_peak_memory(device)
            result = RUNNERS[name](run_args, seed, device, tmp)
            result.update(config=name, seed=seed, epochs=run_args.epochs)
            print(f"    {result['images_per_s']:.0f} images/s, test acc "
                  f"{result['test_acc']:.3f}, wall {result['wall_s']:.1f} s", flush=True)
            runs.append(result)
    summary = summarise(runs, args.configs, device)
    report = {
        "device": device_name(device),
        "environment": environment(device),
        "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "flops_per_image": FLOPS_PER_IMAGE,
        "peak_flops": {p: peak_flops(device, p) for p in ("fp32", "bf16")},
        **headline(summary),
        "summary": summary,
        "ceilings": ceilings,
        "ceiling_trials": ceiling_trials,
        "warnings": ceiling_warnings(summary, ceilings),
        "runs": runs,
        "finished": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    }
    out = Path(args.out) if args.out else config.results_dir() / f"bench-{device_slug(device)}.json"
    config.atomic_write(out, json.dumps(report, indent=1, default=str))
    print()
    print(format_table(summary))
    for k, v in ceilings.items():
        print(f"  ceiling {k}: {v:.0f}")
    ref_l, ours_l = (ceilings.get(f"{k}_loader_images_per_s") for k in ("reference", "ours"))
    if ref_l and ours_l:
        print(f"  loader ceiling ours/reference: {ours_l / ref_l:.1f}x")
    for w in report["warnings"]:
        print(f"WARNING: {w}")
    if report["ratio"]:
        print(f"fastest like-for-like ({report['best']['config']}) / "
              f"{report['reference']['config']} images/s: {report['ratio']:.2f}")
    if report["reading_ratio"]:
        print(f"reading configuration (ours) / {report['reference']['config']} images/s: "
              f"{report['reading_ratio']:.2f}")
    print(f"wrote {out}")
    return report


if __name__ == "__main__":
    main(sys.argv[1:])
