"""Bad input through the real CLI: every case of tests/fixtures/bad gives pinned diagnostics.

Each case runs `python -m generator generate` in a subprocess, in a folder holding a copy of
the fixtures (so paths in diagnostics are relative: `bad/…`), and pins the exit code and the
whole of stderr with a syrupy snapshot. Fixtures that cannot be stored as text (bytes that
are not UTF-8, a binary file, an unreadable file, 10 MB) are made by the tests.
"""

from __future__ import annotations

import contextlib
import io
import os
import resource
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.inputs import MAX_SPEC_BYTES

from helpers import FIXTURES, SPECS, assert_well_formed, run_cli

BAD = FIXTURES / "bad"

# Made by the tests: bytes a text fixture cannot hold.
BYTE_FIXTURES = {
    "not-utf8.md": "## Acme > Widget > Error Code\n\n| resultCode | resultKey | resultMessage |\n"
    "|---|---|---|\n| 1 | CAFE | Caf\u00e9 closed. |\n".encode("latin-1"),
    "binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01",
    "utf16.md": "## Acme > Widget > Error Code\n".encode("utf-16"),
}

# (case id, arguments after `generate`): one run each, stderr pinned.
CASES = [
    *[(path.stem, [f"bad/{path.name}"]) for path in sorted(BAD.glob("*.md"))],
    *[(Path(name).stem, [f"bad/{name}"]) for name in BYTE_FIXTURES],
    ("missing", ["bad/missing.md"]),
    ("no-specs", ["bad/no-specs"]),
    ("same-catalog", ["bad/same-catalog"]),
    ("class-name-clash-strict", ["bad/class-name-clash.md", "--strict"]),
    # every problem of a run at once, sorted by file and line; an I/O error makes it exit 2
    (
        "all-at-once",
        [
            "bad/not-utf8.md",
            "bad/missing.md",
            "bad/duplicate-keys.md",
            "bad/empty.md",
            "bad/bad-keys.md",
        ],
    ),
]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A folder holding bad/: the committed fixtures plus the byte fixtures."""
    shutil.copytree(BAD, tmp_path / "bad")
    for name, data in BYTE_FIXTURES.items():
        (tmp_path / "bad" / name).write_bytes(data)
    return tmp_path


def outcome(code: int, stderr: str) -> str:
    return f"exit {code}\n{stderr}"


@pytest.mark.parametrize(("case", "args"), CASES, ids=[case for case, _ in CASES])
def test_bad_input_gives_pinned_diagnostics(
    case: str, args: list[str], work: Path, snapshot
) -> None:
    result = run_cli("generate", *args, "--out", "out", cwd=work)
    assert outcome(result.returncode, result.stderr) == snapshot
    assert_well_formed(result.stderr)
    if result.returncode != 0:
        assert not (work / "out").exists()


def test_every_fixture_is_a_case() -> None:
    covered = {arg for _case, args in CASES for arg in args}
    assert {f"bad/{p.name}" for p in BAD.iterdir()} <= covered


def without_root_read_rights() -> None:
    """In the child before exec: root keeps its uid but loses the capabilities that let it read
    any file (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so file modes apply to it as to a user."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def test_an_unreadable_file_is_an_io_error(work: Path, snapshot) -> None:
    spec = work / "bad" / "unreadable.md"
    shutil.copy(BAD / "duplicate-keys.md", spec)
    spec.chmod(0)
    options = {"preexec_fn": without_root_read_rights} if os.geteuid() == 0 else {}
    result = run_cli("generate", "bad/unreadable.md", "--out", "out", cwd=work, **options)
    assert outcome(result.returncode, result.stderr) == snapshot
    assert not (work / "out").exists()


def test_a_10_mb_spec_is_answered_in_bounded_memory(work: Path, snapshot) -> None:
    """A 10 MiB table is refused after reading 1 MiB of it, inside a 512 MiB address space
    (reading it all, building 150 000 classes and formatting them would take gigabytes)."""
    row = "| {code} | KEY_{code} | Message number {code}, long enough to fill a row of a big table. |\n"
    head = "## Acme > Widget > Error Code\n\n| resultCode | resultKey | resultMessage |\n|---|---|---|\n"
    size = 10 * 2**20
    with (work / "bad" / "huge.md").open("w", encoding="utf-8") as handle:
        written = handle.write(head)
        code = 4000000
        while written < size - 200:
            written += handle.write(row.format(code=code))
            code += 1
        handle.write("x" * (size - written - 1) + "\n")
    assert (work / "bad" / "huge.md").stat().st_size == size > MAX_SPEC_BYTES

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (512 * 2**20, 512 * 2**20))

    result = run_cli("generate", "bad/huge.md", "--out", "out", cwd=work, preexec_fn=limit_memory)
    assert outcome(result.returncode, result.stderr) == snapshot
    assert not (work / "out").exists()


def test_an_internal_error_asks_for_a_bug_report_and_exits_70(
    work: Path, monkeypatch: pytest.MonkeyPatch, errgen, snapshot
) -> None:
    import generator.pipeline.worker

    def broken(path: str, text: str):
        raise RuntimeError("a bug\nover two lines")

    monkeypatch.delenv("ERRGEN_DEBUG", raising=False)
    monkeypatch.setattr(generator.pipeline.worker, "parse_page", broken)  # where the parse stage is called
    shutil.copytree(SPECS, work / "specs")
    result = errgen("generate", cwd=work)
    assert result.code == 70
    assert len(result.err.splitlines()) == 1 and "Traceback" not in result.err
    assert result.err == snapshot
    assert not (work / "generated").exists()


# Pieces of Markdown that are easy to get wrong, for the fuzz test below.
PIECES = [
    "## Acme > Widget > Error Code",
    "# Title",
    "| resultCode | resultKey | resultMessage |",
    "|---|---|---|",
    "|:-:|--|",
    "| 1 | ONE | one |",
    "| 2 | TWO |",
    "|",
    "\\|",
    "\\",
    "`",
    "```",
    "<br>",
    "<h2>A > B</h2>",
    "&#0;",
    "&#xD800;",
    "&#1114112;",
    "&amp;",
    "&para",
    "<",
    ">",
    "---",
    "===",
    "    ",
    "\t",
    "*",
    "_",
    "[",
    "](",
    "!",
    "- ",
    "1. ",
    "> ",
    "\u2028",
    "\x85",
    "\ufeff",
    "\x0c",
    "\u202e",
    "٤٠٠",
    "9" * 40,
    "-",
    "0",
    "9223372036854775808",
    "SUCCESS",
    "\n",
    "\r\n",
    "\r",
]
MARKDOWN = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=40).map(
    "".join
)
_CELL = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=4).map(
    lambda parts: "".join(parts).replace("\n", " ").replace("\r", " ")
)
_HEADER = st.lists(
    st.sampled_from(
        [
            "resultCode",
            "resultKey",
            "resultMessage",
            "code",
            "message",
            "description",
            "status",
            "x",
        ]
    ),
    min_size=1,
    max_size=5,
)


@st.composite
def tables(draw: st.DrawFn) -> str:
    """A page with one table: mostly a well-formed error table whose cells are junk."""
    header = draw(st.just(["resultCode", "resultKey", "resultMessage"]) | _HEADER)
    width = len(header)
    delimiter = draw(
        st.just("|" + "---|" * width) | st.sampled_from(["|---|---|", "| x | y | z |", ""])
    )
    code = st.integers(-(2**70), 2**70).map(str) | st.sampled_from(["0", "4000001", "-1"])
    key = st.sampled_from(["ONE", "TWO", "SUCCESS", "API", "INVALID", "INVALID_ERROR"])
    cell = code | key | _CELL
    typed = st.tuples(code, key, _CELL).map(list) if width == 3 else st.nothing()
    rows = draw(
        st.lists(
            typed | st.lists(cell, min_size=width, max_size=width) | st.lists(cell, max_size=5),
            max_size=6,
        )
    )
    heading = draw(st.sampled_from(["## Acme > Widget > Error Code", "## A > B", "# plain", ""]))
    lines = [heading, "", "| " + " | ".join(header) + " |", delimiter]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.one_of(tables(), MARKDOWN).map(str.encode) | st.binary(max_size=200))
def test_no_input_makes_a_traceback(tmp_path: Path, data: bytes) -> None:
    spec = tmp_path / "fuzz.md"
    spec.write_bytes(data)
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(["ir", str(spec)])
    assert code in (0, 1), stderr.getvalue()
    assert_well_formed(stderr.getvalue())
