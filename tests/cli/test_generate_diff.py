"""`errgen generate --diff`, as black's --diff: the unified diff of what generate would change on
stdout, nothing written, exit 0 (1 with --exit-non-zero-on-change when anything would change)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from helpers import SPECS, run_cli, tree


def project(tmp_path: Path) -> Path:
    shutil.copytree(SPECS, tmp_path / "specs")
    return tmp_path


def test_diff_prints_what_generate_would_change_and_writes_nothing(tmp_path: Path, errgen) -> None:
    root = project(tmp_path)
    assert errgen("generate", cwd=root).code == 0
    spec = root / "specs/general-ocr.md"
    spec.write_text(spec.read_text(encoding="utf-8").replace("Invalid parameter.", "Parameter is invalid."), encoding="utf-8")
    before = tree(root)
    result = errgen("generate", "--diff", cwd=root)
    assert result.code == 0
    assert '+        4000001: "Parameter is invalid.",' in result.out
    assert result.out.startswith("--- a/generated/")
    assert "generated/python/ai_service_errors/general_ocr.py is out of date" in result.err
    assert result.err.endswith("errgen: 3 files would change; run without --diff to write them\n")
    assert tree(root) == before  # not a byte written, the out dir's record and the cache included
    # the diff is what generate then does: it applies with git apply at the configuration's folder
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    (root / "fix.patch").write_text(result.out, encoding="utf-8")
    subprocess.run(["git", "apply", "fix.patch"], cwd=root, check=True)
    (root / "fix.patch").unlink()
    shutil.rmtree(root / ".git")
    applied = tree(root / "generated")
    assert errgen("generate", cwd=root).code == 0
    assert {p: b for p, b in tree(root / "generated").items() if not p.startswith(".errgen/")} == {
        p: b for p, b in applied.items() if not p.startswith(".errgen/")
    }


def test_diff_exits_1_on_changes_only_with_exit_non_zero_on_change(tmp_path: Path, errgen) -> None:
    root = project(tmp_path)
    result = errgen("generate", "--diff", "--exit-non-zero-on-change", cwd=root)
    assert result.code == 1 and "+++ b/generated/openapi/errors.openapi.yaml" in result.out
    assert not (root / "generated").exists()
    assert errgen("generate", cwd=root).code == 0
    result = errgen("generate", "--diff", "--exit-non-zero-on-change", cwd=root)
    assert result.code == 0 and result.out == ""
    assert result.err.endswith(" files up to date in generated/\n")


def test_diff_with_quiet_prints_the_diff_alone(tmp_path: Path, errgen) -> None:
    root = project(tmp_path)
    result = errgen("generate", "--diff", "-q", cwd=root)
    assert result.code == 0 and result.err == ""
    assert "+++ b/generated/python/ai_service_errors/general_ocr.py" in result.out


def test_diff_of_broken_specs_is_their_errors_and_exit_1(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "specs/general-ocr.md").write_text("## A > B > Error Code\n\n| resultCode | resultKey | resultMessage |\n|---|---|---|\n| x | K | m |\n")
    result = run_cli("generate", "--diff", cwd=root)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("specs/general-ocr.md:5:3: error: resultCode 'x' is not a plain decimal integer")
    assert not (root / "generated").exists()
