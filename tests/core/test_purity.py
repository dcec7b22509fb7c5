"""speciosa/core stays pure: nothing in it imports Django or another speciosa layer."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "speciosa" / "core"
FORBIDDEN = ("django", "ninja", "speciosa.journal", "speciosa.web", "speciosa.api", "speciosa.cli")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_imports_no_framework_and_no_outer_layer():
    offenders = {
        f"{path.relative_to(CORE)}: {name}"
        for path in CORE.rglob("*.py")
        for name in imported_modules(path)
        if name.startswith(FORBIDDEN)
    }
    assert offenders == set()
