"""Citations and references written as Markdown links, so that JupyterLab shows words
instead of "⚠ key", read back as the book's roles (tools/crossrefs.py), and the check
that every page's links name real entries, the right page and the book's numbers."""

import sys
from pathlib import Path

import pytest

from .browser import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import crossrefs  # noqa: E402
import make_notebooks  # noqa: E402

import editions  # noqa: E402

BIB = {"lowe2004distinctive": ("Lowe, 2004", "Lowe, D. (2004). ..."),
       "dean2012large": ("Dean et al., 2012", "..."), "le2013building": ("Le et al., 2013", "...")}
LABELS = {"sec-model": ("section", "Where the parameters live", "model", "The model"),
          "ex-overfit": ("exercise", "Exercise 3", "exercises", "Exercises"),
          "fig-crafted-responses": ("figure", "Figure 2", "features", "Features")}


def test_links_become_the_books_roles():
    text = ("SIFT ([Lowe, 2004](../references.bib#lowe2004distinctive)) and more "
            "([Dean et al., 2012](../../references.bib#dean2012large); "
            "[Le et al., 2013](../../references.bib#le2013building)); see "
            "[the model page](model.md#sec-model), [Exercise 3](exercises.md#ex-overfit), "
            "[Figure 2](#fig-crafted-responses), ![a plot](../img/x.svg), "
            "[PyTorch](https://pytorch.org) and {ref}`sec-data`.")
    assert crossrefs.to_roles(text) == (
        "SIFT {cite:p}`lowe2004distinctive` and more {cite:p}`dean2012large,le2013building`;"
        " see {ref}`the model page <sec-model>`, {numref}`ex-overfit`, "
        "{numref}`fig-crafted-responses`, ![a plot](../img/x.svg), "
        "[PyTorch](https://pytorch.org) and {ref}`sec-data`.")
    assert crossrefs.keys(text) == ["lowe2004distinctive", "dean2012large", "le2013building",
                                    "sec-model", "ex-overfit", "fig-crafted-responses",
                                    "sec-data"]


@pytest.mark.parametrize("folder", ["notebooks", "notebooks/zh", "notebooks/vi"])
def test_every_page_writes_references_jupyterlab_can_read(folder):
    pages = make_notebooks.toc_pages(ROOT / folder)
    assert len(pages) == 10  # the chapter page and its nine sections
    assert editions.reference_problems(pages) == []


@pytest.mark.parametrize("text, problem", [
    ("AlexNet {cite}`lowe2004distinctive` won", "shows as a key in JupyterLab"),
    ("see {ref}`sec-model`", "its target is not in this page's Markdown"),
    ("([Lowe 2004](../references.bib#lowe2004distinctive))", "reads 'Lowe 2004', not 'Lowe, 2004'"),
    ("([Smith, 2020](../references.bib#smith2020))", "references.bib does not have"),
    ("as [Lowe, 2004](../references.bib#lowe2004distinctive) says", "outside parentheses"),
    ("[Exercise 4](exercises.md#ex-overfit)", "the book numbers it 'Exercise 3'"),
    ("[the model](training.md#sec-model)", "but sec-model is on model.md"),
    ("[the model](#sec-model)", "names this page, but sec-model is on model.md"),
    ("[a section](model.md#sec-gone)", "which no page of its edition defines"),
])
def test_the_check_finds_what_would_trip_a_reader(text, problem):
    found = crossrefs.problems(Path("notebooks/data.md"), text, LABELS, BIB, set())
    assert len(found) == 1 and problem in found[0], found


def test_the_check_accepts_what_reads_well():
    text = ("([Lowe, 2004](../references.bib#lowe2004distinctive)), "
            "[the model page](model.md#sec-model), [Exercise 3](exercises.md#ex-overfit), "
            "{ref}`sec-data` and {numref}`fig-x`")
    assert crossrefs.problems(Path("notebooks/data.md"), text, LABELS, BIB,
                              {"sec-data", "fig-x"}) == []


def test_colab_links_another_pages_section_to_its_notebook():
    refs = {"sec-model": ("section", "Where the parameters live", "model", "The model"),
            "sec-data": ("section", "The data", "data", "The data")}
    out = make_notebooks._markdown(
        "See [the model page](model.md#sec-model), {ref}`sec-data` and "
        "([Lowe, 2004](../references.bib#lowe2004distinctive)).", "data", refs, cited := [],
        BIB)
    assert out == "See [the model page](model.ipynb), *The data* and (Lowe, 2004)."
    assert cited == ["lowe2004distinctive"]


def test_no_two_works_read_alike_in_the_text():
    """Two works by the same authors in the same year carry a letter (2023a, 2023b) in the
    bibliography's year, so that the text (and the book's author-year citations, which
    print the year field) tells them apart."""
    from collections import Counter
    words = Counter(label for label, _ in make_notebooks.bibliography().values())
    assert [label for label, n in words.items() if n > 1] == []
    labels = {key: label for key, (label, _) in make_notebooks.bibliography().items()}
    assert labels["zhang2023dive"] == "Zhang et al., 2023a"
    assert labels["zhang2023d2lzh"] == "Zhang et al., 2023b"
