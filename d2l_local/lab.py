"""The chapter's JupyterLab: pages open unmodified, numbering figures as the book does.

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

jupyterlab-myst renders a page on its own, so it numbers the page's figures and exercises
from 1, while the book numbers them through the chapter (the model page's first figure is
Fig. 4). The manager also opens a chapter page with its first Markdown cell starting with
MyST front matter, ``numbering: {figure: {start: 4}, ...}``, from the chapter's order
(``tools/make_notebooks.py``, which numbers the Colab notebooks the same way), and takes
it out again when the page is saved, so the file never holds it.

The three editions of a page have one file name (``notebooks/training.md``,
``notebooks/zh/training.md``, ...), and JupyterLab names a tab by its file. The extension
in ``labextension/`` (a hand-written JupyterLab federated extension: nothing to build)
names the edition on the tabs of the chapter's pages, ``training.md · 中文``;
:func:`install_labextension` copies it into the environment's
``share/jupyter/labextensions/`` with the folders of the editions (``editions.json``, from
:mod:`d2l_local.locales`). The same command of ``make setup`` does both.
"""

from __future__ import annotations

import copy
import json
import shutil
import sys
from pathlib import Path, PurePosixPath

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


NUMBERING_NOTE = "# numbered as in the book (d2l_local.lab); not saved with the page"


def chapter_numbering(root, path) -> dict | None:
    """The figure and exercise numbers the book gives before page ``path`` (relative to
    the project ``root``), as MyST front matter's ``numbering``; None for a file that is not
    a page of the chapter's table of contents."""
    tools = Path(root) / "tools"
    if not (tools / "make_notebooks.py").is_file():
        return None
    if str(tools) not in sys.path:
        sys.path.insert(0, str(tools))
    import make_notebooks
    md = Path(root) / PurePosixPath(path.strip("/"))  # the server's paths start with /
    if md.suffix != ".md" or md.resolve() not in [p.resolve() for p in
                                                 make_notebooks.toc_pages(md.parent)]:
        return None
    make_notebooks._numbered.cache_clear()  # the pages may have been edited since
    before = make_notebooks.numbers_before(md)
    words = make_notebooks.WORDS[make_notebooks.edition(md)]  # "图 5" in the Chinese pages
    return {kind: {"start": count + 1, "template": f"{words[kind]} %s"}
            for kind, count in before.items()}


def front_matter(numbering: dict) -> str:
    """The MyST front matter that starts a page's first Markdown cell in JupyterLab."""
    lines = ["---", NUMBERING_NOTE, "numbering:"]
    for kind, options in numbering.items():
        lines += [f"  {kind}:"] + [f"    {key}: {json.dumps(value, ensure_ascii=False)}"
                                   for key, value in options.items()]
    return "\n".join(lines + ["---", ""])


def with_numbering(model: dict, numbering: dict | None) -> dict:
    """``model`` with its first Markdown cell starting with the front matter that makes
    jupyterlab-myst number as the book does."""
    if numbering is None or model.get("type") != "notebook" \
            or not isinstance(model.get("content"), dict):
        return model
    cell = next((c for c in model["content"].get("cells", [])
                 if c.get("cell_type") == "markdown"), None)
    if cell is not None:
        cell["source"] = front_matter(numbering) + _without_front_matter(_text(cell["source"]))
    return model


def without_numbering(model: dict) -> dict:
    """``model`` without what :func:`with_numbering` added (what is saved)."""
    content = model.get("content")
    if model.get("type") == "notebook" and isinstance(content, dict):
        for cell in content.get("cells", []):
            if cell.get("cell_type") == "markdown":
                cell["source"] = _without_front_matter(_text(cell["source"]))
                break
    return model


def _text(source) -> str:
    return "".join(source) if isinstance(source, list) else source


def _without_front_matter(text: str) -> str:
    if text.startswith("---\n" + NUMBERING_NOTE + "\n"):
        return text.split("\n---\n", 1)[1]
    return text


class ContentsManager(build_async_jupytext_contents_manager_class(AsyncLargeFileManager)):
    """Jupytext's contents manager, opening notebooks with the kernel's language_info and
    the chapter's figure numbers."""

    async def get(self, path, content=True, type=None, format=None, **kwargs):
        model = await super().get(path, content=content, type=type, format=format, **kwargs)
        if not content:
            return model
        return with_numbering(with_language_info(model),
                              chapter_numbering(self.root_dir, path))

    async def save(self, model, path=""):
        return await super().save(without_numbering(model), path)


def configure(path) -> None:
    """Name :class:`ContentsManager` in the Jupyter server config file ``path``, keeping
    whatever else it sets."""
    path = Path(path)
    config = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    config.setdefault("ServerApp", {})["contents_manager_class"] = \
        "d2l_local.lab.ContentsManager"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


LABEXTENSION = Path(__file__).with_name("labextension")


def edition_folders() -> dict:
    """{folder, relative to the server root: the name of its edition}: the English pages in
    ``notebooks``, each translation's in ``notebooks/<lang>`` (as ``tools/make_notebooks``
    finds them)."""
    from .locales import LANGUAGES, NAMES, TRANSLATIONS
    return {"notebooks": NAMES[LANGUAGES[0]],
            **{f"notebooks/{lang}": NAMES[lang] for lang in TRANSLATIONS}}


def install_labextension(prefix=sys.prefix) -> Path:
    """Copy the tabs' extension into ``<prefix>/share/jupyter/labextensions/<its name>/``
    (replacing an older copy) and write the editions' folders into it; the folder."""
    name = json.loads((LABEXTENSION / "package.json").read_text(encoding="utf-8"))["name"]
    target = Path(prefix) / "share" / "jupyter" / "labextensions" / name
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(LABEXTENSION, target, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "editions.json").write_text(
        json.dumps(edition_folders(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target


if __name__ == "__main__":  # make setup: python -m d2l_local.lab <server config>
    configure(sys.argv[1])
    install_labextension()
