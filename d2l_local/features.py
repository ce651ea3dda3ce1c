"""What a first convolution layer can learn: the space its input patches span.

A convolution filter's gradient is a weighted sum of the input patches it sees, so plain
gradient descent, with or without momentum (no weight decay), only ever moves a filter
inside the span of those patches; whatever part of the filter lies outside keeps its random
start. Optimisers that rescale each weight's step, such as Adam, do not keep to the span.
Enlarged images have smooth patches that span few dimensions. These helpers measure that
span on real images (for any interpolation mode and any size, 65 pixels included), derive
it from the geometry of the enlargement (:func:`bends`, :func:`window_shapes`), and split
trained filters into their inside and outside parts.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F

from .loader import _linear_weights, resize_on_device


def enlarge(images, size, mode="bilinear"):
    """uint8 (N, h, w) images enlarged to ``size`` x ``size``, float64 in [0, 1]: bilinear
    as the chapter's loader does it (:func:`~d2l_local.loader.resize_on_device`), other
    modes ("nearest", "bicubic") with ``F.interpolate``."""
    if mode == "bilinear":
        return resize_on_device(images.cpu(), (size, size)).double()
    x = images.cpu().unsqueeze(1).double() / 255
    corners = {} if mode == "nearest" else {"align_corners": False}
    return F.interpolate(x, size=(size, size), mode=mode, **corners)


def patch_gram(images, size, kernel=11, stride=4, padding=1, chunk=256, mode="bilinear",
               interior=False):
    """Sum of ``p p^T`` over every ``kernel`` x ``kernel`` patch a convolution with this
    stride and padding sees in ``images`` (uint8, N x 28 x 28) enlarged to ``size``
    (by ``mode``, see :func:`enlarge`); with ``interior``, only the windows that lie wholly
    inside the image (none of their pixels in the padding).

    Returns (Gram matrix in float64, number of patches). Its eigenvalues are the squared
    singular values of the (patches x pixels) matrix, without building that matrix.
    """
    d = kernel * kernel
    gram = torch.zeros(d, d, dtype=torch.float64)
    count = 0
    for start in range(0, len(images), chunk):
        x = enlarge(images[start:start + chunk], size, mode)
        p = F.unfold(x, kernel_size=kernel, stride=stride, padding=padding)  # (B, d, L)
        if interior:
            starts = window_starts(size, kernel, stride, padding)
            inside = set(window_starts(size, kernel, stride, padding, inside_only=True))
            keep = torch.tensor([s in inside for s in starts])
            n = len(starts)
            p = p.view(len(x), d, n, n)[:, :, keep][:, :, :, keep].reshape(len(x), d, -1)
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

    def outside_share(self, vectors) -> float:
        """The largest fraction of a vector's norm outside the span, over ``vectors``
        (rows, or (n, k, k) patches): 0 when every one lies inside."""
        flat = torch.as_tensor(vectors, dtype=torch.float64).reshape(len(vectors), -1)
        basis = self.basis[:, :self.rank]
        rest = flat - flat @ basis @ basis.T
        return float((rest.norm(dim=1) / flat.norm(dim=1)).max())


def patch_space(images, size, kernel=11, stride=4, padding=1, mode="bilinear",
                interior=False) -> PatchSpace:
    """The :class:`PatchSpace` of ``images`` enlarged to ``size`` (see :func:`patch_gram`)."""
    gram, count = patch_gram(images, size, kernel, stride, padding, mode=mode,
                             interior=interior)
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


def enlarge_rows(size, original=28):
    """The (size, original) matrix that enlarges a row of ``original`` pixels to ``size``
    bilinearly (PyTorch's pixel-centre convention, as :func:`enlarge`): enlarged pixel ``j``
    of a row ``r`` is ``(M @ r)[j]``. Bilinear enlargement of an image is this matrix along
    the rows, then along the columns."""
    return _linear_weights(original, size).T


def window_starts(size, kernel=11, stride=4, padding=1, inside_only=False):
    """The first pixel of each window a convolution sees along one axis of a ``size`` row
    (negative where the window begins in the zero padding); with ``inside_only``, only the
    windows with no pixel in the padding."""
    starts = range(-padding, size + padding - kernel + 1, stride)
    return [s for s in starts if not inside_only or (s >= 0 and s + kernel <= size)]


def bends(scale, kernel=11, stride=4, padding=1, original=28):
    """Where, inside a window (0 is its first pixel), an enlarged row can bend, over all
    the windows that lie inside the image: a bilinear enlargement is straight between the
    centres of the original pixels, which sit at ``(i + 0.5) * scale - 0.5`` in enlarged
    pixels, and bends only there. Sorted positions strictly between the first and the last
    pixel of the window."""
    size = original * scale
    centres = [(i + 0.5) * scale - 0.5 for i in range(original)]
    inside = window_starts(size, kernel, stride, padding, inside_only=True)
    return sorted({c - s for c in centres for s in inside if 0 < c - s < kernel - 1})


def window_shapes(scale, kernel=11, stride=4, padding=1, original=28):
    """The shapes every row of every window inside an enlarged image is a weighted sum
    of: the row is straight between the window's ends and its :func:`bends`, so it is
    fixed by its values at those nodes, and each shape is a tent that is 1 at one node
    and falls linearly to 0 at the nodes beside it. Returns (n, kernel) float64 rows,
    n = 2 + the number of bends."""
    import numpy as np
    nodes = [0.0, *bends(scale, kernel, stride, padding, original), kernel - 1.0]
    x = np.arange(kernel)
    return torch.tensor(np.stack([np.interp(x, nodes, np.eye(len(nodes))[i])
                                  for i in range(len(nodes))]))


def basis_patches(shapes):
    """Every product of a row shape down the columns and one along the rows: (n*n, k, k)
    patches, the first ``n`` using the first shape down the columns."""
    n, k = shapes.shape
    return torch.einsum("ai,bj->abij", shapes, shapes).reshape(n * n, k, k)


def window_pixels(scale=None, start=0, kernel=11, original=28, size=None):
    """The (kernel, original) rows of :func:`enlarge_rows` that one window starting at
    ``start`` covers (``start >= 0``): how its pixels depend on the original row. The
    enlarged row has ``size`` pixels, by default ``original * scale`` (``size`` also
    allows enlargements by a fraction, such as 65 pixels from 28)."""
    size = original * scale if size is None else size
    return enlarge_rows(size, original)[start:start + kernel]
