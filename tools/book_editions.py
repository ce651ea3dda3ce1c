"""Sphinx extension of the book: the ``{eval}`` role read from the pages' execution
(:func:`eval_role`), the pages' citation and reference links read as roles
(:func:`references_as_roles`), the language switch on every page, the style rules
that show, of a note written in every language, the one in the page's language (a rule per
edition of d2l_local.locales, :func:`l10n_css`), and two
accessibility repairs of what the theme and the bibliography write (tests/test_site_a11y.py):
the sidebar's expand/collapse toggles (a ``<summary>`` holding only an icon) get a name in
the page's language, and the bibliography's entries the ``listitem`` role their list needs
(``doc-biblioentry`` is deprecated). The themes' own words (buttons, tooltips, labels) are
the book's where the themes' catalogs have none or other wording: editions/locales holds
them as .po files, and :func:`theme_catalog_first` puts them before sphinx-book-theme's
(tests/test_theme_words.py).

The English book is built into _build/html, each translation into _build/html/<lang>
(tools/editions.py); ``d2l_edition`` says which one a build is. A page's counterparts:
``notebooks/x`` <-> ``notebooks/zh/x``; the English book's root files ``intro`` and
``bibliography`` <-> ``notebooks/zh/intro`` and so on.
"""

import hashlib
import re
from binascii import a2b_base64
from html import escape
from pathlib import Path

from crossrefs import to_roles  # tools/, the folder _config.yml loads this one from

from d2l_local.locales import CATALOGS, LANGUAGES
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


def l10n_css(langs=LANGUAGES) -> str:
    """The rules that show, of a note written in every language (``d2l-l10n``:
    d2l_local.book.RunModeNote), the one in the page's language, a rule per edition
    (_static/editions.css hides them all)."""
    return ",\n".join(f'html[lang|="{lang}"] .d2l-l10n > [lang="{lang}"]'
                      for lang in langs) + " { display: block; }"


def add_l10n_style(app, pagename, templatename, context, doctree):
    context["metatags"] = context.get("metatags", "") + f"<style>\n{l10n_css()}\n</style>\n"


def name_toggles(html: str, lang: str) -> str:
    """Give every ``<summary>`` with no text of its own an ``aria-label`` (the catalog's
    ``nav_toggle``, read by screen readers, in the edition's language)."""
    label = escape(CATALOGS[lang]["nav_toggle"])

    def named(match):
        tag, inner = match.group(1), match.group(2)
        if re.sub(r"<[^>]+>", "", inner).strip() or "aria-label" in tag:
            return match.group(0)
        return f'{tag[:-1]} aria-label="{label}">{inner}</summary>'
    return re.sub(r"(<summary\b[^>]*>)(.*?)</summary>", named, str(html), flags=re.S)


def repair_accessibility(app, pagename, templatename, context, doctree):
    lang = app.config.d2l_edition
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')
    toctree = context.get("generate_toctree_html")
    if toctree is not None and not getattr(toctree, "d2l_named", False):
        def generate_toctree_html(*args, **kwargs):
            from markupsafe import Markup
            return Markup(name_toggles(toctree(*args, **kwargs), lang))
        generate_toctree_html.d2l_named = True
        context["generate_toctree_html"] = generate_toctree_html


def glue_key(name: str, lang: str, glued) -> str:
    """The key under which the page's execution stored the value ``{eval}`name``` quotes
    in edition ``lang``: a sentence once per language (``name__zh``), a number once."""
    own = name if lang == "en" else f"{name}__{lang}"
    return own if own in glued else name


def eval_role():
    """``{eval}`name``` read from the page's execution instead of a live kernel.

    myst-nb evaluates ``{eval}`` only when it executes a page inline, during parsing, which
    its execution cache cannot serve; the book is built from that cache (one execution,
    three editions, nothing re-executed when only prose changed). So the value comes from
    ``d2l.book.glue``, which stores under the same name the value that JupyterLab's
    jupyterlab-myst evaluates, and is pasted as Markdown like ``{glue:md}``.
    """
    from myst_nb.ext.glue.roles import PasteMarkdownRole

    class EvalFromRun(PasteMarkdownRole):
        def run(self):
            renderer = self.document.get("nb_renderer")
            if renderer is not None:
                lang = self.document.settings.env.config.d2l_edition
                self.text = glue_key(self.text, lang, renderer.renderer.nb_client.glue_data)
            return super().run()
    return EvalFromRun()


def use_eval_from_run(app):
    app.add_role("eval", eval_role(), override=True)  # after myst-nb's own


def references_as_roles(app, docname, source):
    """The pages' citation and reference links (written so JupyterLab reads them,
    tools/crossrefs.py) as the roles that number and list them in the book."""
    source[0] = to_roles(source[0])


IMAGE = re.compile(r'<img alt="[^"]*" src="((?:[^"]*/)?_images/([0-9a-f]{64})\.png)"')


def image_outputs(notebooks, lang: str) -> dict:
    """sha256 of each PNG output of ``notebooks`` (the name myst-nb gives its file) ->
    ``(alt, png)``: the text alternative d2l_local.figtext stored with it in ``lang`` and,
    for a figure drawn in each language, its rendering in ``lang`` (bytes, else None)."""
    key = "alt" if lang == "en" else f"alt_{lang}"
    found = {}
    for nb in notebooks:
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                png = output.get("data", {}).get("image/png")
                meta = output.get("metadata", {}).get("image/png", {})
                text = meta.get(key) or meta.get("alt")  # English if this language lacks it
                own = meta.get(f"png_{lang}")
                if png and (text or own):
                    found[hashlib.sha256(a2b_base64(png)).hexdigest()] = (
                        text, a2b_base64(own) if own else None)
    return found


def image_descriptions(notebooks, lang: str) -> dict:
    """sha256 of each PNG output -> its text alternative in ``lang`` (see image_outputs)."""
    return {sha: alt for sha, (alt, _) in image_outputs(notebooks, lang).items() if alt}


def untranslated_figure_words(notebooks) -> dict:
    """{language: sorted texts} that a figure of ``notebooks`` left in English because
    the catalogs have no translation for them (d2l_local.figtext)."""
    found: dict = {}
    for nb in notebooks:
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                meta = output.get("metadata", {}).get("image/png", {})
                for key, texts in meta.items():
                    if key.startswith("untranslated_"):
                        found.setdefault(key.split("_", 1)[1], set()).update(texts)
    return {lang: sorted(texts) for lang, texts in found.items()}


def describe_images(html_text: str, descriptions: dict) -> str:
    """``html_text`` with each output image's ``alt`` (myst-nb writes the file's path)
    replaced by what the figure shows."""
    def alt(m):
        text = descriptions.get(m.group(2))
        return m.group(0) if text is None else \
            f'<img alt="{escape(text, quote=True)}" src="{m.group(1)}"'
    return IMAGE.sub(alt, html_text)


def write_image_descriptions(app, exception):
    """After the build: the figures of the pages' outputs get their text alternatives and,
    in the Chinese and Vietnamese books, their renderings in the edition's language (the
    image files of the edition's own site), read from the execution cache that every
    edition's book is built from."""
    cache_path = getattr(app.config, "nb_execution_cache_path", "")
    if exception is not None or app.builder.format != "html" or not cache_path:
        return
    from jupyter_cache import get_cache
    cache = get_cache(cache_path)
    notebooks = [cache.get_cache_bundle(record.pk).nb for record in cache.list_cache_records()]
    outputs = image_outputs(notebooks, app.config.d2l_edition)
    descriptions = {sha: alt for sha, (alt, _) in outputs.items() if alt}
    for page in Path(app.outdir).rglob("*.html"):
        if page.relative_to(app.outdir).parts[0] in EDITIONS:
            continue  # another edition's site, built into this one's folder
        text = page.read_text(encoding="utf-8")
        described = describe_images(text, descriptions)
        if described != text:
            page.write_text(described, encoding="utf-8")
    images = Path(app.outdir) / "_images"
    for sha, (_, png) in outputs.items():
        if png is not None and (images / f"{sha}.png").is_file():
            (images / f"{sha}.png").write_bytes(png)


CAPTIONS = Path(__file__).resolve().parent.parent / "editions" / "captions.csv"


def captions() -> dict:
    """name -> {"en": ..., "zh": ..., "vi": ...}: the captions of the figures the pages'
    code draws (their English is in the code cell's metadata, which every edition shares)."""
    import csv
    with open(CAPTIONS, encoding="utf-8", newline="") as f:
        return {row.pop("name"): row for row in csv.DictReader(f)}


def translate_captions(app, doctree):
    """In the Chinese and Vietnamese books, a figure drawn by code gets the caption in the
    edition's language from editions/captions.csv."""
    from docutils import nodes
    lang = app.config.d2l_edition
    if lang == "en":
        return
    table = captions()
    for figure in doctree.findall(nodes.figure):
        name = next((i for i in figure["ids"] if i in table), None)
        caption = figure.next_node(nodes.caption)
        if name and caption is not None and table[name].get(lang):
            caption.children = []
            caption += nodes.Text(table[name][lang])


THEME_CATALOG = "booktheme"  # sphinx-book-theme's message catalog (its gettext domain)


def theme_catalog_first(app, config):
    """Put the book's own translations of sphinx-book-theme's words (``booktheme.po`` in
    the ``locale_dirs`` of _config.yml) before the theme's catalog, and say the search
    box's placeholder (jupyter-book's English ``search_bar_text``) through them.

    Sphinx itself reads the ``sphinx`` catalog of ``locale_dirs`` (the words of
    pydata-sphinx-theme and of Sphinx) before the others. The theme's words are in a
    catalog of its own that it registers in its setup (``app.add_message_catalog``), and
    sphinx.locale.init merges a catalog registered later *behind* the first one: ours would
    only fill the theme's gaps, and its zh_CN "列印成 PDF" would win. So, once every
    extension is set up, ours is compiled (Sphinx compiles only its ``sphinx`` catalog
    this early), made the domain's translator, and the theme's chained behind it for the
    words ours does not give."""
    import gettext

    from sphinx import locale
    from sphinx.util.i18n import CatalogRepository
    repo = CatalogRepository(app.srcdir, config.locale_dirs, config.language,
                             config.source_encoding)
    ours = None
    for catalog in repo.catalogs:
        if catalog.domain != THEME_CATALOG:
            continue
        if catalog.is_outdated():
            catalog.write_mo(config.language, config.gettext_allow_fuzzy_translations)
        with open(catalog.mo_path, "rb") as f:
            found = gettext.GNUTranslations(f)
        if ours is None:
            ours = found
        else:
            ours.add_fallback(found)
    if ours is None:  # the English book, or an edition with no words of its own
        return
    ours.add_fallback(locale.get_translator(THEME_CATALOG))  # the theme's, if registered
    # the table sphinx.locale.get_translation reads at each call; a catalog the theme
    # registers after this (when not in ``extensions``) is merged behind ours
    locale.translators["general", THEME_CATALOG] = ours
    options = config.html_theme_options
    if options.get("search_bar_text"):
        options["search_bar_text"] = ours.gettext(options["search_bar_text"])


def teaching_last(app, env, docnames):
    """Read, and so execute, each edition's teaching page after the others. Its lesson
    plans read the pages' timings (results/timings-*.json), which each page's execution
    writes as it finishes (D2L_SAVE_RESULTS=1), and Sphinx reads in the order of the
    names, which puts teaching before training and visualize: a fresh full-size build
    would plan with timings of an earlier run for those two."""
    last = [name for name in docnames if name.rsplit("/", 1)[-1] == "teaching"]
    for name in last:
        docnames.remove(name)
    docnames.extend(last)


def setup(app):
    app.connect("env-before-read-docs", teaching_last)
    app.add_config_value("d2l_edition", "en", "html")
    app.connect("config-inited", theme_catalog_first)
    app.connect("source-read", references_as_roles)
    app.connect("build-finished", write_image_descriptions)
    app.connect("doctree-read", translate_captions)
    app.connect("builder-inited", use_eval_from_run)
    app.add_css_file("editions.css")
    # after sphinx-copybutton's script (500), whose words it completes
    app.add_js_file("copybutton-words.js", priority=600)
    app.connect("html-page-context", add_switch)
    app.connect("html-page-context", add_l10n_style)
    # after the theme's own handlers, which put generate_toctree_html in the context
    app.connect("html-page-context", repair_accessibility, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
