"""The layers import one way: no module below the journal (speciosa/core, speciosa/refdata) is part
of an import cycle, reference data leans on the core's value types only, and nothing below the demo
imports it."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The core modules that are plain value types (enums), which reference data may name.
VALUE_TYPES = {"speciosa.core.vocab"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {
    module_name(path): path for path in (ROOT / "speciosa").rglob("*.py") if "migrations" not in path.parts
}


def known(name: str) -> str:
    """The module `name` is, or is in (`speciosa.refdata.side_effects` is a function of a package)."""
    while name not in MODULES:
        name = name.rpartition(".")[0]
    return name


def imports(module: str) -> set[str]:
    """The speciosa modules `module` imports, at its top or inside functions, `import_module` too."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    [*package.split(".")[: len(package.split(".")) - node.level + 1], base]
                ).strip(".")
            names = [f"{base}.{alias.name}" for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", "")) == "import_module"
        ):
            names = [
                arg.value
                for arg in node.args[:1]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            ]
        found |= {known(name) for name in names if name.startswith("speciosa")}
    return found - {module}


GRAPH = {module: imports(module) for module in MODULES}


def below_the_journal(module: str) -> bool:
    return module.startswith(("speciosa.core", "speciosa.refdata"))


def cycle_through(start: str) -> list[str] | None:
    """A chain of imports from `start` back to itself, through modules below the journal only."""
    paths = [[start]]
    seen = {start}
    while paths:
        path = paths.pop()
        for nxt in sorted(GRAPH[path[-1]]):
            if nxt == start:
                return [*path, start]
            if nxt not in seen and below_the_journal(nxt):
                seen.add(nxt)
                paths.append([*path, nxt])
    return None


def test_no_module_below_the_journal_is_part_of_an_import_cycle():
    cycles = [cycle_through(module) for module in sorted(MODULES) if below_the_journal(module)]
    assert [cycle for cycle in cycles if cycle] == []


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
