"""`errgen lint`: keys and codes that disagree across catalogs, and translation gaps, as warnings
that name both positions; the exit code fails only on spec errors, or on warnings with --strict."""

from __future__ import annotations

from pathlib import Path

from helpers import FIXTURES, REPO, table, write

ACROSS = [
    "lint/vision.md:6:1: warning: code 4000001 is INVALID_PARAMETER in vision but INVALID_PARAM in speech "
    "at lint/speech.md:6; expected one key per code across catalogs [W501]",
    "lint/vision.md:7:1: warning: key MAX_UPLOAD_SIZE_EXCEEDED is code 4131000 in vision but code 4000002 in speech "
    "at lint/speech.md:7; expected one code per key across catalogs [W501]",
]


def test_lint_reports_disagreements_across_catalogs_with_both_positions(errgen, fixture_dir) -> None:
    result = errgen("lint", "lint", cwd=fixture_dir)
    assert result.code == 0
    assert result.err.splitlines() == [*ACROSS, "errgen: 0 errors, 2 warnings (W501: 2)"]
    assert result.out == ""


def test_strict_makes_lint_warnings_fail(errgen, fixture_dir) -> None:
    assert errgen("lint", "lint", "--strict", cwd=fixture_dir).code == 1


def test_lint_reports_translation_gaps(errgen, fixture_dir) -> None:
    result = errgen("lint", "translations", cwd=fixture_dir)
    assert result.code == 0
    assert any("is in translations/widget.md (en) but missing from translations/widget.ja.md (ja)" in line
               for line in result.err.splitlines())


def test_lint_fails_on_spec_errors(errgen, tmp_path: Path) -> None:
    write(tmp_path / "a.md", table(("x", "ONE", "one")))
    result = errgen("lint", "a.md", cwd=tmp_path)
    assert result.code == 1
    assert result.err.startswith("a.md:5:3: error: resultCode 'x' is not a plain decimal integer")


def test_lint_on_the_seeds_finds_the_documented_disagreement(errgen) -> None:
    result = errgen("lint", "specs", cwd=REPO)
    assert result.code == 0
    assert (
        "specs/pose-estimation.md:14:1: warning: key MAX_UPLOAD_SIZE_EXCEEDED is code 4000002 in pose_estimation "
        "but code 4131000 in general_ocr at specs/general-ocr.md:26; expected one code per key across catalogs [W501]"
    ) in result.err.splitlines()


def test_keys_made_up_from_codes_are_not_compared(errgen, tmp_path: Path) -> None:
    write(tmp_path / "a.md", "## A > One > Error Code\n\n| code | message |\n|---|---|\n| 7 | Seven. |\n")
    write(tmp_path / "b.md", table((7, "SEVEN", "Seven."), heading="## A > Two > Error Code"))
    result = errgen("lint", "a.md", "b.md", cwd=tmp_path)
    assert result.code == 0
    assert "across catalogs" not in result.err


def test_a_clean_lint(errgen, tmp_path: Path) -> None:
    write(tmp_path / "a.md", table((1, "ONE", "One.")))
    result = errgen("lint", "a.md", cwd=tmp_path)
    assert (result.code, result.err) == (0, "errgen: no problems in 1 catalog\n")
