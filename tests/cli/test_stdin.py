"""`-` as PATH: one spec read from standard input, as black and ruff read one, for ir, lint,
check and generate; --stdin-filename names it (catalog id, locale, diagnostics), stdin.md if not."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import SPECS, cli_env, run_cli, tree, write

POSE = (SPECS / "pose-estimation.md").read_text(encoding="utf-8")
BROKEN = "## Acme > Broken > Error Code\n\n| resultCode | resultKey | resultMessage |\n|---|---|---|\n| x | K | m |\n"


def test_ir_reads_the_spec_on_standard_input_named_stdin_md(tmp_path: Path) -> None:
    result = run_cli("ir", "-", cwd=tmp_path, input=POSE)
    assert result.returncode == 0, result.stderr
    (catalog,) = json.loads(result.stdout)["catalogs"]
    assert (catalog["id"], catalog["source"], catalog["sources"]) == ("pose_estimation", "stdin.md", ["stdin.md"])
    assert len(catalog["codes"]) == 25
    assert not any(tmp_path.iterdir())  # ir writes nothing, and the configuration's specs are not read
    told = run_cli("ir", "-", "-v", cwd=tmp_path, input=POSE).stderr.splitlines()
    assert told == ["errgen: configuration: none found; errgen's defaults", "errgen: spec: stdin.md (standard input)"]


def test_the_name_gives_the_locale_and_the_catalog_id(tmp_path: Path) -> None:
    result = run_cli("ir", "-", "--stdin-filename", "docs/pose.ko.md", "--locale", "ko", cwd=tmp_path, input=POSE)
    assert result.returncode == 0, result.stderr
    (catalog,) = json.loads(result.stdout)["catalogs"]
    assert catalog["source"] == "docs/pose.ko.md"
    assert set(catalog["codes"][0]["messages"]) == {"ko"}
    untitled = "| resultCode | resultKey | resultMessage |\n|---|---|---|\n| 0 | SUCCESS | OK |\n"  # no breadcrumb: the page's name
    result = run_cli("ir", "-", "--stdin-filename", "face-search.md", cwd=tmp_path, input=untitled)
    assert result.returncode == 0, result.stderr
    assert [c["id"] for c in json.loads(result.stdout)["catalogs"]] == ["face_search"]


def test_lint_diagnostics_name_the_given_name(tmp_path: Path) -> None:
    result = run_cli("lint", "-", "--stdin-filename", "bad.md", cwd=tmp_path, input=BROKEN)
    assert result.returncode == 1
    assert result.stderr.startswith("bad.md:5:3: error: resultCode 'x' is not a plain decimal integer")
    assert result.stderr.endswith("errgen: 1 error (E205: 1), 0 warnings\n")
    assert run_cli("lint", "-", cwd=tmp_path, input=BROKEN).stderr.startswith("stdin.md:5:3: error: ")


def test_the_name_is_a_path_from_the_working_directory(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.errgen]\nspecs = ["specs"]\n')
    (tmp_path / "docs").mkdir()
    result = run_cli("ir", "-", "--stdin-filename", "bad.md", cwd=tmp_path / "docs", input=BROKEN)
    assert result.returncode == 1 and result.stderr.startswith("bad.md:5:3: error: ")  # where an editor in docs/ finds it


def test_generate_from_standard_input_writes_what_the_file_gives(tmp_path: Path) -> None:
    shutil.copytree(SPECS, tmp_path / "from-file/specs")
    (tmp_path / "from-stdin").mkdir()
    assert run_cli("generate", "specs/pose-estimation.md", cwd=tmp_path / "from-file").returncode == 0
    result = run_cli("generate", "-", "--stdin-filename", "specs/pose-estimation.md", cwd=tmp_path / "from-stdin", input=POSE)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("errgen: 9 written, 0 removed, 0 unchanged in generated/")
    written = tree(tmp_path / "from-stdin/generated")
    assert "python/ai_service_errors/pose_estimation.py" in written
    assert written == tree(tmp_path / "from-file/generated")
    check = run_cli("check", "-", "--stdin-filename", "specs/pose-estimation.md", cwd=tmp_path / "from-stdin", input=POSE)
    assert (check.returncode, check.stdout) == (0, "")
    assert check.stderr == "errgen: 9 files up to date in generated/\n"
    stale = run_cli("check", "-", "--stdin-filename", "specs/pose-estimation.md", cwd=tmp_path / "from-stdin", input=POSE.replace("Invalid uuid.", "Invalid UUID."))
    assert stale.returncode == 1 and '+        4010002: "Invalid UUID.",' in stale.stdout
    assert tree(tmp_path / "from-stdin/generated") == written


def test_a_spec_on_standard_input_larger_than_a_file_may_be_is_refused(tmp_path: Path) -> None:
    big = POSE + "\n" + "x" * (1024 * 1024) + "\n"
    result = run_cli("generate", "-", cwd=tmp_path, input=big)
    assert result.returncode == 1
    assert result.stderr.startswith(f"stdin.md:1:1: error: the spec is larger than 1 MiB (1.0 MiB, {len(big.encode())} bytes)")
    assert not (tmp_path / "generated").exists()


def test_closed_standard_input_is_a_usage_error(tmp_path: Path) -> None:
    program = "import os, sys; os.close(0); from generator.cli import main; sys.exit(main(['ir', '-']))"
    done = subprocess.run([sys.executable, "-c", program], cwd=tmp_path, env=cli_env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("stdin.md:1:1: error: cannot read standard input: ")
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("command", ["watch", "diff"])
def test_commands_that_need_files_refuse_standard_input_with_their_usage(command: str, tmp_path: Path) -> None:
    result = run_cli(command, "-", cwd=tmp_path, input=POSE)
    assert result.returncode == 2
    assert result.stderr.startswith(f"usage: errgen {command} ")
    assert f"errgen {command}: error: '-' (standard input) is no spec file" in result.stderr
    assert "--stdin-filename" not in run_cli(command, "--help", cwd=tmp_path).stdout


@pytest.mark.parametrize("command", ["generate", "check", "ir", "lint"])
def test_dash_stands_alone_and_stdin_filename_needs_it(command: str, tmp_path: Path) -> None:
    shutil.copytree(SPECS, tmp_path / "specs")
    result = run_cli(command, "-", "specs", cwd=tmp_path, input=POSE)
    assert result.returncode == 2 and result.stderr.startswith(f"usage: errgen {command} ")
    assert "'-' reads the one spec on standard input and stands alone" in result.stderr
    result = run_cli(command, "--stdin-filename", "x.md", "specs", cwd=tmp_path, input=POSE)
    assert result.returncode == 2 and "--stdin-filename names the spec read from standard input; expected '-' as the PATH" in result.stderr
    assert not (tmp_path / "generated").exists()


def test_a_file_named_dash_is_still_a_file(tmp_path: Path) -> None:
    write(tmp_path / "-", POSE)
    result = run_cli("ir", "./-", cwd=tmp_path, input="")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["catalogs"][0]["source"] == "-"
