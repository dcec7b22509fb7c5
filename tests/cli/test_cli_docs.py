"""Docs that cannot drift: every command is in docs/cli.md with its options, and its --help has an Example.

A hidden command is an alias (`speciosa log medication` for `speciosa log med`): it is named in the
section of the command it stands for rather than given one of its own."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import typer

from speciosa.cli.app import app

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def commands(command=None, path: tuple[str, ...] = ()) -> Iterator[tuple[str, object]]:
    """Every command and group under `speciosa`, as ("speciosa log dose", click command)."""
    command = command or typer.main.get_command(app)
    yield " ".join(("speciosa", *path)), command
    for name, child in getattr(command, "commands", {}).items():
        yield from commands(child, (*path, name))


def sections() -> dict[str, str]:
    """docs/cli.md's sections by heading: "### `speciosa log dose`" -> its text."""
    text = DOCS.read_text(encoding="utf-8")
    parts = re.split(r"^#{2,3} `(speciosa[^`]*)`\s*$", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_the_command_tree_is_walked():
    names = [name for name, _ in commands()]
    assert {"speciosa log dose", "speciosa token revoke", "speciosa backup", "speciosa schema"} <= set(names)


def test_every_command_has_an_example_at_the_end_of_its_help(speciosa):
    for name, command in commands():
        assert (command.epilog or "").startswith("Example: speciosa"), name
        result = speciosa(*name.split()[1:], "--help")
        assert result.exit_code == 0, name
        assert result.stdout.rstrip().splitlines()[-1].strip().startswith("Example: speciosa"), name


def test_every_command_has_a_section_in_docs_cli_md_naming_each_of_its_options():
    documented = sections()
    for name, command in commands():
        if getattr(command, "hidden", False):
            continue
        assert name in documented, f"docs/cli.md has no section for `{name}`"
        section = documented[name]
        for param in command.params:
            for option in [o for o in param.opts if o.startswith("--")]:
                assert option in section, f"docs/cli.md does not explain {option} of `{name}`"
        if name != "speciosa":
            assert "Example" in section and name in section, f"docs/cli.md has no example of `{name}`"


def test_every_alias_is_named_in_the_section_of_the_command_it_stands_for():
    documented = sections()
    every = dict(commands())
    aliases = {name: command for name, command in every.items() if getattr(command, "hidden", False)}
    assert "speciosa log medication" in aliases
    for alias, command in aliases.items():
        same = [
            name
            for name, other in every.items()
            if other is not command
            and getattr(other.callback, "__wrapped__", None) is command.callback.__wrapped__
        ]
        assert same, f"`{alias}` is hidden but stands for no other command"
        assert f"`{alias}`" in documented[same[0]], f"docs/cli.md's `{same[0]}` does not name `{alias}`"
