"""The sentences the chapter's code writes into its pages, in each edition's language.

Each module holds one catalog, ``TEXT``: a key -> a ``str.format`` template. The English
catalog is the source; the others have the same keys and the same placeholders (a test
checks both). :func:`d2l_local.book.say` fills every catalog at once, so that one run of
a page's code serves all three editions of the book.
"""

import re

from . import en, vi, zh

LANGUAGES = ("en", "zh", "vi")
CATALOGS = {"en": en.TEXT, "zh": zh.TEXT, "vi": vi.TEXT}
# Fashion-MNIST's class names in each language (English: the library's own names)
CLASS_NAMES = {"en": en.CLASS_NAMES, "zh": zh.CLASS_NAMES, "vi": vi.CLASS_NAMES}
# The `lang` attribute of each edition's pages, and the name a reader picks it by.
HTML_LANG = {"en": "en", "zh": "zh-CN", "vi": "vi"}
NAMES = {"en": "English", "zh": "中文", "vi": "Tiếng Việt"}

# The words of the figures the code draws (d2l_local.figtext): English -> the language, and
# patterns whose parts are translated in turn (English: nothing to translate).
FIGURE_TEXT = {"en": {}, "zh": zh.FIGURE_TEXT, "vi": vi.FIGURE_TEXT}
FIGURE_PATTERNS = {"en": [], "zh": zh.FIGURE_PATTERNS, "vi": vi.FIGURE_PATTERNS}
# Words a figure writes the same in every edition: names of networks, chips, data sets and
# filters, units and number types (compared as written and in lower case).
FIGURE_KEEP = frozenset({
    "AlexNet", "LeNet", "SmallNet", "SlimAlexNet", "ReLU", "sigmoid", "Sobel", "Gabor",
    "Adam", "SGD", "GPU", "CPU", "cpu", "cuda", "mps", "NVIDIA", "GeForce", "GTX", "Apple",
    "M1", "Xeon", "A100", "H100", "H200", "fp32", "bf16", "FLOP/s", "FLOPs", "GFLOPs",
    "TFLOP/s", "COIL-100", "CIFAR-100", "Fashion-MNIST", "ImageNet", "TinyImages",
    "LAION-5B", "ILSVRC-2012", "x"})
# and words of these forms: sizes (28x28 reads x28), layer names (conv1, dense6)
FIGURE_KEEP_FORMS = re.compile(r"x\d+|(?:conv|dense)\d+")
