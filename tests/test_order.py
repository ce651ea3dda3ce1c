"""The chapter teaches in order: a page uses a term only once the page that introduces it
has come (in the table of contents' order), or, where it must look ahead, in a paragraph
that links to that page (the brief's "Teaching order"). The English pages are checked; the
editions follow them paragraph by paragraph (tests/test_editions.py)."""
import re

import pytest
import yaml

from .browser import ROOT

# term: (the page that introduces it, the pattern that finds it in prose)
TERMS = {
    "epoch": ("training", r"\bepochs?\b"),
    "reference recipe": ("training", r"\breference recipe\b"),
    "laptop recipe": ("training", r"\blaptop recipe\b"),
    "TF32": ("training", r"\bTF32\b"),
    "fp32, bf16, fp16": ("hardware", r"\b(?:fp32|bf16|fp16)\b"),
    "tensor core": ("hardware", r"\btensor cores?\b"),
    "FLOP": ("data", r"\bG?FLOPs?\b|\bFLOP/s\b"),
    "receptive field": ("model", r"\breceptive fields?\b"),
    "stride": ("model", r"\bstrides?\b"),
    "conv1 to dense8": ("model", r"\b(?:conv[1-5]|dense[6-8])\b"),
    "Xavier initialisation": ("model", r"\bXavier\b"),
    "span of the patches": ("firstlayer", r"\bspan\b"),
}


def toc_pages() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages = []

    def walk(entries):
        for entry in entries:
            if entry.get("file", "").startswith("notebooks/"):
                pages.append(entry["file"].removeprefix("notebooks/"))
            walk(entry.get("sections", []))
    walk(toc["chapters"])
    return pages


def paragraphs(page: str) -> list[str]:
    """The prose of a page: its Markdown paragraphs and its figures' captions, without
    front matter or code."""
    text = (ROOT / "notebooks" / f"{page}.md").read_text(encoding="utf-8")
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)

    def caption(cell):  # a figure drawn by a code cell has its caption in the cell's header
        found = re.search(r"caption: (.*?)\n\s*name:", cell.group(), flags=re.S)
        return "\n\n" + " ".join(found.group(1).split()) + "\n\n" if found else ""
    text = re.sub(r"```\{code-cell\}.*?\n```", caption, text, flags=re.S)
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def too_early(term, pages=None) -> list[str]:
    """Paragraphs of the pages before the one introducing ``term`` that use it without a
    link to that page."""
    pages = pages or toc_pages()
    home, pattern = TERMS[term]
    found = []
    for page in pages[:pages.index(home)]:
        for paragraph in paragraphs(page):
            if re.search(pattern, paragraph) and f"{home}.md#" not in paragraph:
                found.append(f"{page}: {' '.join(paragraph.split())[:160]}")
    return found


@pytest.mark.parametrize("term", TERMS)
def test_no_page_uses_a_term_before_the_page_that_introduces_it(term):
    home, pattern = TERMS[term]
    assert any(re.search(pattern, p) for p in paragraphs(home)), f"{home} never says {term}"
    assert too_early(term) == []


def test_the_check_finds_a_term_used_too_early(tmp_path, monkeypatch):
    assert toc_pages()[:2] == ["alexnet", "features"] and toc_pages()[-1] == "teaching"
    monkeypatch.setitem(TERMS, "span of the patches", ("firstlayer", r"\bthe\b"))
    assert too_early("span of the patches")  # "the" is on every page before firstlayer
