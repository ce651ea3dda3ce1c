"""The pages' slide breaks (tools/slides.py): marked in the English MyST sources by a
rule a teacher can override, copied by position into the translations, checked."""

import sys

import jupytext

from .browser import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import slides  # noqa: E402

import editions  # noqa: E402

PAGE = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
    format_version: 0.13
kernelspec:
  display_name: Python 3 (ipykernel)
  language: python
  name: python3
---

(sec-x)=
# A page

Some words.

```{code-cell} ipython3
x = 1
```

More words, no heading.

```{code-cell} ipython3
:tags: [remove-cell]
y = 2
```
```{code-cell} ipython3
z = 3
```

## A section

Last words.
"""


def types_of(path):
    return [c.metadata.get("slideshow", {}).get("slide_type")
            for c in jupytext.read(path).cells if c.cell_type == "markdown"]


def test_the_rule_marks_headings_as_slides_and_other_text_as_subslides(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    assert slides.mark(page)
    assert types_of(page) == ["slide", "subslide", "slide"]
    nb = jupytext.read(page)
    assert [c.cell_type for c in nb.cells] == ["markdown", "code", "markdown", "code", "code",
                                               "markdown"]  # no cell made or lost
    assert all("slideshow" not in c.metadata for c in nb.cells if c.cell_type == "code")
    text = page.read_text(encoding="utf-8")
    assert not slides.mark(page) and page.read_text(encoding="utf-8") == text  # stable
    jupytext.write(jupytext.read(page), tmp_path / "again.md", fmt="md:myst")
    assert slides.slide_types(tmp_path / "again.md") == slides.slide_types(page)
    # a teacher's own choice is kept
    page.write_text(text.replace('"slide_type": "subslide"', '"slide_type": "fragment"'),
                    encoding="utf-8")
    assert not slides.mark(page) and types_of(page) == ["slide", "fragment", "slide"]


def test_a_translation_gets_the_english_slide_types_by_position(tmp_path):
    english, page = tmp_path / "en.md", tmp_path / "zh.md"
    english.write_text(PAGE, encoding="utf-8")
    slides.mark(english)
    translated = PAGE.replace("Some words.", "一些话。").replace(
        "---\n\n(sec-x)=",
        "---\n\n% translation of notebooks/x.md, prose sha256 0123456789abcdef\n(sec-x)=")
    page.write_text(translated, encoding="utf-8")
    assert slides.problems(page, english) and slides.sync(page, english)
    assert slides.problems(page, english) == [] and types_of(page) == types_of(english)
    assert "一些话。" in page.read_text(encoding="utf-8")
    assert editions.STAMP.search(page.read_text(encoding="utf-8"))  # the stamp is kept
    assert not slides.sync(page, english)


def test_every_page_of_every_edition_is_a_slideshow():
    for page in sorted((ROOT / "notebooks").glob("*.md")):
        if not editions.is_notebook(page):
            continue
        kinds = types_of(page)
        assert kinds[0] == "slide" and None not in kinds, page  # every text cell is marked
        assert set(kinds) <= set(slides.TYPES), page
        for lang in editions.TRANSLATIONS:
            assert slides.problems(editions.make_notebooks.edition_folder(lang, ROOT)
                                   / page.name, page) == []


def test_a_markdown_cell_without_a_marker_before_another_is_flagged(tmp_path):
    """Copying by position moves a piece's first marker to its start: a Markdown cell
    without a marker above a marked one (a glued sentence under a code cell, say) would be
    pushed into the next slide in the translations. The check names such a page; a second
    marked cell after the first is fine, and its type is compared too."""
    english, page = tmp_path / "en.md", tmp_path / "zh.md"
    english.write_text(PAGE, encoding="utf-8")
    slides.mark(english)
    page.write_text(english.read_text(encoding="utf-8"), encoding="utf-8")
    assert slides.split_pieces(english) == [] and slides.problems(page, english) == []
    second = 'More words, no heading.\n\n+++ {"slideshow": {"slide_type": "slide"}}\n\n## Next\n'
    for path in (english, page):  # a second marked cell: allowed, in both editions
        path.write_text(path.read_text(encoding="utf-8").replace(
            "More words, no heading.\n", second), encoding="utf-8")
    assert slides.split_pieces(english) == [] and slides.problems(page, english) == []
    page.write_text(page.read_text(encoding="utf-8").replace(
        '"slide_type": "slide"}}\n\n## Next', '"slide_type": "fragment"}}\n\n## Next'),
        encoding="utf-8")
    assert "second and later" in " ".join(slides.problems(page, english))
    english.write_text(english.read_text(encoding="utf-8").replace(
        '```\n\n+++ {"slideshow": {"slide_type": "subslide"}}\n\nMore words',
        '```\n\nA glued sentence.\n\n+++ {"slideshow": {"slide_type": "subslide"}}'
        "\n\nMore words"),
        encoding="utf-8")
    assert slides.split_pieces(english) == [1]
    assert "text before their first" in " ".join(slides.problems(page, english))
