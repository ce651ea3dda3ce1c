"""Citations and references that read in JupyterLab as well as in the book.

jupyterlab-myst renders a page on its own: it knows neither the bibliography nor the other
pages, so a ``{cite}`` role or a reference to another page shows as "⚠ key". The pages
therefore write them as Markdown links whose text is what a reader of the notebook sees,
and the book turns them back into Sphinx roles as it reads each page (``to_roles``, on
Sphinx's ``source-read``; the Colab conversion does the same):

- a citation: ``([Krizhevsky et al., 2012](../references.bib#krizhevsky2012imagenet))``,
  several in one pair of parentheses separated by ``;``, becomes
  ``{cite:p}`krizhevsky2012imagenet```. In JupyterLab the link opens the .bib entry's file.
- a section of another page: ``[Where the parameters live](model.md#sec-model)`` becomes
  ``{ref}`Where the parameters live <sec-model>```; in JupyterLab it opens that page.
- a figure or an exercise (labels ``fig-...``, ``ex-...``):
  ``[Exercise 3](exercises.md#ex-overfit)`` becomes ``{numref}`ex-overfit```, so the
  book prints its own number; ``problems`` checks that the link's words give that number.

A reference to a section or a Markdown figure on the same page stays a role: JupyterLab
resolves those itself.
"""

from __future__ import annotations

import re

BIB = r"(?:\.\./)+references\.bib"
CITATION = re.compile(rf"\[([^\]\n]+)\]\({BIB}#([\w-]+)\)")
CITATIONS = re.compile(rf"\(((?:\[[^\]\n]+\]\({BIB}#[\w-]+\)(?:;\s*)?)+)\)")
LINK = re.compile(r"(?<![!\]])\[([^\]\n]+)\]\(((?:[\w-]+\.md)?)#([\w-]+)\)")
ROLE = re.compile(r"\{(cite|cite:p|cite:t|ref|numref)\}`([^`]+)`")
NUMBERED = ("fig-", "ex-")


def to_roles(text: str) -> str:
    """``text`` with its citation and reference links written as the book's roles."""
    def citations(m):
        return "{cite:p}`" + ",".join(key for _, key in CITATION.findall(m.group(1))) + "`"

    def link(m):
        words, _, label = m.groups()
        if label.startswith(NUMBERED):
            return "{numref}`" + label + "`"
        return "{ref}`" + words + " <" + label + ">`"
    return LINK.sub(link, CITATIONS.sub(citations, text))


def citations(text: str) -> list[tuple[str, str]]:
    """(words, key) of every citation link of ``text``."""
    return CITATION.findall(text)


def links(text: str) -> list[tuple[str, str, str]]:
    """(words, page file or '', label) of every reference link of ``text``."""
    return LINK.findall(text)


def keys(text: str) -> list[str]:
    """Every citation key and reference label ``text`` uses, as roles or as links."""
    found = []
    for _, target in ROLE.findall(to_roles(text)):
        target = re.sub(r"^.*<([^>]+)>$", r"\1", target)
        found.extend(k.strip() for k in target.split(","))
    return found


def problems(page, text: str, labels: dict, bib: dict, markdown_labels: set) -> list[str]:
    """What would show as a key, a broken link or a wrong number on ``page``.

    ``labels``: label -> (kind, words, page stem, page title) for the page's edition
    (make_notebooks.labels); ``bib``: key -> (in-text words, entry)
    (make_notebooks.bibliography); ``markdown_labels``: the labels the page's own Markdown
    defines (JupyterLab resolves a role to those, and only those)."""
    found, stem = [], page.stem
    for words, key in citations(text):
        if key not in bib:
            found.append(f"{page}: cites {key}, which references.bib does not have")
        elif words != bib[key][0]:
            found.append(f"{page}: the citation of {key} reads {words!r}, "
                         f"not {bib[key][0]!r}")
    if CITATION.search(CITATIONS.sub("", text)):
        found.append(f"{page}: a citation link outside parentheses (the book could not "
                     "print it): write ([Author, year](../references.bib#key))")
    for words, target, label in links(text):
        if label not in labels:
            found.append(f"{page}: links to {label}, which no page of its edition defines")
            continue
        kind, number, where, _ = labels[label]
        if (target[:-3] if target else stem) != where:
            found.append(f"{page}: the link to {label} names {target or 'this page'}, "
                         f"but {label} is on {where}.md")
        if kind != "section" and words != number:
            found.append(f"{page}: the link to {label} reads {words!r}; the book numbers "
                         f"it {number!r}")
        if (kind == "section") == label.startswith(NUMBERED):
            found.append(f"{page}: {label} is a {kind}: labels of figures and exercises "
                         "start fig- or ex-, others do not")
    for role, target in ROLE.findall(text):
        label = re.sub(r"^.*<([^>]+)>$", r"\1", target)
        if role.startswith("cite"):
            found.append(f"{page}: {{{role}}}`{target}` shows as a key in JupyterLab; "
                         "write it as ([Author, year](../references.bib#key))")
        elif label not in markdown_labels:
            found.append(f"{page}: {{{role}}}`{target}` shows as a key in JupyterLab "
                         "(its target is not in this page's Markdown); write it as a "
                         "link, [words](page.md#label)")
    return found
