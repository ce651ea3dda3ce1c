import pytest
import torch

import d2l_local as d2l
from d2l_local import summary

BRIEF_SHAPES = [  # (layer type, output shape) for a 1x1x224x224 input, from the brief
    ("Conv2d", (1, 96, 54, 54)), ("MaxPool2d", (1, 96, 26, 26)),
    ("Conv2d", (1, 256, 26, 26)), ("MaxPool2d", (1, 256, 12, 12)),
    ("Conv2d", (1, 384, 12, 12)), ("Conv2d", (1, 384, 12, 12)),
    ("Conv2d", (1, 256, 12, 12)), ("MaxPool2d", (1, 256, 5, 5)),
    ("Flatten", (1, 6400)), ("Linear", (1, 4096)), ("Linear", (1, 4096)),
    ("Linear", (1, 10)),
]



def test_layer_summary_matches_the_brief(capsys):
    table = d2l.AlexNet().layer_summary((1, 1, 224, 224))
    printed = capsys.readouterr().out
    assert printed.count("\n") == len(table) + 2  # header, a line per layer, total
    assert "ReLU" in printed and "Dropout" in printed  # activations and dropout listed
    kept = [(t, s) for t, s in zip(table["type"], table["output shape"])
            if t not in ("ReLU", "Dropout")]
    assert kept == BRIEF_SHAPES
    assert table["parameters"].sum() == 46_764_746


def test_flops_match_flop_counter():
    flops = d2l.model_flops(d2l.AlexNet(), (1, 1, 224, 224))
    assert flops["forward"] == pytest.approx(1.88e9, rel=0.01)
    assert flops["forward_backward"] == pytest.approx(5.56e9, rel=0.01)


def test_smallest_input():
    assert d2l.smallest_input_size(d2l.AlexNet()) == 65
    model = d2l.AlexNet()
    model(torch.zeros(1, 1, 65, 65))
    with pytest.raises(RuntimeError):
        d2l.AlexNet()(torch.zeros(1, 1, 64, 64))
    assert d2l.smallest_input_size(d2l.LeNet()) == 12


def test_layer_table_columns_and_memory():
    table = d2l.layer_table(d2l.AlexNet(), (2, 1, 224, 224), verbose=False)
    first = table.iloc[0]
    assert first["input shape"] == (2, 1, 224, 224) and first["output shape"] == (2, 96, 54, 54)
    assert first["parameters"] == 96 * 11 * 11 + 96
    assert first["forward FLOPs"] == 2 * 2 * 96 * 54 * 54 * 11 * 11
    assert first["activation MiB"] == pytest.approx(2 * 96 * 54 * 54 * 4 / 2**20)


def test_summaries_leave_the_model_in_its_mode():
    model = d2l.AlexNet()
    model.train()
    d2l.layer_table(model, (1, 1, 224, 224), verbose=False)
    d2l.model_flops(model, (1, 1, 224, 224))
    assert model.training and all(p.grad is None for p in model.parameters())


def test_input_too_small_is_explained():
    with pytest.raises(ValueError, match=r"resize=\(64, 64\) is too small for AlexNet: .*65x65"):
        summary.check_input_fits(d2l.AlexNet(), (64, 64))
    assert summary.check_input_fits(d2l.AlexNet(), (65, 100)) == 65


def test_size_trace_stops_where_the_input_runs_out():
    trace = summary.size_trace(d2l.AlexNet(), 65)
    assert trace[0] == ("LazyConv2d", (96, 15, 15)) or trace[0] == ("Conv2d", (96, 15, 15))
    assert trace[-1][1] == (10,)
    short = summary.size_trace(d2l.AlexNet(), 40)
    assert short[-1][1] is None and len(short) < len(trace)


def test_conv_vs_dense_and_arithmetic_intensity():
    table = d2l.AlexNet().layer_summary((1, 1, 224, 224), verbose=False)
    groups = summary.layer_groups(table)
    assert groups["conv_params"] == 3_723_968 and groups["dense_params"] == 43_040_778
    assert (groups["conv_flops"], groups["dense_flops"]) == (1_790_227_200, 86_065_152)
    sums = summary.conv_vs_dense(table)
    assert sums.loc["dense", "weights MiB"] == pytest.approx(43_040_778 * 4 / 2**20)
    one, big = (summary.arithmetic_intensity(table, b)["FLOPs/byte"] for b in (1, 128))
    dense = [name for name, t in zip(table["layer"], table["type"]) if t == "Linear"]
    conv = [name for name, t in zip(table["layer"], table["type"]) if t == "Conv2d"]
    assert one[dense].max() < 0.6 and one[conv].min() > 5 and big[dense[0]] > 50
    w = 6400 * 4096 + 4096  # the first dense layer, batch 1: FLOPs over bytes moved
    assert one[dense[0]] == pytest.approx(2 * 6400 * 4096 / ((w + 6400 + 4096) * 4))


def test_receptive_fields_follow_the_rules():
    fields = summary.receptive_fields(d2l.AlexNet(), input_size=224)
    assert fields["output side"].tolist() == [54, 26, 26, 12, 12, 12, 12, 5]
    assert fields["receptive field"].tolist() == [11, 19, 51, 67, 99, 131, 163, 195]
    assert fields["kind"].tolist() == ["conv", "pool"] + ["conv", "pool"] + ["conv"] * 3 \
        + ["pool"]
    lenet = summary.receptive_fields(d2l.LeNet(), input_size=28)
    assert lenet["receptive field"].tolist() == [5, 6, 14, 16]
    assert lenet["jump"].tolist() == [1, 2, 2, 4]


def test_training_memory_counts_weights_state_and_activations():
    budget = summary.training_memory(d2l.LeNet(), (1, 1, 28, 28), batch_size=10,
                                     optimizer_states=2, bytes_per_value=4)
    params = 61_706
    assert budget["weights"] == budget["gradients"] == 4 * params
    assert budget["optimizer state"] == 2 * 4 * params
    table = d2l.layer_table(d2l.LeNet(), (1, 1, 28, 28), verbose=False)
    per_image = sum(int(torch.tensor(s[1:]).prod()) for s in table["output shape"])
    assert budget["activations"] == 10 * per_image * 4


def test_memory_table_labels_it_in_each_language(monkeypatch):
    import pandas as pd
    frame = pd.DataFrame({"this chapter's network": summary.training_memory(
        d2l.LeNet(), (1, 1, 28, 28), batch_size=10)})
    frame.loc["total"] = frame.sum()
    table = summary.memory_table(frame)
    assert list(table.in_language("zh").index) == ["权重", "梯度", "优化器状态", "激活值", "合计"]
    assert list(table.in_language("vi").columns) == ["mạng của chương này"]
    assert table.in_language("en").equals(frame)  # the numbers are left as they are
    monkeypatch.setenv("D2L_LANG", "zh")
    monkeypatch.delenv("D2L_STATIC_BOOK", raising=False)
    assert "权重" in table._repr_html_() and "weights" not in table._repr_html_()
    monkeypatch.setenv("D2L_STATIC_BOOK", "1")  # the book: every language, one shown by lang
    html = table._repr_html_()
    assert html.startswith('<div class="d2l-l10n">')
    assert all(f'<div lang="{lang}">' in html for lang in ("en", "zh", "vi"))


@pytest.fixture
def html(monkeypatch):
    """IPython's HTML formatter as a notebook of the chapter has it (the pages' tables
    labelled, :func:`d2l_local.book.label_tables_in_notebooks`), given back after the test."""
    import pandas as pd
    from IPython.core.interactiveshell import InteractiveShell

    from d2l_local import book, figtext
    shell = InteractiveShell.instance()
    formatter = shell.display_formatter.formatters["text/html"]
    monkeypatch.setattr(figtext, "_in_notebook", lambda: True)
    monkeypatch.setattr("IPython.get_ipython", lambda: shell)
    book.label_tables_in_notebooks()
    book.label_tables_in_notebooks()  # once is enough: the second keeps the first
    yield formatter
    for kind in (pd.DataFrame, dict):
        formatter.type_printers.pop(kind, None)


def test_the_pages_tables_are_labelled_in_the_readers_language(monkeypatch, html):
    """A DataFrame the pages show (receptive fields, layer tables, the spans) gets its
    labels, the index's name included, in the page's edition; in the static book all three,
    of which the page's stylesheet shows one; a table with none of those labels is left as
    pandas draws it."""
    import pandas as pd
    fields = summary.receptive_fields(d2l.AlexNet(), input_size=224)
    monkeypatch.setenv("D2L_LANG", "zh")
    shown = html(fields)
    assert "感受野" in shown and ">层<" in shown and "receptive field" not in shown
    # and the kind of each layer, a value of the table (zh and vi read "conv", "pool")
    assert ">卷积<" in shown and ">汇聚<" in shown and ">conv<" not in shown
    monkeypatch.setenv("D2L_LANG", "vi")
    shown = html(fields)
    assert "vùng tiếp nhận" in shown and ">tích chập<" in shown and ">gộp<" in shown
    assert set(fields["kind"]) == {"conv", "pool"}  # the frame keeps the code's words
    plain = pd.DataFrame({"a": [1, 2]}, index=["x", "y"])
    assert html(plain) == plain._repr_html_()  # nothing to translate or rewrite
    # numbers as Vietnamese writes them (pandas' 380.407 reads as 380 thousand there)
    rates = pd.DataFrame({"rate": [380.407], "a": [2], "b": [float("nan")]})
    shown = html(rates)
    assert "380,407" in shown and "380.407" not in shown and ">2<" in shown
    assert "NaN" in shown and rates.loc[0, "rate"] == 380.407  # kept
    # a column of fractions with the digits pandas shows in English, not Python's repr
    digits = html(pd.DataFrame({"gap": [0.09, 0.1], "ratio": [1.06787109375, 3.8e-05]}))
    assert ">0,09<" in digits and ">0,10<" in digits and ">1,067871<" in digits
    assert ">0,000038<" in digits and "1,06787109375" not in digits
    # counts from five digits on grouped as the prose groups them; a year is not a count
    # (a column that groups one groups its four-digit counts too: 16,556 above 9,245)
    sizes = pd.DataFrame({"parameters": [61706, 3_000_000], "year": [2012, 1998],
                          "images/s": [16556, 9245]})
    shown = html(sizes)
    assert ">61.706<" in shown and ">3.000.000<" in shown and ">2012<" in shown
    assert ">16.556<" in shown and ">9.245<" in shown
    monkeypatch.setenv("D2L_LANG", "zh")
    assert "380.407" in html(rates)
    monkeypatch.setenv("D2L_LANG", "en")
    shown = html(sizes)
    assert ">61,706<" in shown and ">2012<" in shown and sizes.loc[0, "parameters"] == 61706
    assert ">9,245<" in shown and ">1998<" in shown
    # a rounded table's column of objects gives its fractions one number of decimals
    # (pandas wrote 35.1 under 68.96)
    seconds = d2l.experiments.rounded(pd.DataFrame(
        {"seconds": [68.961, 35.1], "val_acc": [0.8851, 0.88], "peak MiB": [float("nan")] * 2}))
    shown = html(seconds)
    assert ">35.10<" in shown and ">68.96<" in shown and ">0.880<" in shown and ">–<" in shown
    # and a float column beside a five-digit count (Exercise 1 read 14.21, 164.19, 0.0)
    sums = html(pd.DataFrame({"parameters": [3_723_968, 0], "weights MiB": [14.21, 0.0]}))
    assert ">0.00<" in sums and ">14.21<" in sums and ">3,723,968<" in sums
    # and a float column's tiny value as pandas writes it, not rounded away to 0.000
    tiny = html(pd.DataFrame({"parameters": [61706, 0], "share": [0.5, 1.44e-07]}))
    assert "1.440000e-07" in tiny and ">0.000<" not in tiny
    monkeypatch.setenv("D2L_LANG", "vi")
    shown = html(seconds)
    assert ">35,10<" in shown and ">0,885<" in shown
    monkeypatch.setenv("D2L_LANG", "en")
    monkeypatch.setenv("D2L_LANG", "vi")
    monkeypatch.setenv("D2L_STATIC_BOOK", "1")
    static = html(fields)
    assert 'class="d2l-l10n"' in static and all(
        f'lang="{lang}"' in static for lang in ("en", "zh", "vi"))
    assert "receptive field" in static and "感受野" in static


def test_a_dict_of_named_values_shows_as_a_table_in_the_readers_language(monkeypatch, html):
    """A page's last line ``{"fraction zeroed": 0.5, ...}`` shows as a table of one column
    with its names, its yes and no, and its numbers in the reader's language; a dict whose
    names the tables do not know, or whose values are lists, shows as Python writes it.
    Fashion-MNIST's class names are translated as labels too."""
    import pandas as pd
    values = {"fraction zeroed": 0.49870002269744873, "largest value": 2.0,
              "every window: functions = pixels": True, "matrix size": 2048}
    monkeypatch.setenv("D2L_LANG", "zh")
    shown = html(values)
    assert "置零的比例" in shown and "fraction zeroed" not in shown
    assert ">是<" in shown and "0.4987<" in shown and ">2048<" in shown and ">2.0<" in shown
    rates = html({"AlexNet TFLOP/s": 0.09095, "matrix size": 2048})  # numbers alone
    assert ">2048<" in rates and ">0.09095<" in rates
    monkeypatch.setenv("D2L_LANG", "vi")
    shown = html(values)
    assert "0,4987<" in shown and ">có<" in shown and "2,0<" in shown
    monkeypatch.setenv("D2L_LANG", "en")
    assert ">yes<" in html(values) and "0.4987<" in html(values)
    assert html({"a": 1.5}) is None and html({"fraction zeroed": [1, 2]}) is None
    counts = pd.DataFrame({"training images": [6000, 6000]}, index=["t-shirt", "coat"])
    monkeypatch.setenv("D2L_LANG", "zh")
    shown = html(counts)
    assert "t-shirt" not in shown and "训练图像数" in shown
    assert summary.dict_table({"t-shirt": 1}).in_language("vi").index[0] != "t-shirt"
    assert summary._class_names() == set(d2l.TEXT_LABELS)


def test_an_experiments_rows_are_named_as_its_figure_names_them(monkeypatch, html):
    """The rows of an experiment's table (batch 32, no dropout) read in the page's language
    as the curves of its figure do, so that table and figure agree."""
    import pandas as pd
    table = pd.DataFrame({"val_acc": [0.762, 0.223], "gap": [0.1, 0.09]},
                         index=pd.Index(["batch 32", "no dropout"], name="experiment"))
    monkeypatch.setenv("D2L_LANG", "zh")
    shown = html(table)
    assert "批量大小 32" in shown and "无暂退法" in shown and "batch 32" not in shown
    monkeypatch.setenv("D2L_LANG", "vi")
    assert "kích thước batch 32" in html(table) and "0,762" in html(table)
    dropout = pd.DataFrame({"gap": [0.095]}, index=pd.Index(["dropout 0.5"], name="experiment"))
    assert "dropout 0,5" in html(dropout)  # as the figure's legend writes it
    monkeypatch.setenv("D2L_LANG", "en")
    assert "batch 32" in html(table) and "no dropout" in html(table)


def test_code_named_columns_keep_their_names_beside_the_translation():
    """The trainer's history and the experiments' tables are selected by column name in the
    code beside them, so a translation shows its words and the code name; English shows
    the code name alone."""
    from d2l_local import training
    history = [{"epoch": 1, "train_loss": 0.5, "train_acc": 0.8, "val_loss": 0.6,
                "val_acc": 0.75, "images_per_s": 100.0, "epoch_s": 3.0}]
    frame = training.history_table(history)
    assert summary.known_labels(frame) >= {"epoch", "train_loss", "val_acc", "epoch_s"}
    table = summary.LabelledTable(frame, summary.TABLE_LABELS)
    assert list(table.in_language("en").columns) == list(frame.columns)
    zh = table.in_language("zh")
    assert zh.index.name == "轮 (epoch)" and "训练损失 (train_loss)" in zh.columns
    vi = table.in_language("vi")
    assert all(name in label for name, label in zip(frame.columns, vi.columns))
    assert "độ chính xác kiểm tra (val_acc)" in vi.columns
    from d2l_local.locales import CATALOGS
    for lang in ("zh", "vi"):  # every label has its translation, none the English alone
        words = [CATALOGS[lang][key] for key in summary.TABLE_LABELS.values()]
        assert all(w.strip() for w in words)


def test_the_printed_layer_table_speaks_the_readers_language(capsys, monkeypatch):
    """Headings from the catalog, numbers as the language writes them, and the columns
    still aligned where a Chinese heading takes two columns per character."""
    monkeypatch.setenv("D2L_LANG", "zh")
    d2l.LeNet().layer_summary((1, 1, 28, 28))
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["层", "输出形状", "参数", "MFLOPs"] and lines[-1].startswith("合计")
    import unicodedata

    def columns(line):  # as a monospaced font draws it: a CJK character takes two
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
    assert len({columns(line) for line in lines}) == 1  # every row as wide
    monkeypatch.setenv("D2L_LANG", "vi")
    d2l.LeNet().layer_summary((1, 1, 28, 28))
    out = capsys.readouterr().out
    assert out.startswith("tầng") and "61.706" in out and " 0,8" in out
