"""JupyterLab in headless Chromium: run the training notebook, use the panel, see the run."""

import os
import subprocess
import sys
import time
import urllib.request

import pytest

from .browser import OUTPUT, ROOT, free_port, offline_page

pytestmark = pytest.mark.browser


@pytest.fixture
def lab(tmp_path):
    nb_dir = tmp_path / "notebooks"
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_notebooks.py"), str(nb_dir),
                    str(ROOT / "notebooks" / "training.md")], check=True, capture_output=True)
    port = free_port()
    env = dict(os.environ, D2L_QUICK="1", D2L_OFFLINE="1", D2L_NO_PROGRESS="1",
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "lab-settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"))
    log = open(tmp_path / "lab.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
         f"--port={port}", "--ServerApp.ip=127.0.0.1", "--ServerApp.token=",
         "--ServerApp.password=", f"--ServerApp.root_dir={nb_dir}"],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status", timeout=2)
            break
        except OSError:
            if time.time() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("JupyterLab did not start:\n" + (tmp_path / "lab.log").read_text())
            time.sleep(0.5)
    yield base
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def test_training_panel_in_jupyterlab(lab):
    with offline_page([lab]) as page:
        page.goto(f"{lab}/lab/tree/training.ipynb")
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        page.get_by_text("| Idle").first.wait_for(timeout=120_000)  # the kernel is ready
        page.locator(".lm-MenuBar-item", has_text="Run").first.click()
        page.locator(".lm-Menu-item", has_text="Run All Cells").first.click()
        runs = page.locator(".d2l-runs tr")
        # the notebook's own run: header plus one finished row
        page.wait_for_selector(".d2l-runs td:text-is('finished')", timeout=400_000)
        page.locator(".widget-dropdown", has_text="optimizer").locator("select") \
            .select_option(label="Adam")
        page.locator(".widget-dropdown", has_text="input size").locator("select") \
            .select_option(label="96")
        page.locator(".widget-button", has_text="Train").click()
        deadline = time.time() + 300
        while time.time() < deadline:
            if runs.count() == 3 and "finished" in runs.nth(2).inner_text():
                break
            time.sleep(1)
        second = runs.nth(2).inner_text()
        page.locator(".d2l-runs").scroll_into_view_if_needed()
        page.screenshot(path=str(OUTPUT / "jupyterlab-panel.png"))
        assert "finished" in second and "adam" in second and "96" in second, second
        assert "finished" in runs.nth(1).inner_text()
        assert not page.refused, page.refused  # nothing outside localhost was needed
