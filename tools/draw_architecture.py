"""Draw img/alexnet-vs-lenet.svg: the two networks as stacks of layers, LeNet above AlexNet.

One narrow column (400 units wide, 15-unit text) rather than two side by side, so that
on a phone, where the figure is shrunk to the width of the screen, the text stays
readable (side by side, a 700-unit figure was shrunk to about half size).

The boxes are read from the library's models, not typed: ``d2l.LeNet()`` run on a
1x1x28x28 image and ``d2l.AlexNet()`` on a 1x1x224x224 one, each layer's kind and sizes
from the module and its output shape from ``d2l.layer_table``, so the figure cannot
disagree with the networks the chapter trains. Run `python tools/draw_architecture.py`
after changing a model; the SVG is committed, and tests/test_tools.py checks that it is
what this script draws from the models today.
"""

import sys
from pathlib import Path

from torch import nn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's models, not an installed copy's

import d2l_local as d2l  # noqa: E402

OUT = ROOT / "img" / "alexnet-vs-lenet.svg"
FILL = {"input": "#eeeeee", "conv": "#cfe2f3", "pool": "#fff2cc", "dense": "#d9ead3",
        "output": "#f4cccc"}
ACTIVATIONS = {nn.ReLU: "ReLU", nn.Sigmoid: "sigmoid", nn.Tanh: "tanh"}
UNDRAWN = (nn.Flatten,)  # a reshape: the box before it already says the size


def _square(size) -> str:
    """A kernel size as the figure writes it: 3 or (3, 3) -> '3×3'."""
    return "×".join(map(str, size if isinstance(size, tuple) else (size, size)))


def box(layer: nn.Module):
    """A layer drawn as a box of its own: (kind, words), or None for one the figure folds
    into the box before it (an activation, dropout) or leaves out (a reshape)."""
    if isinstance(layer, nn.Conv2d):
        words = [f"conv {_square(layer.kernel_size)}", str(layer.out_channels)]
        words += [f"stride {layer.stride[0]}"] if layer.stride[0] != 1 else []
        words += [f"pad {layer.padding[0]}"] if layer.padding[0] else []
        return "conv", ", ".join(words)
    if isinstance(layer, (nn.MaxPool2d, nn.AvgPool2d)):
        kind = "max" if isinstance(layer, nn.MaxPool2d) else "avg"
        stride = layer.stride[0] if isinstance(layer.stride, tuple) else layer.stride
        return "pool", f"{kind}-pool {_square(layer.kernel_size)}, stride {stride}"
    if isinstance(layer, nn.Linear):
        return "dense", f"dense {layer.out_features}"
    if type(layer) in ACTIVATIONS or isinstance(layer, (nn.Dropout, *UNDRAWN)):
        return None
    raise ValueError(f"The figure does not know how to draw a {type(layer).__name__}.")


def stack(model: nn.Module, input_shape) -> list[tuple[str, str, str]]:
    """The boxes of ``model`` run on ``input_shape``, input first: (words, output shape,
    fill). An activation and a dropout rate (when not zero) join the box before them; the
    last layer is drawn as the output."""
    table = d2l.layer_table(model, input_shape, verbose=False)
    boxes = [["input", "×".join(map(str, input_shape[1:])) + " image", FILL["input"]]]
    for name, shape in zip(table["layer"], table["output shape"]):
        layer = model.get_submodule(name)
        drawn = box(layer)
        if drawn:
            kind, words = drawn
            boxes.append([words, "×".join(map(str, shape[1:])), FILL[kind]])
        elif type(layer) in ACTIVATIONS:
            boxes[-1][0] += f", {ACTIVATIONS[type(layer)]}"
        elif isinstance(layer, nn.Dropout) and layer.p:
            boxes[-1][0] += f", dropout {layer.p:g}"
    boxes[-1][2] = FILL["output"]
    return [tuple(b) for b in boxes]


WIDTH, BOX_W, BOX_H, GAP, TOP = 400, 384, 34, 12, 40
BETWEEN = 56  # from the first stack's input to the second stack's title


def column(layers, x, title, top):
    """A stack of boxes, input at the bottom, with arrows pointing up."""
    parts = [f'<text x="{x + BOX_W / 2}" y="{top - 14}" class="title">{title}</text>']
    for i, (name, shape, fill) in enumerate(reversed(layers)):
        y = top + i * (BOX_H + GAP)
        parts.append(f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="5" '
                     f'fill="{fill}" stroke="#555"/>')
        parts.append(f'<text x="{x + 8}" y="{y + 22}" class="layer">{name}</text>')
        parts.append(f'<text x="{x + BOX_W - 8}" y="{y + 22}" class="shape">{shape}</text>')
        if i < len(layers) - 1:
            cx = x + BOX_W / 2
            parts.append(f'<line x1="{cx}" y1="{y + BOX_H + GAP}" x2="{cx}" y2="{y + BOX_H + 2}"'
                         ' stroke="#555" marker-end="url(#arrow)"/>')
    return parts


def svg(lenet=None, alexnet=None) -> str:
    """The figure: LeNet's stack above AlexNet's, each read from its input at the bottom
    (by default the stacks of ``d2l.LeNet()`` and ``d2l.AlexNet()``)."""
    lenet = lenet or stack(d2l.LeNet(), (1, 1, 28, 28))
    alexnet = alexnet or stack(d2l.AlexNet(), (1, 1, 224, 224))
    second = TOP + len(lenet) * (BOX_H + GAP) + BETWEEN  # AlexNet's first box
    height = second + len(alexnet) * (BOX_H + GAP)
    x = (WIDTH - BOX_W) / 2
    body = column(lenet, x, "LeNet", TOP) + column(alexnet, x, "AlexNet", second)
    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>
<style>
.title {{ font: bold 19px sans-serif; text-anchor: middle; }}
.layer {{ font: 15px sans-serif; }}
.shape {{ font: 14px monospace; text-anchor: end; fill: #333; }}
</style>
<rect width="100%" height="100%" fill="white"/>
{chr(10).join(body)}
</svg>
"""


def main(out=OUT):
    Path(out).write_text(svg())
    print("wrote", out)


if __name__ == "__main__":
    main()
