"""Translations: NAME.LOCALE.md pages of one catalog merge by code; the documents carry the
messages of every locale, and gaps or disagreeing keys are warnings naming both files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from helpers import FIXTURES, build_project, table

MESSAGES = {
    0: {"en": "Success.", "ja": "成功", "ko": "성공"},
    4000001: {"en": "Invalid parameter.", "ja": "無効なパラメータです。", "ko": "잘못된 파라미터입니다."},
    4010001: {"en": "Unauthorized.", "ja": "認証されていません。", "ko": "인증되지 않았습니다."},
    5000001: {"en": "Internal error.", "ko": "내부 오류입니다."},
}


def test_ir_merges_translations_by_catalog_and_code(errgen, fixture_dir) -> None:
    result = errgen("ir", "translations", cwd=fixture_dir)
    assert result.code == 0, result.err
    (catalog,) = json.loads(result.out)["catalogs"]
    assert catalog["source"] == "translations/widget.md"
    assert catalog["sources"] == ["translations/widget.md", "translations/widget.ja.md", "translations/widget.ko.md"]
    assert {c["code"]: c["messages"] for c in catalog["codes"]} == MESSAGES
    # message and key stay the default locale's
    assert [(c["key"], c["message"]) for c in catalog["codes"]] == [
        ("SUCCESS", "Success."),
        ("INVALID_PARAMETER", "Invalid parameter."),
        ("UNAUTHORIZED", "Unauthorized."),
        ("INTERNAL_ERROR", "Internal error."),
    ]


def test_gaps_and_differing_keys_are_warnings_naming_both_files(errgen, fixture_dir) -> None:
    result = errgen("ir", "translations", cwd=fixture_dir)
    assert result.err.splitlines()[:2] == [
        "translations/widget.ko.md:7:1: warning: key NOT_AUTHORIZED of code 4010001 differs from UNAUTHORIZED "
        "in translations/widget.md:7 (en); the en key is used [W302]",
        "translations/widget.md:8:1: warning: code 5000001 INTERNAL_ERROR is in translations/widget.md (en) "
        "but missing from translations/widget.ja.md (ja) [W301]",
    ]


def pages(folder: Path) -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.md"))]


def test_the_default_locale_is_an_option() -> None:
    translations = [(path, text) for path, text in pages(FIXTURES / "translations") if path != "widget.md"]
    project, _ = build_project(translations, default_locale="ko")
    (catalog,) = project.catalogs
    assert catalog.source == "widget.ko.md"
    code = catalog.codes[2]
    assert (code.key, code.message, code.messages) == (
        "NOT_AUTHORIZED",
        "인증되지 않았습니다.",
        (("ko", "인증되지 않았습니다."), ("ja", "認証されていません。")),
    )
    # a file without a locale is now in ko, like widget.ko.md: two files, one locale
    project, diagnostics = build_project(pages(FIXTURES / "translations"), default_locale="ko")
    assert project is None
    errors = [d.format() for d in diagnostics if d.severity == "error"]
    assert len(errors) == 1
    assert "widget.md:1:1: error: catalog 'Acme > Widget' is already defined in widget.ko.md:1" in errors[0]


def test_a_code_only_in_a_translation_is_kept_with_its_message() -> None:
    en = table((1, "ONE", "One."))
    ko = table((1, "ONE", "하나"), (2, "TWO", "둘"))
    project, diagnostics = build_project([("w.md", en), ("w.ko.md", ko)])
    assert [(c.code, c.message, dict(c.messages)) for c in project.catalogs[0].codes] == [
        (1, "One.", {"en": "One.", "ko": "하나"}),
        (2, "둘", {"ko": "둘"}),
    ]
    assert [d.format() for d in diagnostics] == [
        "w.ko.md:6:1: warning: code 2 TWO is in w.ko.md (ko) but missing from w.md (en) [W301]"
    ]


def test_two_files_in_the_same_locale_are_still_an_error() -> None:
    spec = table((1, "ONE", "One."))
    project, diagnostics = build_project([("a.md", spec), ("b.en.md", spec)])
    assert project is None
    assert [d.format() for d in diagnostics] == [
        "b.en.md:1:1: error: catalog 'Acme > Widget' is already defined in a.md:1; expected one spec file per catalog [E301]"
    ]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.cli import main

    root = tmp_path_factory.mktemp("translated")
    shutil.copytree(FIXTURES / "translations", root / "specs")
    out = root / "generated"
    assert main(["generate", str(root / "specs"), "--out", str(out)]) == 0
    return out


def test_json_schema_and_openapi_carry_localized_messages(generated: Path) -> None:
    schema = json.loads((generated / "jsonschema/widget.schema.json").read_text(encoding="utf-8"))
    result_code = schema["$defs"]["ResultCode"]
    assert dict(zip(result_code["enum"], result_code["x-localized-messages"])) == MESSAGES
    document = yaml.safe_load((generated / "openapi/widget.openapi.yaml").read_text(encoding="utf-8"))
    result_code = document["components"]["schemas"]["WidgetResultCode"]
    assert dict(zip(result_code["enum"], result_code["x-localized-messages"])) == MESSAGES
