"""The teacher's lesson plans: which cells each step runs, the seconds read from timing
files (never guessed), and the tables in every language, reachable by keyboard."""
import json
import re

import pytest

from d2l_local import lessons, runs
from d2l_local.locales import LANGUAGES


def cell(code_cell, heading, seconds):
    return {"index": 2 * code_cell - 1, "code_cell": code_cell, "heading": heading,
            "first_line": "x = 1", "seconds": seconds}


PAGE = [cell(1, "Top", 1.0), cell(2, "Layer by layer", 2.0), cell(3, "Dropout", 4.0),
        cell(4, "Dropout", 8.0), cell(5, "Exercises", 16.0)]


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
    assert "3.0 s on cpu A" in english
    assert "not measured: the timing file lacks this page" in english  # data, quick
    assert english.count("not measured yet (no timing file)") == 4  # cpu and gpu, 2 rows
    assert "Minutes planned in all: 13." in english
    assert "<td>1–2</td>" in english and "<td>–</td>" in english


def test_the_presets_table_names_each_preset_in_every_language():
    page = lessons.presets_html()
    parts = page.split('<div lang="')[1:]
    assert [p.split('"')[0] for p in parts] == list(LANGUAGES)
    for part, lang in zip(parts, LANGUAGES):
        assert 'tabindex="0" role="region" aria-label="' in part
        assert part.count("<tr>") == len(runs.PRESETS)
        for name in runs.PRESETS:
            assert runs.preset_title(name, lang).replace("&", "&amp;") in part
