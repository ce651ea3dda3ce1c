"""The teacher's page: lesson plans from timed runs, and the paper-against-chapter table."""

import json
import re

from d2l_local import lessons
from d2l_local.locales import CATALOGS, LANGUAGES


def _timing_file(folder, pages=("alexnet", "model")):
    report = {"scale": "quick", "device": "cpu (AMD EPYC, 2 threads)", "date": "2026-12-04",
              "notebooks": [{"notebook": p, "cells": [
                  {"code_cell": 1, "heading": "x", "seconds": 1.5}]} for p in pages]}
    (folder / "timings-quick-cpu-test.json").write_text(json.dumps(report))


def test_timed_runs_describe_each_run_for_a_reader(tmp_path):
    _timing_file(tmp_path)
    (run,) = lessons.timed_runs(tmp_path)
    assert run == {"scale": "quick mode", "device": "cpu (AMD EPYC, 2 threads)",
                   "date": "2026-12-04", "pages": ["alexnet", "model"]}
    assert lessons.timed_runs(tmp_path / "none") == []


def test_plan_text_names_no_file_or_tool():
    page = lessons.plan_html("class50") + lessons.plan_html("lab120")  # the recorded timings
    text = re.sub(r"<[^>]+>", " ", page)
    for word in ("timing file", "results/", "tools/", ".json", "1995"):
        assert word not in text, word
    assert "1989" in text and "not measured" in text


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
