"""Crafted features: the fixed filters (Sobel, Gabor) that vision pipelines were built on
before learned ones, and their responses to images."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F


def sobel_filters():
    """The two 3x3 Sobel kernels (horizontal and vertical intensity changes)."""
    gx = torch.tensor([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
    return torch.stack([gx, gx.T])


def gabor_filter(theta, size=11, sigma=2.5, wavelength=5.0, phase=0.0):
    """A Gabor kernel: a cosine wave at angle ``theta`` under a Gaussian envelope."""
    half = size // 2
    y, x = torch.meshgrid(torch.arange(-half, half + 1.0), torch.arange(-half, half + 1.0),
                          indexing="ij")
    xr = x * math.cos(theta) + y * math.sin(theta)
    yr = -x * math.sin(theta) + y * math.cos(theta)
    envelope = torch.exp(-(xr**2 + yr**2) / (2 * sigma**2))
    kernel = envelope * torch.cos(2 * math.pi * xr / wavelength + phase)
    return kernel - kernel.mean()


def crafted_filter_bank():
    """Names and kernels: two Sobel and four Gabor orientations, as 11x11 (zero-padded)."""
    names, kernels = [], []
    for name, k in zip(("Sobel x", "Sobel y"), sobel_filters()):
        names.append(name)
        kernels.append(F.pad(k, (4, 4, 4, 4)))
    for deg in (0, 45, 90, 135):
        names.append(f"Gabor {deg}°")
        kernels.append(gabor_filter(math.radians(deg)))
    return names, torch.stack(kernels)


def apply_filters(images, kernels):
    """Convolve (B, 28, 28) uint8 images with (K, k, k) kernels: (B, K, 28, 28) responses."""
    x = images.float().unsqueeze(1) / 255
    return F.conv2d(x, kernels.unsqueeze(1), padding=kernels.shape[-1] // 2)
