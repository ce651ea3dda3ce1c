import pytest

from d2l_local import book


def test_run_mode_says_how_the_page_ran(quick):
    text = book.run_mode_text("cpu", "training")
    assert "quick mode" in text and "cpu (" in text
    assert "At GPU full size the training cell runs the reference recipe" in text
    assert text.endswith("The time it takes is added here when the page has finished.")
    assert book.run_mode_text("cpu", "data", seconds=75).endswith(
        "This page trains no network, so only its measured times depend on the scale. It "
        "took 1 min 15 s from this note to the end of the page.")


def test_run_mode_at_each_full_size(monkeypatch):
    from d2l_local import scales
    monkeypatch.delenv("D2L_QUICK", raising=False)
    monkeypatch.setattr(scales, "current", lambda: "cpu")
    text = book.run_mode_text("cpu", "exercises", seconds=12.4)
    assert text.startswith("This page ran at **CPU full size** on cpu (")
    assert "At GPU full size the exercises run their full forms" in text
    assert text.endswith("It took 12 s from this note to the end of the page.")
    monkeypatch.setattr(scales, "current", lambda: "gpu")
    text = book.run_mode_text("cpu", "exercises", seconds=3600)
    assert text.startswith("This page ran at **GPU full size**") and "At GPU" not in text
    assert text.endswith("It took 60 min 0 s from this note to the end of the page.")


def test_the_device_is_named_in_each_language(quick):
    """Results record describe_device's English; a page says the CPU's threads in words of
    its own language, the run-mode note included."""
    import torch

    from d2l_local.hardware import describe_device
    text = book.device_text("cpu")
    threads = torch.get_num_threads()
    assert text == describe_device("cpu")
    assert text.endswith(f", {threads} threads)" if threads > 1 else ", 1 thread)")
    assert text.in_language("zh").endswith(f"，{threads} 个线程）")
    assert text.in_language("vi").endswith(f", {threads} luồng)")
    note = book.run_mode_text("cpu", "data")
    assert f"{threads} luồng" in note.in_language("vi") and "threads" not in note.in_language("vi")
    from d2l_local import config
    from d2l_local.hardware import device_words
    message = config.say("msg_training_on", "zh", device=device_words("cpu"), world=1)
    assert f"{threads} 个线程" in message and "threads" not in message  # the library's too
    recorded = "cpu (AMD EPYC, 2 threads)"  # a device a result recorded, as a page quotes it
    assert book.device_text(recorded).in_language("vi") == "cpu (AMD EPYC, 2 luồng)"
    assert book.device_text(recorded) == recorded
    assert book.device_text("cuda:0 (NVIDIA H100)").in_language("zh") == "cuda:0 (NVIDIA H100)"
    one = book.device_text("cpu (AMD EPYC, 1 thread)")  # one thread, not "1 threads"
    assert [one.in_language(lang) for lang in ("en", "zh", "vi")] == [
        "cpu (AMD EPYC, 1 thread)", "cpu（AMD EPYC，1 个线程）", "cpu (AMD EPYC, 1 luồng)"]


def test_durations_in_words():
    assert book.duration(0.4) == "under 1 s" and book.duration(59.6) == "1 min 0 s"
    assert book.duration(0.4).in_language("zh") == "不到 1 秒" and book.duration(0.6) == "1 s"
    assert book.duration(125) == "2 min 5 s"
    assert book.duration(125).in_language("zh") == "2 分 5 秒"


def test_millions_as_each_language_counts_them():
    params = book.millions(50_844_008)
    assert params.texts == {"en": "50.8 million", "zh": "5084万", "vi": "50,8 triệu"}
    assert book.millions(1_281_167, digits=2).texts == {
        "en": "1.28 million", "zh": "128万", "vi": "1,28 triệu"}
    book.glue("params_m", params)
    assert book.GLUED["params_m"] == "50.8 million" and book.GLUED["params_m__zh"] == "5084万"


def test_numbers_in_sentences_are_written_as_each_language_writes_them():
    """A catalog's format spec says which digits a number shows; the edition's Babel locale
    says with which separators: Vietnamese groups thousands with a dot and writes decimals
    with a comma; Chinese (zh_Hans_CN) writes them as English does."""
    import numpy as np
    import torch
    from babel.numbers import format_decimal

    from d2l_local.locales import BABEL_LOCALE, LANGUAGES, format_in
    for lang in LANGUAGES:
        locale = BABEL_LOCALE[lang]
        assert format_in(lang, "{n:,}", n=60000) == format_decimal(60000, locale=locale)
        assert format_in(lang, "{x:,.3f}", x=1234.5) == format_decimal(
            1234.5, format="#,##0.000", locale=locale)
        assert format_in(lang, "{g:+.3f} {h:+.3f}", g=0.0123, h=-0.0123) == " ".join(
            format_decimal(v, format="+0.000;-0.000", locale=locale) for v in (0.0123, -0.0123))
    assert format_in("vi", "{n:,} {x:.3f}", n=60000, x=0.8834) == "60.000 0,883"
    assert format_in("zh", "{n:,} {x:.3f}", n=60000, x=0.8834) == "60,000 0.883"
    assert format_in("vi", "{a:.2f} {b:.2f}", a=np.float32(0.5), b=torch.tensor(0.25)) == \
        "0,50 0,25"  # numpy and torch scalars are numbers too
    # Chinese round counts in 万, as the Chinese prose writes them; other counts grouped
    assert format_in("zh", "{a:wan} {b:wan} {c:wan} {d:wan}", a=60000, b=15000, c=5000,
                     d=61706) == "6万 1.5万 5,000 61,706"
    # ... in Chinese only: another language groups the same count
    assert format_in("en", "{a:wan} {b:wan}", a=1_458_000, b=60000) == "1,458,000 60,000"
    assert format_in("vi", "{a:wan}", a=1_458_000) == "1.458.000"
    from d2l_local import runs  # the panel's table: its data column as the prose writes it
    assert [runs._written(runs.FORMATS["data"], lang)(15000) for lang in ("en", "zh", "vi")] \
        == ["15,000", "1.5万", "15.000"]
    patches = book.shown(1_458_000, "wan")  # a glued count, as the first-layer page glues it
    assert (patches.text("zh"), patches.text("en"), str(patches)) == (
        "145.8万", "1,458,000", "1,458,000")
    assert "6万" in book.run_scale([{"train_images": 60000, "val_images": 10000}]
                                  ).in_language("zh")
    # text and flags stay as written
    assert format_in("vi", "{d} {f}", d="cpu (x86_64, 2.5 GHz)", f=True) == \
        "cpu (x86_64, 2.5 GHz) True"
    # in the sentences the library glues into the pages, English stays as it was
    scale = book.run_scale([{"train_images": 60000, "val_images": 10000}])
    assert scale == "after 1 epoch of 60,000 training images, tested on 10,000 images"
    assert scale.in_language("vi") == ("sau 1 epoch với 60.000 ảnh huấn luyện, kiểm tra "
                                       "trên 10.000 ảnh")
    assert "6万张" in scale.in_language("zh")
    assert book.versus_chance(0.883).in_language("vi") == "0,883 (đoán ngẫu nhiên đạt 0,10)"


def test_glue_returns_the_value_shown_as_the_prose_quotes_it():
    import numpy as np
    import torch
    value = book.glue("x", 3.14159, ".2f")
    assert value == 3.14159 and value * 2 == 6.28318  # still the number, for the code
    assert repr(value) == "3.14" and str(value) == "3.14" and book.GLUED["x"] == "3.14"
    for scalar in (np.float64(2.5), torch.tensor(2.5)):
        value = book.glue("n", scalar, ".1f")
        assert isinstance(value, float) and repr(value) == "2.5"
    count = book.glue("count", 60000, ",")
    assert count == 60000 and repr(count) == "60,000" and count + 1 == 60001
    assert repr(book.glue("s", "text")) == "text"  # no quotes, unlike a str
    with pytest.raises(ValueError, match="not a Python name"):
        book.glue("two words", 1.0)
    with pytest.raises(ValueError):
        book.glue("y", 1.0, ".2q")  # a bad format fails where it is written
    with pytest.raises(ValueError, match="number, not to text"):
        book.glue("t", "text", ".2f")
    with pytest.raises(TypeError):
        book.glue("z", [1, 2])


def test_what_jupyterlab_shows_for_a_glued_value():
    """jupyterlab-myst shows the text/plain of a number (IPython's formatter) and the
    HTML of a sentence, in the reader's language, inline."""
    from IPython.core.formatters import DisplayFormatter
    fmt = DisplayFormatter()
    data, _ = fmt.format(book.glue("share", 12.345, ".1f"))
    assert data["text/plain"] == "12.3" and "text/html" not in data
    sentence = book.glue("summary", book.say("mistakes_one_class", name="coat", share=80.0))
    data, _ = fmt.format(sentence)
    assert data["text/plain"].startswith("This run's network predicted *coat*")
    assert data["text/html"].startswith('<span class="d2l-glued">This run')
    assert "<em>coat</em>" in data["text/html"]
    assert book.GLUED["summary__zh"] == sentence.text("zh") != sentence.text("en")


def test_glue_stores_for_the_book_only_while_it_is_built(monkeypatch):
    """No stray output in a notebook: myst_nb.glue is called only for the static book."""
    import myst_nb
    calls = []
    monkeypatch.setattr(myst_nb, "glue", lambda *a, **k: calls.append((a, k)))
    monkeypatch.delenv("D2L_STATIC_BOOK", raising=False)
    book.glue("quiet", 1.0, ".1f")
    assert calls == []
    monkeypatch.setenv("D2L_STATIC_BOOK", "1")
    book.glue("stored", 2.0, ".1f")
    book.glue("said", book.say("mistakes_none"))
    keys = [a[0] for a, _ in calls]
    assert keys == ["stored", "stored__vi", "said", "said__zh", "said__vi"]
    assert calls[0][0][1].data == "2.0" and all(k == {"display": False} for _, k in calls)
    assert calls[1][0][1].data == "2,0"  # the Vietnamese book's decimal comma


def test_a_glued_number_is_written_as_each_edition_writes_it(monkeypatch):
    """One execution, three editions: a number is glued once, and again for a language
    that writes it otherwise (vi 60.000 and 0,883); in a notebook it shows itself in the
    reader's language."""
    monkeypatch.delenv("D2L_STATIC_BOOK", raising=False)
    count = book.glue("count", 60000, ",")
    assert book.GLUED["count"] == "60,000" and book.GLUED["count__vi"] == "60.000"
    assert "count__zh" not in book.GLUED  # Chinese writes it as English does
    monkeypatch.setenv("D2L_LANG", "vi")
    assert repr(book.glue("acc", 0.8834, ".3f")) == "0,883" and str(count) == "60,000"


def test_prose_plus_prose_keeps_every_languages_text():
    """A sentence built from parts (a run note and the time it took) is said in each
    language from that language's parts, not from the English of the second."""
    from d2l_local.locales import LANGUAGES
    first = book.Prose({lang: f"<{lang} one>" for lang in LANGUAGES})
    second = book.Prose({lang: f"<{lang} two>" for lang in LANGUAGES})
    both = first + second
    assert isinstance(both, book.Prose)
    assert both.texts == {lang: f"<{lang} one><{lang} two>" for lang in LANGUAGES}
    plain = first + " and text"  # text is the same in every language
    assert plain.texts == {lang: f"<{lang} one> and text" for lang in LANGUAGES}
    note = book.run_mode_text("cpu", "data", seconds=75)  # a sum of two catalog sentences
    assert note.in_language("zh").endswith(book.say("run_mode_took", duration=book.duration(
        75)).in_language("zh")) and "1 分 15 秒" in note.in_language("zh")


@pytest.mark.parametrize("classes", [10, 4])
def test_versus_chance_switches_wording_at_one_and_a_half_times_chance(classes):
    """Below 1.5 times what guessing scores, the sentence says the network has not learned
    yet; from there on it gives the accuracy beside the chance level."""
    from d2l_local.locales import TRANSLATIONS
    chance = 1 / classes
    boundary = 1.5 * chance  # 0.375 for 4 classes is exact in binary
    low = book.versus_chance(boundary - 0.001, classes=classes)
    at = book.versus_chance(boundary, classes=classes)
    above = book.versus_chance(boundary + 0.001, classes=classes)
    assert low == (f"{boundary - 0.001:.3f}, no better than guessing one of {classes} "
                   f"classes ({chance:.2f}): the network has not learned yet")
    assert at == f"{boundary:.3f} (guessing scores {chance:.2f})"
    assert above == f"{boundary + 0.001:.3f} (guessing scores {chance:.2f})"
    for lang in TRANSLATIONS:  # the same verdict in every language
        assert low.in_language(lang) == book.say(
            "versus_chance_low", acc=boundary - 0.001, classes=classes,
            chance=chance).in_language(lang)
        assert at.in_language(lang) == book.say(
            "versus_chance", acc=boundary, chance=chance, classes=classes).in_language(lang)


def test_run_scale_and_chance_in_words():
    history = [{"epoch": 1, "train_images": 256, "val_images": 256, "complete": True},
               {"epoch": 2, "train_images": 100, "val_images": 0, "complete": False}]
    assert book.run_scale(history) == ("after 1 epoch of 256 training images, tested "
                                       "on 256 images")
    assert book.run_scale([]) == "before completing an epoch"
    assert "no better than guessing" in book.versus_chance(0.094)
    assert book.versus_chance(0.883) == "0.883 (guessing scores 0.10)"


def test_mistakes_are_described_as_measured():
    import torch
    names = ["t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt"]
    m = torch.zeros(7, 7, dtype=torch.long)
    m[6, 0], m[0, 6], m[4, 2] = 30, 20, 10
    text = book.mistakes_text(m, names)
    assert text.startswith("The most frequent mistakes of this run: shirt taken for t-shirt "
                           "(30 times); t-shirt taken for shirt (20 times); coat taken for "
                           "pullover (10 times).")
    assert "All of them are between tops" in text
    assert "衬衫被当成T恤（30 次）" in text.in_language("zh")  # the classes in Chinese
    assert "áo sơ mi bị nhầm thành áo phông (30 lần)" in text.in_language("vi")
    # the tops are named in the sentence as in the class names, one word for each class
    from d2l_local.locales import CLASS_NAMES
    for lang in ("zh", "vi"):
        for name in ("t-shirt", "pullover", "coat", "shirt"):
            assert CLASS_NAMES[lang][name] in book.say("mistakes_all_tops").in_language(lang)
            assert CLASS_NAMES[lang][name] in book.say("mistakes_some_tops", among=1,
                                                       count=3).in_language(lang)
    m[5, 1] = 40
    text = book.mistakes_text(m, names)
    assert "sandal taken for trouser (40 times)" in text and "2 of these 3 are between" in text
    assert book.mistakes_text(torch.eye(7, dtype=torch.long), names).startswith("No test")


def test_fill_puts_this_runs_values_into_the_prose():
    book.glue("acc", 0.8766, ".3f")
    book.glue("device_name", "cpu (x86_64)")
    book.glue("verdict", book.say("mistakes_none"))
    text = "On {eval}`device_name` it reached {eval}`acc`. {eval}`verdict`"
    assert book.fill(text, "en") == "On cpu (x86_64) it reached 0.877. " + \
        book.say("mistakes_none").in_language("en")
    assert book.fill("{eval}`verdict`", "zh") == book.say("mistakes_none").in_language("zh")
    assert book.fill("{eval}`missing`") == "[missing: run the cells above]"


def test_mistakes_of_a_network_that_predicts_one_class_are_not_read_as_a_pattern():
    import torch
    names = ["t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt"]
    m = torch.zeros(7, 7, dtype=torch.long)
    m[:, 4] = 13  # every image called a coat
    text = book.mistakes_text(m, names)
    assert text.startswith("This run's network predicted *coat* for 100% of the test images")
    assert "*外套*" in text.in_language("zh") and "*áo khoác*" in text.in_language("vi")
    assert "between tops" not in text


def test_mistakes_say_when_the_cut_falls_in_a_tie():
    import torch
    names = ["t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt"]
    m = torch.eye(7, dtype=torch.long) * 50
    m[6, 0], m[0, 6], m[4, 2], m[2, 4] = 9, 8, 8, 8
    assert "Other confusions occurred as often" in book.mistakes_text(m, names)
    m[2, 4] = 7
    assert "Other confusions" not in book.mistakes_text(m, names)


@pytest.fixture
def page(monkeypatch, tmp_path):
    """A page run in a kernel of its own: results/ in a temporary folder."""
    from d2l_local import config
    monkeypatch.setattr(config, "results_dir", lambda: tmp_path)
    monkeypatch.setattr(book, "_PAGE", {})
    shown = []

    class Handle:
        def update(self, note):
            shown.append(note)

    import IPython.display
    monkeypatch.setattr(IPython.display, "display", lambda *a, **k: shown.append(a[0])
                        or Handle())
    return tmp_path, shown


def _at(monkeypatch, scale):
    from d2l_local import scales
    monkeypatch.setattr(scales, "current", lambda: scale)
    if scale == "quick":
        monkeypatch.setenv("D2L_QUICK", "1")
    else:
        monkeypatch.delenv("D2L_QUICK", raising=False)


def test_a_full_size_run_records_its_findings_and_quick_mode_quotes_them(page, monkeypatch):
    import json
    folder, shown = page
    _at(monkeypatch, "cpu")
    monkeypatch.setenv("D2L_SAVE_RESULTS", "1")
    book.show_run_mode("exercises", device="cpu")
    text = book.result("ex8", "ex8_gap", gap_none=0.25, gap_drop=0.1, epochs=30, train=1000)
    assert text.startswith("After 30 epochs on 1,000 images") and "0.250" in text
    seconds = book.finish_page()
    assert "It took" in shown[-1].text and seconds >= 0  # the note at the top, updated
    saved = json.loads((folder / "findings-exercises-cpu.json").read_text())
    assert saved["scale"] == "cpu" and saved["device"].startswith("cpu (")
    assert saved["findings"]["ex8"] == {"key": "ex8_gap", "values": {
        "gap_none": 0.25, "gap_drop": 0.1, "epochs": 30, "train": 1000}}

    _at(monkeypatch, "quick")  # a quick run of the same page, later
    book.show_run_mode("exercises", device="cpu")
    text = book.result("ex8", "ex8_no_gap", gap_none=0.01, gap_drop=0.0, epochs=4, train=256)
    assert text.startswith("Quick mode's run is too small to answer this question. The CPU "
                           "full-size run (on cpu (")
    assert "found: After 30 epochs on 1,000 images" in text and "0.250" in text
    assert "0.010" not in text  # the quick run's numbers answer nothing
    assert "CPU 全尺寸运行" in text.in_language("zh")
    book.finish_page()
    assert json.loads((folder / "findings-exercises-cpu.json").read_text()) == saved



def test_a_full_size_build_records_each_code_cells_time_for_the_lesson_plans(page, monkeypatch):
    """With D2L_SAVE_RESULTS=1 at full size, each code cell's seconds (timed by IPython's
    post_run_cell from the note at the top) go to the scale's timing file, one row per code
    cell of the page's source, beside the pages recorded before; the lesson plans read
    them. A count that does not match the source writes nothing; quick mode writes nothing."""
    import json

    import IPython
    from IPython.core.events import EventManager, available_events

    from d2l_local import lessons, results
    folder, _ = page

    class Shell:
        events = EventManager(None, available_events)

    shell = Shell()
    monkeypatch.setattr(IPython, "get_ipython", lambda: shell)
    _at(monkeypatch, "cpu")
    monkeypatch.setenv("D2L_SAVE_RESULTS", "1")
    n = len(results.code_cells(__import__("jupytext").read(results.NOTEBOOKS / "data.md")))
    for name in ("model", "data"):  # model has more cells than data: not recorded
        book.show_run_mode(name, device="cpu")
        book.show_run_mode(name, device="cpu")  # the hook registered once per kernel
        for _ in range(n - 1):
            shell.events.trigger("post_run_cell", None)
        book.finish_page()
    path = results.timings_path("cpu", __import__("d2l_local").describe_device("cpu"),
                                folder)
    report = json.loads(path.read_text())
    assert path.name.startswith("timings-cpu-cpu-") and "(" not in path.name
    assert [p["notebook"] for p in report["notebooks"]] == ["data"]
    cells = report["notebooks"][0]["cells"]
    assert len(cells) == n and [c["code_cell"] for c in cells] == list(range(1, n + 1))
    assert all(c["seconds"] >= 0 for c in cells) and report["scale"] == "cpu"
    assert lessons.plan_rows("lab120", folder)[0]["seconds"]["cpu"][0][1] is not None
    # a second page joins it, in the order of the book (features comes before data)
    book.show_run_mode("features", device="cpu")
    book.finish_page()  # one cell timed of the page's several: not recorded
    assert [p["notebook"] for p in json.loads(path.read_text())["notebooks"]] == ["data"]
    book.show_run_mode("features", device="cpu")
    for _ in range(len(results.code_cells(
            __import__("jupytext").read(results.NOTEBOOKS / "features.md"))) - 1):
        shell.events.trigger("post_run_cell", None)
    book.finish_page()
    assert [p["notebook"] for p in json.loads(path.read_text())["notebooks"]] == [
        "features", "data"]
    _at(monkeypatch, "quick")
    book.show_run_mode("alexnet", device="cpu")
    shell.events.trigger("post_run_cell", None)
    book.finish_page()
    assert not results.timings_path("quick", report["device"], folder).exists()


def test_a_quoted_run_names_its_machine_and_its_runs_in_the_readers_language(page, monkeypatch):
    """A recorded run's machine ('2 threads') and a run's name in a sentence ('no dropout',
    as the figures name it) read in the page's language, like the rest of the sentence."""
    import json

    from d2l_local import results
    folder, _ = page
    results.save_findings("exercises", "cpu", {"ex7": {"key": "ex7_found", "values": {
        "epochs": 20, "sigmoid": 0.878, "relu": 0.887, "augmented": 0.864,
        "best": "LeNet + ReLU + dropout"}}}, 60.0, "cpu")
    path = folder / "findings-exercises-cpu.json"  # as another machine recorded it
    path.write_text(json.dumps({**json.loads(path.read_text()),
                                "device": "cpu (AMD EPYC, 2 threads)"}))
    _at(monkeypatch, "quick")
    book.show_run_mode("exercises", device="cpu")
    text = book.result("ex7", "ex7_found", epochs=2, sigmoid=0.1, relu=0.1, augmented=0.1,
                       best="no dropout")
    zh, vi = text.in_language("zh"), text.in_language("vi")
    assert "AMD EPYC，2 个线程" in zh and "threads" not in zh and "2 luồng" in vi
    assert "LeNet + ReLU + 暂退法" in zh and "LeNet + ReLU + dropout" not in zh
    assert "*LeNet + ReLU + dropout*" in text  # English keeps the name
    book.finish_page()


def test_without_a_recorded_run_quick_mode_says_so(page, monkeypatch):
    _at(monkeypatch, "quick")
    book.show_run_mode("exercises", device="cpu")
    text = book.result("ex8", "ex8_gap", gap_none=0.25, gap_drop=0.1, epochs=4, train=256)
    assert "No CPU full-size run of this page has been recorded yet" in text
    stated = book.result("recipe", "training_found_laptop", stated=True, acc=0.7, epochs=3,
                         train=5000, rate=700.0, fit_s=20.0)
    assert stated.startswith(" No CPU full-size run")  # no "too small": the page states it


def test_a_finding_of_an_earlier_form_of_the_experiment_is_not_quoted(page, monkeypatch):
    from d2l_local import results
    for key, values in (("ex5_retired_sentence", {"small": 0.8}),  # no such sentence now
                        ("ex8_gap", {"gap_none": 0.2})):  # the sentence wants more values
        results.save_findings("exercises", "cpu", {"ex8": {"key": key, "values": values}},
                              60.0, "cpu")
        _at(monkeypatch, "quick")
        book.show_run_mode("exercises", device="cpu")
        text = book.result("ex8", "ex8_gap", gap_none=0.25, gap_drop=0.1, epochs=4, train=256)
        assert "ran an earlier form of this experiment" in text, key
        assert "found" not in text and set(text.texts) == {"en", "zh", "vi"}


def test_a_gpu_finding_is_shown_beside_the_cpu_run_labelled(page, monkeypatch):
    from d2l_local import results
    folder, _ = page
    results.save_findings("training", "gpu", {"recipe": {
        "key": "training_found_reference", "values": {
            "acc": 0.9, "epochs": 10, "train": 60000, "rate": 9000.0, "fit_s": 80.0}}},
        300.0, "cpu")
    _at(monkeypatch, "cpu")
    book.show_run_mode("training", device="cpu")
    text = book.result("recipe", "training_found_laptop", stated=True, acc=0.9, epochs=3,
                       train=60000, rate=800.0, fit_s=230.0)
    assert text.startswith(" The GPU full-size run (on cpu (") and "5 min 0 s" in text
    assert "the reference recipe reached a test accuracy of 0.900 after 10 epochs" in text
    _at(monkeypatch, "gpu")
    assert book.result("recipe", "training_found_reference", stated=True, acc=0.9, epochs=10,
                       train=60000, rate=9000.0, fit_s=80.0) == ""


def test_findings_hold_plain_numbers_and_names(page, monkeypatch):
    import numpy as np
    import torch
    _at(monkeypatch, "cpu")
    book.show_run_mode("exercises", device="cpu")
    book.result("ex7", "ex7_found", epochs=np.int64(20), sigmoid=torch.tensor(0.85),
                relu=0.88, augmented=0.89, best="... + flips and shifts")
    assert book._PAGE["findings"]["ex7"]["values"]["sigmoid"] == pytest.approx(0.85)
    assert type(book._PAGE["findings"]["ex7"]["values"]["epochs"]) is int
    with pytest.raises(TypeError, match="numbers and names only"):
        book.result("ex7", "ex7_found", epochs=20, sigmoid=[0.85], relu=0.88,
                    augmented=0.89, best="x")
    with pytest.raises(KeyError):
        book.result("ex7", "no such sentence", epochs=20)


def test_finish_page_needs_the_note_at_the_top(monkeypatch):
    monkeypatch.setattr(book, "_PAGE", {})
    with pytest.raises(RuntimeError, match="show_run_mode"):
        book.finish_page()


def test_a_said_sentence_is_in_the_readers_language_or_in_every_one(monkeypatch):
    from d2l_local import book
    monkeypatch.setenv("D2L_LANG", "zh")
    monkeypatch.delenv("D2L_STATIC_BOOK", raising=False)
    said = book.said("training_no_gpu_run")
    assert said._repr_markdown_().startswith("本书的这一份") and said._repr_html_() is None
    monkeypatch.setenv("D2L_STATIC_BOOK", "1")
    html = book.said("training_no_gpu_run")._repr_html_()
    assert html.startswith('<div class="d2l-l10n">') and 'lang="vi"' in html
    assert "No such run came" in html and "本书的这一份" in html
