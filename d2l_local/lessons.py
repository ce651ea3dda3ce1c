"""Lesson plans for teachers, timed from measurements: each step names its page and the
code cells it runs, and how long those cells took in each timing file that
``tools/run_notebooks.py`` wrote under results/ (``timings-<scale>-<machine>.json``).
A setting with no timing file is said to be unmeasured, never guessed.

    plan = d2l.lessons.plan_rows("class50")
"""

from __future__ import annotations

import functools
import html
import json
from pathlib import Path

from .book import say
from .config import results_dir
from .hardware import DeviceName
from .locales import LANGUAGES, in_every_language

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"  # the pages' sources

# Each step: the page, the sections (headings) whose cells it runs (None: the whole page),
# the minutes planned for it in class (talk and questions included: the teacher's budget,
# not a measurement), and the catalog key of what to do.
PLANS = {
    "class50": [
        ("alexnet", None, 5, "lesson_why_2012"),
        ("features", ("What a crafted feature computes", "Features that are learned"), 8,
         "lesson_features"),
        ("model", ("Layer by layer", "ReLU instead of sigmoid", "Dropout"), 15,
         "lesson_model"),
        ("training", ("Try it yourself: the training panel",), 15, "lesson_panel"),
        ("exercises", ("Summary",), 7, "lesson_summary"),
    ],
    "lab120": [
        ("data", None, 15, "lesson_data"),
        ("hardware", None, 20, "lesson_hardware"),
        ("model", None, 25, "lesson_model_all"),
        ("training", None, 25, "lesson_training"),
        ("firstlayer", ("A short training run", "What the first layer can become"), 15,
         "lesson_firstlayer"),
        ("exercises", ("Exercises",), 20, "lesson_exercises"),
    ],
}
# The settings a teacher may run at, in the order the table shows them.
SETTINGS = ("quick", "cpu", "gpu")


def timing_files(folder=None) -> list[Path]:
    """The timing files under results/ (or ``folder``), sorted by name."""
    return sorted(Path(folder or results_dir()).glob("timings-*.json"))


def load_timings(folder=None) -> list[dict]:
    """Each timing file's report, with its file name as ``file``."""
    return [{**json.loads(p.read_text(encoding="utf-8")), "file": p.name}
            for p in timing_files(folder)]


def step_cells(report, page, headings, done=()) -> list[dict] | None:
    """The code cells of ``page`` a step runs: from the top of the page to the last cell
    under ``headings`` (a notebook runs from the top), less the cells in ``done`` (code
    cell numbers an earlier step on that page ran). None where the report lacks the page;
    a heading not on the page raises ValueError."""
    rows = next((n for n in report["notebooks"] if n["notebook"] == page), None)
    if rows is None or "cells" not in rows:
        return None
    cells = rows["cells"]
    if headings is None:
        last = len(cells)
    else:
        missing = set(headings) - {c["heading"] for c in cells}
        if missing:
            raise ValueError(f"{page} has no code cell under {sorted(missing)}")
        last = max(c["code_cell"] for c in cells if c["heading"] in headings)
    return [c for c in cells if c["code_cell"] <= last and c["code_cell"] not in done]


# a timed run of an earlier form of a page (another number of code cells): its seconds
# belong to cells the page no longer has, so the plan does not quote them
CHANGED = "changed"


@functools.lru_cache(maxsize=None)
def code_cell_count(page) -> int | None:
    """How many code cells ``page``'s source has now (None where it is not at hand)."""
    try:
        lines = (NOTEBOOKS / f"{page}.md").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return sum(line.startswith("```{code-cell}") for line in lines)


def timed_form_differs(report, page) -> bool:
    """Whether ``report`` timed another form of ``page`` than its source has now."""
    rows = next((n for n in report["notebooks"] if n["notebook"] == page), None)
    now = code_cell_count(page)
    return bool(rows and "cells" in rows and now is not None and len(rows["cells"]) != now)


def plan_rows(plan, folder=None) -> list[dict]:
    """One row per step of ``plan``: ``page``, ``cells`` (first and last code cell number
    to run, None if the page has no cell to run), ``minutes`` (planned), ``text`` (the
    catalog key), and ``seconds``: for each scale in :data:`SETTINGS` the list of
    ``(device, seconds)`` measured in the timing files of that scale (empty: unmeasured)."""
    reports = load_timings(folder)
    rows, done = [], {}
    for page, headings, minutes, key in PLANS[plan]:
        seconds, span = {scale: [] for scale in SETTINGS}, None
        for report in reports:
            if timed_form_differs(report, page):
                seconds[report.get("scale", "quick")].append((report["device"], CHANGED))
                continue
            cells = step_cells(report, page, headings, done.get((report["file"], page), ()))
            if cells is None:  # a file of this scale that did not time this page
                seconds[report.get("scale", "quick")].append((report["device"], None))
                continue
            done.setdefault((report["file"], page), set()).update(c["code_cell"] for c in cells)
            if cells:
                span = (cells[0]["code_cell"], cells[-1]["code_cell"])
            seconds[report.get("scale", "quick")].append(
                (report["device"], round(sum(c["seconds"] or 0 for c in cells), 1)))
        rows.append({"page": page, "headings": headings, "cells": span, "minutes": minutes,
                     "text": key, "seconds": seconds})
    return rows


def measured_pages(folder=None) -> dict:
    """For each timing file, the pages it measured: what the teacher's page names."""
    return {r["file"]: [n["notebook"] for n in r["notebooks"]] for r in load_timings(folder)}


def timed_runs(folder=None) -> list[dict]:
    """For each timing file, what a reader needs to know of it: the ``scale`` (in words),
    the ``device``, the ``date`` and the ``pages`` it timed."""
    return [{"scale": str(say(f"scale_name_{r.get('scale', 'quick')}")),
             "key": r.get("scale", "quick"), "device": r["device"],
             "date": r.get("date", "?"), "pages": [n["notebook"] for n in r["notebooks"]]}
            for r in load_timings(folder)]


def timed_runs_html(folder=None) -> str:
    """:func:`timed_runs` as a list in every language (the book shows the page's): each
    run's scale, machine, date and the titles of the pages it timed."""
    def listed(lang):
        runs = timed_runs(folder)
        if not runs:
            return f"<p>{html.escape(say('lesson_no_timed_run').in_language(lang))}</p>"
        items = "".join("<li>" + html.escape(say(
            "lesson_timed_run", scale=say(f"scale_name_{r['key']}"),
            device=DeviceName(r["device"]), date=r["date"],
            pages=say("list_separator").in_language(lang).join(
                page_title(p, lang) for p in r["pages"])).in_language(lang))
            + "</li>" for r in runs)
        return f"<ul>{items}</ul>"
    return in_every_language(listed)


def show_timed_runs(folder=None):
    """Display :func:`timed_runs_html`."""
    from IPython.display import HTML, display
    display(HTML(timed_runs_html(folder)))


def page_title(page, lang="en") -> str:
    """The title of the chapter's page ``page`` ('alexnet') in ``lang``, from the first
    heading of its source; the name itself where the source is not at hand (a notebook
    opened on its own, in Colab)."""
    folder = NOTEBOOKS if lang == "en" else NOTEBOOKS / lang
    try:
        lines = (folder / f"{page}.md").read_text(encoding="utf-8").splitlines()
    except OSError:
        return page
    return next((line[2:].strip() for line in lines if line.startswith("# ")), page)


@functools.lru_cache(maxsize=None)
def page_headings(page, lang="en") -> tuple[str, ...]:
    """The titles of ``page``'s headings in edition ``lang``, in order (the lines of its
    Markdown that start with ``#``, outside fenced code: as results.code_cells reads
    them); none where the source is not at hand."""
    folder = NOTEBOOKS if lang == "en" else NOTEBOOKS / lang
    try:
        lines = (folder / f"{page}.md").read_text(encoding="utf-8").splitlines()
    except OSError:
        return ()
    titles, fenced = [], False
    for line in lines:
        if line.startswith("```"):
            fenced = not fenced or line.strip() != "```"
            continue
        if not fenced and line.startswith("#"):
            titles.append(line.lstrip("#").strip())
    return tuple(titles)


def section_title(page, heading, lang="en") -> str:
    """Section ``heading`` of ``page`` (as the English page titles it) in edition ``lang``:
    the edition's heading at the same place (an edition keeps the English page's
    sections); the English title where that edition's source is not at hand."""
    english, other = page_headings(page), page_headings(page, lang)
    if lang != "en" and heading in english and len(other) == len(english):
        return other[english.index(heading)]
    return heading


def step_end(page, headings) -> str | None:
    """The section a step's cells end with: of its ``headings``, the one that comes last on
    the page (None: the whole page)."""
    if headings is None:
        return None
    order = page_headings(page)
    return max(headings, key=lambda h: order.index(h) if h in order else -1)


def _seconds(measured, lang, named=True, minutes=None) -> str:
    """A step's seconds at one scale; ``named``: each with the machine it was timed on
    (where the sentence under the table does not name the one machine); a time longer than
    the step's planned ``minutes`` says so. A time alone keeps its unit on its line."""
    if not measured:
        return say("lesson_unmeasured").in_language(lang)
    key = "lesson_measured" if named else "lesson_seconds"

    def one(device, seconds):
        if seconds is None:
            return say("lesson_page_unmeasured").in_language(lang)
        if seconds == CHANGED:
            return say("lesson_page_changed").in_language(lang)
        text = say(key, seconds=seconds, device=DeviceName(device)).in_language(lang)
        if not named:  # "113.0 s" wrapped before its unit in a narrow column
            text = text.replace(" ", "\u00a0")
        if minutes is not None and seconds > 60 * minutes:
            text += say("lesson_over_plan").in_language(lang)
        return text
    return "; ".join(one(d, s) for d, s in measured)


def plan_html(plan, folder=None) -> str:
    """The plan as a table in every language (each in a ``lang`` element of a
    ``.d2l-l10n`` container, of which the book shows the page's language). A scale that
    no timing file covers has no column (a sentence under the table names it); a scale
    timed on one machine names it in a sentence under the table, not in every row."""
    rows = plan_rows(plan, folder)
    timed = [s for s in SETTINGS if any(r["seconds"][s] for r in rows)]
    machines = {s: {d for r in rows for d, _ in r["seconds"][s]} for s in timed}
    parts = {}
    for lang in LANGUAGES:
        def t(key, lang=lang, **values):
            return html.escape(say(key, **values).in_language(lang))

        head = "".join(f"<th>{t('lesson_column_' + c)}</th>" for c in
                       ("step", "page", "cells", "minutes", "what")) + "".join(
            f"<th>{t('lesson_scale_' + s)}</th>" for s in timed)
        # a machine that timed a scale alone is named once, under the table, with all the
        # scales it timed (in a header its long name squeezed "what to do" at 1280 px)
        by_machine = {}
        for s in timed:
            if len(machines[s]) == 1:
                by_machine.setdefault(next(iter(machines[s])), []).append(s)
        where = "".join(
            "<p>" + t("lesson_scale_on", device=DeviceName(device), scale=say(
                "lesson_scales_and").in_language(lang).join(
                    say("scale_name_" + s).in_language(lang) for s in scales)) + "</p>"
            for device, scales in by_machine.items())
        body = ""
        for i, row in enumerate(rows, 1):
            # named by section, not by cell number: the sections are the same in
            # JupyterLab, in the Colab notebooks (which add cells) and in the book
            end = step_end(row["page"], row["headings"])
            cells = ("–" if not row["cells"] else t("lesson_cells_all") if end is None
                     else t("lesson_cells_to", section=section_title(row["page"], end, lang)))
            left = "<td style='text-align:left'>"  # words: read from the left
            body += (f"<tr><td>{i}</td>{left}{html.escape(page_title(row['page'], lang))}</td>"
                     f"{left}{cells}</td>"
                     f"<td>{row['minutes']}</td>{left}{t(row['text'])}</td>"
                     + "".join("<td>" + html.escape(_seconds(
                         row["seconds"][s], lang, named=len(machines[s]) > 1,
                         minutes=row["minutes"])) + "</td>" for s in timed) + "</tr>")
        total = sum(r["minutes"] for r in rows)
        untimed = [s for s in SETTINGS if s not in timed]
        names = say("list_separator").in_language(lang).join(
            say("scale_name_" + s).in_language(lang) for s in untimed)
        missing = f'<p>{t("lesson_not_timed", scales=names)}</p>' if untimed else ""
        # wider than a phone: a region that scrolls, reachable and scrollable by keyboard
        parts[lang] = (f'<div style="overflow-x:auto" tabindex="0" '
                       f'role="region" aria-label="{t("lesson_table_region")}">'
                       f'<table class="d2l-runs"><tr>{head}</tr>{body}</table></div>'
                       f'{where}<p>{t("lesson_total", minutes=total)}</p>{missing}')
    return in_every_language(parts.get)


def show_plan(plan, folder=None):
    """Display :func:`plan_html`."""
    from IPython.display import HTML, display
    display(HTML(plan_html(plan, folder)))


def presets_html() -> str:
    """The panel's presets in every language: each one's name, the values it compares
    and what it is expected to show."""
    from . import runs
    parts = {}
    for lang in LANGUAGES:
        rows = ""
        for name, preset in runs.PRESETS.items():
            values = " / ".join(runs.option_label(hp[preset["setting"]], lang)
                                for hp in runs.preset_runs(name))
            rows += (f"<tr><td>{html.escape(runs.preset_title(name, lang))}</td>"
                     f"<td>{html.escape(values)}</td><td style='text-align:left'>"
                     f"{html.escape(runs.preset_expectation(name, lang))}</td></tr>")
        label = html.escape(say("preset_table_region").in_language(lang))
        head = "".join(f"<th>{html.escape(say('preset_column_' + c).in_language(lang))}</th>"
                       for c in ("name", "values", "expect"))
        parts[lang] = (f'<div style="overflow-x:auto" tabindex="0" '
                       f'role="region" aria-label="{label}"><table class="d2l-runs">'
                       f'<tr>{head}</tr>{rows}</table></div>')
    return in_every_language(parts.get)


# The table that sets the 2012 paper beside the chapter's two recipes: each row's catalog
# keys are paper_<row> (its label), paper_<row>_2012, paper_<row>_reference and
# paper_<row>_laptop (the cells). Rules between the rows and text from the top of each
# cell, so that a row's cells are easy to match when the table scrolls sideways on a phone
PAPER_STYLE = ("<style>.d2l-paper {border-collapse: collapse; font-size: 90%}"
               ".d2l-paper td, .d2l-paper th {padding: 4px 8px; text-align: left; "
               "vertical-align: top; border-bottom: 1px solid #ccc; min-width: 11em}</style>")
PAPER_ROWS = ("data", "input", "augmentation", "layers", "hardware", "parameters",
              "optimizer", "lr", "training", "testing", "result")


def paper_table_html(params, laptop_params) -> str:
    """The 2012 paper's recipe beside the chapter's reference recipe (GPU) and laptop
    recipe (CPU), in every language; ``params`` and ``laptop_params`` are the parameter
    counts of the chapter's AlexNet at 224 and at 65 pixels, as the page computes them."""
    from .book import millions
    params, laptop_params = millions(params), millions(laptop_params)
    parts = {}
    for lang in LANGUAGES:
        def t(key, lang=lang, **values):
            return html.escape(say(key, **values).in_language(lang))
        head = "<th></th>" + "".join(f"<th>{t('paper_column_' + c)}</th>"
                                     for c in ("2012", "reference", "laptop"))
        body = "".join(
            f"<tr><th>{t('paper_' + row)}</th>" + "".join(
                f"<td>{t(f'paper_{row}_{c}', params=params, laptop_params=laptop_params)}</td>"
                for c in ("2012", "reference", "laptop")) + "</tr>"
            for row in PAPER_ROWS)
        # wider than a phone: a region that scrolls, reachable and scrollable by keyboard
        parts[lang] = (f'<div style="overflow-x:auto" tabindex="0" '
                       f'role="region" aria-label="{t("paper_table_region")}">'
                       f'<table class="d2l-paper"><tr>{head}</tr>{body}</table></div>')
    return PAPER_STYLE + in_every_language(parts.get)
