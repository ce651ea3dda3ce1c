"""Draw img/alexnet-vs-lenet.svg: the two networks as stacks of layers, side by side.

Run `python tools/draw_architecture.py`; the SVG is committed, this script is its source.
"""

from pathlib import Path

LENET = [
    ("input", "1×28×28 image", "#eeeeee"),
    ("conv 5×5, 6, pad 2, sigmoid", "6×28×28", "#cfe2f3"),
    ("avg-pool 2×2, stride 2", "6×14×14", "#fff2cc"),
    ("conv 5×5, 16, sigmoid", "16×10×10", "#cfe2f3"),
    ("avg-pool 2×2, stride 2", "16×5×5", "#fff2cc"),
    ("dense 120, sigmoid", "120", "#d9ead3"),
    ("dense 84, sigmoid", "84", "#d9ead3"),
    ("dense 10", "10", "#f4cccc"),
]
ALEXNET = [
    ("input", "1×224×224 image", "#eeeeee"),
    ("conv 11×11, 96, stride 4, pad 1, ReLU", "96×54×54", "#cfe2f3"),
    ("max-pool 3×3, stride 2", "96×26×26", "#fff2cc"),
    ("conv 5×5, 256, pad 2, ReLU", "256×26×26", "#cfe2f3"),
    ("max-pool 3×3, stride 2", "256×12×12", "#fff2cc"),
    ("conv 3×3, 384, pad 1, ReLU", "384×12×12", "#cfe2f3"),
    ("conv 3×3, 384, pad 1, ReLU", "384×12×12", "#cfe2f3"),
    ("conv 3×3, 256, pad 1, ReLU", "256×12×12", "#cfe2f3"),
    ("max-pool 3×3, stride 2", "256×5×5", "#fff2cc"),
    ("dense 4096, ReLU, dropout 0.5", "4096", "#d9ead3"),
    ("dense 4096, ReLU, dropout 0.5", "4096", "#d9ead3"),
    ("dense 10", "10", "#f4cccc"),
]

BOX_W, BOX_H, GAP, TOP = 330, 34, 14, 60


def column(layers, x, title, top):
    """A stack of boxes, input at the bottom, with arrows pointing up."""
    parts = [f'<text x="{x + BOX_W / 2}" y="{top - 25}" class="title">{title}</text>']
    for i, (name, shape, fill) in enumerate(reversed(layers)):
        y = top + i * (BOX_H + GAP)
        parts.append(f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="5" '
                     f'fill="{fill}" stroke="#555"/>')
        parts.append(f'<text x="{x + 10}" y="{y + 22}" class="layer">{name}</text>')
        parts.append(f'<text x="{x + BOX_W - 10}" y="{y + 22}" class="shape">{shape}</text>')
        if i < len(layers) - 1:
            cx = x + BOX_W / 2
            parts.append(f'<line x1="{cx}" y1="{y + BOX_H + GAP}" x2="{cx}" y2="{y + BOX_H + 2}"'
                         ' stroke="#555" marker-end="url(#arrow)"/>')
    return parts


def main():
    height = TOP + len(ALEXNET) * (BOX_H + GAP) + 10
    # LeNet starts lower so that both inputs sit on the same line.
    offset = (len(ALEXNET) - len(LENET)) * (BOX_H + GAP)
    body = column(LENET, 10, "LeNet", TOP + offset) + column(ALEXNET, 360, "AlexNet", TOP)
    svg = f"""<svg xmlns="http://www.w3.org/2000/svg" width="700" height="{height}" viewBox="0 0 700 {height}">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>
<style>
.title {{ font: bold 18px sans-serif; text-anchor: middle; }}
.layer {{ font: 13px sans-serif; }}
.shape {{ font: 12px monospace; text-anchor: end; fill: #333; }}
</style>
<rect width="100%" height="100%" fill="white"/>
{chr(10).join(body)}
</svg>
"""
    out = Path(__file__).resolve().parent.parent / "img" / "alexnet-vs-lenet.svg"
    out.write_text(svg)
    print("wrote", out)


if __name__ == "__main__":
    main()
