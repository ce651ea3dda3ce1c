"""The training panel's presets: the classic comparisons as runs that differ in exactly
the setting each compares, checked by the panel's one rule, sized by scale, runnable
without widgets (d2l_local.runs) and queued by the panel's Run preset button."""

import pytest

import d2l_local as d2l
from d2l_local import runs, scales

from .test_widgets import table_rows

SCALES = ("quick", "cpu", "gpu")


def differing(plan):
    """The settings whose values are not the same in every run of ``plan``."""
    return {key for key in runs.HPARAMS if len({repr(hp[key]) for hp in plan}) > 1}


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("name", list(runs.PRESETS))
def test_each_presets_runs_differ_exactly_in_the_setting_it_compares(name, scale,
                                                                     monkeypatch):
    monkeypatch.setattr(scales, "current", lambda: scale)
    monkeypatch.setenv("D2L_QUICK", "1" if scale == "quick" else "")
    for recipe in runs.RECIPES:
        plan = runs.preset_runs(name, recipe)
        assert len(plan) == 2
        assert differing(plan) == {runs.PRESETS[name]["setting"]}, (name, recipe, plan)
        # the rest is the recipe, sized for the scale
        base = {**runs.RECIPES[recipe], **runs.preset_size(name)}
        for hp in plan:
            same = {k: v for k, v in hp.items() if k != runs.PRESETS[name]["setting"]}
            assert same == {k: v for k, v in base.items() if k in same}
    expected = {"relu_sigmoid": ["relu", "sigmoid"], "dropout": [0.5, 0.0],
                "size": [65, 224]}.get(name)
    values = [hp[runs.PRESETS[name]["setting"]] for hp in runs.preset_runs(name, "laptop")]
    if expected:
        assert values == expected
    else:  # the recipe's learning rate, and ten times it
        assert values == [1e-3, 1e-2]
        assert [hp["lr"] for hp in runs.preset_runs(name, "reference")] == [0.01, 0.1]


def test_presets_are_sized_by_scale(monkeypatch):
    """Quick mode tiny (600 images, one epoch); the 224-pixel comparison trains least at
    CPU full size; a GPU runs the reference run's length."""
    images = {}
    for scale in SCALES:
        monkeypatch.setattr(scales, "current", lambda scale=scale: scale)
        for name in runs.PRESETS:
            size = runs.preset_size(name)
            images[scale, name] = 60_000 * size["train_fraction"] * size["max_epochs"]
    assert all(images["quick", n] == 600 for n in runs.PRESETS)
    assert images["cpu", "size"] < min(images["cpu", n] for n in runs.PRESETS if n != "size")
    assert all(images["quick", n] < images["cpu", n] < images["gpu", n] for n in runs.PRESETS)


def test_preset_runs_are_checked_by_the_panels_rule(quick, monkeypatch):
    calls = []
    check = runs.check_settings
    monkeypatch.setattr(runs, "check_settings", lambda values: calls.append(values)
                        or check(values))
    plan = runs.preset_runs("size", "laptop")
    assert [c["resize"] for c in calls[-2:]] == [65, 224] and calls[-1] == plan[-1]
    # what the panel refuses, a preset refuses, with the panel's message
    with pytest.raises(runs.SettingError) as panel_says:
        runs.settings("laptop", train_fraction=5)
    with pytest.raises(runs.SettingError) as preset_says:
        runs.preset_runs("dropout", "laptop", train_fraction=5)
    assert str(preset_says.value) == str(panel_says.value)
    # a compared value the panel does not offer (ten times its largest rate) is refused
    monkeypatch.setitem(runs.RECIPES["laptop"], "lr", runs.LEARNING_RATES[-1])
    with pytest.raises(runs.SettingError, match="lr=100.0 is not allowed"):
        runs.preset_runs("lr_x10", "laptop")
    # the compared setting is the preset's to set, and a preset must exist
    with pytest.raises(runs.SettingError, match="activation"):
        runs.preset_runs("relu_sigmoid", "laptop", activation="sigmoid")
    with pytest.raises(runs.SettingError, match="preset='batch' is not allowed"):
        runs.preset_runs("batch")


@pytest.mark.slow
def test_a_preset_run_through_the_core_gives_one_history_per_run(quick):
    seen = []
    records = runs.run_preset("relu_sigmoid", "laptop", first_run=3, on_run=seen.append,
                              train_fraction=0.01, batch_size=128)
    assert records == seen and len(records) == 2
    assert [r["run"] for r in records] == [3, 4]
    assert [r["hparams"] for r in records] == runs.preset_runs(
        "relu_sigmoid", "laptop", train_fraction=0.01, batch_size=128)
    for record in records:
        assert record["status"] == "finished", record["message"]
        assert len(record["history"]) == record["hparams"]["max_epochs"] == 1
        assert record["train_images"] == 600


def test_a_set_stop_skips_the_presets_runs(quick):
    stop = d2l.experiments.Stop()
    stop.set()
    assert runs.run_preset("dropout", "laptop", stop=stop) == []


def test_the_presets_speak_every_language():
    for name in runs.PRESETS:
        titles = {lang: runs.preset_title(name, lang) for lang in ("en", "zh", "vi")}
        texts = {lang: runs.preset_expectation(name, lang) for lang in ("en", "zh", "vi")}
        assert len(set(titles.values())) == 3 or name == "relu_sigmoid"
        assert len(set(texts.values())) == 3
        assert texts["en"].startswith("Two runs") and "expect" in texts["en"].lower()
    ratio = runs.size_cost_ratio()
    assert 11 < ratio < 14  # model_flops: 224-pixel images cost about 12 times 65-pixel
    assert f"about {ratio:.0f} times" in runs.preset_expectation("size")


def test_the_size_preset_says_how_long_it_takes(quick, monkeypatch):
    """Each run's time, from a training step timed on this machine, scaled to its images
    and epochs (and its test images at a third of the cost)."""
    timed = []
    monkeypatch.setattr(runs, "step_seconds", lambda hp: timed.append(hp["resize"])
                        or {65: 0.01, 224: 0.12}[hp["resize"]])
    text = runs.preset_estimate("size", "en", "laptop")
    assert timed == [65, 224]
    test_images = d2l.config.QUICK.val_examples
    small, large = ((600 + test_images / 3) * s for s in (0.01, 0.12))
    assert f"65: about {d2l.book.duration(small).in_language('en')}" in text
    assert f"224: about {d2l.book.duration(large).in_language('en')}" in text
    assert "600 training images" in text
    assert "约" in runs.preset_estimate("size", "zh", "laptop")


def test_step_seconds_is_measured():
    hp = runs.settings("laptop", device="cpu")
    assert 0 < runs.step_seconds({**hp, "resize": 65}, batch=2, repeat=1) < 30


@pytest.mark.slow
def test_the_panel_queues_a_presets_runs_into_its_table_and_comparison(quick):
    panel = d2l.TrainingPanel("laptop", preset="dropout")
    assert "dropout" in panel.preset_note.value
    thread = panel.start_preset()
    assert "2 runs queued" in panel.preset_note.value
    thread.join(600)
    assert [r["run"] for r in panel.history] == [1, 2]
    assert [r["hparams"]["dropout"] for r in panel.history] == [0.5, 0.0]
    assert all(r["status"] == "finished" for r in panel.history)
    assert len(table_rows(panel.table.value)) == 3  # the header and a row per run
    assert panel.compare.value == (1, 2)
    assert panel.comparison.layout.display is None and panel.comparison.value
    assert not panel.running and not panel.train_button.disabled


def test_stop_during_a_preset_ends_its_run_and_skips_the_rest(quick):
    panel = d2l.TrainingPanel("laptop", preset="size")
    thread = panel.start_preset()
    panel.stop()  # while the first run loads its data
    thread.join(600)
    assert [r["status"] for r in panel.history] == ["stopped"]
    assert "not made" in panel.message.value


def test_the_panel_refuses_a_bad_preset_as_a_message(quick):
    panel = d2l.TrainingPanel("laptop")
    records = panel.run_preset("relu_sigmoid", train_fraction=5)
    assert records[0]["status"] == "rejected" and "train_fraction=5" in records[0]["message"]
    assert "train_fraction=5" in panel.message.value and panel.history == []
    assert not panel.running
    with pytest.raises(ValueError, match="preset"):
        d2l.TrainingPanel("laptop", preset="batch")
