"""Draw img/alexnet-vs-lenet.svg: the two networks as stacks of layers, LeNet above AlexNet,
and the same figure in each translation's words (img/alexnet-vs-lenet.zh.svg, ...: the
words of d2l_local.locales, "arch_*", from the glossary's terms).

One narrow column (400 units wide, 15-unit text) rather than two side by side, so that
on a phone, where the figure is shrunk to the width of the screen, the text stays
readable (side by side, a 700-unit figure was shrunk to about half size).

The boxes are read from the library's models, not typed: ``d2l.LeNet()`` run on a
1x1x28x28 image and ``d2l.AlexNet()`` on a 1x1x224x224 one, each layer's kind and sizes
from the module and its output shape from ``d2l.layer_table``, so the figure cannot
disagree with the networks the chapter trains. Run `python tools/draw_architecture.py`
after changing a model or those words; the SVGs are committed, and tests/test_tools.py
checks that they are what this script draws from the models today.
"""

import sys
from pathlib import Path

from torch import nn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's models, not an installed copy's

import d2l_local as d2l  # noqa: E402
from d2l_local.locales import CATALOGS, LANGUAGES, format_in  # noqa: E402

OUT = ROOT / "img" / "alexnet-vs-lenet.svg"


def out_file(lang: str) -> Path:
    """The figure of edition ``lang``: img/alexnet-vs-lenet.svg for English,
    img/alexnet-vs-lenet.<lang>.svg for a translation."""
    return OUT if lang == "en" else OUT.with_suffix(f".{lang}.svg")


def word(lang: str, key: str, **values) -> str:
    return format_in(lang, CATALOGS[lang][key], **values)
FILL = {"input": "#eeeeee", "conv": "#cfe2f3", "pool": "#fff2cc", "dense": "#d9ead3",
        "output": "#f4cccc"}
ACTIVATIONS = {nn.ReLU: "ReLU", nn.Sigmoid: "sigmoid", nn.Tanh: "tanh"}
UNDRAWN = (nn.Flatten,)  # a reshape: the box before it already says the size


def _square(size) -> str:
    """A kernel size as the figure writes it: 3 or (3, 3) -> '3×3'."""
    return "×".join(map(str, size if isinstance(size, tuple) else (size, size)))


def box(layer: nn.Module, lang: str = "en"):
    """A layer drawn as a box of its own: (kind, words in ``lang``), or None for one the
    figure folds into the box before it (an activation, dropout) or leaves out (a
    reshape)."""
    if isinstance(layer, nn.Conv2d):
        words = [word(lang, "arch_conv", k=_square(layer.kernel_size)), str(layer.out_channels)]
        words += [word(lang, "arch_stride", n=layer.stride[0])] if layer.stride[0] != 1 else []
        words += [word(lang, "arch_pad", n=layer.padding[0])] if layer.padding[0] else []
        return "conv", ", ".join(words)
    if isinstance(layer, (nn.MaxPool2d, nn.AvgPool2d)):
        kind = "arch_max_pool" if isinstance(layer, nn.MaxPool2d) else "arch_avg_pool"
        stride = layer.stride[0] if isinstance(layer.stride, tuple) else layer.stride
        return "pool", (word(lang, kind, k=_square(layer.kernel_size)) + ", "
                        + word(lang, "arch_stride", n=stride))
    if isinstance(layer, nn.Linear):
        return "dense", word(lang, "arch_dense", n=layer.out_features)
    if type(layer) in ACTIVATIONS or isinstance(layer, (nn.Dropout, *UNDRAWN)):
        return None
    raise ValueError(f"The figure does not know how to draw a {type(layer).__name__}.")


def stack(model: nn.Module, input_shape, lang: str = "en") -> list[tuple[str, str, str]]:
    """The boxes of ``model`` run on ``input_shape``, input first: (words, output shape,
    fill), in ``lang``. An activation and a dropout rate (when not zero) join the box
    before them; the last layer is drawn as the output."""
    table = d2l.layer_table(model, input_shape, verbose=False)
    boxes = [[word(lang, "arch_input"),
              word(lang, "arch_image", shape="×".join(map(str, input_shape[1:]))),
              FILL["input"]]]
    for name, shape in zip(table["layer"], table["output shape"]):
        layer = model.get_submodule(name)
        drawn = box(layer, lang)
        if drawn:
            kind, words = drawn
            boxes.append([words, "×".join(map(str, shape[1:])), FILL[kind]])
        elif type(layer) in ACTIVATIONS:
            boxes[-1][0] += f", {ACTIVATIONS[type(layer)]}"
        elif isinstance(layer, nn.Dropout) and layer.p:
            boxes[-1][0] += ", " + word(lang, "arch_dropout", p=layer.p)
    boxes[-1][2] = FILL["output"]
    return [tuple(b) for b in boxes]


WIDTH, BOX_W, BOX_H, GAP, TOP = 400, 384, 34, 12, 40
ROW = 20  # a box too narrow for its words and its shape on one line gets a second line
BETWEEN = 56  # from the first stack's input to the second stack's title
LAYER_PX, SHAPE_PX, PAD = 15, 14, 8


def text_width(text: str, px: float, mono: bool = False) -> float:
    """How wide ``text`` is drawn at ``px`` pixels, measured with DejaVu Sans (Mono), a
    wide sans-serif that matplotlib ships (so the figure comes out the same everywhere);
    a CJK character counts a full em."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font
    font = FT2Font(font_manager.findfont("DejaVu Sans Mono" if mono else "DejaVu Sans"))
    font.set_size(px, 72)
    wide = sum(1 for c in text if ord(c) >= 0x2E80)
    font.set_text("".join(c for c in text if ord(c) < 0x2E80))
    return font.get_width_height()[0] / 64 + wide * px


def fits_one_line(name: str, shape: str) -> bool:
    return (text_width(name, LAYER_PX) + text_width(shape, SHAPE_PX, mono=True)
            + 3 * PAD <= BOX_W)


def box_height(name: str, shape: str) -> int:
    return BOX_H if fits_one_line(name, shape) else BOX_H + ROW


def column_height(layers) -> int:
    return sum(box_height(name, shape) + GAP for name, shape, _ in layers)


def column(layers, x, title, top):
    """A stack of boxes, input at the bottom, with arrows pointing up."""
    parts = [f'<text x="{x + BOX_W / 2}" y="{top - 14}" class="title">{title}</text>']
    y = top
    for i, (name, shape, fill) in enumerate(reversed(layers)):
        height = box_height(name, shape)
        parts.append(f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{height}" rx="5" '
                     f'fill="{fill}" stroke="#555"/>')
        parts.append(f'<text x="{x + PAD}" y="{y + 22}" class="layer">{name}</text>')
        parts.append(f'<text x="{x + BOX_W - PAD}" y="{y + height - 12}" '
                     f'class="shape">{shape}</text>')
        y += height + GAP
        if i < len(layers) - 1:
            cx = x + BOX_W / 2
            parts.append(f'<line x1="{cx}" y1="{y}" x2="{cx}" y2="{y - GAP + 2}"'
                         ' stroke="#555" marker-end="url(#arrow)"/>')
    return parts


def svg(lenet=None, alexnet=None, lang: str = "en") -> str:
    """The figure: LeNet's stack above AlexNet's, each read from its input at the bottom
    (by default the stacks of ``d2l.LeNet()`` and ``d2l.AlexNet()``, in ``lang``)."""
    lenet = lenet or stack(d2l.LeNet(), (1, 1, 28, 28), lang)
    alexnet = alexnet or stack(d2l.AlexNet(), (1, 1, 224, 224), lang)
    second = TOP + column_height(lenet) + BETWEEN  # AlexNet's first box
    height = second + column_height(alexnet)
    x = (WIDTH - BOX_W) / 2
    body = column(lenet, x, "LeNet", TOP) + column(alexnet, x, "AlexNet", second)
    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>
<style>
.title {{ font: bold 19px sans-serif; text-anchor: middle; }}
.layer {{ font: {LAYER_PX}px sans-serif; }}
.shape {{ font: {SHAPE_PX}px monospace; text-anchor: end; fill: #333; }}
</style>
<rect width="100%" height="100%" fill="white"/>
{chr(10).join(body)}
</svg>
"""


def main(folder=None):
    """Write every edition's figure, into ``folder`` if given (else img/)."""
    for lang in LANGUAGES:
        out = out_file(lang) if folder is None else Path(folder) / out_file(lang).name
        Path(out).write_text(svg(lang=lang), encoding="utf-8")
        print("wrote", out)


if __name__ == "__main__":
    main()
