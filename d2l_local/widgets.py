"""TrainingPanel: a hyperparameter lab for readers and teachers, built from core ipywidgets.

The panel is a view over :mod:`d2l_local.runs` (its settings, checked by one rule, and a
run from settings to record), which works without ipywidgets. Its contract, which tests
and notebooks use without a browser:

- ``panel.controls``: the control widgets keyed ``lr``, ``batch_size``, ``max_epochs``,
  ``dropout``, ``activation``, ``optimizer``, ``schedule``, ``resize``,
  ``train_fraction``, ``device``;
- ``panel.run(**overrides)``: train with the current values (overrides set the controls
  first) and return the run record; the Train button (``panel.start()``) does the same in
  a thread, so that Stop (``panel.stop()``) stays clickable; ``panel.wait()`` waits for it;
- ``panel.history``: the list of run records;
- ``panel.run_preset(name)``: the runs of a preset comparison (:data:`runs.PRESETS`:
  ReLU against sigmoid, with and without dropout, learning rate x10, 65 against 224
  pixels), one after the other, each into the table, then all chosen in the comparison;
  the Run preset button (``panel.start_preset()``) queues them in a thread, and Stop ends
  the run in progress and skips the rest.

Bad values come back as a message in the panel (and a record with ``status='rejected'``),
never as a traceback; the constructor raises the same message as a ValueError. The panel
speaks the reader's language (:func:`d2l_local.config.language`); in the static book its
frozen state holds every language, of which the page shows its own.
"""

from __future__ import annotations

import html
import threading

import ipywidgets as W
from matplotlib.ticker import MaxNLocator

from . import config, runs
from .experiments import RunInterrupted, Stop
from .figtext import drawn_in, figure_output, use_cjk_fallback
from .hardware import describe_device
from .locales import in_every_language
from .plotting import plot_histories

COLORS = {"info": "#31708f", "warning": "#8a6d3b", "error": "#a94442"}


class TrainingPanel:
    """Controls, Train and Stop buttons, live progress and curves, and a run history."""

    def __init__(self, recipe=None, preset="relu_sigmoid", **settings):
        start = runs.settings(recipe, **settings)  # checked before any widget exists
        runs.preset_size(preset)  # a preset that does not exist is refused here too
        self.recipe = recipe
        self.language = config.language()
        options = runs.choices()
        self.controls = {key: self._control(key, start[key], options)
                         for key in runs.HPARAMS}
        self.train_button = W.Button(description=self._t("panel_train"),
                                     button_style="success", icon="play")
        self.stop_button = W.Button(description=self._t("panel_stop"), button_style="danger",
                                    icon="stop", disabled=True)
        self.progress = W.IntProgress(value=0, min=0, max=1, description=self._t("panel_idle"),
                                      layout=W.Layout(width="340px"))
        self.status = W.HTML(value="")
        self.message = W.HTML(value="")
        self.data_note = W.HTML(value="")
        self.controls["train_fraction"].observe(lambda _: self._describe_data(), names="value")
        self.controls["batch_size"].observe(lambda _: self._describe_data(), names="value")
        self._describe_data()
        self.curves = W.Image(format="png", layout=W.Layout(width="480px"))
        self.table = W.HTML(value=runs.TABLE_STYLE + runs.runs_html([], self.language))
        self.compare = W.SelectMultiple(options=[], description=self._t("panel_compare"),
                                        layout=W.Layout(width="340px", height="90px"))
        self.comparison = W.Image(format="png", layout=W.Layout(width="480px", display="none"))
        self.preset = W.Dropdown(
            options=[(runs.preset_title(n, self.language), n) for n in runs.PRESETS],
            value=preset, description=self._t("panel_preset"),
            style={"description_width": "110px"}, layout=W.Layout(width="340px"))
        self.preset_button = W.Button(description=self._t("panel_run_preset"), icon="list")
        self.preset_note = W.HTML(value="", layout=W.Layout(width="340px"))
        self._describe_preset()
        self.preset.observe(lambda _: self._chosen_preset(), names="value")
        self.preset_button.on_click(lambda _: self.start_preset())
        self.history: list[dict] = []
        self.trainer = None  # the last run's
        self._lock = threading.Lock()  # held from Train until the run has ended
        self._stop = Stop()
        self._thread = None
        self._number = 0  # of the run in progress
        self.train_button.on_click(lambda _: self.start())
        self.stop_button.on_click(lambda _: self.stop())
        self.compare.observe(lambda _: self._draw_comparison(), names="value")
        buttons = W.HBox([self.train_button, self.stop_button])
        left = W.VBox(list(self.controls.values())
                      + [self.data_note, buttons, self.progress, self.status, self.message,
                         self.preset, self.preset_button, self.preset_note])
        self.widget = W.VBox([W.HBox([left, self.curves]),
                              W.HTML(f"<b>{self._t('panel_runs')}</b>"), self.table,
                              W.HBox([self.compare, self.comparison])])

    def _t(self, key, **values) -> str:
        return runs.phrase(key, self.language, **values)

    def _control(self, key, value, options):
        """The widget for setting ``key``: a list's options or a range's slider, labelled
        in the reader's language; it offers exactly what :func:`runs.check_settings`
        accepts."""
        common = dict(value=value, description=self._t(f"panel_{key}"),
                      style={"description_width": "110px"}, layout=W.Layout(width="340px"))
        if key == "lr":
            return W.SelectionSlider(
                options=[(runs.option_label(v, self.language), v) for v in options[key]],
                **common)
        if key in ("optimizer", "schedule", "device"):  # options named in words
            return W.Dropdown(options=[(runs.option_label(v, self.language), v)
                                       for v in options[key]], **common)
        if key in options:
            return W.Dropdown(options=list(options[key]), **common)
        low, high, step = runs.RANGES[key]
        if isinstance(low, int):
            return W.IntSlider(min=low, max=high, step=step, **common)
        fraction = {"readout_format": ".0%"} if key == "train_fraction" else {}
        return W.FloatSlider(min=low, max=high, step=step, **fraction, **common)

    # ---------------------------------------------------------------- contract
    def values(self) -> dict:
        """The current settings, as plain values."""
        return {k: self.controls[k].value for k in runs.HPARAMS}

    def run(self, **overrides) -> dict:
        """Train with the current values (after ``overrides``) and return the run record."""
        if not self._lock.acquire(blocking=False):
            return self._refuse()
        return self._run(overrides, self._pressed())

    def run_preset(self, name=None, **overrides) -> list[dict]:
        """Train the runs of preset ``name`` (by default the chooser's) one after the other
        and return their records; ``overrides`` size them (see :func:`runs.preset_runs`)."""
        plan = self._plan(name, overrides)
        if plan is None:
            return [{"status": "rejected", "message": self._rejected}]
        if not self._lock.acquire(blocking=False):
            return [self._refuse()]
        return self._run_queue(plan, self._pressed())

    def start_preset(self, name=None, **overrides):
        """What the Run preset button does: ``run_preset()`` in a background thread."""
        plan = self._plan(name, overrides)
        if plan is None:
            return None
        if not self._lock.acquire(blocking=False):
            return self._refuse()
        self._thread = threading.Thread(target=self._run_queue,
                                        args=(plan, self._pressed()), daemon=True)
        self._thread.start()
        return self._thread

    def start(self):
        """What the Train button does: ``run()`` in a background thread. Stop counts from
        now, before the thread has loaded anything."""
        if not self._lock.acquire(blocking=False):
            return self._refuse()
        self._thread = threading.Thread(target=self._run, args=({}, self._pressed()),
                                        daemon=True)
        self._thread.start()
        return self._thread

    def stop(self):
        """End the current run: before training if it has not begun (the data are still
        loading), else after the current batch; what was measured is kept."""
        if self.running:
            self._stop.set()
            self._say(self._t("panel_stopping"))

    def wait(self, timeout=None):
        """Wait for a run started with the Train button (or ``start``) to end."""
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._lock.locked()

    # ---------------------------------------------------------------- a run
    def _pressed(self) -> Stop:
        """Train was pressed (the lock is held): a new Stop, and the buttons to match."""
        self._stop = Stop()
        self.train_button.disabled = True
        self.stop_button.disabled = False
        return self._stop

    def _run(self, overrides, stop):
        """One run (:meth:`_run_one`). Releases the lock that ``run`` or ``start`` took."""
        try:
            return self._run_one(overrides, stop)
        finally:
            self._released()

    def _released(self):
        self._lock.release()
        self.train_button.disabled = False
        self.stop_button.disabled = True

    def _run_one(self, overrides, stop):
        """Check the settings, set the controls to them, train, show the record."""
        try:
            settings = runs.check_settings({**self.values(), **overrides})
        except runs.SettingError as err:
            self._say(err.text.in_language(self.language), "error")
            return {"status": "rejected", "message": str(err)}
        for key, value in settings.items():
            self.controls[key].value = value
        self._say("")
        self._number = len(self.history) + 1
        try:
            record = runs.train(settings, run_number=self._number, stop=stop,
                                on_start=self._on_start, on_batch=self._on_batch,
                                on_epoch=self._on_epoch)
        except RunInterrupted as err:  # panel.run() in a cell, and the kernel interrupted
            self._show(err.record)
            raise  # recorded in the table; the cell stops, as Jupyter users expect
        if record["status"] == "rejected":
            self._say(record["message"], "error")
        else:
            self._show(record)
        return record

    def _plan(self, name, overrides):
        """The settings of each run of preset ``name`` on this panel's recipe and device,
        checked by the panel's rule; None, with the message shown, when refused."""
        name = self.preset.value if name is None else name
        overrides = {"device": self.controls["device"].value, **overrides}
        try:
            plan = runs.preset_runs(name, self.recipe, **overrides)
        except runs.SettingError as err:
            self._rejected = str(err)
            self._say(err.text.in_language(self.language), "error")
            return None
        self.preset.value = name
        self._describe_preset(queued=len(plan))
        return plan

    def _run_queue(self, plan, stop):
        """The runs of ``plan`` one after the other (the lock is held), then chosen in the
        comparison; a Stop ends the run in progress and skips the rest."""
        records = []
        try:
            for settings in plan:
                if stop.is_set():
                    break
                record = self._run_one(settings, stop)
                records.append(record)
                if stop.is_set() and len(records) < len(plan):
                    self._say(self._t("panel_preset_skipped"), "warning")
            made = [r["run"] for r in records if "run" in r]
            if made:
                self.compare.value = tuple(made)
            return records
        finally:
            self._released()

    def _on_start(self, trainer):
        self.trainer = trainer
        self.progress.max = max(1, trainer.max_epochs)
        self.progress.value = 0
        self.progress.description = self._t("panel_run", run=self._number)
        self.status.value = html.escape(self._t("panel_training_on",
                                                device=describe_device(trainer.device)))

    def _on_batch(self, trainer, epoch, batch, n_batches):
        self.progress.value = min(self.progress.max, epoch + (batch + 1) // n_batches)
        self.progress.description = self._t("panel_batch_progress", epoch=epoch + 1,
                                            batch=batch + 1, batches=n_batches)

    def _on_epoch(self, trainer, record):
        self.status.value = html.escape(self._t(
            "panel_epoch_done", epoch=record["epoch"], rate=record["images_per_s"],
            acc=record["val_acc"]))
        self._draw_curves(trainer, self._number)

    def _show(self, record):
        """A run that ended: into the history, the table, the comparison's choices and the
        status line, with a message where it ended early."""
        self.history.append(record)
        self.table.value = runs.TABLE_STYLE + runs.runs_html(self.history, self.language)
        self.compare.options = [(self._t("panel_run", run=r["run"]), r["run"])
                                for r in self.history]
        self._draw_curves(self.trainer, record["run"])
        status = runs.status_word(record["status"], self.language)
        self.progress.description = status
        self.status.value = html.escape(self._t(
            "panel_run_done", run=record["run"], status=status, seconds=record["seconds"],
            rate=record["images_per_s"]))
        if record["status"] == "stopped":
            self._say(self._t("panel_stopped_by_user"), "warning")
        elif record["status"] == "interrupted":
            self._say(status, "warning")
        else:  # the advice of a run that failed; else a refusal shown meanwhile is stale
            self._say(record["message"], "error" if record["message"] else "info")

    # ---------------------------------------------------------------- display
    def _describe_preset(self, queued=None):
        """What the chosen preset is expected to show; with ``queued``, that many of its
        runs were queued."""
        name = self.preset.value
        note = html.escape(runs.preset_expectation(name, self.language))
        if queued:
            note += "<br>" + html.escape(self._t(
                "panel_preset_queued", title=runs.preset_title(name, self.language),
                count=queued))
        self.preset_note.value = f"<small>{note}</small>"

    def _chosen_preset(self):
        """The reader chose a preset: what it shows and, for the input sizes (whose
        224-pixel run is long), how long it takes here, timed in a thread."""
        self._describe_preset()
        if self.preset.value == "size":
            threading.Thread(target=self.estimate_preset, args=("size",), daemon=True).start()

    def estimate_preset(self, name=None) -> str:
        """How long preset ``name`` (by default the chooser's) takes on this machine, timed
        now (:func:`runs.preset_estimate`), added to the note under the chooser."""
        name = self.preset.value if name is None else name
        text = runs.preset_estimate(name, self.language, self.recipe,
                                    device=self.controls["device"].value)
        if self.preset.value == name:  # not a preset the reader has left meanwhile
            self.preset_note.value += f"<br><small>{html.escape(text)}</small>"
        return text

    def _describe_data(self):
        n = runs.num_train(self.controls["train_fraction"].value,
                           self.controls["batch_size"].value)
        key = "panel_data_quick" if config.quick_mode() else "panel_data"
        self.data_note.value = f"<small>{html.escape(self._t(key, images=n))}</small>"

    def _refuse(self):
        self._say(self._t("panel_busy"), "warning")
        return {"status": "refused", "message": "a run is already in progress"}

    def _say(self, text, kind="info"):
        self.message.value = f'<span style="color:{COLORS[kind]}">{html.escape(text)}</span>'

    def _draw_curves(self, trainer, number):
        self.curves.value = curves_png(trainer.step_log, trainer.history, f"run {number}")

    def _compared(self) -> dict:
        """The complete epochs of the runs chosen for comparison, by their names: 'run 2',
        and the setting they differ in where it is the only one (:func:`run_names`)."""
        chosen = [r for r in self.history if r["run"] in self.compare.value]
        return {name: [h for h in r["history"] if h.get("complete", True)]
                for name, r in zip(run_names(chosen), chosen)}

    def _draw_comparison(self):
        chosen = self._compared()
        if chosen:
            self.comparison.value = comparison_png(chosen)
            self.comparison.layout.display = None

    def static_html(self) -> str:
        """The panel's frozen state as plain HTML, for the static book (no JavaScript)."""
        return frozen_html(self.values(), self.history)

    def _ipython_display_(self):
        from IPython.display import HTML, Image, display
        if config.static_book():
            display(HTML(self.static_html()))
            chosen = self._compared()
            if len(chosen) > 1:  # the comparison plot, as the live panel shows it
                fig = comparison_figure(chosen)
            elif self.history:
                last = self.history[-1]
                fig = curves_figure([], last["history"], f"run {last['run']}")
            else:
                return
            data, metadata = figure_output(fig, _png)
            display(Image(data=data, metadata=metadata))
        else:
            display(self.widget)


def frozen_html(settings, history) -> str:
    """The panel's settings and runs as HTML in every language, each in an element with
    its ``lang`` inside a ``.d2l-l10n`` container, of which the book's stylesheet shows the
    page's language (one execution of the page serves its three editions, as with
    :class:`d2l_local.book.RunModeNote`)."""
    return in_every_language(lambda lang: _frozen(settings, history, lang),
                             classes="d2l-panel-static d2l-l10n",
                             style="border:1px solid #ccc;padding:8px", before=runs.TABLE_STYLE)


def _frozen(settings, history, lang) -> str:
    def t(key):
        return html.escape(runs.phrase(key, lang))
    items = "".join(f"<li><b>{t('panel_' + k)}</b> ({k}): "
                    f"{html.escape(runs.option_label(v, lang))}</li>"
                    for k, v in settings.items())
    return (
        f"<p><b>{t('panel_frozen_title')}</b> {t('panel_frozen_why')}</p>"
        f"<p>{t('panel_frozen_settings')}</p><ul>{items}</ul>"
        f"<p>{t('panel_frozen_runs')}</p>"
        # wider than a phone: a region that scrolls, reachable and scrollable by keyboard
        f'<div style="overflow-x:auto" tabindex="0" role="region" '
        f'aria-label="{t("panel_frozen_runs_region")}">{runs.runs_html(history, lang)}</div>')


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
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # epochs 1 and 2, not 0.5 and 1.5
    ax.set_title(title)
    ax.grid(alpha=0.3)
    if ax.get_lines():
        ax.legend(fontsize=8)
    return fig


# the settings a comparison's curves are named by, and how a value of each reads
# (words the figures' catalogs translate: d2l_local.locales FIGURE_TEXT, FIGURE_PATTERNS)
NAMED_SETTINGS = {
    "activation": lambda v: {"relu": "ReLU"}.get(v, v),
    "dropout": lambda v: f"dropout {v}",
    "lr": lambda v: f"learning rate {v:g}",
    "resize": lambda v: f"{v}x{v} pixels",
}


def run_names(records) -> list[str]:
    """A curve's name for each run record: 'run 2', and where the runs differ in one of
    :data:`NAMED_SETTINGS` only, its value too ('run 2: sigmoid'): the comparison a
    preset makes reads from the plot alone."""
    settings = list(NAMED_SETTINGS) + ["batch_size", "optimizer", "schedule", "max_epochs",
                                       "train_fraction"]
    differ = [k for k in settings
              if len({repr(r.get("hparams", {}).get(k)) for r in records}) > 1]
    if len(records) < 2 or len(differ) != 1 or differ[0] not in NAMED_SETTINGS:
        return [f"run {r['run']}" for r in records]
    show = NAMED_SETTINGS[differ[0]]
    return [f"run {r['run']}: {show(r['hparams'][differ[0]])}" for r in records]


def comparison_figure(histories):
    """The test accuracy of each run in ``histories`` ({name: epochs}), one curve each."""
    from matplotlib.figure import Figure
    use_cjk_fallback()
    fig = Figure(figsize=(4.8, 3))
    ax = fig.subplots()
    plot_histories(histories, "val_acc", ax=ax)
    ax.set_title("test accuracy of the chosen runs")
    return fig


def comparison_png(histories) -> bytes:
    return _png_for_reader(comparison_figure(histories))
