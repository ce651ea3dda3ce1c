import matplotlib
import pytest

matplotlib.use("Agg")
from d2l_local import chapter  # noqa: E402


def _histories():
    return {name: [{"epoch": e, "train_acc": a * e, "val_acc": a * e / 2} for e in (1, 2, 3)]
            for name, a in (("small", 0.1), ("large", 0.2))}


def test_plot_histories_pairs_metrics_by_colour():
    ax = chapter.plot_histories(_histories(), metric=("train_acc", "val_acc"))
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["small: training", "small: test", "large: training", "large: test"]
    lines = ax.get_lines()
    assert lines[0].get_color() == lines[1].get_color() != lines[2].get_color()
    assert list(lines[3].get_ydata()) == pytest.approx([0.1, 0.2, 0.3])
    assert [t for t in ax.get_xticks() if 1 <= t <= 3] == [1, 2, 3]


def test_plot_histories_one_metric_and_too_many():
    ax = chapter.plot_histories(_histories())
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["small", "large"]
    with pytest.raises(ValueError, match="at most 3"):
        chapter.plot_histories(_histories(), metric=("a", "b", "c", "d"))


def test_late_accuracy_averages_the_last_epochs():
    late = chapter.late_accuracy(_histories(), last=2)
    assert list(late.index) == ["small", "large"]
    assert late.loc["large", "train_acc"] == pytest.approx((0.4 + 0.6) / 2)
    assert late.loc["large", "val_acc"] == pytest.approx((0.2 + 0.3) / 2)
    assert late.loc["large", "gap"] == pytest.approx(0.25)
    short = chapter.late_accuracy({"one": _histories()["small"][:1]}, last=5)
    assert short.loc["one", "gap"] == pytest.approx(0.05)
