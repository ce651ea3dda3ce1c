"""Upstream d2l (the reference the benchmark compares with), run as its book runs it.

Upstream reads Fashion-MNIST from ``../data`` relative to the working directory, so every
upstream call runs inside :func:`upstream_workdir`, the one place that changes directory.
Its functions are used as they are: nothing of upstream is patched. What the benchmark
needs to observe (when each evaluation ran, what it scored) is recorded by the loaders and
networks handed to upstream.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import shutil
import time
from pathlib import Path

import torch
from torch import nn

from d2l_local.files import FILES, find_fashion_mnist
from d2l_local.hardware import peak_memory_mb, synchronize
from d2l_local.models import AlexNet

TARGET = {"acc": 0.88}  # the reference book's test accuracy, for "time to target"; tests lower it

@contextlib.contextmanager
def upstream_workdir(tmp: Path):
    """Inside the block the working directory is one where upstream finds ``../data``."""
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
    cwd = os.getcwd()
    os.chdir(work)
    try:
        yield work
    finally:
        os.chdir(cwd)


class LimitedLoader:
    """At most ``steps`` batches of ``loader`` per pass, noting when each pass ran, how long
    batches took to arrive and the labels of the batch just handed out."""

    def __init__(self, loader, steps=None):
        self.loader, self.steps = loader, steps
        self.wait_s = 0.0
        self.passes: list[tuple[float, float]] = []  # (start, end) of each complete pass
        self.labels = None

    def __len__(self):
        n = len(self.loader)
        return n if self.steps is None else min(n, self.steps)

    def __iter__(self):
        start = time.perf_counter()
        it = iter(self.loader)
        for _ in range(len(self)):
            t = time.perf_counter()
            try:
                X, y = next(it)
            except StopIteration:
                break
            self.wait_s += time.perf_counter() - t
            self.labels = y
            yield X, y
        self.passes.append((start, time.perf_counter()))


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


class ScoredNet(nn.Module):
    """A network that, in evaluation mode, counts its correct predictions against the
    labels its test loader just handed out (device tensors: no sync per batch)."""

    def __init__(self, net, test_loader):
        super().__init__()
        self.net, self.test_loader = net, test_loader
        self.scores: list[tuple[torch.Tensor, int]] = []

    def forward(self, X):
        out = self.net(X)
        if not self.training:
            y = self.test_loader.labels.to(out.device)
            self.scores.append(((out.argmax(dim=1) == y).sum(), len(y)))
        return out

    def pass_accuracies(self, batches_per_pass):
        """Accuracy of each evaluation pass, in order."""
        out = []
        for i in range(0, len(self.scores), batches_per_pass):
            chunk = self.scores[i:i + batches_per_pass]
            out.append(sum(c.item() for c, _ in chunk) / max(sum(n for _, n in chunk), 1))
        return out


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


def _result(start, wall, evals, train_loader, images, device, steps_per_epoch):
    """What every run reports; ``evals`` holds (seconds, accuracy, ended) per evaluation."""
    eval_s = sum(e[0] for e in evals)
    to_target = next((t - start for _, acc, t in evals if acc >= TARGET["acc"]), None)
    return dict(wall_s=wall, train_s=wall - eval_s, eval_s=eval_s,
                data_wait_s=train_loader.wait_s, images=images,
                images_per_s=images / (wall - eval_s), test_acc=evals[-1][1],
                time_to_target_s=to_target, peak_mem_mb=peak_memory_mb(device),
                steps_per_epoch=steps_per_epoch)


def run_ref_ch6(args, seed, device, tmp):
    """Upstream's ``load_data_fashion_mnist`` + ``train_ch6`` (PIL resize in workers)."""
    import d2l.torch as up
    torch.manual_seed(seed)
    with upstream_workdir(tmp):
        start = time.perf_counter()
        train_iter, test_iter = up.load_data_fashion_mnist(args.batch_size, resize=224)
        train = LimitedLoader(train_iter, args.steps)
        test = LimitedLoader(test_iter, args.eval_steps)
        net = ScoredNet(upstream_sequential_alexnet(), test)
        with contextlib.redirect_stdout(io.StringIO()):
            up.train_ch6(net, train, test, args.epochs, args.lr, device)
        synchronize(device)
        wall = time.perf_counter() - start
    accs = net.pass_accuracies(len(test))
    evals = [(end - begin, acc, end) for (begin, end), acc in zip(test.passes, accs)]
    return _result(start, wall, evals, train, len(train) * args.batch_size * args.epochs,
                   device, len(train))


def run_ref_trainer(args, seed, device, tmp):
    """Upstream 1.0's ``FashionMNIST`` + ``Trainer`` with its own AlexNet class."""
    import d2l.torch as up
    torch.manual_seed(seed)
    steps, eval_steps = args.steps, args.eval_steps

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
            seen = self.model.val_seen
            self.val_accs.append(sum(a * n for a, n in seen) / max(sum(n for _, n in seen), 1))

    with upstream_workdir(tmp):
        start = time.perf_counter()
        data = up.FashionMNIST(batch_size=args.batch_size, resize=(224, 224))
        model = Recorded(lr=args.lr)
        trainer = LimitedTrainer(max_epochs=args.epochs,
                                 num_gpus=1 if device.type == "cuda" else 0)
        trainer.val_accs = []
        with contextlib.redirect_stdout(io.StringIO()):
            trainer.fit(model, data)
        synchronize(device)
        wall = time.perf_counter() - start
    # upstream's fit() validates after every epoch (and plots as it goes); that pass is
    # timed apart so that images/s counts training alone, as for the other configs.
    passes = trainer.val_dataloader.passes
    evals = [(end - begin, acc, end) for (begin, end), acc in zip(passes, trainer.val_accs)]
    images = trainer.num_train_batches * args.batch_size * args.epochs
    return _result(start, wall, evals, trainer.train_dataloader, images, device,
                   trainer.num_train_batches)


def loader(batch_size, tmp):
    """Upstream's training loader at 224x224 (PIL resize in worker processes)."""
    import d2l.torch as up
    with upstream_workdir(tmp):
        train_iter, _ = up.load_data_fashion_mnist(batch_size, resize=224)
    return train_iter
