"""What a figure says, in each edition's language: its words translated, a font that has
Chinese glyphs, its description for a screen reader (the text alternative), and the PNG
output of a notebook that carries them.

One execution of a page serves the book's three editions, so a figure drawn while the
book is built is rendered once per language: its PNG output is the reader's language's
(English there), and its metadata holds the other languages' renderings and
descriptions, which ``tools/book_editions.py`` puts into each edition's pages. In
JupyterLab a page of ``notebooks/zh`` draws its figures in Chinese directly
(:func:`d2l_local.config.language`).

A figure's words are translated by ``FIGURE_TEXT`` and ``FIGURE_PATTERNS`` of each
catalog in :mod:`d2l_local.locales` (with the class names); words that every language
writes the same way (AlexNet, fp32, GFLOP/s) are listed in ``FIGURE_KEEP``. A word that is
neither is reported, so that ``tools/editions.py check`` can name it.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import re

import numpy as np

# Fonts with Chinese glyphs, most wanted first (Debian's fonts-noto-cjk gives the first;
# macOS and Windows have the later ones).
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC",
                "WenQuanYi Zen Hei", "PingFang SC", "Microsoft YaHei", "SimHei")
_CJK: list = []  # the family found, once per process ([None] when there is none)
MATH = re.compile(r"\$[^$]*\$")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-/+.'][A-Za-z0-9]+)*")


# ------------------------------------------------------------- the words of a figure
def cjk_family() -> str | None:
    """A font family with Chinese glyphs that matplotlib can use, or None.

    matplotlib's font cache may predate the fonts (make setup imports matplotlib before
    make installs fonts-noto-cjk), so system font files with CJK in their name are
    registered with it when no known family is listed."""
    if _CJK:
        return _CJK[0]
    from matplotlib import font_manager
    manager = font_manager.fontManager

    def listed():
        names = {f.name for f in manager.ttflist}
        return next((family for family in CJK_FAMILIES if family in names), None)
    family = listed()
    if family is None:
        for path in font_manager.findSystemFonts():
            if "cjk" in path.lower() and "sans" in path.lower():
                try:
                    manager.addfont(path)
                except (OSError, RuntimeError):  # pragma: no cover - a broken font file
                    continue
        family = listed()
    _CJK.append(family)
    return family


def use_cjk_fallback():
    """Let every text matplotlib draws fall back to a Chinese font for glyphs its own font
    lacks (matplotlib >= 3.6 falls back through the family list). Latin text is drawn as
    before. Nothing changes on a machine without such a font."""
    import matplotlib
    family = cjk_family()
    current = matplotlib.rcParams["font.family"]
    if family and family not in current:
        matplotlib.rcParams["font.family"] = [*current, family]


def needs_translation(text: str) -> bool:
    """True when ``text`` has a word that is not written the same in every language."""
    from .locales import FIGURE_KEEP as keep
    from .locales import FIGURE_KEEP_FORMS as forms
    text = MATH.sub("", text)  # mathtext ("$10^{3}$", a tick label) holds no words
    return any(word not in keep and word.lower() not in keep and not forms.fullmatch(word)
               for word in WORD.findall(text))


def translate(text: str, lang: str) -> str | None:
    """``text`` in ``lang`` by the catalog's figure words, or None if it has none for it.

    Tried in order: the whole text; each line of a text of several lines; the catalog's
    patterns (``run 3``, ``a → b``, ``name: metric``), whose parts are translated in turn.
    A part that needs no translation (a number, a name) is kept as it is."""
    if lang == "en":
        return text
    from .locales import CLASS_NAMES, FIGURE_PATTERNS, FIGURE_TEXT
    words = {**CLASS_NAMES[lang], **FIGURE_TEXT[lang]}
    if text in words:
        return words[text]
    if not needs_translation(text):
        return text
    if "\n" in text:
        lines = [translate(line, lang) for line in text.split("\n")]
        return None if None in lines else "\n".join(lines)
    for pattern, template in FIGURE_PATTERNS[lang]:
        match = re.fullmatch(pattern, text)
        if match:
            parts = [translate(part, lang) for part in match.groups()]
            if None not in parts:
                return template.format(*parts)
    return None


# a number as English writes it, on its own: 0.80, 1,000, 15,000.5 (not 28x28, conv1, 2.14.1)
NUMBER = re.compile(
    r"(?<![\w.])(?<!\d,)(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)(?![\w.]|,\d)")


def numbers_in(text: str, lang: str) -> str:
    """``text`` with its numbers written as ``lang`` writes them (Vietnamese 0,80 and 1.000,
    where 0.80 reads as eighty)."""
    from .locales import number_symbols
    symbols = number_symbols(lang)
    return NUMBER.sub(lambda m: m.group().translate(symbols), text)


def _texts(fig):
    from matplotlib.text import Text
    return [t for t in fig.findobj(Text) if t.get_text().strip()]


@contextlib.contextmanager
def drawn_in(fig, lang: str):
    """``fig`` with its words in ``lang`` for the ``with`` block, then as it was.

    Yields the texts that have no translation (left in English). Chinese needs a font with
    its glyphs: without one the figure stays English and every text is reported."""
    untranslated: list[str] = []
    if lang == "en":
        yield untranslated
        return
    if lang == "zh" and cjk_family() is None:
        yield sorted({t.get_text() for t in _texts(fig) if needs_translation(t.get_text())})
        return
    if lang == "zh":
        use_cjk_fallback()
    undo = []

    def change(set_text, text):
        new = translate(text, lang)
        if new is None and needs_translation(text):
            untranslated.append(text)
        new = numbers_in(text if new is None else new, lang)
        if new != text:
            undo.append((set_text, text))
            set_text(new)
            return new
        return None

    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):  # tick labels as the axis will write them
            formatter, locator = axis.get_major_formatter(), axis.get_major_locator()
            ticks = axis.get_majorticklocs()
            labels = list(formatter.format_ticks(ticks)) if len(ticks) else []
            new = [translate(label, lang) for label in labels]
            untranslated += [label for n, label in zip(new, labels)
                             if n is None and needs_translation(label)]
            new = [numbers_in(label if n is None else n, lang) for n, label in zip(new, labels)]
            if new != labels:
                shown = tuple(axis.get_view_interval())  # which set_ticks may widen
                axis.set_ticks(ticks, new)
                axis.set_view_interval(*shown, ignore=True)
                undo.append((lambda kept, a=axis: (a.set_major_locator(kept[0]),
                                                   a.set_major_formatter(kept[1])),
                             (locator, formatter)))
        for line in ax.get_lines():  # their labels are what a description reads
            if not line.get_label().startswith("_"):
                change(line.set_label, line.get_label())
    ticks = {id(t) for ax in fig.axes for axis in (ax.xaxis, ax.yaxis)  # done above
             for tick in [*axis.get_major_ticks(), *axis.get_minor_ticks()]
             for t in (tick.label1, tick.label2)}
    for text in _texts(fig):
        if id(text) not in ticks:
            change(text.set_text, text.get_text())
    try:
        yield sorted(set(untranslated))
    finally:
        for set_text, old in reversed(undo):
            set_text(old)


def collides(fig, text, languages=None) -> bool:
    """Whether ``text`` (one of ``fig``'s texts) is drawn across another of its texts in
    any of ``languages`` (every edition's by default): a label that clears its neighbours
    in English may not in Vietnamese, whose words are longer."""
    from .locales import LANGUAGES
    for lang in languages or LANGUAGES:
        with drawn_in(fig, lang):
            renderer = fig.canvas.get_renderer()
            box = text.get_window_extent(renderer)
            if any(box.overlaps(other.get_window_extent(renderer))
                   for other in _texts(fig) if other is not text and other.get_visible()):
                return True
    return False


# ------------------------------------------------------------- text alternatives
def _number(value, group_from=None) -> str:
    """``value`` to three significant digits, a whole number below a million in full; with
    ``group_from``, a whole number from there on in full with its thousands grouped (a
    count: 1,281,167, not 1.28e+06)."""
    value = float(value)
    if group_from is not None and value.is_integer() and abs(value) >= group_from:
        return f"{value:,.0f}"
    return f"{value:.0f}" if value.is_integer() and abs(value) < 1e6 else f"{value:.3g}"


def _axes_description(ax, say, number=_number) -> str | None:
    """What ``ax`` shows, in the words of ``say`` and the numbers of ``number``."""
    lines = [line for line in ax.get_lines() if not line.get_label().startswith("_")]
    xlabel, ylabel, title = ax.get_xlabel(), ax.get_ylabel(), ax.get_title()
    if lines:
        curves = []
        for line in lines:
            xs, ys = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
            ok = np.isfinite(ys)
            if not ok.any():
                continue
            ys_ok, top = ys[ok], int(np.argmax(ys[ok]))
            values = dict(label=line.get_label(), first=number(ys_ok[0]),
                          last=number(ys_ok[-1]), low=number(ys_ok.min()),
                          high=number(ys_ok.max()))
            if ys_ok[top] > max(ys_ok[0], ys_ok[-1]) and ys_ok.min() in (ys_ok[0],
                                                                  ys_ok[-1]):
                # a peak inside, such as a derivative's: where it is, not only its height,
                # to a ten-thousandth of the axis (a grid's 0 is often -8.9e-08)
                scale = float(np.abs(xs[ok]).max()) or 1.0
                at = round(float(xs[ok][top]) / scale, 4) * scale + 0.0  # no -0
                curves.append(say("figure_curve_peak", x=xlabel or "x", at=number(at),
                                  **values))
            else:
                curves.append(say("figure_curve", **values))
        xs = np.concatenate([np.asarray(line.get_xdata(), float) for line in lines])
        return say("figure_curves", n=len(lines), title=title or ylabel or say("figure_values"),
                   x=xlabel or "x", x0=number(np.nanmin(xs)), x1=number(np.nanmax(xs)),
                   curves=say("list_separator").join(curves))
    if ax.images:
        shape = ax.images[0].get_array().shape
        if xlabel or ylabel:  # a matrix, such as a confusion matrix
            ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
            return say("figure_matrix", rows=shape[0], cols=shape[1], y=ylabel, x=xlabel,
                       names=", ".join(ticks))
        return None  # one image of a grid: described with the grid
    points = [xy for c in ax.collections for xy in np.asarray(c.get_offsets(), float)]
    if points:  # a scatter, its points named by the annotations at them
        named = {tuple(np.round(t.xy, 6)): t.get_text() for t in ax.texts if hasattr(t, "xy")}
        return say("figure_points", n=len(points), y=ylabel or "y", x=xlabel or "x",
                   points=say("list_separator").join(
                       (f"{named[key]} " if (key := tuple(np.round(p, 6))) in named else "")
                       + say("figure_pair", x=number(p[0]), y=number(p[1])) for p in points))
    bars = [p for p in ax.patches if hasattr(p, "get_width")]
    if bars:
        def names(axis):  # category labels, not numbers ("$10^{3}$")
            found = [t.get_text() for t in axis.get_ticklabels()]
            return found if found and not any(n.startswith("$") or
                                              n.replace(".", "").replace("−", "").isdigit()
                                              for n in found) else []
        sideways = names(ax.yaxis)
        labels = sideways or names(ax.xaxis)
        def size(bar):
            return bar.get_width() if sideways else bar.get_height()
        sizes = [size(b) for b in bars]
        if all(float(v).is_integer() for v in sizes):  # counts, grouped as a table's column
            group = 1_000 if max(map(abs, sizes)) >= 10_000 else 10_000
            number = functools.partial(number, group_from=group)
        from matplotlib.container import BarContainer
        legend = ax.get_legend()
        series = [c for c in ax.containers if isinstance(c, BarContainer)]
        if len(series) > 1 and legend is not None:  # one set of bars per legend entry
            return say("figure_bar_groups", n=len(bars), k=len(series), m=len(labels),
                       series=" ".join(
                           say("figure_bar_series", series=text.get_text(),
                               values=say("list_separator").join(
                                   f"{name}: {number(size(b))}" for name, b in zip(labels, group)))
                           for text, group in zip(legend.get_texts(), series)))
        return say("figure_bars", n=len(bars),
                   title=title or (xlabel if sideways else ylabel) or say("figure_values"),
                   names=say("list_separator").join(
                       f"{name}: {number(size)}" for name, size in zip(labels, sizes)))
    return None


def describe(fig, lang: str = "en") -> str:
    """What ``fig`` shows, in words, from the data it draws (for a screen reader): each
    curve's first and last value and its range, a grid's number of images and their
    titles, a matrix's size and labels; in ``lang``, the figure's own words included."""
    from .locales import CATALOGS, format_in, number_symbols
    catalog, symbols = CATALOGS[lang], number_symbols(lang)

    def say(key, **values):  # numbers written as the language writes them
        return format_in(lang, catalog[key], **values)

    def number(value, group_from=None):
        return _number(value, group_from).translate(symbols)
    with drawn_in(fig, lang):
        own = getattr(fig, "d2l_alt", None)  # (catalog key, values) set by the figure's maker
        if own is not None:
            heading = fig._suptitle.get_text() if fig._suptitle else ""
            text = say(own[0], **own[1])
            return " ".join((f"{heading}: {text}" if heading else text).split())
        parts = [text for ax in fig.axes if (text := _axes_description(ax, say, number))]
        grid = [ax for ax in fig.axes if ax.images and not (ax.get_xlabel() or ax.get_ylabel())]
        if grid:
            titles = [ax.get_title() for ax in grid if ax.get_title()]
            heading = fig._suptitle.get_text() if fig._suptitle else ""
            grid_text = say("figure_grid", n=len(grid),
                            titles=", ".join(titles)) \
                if titles else say("figure_grid_untitled", n=len(grid))
            parts.append(f"{heading}: {grid_text}" if heading else grid_text)
    return " ".join(" ".join(parts).split()) or say("figure_plain")  # one line


def text_alternatives(fig) -> dict:
    """``describe(fig)`` in every language: {"alt": English, "alt_zh": ..., "alt_vi": ...}."""
    from .locales import LANGUAGES
    return {("alt" if lang == "en" else f"alt_{lang}"): describe(fig, lang)
            for lang in LANGUAGES}


# ------------------------------------------------------------- a notebook's output
def figure_output(fig, render) -> tuple[bytes | str, dict]:
    """The PNG of ``fig`` (``render(fig)`` gives its bytes, or base64 text as IPython's
    inline backend does) in the reader's language, and
    its output metadata: the text alternatives in every language and, while the book is
    built, the other editions' renderings (``png_zh``, base64) and the words they lack
    (``untranslated_zh``)."""
    from . import config
    from .locales import LANGUAGES
    reader = config.language()
    with drawn_in(fig, reader):
        data = render(fig)
    if data is None:
        return None, {}
    meta = text_alternatives(fig)
    if config.static_book():
        for lang in LANGUAGES:
            if lang in ("en", reader):
                continue
            with drawn_in(fig, lang) as missing:
                meta[f"png_{lang}"] = as_base64(render(fig))
            if missing:
                meta[f"untranslated_{lang}"] = missing
    return data, meta


def describe_figures_in_notebooks():
    """In a notebook, every figure's PNG output is drawn in the reader's language and
    carries :func:`figure_output`'s metadata (``{"image/png": {"alt": ...}}``), which the
    book writes into each edition's pages (tools/book_editions.py). JupyterLab and Colab
    ignore that metadata, so the figure also gets a ``text/html`` output: the same PNG as
    an ``<img>`` with the description as its ``alt``, which they show instead (the book
    prefers the PNG: ``nb_mime_priority_overrides`` in _config.yml). IPython's formatters
    for figures are wrapped once, after matplotlib's inline backend has registered its own.
    """
    if not _in_notebook():
        return
    from IPython import get_ipython
    from matplotlib.figure import Figure
    formatters = get_ipython().display_formatter.formatters
    try:
        png = formatters["image/png"].lookup_by_type(Figure)
    except KeyError:
        return
    if getattr(png, "d2l_described", False):
        return

    def render(fig):
        try:
            return figure_output(fig, png)
        except Exception:  # a figure this does not know how to describe: as IPython draws it
            return png(fig), {}

    def html_with_alt(fig):  # asked first: IPython formats text/html before image/png
        data, meta = fig._d2l_output = render(fig)
        return None if data is None else image_html(data, alt_for_reader(meta))

    def png_with_description(fig):
        data, meta = fig.__dict__.pop("_d2l_output", None) or render(fig)
        return None if data is None else (data, meta)
    png_with_description.d2l_described = True
    formatters["text/html"].for_type(Figure, html_with_alt)
    formatters["image/png"].for_type(Figure, png_with_description)


def alt_for_reader(meta: dict) -> str:
    """The text alternative of :func:`figure_output`'s metadata in the reader's language."""
    from . import config
    lang = config.language()
    return meta.get("alt" if lang == "en" else f"alt_{lang}") or meta.get("alt", "")


def image_html(data: bytes, alt: str) -> str:
    """A PNG as an ``<img>`` that says what it shows."""
    import html
    return (f'<img src="data:image/png;base64,{as_base64(data)}" '
            f'alt="{html.escape(alt, quote=True)}">')


def as_base64(data) -> str:
    """PNG bytes as base64 text; text as it is (IPython's inline backend renders base64)."""
    return data if isinstance(data, str) else base64.b64encode(data).decode("ascii")


def _in_notebook() -> bool:
    try:
        from IPython import get_ipython
        shell = get_ipython()
        return shell is not None and hasattr(shell, "kernel")
    except ImportError:  # pragma: no cover
        return False
