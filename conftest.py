"""pytest at the repository root. With ``--nbval`` or ``--nbval-lax`` every chapter page
(the MyST sources under notebooks/) is collected as a notebook, through jupytext, and run
top to bottom in quick mode, next to the unit tests.

    pytest --nbval-lax            # unit tests, then every page (what make test runs)
    pytest --nbval notebooks      # the pages only
    pytest --nbval notebooks/zh   # the Chinese edition's pages (likewise notebooks/vi)

The translated editions run only when their folder is named: their code cells are the
English ones, cell for cell (tests/test_editions.py), so running them again would execute
the same code; what differs between editions is only prose, which the book build checks.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def _nbval(config) -> bool:
    return bool(getattr(config.option, "nbval", False) or getattr(config.option, "nbval_lax",
                                                                  False))


def pytest_configure(config):
    if _nbval(config):
        os.environ.setdefault("D2L_QUICK", "1")  # the pages' small version, same code
        os.environ.setdefault("D2L_NO_PROGRESS", "1")
        os.environ.setdefault("MPLBACKEND", "Agg")
        config.option.nbval_current_env = True  # the kernel runs this interpreter


def _named(config, folder: Path) -> bool:
    """True when the command line names ``folder`` (or a file in it)."""
    for arg in config.args:
        path = (Path(config.invocation_params.dir) / arg.split("::")[0]).resolve()
        if path == ROOT / folder or ROOT / folder in path.parents:
            return True
    return False


def pytest_collect_file(file_path, parent):
    if not _nbval(parent.config) or file_path.suffix != ".md":
        return None
    relative = file_path.resolve().relative_to(ROOT)
    if relative.parts[0] != "notebooks":
        return None
    if len(relative.parts) > 2 and not _named(parent.config, relative.parent):
        return None  # a translation: see the module's docstring
    if not file_path.read_text(encoding="utf-8").startswith("---\njupytext:"):
        return None  # a plain Markdown page (an edition's intro): nothing to run
    import jupytext
    import nbformat
    from nbval.plugin import IPyNbFile

    nb = jupytext.read(file_path)
    for cell in nb.cells:  # the sources hold no outputs: --nbval runs, but cannot compare
        if cell.cell_type == "code":
            cell.metadata.setdefault("tags", []).append("nbval-ignore-output")
    target = ROOT / "build" / "nbval" / relative.with_suffix(".ipynb")
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)

    class MystPage(IPyNbFile):
        """The page, named by its .md source, run as the notebook jupytext makes of it."""

        @property
        def fspath(self):  # what nbval reads, and the kernel's working directory
            import py
            return py.path.local(target)

    return MystPage.from_parent(parent, path=file_path)
