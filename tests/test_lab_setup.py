"""The project's JupyterLab server (d2l_local/lab.py): a page opens holding the
language_info its kernel reports, so the kernel's connection does not mark it modified."""

import json

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
