"""The chapter's models: AlexNet (one stream, single-channel input) and LeNet."""

from __future__ import annotations

import torch
from torch import nn

from .checks import (
    ACTIVATIONS,
    OPTIMIZERS,
    SCHEDULES,
    check_choice,
    check_dropout,
    check_lr,
    check_positive_int,
)
from .core import Classifier
from .layers import init_cnn


def activation_layer(name: str) -> nn.Module:
    """``'relu'`` or ``'sigmoid'`` as a layer."""
    name = check_choice("activation", name, ACTIVATIONS)
    return nn.ReLU() if name == "relu" else nn.Sigmoid()


def make_optimizer(params, name: str, lr: float, fused: bool = False):
    """SGD, SGD with momentum 0.9, or Adam; ``fused`` picks the one-kernel CUDA version."""
    name = check_choice("optimizer", name, OPTIMIZERS)
    extra = {"fused": True} if fused else {}
    if name == "adam":
        return torch.optim.Adam(params, lr=lr, **extra)
    return torch.optim.SGD(params, lr=lr, momentum=0.9 if name == "momentum" else 0.0, **extra)


def make_scheduler(optimizer, name: str, lr: float, total_steps: int):
    """None for a constant learning rate; for ``'one-cycle'``, a rate that rises from
    ``lr / 25`` to ``lr`` over the first quarter of the run and then anneals towards zero
    (Smith & Topin's one-cycle policy, PyTorch's ``OneCycleLR``, stepped every batch).

    A run of fewer than three steps has no room for a cycle and keeps the rate constant;
    a short one rises over at least two steps (``OneCycleLR`` divides by the length of
    each phase)."""
    name = check_choice("schedule", name, SCHEDULES)
    if name == "constant" or total_steps < 3:
        return None
    return torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=lr, total_steps=total_steps,
                                               pct_start=max(0.25, 2 / total_steps))


class _ConfigurableClassifier(Classifier):
    def _check_common(self, lr, num_classes, dropout, act, optimizer, schedule="constant"):
        check_lr(lr)
        check_positive_int("num_classes", num_classes)
        check_dropout(dropout)
        check_choice("activation", act, ACTIVATIONS)
        check_choice("optimizer", optimizer, OPTIMIZERS)
        check_choice("schedule", schedule, SCHEDULES)

    def configure_optimizers(self, fused: bool = False):
        return make_optimizer(self.parameters(), self.optimizer, self.lr, fused=fused)

    def configure_scheduler(self, optimizer, total_steps: int):
        """The learning-rate schedule over ``total_steps`` batches (the Trainer asks)."""
        return make_scheduler(optimizer, self.schedule, self.lr, total_steps)


class AlexNet(_ConfigurableClassifier):
    """AlexNet as one stream for 1-channel images: 5 convolutions, 2 hidden FC layers.

    Fix over upstream d2l: Xavier-uniform init is applied after the first forward pass,
    when the lazy layers have their shapes (upstream's never takes effect).
    """

    def __init__(self, lr=0.1, num_classes=10, dropout=0.5, activation="relu",
                 optimizer="sgd", schedule="constant"):
        super().__init__()
        self._check_common(lr, num_classes, dropout, activation, optimizer, schedule)
        self.save_hyperparameters()
        self.net = nn.Sequential(
            nn.LazyConv2d(96, kernel_size=11, stride=4, padding=1), activation_layer(activation),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.LazyConv2d(256, kernel_size=5, padding=2), activation_layer(activation),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.LazyConv2d(384, kernel_size=3, padding=1), activation_layer(activation),
            nn.LazyConv2d(384, kernel_size=3, padding=1), activation_layer(activation),
            nn.LazyConv2d(256, kernel_size=3, padding=1), activation_layer(activation),
            nn.MaxPool2d(kernel_size=3, stride=2), nn.Flatten(),
            nn.LazyLinear(4096), activation_layer(activation), nn.Dropout(dropout),
            nn.LazyLinear(4096), activation_layer(activation), nn.Dropout(dropout),
            nn.LazyLinear(num_classes),
        )
        self.apply_init_after_first_forward(init_cnn)


class LeNet(_ConfigurableClassifier):
    """LeNet-5 as in LeCun et al. (sigmoid, average pooling), with optional ReLU and dropout.

    ``activation='relu'`` and ``dropout>0`` give the variant asked for in the exercises.
    """

    def __init__(self, lr=0.1, num_classes=10, dropout=0.0, activation="sigmoid",
                 optimizer="sgd", schedule="constant"):
        super().__init__()
        self._check_common(lr, num_classes, dropout, activation, optimizer, schedule)
        self.save_hyperparameters()
        self.net = nn.Sequential(
            nn.LazyConv2d(6, kernel_size=5, padding=2), activation_layer(activation),
            nn.AvgPool2d(kernel_size=2, stride=2),
            nn.LazyConv2d(16, kernel_size=5), activation_layer(activation),
            nn.AvgPool2d(kernel_size=2, stride=2), nn.Flatten(),
            nn.LazyLinear(120), activation_layer(activation), nn.Dropout(dropout),
            nn.LazyLinear(84), activation_layer(activation), nn.Dropout(dropout),
            nn.LazyLinear(num_classes),
        )
        self.apply_init_after_first_forward(init_cnn)
