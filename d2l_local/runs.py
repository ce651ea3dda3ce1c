"""The training panel without its widgets: its settings, checked by one rule; a run, from
settings to record; the table of runs, in each edition's language.

:mod:`d2l_local.widgets` is a view over this module. A script, a test or a teacher's
loop uses it directly, with no widget and no thread::

    record = d2l.runs.train(d2l.runs.settings(max_epochs=1, train_fraction=0.01))

Messages, labels and the table's words come from the catalogs (:mod:`d2l_local.locales`),
so that the live panel speaks the reader's language and the static book holds them all;
a record keeps its status and message in English, for code to read.
"""

from __future__ import annotations

import math
import numbers

import torch

from . import checks, config
from .book import say
from .data import FashionMNIST
from .experiments import RunInterrupted, run
from .hardware import try_gpu
from .locales import format_in
from .models import AlexNet
from .summary import smallest_input_size
from .training import Trainer

HPARAMS = ("lr", "batch_size", "max_epochs", "dropout", "activation", "optimizer",
           "schedule", "resize", "train_fraction", "device")

# The panel starts from the recipe for the machine (see the training page): the reference
# recipe where there is a GPU, the laptop recipe on a CPU. Quick mode starts it on 2,400
# training images for two epochs (what the reader leaves alone is what quick mode shrinks).
RECIPES = {
    "reference": dict(lr=0.01, batch_size=128, max_epochs=10, dropout=0.5, activation="relu",
                      optimizer="sgd", schedule="constant", resize=224, train_fraction=1.0,
                      device="auto"),
    "laptop": dict(lr=1e-3, batch_size=256, max_epochs=3, dropout=0.5, activation="relu",
                   optimizer="adam", schedule="one-cycle", resize=65, train_fraction=1.0,
                   device="auto"),
}
QUICK_START = dict(train_fraction=0.04, max_epochs=2)
INPUT_SIZES = (28, 32, 48, 64, 65, 96, 128, 160, 224)
# exact values on a 1-2-5 scale, 0.0001 to 10: a log slider would round 2e-4 to 1.78e-4
LEARNING_RATES = tuple(m * 10.0**e for e in range(-4, 2) for m in (1, 2, 5))[:-2]
BATCH_SIZES = (16, 32, 64, 128, 256, 512, 1024)
# The settings taken from a range, as (lowest, highest, the slider's step); whole numbers
# where the bounds are whole.
RANGES = {"max_epochs": (1, 30, 1), "dropout": (0.0, 0.9, 0.05),
          "train_fraction": (0.01, 1.0, 0.01)}
# The options the panel names in words (others are shown as they are).
OPTION_WORDS = {"sgd": "panel_option_sgd", "momentum": "panel_option_momentum",
                "adam": "panel_option_adam", "constant": "panel_option_constant",
                "one-cycle": "panel_option_one_cycle", "auto": "panel_option_auto"}
STATUSES = ("finished", "stopped", "interrupted", "diverged", "out of memory", "rejected")


def phrase(key, lang, **values) -> str:
    """The catalog sentence ``key`` in ``lang``, filled with ``values``."""
    return say(key, **values).in_language(lang)


# ------------------------------------------------------------------- the settings
def default_recipe() -> str:
    """'reference' where there is a GPU, 'laptop' on a CPU."""
    return "laptop" if try_gpu().type == "cpu" else "reference"


def device_options() -> tuple:
    """'auto', 'cpu', and the accelerators this machine has."""
    options = ["auto", "cpu"]
    if torch.cuda.is_available():
        options.append("cuda")
    if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        options.append("mps")
    return tuple(options)


def choices() -> dict:
    """The values each setting chosen from a list may take on this machine: the controls
    offer exactly these, and :func:`check_settings` accepts exactly these."""
    smallest = smallest_input_size(AlexNet())  # only sizes AlexNet accepts are offered
    return {"lr": LEARNING_RATES, "batch_size": BATCH_SIZES,
            "activation": checks.ACTIVATIONS, "optimizer": checks.OPTIMIZERS,
            "schedule": checks.SCHEDULES,
            "resize": tuple(n for n in INPUT_SIZES if n >= smallest),
            "device": device_options()}


class SettingError(ValueError):
    """A setting the panel does not offer. ``str()`` is the English message (a record
    keeps it); ``text`` is the message in every language (the panel shows the reader's)."""

    def __init__(self, text):
        super().__init__(str(text))
        self.text = text


def settings(recipe=None, **overrides) -> dict:
    """The settings of a run: ``recipe`` (by default the one for this machine), shrunk in
    quick mode by :data:`QUICK_START`, then ``overrides``; checked by
    :func:`check_settings`, which raises :class:`SettingError` (a ValueError)."""
    recipe = recipe or default_recipe()
    if recipe not in RECIPES:
        raise SettingError(say("panel_bad_choice", setting="recipe", value=repr(recipe),
                               label=say("panel_recipe"), allowed=_listed(RECIPES)))
    quick = QUICK_START if config.quick_mode() else {}
    return check_settings({**RECIPES[recipe], **quick, **overrides})


def check_settings(values: dict) -> dict:
    """``values`` checked against what the panel offers on this machine: every setting of
    :data:`HPARAMS`, each one of its options (:func:`choices`) or in its range
    (:data:`RANGES`). The one rule of the panel's constructor, its ``run()`` and
    :func:`train`. Returns the settings as plain values; raises :class:`SettingError`."""
    unknown = sorted(set(values) - set(HPARAMS))
    if unknown:
        raise SettingError(say("panel_unknown", names=unknown, known=", ".join(HPARAMS)))
    missing = [key for key in HPARAMS if key not in values]
    if missing:
        raise SettingError(say("panel_missing", names=missing))
    options = choices()
    return {key: _checked(key, values[key], options) for key in HPARAMS}


def _checked(key, value, options):
    def refuse(sentence, **values):
        return SettingError(say(sentence, setting=key, value=repr(value),
                                label=say(f"panel_{key}"), **values))
    is_number = isinstance(value, numbers.Real) and not isinstance(value, bool)
    if key in options:
        same = [o for o in options[key] if isinstance(o, str) != is_number and o == value]
        if not same:
            raise refuse("panel_bad_choice", allowed=_listed(options[key]))
        return same[0]  # the option itself: a plain float for a NumPy one
    low, high, _ = RANGES[key]
    whole = isinstance(low, int)
    if not (is_number and math.isfinite(value) and low - 1e-12 <= value <= high + 1e-12
            and (not whole or isinstance(value, numbers.Integral))):
        raise refuse("panel_bad_whole" if whole else "panel_bad_number",
                     low=f"{low:g}", high=f"{high:g}")
    return int(value) if whole else float(value)


def _listed(options) -> str:
    return ", ".join(repr(o) if isinstance(o, str) else f"{o:g}" for o in options)


def num_train(fraction, batch_size) -> int:
    """Training images for a fraction of the 60,000, as the data module will use them
    (at least one batch)."""
    return max(batch_size, int(round(60000 * fraction)))


def option_label(value, lang) -> str:
    """How the panel names an option in ``lang``: optimizers, schedules and 'auto' in
    words, numbers as short as they are exact (a learning rate as 0.0002, not
    0.00020000000000000001), written as ``lang`` writes them (Vietnamese 0,0002)."""
    if isinstance(value, str):
        return phrase(OPTION_WORDS[value], lang) if value in OPTION_WORDS else value
    return format_in(lang, "{v:g}", v=value)


def status_word(status, lang) -> str:
    """A record's status ('finished', 'out of memory', ...) as ``lang`` says it."""
    return phrase("panel_status_" + status.replace(" ", "_"), lang)


# ---------------------------------------------------------------------- the run
def train(settings, *, run_number=1, stop=None, on_start=None, on_batch=None,
          on_epoch=None) -> dict:
    """Train AlexNet on Fashion-MNIST with ``settings`` (see :func:`settings`) and return
    the run's record: ``run`` (``run_number``), ``hparams`` (the settings), ``quick_mode``,
    and what :func:`d2l_local.experiments.run` records (status, message, history, ...).

    - ``on_start(trainer)``: before the data load; ``on_batch(trainer, epoch, batch,
      n_batches)`` after each training batch; ``on_epoch(trainer, epoch_record)`` after
      each complete epoch (the progress a view shows);
    - ``stop``: a :class:`~d2l_local.experiments.Stop`, which may be set at any moment of
      the run, from another thread or from a callback: set while the data load, the run
      ends before training.

    A setting the panel does not offer raises :class:`SettingError`. A diverging loss or
    running out of memory ends the run with that status and advice in ``message``; an
    interrupt raises :class:`~d2l_local.experiments.RunInterrupted` with the record.
    """
    hp = check_settings(settings)
    model = AlexNet(lr=hp["lr"], dropout=hp["dropout"], activation=hp["activation"],
                    optimizer=hp["optimizer"], schedule=hp["schedule"])
    trainer = Trainer(max_epochs=hp["max_epochs"], num_gpus=1,
                      device=None if hp["device"] == "auto" else hp["device"],
                      speed="auto", board=False, progress=False, verbose=False, log_every=5)
    trainer.batch_callbacks.extend([on_batch] if on_batch else [])
    trainer.callbacks.extend([on_epoch] if on_epoch else [])
    if on_start is not None:
        on_start(trainer)
    data = FashionMNIST(batch_size=hp["batch_size"], resize=(hp["resize"], hp["resize"]),
                        num_train=num_train(hp["train_fraction"], hp["batch_size"]))
    about = {"run": run_number, "hparams": hp, "quick_mode": config.quick_mode()}
    try:
        return {**about, **run(model, data, trainer, stop=stop, record_errors=True)}
    except RunInterrupted as err:
        err.record = {**about, **err.record}
        raise


# -------------------------------------------------------------------- the table
# what a run measured first, then its settings: a table wider than its page scrolls, and a
# reader sees its left part
COLUMNS = ("run", "status", "train_acc", "test_acc", "rate", "time", "lr", "batch", "epochs",
           "dropout", "activation", "optimizer", "size", "data")
FORMATS = {"lr": "{:.4g}", "dropout": "{:.2f}", "data": "{:wan}", "train_acc": "{:.3f}",
           "test_acc": "{:.3f}", "rate": "{:,.0f}"}
TABLE_STYLE = ("<style>.d2l-runs {border-collapse: collapse; font-size: 90%}"
               ".d2l-runs td, .d2l-runs th {padding: 2px 8px; text-align: right;}"
               ".d2l-runs tr:nth-child(even) {background: #f4f4f4;}</style>")


def runs_table(history, lang="en"):
    """The runs of ``history`` as a DataFrame, one row per run, its headers, statuses and
    optimizers in ``lang``; numbers stay numbers (NaN where a run measured none). What a
    run measured comes first, then the settings in which the runs differ, then the rest."""
    import pandas as pd
    frame = pd.DataFrame([_row(record, lang) for record in history], columns=COLUMNS)
    # the settings in which the runs differ first (a table wider than its box shows its
    # left part: two runs that differ only in their activation show it there)
    settings = COLUMNS[COLUMNS.index("lr"):]
    differ = [c for c in settings if frame[c].astype(str).nunique() > 1]
    order = [*COLUMNS[:COLUMNS.index("lr")], *differ, *(c for c in settings if c not in differ)]
    return frame[order].rename(columns=_headers(lang))


def runs_html(history, lang="en") -> str:
    """:func:`runs_table` as an HTML table of class ``d2l-runs`` (:data:`TABLE_STYLE`
    styles it), numbers formatted as the table shows them ('–' where there is none)."""
    headers = _headers(lang)
    formats = {headers[c]: _written(fmt, lang) for c, fmt in FORMATS.items()}
    # "91.6 s" on one line: a narrow column broke it before its unit
    formats[headers["time"]] = lambda s: phrase("panel_seconds", lang, seconds=s).replace(
        " ", "\u00a0")
    table = runs_table(history, lang).to_html(index=False, border=0, classes="d2l-runs",
                                              na_rep="–", formatters=formats)
    if not history:
        table += f'<p class="d2l-runs-empty">{phrase("panel_no_runs", lang)}</p>'
    return table


def _written(fmt, lang):
    """A formatter that writes a number with ``fmt`` (``"{:.3f}"``) as ``lang`` writes it
    (Vietnamese 0,779 and 15.000: the English 15,000 reads as fifteen there)."""
    template = fmt.replace("{:", "{v:")
    return lambda value: format_in(lang, template, v=value)


def _headers(lang) -> dict:
    return {c: phrase(f"panel_column_{c}", lang) for c in COLUMNS}


def _row(record, lang) -> dict:
    h, nan = record["hparams"], float("nan")
    optimizer = option_label(h["optimizer"], lang)
    if h.get("schedule") == "one-cycle":
        optimizer += phrase("panel_one_cycle_suffix", lang)
    return {
        "run": record["run"], "status": status_word(record["status"], lang),
        "lr": h["lr"], "batch": h["batch_size"],
        "epochs": f"{record['epochs_completed']}/{h['max_epochs']}",
        "dropout": h["dropout"], "activation": h["activation"], "optimizer": optimizer,
        "size": h["resize"], "data": record.get("train_images") or 0,
        "train_acc": nan if record["train_acc"] is None else record["train_acc"],
        "test_acc": nan if record["val_acc"] is None else record["val_acc"],
        "rate": record["images_per_s"], "time": record["seconds"],
    }


# ------------------------------------------------------------------- the presets
# The classic comparisons, each a list of runs that differ in exactly one setting, the one
# the preset compares; every other setting is the recipe for the machine, sized for the
# scale (d2l.scales.pick): tiny in quick mode, minutes on a 2-core CPU, the reference run's
# length on a GPU. What each is expected to show is catalog text (preset_<name>_expect).
PRESETS = {
    "relu_sigmoid": {"setting": "activation", "values": ("relu", "sigmoid")},
    "dropout": {"setting": "dropout", "values": (0.5, 0.0)},
    "lr_x10": {"setting": "lr", "factor": 10},
    "size": {"setting": "resize", "values": (65, 224)},
}


def preset_size(name) -> dict:
    """The run length of preset ``name`` at this scale: ``train_fraction`` and
    ``max_epochs``. The input-size preset trains less at CPU full size, because its
    224-pixel run does about twelve times the arithmetic of a 65-pixel one."""
    from . import scales
    _preset(name)
    if name == "size":
        return scales.pick(quick=dict(train_fraction=0.01, max_epochs=1),
                           cpu=dict(train_fraction=0.05, max_epochs=1),
                           gpu=dict(train_fraction=1.0, max_epochs=5))
    return scales.pick(quick=dict(train_fraction=0.01, max_epochs=1),
                       cpu=dict(train_fraction=0.1, max_epochs=3),
                       gpu=dict(train_fraction=1.0, max_epochs=10))


def _preset(name) -> dict:
    if name not in PRESETS:
        raise SettingError(say("panel_bad_choice", setting="preset", value=repr(name),
                               label=say("panel_preset"), allowed=_listed(PRESETS)))
    return PRESETS[name]


def preset_runs(name, recipe=None, **overrides) -> list[dict]:
    """The settings of each run of preset ``name``: the recipe (by default the one for
    this machine), sized by :func:`preset_size`, then ``overrides`` (a teacher's
    ``device='cpu'``, or a test's tinier ``train_fraction``), then the compared setting's
    value of each run. Every run is checked by :func:`check_settings`, the panel's rule;
    an override of the compared setting is refused."""
    preset = _preset(name)
    key = preset["setting"]
    if key in overrides:
        raise SettingError(say("panel_unknown", names=[key], known=", ".join(
            k for k in HPARAMS if k != key)))
    base = settings(recipe, **{**preset_size(name), **overrides})
    values = preset.get("values") or (base[key], base[key] * preset["factor"])
    return [check_settings({**base, key: value}) for value in values]


def preset_title(name, lang="en") -> str:
    """The preset's name in ``lang``."""
    _preset(name)
    return phrase(f"preset_{name}", lang)


def preset_expectation(name, lang="en") -> str:
    """What preset ``name`` is expected to show, in ``lang``: an expectation, not a
    result (the runs have not been made when it is shown)."""
    _preset(name)
    values = {"ratio": size_cost_ratio()} if name == "size" else {}
    return phrase(f"preset_{name}_expect", lang, **values)


def size_cost_ratio(large=224, small=65) -> float:
    """How many times the arithmetic of a training step (forwards and backwards) an image
    of ``large`` pixels costs AlexNet, against one of ``small`` pixels, counted by
    :func:`d2l_local.summary.model_flops`."""
    key = (large, small)
    if key not in _RATIOS:
        from .summary import model_flops
        cost = [model_flops(AlexNet(), (1, 1, n, n))["forward_backward"] for n in key]
        _RATIOS[key] = cost[0] / cost[1]
    return _RATIOS[key]


_RATIOS: dict = {}


def step_seconds(settings, batch=16, repeat=2) -> float:
    """Seconds per training image with ``settings`` on the device they name, measured now
    on a few batches of random images (the model, input size and speed options of the
    run; no data load): what :func:`estimate_seconds` scales up."""
    import time

    from .hardware import synchronize
    from .speed import Speed
    hp = check_settings(settings)
    device = try_gpu() if hp["device"] == "auto" else torch.device(hp["device"])
    speed = Speed.auto(device)
    model = AlexNet(dropout=hp["dropout"], activation=hp["activation"]).to(device)
    x = torch.rand(batch, 1, hp["resize"], hp["resize"], device=device)
    with torch.no_grad():
        model(x[:1])  # the lazy layers take their shapes (and initial weights) here
    speed.prepare_model(model)  # the speed options applied as the Trainer applies them
    x = speed.prepare_batch([x])[0]
    y = torch.zeros(batch, dtype=torch.long, device=device)
    times = []
    for _ in range(repeat + 1):  # the first, a warm-up, is not counted
        synchronize(device)
        start = time.perf_counter()
        with speed.arithmetic(device):
            loss = torch.nn.functional.cross_entropy(model(x), y)
        loss.backward()
        synchronize(device)
        times.append(time.perf_counter() - start)
    return min(times[1:]) / batch


def estimate_seconds(settings) -> float:
    """About how long a run with ``settings`` takes on this machine: its training images
    times its epochs at the rate :func:`step_seconds` measures now, plus the test images
    of each epoch at a third of it (a forward pass only). Data loading is left out, so the
    run takes a little longer."""
    hp = check_settings(settings)
    per_image = step_seconds(hp)
    quick = config.quick_limits()
    test_images = quick.val_examples if quick is not None else 10_000
    n = num_train(hp["train_fraction"], hp["batch_size"])
    return hp["max_epochs"] * (n + test_images / 3) * per_image


def preset_estimate(name, lang="en", recipe=None, **overrides) -> str:
    """How long preset ``name`` takes on this machine, in ``lang``: each run's estimate
    (:func:`estimate_seconds`), measured now."""
    from .book import duration
    runs_ = preset_runs(name, recipe, **overrides)
    key = PRESETS[name]["setting"]
    parts = [phrase("preset_run_estimate", lang, value=option_label(hp[key], lang),
                    duration=duration(estimate_seconds(hp)).in_language(lang))
             for hp in runs_]
    return phrase("preset_estimate", lang, runs=phrase("list_separator", lang).join(parts),
                  images=num_train(runs_[0]["train_fraction"], runs_[0]["batch_size"]),
                  epochs=runs_[0]["max_epochs"])


def run_preset(name, recipe=None, *, first_run=1, stop=None, on_run=None,
               **overrides) -> list[dict]:
    """Train every run of preset ``name`` (:func:`preset_runs`) one after the other with
    :func:`train`, without widgets, and return their records, numbered from ``first_run``.
    ``on_run(record)`` is called after each; a ``stop`` that is set ends the run in
    progress and skips the rest."""
    records = []
    for i, hp in enumerate(preset_runs(name, recipe, **overrides)):
        if stop is not None and stop.is_set():
            break
        record = train(hp, run_number=first_run + i, stop=stop)
        records.append(record)
        if on_run is not None:
            on_run(record)
    return records
