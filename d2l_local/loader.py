"""Batches on the training device: gather, scale, resize and augment there.

The whole uint8 data set sits on the device (55 MB for Fashion-MNIST); each batch is
gathered by index, scaled to [0, 1] and resized where it will be used. No PIL, no worker
processes, no copy from the host per step.
"""

from __future__ import annotations

import functools
import zlib

import numpy as np
import torch
import torch.nn.functional as F


def epoch_seed(seed: int, epoch: int, stream: str) -> int:
    """The seed of one stream of randomness ('shuffle', 'steps', ...) in one epoch of a run
    seeded ``seed``: a hash of all three (numpy's SeedSequence), so no two (seed, epoch)
    pairs share a stream, as ``seed * 1000 + epoch`` made (0, 1000) and (1, 0) do."""
    key = (epoch, zlib.crc32(stream.encode()))
    return int(np.random.SeedSequence(seed, spawn_key=key).generate_state(1, np.uint64)[0])


def _linear_weights(n_in: int, n_out: int) -> torch.Tensor:
    """(n_in, n_out) matrix of 1-D linear interpolation, as ``interpolate`` computes it.

    Made by interpolating the identity (in float64), so it uses exactly the
    ``align_corners=False`` coordinates of ``F.interpolate``.
    """
    eye = torch.eye(n_in, dtype=torch.float64).view(n_in, 1, n_in)
    return F.interpolate(eye, size=n_out, mode="linear", align_corners=False).view(n_in, n_out)


@functools.lru_cache(maxsize=16)
def _resize_matrices(h_in: int, w_in: int, h: int, w: int):
    # 1/255 is folded into the width weights. Shrinking them by 2**-21 (5e-7, more than the
    # few float32 roundings of the two products can add) keeps a white pixel at or below 1,
    # so no clamp pass over the output is needed.
    cols = (_linear_weights(w_in, w) * ((1 - 2**-21) / 255)).float()
    rows = _linear_weights(h_in, h).t().contiguous().float()
    return rows, cols


def resize_on_device(images: torch.Tensor, size: tuple[int, int] | None) -> torch.Tensor:
    """uint8 (B, H, W) -> float (B, 1, h, w) in [0, 1], bilinear like torchvision's Resize.

    Scaling by 1/255 matches ``ToTensor``; ``align_corners=False`` matches PIL's
    pixel-centre convention, so the result equals ``Resize`` + ``ToTensor`` within 1/255.
    On the CPU, enlarging is done as two matrix products (bilinear is linear along the
    rows, then along the columns), which is faster there than ``F.interpolate`` and equal to
    it within 3e-6; elsewhere ``F.interpolate`` runs as one fused kernel.
    """
    h_in, w_in = images.shape[-2:]
    if size is None or tuple(size) == (h_in, w_in):
        return images.unsqueeze(1).float().div_(255)
    h, w = size
    if _by_matrices(images, h, w):
        rows, cols = _resize_matrices(h_in, w_in, h, w)
        x = (images.reshape(-1, w_in).float() @ cols).view(-1, h_in, w)
        return torch.matmul(rows, x).unsqueeze(1)
    x = images.unsqueeze(1).float().div_(255)
    antialias = h < h_in or w < w_in
    x = F.interpolate(x, size=(h, w), mode="bilinear", align_corners=False,
                      antialias=antialias)
    # Bilinear weights are non-negative and sum to one, so values stay in [0, 1] up to
    # rounding; the clamp is kept only for the (rare) antialiased downsampling.
    return x.clamp_(0, 1) if antialias else x


def _by_matrices(images: torch.Tensor, h: int, w: int) -> bool:
    """Whether to resize by two matrix products: when enlarging on the CPU."""
    h_in, w_in = images.shape[-2:]
    return images.device.type == "cpu" and h >= h_in and w >= w_in


def flip_and_shift(images: torch.Tensor, max_shift: int = 2) -> torch.Tensor:
    """Random horizontal flips and shifts of up to ``max_shift`` pixels, all on the device.

    The images are zero-padded, then each one is cut out at its own random offset with a
    single gather, so the cost does not grow with a Python loop over the batch.
    """
    b, h, w = images.shape
    dev = images.device
    flip = torch.rand(b, device=dev) < 0.5
    images = torch.where(flip[:, None, None], images.flip(-1), images)
    padded = F.pad(images, (max_shift,) * 4)
    dy = torch.randint(0, 2 * max_shift + 1, (b, 1, 1), device=dev)
    dx = torch.randint(0, 2 * max_shift + 1, (b, 1, 1), device=dev)
    rows = dy + torch.arange(h, device=dev).view(1, h, 1)
    cols = dx + torch.arange(w, device=dev).view(1, 1, w)
    return padded[torch.arange(b, device=dev).view(b, 1, 1), rows, cols]


class DeviceLoader:
    """Batches from a uint8 tensor kept on the device: shuffle, gather, scale, resize there.

    Iterating once is one epoch. The order depends only on ``seed`` and ``epoch`` (a
    Trainer sets both: its own seed, and each epoch), so a resumed run sees exactly the
    batches an uninterrupted one would.
    """

    def __init__(self, images, labels, batch_size, resize, shuffle, seed=0, augment=False):
        self.images, self.labels = images, labels
        self.batch_size, self.resize, self.shuffle = batch_size, resize, shuffle
        self.seed, self.epoch = seed, 0
        self.augment = augment
        self.rank, self.world_size = 0, 1

    def shard(self, rank: int, world_size: int) -> None:
        """Data-parallel: this process takes every ``world_size``-th example of each epoch,
        in batches of ``batch_size / world_size`` (rounded up), so the ranks' batch ``i``
        together are the unsharded loader's batch ``i`` when ``world_size`` divides the
        batch size and the number of examples. Every rank gets as many batches (a few
        examples an epoch are left out where the number of examples does not divide)."""
        self.rank, self.world_size = rank, world_size
        self.batch_size = -(-self.batch_size // world_size)

    @property
    def device(self):
        return self.images.device

    def _num_examples(self):
        return len(self.labels) // self.world_size

    def __len__(self):
        return -(-self._num_examples() // self.batch_size)

    def set_epoch(self, epoch: int) -> None:
        self.epoch = epoch

    def __iter__(self):
        n = len(self.labels)
        if self.shuffle:
            # Generated on the CPU (cheap, identical on every device), then moved once.
            g = torch.Generator().manual_seed(epoch_seed(self.seed, self.epoch, "shuffle"))
            order = torch.randperm(n, generator=g).to(self.device, non_blocking=True)
        else:
            order = torch.arange(n, device=self.device)
        if self.world_size > 1:  # equal shares, so every process runs the same steps
            order = order[self.rank:self._num_examples() * self.world_size:self.world_size]
        for b in range(len(self)):
            idx = order[b * self.batch_size:(b + 1) * self.batch_size]
            images = self.images[idx]
            if self.augment:
                images = flip_and_shift(images)
            yield resize_on_device(images, self.resize), self.labels[idx]
