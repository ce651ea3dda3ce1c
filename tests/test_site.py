"""The built book, opened in headless Chromium with no network (run by `make book`)."""

import shutil

import pytest

from .browser import OUTPUT, ROOT, offline_page

pytestmark = pytest.mark.site
SITE = ROOT / "_build" / "html"


def test_training_page_shows_frozen_panel_and_precomputed_run_offline():
    page_file = SITE / "notebooks" / "training.html"
    assert page_file.is_file(), "build the book first: make book"
    with offline_page(["file://"]) as page:
        page.goto(page_file.as_uri())
        panel = page.locator(".d2l-panel-static")
        panel.wait_for(timeout=30_000)
        text = panel.inner_text()
        assert "needs a live Python kernel" in text and "launch buttons" in text
        assert "finished" in page.locator(".d2l-panel-static .d2l-runs").inner_text()
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
                 "notebooks/training", "notebooks/exercises"):
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
