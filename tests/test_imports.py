"""The library's architecture: an import graph without cycles, and no upstream d2l."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "d2l_local"


def internal_imports(path: Path) -> set[str]:
    """The d2l_local modules a module imports, at the top or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("d2l_local."):
            found.add(node.module.split(".")[1])
    return found


def subpackage_imports(folder: Path) -> set[str]:
    """The d2l_local modules a subpackage (locales/) imports from its parent."""
    found = set()
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level == 2:
                found.update([node.module.split(".")[0]] if node.module else
                             [a.name for a in node.names])
    return found


def graph():
    modules = {p.stem: internal_imports(p) - {p.stem} for p in PACKAGE.glob("*.py")
               if p.stem != "__init__"}
    modules.update({p.parent.name: subpackage_imports(p.parent)
                    for p in PACKAGE.glob("*/__init__.py")})
    return modules


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


def test_the_package_has_no_import_cycle():
    edges = graph()
    assert {"training", "core", "summary", "distributed", "data"} <= set(edges)
    assert find_cycle(edges) is None, " -> ".join(find_cycle(edges))


def test_the_cycle_finder_finds_cycles():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_library_does_not_need_upstream_d2l_or_the_benchmark():
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 \
                else []
            for name in names:
                assert not name.startswith(("d2l.", "benchmarks")) and name != "d2l", \
                    f"{path.name} imports {name}"


def test_the_module_list_in_the_package_docstring_is_complete_and_ordered():
    doc = ast.get_docstring(ast.parse((PACKAGE / "__init__.py").read_text()))
    listed = [line.split()[0] for line in doc.splitlines() if line.startswith("    ")]
    assert sorted(listed) == sorted(graph())
    edges = graph()
    for i, module in enumerate(listed):  # each imports only modules listed before it
        assert edges[module] <= set(listed[:i]), (module, edges[module] - set(listed[:i]))
