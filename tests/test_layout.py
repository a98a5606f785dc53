"""The shape of the package: small modules, no import cycles, and each stage importing only what
comes before it (docs/architecture.md draws the same map)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "briefer"

#: A module past this many lines is doing several jobs: split it into a package of passes.
MAX_MODULE_LINES = 620


def _modules() -> dict[str, Path]:
    """Every module of briefer by dotted name (a package by its own name)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The briefer modules ``name`` imports anywhere in its code (lazy and type-only imports too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            module = f"{base}.{node.module}" if node.level and node.module else (node.module or base)
            targets = [f"{module}.{alias.name}" if f"{module}.{alias.name}" in MODULES else module for alias in node.names]
        found.update(t for t in targets if t in MODULES and t != name)
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _reaches(start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(GRAPH[start])
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(GRAPH[name])
    return seen


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_too_long(name: str) -> None:
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_MODULE_LINES, f"{name} has {lines} lines"


def test_there_are_no_import_cycles() -> None:
    cycles = sorted(name for name in GRAPH if name in _reaches(name))
    assert cycles == []


def test_the_graph_is_read() -> None:
    # The checks above would pass on an empty graph: the parser must see the imports that exist.
    assert "briefer.scheduling" in GRAPH["briefer.pipeline"]
    assert "briefer.actors" in GRAPH["briefer.analysis"]
    assert "briefer.render.records" in GRAPH["briefer.render.view"]
    assert "briefer.models" in _reaches("briefer.cli")


@pytest.mark.parametrize(
    ("stage", "never"),
    [
        # Rendering lays out what the assembly decided; it runs no analysis and no assembly.
        ("briefer.render", ("briefer.analysis", "briefer.assemble", "briefer.stories", "briefer.actors", "briefer.summarize")),
        # The per-article analysis never looks at the day: nothing of the assembly or the run.
        ("briefer.analysis", ("briefer.assemble", "briefer.stories", "briefer.scheduling", "briefer.cache", "briefer.render")),
        # Library code never talks to the terminal.
        ("briefer.pipeline", ("briefer.cli",)),
    ],
)
def test_stages_import_only_what_comes_before_them(stage: str, never: tuple[str, ...]) -> None:
    inside = [name for name in MODULES if name == stage or name.startswith(stage + ".")]
    reached = set().union(*(_reaches(name) for name in inside))
    bad = sorted(r for r in reached for n in never if r == n or r.startswith(n + "."))
    assert bad == []
