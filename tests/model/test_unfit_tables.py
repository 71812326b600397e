"""Tables that do not fit one code per row: positioned diagnostics, and --skip-invalid-tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import FIXTURES, write

UNFIT = [
    "unfit/notify.md:9:3: error: resultCode '50001 ~ 50501' is a range of codes; expected one code per row "
    "(list each code, or pass --skip-invalid-tables to skip this table) [E205]",
    "unfit/notify.md:16:3: error: resultCode '40002, 40003' holds several codes in one cell; expected one code "
    "per row (list each code, or pass --skip-invalid-tables to skip this table) [E205]",
    "unfit/notify.md:23:3: error: duplicate resultCode 40101 (first at line 22); expected each code once per table [E206]",
]


@pytest.mark.parametrize("command", ["ir", "generate", "check", "lint"])
def test_unfit_tables_are_positioned_errors(command: str, errgen, fixture_dir: Path, tmp_path: Path) -> None:
    args = [command, "unfit"] + (["--out", str(tmp_path / "out")] if command in ("generate", "check") else [])
    result = errgen(*args, cwd=fixture_dir)
    assert result.code == 1
    assert [line for line in result.err.splitlines() if ": error: " in line] == UNFIT
    assert "Traceback" not in result.err and result.out == ""
    assert not (tmp_path / "out").exists()


def test_a_repeated_identical_row_is_only_a_warning(errgen) -> None:
    result = errgen("ir", "unfit", cwd=FIXTURES)
    assert (
        "unfit/notify.md:31:3: warning: resultCode 40401 is listed again with the same message "
        "(first at line 30); the repeat is ignored [W204]"
    ) in result.err.splitlines()


def test_skip_invalid_tables_reads_the_tables_that_fit(errgen) -> None:
    result = errgen("ir", "unfit", "--skip-invalid-tables", cwd=FIXTURES)
    assert result.code == 0, result.err
    (catalog,) = json.loads(result.out)["catalogs"]
    assert [c["code"] for c in catalog["codes"]] == [40001, 40401]
    assert [(op["title"], len(op["codes"])) for op in catalog["operations"]] == [("Templates", 2)]
    warnings = result.err.splitlines()
    # one warning per skipped table, at the table, naming its first problem without the hint
    skipped = [w for w in warnings if "error table skipped" in w]
    assert skipped == [
        "unfit/notify.md:5:1: warning: error table skipped (skip-invalid-tables): 1 problem in its rows, the first at "
        "line 9, column 3: resultCode '50001 ~ 50501' is a range of codes; expected one code per row [W205]",
        "unfit/notify.md:13:1: warning: error table skipped (skip-invalid-tables): 1 problem in its rows, the first at "
        "line 16, column 3: resultCode '40002, 40003' holds several codes in one cell; expected one code per row [W205]",
        "unfit/notify.md:20:1: warning: error table skipped (skip-invalid-tables): 1 problem in its rows, the first at "
        "line 23, column 3: duplicate resultCode 40101 (first at line 22); expected each code once per table [W205]",
    ]
    assert not any(": warning: resultCode '" in w for w in warnings)  # no warning per row of a skipped table
    assert ": error: " not in result.err


def test_skip_invalid_tables_for_generate_check_and_lint(errgen, fixture_dir: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "out")
    assert errgen("generate", "unfit", "--out", out, "--skip-invalid-tables", cwd=fixture_dir).code == 0
    assert (tmp_path / "out/python/acme_errors/notify.py").is_file()
    assert errgen("check", "unfit", "--out", out, "--skip-invalid-tables", cwd=fixture_dir).code == 0
    assert errgen("lint", "unfit", "--skip-invalid-tables", cwd=fixture_dir).code == 0
    assert errgen("lint", "unfit", "--skip-invalid-tables", "--strict", cwd=fixture_dir).code == 1


def test_nothing_left_after_skipping_is_an_error(errgen, tmp_path: Path) -> None:
    write(tmp_path / "push.md", "## A > Push > Error Codes\n\n| resultCode | resultMessage |\n|---|---|\n| 1 ~ 5 | Bad. |\n")
    result = errgen("ir", "push.md", "--skip-invalid-tables", cwd=tmp_path)
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        "push.md:1:1: error: nothing to generate: every error table was skipped; expected at least one that fits [E208]"
    )


@pytest.mark.parametrize(
    ("cell", "shape"),
    [
        ("-4090001 ~ 4", "is a range of codes"),
        ("100–199", "is a range of codes"),
        ("2111, 2112", "holds several codes in one cell"),
        ("-4000002<br>-4000004<br/>-4000005", "holds several codes in one cell"),
        ("4,000,001", "is not a plain decimal integer"),
    ],
)
def test_code_cell_shapes(cell: str, shape: str, errgen, tmp_path: Path) -> None:
    write(tmp_path / "a.md", f"## A > B > Error Code\n\n| code | message |\n|---|---|\n| {cell} | Bad. |\n")
    result = errgen("ir", "a.md", cwd=tmp_path)
    assert result.code == 1
    assert result.err.startswith("a.md:5:3: error: code '") and shape in result.err.splitlines()[0]
