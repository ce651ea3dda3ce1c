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

from . import config
from .hardware import describe_device, try_gpu
from .locales import CATALOGS, LANGUAGES

GLUED: dict = {}  # every value glued in this kernel, for show_prose


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


def _in(value, language):
    return value.in_language(language) if isinstance(value, Prose) else value


def say(key: str, **values) -> Prose:
    """The catalog sentence ``key`` in every language, filled with ``values`` (which may be
    :class:`Prose` themselves: each language gets its own version)."""
    if key not in CATALOGS["en"]:
        raise KeyError(f"No sentence {key!r} in d2l_local/locales/en.py.")
    return Prose({lang: CATALOGS[lang][key].format(
        **{k: _in(v, lang) for k, v in values.items()}) for lang in LANGUAGES})


def join(parts, separator_key="list_separator") -> Prose:
    """``parts`` joined with each language's list separator."""
    sep = say(separator_key)
    return Prose({lang: sep.in_language(lang).join(_in(p, lang) for p in parts)
                  for lang in LANGUAGES})


def glue(name, value, display=False):
    """``myst_nb.glue`` when building the book; elsewhere (Colab, a plain kernel) only
    remembered, so that :func:`show_prose` can print the text with the value.

    Strings are glued as Markdown (use ``{glue:md}`` in the prose), once per language
    (``name``, ``name__zh``, ``name__vi``; a plain string is the same in all three);
    numbers as numbers (use ``{glue:text}`name:.2f```).
    """
    if hasattr(value, "item") and not isinstance(value, str):  # numpy or torch scalar
        value = value.item()  # its repr ('np.float64(...)') would not format
    if isinstance(value, str):
        values = {(name if lang == "en" else f"{name}__{lang}"): str(_in(value, lang))
                  for lang in LANGUAGES}
    else:
        values = {name: value}
    GLUED.update(values)
    try:
        from myst_nb import glue as myst_glue
    except ImportError:
        return value
    for key, v in values.items():
        if isinstance(v, str):
            from IPython.display import Markdown
            myst_glue(key, Markdown(v), display=display)
        else:
            myst_glue(key, v, display=display)
    return value


_GLUE_ROLE = re.compile(r"\{glue(?::(text|md))?\}`([^`:]+)(?::([^`]*))?`")


def fill(text: str) -> str:
    """``text`` with every ``{glue:text}`name:fmt``` and ``{glue:md}`name``` replaced
    by the value glued under that name in this kernel."""
    def value(m):
        name, fmt = m.group(2), m.group(3) or ""
        if name not in GLUED:
            return f"[{name}: run the cells above]"
        v = GLUED[name]
        return format(v, fmt) if fmt and not isinstance(v, str) else str(v)
    return _GLUE_ROLE.sub(value, text)


def show_prose(text: str):
    """Display Markdown prose with the numbers of this kernel's run (Colab notebooks)."""
    from IPython.display import Markdown, display
    display(Markdown(fill(text)))


def run_mode_text(device=None) -> Prose:
    device = device or try_gpu()
    if config.quick_mode():
        q = config.QUICK
        limits = say("quick_limits", train=q.train_examples, val=q.val_examples,
                     epochs=q.max_epochs, images=q.train_images)
        return say("run_mode_quick", device=describe_device(device), limits=limits)
    return say("run_mode_full", device=describe_device(device))


def _markdown_to_html(text: str) -> str:
    """The little Markdown the run-mode sentences use (bold, code), as HTML."""
    text = html.escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
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
        parts = "".join(f'<p lang="{lang}">{_markdown_to_html(_in(self.text, lang))}</p>'
                        for lang in LANGUAGES)
        return f'<blockquote class="d2l-run-mode d2l-l10n">{parts}</blockquote>'


def show_run_mode(device=None):
    """Display a note saying whether this page ran in quick mode, and on what."""
    from IPython.display import display
    display(RunModeNote(run_mode_text(device), config.static_book()))


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


def near_chance_note(accuracies, classes=10) -> Prose:
    """A sentence saying that all ``accuracies`` are too close to chance to rank, or an
    empty one when at least one of them is clearly above it."""
    chance = 1 / classes
    if max(float(a) for a in accuracies) < 1.5 * chance:
        return say("near_chance", chance=chance)
    return Prose({lang: "" for lang in LANGUAGES})


TOPS = ("t-shirt", "pullover", "coat", "shirt")  # Fashion-MNIST's upper-body garments


def mistakes_text(matrix, class_names, top=3) -> Prose:
    """The ``top`` most frequent confusions in a confusion matrix, in words, and whether
    they are all between tops (the claim a page may make only when its run shows it)."""
    n = len(class_names)
    counts = [(int(matrix[i, j]), i, j) for i in range(n) for j in range(n)
              if i != j and int(matrix[i, j]) > 0]
    if not counts:
        return say("mistakes_none")
    predicted = [sum(int(matrix[i, j]) for i in range(n)) for j in range(n)]
    total = sum(predicted)
    most = max(range(n), key=lambda j: predicted[j])
    if predicted[most] > total / 2:  # one class for most images: no pattern to read
        return say("mistakes_one_class", name=class_names[most],
                   share=100 * predicted[most] / total)
    counts.sort(key=lambda c: (-c[0], c[1], c[2]))
    chosen = counts[:top]
    tied = len(counts) > top and counts[top][0] == chosen[-1][0]
    parts = [say("mistake_1" if c == 1 else "mistake", true=class_names[i],
                 pred=class_names[j], count=c) for c, i, j in chosen]
    among = sum(class_names[i] in TOPS and class_names[j] in TOPS for _, i, j in chosen)
    tops = (say("mistakes_all_tops") if among == len(chosen) else
            say("mistakes_some_tops", among=among, count=len(chosen)))
    return say("mistakes", mistakes=join(parts), tops=tops) + \
        (say("mistakes_tied") if tied else "")
