"""The package's rooms import only the rooms before them, and no module imports itself round a
cycle (``escape_routes/__init__.py`` lists the rooms; README.md, "What is where").

Read from the source (the AST of every module), so an import inside a function or under
``TYPE_CHECKING`` counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

from escape_routes.content.paths import ROOT

PACKAGE = "escape_routes"
ROOMS = ("content", "rules", "html", "explore", "map", "outputs", "ui")
ENTRY_POINTS = ("__main__", "warmup")  # import any room; no room imports them


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_in(name: str, source: str, modules: set[str], is_package: bool = False) -> set[str]:
    """The package's modules that module ``name`` imports (``from a import b`` counts ``a.b``
    when that is a module, else ``a``)."""
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            target = ".".join(p for p in (base, node.module) if p)
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in modules else target)
    return {m for m in found if m in modules and m != name}


def import_graph() -> dict[str, set[str]]:
    paths = sorted((ROOT / PACKAGE).rglob("*.py"))
    modules = {module_name(p) for p in paths}
    return {
        module_name(p): imports_in(
            module_name(p), p.read_text(encoding="utf-8"), modules, p.name == "__init__.py"
        )
        for p in paths
    }


def rank(module: str) -> int:
    """A module's place in the order of rooms; entry points come after every room."""
    parts = module.split(".")
    if len(parts) == 1:
        return -1  # the package's own __init__: imports nothing
    if parts[1] in ROOMS:
        return ROOMS.index(parts[1])
    assert parts[1] in ENTRY_POINTS, f"{module} is in no room: add it to one (README.md)"
    return len(ROOMS)


def backward_imports(graph: dict[str, set[str]]) -> list[str]:
    """``a -> b`` for every import of a later room (or an entry point) by an earlier one."""
    return sorted(f"{a} -> {b}" for a, deps in graph.items() for b in deps if rank(b) > rank(a))


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One path per import cycle found by a depth-first walk (each ends where it starts)."""
    found: list[list[str]] = []
    state: dict[str, str] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == "open":
                found.append([*path[path.index(dep) :], dep])
            elif dep not in state:
                visit(dep, [*path, dep])
        state[node] = "done"

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    return found


def test_every_module_is_in_a_room():
    for module in import_graph():
        rank(module)


def test_rooms_import_only_earlier_rooms():
    assert backward_imports(import_graph()) == []


def test_no_import_cycle():
    assert cycles(import_graph()) == []


def test_the_checks_find_what_they_look_for():
    """The two checks above, on made-up graphs: a room importing a later one, an entry point
    imported by a room, and a cycle inside one room (the old filters <-> scoping)."""
    graph = {
        "escape_routes.content.model": {"escape_routes.map.folium_map"},
        "escape_routes.map.folium_map": {"escape_routes.content.model"},
        "escape_routes.ui.frame": {"escape_routes.warmup"},
        "escape_routes.explore.filters": {"escape_routes.explore.scoping"},
        "escape_routes.explore.scoping": {"escape_routes.explore.filters"},
        "escape_routes.__main__": {"escape_routes.ui.frame"},
    }
    assert backward_imports(graph) == [
        "escape_routes.content.model -> escape_routes.map.folium_map",
        "escape_routes.ui.frame -> escape_routes.warmup",
    ]
    assert sorted(" -> ".join(c) for c in cycles(graph)) == [
        "escape_routes.content.model -> escape_routes.map.folium_map -> "
        "escape_routes.content.model",
        "escape_routes.explore.filters -> escape_routes.explore.scoping -> "
        "escape_routes.explore.filters",
    ]


def test_relative_and_submodule_imports_are_resolved():
    """``from . import x``, ``from .x import y``, ``from ..html import render`` and an import
    inside a function all name the module they import."""
    modules = {"escape_routes.map.labels", "escape_routes.map.controls", "escape_routes.map"}
    modules |= {"escape_routes.html", "escape_routes.html.render", "escape_routes.content.model"}
    source = (
        "from . import labels\nfrom .controls import X\nfrom ..html import render\n"
        "def f():\n    from escape_routes.content.model import Atlas\n"
    )
    assert imports_in("escape_routes.map.folium_map", source, modules) == {
        "escape_routes.map.labels",
        "escape_routes.map.controls",
        "escape_routes.html.render",
        "escape_routes.content.model",
    }
