"""Generate runnable .ipynb files from the chapter's MyST sources (``make notebooks``).

Each notebook gets a first, guarded cell that installs d2l_local only where it is missing
(Colab, Binder), and image links that point at the repository, so the files also work
when opened on their own.
"""

import re
import sys
from pathlib import Path

import jupytext
import nbformat

ROOT = Path(__file__).resolve().parent.parent
REPO = "https://github.com/d2l-local/alexnet-chapter"
RAW = "https://raw.githubusercontent.com/d2l-local/alexnet-chapter/main"

INSTALL_CELL = f"""\
# Installs the chapter's library where it is missing (Colab, Binder); a no-op elsewhere.
try:
    import d2l_local  # noqa: F401
except ImportError:
    %pip install -q "d2l-local @ git+{REPO}"
"""


def convert(md: Path, out_dir: Path) -> Path:
    nb = jupytext.read(md)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = re.sub(r"\]\(\.\./img/", f"]({RAW}/img/", cell.source)
            cell.source = re.sub(r"(:?\{figure\}|image) \.\./img/", rf"\1 {RAW}/img/",
                                 cell.source)
    install = nbformat.v4.new_code_cell(INSTALL_CELL)
    install.metadata["tags"] = ["remove-cell", "colab-install"]
    nb.cells.insert(0, install)
    nb.metadata.pop("jupytext", None)
    target = out_dir / (md.stem + ".ipynb")
    nbformat.write(nb, target)
    return target


def main(argv):
    out_dir = Path(argv[0])
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in argv[1:]:
        print("wrote", convert(Path(name), out_dir))


if __name__ == "__main__":
    main(sys.argv[1:])
