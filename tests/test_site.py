"""The built book, opened in headless Chromium with no network (run by `make book`)."""

import json
import re
import shutil
import sys

import pytest

from .browser import OUTPUT, ROOT, offline_page

SITE = ROOT / "_build" / "html"
pytestmark = [pytest.mark.site,
              pytest.mark.skipif(not (SITE / "index.html").is_file(),
                                 reason="the book is not built: make book builds it, then "
                                        "runs these tests")]


def test_training_page_shows_frozen_panel_and_precomputed_run_offline():
    page_file = SITE / "notebooks" / "training.html"
    assert page_file.is_file(), "build the book first: make book"
    with offline_page(["file://"]) as page:
        page.goto(page_file.as_uri())
        panel = page.locator(".d2l-panel-static")
        panel.wait_for(timeout=30_000)
        text = panel.inner_text()
        assert "needs a live Python kernel" in text and "launch buttons" in text
        # it holds every language, and the page shows its own (editions.css)
        shown = panel.locator("[lang]:visible")
        assert shown.count() == 1 and shown.get_attribute("lang") == "en"
        assert "finished" in shown.locator(".d2l-runs").inner_text()
        # every image on the page (the precomputed run's curves included) has loaded
        broken = page.evaluate("Array.from(document.images)"
                               ".filter(i => !(i.complete && i.naturalWidth > 0))"
                               ".map(i => i.src)")
        assert broken == []
        # the curves of the run made while the page was built, beside the frozen panel
        curves = page.locator(".cell_output:has(.d2l-panel-static) img")
        assert curves.count() == 1
        assert curves.evaluate("i => i.complete && i.naturalWidth > 300")
        panel.scroll_into_view_if_needed()
        page.screenshot(path=str(OUTPUT / "book-training-panel.png"))
        # no widget JavaScript, nothing at all, was asked of a CDN or any other host
        assert page.refused == []


def test_every_page_of_the_toc_was_built():
    for name in ("intro", "bibliography", "notebooks/alexnet", "notebooks/features",
                 "notebooks/data", "notebooks/hardware", "notebooks/model",
                 "notebooks/training", "notebooks/visualize", "notebooks/firstlayer",
                 "notebooks/exercises", "notebooks/teaching"):
        assert (SITE / f"{name}.html").is_file(), name


def test_math_renders_offline_from_the_site_itself():
    if shutil.which("npm") is None:
        pytest.skip("no npm here: make book could not fetch MathJax, pages use its CDN")
    page_file = SITE / "notebooks" / "model.html"
    assert page_file.is_file(), "build the book first: make book"
    assert (SITE / "_static" / "mathjax" / "tex-mml-chtml.js").is_file(), \
        "make book fetches MathJax with npm; without npm the pages use its CDN"
    with offline_page(["file://"]) as page:
        page.goto(page_file.as_uri())
        page.wait_for_selector("mjx-container", timeout=30_000)  # MathJax typeset the page
        assert page.locator("mjx-container").count() > 3
        assert page.refused == []


PAGES = ["notebooks/alexnet", "notebooks/features", "notebooks/data", "notebooks/hardware",
         "notebooks/model", "notebooks/training", "notebooks/visualize", "notebooks/firstlayer",
         "notebooks/exercises", "notebooks/teaching"]


def test_launch_and_download_links_name_the_generated_notebooks():
    sys.path.insert(0, str(ROOT / "tools"))
    import make_notebooks
    myst = re.compile(r"\{(cite|ref|numref|glue|eval)[^}]*\}`|^:::|^```\{", re.M)
    for page in PAGES:
        html = (SITE / f"{page}.html").read_text()
        colab = re.findall(r'href="(https://colab\.research\.google\.com/[^"]+)"', html)
        assert colab == [make_notebooks.colab_url(page)], (page, colab)
        # the file the Colab link names is the one the site carries and publishes
        branch = f"/{make_notebooks.NOTEBOOKS_BRANCH}/"
        published = SITE / "_notebooks" / colab[0].split(branch)[1]
        assert published.is_file(), published
        downloads = [h for h in re.findall(r'href="([^"]+\.ipynb)"', html)
                     if not h.startswith("http")]
        assert downloads, page
        for href in downloads:
            target = ((SITE / page).parent / href).resolve()
            assert target == published.resolve(), (page, href)
        cells = json.loads(published.read_text())["cells"]
        assert not any(myst.search("".join(c["source"])) for c in cells
                       if c["cell_type"] == "markdown"), page


@pytest.mark.parametrize("width", [1280, 390])  # a laptop and a phone
def test_pages_say_how_they_were_run_and_log_no_errors(width):
    with offline_page(["file://"], viewport=(width, 900)) as page:
        errors = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        for name in PAGES:
            page.goto((SITE / f"{name}.html").as_uri())
            page.wait_for_load_state("load")
            # the run-mode note, once, in the page's language, with the time the page took
            # (added by finish_page() through a display update, which the build must keep)
            banner = page.locator("blockquote.d2l-run-mode")
            assert banner.count() == 1 and banner.first.is_visible(), name
            said = banner.first.inner_text()
            assert said.startswith("This page ran "), (name, said)
            assert "It took" in said and "is added here" not in said, (name, said)
            # nothing wider than the window: no sideways scrolling of the page itself
            overflow = page.evaluate("document.documentElement.scrollWidth"
                                     " - document.documentElement.clientWidth")
            assert overflow <= 1, (name, width, overflow)
        page.goto((SITE / "notebooks" / "training.html").as_uri())
        page.locator(".d2l-panel-static").scroll_into_view_if_needed()
        page.screenshot(path=str(OUTPUT / f"book-training-{width}.png"))
        assert errors == [], errors
        assert page.refused == []


def test_the_sidebar_names_the_book_once():
    with offline_page(["file://"]) as page:
        page.goto((SITE / "notebooks" / "data.html").as_uri())
        nav = page.locator(".bd-sidebar-primary").inner_text()
        assert nav.count("Deep Convolutional Neural Networks (AlexNet)") == 1, nav
        assert nav.count("AlexNet, an interactive chapter") <= 1, nav


def test_colab_notebooks_number_figures_and_exercises_as_the_book_does():
    """The book numbers through the chapter (Fig. 5 is the model page's first figure); the
    generated notebook of each page must use the same numbers."""
    for name in PAGES:
        html = (SITE / f"{name}.html").read_text(encoding="utf-8")
        book = re.findall(r'caption-number">(?:Fig\.|Exercise) (\d+)', html)
        notebook = json.loads((SITE / "_notebooks" / f"{name}.ipynb").read_text())
        text = "\n\n".join("".join(c["source"]) for c in notebook["cells"]
                       if c["cell_type"] == "markdown")
        colab = re.findall(r"^\*Figure (\d+):|^### Exercise (\d+)$", text, re.M)
        colab = [a or b for a, b in colab]
        assert sorted(set(book), key=int) == sorted(set(colab), key=int), (name, book, colab)
