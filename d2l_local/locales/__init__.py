"""The sentences the chapter's code writes into its pages, in each edition's language.

Each module holds one catalog, ``TEXT``: a key -> a ``str.format`` template. The English
catalog is the source; the others have the same keys and the same placeholders (a test
checks both). :func:`d2l_local.book.say` fills every catalog at once, so that one run of
a page's code serves all three editions of the book.
"""

from . import en, vi, zh

LANGUAGES = ("en", "zh", "vi")
CATALOGS = {"en": en.TEXT, "zh": zh.TEXT, "vi": vi.TEXT}
# Fashion-MNIST's class names in each language (English: the library's own names)
CLASS_NAMES = {"en": en.CLASS_NAMES, "zh": zh.CLASS_NAMES, "vi": vi.CLASS_NAMES}
# The `lang` attribute of each edition's pages, and the name a reader picks it by.
HTML_LANG = {"en": "en", "zh": "zh-CN", "vi": "vi"}
NAMES = {"en": "English", "zh": "中文", "vi": "Tiếng Việt"}
