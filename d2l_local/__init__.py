"""d2l_local: the AlexNet chapter's helper library (``import d2l_local as d2l``).

It keeps the names and call shapes of the d2l book's library (``Trainer``, ``Classifier``,
``FashionMNIST``, ...) with the data on the device, no host syncs per step, measured
throughput, and fixes for upstream bugs (see each docstring).

The modules, from the bottom up (each imports only modules above it in this list):

    locales      the editions (one list) and the sentences the code writes into their pages,
                 numbers written as each language writes them
    config       environment flags (D2L_QUICK, D2L_LANG, ...), quick mode's limits, the
                 project's folders
    checks       argument checks with messages that say what is allowed
    layers       weight init, lazy-layer state, evaluation mode
    metrics      the confusion matrix
    hardware     devices: choose, name, time; their peak and measured arithmetic rates
    speed        the speed options (bf16, channels_last, ...) and when they pay
    scales       quick, CPU full size, GPU full size: which one runs, and each one's sizes
    summary      per-layer shapes, parameters, FLOPs; the smallest input, receptive
                 fields, sums by kind of layer, a training step's memory, a forward's time
    core         d2l's Module, Classifier, DataModule, HyperParameters
    models       AlexNet, LeNet, and the optimizers and schedules they configure
    figtext      a figure's words in each language, its text alternative, its output
    plotting     ProgressBoard, image grids, curves, confusion matrices
    files        Fashion-MNIST's files: find, download, verify, read; atomic writes
    loader       device batches: resize, augmentation
    data         FashionMNIST, the DataModule
    features     what a first layer can learn: the span of its input patches
    figures      the chapter's one-off figures
    distributed  data-parallel processes: spawned here or launched by torchrun
    training     the Trainer (alone or data-parallel), the history table
    trained      the training page's recipe at each scale, and its trained network kept
                 on this machine for the pages after it
    train        the command line: python -m d2l_local.train, alone or under torchrun
    experiments  one run measured and recorded, with a Stop; several runs tabulated
    results      full-size runs written to and read from results/
    book         glue numbers and sentences into the pages, say how a page was run and
                 what its experiments found
    runs         the training panel without widgets: settings, a run, the runs table
    widgets      the TrainingPanel's view (imported on first use: it needs ipywidgets)
    lessons      lesson plans for teachers, timed from results/timings-*.json
    explorer     the LayerExplorer: what each layer responds to (imported on first use)
    lab          the project's JupyterLab server: pages open unmodified (server only)
"""

from . import book, experiments, features, figures, lessons, results, runs, scales, trained
from .config import project_root, quick_mode, results_dir
from .core import Classifier, DataModule, HyperParameters, Module
from .data import TEXT_LABELS, FashionMNIST
from .files import DataError, load_fashion_mnist
from .hardware import (
    conv_tflops,
    cpu,
    describe_device,
    gpu,
    matmul_tflops,
    measured_rates,
    num_gpus,
    throughput_table,
    try_all_gpus,
    try_gpu,
)
from .layers import init_cnn
from .loader import resize_on_device
from .metrics import confusion_matrix
from .models import AlexNet, LeNet
from .plotting import (
    ProgressBoard,
    plot_confusion,
    plot_histories,
    plot_history,
    show_filters,
    show_images,
)
from .speed import Speed
from .summary import layer_table, model_flops, smallest_input_size, time_forward
from .training import DeviceOutOfMemory, Trainer, TrainingDiverged, history_table

__all__ = [
    "book", "experiments", "features", "figures", "lessons", "results", "runs", "scales",
    "trained",
    "AlexNet", "Classifier", "DataError", "DataModule", "DeviceOutOfMemory", "FashionMNIST",
    "HyperParameters", "LeNet", "Module", "ProgressBoard", "Speed", "TEXT_LABELS", "Trainer",
    "TrainingDiverged", "confusion_matrix", "conv_tflops", "cpu", "describe_device", "gpu",
    "history_table", "init_cnn", "layer_table", "load_fashion_mnist", "matmul_tflops",
    "measured_rates", "model_flops", "num_gpus", "plot_confusion", "plot_histories", "plot_history",
    "project_root", "quick_mode", "resize_on_device", "results_dir", "show_filters",
    "show_images", "smallest_input_size", "throughput_table", "time_forward", "try_all_gpus",
    "try_gpu",
]


def __getattr__(name):  # the widget views import ipywidgets only when asked for
    if name == "TrainingPanel":
        from .widgets import TrainingPanel
        return TrainingPanel
    if name == "LayerExplorer":
        from .explorer import LayerExplorer
        return LayerExplorer
    if name == "explorer":  # its functions, without ipywidgets
        import importlib
        return importlib.import_module(".explorer", __name__)
    raise AttributeError(f"module 'd2l_local' has no attribute {name!r}")
