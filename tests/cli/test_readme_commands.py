"""The README's Commands section names every command and every option the parser has."""

from __future__ import annotations

import argparse

from generator.cli import _parser

from helpers import REPO

SECTION = (REPO / "README.md").read_text(encoding="utf-8").split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]


def commands(parser: argparse.ArgumentParser, prefix: str = "errgen") -> dict[str, argparse.ArgumentParser]:
    found = {prefix: parser}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.update(commands(sub, f"{prefix} {name}"))
    return found


def test_every_command_and_option_is_in_the_commands_section() -> None:
    found = commands(_parser())
    assert set(found) >= {"errgen generate", "errgen check", "errgen templates copy"}
    for name, parser in found.items():
        if any(isinstance(a, argparse._SubParsersAction) for a in parser._actions):
            continue  # `errgen`, `errgen templates`: their commands are the rows
        assert f"`{name}" in SECTION, name
        for action in parser._actions:
            for option in action.option_strings:
                assert f"`{option}" in SECTION or f", `{option}" in SECTION, f"{name} {option}"
