"""TrainingPanel: a hyperparameter lab for readers and teachers, built from core ipywidgets.

The panel is a thin layer over :class:`~d2l_local.training.Trainer`. Its contract, which
tests and notebooks use without a browser:

- ``panel.controls``: the control widgets keyed ``lr``, ``batch_size``, ``max_epochs``,
  ``dropout``, ``activation``, ``optimizer``, ``resize``, ``train_fraction``, ``device``;
- ``panel.run(**overrides)``: train with the current values (overrides set the controls
  first) and return the run record; the Train button calls the same in a thread, so that
  Stop stays clickable;
- ``panel.history``: the list of run records.

Bad values and impossible combinations come back as a message in the panel (and a record
with ``status='rejected'``), never as a traceback.
"""

from __future__ import annotations

import html
import threading
import time

import ipywidgets as W
import torch

from . import checks, config
from .data import FashionMNIST
from .figtext import drawn_in, figure_output, use_cjk_fallback
from .hardware import describe_device, try_gpu
from .models import AlexNet
from .plotting import plot_histories
from .summary import check_input_fits, smallest_input_size
from .training import DeviceOutOfMemory, Trainer, TrainingDiverged

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
LEARNING_RATES = tuple(m * 10.0**e for e in range(-4, 2) for m in (1, 2, 5))[:-2]  # to 10


def default_recipe() -> str:
    """'reference' where there is a GPU, 'laptop' on a CPU."""
    return "laptop" if try_gpu().type == "cpu" else "reference"


def _device_options():
    options = ["auto", "cpu"]
    if torch.cuda.is_available():
        options.append("cuda")
    if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        options.append("mps")
    return options


class TrainingPanel:
    """Controls, Train and Stop buttons, live progress and curves, and a run history."""

    def __init__(self, recipe=None, **settings):
        recipe = recipe or default_recipe()
        if recipe not in RECIPES:
            raise ValueError(f"recipe={recipe!r} is not allowed: recipe must be one of "
                             f"{sorted(RECIPES)}.")
        unknown = sorted(set(settings) - set(HPARAMS))
        if unknown:
            raise ValueError(f"Unknown setting(s) {unknown}: the panel has {', '.join(HPARAMS)}.")
        v = {**RECIPES[recipe], **(QUICK_START if config.quick_mode() else {}), **settings}
        if v["lr"] not in LEARNING_RATES:
            raise ValueError(f"lr={v['lr']!r} is not allowed: the panel's learning rates are "
                             f"{', '.join(f'{x:g}' for x in LEARNING_RATES)}.")
        lr, batch_size, max_epochs, dropout = v["lr"], v["batch_size"], v["max_epochs"], \
            v["dropout"]
        activation, optimizer, resize = v["activation"], v["optimizer"], v["resize"]
        schedule = v["schedule"]
        train_fraction, device = v["train_fraction"], v["device"]
        smallest = smallest_input_size(AlexNet())  # only sizes AlexNet accepts are offered
        sizes = [n for n in INPUT_SIZES if n >= smallest]
        style = {"description_width": "110px"}
        layout = W.Layout(width="340px")
        self.controls = {
            # exact values on a 1-2-5 scale: a log slider would round 2e-4 to 1.78e-4
            "lr": W.SelectionSlider(options=[(f"{v:g}", v) for v in LEARNING_RATES],
                                    value=lr, description="learning rate", style=style,
                                    layout=layout),
            "batch_size": W.Dropdown(options=[16, 32, 64, 128, 256, 512, 1024],
                                     value=batch_size, description="batch size",
                                     style=style, layout=layout),
            "max_epochs": W.IntSlider(value=max_epochs, min=1, max=30, description="epochs",
                                      style=style, layout=layout),
            "dropout": W.FloatSlider(value=dropout, min=0.0, max=0.9, step=0.05,
                                     description="dropout", style=style, layout=layout),
            "activation": W.Dropdown(options=list(checks.ACTIVATIONS), value=activation,
                                     description="activation", style=style, layout=layout),
            "optimizer": W.Dropdown(options=[("SGD", "sgd"), ("SGD + momentum", "momentum"),
                                             ("Adam", "adam")], value=optimizer,
                                    description="optimizer", style=style, layout=layout),
            "schedule": W.Dropdown(options=[("constant rate", "constant"),
                                            ("one-cycle", "one-cycle")], value=schedule,
                                   description="schedule", style=style, layout=layout),
            "resize": W.Dropdown(options=sizes, value=resize,
                                 description="input size", style=style, layout=layout),
            "train_fraction": W.FloatSlider(value=train_fraction, min=0.01, max=1.0,
                                            step=0.01, description="training data",
                                            readout_format=".0%", style=style,
                                            layout=layout),
            "device": W.Dropdown(options=_device_options(), value=device,
                                 description="device", style=style, layout=layout),
        }
        self.train_button = W.Button(description="Train", button_style="success",
                                     icon="play")
        self.stop_button = W.Button(description="Stop", button_style="danger", icon="stop",
                                    disabled=True)
        self.progress = W.IntProgress(value=0, min=0, max=1, description="idle",
                                      layout=W.Layout(width="340px"))
        self.status = W.HTML(value="")
        self.message = W.HTML(value="")
        self.data_note = W.HTML(value="")
        self.controls["train_fraction"].observe(lambda _: self._describe_data(), names="value")
        self._describe_data()
        self.curves = W.Image(format="png", layout=W.Layout(width="480px"))
        self.table = W.HTML(value=self._table_html([]))
        self.compare = W.SelectMultiple(options=[], description="compare",
                                        layout=W.Layout(width="340px", height="90px"))
        self.comparison = W.Image(format="png", layout=W.Layout(width="480px", display="none"))
        self.history: list[dict] = []
        self.trainer = None
        self._lock = threading.Lock()
        self._running = False
        self._thread = None
        self.train_button.on_click(lambda _: self.start())
        self.stop_button.on_click(lambda _: self.stop())
        self.compare.observe(lambda _: self._draw_comparison(), names="value")
        buttons = W.HBox([self.train_button, self.stop_button])
        left = W.VBox(list(self.controls.values())
                      + [self.data_note, buttons, self.progress, self.status, self.message])
        self.widget = W.VBox([W.HBox([left, self.curves]), W.HTML("<b>Runs</b>"), self.table,
                              W.HBox([self.compare, self.comparison])])

    # ---------------------------------------------------------------- contract
    def values(self) -> dict:
        """The current hyperparameters, as plain values."""
        return {k: self.controls[k].value for k in HPARAMS}

    def run(self, **overrides) -> dict:
        """Train with the current values (after ``overrides``) and return the run record."""
        if not self._lock.acquire(blocking=False):
            return self._refuse()
        try:
            self._running = True
            rejected = self._apply(overrides)
            if rejected is not None:
                return rejected
            return self._train(self.values())
        finally:
            self._running = False
            self._lock.release()
            self.train_button.disabled = False
            self.stop_button.disabled = True

    def start(self):
        """What the Train button does: ``run()`` in a background thread."""
        if self._running or (self._thread is not None and self._thread.is_alive()):
            return self._refuse()
        self._thread = threading.Thread(target=self.run, daemon=True)
        self._thread.start()
        return self._thread

    def stop(self):
        """End the current run within one batch; what was measured is kept."""
        if self.trainer is not None and self._running:
            self.trainer.stop()
            self._say("Stopping after this batch…")

    def wait(self, timeout=None):
        """Wait for a run started with the Train button (or ``start``) to end."""
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._running

    # ---------------------------------------------------------------- internals
    @staticmethod
    def _num_train(fraction, batch_size):
        """Training images for a fraction of the 60,000, as the data module will use them
        (at least one batch)."""
        return max(batch_size, int(round(60000 * fraction)))

    def _describe_data(self):
        c = self.controls
        n = self._num_train(c["train_fraction"].value, c["batch_size"].value)
        note = " (quick mode)" if config.quick_mode() else ""
        self.data_note.value = f"<small>training on {n:,} images{note}</small>"

    def _refuse(self):
        self._say("A run is already in progress: wait for it, or press Stop.", "warning")
        return {"status": "refused", "message": "a run is already in progress"}

    def _say(self, text, kind="info"):
        color = {"info": "#31708f", "warning": "#8a6d3b", "error": "#a94442"}[kind]
        self.message.value = f'<span style="color:{color}">{html.escape(text)}</span>'

    def _bounds(self, key):
        control = self.controls[key]
        if hasattr(control, "options"):
            return [o[1] if isinstance(o, tuple) else o for o in control.options]
        return (control.min, control.max)

    def _check(self, key, value):
        """Validate one setting; returns the value or raises ValueError with a message."""
        rules = {
            "lr": checks.check_lr, "batch_size": checks.check_batch_size,
            "max_epochs": checks.check_epochs, "dropout": checks.check_dropout,
            "train_fraction": lambda v: checks.check_fraction("train_fraction", v),
            "resize": lambda v: checks.check_positive_int("resize", v),
        }
        if key in rules:
            rules[key](value)
        bounds = self._bounds(key)
        if isinstance(bounds, list):
            if value not in bounds:
                raise ValueError(f"{key}={value!r} is not allowed: {key} must be one of "
                                 f"{bounds}.")
        elif not (bounds[0] - 1e-12 <= value <= bounds[1] + 1e-12):
            raise ValueError(f"{key}={value!r} is not allowed: the panel takes {key} from "
                             f"{bounds[0]:g} to {bounds[1]:g}.")
        return value

    def _apply(self, overrides):
        """Check every override, and the combination, before changing any control."""
        unknown = sorted(set(overrides) - set(HPARAMS))
        if unknown:
            return self._reject(f"Unknown setting(s) {unknown}: the panel has "
                                f"{', '.join(HPARAMS)}.")
        try:
            for key, value in overrides.items():
                self._check(key, value)
            merged = {**self.values(), **overrides}
            check_input_fits(AlexNet(), (merged["resize"], merged["resize"]))
        except ValueError as err:
            return self._reject(str(err))
        for key, value in overrides.items():
            self.controls[key].value = value
        return None

    def _reject(self, text):
        self._say(text, "error")
        return {"status": "rejected", "message": text}

    def _train(self, hp):
        self.train_button.disabled = True
        self.stop_button.disabled = False
        self._say("")
        model = AlexNet(lr=hp["lr"], dropout=hp["dropout"], activation=hp["activation"],
                        optimizer=hp["optimizer"], schedule=hp["schedule"])
        data = FashionMNIST(batch_size=hp["batch_size"], resize=(hp["resize"], hp["resize"]),
                            num_train=self._num_train(hp["train_fraction"], hp["batch_size"]))
        device = None if hp["device"] == "auto" else hp["device"]
        trainer = Trainer(max_epochs=hp["max_epochs"], num_gpus=1, device=device,
                          speed="auto", board=False, progress=False, verbose=False,
                          log_every=5)
        self.trainer = trainer
        run_id = len(self.history) + 1
        trainer.batch_callbacks.append(self._on_batch)
        trainer.callbacks.append(lambda t, rec: self._on_epoch(t, rec, run_id))
        self.progress.max = max(1, trainer.max_epochs)
        self.progress.value = 0
        self.progress.description = f"run {run_id}"
        self.status.value = f"training on {html.escape(describe_device(trainer.device))}…"
        start = time.perf_counter()
        status, message, interrupt = "finished", "", None
        try:
            trainer.fit(model, data)
            if trainer.stop_requested:
                status, message = "stopped", "stopped by the user"
        except KeyboardInterrupt as err:  # panel.run() in a cell, and the kernel interrupted
            status, message, interrupt = "interrupted", "interrupted", err
        except TrainingDiverged as err:
            status, message = "diverged", str(err)
        except DeviceOutOfMemory as err:
            status, message = "out of memory", str(err)
        except ValueError as err:
            status, message = "rejected", str(err)
        seconds = time.perf_counter() - start
        record = self._record(run_id, hp, trainer, status, message, seconds)
        record["train_images"] = data.num_train
        if status == "rejected":
            self._say(message, "error")
            return record
        self.history.append(record)
        self.model, self.data = model, data
        self.table.value = self._table_html(self.history)
        self.compare.options = [(f"run {r['run']}", r["run"]) for r in self.history]
        self._draw_curves(trainer, run_id)
        self.progress.description = status
        self.status.value = (f"run {run_id} {status} in {seconds:.1f} s; "
                             f"{record['images_per_s']:,.0f} images/s")
        if message:
            self._say(message, "warning" if status in ("stopped", "interrupted") else "error")
        else:
            self._say("")  # a refusal shown while this run went on is stale now
        if interrupt is not None:
            raise interrupt  # recorded in the table; the cell stops, as Jupyter users expect
        return record

    @staticmethod
    def _record(run_id, hp, trainer, status, message, seconds):
        done = [r for r in trainer.history if r.get("complete", True)]
        last = trainer.history[-1] if trainer.history else {}
        rates = [r["images_per_s"] for r in trainer.history]
        return {
            "run": run_id, "status": status, "message": message,
            "hparams": dict(hp),
            "device": describe_device(trainer.device),
            "quick_mode": config.quick_mode(),
            "epochs_completed": len(done),
            "history": list(trainer.history),
            "train_loss": last.get("train_loss"), "train_acc": last.get("train_acc"),
            "val_loss": done[-1]["val_loss"] if done else None,
            "val_acc": done[-1]["val_acc"] if done else None,
            "images_per_s": sum(rates) / len(rates) if rates else 0.0,
            "seconds": seconds,
        }

    def _on_batch(self, trainer, epoch, batch, n_batches):
        self.progress.value = min(self.progress.max, epoch + (batch + 1) // n_batches)
        self.progress.description = f"epoch {epoch + 1}: {batch + 1}/{n_batches}"

    def _on_epoch(self, trainer, record, run_id):
        self.status.value = (f"epoch {record['epoch']}: {record['images_per_s']:,.0f} images/s,"
                             f" test accuracy {record['val_acc']:.3f}")
        self._draw_curves(trainer, run_id)

    def _draw_curves(self, trainer, run_id):
        self.curves.value = curves_png(trainer.step_log, trainer.history, f"run {run_id}")

    def _draw_comparison(self):
        chosen = {f"run {r['run']}": [h for h in r["history"] if h.get("complete", True)]
                  for r in self.history if r["run"] in self.compare.value}
        if chosen:
            self.comparison.value = comparison_png(chosen)
            self.comparison.layout.display = None

    @staticmethod
    def _table_html(history):
        head = ("<tr><th>run</th><th>status</th><th>lr</th><th>batch</th><th>epochs</th>"
                "<th>dropout</th><th>act.</th><th>optimizer</th><th>size</th><th>data</th>"
                "<th>train acc</th><th>test acc</th><th>images/s</th><th>time</th></tr>")
        rows = []
        for r in history:
            h = r["hparams"]

            def f(v, fmt):
                return format(v, fmt) if v is not None else "–"
            rows.append(
                f"<tr><td>{r['run']}</td><td>{r['status']}</td><td>{h['lr']:.4g}</td>"
                f"<td>{h['batch_size']}</td><td>{r['epochs_completed']}/{h['max_epochs']}</td>"
                f"<td>{h['dropout']:.2f}</td><td>{h['activation']}</td><td>{h['optimizer']}"
                f"{' + 1cycle' if h.get('schedule') == 'one-cycle' else ''}"
                f"</td><td>{h['resize']}</td><td>{r.get('train_images', 0):,}</td>"
                f"<td>{f(r['train_acc'], '.3f')}</td><td>{f(r['val_acc'], '.3f')}</td>"
                f"<td>{r['images_per_s']:,.0f}</td><td>{r['seconds']:.1f} s</td></tr>")
        if not rows:
            rows.append('<tr><td colspan="14">no runs yet: press Train</td></tr>')
        style = ("<style>.d2l-runs td, .d2l-runs th {padding: 2px 8px; text-align: right;}"
                 ".d2l-runs tr:nth-child(even) {background: #f4f4f4;}</style>")
        return (style + '<table class="d2l-runs" style="border-collapse:collapse;'
                'font-size:90%">' + head + "".join(rows) + "</table>")

    # ---------------------------------------------------------------- display
    def static_html(self) -> str:
        """The panel's frozen state as plain HTML, for the static book (no JavaScript)."""
        items = "".join(f"<li><b>{k}</b>: {html.escape(str(v))}</li>"
                        for k, v in self.values().items())
        return (
            '<div class="d2l-panel-static" style="border:1px solid #ccc;padding:8px">'
            "<p><b>Training panel (frozen).</b> On this static page the panel cannot train: "
            "it needs a live Python kernel. Open this page in JupyterLab, or in Colab with "
            "the launch buttons at the top, to use it.</p>"
            f"<p>Settings of the last run:</p><ul>{items}</ul>"
            "<p>Runs made while this page was built:</p>"
            # wider than a phone: a region that scrolls, reachable and scrollable by keyboard
            '<div style="overflow-x:auto" tabindex="0" role="region" '
            'aria-label="Runs made while this page was built">'
            f"{self._table_html(self.history)}</div>"
            "</div>")

    def _ipython_display_(self):
        from IPython.display import HTML, Image, display
        if config.static_book():
            display(HTML(self.static_html()))
            if self.history:
                last = self.history[-1]
                fig = curves_figure([], last["history"], f"run {last['run']}")
                data, metadata = figure_output(fig, _png)
                display(Image(data=data, metadata=metadata))
        else:
            display(self.widget)


def _png(fig) -> bytes:
    import io
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    return buf.getvalue()


def _png_for_reader(fig) -> bytes:
    """The PNG of ``fig`` with its words in the reader's language."""
    with drawn_in(fig, config.language()):
        return _png(fig)


def curves_png(step_log, history, title) -> bytes:
    """Training loss and test loss/accuracy as a PNG (drawn without pyplot: thread-safe)."""
    return _png_for_reader(curves_figure(step_log, history, title))


def curves_figure(step_log, history, title):
    from matplotlib.figure import Figure
    use_cjk_fallback()
    fig = Figure(figsize=(4.8, 3))
    ax = fig.subplots()
    if step_log:
        xs, ys = zip(*step_log)
        ax.plot(xs, ys, "-o", markersize=2, label="train loss")  # markers: one point shows
    done = [r for r in history if r.get("complete", True)]
    if done:
        epochs = [r["epoch"] for r in done]
        if not step_log:
            ax.plot(epochs, [r["train_loss"] for r in done], "-o", label="train loss",
                    markersize=3)
        ax.plot(epochs, [r["val_loss"] for r in done], "--o", label="test loss", markersize=3)
        ax.plot(epochs, [r["val_acc"] for r in done], "--o", label="test acc", markersize=3)
    ax.set_xlabel("epoch")
    last = max([r["epoch"] for r in done] + [x for x, _ in step_log] + [1])
    ax.set_xlim(0, last + 0.05 * last)  # from the start, so that a short run is visible
    ax.set_title(title)
    ax.grid(alpha=0.3)
    if ax.get_lines():
        ax.legend(fontsize=8)
    return fig


def comparison_png(histories) -> bytes:
    from matplotlib.figure import Figure
    use_cjk_fallback()
    fig = Figure(figsize=(4.8, 3))
    ax = fig.subplots()
    plot_histories(histories, "val_acc", ax=ax)
    ax.set_title("test accuracy of the chosen runs")
    return _png_for_reader(fig)
