"""Write Colab-ready notebooks from the chapter's MyST sources (``make notebooks``).

    python tools/make_notebooks.py OUT_DIR [--values BOOK_EXECUTED_DIR] [PAGE.md ...]

Each ``notebooks/x.md`` becomes ``OUT_DIR/notebooks/x.ipynb``, and a translation
``notebooks/<lang>/x.md`` ``OUT_DIR/notebooks/<lang>/x.ipynb`` (the pages of one edition
per call; without pages, every edition's, d2l_local.locales.EDITIONS), plain Jupyter: MyST
markup is rendered to Markdown that Colab and JupyterLab show as it is meant:

- citations become author-year text, with a reference list at the end;
- cross-references become the title (or number) of what they point to;
- admonitions become quotes, figures become images from the repository;
- exercises and solutions become headed sections, their code kept;
- prose stays Markdown; a value it quotes (``{eval}`name```) is written in as the book's
  own run found it, when ``--values`` names the book's executed pages
  (``_build/jupyter_execute/notebooks``: myst-nb's ``<page>.glue.json``, and the page's
  run-mode note, which says at which scale and on what it ran), else as its name; a
  one-line cell under the paragraph shows the reader's own run's values
  (``d2l.book.show_values``), since Colab's Markdown evaluates nothing.

The first cell installs the library where it is missing, from the commit the notebooks
were generated from, of the repository that publishes them: ``D2L_REPOSITORY_URL`` and
``D2L_SOURCE_REF``, which the publishing workflow sets from the repository and commit it
runs on (so a fork's notebooks install the fork), else ``_config.yml``'s
``repository.url`` and this checkout's commit. The book's Colab links point at the same
files, published on the ``NOTEBOOKS_BRANCH`` branch (see .github/workflows/publish.yml).
"""

from __future__ import annotations

import codecs
import functools
import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jupytext
import nbformat
import yaml
from book_editions import captions  # tools/, this script's folder
from crossrefs import to_roles

from d2l_local.locales import CATALOGS, LANGUAGES, TRANSLATIONS

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS_BRANCH = "notebooks"  # where the publishing workflow puts the generated files


GITHUB_REPO = re.compile(r"^https://github\.com/([A-Za-z0-9][A-Za-z0-9-]*)/([A-Za-z0-9._-]+)$")


def repository() -> dict:
    """The publishing repository: url, branch, org, name and ``ref``, the commit the
    notebooks install from (``D2L_REPOSITORY_URL``, ``D2L_SOURCE_REF``; else
    ``_config.yml`` and this checkout's commit; else the branch)."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    repo = config["repository"]
    url = (os.environ.get("D2L_REPOSITORY_URL", "").strip() or repo["url"]).rstrip("/")
    found = GITHUB_REPO.match(url)
    if not found:
        raise ValueError(f"{url!r} is not a GitHub repository URL "
                         "(https://github.com/<owner>/<name>).")
    branch = repo.get("branch", "main")
    ref = os.environ.get("D2L_SOURCE_REF", "").strip() or _checkout_commit() or branch
    if not re.fullmatch(r"[0-9a-f]{40}|[A-Za-z0-9._/-]+", ref):
        raise ValueError(f"D2L_SOURCE_REF={ref!r} is neither a commit nor a branch or tag.")
    return {"url": url, "branch": branch, "org": found[1], "name": found[2], "ref": ref}


@functools.lru_cache(maxsize=1)
def _checkout_commit():
    """This checkout's commit, or None outside git."""
    try:
        done = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"],
                              capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    commit = done.stdout.strip()
    return commit if done.returncode == 0 and re.fullmatch(r"[0-9a-f]{40}", commit) else None


def raw_url(path: str) -> str:
    """An image of the repository, at the commit the notebooks were made from."""
    r = repository()
    return f"https://raw.githubusercontent.com/{r['org']}/{r['name']}/{r['ref']}/{path}"


def colab_url(pagename: str) -> str:
    """Where Colab opens the generated notebook of ``pagename`` ('notebooks/training')."""
    r = repository()
    return (f"https://colab.research.google.com/github/{r['org']}/{r['name']}/blob/"
            f"{NOTEBOOKS_BRANCH}/{pagename}.ipynb")


# The words the conversion writes, in each edition's language (the page's folder): the
# catalogs' notebook_* sentences ('figure', 'of', 'values', ...).
WORDS = {lang: {key.removeprefix("notebook_"): text for key, text in catalog.items()
                if key.startswith("notebook_")} for lang, catalog in CATALOGS.items()}


def edition(md) -> str:
    """The edition of a page: its folder's language for a page in notebooks/<lang>/ (a
    translation), else 'en'."""
    folder = Path(md).parent.name
    return folder if folder in TRANSLATIONS else "en"


def edition_folder(lang: str, root=ROOT) -> Path:
    """Where the pages of edition ``lang`` are: notebooks/, or notebooks/<lang>/."""
    return Path(root) / "notebooks" / ("" if lang == "en" else lang)


def edition_pages(root=ROOT) -> dict:
    """{edition: its chapter pages}: the English notebooks/*.md, and the same pages in each
    translation's folder (whose intro and bibliography are no notebooks)."""
    names = [p.name for p in sorted((Path(root) / "notebooks").glob("*.md"))]
    return {lang: [edition_folder(lang, root) / name for name in names] for lang in LANGUAGES}


def is_notebook(md) -> bool:
    """A chapter page (MyST notebook with a jupytext header), not a plain Markdown page."""
    return Path(md).read_text(encoding="utf-8").startswith("---\njupytext:")


def target_path(md: Path) -> Path:
    """Where a page's notebook goes under the output folder: notebooks/<page>.ipynb for an
    English page, notebooks/<lang>/<page>.ipynb for a translation (the page's own path)."""
    md = Path(md)
    lang = edition(md)
    return Path("notebooks", *(() if lang == "en" else (lang,)), md.stem + ".ipynb")


INSTALL_CELL = """\
# The scale this notebook runs at (a menu in Colab). "quick": each experiment on a small
# part of the data, a minute or two per page on a CPU. "full size": all of the data (on a
# CPU the chapter's CPU recipes, on a GPU the reference recipe). "auto": D2L_QUICK as set
# before the kernel started (full size when it is not set).
SCALE = "auto"  # @param ["auto", "quick", "full size"]
import os
if SCALE != "auto":
    os.environ["D2L_QUICK"] = "1" if SCALE == "quick" else "0"

# Installs the chapter's library where it is missing (Colab, a fresh environment);
# a no-op where it is installed already.
try:
    import d2l_local  # noqa: F401
except ImportError:
    %pip install -q "d2l-local @ git+{url}@{ref}"
    import d2l_local  # noqa: F401  (where the install failed, the notebook stops here)
"""
LANGUAGE_LINE = """# the library's notes in this edition's language
os.environ.setdefault("D2L_LANG", "{lang}")
"""

# ------------------------------------------------------------------ bibliography
def bibliography(path=ROOT / "references.bib") -> dict:
    """key -> (in-text label 'Lowe, 2004', full reference in Markdown)."""
    from pybtex.database import parse_file
    out = {}
    for key, entry in parse_file(str(path)).entries.items():
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        last = [_latex("".join(p.last_names)) or _latex(" ".join(p.first_names))
                for p in people]
        year = entry.fields.get("year", "n.d.")
        if len(last) == 1:
            who = last[0]
        elif len(last) == 2:
            who = f"{last[0]} and {last[1]}"
        else:
            who = f"{last[0]} et al."
        f = entry.fields
        venue = f.get("journal") or f.get("booktitle") or f.get("publisher") \
            or f.get("institution") or f.get("organization") or f.get("howpublished") or ""
        full = f"{', '.join(_person(p) for p in people)} ({year}). {_latex(f.get('title', ''))}."
        if venue:
            full += f" *{_latex(venue)}*."
        out[key] = (f"{who}, {year}", full)
    return out


def _person(p) -> str:
    last = _latex(" ".join(p.last_names))
    first = " ".join(_latex(n)[0] + "." for n in p.first_names + p.middle_names if _latex(n))
    return f"{last}, {first}" if first and last else last or _latex(" ".join(p.first_names))


def _latex(text: str) -> str:
    """A .bib field's LaTeX as plain text: accents, dashes and escapes decoded by
    latexcodec (installed with pybtex), braces dropped, URLs kept as written."""
    import latexcodec  # noqa: F401  (registers the "ulatex" codec)
    parts = re.split(r"\\url\{([^}]*)\}", text)  # the URLs at the odd places
    return "".join(part if i % 2 else
                   codecs.decode(part, "ulatex").replace("{", "").replace("}", "")
                   for i, part in enumerate(parts))


# ---------------------------------------------------------------- cross-references
def toc_pages(folder: Path) -> list[Path]:
    """The chapter's pages in ``folder`` (notebooks/ or notebooks/<lang>/), in the book's
    order (_toc.yml): the order the book numbers figures and exercises in."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))

    def walk(entries):
        for entry in entries:
            yield entry["file"]
            yield from walk(entry.get("sections", []))
    stems = [Path(f).name for f in walk(toc["chapters"]) if f.startswith("notebooks/")]
    pages = [Path(folder) / f"{stem}.md" for stem in stems]
    return [page for page in pages if page.is_file()]


@functools.lru_cache(maxsize=None)
def _numbered(md: Path) -> tuple[int, int]:
    """How many figures and exercises page ``md`` numbers."""
    kinds = [kind for _, kind, _ in page_labels(md, {"figure": 0, "exercise": 0})]
    return kinds.count("figure"), kinds.count("exercise")


def numbers_before(md) -> dict:
    """The figures and exercises the book numbers before page ``md``: the book counts
    them through the whole chapter, in the order of its table of contents."""
    md = Path(md)
    before = {"figure": 0, "exercise": 0}
    for page in toc_pages(md.parent):
        if page.stem == md.stem:
            break
        figures, exercises = _numbered(page.resolve())
        before["figure"] += figures
        before["exercise"] += exercises
    return before


def page_title(md) -> str:
    """A page's title: its first level-1 heading."""
    for cell in jupytext.read(md).cells:
        found = re.search(r"^# (.+)$", cell.source, re.M) if cell.cell_type == "markdown" \
            else None
        if found:
            return found.group(1).strip()
    return Path(md).stem


def page_labels(md, start=None) -> list[tuple[str, str, str]]:
    """(label, kind, text) for a page's sections (text: the heading) and its figures and
    exercises (text: 'Figure 5', numbered through the chapter as the book does;
    ``start``: the numbers used before this page, by default counted from _toc.yml)."""
    found, numbers = [], dict(numbers_before(md) if start is None else start)
    words = WORDS[edition(md)]
    for cell in jupytext.read(md).cells:
        numbered = []
        if cell.cell_type == "markdown":
            for label, heading in re.findall(r"^\((\S+)\)=\s*\n#+\s+(.+)$", cell.source, re.M):
                found.append((label, "section", heading.strip()))
            numbered = [(kind, label) for kind, label in re.findall(
                r"```\{(figure|exercise)\}[^\n]*\n(?::\w+:[^\n]*\n)*?:(?:name|label): (\S+)",
                cell.source)]
        else:
            name = ((cell.metadata.get("mystnb") or {}).get("figure") or {}).get("name")
            numbered = [("figure", name)] if name else []
        for kind, label in numbered:
            numbers[kind] += 1
            found.append((label, kind, f"{words[kind]} {numbers[kind]}"))
    return found


def labels(md_files) -> dict:
    """label -> (kind, text, page, page title) over all pages."""
    out = {}
    for md in md_files:
        found = page_labels(md)
        title = next((text for _, kind, text in found if kind == "section"), Path(md).stem)
        for label, kind, text in found:
            out[label] = (kind, text, Path(md).stem, title)
    return out


# ------------------------------------------------------------------ conversion
EVAL = re.compile(r"\{eval\}`([^`]+)`")


def book_values(folder, page: str, lang: str) -> dict:
    """What the book's own run of ``page`` glued, as the ``lang`` edition quotes it (a
    sentence in its language), with ``"__note__"``: the page's run-mode note in ``lang``
    (scale, device, time). Empty without a book build."""
    if folder is None:
        return {}
    folder = Path(folder)
    glued_file = folder / f"{page}.glue.json"
    if not glued_file.exists():
        return {}
    glued = json.loads(glued_file.read_text(encoding="utf-8"))
    values = {}
    for key, output in sorted(glued.items(), key=lambda kv: "__" in kv[0]):
        name, _, suffix = key.partition("__")  # plain keys first, then the edition's
        text = output.get("data", {}).get("text/markdown")
        if text is not None and suffix in ("", lang):
            values[name] = text
    executed = folder / f"{page}.ipynb"
    if executed.exists():
        for cell in nbformat.read(executed, as_version=4).cells:
            for output in cell.get("outputs", []):
                note = re.search(rf'<p lang="{lang}[^"]*">(.*?)</p>',
                                 output.get("data", {}).get("text/html", ""), re.S)
                if note and "d2l-run-mode" in output["data"]["text/html"]:
                    text = re.sub(r"</?strong>", "**", note.group(1))
                    text = re.sub(r"</?code>", "`", text)
                    values["__note__"] = html.unescape(re.sub(r"<[^>]+>", "", text))
                    break
            if "__note__" in values:
                break
    return values


def _quoted(text: str, values: dict) -> tuple[str, list[str]]:
    """``text`` with each ``{eval}`name``` written in from ``values`` (else as
    `` `name` ``), and the names it quotes, in order, each once."""
    names = list(dict.fromkeys(EVAL.findall(text)))
    return EVAL.sub(lambda m: values.get(m.group(1), f"`{m.group(1)}`"), text), names


def _values_cell(names):
    """A one-line cell that shows the reader's own run's values of ``names``."""
    cell = nbformat.v4.new_code_cell(
        "d2l.book.show_values(" + ", ".join(f'"{n}"' for n in names) + ")")
    cell.metadata["tags"] = ["values"]
    return cell


def _markdown(src: str, page: str, refs: dict, cited: list, bib: dict, lang="en") -> str:
    words = WORDS[lang]
    src = re.sub(r"^\(\S+\)=\s*$\n?", "", src, flags=re.M)  # section labels
    src = re.sub(r"^%.*$\n?", "", src, flags=re.M)  # MyST comments (translation stamps)

    src = to_roles(src)  # the pages' citation and reference links (tools/crossrefs.py)

    def cite(m):
        keys = [k.strip() for k in m.group(1).split(",")]
        cited.extend(k for k in keys if k not in cited)
        return "(" + "; ".join(bib[k][0] if k in bib else k for k in keys) + ")"
    src = re.sub(r"\{cite(?::\w+)?\}`([^`]+)`", cite, src)

    def ref(m):
        explicit = re.fullmatch(r"(.+?)\s*<([^<>]+)>", m.group(2))
        own, label = explicit.groups() if explicit else (None, m.group(2))
        if label not in refs:
            return own or label
        kind, text, where, title = refs[label]
        if kind == "section":  # another page's: a link to its notebook
            return f"*{own or text}*" if where == page else f"[{own or text}]({where}.ipynb)"
        return text if where == page else words["of"].format(text=text, title=title)
    src = re.sub(r"\{(ref|numref)\}`([^`]+)`", ref, src)

    def admonition(m):
        kind, title, body = m.group(1), (m.group(2) or "").strip(), m.group(3)
        body = re.sub(r"^:class:.*\n", "", body, flags=re.M).strip()
        head = title if kind == "admonition" else kind.capitalize()
        return "\n".join(["> **" + head + "**", ">"] + ["> " + line if line else ">"
                                                       for line in body.splitlines()])
    src = re.sub(r"^:::\{(\w+)\}([^\n]*)\n(.*?)^:::\s*$", admonition, src, flags=re.M | re.S)

    def figure(m):
        path, body = m.group(1).strip(), m.group(2)
        caption = re.sub(r"^:\w+:.*\n", "", body, flags=re.M).strip()
        label = re.search(r"^:name: (\S+)", body, re.M)
        number = refs.get(label.group(1), ("", words["figure"]))[1] if label else \
            words["figure"]
        url = raw_url(path.replace("../", "")) if path.startswith("../") else path
        return f"![{caption}]({url})\n\n*{number}: {caption}*"
    src = re.sub(r"```\{figure\}([^\n]*)\n(.*?)```", figure, src, flags=re.S)

    def exercise(m):
        body = m.group(1)
        label = re.search(r"^:label: (\S+)", body, re.M)
        text = re.sub(r"^:\w+:.*\n", "", body, flags=re.M).strip()
        number = refs.get(label.group(1), ("", words["exercise"]))[1] if label else \
            words["exercise"]
        return f"### {number}\n\n{text}"
    src = re.sub(r"```\{exercise\}[^\n]*\n(.*?)```", exercise, src, flags=re.S)

    def solution(m):
        label = m.group(1).strip()
        number = refs.get(label, ("", words["the_exercise"]))[1]
        return "#### " + words["solution"].format(number=number)
    src = re.sub(r"```\{solution-start\}([^\n]*)\n.*?```", solution, src, flags=re.S)
    src = re.sub(r"```\{solution-end\}\s*\n```", "", src)
    src = re.sub(r"```\{tableofcontents\}\s*\n```", lambda m: _contents(page, lang), src)
    return src.strip()


def _contents(page: str, lang: str) -> str:
    """The table of contents as links to the other notebooks of this edition's folder."""
    links = [f"- [{page_title(md)}]({md.stem}.ipynb)" for md in toc_pages(edition_folder(lang))
             if md.stem != page]
    return WORDS[lang]["toc"] + "\n\n" + "\n".join(links)


def _sections(text: str) -> list[str]:
    """Markdown split before each heading, so headings stay Markdown (and in the
    notebook's outline) even when the prose around them becomes a cell."""
    parts = re.split(r"(?m)^(?=#{1,6} )", text)
    return [p.strip() for p in parts if p.strip()]


def convert(md: Path, out_dir: Path, refs: dict, bib: dict, values_dir=None) -> Path:
    md = Path(md)
    page, lang = md.stem, edition(md)
    nb = jupytext.read(md)
    cells, cited = [], []
    repo = repository()
    install = nbformat.v4.new_code_cell(
        INSTALL_CELL.format(url=repo["url"], ref=repo["ref"])
        + ("" if lang == "en" else LANGUAGE_LINE.format(lang=lang)))
    install.metadata["tags"] = ["colab-install"]
    cells.append(install)
    values = book_values(values_dir, page, lang)
    if any(EVAL.search(c.source) for c in nb.cells if c.cell_type == "markdown"):
        cells.append(nbformat.v4.new_markdown_cell(
            WORDS[lang]["values"].format(note=values["__note__"]) if "__note__" in values
            else WORDS[lang]["values_missing"]))
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for text in _sections(_markdown(cell.source, page, refs, cited, bib, lang)):
                text, names = _quoted(text, values)
                cells.append(nbformat.v4.new_markdown_cell(text))
                if names:
                    cells.append(_values_cell(names))
            continue
        tags = list(cell.metadata.get("tags", []))
        figure = (cell.metadata.get("mystnb", {}) or {}).get("figure")
        new = nbformat.v4.new_code_cell(cell.source)
        if "remove-cell" in tags:  # numbers for the text and the page's self-checks
            new.source = "# Computes the numbers the text quotes, and checks them.\n" \
                + cell.source
            new.metadata.update({"cellView": "form", "jupyter": {"source_hidden": True}})
        elif "hide-input" in tags:
            new.metadata.update({"jupyter": {"source_hidden": True}})
        cells.append(new)
        if figure:
            number = refs.get(figure.get("name"), ("", WORDS[lang]["figure"]))[1]
            caption = " ".join(str(figure.get("caption", "")).split())
            if lang != "en":  # the code's caption is English: the edition's is in the table
                caption = captions().get(figure.get("name"), {}).get(lang) or caption
            cells.append(nbformat.v4.new_markdown_cell(f"*{number}: {caption}*"))
    if cited:
        entries = "\n".join(f"- {bib[k][1]}" for k in cited if k in bib)
        cells.append(nbformat.v4.new_markdown_cell(f"## {WORDS[lang]['references']}\n\n"
                                                   + entries))
    out = nbformat.v4.new_notebook(cells=cells)
    out.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                  "language": "python"}
    out.metadata["language_info"] = {"name": "python"}
    out.metadata["colab"] = {"provenance": []}
    target = out_dir / target_path(md)
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(out, target)
    return target


def convert_all(md_files, out_dir, values_dir=None) -> list[Path]:
    md_files = [Path(m) for m in md_files]
    refs = labels(md_files)
    bib = bibliography()
    return [convert(md, Path(out_dir), refs, bib, values_dir) for md in md_files]


def main(argv):
    out, rest = argv[0], argv[1:]
    values_dir = None
    if rest[:1] == ["--values"]:
        values_dir, rest = rest[1], rest[2:]
        if not Path(values_dir).is_dir():
            print(f"no book build in {values_dir}: the text names the values it quotes")
            values_dir = None
    # no pages named: every edition's, converted edition by edition (each numbers its own)
    for pages in [rest] if rest else edition_pages().values():
        for path in convert_all(pages, Path(out), values_dir):
            print("wrote", path)


if __name__ == "__main__":
    main(sys.argv[1:])
