"""Deprecated codes: a deprecated column (with its synonyms and cell values) or a description
that starts by saying so marks a code; anything else in the column is an error at its cell."""

from __future__ import annotations

import pytest

from helpers import build_project

HEADING = "## Acme > Widget > Error Code\n\n"


def page(header: str, *rows: str) -> str:
    columns = header.count("|") - 1
    return HEADING + header + "\n" + "|---" * columns + "|\n" + "\n".join(rows) + "\n"


def deprecated_keys(text: str) -> dict[str, str]:
    project, diagnostics = build_project([("specs/widget.md", text)])
    assert project is not None, [d.format() for d in diagnostics]
    (catalog,) = project.catalogs
    assert [c.key for c in catalog.deprecated_codes] == [c.key for c in catalog.codes if c.deprecated]
    return {c.key: c.deprecation for c in catalog.codes if c.deprecated}


@pytest.mark.parametrize("header", ["deprecated", "Deprecated", "Deprecation", "isDeprecated", "사용 중단", "지원 중단", "非推奨"])
@pytest.mark.parametrize("flag", ["yes", "Y", "true", "TRUE", "deprecated", "✓", "✔", "예", "はい"])
def test_a_deprecated_column_marks_the_codes_it_flags(header: str, flag: str) -> None:
    text = page(
        f"| resultCode | resultKey | resultMessage | {header} |",
        "| 0 | SUCCESS | OK | |",
        f"| 4000001 | OLD_PARAMETER | Old parameter. | {flag} |",
        "| 4000002 | NEW_PARAMETER | New parameter. | no |",
        "| 4000003 | OTHER | Other. | - |",
        "| 4000004 | KEPT | Kept. | false |",
    )
    assert deprecated_keys(text) == {"OLD_PARAMETER": "Deprecated."}


def test_the_description_of_a_flagged_code_is_its_deprecation_note() -> None:
    text = page(
        "| resultCode | resultKey | resultMessage | description | deprecated |",
        "| 4000001 | OLD_PARAMETER | Old parameter. | Use NEW_PARAMETER instead. | yes |",
        "| 4000002 | NEW_PARAMETER | New parameter. | | |",
    )
    assert deprecated_keys(text) == {"OLD_PARAMETER": "Deprecated. Use NEW_PARAMETER instead."}


@pytest.mark.parametrize(
    "description",
    [
        "Deprecated: use NEW_PARAMETER.",
        "Deprecated. Use NEW_PARAMETER.",
        "deprecated - use NEW_PARAMETER",
        "Deprecated — use NEW_PARAMETER",
        "**Deprecated** use NEW_PARAMETER",
        "__Deprecated__ use NEW_PARAMETER",
        "*Deprecated.* Use NEW_PARAMETER",
        "[Deprecated] use NEW_PARAMETER",
        "(deprecated) use NEW_PARAMETER",
        "Deprecated",
        "사용 중단: NEW_PARAMETER를 쓰세요",
        "非推奨。NEW_PARAMETER を使ってください",
    ],
)
def test_a_description_that_starts_by_saying_so_marks_the_code(description: str) -> None:
    text = page(
        "| resultCode | resultKey | resultMessage | description |",
        f"| 4000001 | OLD_PARAMETER | Old parameter. | {description} |",
        "| 4000002 | NEW_PARAMETER | New parameter. | The parameter. |",
    )
    assert deprecated_keys(text) == {"OLD_PARAMETER": description}


@pytest.mark.parametrize(
    "description",
    ["Deprecated API called", "Deprecatedness is unknown", "The deprecated field was sent.", "Not deprecated: use it."],
)
def test_a_description_that_speaks_of_deprecation_otherwise_marks_nothing(description: str) -> None:
    text = page(
        "| resultCode | resultKey | resultMessage | description |",
        f"| 4000001 | DEPRECATED_API | A deprecated API was called. | {description} |",
    )
    assert deprecated_keys(text) == {}


def test_a_message_that_starts_with_deprecated_marks_nothing() -> None:
    """The message is what the server sends: `Deprecated: ...` there describes the error."""
    text = page("| resultCode | resultKey | resultMessage |", "| 4000001 | OLD_CALL | Deprecated: this call is gone. |")
    assert deprecated_keys(text) == {}


@pytest.mark.parametrize("flag", ["soon", "x", "o"])  # x and o: a tick, or Korean tables' no and yes
def test_another_value_in_the_column_is_an_error_at_its_cell(flag: str) -> None:
    text = page(
        "| resultCode | resultKey | resultMessage | deprecated |",
        f"| 4000001 | OLD_PARAMETER | Old parameter. | {flag} |",
    )
    project, diagnostics = build_project([("specs/widget.md", text)])
    assert project is None
    assert [d.format() for d in diagnostics] == [
        f"specs/widget.md:5:46: error: deprecated '{flag}' is not yes or no; expected yes, true, deprecated, ✓, no, false, - or an empty cell [E205]"
    ]


def test_the_ir_lists_deprecated_codes(errgen, tmp_path) -> None:
    import json

    (tmp_path / "specs").mkdir()
    (tmp_path / "specs/widget.md").write_text(
        page("| resultCode | resultKey | resultMessage | deprecated |", "| 4000001 | OLD | Old. | yes |", "| 4000002 | NEW | New. | |"),
        encoding="utf-8",
    )
    result = errgen("ir", cwd=tmp_path)
    assert result.code == 0, result.err
    codes = json.loads(result.out)["catalogs"][0]["codes"]
    assert [c.get("deprecated", False) for c in codes] == [True, False]
