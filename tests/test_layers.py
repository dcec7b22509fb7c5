"""The layers, read from the source: no import cycle anywhere in speciosa, and the interfaces (web,
API, CLI) reach the journal only through its application layer, `speciosa.journal`.

- `speciosa.core` is pure (tests/core/test_purity.py); `speciosa.refdata` depends on core's value
  types only; `speciosa.journal` is the application layer; the interfaces and the demo sit on top,
  and nothing below the demo imports it.
- An interface never imports `speciosa.core.safety` (the engine is reached through
  speciosa.journal.findings and speciosa.journal.doses) nor `speciosa.journal.models`, and runs no
  ORM query itself: no `.objects`, no `field__lookup=` filters. The entries the journal returns may
  be read and told apart (`speciosa.journal.entries`).

Imports inside functions count (and `import_module("speciosa...")`): a cycle held apart by an import
in a function is still a cycle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "speciosa"
INTERFACES = ("speciosa.web", "speciosa.api", "speciosa.cli", "speciosa.reports")
#: The core modules that are plain value types (enums), which reference data may name.
VALUE_TYPES = {"speciosa.core.vocab"}
FORBIDDEN_TO_INTERFACES = ("speciosa.core.safety", "speciosa.journal.models")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {
    module_name(path): path for path in sorted(PACKAGE.rglob("*.py")) if "migrations" not in path.parts
}
TREES = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in MODULES.items()}


def known(name: str) -> str | None:
    """The module of ours that importing `name` loads (its nearest enclosing module)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imported(module: str) -> Iterator[str]:
    """Every module of ours that `module` imports, at the top or inside a function."""
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(TREES[module]):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*parent, *([node.module] if node.module else [])])
            names = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names
            ]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", "")) == "import_module"
        ):
            names = [
                a.value for a in node.args[:1] if isinstance(a, ast.Constant) and isinstance(a.value, str)
            ]
        else:
            continue
        for name in names:
            found = known(name) if name.startswith("speciosa") else None
            if found and found != module:
                yield found


GRAPH = {module: set(imported(module)) for module in MODULES}


def cycles() -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in GRAPH[module]:
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                group.append(other)
                if other == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in GRAPH:
        if module not in index:
            visit(module)
    return found


def interface_modules() -> list[str]:
    return [module for module in MODULES if module.startswith(INTERFACES)]


def test_the_walk_reads_every_layer():
    assert {"speciosa.core.safety", "speciosa.journal.services", "speciosa.web.views.journal_today"} <= set(
        MODULES
    )
    assert "speciosa.journal.findings" in GRAPH["speciosa.journal.services"]


def test_no_module_imports_itself_back_through_others():
    assert cycles() == []


@pytest.mark.parametrize("module", interface_modules())
def test_an_interface_reaches_the_engine_and_the_models_only_through_the_journal(module):
    reaching = sorted(other for other in GRAPH[module] if other.startswith(FORBIDDEN_TO_INTERFACES))
    assert reaching == [], f"{module} imports {reaching}: call speciosa.journal instead"


@pytest.mark.parametrize("module", interface_modules())
def test_an_interface_runs_no_query_of_its_own(module):
    queries = []
    for node in ast.walk(TREES[module]):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            queries.append(f"line {node.lineno}: .objects")
        if isinstance(node, ast.Call):
            queries += [
                f"line {node.lineno}: {k.arg}=" for k in node.keywords if k.arg and "__" in k.arg.strip("_")
            ]
    assert queries == [], f"{module} queries the database itself: {queries}; add a selector"


def test_the_layers_point_one_way():
    def reaches(layer: str, other: str) -> list[str]:
        return sorted(
            f"{m} -> {o}" for m in GRAPH if m.startswith(layer) for o in GRAPH[m] if o.startswith(other)
        )

    assert reaches("speciosa.core", "speciosa.journal") == []
    assert (
        reaches("speciosa.core", "speciosa.refdata") == []
        or reaches("speciosa.refdata", "speciosa.core.safety") == []
    )
    assert reaches("speciosa.journal", "speciosa.web") + reaches("speciosa.journal", "speciosa.api") == []
    assert reaches("speciosa.journal", "speciosa.cli") == []
    assert (
        reaches("speciosa.journal", "speciosa.reports") + reaches("speciosa.core", "speciosa.reports") == []
    )


def test_reference_data_leans_on_the_cores_value_types_only():
    named = {
        f"{module} -> {imported}"
        for module in MODULES
        if module.startswith("speciosa.refdata")
        for imported in GRAPH[module]
        if imported.startswith("speciosa.core") and imported not in VALUE_TYPES
    }
    assert named == set()
    assert {imported for module in VALUE_TYPES for imported in GRAPH[module]} <= VALUE_TYPES


def test_nothing_below_the_demo_imports_it():
    below = ("speciosa.core", "speciosa.refdata", "speciosa.journal", "speciosa.web", "speciosa.api")
    assert {
        f"{module} -> {imported}"
        for module in MODULES
        if module.startswith(below)
        for imported in GRAPH[module]
        if imported.startswith("speciosa.demo")
    } == set()
