"""The library's architecture: the layers its package docstring lists, each importing only
the layers above it (so no cycle), read from every form an import can take, and no
upstream d2l."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "d2l_local"


def layers(package: Path = PACKAGE) -> set[str]:
    """The package's layers: its modules and subpackages (locales), by name."""
    return {p.stem for p in package.glob("*.py") if p.stem != "__init__"} | \
        {p.parent.name for p in package.glob("*/__init__.py")}


def reexports(package: Path = PACKAGE) -> dict:
    """Name -> layer, for what the package's ``__init__`` imports from its layers
    (``from .models import AlexNet``: ``AlexNet`` -> ``models``), so that ``from d2l_local
    import AlexNet`` counts as an import of models."""
    found = {}
    for node in ast.walk(ast.parse((package / "__init__.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            found.update({a.asname or a.name: node.module.split(".")[0] for a in node.names})
    return found


def _absolute(node: ast.ImportFrom, package: str) -> str:
    """The absolute module of ``from <node.module> import ...`` written in ``package``."""
    if not node.level:
        return node.module or ""
    base = package.split(".")[:len(package.split(".")) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def imported_names(source: str, package: str) -> set[str]:
    """Every name under ``d2l_local`` that module ``source`` (in ``package``) imports, in any
    form and anywhere in it (functions too): ``import d2l_local.x``, ``from d2l_local import
    x``, ``from d2l_local.x import y``, relative imports (``from . import x``, ``from .x
    import y``, ``from .. import x``), and ``d2l_local.x`` reached through an imported
    package (``import d2l_local as d2l`` then ``d2l.x``)."""
    found, package_names = set(), set()
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "d2l_local" or alias.name.startswith("d2l_local."):
                    found.add(alias.name)
                    if alias.asname is None or alias.name == "d2l_local":
                        package_names.add(alias.asname or "d2l_local")
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(node, package)
            if module == "d2l_local":
                found.update(f"d2l_local.{a.name}" for a in node.names)
            elif module.startswith("d2l_local."):
                found.add(module)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and node.value.id in package_names:
            found.add(f"d2l_local.{node.attr}")
    return found


def layer_of(name: str, own: str, known: set[str], exported: dict) -> str | None:
    """The layer a name imported by layer ``own`` belongs to (None: the package itself,
    or ``own``); a name that is neither a layer nor re-exported by the package fails."""
    parts = name.split(".")
    if len(parts) == 1:
        return None  # `import d2l_local`: what it uses is counted by attribute
    first = parts[1]
    layer = first if first in known else exported.get(first)
    assert layer is not None, f"{own} imports {name}, which is no module of d2l_local"
    return None if layer == own else layer


def graph(package: Path = PACKAGE) -> dict:
    """Layer -> the layers it imports, read from each of its files."""
    known, exported = layers(package), reexports(package)
    edges = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package.parent).with_suffix("").parts
        if parts == ("d2l_local", "__init__"):
            continue  # the package's face: it imports every layer
        own = parts[1]
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        package_name = module if parts[-1] == "__init__" else module.rpartition(".")[0]
        names = imported_names(path.read_text(encoding="utf-8"), package_name)
        edges.setdefault(own, set()).update(
            layer for name in names if (layer := layer_of(name, own, known, exported)))
    return edges


def find_cycle(edges):
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        state[node] = "done"
        stack.pop()
        return None

    for node in sorted(edges):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def listed_layers(package: Path = PACKAGE) -> list[str]:
    """The layers the package docstring lists, from the bottom up: the first word of each
    line indented by four spaces (a description's next lines are indented further)."""
    doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8")))
    return [line.split()[0] for line in doc.splitlines()
            if line.startswith("    ") and not line.startswith("     ")]


def layering_problems(package: Path = PACKAGE) -> list[str]:
    """Each layer that imports one listed after it, or none of the list, and each layer
    the list misses or names without a module."""
    listed, edges = listed_layers(package), graph(package)
    found = [f"the docstring lists {name}, which is no module" for name in listed
             if name not in edges]
    found += [f"the docstring does not list {name}" for name in sorted(set(edges) - set(listed))]
    for i, name in enumerate(listed):
        for up in sorted(edges.get(name, set()) - set(listed[:i])):
            found.append(f"{name} imports {up}, which the docstring lists after it")
    return found


def test_the_layers_import_only_the_layers_the_docstring_lists_before_them():
    edges = graph()
    assert {"training", "core", "summary", "distributed", "data", "locales"} <= set(edges)
    assert layering_problems() == []
    assert find_cycle(edges) is None, " -> ".join(find_cycle(edges))


SOURCES = {  # one import form each; the module is d2l_local.core (or locales/zh.py)
    "from . import training": {"training"},
    "from .training import Trainer": {"training"},
    "from .training.x import y": {"training"},
    "import d2l_local.training": {"training"},
    "import d2l_local.training as t": {"training"},
    "from d2l_local import training": {"training"},
    "from d2l_local.training import Trainer": {"training"},
    "from d2l_local import Trainer": {"training"},  # re-exported by the package
    "import d2l_local as d2l\nd2l.Trainer": {"training"},
    "import d2l_local\nd2l_local.book.say": {"book"},
    "def f():\n    from .book import say": {"book"},  # inside a function
    "from .core import Module": set(),  # itself
    "from torch import nn\nimport d2l": set(),
}


@pytest.mark.parametrize("source", SOURCES)
def test_every_import_form_is_read(source):
    known, exported = layers(), reexports()
    names = imported_names(source, "d2l_local")
    assert {layer for name in names if (layer := layer_of(name, "core", known, exported))} \
        == SOURCES[source]


def test_a_subpackage_reads_its_parent_with_two_dots_and_its_own_modules_with_one():
    known, exported = layers(), reexports()
    names = imported_names("from .. import config\nfrom . import en\nfrom ..book import say",
                           "d2l_local.locales")
    assert names == {"d2l_local.config", "d2l_local.locales", "d2l_local.book"}
    assert {layer_of(n, "locales", known, exported) for n in names} == {"config", "book", None}


def test_an_import_that_reaches_up_is_named(tmp_path):
    """A copy of the package where a lower layer imports a higher one, in a form the old
    check did not read: the layering check names it."""
    import shutil
    copy = tmp_path / "d2l_local"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert layering_problems(copy) == []
    config = copy / "config.py"
    config.write_text(config.read_text(encoding="utf-8")
                      + "\n\ndef _late():\n    import d2l_local.book\n", encoding="utf-8")
    assert layering_problems(copy) == ["config imports book, which the docstring lists "
                                       "after it"]
    assert find_cycle(graph(copy))  # book imports config


def test_the_cycle_finder_finds_cycles():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_library_does_not_need_upstream_d2l_or_the_benchmark():
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 \
                else []
            for name in names:
                assert not name.startswith(("d2l.", "benchmarks")) and name != "d2l", \
                    f"{path.name} imports {name}"
