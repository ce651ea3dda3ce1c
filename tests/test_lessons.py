"""The teacher's page: lesson plans (which cells each step runs, the seconds read from timed
runs, never guessed, the tables in every language reachable by keyboard), and the
paper-against-chapter table."""
import json
import re

import pytest

from d2l_local import lessons, runs
from d2l_local.locales import CATALOGS, LANGUAGES


def cell(code_cell, heading, seconds):
    return {"index": 2 * code_cell - 1, "code_cell": code_cell, "heading": heading,
            "first_line": "x = 1", "seconds": seconds}


PAGE = [cell(1, "Top", 1.0), cell(2, "Layer by layer", 2.0), cell(3, "Dropout", 4.0),
        cell(4, "Dropout", 8.0), cell(5, "Exercises", 16.0)]


@pytest.fixture(autouse=True)
def pages_as_timed(monkeypatch, request):
    """The made-up timings above time a five-cell 'model' page: for these tests, the pages
    have the form the timing files timed (test_a_timed_run_of_an_earlier_form_... aside)."""
    if "earlier_form" not in request.node.name:
        monkeypatch.setattr(lessons, "code_cell_count", lambda page: None)


def test_a_timed_run_of_an_earlier_form_of_a_page_is_not_quoted(tmp_path, monkeypatch):
    monkeypatch.setitem(lessons.PLANS, "test", [("model", ("Dropout",), 10, "lesson_model")])
    write(tmp_path, "timings-quick-a.json", "quick", "cpu A",
          [{"notebook": "model", "cells": PAGE}])
    assert lessons.code_cell_count("model") > len(PAGE)  # the page has more cells now
    (row,) = lessons.plan_rows("test", tmp_path)
    assert row["seconds"]["quick"] == [("cpu A", lessons.CHANGED)]
    english = lessons.plan_html("test", tmp_path).split('<div lang="')[1]
    assert "ran an earlier form of the page" in english and "15.0 s" not in english
    write(tmp_path, "timings-quick-a.json", "quick", "cpu A",  # the page's form now
          [{"notebook": "model", "cells": [cell(i, "Dropout", 1.0) for i in range(
              1, lessons.code_cell_count("model") + 1)]}])
    (row,) = lessons.plan_rows("test", tmp_path)
    assert row["seconds"]["quick"][0][1] == float(lessons.code_cell_count("model"))


def write(folder, name, scale, device, notebooks):
    report = {"scale": scale, "device": device, "notebooks": notebooks}
    (folder / name).write_text(json.dumps(report), encoding="utf-8")


def test_a_step_runs_from_the_top_to_its_last_section_less_what_ran_before():
    report = {"notebooks": [{"notebook": "model", "cells": PAGE}]}
    assert [c["code_cell"] for c in lessons.step_cells(report, "model", ("Dropout",))] == [
        1, 2, 3, 4]
    assert [c["code_cell"] for c in lessons.step_cells(report, "model", ("Layer by layer",),
                                                       done={1})] == [2]
    assert [c["code_cell"] for c in lessons.step_cells(report, "model", None)] == [
        1, 2, 3, 4, 5]
    assert lessons.step_cells(report, "data", None) is None
    with pytest.raises(ValueError, match="model has no code cell under"):
        lessons.step_cells(report, "model", ("Layer by layer", "No such section"))


def test_seconds_are_summed_per_file_and_a_missing_measurement_is_said(tmp_path,
                                                                        monkeypatch):
    monkeypatch.setitem(lessons.PLANS, "test", [
        ("model", ("Layer by layer",), 10, "lesson_model"),
        ("model", ("Dropout",), 5, "lesson_model_all"),
        ("data", None, 3, "lesson_data")])
    write(tmp_path, "timings-quick-a.json", "quick", "cpu A",
          [{"notebook": "model", "cells": PAGE}])
    write(tmp_path, "timings-cpu-b.json", "cpu", "cpu B",
          [{"notebook": "model", "cells": PAGE[:4]},
           {"notebook": "data", "cells": [cell(1, "Data", 0.5)]}])
    first, second, third = lessons.plan_rows("test", tmp_path)
    assert first["cells"] == (1, 2) and first["minutes"] == 10
    assert first["seconds"] == {"quick": [("cpu A", 3.0)], "cpu": [("cpu B", 3.0)],
                                "gpu": []}
    # the second step on a page runs only what the first did not
    assert second["cells"] == (3, 4)
    assert second["seconds"]["quick"] == [("cpu A", 12.0)]
    # the quick file did not time the data page: said, not left out
    assert third["seconds"] == {"quick": [("cpu A", None)], "cpu": [("cpu B", 0.5)],
                                "gpu": []}
    assert lessons.measured_pages(tmp_path) == {"timings-cpu-b.json": ["model", "data"],
                                                "timings-quick-a.json": ["model"]}


def test_the_plan_table_speaks_every_language_and_scrolls_by_keyboard(tmp_path,
                                                                      monkeypatch):
    monkeypatch.setitem(lessons.PLANS, "test", [
        ("model", ("Layer by layer",), 10, "lesson_model"),
        ("data", None, 3, "lesson_data")])
    write(tmp_path, "timings-quick-a.json", "quick", "cpu A",
          [{"notebook": "model", "cells": PAGE}])
    page = lessons.plan_html("test", tmp_path)
    langs = re.findall(r'<div lang="(\w+)"><div style="overflow-x:auto" tabindex="0" '
                       r'role="region" aria-label="([^"]+)">', page)
    assert [lang for lang, _ in langs] == list(LANGUAGES)
    assert len({label for _, label in langs}) == len(LANGUAGES)
    english = page.split('<div lang="')[1]
    # one machine at a scale: named once, under the table (in the header it squeezed the
    # other columns); a scale never timed: no column, named under the table
    assert "<th>cells&#x27; time, quick mode</th>" in english
    assert "<p>The times for quick mode were measured on cpu A.</p>" in english
    assert "<td>3.0\u00a0s</td>" in english and "on cpu A</td>" not in english
    assert "not measured: this timed run left the page out" in english  # data, quick
    assert "not measured yet" not in english and english.count("<th>") == 6
    assert "no column for it: CPU full size; GPU full size." in english
    assert "Minutes planned in all: 13." in english
    # a step is named by the section it ends with, which Colab's notebooks (which add
    # cells) and the book share with JupyterLab; each edition names its own section
    left = "<td style='text-align:left'>"  # words, read from the left
    assert f"{left}from the top to the end of “Layer by layer”</td>" in english
    assert f"{left}–</td>" in english and "1–2</td>" not in english
    chinese = page.split('<div lang="')[2]
    section = lessons.section_title('model', 'Layer by layer', 'zh')
    assert f"{left}从页首到“{section}”一节结束</td>" in chinese
    assert "Layer by layer" not in chinese
    # two machines at a scale: each cell names its machine; every scale timed: no sentence
    write(tmp_path, "timings-quick-b.json", "quick", "cpu B",
          [{"notebook": "model", "cells": PAGE}])
    for scale in ("cpu", "gpu"):
        write(tmp_path, f"timings-{scale}-c.json", scale, "cpu C",
              [{"notebook": "model", "cells": PAGE}])
    english = lessons.plan_html("test", tmp_path).split('<div lang="')[1]
    assert "3.0 s on cpu A; 3.0 s on cpu B" in english and english.count("<th>") == 8
    assert "no column" not in english and "longer than the minutes planned" not in english
    # the scales timed on one machine are named with it once
    assert "<p>The times for CPU full size and GPU full size were measured on cpu C.</p>" \
        in english and english.count("measured on cpu C") == 1
    # a step whose cells take longer than its minutes says so, at that scale only
    monkeypatch.setitem(lessons.PLANS, "test", [
        ("model", ("Layer by layer",), 0.04, "lesson_model")])
    english = lessons.plan_html("test", tmp_path).split('<div lang="')[1]
    assert english.count("longer than the minutes planned") == 4  # 3.0 s > 2.4 s, each run


def test_the_presets_table_names_each_preset_in_every_language():
    page = lessons.presets_html()
    parts = page.split('<div lang="')[1:]
    assert [p.split('"')[0] for p in parts] == list(LANGUAGES)
    for part, lang in zip(parts, LANGUAGES):
        assert 'tabindex="0" role="region" aria-label="' in part
        assert part.count("<tr>") == len(runs.PRESETS) + 1  # and the header row
        assert part.count("<th>") == 3
        assert f"<th>{CATALOGS[lang]['preset_column_values']}</th>" in part
        for name in runs.PRESETS:
            assert runs.preset_title(name, lang).replace("&", "&amp;") in part


def _timing_file(folder, pages=("alexnet", "model")):
    report = {"scale": "quick", "device": "cpu (AMD EPYC, 2 threads)", "date": "2026-12-04",
              "notebooks": [{"notebook": p, "cells": [
                  {"code_cell": 1, "heading": "x", "seconds": 1.5}]} for p in pages]}
    (folder / "timings-quick-cpu-test.json").write_text(json.dumps(report))


def test_timed_runs_describe_each_run_for_a_reader(tmp_path):
    _timing_file(tmp_path)
    (run,) = lessons.timed_runs(tmp_path)
    assert run == {"scale": "quick mode", "key": "quick",
                   "device": "cpu (AMD EPYC, 2 threads)",
                   "date": "2026-12-04", "pages": ["alexnet", "model"]}
    assert lessons.timed_runs(tmp_path / "none") == []


def test_timed_runs_and_plans_name_pages_and_machines_in_the_readers_language(
        tmp_path, monkeypatch):
    """A Chinese or Vietnamese teacher reads the pages' titles (not their file names) and
    the machine in their language ('2 个线程', not '2 threads'), in the list of timed runs
    and in the plan's table."""
    _timing_file(tmp_path)
    shown = lessons.timed_runs_html(tmp_path)
    parts = {lang: shown.split(f'<div lang="{lang}">')[1].split("</div>")[0]
             for lang in LANGUAGES}
    assert "quick mode, cpu (AMD EPYC, 2 threads), 2026-12-04:" in parts["en"]
    assert lessons.page_title("model") in parts["en"] and "model<" not in parts["en"]
    assert "2 个线程" in parts["zh"] and "threads" not in parts["zh"]
    # titles may hold a comma (Discussion, Summary and Exercises): the list separator parts them
    assert f'{lessons.page_title("alexnet", "zh")}；{lessons.page_title("model", "zh")}' in \
        parts["zh"]
    assert "2 luồng" in parts["vi"] and "threads" not in parts["vi"]
    assert lessons.page_title("alexnet", "zh") != lessons.page_title("alexnet")
    assert lessons.page_title("no-such-page", "vi") == "no-such-page"
    empty = lessons.timed_runs_html(tmp_path / "none")
    assert CATALOGS["vi"]["lesson_no_timed_run"] in empty
    monkeypatch.setitem(lessons.PLANS, "test", [("model", None, 10, "lesson_model")])
    plan = lessons.plan_html("test", tmp_path)
    zh = plan.split('<div lang="zh">')[1].split('<div lang="vi">')[0]
    assert f"<td style='text-align:left'>{lessons.page_title('model', 'zh')}</td>" in zh
    assert "2 个线程" in zh and "threads" not in zh


def test_plan_text_names_no_file_or_tool():
    page = lessons.plan_html("class50") + lessons.plan_html("lab120")  # the recorded timings
    text = re.sub(r"<[^>]+>", " ", page)
    for word in ("timing file", "results/", "tools/", ".json", "1995"):
        assert word not in text, word
    assert "1989" in text


def test_paper_table_in_every_language_with_the_counts_it_is_given():
    page = lessons.paper_table_html(46_764_746, 21_598_922)
    for lang in LANGUAGES:
        part = page.split(f'<div lang="{lang}">')[1].split('<div lang="')[0]
        assert part.count("<tr>") == len(lessons.PAPER_ROWS) + 1, lang
        for row in lessons.PAPER_ROWS:
            for column in ("2012", "reference", "laptop"):
                assert CATALOGS[lang][f"paper_{row}_{column}"] not in ("", None)
    english = page.split('<div lang="zh">')[0]
    assert "46.8 million" in english and "21.6 million" in english
    assert "reference recipe (GPU)" in english and "laptop recipe (CPU)" in english
    zh = page.split('<div lang="zh">')[1].split('<div lang="vi">')[0]
    assert "4676万" in zh and "2160万" in zh and "Fashion-MNIST：6万张" in zh
    vi = page.split('<div lang="vi">')[1]
    assert "46,8 triệu" in vi and "60.000" in vi and "60,000" not in vi
    assert 'role="region"' in page and "vertical-align: top" in page


def test_each_edition_has_the_english_pages_sections_so_a_step_names_its_own():
    """A step's section is found in an edition by its place among the page's headings."""
    pages = {page for steps in lessons.PLANS.values() for page, *_ in steps}
    for page in pages:
        english = lessons.page_headings(page)
        assert english, page
        for lang in LANGUAGES[1:]:
            assert len(lessons.page_headings(page, lang)) == len(english), (page, lang)
    # the headings of the page's Markdown cells, as jupytext reads them (a comment in a
    # code cell is not a section); a step ends with whichever of its sections comes last
    import jupytext
    for page in pages:
        nb = jupytext.read(lessons.NOTEBOOKS / f"{page}.md")
        assert lessons.page_headings(page) == tuple(
            line.lstrip("#").strip() for cell in nb.cells if cell.cell_type == "markdown"
            for line in cell.source.splitlines() if line.startswith("#")), page
    for headings in (("A short training run", "What the first layer can become"),
                     ("What the first layer can become", "A short training run")):
        assert lessons.step_end("firstlayer", headings) == "What the first layer can become"
    assert lessons.step_end("data", None) is None
    assert lessons.section_title("model", "Dropout", "zh") == lessons.page_headings(
        "model", "zh")[lessons.page_headings("model").index("Dropout")]
    assert lessons.section_title("model", "No such section", "zh") == "No such section"
