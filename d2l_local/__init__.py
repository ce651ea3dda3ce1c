"""d2l_local: the AlexNet chapter's helper library (``import d2l_local as d2l``).

It keeps the names and call shapes of the d2l book's library (``Trainer``, ``Classifier``,
``FashionMNIST``, ...) with the data on the device, no host syncs per step, measured
throughput, and fixes for upstream bugs (see each docstring).
"""

from . import book, chapter, results
from .config import project_root, quick_mode, results_dir
from .core import Classifier, DataModule, HyperParameters, Module, init_cnn
from .data import TEXT_LABELS, DataError, FashionMNIST, load_fashion_mnist, resize_on_device
from .hardware import (
    conv_tflops,
    cpu,
    describe_device,
    gpu,
    matmul_tflops,
    num_gpus,
    throughput_table,
    try_all_gpus,
    try_gpu,
)
from .models import AlexNet, LeNet
from .plotting import (
    ProgressBoard,
    confusion_matrix,
    plot_confusion,
    plot_history,
    show_filters,
    show_images,
)
from .summary import layer_table, model_flops, smallest_input_size
from .training import DeviceOutOfMemory, Trainer, TrainingDiverged, history_table

__all__ = [
    "book", "chapter", "results",
    "AlexNet", "Classifier", "DataError", "DataModule", "DeviceOutOfMemory", "FashionMNIST",
    "HyperParameters", "LeNet", "Module", "ProgressBoard", "TEXT_LABELS", "Trainer",
    "TrainingDiverged", "confusion_matrix", "conv_tflops", "cpu", "describe_device", "gpu",
    "history_table", "init_cnn", "layer_table", "load_fashion_mnist", "matmul_tflops",
    "model_flops", "num_gpus", "plot_confusion", "plot_history", "project_root",
    "quick_mode", "resize_on_device", "results_dir", "show_filters", "show_images",
    "smallest_input_size", "throughput_table", "try_all_gpus", "try_gpu",
]


def __getattr__(name):  # the widget panel imports ipywidgets only when asked for
    if name == "TrainingPanel":
        from .widgets import TrainingPanel
        return TrainingPanel
    raise AttributeError(f"module 'd2l_local' has no attribute {name!r}")
