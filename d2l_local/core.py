"""d2l's base classes: HyperParameters, Module (what to compute), DataModule (where the
data come from) and Classifier. The Trainer (how to loop) is in :mod:`d2l_local.training`.

The contract between a Module and the Trainer is d2l's: the Trainer calls
``model.training_step(batch)`` and ``model.validation_step(batch)``, and minimises the loss
the first one returns. A step may return the loss alone, or a dict with a ``"loss"`` entry
and other batch means (a Classifier adds ``"acc"``); the Trainer averages every entry over
the epoch and records it as ``train_<name>`` and ``val_<name>``. Returning device tensors,
never Python numbers, keeps the loop free of host syncs.
"""

from __future__ import annotations

import inspect

import torch
import torch.nn.functional as F
from torch import nn

from .layers import has_uninitialized_params, init_cnn

__all__ = ["Classifier", "DataModule", "HyperParameters", "Module", "init_cnn"]


class HyperParameters:
    """Base class whose ``save_hyperparameters()`` stores the caller's arguments as attributes."""

    def save_hyperparameters(self, ignore=()):
        frame = inspect.currentframe().f_back
        _, _, _, local_vars = inspect.getargvalues(frame)
        self.hparams = {k: v for k, v in local_vars.items()
                        if k not in set(ignore) | {"self"} and not k.startswith("_")
                        and k != "__class__"}
        for k, v in self.hparams.items():
            setattr(self, k, v)


def _cancel_pending_init(module, incompatible_keys):
    module._cancel_init()


class Module(nn.Module, HyperParameters):
    """A model that knows its loss, its steps and its optimizer (d2l's ``Module``).

    ``init_fn`` (for example :func:`init_cnn`) is applied right after the first forward
    pass has given every lazy layer its shape. Upstream d2l applies it in ``__init__``,
    when lazy layers have no weights yet, so nothing gets initialised; this is the fix.
    Loading a state dict before that first pass cancels the pending initialisation.
    """

    def __init__(self):
        super().__init__()
        self._init_fn = None
        self._init_handle = None
        self.register_load_state_dict_post_hook(_cancel_pending_init)

    def apply_init_after_first_forward(self, init_fn):
        self._init_fn = init_fn
        if not has_uninitialized_params(self):
            self.apply(init_fn)
            return
        if self._init_handle is None:
            self._init_handle = self.register_forward_hook(self._run_pending_init)

    def _run_pending_init(self, module, inputs, output):
        if not has_uninitialized_params(self):
            with torch.no_grad():
                self.apply(self._init_fn)
            self._cancel_init()

    def _cancel_init(self):
        if self._init_handle is not None:
            self._init_handle.remove()
            self._init_handle = None

    def apply_init(self, inputs, init=None):
        """d2l's ``apply_init``: run ``inputs`` through once, then initialise."""
        with torch.no_grad():
            self.forward(*inputs)
        if init is not None:
            self.apply(init)

    def loss(self, y_hat, y):
        raise NotImplementedError

    def forward(self, X):
        return self.net(X)

    def training_step(self, batch):
        """The loss of one training batch ``(X, ..., y)``; the Trainer minimises it."""
        return self.loss(self(*batch[:-1]), batch[-1])

    def validation_step(self, batch):
        """The loss of one validation batch (a dict of batch means is also accepted)."""
        return self.loss(self(*batch[:-1]), batch[-1])

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=self.lr)


class Classifier(Module):
    """A classification model: cross-entropy loss, accuracy and a per-layer summary."""

    def _step(self, batch):
        Y_hat, Y = self(*batch[:-1]), batch[-1]
        return {"loss": self.loss(Y_hat, Y), "acc": self.accuracy(Y_hat, Y)}

    def training_step(self, batch):
        """Loss and accuracy of one training batch, as device tensors."""
        return self._step(batch)

    def validation_step(self, batch):
        """Loss and accuracy of one validation batch, as device tensors."""
        return self._step(batch)

    def loss(self, Y_hat, Y, averaged=True):
        Y_hat = Y_hat.reshape((-1, Y_hat.shape[-1]))
        Y = Y.reshape((-1,))
        return F.cross_entropy(Y_hat, Y, reduction="mean" if averaged else "none")

    def accuracy(self, Y_hat, Y, averaged=True):
        Y_hat = Y_hat.reshape((-1, Y_hat.shape[-1]))
        preds = Y_hat.argmax(dim=1).type(Y.dtype)
        compare = (preds == Y.reshape(-1)).type(torch.float32)
        return compare.mean() if averaged else compare

    def layer_summary(self, X_shape, verbose=True):
        """Print (and return) a line per layer: output shape, parameters, FLOPs, memory."""
        from .summary import layer_table  # pandas and FLOP counting, when asked for

        return layer_table(self, X_shape, verbose=verbose)


class DataModule(HyperParameters):
    """Where the data come from (d2l's ``DataModule``)."""

    def get_dataloader(self, train):
        raise NotImplementedError

    def train_dataloader(self):
        return self.get_dataloader(train=True)

    def val_dataloader(self):
        return self.get_dataloader(train=False)

    def to(self, device):
        return self
