"""The Chinese and Vietnamese editions of the built book, in headless Chromium: every page
has a language switch that reaches the same page in the other editions, the theme speaks
the page's language, the run note shows only the page's language, and Chinese and
Vietnamese text is drawn with real glyphs (no tofu boxes)."""

import re

import pytest

from d2l_local.locales import CATALOGS, HTML_LANG, TRANSLATIONS

from .browser import OUTPUT, offline_page
from .test_site import SITE

pytestmark = [pytest.mark.site,
              pytest.mark.skipif(not all((SITE / lang / "index.html").is_file()
                                         for lang in TRANSLATIONS),
                                 reason="the editions are not built: make book builds them, "
                                        "then runs these tests")]

PAGES = ["intro", "alexnet", "features", "data", "hardware", "model", "training",
         "visualize", "firstlayer", "exercises", "teaching", "bibliography"]
LANG = HTML_LANG  # each edition's page language (d2l_local.locales)


def page_file(edition, page):
    if edition == "en":
        return SITE / (f"{page}.html" if page in ("intro", "bibliography")
                       else f"notebooks/{page}.html")
    return SITE / edition / "notebooks" / edition / f"{page}.html"


def test_every_page_of_every_edition_links_to_itself_in_the_others():
    for edition in LANG:
        for page in PAGES:
            path = page_file(edition, page)
            html = path.read_text(encoding="utf-8")
            assert f'<html lang="{LANG[edition]}"' in html, (path, "lang attribute")
            switch = re.search(r'<nav class="d2l-editions".*?</nav>', html, re.S)
            assert switch, f"{path}: no language switch"
            links = dict((lang, href) for href, lang in re.findall(
                r'<a href="([^"]+)" hreflang="[^"]+" lang="([^"]+)"', switch.group(0)))
            assert set(links) == {LANG[e] for e in LANG if e != edition}, (path, links)
            for other in LANG:
                if other == edition:
                    continue
                target = (path.parent / links[LANG[other]]).resolve()
                assert target == page_file(other, page).resolve(), (path, other, target)
                assert target.is_file(), target


def test_translated_pages_carry_their_glued_sentences_in_their_language():
    for edition, word in (("zh", "测试"), ("vi", "kiểm tra")):
        html = page_file(edition, "training").read_text(encoding="utf-8")
        text = re.sub(r"<[^>]+>", "", html)
        assert "reached a test accuracy" not in text  # the English sentence is not glued in
        assert word in text


def test_hidden_code_toggles_are_in_the_editions_language():
    for edition, words in (("zh", "显示代码"), ("vi", "Hiện mã nguồn")):
        html = page_file(edition, "training").read_text(encoding="utf-8")
        assert words in html and "Show code cell" not in html, edition


def test_the_themes_words_are_in_the_editions_language():
    """The header's buttons, the sidebars' toggles, the search box, the keyboard's first
    link: the book's words (editions/locales, tests/test_theme_words.py), not the themes'
    English nor the Taiwanese wording of sphinx-book-theme's zh_CN catalog."""
    english = ['title="Print to PDF"', "列印", "Skip to main content", "Back to top",
               'title="Toggle primary sidebar"', 'aria-label="Main"', "Search this book"]
    for edition, words in (
            ("zh", ['title="打印为 PDF"', "跳转至主要内容", 'title="显示或隐藏导航栏"',
                    'placeholder="搜索本书……"']),
            ("vi", ['title="In sang PDF"', "Chuyển đến nội dung chính", "Lên đầu trang",
                    'title="Hiện hoặc ẩn thanh điều hướng"', 'placeholder="Tìm trong sách..."'])):
        html = page_file(edition, "data").read_text(encoding="utf-8")
        assert [w for w in words if w not in html] == [], edition
        assert [w for w in english if w in html] == [], edition


@pytest.mark.parametrize("edition, copy", [("zh", "复制"), ("vi", "Sao chép"), ("en", "Copy")])
def test_the_copy_button_says_copy_in_the_editions_language(edition, copy):
    with offline_page(["file://"], viewport=(1280, 900)) as page:
        page.goto(page_file(edition, "model").as_uri())
        button = page.locator("button.copybtn").first
        button.wait_for(state="attached", timeout=30_000)
        assert button.get_attribute("data-tooltip") == copy
        assert page.refused == []


def test_the_outputs_that_are_sentences_hold_the_editions_language():
    """One execution serves every edition: a sentence the code displays (no recorded GPU
    run) or a message the library prints (where it trains) is there in every language,
    each page showing its own (.d2l-l10n)."""
    for edition, no_run in (("zh", "本书的这一份没有附带这样的运行"),
                            ("vi", "Bản sách này không kèm lần chạy nào như vậy")):
        html = page_file(edition, "training").read_text(encoding="utf-8")
        assert re.search(rf'<p lang="{edition}">{no_run}', html), edition
        trains = CATALOGS[edition]["msg_training_on"].split("{device}")  # 在 {device} 上训练。
        assert re.search(rf'<pre lang="{edition}">{re.escape(trains[0])}[^<]*'
                         rf'{re.escape(trains[1])}</pre>', html), edition
        model = page_file(edition, "model").read_text(encoding="utf-8")  # the printed table
        assert f'<pre lang="{edition}">{CATALOGS[edition]["table_layer"]} ' in model, edition


def test_figures_are_numbered_in_the_editions_language():
    numbers = {e: re.findall(r"(Fig\.|图|Hình) \d+", page_file(e, "model").read_text(
        encoding="utf-8")) for e in ("en", "zh", "vi")}
    assert numbers["en"] and set(numbers["en"]) == {"Fig."}
    assert numbers["zh"] and set(numbers["zh"]) == {"图"}
    assert numbers["vi"] and set(numbers["vi"]) == {"Hình"}


def test_figures_drawn_by_code_have_their_caption_in_the_editions_language():
    for edition, caption in (("zh", "ReLU 和 sigmoid（左）及其导数（右）。"),
                             ("vi", "ReLU và sigmoid (bên trái) cùng đạo hàm của chúng")):
        text = re.sub(r"<[^>]+>", "", page_file(edition, "model").read_text(encoding="utf-8"))
        assert caption in text and "and their derivatives (right)" not in text


def test_figures_drawn_by_code_say_their_words_in_the_editions_language():
    """Every figure of the book's execution was rendered in Chinese and Vietnamese too, with
    no word the catalogs cannot translate, and each edition's site shows its own."""
    import hashlib
    import sys

    from jupyter_cache import get_cache

    from .browser import ROOT
    sys.path.insert(0, str(ROOT / "tools"))
    import book_editions

    import editions
    scale = (ROOT / "_build" / "built-from").read_text().split()[0]  # editions.cache_guard
    cache = get_cache(editions.cache_dir(scale))
    notebooks = [cache.get_cache_bundle(r.pk).nb for r in cache.list_cache_records()]
    assert book_editions.untranslated_figure_words(notebooks) == {}
    for edition in TRANSLATIONS:
        drawn = book_editions.image_outputs(notebooks, edition)
        own = {sha: png for sha, (_, png) in drawn.items() if png is not None}
        assert len(own) >= 10, edition  # the confusion matrix, the curves, the grids, ...
        for sha, png in own.items():
            site_file = SITE / edition / "_images" / f"{sha}.png"
            english = SITE / "_images" / f"{sha}.png"
            if site_file.is_file():
                assert site_file.read_bytes() == png, site_file
                assert hashlib.sha256(english.read_bytes()).hexdigest() == sha


# A character no installed font draws (Tangut), and the check that tells it from a real one.
MISSING = "\U00017000"
TOFU_JS = """([chars, missing]) => {
  const font = getComputedStyle(document.querySelector('article') || document.body).fontFamily;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 48;
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  const draw = c => { ctx.clearRect(0, 0, 48, 48); ctx.font = `32px ${font}`;
                      ctx.fillText(c, 4, 36); return ctx.getImageData(0, 0, 48, 48).data.join(); };
  const box = draw(missing);
  return chars.filter(c => draw(c) === box);
}"""


def tofu(page, text):
    chars = sorted({c for c in text if ord(c) > 0x2FF and not c.isspace()})
    return chars, page.evaluate(TOFU_JS, [chars + [MISSING], MISSING])


@pytest.mark.parametrize("edition", TRANSLATIONS)
def test_text_is_drawn_with_real_glyphs_and_the_switch_works(edition):
    path = page_file(edition, "data")
    with offline_page(["file://"], viewport=(1280, 900)) as page:
        page.goto(path.as_uri())
        page.wait_for_selector("article")
        text = page.locator("article").inner_text()
        chars, boxes = tofu(page, text)
        assert len(chars) > (300 if edition == "zh" else 20)
        assert boxes == [MISSING], f"drawn as tofu: {boxes[:-1][:20]}"  # the check works
        # the run note says how the page ran, in the page's language only
        note = page.locator(".d2l-run-mode")
        assert note.count() == 1
        visible = note.locator("p:visible")
        assert visible.count() == 1 and visible.get_attribute("lang") == edition
        page.screenshot(path=str(OUTPUT / f"book-{edition}-data.png"))
        # the switch takes the reader to the same page in English
        page.locator(".d2l-editions a[hreflang='en']").click()
        page.wait_for_load_state()
        assert page.url.endswith("/notebooks/data.html")
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator(".d2l-run-mode p:visible").get_attribute("lang") == "en"
        assert page.refused == []


@pytest.mark.parametrize("edition", ["zh", "vi"])
def test_the_frozen_panel_speaks_the_editions_language(edition):
    """The training panel's frozen HTML holds every language (one execution serves the
    three editions); the page shows its own, the table's headers and statuses too."""
    from d2l_local import runs
    with offline_page(["file://"], viewport=(1280, 900)) as page:
        page.goto(page_file(edition, "training").as_uri())
        shown = page.locator(".d2l-panel-static [lang]:visible")
        shown.first.wait_for(timeout=30_000)
        assert shown.count() == 1 and shown.get_attribute("lang") == edition
        table = shown.locator(".d2l-runs")
        assert table.locator("th").first.inner_text() == runs.phrase("panel_column_run",
                                                                     edition)
        assert runs.status_word("finished", edition) in table.inner_text()
        assert "needs a live Python kernel" not in page.locator("article").inner_text()
        assert page.refused == []


def test_launch_links_of_the_editions_name_their_generated_notebooks():
    import sys
    sys.path.insert(0, str(SITE.parent.parent / "tools"))
    import make_notebooks
    for edition in TRANSLATIONS:
        for page in PAGES[1:-1]:
            html = page_file(edition, page).read_text(encoding="utf-8")
            colab = re.findall(r'href="(https://colab\.research\.google\.com/[^"]+)"', html)
            pagename = f"notebooks/{edition}/{page}"
            assert colab == [make_notebooks.colab_url(pagename)], (pagename, colab)
            published = SITE / edition / "_notebooks" / f"{pagename}.ipynb"
            assert published.is_file(), published
            download = re.findall(r'href="([^"]*_notebooks/[^"]+\.ipynb)"', html)
            assert download and (page_file(edition, page).parent / download[0]).resolve() \
                == published.resolve(), (pagename, download)


def test_printed_tables_fit_their_box_on_a_laptop():
    # seen at 1280 px: the result tables of exercises 4, 5 and 7 ran past the solution
    # box, whose scrolling cut their last column (the seconds), and the zh history table
    # of the training page cut its last header. (The panel's runs table scrolls in a
    # region of its own, by design.)
    script = """() => Array.from(document.querySelectorAll('.cell_output table'))
        .filter(t => t.offsetParent && !t.classList.contains('d2l-runs'))
        .map(t => [t.getBoundingClientRect().right,
                   t.closest('.cell_output').getBoundingClientRect().right,
                   t.classList.contains('dataframe') && t.querySelector('tbody td')
                   ? getComputedStyle(t.querySelector('tbody td')).textAlign : 'right'])"""
    with offline_page(["file://"], viewport=(1280, 900)) as page:
        for edition in LANG:
            for name in PAGES[1:-1]:  # the pages with code
                page.goto(page_file(edition, name).as_uri())
                page.wait_for_load_state("load")
                page.locator(".solution button.toggle-button").evaluate_all(
                    "buttons => buttons.forEach(b => b.click())")
                page.wait_for_timeout(100)
                tables = page.evaluate(script)
                wide = [(round(t), round(box)) for t, box, _ in tables if t > box + 1]
                assert not wide, (edition, name, wide)
                # numbers under their right-aligned headers (vi read "61.706 2" as one)
                assert {align for *_, align in tables} <= {"right"}, (edition, name)
                if name == "exercises":
                    assert len(tables) >= 10, (edition, len(tables))  # solutions open
