"""A message's placeholders: which braces errgen reads ({}, {0}, {name}; {{ and }} as braces),
what it keeps as text with a warning, what it refuses, and translations that must take the
same placeholders as the default locale's message (an error in both files)."""

from __future__ import annotations

import json

import pytest

from generator.model.placeholders import Placeholder, placeholders, scan

from helpers import CORPUS, FIXTURES, build_project, table

NO_CORPUS = "../shared/corpus is absent (a user's checkout has no shared corpus)"


def names(message: str) -> list[tuple[str, bool]]:
    return [(p.name, p.named) for p in placeholders(message)]


def test_automatic_placeholders_are_numbered_in_order() -> None:
    assert names("Maximum permitted size is {} bytes. But, requested {} bytes.") == [("0", False), ("1", False)]


def test_numbered_placeholders_are_listed_once_in_order_of_first_appearance() -> None:
    assert names("Field {1} of {0} is missing; {1} is required.") == [("1", False), ("0", False)]


def test_named_and_numbered_placeholders_mix() -> None:
    assert placeholders("Value {0} of {field} is invalid.") == (Placeholder("0", False), Placeholder("field", True))


def test_doubled_braces_are_braces_not_placeholders() -> None:
    assert names('Send {{"id": {id}}} as the body.') == [("id", True)]
    assert names("{{0}} and {{}}") == []
    assert scan("{{0}} and {{}}").kept == ()


@pytest.mark.parametrize(
    ("message", "kept", "why"),
    [
        ("Code {0:>5} is padded.", "{0:>5}", "format spec or conversion"),
        ("The {0!r}.", "{0!r}", "format spec or conversion"),
        ("Bad Request ({error detail message})", "{error detail message}", "not a name"),
        ("The {user.name}.", "{user.name}", "attribute or index"),
        ("The {class}.", "{class}", "Python keyword"),
        ("The {self}.", "{self}", "Python keyword or a name the formatter takes"),
        ("The {_private}.", "{_private}", "not a name"),
        ("The {100}th.", "{100}", "above 99"),
        ("The {01}.", "{01}", "leading zero"),
        ("A stray } here.", "}", "single brace"),
    ],
)
def test_braces_that_are_no_placeholder_are_kept_as_text_and_say_why(message: str, kept: str, why: str) -> None:
    found = scan(message)
    assert found.placeholders == ()
    ((text, reason),) = found.kept
    assert text == kept and why in reason


def test_mixing_automatic_and_numbered_placeholders_is_found() -> None:
    assert scan("Value {} of {0}.").mixed == ("{}", "{0}")
    assert scan("Value {} of {name}.").mixed is None


def test_the_model_and_ir_list_each_codes_placeholders(errgen, fixture_dir) -> None:
    result = errgen("ir", "placeholders/agree", cwd=fixture_dir)
    assert result.code == 0, result.err
    assert "E304" not in result.err and "W209" not in result.err
    (catalog,) = json.loads(result.out)["catalogs"]
    by_key = {code["key"]: code.get("placeholders", []) for code in catalog["codes"]}
    assert by_key == {
        "SUCCESS": [],
        "FILE_TOO_LARGE": [{"name": "0", "named": False}, {"name": "1", "named": False}],
        "MISSING_FIELD": [{"name": "1", "named": False}, {"name": "0", "named": False}],
        "BAD_VALUE": [{"name": "0", "named": False}, {"name": "field", "named": True}],
        "LITERAL_BRACES": [{"name": "id", "named": True}],
        "INVALID_PARAMETER": [],
        "INVALID_DATE": [{"name": "0", "named": False}, {"name": "1", "named": False}],
        "TEMPLATE_NOT_FOUND": [{"name": "templateId", "named": True}, {"name": "project", "named": True}],
    }


def test_translations_that_differ_are_an_error_in_both_files_naming_the_other(errgen, fixture_dir) -> None:
    result = errgen("ir", "placeholders/disagree", cwd=fixture_dir)
    assert result.code == 1
    en, ko = "placeholders/disagree/messages.md", "placeholders/disagree/messages.ko.md"
    expected = "expected the same placeholders in every locale (in any order) [E304]"
    assert sorted(line for line in result.err.splitlines() if line.endswith("[E304]")) == sorted([
        f"{ko}:5:37: error: message of code 4000001 has placeholders {{0}}, {{1}} (ko) but {en}:5:37 (en) has {{0}}; {expected}",
        f"{en}:5:37: error: message of code 4000001 has placeholders {{0}} (en) but {ko}:5:37 (ko) has {{0}}, {{1}}; {expected}",
        f"{ko}:6:37: error: message of code 4000002 has placeholders {{field}} (ko) but {en}:6:37 (en) has {{name}}; {expected}",
        f"{en}:6:37: error: message of code 4000002 has placeholders {{name}} (en) but {ko}:6:37 (ko) has {{field}}; {expected}",
    ])
    assert "4040001" not in result.err  # the same named placeholder in both


def test_named_placeholders_may_change_order_and_numbered_ones_be_numbered_otherwise() -> None:
    project, diagnostics = build_project([
        ("widget.md", table((4000001, "A", "Between {} and {}, not {name} or {other}."))),
        ("widget.ko.md", table((4000001, "A", "{other}도 {name}도 아닌 {1}과 {0} 사이."), heading="## Acme > Widget > 오류 코드")),
    ])
    assert [d for d in diagnostics if d.severity == "error"] == []
    (code,) = project.catalogs[0].codes
    assert [p.name for p in code.placeholders] == ["0", "1", "name", "other"]


def test_a_translation_that_drops_a_placeholder_is_an_error() -> None:
    _project, diagnostics = build_project([
        ("widget.md", table((4000001, "A", "Between {0} and {1}."))),
        ("widget.ko.md", table((4000001, "A", "{0} 이후."), heading="## Acme > Widget > 오류 코드")),
    ])
    assert sorted((d.path, d.code) for d in diagnostics if d.severity == "error") == [("widget.ko.md", "E304"), ("widget.md", "E304")]


def test_unread_braces_are_warnings_at_the_cell_and_mixing_is_an_error(errgen, fixture_dir) -> None:
    result = errgen("ir", "placeholders/unread", cwd=fixture_dir)
    assert result.code == 1
    path = "placeholders/unread/messages.md"
    lines = result.err.splitlines()
    assert lines[0] == (
        f"{path}:9:34: error: resultMessage 'Value {{}} of {{0}}.' mixes automatic {{}} and numbered {{0}} placeholders, "
        "which str.format refuses; expected only {} or only numbered ones ({0}, {1}, ...) [E209]"
    )
    assert lines[1] == (
        f"{path}:5:34: warning: resultMessage 'Code {{0:>5}} is padded.' holds '{{0:>5}}', which is not a placeholder: "
        "a format spec or conversion (':' or '!'), which errgen does not read; it is kept as text; "
        "expected {}, {0} or {name} for a placeholder, {{ and }} for a brace [W209]"
    )
    assert [line.split(": ", 1)[0] for line in lines[2:5]] == [f"{path}:6:34", f"{path}:7:34", f"{path}:8:34"]
    assert "(and 1 more)" in lines[3] and "(and 1 more)" in lines[4]


def test_kept_braces_leave_the_other_placeholders_read() -> None:
    project, diagnostics = build_project([("widget.md", table((4000001, "A", "The {class} of {name}.")))])
    assert [d.code for d in diagnostics] == ["W209"]
    assert project.catalogs[0].codes[0].placeholders == (Placeholder("name", True),)


@pytest.mark.skipif(not CORPUS.is_dir(), reason=NO_CORPUS)
@pytest.mark.parametrize(
    ("page", "code", "expected"),
    [
        ("certificate-manager-api-guide-v1.3.ko.EXCERPT-L198-212.md", 52008, ["0", "1"]),
        ("email-error-code.en.md", -2046, ["0", "1", "2"]),
        ("email-error-code.en.md", -2004, ["0"]),
    ],
)
def test_the_corpus_pages_with_automatic_placeholders(page: str, code: int, expected: list[str]) -> None:
    project, diagnostics = build_project([(page, (CORPUS / page).read_text(encoding="utf-8"))], locales=("ko",))
    assert not [d for d in diagnostics if d.code in ("E209", "W209")]
    (found,) = [c for catalog in project.catalogs for c in catalog.codes if c.code == code]
    assert [p.name for p in found.placeholders] == expected
    assert not any(p.named for p in found.placeholders)


def test_the_fixtures_hold_every_syntax() -> None:
    text = (FIXTURES / "placeholders" / "agree" / "messages.md").read_text(encoding="utf-8")
    assert all(syntax in text for syntax in ("{}", "{0}", "{field}", "{{", "}}"))
