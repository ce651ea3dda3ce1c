"""JupyterLab in headless Chromium: the chapter's pages as a reader opens them (MyST
rendered, outputs kept across a reload, nothing tracked rewritten), and the training panel
in a generated Colab notebook."""

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from .browser import OUTPUT, ROOT, free_port, offline_page

pytestmark = pytest.mark.browser
VIEWERS = {"@jupyterlab/docmanager-extension:plugin": {
    "defaultViewers": {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}}}


@contextmanager
def jupyterlab(root_dir, tmp_path, settings=None, args=()):
    """A JupyterLab server on localhost for tests only (no token), .md opening as notebooks;
    ``settings``: more user settings, {"@scope/extension:plugin": {...}}; ``args``: more
    command-line options."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    user_settings = tmp_path / "user-settings"
    for name, values in {**VIEWERS, **(settings or {})}.items():
        extension, plugin = name.split(":")
        path = user_settings / extension / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    port = free_port()
    env = dict(os.environ, D2L_QUICK="1", D2L_OFFLINE="1", D2L_NO_PROGRESS="1",
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(user_settings),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"))
    env.pop("MPLBACKEND", None)  # the kernel draws inline, as a reader's does (conftest: Agg)
    log = open(tmp_path / "lab.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
         f"--port={port}", "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=",
         "--ServerApp.password=", f"--ServerApp.root_dir={root_dir}", *args],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root_dir)
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
    try:
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def run_all(page):
    page.get_by_text("| Idle").first.wait_for(timeout=120_000)  # the kernel is ready
    page.locator(".lm-MenuBar-item", has_text="Run").first.click()
    page.locator(".lm-Menu-item", has_text="Run All Cells").first.click()


def save(page, paired, tries=3):
    """Save the open notebook with the toolbar button until jupytext has written its
    paired ``.ipynb`` (a click while Lab re-renders the toolbar can be lost)."""
    for _ in range(tries):
        page.locator('.jp-NotebookPanel-toolbar [data-command="docmanager:save"]').click()
        deadline = time.time() + 10
        while time.time() < deadline:
            if paired.is_file():
                time.sleep(2)  # the text file is written with it
                return
            time.sleep(0.5)
    pytest.fail(f"saving the notebook did not write {paired}")


def page_repo(tmp_path, page):
    """A folder holding one page (its .md and .py twin), the jupytext pairing, and the
    chapter's order with the tools that read it (the server numbers figures from it)."""
    repo = tmp_path / "repo"
    (repo / "notebooks").mkdir(parents=True)
    for name in (f"{page}.md", f"{page}.py"):
        shutil.copy(ROOT / "notebooks" / name, repo / "notebooks" / name)
    for name in ("jupytext.toml", ".gitignore", "_toc.yml"):
        shutil.copy(ROOT / name, repo / name)
    shutil.copytree(ROOT / "tools", repo / "tools",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return repo


def test_a_page_opens_as_a_notebook_runs_saves_and_survives_a_reload(tmp_path):
    repo = page_repo(tmp_path, "alexnet")

    def git(*args):
        return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
                              cwd=repo, check=True, capture_output=True, text=True).stdout
    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "the page as committed")
    with jupyterlab(repo, tmp_path) as lab, offline_page([lab]) as page:
        page.goto(f"{lab}/lab/tree/notebooks/alexnet.md")
        page.wait_for_selector(".jp-Notebook", timeout=60_000)  # a notebook, not an editor
        page.get_by_text("| Idle").first.wait_for(timeout=120_000)  # loaded, kernel ready
        page.locator(".jp-MarkdownCell h1", has_text="Deep Convolutional").wait_for(
            timeout=30_000)  # the first cell rendered
        # MyST is rendered: no raw label, role or directive is visible
        for raw in ("(chap-alexnet)=", "{cite}", "{tableofcontents}"):
            shown = [el for el in page.get_by_text(raw).all() if el.is_visible()]
            assert shown == [], raw
        run_all(page)
        page.locator(".jp-OutputArea-output", has_text="quick mode").wait_for(timeout=120_000)
        paired = repo / "build" / "lab" / "alexnet.ipynb"
        save(page, paired)
        page.screenshot(path=str(OUTPUT / "jupyterlab-after-save.png"))
        assert git("status", "--porcelain") == ""  # saving rewrote no tracked file
        outputs = json.loads(paired.read_text())["cells"]
        assert any(c.get("outputs") for c in outputs)  # the run is kept, out of git
        page.screenshot(path=str(OUTPUT / "jupyterlab-myst.png"))
        page.reload()
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        page.locator(".jp-OutputArea-output", has_text="quick mode").wait_for(timeout=30_000)
        assert not page.refused, page.refused  # nothing outside localhost was needed


def test_training_panel_in_a_colab_notebook_in_jupyterlab(tmp_path):
    """The training page's Colab notebook in JupyterLab, from its install cell to its panel:
    the panel's own first run, then a reader's run set by keyboard. The page's recipe
    sections, which train for minutes and need no widget, are left out of this copy (the
    pages' own runs and tests/test_colab.py cover them)."""
    import nbformat
    sys.path.insert(0, str(ROOT / "tools"))
    import make_notebooks
    make_notebooks.convert_all([ROOT / "notebooks" / "training.md"], tmp_path / "colab")
    path = tmp_path / "colab" / "notebooks" / "training.ipynb"
    notebook = nbformat.read(path, as_version=4)
    heads = [c.source.split("\n")[0] for c in notebook.cells]
    recipes, panel = heads.index("## Two recipes"), heads.index(
        "## Try it yourself: the training panel")
    notebook.cells = [c for i, c in enumerate(notebook.cells)  # the page's final checks
                      if i < recipes or (i >= panel and "trainer" not in c.source)]  # too
    assert any("TrainingPanel()" in c.source for c in notebook.cells)
    nbformat.write(notebook, path)
    with jupyterlab(tmp_path / "colab", tmp_path) as lab, offline_page([lab]) as page:
        page.goto(f"{lab}/lab/tree/notebooks/training.ipynb")
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        run_all(page)
        runs = page.locator(".d2l-runs tr")
        # the notebook's own run: header plus one finished row
        page.wait_for_selector(".d2l-runs td:text-is('finished')", timeout=400_000)
        # a values cell printed this kernel's numbers under the prose that quotes them
        page.locator(".jp-OutputArea-output", has_text="recipe_pflops").first \
            .wait_for(timeout=30_000)
        page.locator(".widget-dropdown", has_text="optimizer").locator("select") \
            .select_option(label="SGD + momentum")
        page.locator(".widget-dropdown", has_text="input size").locator("select") \
            .select_option(label="96")
        for slider in ("epochs", "training data"):  # the smallest run: by keyboard, as a
            handle = page.locator(".widget-slider", has_text=slider).locator(".noUi-handle")
            handle.focus()                        # reader without a mouse would set it
            handle.press("Home")
        page.locator(".widget-html", has_text="training on 600 images").wait_for(
            timeout=10_000)
        page.locator(".widget-button", has_text="Train").click()
        deadline = time.time() + 300
        while time.time() < deadline:
            if runs.count() == 3 and "finished" in runs.nth(2).inner_text():
                break
            time.sleep(1)
        second = runs.nth(2).inner_text()
        page.locator(".d2l-runs").scroll_into_view_if_needed()
        page.screenshot(path=str(OUTPUT / "jupyterlab-panel.png"))
        assert "finished" in second and "momentum" in second and "96" in second, second
        assert "1/1" in second and "600" in second, second  # one epoch of 600 images
        assert "finished" in runs.nth(1).inner_text()
        assert not page.refused, page.refused


def test_a_translated_page_opens_in_jupyterlab_in_its_language(tmp_path):
    repo = tmp_path / "repo"
    (repo / "notebooks" / "zh").mkdir(parents=True)
    for name in ("alexnet.md", "jupytext.toml"):
        shutil.copy(ROOT / "notebooks" / "zh" / name, repo / "notebooks" / "zh" / name)
    shutil.copy(ROOT / "jupytext.toml", repo / "jupytext.toml")
    source = (repo / "notebooks" / "zh" / "alexnet.md").read_bytes()
    with jupyterlab(repo, tmp_path) as lab, offline_page([lab]) as page:
        page.goto(f"{lab}/lab/tree/notebooks/zh/alexnet.md")
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        page.locator(".jp-MarkdownCell h1", has_text="深度卷积神经网络").wait_for(timeout=30_000)
        for raw in ("(chap-alexnet)=", "{cite}", "% translation of"):
            shown = [el for el in page.get_by_text(raw).all() if el.is_visible()]
            assert shown == [], raw
        run_all(page)
        # the kernel runs in notebooks/zh, so the library's note is in Chinese
        page.locator(".jp-OutputArea-output", has_text="快速模式").wait_for(timeout=120_000)
        page.screenshot(path=str(OUTPUT / "jupyterlab-zh.png"))
        paired = repo / "build" / "lab" / "zh" / "alexnet.ipynb"
        save(page, paired)
        # saved beside its outputs, with no .py copy of the English code, source unchanged
        assert json.loads(paired.read_text())["cells"]
        assert list((repo / "notebooks" / "zh").glob("*.py")) == []
        assert (repo / "notebooks" / "zh" / "alexnet.md").read_bytes() == source
        assert not page.refused, page.refused


def test_the_panels_table_shows_again_after_a_server_restart(tmp_path):
    """The project's JupyterLab saves widget state with the notebook (make setup), so a
    saved page shows its panel's runs again when the server has restarted, before any
    cell runs."""
    import nbformat
    overrides = json.loads((Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings"
                            / "overrides.json").read_text())
    assert overrides["@jupyter-widgets/jupyterlab-manager:plugin"]["saveState"] is True
    folder = tmp_path / "nb"
    folder.mkdir()
    code = ("import d2l_local as d2l\n"
            "panel = d2l.TrainingPanel(train_fraction=0.01)\n"
            "panel.run(max_epochs=1, batch_size=256)\n"
            "panel")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    nbformat.write(notebook, folder / "panel.ipynb")
    finished = ".d2l-runs td:text-is('finished')"
    with jupyterlab(folder, tmp_path / "first") as lab, offline_page([lab]) as page:
        page.goto(f"{lab}/lab/tree/panel.ipynb")
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        run_all(page)
        page.wait_for_selector(finished, timeout=300_000)
        page.get_by_text("| Idle").first.wait_for(timeout=60_000)
        def saved_outputs():
            try:  # None while Lab is still writing the file
                return json.loads((folder / "panel.ipynb").read_text())["cells"][0]["outputs"]
            except json.JSONDecodeError:
                return None

        for _ in range(3):  # a click while Lab re-renders the toolbar can be lost
            page.locator(".jp-Notebook").first.click()
            page.keyboard.press("Control+s")
            deadline = time.time() + 15
            while time.time() < deadline and not saved_outputs():
                time.sleep(0.5)
            if saved_outputs():
                break
        time.sleep(1)  # the write that made the outputs visible has finished
    saved = json.loads((folder / "panel.ipynb").read_text())
    assert "application/vnd.jupyter.widget-state+json" in saved["metadata"]["widgets"]
    with jupyterlab(folder, tmp_path / "second") as lab, offline_page([lab]) as page:
        page.goto(f"{lab}/lab/tree/panel.ipynb")  # a new server: no kernel has run anything
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        page.wait_for_selector(finished, timeout=60_000)
        assert "Error displaying widget" not in page.locator(".jp-Notebook").inner_text()
        page.locator(".d2l-runs").scroll_into_view_if_needed()
        page.screenshot(path=str(OUTPUT / "jupyterlab-panel-after-restart.png"))
        assert not page.refused, page.refused


def test_a_page_run_in_jupyterlab_shows_its_values_in_the_prose(tmp_path):
    """jupyterlab-myst evaluates each {eval} role when its Markdown cell runs: after Run
    All the prose quotes this run's numbers, and the cells computing them print nothing."""
    repo = page_repo(tmp_path, "data")
    with jupyterlab(repo, tmp_path) as lab, offline_page([lab]) as page:
        page.goto(f"{lab}/lab/tree/notebooks/data.md")
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        page.get_by_text("| Idle").first.wait_for(timeout=120_000)
        page.wait_for_timeout(1000)
        # opened, its kernel connected, nothing changed: not marked modified (d2l_local.lab)
        assert page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty").count() == 0
        run_all(page)
        cell = page.locator(".jp-MarkdownCell", has_text="Each class has 6,000 training images")
        cell.wait_for(timeout=180_000)
        page.locator(".jp-OutputArea-output", has_text="quick mode").first.wait_for()
        page.wait_for_function("!document.querySelector('.jp-Notebook .jp-mod-running')",
                               timeout=180_000)  # every cell has run
        cell.scroll_into_view_if_needed()
        page.screenshot(path=str(OUTPUT / "jupyterlab-eval.png"))
        errors = page.locator(".myst-RenderedExpressionError, "
                              "[data-mime-type='application/vnd.jupyter.stderr']")
        assert [e.inner_text() for e in errors.all() if e.is_visible()] == []
        outputs = " ".join(page.locator(".jp-OutputArea-output").all_inner_texts())
        assert "IPython.core.display.Markdown" not in outputs  # no glue output shown
        # every figure says what it shows to a screen reader (d2l_local.figtext)
        alts = [img.get_attribute("alt") for img in
                page.locator(".jp-OutputArea-output img").all()]
        assert alts and all(alt and alt.startswith(("A ", "An ")) for alt in alts), alts
        assert not page.refused, page.refused


def test_citations_and_references_read_as_words_in_jupyterlab(tmp_path):
    """jupyterlab-myst knows neither the bibliography nor the other pages: every citation
    and every reference to another page is a link with words (tools/crossrefs.py), so no
    page shows a "Not Found" key."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "notebooks", repo / "notebooks")
    shutil.copytree(ROOT / "tools", repo / "tools")  # the chapter's order, for numbering
    for name in ("jupytext.toml", ".gitignore", "references.bib", "_toc.yml"):
        shutil.copy(ROOT / name, repo / name)
    # every English page and, as tools/editions.py checks the editions' links the same
    # way, the translations with the most references
    pages = [p.stem for p in sorted((ROOT / "notebooks").glob("*.md"))] \
        + ["zh/exercises", "vi/firstlayer"]
    assert len(pages) == 12  # nine sections and the chapter page, two translations
    shown = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownCell"
    keys = {}
    every_cell = {"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"}}
    # one Lab session opens every page, as a reader does from the file browser (a reload
    # per page would start Lab again ten times)
    with jupyterlab(repo, tmp_path, every_cell, ["--LabApp.expose_app_in_browser=True"]) \
            as lab, offline_page([lab]) as page:
        page.goto(f"{lab}/lab")
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.started",
                               timeout=60_000)
        for name in pages:
            page.evaluate("""path => window.jupyterapp.commands.execute(
                'docmanager:open', {path, factory: 'Jupytext Notebook'}).then(() => true)""",
                          f"notebooks/{name}.md")
            page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current",
                         has_text=f"{name.split('/')[-1]}.md").wait_for(timeout=60_000)
            page.wait_for_selector(f"{shown} a >> visible=true", timeout=60_000)
            page.wait_for_timeout(1000)  # the last cells rendered
            found = page.locator(f"{shown} [title*='Not Found']").all_inner_texts()
            if found:
                keys[name] = found
            if name == "model":  # numbered as the book numbers it (d2l_local.lab)
                caption = page.locator(f"{shown} figcaption").first.inner_text()
                assert caption.replace("\xa0", " ").startswith("Figure 4:"), caption
                page.screenshot(path=str(OUTPUT / "jupyterlab-figure-numbers.png"))
            if name == "features":
                words = "SIFT (Lowe, 2004) and its faster cousin SURF (Bay et al., 2006)"
                cell = page.locator(shown, has_text=words)
                cell.wait_for()
                page.screenshot(path=str(OUTPUT / "jupyterlab-citations.png"))
                link = cell.get_by_role("link", name="Lowe, 2004")
                assert "references.bib" in link.get_attribute("href")
        assert not page.refused, page.refused
    assert keys == {}


def test_a_page_is_a_live_slideshow_for_a_teacher(tmp_path):
    """The slide breaks marked in the MyST sources (tools/slides.py) make a reveal.js
    slideshow in JupyterLab (jupyterlab-myst-revealjs): it opens beside the page, shows
    the outputs of a Run All, runs a code cell on a slide, and advances.

    The page is run first, as the teacher's page advises: jupyterlab-myst-revealjs 1.5.1
    rebuilds its slides half a second after the notebook changes, which drops the output
    of a cell run from a slide that takes longer (the import of torch does)."""
    repo = page_repo(tmp_path, "alexnet")
    with jupyterlab(repo, tmp_path, None, ["--LabApp.expose_app_in_browser=True"]) as lab, \
            offline_page([lab]) as page:
        page.goto(f"{lab}/lab/tree/notebooks/alexnet.md")
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        run_all(page)
        page.locator(".jp-Notebook .jp-OutputArea-output", has_text="quick mode").wait_for(
            timeout=120_000)
        page.evaluate("() => window.jupyterapp.commands.execute('slideshow:open')"
                      ".then(() => true)")
        current = page.locator(".reveal .slides section.present:not(.stack)")
        current.locator("h1", has_text="Deep Convolutional").wait_for(timeout=30_000)
        current.locator(".jp-OutputArea-output", has_text="quick mode").wait_for(
            timeout=30_000)  # the page's run, on its slide
        first = current.inner_text()
        prompt = current.locator(".jp-InputPrompt").first
        before = prompt.inner_text()  # [n]: the Run All's count
        current.locator(".jp-CodeCell .cm-content").first.click()
        page.keyboard.press("Shift+Enter")  # runs the cell again, from the slide
        page.wait_for_function("([el, before]) => /\\[\\d+\\]/.test(el.innerText)"
                               " && el.innerText !== before",
                               arg=[prompt.element_handle(), before], timeout=60_000)
        current.locator(".jp-OutputArea-output", has_text="quick mode").wait_for(
            timeout=30_000)
        page.screenshot(path=str(OUTPUT / "jupyterlab-slideshow.png"))
        page.locator(".reveal").click(position={"x": 5, "y": 5})  # the deck, not the cell
        for key in ("ArrowRight", "ArrowDown", "Space"):
            page.keyboard.press(key)
            page.wait_for_timeout(800)
            if current.inner_text() != first:
                break
        assert current.inner_text() != first, "the slideshow did not advance"
        page.screenshot(path=str(OUTPUT / "jupyterlab-slideshow-next.png"))


def test_the_layer_explorer_follows_its_controls_in_jupyterlab(tmp_path):
    """A notebook trains AlexNet for a moment at 65 pixels (one epoch of 640 images) and
    shows d2l.LayerExplorer; a new image index redraws the feature maps, a new layer the
    top images, and the attribute button draws Captum's occlusion map."""
    import nbformat
    folder = tmp_path / "nb"
    folder.mkdir()
    code = ("import d2l_local as d2l\n"
            "data = d2l.FashionMNIST(batch_size=64, resize=(65, 65), num_train=640,"
            " num_val=320)\n"
            "model = d2l.AlexNet(lr=1e-3, optimizer='adam')\n"
            "trainer = d2l.Trainer(max_epochs=1, board=False, progress=False, verbose=False)\n"
            "trainer.fit(model, data)\n"
            "print(f\"test accuracy {trainer.history[-1]['val_acc']:.2f}\")\n"
            "explorer = d2l.LayerExplorer(model, data, index=0, sample=200)\n"
            "explorer")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    nbformat.write(notebook, folder / "explorer.ipynb")
    with jupyterlab(folder, tmp_path) as lab, \
            offline_page([lab], viewport=(1400, 1450)) as page:  # the whole explorer
        page.goto(f"{lab}/lab/tree/explorer.ipynb")
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        run_all(page)
        maps = page.locator(".widget-html img[alt*='conv1: channels']")
        maps.wait_for(timeout=600_000)
        assert maps.get_attribute("alt").startswith("test image 0 (")
        first = maps.get_attribute("src")
        index = page.locator(".widget-text", has_text="test image").locator("input")
        index.fill("17")
        index.press("Enter")
        page.locator(".widget-html img[alt^='test image 17'][alt*='conv1: channels']") \
            .wait_for(timeout=60_000)
        assert maps.get_attribute("src") != first  # the maps of the new image
        top = page.locator(".widget-html img[alt*='the most exciting of 200 test images']")
        assert top.get_attribute("alt").startswith("conv1, channel")  # it starts there
        page.locator(".widget-dropdown", has_text="layer").locator("select") \
            .select_option(label="conv2")
        page.locator(".widget-html img[alt^='conv2, channel']").wait_for(timeout=60_000)
        page.locator(".widget-html img[alt*='receptive field of conv2 unit']").wait_for()
        page.locator(".widget-button", has_text="attribute").click()
        page.locator(".widget-html img[alt*='occlusion']").wait_for(timeout=60_000)
        status = page.locator(".widget-html", has_text="updated in").inner_text()
        news = page.get_by_role("button", name="No")  # Lab's offer of news, over the view
        if news.count():
            news.first.click()
        page.locator(".jp-OutputArea-output", has_text="test accuracy") \
            .scroll_into_view_if_needed()
        page.screenshot(path=str(OUTPUT / "jupyterlab-explorer.png"))
        assert "Error displaying widget" not in page.locator(".jp-Notebook").inner_text()
        errors = page.locator("[data-mime-type='application/vnd.jupyter.stderr']")
        assert [e.inner_text() for e in errors.all() if e.is_visible()] == [], status
        assert not page.refused, page.refused
