"""The chapter's JupyterLab: pages open unmodified.

When a kernel connects, JupyterLab writes the kernel's ``language_info`` into the
notebook's metadata, and a notebook whose metadata changes is marked modified. The
chapter's pages are MyST text files that do not store ``language_info`` (jupytext leaves
it out, as it names the Python version of whoever saved last), so every page showed the
unsaved-changes dot, and asked to be saved on closing, before the reader had done anything.

:class:`ContentsManager` opens a page with the ``language_info`` that the Python kernel of
this environment reports, so the kernel's write changes nothing; jupytext still leaves it
out of the file when the page is saved. ``make setup`` names it in the project
environment's Jupyter server configuration (``ServerApp.contents_manager_class``):
``python -m d2l_local.lab .venv/etc/jupyter/jupyter_server_config.json``.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from jupytext.async_contentsmanager import build_async_jupytext_contents_manager_class


def kernel_language_info() -> dict:
    """What this environment's Python kernel (ipykernel) reports as ``language_info``."""
    from ipykernel.ipkernel import IPythonKernel
    return copy.deepcopy(IPythonKernel.language_info)


def with_language_info(model: dict) -> dict:
    """``model`` (a contents-API model) with the kernel's ``language_info`` added to a
    notebook for the Python kernel that has none."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return model
    metadata = model["content"].setdefault("metadata", {})
    kernel = metadata.get("kernelspec") or {}
    if "language_info" not in metadata and kernel.get("language") == "python":
        metadata["language_info"] = kernel_language_info()
    return model


class ContentsManager(build_async_jupytext_contents_manager_class(AsyncLargeFileManager)):
    """Jupytext's contents manager, opening notebooks with the kernel's language_info."""

    async def get(self, path, content=True, type=None, format=None, **kwargs):
        model = await super().get(path, content=content, type=type, format=format, **kwargs)
        return with_language_info(model) if content else model


def configure(path) -> None:
    """Name :class:`ContentsManager` in the Jupyter server config file ``path``, keeping
    whatever else it sets."""
    path = Path(path)
    config = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    config.setdefault("ServerApp", {})["contents_manager_class"] = \
        "d2l_local.lab.ContentsManager"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    configure(sys.argv[1])
