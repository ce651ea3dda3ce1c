"""The themes' own words (header buttons, sidebars, search, the light/dark switch, the
previous/next links, the footer) in the Chinese and Vietnamese books: a tiny book is built
with the book's theme, its extension (tools/book_editions.py) and the ``locale_dirs`` and
``templates_path`` of _config.yml, once per language, and every word the theme writes in
the English page must be another in the others (pydata-sphinx-theme has no Vietnamese;
sphinx-book-theme's zh_CN says 列印成 PDF, Taiwan's wording)."""

import re
import shutil
import sys

import pytest
import yaml

from d2l_local.locales import SPHINX_LANGUAGE, TRANSLATIONS

from .browser import ROOT

sys.path.insert(0, str(ROOT / "tools"))

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
NOTEBOOK = """---
jupytext:
  text_representation: {extension: .md, format_name: myst}
kernelspec: {display_name: Python 3, language: python, name: python3}
---
# Alpha

```{toctree}
beta
```

## Section

```{code-cell} ipython3
print(1)
```

```{math}
:label: eq-one
x = 1
```

```{figure} dot.png
A figure.
```

```{list-table} A table
* - a
```

```{code-block} python
:caption: A listing
x = 1
```
"""
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6300010000050001a5f645400000000049454e44ae426082")
# what the themes and Sphinx write into a tag's attributes: tooltips, names, placeholders
ATTRIBUTES = re.compile(r'\b(?:title|aria-label|placeholder|alt|data-bs-title)="([^"]+)"')
# attribute values that are no theme's English: the pages' titles, the figure's file, the
# book's own language switch (every language) and the table of contents of a printed page
# (hidden on screen); and Vietnamese writes "Colab logo" too
NOT_THEME_WORDS = {"Alpha", "Beta", "_images/dot.png", "Editions / 版本 / Phiên bản", "Page"}
SAME_IN = {"vi": {"Colab logo"}}
# words the themes write as text in the English page
TEXTS = ["Skip to main content", "Back to top", ">Repository<", ">Open issue<",
         ">previous<", ">next<", "By A"]


def build(tmp_path, language):
    """The tiny book's pages in ``language``: {page name: HTML}."""
    from sphinx import locale
    from sphinx.application import Sphinx
    src = tmp_path / "src"
    src.mkdir()
    (src / "alpha.md").write_text(NOTEBOOK, encoding="utf-8")
    (src / "beta.md").write_text("# Beta\n\n## One\n\nText.\n", encoding="utf-8")
    (src / "dot.png").write_bytes(PNG)
    sphinx = CONFIG["sphinx"]["config"]
    # the book's catalogs, copied: Sphinx compiles them where they are
    locales = tmp_path / "locales"
    for folder in sphinx["locale_dirs"]:
        shutil.copytree(ROOT / folder, locales / folder, ignore=shutil.ignore_patterns("*.mo"))
    theme = {key: value for key, value in CONFIG["html"].items() if key.startswith("use_")}
    theme.update(repository_url=CONFIG["repository"]["url"], path_to_docs="",
                 repository_branch="main", launch_buttons=CONFIG["launch_buttons"],
                 search_bar_text="Search this book...")  # jupyter-book's default
    # Sphinx keeps each catalog's translator for the process: a build in another
    # language would merge its catalogs behind the last one's
    saved = dict(locale.translators)
    locale.translators.clear()
    try:
        app = Sphinx(str(src), None, str(tmp_path / "html"), str(tmp_path / "doctrees"),
                     "html", status=None, freshenv=True, confoverrides={
                         "extensions": ["myst_nb", "sphinx_book_theme", "book_editions"],
                         "html_theme": "sphinx_book_theme", "root_doc": "alpha",
                         "language": language, "author": "A", "nb_execution_mode": "off",
                         "locale_dirs": [str(locales / d) for d in sphinx["locale_dirs"]],
                         "templates_path": [str(ROOT / d) for d in sphinx["templates_path"]],
                         "html_theme_options": theme, "suppress_warnings": ["app.add_node",
                                                                           "app.add_directive"]})
        app.build()
    finally:
        locale.translators.clear()
        locale.translators.update(saved)
    return {page: (tmp_path / "html" / f"{page}.html").read_text(encoding="utf-8")
            for page in ("alpha", "beta")}


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    return {lang: build(tmp_path_factory.mktemp(lang), SPHINX_LANGUAGE[lang])
            for lang in ("en", *TRANSLATIONS)}


def theme_words(pages) -> set:
    return {w for html in pages.values() for w in ATTRIBUTES.findall(html)} - NOT_THEME_WORDS


def test_the_english_book_shows_the_themes_words(books):
    """What the other tests look for is there: the theme's English words."""
    words = theme_words(books["en"])
    assert {"Print to PDF", "Toggle primary sidebar", "Main", "On this page", "Color mode",
            "Launch on Colab", "Search this book...", "Link to this image", "Link to this table",
            "Link to this code", "Link to this equation", "previous page", "next page"} <= words
    text = "".join(books["en"].values())
    assert all(t in text for t in TEXTS)


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_no_theme_word_is_left_in_english(books, lang):
    english = theme_words(books["en"]) - SAME_IN.get(lang, set())
    assert sorted(english & theme_words(books[lang])) == []
    text = "".join(books[lang].values())
    assert [t for t in TEXTS if t in text] == []


@pytest.mark.parametrize("lang, words", [
    ("zh", ['title="打印为 PDF"', 'title="显示或隐藏导航栏"', 'aria-label="主导航"',
            'aria-label="本页内容"', 'placeholder="搜索本书……"', 'title="启动于 Colab"',
            "跳转至主要内容", "回到顶部"]),
    ("vi", ['title="In sang PDF"', 'title="Hiện hoặc ẩn thanh điều hướng"',
            'aria-label="Trên trang này"', 'placeholder="Tìm trong sách..."',
            "Chuyển đến nội dung chính", "Lên đầu trang", ">Trang trước<", ">Trang sau<",
            "Tác giả: A"]),
])
def test_the_themes_words_are_the_books_own(books, lang, words):
    """The book's words win over the themes' catalogs (列印成 PDF is Taiwan's wording)."""
    text = "".join(books[lang].values())
    assert [w for w in words if w not in text] == []
    assert "列印" not in text


def test_each_word_of_the_books_catalogs_is_one_the_themes_say():
    """A msgid that no theme, no Sphinx and no template of the book says would translate
    nothing; a translation keeps the English's placeholders."""
    from pathlib import Path

    import pydata_sphinx_theme
    import sphinx
    import sphinx_book_theme
    from babel import Locale
    from babel.messages.pofile import read_po

    def msgids(path):
        with open(path, "rb") as f:
            return {m.id for m in read_po(f) if m.id}
    # the "sphinx" catalog: Sphinx's words and pydata-sphinx-theme's
    sphinx_words = msgids(Path(sphinx.__file__).parent / "locale" / "sphinx.pot") | msgids(
        Path(pydata_sphinx_theme.__file__).parent / "locale" / "en" / "LC_MESSAGES"
        / "sphinx.po")
    # the "booktheme" catalog: what sphinx-book-theme and the book's templates quote, and
    # jupyter-book's search_bar_text
    sources = [p for p in Path(sphinx_book_theme.__file__).parent.rglob("*")
               if p.suffix in (".py", ".html")] + list((ROOT / "_templates").glob("*.html"))
    quoted = "\n".join(p.read_text(encoding="utf-8") for p in sources)
    for lang in TRANSLATIONS:
        for folder in CONFIG["sphinx"]["config"]["locale_dirs"]:
            pos = sorted((ROOT / folder / SPHINX_LANGUAGE[lang] / "LC_MESSAGES").glob("*.po"))
            assert [po.stem for po in pos] == ["booktheme", "sphinx"], lang
            for po in pos:
                with open(po, "rb") as f:
                    catalog = read_po(f)
                assert catalog.locale == Locale.parse(SPHINX_LANGUAGE[lang]), po
                for m in catalog:
                    if not m.id:
                        continue
                    assert m.string, (po, m.id)
                    assert re.findall(r"%\(\w+\)s", m.id) == re.findall(r"%\(\w+\)s", m.string)
                    if po.stem == "sphinx":
                        assert m.id in sphinx_words, (po, m.id)
                    else:
                        assert m.id == "Search this book..." or f'"{m.id}"' in quoted \
                            or f"'{m.id}'" in quoted, (po, m.id)
