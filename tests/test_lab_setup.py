"""The project's JupyterLab server (d2l_local/lab.py): a page opens holding the
language_info its kernel reports, so the kernel's connection does not mark it modified,
and numbering its figures and exercises as the book does."""

import json
from pathlib import Path

from d2l_local import lab


def notebook(metadata):
    return {"type": "notebook", "content": {"metadata": metadata, "cells": []}}


def test_a_python_notebook_without_language_info_gets_the_kernels():
    model = lab.with_language_info(notebook({"kernelspec": {"language": "python",
                                                            "name": "python3"}}))
    info = model["content"]["metadata"]["language_info"]
    from ipykernel.ipkernel import IPythonKernel
    assert info == IPythonKernel.language_info and info["name"] == "python"
    info["version"] = "0"  # a copy: the kernel's own stays as it was
    assert IPythonKernel.language_info["version"] != "0"


def test_what_the_notebook_says_and_other_files_are_left_alone():
    own = {"name": "python", "version": "3.9.1"}
    model = notebook({"kernelspec": {"language": "python"}, "language_info": own})
    assert lab.with_language_info(model)["content"]["metadata"]["language_info"] is own
    other = notebook({"kernelspec": {"language": "R"}})
    assert "language_info" not in lab.with_language_info(other)["content"]["metadata"]
    text = {"type": "file", "content": "x"}
    assert lab.with_language_info(text) == {"type": "file", "content": "x"}
    assert lab.with_language_info({"type": "notebook", "content": None})["content"] is None


def test_the_server_config_names_the_manager_and_keeps_the_rest(tmp_path):
    path = tmp_path / "etc" / "jupyter" / "jupyter_server_config.json"
    lab.configure(path)
    assert json.loads(path.read_text()) == {
        "ServerApp": {"contents_manager_class": "d2l_local.lab.ContentsManager"}}
    path.write_text(json.dumps({"ServerApp": {"port": 9000}, "LabApp": {"x": 1}}))
    lab.configure(path)
    config = json.loads(path.read_text())
    assert config == {"ServerApp": {"port": 9000, "contents_manager_class":
                                    "d2l_local.lab.ContentsManager"}, "LabApp": {"x": 1}}
    from traitlets.utils.importstring import import_item
    assert import_item(config["ServerApp"]["contents_manager_class"]) is lab.ContentsManager


ROOT = Path(__file__).resolve().parent.parent


def test_a_page_opens_numbering_figures_and_exercises_through_the_chapter():
    # the model page comes after features, data and hardware (a figure each); the
    # exercises page after every other page's figures (tools/make_notebooks.py counts them)
    import sys
    sys.path.insert(0, str(ROOT / "tools"))
    import make_notebooks
    assert lab.chapter_numbering(ROOT, "notebooks/model.md") == {
        "figure": {"start": 4, "template": "Figure %s"},
        "exercise": {"start": 1, "template": "Exercise %s"}}
    assert lab.chapter_numbering(ROOT, "notebooks/zh/model.md")["figure"] == {
        "start": 4, "template": make_notebooks.WORDS["zh"]["figure"] + " %s"}
    assert lab.chapter_numbering(ROOT, "/notebooks/model.md") == \
        lab.chapter_numbering(ROOT, "notebooks/model.md")  # as the server names it
    before = make_notebooks.numbers_before(ROOT / "notebooks" / "zh" / "exercises.md")
    assert {kind: n["start"] for kind, n in lab.chapter_numbering(
        ROOT, "notebooks/zh/exercises.md").items()} == {
        kind: n + 1 for kind, n in before.items()} and before["figure"] > 5
    for other in ("notebooks/model.py", "README.md", "notebooks/nothing.md"):
        assert lab.chapter_numbering(ROOT, other) is None


def test_the_numbering_is_added_on_opening_and_never_saved():
    page = notebook({"kernelspec": {"language": "python"}})
    page["content"]["cells"] = [{"cell_type": "code", "source": "x = 1", "metadata": {}},
                                {"cell_type": "markdown", "source": "(sec-a)=\n# A page",
                                 "metadata": {}}]
    original = json.loads(json.dumps(page))
    opened = lab.with_numbering(page, {"figure": {"start": 4}, "exercise": {"start": 2}})
    title = opened["content"]["cells"][1]["source"]
    assert title == ("---\n" + lab.NUMBERING_NOTE + "\nnumbering:\n  figure:\n    start: 4\n"
                     "  exercise:\n    start: 2\n---\n(sec-a)=\n# A page")
    zh = lab.front_matter({"figure": {"start": 3, "template": "图 %s"}})
    assert '    template: "图 %s"' in zh  # YAML that keeps the glyphs
    again = lab.with_numbering(opened, {"figure": {"start": 5}, "exercise": {"start": 2}})
    assert again["content"]["cells"][1]["source"].count("numbering:") == 1  # never twice
    assert "start: 5" in again["content"]["cells"][1]["source"]
    assert lab.without_numbering(again) == original  # what is saved is the page as it was
    assert lab.with_numbering(notebook({}), None) == notebook({})  # not a chapter page
    kept = {"cell_type": "markdown", "source": "---\ntitle: mine\n---\n# B", "metadata": {}}
    other = notebook({})
    other["content"]["cells"] = [dict(kept)]
    assert lab.without_numbering(other)["content"]["cells"] == [kept]  # a reader's own
