"""Docs that cannot drift: every setting the code reads is documented."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_environment_variable_in_settings_is_documented():
    code = (ROOT / "speciosa" / "settings.py").read_text()
    names = set(re.findall(r"""(?:environ\.get|env_bool|env_int)\(\s*["']([A-Z_]+)["']""", code))
    documented = (ROOT / "docs" / "settings.md").read_text()
    assert names, "no settings found; the pattern above is out of date"
    assert {name for name in names if f"`{name}`" not in documented} == set()


def test_the_readme_names_the_two_commands_and_ci_runs_the_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_every_api_operation_is_in_the_api_docs(client):
    from speciosa.api.api import api

    documented = (ROOT / "docs" / "api.md").read_text()
    operations = [
        f"`{method.upper()} {path.removeprefix('/api/v1')}`"
        for path, methods in api.get_openapi_schema()["paths"].items()
        for method in methods
    ]
    assert len(operations) > 40
    assert [op for op in operations if op not in documented] == []
