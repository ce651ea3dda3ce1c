"""The Chinese and Vietnamese editions: one code (every code cell is the English one),
the same glue names, labels and citations, translations stamped with the English prose
they were made from, and the sentences the code writes available in every language."""

import csv
import re
import shutil
import string
import sys

import nbformat
import pytest

from d2l_local import book, config, locales
from d2l_local.locales import CATALOGS, LANGUAGES, TRANSLATIONS

from .browser import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import book_editions  # noqa: E402
import make_notebooks  # noqa: E402

import editions  # noqa: E402


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_edition_matches_the_english_pages(lang):
    assert editions.problems(lang) == []


def test_each_edition_is_described_once_and_consistently():
    """d2l_local.locales.EDITIONS is the one list; what it says of an edition agrees with
    itself: its page language, Sphinx language and number locale are of its language (the
    stylesheet selects a note by ``html[lang|=<code>]``), and the English is first."""
    from babel import Locale
    assert LANGUAGES[0] == "en" and TRANSLATIONS == LANGUAGES[1:]
    for table in (CATALOGS, locales.CLASS_NAMES, locales.HTML_LANG, locales.NAMES,
                  locales.SPHINX_LANGUAGE, locales.BABEL_LOCALE, locales.TITLES,
                  locales.FIGURE_TEXT, locales.FIGURE_PATTERNS):
        assert tuple(table) == LANGUAGES
    for lang in LANGUAGES:
        assert locales.HTML_LANG[lang].split("-")[0] == lang
        assert locales.SPHINX_LANGUAGE[lang].split("_")[0] == lang
        assert Locale.parse(locales.BABEL_LOCALE[lang]).language == lang
    assert len(set(locales.NAMES.values())) == len(set(locales.TITLES.values())) == \
        len(LANGUAGES)


def test_every_place_that_lists_the_editions_reads_the_one_list(tmp_path, monkeypatch):
    """The tools, the book's extension and its stylesheet, and the Makefile enumerate the
    editions by reading d2l_local.locales, so an edition added there reaches each of them;
    a place that typed its own list would miss it and fail here."""
    import yaml
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    monkeypatch.setattr(editions, "ROOT", tmp_path)
    assert editions.pages(["alexnet.md", "data.md"]) == \
        [f"notebooks/{'' if lang == 'en' else lang + '/'}{page}.md"
         for page in ("alexnet", "data") for lang in LANGUAGES]
    for lang in LANGUAGES:  # the book's configuration of each edition
        config = yaml.safe_load((editions.edition_config(lang, "quick") / "_config.yml")
                                .read_text(encoding="utf-8"))
        assert config["title"] == locales.TITLES[lang]
        assert config["author"] == locales.CATALOGS[lang]["book_author"]  # "By ..."
        assert config["sphinx"]["config"]["language"] == locales.SPHINX_LANGUAGE[lang]
        assert config["sphinx"]["config"]["d2l_edition"] == lang
    english = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert english["title"] == locales.TITLES["en"]  # a plain jupyter-book build . too
    assert english["author"] == locales.CATALOGS["en"]["book_author"]
    # the Colab notebooks: each edition's pages and words
    assert list(make_notebooks.edition_pages()) == list(LANGUAGES)
    assert list(make_notebooks.WORDS) == list(LANGUAGES)
    assert [make_notebooks.edition(make_notebooks.edition_folder(lang) / "data.md")
            for lang in LANGUAGES] == list(LANGUAGES)
    # the book's language switch and the rules that show a note in the page's language
    switch = book_editions.switch_html("notebooks/data", "en")
    assert [f'lang="{locales.HTML_LANG[lang]}"' in switch for lang in LANGUAGES] == \
        [True] * len(LANGUAGES)
    css = book_editions.l10n_css()
    assert [f'html[lang|="{lang}"] .d2l-l10n > [lang="{lang}"]' in css
            for lang in LANGUAGES] == [True] * len(LANGUAGES)
    # the Makefile and the static stylesheet name no edition: they ask the tools
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    stylesheet = (ROOT / "_static" / "editions.css").read_text(encoding="utf-8")
    for lang in TRANSLATIONS:
        assert not re.search(rf"\b{lang}\b", makefile), f"the Makefile names {lang}"
        assert f'"{lang}"' not in stylesheet, f"_static/editions.css names {lang}"


def test_each_page_gets_the_rules_that_show_its_languages_note():
    context = {"metatags": '<link rel="alternate" />'}
    book_editions.add_l10n_style(None, "notebooks/data", "page.html", context, None)
    assert context["metatags"] == ('<link rel="alternate" /><style>\n'
                                   + book_editions.l10n_css() + "\n</style>\n")
    assert book_editions.l10n_css(["en", "fr"]) == (
        'html[lang|="en"] .d2l-l10n > [lang="en"],\n'
        'html[lang|="fr"] .d2l-l10n > [lang="fr"] { display: block; }')
    stylesheet = (ROOT / "_static" / "editions.css").read_text(encoding="utf-8")
    assert ".d2l-l10n > [lang] { display: none;" in stylesheet  # shown only by those rules


@pytest.fixture
def repo_copy(tmp_path, monkeypatch):
    """The pages of the repository, copied, for tests that edit them."""
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks",
                    ignore=shutil.ignore_patterns("*.py"))
    for name in ("intro.md", "bibliography.md"):
        shutil.copy(ROOT / name, tmp_path / name)
    monkeypatch.setattr(editions, "ROOT", tmp_path)
    return tmp_path


def test_an_english_prose_edit_names_the_pages_to_look_at(repo_copy):
    page = repo_copy / "notebooks" / "data.md"
    assert "changed the scale" in page.read_text()
    page.write_text(page.read_text().replace("changed the scale",
                                             "changed the scale of everything"))
    found = editions.problems("zh")
    assert len(found) == 1 and found[0].startswith("notebooks/zh/data.md: the English page "
                                                   "notebooks/data.md changed")
    editions.stamp(repo_copy / "notebooks" / "zh" / "data.md")  # a translator looked
    assert editions.problems("zh") == []


def test_a_code_edit_does_not_ask_for_a_translation_but_for_a_sync(repo_copy):
    page = repo_copy / "notebooks" / "data.md"
    page.write_text(page.read_text().replace("import torch\n", "import torch  # tensors\n", 1))
    found = editions.problems("vi")
    assert len(found) == 1 and "code cells differ" in found[0] and "sync-code" in found[0]
    assert editions.sync_code(repo_copy / "notebooks" / "vi" / "data.md")
    assert editions.problems("vi") == []


def test_glue_labels_and_citations_must_match(repo_copy):
    page = repo_copy / "notebooks" / "zh" / "training.md"
    text = page.read_text()
    adam = "([Kingma and Ba, 2014](../../references.bib#kingma2014adam))"
    assert adam in text and "(sec-training)=" in text
    assert "{eval}`run_summary`" in text
    page.write_text(text.replace("{eval}`run_summary`", "", 1)
                    .replace(adam, "", 1)
                    .replace("(sec-training)=", "(sec-training-zh)=", 1))
    found = " ".join(editions.problems("zh"))
    assert "values quoted ({eval} roles) differ" in found
    assert "references differ from the English page: missing ['kingma2014adam']" in found
    assert "labels differ" in found


def test_every_quoted_value_is_a_variable_the_code_glues(repo_copy):
    """JupyterLab evaluates the variable of ``{eval}`name``` and the book reads the value
    glued as ``name``: both must exist, under the one name."""
    page = repo_copy / "notebooks" / "training.md"
    assert editions.eval_problems(page) == []
    text = page.read_text()
    assert 'image_gflops = d2l.book.glue("image_gflops"' in text
    page.write_text(text.replace('image_gflops = d2l.book.glue("image_gflops"',
                                 'gflops = d2l.book.glue("image_gflops"'))
    assert editions.eval_problems(page) == [
        'notebooks/training.md: {eval}`image_gflops` is not assigned as '
        'image_gflops = d2l.book.glue("image_gflops", ...)']
    page.write_text(text.replace('image_gflops = d2l.book.glue("image_gflops"',
                                 'image_gflops = d2l.book.glue("gflops"'))
    assert len(editions.eval_problems(page)) == 1
    page.write_text(text.replace("{eval}`cpu_hours`", "{eval}`cpu_days`"))
    assert "{eval}`cpu_days`" in editions.eval_problems(page)[0]


def test_catalogs_have_the_same_keys_and_placeholders():
    def fields(template):
        return sorted(f for _, f, _, _ in string.Formatter().parse(template) if f)
    english = CATALOGS["en"]
    for lang in LANGUAGES:
        assert set(CATALOGS[lang]) == set(english), lang
        for key, template in english.items():
            assert fields(CATALOGS[lang][key]) == fields(template), (lang, key)


# The sentences whose translation gives its values in another order than the English one,
# as a reader of the language checked them (each value beside its own words): (language,
# key) -> the placeholders in the order the translation shows them.
REORDERED = {
    ("zh", "run_summary"): ("device", "recipe", "scale", "accuracy", "rate", "precision",
                            "duration"),
    ("zh", "firstlayer_found"): ("train", "epochs", "acc", "change", "outside", "test", "agree"),
    ("zh", "training_found_laptop"): ("train", "epochs", "acc", "fit_s"),
    ("zh", "training_found_reference"): ("train", "epochs", "acc", "fit_s"),
    ("zh", "ex4_passed"): ("lenet_epochs", "lenet", "alexnet_epochs", "alexnet", "passed",
                           "tail", "lenet_gain", "alexnet_gain"),
    ("zh", "ex4_not_passed"): ("lenet_epochs", "lenet", "alexnet_epochs", "alexnet", "tail",
                               "lenet_gain", "alexnet_gain"),
    ("zh", "ex8_gap"): ("train", "epochs", "gap_none", "gap_drop"),
    ("zh", "ex8_gap_kept"): ("train", "epochs", "gap_none", "gap_drop"),
    ("zh", "ex8_gap_not_narrower"): ("train", "epochs", "gap_none", "gap_drop"),
    ("zh", "ex8_no_gap"): ("train", "epochs", "gap_none", "gap_drop"),
    ("zh", "ex8b_found"): ("train", "epochs", "gap_none", "gap_drop", "acc_none", "acc_drop"),
    ("zh", "mistakes_one_class"): ("share", "name"),
    ("zh", "notebook_of"): ("title", "text"),
    ("zh", "visualize_trend_rising"): ("first_layer", "first", "last_layer", "last"),
}


def shown_order(lang: str, key: str) -> tuple:
    """The placeholders of sentence ``key`` in the order its ``lang`` rendering shows their
    values: each one filled with its own number (1001, 2002, ...) and found as the English
    sentence's format spec writes it in ``lang``, so a value shown with other digits, or
    not at all, is missing from the order."""
    from d2l_local.locales import format_in
    specs = {}
    for _, name, spec, _ in string.Formatter().parse(CATALOGS["en"][key]):
        if name:
            specs.setdefault(name, spec)
    values = {name: 1001 * (i + 1) for i, name in enumerate(specs)}
    text = format_in(lang, CATALOGS[lang][key], **values)
    found = []
    for name, value in values.items():
        shown = format_in(lang, "{v:" + specs[name] + "}", v=value)
        found += [(m.start(), name) for m in re.finditer(re.escape(shown), text)]
    return tuple(name for _, name in sorted(found))


def test_a_translation_gives_each_value_where_the_english_does_or_as_reviewed():
    """A translation that swaps two values (the accuracy for the chance level, the training
    images for the test images) keeps the same placeholders, so comparing their names cannot
    see it. Each sentence is rendered with a distinct number per placeholder, and the order
    in which the values appear is compared with the English sentence's: a language may
    order them otherwise (Chinese puts the training images before the epochs), but only as
    REORDERED records after a reader checked that each value sits by its words. So a swap,
    in a sentence that keeps the English order or in one that was reordered, fails here
    until someone who reads the language has looked (a check by anchor words would need a
    second copy of every sentence's wording, per language, that any rewording breaks)."""
    for lang in TRANSLATIONS:
        for key in CATALOGS["en"]:
            english = shown_order("en", key)
            assert len(set(english)) == len(english), key  # each value shown once
            shown = shown_order(lang, key)
            assert sorted(shown) == sorted(english), (
                f"{lang} {key!r} does not show {sorted(set(english) - set(shown))} once, "
                "with the English sentence's digits")
            assert shown == REORDERED.get((lang, key), english), (
                f"{lang} {key!r} shows its values in the order {shown}, the English in "
                f"{english}: if that is how {lang} says it (each value by its own words), "
                "record it in REORDERED")
    for (lang, key), order in REORDERED.items():  # no stale record
        assert order != shown_order("en", key) and lang in TRANSLATIONS, (lang, key)


def test_every_translation_names_every_class():
    from d2l_local.data import TEXT_LABELS
    from d2l_local.locales import CLASS_NAMES
    for lang in LANGUAGES:
        if lang != "en":
            assert set(CLASS_NAMES[lang]) == set(TEXT_LABELS), lang
            assert len(set(CLASS_NAMES[lang].values())) == 10, lang  # no two alike


def test_a_glued_sentence_is_glued_in_every_language():
    text = book.say("ex8_gap", gap_none=0.123, gap_drop=0.045, epochs=30, train=1000)
    assert str(text).startswith("After 30 epochs on 1,000 images, the training accuracy "
                                "without dropout ended 0.123 above")
    book.glue("verdict", text)
    assert book.GLUED["verdict"] == str(text)
    assert "0.123" in book.GLUED["verdict__zh"] and "暂退法" in book.GLUED["verdict__zh"]
    assert "dropout" in book.GLUED["verdict__vi"] and "khoảng cách" in book.GLUED["verdict__vi"]
    book.glue("plain", "AlexNet, 224x224")  # a name, not a sentence: the same everywhere
    assert book.GLUED["plain__zh"] == book.GLUED["plain__vi"] == "AlexNet, 224x224"
    # sentences inside sentences are taken in the same language
    summary = book.say("run_summary", device="cpu", recipe=book.say("laptop recipe"),
                       accuracy=book.versus_chance(0.88), scale=book.run_scale(
                           [{"train_images": 60000, "val_images": 10000}]),
                       rate=284.0, precision="bf16", duration=book.duration(200))
    assert "笔记本电脑方案" in summary.in_language("zh") and "6万张" in summary.in_language("zh")
    assert "công thức" in summary.in_language("vi")
    # numbers as each language writes them (Babel): Vietnamese groups with a dot and
    # writes decimals with a comma
    assert "60.000 ảnh" in summary.in_language("vi") and "0,880" in summary.in_language("vi")
    assert "60,000" not in summary.in_language("vi")
    assert "3 分 20 秒" in summary.in_language("zh")
    assert "3 phút 20 giây" in summary.in_language("vi")
    with pytest.raises(KeyError, match="No sentence"):
        book.say("no such sentence")


def test_the_run_note_in_the_book_holds_every_language(quick):
    note = book.RunModeNote(book.run_mode_text("cpu"), static_book=True)
    html = note._repr_html_()
    assert [f'lang="{lang}"' in html for lang in LANGUAGES] == [True] * len(LANGUAGES)
    assert "快速模式" in html and "chế độ nhanh" in html
    assert book.RunModeNote(book.run_mode_text("cpu"), static_book=False)._repr_html_() is None


def test_language_follows_the_variable_then_the_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("D2L_LANG", raising=False)
    (tmp_path / "zh").mkdir()
    monkeypatch.chdir(tmp_path / "zh")
    assert config.language() == "zh"
    monkeypatch.chdir(tmp_path)
    assert config.language() == "en"
    monkeypatch.setenv("D2L_LANG", "vi")
    assert config.language() == "vi"
    monkeypatch.setenv("D2L_LANG", "fr")
    with pytest.raises(ValueError, match="D2L_LANG='fr' is not an edition"):
        config.language()


def test_the_switch_links_a_page_to_itself_in_each_edition():
    assert book_editions.link("notebooks/data", "en", "zh") == "../zh/notebooks/zh/data.html"
    assert book_editions.link("notebooks/zh/data", "zh", "en") == "../../../notebooks/data.html"
    assert book_editions.link("notebooks/zh/intro", "zh", "en") == "../../../intro.html"
    assert book_editions.link("intro", "en", "vi") == "vi/notebooks/vi/intro.html"
    assert book_editions.link("notebooks/vi/model", "vi", "zh") == \
        "../../../zh/notebooks/zh/model.html"
    assert book_editions.link("search", "en", "zh") == "zh/index.html"


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_colab_notebooks_of_an_edition(tmp_path, lang):
    pages = [ROOT / "notebooks" / lang / f"{p}.md" for p in ("exercises", "training")]
    written = make_notebooks.convert_all(pages, tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in written] == \
        [f"notebooks/{lang}/exercises.ipynb", f"notebooks/{lang}/training.ipynb"]
    text = written[0].read_text(encoding="utf-8")
    words = CATALOGS[lang]["notebook_exercise"], CATALOGS[lang]["notebook_references"]
    assert all(w in text for w in words) and "Exercise" not in text
    assert f'D2L_LANG\\", \\"{lang}\\"' in text  # the library's notes in the edition's language
    assert "% translation of" not in text and "{cite}" not in text and ":::" not in text
    # the note on where the numbers come from, in the edition's language
    assert make_notebooks.WORDS[lang]["values_missing"] in written[1].read_text(encoding="utf-8")


def test_glossary_has_every_term_in_three_languages():
    with open(ROOT / "editions" / "glossary.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) >= 50
    assert all(r["english"] and r["chinese"] and r["vietnamese"] for r in rows)


def test_the_books_are_built_afresh_when_the_library_or_the_scale_changes(tmp_path,
                                                                         monkeypatch):
    (tmp_path / "d2l_local").mkdir()
    module = tmp_path / "d2l_local" / "book.py"
    module.write_text("A = 1\n")
    monkeypatch.setattr(editions, "ROOT", tmp_path)
    html, quick, full = (tmp_path / "_build" / "html", editions.cache_dir("quick"),
                         editions.cache_dir("cpu"))
    assert editions.cache_guard("quick") is False  # nothing built yet: nothing to remove
    html.mkdir()
    (quick / "executed").mkdir()
    assert editions.cache_guard("quick") is False  # same library, same scale: all is kept
    assert html.is_dir() and (quick / "executed").is_dir()
    assert editions.cache_guard("cpu") is True  # another scale: the site goes, not the cache
    assert not html.exists() and (quick / "executed").is_dir() and full.is_dir()
    html.mkdir()
    (full / "executed").mkdir()
    module.write_text("A = 2\n")
    assert editions.cache_guard("cpu") is True  # another library: that scale starts afresh
    assert not html.exists() and not (full / "executed").exists()
    assert (quick / "executed").is_dir()  # until the quick book is built again
    assert editions.cache_guard("quick") is True and not (quick / "executed").exists()


def test_each_scale_builds_with_its_own_cache(tmp_path, monkeypatch):
    import yaml
    (tmp_path / "d2l_local").mkdir()
    (tmp_path / "d2l_local" / "book.py").write_text("A = 1\n")
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    monkeypatch.setattr(editions, "ROOT", tmp_path)
    config = editions.prepare("cpu")
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    assert settings["execute"]["cache"] == str(editions.cache_dir("cpu"))
    assert settings["title"] == yaml.safe_load(
        (tmp_path / "_config.yml").read_text(encoding="utf-8"))["title"]
    zh = yaml.safe_load((editions.edition_config("zh", "cpu") / "_config.yml").read_text(
        encoding="utf-8"))
    assert zh["execute"]["cache"] == settings["execute"]["cache"]
    # a full-size cell may train for an hour on a busy machine; quick mode keeps its limit
    assert settings["execute"]["timeout"] == editions.FULL_SIZE_CELL_TIMEOUT >= 3600
    quick = yaml.safe_load(editions.prepare("quick").read_text(encoding="utf-8"))
    assert quick["execute"]["timeout"] == 1800
    assert zh["sphinx"]["config"]["d2l_edition"] == "zh"
    # the book's repository buttons name the publishing repository (a fork: the fork)
    monkeypatch.setenv("D2L_REPOSITORY_URL", "https://github.com/a-fork/alexnet-chapter")
    vi = yaml.safe_load((editions.edition_config("vi", "cpu") / "_config.yml").read_text(
        encoding="utf-8"))
    assert vi["repository"]["url"] == "https://github.com/a-fork/alexnet-chapter"


def test_the_teaching_page_runs_after_the_pages_it_times():
    """Its plans read the timings the other pages write as they run: it is read last."""
    names = ["intro", "notebooks/alexnet", "notebooks/teaching", "notebooks/training",
             "notebooks/visualize", "notebooks/zh/teaching", "notebooks/zh/training"]
    book_editions.teaching_last(None, None, names)
    assert names == ["intro", "notebooks/alexnet", "notebooks/training", "notebooks/visualize",
                     "notebooks/zh/training", "notebooks/teaching", "notebooks/zh/teaching"]
    assert (book_editions.teaching_last, ) == tuple(
        handler for event, handler in _connected() if event == "env-before-read-docs")


def _connected():
    """The (event, handler) pairs book_editions' setup connects."""
    calls = []

    class App:
        def connect(self, event, handler, priority=500):
            calls.append((event, handler))

        def __getattr__(self, name):
            return lambda *a, **k: None
    book_editions.setup(App())
    return calls


def test_icon_only_toggles_get_a_name_in_the_pages_language():
    from book_editions import name_toggles
    theme = ('<details open="open"><summary><span class="toctree-toggle" role="presentation">'
             '<i class="fa-solid fa-chevron-down"></i></span></summary><ul></ul></details>')
    named = name_toggles(theme, "zh")
    assert '<summary aria-label="展开或收起本节的页面"><span class="toctree-toggle"' in named
    assert named.endswith("</summary><ul></ul></details>")
    texted = "<details><summary>Show code cell source</summary></details>"
    assert name_toggles(texted, "en") == texted  # a summary with text keeps it
    labelled = '<summary aria-label="x"><i></i></summary>'
    assert name_toggles(labelled, "vi") == labelled


def test_hidden_code_toggles_speak_the_editions_language():
    """myst-nb writes 'Show code cell source' on every hide-input cell's toggle; each
    edition's config gives it the words of its catalog."""
    import yaml
    for lang, show in (("en", "Show code cell source"), ("zh", "显示代码"),
                       ("vi", "Hiện mã nguồn")):
        config = yaml.safe_load((editions.edition_config(lang, "quick") / "_config.yml")
                                .read_text(encoding="utf-8"))["sphinx"]["config"]
        assert config["nb_code_prompt_show"] == show
        assert config["nb_code_prompt_hide"] == CATALOGS[lang]["code_hide"] != show


def test_figures_drawn_by_code_have_their_caption_in_every_language(monkeypatch, tmp_path):
    assert editions.caption_problems() == []
    table = book_editions.captions()
    assert {"fig-dataset-scale", "fig-activation-gradients"} <= set(table)
    assert table["fig-activation-gradients"]["zh"] == "ReLU 和 sigmoid（左）及其导数（右）。"
    stale = tmp_path / "captions.csv"
    text = book_editions.CAPTIONS.read_text(encoding="utf-8")
    stale.write_text(text.replace("their derivatives (right)", "their slopes (right)"),
                     encoding="utf-8")
    monkeypatch.setattr(book_editions, "CAPTIONS", stale)
    assert editions.caption_problems() == [
        "editions/captions.csv: the English caption of fig-activation-gradients is not the "
        "one in notebooks/model.md; update it and its translations"]


def test_the_chinese_book_and_notebook_show_the_chinese_caption(tmp_path):
    from docutils import nodes
    figure = nodes.figure(ids=["fig-activation-gradients"])
    figure += nodes.caption("", "ReLU and sigmoid (left) and their derivatives (right).")
    doctree = nodes.section()
    doctree += figure

    class App:
        class config:
            d2l_edition = "zh"
    book_editions.translate_captions(App, doctree)
    assert figure.next_node(nodes.caption).astext() == "ReLU 和 sigmoid（左）及其导数（右）。"
    [path] = make_notebooks.convert_all([ROOT / "notebooks" / "zh" / "model.md"], tmp_path)
    sources = [c.source for c in nbformat.read(path, as_version=4).cells]
    assert "*图 6: ReLU 和 sigmoid（左）及其导数（右）。*" in sources


def test_each_edition_keeps_the_words_its_glossary_chose():
    """Where the glossary says a language keeps one word for a term and not another
    ("vi keeps pixel ... (not điểm ảnh)"), that edition's pages and catalog never write the
    other: a reader should not meet one thing under two names."""
    with open(ROOT / "editions" / "glossary.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    rules = [(m["lang"], m["avoid"]) for r in rows for m in
             [re.match(r"(?P<lang>zh|vi) keeps .*\(not (?P<avoid>[^)]+)\)", r["note"])] if m]
    assert ("vi", "điểm ảnh") in rules
    for lang, avoid in rules:
        files = [*sorted((ROOT / "notebooks" / lang).glob("*.md")),
                 ROOT / "d2l_local" / "locales" / f"{lang}.py"]
        found = [f.name for f in files if avoid.lower() in f.read_text(encoding="utf-8").lower()]
        assert not found, f"{found} write {avoid!r} where the glossary keeps another word"


def test_vietnamese_titles_are_in_sentence_case():
    """Vietnamese writes a title as a sentence: a capital for its first word (and after a
    colon) and for names (AlexNet, ReLU, Fashion-MNIST), not for every word, as English
    titles do."""
    names, found = {"Adam", "Xavier", "Krizhevsky"}, []
    for page in sorted((ROOT / "notebooks" / "vi").glob("*.md")):
        in_code = False
        for line in page.read_text(encoding="utf-8").splitlines():
            in_code ^= line.startswith("```")  # a code cell's comments are not titles
            if in_code or not re.match(r"#+ ", line):
                continue
            for part in line.lstrip("#").split(":"):
                words = part.split()[1:]  # the first word of a part keeps its capital
                found += [f"{page.name}: {line}" for w in words if w not in names
                          and w[:1].isupper() and w[1:].islower() and w[1:].isalpha()]
    assert found == []
