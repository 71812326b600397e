"""Vendor pages as they are: header synonyms, extra columns, several tables per page and their
operations, keys derived from messages, success rows and HTTP status columns, HTML headings."""

from __future__ import annotations

import json

import pytest

from generator.model.naming import fallback_key, key_from_message

from helpers import FIXTURES, build_project


def ir(errgen, *args: str) -> dict:
    result = errgen("ir", *args, cwd=FIXTURES)
    assert result.code == 0, result.err
    return json.loads(result.out)


def build(*pages: tuple[str, str]):
    """The model of these pages (path, text), each written as a spec file of that path."""
    return build_project(pages)


def test_columns_by_synonym_in_any_order_with_extra_columns_kept(errgen) -> None:
    (catalog,) = ir(errgen, "columns")["catalogs"]
    assert catalog["title"] == ["Acme", "Gadget"]
    rows = [(c["code"], c["key"], c["message"], c["description"], c["extra"]) for c in catalog["codes"]]
    assert rows == [
        (0, "SUCCESS", "Done.", "all good", {"Since": "1.0"}),
        (1000, "PARTIAL_SUCCESS", "Partly done.", "some items failed", {"Since": "1.2"}),
        (4000001, "BAD_INPUT", "Bad input.", "check the parameters", {"Since": "1.0"}),
        (4000002, "BUSY", "Busy.", "try again later", {"Since": "1.1"}),
    ]
    # the parameter table and the `Code | Country` table are not error tables
    assert [c["line"] for c in catalog["codes"]] == [11, 12, 13, 14]


def test_success_rows_and_the_http_status_column(errgen) -> None:
    (catalog,) = ir(errgen, "columns")["catalogs"]
    got = {c["code"]: (c["success"], c["http_status"], c["class_name"]) for c in catalog["codes"]}
    assert got[0] == (True, 200, None)
    assert got[1000] == (True, None, None)  # isSuccessful true: a success row, no exception class
    assert got[4000001] == (False, 400, "BadInputError")  # empty status cell: the derived rule
    assert got[4000002] == (False, 503, "BusyError")  # the column wins over 400 from the code


@pytest.mark.parametrize(
    "header",
    ["resultCode", "result code", "Result_Code", "code", "error code", "오류 코드", "결과 코드", "エラーコード", "결과 코드(resultCode)"],
)
def test_code_column_synonyms(header: str) -> None:
    text = f"## A > B > Error Code\n\n| message | {header} |\n|---|---|\n| Seven. | 7 |\n"
    project, _ = build(("a.md", text))
    assert [(c.code, c.message) for c in project.catalogs[0].codes] == [(7, "Seven.")]


@pytest.mark.parametrize(
    "header",
    ["resultMessage", "message", "error message", "오류 메시지", "결과 메시지", "エラーメッセージ", "결과 메시지(resultMessage)"],
)
def test_message_column_synonyms(header: str) -> None:
    text = f"## A > B > Error Code\n\n| code | key | {header} |\n|---|---|---|\n| 7 | SEVEN | Seven. |\n"
    project, _ = build(("a.md", text))
    assert [(c.key, c.message) for c in project.catalogs[0].codes] == [("SEVEN", "Seven.")]


def test_a_table_without_a_message_column_is_not_an_error_table() -> None:
    text = (
        "## A > B > Error Code\n\n| code | country |\n|---|---|\n| 1 | Korea |\n\n"
        "| code | message |\n|---|---|\n| 7 | Seven |\n"
    )
    project, diagnostics = build(("a.md", text))
    assert diagnostics == []
    assert [c.code for c in project.catalogs[0].codes] == [7]


def test_a_page_with_only_description_columns_reads_them_as_messages(errgen) -> None:
    result = errgen("ir", "described", cwd=FIXTURES)
    assert result.code == 0
    (catalog,) = json.loads(result.out)["catalogs"]
    assert [(c["code"], c["key"], c["message"]) for c in catalog["codes"]] == [
        (100, "CODE_100", "Network error"),
        (101, "CODE_101", "Cancelled by the user"),
        (1100, "INVALID_PARAMETERS", "InvalidParameters"),
    ]
    assert catalog["codes"][0]["extra"] == {"Type": "NETWORK_TIMEOUT"}
    assert (
        "described/store.md:5:23: warning: no message column on this page; "
        "the Description column is read as each code's message [W201]" in result.err
    )


def test_operations_from_error_code_headings_and_nearest_headings(errgen) -> None:
    (catalog,) = ir(errgen, "operations")["catalogs"]
    assert catalog["title"] == ["Acme", "Face Finder"]  # `API v2.0 Guide` is dropped
    assert [c["code"] for c in catalog["codes"]] == [-40000, -40070, -41005, -45020, 0]
    operations = [(op["title"], op["name"], [c["code"] for c in op["codes"]]) for op in catalog["operations"]]
    assert operations == [
        ("Create Groups", "CreateGroups", [-40000, -40070, -41005]),
        ("Register Face", "RegisterFace", [-40000, -40070, -45020]),
        ("Delete Group", "DeleteGroup", [0, -40000]),
    ]
    # each operation keeps its own description of a shared code
    quota = [next(c for c in op["codes"] if c["code"] == -40070)["description"] for op in catalog["operations"][:2]]
    assert quota == ["Too many groups", "Too many faces in the group"]


def test_keys_derived_from_messages_or_codes(errgen) -> None:
    result = errgen("ir", "operations", cwd=FIXTURES)
    (catalog,) = json.loads(result.out)["catalogs"]
    assert {c["code"]: c["key"] for c in catalog["codes"]} == {
        -40000: "INVALID_PARAM",
        -40070: "SERVICE_QUOTA_EXCEEDED_EXCEPTION",
        -41005: "UNAUTHORIZED_APP_KEY_OR_SECRET_KEY",
        -45020: "CODE_MINUS_45020",
        0: "SUCCESS",
    }
    assert result.err.splitlines()[0] == (  # one warning for the table, naming its columns
        "operations/face.md:25:3: warning: no key column in this table (columns: resultCode, resultMessage, Description); "
        "1 key is derived from the code, as the messages are not identifiers: CODE_MINUS_45020 (line 29); "
        "expected a resultKey column that names them [W203]"
    )


@pytest.mark.parametrize(
    ("message", "key"),
    [
        ("InvalidParam", "INVALID_PARAM"),
        ("DuplicatedGroupID", "DUPLICATED_GROUP_ID"),
        ("UnauthorizedAppKeyOrSecretKey", "UNAUTHORIZED_APP_KEY_OR_SECRET_KEY"),
        ("NotFoundFaceIDError", "NOT_FOUND_FACE_ID_ERROR"),
        ("Invalid parameter.", None),
        ("잘못된 파라미터", None),
    ],
)
def test_key_from_message(message: str, key: str | None) -> None:
    assert key_from_message(message) == key


def test_fallback_keys() -> None:
    assert (fallback_key(4000001), fallback_key(-40000)) == ("CODE_4000001", "CODE_MINUS_40000")


def test_a_code_that_differs_between_tables_is_an_error_naming_both_rows() -> None:
    text = (
        "## A > B > Error Code\n\n### One\n\n| code | message |\n|---|---|\n| 1 | First |\n\n"
        "### Two\n\n| code | message |\n|---|---|\n| 1 | Other |\n"
    )
    project, diagnostics = build(("a.md", text))
    assert project is None
    assert [d.format() for d in diagnostics if d.severity == "error"] == [
        "a.md:13:3: error: code 1 is OTHER 'Other' here but FIRST 'First' at line 7; expected the same key and message [E206]"
    ]


def test_html_h1_and_a_bold_breadcrumb(errgen) -> None:
    (catalog,) = ir(errgen, "html-heading", "--locale", "ko")["catalogs"]  # a lone NAME.ko.md: ko when the project names it
    assert catalog["title"] == ["Acme", "Hub"]
    assert [(c["code"], c["success"], c["messages"]) for c in catalog["codes"]] == [
        (0, True, {"ko": "success"}),
        (400000, False, {"ko": "부분 실패"}),
    ]
