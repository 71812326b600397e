"""The README's examples are the real thing: its blocks are read and used here."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from generator.config import load_config

from helpers import REPO, SPECS, write

README = (REPO / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", README, re.MULTILINE | re.DOTALL)


def test_quick_start_is_one_block_of_exactly_two_commands() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"^```\w*\n(.*?)^```", section, re.MULTILINE | re.DOTALL)
    install, test = block.strip().splitlines()
    assert install.endswith("errgen generate") and "pip install ." in install
    assert "'.[test]'" in test and test.endswith("pytest")


def test_the_configuration_example_is_valid(tmp_path: Path) -> None:
    (toml,) = [b for b in blocks("toml") if "[tool.errgen]" in b]
    write(tmp_path / "pyproject.toml", toml)
    config = load_config(tmp_path)
    assert config.problems == ()
    assert (config.out, config.package, config.default_locale) == (tmp_path / "generated", "ai_service_errors", "en")


def test_the_configuration_example_names_every_option_and_no_other() -> None:
    import tomllib

    from generator.config import OPTIONS

    (toml,) = [b for b in blocks("toml") if "[tool.errgen]" in b]
    assert sorted(tomllib.loads(toml)["tool"]["errgen"]) == sorted(OPTIONS)


def test_the_local_pre_commit_hook_matches_the_shipped_manifest() -> None:
    manifest = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    local = [b for b in blocks("yaml") if "repo: local" in b]
    (hook,) = yaml.safe_load(local[0])["repos"][0]["hooks"]
    shipped = manifest["errgen"]
    assert hook["entry"] == shipped["entry"]
    assert hook["files"] == shipped["files"]
    assert (hook["pass_filenames"], hook["require_serial"]) == (False, True)


def test_the_custom_template_example_generates_what_the_readme_says(tmp_path: Path, errgen) -> None:
    (template,) = blocks("jinja")
    shutil.copytree(SPECS, tmp_path / "specs")
    write(tmp_path / "my-templates/ts-enums/{catalog}.ts.j2", template)
    assert errgen("generate", "--templates", "my-templates", cwd=tmp_path).code == 0
    text = (tmp_path / "generated/ts-enums/general_ocr.ts").read_text()
    assert "export enum GeneralOcrResultCode {" in text and "  SUCCESS = 0,\n" in text


def test_the_overrides_example_names_every_setting_an_override_takes() -> None:
    import tomllib

    from generator.config import OVERRIDE_OPTIONS

    (toml,) = [b for b in blocks("toml") if "[tool.errgen]" in b]
    (override,) = tomllib.loads(toml)["tool"]["errgen"]["overrides"]
    assert sorted(override) == sorted(OVERRIDE_OPTIONS)


def test_the_diagnostics_table_lists_every_code_and_no_other() -> None:
    from generator.diagnostics import CODES

    section = README.split("## Diagnostics", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| `([EW]\d{3})` \| (.+) \|$", section, re.MULTILINE))
    assert rows == CODES


def test_every_code_the_source_reports_is_listed_and_every_listed_code_is_reported() -> None:
    """A code in the source but not in CODES would be reported unexplained; one in CODES that
    no stage reports would be a promise about nothing."""
    from generator.diagnostics import CODES

    source = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "generator").rglob("*.py") if p.name != "diagnostics.py")
    used = set(re.findall(r"""["']([EW]\d{3})["']""", source))  # at error() and warning() calls, or given to them
    assert used == set(CODES)
    for code in used:  # a warning's code starts with W, an error's with E
        kinds = set(re.findall(rf"""(error|warning)\(\s*["']{code}["']""", source))
        assert kinds <= {"error" if code.startswith("E") else "warning"}, code
