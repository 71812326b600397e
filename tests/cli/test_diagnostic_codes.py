"""Warnings people can act on: a code on every line, ignore by code or prefix (in the file, per
file, on the command line), a summary by code, errors before warnings, one warning per table."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import DIAGNOSTIC, FIXTURES, assert_well_formed, run_cli, write

# a table without a key column (W203, once for the table), a message with emphasis (W202)
NO_KEYS = """## Acme > Legacy > Error Code

| resultCode | resultMessage |
|---|---|
| 1 | Widget is *gone* |
| 2 | 42 |
| 3 | 43 |
"""
BROKEN = """## Acme > Broken > Error Code

| resultCode | resultKey | resultMessage |
|---|---|---|
| x | BAD | Bad. |
"""
RANGES = """## Acme > Ranges > Error Code

| resultCode | resultKey | resultMessage |
|---|---|---|
| 1 ~ 5 | MANY | Many. |
| 7, 8 | TWO | Two. |

### Fine

| resultCode | resultKey | resultMessage |
|---|---|---|
| 10 | FINE | Fine. |
"""


def project(root: Path, config: str = "", **pages: str) -> Path:
    write(root / "pyproject.toml", f"[tool.errgen]\nspecs = [\"docs\"]\n{config}")
    for name, text in pages.items():
        write(root / "docs" / f"{name}.md", text)
    (root / ".git").mkdir()
    return root


def codes(stderr: str) -> list[str]:
    return [m["code"] for m in map(DIAGNOSTIC.fullmatch, stderr.splitlines()) if m]


def test_every_line_ends_in_its_code_and_the_summary_counts_by_code(tmp_path: Path) -> None:
    root = project(tmp_path, legacy=NO_KEYS, broken=BROKEN)
    result = run_cli("ir", cwd=root)
    assert result.returncode == 1
    assert_well_formed(result.stderr)
    assert codes(result.stderr) == ["E205", "W203", "W202"]  # by position: the table, then its row
    assert result.stderr.splitlines()[-1] == "errgen: 1 error (E205: 1), 2 warnings (W202: 1, W203: 1)"


def test_errors_come_before_warnings_whatever_the_file_order(tmp_path: Path) -> None:
    # the broken page sorts after the warning one: its error is printed first all the same
    root = project(tmp_path, a_legacy=NO_KEYS, z_broken=BROKEN)
    lines = run_cli("generate", cwd=root).stderr.splitlines()
    assert lines[0].startswith("docs/z_broken.md:5:3: error: ")
    assert [line.split(": ")[1] for line in lines[1:3]] == ["warning", "warning"]


@pytest.mark.parametrize("how", ["file", "command-line", "prefix"])
def test_ignore_silences_warnings_by_code_or_prefix(how: str, tmp_path: Path) -> None:
    config = 'ignore = ["W203"]\n' if how == "file" else ""
    root = project(tmp_path, config, legacy=NO_KEYS)
    args = {"file": [], "command-line": ["--ignore", "W203"], "prefix": ["--ignore", "W2"]}[how]
    result = run_cli("generate", *args, cwd=root)
    assert result.returncode == 0, result.stderr
    assert codes(result.stderr) == ([] if how == "prefix" else ["W202"])
    # --strict fails on what is left, and only on that
    strict = run_cli("check", "--strict", "--ignore", "W202,W203", *args, cwd=root)
    assert strict.returncode == 0, strict.stderr
    assert run_cli("check", "--strict", *args, cwd=root).returncode == (0 if how == "prefix" else 1)


def test_a_no_op_run_repeats_the_warnings_the_ignore_of_this_run_leaves(tmp_path: Path) -> None:
    root = project(tmp_path, legacy=NO_KEYS)
    assert codes(run_cli("generate", cwd=root).stderr) == ["W203", "W202"]
    # the out dir is up to date: its record's warnings, filtered by this run's ignore
    assert codes(run_cli("generate", "--ignore", "W203", cwd=root).stderr) == ["W202"]
    assert codes(run_cli("check", cwd=root).stderr) == ["W203", "W202"]


def test_errors_cannot_be_ignored_and_unknown_codes_are_usage_errors(tmp_path: Path) -> None:
    root = project(tmp_path, broken=BROKEN)
    result = run_cli("generate", "--ignore", "E205", cwd=root)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0].startswith("usage: errgen generate ")
    assert "'E205' is an error's code; errors cannot be ignored" in result.stderr
    unknown = run_cli("generate", "--ignore", "W999", cwd=root)
    assert unknown.returncode == 2 and "unknown code 'W999'" in unknown.stderr
    write(root / "pyproject.toml", '[tool.errgen]\nspecs = ["docs"]\nignore = ["E2"]\n')
    configured = run_cli("generate", cwd=root)
    assert configured.returncode == 2
    assert configured.stderr.startswith("pyproject.toml:3:1: error: [tool.errgen] 'E2' is an error's code")
    assert not (root / "generated").exists()


def test_overrides_give_matching_specs_their_own_ignore_and_skip_invalid_tables(tmp_path: Path) -> None:
    overrides = (
        '[[tool.errgen.overrides]]\nfiles = ["legacy/"]\nignore = ["W203"]\nskip-invalid-tables = true\n'
    )
    root = project(tmp_path, overrides)
    write(root / "docs/legacy/old.md", NO_KEYS)
    write(root / "docs/legacy/ranges.md", RANGES)
    write(root / "docs/new.md", NO_KEYS.replace("Legacy", "New"))
    result = run_cli("generate", cwd=root)
    assert result.returncode == 0, result.stderr
    found = [(m["path"], m["code"]) for m in map(DIAGNOSTIC.fullmatch, result.stderr.splitlines()) if m]
    # W203 silenced in legacy/ only; the ranges page's tables skipped there (one warning each)
    assert sorted(found) == sorted(
        [
            ("docs/legacy/old.md", "W202"),
            ("docs/legacy/ranges.md", "W205"),
            ("docs/new.md", "W202"),
            ("docs/new.md", "W203"),
        ]
    )
    assert (root / "generated/python/acme_errors/ranges.py").is_file()
    # the same page outside the override's globs is an error, as without overrides
    write(root / "docs/ranges.md", RANGES.replace("Ranges", "Other Ranges"))
    other = run_cli("generate", cwd=root)
    assert other.returncode == 1 and "docs/ranges.md:5:3: error: " in other.stderr


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('[[tool.errgen.overrides]]\nignore = ["W2"]\n', "overrides table 1: 'files' must be a non-empty list of globs"),
        ('[[tool.errgen.overrides]]\nfiles = ["a/"]\nstrict = true\n', "overrides table 1: unknown option 'strict'"),
        ('[[tool.errgen.overrides]]\nfiles = ["a/"]\nskip-invalid-tables = "yes"\n', "'skip-invalid-tables' must be true or false"),
        ('[tool.errgen.overrides]\nfiles = ["a/"]\n', "'overrides' must be an array of tables"),
    ],
)
def test_a_bad_override_is_a_positioned_usage_error(table: str, message: str, tmp_path: Path) -> None:
    root = project(tmp_path, table, legacy=NO_KEYS)
    result = run_cli("generate", cwd=root)
    assert result.returncode == 2
    assert result.stderr.startswith("pyproject.toml:") and message in result.stderr
    assert_well_formed(result.stderr)


def test_a_table_wide_fact_is_one_warning_however_many_rows(tmp_path: Path) -> None:
    rows = "".join(f"| {n} | {n * 7} |\n" for n in range(1, 41))
    page = "## Acme > Many > Error Code\n\n| resultCode | resultMessage |\n|---|---|\n" + rows
    write(tmp_path / "many.md", page)
    write(tmp_path / "many.ko.md", page.replace("| 40 | 280 |\n", ""))
    result = run_cli("ir", "many.md", "many.ko.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert codes(result.stderr) == ["W203", "W203", "W301"]  # a table each without keys; one gap


def test_the_corpus_speaks_in_few_lines(tmp_path: Path) -> None:
    from helpers import CORPUS

    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside the repository")
    result = run_cli("generate", str(CORPUS), "--skip-invalid-tables", "--out", str(tmp_path / "out"), cwd=FIXTURES)
    lines = result.stderr.splitlines()
    # a line per table-wide fact, never one per row: fewer lines than the corpus has pages x 4
    assert len(lines) < 4 * len(list(CORPUS.glob("*.md"))), result.stderr
    assert codes(result.stderr), result.stderr


def test_strict_says_error_on_a_no_op_run_as_on_the_first(tmp_path: Path) -> None:
    root = project(tmp_path, legacy=NO_KEYS)
    assert run_cli("generate", cwd=root).returncode == 0
    for command in ("generate", "check"):
        strict = run_cli(command, "--strict", cwd=root)
        assert strict.returncode == 1
        assert ": warning: " not in strict.stderr and "errgen: 2 errors (W202: 1, W203: 1), 0 warnings" in strict.stderr


def test_a_bad_override_is_reported_at_its_table(tmp_path: Path) -> None:
    tables = '[[tool.errgen.overrides]]\nfiles = ["a/"]\n\n[[tool.errgen.overrides]]\nfiles = ["b/"]\nignore = ["E205"]\n'
    root = project(tmp_path, tables, legacy=NO_KEYS)
    result = run_cli("generate", cwd=root)
    assert result.returncode == 2
    assert result.stderr.startswith("pyproject.toml:6:1: error: [tool.errgen] overrides table 2: 'E205' is an error's code")
