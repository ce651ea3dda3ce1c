"""The repository itself: environment files agree, nothing generated is tracked."""

import re
import subprocess
from pathlib import Path

import tomllib
import yaml

ROOT = Path(__file__).resolve().parent.parent


def _names(reqs):
    return {re.split(r"[<>=\[ ]", r.strip('"'), maxsplit=1)[0].lower() for r in reqs}


def test_environment_yml_agrees_with_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = set(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        wanted |= {r for r in extra if not r.startswith("d2l-local")}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(d for d in env["dependencies"] if isinstance(d, dict))["pip"]
    assert {r for r in pip if r != "-e ."} == wanted


def test_no_generated_files_tracked():
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split()
    bad = [f for f in files if f.endswith((".ipynb", ".pt", ".gz")) or f.startswith(
        ("_build/", "build/", "data/"))]
    assert bad == []


def test_every_notebook_has_its_py_twin_and_is_in_the_toc():
    toc = (ROOT / "_toc.yml").read_text()
    for md in (ROOT / "notebooks").glob("*.md"):
        assert md.with_suffix(".py").is_file(), md
        assert f"notebooks/{md.stem}" in toc, md


def test_every_library_package_is_installed():
    """A subpackage missing from [tool.setuptools] packages is absent from the wheel that
    Colab installs, while every test here (run from the checkout) still passes; so is a
    folder of data files (the JupyterLab extension) missing from package-data."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(setuptools["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for p in (ROOT / "d2l_local").rglob("__init__.py")}
    data = {name for name in setuptools.get("package-data", {})
            if not list(ROOT.joinpath(*name.split(".")).glob("*.py"))}
    assert data == {"d2l_local.labextension"}
    assert found | data == listed


def test_every_page_is_translated_and_paired_without_a_second_copy_of_its_code():
    import jupytext.config

    from d2l_local.locales import TRANSLATIONS
    for lang in TRANSLATIONS:
        folder = ROOT / "notebooks" / lang
        for md in (ROOT / "notebooks").glob("*.md"):
            assert (folder / md.name).is_file(), folder / md.name
        assert list(folder.glob("*.py")) == []
        config = jupytext.config.load_jupytext_config(str(folder / "alexnet.md"))
        assert config.formats == [f"md:myst,../../build/lab/{lang}//ipynb"]


def test_the_job_that_runs_the_project_holds_no_write_token():
    """Installing packages and executing notebooks happen where nothing can be pushed; the
    jobs that publish run none of the project's code."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text())
    writes = {"write"}
    assert not writes & set(workflow["permissions"].values()), workflow["permissions"]
    runs_code = re.compile(r"\b(make|pip|python|pytest|jupyter|npm)\b")
    for name, job in workflow["jobs"].items():
        steps = job["steps"]
        code = any(runs_code.search(s.get("run", "")) for s in steps)
        checkout = [s for s in steps if s.get("uses", "").startswith("actions/checkout")]
        granted = set((job.get("permissions") or {}).values())
        if code or checkout:
            assert not writes & granted, (name, job.get("permissions"))
            assert all(s.get("with", {}).get("persist-credentials") is False
                       for s in checkout), name
        if "github.token" in str(job) or "secrets." in str(job):
            assert not code and not checkout, name  # a token only where no project code runs
    assert "github.token" in str(workflow["jobs"]["notebooks"])
    build_env = workflow["jobs"]["build"]["env"]
    assert build_env["D2L_REPOSITORY_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert build_env["D2L_SOURCE_REF"] == "${{ github.sha }}"


def test_the_published_book_is_built_at_full_size_and_ci_stays_quick():
    """The static book readers see must show AlexNet trained; CI has 25 minutes."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text())
    steps = "\n".join(s.get("run", "") for s in workflow["jobs"]["build"]["steps"])
    assert re.search(r"^\s*make book FULL=1\b", steps, re.M), steps
    cached = [s for s in workflow["jobs"]["build"]["steps"]
              if s.get("uses", "").startswith("actions/cache")]
    assert cached and cached[0]["with"]["path"] == "build/jupyter-cache/cpu"
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make book" in ci and "FULL=1" not in ci and "D2L_QUICK=0" not in ci
    makefile = (ROOT / "Makefile").read_text()
    assert "BOOK_QUICK := $(if $(or $(FULL),$(HAS_GPU)),,1)" in makefile


def test_the_pinned_jupytext_is_the_one_the_pages_headers_name():
    # a reader's save in JupyterLab rewrites a page whose header names another version
    # (jupytext 1.19.7 rewrote every header written by 1.19.6)
    import jupytext
    pinned = re.search(r'"jupytext==([\d.]+)"', (ROOT / "pyproject.toml").read_text())
    assert pinned, "pyproject.toml pins jupytext"
    assert f'"jupytext=={pinned[1]}"' in (ROOT / "environment.yml").read_text()
    assert jupytext.__version__ == pinned[1]
    pages = [*(ROOT / "notebooks").rglob("*.md"), *(ROOT / "notebooks").glob("*.py")]
    named = {re.search(r"jupytext_version: ([\d.]+)", p.read_text(encoding="utf-8"))[1]
             for p in pages if "jupytext_version" in p.read_text(encoding="utf-8")}
    assert named == {pinned[1]}, named
