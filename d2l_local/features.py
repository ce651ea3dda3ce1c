"""What a first convolution layer can learn: the space its input patches span.

A convolution filter's gradient is a weighted sum of the input patches it sees, so plain
gradient descent (no weight decay) only ever moves a filter inside the span of those
patches; whatever part of the filter lies outside keeps its random start. Upsampled
images have smooth patches that span few dimensions. These helpers measure that span on
real images and split trained filters into their inside and outside parts.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F

from .loader import resize_on_device


def patch_gram(images, size, kernel=11, stride=4, padding=1, chunk=256):
    """Sum of ``p p^T`` over every ``kernel`` x ``kernel`` patch a convolution with this
    stride and padding sees in ``images`` (uint8, N x 28 x 28) enlarged to ``size``.

    Returns (Gram matrix in float64, number of patches). Its eigenvalues are the squared
    singular values of the (patches x pixels) matrix, without building that matrix.
    """
    d = kernel * kernel
    gram = torch.zeros(d, d, dtype=torch.float64)
    count = 0
    for start in range(0, len(images), chunk):
        x = resize_on_device(images[start:start + chunk].cpu(), (size, size)).double()
        p = F.unfold(x, kernel_size=kernel, stride=stride, padding=padding)  # (B, d, L)
        p = p.transpose(1, 2).reshape(-1, d)
        gram += p.T @ p
        count += len(p)
    return gram, count


@dataclass
class PatchSpace:
    """The span of a layer's input patches: its basis (columns, most energy first), the
    energy along each direction, and the numerical rank."""

    size: int
    basis: torch.Tensor  # (k*k, k*k) orthonormal columns
    energy: torch.Tensor  # (k*k,) eigenvalues of the Gram matrix, descending
    patches: int

    @property
    def rank(self) -> int:
        """Directions with energy above 1e-12 of the largest: the dimension of the span."""
        return int((self.energy > self.energy[0] * 1e-12).sum())

    def share(self, k: int) -> float:
        """Fraction of all patch energy in the top ``k`` directions."""
        return float(self.energy[:k].sum() / self.energy.sum())

    def directions_for(self, fraction: float) -> int:
        """How many top directions hold ``fraction`` of the energy."""
        cumulative = self.energy.cumsum(0) / self.energy.sum()
        return int((cumulative < fraction).sum()) + 1


def patch_space(images, size, kernel=11, stride=4, padding=1) -> PatchSpace:
    """The :class:`PatchSpace` of ``images`` enlarged to ``size`` (see :func:`patch_gram`)."""
    gram, count = patch_gram(images, size, kernel, stride, padding)
    energy, vectors = torch.linalg.eigh(gram)
    order = energy.argsort(descending=True)
    return PatchSpace(size, vectors[:, order], energy[order].clamp(min=0), count)


def split_filters(weight, space: PatchSpace, rank: int | None = None):
    """Each filter split into its part inside the patches' span and the rest (the part
    gradient descent cannot change). ``weight`` is (out, 1, k, k); returns two such."""
    rank = space.rank if rank is None else rank
    basis = space.basis[:, :rank].to(weight.dtype)
    flat = weight.detach().reshape(len(weight), -1).cpu()
    inside = flat @ basis @ basis.T
    return inside.view_as(weight), (flat - inside).view_as(weight)
