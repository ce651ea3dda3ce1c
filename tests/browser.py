"""Shared helpers for the browser tests: Debian's Chromium driven by Playwright, offline."""

import socket
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
OUTPUT = ROOT / "test-output" / "browser"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def offline_page(allowed_prefixes, viewport=(1400, 1000)):
    """A page whose requests outside ``allowed_prefixes`` are refused (and recorded)."""
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: apt-get install -y chromium (make test's "
                    ".ci/run does this)")
    from playwright.sync_api import sync_playwright
    OUTPUT.mkdir(parents=True, exist_ok=True)
    refused = []

    def route(r):
        url = r.request.url
        if url.startswith(tuple(allowed_prefixes)) or url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            refused.append(url)
            r.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
            page.route("**/*", route)
            page.refused = refused
            yield page
        finally:
            browser.close()
