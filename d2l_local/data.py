"""Fashion-MNIST as a d2l ``DataModule``: ``FashionMNIST(batch_size=64, resize=(28, 28))``.

Finding and verifying the files is :mod:`d2l_local.files`; batching on the device is
:mod:`d2l_local.loader`. This module puts the two together behind d2l's call shape.
"""

from __future__ import annotations

import torch

from . import config
from .checks import check_batch_size, check_optional_positive_int, check_resize
from .core import DataModule
from .files import load_fashion_mnist
from .loader import DeviceLoader

TEXT_LABELS = [
    "t-shirt", "trouser", "pullover", "dress", "coat",
    "sandal", "shirt", "sneaker", "bag", "ankle boot",
]


def balanced_subset(labels: torch.Tensor, n: int, seed: int = 0) -> torch.Tensor:
    """Indices of ``n`` examples with (as near as possible) equal counts per class."""
    g = torch.Generator().manual_seed(seed)
    classes = int(labels.max()) + 1
    per_class = [torch.nonzero(labels == c).flatten() for c in range(classes)]
    per_class = [idx[torch.randperm(len(idx), generator=g)] for idx in per_class]
    take = [n // classes + (1 if c < n % classes else 0) for c in range(classes)]
    chosen = torch.cat([idx[:k] for idx, k in zip(per_class, take)])
    return chosen[torch.randperm(len(chosen), generator=g)]


class FashionMNIST(DataModule):
    """Fashion-MNIST with d2l's call shape: ``FashionMNIST(batch_size=64, resize=(28, 28))``.

    Unlike upstream d2l (PIL resize in worker processes for every batch), the whole uint8
    data set is moved to the training device once and batches are resized there.
    ``num_train``/``num_val`` take a class-balanced subset of the real data; in quick mode
    (``D2L_QUICK=1``) a data set made without them is ``config.QUICK``'s small subset.
    """

    def __init__(self, batch_size=64, resize=(28, 28), root=None, num_train=None,
                 num_val=None, seed=0, augment=False):
        super().__init__()
        check_batch_size(batch_size)
        resize = check_resize(resize)
        check_optional_positive_int("num_train", num_train)
        check_optional_positive_int("num_val", num_val)
        self.save_hyperparameters(ignore=("num_train", "num_val"))
        self.resize = resize
        data = load_fashion_mnist(root)
        quick = config.quick_limits()
        if quick is not None:
            config.announce_quick_mode()
            # quick mode shrinks what the caller left to the default; a size the caller
            # chose (each experiment picks its quick size, d2l.scales.pick) is kept
            num_train = quick.train_examples if num_train is None else num_train
            num_val = quick.val_examples if num_val is None else num_val
        self.train_images, self.train_labels = self._subset(
            data["train_images"], data["train_labels"], num_train, seed)
        self.val_images, self.val_labels = self._subset(
            data["test_images"], data["test_labels"], num_val, seed)
        self.num_train, self.num_val = len(self.train_labels), len(self.val_labels)
        self.device = torch.device("cpu")

    @staticmethod
    def _subset(images, labels, n, seed):
        if n is None or n >= len(labels):
            return images, labels.long()
        idx = balanced_subset(labels, n, seed)
        return images[idx], labels[idx].long()

    def to(self, device):
        """Move the uint8 data set to ``device`` once (about 55 MB for all of it)."""
        device = torch.device(device)
        if device != self.device:
            for name in ("train_images", "train_labels", "val_images", "val_labels"):
                setattr(self, name, getattr(self, name).to(device))
            self.device = device
        return self

    def get_dataloader(self, train: bool):
        if train:
            return DeviceLoader(self.train_images, self.train_labels, self.batch_size,
                                self.resize, shuffle=True, seed=self.seed, augment=self.augment)
        return DeviceLoader(self.val_images, self.val_labels, self.batch_size, self.resize,
                            shuffle=False)

    def text_labels(self, indices):
        """Class names for label indices."""
        return [TEXT_LABELS[int(i)] for i in indices]

    def visualize(self, batch, nrows=1, ncols=8, labels=None):
        """Show a batch ``(X, y)`` as a grid of images titled with their class names."""
        from .plotting import show_images
        X, y = batch
        if labels is None:
            labels = self.text_labels(y)
        return show_images(X.squeeze(1).cpu(), nrows, ncols, titles=labels)
