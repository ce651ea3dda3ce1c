import time

import pytest
import torch

import d2l_local as d2l


@pytest.fixture
def panel(quick):
    return d2l.TrainingPanel(train_fraction=0.01)  # 600 images: the tests' runs are short


def test_controls_contract(panel):
    assert set(panel.controls) == {"lr", "batch_size", "max_epochs", "dropout", "activation",
                                   "optimizer", "schedule", "resize", "train_fraction",
                                   "device"}
    assert panel.history == []


def test_the_panel_starts_from_the_recipe_for_the_machine(quick):
    from d2l_local import widgets
    expected = "laptop" if d2l.try_gpu().type == "cpu" else "reference"
    assert widgets.default_recipe() == expected
    # quick mode starts on 2,400 images for two epochs; the rest is the recipe
    quick_start = {"train_fraction": 0.04, "max_epochs": 2}
    assert d2l.TrainingPanel().values() == {**widgets.RECIPES[expected], **quick_start}
    panel = d2l.TrainingPanel("reference", lr=0.05)
    assert panel.values() == {**widgets.RECIPES["reference"], "lr": 0.05, **quick_start}
    assert list(panel.controls["resize"].options) == [65, 96, 128, 160, 224]  # all work
    assert "2,400 images (quick mode)" in panel.data_note.value  # what will really be used
    panel.controls["train_fraction"].value = 0.05
    assert "3,000 images" in panel.data_note.value
    assert d2l.TrainingPanel(train_fraction=0.5).values()["train_fraction"] == 0.5


def test_the_laptop_recipe_is_the_training_pages(monkeypatch):
    from d2l_local import widgets
    monkeypatch.delenv("D2L_QUICK", raising=False)
    laptop = widgets.RECIPES["laptop"]
    assert (laptop["lr"], laptop["batch_size"], laptop["max_epochs"], laptop["optimizer"],
            laptop["schedule"], laptop["resize"]) == (1e-3, 256, 3, "adam", "one-cycle", 65)
    assert d2l.TrainingPanel("laptop").values() == laptop  # full size: nothing shrunk


def test_one_epoch_curves_are_visible():
    from d2l_local import widgets
    history = [{"epoch": 1, "train_loss": 2.0, "val_loss": 1.9, "val_acc": 0.3}]
    png = widgets.curves_png([(1.0, 2.1)], history, "run 1")
    assert png.startswith(b"\x89PNG") and len(png) > 5000


def test_run_records_exactly_the_settings_and_per_epoch_metrics(panel):
    panel.controls["optimizer"].value = "momentum"
    panel.controls["dropout"].value = 0.3
    panel.controls["schedule"].value = "constant"
    record = panel.run(lr=0.02, batch_size=64, max_epochs=2, resize=96, activation="relu",
                       train_fraction=0.02, device="cpu")
    assert record["status"] == "finished"
    assert record["hparams"] == {"lr": 0.02, "batch_size": 64, "max_epochs": 2,
                                 "dropout": 0.3, "activation": "relu",
                                 "optimizer": "momentum", "schedule": "constant",
                                 "resize": 96, "train_fraction": 0.02, "device": "cpu"}
    assert [r["epoch"] for r in record["history"]] == [1, 2]
    for r in record["history"]:
        assert {"train_loss", "val_acc", "images_per_s"} <= set(r)
    assert panel.history == [record]
    assert "momentum" in panel.table.value and panel.progress.description == "finished"
    assert record["train_images"] == 1200 and "<td>1,200</td>" in panel.table.value
    assert panel.trainer.scheduler is None and panel.trainer.speed == d2l.Speed.auto("cpu")
    one_cycle = panel.run(schedule="one-cycle", max_epochs=1)
    assert isinstance(panel.trainer.scheduler, torch.optim.lr_scheduler.OneCycleLR)
    assert "momentum + 1cycle" in panel.table.value and one_cycle["status"] == "finished"
    assert bytes(panel.curves.value).startswith(b"\x89PNG")  # the curves were drawn


def test_stop_mid_run_keeps_what_was_measured(panel):
    panel.run(batch_size=16, max_epochs=2, resize=96, device="cpu")  # a finished run first
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


def test_an_interrupt_of_a_run_in_a_cell_is_recorded_and_raised_again(panel):
    def interrupt(*_):
        raise KeyboardInterrupt
    original = d2l.widgets.Trainer.fit

    def fit(trainer, model, data):
        trainer.batch_callbacks.append(interrupt)
        return original(trainer, model, data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(d2l.widgets.Trainer, "fit", fit)
        with pytest.raises(KeyboardInterrupt):
            panel.run(batch_size=64, max_epochs=1, resize=65, device="cpu")
    assert [r["status"] for r in panel.history] == ["interrupted"]
    assert "<td>interrupted</td>" in panel.table.value
    assert not panel.running and not panel.train_button.disabled
    assert panel.run(max_epochs=1)["status"] == "finished"  # and it trains again


@pytest.mark.parametrize("bad,needle", [
    (dict(resize=32), "resize must be one of [65, 96"),
    (dict(lr=0), "lr must be a positive"),
    (dict(lr=1e3), "lr must be one of"),
    (dict(lr=0.003), "lr must be one of"),
    (dict(dropout=1.0), "dropout must be"),
    (dict(batch_size=100), "batch_size must be one of"),
    (dict(optimizer="rmsprop"), "optimizer must be one of"),
    (dict(device="tpu"), "device must be one of"),
    (dict(colour="red"), "Unknown setting"),
])
def test_bad_values_are_explained_not_raised(panel, bad, needle):
    before = panel.values()
    record = panel.run(**bad)
    assert record["status"] == "rejected" and needle in record["message"]
    assert needle.split()[0] in panel.message.value
    assert panel.values() == before and panel.history == []


def test_static_page_shows_frozen_state(panel, monkeypatch):
    panel.run(batch_size=128, max_epochs=1, resize=96, device="cpu")
    html = panel.static_html()
    assert "needs a live Python kernel" in html and "launch buttons" in html
    assert "<td>1</td><td>finished</td>" in html


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
    from d2l_local import widgets
    panel = d2l.TrainingPanel(lr=2e-4)
    assert panel.values()["lr"] == 2e-4 and 10.0 in widgets.LEARNING_RATES
    with pytest.raises(ValueError, match="the panel's learning rates are 0.0001, 0.0002"):
        d2l.TrainingPanel(lr=3e-4)
