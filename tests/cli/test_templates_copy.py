"""`errgen templates list` and `errgen templates copy DIR [TEMPLATE ...]`: the built-in templates,
copied to start an override, which then generates exactly what the built-in ones do."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.inputs import BUILTIN_TEMPLATES

from helpers import SPECS, run_cli, tree, write

BUILTIN = sorted(p.relative_to(BUILTIN_TEMPLATES).as_posix() for p in BUILTIN_TEMPLATES.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def test_list_prints_every_built_in_template(tmp_path: Path, errgen) -> None:
    result = errgen("templates", "list", cwd=tmp_path)
    assert result.code == 0 and result.err == ""
    assert result.out.splitlines() == BUILTIN
    assert "python/{package}/{catalog}.py.j2" in BUILTIN and "openapi/_components.jinja" in BUILTIN


def test_copied_templates_generate_the_same_bytes(tmp_path: Path, errgen) -> None:
    shutil.copytree(SPECS, tmp_path / "specs")
    result = errgen("templates", "copy", "my-templates", cwd=tmp_path)
    assert result.code == 0
    assert result.err == f"errgen: {len(BUILTIN)} templates copied to my-templates/; generate with --templates my-templates (or templates = \"my-templates\" in [tool.errgen])\n"
    assert tree(tmp_path / "my-templates") == {name: (BUILTIN_TEMPLATES / name).read_bytes() for name in BUILTIN}
    assert errgen("generate", "--out", "built-in", cwd=tmp_path).code == 0
    assert errgen("generate", "--out", "copied", "--templates", "my-templates", cwd=tmp_path).code == 0
    assert tree(tmp_path / "copied") == tree(tmp_path / "built-in")
    # and a change of the copy is what the output shows
    template = tmp_path / "my-templates/python/{package}/{catalog}.py.j2"
    template.write_text("# edited\n" + template.read_text(encoding="utf-8"), encoding="utf-8")
    assert errgen("generate", "--out", "copied", "--templates", "my-templates", cwd=tmp_path).code == 0
    assert (tmp_path / "copied/python/ai_service_errors/general_ocr.py").read_text(encoding="utf-8").count("# edited\n") == 1


def test_copy_of_named_templates_and_folders(tmp_path: Path, errgen) -> None:
    result = errgen("templates", "copy", "mine", "python/{package}/_base.py.j2", "jsonschema/", cwd=tmp_path)
    assert result.code == 0, result.err
    assert sorted(tree(tmp_path / "mine")) == ["jsonschema/_schemas.jinja", "jsonschema/{catalog}.schema.json.j2", "python/{package}/_base.py.j2"]
    result = errgen("templates", "copy", "-v", "one", "openapi/_components.jinja", cwd=tmp_path)
    assert result.err.splitlines() == [
        "errgen: copied one/openapi/_components.jinja",
        'errgen: 1 template copied to one/; generate with --templates one (or templates = "one" in [tool.errgen])',
    ]


def test_copy_never_overwrites_a_file_unless_forced(tmp_path: Path, errgen) -> None:
    mine = write(tmp_path / "mine/python/{package}/_base.py.j2", "my own\n")
    result = errgen("templates", "copy", "mine", cwd=tmp_path)
    assert result.code == 2
    assert result.err == (
        "mine/python/{package}/_base.py.j2:1:1: error: exists already; expected a path without a file (or --force to replace it) [E601]\n"
        "errgen: 1 error (E601: 1), 0 warnings\n"
    )
    assert tree(tmp_path / "mine") == {"python/{package}/_base.py.j2": b"my own\n"}  # nothing else written either
    result = errgen("templates", "copy", "--force", "mine", cwd=tmp_path)
    assert result.code == 0
    assert mine.read_bytes() == (BUILTIN_TEMPLATES / "python/{package}/_base.py.j2").read_bytes()
    assert sorted(tree(tmp_path / "mine")) == BUILTIN


def test_copy_refuses_a_file_for_a_folder_and_the_built_in_folder(tmp_path: Path, errgen) -> None:
    write(tmp_path / "mine", "a file\n")
    result = errgen("templates", "copy", "mine", cwd=tmp_path)
    assert result.code == 2 and result.err.startswith("mine:1:1: error: is not a folder; expected a folder to copy the templates into")
    write(tmp_path / "other/python", "a file\n")
    result = errgen("templates", "copy", "other", "python", cwd=tmp_path)
    assert result.code == 2 and result.err.startswith("other/python:1:1: error: is not a folder")
    result = errgen("templates", "copy", "--force", str(BUILTIN_TEMPLATES), cwd=tmp_path)
    assert result.code == 2 and "is the built-in templates folder itself" in result.err


def test_an_unknown_template_is_a_usage_error_of_copy(tmp_path: Path) -> None:
    result = run_cli("templates", "copy", "mine", "kotlin", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("usage: errgen templates copy ")
    assert "errgen templates copy: error: no built-in template or folder of them is named 'kotlin'; expected a path that `errgen templates list` prints, or one of the folders jsonschema, openapi, python, typescript" in result.stderr
    assert not (tmp_path / "mine").exists()
