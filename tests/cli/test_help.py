"""--help as users read it: the exit codes of every command, the defaults of the configuration in
force (errgen's own without one, or with a broken one), and a bad flag or value answered with
the usage of the command it was given to."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import cli

from helpers import run_cli, write

COMMANDS = ["generate", "check", "watch", "ir", "lint", "diff", "templates", "templates list", "templates copy"]


@pytest.fixture(autouse=True)
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # one line per option


def exit_codes(help_text: str) -> dict[int, str]:
    section = help_text.split("\nexit codes:\n", 1)[1]
    return {int(m[1]): m[2] for m in re.finditer(r"^  (\d+) +(\S.*)$", section, re.M)}


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_help_lists_the_exit_codes(command: str, tmp_path: Path, errgen) -> None:
    result = errgen(*command.split(), "--help", cwd=tmp_path)
    assert result.code == 0 and result.err == ""
    codes = exit_codes(result.out)
    assert {cli.EXIT_OK, cli.EXIT_USAGE, cli.EXIT_INTERNAL, cli.EXIT_INTERRUPTED} <= set(codes), codes
    assert codes[cli.EXIT_INTERNAL] == "a bug in errgen, reported in one line"
    assert codes[cli.EXIT_USAGE].startswith("usage or I/O errors")
    assert (cli.EXIT_SPEC in codes) == (command not in ("watch", "templates", "templates list", "templates copy"))


def test_the_exit_codes_say_what_1_means_for_each_command(tmp_path: Path, errgen) -> None:
    def one(command: str) -> str:
        return exit_codes(errgen(command, "--help", cwd=tmp_path).out)[cli.EXIT_SPEC]

    assert one("check") == "a file would change, appear or go, or spec errors"
    assert one("generate").startswith("spec errors (nothing is written); with --exit-non-zero-on-change")
    assert one("lint") == "spec errors, or with --strict warnings"
    assert "version bump" in one("diff")
    assert exit_codes(errgen("watch", "--help", cwd=tmp_path).out)[cli.EXIT_OK] == "stopped with Ctrl-C"


def test_help_shows_the_configurations_values_and_where_they_are_from(tmp_path: Path, errgen) -> None:
    config = '[tool.errgen]\nout = "build/gen"\nspecs = ["docs/errors"]\npackage = "acme_errors"\nversion = "2.1.0"\ndefault-locale = "ko"\nlocales = ["ja"]\ntemplates = "tpl"\njobs = 3\nstrict = true\nskip-invalid-tables = false\n'
    write(tmp_path / "pyproject.toml", config)
    out = errgen("generate", "--help", cwd=tmp_path).out
    for shown in [
        "output folder (default: build/gen, from pyproject.toml)",
        "(default: docs/errors, from pyproject.toml)",
        "import name of the generated Python package (default: acme_errors, from pyproject.toml)",
        "(default: 2.1.0, from pyproject.toml)",
        "locale of specs without a .LOCALE suffix (default: ko, from pyproject.toml)",
        "repeatable (default: ja, from pyproject.toml)",
        "before the built-in ones (default: tpl, from pyproject.toml)",
        "(default: 3, from pyproject.toml)",
        "treat warnings as errors (default: on, from pyproject.toml)",
        "with a warning (default: off, from pyproject.toml)",
        "the pyproject.toml to read (default: pyproject.toml, the nearest with [tool.errgen])",
    ]:
        assert shown in out, shown
    (tmp_path / "docs").mkdir()
    out = errgen("check", "-h", cwd=tmp_path / "docs").out
    assert "output folder (default: ../build/gen, from ../pyproject.toml)" in out


def test_help_without_configuration_shows_errgens_defaults(tmp_path: Path, errgen) -> None:
    out = errgen("generate", "--help", cwd=tmp_path).out
    assert "output folder (default: generated)\n" in out
    assert "(default: specs)\n" in out
    assert "treat warnings as errors (default: off)\n" in out
    assert "from pyproject.toml" not in out
    write(tmp_path / "pyproject.toml", '[tool.black]\nline-length = 100\n')  # a pyproject.toml that is not errgen's
    assert errgen("generate", "--help", cwd=tmp_path).out == out


@pytest.mark.parametrize("broken", ['[tool.errgen\nout = "x"\n', '[tool.errgen]\nout = 3\n', '[tool.errgen]\nnope = "x"\nout = "x"\n', b"[tool.errgen]\nout = '\xff'\n"])
def test_help_with_a_broken_configuration_shows_errgens_defaults(broken: str | bytes, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_bytes(broken if isinstance(broken, bytes) else broken.encode())
    result = run_cli("generate", "--help", cwd=tmp_path)  # COLUMNS is inherited
    assert result.returncode == 0 and result.stderr == ""
    assert "output folder (default: generated)\n" in result.stdout
    assert run_cli("generate", cwd=tmp_path).returncode == 2  # the run itself says what is wrong


def test_help_reads_the_file_that_config_names(tmp_path: Path, errgen) -> None:
    write(tmp_path / "ci.toml", '[tool.errgen]\nout = "ci-out"\n')
    write(tmp_path / "pyproject.toml", '[tool.errgen]\nout = "local-out"\n')
    assert "output folder (default: ci-out, from ci.toml)" in errgen("generate", "--config", "ci.toml", "--help", cwd=tmp_path).out
    out = errgen("generate", "--config=ci.toml", "-h", cwd=tmp_path).out
    assert "the pyproject.toml to read (default: ci.toml)" in out and "(default: ci-out, from ci.toml)" in out
    assert "(default: generated)" in errgen("generate", "--config", "missing.toml", "--help", cwd=tmp_path).out


def test_a_value_with_a_percent_sign_is_shown_as_it_is(tmp_path: Path, errgen) -> None:
    write(tmp_path / "pyproject.toml", '[tool.errgen]\nout = "100%(x)s"\n')
    result = errgen("generate", "--help", cwd=tmp_path)
    assert result.code == 0 and "output folder (default: 100%(x)s, from pyproject.toml)" in result.out


def test_the_configuration_is_read_once_with_or_without_help(tmp_path: Path, errgen, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.config

    write(tmp_path / "specs/x.md", "## A > B > Error Code\n\n| resultCode | resultKey | resultMessage |\n|---|---|---|\n| 0 | SUCCESS | OK |\n")
    calls = []
    real = generator.config.load_config
    monkeypatch.setattr(generator.config, "load_config", lambda *a, **k: calls.append(a) or real(*a, **k))
    assert errgen("ir", cwd=tmp_path).code == 0
    assert len(calls) == 1  # by the run: building the parser reads nothing
    assert errgen("ir", "--help", cwd=tmp_path).code == 0
    assert len(calls) == 2


BAD_FLAGS = [(command, "--nope") for command in COMMANDS] + [
    ("generate", "--jobs x"),
    ("check", "--jobs -1"),
    ("watch", "--debounce soon"),
    ("ir", "--package 1bad"),
    ("lint", "--default-locale english!"),
    ("diff", "--format xml"),
    ("generate", "--package-version nope"),
    ("templates copy", ""),  # DIR is missing
    ("templates", "frobnicate"),
]


@pytest.mark.parametrize(("command", "bad"), BAD_FLAGS)
def test_a_bad_flag_or_value_gets_the_usage_of_its_command(command: str, bad: str, tmp_path: Path) -> None:
    result = run_cli(*command.split(), *bad.split(), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"usage: errgen {command} ["), result.stderr
    last = result.stderr.splitlines()[-1]
    assert last.startswith(f"errgen {command}: error: "), last
    assert "Traceback" not in result.stderr
    assert not any(tmp_path.iterdir())
