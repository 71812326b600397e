"""No silent renames or removals in `generate`: a package name that would change on its own
stops generate and check, --skip-invalid-tables never removes a catalog the out dir holds, and
a generate that removes a module or a class of the package says so. Each case runs the CLI in
a project of its own and pins what it prints with a syrupy snapshot."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import assert_well_formed, table, tree, write

CONFIG = '[tool.errgen]\nspecs = ["specs"]\nout = "out"\n'
OCR = ((0, "SUCCESS", "Success."), (4000001, "INVALID_PARAMETER", "Invalid parameter."), (4030001, "ACCESS_DENIED", "Access denied."))
POSE = ((0, "SUCCESS", "Success."), (4000002, "INVALID_IMAGE", "Invalid image."))


def ocr(*rows: tuple[object, ...]) -> str:
    return table(*(rows or OCR), heading="## AI Service > OCR > Error Code")


def configure(root: Path, extra: str = "") -> None:
    write(root / "pyproject.toml", CONFIG + extra)


@pytest.fixture
def project(tmp_path: Path, errgen) -> Path:
    """Two catalogs of `AI Service` (package ai_service_errors), generated into out/."""
    configure(tmp_path)
    write(tmp_path / "specs/ocr.md", ocr())
    write(tmp_path / "specs/pose.md", table(*POSE, heading="## AI Service > Pose Estimation > Error Code"))
    result = errgen("generate", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "python/ai_service_errors/pose_estimation.py" in tree(tmp_path / "out")
    return tmp_path


def add_email(root: Path) -> None:
    write(root / "specs/email.md", table((0, "SUCCESS", "Success."), (4000003, "BAD_ADDRESS", "Bad address."), heading="## Notification > Email > Error Code"))


def removals(err: str) -> list[str]:
    return [line for line in err.splitlines() if ": removes " in line]


# The package name errgen derives


def test_a_catalog_that_changes_the_derived_package_name_stops_generate_and_check(project: Path, errgen, snapshot) -> None:
    add_email(project)
    before = tree(project / "out")
    result = errgen("generate", cwd=project)
    assert (result.code, result.err) == snapshot
    assert result.code == 1
    assert_well_formed(result.err)
    assert tree(project / "out") == before
    assert "specs/email.md:1:1: error: catalog 'Notification > Email' would rename the package from ai_service_errors to api_errors" in result.err
    assert 'package = "ai_service_errors"' in result.err and "--package api_errors" in result.err
    checked = errgen("check", cwd=project)
    assert checked.code == 1
    assert checked.err == result.err
    assert tree(project / "out") == before


def test_a_changed_first_crumb_stops_the_rename_at_its_breadcrumb(project: Path, errgen, snapshot) -> None:
    write(project / "specs/ocr.md", ocr().replace("## AI Service >", "## AI Platform >"))
    before = tree(project / "out")
    result = errgen("generate", cwd=project)
    assert (result.code, result.err) == snapshot
    assert result.err.startswith("specs/ocr.md:1:1: error: ")
    assert tree(project / "out") == before


def test_the_configured_old_name_keeps_the_package(project: Path, errgen) -> None:
    add_email(project)
    configure(project, 'package = "ai_service_errors"\n')
    result = errgen("generate", cwd=project)
    assert result.code == 0, result.err
    assert removals(result.err) == []
    files = tree(project / "out")
    assert "python/ai_service_errors/email.py" in files
    assert not any(path.startswith("python/api_errors/") for path in files)


def test_the_configured_new_name_renames_the_package_and_says_what_goes(project: Path, errgen, snapshot) -> None:
    add_email(project)
    configure(project, 'package = "api_errors"\n')
    result = errgen("generate", cwd=project)
    assert (result.code, result.err) == snapshot
    assert result.code == 0
    files = tree(project / "out")
    assert "python/api_errors/email.py" in files and "python/api_errors/ocr.py" in files
    assert not any(path.startswith("python/ai_service_errors/") for path in files)


def test_the_package_option_renames_the_package(project: Path, errgen) -> None:
    add_email(project)
    result = errgen("generate", "--package", "api_errors", cwd=project)
    assert result.code == 0, result.err
    assert "out/python/ai_service_errors/ocr.py:1:1: warning: removes module ai_service_errors.ocr (the package is api_errors now)" in result.err
    files = tree(project / "out")
    assert "python/api_errors/pose_estimation.py" in files
    assert not any(path.startswith("python/ai_service_errors/") for path in files)
    # and the new name is the out dir's from now on: configured, it is kept without a word
    configure(project, 'package = "api_errors"\n')
    again = errgen("generate", cwd=project)
    assert again.code == 0 and removals(again.err) == []


def test_a_fresh_out_dir_takes_the_derived_name(tmp_path: Path, errgen) -> None:
    configure(tmp_path)
    write(tmp_path / "specs/ocr.md", ocr())
    add_email(tmp_path)
    result = errgen("generate", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "python/api_errors/email.py" in tree(tmp_path / "out")


# --skip-invalid-tables


def test_skip_invalid_tables_never_removes_a_catalog_the_out_dir_holds(project: Path, errgen, snapshot) -> None:
    pose = project / "specs/pose.md"
    pose.write_text(pose.read_text(encoding="utf-8").replace("| 0 |", "| zero |"), encoding="utf-8")
    before = tree(project / "out")
    result = errgen("generate", "--skip-invalid-tables", cwd=project)
    assert (result.code, result.err) == snapshot
    assert result.code == 1
    assert_well_formed(result.err)
    assert tree(project / "out") == before
    assert "specs/pose.md:3:1: error: catalog 'AI Service > Pose Estimation' would be removed from the out dir" in result.err
    assert "--skip-invalid-tables never removes a catalog the out dir holds" in result.err
    assert "is left out" not in result.err
    checked = errgen("check", "--skip-invalid-tables", cwd=project)
    assert checked.code == 1
    assert checked.err == result.err


def test_skip_invalid_tables_keeps_a_spec_that_is_gone(project: Path, errgen, snapshot) -> None:
    """A spec removed is a catalog removed: a run without --skip-invalid-tables does it."""
    (project / "specs/pose.md").unlink()
    before = tree(project / "out")
    result = errgen("generate", "--skip-invalid-tables", cwd=project)
    assert (result.code, result.err) == snapshot
    assert result.code == 1
    assert tree(project / "out") == before
    assert errgen("generate", cwd=project).code == 0
    assert "python/ai_service_errors/pose_estimation.py" not in tree(project / "out")


def test_a_new_catalog_with_only_invalid_tables_is_left_out_with_a_warning(project: Path, errgen, snapshot) -> None:
    write(project / "specs/face.md", table(("zero", "SUCCESS", "Success."), heading="## AI Service > Face > Error Code"))
    result = errgen("generate", "--skip-invalid-tables", cwd=project)
    assert (result.code, result.err) == snapshot
    assert result.code == 0
    assert "specs/face.md:3:1: warning: catalog 'AI Service > Face' is left out: every error table of it was skipped" in result.err
    files = tree(project / "out")
    assert "python/ai_service_errors/face.py" not in files
    assert "python/ai_service_errors/pose_estimation.py" in files


# What a generate removes


def test_a_removed_spec_warns_that_its_module_goes(project: Path, errgen, snapshot) -> None:
    (project / "specs/pose.md").unlink()
    result = errgen("generate", cwd=project)
    assert (result.code, result.err) == snapshot
    assert result.code == 0
    assert_well_formed(result.err)
    assert removals(result.err) == [
        "out/python/ai_service_errors/pose_estimation.py:1:1: warning: removes module ai_service_errors.pose_estimation "
        "(no spec makes catalog 'pose_estimation' any more); code that imports it breaks [W401]"
    ]
    assert "python/ai_service_errors/pose_estimation.py" not in tree(project / "out")
    again = errgen("generate", cwd=project)  # said once: the next run removes nothing
    assert again.code == 0 and again.err.startswith("errgen: 0 written, 0 removed")


def test_a_removed_code_warns_that_its_class_goes(project: Path, errgen, snapshot) -> None:
    write(project / "specs/ocr.md", ocr(*OCR[:2]))
    checked = errgen("check", cwd=project)
    assert checked.code == 1
    result = errgen("generate", cwd=project)
    assert (result.code, result.err) == snapshot
    assert result.code == 0
    assert removals(result.err) == [  # (Forbidden stays: the standard status classes are always there)
        "specs/ocr.md:1:1: warning: removes class ai_service_errors.ocr.AccessDeniedError; code that imports or catches it breaks [W401]",
    ]
    assert removals(checked.err) == removals(result.err)
    assert "class AccessDeniedError(" not in (project / "out/python/ai_service_errors/ocr.py").read_text(encoding="utf-8")


def test_strict_refuses_a_removal_and_writes_nothing(project: Path, errgen) -> None:
    write(project / "specs/ocr.md", ocr(*OCR[:2]))
    before = tree(project / "out")
    result = errgen("generate", "--strict", cwd=project)
    assert result.code == 1
    assert "specs/ocr.md:1:1: error: removes class ai_service_errors.ocr.AccessDeniedError" in result.err
    assert tree(project / "out") == before


def test_a_message_edit_removes_nothing_and_says_nothing(project: Path, errgen) -> None:
    write(project / "specs/ocr.md", ocr().replace("Access denied.", "Access is denied."))
    result = errgen("generate", cwd=project)
    assert result.code == 0, result.err
    assert result.err.startswith("errgen: ") and removals(result.err) == []
    assert "Access is denied." in (project / "out/python/ai_service_errors/ocr.py").read_text(encoding="utf-8")
