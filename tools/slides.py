"""The chapter's pages as live slides (jupyterlab-myst-revealjs in JupyterLab): the slide
breaks live in the MyST sources, as the ``slideshow`` metadata of each Markdown cell, so
there is no separate deck to keep in step with the text.

    python tools/slides.py mark [PAGE...]   give each English page's Markdown cells that
                                            have none a slide type (the rule below)
    python tools/slides.py sync             copy the English pages' slide types into the
                                            translations (so does make sync, through
                                            python tools/editions.py sync-code)

The rule: a Markdown cell with a heading starts a slide, any other Markdown cell a
subslide (the next slide down in reveal.js), and a code cell stays on the slide of the
text before it, so each slide says something and then runs the cell that shows it. Cells
the book removes (``remove-cell``) are left out of the slideshow too. A teacher changes a
cell's type by editing its marker, ``+++ {"slideshow": {"slide_type": "fragment"}}``
(slide, subslide, fragment, notes, skip), in the English page, then runs ``sync``.

In a page's text the Markdown cells are the pieces between code cells (no page splits
them with ``+++`` otherwise), and a translation has the same pieces in the same order
(tools/editions.py checks), so a marker is copied by position.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n.*?^```[ \t]*$", re.M | re.S)
HEADER = re.compile(r"\A---\n.*?\n---\n", re.S)
MARKER = re.compile(r"^\+\+\+[ \t]*(\{.*\})?[ \t]*\n(?:[ \t]*\n)?", re.M)
HEADING = re.compile(r"^#{1,6} \S", re.M)
TYPES = ("slide", "subslide", "fragment", "notes", "skip", "-")


def pieces(text: str) -> tuple[str, list[str], list[str]]:
    """A page's text as (header, the text pieces around its code cells, the code cells)."""
    header = HEADER.match(text)
    head = header.group(0) if header else ""
    body = text[len(head):]
    return head, CODE_CELL.split(body), CODE_CELL.findall(body)


def join(head: str, texts: list[str], code: list[str]) -> str:
    out = [head]
    for i, piece in enumerate(texts):
        out.append(piece)
        if i < len(code):
            out.append(code[i])
    return "".join(out)


def slide_type(piece: str) -> str | None:
    """The slide type a text piece's marker gives, or None (no marker, or no text)."""
    found = MARKER.search(piece)
    if not found or not found.group(1):
        return None
    return json.loads(found.group(1)).get("slideshow", {}).get("slide_type")


def with_type(piece: str, kind: str | None) -> str:
    """``piece`` with its marker saying ``kind`` (no marker for None)."""
    stripped = MARKER.sub("", piece, count=1)
    if kind is None or not stripped.strip():
        return stripped
    lead = re.match(r"\s*", stripped).group(0)
    marker = "+++ " + json.dumps({"slideshow": {"slide_type": kind}}) + "\n\n"  # as jupytext
    return lead + marker + stripped[len(lead):]


def slide_types(page) -> list[str | None]:
    """The slide type of each text piece of ``page`` (None: empty, or no marker)."""
    return [slide_type(p) for p in pieces(Path(page).read_text(encoding="utf-8"))[1]]


def mark(page) -> bool:
    """Give every Markdown cell of an English page without a slide type one, by the rule
    of the module's docstring. True when the page changed."""
    page = Path(page)
    text = page.read_text(encoding="utf-8")
    head, texts, code = pieces(text)
    for i, piece in enumerate(texts):
        if piece.strip() and slide_type(piece) is None:
            texts[i] = with_type(piece, "slide" if HEADING.search(piece) else "subslide")
    new = join(head, texts, code)
    if new != text:
        page.write_text(new, encoding="utf-8")
    return new != text


def sync(page, english) -> bool:
    """Give translated ``page`` the slide types of its ``english`` page, piece by piece."""
    page = Path(page)
    text = page.read_text(encoding="utf-8")
    head, texts, code = pieces(text)
    types = slide_types(english)
    if len(types) != len(texts):
        raise SystemExit(f"{page}: {len(texts)} text pieces, {english} has {len(types)}")
    new = join(head, [with_type(p, k) for p, k in zip(texts, types)], code)
    if new != text:
        page.write_text(new, encoding="utf-8")
    return new != text


def split_pieces(page) -> list[int]:
    """The text pieces of ``page`` (by number) that hold text before their first ``+++``
    marker: two Markdown cells between the same code cells, the first without a marker,
    which the rule above cannot copy by position (sync would move the marker up, and the
    cell above it into the next slide)."""
    return [i for i, piece in enumerate(pieces(Path(page).read_text(encoding="utf-8"))[1])
            if (m := MARKER.search(piece)) and piece[:m.start()].strip()]


def all_slide_types(page) -> list[list[str | None]]:
    """Every marker's slide type, piece by piece (a piece may hold several Markdown cells,
    each after its own marker; sync copies the first, a translator keeps the others)."""
    return [[json.loads(m.group(1)).get("slideshow", {}).get("slide_type") if m.group(1)
             else None for m in MARKER.finditer(piece)]
            for piece in pieces(Path(page).read_text(encoding="utf-8"))[1]]


def problems(page, english) -> list[str]:
    """Where a translation's slide types differ from its English page's, or the English
    page has a Markdown cell without a marker before another one."""
    split = split_pieces(english)
    if split:
        return [f"{english}: text pieces {split} hold text before their first +++ marker; "
                "join the two Markdown cells or give the first its own marker"]
    mine, theirs = slide_types(page), slide_types(english)
    if mine != theirs:
        return [f"{page}: slide types differ from {english}; run python tools/slides.py sync"]
    if all_slide_types(page) != all_slide_types(english):
        return [f"{page}: the slide types of the second and later Markdown cells between two "
                f"code cells differ from {english}; copy them by hand"]
    theirs = [k for kinds in all_slide_types(english) for k in kinds]
    bad = sorted({k for k in theirs if k is not None and k not in TYPES})
    return [f"{english}: unknown slide types {bad}"] if bad else []


def main(argv):
    command, args = (argv[0], argv[1:]) if argv else ("", [])
    sys.path.insert(0, str(ROOT / "tools"))
    from make_notebooks import is_notebook

    import editions
    english = [p for p in sorted((ROOT / "notebooks").glob("*.md")) if is_notebook(p)]
    if command == "mark":
        for page in (map(Path, args) if args else english):
            if mark(page):
                print("marked", page.relative_to(ROOT))
        return 0
    if command == "sync":
        for lang in editions.LANGUAGES:
            for page in editions.translations(lang):
                source = editions.english_source(page)
                if page.exists() and is_notebook(source) and sync(page, source):
                    print("updated", page.relative_to(ROOT))
        return 0
    raise SystemExit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
