"""The Colab route: notebooks generated from the MyST pages, plain Jupyter, installing the
library from the publishing repository at the commit they were made from, and the panel
under Colab's ipywidgets."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .browser import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import make_notebooks  # noqa: E402

PAGES = sorted((ROOT / "notebooks").glob("*.md"))
MYST = re.compile(r"\{(cite|ref|numref|glue|eval|eq|doc)[^}]*\}`|^:::|^```\{|^\(\S+\)=\s*$", re.M)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("colab")
    make_notebooks.convert_all(PAGES, out)
    return {p.stem: json.loads((out / "notebooks" / f"{p.stem}.ipynb").read_text())
            for p in PAGES}


def source(cell):
    return "".join(cell["source"])


def test_every_page_becomes_a_notebook_without_myst(generated):
    assert set(generated) == {p.stem for p in PAGES}
    for name, nb in generated.items():
        for cell in nb["cells"]:
            if cell["cell_type"] == "markdown":
                assert not MYST.search(source(cell)), (name, source(cell)[:200])
        assert nb["metadata"]["kernelspec"]["name"] == "python3"


def test_the_first_cell_installs_the_commit_the_notebooks_were_made_from(generated):
    r = make_notebooks.repository()
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True,
                          text=True).stdout.strip()
    assert r["ref"] == (head or r["branch"])  # pinned, not the moving branch
    for nb in generated.values():
        first = nb["cells"][0]
        assert "colab-install" in first["metadata"]["tags"]
        assert f'%pip install -q "d2l-local @ git+{r["url"]}@{r["ref"]}"' in source(first)
        assert "import d2l_local" in source(first)


def test_the_publishing_repository_and_commit_come_from_the_workflow(monkeypatch, tmp_path):
    """A fork's workflow publishes notebooks that install the fork, at its own commit."""
    monkeypatch.setenv("D2L_REPOSITORY_URL", "https://github.com/a-fork/alexnet-chapter")
    monkeypatch.setenv("D2L_SOURCE_REF", "0123456789abcdef0123456789abcdef01234567")
    r = make_notebooks.repository()
    assert (r["org"], r["name"]) == ("a-fork", "alexnet-chapter")
    [path] = make_notebooks.convert_all([ROOT / "notebooks" / "model.md"], tmp_path)
    nb = json.loads(path.read_text())
    assert ('git+https://github.com/a-fork/alexnet-chapter@'
            '0123456789abcdef0123456789abcdef01234567"') in source(nb["cells"][0])
    images = re.findall(r"https://raw\.githubusercontent\.com/\S+",
                        "".join(source(c) for c in nb["cells"]))
    assert images and all(u.startswith("https://raw.githubusercontent.com/a-fork/alexnet-"
                                       "chapter/0123456789abcdef") for u in images), images
    assert make_notebooks.colab_url("notebooks/model").startswith(
        "https://colab.research.google.com/github/a-fork/alexnet-chapter/blob/notebooks/")
    for bad in ("https://evil.example/x/y", "https://github.com/a/b; rm -rf ~"):
        monkeypatch.setenv("D2L_REPOSITORY_URL", bad)
        with pytest.raises(ValueError, match="not a GitHub repository"):
            make_notebooks.repository()
    monkeypatch.setenv("D2L_REPOSITORY_URL", "https://github.com/a-fork/alexnet-chapter")
    monkeypatch.setenv("D2L_SOURCE_REF", 'main" && curl x')
    with pytest.raises(ValueError, match="neither a commit"):
        make_notebooks.repository()


def test_citations_become_author_year_with_a_reference_list(generated):
    text = "\n".join(source(c) for c in generated["features"]["cells"])
    assert "(Lowe, 2004)" in text and "(Le et al., 2012; Le, 2013)" in text
    intro = "\n".join(source(c) for c in generated["alexnet"]["cells"])
    assert "(LeCun et al., 1989; LeCun and Bengio, 1995)" in intro  # two in one
    refs = source(generated["features"]["cells"][-1])
    assert refs.startswith("## References") and "Lowe, D. G. (2004). Distinctive" in refs


def test_the_reference_list_reads_the_bibliographys_latex_as_text():
    """Accents, dashes and escapes as latexcodec decodes them; URLs as written."""
    assert make_notebooks._latex(r'Sch{\"o}lkopf, Mart{\'\i}n, Fran{\c{c}}ois G{\"a}rtner') \
        == "Schölkopf, Martín, François Gärtner"
    assert make_notebooks._latex(r"pages 255--258, A \& B, {PyTorch}") == \
        "pages 255–258, A & B, PyTorch"
    assert make_notebooks._latex(r"\url{https://x.org/a--b~c}; 1--2") == \
        "https://x.org/a--b~c; 1–2"
    bib = make_notebooks.bibliography()
    assert bib["scholkopf2002learning"][1].startswith("Schölkopf, B., Smola, A. J. (2002).")
    for label, full in bib.values():  # no LaTeX left in any entry
        assert not re.search(r"[\\{}]|--", label + full.replace("https://", "")), full


def test_cross_references_become_titles_and_numbers(generated):
    text = "\n".join(source(c) for c in generated["model"]["cells"])
    # another page's section: a link to its notebook, in the words of the text
    assert "[What the First Layer Can Learn](firstlayer.ipynb)" in text
    assert "*Memory: why two GPUs in 2012*" in text  # a section of this page, by its title
    assert "Exercise 8 of *Discussion, Summary and Exercises*" in text  # another page
    exercises = "\n".join(source(c) for c in generated["exercises"]["cells"])
    assert "### Exercise 1" in exercises and "#### Solution to Exercise 8" in exercises
    assert "Exercise 2 puts numbers on" in exercises  # a numref on the same page


def test_figures_are_images_from_the_repository(generated):
    text = "\n".join(source(c) for c in generated["model"]["cells"])
    images = re.findall(r"!\[[^\]]*\]\((\S+)\)", text)
    assert images and all(u.startswith("https://raw.githubusercontent.com/") for u in images)
    for url in images:  # each names a file the repository has
        assert (ROOT / url.split("/", 6)[-1]).is_file(), url
    assert "*Figure 4: LeNet (top)" in text  # numbered through the chapter, as the book


def test_prose_stays_markdown_and_a_cell_under_it_shows_the_readers_values(generated):
    for name, nb in generated.items():
        code = "\n".join(source(c) for c in nb["cells"] if c["cell_type"] == "code")
        glued = {v for v, k in re.findall(r'^(\w+) = d2l\.book\.glue\(\s*"(\w+)"', code, re.M)
                 if v == k}
        for before, cell in zip(nb["cells"], nb["cells"][1:]):
            assert "prose" not in cell["metadata"].get("tags", [])  # no prose in code
            if "values" in cell["metadata"].get("tags", []):
                names = re.findall(r'"(\w+)"', source(cell))
                assert source(cell).startswith("d2l.book.show_values(") and "\n" not in \
                    source(cell).strip()
                assert names and set(names) <= glued, (name, set(names) - glued)
                assert before["cell_type"] == "markdown"  # under the paragraph quoting them
                assert all(f"`{n}`" in source(before) for n in names)  # no build: the names
    cells = generated["training"]["cells"]
    assert "a cell shows those of your run" in source(cells[1])  # the page says so at its top
    costs = next(c for c in cells if "H100" in source(c) and c["cell_type"] == "markdown")
    assert "`recipe_pflops` PFLOPs in all" in source(costs)
    for page in PAGES:  # every heading is Markdown, so it is in the notebook's outline
        prose = re.sub(r"(?ms)^```\{code-cell\}.*?^```", "", page.read_text(encoding="utf-8"))
        headings = re.findall(r"(?m)^#{1,6} .+$", prose)
        markdown = "\n".join(source(c) for c in generated[page.stem]["cells"]
                             if c["cell_type"] == "markdown")
        assert headings and all(re.sub(r"\{[^}]+\}`[^`]*`", "", h)[:12] in markdown
                                for h in headings), page


def test_the_books_own_run_is_written_into_the_text(tmp_path):
    """With the book's executed pages (--values), the Markdown quotes the book's values,
    each edition in its language, and says which run they come from."""
    import nbformat
    book = tmp_path / "book"
    book.mkdir()
    sentence = {"text/markdown": "reached **0.9**", "text/plain": "<Markdown>"}
    glued = {"image_gflops": {"data": {"text/markdown": "5.56"}},
             "run_summary": {"data": sentence},
             "run_summary__zh": {"data": {"text/markdown": "达到 **0.9**"}}}
    (book / "training.glue.json").write_text(json.dumps(glued))
    note = ('<blockquote class="d2l-run-mode d2l-l10n"><p lang="en">This page ran at '
            '<strong>CPU full size</strong> on cpu.</p><p lang="zh">本页以<strong>CPU完整规模'
            '</strong>运行。</p></blockquote>')
    executed = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "", outputs=[nbformat.v4.new_output("display_data", data={"text/html": note})])])
    nbformat.write(executed, book / "training.ipynb")
    out = tmp_path / "colab"
    en, zh = make_notebooks.convert_all(
        [ROOT / "notebooks" / "training.md", ROOT / "notebooks" / "zh" / "training.md"],
        out, book)
    cells = nbformat.read(en, as_version=4).cells
    assert cells[1].source.startswith("The numbers in this text are those of the book's own "
                                      "run: This page ran at **CPU full size** on cpu.")
    text = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    assert "costs\n> 5.56 GFLOPs" in text and "reached **0.9**" in text
    assert "`recipe_pflops`" in text  # not in the book's data: named, not invented
    zh_text = "\n".join(c.source for c in nbformat.read(zh, as_version=4).cells
                        if c.cell_type == "markdown")
    assert "达到 **0.9**" in zh_text and "reached **0.9**" not in zh_text
    assert "本页以**CPU完整规模**运行。" in zh_text


@pytest.mark.slow
def test_generated_notebook_shows_this_runs_values(tmp_path, quick):
    """The data page, generated, executed: the cell under a paragraph shows the numbers
    of this run, and no computing cell prints anything."""
    import nbformat
    from nbclient import NotebookClient
    make_notebooks.convert_all([ROOT / "notebooks" / "data.md"], tmp_path)
    nb = nbformat.read(tmp_path / "notebooks" / "data.ipynb", as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3").execute()
    shown = [o["data"]["text/markdown"] for c in nb.cells
             if "values" in c.metadata.get("tags", []) for o in c.outputs
             if "text/markdown" in o.get("data", {})]
    assert any("`per_class` = 6,000" in s for s in shown), shown
    assert all(s.startswith("**Your run:**") for s in shown)
    assert not any("run the cells above" in s for s in shown)
    for c in nb.cells:
        if c.cell_type == "code" and c.metadata.get("cellView") == "form":
            assert not [o for o in c.outputs if o["output_type"] != "stream"], c.source[:80]


def test_colab_links_name_the_generated_notebooks():
    url = make_notebooks.colab_url("notebooks/training")
    r = make_notebooks.repository()
    assert url == (f"https://colab.research.google.com/github/{r['org']}/{r['name']}/blob/"
                   f"{make_notebooks.NOTEBOOKS_BRANCH}/notebooks/training.ipynb")


IPYWIDGETS_7 = ROOT / "build" / "ipywidgets-7.7.1"


@pytest.mark.slow
def test_the_panel_works_with_colabs_ipywidgets(quick):
    """Colab ships ipywidgets 7.7.1: the panel is built, trains and redraws with it."""
    if not (IPYWIDGETS_7 / "ipywidgets").is_dir():
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                        "--target", str(IPYWIDGETS_7), "ipywidgets==7.7.1", "ipython_genutils"],
                       check=True)
    script = """
import ipywidgets, d2l_local as d2l
assert ipywidgets.__version__ == "7.7.1", ipywidgets.__version__
panel = d2l.TrainingPanel()
record = panel.run(max_epochs=1, resize=65, optimizer="adam", lr=2e-4)
assert record["status"] == "finished", record
panel.compare.value = (1,)
assert bytes(panel.curves.value).startswith(b"\\x89PNG")
assert panel.comparison.layout.display is None
print("ok", ipywidgets.__version__)
"""
    env = {**__import__("os").environ, "PYTHONPATH": str(IPYWIDGETS_7)}
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         env=env, cwd=ROOT, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "ok 7.7.1" in run.stdout


def test_the_first_notebook_links_every_other_notebook(generated):
    text = "\n".join(source(c) for c in generated["alexnet"]["cells"])
    for page in make_notebooks.toc_pages(ROOT / "notebooks"):
        if page.stem != "alexnet":
            title = make_notebooks.page_title(page)
            assert f"- [{title}]({page.stem}.ipynb)" in text, page


def test_figures_are_numbered_through_the_chapter_in_toc_order():
    # the model page comes after features, data and hardware (1 figure each)
    assert make_notebooks.numbers_before(ROOT / "notebooks" / "model.md")["figure"] == 3
    # and the first-layer page after model (2) and training (1)
    assert make_notebooks.numbers_before(ROOT / "notebooks" / "firstlayer.md")["figure"] == 6
    assert make_notebooks.numbers_before(ROOT / "notebooks" / "vi" / "model.md") == \
        make_notebooks.numbers_before(ROOT / "notebooks" / "model.md")
    assert make_notebooks.numbers_before(ROOT / "notebooks" / "alexnet.md") == \
        {"figure": 0, "exercise": 0}


@pytest.mark.parametrize("choice, before, quick", [
    ("quick", None, True), ("full size", "1", False), ("auto", "1", True),
    ("auto", None, False)])
def test_the_first_cell_lets_a_reader_choose_the_scale(generated, monkeypatch, choice,
                                                       before, quick):
    from d2l_local import config
    cell = source(generated["training"]["cells"][0])
    assert '# @param ["auto", "quick", "full size"]' in cell  # a Colab form field
    if before is None:
        monkeypatch.delenv("D2L_QUICK", raising=False)
    else:
        monkeypatch.setenv("D2L_QUICK", before)
    chooser = cell.split("# Installs")[0].replace('SCALE = "auto"', f"SCALE = {choice!r}")
    exec(chooser, {})
    assert config.quick_mode() is quick


@pytest.mark.slow
def test_a_generated_notebook_runs_in_a_fresh_folder_installing_as_its_first_cell_says(
        tmp_path, quick, monkeypatch):
    """The data notebook alone in an empty folder, run top to bottom by a Python that has
    the library's dependencies but not the library: its first cell installs it, as it says,
    from a clone of this repository at the notebook's commit (a local clone stands in for
    GitHub, which the tests cannot reach), and every cell runs."""
    import site

    import nbformat
    from nbclient import NotebookClient
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    ref = subprocess.run(["git", "-C", str(clone), "rev-parse", "HEAD"], check=True,
                         capture_output=True, text=True).stdout.strip()
    out = tmp_path / "made"
    [made] = make_notebooks.convert_all([ROOT / "notebooks" / "data.md"], out)
    nb = nbformat.read(made, as_version=4)
    r = make_notebooks.repository()
    cell = nb.cells[0].source
    assert f'git+{r["url"]}@{r["ref"]}"' in cell
    nb.cells[0].source = cell.replace(f'git+{r["url"]}@{r["ref"]}', f"git+file://{clone}@{ref}")
    folder = tmp_path / "fresh"
    folder.mkdir()
    nbformat.write(nb, folder / "data.ipynb")  # the folder holds the notebook only
    # a Python with the dependencies (this environment's packages, the library left out)
    deps = tmp_path / "deps"
    deps.mkdir()
    packages = Path(site.getsitepackages()[0])
    for entry in packages.iterdir():
        if not entry.name.startswith(("d2l_local", "__editable__", "_d2l_local")):
            (deps / entry.name).symlink_to(entry)
    env_dir = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    python = env_dir / "bin" / "python"
    own = Path(subprocess.run(
        [str(python), "-c", "import site; print(site.getsitepackages()[0])"],
        check=True, capture_output=True, text=True).stdout.strip())
    (own / "deps.pth").write_text(str(deps) + "\n")
    hidden = subprocess.run([str(python), "-c", "import d2l_local"], capture_output=True,
                            cwd=folder, env={"PATH": "/usr/bin:/bin"})
    assert hidden.returncode != 0  # the library is not there before the first cell
    spec = tmp_path / "kernels" / "kernels" / "fresh"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "fresh", "language": "python"}))
    # no package index: everything but the library is there already, and its build uses
    # the setuptools of the dependencies
    for key, value in {"JUPYTER_PATH": str(tmp_path / "kernels"), "PIP_NO_INDEX": "1",
                       "PIP_NO_BUILD_ISOLATION": "0", "PIP_DISABLE_PIP_VERSION_CHECK": "1",
                       "PYTHONPATH": ""}.items():
        monkeypatch.setenv(key, value)
    NotebookClient(nb, timeout=900, kernel_name="fresh",
                   resources={"metadata": {"path": str(folder)}}).execute()
    installed = subprocess.run(
        [str(python), "-c", "import d2l_local; print(d2l_local.__file__)"],
        capture_output=True, text=True, cwd=folder, env={"PATH": "/usr/bin:/bin"})
    assert installed.returncode == 0 and str(own) in installed.stdout  # installed, not ours
    shown = [o["data"]["text/markdown"] for c in nb.cells
             if "values" in c.metadata.get("tags", []) for o in c.outputs
             if "text/markdown" in o.get("data", {})]
    assert any("`per_class` = 6,000" in s for s in shown), shown
