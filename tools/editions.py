"""The chapter's editions: English (the source) in notebooks/, each translation in
notebooks/<lang>/ (the editions are listed once, in d2l_local.locales.EDITIONS: Chinese
and Vietnamese). One code, one language per edition.

    python tools/editions.py check            what the tests check, page by page
    python tools/editions.py sync-code        copy every code cell (and the slide breaks,
                                              tools/slides.py) from the English page
    python tools/editions.py stamp PAGE...    record that PAGE was (re)translated from the
                                              English page as it is now
    python tools/editions.py prepare          before the English build: write its config
                                              for this scale, empty this scale's execution
                                              cache when the library changed, and the built
                                              site when it came from another scale
    python tools/editions.py build [LANG...]  build each translation's site into
                                              _build/html/<lang> (after the English build)
    python tools/editions.py pages NAME...    NAME's page in every edition, for the Makefile
                                              (alexnet.md: notebooks/alexnet.md
                                              notebooks/zh/alexnet.md ...)

The book is executed at the scale of the environment (``D2L_QUICK=1``: quick; else CPU or
GPU full size, see d2l_local.scales). Each scale keeps its own execution cache in
build/jupyter-cache/<scale>/, shared by the editions, so a rebuild at that scale
runs only the pages whose code changed, and switching scales does not throw the other
scale's executions away.

Rules, checked by tests/test_editions.py:

- every code cell of a translated page is the English cell in the same position (source and
  options), so one execution serves all editions: the book's execution cache is keyed by
  the code, and the translations' builds reuse the English build's outputs;
- the values the prose quotes (``{eval}`name```) are the English page's: the same names in
  every edition (a glued sentence shows itself in the page's language), and each one is a
  variable assigned from :func:`d2l_local.book.glue` under its own name in the page's code
  (``name = d2l.book.glue("name", ...)``), since JupyterLab evaluates the variable and the
  book reads the glued value;
- labels, citations and cross-references are the English ones;
- each translated page starts with a stamp, a MyST comment naming its English source and
  the hash of that source's prose; when the English prose changes, the check fails naming
  the page until a translator has looked and run ``stamp``.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import book_editions  # tools/ is this script's folder
import crossrefs
import jupytext
import make_notebooks
import slides
import yaml
from make_notebooks import is_notebook

from d2l_local.locales import CATALOGS, LANGUAGES, SPHINX_LANGUAGE, TITLES, TRANSLATIONS

ROOT = Path(__file__).resolve().parent.parent
STAMP = re.compile(r"^% translation of (\S+), prose sha256 ([0-9a-f]{16})\s*$", re.M)


# ------------------------------------------------------------------ pages
def pages(names) -> list[str]:
    """Each of ``names`` (pages of notebooks/, 'alexnet.md') in every edition, relative to
    the repository: the lists the Makefile asks for."""
    return [(make_notebooks.edition_folder(lang, ROOT) / name).relative_to(ROOT).as_posix()
            for name in names for lang in LANGUAGES]


def english_source(page: Path) -> Path:
    """The English page a translated page comes from."""
    page = Path(page)
    if page.stem in ("intro", "bibliography"):
        return ROOT / f"{page.stem}.md"
    return ROOT / "notebooks" / page.name


def translations(lang: str) -> list[Path]:
    """The pages of edition ``lang``: its intro, a page per English page, its bibliography."""
    folder = make_notebooks.edition_folder(lang, ROOT)
    names = sorted(p.name for p in (ROOT / "notebooks").glob("*.md"))  # the English pages
    return [folder / "intro.md"] + [folder / name for name in names] \
        + [folder / "bibliography.md"]


def cells(path: Path):
    if is_notebook(path):
        return jupytext.read(path).cells
    return [_MarkdownCell(Path(path).read_text(encoding="utf-8"))]


class _MarkdownCell:
    """A plain Markdown page (intro, bibliography) as one markdown cell."""

    def __init__(self, text):
        self.cell_type, self.source, self.metadata = "markdown", text, {}


def prose(path: Path) -> str:
    """The page's Markdown without stamps: what a translator translates."""
    text = "\n\n".join(c.source for c in cells(path) if c.cell_type == "markdown")
    return STAMP.sub("", text).strip()


def prose_hash(path: Path) -> str:
    return hashlib.sha256(prose(path).encode("utf-8")).hexdigest()[:16]


def code_cells(path: Path) -> list[tuple[str, dict]]:
    return [(c.source, dict(c.metadata)) for c in cells(path) if c.cell_type == "code"]


EVAL = re.compile(r"\{eval\}`([^`]+)`")
GLUED_VARIABLE = re.compile(r'^(\w+) = d2l\.book\.glue\(\s*"(\w+)"', re.M)
LABEL = re.compile(r"^\((\S+)\)=\s*$|^:(?:name|label): (\S+)\s*$", re.M)
XREF = re.compile(r"\{eq\}`([^`]+)`")


def references(text: str) -> list[str]:
    """The labels and citation keys a page refers to, however it writes them."""
    return crossrefs.keys(text) + XREF.findall(text)


def eval_names(text: str) -> list[str]:
    """The name of every ``{eval}`name``` role of a page, in order."""
    return EVAL.findall(text)


def eval_problems(page: Path) -> list[str]:
    """The page's ``{eval}`` roles that its code does not provide as ``name =
    d2l.book.glue("name", ...)`` (JupyterLab would show an error, the book a warning)."""
    code = "\n".join(source for source, _ in code_cells(page))
    glued = {var for var, key in GLUED_VARIABLE.findall(code) if var == key}
    rel = page.relative_to(ROOT)
    return [f"{rel}: {{eval}}`{name}` is not assigned as {name} = d2l.book.glue(\"{name}\", ...)"
            for name in sorted(set(eval_names(page.read_text(encoding="utf-8"))) - glued)]


def markdown_labels(page: Path) -> set[str]:
    """The labels a page's Markdown defines (sections, figures, exercises)."""
    return {a or b for c in cells(page) if c.cell_type == "markdown"
            for a, b in LABEL.findall(c.source)}


def reference_problems(pages) -> list[str]:
    """Citations and references of one edition's ``pages`` that JupyterLab would show as
    keys, or that name a missing entry, the wrong page or the wrong number
    (tools/crossrefs.py)."""
    pages = [Path(p) for p in pages if is_notebook(p)]
    labels, bib = make_notebooks.labels(pages), make_notebooks.bibliography()
    return [problem for page in pages for problem in crossrefs.problems(
        page.relative_to(ROOT), prose(page), labels, bib, markdown_labels(page))]


def caption_problems() -> list[str]:
    """Figures drawn by the pages' code whose caption editions/captions.csv lacks, or has
    with an English text that is not the page's (translate it again), or without a
    translation."""
    table, found, seen = book_editions.captions(), [], set()
    for page in sorted((ROOT / "notebooks").glob("*.md")):
        for _, metadata in code_cells(page) if is_notebook(page) else []:
            figure = (metadata.get("mystnb") or {}).get("figure") or {}
            name, caption = figure.get("name"), " ".join(str(figure.get("caption", "")).split())
            if not name:
                continue
            seen.add(name)
            row = table.get(name)
            if row is None:
                found.append(f"editions/captions.csv: no row for {name} "
                             f"({page.relative_to(ROOT)})")
            elif " ".join(row["en"].split()) != caption:
                found.append(f"editions/captions.csv: the English caption of {name} is not "
                             f"the one in {page.relative_to(ROOT)}; update it and its "
                             "translations")
            elif not all(row.get(lang, "").strip() for lang in LANGUAGES):
                found.append(f"editions/captions.csv: {name} lacks a translation")
    found += [f"editions/captions.csv: {name} is no figure of the pages"
              for name in sorted(set(table) - seen)]
    return found


def problems(lang: str) -> list[str]:
    """Everything wrong with the ``lang`` edition, one line per problem, naming the page."""
    found = []
    for page in translations(lang):
        rel = page.relative_to(ROOT)
        source = english_source(page)
        if not page.exists():
            found.append(f"{rel}: missing (translate {source.relative_to(ROOT)})")
            continue
        text, english = page.read_text(encoding="utf-8"), source.read_text(encoding="utf-8")
        if code_cells(page) != code_cells(source):
            found.append(f"{rel}: code cells differ from {source.relative_to(ROOT)} "
                         "(run: python tools/editions.py sync-code)")
        if is_notebook(source):
            found += slides.problems(page, source)
        if sorted(eval_names(text)) != sorted(eval_names(english)):
            found.append(f"{rel}: the values quoted ({{eval}} roles) differ from the English "
                         "page's (the same names in every edition)")
        for what, find in (("labels", LABEL.findall), ("references", references)):
            mine = sorted(m if isinstance(m, str) else "".join(m)
                          for m in find(STAMP.sub("", text)))
            theirs = sorted(m if isinstance(m, str) else "".join(m) for m in find(english))
            if mine != theirs:
                extra = sorted((Counter(mine) - Counter(theirs)).elements())
                missing = sorted((Counter(theirs) - Counter(mine)).elements())
                found.append(f"{rel}: {what} differ from the English page: missing "
                             f"{missing}, extra {extra}")
        stamp = STAMP.search(text)
        if not stamp:
            found.append(f"{rel}: no translation stamp (run: python tools/editions.py stamp "
                         f"{rel})")
        elif stamp.group(2) != prose_hash(source):
            found.append(f"{rel}: the English page {source.relative_to(ROOT)} changed after "
                         f"this translation; update the translation, then run: python "
                         f"tools/editions.py stamp {rel}")
    return found


# ------------------------------------------------------------------ commands
def stamp(page: Path):
    page = Path(page).resolve()
    source = english_source(page)
    line = f"% translation of {source.relative_to(ROOT)}, prose sha256 {prose_hash(source)}"
    text = page.read_text(encoding="utf-8")
    if STAMP.search(text):
        text = STAMP.sub(line, text, count=1)
    elif text.startswith("---\n"):
        end = text.index("\n---\n", 4) + 5
        text = text[:end] + "\n" + line + "\n" + text[end:].lstrip("\n")
    else:
        text = line + "\n\n" + text
    page.write_text(text, encoding="utf-8")


CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n.*?^```\s*$", re.M | re.S)


def sync_code(page: Path) -> bool:
    """Replace the translated page's code cells by the English ones, in order (the text
    between them is kept). True when the page changed."""
    page, source = Path(page), english_source(page)
    if not is_notebook(source):
        return False
    english = CODE_CELL.findall(source.read_text(encoding="utf-8"))
    text = page.read_text(encoding="utf-8")
    mine = CODE_CELL.findall(text)
    if len(mine) != len(english):
        raise SystemExit(f"{page}: {len(mine)} code cells, the English page has "
                         f"{len(english)}: align them by hand first")
    it = iter(english)
    new = CODE_CELL.sub(lambda m: next(it), text)
    if new != text:
        page.write_text(new, encoding="utf-8")
    return new != text


def book_scale() -> str:
    """The scale the book is executed at here and now: 'quick', 'cpu' or 'gpu'."""
    sys.path.insert(0, str(ROOT))
    from d2l_local import scales
    return scales.current()


def cache_dir(scale: str) -> Path:
    return ROOT / "build" / "jupyter-cache" / scale


# How the book numbers figures and tables in an edition whose language Sphinx does not
# translate them into (Sphinx's Chinese catalog gives 图 and 表 itself).
NUMFIG_FORMAT = {"vi": {"figure": "Hình %s", "table": "Bảng %s", "code-block": "Đoạn mã %s",
                        "section": "Mục %s"}}


# seconds a cell may run at full size: exercise 4's cell (LeNet for 20 epochs, AlexNet for 5)
# took over the quick book's 1800 while other work shared the two cores
FULL_SIZE_CELL_TIMEOUT = 3 * 3600


def edition_config(lang: str, scale: str) -> Path:
    """build/editions/<lang>/_config.yml and _toc.yml: the English book's, for ``lang``'s
    pages, with the language and the title (d2l_local.locales), and the execution cache of
    ``scale`` (shared by the editions)."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["execute"]["cache"] = str(cache_dir(scale))
    if scale != "quick":  # a full-size cell trains for many minutes, longer on a busy machine
        config["execute"]["timeout"] = FULL_SIZE_CELL_TIMEOUT
    # the repository and issue buttons name the publishing repository (a fork: the fork)
    config["repository"]["url"] = make_notebooks.repository()["url"]
    config["bibtex_bibfiles"] = [str(ROOT / b) for b in config["bibtex_bibfiles"]]
    sphinx = config["sphinx"]
    sphinx["local_extensions"] = {k: str(ROOT / v) for k, v in
                                  sphinx["local_extensions"].items()}
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    config["title"] = TITLES[lang]
    config["author"] = CATALOGS[lang]["book_author"]  # the footer's "By ..."
    sphinx["config"]["language"] = SPHINX_LANGUAGE[lang]
    sphinx["config"]["d2l_edition"] = lang
    # the toggle of a cell whose code is hidden (hide-input) says what it does in the
    # page's language (myst-nb's words; Sphinx has no catalog of them)
    sphinx["config"]["nb_code_prompt_show"] = CATALOGS[lang]["code_show"]
    sphinx["config"]["nb_code_prompt_hide"] = CATALOGS[lang]["code_hide"]
    if lang != "en":
        if lang in NUMFIG_FORMAT:  # Sphinx has no catalog for it: it would write "Fig. 5"
            sphinx["config"]["numfig_format"] = NUMFIG_FORMAT[lang]

        def move(entry):
            entry = dict(entry)
            entry["file"] = f"notebooks/{lang}/{Path(entry['file']).name}"
            if "sections" in entry:
                entry["sections"] = [move(s) for s in entry["sections"]]
            return entry
        toc["root"] = f"notebooks/{lang}/intro"
        toc["chapters"] = [move(c) for c in toc["chapters"]]
    out = ROOT / "build" / "editions" / lang
    out.mkdir(parents=True, exist_ok=True)
    (out / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True,
                                                    sort_keys=False), encoding="utf-8")
    (out / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    return out


def build(langs, extra=(), scale=None):
    """Build each edition with Jupyter Book and put it under _build/html/<lang>/."""
    scale = scale or book_scale()
    site = ROOT / "_build" / "html"
    if not (site / "index.html").exists():
        raise SystemExit("Build the English book first (make book): the editions reuse its "
                         "executed notebooks and live inside its site.")
    for lang in langs:
        out = edition_config(lang, scale)
        cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT),
               "--config", str(out / "_config.yml"), "--toc", str(out / "_toc.yml"),
               "--path-output", str(out), *extra]
        print("==", " ".join(cmd), flush=True)
        start = time.perf_counter()
        subprocess.run(cmd, check=True, cwd=ROOT)
        print(f"{lang}: built in {time.perf_counter() - start:.0f} s", flush=True)
        target = site / lang
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(out / "_build" / "html", target)
        print(f"{lang}: {target / 'index.html'}")


def library_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted((ROOT / "d2l_local").rglob("*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def cache_guard(scale: str) -> bool:
    """Keep the books true to the library and the scale: jupyter-cache keys on a page's
    code cells, not on the library they call or the scale they ran at, and Sphinx rereads
    only the pages whose source changed. So empty ``scale``'s execution cache when
    d2l_local changed since it was filled, and remove the built sites (_build, the
    editions' builds) when they were built from another scale or library. True when
    anything was removed."""
    digest, removed = library_digest(), False
    cache = cache_dir(scale)
    stamp = cache / "d2l_local.sha256"
    if not (stamp.exists() and stamp.read_text() == digest):
        removed = cache.exists()
        shutil.rmtree(cache, ignore_errors=True)
        cache.mkdir(parents=True)
        stamp.write_text(digest)
    site, built = ROOT / "_build", f"{scale} {digest}"
    marker = site / "built-from"
    if not (marker.exists() and marker.read_text() == built):
        removed = removed or site.exists()
        for old in (site, ROOT / "build" / "editions"):
            shutil.rmtree(old, ignore_errors=True)
        site.mkdir(parents=True)
        marker.write_text(built)
    if removed:
        print(f"the library or the scale ({scale}) changed since the last build: the pages "
              "that must run again will", file=sys.stderr)
    return removed


def prepare(scale=None) -> Path:
    """Before the English build: the cache guard, then the English config; returns it."""
    scale = scale or book_scale()
    cache_guard(scale)
    return edition_config("en", scale) / "_config.yml"


def main(argv):
    command, args = (argv[0], argv[1:]) if argv else ("check", [])
    if command == "check":
        found = [p for page in sorted((ROOT / "notebooks").glob("*.md"))
                 if is_notebook(page) for p in eval_problems(page)]
        found += [p for lang in TRANSLATIONS for p in problems(lang)] + caption_problems()
        found += [p for lang in LANGUAGES
                  for p in reference_problems(
                      make_notebooks.toc_pages(make_notebooks.edition_folder(lang, ROOT)))]
        print("\n".join(found) or "All editions match the English pages.")
        return 1 if found else 0
    if command == "sync-code":
        for lang in TRANSLATIONS:
            for page in translations(lang):
                source = english_source(page)
                changed = page.exists() and sync_code(page)
                if page.exists() and is_notebook(source):  # and the slide breaks
                    changed = slides.sync(page, source) or changed
                if changed:
                    print("updated", page.relative_to(ROOT))
        return 0
    if command == "stamp":
        for page in args:
            stamp(page)
        return 0
    if command == "pages":
        print(" ".join(pages(args)))
        return 0
    if command == "prepare":
        print(prepare())
        return 0
    if command == "build":
        langs = [a for a in args if not a.startswith("-")] or list(TRANSLATIONS)
        build(langs, [a for a in args if a.startswith("-")])
        return 0
    raise SystemExit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
