import matplotlib
import pytest
import torch

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import d2l_local as d2l  # noqa: E402
from d2l_local import plotting  # noqa: E402


def _histories():
    return {name: [{"epoch": e, "train_acc": a * e, "val_acc": a * e / 2} for e in (1, 2, 3)]
            for name, a in (("small", 0.1), ("large", 0.2))}


def test_plot_histories_pairs_metrics_by_colour():
    ax = plotting.plot_histories(_histories(), metric=("train_acc", "val_acc"))
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["small: training", "small: test", "large: training", "large: test"]
    lines = ax.get_lines()
    assert lines[0].get_color() == lines[1].get_color() != lines[2].get_color()
    assert list(lines[3].get_ydata()) == pytest.approx([0.1, 0.2, 0.3])
    assert [t for t in ax.get_xticks() if 1 <= t <= 3] == [1, 2, 3]


def test_plot_histories_one_metric_and_too_many():
    ax = plotting.plot_histories(_histories())
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["small", "large"]
    assert ax.get_ylabel() == "test accuracy"  # in words, not the code's val_acc
    with pytest.raises(ValueError, match="at most 3"):
        plotting.plot_histories(_histories(), metric=("a", "b", "c", "d"))


def test_progress_board_keeps_points_and_draws_only_in_a_notebook(monkeypatch):
    board = d2l.ProgressBoard(xlabel="epoch")
    board.draw(0.5, 2.0, "train_loss")
    board.draw(1, 1.5, "train_loss")
    board.draw(1, 0.6, "val_acc")
    assert board.data == {"train_loss": [(0.5, 2.0), (1.0, 1.5)], "val_acc": [(1.0, 0.6)]}
    assert board._fig is None  # outside a notebook nothing is rendered
    shown = []
    monkeypatch.setattr(plotting, "_in_notebook", lambda: True)
    monkeypatch.setattr("IPython.display.display",
                        lambda fig, display_id=None: shown.append(fig) or _Handle(shown))
    board.draw(2, 1.0, "train_loss")
    board.draw(2, 0.7, "val_acc")
    assert len(shown) == 2  # displayed once, then updated in place
    lines = {ln.get_label(): list(ln.get_xdata()) for ln in board._ax.get_lines()}
    assert lines == {"train_loss": [0.5, 1.0, 2.0], "val_acc": [1.0, 2.0]}
    board.close()
    assert board._fig is None


class _Handle:
    def __init__(self, shown):
        self.shown = shown

    def update(self, fig):
        self.shown.append(fig)


def test_confusion_matrix_counts_true_rows_and_predicted_columns():
    preds = torch.tensor([0, 1, 1, 2, 2, 2])
    labels = torch.tensor([0, 1, 2, 2, 2, 0])
    m = d2l.confusion_matrix(preds, labels, num_classes=3)
    assert m.tolist() == [[1, 0, 1], [0, 1, 0], [0, 1, 2]]
    ax = d2l.plot_confusion(m, ["a", "b", "c"])
    assert [t.get_text() for t in ax.texts] == ["1", "1", "1", "1", "2"]
    plt.close("all")


def test_show_images_and_filters():
    axes = d2l.show_images(torch.rand(3, 1, 5, 5), 1, 4, titles=["a", "b", "c"])
    assert len(axes) == 4 and [a.get_title() for a in axes] == ["a", "b", "c", ""]
    assert len(axes[0].images) == 1 and len(axes[3].images) == 0
    weight = torch.arange(2 * 1 * 3 * 3, dtype=torch.float32).view(2, 1, 3, 3)
    axes = d2l.show_filters(weight, num_cols=2, title="filters")
    first = axes[0].images[0].get_array()
    assert first.min() == 0 and first.max() == pytest.approx(1)  # each scaled to its range
    assert axes[0].figure._suptitle.get_text() == "filters"
    plt.close("all")


def test_plot_history_skips_missing_metrics():
    history = [{"epoch": 1, "train_loss": 1.0, "val_acc": None},
               {"epoch": 2, "train_loss": 0.5, "val_acc": None}]
    ax = d2l.plot_history(history, title="run")
    assert [ln.get_label() for ln in ax.get_lines()] == ["train_loss"]
    assert ax.get_title() == "run"
    plt.close("all")


def test_a_filter_grid_title_sits_above_the_filters():
    axes = d2l.show_filters(torch.randn(24, 1, 5, 5), num_cols=12, title="filters after training")
    fig = axes[0].figure
    fig.canvas.draw()
    title = fig._suptitle.get_window_extent()
    top_row = max(ax.get_window_extent().y1 for ax in fig.axes)
    assert title.y0 >= top_row  # the title was drawn over the first row before


def test_compared_runs_are_named_by_the_one_setting_they_differ_in():
    """A preset's plot reads alone: 'run 1: ReLU' against 'run 2: sigmoid', in each
    edition's words; runs that differ in several settings, or in another one, keep
    their numbers."""
    from d2l_local import figtext, widgets
    base = {"activation": "relu", "dropout": 0.5, "lr": 0.01, "resize": 65, "batch_size": 128}

    def runs(setting, *values):
        return [{"run": i, "hparams": {**base, setting: v}} for i, v in enumerate(values, 1)]
    assert widgets.run_names(runs("activation", "relu", "sigmoid")) == [
        "run 1: ReLU", "run 2: sigmoid"]
    assert widgets.run_names(runs("lr", 0.01, 0.1)) == [
        "run 1: learning rate 0.01", "run 2: learning rate 0.1"]
    assert widgets.run_names(runs("resize", 65, 224))[1] == "run 2: 224x224 pixels"
    assert widgets.run_names(runs("batch_size", 64, 128)) == ["run 1", "run 2"]
    two = runs("lr", 0.01, 0.1)
    two[1]["hparams"]["dropout"] = 0.0
    assert widgets.run_names(two) == ["run 1", "run 2"]
    assert widgets.run_names(runs("lr", 0.01)) == ["run 1"]
    for name in widgets.run_names(runs("lr", 0.01, 0.1)) + widgets.run_names(
            runs("dropout", 0.5, 0.0)) + ["run 1: sigmoid", "test accuracy"]:
        assert figtext.translate(name, "zh") not in (None, name), name
        assert figtext.translate(name, "vi") is not None, name
    assert figtext.translate("run 2: learning rate 0.1", "zh") == "第 2 次运行：学习率 0.1"
