"""The chapter's trained AlexNet: the recipe the training page trains at each scale, and the
trained network kept on this machine so that a later page can look inside it without
training it again.

:func:`recipe` builds the model, the data and the trainer of a scale's recipe (the
reference recipe on a GPU, the laptop recipe on a CPU and in quick mode); the training
page and any page that needs the trained network call it, so a reader sees one code at
every scale. :func:`save` keeps a trained network in :func:`d2l_local.config.cache_dir`,
one file per scale, written whole or not at all; :func:`load` gives it back, or None when
there is none (a page opened on its own, in Colab), when it was trained by another form
of the recipe, or when its run did not finish.
"""

from __future__ import annotations

import inspect
import time
from dataclasses import dataclass, field
from pathlib import Path

import torch

from . import config, scales
from .data import FashionMNIST
from .hardware import describe_device, try_gpu
from .models import AlexNet
from .training import Trainer

VERSION = 1  # of the file's layout: a file of another layout is not read


@dataclass
class Recipe:
    """A recipe ready to train: ``trainer.fit(model, data)``. ``name`` is 'reference recipe'
    or 'laptop recipe'; unpacks as ``name, model, data, trainer``."""

    name: str
    model: AlexNet
    data: FashionMNIST
    trainer: Trainer
    scale: str

    def __iter__(self):
        return iter((self.name, self.model, self.data, self.trainer))


@dataclass
class Trained:
    """A trained network and where it came from: ``origin`` is 'loaded' (from the file the
    training page saved) or 'trained' (here, by :func:`save`'s caller)."""

    name: str
    model: AlexNet
    data: FashionMNIST
    history: list
    scale: str
    origin: str
    device: str
    saved: str
    path: Path
    settings: dict = field(default_factory=dict)

    @property
    def test_acc(self) -> float:
        return float(self.history[-1]["val_acc"])


# Quick mode's batches of 64: on a 2-core AMD EPYC its 5,000 images in batches of 256 (60
# steps in all) ended at 0.57 test accuracy, in batches of 64 at 0.79 (230 s).
def recipe(scale: str | None = None, **trainer_options) -> Recipe:
    """The training page's recipe at ``scale`` (default: the scale this process runs at).

    On a GPU, the reference recipe: 224-pixel images, SGD at a learning rate of 0.01,
    batches of 128, ten epochs. Elsewhere the laptop recipe: the smallest input the layers
    accept (65 pixels), Adam with a one-cycle schedule, batches of 256, three epochs, bf16
    where the processor multiplies it in hardware; in quick mode on 5,000 training and
    1,000 test images, in batches of 64, which give the optimizer four times the steps of
    batches of 256. ``trainer_options`` go to the Trainer (``board=False``, ...)."""
    scale = scale or scales.current()
    if scale not in scales.SCALES:
        raise ValueError(f"scale={scale!r} is not one of {', '.join(scales.SCALES)}.")
    if scale == "gpu":  # the reference recipe
        model = AlexNet(lr=0.01)
        data = FashionMNIST(batch_size=128, resize=(224, 224))
        trainer = Trainer(max_epochs=10, num_gpus=1, **trainer_options)
        return Recipe("reference recipe", model, data, trainer, scale)
    # the laptop recipe
    model = AlexNet(lr=1e-3, optimizer="adam", schedule="one-cycle")
    data = FashionMNIST(batch_size=64 if scale == "quick" else 256, resize=(65, 65),
                        num_train=5_000 if scale == "quick" else None,
                        num_val=1_000 if scale == "quick" else None)
    trainer = Trainer(max_epochs=3, num_gpus=1, speed="auto", **trainer_options)
    return Recipe("laptop recipe", model, data, trainer, scale)


def source() -> str:
    """:func:`recipe`'s code, for a page to show."""
    return inspect.getsource(recipe)


def settings(r: Recipe) -> dict:
    """What makes a recipe this recipe: a network saved by one with other settings is not
    the network this one trains."""
    return {"name": r.name, "scale": r.scale,
            "hparams": {k: v for k, v in r.model.hparams.items()
                        if isinstance(v, (int, float, str, bool, type(None)))},
            "batch_size": r.data.batch_size, "resize": list(r.data.resize),
            "num_train": r.data.num_train, "num_val": r.data.num_val,
            "max_epochs": r.trainer.max_epochs, "seed": r.trainer.seed}


def path(scale: str | None = None, folder=None) -> Path:
    """The file of ``scale``'s trained network (in ``folder``, default the cache)."""
    scale = scale or scales.current()
    return Path(folder or config.cache_dir()) / f"trained-alexnet-{scale}.pt"


def save(r: Recipe, folder=None) -> Trained:
    """Keep recipe ``r``'s trained network (its weights, settings and history, with the
    device it trained on) for the pages after it; returns it as :class:`Trained`."""
    history = [dict(rec) for rec in r.trainer.history]
    state = {"version": VERSION, "model": {k: v.detach().cpu()
                                           for k, v in r.model.state_dict().items()},
             "settings": settings(r), "history": history,
             "device": describe_device(r.trainer.device),
             "saved": time.strftime("%Y-%m-%d %H:%M:%S %Z")}
    where = config.atomic_write(path(r.scale, folder), write=lambda fh: torch.save(state, fh))
    return Trained(r.name, r.model, r.data, history, r.scale, "trained", state["device"],
                   state["saved"], where, state["settings"])


def load(scale: str | None = None, folder=None, device=None) -> Trained | None:
    """``scale``'s trained network as :func:`save` kept it, on ``device`` (default: the GPU
    if there is one), with the data module of its recipe; None when there is none, when
    it cannot be read, when the recipe has changed since, or when its run stopped before
    its last epoch."""
    scale = scale or scales.current()
    file = path(scale, folder)
    if not file.is_file():
        return None
    try:
        state = torch.load(file, map_location="cpu", weights_only=True)
    except Exception:  # a file of another torch or cut short: train again  # noqa: BLE001
        return None
    if not isinstance(state, dict) or state.get("version") != VERSION:
        return None
    r = recipe(scale, board=False, progress=False, verbose=False)
    wanted = settings(r)
    if state.get("settings") != wanted or len(state["history"]) != wanted["max_epochs"] \
            or not all(rec.get("complete", True) for rec in state["history"]):
        return None
    r.model.load_state_dict(state["model"])
    r.model.to(device if device is not None else try_gpu()).eval()
    return Trained(r.name, r.model, r.data, state["history"], scale, "loaded",
                   state["device"], state["saved"], file, wanted)
