"""Benchmark: the chapter's AlexNet recipe trained by upstream d2l and by d2l_local.

    python -m d2l_local.bench                 # full run: 10 epochs per configuration
    python -m d2l_local.bench --quick         # a few steps per configuration (CPU)

Configurations (the reference recipe: SGD, lr 0.01, batch 128, 224x224, Xavier init):
  ref_ch6      upstream d2l: load_data_fashion_mnist + train_ch6 (PIL resize in workers)
  ref_trainer  upstream d2l 1.0: FashionMNIST + Trainer (its AlexNet's init never applies)
  ours         d2l_local as the chapter reads: device-resident data, no per-step syncs
  ours_fast    plus bf16 autocast, channels_last, fused SGD (and --compile, timed apart)
  fast_recipe  a separate track: momentum, one-cycle schedule, label smoothing, flips and
               shifts on the device (not like-for-like; reported apart)

Runs interleave reference and ours (A, B, A, B) over the seeds (three by default; the
table gives each configuration's median). Results go to
results/bench-<device>.json and a table is printed.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

from . import config
from .data import FILES, FashionMNIST, find_fashion_mnist
from .hardware import describe_device, device_name, peak_flops, synchronize, try_gpu
from .models import AlexNet
from .training import Trainer

FLOPS_PER_IMAGE = 5.56e9  # forward + backward at 224x224 (FlopCounterMode; see summary.py)
TARGET_ACC = 0.88


# ----------------------------------------------------------------------------- helpers
class LimitedLoader:
    """At most ``steps`` batches of ``loader``, timing how long each batch took to arrive."""

    def __init__(self, loader, steps=None):
        self.loader, self.steps, self.wait_s = loader, steps, 0.0
        self.started = None  # when the latest pass began

    def __len__(self):
        n = len(self.loader)
        return n if self.steps is None else min(n, self.steps)

    def __iter__(self):
        self.started = time.perf_counter()
        it = iter(self.loader)
        for _ in range(len(self)):
            t = time.perf_counter()
            try:
                batch = next(it)
            except StopIteration:
                return
            self.wait_s += time.perf_counter() - t
            yield batch


def _upstream_data_root(tmp: Path) -> Path:
    """Lay Fashion-MNIST out where upstream d2l looks (``../data``) and return a work dir."""
    raw = tmp / "data" / "FashionMNIST" / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    src = find_fashion_mnist()
    for spec in FILES.values():
        target = raw / spec.name
        if target.exists():
            continue
        plain, gz = src / spec.name, src / (spec.name + ".gz")
        if plain.exists():
            shutil.copyfile(plain, target)
        else:
            with gzip.open(gz) as fin, open(target, "wb") as fout:
                shutil.copyfileobj(fin, fout)
    work = tmp / "work"
    work.mkdir(exist_ok=True)
    return work


def upstream_sequential_alexnet():
    """The network as ``train_ch6`` takes it: explicit shapes, initialised by train_ch6."""
    return nn.Sequential(
        nn.Conv2d(1, 96, kernel_size=11, stride=4, padding=1), nn.ReLU(),
        nn.MaxPool2d(kernel_size=3, stride=2),
        nn.Conv2d(96, 256, kernel_size=5, padding=2), nn.ReLU(),
        nn.MaxPool2d(kernel_size=3, stride=2),
        nn.Conv2d(256, 384, kernel_size=3, padding=1), nn.ReLU(),
        nn.Conv2d(384, 384, kernel_size=3, padding=1), nn.ReLU(),
        nn.Conv2d(384, 256, kernel_size=3, padding=1), nn.ReLU(),
        nn.MaxPool2d(kernel_size=3, stride=2), nn.Flatten(),
        nn.Linear(6400, 4096), nn.ReLU(), nn.Dropout(p=0.5),
        nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(p=0.5),
        nn.Linear(4096, 10))


def upstream_classifier(up):
    """An AlexNet on upstream's ``d2l.Classifier`` that initialises as upstream does.

    ``net.apply(init_cnn)`` runs while the layers are still lazy, so it changes nothing:
    the weights keep PyTorch's default init (the bug d2l_local fixes).
    """

    class UpstreamAlexNet(up.Classifier):
        def __init__(self, lr=0.1, num_classes=10):
            super().__init__()
            self.save_hyperparameters()
            self.net = AlexNet(num_classes=num_classes).net  # fresh lazy layers
            self.net.apply(up.init_cnn)

    return UpstreamAlexNet


# -------------------------------------------------------------------------- the runs
def run_ref_ch6(args, seed, device, tmp):
    import d2l.torch as up
    torch.manual_seed(seed)
    work = _upstream_data_root(tmp)
    cwd = os.getcwd()
    os.chdir(work)
    evals = []
    original_eval = up.evaluate_accuracy_gpu

    def timed_eval(net, data_iter, device=None):
        t = time.perf_counter()
        acc = original_eval(net, data_iter, device)
        evals.append((time.perf_counter() - t, acc, time.perf_counter()))
        return acc

    try:
        start = time.perf_counter()
        train_iter, test_iter = up.load_data_fashion_mnist(args.batch_size, resize=224)
        limited = LimitedLoader(train_iter, args.steps)
        test_iter = LimitedLoader(test_iter, args.eval_steps)
        net = upstream_sequential_alexnet()
        up.evaluate_accuracy_gpu = timed_eval
        with contextlib.redirect_stdout(io.StringIO()):
            up.train_ch6(net, limited, test_iter, args.epochs, args.lr, device)
        synchronize(device)
        wall = time.perf_counter() - start
    finally:
        up.evaluate_accuracy_gpu = original_eval
        os.chdir(cwd)
    eval_s = sum(e[0] for e in evals)
    images = len(limited) * args.batch_size * args.epochs
    train_s = wall - eval_s
    to_target = next((t - start for _, acc, t in evals if acc >= TARGET_ACC), None)
    return dict(wall_s=wall, train_s=train_s, eval_s=eval_s, data_wait_s=limited.wait_s,
                images=images, images_per_s=images / train_s, test_acc=evals[-1][1],
                time_to_target_s=to_target, peak_mem_mb=_peak_mem(device),
                steps_per_epoch=len(limited))


def run_ref_trainer(args, seed, device, tmp):
    import d2l.torch as up
    torch.manual_seed(seed)
    work = _upstream_data_root(tmp)
    cwd = os.getcwd()
    os.chdir(work)
    steps, eval_steps = args.steps, args.eval_steps
    epochs = []  # (seconds of validation inside fit, validation accuracy, time it ended)

    class Recorded(upstream_classifier(up)):
        """Upstream's model, noting the validation accuracy its own fit() computes."""

        def accuracy(self, Y_hat, Y, averaged=True):
            acc = super().accuracy(Y_hat, Y, averaged)
            if not self.training and averaged:
                self.val_seen.append((acc.item(), len(Y)))
            return acc

    class LimitedTrainer(up.Trainer):
        def prepare_data(self, data):
            super().prepare_data(data)
            self.train_dataloader = LimitedLoader(self.train_dataloader, steps)
            self.num_train_batches = len(self.train_dataloader)
            self.val_dataloader = LimitedLoader(self.val_dataloader, eval_steps)
            self.num_val_batches = len(self.val_dataloader)

        def fit_epoch(self):
            self.model.val_seen = []
            super().fit_epoch()
            synchronize(device)
            now = time.perf_counter()
            seen = self.model.val_seen
            acc = sum(a * n for a, n in seen) / max(sum(n for _, n in seen), 1)
            epochs.append((now - self.val_dataloader.started, acc, now))

    try:
        start = time.perf_counter()
        data = up.FashionMNIST(batch_size=args.batch_size, resize=(224, 224))
        model = Recorded(lr=args.lr)
        trainer = LimitedTrainer(max_epochs=args.epochs, num_gpus=1 if device.type == "cuda"
                                 else 0)
        with contextlib.redirect_stdout(io.StringIO()):
            trainer.fit(model, data)
        synchronize(device)
        wall = time.perf_counter() - start
    finally:
        os.chdir(cwd)
    images = trainer.num_train_batches * args.batch_size * args.epochs
    # upstream's fit() validates after every epoch (and plots as it goes); that pass is
    # timed apart so that images/s counts training alone, as for the other configs.
    eval_s = sum(e[0] for e in epochs)
    to_target = next((t - start for _, acc, t in epochs if acc >= TARGET_ACC), None)
    return dict(wall_s=wall, train_s=wall - eval_s, eval_s=eval_s,
                data_wait_s=trainer.train_dataloader.wait_s, images=images,
                images_per_s=images / (wall - eval_s), test_acc=epochs[-1][1],
                time_to_target_s=to_target, peak_mem_mb=_peak_mem(device),
                steps_per_epoch=trainer.num_train_batches)


def _ours(args, seed, device, fast=False, recipe=False, compile=False):
    torch.manual_seed(seed)
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats(device)
        torch.backends.cudnn.benchmark = fast or recipe
    start = time.perf_counter()
    data = FashionMNIST(batch_size=args.batch_size, resize=(224, 224), seed=seed,
                        augment=recipe)
    if recipe:
        model = FastRecipeAlexNet(lr=args.recipe_lr, epochs=args.epochs,
                                  steps_per_epoch=_steps(data, args))
    else:
        model = AlexNet(lr=args.lr)
    speed = dict(precision="bf16", channels_last=True, fused=device.type == "cuda",
                 compile=compile) if (fast or recipe) else {}
    trainer = Trainer(max_epochs=args.epochs, num_gpus=1, device=device, seed=seed,
                      progress=False, board=False, verbose=False, log_every=10**9,
                      max_train_batches=args.steps, max_val_batches=args.eval_steps, **speed)
    trainer.fit(model, data)
    synchronize(device)
    wall = time.perf_counter() - start
    h = trainer.history
    if getattr(args, "export_path", None):
        from .results import export_run
        export_run(trainer, model, data, args.export_path,
                   label="reference recipe (d2l_local, reading configuration)",
                   extra={"wall_s": wall, "seed": seed})
    train_s = sum(r["train_s"] for r in h)
    eval_s = sum(r["val_s"] for r in h)
    rates = [r["images_per_s"] for r in h]
    steady = statistics.median(rates[1:]) if len(rates) > 2 else rates[-1]
    compile_s = None
    if compile and len(h) > 1:  # the first epoch pays for compilation
        compile_s = max(0.0, h[0]["train_s"] - statistics.median(r["train_s"] for r in h[1:]))
    elapsed, to_target = wall - sum(r["epoch_s"] for r in h), None
    for r in h:
        elapsed += r["epoch_s"]
        if to_target is None and r["val_acc"] >= TARGET_ACC:
            to_target = elapsed
    return dict(wall_s=wall, train_s=train_s, eval_s=eval_s, data_wait_s=None,
                images=sum(r["train_images"] for r in h), images_per_s=steady,
                test_acc=h[-1]["val_acc"], train_loss=h[-1]["train_loss"],
                train_acc=h[-1]["train_acc"], time_to_target_s=to_target,
                peak_mem_mb=_peak_mem(device), compile_s=compile_s,
                steps_per_epoch=len(trainer.train_loader), history=h)


def _steps(data, args):
    n = -(-data.num_train // args.batch_size)
    return n if args.steps is None else min(n, args.steps)


def _peak_mem(device):
    if device.type == "cuda":
        return torch.cuda.max_memory_allocated(device) / 2**20
    return None


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
        import d2l.torch as up
        work = _upstream_data_root(tmp)
        cwd = os.getcwd()
        os.chdir(work)
        try:
            up_loader, _ = up.load_data_fashion_mnist(args.batch_size, resize=224)
        finally:
            os.chdir(cwd)
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


def compute_ceiling(args, device, steps=10):
    """Images/s of training steps on one batch already on the device (no data path)."""
    out = {}
    for name, bf16 in (("fp32", False), ("bf16_channels_last", True)):
        if bf16 and device.type != "cuda":
            continue
        torch.manual_seed(0)
        model = AlexNet(lr=args.lr).to(device)
        X = torch.rand(args.batch_size, 1, 224, 224, device=device)
        y = torch.randint(0, 10, (args.batch_size,), device=device)
        with torch.no_grad():
            model(X[:2])
        if bf16:
            model.to(memory_format=torch.channels_last)
            X = X.contiguous(memory_format=torch.channels_last)
        opt = model.configure_optimizers(fused=bf16)

        def step(model=model, X=X, y=y, opt=opt, bf16=bf16):
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=bf16):
                loss = model.loss(model(X), y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        for _ in range(3):
            step()
        synchronize(device)
        t = time.perf_counter()
        for _ in range(steps):
            step()
        synchronize(device)
        out[f"compute_{name}_images_per_s"] = steps * args.batch_size / (time.perf_counter() - t)
    return out


# --------------------------------------------------------------------------- driver
RUNNERS = {
    "ref_ch6": run_ref_ch6,
    "ref_trainer": run_ref_trainer,
    "ours": lambda a, s, d, t: _ours(a, s, d),
    "ours_fast": lambda a, s, d, t: _ours(a, s, d, fast=True),
    "ours_compile": lambda a, s, d, t: _ours(a, s, d, fast=True, compile=True),
    "fast_recipe": lambda a, s, d, t: _ours(a, s, d, recipe=True),
}
REFERENCE = ("ref_ch6", "ref_trainer")


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


def summarise(runs, configs, peak):
    def pick(name, key):
        vals = [r[key] for r in runs if r["config"] == name and r.get(key) is not None]
        return statistics.median(vals) if vals else None

    table = {}
    for name in configs:
        row = {k: pick(name, k) for k in ("images_per_s", "test_acc", "wall_s", "train_s",
                                          "eval_s", "data_wait_s", "time_to_target_s",
                                          "peak_mem_mb", "compile_s")}
        if row["images_per_s"] and peak:
            row["mfu"] = row["images_per_s"] * FLOPS_PER_IMAGE / peak
        table[name] = row
    return table


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
    p = argparse.ArgumentParser(prog="python -m d2l_local.bench", description=__doc__,
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


def device_slug(device):
    if device.type == "cpu":
        return "cpu"
    name = device_name(device).lower().replace("nvidia", "").strip()
    return "-".join(name.split()[:2]) or device.type


def main(argv=None):
    import warnings
    warnings.filterwarnings("ignore", message="This DataLoader will create")
    args = parse_args(argv)
    os.environ.pop("D2L_QUICK", None)  # the bench sizes itself with --quick/--steps
    device = torch.device(args.device) if args.device else try_gpu()
    peak = peak_flops(device, "bf16")
    print(f"Benchmark on {describe_device(device)}; configs {args.configs}; "
          f"{args.epochs} epoch(s), steps/epoch {args.steps or 'all'}, seeds {args.seeds}")
    runs = []
    args.export_path = (config.results_dir() / f"alexnet-{device_slug(device)}.json"
                        if args.export else None)
    with tempfile.TemporaryDirectory(prefix="d2l-bench-") as tmpdir:
        tmp = Path(tmpdir)
        ceilings = {} if args.no_ceilings else {**loader_ceiling(args, device, tmp),
                                                **compute_ceiling(args, device)}
        ceiling_trials = ceilings.pop("trials", {})
        for name, seed in interleave(args.configs, args.seeds):
            run_args = argparse.Namespace(**vars(args))
            # the book shows one full-size run: the first of the reading configuration
            run_args.export_path = args.export_path if (name, seed) == ("ours", args.seeds[0]) \
                else None
            if name in REFERENCE:
                run_args.steps = args.reference_steps or args.steps
                run_args.epochs = args.reference_epochs or args.epochs
            print(f"  running {name} (seed {seed}) ...", flush=True)
            result = RUNNERS[name](run_args, seed, device, tmp)
            result.update(config=name, seed=seed, epochs=run_args.epochs)
            print(f"    {result['images_per_s']:.0f} images/s, test acc "
                  f"{result['test_acc']:.3f}, wall {result['wall_s']:.1f} s", flush=True)
            runs.append(result)
    summary = summarise(runs, args.configs, peak)
    ref = summary.get("ref_ch6") or summary.get("ref_trainer") or {}
    ours = summary.get("ours_fast") or summary.get("ours") or {}
    report = {
        "device": device_name(device),
        "environment": environment(device),
        "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "flops_per_image": FLOPS_PER_IMAGE,
        "peak_bf16_flops": peak,
        "reference": {"config": "ref_ch6" if "ref_ch6" in summary else "ref_trainer", **ref},
        "ours": {"config": "ours_fast" if "ours_fast" in summary else "ours", **ours},
        "ratio": (ours["images_per_s"] / ref["images_per_s"])
        if ours.get("images_per_s") and ref.get("images_per_s") else None,
        "summary": summary,
        "ceilings": ceilings,
        "ceiling_trials": ceiling_trials,
        "runs": runs,
        "finished": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    }
    out = Path(args.out) if args.out else config.results_dir() / f"bench-{device_slug(device)}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp_out = out.with_suffix(".json.tmp")
    tmp_out.write_text(json.dumps(report, indent=1, default=str))
    os.replace(tmp_out, out)
    print()
    print(format_table(summary))
    for k, v in ceilings.items():
        print(f"  ceiling {k}: {v:.0f}")
    ref_l, ours_l = (ceilings.get(f"{k}_loader_images_per_s") for k in ("reference", "ours"))
    if ref_l and ours_l:
        print(f"  loader ceiling ours/reference: {ours_l / ref_l:.1f}x")
    if report["ratio"]:
        print(f"ratio ours/reference images/s: {report['ratio']:.2f}")
    print(f"wrote {out}")
    return report


if __name__ == "__main__":
    main(sys.argv[1:])
