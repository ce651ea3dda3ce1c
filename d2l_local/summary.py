"""Inspect a network: per-layer shapes, parameters, FLOPs and memory; the smallest input
it accepts; sums by kind of layer; arithmetic intensity; receptive fields; the memory a
training step keeps."""

from __future__ import annotations

import copy
import math

import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from .hardware import median_seconds
from .layers import evaluating, has_uninitialized_params


def _count_flops(fn) -> int:
    with FlopCounterMode(display=False) as counter:
        fn()
    return counter.get_total_flops()


def _leaves(model: nn.Module):
    return [(name, m) for name, m in model.named_modules() if len(list(m.children())) == 0]


def _device(model: nn.Module):
    return next((p.device for p in model.parameters()
                 if not isinstance(p, nn.parameter.UninitializedParameter)),
                torch.device("cpu"))


def layer_table(model: nn.Module, input_shape, verbose: bool = True):
    """One record per leaf layer for an input of ``input_shape``; prints a table too.

    FLOPs come from ``torch.utils.flop_counter.FlopCounterMode`` (a multiply-add counts
    as two), run on each layer with the input it actually received. Activation memory
    is the size of the layer's output at float32. Returns a pandas DataFrame.
    """
    import pandas as pd

    records, handles = [], []

    def hook(name):
        def record(module, inputs, output):
            params = sum(p.numel() for p in module.parameters(recurse=False))
            flops = _count_flops(lambda: module.forward(*inputs))  # no hooks: no recursion
            records.append({
                "layer": name, "type": type(module).__name__,
                "input shape": tuple(inputs[0].shape),
                "output shape": tuple(output.shape), "parameters": params,
                "forward FLOPs": flops,
                "activation MiB": output.numel() * output.element_size() / 2**20,
            })
        return record

    for name, module in _leaves(model):
        handles.append(module.register_forward_hook(hook(name)))
    try:
        with evaluating(model), torch.no_grad():
            model(torch.zeros(input_shape, device=_device(model)))
    finally:
        for h in handles:
            h.remove()
    table = pd.DataFrame.from_records(records)
    if verbose:
        from . import config
        from .locales import LANGUAGES
        config.print_in_every_language({lang: _summary_text(records, table, lang)
                                        for lang in LANGUAGES}, wrap=False)
    return table


def _width(text: str) -> int:
    """Columns ``text`` takes in a monospaced font (a CJK character takes two)."""
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _row(*cells) -> str:
    """Cells (text, width, '<' or '>') padded to their widths, CJK characters counted twice."""
    return "".join(text + " " * (width - _width(text)) if align == "<"
                   else " " * (width - _width(text)) + text for text, width, align in cells)


def _summary_text(records, table, lang: str) -> str:
    """The layer table as printed: its headings in ``lang``, its numbers written as that
    language writes them."""
    from .locales import CATALOGS, format_in
    words = CATALOGS[lang]
    lines = [_row((words["table_layer"], 10, "<"), (words["table_output_shape"], 19, "<"),
                  (words["table_parameters"], 12, ">"), ("MFLOPs", 10, ">"))]
    for r in records:
        shape = "x".join(str(d) for d in r["output shape"])
        lines.append(_row((r["type"], 10, "<"), (shape, 19, "<"),
                          (format_in(lang, "{v:,}", v=r["parameters"]), 12, ">"),
                          (format_in(lang, "{v:.1f}", v=r["forward FLOPs"] / 1e6), 10, ">")))
    lines.append(_row((words["memory_total"], 10, "<"), ("", 19, "<"),
                      (format_in(lang, "{v:,}", v=int(table["parameters"].sum())), 12, ">"),
                      (format_in(lang, "{v:.1f}", v=table["forward FLOPs"].sum() / 1e6), 10, ">")))
    return "\n".join(lines)


def model_flops(model: nn.Module, input_shape) -> dict:
    """Forward and forward+backward FLOPs of the whole model for ``input_shape``."""
    x = torch.randn(input_shape, device=_device(model))
    with evaluating(model):
        if has_uninitialized_params(model):
            with torch.no_grad():
                model(x)
        forward = _count_flops(lambda: model(x))
        model.zero_grad(set_to_none=True)
        both = _count_flops(lambda: model(x).sum().backward())
        model.zero_grad(set_to_none=True)
    return {"forward": forward, "forward_backward": both}


def _fresh_copy(model: nn.Module) -> nn.Module:
    # A model with lazy layers adapts to any input; a materialised one is rebuilt from
    # its hyperparameters when it can be, so the search is not tied to its first input.
    if has_uninitialized_params(model):
        return copy.deepcopy(model)
    hparams = getattr(model, "hparams", None)
    if hparams is not None:
        try:
            return type(model)(**hparams)
        except TypeError:
            pass
    return copy.deepcopy(model)


_SMALLEST: dict = {}


def smallest_input_size(model: nn.Module, in_channels: int = 1, max_size: int = 1024):
    """The smallest square input side the network accepts, found by trying sizes upward.

    Returns None if no size up to ``max_size`` works. The result is cached per model type
    and hyperparameters.
    """
    hparams = getattr(model, "hparams", None)
    key = None if hparams is None else (type(model).__name__, repr(sorted(hparams.items())),
                                          in_channels)
    if key in _SMALLEST:
        return _SMALLEST[key]
    template = _fresh_copy(model).cpu().eval()
    found = None
    for size in range(1, max_size + 1):
        trial = copy.deepcopy(template)
        try:
            with torch.no_grad():
                trial(torch.zeros(1, in_channels, size, size))
        except RuntimeError:
            continue
        found = size
        break
    if key is not None:  # only models described by their hyperparameters are cached
        _SMALLEST[key] = found
    return found


def check_input_fits(model, resize, in_channels=1):
    """Raise a ValueError that names the smallest size when ``resize`` is too small."""
    smallest = smallest_input_size(model, in_channels=in_channels)
    if smallest is not None and min(resize) < smallest:
        raise ValueError(f"resize={tuple(resize)} is too small for {type(model).__name__}: "
                         f"its layers need inputs of at least {smallest}x{smallest} pixels.")
    return smallest


def size_trace(model, size, in_channels=1):
    """Output shape after each layer of ``model.net`` for a square input (None once it fails)."""
    net = copy.deepcopy(model).net
    x = torch.zeros(1, in_channels, size, size)
    trace = []
    with torch.no_grad():
        for layer in net:
            try:
                x = layer(x)
            except RuntimeError:
                trace.append((type(layer).__name__, None))
                break
            trace.append((type(layer).__name__, tuple(x.shape[1:])))
    return trace


def conv_vs_dense(table):
    """Parameters, forward FLOPs, activation and weight memory summed by kind of layer."""
    kind = table["type"].map({"Conv2d": "convolutions", "Linear": "dense"}).fillna("other")
    out = table.assign(kind=kind).groupby("kind")[
        ["parameters", "forward FLOPs", "activation MiB"]].sum()
    out["weights MiB"] = out["parameters"] * 4 / 2**20  # fp32
    return out


def layer_groups(table):
    """The sums of :func:`conv_vs_dense` as plain numbers, for gluing into prose."""
    g = conv_vs_dense(table)
    return {
        "conv_params": int(g.loc["convolutions", "parameters"]),
        "dense_params": int(g.loc["dense", "parameters"]),
        "conv_flops": int(g.loc["convolutions", "forward FLOPs"]),
        "dense_flops": int(g.loc["dense", "forward FLOPs"]),
    }


def arithmetic_intensity(table, batch_size, bytes_per_value=4):
    """FLOPs per byte moved for each weighted layer at ``batch_size``.

    Bytes are the layer's weights (read once per batch) plus its input and output
    activations for the whole batch; FLOPs are its forward FLOPs for the batch.
    """
    import pandas as pd
    rows = []
    for r in table.to_dict("records"):
        if r["type"] not in ("Conv2d", "Linear"):
            continue
        in_numel = math.prod(r["input shape"][1:])
        out_numel = math.prod(r["output shape"][1:])
        moved = (r["parameters"] + batch_size * (in_numel + out_numel)) * bytes_per_value
        rows.append({"layer": r["layer"], "type": r["type"],
                     "FLOPs/byte": r["forward FLOPs"] * batch_size / moved})
    return pd.DataFrame(rows).set_index("layer")


def receptive_fields(model, input_size=224, in_channels=1):
    """Per layer of ``model.net`` that has a kernel: its kernel, stride and padding, the
    output side for a square input of ``input_size``, the *jump* (input pixels between
    neighbouring outputs) and the *receptive field* (input pixels one output depends on).

    The rules: a layer with kernel k and stride s grows the receptive field by
    (k - 1) times the jump so far, and multiplies the jump by s.
    """
    import pandas as pd
    rows, jump, field, side = [], 1, 1, input_size
    for name, layer in model.net.named_children():
        k, s, p = (getattr(layer, a, None) for a in ("kernel_size", "stride", "padding"))
        if k is None:
            continue
        k, s, p = (v[0] if isinstance(v, tuple) else v for v in (k, s, p))
        side = (side + 2 * p - k) // s + 1
        field += (k - 1) * jump
        jump *= s
        kind = "conv" if isinstance(layer, nn.modules.conv._ConvNd) else "pool"
        rows.append({"layer": f"net.{name}", "kind": kind, "kernel": k, "stride": s,
                     "padding": p, "output side": side, "jump": jump,
                     "receptive field": field})
    return pd.DataFrame(rows).set_index("layer")


def training_memory(model, input_shape, batch_size, optimizer_states=1, bytes_per_value=4):
    """Bytes a training step keeps in memory, by item, for batches of ``batch_size``.

    Weights, their gradients, ``optimizer_states`` tensors of the weights' size (1 for
    SGD with momentum, 2 for Adam) and the activations kept for the backward pass,
    counted as every layer's output once (per image, times the batch). Workspace of the
    convolution kernels and the framework's own overhead are not counted.
    """
    table = layer_table(model, (1, *input_shape[1:]) if len(input_shape) == 4
                        else input_shape, verbose=False)
    params = int(table["parameters"].sum())
    per_image = sum(math.prod(s[1:]) for s in table["output shape"])
    weights = params * bytes_per_value
    return {"weights": weights, "gradients": weights,
            "optimizer state": optimizer_states * weights,
            "activations": batch_size * per_image * bytes_per_value}


def time_forward(model, batch, size, device, repeat=3):
    """Median seconds of a no-grad forward pass of ``batch`` random images of ``size`` pixels."""
    model = model.to(device)
    x = torch.rand(batch, 1, size, size, device=device)
    with evaluating(model), torch.no_grad():
        return median_seconds(lambda: model(x), device, repeat)


# the labels of a table of training_memory's items, and the catalog sentence of each
MEMORY_LABELS = {"weights": "memory_weights", "gradients": "memory_gradients",
                 "optimizer state": "memory_optimizer_state", "activations": "memory_activations",
                 "total": "memory_total", "this chapter's network": "memory_ours",
                 "the 2012 paper's network": "memory_paper"}  # the model page's columns


# the labels of the tables the pages show (layer tables, receptive fields, the first-layer
# page's spans), each with its catalog sentence: a DataFrame displayed in a notebook shows
# them in the reader's language (label_tables_in_notebooks)
TABLE_LABELS = {label: f"table_{key}" for key, label in (
    ("layer", "layer"), ("type", "type"), ("input_shape", "input shape"),
    ("output_shape", "output shape"), ("parameters", "parameters"),
    ("forward_flops", "forward FLOPs"), ("activation_mib", "activation MiB"),
    ("kind", "kind"), ("kernel", "kernel"), ("stride", "stride"), ("padding", "padding"),
    ("output_side", "output side"), ("jump", "jump"), ("receptive_field", "receptive field"),
    ("enlargement", "enlargement"), ("spanned", "directions spanned (of 121)"),
    ("random_pixels", "same, random pixels"), ("top9", "energy in the top 9"),
    ("for999", "directions for 99.9%"), ("image_side", "image side"),
    ("original_pixels", "original pixels"), ("independent_functions", "independent functions"),
    ("nearest_spanned", "nearest: directions spanned"),
    ("bilinear_spanned", "bilinear: directions spanned"),
    ("bicubic_spanned", "bicubic: directions spanned"),
    # the columns of the trainer's history (d2l.history_table) and of the experiments'
    # tables: code names, which a translation keeps beside its words, since the code that
    # follows a table selects its columns by them
    ("epoch", "epoch"), ("train_loss", "train_loss"), ("train_acc", "train_acc"),
    ("val_loss", "val_loss"), ("val_acc", "val_acc"), ("images_per_s", "images_per_s"),
    ("epoch_s", "epoch_s"), ("experiment", "experiment"), ("epochs", "epochs"),
    ("images_s", "images/s"), ("peak_mib", "peak MiB"), ("seconds", "seconds"),
    ("cut", "cut"), ("gap", "gap"),
    # the model page's gradient table and shape trace
    ("relu", "relu"), ("sigmoid", "sigmoid"), ("ratio", "ratio"),
    ("input_relu", "input, relu"), ("input_sigmoid", "input, sigmoid"),
    ("output_chw", "output (C, H, W)"),
    # the exercises' sums by kind of layer and arithmetic intensity
    ("convolutions", "convolutions"), ("dense", "dense"), ("other", "other"),
    ("weights_mib", "weights MiB"), ("batch_1", "batch 1"), ("batch_128", "batch 128"),
    # the visualize page's table of stages and the explorer's timings
    ("channels", "channels"), ("map_side", "map side"),
    ("rf_side", "receptive field side"), ("silent_channels", "silent channels"),
    ("top8_agreement", "top-8 class agreement"), ("image", "image"), ("channel", "channel"),
    ("unit", "unit"), ("top_images_first", "top images, first time"),
    ("attribute_occlusion", "attribute occlusion"),
    ("attribute_ig", "attribute integrated gradients"), ("wall", "wall"), ("cpu", "cpu"),
    # the names of the values that pages show as a dict (dict_table), and its column
    ("value", "value"), ("forward_gflops", "forward GFLOPs"),
    ("ms_per_batch", "ms per batch of 64"), ("training_images", "training images"),
    ("fraction_zeroed", "fraction zeroed"), ("largest_value", "largest value"),
    ("mean_training", "mean in training"), ("mean_evaluation", "mean in evaluation"),
    ("random_agreement", "top-8 class agreement, eight random images"),
    ("output_change", "largest change of a first-layer output"),
    ("predictions_unchanged", "test predictions unchanged"),
    ("outside_size", "size of the outside part"),
    ("pixels_per_window", "original pixels per window"),
    ("functions_are_pixels", "every window: functions = pixels"), ("windows", "windows"),
    ("alexnet_tflops", "AlexNet TFLOP/s"), ("product_tflops", "matrix product TFLOP/s"),
    ("matrix_size", "matrix size"), ("share", "share"),
    ("change_inside", "change inside the span"), ("change_outside", "change outside the span"),
    ("basis_products", "products"), ("products_rank", "rank of the products"),
    ("products_outside", "largest share outside the measured span"), ("optimiser", "optimiser"),
    ("faint_step", "share of the step in the faint directions"),
    # exercise 7: which flips make images the data set holds
    ("class_name", "class"), ("closer_mirrored", "closer to the class mean than mirrored"),
    ("closer_upside_down", "closer to the class mean than upside down"))}
# the words a table holds as values, shown in the reader's language like its labels (the
# receptive-field table's kind of layer); the frame keeps them as the code wrote them
TABLE_VALUES = {"conv": "table_value_conv", "pool": "table_value_pool"}


class LabelledTable:
    """A table whose row and column labels are shown in the reader's language.

    ``labels`` maps an English label to its catalog sentence; ``words(label, language)``,
    where given, names the rows that ``labels`` lacks (None: as they are); other labels
    (names, numbers) are shown as they are. In a notebook it is the table in the reader's language;
    in the static book it is HTML holding every language, of which the page's stylesheet
    shows the one matching the page's ``lang`` (one execution, three editions).
    """

    def __init__(self, frame, labels, words=None, as_text=False):
        self.frame, self.labels, self.words = frame, dict(labels), words
        self.as_text = as_text  # every value written out (a column of mixed values)

    def in_language(self, language: str):
        from .locales import CATALOGS, CLASS_NAMES
        # and Fashion-MNIST's classes, where a table is indexed by them
        names = {**CLASS_NAMES[language],
                 **{k: CATALOGS[language][v] for k, v in self.labels.items()}}
        if self.words is not None:  # the rows' names as the figures name them (batch 32)
            for label in self.frame.index:
                if isinstance(label, str) and label not in names:
                    names[label] = self.words(label, language) or label
        frame = self.frame.rename(index=names, columns=names)
        for axis in (frame.index, frame.columns):  # and the names of the index
            axis.names = [names.get(n, n) for n in axis.names]
        import pandas as pd
        from pandas.api.types import is_object_dtype, is_string_dtype
        values = {k: CATALOGS[language][v] for k, v in TABLE_VALUES.items()}
        words = [i for i, dtype in enumerate(frame.dtypes)
                 if is_object_dtype(dtype) or is_string_dtype(dtype)]
        if words:
            frame = frame.copy()
            for i in words:  # (a column of mixed numbers stays as it was: 2048, not 2048.0)
                column = frame.iloc[:, i]
                frame.isetitem(i, pd.Series(
                    [values.get(v, v) if isinstance(v, str) else v for v in column],
                    index=column.index, dtype=column.dtype))
        return frame

    def shown_in(self, language: str):
        """:meth:`in_language` with its numbers written as ``language`` writes them: a
        Vietnamese reader takes pandas' 380.407 for three hundred eighty thousand (0,883 and
        5.000 in Vietnamese), and counts from five digits on grouped (61,706; 61.706 in
        Vietnamese) as the prose writes them, with the four-digit counts of their column.
        Only what is shown: the frame keeps its numbers."""
        import pandas as pd

        from .locales import CATALOGS, format_in
        frame = self.in_language(language)
        words = {True: CATALOGS[language]["value_true"],
                 False: CATALOGS[language]["value_false"]}
        english_digits = format_in(language, "{v}", v=0.5) == "0.5"
        large = frame.select_dtypes("integer").abs().ge(10_000).any().any()
        if (english_digits and not self.as_text and not large
                and not frame.dtypes.eq(object).any()):
            return frame  # nothing to rewrite: pandas writes it as the language does

        if not self.as_text:
            # a column of fractions with the digits pandas would show (1.067871, 0.100 beside
            # 0.090, 0.00 under 14.21, 1.44e-07 in a column of its own kind), in the
            # language's symbols
            from pandas.api.types import is_float_dtype
            from pandas.io.formats.format import format_array

            from .locales import number_symbols
            symbols = number_symbols(language)
            frame = frame.copy()
            for i, dtype in enumerate(frame.dtypes):
                if is_float_dtype(dtype):
                    frame[frame.columns[i]] = [
                        text.strip().translate(symbols)
                        for text in format_array(frame.iloc[:, i].to_numpy(), None)]

        def written(value, grouped_from, decimals=None):
            if isinstance(value, bool):
                return words[value]
            if _whole(value) and abs(value) >= grouped_from:  # 61,706 as the prose writes it
                return format_in(language, "{v:,}", v=int(value))
            if decimals is not None and _fraction(value) and value == value:
                grouping = "," if abs(value) >= grouped_from else ""
                return format_in(language, f"{{v:{grouping}.{decimals}f}}", v=value)
            # as_text: every value written out (pandas would write 2048 as 2048.00000
            # beside 0.09095); else the fractions, where the language writes them its way
            if self.as_text or (_fraction(value) and value == value and not english_digits):
                return format_in(language, "{v}", v=value)
            return value

        shown = frame.astype(object)
        for i in range(frame.shape[1]):
            # a column that groups one count groups its four-digit ones too (16,556 above
            # 9,245, not 9245), and a column gives its fractions the decimals of the one
            # with most (35.10 above 68.96 in a rounded table's column of objects, where
            # pandas writes 35.1), so that a column reads as one format
            values = shown.iloc[:, i]
            grouped_from = 1_000 if any(_whole(v) and abs(v) >= 10_000 for v in values) \
                else 10_000
            decimals = None
            if not self.as_text:  # (six at most, as pandas shows a column of objects)
                decimals = max((len(f"{v:.6f}".rstrip("0").partition(".")[2])
                                for v in values if _fraction(v) and v == v), default=None)
            shown.isetitem(i, pd.Series([written(v, grouped_from, decimals) for v in values],
                                        index=shown.index, dtype=object))
        return shown

    def _repr_html_(self):
        from . import config
        from .locales import in_every_language
        if not config.static_book():
            return self.shown_in(config.language())._repr_html_()
        return in_every_language(lambda lang: self.shown_in(lang).to_html())

    def __repr__(self):
        from . import config
        return repr(self.shown_in(config.language()))


def _whole(value) -> bool:
    """Whether ``value`` is an integer (not a bool): a count, written with its thousands
    grouped from five digits on (a year or 2048 stays as it is)."""
    import numbers
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _fraction(value) -> bool:
    """Whether ``value`` is a number written with a decimal point (a float, not an int)."""
    import numbers
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, numbers.Integral))


def _readable(value):
    """A value of a dict as :func:`dict_table` shows it: fractions to four significant
    digits (one decimal from 100 on), everything else as it is."""
    if _fraction(value) and value == value and abs(value) not in (0, float("inf")):
        return round(value, 1) if abs(value) >= 100 else float(f"{value:.4g}")
    return value


def dict_table(mapping):
    """A dict of named values (``{"fraction zeroed": 0.5, ...}``, a page's last line) as a
    table of one column, named in the reader's language: or None where none of its names
    is one that :data:`TABLE_LABELS` translates, or a value is not a single value (a list,
    a tensor), for which the dict shows as Python writes it."""
    import numbers

    import pandas as pd

    single = (numbers.Number, str, tuple)
    if not mapping or not all(isinstance(v, single) for v in mapping.values()):
        return None
    if not {*TABLE_LABELS, *_class_names()} & {k for k in mapping if isinstance(k, str)}:
        return None
    column = pd.Series({k: _readable(v) for k, v in mapping.items()}, dtype=object)
    return LabelledTable(column.to_frame("value"), TABLE_LABELS, as_text=True)


def has_fractions(frame) -> bool:
    """Whether ``frame`` shows a number with a decimal point (which some languages write
    with a comma)."""
    return any(map(_fraction, frame.to_numpy().ravel()))


def known_labels(frame) -> set:
    """The labels of ``frame`` that :data:`TABLE_LABELS` translates (or Fashion-MNIST's
    class names)."""
    found = {*map(str, frame.columns), *frame.columns.names, *frame.index.names}
    if frame.index.dtype == object:
        found |= set(map(str, frame.index))
    return found & {*TABLE_LABELS, *_class_names()}


def _class_names() -> set:
    """Fashion-MNIST's classes as English names them (the translations' keys)."""
    from .locales import CLASS_NAMES
    return {name for names in CLASS_NAMES.values() for name in names}


def memory_table(frame) -> LabelledTable:
    """A table of :func:`training_memory`'s items (rows, and a "total"), one column per
    network, labelled in the reader's language."""
    return LabelledTable(frame, MEMORY_LABELS)
