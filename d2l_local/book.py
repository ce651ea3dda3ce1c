"""Helpers for the chapter's pages: glue measured numbers into the prose, and say how each
page was run, so that no sentence claims more than the page's own run showed.

Sentences the code writes are :class:`Prose`: the English text, which is what a plain
kernel shows, carrying its Chinese and Vietnamese versions from :mod:`d2l_local.locales`.
The code cells of the three editions are identical, and one execution of a page serves
all three (the book's execution cache is shared), so a glued sentence is glued once per
language: ``name`` (English), ``name__zh`` and ``name__vi``.
"""

from __future__ import annotations

import html
import re
import time

from . import config, results, scales
from .hardware import device_words, try_gpu
from .locales import (
    BABEL_LOCALE,
    CATALOGS,
    CLASS_NAMES,
    FIGURE_TEXT,
    LANGUAGES,
    format_in,
    in_every_language,
)

GLUED: dict = {}  # every value glued in this kernel, as text: for fill and show_values


class Prose(str):
    """A sentence in every edition's language; as a ``str`` it is the English one."""

    def __new__(cls, texts: dict):
        obj = super().__new__(cls, texts["en"])
        obj.texts = dict(texts)
        return obj

    def in_language(self, language: str) -> str:
        return self.texts.get(language, self.texts["en"])

    def __add__(self, other):
        return Prose({k: v + _in(other, k) for k, v in self.texts.items()})


def _in(value, language):  # a Prose, or another value with words per language
    if hasattr(value, "in_language"):
        return value.in_language(language)
    if isinstance(value, str) and value in FIGURE_TEXT[language]:  # a run's name (no dropout)
        return FIGURE_TEXT[language][value]
    return value


def say(key: str, **values) -> Prose:
    """The catalog sentence ``key`` in every language, filled with ``values`` (which may be
    :class:`Prose` themselves: each language gets its own version), its numbers written as
    each language writes them (:func:`d2l_local.locales.format_in`)."""
    if key not in CATALOGS["en"]:
        raise KeyError(f"No sentence {key!r} in d2l_local/locales/en.py.")
    return Prose({lang: format_in(lang, CATALOGS[lang][key],
                                  **{k: _in(v, lang) for k, v in values.items()})
                  for lang in LANGUAGES})


def join(parts, separator_key="list_separator") -> Prose:
    """``parts`` joined with each language's list separator."""
    sep = say(separator_key)
    return Prose({lang: sep.in_language(lang).join(_in(p, lang) for p in parts)
                  for lang in LANGUAGES})


class Shown:
    """What :func:`glue` returns: the value, shown the way the prose quotes it.

    The pages quote values with MyST's ``{eval}`name``` role. In JupyterLab, jupyterlab-myst
    evaluates ``name`` in the kernel when a Markdown cell runs and shows its text/plain (or,
    for a sentence, its HTML); the book reads the same value from the page's execution,
    where :func:`glue` stored it (see ``tools/book_editions.py``). So a number carries its
    format (``.2f``) and a sentence shows itself in the reader's language.
    """

    fmt = ""

    def text(self, language=None) -> str:
        raise NotImplementedError

    def __repr__(self):
        return self.text()

    def _repr_pretty_(self, p, cycle):  # IPython's text/plain
        p.text(self.text())


class _ShownNumber(Shown):
    def __new__(cls, value, fmt=""):
        obj = super().__new__(cls, value)  # float's or int's
        obj.plain, obj.fmt = value, fmt
        return obj

    def text(self, language=None) -> str:
        """The number as ``language`` (the reader's by default) writes it: Vietnamese
        '60.000' and '0,883' where English writes '60,000' and '0.883'."""
        return format_in(language or config.language(), "{v:" + self.fmt + "}", v=self.plain)

    def __str__(self):
        return format(self.plain, _python_format(self.fmt))


class ShownFloat(_ShownNumber, float):
    pass


class ShownInt(_ShownNumber, int):
    pass


class ShownProse(Shown, Prose):
    """A sentence (or a name): Markdown, in the reader's language."""

    def __new__(cls, value):
        texts = value.texts if isinstance(value, Prose) else {lang: str(value)
                                                              for lang in LANGUAGES}
        return Prose.__new__(cls, texts)

    def text(self, language=None) -> str:
        return self.in_language(language or config.language())

    def _repr_markdown_(self):
        return self.text()

    def _repr_html_(self):  # an inline span, so that it reads as part of its sentence
        return f'<span class="d2l-glued">{_markdown_to_html(self.text())}</span>'


def _python_format(fmt):
    """``fmt`` as Python's ``format`` takes it: ``wan`` (Chinese 万, see
    :func:`d2l_local.locales.format_in`) is grouped with ``,`` outside the catalogs."""
    return "," if fmt == "wan" else fmt


def shown(value, fmt=""):
    """``value`` as a :class:`Shown`: numbers formatted with ``fmt``, text as Markdown."""
    if hasattr(value, "item") and not isinstance(value, str):  # numpy or torch scalar
        value = value.item()  # its repr ('np.float64(...)') would not format
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise TypeError(f"The prose quotes numbers and text, not {value!r}.")
    if isinstance(value, str):
        if fmt:
            raise ValueError("A format applies to a number, not to text.")
        return ShownProse(value)
    format(value, _python_format(fmt))  # a bad format fails here, where it is written
    return (ShownInt if isinstance(value, int) else ShownFloat)(value, fmt)


def glue(name, value, fmt=""):
    """``value`` for the prose's ``{eval}`name```: returns it as a :class:`Shown`, to be
    assigned to the variable ``name`` (``image_gflops = d2l.book.glue("image_gflops",
    x, ".2f")``), which is what JupyterLab evaluates; while the book is built it is also
    stored with ``myst_nb.glue``, which is where the book reads it.

    Stored as Markdown text (the number formatted with ``fmt``), once per language for a
    sentence (``name``, ``name__zh``, ``name__vi``): one execution serves three editions.
    Outside the book's build nothing is displayed (no stray output in a notebook).
    """
    if not name.isidentifier():
        raise ValueError(f"{name!r} is not a Python name, so {{eval}} cannot quote it.")
    value = shown(value, fmt)
    if isinstance(value, ShownProse):
        texts = {(name if lang == "en" else f"{name}__{lang}"): value.text(lang)
                 for lang in LANGUAGES}
    else:  # a number: once, and again for each language that writes it otherwise
        texts = {name: value.text("en")}
        texts.update({f"{name}__{lang}": value.text(lang) for lang in LANGUAGES
                      if value.text(lang) != texts[name]})
    GLUED.update(texts)
    if config.static_book():
        from IPython.display import Markdown
        from myst_nb import glue as myst_glue
        for key, text in texts.items():
            myst_glue(key, Markdown(text), display=False)
    return value


EVAL_ROLE = re.compile(r"\{eval\}`([^`]+)`")


def fill(text: str, language=None) -> str:
    """``text`` with every ``{eval}`name``` replaced by the value glued under that name
    in this kernel, in ``language`` (the reader's by default)."""
    language = language or config.language()

    def value(m):
        name = m.group(1)
        key = name if language == "en" else f"{name}__{language}"
        if key in GLUED:
            return GLUED[key]
        return GLUED.get(name, f"[{name}: run the cells above]")
    return EVAL_ROLE.sub(value, text)


def show_values(*names):
    """Display this kernel's values of ``names``, as the prose above quotes them (the
    Colab notebooks, whose Markdown cannot evaluate)."""
    from IPython.display import Markdown, display
    parts = [f"`{name}` = {fill('{eval}`' + name + '`')}" for name in names]
    display(Markdown(say("your_values", values=join(parts)).in_language(config.language())))


SCALE_NOTES = {"quick": "run_mode_quick", "cpu": "run_mode_cpu", "gpu": "run_mode_gpu"}
# What the other scales change, per page (``scale_change_<page>`` in the catalogs); a page
# not listed trains nothing, so only its measured times change with the scale.
PAGES_THAT_TRAIN = ("training", "visualize", "firstlayer", "exercises", "teaching")
_PAGE: dict = {}  # the page this kernel runs: name, start time, the note's display


def duration(seconds) -> Prose:
    """'48 s' or '3 min 12 s' ('under 1 s' for less), in every language."""
    if float(seconds) < 0.5:
        return say("duration_under_1s")
    seconds = round(float(seconds))
    if seconds < 60:
        return say("duration_s", s=seconds)
    return say("duration_min", m=seconds // 60, s=seconds % 60)


def millions(count, digits=1) -> Prose:
    """A count of millions as each language writes it, by Babel's compact long form:
    '50.8 million', '50,8 triệu', and in Chinese, which counts in 万 (ten thousands),
    '5084万' (``digits`` after the point in millions, two fewer in 万)."""
    from babel.numbers import format_compact_decimal
    return Prose({lang: format_compact_decimal(
        count, format_type="long", locale=BABEL_LOCALE[lang],
        fraction_digits=max(0, digits - 2) if lang == "zh" else digits)
        for lang in LANGUAGES})


def device_text(device) -> Prose:
    """The device (or a device's name a result recorded) as
    :func:`~d2l_local.hardware.describe_device` names it, with a CPU's thread count said in
    each language (:class:`~d2l_local.hardware.DeviceName`)."""
    words = device_words(device)
    return Prose({lang: words.in_language(lang) for lang in LANGUAGES})


def run_mode_text(device=None, page=None, seconds=None) -> Prose:
    """The note at the top of a page: its scale, the device, what the other scales would
    change, and (once the page has finished) how long it took."""
    device = device or try_gpu()
    scale = scales.current()
    change = ""
    if scale != "gpu":
        change = say(f"scale_change_{page}" if page in PAGES_THAT_TRAIN else "scale_same")
    text = say(SCALE_NOTES[scale], device=device_text(device), change=change)
    if seconds is not None:
        return text + say("run_mode_took", duration=duration(seconds))
    return text + say("run_mode_running")


def _markdown_to_html(text: str) -> str:
    """The little Markdown the sentences of the catalogs use (bold, italics, code), as HTML."""
    text = html.escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    text = re.sub(r"\*(.+?)\*", r"<em>\1</em>", text)
    return re.sub(r"`(.+?)`", r"<code>\1</code>", text)


class RunModeNote:
    """The note :func:`show_run_mode` displays: Markdown in the reader's language in a
    notebook; in the static book, HTML holding every language, of which the page's
    stylesheet shows the one matching the page's ``lang`` (one execution, three
    editions)."""

    def __init__(self, text: Prose, static_book: bool):
        self.text, self.static_book = text, static_book

    def _repr_markdown_(self):
        return "> " + _in(self.text, config.language())

    def _repr_html_(self):
        if not self.static_book:
            return None  # Jupyter then shows the Markdown
        return in_every_language(lambda lang: _markdown_to_html(_in(self.text, lang)),
                                 tag="p", outer="blockquote", classes="d2l-run-mode d2l-l10n")


class Said(RunModeNote):
    """A catalog sentence displayed as a page's output: Markdown in the reader's language
    in a notebook, every language in the static book (as :class:`RunModeNote`, without
    its frame)."""

    def _repr_markdown_(self):
        return _in(self.text, config.language())

    def _repr_html_(self):
        if not self.static_book:
            return None
        return in_every_language(lambda lang: _markdown_to_html(_in(self.text, lang)),
                                 tag="p")


def said(key: str, **values) -> Said:
    """``display(said(key))``: the catalog's sentence ``key`` as a page's output, in the
    language of each edition that shows it (:class:`Said`)."""
    return Said(say(key, **values), config.static_book())


def label_tables_in_notebooks():
    """In a notebook, a pandas DataFrame (or a dict of named values, :func:`d2l_local.summary.
    dict_table`) with a label of
    :data:`d2l_local.summary.TABLE_LABELS` (a column, a row, the index's name) is shown
    with its labels in the reader's language, and a table with fractions with its numbers
    written as that language writes them (Vietnamese 0,883), the book holding every
    language (:class:`d2l_local.summary.LabelledTable`); other tables as pandas shows them. The
    code of a page stays the same in every edition. Registered once."""
    from .figtext import _in_notebook, numbers_in, translate
    from .summary import TABLE_LABELS, LabelledTable, dict_table, has_fractions, known_labels
    if not _in_notebook():
        return
    import pandas as pd
    from IPython import get_ipython
    html = get_ipython().display_formatter.formatters["text/html"]
    if getattr(html.type_printers.get(pd.DataFrame), "d2l_labelled", False):
        return

    def named(label, lang):  # a run's name as its figure writes it (vi: dropout 0,5)
        return numbers_in(translate(label, lang) or label, lang)

    def labelled(frame):
        # the rows of an experiment's table are named as its figure names its curves
        return LabelledTable(frame, TABLE_LABELS, named)._repr_html_() \
            if known_labels(frame) or has_fractions(frame) else frame._repr_html_()
    labelled.d2l_labelled = True
    html.for_type(pd.DataFrame, labelled)

    def labelled_dict(mapping):  # None: the dict as Python writes it
        table = dict_table(mapping)
        return None if table is None else table._repr_html_()
    html.for_type(dict, labelled_dict)


def show_run_mode(page=None, device=None):
    """Display the note saying at which scale this page runs, and on what; start the
    page's clock. :func:`finish_page` adds the time it took to the same note."""
    from IPython.display import display

    label_tables_in_notebooks()  # the page's tables labelled in the reader's language
    _PAGE.clear()
    now = time.perf_counter()
    _PAGE.update(name=page, device=device, start=now, findings={}, cells=[], mark=now)
    _time_cells()
    note = RunModeNote(run_mode_text(device, page), config.static_book())
    _PAGE["display"] = display(note, display_id=True)


def _cell_ran(*_):
    """IPython's post_run_cell: the seconds of the cell that just ended, from the mark
    the cell before it left (the page's first cell: from :func:`show_run_mode`, its
    imports aside)."""
    if "mark" in _PAGE:
        now = time.perf_counter()
        _PAGE["cells"].append(now - _PAGE["mark"])
        _PAGE["mark"] = now


def _time_cells():
    """Time each code cell of the page from here on (once per kernel), so that a book
    build records what the teacher's lesson plans need (:func:`finish_page`)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        shell.events.register("post_run_cell", _cell_ran)  # IPython keeps one of each


def finish_page():
    """Say in the note at the top how long the page took; at full size with
    ``D2L_SAVE_RESULTS=1``, write what the page found to ``results/`` (see
    :func:`result`), and how long each of its code cells took (the lesson plans' times,
    :func:`d2l_local.results.save_page_timings`). Returns the seconds since
    :func:`show_run_mode`."""
    if "start" not in _PAGE:
        raise RuntimeError("finish_page() needs show_run_mode() at the top of the page.")
    seconds = time.perf_counter() - _PAGE["start"]
    note = RunModeNote(run_mode_text(_PAGE["device"], _PAGE["name"], seconds),
                       config.static_book())
    if _PAGE.get("display") is not None:
        _PAGE["display"].update(note)
    scale = scales.current()
    if config.save_results() and scale != "quick" and _PAGE["name"] and _PAGE["findings"]:
        results.save_findings(_PAGE["name"], scale, _PAGE["findings"], seconds,
                              _PAGE["device"] or try_gpu())
    if config.save_results() and scale != "quick" and _PAGE["name"]:
        from .hardware import describe_device
        # this cell's own time too: every code cell of the page, for the lesson plans
        cells = [*_PAGE["cells"], time.perf_counter() - _PAGE["mark"]]
        results.save_page_timings(_PAGE["name"], scale,
                                  describe_device(_PAGE["device"] or try_gpu()), cells, seconds)
    return seconds


def result(name, key, *, stated=False, **values) -> Prose:
    """What experiment ``name`` of this page found, as catalog sentence ``key``.

    At full size it is this run's finding, and it is remembered so that :func:`finish_page`
    can write it to ``results/`` (with ``D2L_SAVE_RESULTS=1``). In quick mode the run is
    too small to answer the question, so the sentence says so and gives instead what the
    recorded CPU full-size run of this page found (numbers, device, date), if one exists.
    Where a GPU run of the page has been recorded too, its finding follows, labelled.

    ``stated=True``: the page states this run's numbers itself, and a quick run of this
    experiment does show what it is meant to (only smaller), so neither this run's
    sentence nor "too small to answer" is added: only the recorded runs' findings.
    """
    values = {k: _plain(v) for k, v in values.items()}
    own = say(key, **values)  # a bad key or placeholder fails here, at every scale
    empty = Prose({lang: "" for lang in LANGUAGES})
    page, scale = _PAGE.get("name"), scales.current()
    if scale != "quick":
        _PAGE.setdefault("findings", {})[name] = {"key": key, "values": values}
        text = empty if stated else own
        others = [] if scale == "gpu" else [("gpu", "found_at_gpu", None)]
    else:
        text = empty if stated else say("quick_cannot_tell")
        others = [("cpu", "found_at_cpu", "not_found_at_cpu"), ("gpu", "found_at_gpu", None)]
    for other, found_key, missing_key in others:
        recorded = results.load_findings(page, other)
        finding = recorded.get("findings", {}).get(name)
        try:
            said = finding and say(finding["key"], **finding["values"])
        except KeyError:  # recorded by an older form of the experiment: not its finding now
            said = None
            if missing_key:
                text = text + say(f"{missing_key}_now")
                continue
        if said:
            text = text + say(found_key, where=_where(recorded), finding=said)
        elif missing_key:
            text = text + say(missing_key)
    return text


def _plain(value):
    """A number or a name as JSON can hold it (a findings file stores it)."""
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise TypeError(f"A finding holds numbers and names only, not {value!r}.")
    return value


def _where(recorded) -> Prose:
    return say("recorded_where", device=device_text(recorded["device"]),
               date=recorded["finished"][:10],
               duration=duration(recorded["seconds"]))


def run_scale(history) -> Prose:
    """How much a run saw, in words, from its history: 'after 2 epochs of 256 training
    images each, tested on 256 images'."""
    done = [r for r in history if r.get("complete", True)]
    if not done:
        return say("run_scale_none")
    last = done[-1]
    return say("run_scale_1" if len(done) == 1 else "run_scale", epochs=len(done),
               train=last["train_images"], val=last["val_images"])


def versus_chance(accuracy, classes=10) -> Prose:
    """An accuracy next to what guessing scores, in words."""
    chance = 1 / classes
    key = "versus_chance_low" if accuracy < 1.5 * chance else "versus_chance"
    return say(key, acc=accuracy, classes=classes, chance=chance)


TOPS = ("t-shirt", "pullover", "coat", "shirt")  # Fashion-MNIST's upper-body garments


def class_name(name: str) -> Prose:
    """A class of Fashion-MNIST named in every language (other names stay as they are)."""
    return Prose({lang: CLASS_NAMES[lang].get(name, name) for lang in LANGUAGES})


def mistakes_text(matrix, class_names, top=3) -> Prose:
    """The ``top`` most frequent confusions in a confusion matrix, in words, and whether
    they are all between tops (the claim a page may make only when its run shows it).
    The names are the library's English ones; each language writes its own."""
    n = len(class_names)
    counts = [(int(matrix[i, j]), i, j) for i in range(n) for j in range(n)
              if i != j and int(matrix[i, j]) > 0]
    if not counts:
        return say("mistakes_none")
    predicted = [sum(int(matrix[i, j]) for i in range(n)) for j in range(n)]
    total = sum(predicted)
    most = max(range(n), key=lambda j: predicted[j])
    if predicted[most] > total / 2:  # one class for most images: no pattern to read
        return say("mistakes_one_class", name=class_name(class_names[most]),
                   share=100 * predicted[most] / total)
    counts.sort(key=lambda c: (-c[0], c[1], c[2]))
    chosen = counts[:top]
    tied = len(counts) > top and counts[top][0] == chosen[-1][0]
    parts = [say("mistake_1" if c == 1 else "mistake", true=class_name(class_names[i]),
                 pred=class_name(class_names[j]), count=c) for c, i, j in chosen]
    among = sum(class_names[i] in TOPS and class_names[j] in TOPS for _, i, j in chosen)
    tops = (say("mistakes_all_tops") if among == len(chosen) else
            say("mistakes_some_tops", among=among, count=len(chosen)))
    return say("mistakes", mistakes=join(parts), tops=tops) + \
        (say("mistakes_tied") if tied else "")


def this_run(name, key, history, **values):
    """What this run of experiment ``name`` found, as catalog sentence ``key``, labelled
    with the scale it ran at and how much it saw (``history``, one of its runs'), at every
    scale: in quick mode too, where the page has no recorded full-size finding to quote.

    As :func:`result` does, a full-size run records its finding, and a
    finding recorded at another scale is added, labelled, but only where it was recorded
    by the experiment's current form (its sentence still takes its numbers).
    """
    scale = scales.current()
    text = say("this_run_scale", scale=say(f"scale_name_{scale}"),
               run=run_scale(history)) + say(key, **values)
    if scale == "quick":  # a few batches: the costs compare, the accuracies hardly move
        text = text + say("this_run_quick")
    if scale != "quick" or recorded_now(name, "cpu"):
        text = text + result(name, key, stated=True, **values)
    return text


def recorded_now(name, scale) -> bool:
    """Whether the page that is running has a finding of experiment ``name`` recorded at
    ``scale`` whose sentence still takes the numbers it recorded."""
    recorded = results.load_findings(_PAGE.get("name"), scale)
    finding = recorded.get("findings", {}).get(name)
    if not finding:
        return False
    try:
        say(finding["key"], **finding["values"])
    except KeyError:
        return False
    return True

