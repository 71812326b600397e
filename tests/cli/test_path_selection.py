"""PATHs in a configured project choose among its specs, as black's do: they never make errgen
remove or rewrite what the other specs generate. Without a configuration, PATHs are the specs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers import SPECS, run_cli, tree, write

CONFIG = '[tool.errgen]\nspecs = ["docs"]\npackage = "acme_errors"\n'


def project(root: Path) -> Path:
    shutil.copytree(SPECS, root / "docs")
    write(root / "pyproject.toml", CONFIG)
    (root / ".git").mkdir()
    assert run_cli("generate", cwd=root).returncode == 0
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_check_of_one_spec_reports_on_that_spec_alone(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert run_cli("check", "docs/general-ocr.md", cwd=root).returncode == 0  # not "every other file would change"
    edit(root / "docs/pose-estimation.md", "Unknown error.", "Unknown error, changed.")
    # the other spec's change is not this PATH's
    mine = run_cli("check", "docs/general-ocr.md", cwd=root)
    assert mine.returncode == 0, mine.stderr
    assert "pose_estimation" not in mine.stdout
    full = run_cli("check", cwd=root)
    assert full.returncode == 1 and "pose_estimation.py is out of date" in full.stderr
    theirs = run_cli("check", "docs/pose-estimation.md", cwd=root)
    assert theirs.returncode == 1 and "pose_estimation.py is out of date" in theirs.stderr
    assert "general_ocr" not in theirs.stdout


def test_generate_of_one_spec_never_removes_or_rewrites_the_others(tmp_path: Path) -> None:
    root = project(tmp_path)
    before = tree(root / "generated")
    edit(root / "docs/pose-estimation.md", "Unknown error.", "Unknown error, changed.")
    edit(root / "docs/general-ocr.md", "| 5000001 |", "| 5000009 |")
    result = run_cli("generate", "docs/general-ocr.md", cwd=root)
    assert result.returncode == 0, result.stderr
    after = tree(root / "generated")
    assert set(after) == set(before)  # nothing removed
    changed = {p for p in after if after[p] != before[p]}
    assert changed and all("general_ocr" in p or "general-ocr" in p for p in changed), changed
    assert "left as they are" in result.stderr
    # the run without PATHs takes the rest in, and then all is up to date
    assert run_cli("generate", cwd=root).returncode == 0
    assert run_cli("check", cwd=root).returncode == 0
    assert any(tree(root / "generated")[p] != after[p] for p in after if "pose_estimation" in p)


def test_a_folder_path_chooses_the_specs_below_it(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "docs/ocr").mkdir()
    shutil.move(root / "docs/general-ocr.md", root / "docs/ocr/general-ocr.md")
    result = run_cli("ir", "docs/ocr", cwd=root)
    assert result.returncode == 0, result.stderr
    assert [c["id"] for c in json.loads(result.stdout)["catalogs"]] == ["general_ocr"]
    assert [c["id"] for c in json.loads(run_cli("ir", cwd=root).stdout)["catalogs"]] == ["general_ocr", "pose_estimation"]


def test_warnings_of_other_specs_are_not_shown_but_their_errors_are(tmp_path: Path) -> None:
    root = project(tmp_path)
    write(root / "docs/nokeys.md", "## Acme > Nokeys > Error Code\n\n| resultCode | resultMessage |\n|---|---|\n| 1 | 42 |\n")
    assert "docs/nokeys.md" in run_cli("ir", cwd=root).stderr
    quiet = run_cli("ir", "docs/general-ocr.md", cwd=root)
    assert quiet.returncode == 0 and "nokeys" not in quiet.stderr
    edit(root / "docs/nokeys.md", "| 1 | 42 |", "| x | 42 |")
    broken = run_cli("generate", "docs/general-ocr.md", cwd=root)
    assert broken.returncode == 1 and "docs/nokeys.md:5:3: error: " in broken.stderr


@pytest.mark.parametrize("path", ["elsewhere.md", "docs/missing.md", "notes"])
def test_a_path_that_is_no_configured_spec_is_a_usage_error(path: str, tmp_path: Path) -> None:
    root = project(tmp_path)
    write(root / "elsewhere.md", (SPECS / "general-ocr.md").read_text(encoding="utf-8"))
    (root / "notes").mkdir()
    before = tree(root / "generated")
    result = run_cli("generate", path, cwd=root)
    assert result.returncode == 2
    assert f"errgen: error: {path} is " in result.stderr and "of the specs pyproject.toml configures" in result.stderr
    assert tree(root / "generated") == before


def test_without_a_configuration_paths_are_the_specs(tmp_path: Path) -> None:
    shutil.copytree(SPECS, tmp_path / "specs")
    assert run_cli("generate", "specs/general-ocr.md", cwd=tmp_path).returncode == 0
    assert sorted(p.name for p in (tmp_path / "generated/python/ai_service_errors").glob("*.py")) == [
        "__init__.py",
        "_base.py",
        "general_ocr.py",
    ]


def test_help_says_what_paths_do() -> None:
    result = run_cli("check", "--help", cwd=SPECS)
    assert "configured project" in " ".join(result.stdout.split())


def test_diff_of_one_spec_reports_that_spec_alone(tmp_path: Path) -> None:
    import subprocess

    root = project(tmp_path)
    shutil.rmtree(root / ".git")
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "docs"]):
        subprocess.run(["git", *args], cwd=root, check=True)
    edit(root / "docs/pose-estimation.md", "| -1         | FAIL                               | Unknown error.                                  |\n", "")
    edit(root / "docs/general-ocr.md", "| 5000001 | INTERNAL_API_FAIL | Internal Api fail.                                                           |\n", "")
    everything = run_cli("diff", "--format", "json", cwd=root)
    mine = run_cli("diff", "docs/general-ocr.md", "--format", "json", cwd=root)
    catalogs = lambda result: sorted({f["catalog"] for f in json.loads(result.stdout)["findings"] if f.get("catalog")})  # noqa: E731
    assert catalogs(everything) == ["general_ocr", "pose_estimation"], everything.stdout
    assert catalogs(mine) == ["general_ocr"], mine.stdout


def test_paths_apart_from_the_configuration_with_an_out_dir_of_their_own(tmp_path: Path) -> None:
    root = project(tmp_path)
    before = tree(root / "generated")
    write(root / "elsewhere/shop.md", "## Acme > Shop > Error Code\n\n| resultCode | resultKey | resultMessage |\n|---|---|---|\n| 1 | ONE | One. |\n")
    # nothing written: read as the specs
    model = run_cli("ir", "elsewhere/shop.md", cwd=root)
    assert model.returncode == 0 and [c["id"] for c in json.loads(model.stdout)["catalogs"]] == ["shop"]
    # a separate out dir: the PATHs are its specs; the configured out dir is left alone
    apart = run_cli("generate", "elsewhere/shop.md", "--out", "build/shop", cwd=root)
    assert apart.returncode == 0, apart.stderr
    assert (root / "build/shop/python/acme_errors/shop.py").is_file()
    assert tree(root / "generated") == before


def test_a_catalog_gone_while_paths_choose_keeps_its_files_in_the_record_for_the_full_run(tmp_path: Path) -> None:
    root = project(tmp_path)
    shutil.move(root / "docs/pose-estimation.md", tmp_path / "pose-estimation.md")
    before = tree(root / "generated")
    chosen = run_cli("generate", "docs/general-ocr.md", cwd=root)
    assert chosen.returncode == 0, chosen.stderr
    # nothing removed, the shared files kept (they would drop a module still there)
    assert tree(root / "generated") == before
    assert "left as they are" in chosen.stderr
    full = run_cli("generate", cwd=root)
    assert full.returncode == 0 and "removes module acme_errors.pose_estimation" in full.stderr
    assert not (root / "generated/python/acme_errors/pose_estimation.py").exists()
    shutil.move(tmp_path / "pose-estimation.md", root / "docs/pose-estimation.md")
    assert run_cli("generate", cwd=root).returncode == 0
    assert tree(root / "generated") == before


def test_lint_of_one_spec_reports_its_findings_alone(tmp_path: Path) -> None:
    root = project(tmp_path)
    everything = run_cli("lint", cwd=root)
    assert "docs/pose-estimation.md:14:1: warning: " in everything.stderr  # a key with two codes, seen from pose
    assert "docs/general-ocr.md:" in everything.stderr
    theirs = run_cli("lint", "docs/pose-estimation.md", cwd=root)
    assert "docs/pose-estimation.md:14:1: warning: " in theirs.stderr and "docs/general-ocr.md:" not in theirs.stderr.split("warning: ")[0]
    mine = run_cli("lint", "docs/general-ocr.md", cwd=root)
    assert mine.returncode == 0 and mine.stderr == "errgen: no problems in 1 catalog\n"


def test_standard_input_stands_for_a_spec_of_a_configured_folder(tmp_path: Path) -> None:
    root = project(tmp_path)
    text = (root / "docs/general-ocr.md").read_text(encoding="utf-8")
    same = run_cli("check", "-", "--stdin-filename", "docs/general-ocr.md", cwd=root, input=text)
    assert same.returncode == 0, same.stderr
    changed = run_cli("check", "-", "--stdin-filename", "docs/general-ocr.md", cwd=root, input=text.replace("Internal Api fail.", "Other."))
    assert changed.returncode == 1 and "general_ocr.py is out of date" in changed.stderr
    assert "pose_estimation" not in changed.stdout


def test_an_excluded_path_is_named_as_such(tmp_path: Path) -> None:
    root = project(tmp_path)
    write(root / "pyproject.toml", CONFIG + 'exclude = ["README.md"]\n')
    write(root / "docs/README.md", "# About these pages\n")
    result = run_cli("check", "docs/README.md", cwd=root)
    assert result.returncode == 2 and "docs/README.md is left out by include/exclude" in result.stderr
