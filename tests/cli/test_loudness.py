"""--quiet and --verbose on every command: quiet prints errors alone (and the output asked for on
stdout), verbose also says what was read, as black -v says which configuration it uses."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from helpers import SPECS, cli_command, cli_env, run_cli, write

WARNS = "## Acme > Widget > Error Code\n\n| resultCode | resultMessage |\n|---|---|\n| 0 | Success |\n| 4001 | Bad thing |\n"
BROKEN = "## Acme > Broken > Error Code\n\n| resultCode | resultKey | resultMessage |\n|---|---|---|\n| x | K | m |\n"
ERROR = "specs/broken.md:5:3: error: resultCode 'x' is not a plain decimal integer; expected ASCII digits with an optional leading '-', like 4000001 [E205]"


def project(tmp_path: Path, *, warns: bool = False) -> Path:
    shutil.copytree(SPECS, tmp_path / "specs")
    if warns:
        write(tmp_path / "specs/widget.md", WARNS)
    return tmp_path


def test_quiet_generate_check_ir_and_lint_print_nothing_but_what_was_asked(tmp_path: Path, errgen) -> None:
    root = project(tmp_path, warns=True)
    assert errgen("generate", "-q", cwd=root) == type(errgen("ir", "-q", cwd=root))(0, "", "")  # a warning is no error
    assert errgen("generate", "--quiet", cwd=root).err == ""
    assert errgen("check", "-q", cwd=root).err == ""
    result = errgen("ir", "-q", cwd=root)
    assert result.code == 0 and result.err == "" and len(json.loads(result.out)["catalogs"]) == 3
    result = errgen("lint", "-q", cwd=root)
    assert (result.code, result.out, result.err) == (0, "", "")
    result = errgen("lint", cwd=root)
    assert "warning: no key column" in result.err and result.err.endswith("errgen: 0 errors, 2 warnings (W203: 1, W501: 1)\n")


def test_quiet_still_prints_every_error_but_no_summary(tmp_path: Path, errgen) -> None:
    root = project(tmp_path)
    write(root / "specs/broken.md", BROKEN)
    for command in ("generate", "check", "ir", "lint"):
        result = errgen(command, "-q", cwd=root)
        assert (result.code, result.out, result.err) == (1, "", ERROR + "\n"), command
    assert errgen("generate", "-q", "--out", "specs", cwd=root).err.startswith("errgen: error: the out dir specs ")


def test_quiet_strict_prints_the_warnings_that_fail_the_run_as_errors(tmp_path: Path, errgen) -> None:
    root = project(tmp_path, warns=True)
    result = errgen("generate", "-q", "--strict", cwd=root)
    assert result.code == 1 and result.err.startswith("specs/widget.md:3:3: error: no key column")
    assert not (root / "generated").exists()
    result = errgen("lint", "-q", "--strict", cwd=root)
    assert result.code == 1 and "specs/widget.md:3:3: warning: no key column" in result.err


def test_quiet_diff_prints_its_findings_alone(tmp_path: Path, errgen) -> None:
    root = project(tmp_path)
    shutil.copytree(root / "specs", root / "old")
    spec = root / "specs/general-ocr.md"
    spec.write_text(spec.read_text(encoding="utf-8").replace("| 4000001 |", "| 4000009 |"), encoding="utf-8")
    result = errgen("diff", "-q", "--against", "old", cwd=root)
    assert result.code == 1 and result.err == ""
    assert "breaking" in result.out and result.out.splitlines()[-1].startswith("errgen diff: ")


def test_quiet_watch_says_nothing_while_it_works(tmp_path: Path) -> None:
    root = project(tmp_path)
    process = subprocess.Popen(cli_command("watch", "-q", "--debounce", "50"), cwd=root, env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        record = root / "generated/.errgen/files"
        deadline = time.monotonic() + 60
        while not record.exists():
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.1)
        time.sleep(1.5)  # the watcher is set up
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert (process.returncode, out, err) == (0, "", "")


def test_quiet_templates_copy_says_nothing(tmp_path: Path, errgen) -> None:
    assert errgen("templates", "copy", "-q", "mine", cwd=tmp_path) == type(errgen("templates", "list", "-q", cwd=tmp_path))(0, "", "")
    assert (tmp_path / "mine/python/{package}/_base.py.j2").is_file()


def test_verbose_says_which_configuration_specs_out_dir_and_templates_and_a_cache_no_op(tmp_path: Path, errgen) -> None:
    root = project(tmp_path)
    write(root / "pyproject.toml", '[tool.errgen]\nout = "build/gen"\n')
    (root / "mine").mkdir()
    result = errgen("generate", "-v", "--templates", "mine", cwd=root)
    assert result.code == 0
    said = [
        "errgen: configuration: pyproject.toml",
        "errgen: spec: specs/general-ocr.md",
        "errgen: spec: specs/pose-estimation.md",
        "errgen: out dir: build/gen/",
        "errgen: templates: mine/, then the built-in ones",
    ]
    assert result.err.splitlines()[:5] == said
    assert "cache:" not in result.err
    again = errgen("check", "--verbose", "--templates", "mine", cwd=root)
    assert again.err.splitlines()[:5] == said
    assert "errgen: cache: the out dir's record matches every spec, template and option; nothing was rendered" in again.err
    (root / "pyproject.toml").unlink()
    result = errgen("ir", "-v", "specs/pose-estimation.md", cwd=root)
    assert result.err.splitlines() == ["errgen: configuration: none found; errgen's defaults", "errgen: spec: specs/pose-estimation.md"]
    result = errgen("lint", "-v", "specs/general-ocr.md", cwd=root)
    assert result.err.splitlines()[1:] == ["errgen: spec: specs/general-ocr.md", "errgen: no problems in 1 catalog"]


def test_verbose_from_a_subfolder_names_paths_from_there(tmp_path: Path, errgen) -> None:
    root = project(tmp_path)
    write(root / "pyproject.toml", '[tool.errgen]\nspecs = ["specs"]\n')
    (root / "docs").mkdir()
    result = errgen("ir", "-v", cwd=root / "docs")
    assert result.err.splitlines()[:2] == ["errgen: configuration: ../pyproject.toml", "errgen: spec: ../specs/general-ocr.md"]


@pytest.mark.parametrize("command", ["generate", "check", "watch", "ir", "lint", "diff", "templates list"])
def test_quiet_and_verbose_together_are_a_usage_error(command: str, tmp_path: Path) -> None:
    result = run_cli(*command.split(), "-q", "-v", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"usage: errgen {command} ")
    assert "argument --verbose/-v: not allowed with argument --quiet/-q" in result.stderr
    assert not any(tmp_path.iterdir())
