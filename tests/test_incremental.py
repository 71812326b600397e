"""The short path for a few changed specs (generator/incremental.py): whatever the edit, the out
dir ends up byte for byte as a full run leaves it, with the same diagnostics and exit code;
the short path is taken for edits that stay inside one catalog and left for the others."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import incremental

from helpers import FIXTURES, write
from test_fast_paths import project_dir, tree

OCR = "specs/general-ocr.md"
POSE = "specs/pose-estimation.md"


def diagnostics(err: str) -> list[str]:
    """What a run said, less its count of files written (which differs by design)."""
    return [line for line in err.splitlines() if not re.fullmatch(r"errgen: \d+ written, .*", line)]


def replace_in(path: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        spec = root / path
        text = spec.read_text(encoding="utf-8")
        assert old in text, (path, old)
        spec.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def both(*edits: Callable[[Path], None]) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        for one in edits:
            one(root)

    return edit


def hand_edit_generated(root: Path) -> None:
    target = root / "generated/python/api_errors/general_ocr.py"
    target.write_text(target.read_text() + "# edited by hand\n")


def with_translations(tmp_path: Path) -> Path:
    """The seeds, synthetic specs, and a catalog made of three files (its translations)."""
    root = project_dir(tmp_path, extra=8)
    shutil.copytree(FIXTURES / "translations", root / "specs/translations")
    return root


def renamed_exception(root: Path) -> None:  # a class name that clashes: renamed, with a warning
    replace_in(POSE, "| INVALID_UUID                       |", "| TIMEOUT |")(root)


CASES = {
    # edit, short path taken
    "a message": (replace_in(POSE, "Invalid uuid.", "Invalid UUID."), True),
    "two specs' messages": (
        both(replace_in(POSE, "Invalid uuid.", "Invalid UUID."), replace_in(OCR, "Invalid parameter.", "Bad parameter.")),
        True,
    ),
    "a code added": (replace_in(POSE, "| 4000001    |", "| 4000099 | NEW_CODE | A new code. |\n| 4000001    |"), True),
    "a code removed": (replace_in(POSE, "| 4010002    | INVALID_UUID                       | Invalid uuid.                                   |\n", ""), True),
    "a warning appears": (renamed_exception, True),
    "the title": (replace_in(POSE, "Pose Estimation", "Pose Tracking"), False),
    "a status class no catalog had": (replace_in(POSE, "| 4000001    |", "| 4090001 | CONFLICTED | Conflict. |\n| 4000001    |"), False),
    "the id another catalog has": (replace_in(POSE, "> Pose Estimation >", "> General OCR >"), False),
    "an error": (replace_in(POSE, "| 4000001    |", "| 4000001x   |"), False),
    "a translation": (replace_in("specs/translations/widget.ko.md", "내부 오류입니다.", "내부 오류."), False),
    "a generated file edited by hand too": (both(hand_edit_generated, replace_in(POSE, "Invalid uuid.", "Invalid UUID.")), False),
}


@pytest.mark.parametrize("name", CASES)
def test_the_out_dir_is_as_a_full_run_leaves_it(name: str, tmp_path: Path, errgen, monkeypatch: pytest.MonkeyPatch) -> None:
    edit, short = CASES[name]
    root = with_translations(tmp_path / "incremental")
    first = errgen("generate", "--jobs", "1", cwd=root)
    assert first.code == 0, first.err

    taken = []
    real = incremental.try_update
    monkeypatch.setattr(incremental, "try_update", lambda *a, **k: taken.append(result := real(*a, **k)) or result)
    edit(root)
    again = errgen("generate", "--jobs", "1", cwd=root)
    assert (taken[0] is not None) == short

    full = tmp_path / "full"
    shutil.copytree(root / "specs", full / "specs")
    expected = errgen("generate", "--jobs", "1", cwd=full)
    assert (again.code, diagnostics(again.err)) == (expected.code, diagnostics(expected.err))
    if (full / "generated").exists():
        assert tree(root / "generated") == tree(full / "generated")
    # and what the short path recorded leads the next runs right
    assert errgen("check", cwd=root).code == expected.code
    if expected.code == 0:
        replace_in(POSE, "Not allowed user.", "User not allowed.")(root)
        replace_in(POSE, "Not allowed user.", "User not allowed.")(full)
        assert errgen("generate", "--jobs", "1", cwd=root).code == errgen("generate", "--jobs", "1", cwd=full).code == 0
        assert tree(root / "generated") == tree(full / "generated")


def test_a_change_undone_gives_back_the_first_bytes(tmp_path: Path, errgen) -> None:
    root = project_dir(tmp_path, extra=4)
    assert errgen("generate", cwd=root).code == 0
    before = tree(root / "generated")
    replace_in(POSE, "Invalid uuid.", "Invalid UUID.")(root)
    assert errgen("generate", cwd=root).code == 0
    assert tree(root / "generated") != before
    replace_in(POSE, "Invalid UUID.", "Invalid uuid.")(root)
    assert errgen("generate", cwd=root).code == 0
    assert tree(root / "generated") == before


def test_a_new_spec_takes_the_full_path(tmp_path: Path, errgen, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project_dir(tmp_path, extra=4)
    assert errgen("generate", cwd=root).code == 0
    write(root / "specs/widget.md", "## Acme > Widget > Error Code\n\n| resultCode | resultKey | resultMessage |\n|---|---|---|\n| 1 | ONE | One. |\n")
    taken = []
    real = incremental.try_update
    monkeypatch.setattr(incremental, "try_update", lambda *a, **k: taken.append(result := real(*a, **k)) or result)
    assert errgen("generate", cwd=root).code == 0
    assert taken == [None]
    assert (root / "generated/python/api_errors/widget.py").is_file()


def test_check_after_an_edit_shows_what_generate_would_write(tmp_path: Path, errgen) -> None:
    root = project_dir(tmp_path / "short", extra=4)
    full = project_dir(tmp_path / "full", extra=4)
    for folder in (root, full):
        assert errgen("generate", cwd=folder).code == 0
        replace_in(POSE, "Invalid uuid.", "Invalid UUID.")(folder)
    (full / ".errgen_cache").rename(full / "no-cache")  # no record: the full path
    short_check, full_check = errgen("check", cwd=root), errgen("check", cwd=full)
    assert short_check.code == full_check.code == 1
    assert (short_check.out, short_check.err) == (full_check.out, full_check.err)
    assert "errgen: 4 files would change" in short_check.err
