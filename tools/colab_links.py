"""Sphinx extension of the book: its Colab and download links point at the Colab-ready
notebooks that tools/make_notebooks.py writes, not at the MyST sources.

At the start of a build the notebooks are written into the site (``_notebooks/``); the
download button links there, and the Colab button links to the same file on the
repository's notebooks branch, where the publishing workflow puts them.
"""

from pathlib import Path

import make_notebooks


def chapter_sources(srcdir, edition="en") -> list[Path]:
    """The pages of one edition: notebooks/*.md (English) or notebooks/<lang>/*.md,
    without the plain Markdown pages (the intro and the bibliography)."""
    folder = Path(srcdir) / "notebooks" / ("" if edition == "en" else edition)
    return sorted(p for p in folder.glob("*.md") if make_notebooks.is_notebook(p))


def write_notebooks(app):
    if app.builder.format != "html":
        return
    edition = getattr(app.config, "d2l_edition", "en")  # set by tools/book_editions.py
    make_notebooks.convert_all(chapter_sources(app.srcdir, edition),
                               Path(app.outdir) / "_notebooks")


def relink(app, pagename, templatename, context, doctree):
    if not pagename.startswith("notebooks/"):
        return
    for group in context.get("header_buttons", []):
        for button in group.get("buttons", []):
            if button.get("text") == "Colab":
                button["url"] = make_notebooks.colab_url(pagename)
            elif button.get("label") == "download-notebook-button":
                button["url"] = f"{context['pathto']('_notebooks', 1)}/{pagename}.ipynb"


def setup(app):
    app.connect("builder-inited", write_notebooks)
    app.connect("html-page-context", relink, priority=510)  # after the theme's buttons
    return {"parallel_read_safe": True, "parallel_write_safe": True}
