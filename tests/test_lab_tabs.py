"""JupyterLab's tabs name the edition of a chapter page: the three editions of a page share
its file name (notebooks/alexnet.md, notebooks/zh/alexnet.md, ...), so the project's
JupyterLab labels them "alexnet.md · English", "alexnet.md · 中文" (d2l_local/labextension,
installed with the editions' folders by d2l_local.lab)."""

import json
import re
import shutil
import time
import urllib.request

import pytest

from d2l_local import lab
from d2l_local.locales import LANGUAGES, NAMES, TRANSLATIONS

from .browser import OUTPUT, ROOT, offline_page

EXTENSION = "d2l-edition-tabs"


def test_the_installer_copies_the_extension_with_the_editions_folders(tmp_path):
    extensions = tmp_path / "share" / "jupyter" / "labextensions"
    for _ in range(2):  # make setup may run it again: the same result
        target = lab.install_labextension(tmp_path)
        assert target == extensions / EXTENSION
        package = json.loads((target / "package.json").read_text(encoding="utf-8"))
        assert package["name"] == EXTENSION
        assert (target / package["jupyterlab"]["_build"]["load"]).is_file()
        folders = json.loads((target / "editions.json").read_text(encoding="utf-8"))
        assert folders == {"notebooks": NAMES["en"], "notebooks/zh": NAMES["zh"],
                           "notebooks/vi": NAMES["vi"]}
        (target / "left-over.js").write_text("")  # an older copy's file
    assert LANGUAGES[0] == "en" and set(folders.values()) == set(NAMES.values())
    for folder, lang in zip(folders, LANGUAGES):  # each folder holds its edition's pages
        assert folder == "/".join(["notebooks", *([lang] if lang in TRANSLATIONS else [])])
        assert (ROOT / folder / "alexnet.md").is_file()
    target = lab.install_labextension(tmp_path)
    assert not (target / "left-over.js").exists()  # replaced whole, not merged


def test_jupyterlab_finds_it_as_a_federated_extension(tmp_path):
    """What JupyterLab's server reads to load it (jupyterlab_server's page config), and
    what the script declares, by the installed JupyterLab's rules."""
    from jupyterlab_server.config import get_page_config
    lab.install_labextension(tmp_path)
    config = get_page_config([str(tmp_path / "share" / "jupyter" / "labextensions")])
    found = [e for e in config["federated_extensions"] if e["name"] == EXTENSION]
    assert found and found[0]["extension"] == "./extension", found
    # not under static/, which Jupyter serves as immutable (a year in the browser's cache)
    assert not found[0]["load"].startswith("static/")
    script = (lab.LABEXTENSION / found[0]["load"]).read_text(encoding="utf-8")
    assert "window._JUPYTERLAB[NAME]" in script and f"var NAME = '{EXTENSION}'" in script


def test_the_script_names_no_edition_of_its_own():
    """The editions are listed once (d2l_local.locales): the code of the extension, its
    comments aside, names no edition's name, code or folder."""
    script = (lab.LABEXTENSION / "remoteEntry.js").read_text(encoding="utf-8")
    code = re.sub(r"//[^\n]*", "", re.sub(r"/\*.*?\*/", "", script, flags=re.S))
    assert "editions.json" in code
    for word in [*NAMES.values(), *(f"'{lang}'" for lang in LANGUAGES),
                 *(f'"{lang}"' for lang in LANGUAGES), "notebooks"]:
        assert word not in code, word


def _labels(page):
    return page.locator("#jp-main-dock-panel .lm-TabBar-tabLabel").all_inner_texts()


def _wait_for_labels(page, expected, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline and _labels(page) != expected:
        time.sleep(0.25)
    assert _labels(page) == expected


@pytest.mark.browser
@pytest.mark.slow
def test_a_pages_tab_names_its_edition_in_jupyterlab(tmp_path, monkeypatch):
    from .test_browser import jupyterlab
    repo = tmp_path / "repo"
    (repo / "notebooks" / "zh").mkdir(parents=True)
    for name in ("notebooks/alexnet.md", "notebooks/alexnet.py", "notebooks/zh/alexnet.md",
                 "notebooks/zh/jupytext.toml", "jupytext.toml"):
        shutil.copy(ROOT / name, repo / name)
    other = repo / "drafts" / "notebooks" / "notes.txt"  # a notebooks/ folder not at the root
    other.parent.mkdir(parents=True)
    other.write_text("not a page of the chapter\n")
    prefix = tmp_path / "prefix"  # the extension as make setup installs it, not in the venv
    lab.install_labextension(prefix)
    monkeypatch.setenv("JUPYTER_PATH", str(prefix / "share" / "jupyter"))
    opened = ["notebooks/alexnet.md", "notebooks/zh/alexnet.md"]
    with jupyterlab(repo, tmp_path, None, ["--LabApp.expose_app_in_browser=True"]) as base, \
            offline_page([base]) as page:
        script = urllib.request.urlopen(f"{base}/lab/extensions/{EXTENSION}/remoteEntry.js")
        assert "immutable" not in script.headers.get("Cache-Control", "")
        page.goto(f"{base}/lab")
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.started",
                               timeout=60_000)

        def run(command, **args):
            page.evaluate("([command, args]) => window.jupyterapp.commands.execute("
                          "command, args).then(() => true)", [command, args])

        for path in opened:
            run("docmanager:open", path=path, factory="Jupytext Notebook")
        _wait_for_labels(page, ["alexnet.md · English", "alexnet.md · 中文"])
        page.locator(".jp-MarkdownCell h1", has_text="深度卷积神经网络").wait_for(timeout=60_000)
        page.screenshot(path=str(OUTPUT / "jupyterlab-edition-tabs.png"))
        # the tooltip still gives the file's path
        tab = page.locator("#jp-main-dock-panel .lm-TabBar-tab", has_text="中文")
        page.wait_for_function("el => el.title.includes('Path:')", arg=tab.element_handle(),
                               timeout=30_000)
        assert "Path: notebooks/zh/alexnet.md" in tab.get_attribute("title")
        # the same page in the text editor; a file in another notebooks/ folder; a file of
        # the chapter's folders that jupytext does not pair (it refuses to rename a paired
        # page to a name of another format, which would hide a rename to the label)
        run("docmanager:open", path="notebooks/alexnet.md", factory="Editor")
        run("docmanager:open", path="drafts/notebooks/notes.txt", factory="Editor")
        run("docmanager:open", path="notebooks/zh/jupytext.toml", factory="Editor")
        _wait_for_labels(page, ["alexnet.md · English", "alexnet.md · 中文",
                                "alexnet.md · English", "notes.txt", "jupytext.toml · 中文"])
        # the label is not the file's name: no file was renamed to it
        page.wait_for_timeout(2000)
        assert [p.name for p in (repo / "notebooks").glob("*.md")] == ["alexnet.md"]
        assert sorted(p.name for p in (repo / "notebooks" / "zh").iterdir()
                      if p.is_file()) == ["alexnet.md", "jupytext.toml"]
        # renamed: the new name, with its edition; moved out of the chapter: plain
        page.evaluate("() => window.jupyterapp.serviceManager.contents.rename("
                      "'notebooks/zh/alexnet.md', 'notebooks/zh/model.md').then(() => true)")
        _wait_for_labels(page, ["alexnet.md · English", "model.md · 中文",
                                "alexnet.md · English", "notes.txt", "jupytext.toml · 中文"])
        page.evaluate("() => window.jupyterapp.serviceManager.contents.rename("
                      "'notebooks/zh/model.md', 'model.md').then(() => true)")
        _wait_for_labels(page, ["alexnet.md · English", "model.md",
                                "alexnet.md · English", "notes.txt", "jupytext.toml · 中文"])
        # saved: still named so
        page.locator("#jp-main-dock-panel .lm-TabBar-tab", has_text="alexnet.md").first.click()
        run("docmanager:save")
        deadline = time.time() + 30
        while time.time() < deadline and not (repo / "build" / "lab" / "alexnet.ipynb").exists():
            time.sleep(0.5)
        assert (repo / "build" / "lab" / "alexnet.ipynb").exists()  # jupytext saved it
        page.wait_for_timeout(1000)
        assert _labels(page)[0] == "alexnet.md · English"
        assert [p.name for p in (repo / "notebooks").glob("*.md")] == ["alexnet.md"]
        # a name typed as the label (the title field of Lab's simple mode) renames the file,
        # as it does without the extension; the edition typed with it is not part of it
        page.evaluate("() => { Array.from(window.jupyterapp.shell.widgets('main'))[2]"
                      ".title.label = 'intro.md · English'; }")
        _wait_for_labels(page, ["intro.md · English", "model.md", "intro.md · English",
                                "notes.txt", "jupytext.toml · 中文"])
        assert [p.name for p in (repo / "notebooks").glob("*.md")] == ["intro.md"]
        assert not page.refused, page.refused
