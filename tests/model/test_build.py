"""Model stage: catalogs, statuses, class names, and the validation errors with positions."""

from __future__ import annotations

import pytest

from generator.model.statuses import status_for_code

from helpers import build_project, table


def build(*pages: tuple[str, str]):
    """The model of these pages (path, text), each written as a spec file of that path."""
    return build_project(pages)


def messages(*pages: tuple[str, str]) -> list[str]:
    _project, diagnostics = build(*pages)
    return [d.format() for d in sorted(diagnostics)]


@pytest.mark.parametrize(
    ("code", "status"),
    [
        (0, 200), (400, 400), (100, 100), (599, 599), (600, None), (99, None), (-1, None),
        (4000001, 400), (4010003, 401), (4131000, 413), (5005001, 500), (5999999, 599),
        (3000001, None), (6000001, None), (400001, None), (40000001, None), (-4000001, None),
    ],
)
def test_http_status_rule(code: int, status: int | None) -> None:
    assert status_for_code(code) == status


def test_catalog_title_id_and_codes_in_document_order() -> None:
    project, diagnostics = build(("a.md", table((0, "SUCCESS", "ok"), (4000001, "INVALID_PARAMETER", "Bad."))))
    assert diagnostics == []
    (catalog,) = project.catalogs
    assert (catalog.id, catalog.title) == ("widget", ("Acme", "Widget"))
    assert [(c.code, c.key, c.line, c.http_status) for c in catalog.codes] == [
        (0, "SUCCESS", 5, 200),
        (4000001, "INVALID_PARAMETER", 6, 400),
    ]
    assert project.package == "acme_errors"
    assert [c.class_name for c in catalog.codes] == [None, "InvalidParameterError"]


@pytest.mark.parametrize(
    "crumb", ["Error Code", "Error Codes", "오류 코드", "에러 코드", "エラーコード", "error  codes"]
)
def test_error_code_crumb_is_dropped(crumb: str) -> None:
    project, _ = build(("a.md", table((1, "ONE", "one"), heading=f"## Acme > Widget > {crumb}")))
    assert project.catalogs[0].title == ("Acme", "Widget")


def test_catalogs_sharing_an_id_are_qualified_by_their_parent() -> None:
    project, diagnostics = build(
        ("a.md", table((1, "ONE", "one"), heading="## Acme > Vision > General")),
        ("b.md", table((1, "ONE", "one"), heading="## Acme > Speech > General")),
    )
    assert diagnostics == []
    assert [c.id for c in project.catalogs] == ["vision_general", "speech_general"]


def test_header_names_match_without_case_spaces_or_underscores() -> None:
    text = "## A > B > Error Code\n\n| Result_Code | result key | RESULTMESSAGE |\n|--|--|--|\n| 7 | SEVEN | seven |\n"
    project, diagnostics = build(("a.md", text))
    assert diagnostics == [] and project.catalogs[0].codes[0].key == "SEVEN"


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        ("4000001.0", "resultCode '4000001.0' is not a plain decimal integer"),
        ("0x10", "resultCode '0x10' is not a plain decimal integer"),
        ("4,000,001", "resultCode '4,000,001' is not a plain decimal integer"),
        ("four", "resultCode 'four' is not a plain decimal integer"),
        ("٤٠٠", "resultCode '٤٠٠' is not a plain decimal integer"),
        ("9223372036854775808", "resultCode 9223372036854775808 is outside the signed 64-bit range"),
    ],
)
def test_codes_must_be_plain_decimal_integers(cell: str, problem: str) -> None:
    found = messages(("s.md", table((1, "ONE", "one"), (cell, "TWO", "two"))))
    assert found[0].startswith(f"s.md:6:3: error: {problem}")


@pytest.mark.parametrize("key", ["lower", "HAS SPACE", "HAS-HYPHEN", "1LEADING_DIGIT", r"\_MISSING\_", "`_MISSING_`", "ÜBER"])
def test_keys_must_be_upper_snake_ascii(key: str) -> None:
    found = messages(("s.md", table((1, key, "one"))))
    assert len(found) == 1 and "is not UPPER_SNAKE ASCII; expected [A-Z][A-Z0-9_]*" in found[0]
    assert found[0].startswith("s.md:5:7: error: resultKey")


def test_duplicates_name_both_lines() -> None:
    found = messages(("s.md", table((1, "ONE", "one"), (1, "TWO", "two"), (3, "ONE", "three"))))
    assert found == [
        "s.md:6:3: error: duplicate resultCode 1 (first at line 5); expected each code once per table [E206]",
        "s.md:7:7: error: duplicate key ONE (first at line 5 for code 1); expected each key once per catalog [E207]",
    ]


def test_empty_cells() -> None:
    found = messages(("s.md", table(("", "ONE", "one"), (2, "", "two"), (3, "THREE", ""))))
    assert [f.split(": error: ")[1].split(";")[0] for f in found] == [
        "empty resultCode cell",
        "empty resultKey cell",
        "empty resultMessage cell",
    ]
    assert [f.split(": error")[0] for f in found] == ["s.md:5:2", "s.md:6:6", "s.md:7:14"]


def test_an_error_table_without_rows() -> None:
    text = "## A > B > Error Code\n\n| resultCode | resultKey | resultMessage |\n|---|---|---|\n"
    assert messages(("s.md", text)) == [
        "s.md:3:1: error: error table has no rows; expected at least one row of codes [E204]"
    ]


def test_a_spec_without_error_table() -> None:
    assert messages(("s.md", "# Nothing here\n")) == [
        "s.md:1:1: error: no table found; expected a table with resultCode and "
        "resultMessage columns (resultKey optional) [E201]"
    ]
    other = "# Other\n\n| name | value |\n|---|---|\n| a | b |\n"
    assert messages(("s.md", other)) == [
        "s.md:3:1: error: no error table: this table's columns are name, value; expected a table with "
        "resultCode and resultMessage columns (resultKey optional) [E201]"
    ]


def test_rows_with_too_many_or_too_few_cells_are_errors_at_the_row() -> None:
    text = table((1, "ONE", "one")) + "| 2 | TWO | two | extra |\n| 3 | THREE |\n"
    assert messages(("s.md", text)) == [
        "s.md:6:19: error: row has 4 cells but the header has 3; expected 3 cells (write a '|' inside a cell as '\\|') [E203]",
        "s.md:7:7: error: row has 2 cells but the header has 3; expected 3 cells (an empty cell is written as '| |') [E203]",
    ]


def test_all_errors_are_collected_and_no_project_is_returned() -> None:
    project, diagnostics = build(("s.md", table(("x", "ONE", "one"), (2, "bad", "two"), (3, "THREE", ""))))
    assert project is None
    assert len([d for d in diagnostics if d.severity == "error"]) == 3


def test_the_same_catalog_in_two_files_is_an_error() -> None:
    found = messages(("a.md", table((1, "ONE", "one"))), ("b.md", table((1, "ONE", "one"))))
    assert found == [
        "b.md:1:1: error: catalog 'Acme > Widget' is already defined in a.md:1; expected one spec file per catalog [E301]"
    ]


def test_class_names_that_clash_with_base_classes_are_renamed_with_a_warning() -> None:
    project, diagnostics = build(("s.md", table((1, "API", "a"), (2, "CLIENT", "c"), (3, "WIDGET", "w"), (4, "TIMEOUT", "t"))))
    assert [c.class_name for c in project.catalogs[0].codes] == [
        "WidgetApiError", "WidgetClientError", "WidgetWidgetError", "WidgetTimeoutError"
    ]
    assert [d.severity for d in diagnostics] == ["warning"] * 4
    assert "class name ApiError for key API would clash" in diagnostics[0].message


def test_keys_giving_the_same_class_name_are_an_error() -> None:
    found = messages(("s.md", table((1, "INVALID", "a"), (2, "INVALID_ERROR", "b"))))
    assert found == [
        "s.md:6:1: error: key INVALID_ERROR gives class name InvalidError, as key INVALID at line 5 does; "
        "expected keys whose class names differ [E303]"
    ]


def test_generated_names_shared_by_two_catalogs_are_an_error() -> None:
    found = messages(
        ("a.md", table((1, "OCR_FOO", "a"), heading="## Acme > General > Error Code")),
        ("b.md", table((1, "FOO", "b"), heading="## Acme > General OCR > Error Code")),
    )
    assert found == [
        "b.md:5:1: error: generated name GeneralOcrFoo of catalog 'general_ocr' is also a name of catalog "
        "'general' (a.md:5); expected catalog ids and keys whose CamelCase names differ [E302]"
    ]


@pytest.mark.parametrize(
    ("delimiter", "problem"),
    [
        ("| 1 | ONE | one |", "s.md:4:1: error: the row under the header ('1 | ONE | one') is not a delimiter row"),
        ("|---|---|", "s.md:4:6: error: delimiter row has 2 cells but the header has 3"),
        ("|---|---|---|---|", "s.md:4:14: error: delimiter row has 4 cells but the header has 3"),
    ],
)
def test_a_table_without_a_proper_delimiter_row_is_an_error_at_that_row(delimiter: str, problem: str) -> None:
    """GitHub shows such a table as a paragraph; errgen says so instead of reading it anyway."""
    text = f"## A > B > Error Code\n\n| resultCode | resultKey | resultMessage |\n{delimiter}\n"
    (found,) = messages(("s.md", text))
    assert found.startswith(problem)
