import html
import re
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
import torch

import d2l_local as d2l
from d2l_local import runs

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")
VIETNAMESE = re.compile(r"[ạảấầẩậắằẳặẹẻẽếềểệỉịọỏốồổộớờởợụủứừửựỳỷỹđư]")


class Parts(HTMLParser):
    """An HTML fragment read as the book's stylesheet reads it: the classes of its
    outermost element, and the text of each child with a ``lang``, with that child's table
    as rows of cell texts (the header row first)."""

    def __init__(self, fragment):
        super().__init__()
        self.depth, self.lang, self.outer = 0, None, None
        self.text, self.rows = {}, {}
        self.feed(fragment)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.depth += 1
        if self.outer is None:
            self.outer = (attrs.get("class") or "").split()
        if self.depth == 2 and "lang" in attrs:
            self.lang = attrs["lang"]
            self.text[self.lang], self.rows[self.lang] = "", []
        if self.lang and tag == "tr":
            self.rows[self.lang].append([])
        if self.lang and tag in ("td", "th"):
            self.rows[self.lang][-1].append("")

    def handle_endtag(self, tag):
        self.depth -= 1
        if self.depth == 1:
            self.lang = None

    def handle_data(self, data):
        if self.lang and self.lasttag != "style":
            self.text[self.lang] += data
            rows = self.rows[self.lang]
            if rows and rows[-1] and self.lasttag in ("td", "th"):
                rows[-1][-1] += data.strip()


def table_rows(fragment):
    """The rows of cell texts of the table in ``fragment`` (the header row first)."""
    return Parts(f'<div><div lang="any">{fragment}</div></div>').rows["any"]


def cut_run(panel, **settings):
    """Set ``settings``, press Train, and press Stop once the first batch has trained, as a
    reader would: a run that shows what the panel gave the trainer, without training it."""
    for key, value in settings.items():
        panel.controls[key].value = value
    thread = panel.start()
    deadline = time.time() + 120
    while "/" not in panel.progress.description and thread.is_alive() \
            and time.time() < deadline:  # "epoch 1: 1/38" in English
        time.sleep(0.005)
    panel.stop()
    thread.join(120)
    return panel.history[-1]


@pytest.fixture
def panel(quick):
    return d2l.TrainingPanel(train_fraction=0.01)  # 600 images: the tests' runs are short


def test_controls_contract(panel):
    assert set(panel.controls) == {"lr", "batch_size", "max_epochs", "dropout", "activation",
                                   "optimizer", "schedule", "resize", "train_fraction",
                                   "device"}
    assert panel.history == []


def test_the_panel_starts_from_the_recipe_for_the_machine(quick):
    expected = "laptop" if d2l.try_gpu().type == "cpu" else "reference"
    assert runs.default_recipe() == expected
    # quick mode starts on 2,400 images for two epochs; the rest is the recipe
    quick_start = {"train_fraction": 0.04, "max_epochs": 2}
    assert d2l.TrainingPanel().values() == {**runs.RECIPES[expected], **quick_start}
    panel = d2l.TrainingPanel("reference", lr=0.05)
    assert panel.values() == {**runs.RECIPES["reference"], "lr": 0.05, **quick_start}
    assert list(panel.controls["resize"].options) == [65, 96, 128, 160, 224]  # all work
    assert "2,400 images (quick mode)" in panel.data_note.value  # what will really be used
    panel.controls["train_fraction"].value = 0.05
    assert "3,000 images" in panel.data_note.value
    assert d2l.TrainingPanel(train_fraction=0.5).values()["train_fraction"] == 0.5


def test_the_laptop_recipe_is_the_training_pages(monkeypatch):
    monkeypatch.delenv("D2L_QUICK", raising=False)
    laptop = runs.RECIPES["laptop"]
    assert (laptop["lr"], laptop["batch_size"], laptop["max_epochs"], laptop["optimizer"],
            laptop["schedule"], laptop["resize"]) == (1e-3, 256, 3, "adam", "one-cycle", 65)
    assert d2l.TrainingPanel("laptop").values() == laptop  # full size: nothing shrunk


def test_a_runs_time_is_not_broken_before_its_unit():
    # seen at 1280 px: "91.6 / s" on two lines in the training page's runs table
    record = {"run": 1, "status": "finished", "epochs_completed": 1, "train_images": 600,
              "train_acc": 0.5, "val_acc": 0.4, "images_per_s": 512.0, "seconds": 91.6,
              "hparams": {"lr": 0.01, "batch_size": 128, "max_epochs": 1, "dropout": 0.5,
                          "activation": "relu", "optimizer": "sgd", "resize": 65}}
    for lang, unit in (("en", "s"), ("zh", "秒"), ("vi", "giây")):
        shown = runs.runs_html([record], lang)
        assert f"91.6\u00a0{unit}" in shown or f"91,6\u00a0{unit}" in shown, lang


def test_one_epoch_curves_are_visible():
    from d2l_local import widgets
    history = [{"epoch": 1, "train_loss": 2.0, "val_loss": 1.9, "val_acc": 0.3}]
    png = widgets.curves_png([(1.0, 2.1)], history, "run 1")
    assert png.startswith(b"\x89PNG") and len(png) > 5000
    # a two-epoch run's axis is marked at whole epochs (a quick run's read 0.5, 1.5)
    steps = [(k / 8, 2.3 - k / 10) for k in range(1, 17)]
    fig = widgets.curves_figure(steps, history + [{**history[0], "epoch": 2}], "run 2")
    ticks = [t for t in fig.axes[0].get_xticks() if 0 <= t <= 2.1]
    assert ticks == [0, 1, 2], ticks


@pytest.mark.slow
def test_run_records_exactly_the_settings_and_per_epoch_metrics(panel):
    panel.controls["optimizer"].value = "momentum"
    panel.controls["dropout"].value = 0.3
    panel.controls["schedule"].value = "constant"
    record = panel.run(lr=0.02, batch_size=64, max_epochs=2, resize=65, activation="relu",
                       train_fraction=0.01, device="cpu")
    assert record["status"] == "finished"
    assert record["hparams"] == {"lr": 0.02, "batch_size": 64, "max_epochs": 2,
                                 "dropout": 0.3, "activation": "relu",
                                 "optimizer": "momentum", "schedule": "constant",
                                 "resize": 65, "train_fraction": 0.01, "device": "cpu"}
    assert [r["epoch"] for r in record["history"]] == [1, 2]
    for r in record["history"]:
        assert {"train_loss", "val_acc", "images_per_s"} <= set(r)
    assert panel.history == [record]
    header, row = table_rows(panel.table.value)
    assert header == ["run", "status", "train acc", "test acc", "images/s", "time", "lr",
                      "batch", "epochs", "dropout", "act.", "optimizer", "size", "data"]
    assert row[6:] == ["0.02", "64", "2/2", "0.30", "relu", "SGD + momentum", "65", "600"]
    assert row[:2] == ["1", "finished"]
    assert row[3] == f"{record['val_acc']:.3f}" and row[5] == f"{record['seconds']:.1f}\u00a0s"
    assert panel.progress.description == "finished"
    assert panel.trainer.scheduler is None and panel.trainer.speed == d2l.Speed.auto("cpu")
    one_cycle = panel.run(schedule="one-cycle", max_epochs=1)
    assert isinstance(panel.trainer.scheduler, torch.optim.lr_scheduler.OneCycleLR)
    rows = table_rows(panel.table.value)
    optimizer = rows[0].index(runs.phrase("panel_column_optimizer", "en"))
    assert rows[2][optimizer] == "SGD + momentum + 1cycle"
    # the settings the runs differ in come before those they share (the learning rate)
    assert optimizer < rows[0].index(runs.phrase("panel_column_lr", "en"))
    assert one_cycle["status"] == "finished"
    assert bytes(panel.curves.value).startswith(b"\x89PNG")  # the curves were drawn


def test_the_model_is_trained_with_the_panels_dropout(panel):
    record = cut_run(panel, dropout=0.3, batch_size=16, resize=65, device="cpu")
    assert record["history"][0]["train_batches"] >= 1  # this model was trained
    rates = [m.p for m in panel.trainer.model.modules() if isinstance(m, torch.nn.Dropout)]
    assert rates == [0.3, 0.3]


def test_the_model_is_trained_on_the_panels_share_of_the_data(panel):
    record = cut_run(panel, train_fraction=0.02, batch_size=16, resize=65, device="cpu")
    assert record["train_images"] == 1200 and "1,200 images" in panel.data_note.value
    assert panel.trainer.num_train_batches * 16 == 1200  # what the trainer was given
    assert table_rows(panel.table.value)[1][runs.COLUMNS.index("data")] == "1,200"


@pytest.mark.slow
def test_stop_mid_run_keeps_what_was_measured(panel):
    panel.run(batch_size=16, max_epochs=2, resize=65, device="cpu")  # a finished run first
    thread = panel.start()
    deadline = time.time() + 60
    while not panel.progress.description.startswith("epoch 1: 3/") and time.time() < deadline:
        time.sleep(0.01)
    refused = panel.run()  # a second Train while one runs
    assert refused["status"] == "refused" and "already in progress" in panel.message.value
    assert panel.start()["status"] == "refused"
    panel.stop()
    thread.join(60)
    record = panel.history[-1]
    assert record["status"] == "stopped"
    assert record["epochs_completed"] == 0 and len(record["history"]) == 1
    assert record["history"][0]["train_images"] < 256  # ended within the first epoch
    assert len(panel.history) == 2 and not panel.running
    assert [r["run"] for r in panel.history] == [1, 2]


def test_stop_pressed_while_the_data_load_ends_the_run_before_training(panel, monkeypatch):
    """The trainer does not exist while the data load: a Stop then still ends the run,
    before its first batch (it was once lost, and the run went on to the end)."""
    loading, release = threading.Event(), threading.Event()
    load = runs.FashionMNIST

    def slow_load(*args, **kwargs):
        loading.set()
        assert release.wait(30)
        return load(*args, **kwargs)
    monkeypatch.setattr(runs, "FashionMNIST", slow_load)
    thread = panel.start()
    assert loading.wait(30) and panel.running
    panel.stop()
    release.set()
    thread.join(60)
    record = panel.history[-1]
    assert record["status"] == "stopped" and record["message"] == "stopped by the user"
    assert record["history"] == [] and record["epochs_completed"] == 0
    assert panel.trainer.history == [] and not panel.running
    assert panel.progress.description == "stopped"
    assert table_rows(panel.table.value)[1][:2] == ["1", "stopped"]


def test_stop_pressed_with_train_counts_before_the_thread_runs(panel):
    thread = panel.start()
    panel.stop()  # at once: the thread may not have begun
    thread.join(60)
    assert [r["status"] for r in panel.history] == ["stopped"]
    assert panel.history[0]["history"] == [] and not panel.train_button.disabled


@pytest.mark.slow
def test_a_refusal_goes_when_the_run_it_waited_for_has_finished(panel):
    thread = panel.start()
    deadline = time.time() + 60
    while not panel.progress.description.startswith("epoch 1:") and time.time() < deadline:
        time.sleep(0.01)
    assert panel.run()["status"] == "refused"
    assert "already in progress" in panel.message.value
    thread.join(120)
    assert panel.history[-1]["status"] == "finished"
    assert "already in progress" not in panel.message.value


@pytest.mark.slow
def test_an_interrupt_of_a_run_in_a_cell_is_recorded_and_raised_again(panel):
    def interrupt(*_):
        raise KeyboardInterrupt
    original = d2l.Trainer.fit

    def fit(trainer, model, data):
        trainer.batch_callbacks.append(interrupt)
        return original(trainer, model, data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(d2l.Trainer, "fit", fit)
        with pytest.raises(KeyboardInterrupt):
            panel.run(batch_size=64, max_epochs=1, resize=65, device="cpu")
    assert [r["status"] for r in panel.history] == ["interrupted"]
    assert table_rows(panel.table.value)[1][1] == "interrupted"
    assert not panel.running and not panel.train_button.disabled
    assert panel.run(max_epochs=1)["status"] == "finished"  # and it trains again


@pytest.mark.parametrize("bad,needle", [
    (dict(resize=32), "the panel's input size is one of 65, 96,"),
    (dict(lr=0), "lr=0 is not allowed: the panel's learning rate is one of 0.0001,"),
    (dict(lr=1e3), "the panel's learning rate is one of"),
    (dict(lr=0.003), "the panel's learning rate is one of"),
    (dict(lr=True), "lr=True is not allowed"),
    (dict(dropout=1.0), "the panel's dropout is a number from 0 to 0.9"),
    (dict(dropout=1.5), "dropout=1.5 is not allowed"),
    (dict(batch_size=100), "the panel's batch size is one of 16, 32,"),
    (dict(max_epochs=0), "the panel's epochs is a whole number from 1 to 30"),
    (dict(max_epochs=2.5), "max_epochs=2.5 is not allowed"),
    (dict(train_fraction=0), "the panel's training data is a number from 0.01 to 1"),
    (dict(optimizer="rmsprop"), "the panel's optimizer is one of 'sgd', 'momentum', 'adam'"),
    (dict(device="tpu"), "the panel's device is one of 'auto', 'cpu'"),
    (dict(colour="red"), "Unknown setting(s) ['colour']"),
])
def test_one_rule_for_the_constructor_and_run(panel, bad, needle):
    """The constructor raises what run() explains in the panel, word for word, and what
    the widget-free settings raise: one validator (dropout=1.5 was once shown as 0.9, and
    batch_size=100 raised a traitlets error)."""
    with pytest.raises(ValueError) as raised:
        d2l.TrainingPanel(**{"train_fraction": 0.01, **bad})
    message = str(raised.value)
    assert needle in message
    before = panel.values()
    assert panel.run(**bad) == {"status": "rejected", "message": message}
    assert html.escape(message) in panel.message.value
    assert panel.values() == before and panel.history == [] and not panel.running
    with pytest.raises(runs.SettingError) as widget_free:
        runs.settings(**{"train_fraction": 0.01, **bad})
    assert str(widget_free.value) == message


@pytest.mark.slow
def test_divergence_is_reported_in_the_panel_and_the_run_kept(panel):
    record = panel.run(lr=10.0, optimizer="momentum", resize=65, max_epochs=2, batch_size=16,
                       device="cpu")
    assert record["status"] == "diverged"
    assert "smaller learning rate" in record["message"]
    assert "smaller learning rate" in panel.message.value
    assert panel.history == [record] and not panel.running
    again = panel.run(lr=0.01)  # the panel still works
    assert again["status"] == "finished" and len(panel.history) == 2


def test_learning_rates_are_exact(quick):
    panel = d2l.TrainingPanel(lr=2e-4)
    assert panel.values()["lr"] == 2e-4 and 10.0 in runs.LEARNING_RATES
    with pytest.raises(ValueError, match="learning rate is one of 0.0001, 0.0002, 0.0005, "):
        d2l.TrainingPanel(lr=3e-4)


@pytest.mark.slow
def test_a_run_needs_no_widget_and_no_thread(quick):
    """The run function without ipywidgets (which cannot be imported here) and without a
    thread: the progress callbacks run in the caller's thread, and one of them sets Stop."""
    script = """
import sys, threading
sys.modules["ipywidgets"] = None  # importing it fails
from d2l_local import experiments, runs
try:
    import d2l_local.widgets
except ImportError:
    pass
else:
    raise AssertionError("ipywidgets could be imported: this check would check nothing")
stop, seen, epochs = experiments.Stop(), [], []

def on_batch(trainer, epoch, batch, n_batches):
    seen.append((epoch, batch, threading.current_thread() is threading.main_thread()))
    if batch == 1:
        stop.set()
settings = runs.settings(max_epochs=3, batch_size=16, resize=65, train_fraction=0.01,
                         device="cpu")
record = runs.train(settings, stop=stop, on_batch=on_batch,
                    on_epoch=lambda trainer, r: epochs.append(r["epoch"]))
assert record["status"] == "stopped" and record["hparams"] == settings, record
assert seen == [(0, 0, True), (0, 1, True)] and epochs == [], (seen, epochs)
assert [r["train_batches"] for r in record["history"]] == [2]
assert threading.active_count() == 1
print("ok")
"""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip().endswith("ok")


def test_the_frozen_panel_holds_every_language(panel):
    cut_run(panel, batch_size=16, resize=65, device="cpu")
    parts = Parts(panel.static_html())
    # the book's stylesheet shows the child of .d2l-l10n whose lang is the page's
    assert {"d2l-panel-static", "d2l-l10n"} <= set(parts.outer)
    assert list(parts.text) == ["en", "zh", "vi"]
    en, zh, vi = parts.text["en"], parts.text["zh"], parts.text["vi"]
    assert "needs a live Python kernel" in en and "launch buttons" in en
    assert len(CJK.findall(zh)) > 100 and "needs a live" not in zh and "JupyterLab" in zh
    assert len(VIETNAMESE.findall(vi)) > 30 and "needs a live" not in vi
    assert "(lr): 0,001" in vi and "(lr): 0.001" in en and "(lr): 0.001" in zh
    tables = parts.rows
    for lang, rows in tables.items():
        assert rows[0] == [runs.phrase(f"panel_column_{c}", lang) for c in runs.COLUMNS]
        assert len(rows) == 2 and rows[1][1] == runs.status_word("stopped", lang)
    assert tables["en"][1][1] == "stopped" and CJK.search(tables["zh"][1][1])
    assert VIETNAMESE.search(tables["vi"][1][1])
    assert all(CJK.search(h) for h in tables["zh"][0][:2])
    assert all(VIETNAMESE.search(h) for h in tables["vi"][0][:2])
    # numbers stay numbers: the run, its settings and what it measured, alike in English
    # and Chinese; Vietnamese writes them its way (0,001: its 0.001 would read as 1)
    numbers = [i for i, c in enumerate(runs.COLUMNS) if c not in ("status", "optimizer",
                                                                  "time")]
    en_numbers = [tables["en"][1][i] for i in numbers]
    assert [tables["zh"][1][i] for i in numbers] == en_numbers
    column = {c: runs.COLUMNS.index(c) for c in ("run", "lr", "batch", "data")}
    assert [tables["en"][1][column[c]] for c in column] == ["1", "0.001", "16", "600"]
    assert [tables["vi"][1][column[c]] for c in column] == ["1", "0,001", "16", "600"]
    assert {c: tables["vi"][1][runs.COLUMNS.index(c)] for c in ("dropout", "size")} == {
        "dropout": "0,50", "size": "65"}
    # what a run measured comes before its settings (a wide table shows its left part)
    assert runs.COLUMNS.index("test_acc") < runs.COLUMNS.index("lr")


def test_the_live_panel_speaks_the_readers_language(quick, monkeypatch):
    monkeypatch.setenv("D2L_LANG", "zh")
    panel = d2l.TrainingPanel(train_fraction=0.01)
    labels = [c.description for c in panel.controls.values()]
    labels += [panel.train_button.description, panel.stop_button.description,
               panel.progress.description, panel.compare.description, panel.data_note.value]
    assert all(CJK.search(label) for label in labels), labels
    assert panel.controls["lr"].description == "学习率"
    assert ("SGD + 动量", "momentum") in panel.controls["optimizer"].options
    assert "600张图像" in panel.data_note.value
    rejected = panel.run(dropout=1.5)
    assert rejected["message"].startswith("dropout=1.5 is not allowed")  # for code: English
    assert "不可用" in panel.message.value and "not allowed" not in panel.message.value
    assert cut_run(panel, batch_size=16, resize=65, device="cpu")["status"] == "stopped"
    header, row = table_rows(panel.table.value)
    assert all(CJK.search(h) for h in header[:2]) and row[1] == "已停止"
    assert panel.progress.description == "已停止" and CJK.search(panel.status.value)
    assert "已被用户停止" in panel.message.value


def test_the_frozen_panel_shows_the_comparison_of_the_chosen_runs(panel, monkeypatch):
    """In the book the panel is frozen: with two runs chosen for comparison (a preset), the
    figure under it is their comparison, as the live panel draws it, not the last run's
    curves alone."""
    import IPython.display

    def epochs(accs):
        return [{"epoch": i + 1, "train_loss": 1.0, "val_loss": 1.0, "val_acc": a,
                 "complete": True} for i, a in enumerate(accs)]
    for run, accs in ((1, [0.5, 0.7]), (2, [0.1, 0.1])):
        panel.history.append({"run": run, "history": epochs(accs)})
    panel.compare.options = [("run 1", 1), ("run 2", 2)]
    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: shown.extend(objs))
    monkeypatch.setenv("D2L_STATIC_BOOK", "1")
    monkeypatch.setattr(panel, "static_html", lambda: "")  # the settings: tested above

    def alt():
        shown.clear()
        panel._ipython_display_()
        return shown[-1].metadata["alt"]
    panel.compare.value = (1, 2)
    assert "test accuracy of the chosen runs" in alt() and "run 1" in alt()
    panel.compare.value = (2,)  # one chosen: the last run's curves
    assert "chosen runs" not in alt() and "run 2" in alt()
