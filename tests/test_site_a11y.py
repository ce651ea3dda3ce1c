"""Accessibility of the built book: axe-core's WCAG 2 A and AA rules find no violation on
any page of any edition, at laptop and phone width (run by `make book`).

axe-core is the one `make book` fetches with npm (build/npm/axe-core, the version pinned
in the Makefile), else the copy bundled with the axe-playwright-python package."""

import json
from pathlib import Path

import pytest

from .browser import ROOT, offline_page
from .test_site import SITE
from .test_site_editions import LANG, PAGES, page_file

pytestmark = [pytest.mark.site,
              pytest.mark.skipif(not (SITE / "zh" / "index.html").is_file(),
                                 reason="the book is not built: make book builds it, then "
                                        "runs these tests")]

TAGS = ["wcag2a", "wcag2aa"]  # WCAG 2 (2.0), levels A and AA


def axe_script() -> str:
    fetched = ROOT / "build" / "npm" / "axe-core" / "axe.min.js"
    if fetched.is_file():
        return fetched.read_text(encoding="utf-8")
    import axe_playwright_python
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(
        encoding="utf-8")


def violations(page) -> list[dict]:
    """axe-core's violations of the page, each as rule, impact and the first elements."""
    found = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})).violations", TAGS)
    return [{"rule": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"][:3]], "count": len(v["nodes"])}
            for v in found]


@pytest.mark.parametrize("width", [1280, 390])  # a laptop and a phone
def test_no_page_of_any_edition_has_an_axe_violation(width):
    script, report = axe_script(), {}
    with offline_page(["file://"], viewport=(width, 900)) as page:
        for edition in LANG:
            for name in PAGES:
                page.goto(page_file(edition, name).as_uri())
                page.wait_for_load_state("load")
                page.evaluate(script)
                found = violations(page)
                if found:
                    report[f"{edition}/{name}"] = found
    assert report == {}, json.dumps(report, indent=1, ensure_ascii=False)[:6000]


def test_the_check_sees_the_faults_the_book_repairs():
    """Undo the two repairs on the training page (the theme's unnamed sidebar toggles, the
    frozen panel's table that scrolls without being focusable): the check must see both."""
    script = axe_script()
    with offline_page(["file://"], viewport=(1280, 900)) as page:
        page.goto(page_file("en", "training").as_uri())
        page.wait_for_load_state("load")
        page.evaluate(script)
        assert violations(page) == []
        page.evaluate("""() => {
            document.querySelectorAll('summary[aria-label]').forEach(
                s => { if (!s.textContent.trim()) s.removeAttribute('aria-label'); });
            document.querySelectorAll('.d2l-panel-static [tabindex]').forEach(
                d => d.removeAttribute('tabindex'));
        }""")
        rules = {v["rule"] for v in violations(page)}
    assert {"summary-name", "scrollable-region-focusable"} <= rules, rules


def test_every_figure_of_a_run_says_what_it_shows_in_its_editions_language():
    """The images that the pages' code draws have as ``alt`` the description
    d2l_local.plotting made from their data, in the page's language, not myst-nb's path."""
    import re
    images = {}
    for edition in LANG:
        for name in PAGES:
            html = page_file(edition, name).read_text(encoding="utf-8")
            for alt, digest in re.findall(
                    r'<img alt="([^"]*)" src="[^"]*_images/([0-9a-f]{64})\.png"', html):
                images.setdefault(edition, []).append((name, digest, alt))
    assert set(images) == set(LANG) and all(len(found) >= 10 for found in images.values())
    paths = [(e, n, a) for e, found in images.items() for n, _, a in found if "_images/" in a]
    assert paths == []
    english = {d: a for _, d, a in images["en"]}
    for edition, found in images.items():
        for name, digest, alt in found:
            if edition != "en":  # the same figure, described in this edition's language
                assert alt != english[digest], (edition, name, alt)
    curves = [a for n, _, a in images["en"] if n == "training" and a.startswith("A plot of")]
    assert curves and "train_loss goes from" in curves[0], curves
    zh = [a for n, _, a in images["zh"] if n == "training"]
    assert any("曲线" in a for a in zh), zh
