"""The editions of the chapter and the sentences its code writes into their pages.

:data:`EDITIONS` is the one list of the editions: each one's code, catalog, name, page
language, Sphinx language, number locale and book title. The library, the tools (the book's
configuration, its language switch and stylesheet, the Colab notebooks, the Makefile's
targets) and the tests read it; adding an edition is a row here and a catalog module.

Each catalog module holds ``TEXT``: a key -> a ``str.format`` template. The English
catalog is the source; the others have the same keys and the same placeholders (a test
checks both). :func:`d2l_local.book.say` fills every catalog at once, so that one run of
a page's code serves all three editions of the book, and :func:`format_in` writes the
numbers as each language writes them.
"""

import functools
import numbers
import re
import string
from types import ModuleType
from typing import NamedTuple

from . import en, vi, zh


class Edition(NamedTuple):
    catalog: ModuleType  # TEXT, CLASS_NAMES, FIGURE_TEXT, FIGURE_PATTERNS
    name: str  # what a reader picks it by, in its own language
    html_lang: str  # the `lang` attribute of its pages (BCP 47)
    sphinx_language: str  # Sphinx's words (search, "Figure") in its book
    babel_locale: str  # how it writes numbers (Babel)
    title: str  # its book's title


EDITIONS = {  # English, the source, first
    "en": Edition(en, "English", "en", "en", "en", "AlexNet, an interactive chapter"),
    "zh": Edition(zh, "中文", "zh-CN", "zh_CN", "zh_Hans_CN",  # as written in mainland China
                  "AlexNet：一个交互式章节"),
    "vi": Edition(vi, "Tiếng Việt", "vi", "vi", "vi", "AlexNet, một chương sách tương tác"),
}
LANGUAGES = tuple(EDITIONS)
TRANSLATIONS = LANGUAGES[1:]  # the editions translated from the English one
CATALOGS = {lang: e.catalog.TEXT for lang, e in EDITIONS.items()}
# Fashion-MNIST's class names in each language (English: the library's own names)
CLASS_NAMES = {lang: e.catalog.CLASS_NAMES for lang, e in EDITIONS.items()}
HTML_LANG = {lang: e.html_lang for lang, e in EDITIONS.items()}
NAMES = {lang: e.name for lang, e in EDITIONS.items()}
SPHINX_LANGUAGE = {lang: e.sphinx_language for lang, e in EDITIONS.items()}
BABEL_LOCALE = {lang: e.babel_locale for lang, e in EDITIONS.items()}
TITLES = {lang: e.title for lang, e in EDITIONS.items()}


def in_every_language(html_of, *, tag: str = "div", outer: str = "div",
                      classes: str = "d2l-l10n", style: str = "", before: str = "") -> str:
    """HTML holding ``html_of(lang)`` for every edition, each in a ``tag`` element with its
    ``lang``, inside an ``outer`` element whose classes include ``d2l-l10n``: the book's
    stylesheet shows the one in the page's language. This is how one execution of a page,
    while ``make book`` builds it, serves its three editions (tools/book_editions.py).
    ``before``: HTML put ahead of the languages inside the container (a ``<style>``)."""
    if "d2l-l10n" not in classes.split():
        raise ValueError(f"the container needs the class d2l-l10n, not only {classes!r}")
    parts = "".join(f'<{tag} lang="{lang}">{html_of(lang)}</{tag}>' for lang in LANGUAGES)
    styled = f' style="{style}"' if style else ""
    return f'<{outer} class="{classes}"{styled}>{before}{parts}</{outer}>'

# The words of the figures the code draws (d2l_local.figtext): English -> the language, and
# patterns whose parts are translated in turn (English: nothing to translate).
FIGURE_TEXT = {lang: e.catalog.FIGURE_TEXT for lang, e in EDITIONS.items()}
FIGURE_PATTERNS = {lang: e.catalog.FIGURE_PATTERNS for lang, e in EDITIONS.items()}
# Words a figure writes the same in every edition: names of networks, chips, data sets and
# filters, units and number types (compared as written and in lower case).
FIGURE_KEEP = frozenset({
    "AlexNet", "LeNet", "SmallNet", "SlimAlexNet", "ReLU", "sigmoid", "Sobel", "Gabor",
    "Adam", "SGD", "GPU", "CPU", "cpu", "cuda", "mps", "NVIDIA", "GeForce", "GTX", "Apple",
    "M1", "Xeon", "A100", "H100", "H200", "fp32", "bf16", "FLOP/s", "FLOPs", "GFLOPs",
    "TFLOP/s", "COIL-100", "CIFAR-100", "Fashion-MNIST", "ImageNet", "TinyImages",
    "LAION-5B", "ILSVRC-2012", "x", "y"})
# and words of these forms: sizes (28x28 reads x28), layer names (conv1, dense6)
FIGURE_KEEP_FORMS = re.compile(r"x\d+|(?:conv|dense)\d+")


# ------------------------------------------------------------------ numbers
class _LocalNumbers(string.Formatter):
    """``str.format`` that writes its numbers with a language's symbols."""

    def __init__(self, locale: str):
        from babel import numbers as babel
        self.symbols = str.maketrans({
            ",": babel.get_group_symbol(locale), ".": babel.get_decimal_symbol(locale),
            "-": babel.get_minus_sign_symbol(locale), "+": babel.get_plus_sign_symbol(locale)})
        self.chinese = locale.startswith("zh")

    def format_field(self, value, spec):
        if hasattr(value, "item") and not isinstance(value, str):  # numpy, torch scalars
            value = value.item()
        if spec == "wan":  # Chinese round counts in 万 (6万, 1.5万), others grouped
            if (self.chinese and isinstance(value, int) and value >= 10_000
                    and value % 1_000 == 0):
                wan, tenths = divmod(value // 1_000, 10)
                return (f"{wan}万" if not tenths else f"{wan}.{tenths}万").translate(self.symbols)
            spec = ","
        text = super().format_field(value, spec)
        if isinstance(value, bool) or not isinstance(value, numbers.Number):
            return text
        return text.translate(self.symbols)


@functools.lru_cache(maxsize=None)
def _formatter(lang: str) -> _LocalNumbers:
    return _LocalNumbers(BABEL_LOCALE[lang])


def number_symbols(lang: str) -> dict:
    """A ``str.translate`` table that rewrites a number written the English way (``1,200.5``)
    with ``lang``'s separators and signs."""
    return _formatter(lang).symbols


def format_in(lang: str, template: str, **values) -> str:
    """``template.format(**values)`` with the numbers written as ``lang`` writes them: the
    template's format spec says which digits (``{count:,}``, ``{acc:.3f}``), Babel's
    symbols of the language say with which separators and signs (Vietnamese '60.000' and
    '0,883'; English and Chinese '60,000' and '0.883'). The spec ``wan`` writes a round
    count of ten thousand or more in 万, as Chinese prose does (``{train:wan}``: 6万,
    1.5万); any other count, and every count in another language, is grouped as ``,``
    groups it."""
    return _formatter(lang).format(template, **values)
