"""Colour: severity words and the summary on a terminal (a real pty), or anywhere under
FORCE_COLOR; never under NO_COLOR, which wins (no-color.org, force-color.org: an empty value is
unset); check's diff coloured as git colours one, on the same rule for stdout."""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import SPECS, cli_command, cli_env, write

BROKEN = "## Acme > Broken > Error Code\n\n| resultCode | resultMessage |\n|---|---|\n| x | m |\n| 4001 | Bad thing |\n"
RED, YELLOW, RESET = "\x1b[1;31m", "\x1b[1;33m", "\x1b[0m"


def project(tmp_path: Path) -> Path:
    write(tmp_path / "specs/broken.md", BROKEN)  # an error and a warning
    return tmp_path


def environment(**colour: str) -> dict[str, str]:
    env = {k: v for k, v in cli_env().items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    return {**env, "TERM": "xterm-256color", **colour}


def piped(root: Path, *args: str, **colour: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cli_command(*args), cwd=root, env=environment(**colour), capture_output=True, text=True, timeout=120)


def on_a_terminal(root: Path, *args: str, **colour: str) -> str:
    """What errgen writes to stderr when stderr is a terminal (a pty), stdout a pipe."""
    primary, secondary = pty.openpty()
    try:
        process = subprocess.Popen(cli_command(*args), cwd=root, env=environment(**colour), stdout=subprocess.PIPE, stderr=secondary, text=False)
        os.close(secondary)
        chunks = []
        while True:
            ready, _, _ = select.select([primary], [], [], 60)
            assert ready, "errgen wrote nothing to the terminal for a minute"
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # EIO: the other side is closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.communicate(timeout=60)
    finally:
        os.close(primary)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_a_terminal_gets_coloured_severities_and_summary(tmp_path: Path) -> None:
    err = on_a_terminal(project(tmp_path), "ir")
    assert f"specs/broken.md:5:3: {RED}error{RESET}: resultCode 'x'" in err
    assert f"specs/broken.md:3:3: {YELLOW}warning{RESET}: no key column" in err
    assert f"errgen: {RED}1 error (E205: 1), 1 warning (W203: 1){RESET}\n" in err


@pytest.mark.parametrize(("colour", "why"), [({"NO_COLOR": "1"}, "NO_COLOR"), ({"TERM": "dumb"}, "a dumb terminal"), ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, "NO_COLOR wins")])
def test_a_terminal_gets_no_colour_when_told_not_to(colour: dict[str, str], why: str, tmp_path: Path) -> None:
    err = on_a_terminal(project(tmp_path), "ir", **colour)
    assert "\x1b" not in err, why
    assert "specs/broken.md:5:3: error: resultCode 'x'" in err and "errgen: 1 error (E205: 1), 1 warning (W203: 1)\n" in err


def test_a_pipe_gets_plain_text_unless_forced(tmp_path: Path) -> None:
    root = project(tmp_path)
    plain = piped(root, "ir")
    assert plain.returncode == 1 and "\x1b" not in plain.stderr
    assert piped(root, "ir", NO_COLOR="", FORCE_COLOR="").stderr == plain.stderr  # empty values are unset
    forced = piped(root, "ir", FORCE_COLOR="1")
    assert forced.returncode == 1
    assert f"specs/broken.md:5:3: {RED}error{RESET}: " in forced.stderr
    assert forced.stderr.endswith(f"errgen: {RED}1 error (E205: 1), 1 warning (W203: 1){RESET}\n")
    assert piped(root, "ir", FORCE_COLOR="1", NO_COLOR="1").stderr == plain.stderr
    assert piped(root, "ir", FORCE_COLOR="1", NO_COLOR="").stderr == forced.stderr


def test_a_usage_error_of_a_run_is_coloured_too(tmp_path: Path) -> None:
    shutil.copytree(SPECS, tmp_path / "specs")
    forced = piped(tmp_path, "generate", "--out", "specs", FORCE_COLOR="1")
    assert forced.returncode == 2 and forced.stderr.startswith(f"errgen: {RED}error{RESET}: the out dir specs ")


def test_warnings_alone_give_a_yellow_summary(tmp_path: Path) -> None:
    write(tmp_path / "specs/w.md", "## Acme > W > Error Code\n\n| resultCode | resultMessage |\n|---|---|\n| 0 | Success |\n| 4001 | Bad thing |\n")
    forced = piped(tmp_path, "ir", FORCE_COLOR="1")
    assert forced.returncode == 0 and forced.stderr.endswith(f"errgen: {YELLOW}0 errors, 1 warning (W203: 1){RESET}\n")


def test_check_colours_its_diff_as_git_does_only_when_forced(tmp_path: Path) -> None:
    shutil.copytree(SPECS, tmp_path / "specs")
    assert piped(tmp_path, "generate").returncode == 0
    spec = tmp_path / "specs/general-ocr.md"
    spec.write_text(spec.read_text(encoding="utf-8").replace("Invalid parameter.", "Parameter is invalid."), encoding="utf-8")
    plain = piped(tmp_path, "check")
    assert plain.returncode == 1 and "\x1b" not in plain.stdout  # a patch file, as git apply takes it
    forced = piped(tmp_path, "check", FORCE_COLOR="1")
    assert forced.returncode == 1
    assert "\x1b[1m--- a/generated/python/ai_service_errors/general_ocr.py\x1b[0m\n" in forced.stdout
    assert '\x1b[32m+        4000001: "Parameter is invalid.",\x1b[0m\n' in forced.stdout
    assert "\x1b[36m@@ " in forced.stdout and "\x1b[31m-        4000001: " in forced.stdout
    uncoloured = forced.stdout.replace("\x1b[1m", "").replace("\x1b[31m", "").replace("\x1b[32m", "").replace("\x1b[36m", "").replace("\x1b[0m", "")
    assert uncoloured == plain.stdout
    assert piped(tmp_path, "generate", "--diff", FORCE_COLOR="1").stdout == forced.stdout
