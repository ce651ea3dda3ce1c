"""Sphinx extension of the book: the language switch on every page, and the stylesheet
that shows, of a note written in every language, the one in the page's language.

The English book is built into _build/html, the Chinese and Vietnamese ones into
_build/html/zh and _build/html/vi (tools/editions.py); ``d2l_edition`` says which one a
build is. A page's counterparts: ``notebooks/x`` <-> ``notebooks/zh/x``; the English
book's root files ``intro`` and ``bibliography`` <-> ``notebooks/zh/intro`` and so on.
"""

from html import escape

from d2l_local.locales import HTML_LANG as HREFLANG
from d2l_local.locales import NAMES as EDITIONS


def page_in(pagename: str, current: str, target: str) -> str | None:
    """The name of ``pagename`` (a page of edition ``current``) in edition ``target``,
    or None for pages that have no counterpart (search, index)."""
    if current == "en":
        if pagename in ("intro", "bibliography"):
            base = pagename
        elif pagename.startswith("notebooks/") and pagename.count("/") == 1:
            base = pagename.split("/", 1)[1]
        else:
            return None
    else:
        prefix = f"notebooks/{current}/"
        if not pagename.startswith(prefix):
            return None
        base = pagename[len(prefix):]
    if target == "en":
        return base if base in ("intro", "bibliography") else f"notebooks/{base}"
    return f"notebooks/{target}/{base}"


def link(pagename: str, current: str, target: str) -> str:
    """The relative URL, from ``pagename`` of edition ``current``, of its counterpart in
    ``target`` (the edition's start page when it has none)."""
    up = "../" * (pagename.count("/") + (0 if current == "en" else 1))  # to the site root
    other = page_in(pagename, current, target)
    folder = "" if target == "en" else f"{target}/"
    return f"{up}{folder}{other}.html" if other else f"{up}{folder}index.html"


def switch_html(pagename: str, current: str) -> str:
    items = []
    for lang, name in EDITIONS.items():
        if lang == current:
            items.append(f'<strong lang="{HREFLANG[lang]}" aria-current="true">{name}</strong>')
        else:
            items.append(f'<a href="{escape(link(pagename, current, lang))}" '
                         f'hreflang="{HREFLANG[lang]}" lang="{HREFLANG[lang]}">{name}</a>')
    return ('<nav class="d2l-editions" aria-label="Editions / 版本 / Phiên bản">'
            + " · ".join(items) + "</nav>")


def add_switch(app, pagename, templatename, context, doctree):
    if "body" not in context:
        return
    current = app.config.d2l_edition
    context["body"] = switch_html(pagename, current) + context["body"]
    alternates = "".join(
        f'<link rel="alternate" hreflang="{HREFLANG[lang]}" '
        f'href="{escape(link(pagename, current, lang))}" />\n'
        for lang in EDITIONS if page_in(pagename, current, lang))
    context["metatags"] = context.get("metatags", "") + alternates


def setup(app):
    app.add_config_value("d2l_edition", "en", "html")
    app.add_css_file("editions.css")
    app.connect("html-page-context", add_switch)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
