"""Option values and outside text are never an internal error.

Package names and versions (on the command line and in `[tool.errgen]`), --jobs, watch's
--debounce, path names longer than a file system holds, a terminal that cannot show the text,
control characters in file names, options, spec cells, a diff and watch's "changed:" line, and
operation titles that give one name once renamed: each is a clear usage error (exit 2), a
positioned diagnostic (exit 1) or a run that works, never exit 70 and never a traceback.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from packaging.version import InvalidVersion, Version

from generator.config import version_problem

from helpers import assert_well_formed, cli_command, cli_env, table, tree, write

WIDGET = table((1, "ONE", "One."), (4000001, "INVALID_PARAMETER", "Invalid parameter."))
LONG = "a" * 300  # longer than the 255 bytes a file name may have


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project of one spec; its .git stops the search for a configuration above it."""
    write(tmp_path / "specs/widget.md", WIDGET)
    (tmp_path / ".git").mkdir()
    return tmp_path


def no_internal_error(err: str) -> None:
    assert "internal error" not in err and "Traceback" not in err, err


def run(*args: str, cwd: Path, timeout: float = 120, **env: str) -> subprocess.CompletedProcess[bytes]:
    """The real CLI in a subprocess, its output as bytes (to see every byte it writes)."""
    return subprocess.run(cli_command(*args), cwd=cwd, capture_output=True, timeout=timeout, env=cli_env(**env))


# Package names: the command line and [tool.errgen] say the same, as exit 2.

BAD_PACKAGES = [
    ("class", "package 'class' is a Python keyword; expected an import name that is not one"),
    ("def", "package 'def' is a Python keyword; expected an import name that is not one"),
    ("None", "package 'None' is not a valid import name; expected [a-z_][a-z0-9_]*"),
    ("1abc", "package '1abc' is not a valid import name; expected [a-z_][a-z0-9_]*"),
    ("my-pkg", "package 'my-pkg' is not a valid import name; expected [a-z_][a-z0-9_]*"),
    ("Acme", "package 'Acme' is not a valid import name; expected [a-z_][a-z0-9_]*"),
    ("json", "package 'json' would shadow the standard library's json module; expected another import name"),
    ("typing", "package 'typing' would shadow the standard library's typing module; expected another import name"),
    (
        "_",
        "package '_' gives the distribution name '-', which PEP 508 does not allow; "
        "expected an import name that starts with a letter and does not end with _",
    ),
    (
        "acme_",
        "package 'acme_' gives the distribution name 'acme-', which PEP 508 does not allow; "
        "expected an import name that starts with a letter and does not end with _",
    ),
]


@pytest.mark.parametrize(("value", "message"), [*BAD_PACKAGES, ("", "package '' is not a valid import name; expected [a-z_][a-z0-9_]*")])
def test_a_bad_package_option_is_a_usage_error(value: str, message: str, project: Path, errgen) -> None:
    result = errgen("generate", "--package", value, cwd=project)
    assert result.code == 2
    assert result.err.splitlines()[-1] == f"errgen generate: error: argument --package: {message}"
    no_internal_error(result.err)
    assert not (project / "generated").exists()


@pytest.mark.parametrize(("value", "message"), [*BAD_PACKAGES, ("", "'package' must be a non-empty string")])
def test_a_bad_package_in_the_configuration_is_a_positioned_usage_error(value: str, message: str, project: Path, errgen) -> None:
    write(project / "pyproject.toml", f"[tool.errgen]\npackage = {json.dumps(value)}\n")
    for command in ("generate", "check"):
        result = errgen(command, cwd=project)
        assert result.code == 2
        assert result.err == f"pyproject.toml:2:1: error: [tool.errgen] {message} [E002]\nerrgen: 1 error (E002: 1), 0 warnings\n"
    assert not (project / "generated").exists()


def test_good_package_names_work_soft_keywords_too(project: Path, errgen) -> None:
    """match, case and type are soft keywords: names Python lets a package take."""
    for package in ("acme_errors", "match", "case", "type", "a1"):
        write(project / "pyproject.toml", f'[tool.errgen]\npackage = "{package}"\nout = "from-config"\n')
        from_file = errgen("generate", cwd=project)
        assert from_file.code == 0, from_file.err
        assert (project / f"from-config/python/{package}/widget.py").is_file()
        (project / "pyproject.toml").unlink()
        from_option = errgen("generate", "--package", package, "--out", package, cwd=project)
        assert from_option.code == 0, from_option.err
        assert (project / package / "python" / package / "widget.py").is_file()
    code = "import match.widget, type.widget; print(match.widget.ResultCode.ONE.value, type.widget.__name__)"
    path = os.pathsep.join(str(project / name / "python") for name in ("match", "type"))
    imported = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": path})
    assert imported.stdout == "1 type.widget\n", imported.stderr


# Versions: PEP 440, as packaging reads them (but no surrounding blanks).

BAD_VERSIONS = ["banana", "1.0-", "", "1.0 ", " 1.0", "1..0", "1.0+", "1.0_", "v", "1.0+a__b", "\x1b1.0"]
GOOD_VERSIONS = ["1.0.0", "2.0.0rc1", "1.0.post1", "1.0.dev3", "1!2.0", "1.0.0+local.7", "v1.2", "1.0a", "1.0.0-beta-1"]


@pytest.mark.parametrize("value", BAD_VERSIONS)
def test_a_version_that_is_not_pep_440_is_a_usage_error(value: str, project: Path, errgen) -> None:
    shown = value.replace("\x1b", "\\x1b")
    message = f"version '{shown}' is not a PEP 440 version; expected one like 1.2.0, 2.0.0rc1 or 1.0.post1"
    result = errgen("generate", "--package-version", value, cwd=project)
    assert result.code == 2
    assert result.err.splitlines()[-1] == f"errgen generate: error: argument --package-version: {message}"
    write(project / "pyproject.toml", f"[tool.errgen]\n\nversion = {json.dumps(value)}\n")
    configured = errgen("generate", cwd=project)
    assert configured.code == 2
    expected = message if value else "'version' must be a non-empty string"
    assert configured.err == f"pyproject.toml:3:1: error: [tool.errgen] {expected} [E002]\nerrgen: 1 error (E002: 1), 0 warnings\n"
    assert not (project / "generated").exists()
    if value.strip() == value:  # packaging allows blanks around a version; errgen does not
        with pytest.raises(InvalidVersion):
            Version(value)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="0123456789.-_+!abcdeilnoprstvABCV", max_size=14))
def test_the_version_check_is_packagings(value: str) -> None:
    """errgen's own PEP 440 pattern (packaging is not its dependency) accepts what packaging does."""
    try:
        Version(value)
        valid = True
    except InvalidVersion:
        valid = False
    assert (version_problem(value) is None) == valid


def test_pep_440_versions_work_from_the_option_and_the_configuration(project: Path, errgen) -> None:
    for value in GOOD_VERSIONS:
        Version(value)  # what packaging accepts
        result = errgen("generate", "--package-version", value, cwd=project)
        assert result.code == 0, result.err
        assert f'version = "{value}"\n' in (project / "generated/python/pyproject.toml").read_text()
    write(project / "pyproject.toml", '[tool.errgen]\nversion = "3.1.4"\n')
    assert errgen("generate", cwd=project).code == 0
    assert 'version = "3.1.4"\n' in (project / "generated/python/pyproject.toml").read_text()


# --jobs: 0 is every core (documented); a count of processes up to 256 is used as asked.

@pytest.mark.parametrize("value", ["-1", "257", "x", "", "1.5", " 2", "٣", "1e3", "\x1b"])
def test_a_bad_jobs_value_is_a_usage_error(value: str, project: Path, errgen) -> None:
    for command in ("generate", "check"):
        result = errgen(command, f"--jobs={value}", cwd=project)
        assert result.code == 2
        shown = repr(value)
        assert result.err.splitlines()[-1] == (
            f"errgen {command}: error: argument --jobs/-j: expected 0 (every core) or a number of processes up to 256, not {shown}"
        )
        assert "\x1b" not in result.err
    assert not (project / "generated").exists()


def test_jobs_values_in_range_work_more_than_the_cores_too(tmp_path: Path, errgen) -> None:
    """More processes than cores, when asked for, give the bytes of one process (with enough
    specs that the workers are really started)."""
    for number in range(32):
        write(tmp_path / f"specs/widget{number}.md", table((1, "ONE", "One."), heading=f"## Acme > Widget {number} > Error Code"))
    cores = len(os.sched_getaffinity(0))
    one = errgen("generate", "--jobs", "1", "--out", "one", cwd=tmp_path)
    assert one.code == 0, one.err
    for jobs in ("0", str(cores + 2), "256"):
        many = errgen("generate", "--jobs", jobs, "--out", f"jobs{jobs}", cwd=tmp_path)
        assert many.code == 0, many.err
        assert tree(tmp_path / f"jobs{jobs}") == tree(tmp_path / "one")


# watch --debounce: refused before anything runs.

@pytest.mark.parametrize("value", ["-1", "60001", "x", "", "0.5"])
def test_a_bad_debounce_is_a_usage_error_and_watch_never_starts(value: str, project: Path) -> None:
    result = run("watch", "--debounce", value, cwd=project, timeout=60)
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.splitlines()[-1] == f"errgen watch: error: argument --debounce: expected milliseconds from 0 to 60000, not {value!r}"
    assert "watching" not in err
    no_internal_error(err)
    assert not (project / "generated").exists()


# Names longer than a file system holds.

@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["generate", f"specs/{LONG}.md"], f"specs/{LONG}.md:1:1: error: cannot read: File name too long; expected a Markdown spec or a folder of them [E101]"),
        (["generate", f"{LONG}/widget.md"], f"{LONG}/widget.md:1:1: error: cannot read: File name too long; expected a Markdown spec or a folder of them [E101]"),
        (["check", f"specs/{LONG}.md"], f"specs/{LONG}.md:1:1: error: cannot read: File name too long; expected a Markdown spec or a folder of them [E101]"),
        (["generate", "--out", LONG], f"errgen: error: the out dir {LONG} has a name longer than the 255 bytes a file system holds; expected shorter folder names"),
        (["check", "--out", f"build/{LONG}/x"], f"errgen: error: the out dir build/{LONG}/x has a name longer than the 255 bytes a file system holds; expected shorter folder names"),
        (["generate", "--templates", LONG], f"errgen: error: the templates folder {LONG}: cannot read: File name too long; expected a folder of templates"),
        (["generate", "--config", LONG], f"{LONG}:1:1: error: cannot read: File name too long [E001]"),
    ],
    ids=["spec", "spec-folder", "check-spec", "out", "check-out-below-missing-folder", "templates", "config"],
)
def test_a_name_too_long_is_a_usage_error_naming_it(args: list[str], expected: str, project: Path, errgen) -> None:
    result = errgen(*args, cwd=project)
    assert result.code == 2, result.err
    assert result.err.splitlines()[0] == expected
    no_internal_error(result.err)
    assert sorted(p.name for p in project.iterdir()) == [".git", "specs"]


# A terminal that cannot show the text: escapes, and the exit code of the run.

KOREAN = "## 에이스 > 위젯 > 오류 코드\n\n| resultCode | resultKey | resultMessage |\n|---|---|---|\n| 1 | ONE | 하나 |\n| 2 | 둘 | 둘째 오류 |\n"


def test_output_an_ascii_terminal_cannot_show_is_escaped(tmp_path: Path) -> None:
    write(tmp_path / "specs/위젯.md", KOREAN)
    result = run("generate", cwd=tmp_path, PYTHONIOENCODING="ascii")
    assert result.returncode == 1
    err = result.stderr.decode("ascii")  # every byte ASCII
    assert err == (
        "specs/\\uc704\\uc82f.md:6:7: error: resultKey '\\ub458' is not UPPER_SNAKE ASCII; "
        "expected [A-Z][A-Z0-9_]*, like INVALID_PARAMETER [E205]\nerrgen: 1 error (E205: 1), 0 warnings\n"
    )
    assert_well_formed(err)

    write(tmp_path / "specs/위젯.md", KOREAN.replace("| 2 | 둘 |", "| 2 | TWO |"))
    assert run("generate", cwd=tmp_path, PYTHONIOENCODING="ascii").returncode == 0
    ir = run("ir", cwd=tmp_path, PYTHONIOENCODING="ascii")
    assert ir.returncode == 0 and json.loads(ir.stdout.decode("ascii"))["catalogs"][0]["title"] == ["에이스", "위젯"]
    module = next((tmp_path / "generated/python").glob("*/catalog*.py"))
    module.write_text(module.read_text(encoding="utf-8").replace('"둘째 오류"', '"셋째"'), encoding="utf-8")
    check = run("check", cwd=tmp_path, PYTHONIOENCODING="ascii")
    assert check.returncode == 1
    diff = check.stdout.decode("ascii")
    assert '-        2: "\\uc14b\\uc9f8",\n' in diff and '+        2: "\\ub458\\uc9f8 \\uc624\\ub958",\n' in diff
    no_internal_error(check.stderr.decode("ascii"))


# Control characters never reach the terminal raw.

RAW = [b"\x1b", b"\x07", b"\r", b"\x08", b"\x7f", "\u2028".encode(), "\u202e".encode()]


def no_raw_controls(result: subprocess.CompletedProcess[bytes]) -> str:
    """stderr as text, once it is known that neither stream holds a control character raw."""
    for stream in (result.stdout, result.stderr):
        for byte in RAW:
            assert byte not in stream, (byte, stream)
    no_internal_error(result.stderr.decode())
    return result.stderr.decode()


def test_control_characters_in_a_file_name_and_a_cell_are_escaped(tmp_path: Path) -> None:
    name = "bad\x1b[31mred\rx\u202e.md"
    write(tmp_path / "specs" / name, table(("1x\x1b[31m\x07", "ONE", "a\x1b[2J\x07b\x7f"), (2, "T\x1bWO", "c\x08d\u2028e")))
    result = run("generate", cwd=tmp_path)
    assert result.returncode == 1
    err = no_raw_controls(result)
    shown = "specs/bad\\x1b[31mred\\rx\\u202e.md"
    assert err.splitlines() == [
        f"{shown}:5:3: error: resultCode '1x\\x1b[31m\\x07' is not a plain decimal integer; "
        "expected ASCII digits with an optional leading '-', like 4000001 [E205]",
        f"{shown}:6:7: error: resultKey 'T\\x1bWO' is not UPPER_SNAKE ASCII; expected [A-Z][A-Z0-9_]*, like INVALID_PARAMETER [E205]",
        "errgen: 2 errors (E205: 2), 0 warnings",
    ]
    # a CR is a line break to Markdown: it cuts the row (and the table), whatever errgen says of it
    write(tmp_path / "specs" / name, table((1, "ONE", "a\r\x1b[2J\x07 b"), (2, "TWO", "c")))
    cut = run("generate", cwd=tmp_path)
    assert cut.returncode in (0, 1)
    assert_well_formed(no_raw_controls(cut))


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--package", "a\x1b[31m"], "argument --package: package 'a\\x1b[31m' is not a valid import name"),
        (["--default-locale", "e\x1bn"], "argument --default-locale: locale 'e\\x1bn' is not a locale code"),
        (["--package-version", "1\x07"], "argument --package-version: version '1\\x07' is not a PEP 440 version"),
        (["--jobs", "\x1b[2J"], "argument --jobs/-j: expected 0 (every core) or a number of processes up to 256, not '\\x1b[2J'"),
        (["--bogus\x1b[31m"], "unrecognized arguments: --bogus\\x1b[31m"),
        (["--templates", "t\x1b[31m"], "the templates folder t\\x1b[31m: no such file or folder"),
        (["--config", "c\x1b[31m.toml"], "c\\x1b[31m.toml:1:1: error: cannot read"),
        (["--out", "out\x1b[31m\r"], "errgen: 9 written, 0 removed, 0 unchanged in out\\x1b[31m\\r/"),
    ],
    ids=["package", "locale", "version", "jobs", "unknown-option", "templates", "config", "out"],
)
def test_control_characters_in_an_option_are_escaped(args: list[str], expected: str, project: Path) -> None:
    result = run("generate", *args, cwd=project)
    assert result.returncode == (0 if args[0] == "--out" else 2)
    assert expected in no_raw_controls(result)


def test_a_diff_of_a_hand_edited_file_shows_its_control_characters_as_escapes(project: Path) -> None:
    assert run("generate", cwd=project).returncode == 0
    module = project / "generated/python/acme_errors/widget.py"
    text = module.read_text()
    assert '"Invalid parameter."' in text
    module.write_text(text.replace('"Invalid parameter."', '"Invalid\x1b[2J\x07 par\rameter\u2028."'))
    result = run("check", cwd=project)
    assert result.returncode == 1
    no_raw_controls(result)
    diff = result.stdout.decode()
    assert '-        4000001: "Invalid\\x1b[2J\\x07 par\\rameter\\u2028.",\n' in diff
    assert '+        4000001: "Invalid parameter.",\n' in diff
    assert "No newline at end of file" not in diff  # a CR or a line separator ends no line of a diff


def test_watch_shows_a_changed_file_name_with_escapes(project: Path) -> None:
    process = subprocess.Popen(
        cli_command("watch", "--debounce", "100"), cwd=project, env=cli_env(PYTHONUNBUFFERED="1"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    lines: queue.Queue[bytes] = queue.Queue()
    seen: list[bytes] = []

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            lines.put(line)

    def wait_for(text: bytes) -> bytes:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.2)
            except queue.Empty:
                assert process.poll() is None, b"".join(seen)
                continue
            seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"no {text!r} in {b''.join(seen)!r}")

    threading.Thread(target=read, daemon=True).start()
    try:
        wait_for(b"watching")
        write(project / "specs/new\x1b[31mred\x07.md", table((7, "SEVEN", "Seven."), heading="## Acme > Gadget > Error Code"))
        changed = wait_for(b"changed:")
        assert changed == b"errgen: changed: new\\x1b[31mred\\x07.md\n"
        wait_for(b"written")
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    rest = process.stdout.read() if process.stdout else b""
    output = b"".join(seen) + rest
    assert b"\x1b" not in output and b"\x07" not in output
    assert b"Traceback" not in output and process.returncode == 0


# Operation titles that give one name once renamed.

OPERATIONS = """## Acme > Shop > API v2.0 Guide

### Get Item

| resultCode | resultMessage | Description |
| --- | --- | --- |
|-40000| InvalidParam | The parameter contains an error |

### Get-Item

| resultCode | resultMessage | Description |
| --- | --- | --- |
|-40001| QuotaExceeded | Too many |

### get item

| resultCode | resultMessage | Description |
| --- | --- | --- |
|-40002| Other | Other |

### Get Item2

| resultCode | resultMessage | Description |
| --- | --- | --- |
|-40003| Another | Another |
"""


def test_operation_titles_that_give_one_name_are_numbered_apart(tmp_path: Path, errgen) -> None:
    """Within a catalog errgen numbers a name a title repeats (as build.py documents), also
    past a later title that already has the numbered name: every response stays distinct."""
    write(tmp_path / "specs/shop.md", OPERATIONS)
    ir = errgen("ir", cwd=tmp_path)
    assert ir.code == 0, ir.err
    (catalog,) = json.loads(ir.out)["catalogs"]
    assert [(op["title"], op["name"]) for op in catalog["operations"]] == [
        ("Get Item", "GetItem"),
        ("Get-Item", "GetItem2"),
        ("get item", "GetItem3"),
        ("Get Item2", "GetItem24"),
    ]
    result = errgen("generate", cwd=tmp_path)
    assert result.code == 0, result.err
    yaml = (tmp_path / "generated/openapi/shop.openapi.yaml").read_text()
    for name in ("ShopGetItemError", "ShopGetItem2Error", "ShopGetItem3Error", "ShopGetItem24Error"):
        assert f"\n    {name}:\n" in yaml


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        (
            # another catalog's response has the name of Get Item's response
            "## Acme > Shop Get-Item > Error Code\n\n| resultCode | resultKey | resultMessage |\n|---|---|---|\n| 1 | ONE | One. |\n",
            "specs/z.md:1:1: error: generated name ShopGetItemError of catalog 'shop_get_item' is also a name of catalog "
            "'shop' (specs/shop.md:3); expected catalog ids and keys whose CamelCase names differ [E302]",
        ),
        (
            # another catalog's operation does
            "## Acme > Shop Get > API v2.0 Guide\n\n### item\n\n| resultCode | resultMessage | Description |\n| --- | --- | --- |\n|-1| Failed | Failed |\n"
            "\n### other\n\n| resultCode | resultMessage | Description |\n| --- | --- | --- |\n|-2| Other | Other |\n",
            "specs/z.md:3:1: error: generated name ShopGetItemError of catalog 'shop_get' is also a name of catalog "
            "'shop' (specs/shop.md:3); expected catalog ids and keys whose CamelCase names differ [E302]",
        ),
    ],
    ids=["a-catalog", "an-operation"],
)
def test_operation_names_that_meet_another_catalogs_name_are_a_diagnostic(other: str, expected: str, tmp_path: Path, errgen) -> None:
    write(tmp_path / "specs/shop.md", OPERATIONS)
    write(tmp_path / "specs/z.md", other)
    for command in ("generate", "check", "ir"):
        result = errgen(command, cwd=tmp_path)
        assert result.code == 1, result.err
        assert result.err.splitlines() == [expected, "errgen: 1 error (E302: 1), 0 warnings"]
    assert not (tmp_path / "generated").exists()
