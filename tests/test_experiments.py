import pytest

import d2l_local as d2l
from d2l_local import experiments

from .test_plotting import _histories
from .test_training import on_loss_call


def test_late_accuracy_averages_the_last_epochs():
    late = experiments.late_accuracy(_histories(), last=2)
    assert list(late.index) == ["small", "large"]
    assert late.loc["large", "train_acc"] == pytest.approx((0.4 + 0.6) / 2)
    assert late.loc["large", "val_acc"] == pytest.approx((0.2 + 0.3) / 2)
    assert late.loc["large", "gap"] == pytest.approx(0.25)
    short = experiments.late_accuracy({"one": _histories()["small"][:1]}, last=5)
    assert short.loc["one", "gap"] == pytest.approx(0.05)
    # rounded as the table shows them, the gap the difference of the two beside it
    tail = [{"train_acc": 0.8944, "val_acc": 0.7986}]
    late = experiments.late_accuracy({"a": tail}, last=1)
    assert (late.loc["a", "train_acc"], late.loc["a", "val_acc"]) == (0.894, 0.799)
    assert late.loc["a", "gap"] == 0.095  # 0.894 - 0.799, not 0.0958 rounded to 0.096
    exact = experiments.late_accuracy({"a": tail}, last=1, digits=None)
    assert exact.loc["a", "gap"] == pytest.approx(0.0958)


@pytest.mark.slow
def test_run_experiments_tabulates_each_run():
    runs = {
        "sigmoid": (lambda: d2l.LeNet(lr=0.1), lambda: d2l.FashionMNIST(64, num_train=128,
                                                                        num_val=64)),
        "relu": (lambda: d2l.LeNet(lr=0.1, activation="relu"),
                 lambda: d2l.FashionMNIST(64, num_train=128, num_val=64)),
    }
    table, histories = experiments.run_experiments(runs, max_epochs=2, num_gpus=0)
    assert list(table.index) == ["sigmoid", "relu"] and list(histories) == ["sigmoid", "relu"]
    assert all(len(h) == 2 for h in histories.values())
    assert table.loc["relu", "parameters"] == 61_706
    assert table.loc["relu", "val_acc"] == histories["relu"][-1]["val_acc"]
    assert table.loc["relu", "images/s"] == pytest.approx(
        sum(r["images_per_s"] for r in histories["relu"]) / 2)
    assert (table["seconds"] > 0).all() and table["peak MiB"].isna().all()
    assert table["epochs"].tolist() == [2, 2]


def test_each_experiment_may_have_its_own_epochs():
    data = lambda: d2l.FashionMNIST(64, num_train=64, num_val=64)
    runs = {"short": (lambda: d2l.LeNet(lr=0.1), data), "long": (lambda: d2l.LeNet(lr=0.1), data)}
    table, histories = experiments.run_experiments(runs, max_epochs={"short": 1, "long": 3},
                                                   num_gpus=0)
    assert [len(h) for h in histories.values()] == [1, 3] == table["epochs"].tolist()
    with pytest.raises(ValueError, match=r"no value for \['long'\]"):
        experiments.run_experiments(runs, max_epochs={"short": 1}, num_gpus=0)


@pytest.mark.parametrize("at_call, epochs_done", [(3, 0), (5, 1)])  # 2 train + 1 val batches
def test_an_interrupt_keeps_the_finished_rows_marks_the_cut_one_and_stops(
        at_call, epochs_done, capsys):
    data = lambda: d2l.FashionMNIST(64, num_train=128, num_val=64)
    made = []

    def interrupted_lenet():
        model = d2l.LeNet(lr=0.1)
        on_loss_call(model, at_call, lambda: (_ for _ in ()).throw(KeyboardInterrupt))
        made.append("cut")
        return model
    runs = {"first": (lambda: d2l.LeNet(lr=0.1), data), "second": (interrupted_lenet, data),
            "third": (lambda: made.append("third") or d2l.LeNet(lr=0.1), data)}
    with pytest.raises(KeyboardInterrupt) as caught:
        experiments.run_experiments(runs, max_epochs=2, num_gpus=0)
    assert isinstance(caught.value, experiments.ExperimentsInterrupted)
    table, histories = caught.value.table, caught.value.histories
    assert made == ["cut"]  # the third experiment never started
    assert list(table.index) == ["first", "second"]
    assert table["cut"].tolist() == [False, True]
    assert table["epochs"].tolist() == [2, epochs_done]
    assert len(histories["second"]) == epochs_done
    assert (table.loc["second", "val_acc"] == histories["second"][-1]["val_acc"]
            if epochs_done else table.loc["second", ["val_acc", "images/s"]].isna().all())
    assert "Interrupted during 'second'" in capsys.readouterr().err


def test_a_table_with_no_cut_run_has_no_cut_column():
    data = lambda: d2l.FashionMNIST(64, num_train=64, num_val=64)
    table, _ = experiments.run_experiments({"one": (lambda: d2l.LeNet(lr=0.1), data)},
                                           max_epochs=1, num_gpus=0)
    assert "cut" not in table.columns


def test_rounded_shows_a_dash_where_nothing_was_measured():
    import pandas as pd
    table = pd.DataFrame({"val_acc": [0.81234, 0.7], "peak MiB": [float("nan"), 512.0]},
                         index=["cpu run", "gpu run"])
    shown = experiments.rounded(table)
    assert shown.loc["cpu run", "peak MiB"] == "–" and shown.loc["gpu run", "peak MiB"] == 512
    assert shown.loc["cpu run", "val_acc"] == 0.812
    assert "NaN" not in shown.to_string() and "NaN" not in shown.to_html()
    assert table["peak MiB"].isna().sum() == 1  # the measured table keeps its numbers
    # rates and MiB whole, seconds to a hundredth: thousandths only widen the table
    table = pd.DataFrame({"images/s": [13391.778, 512.4], "seconds": [59.8123, 0.056],
                          "peak MiB": [float("nan"), 511.6], "val_acc": [0.81234, 0.7]})
    shown = experiments.rounded(table)
    assert list(shown["images/s"]) == [13392, 512] and list(shown["seconds"]) == [59.81, 0.06]
    assert shown.loc[1, "peak MiB"] == 512 and isinstance(shown.loc[1, "peak MiB"], int)
    assert shown.loc[0, "peak MiB"] == "–" and shown.loc[0, "val_acc"] == 0.812


def _ex5_values():
    return dict(epochs=2, param_ratio=50.0, speedup=10.0, small=0.7, alexnet=0.6, slim=0.65,
                slim_gap=0.05, slim_speedup=3.0)


def test_this_run_states_its_own_finding_and_scale_in_quick_mode(monkeypatch, tmp_path):
    from d2l_local import book, config, results

    from .test_book import _at
    monkeypatch.setattr(config, "results_dir", lambda: tmp_path)
    monkeypatch.setattr(book, "_PAGE", {"name": "exercises"})
    history = [{"train_images": 256, "val_images": 128}] * 2
    _at(monkeypatch, "quick")
    # a finding recorded by an earlier form of the experiment (a sentence since retired)
    results.save_findings("exercises", "cpu", {"ex5": {"key": "ex5_found", "values": {}}},
                          60.0, "cpu")
    text = book.this_run("ex5", "ex5_small_ahead", history, **_ex5_values())
    assert text.startswith("This page's own run (quick mode, after 2 epochs of 256 training")
    assert "reached a test accuracy of 0.700" in text
    assert "earlier form" not in text and "D2L_QUICK" not in text and "found:" not in text
    assert "chế độ nhanh" in text.in_language("vi") and "快速模式" in text.in_language("zh")
    # a finding of the experiment as it is now is quoted after this run's, labelled
    results.save_findings("exercises", "cpu", {"ex5": {"key": "ex5_small_behind", "values": {
        **_ex5_values(), "small": 0.5}}}, 60.0, "cpu")
    text = book.this_run("ex5", "ex5_small_ahead", history, **_ex5_values())
    assert " The CPU full-size run (on cpu" in text and "below AlexNet's 0.600" in text


def test_batch_accuracy_key_says_what_the_accuracies_show():
    key = experiments.batch_accuracy_key
    # the CPU full-size run: batch 128 level with 32, batch 512 far behind
    assert key(0.762, 0.758, 0.223) == "ex6_acc_512_behind"
    assert key(0.80, 0.79, 0.795) == "ex6_acc_level"
    assert key(0.80, 0.70, 0.60) == "ex6_acc_falls"
    assert key(0.70, 0.80, 0.60) == "ex6_acc_mixed"
    assert key(0.60, 0.70, 0.80) == "ex6_acc_mixed"


def test_dropout_gap_key_says_no_narrower_only_when_it_is_not():
    key = experiments.dropout_gap_key
    assert key(0.03, 0.01) == "ex8_no_gap"
    assert key(0.25, 0.10) == "ex8_gap"
    # the CPU full-size run: 0.101 without dropout, 0.095 with it, narrower by 0.006
    assert key(0.101, 0.095) == "ex8_gap_kept"
    assert key(0.101, 0.101) == "ex8_gap_not_narrower"
    assert key(0.101, 0.110) == "ex8_gap_not_narrower"


def test_augment_key_says_what_flips_and_shifts_did():
    key = experiments.augment_key
    # the CPU full-size run: 0.887 without flips and shifts, 0.864 with them
    assert key(0.887, 0.864) == "ex7_augment_cost"
    assert key(0.864, 0.887) == "ex7_augment_gain"
    assert key(0.887, 0.884) == key(0.887, 0.890) == "ex7_augment_level"
    from d2l_local import book
    cost = book.say("ex7_augment_cost", cost=0.023, epochs=20)
    assert "lowered the test accuracy by 0.023" in cost.in_language("en")
    assert "0,023" in cost.in_language("vi") and "0.023" in cost.in_language("zh")


def test_the_gap_sentences_say_slightly_narrower_or_no_narrower():
    from d2l_local import book
    kept = book.say("ex8_gap_kept", gap_none=0.101, gap_drop=0.095, epochs=30, train=1000)
    wider = book.say("ex8_gap_not_narrower", gap_none=0.101, gap_drop=0.11, epochs=30,
                     train=1000)
    assert "only slightly narrower" in kept.in_language("en")
    assert "no narrower" not in kept.in_language("en")
    assert "no narrower" in wider.in_language("en")
    assert "0,095" in kept.in_language("vi")
