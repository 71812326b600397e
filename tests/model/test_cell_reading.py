"""What a cell says is what the model holds: keys are identifiers that Markdown may not change,
messages and descriptions keep the text as written (with a warning when the page shows less),
headers with a typo are errors that say which column was meant, and keys derived from codes
are one warning per table."""

from __future__ import annotations

import pytest

from helpers import build_project

HEADING = "## Acme > Widget > Error Code"


def page(header: str, *rows: str, heading: str = HEADING) -> str:
    """A page with one table: a header line (cells separated by |) and body lines as written."""
    cells = header.count("|") + 1
    return "\n".join([heading, "", f"| {header} |", "|" + "---|" * cells, *(f"| {row} |" for row in rows)]) + "\n"


def shown(diagnostics) -> list[str]:
    return [f"{d.path}:{d.line}:{d.col}: {d.severity}: {d.message}" for d in diagnostics]


def codes(project) -> dict[int, tuple[str, str, str]]:
    (catalog,) = project.catalogs
    return {c.code: (c.key, c.message, c.description) for c in catalog.codes}


# Keys are identifiers, not prose

CHANGED_KEYS = {
    "emphasis": "_MISSING_",
    "emphasis-dunder": "__INIT__",
    "strong": "**INVALID_PARAM**",
    "emphasis-inside": "INVALID_*TOKEN*",
    "strong-underscores": "__TOKEN__",
    "emphasis-star": "*KEY*",
    "html": "<b>KEY</b>",
    "html-inside": "KEY<wbr>NAME",
    "link": "[KEY](#key)",
    "image": "![KEY](key.png)",
    "autolink": "<https://example.com/KEY>",
    "dunder-lowercase": "__init__",
}


@pytest.mark.parametrize("written", CHANGED_KEYS.values(), ids=CHANGED_KEYS.keys())
def test_a_key_that_markdown_changes_is_an_error_showing_what_was_written(written: str, snapshot) -> None:
    project, diagnostics = build_project([("w.md", page("resultCode | resultKey | resultMessage", "0 | SUCCESS | OK", f"1 | {written} | One."))])
    assert project is None
    (problem,) = diagnostics
    assert (problem.severity, problem.line, problem.col) == ("error", 6, 7)
    assert f"'{written}'" in problem.message and "code span" in problem.message  # what was written, how to write it
    assert shown(diagnostics) == snapshot


KEPT_KEYS = {
    "`NOT_LOGGED_IN`": "NOT_LOGGED_IN",  # a code span
    "NOT\\_LOGGED\\_IN": "NOT_LOGGED_IN",  # backslash escapes, as the Gamebase page writes them
    "TRAILING_": "TRAILING_",  # an underscore Markdown cannot read as emphasis
    "A__B": "A__B",
    "KEY_1": "KEY_1",
}


@pytest.mark.parametrize(("written", "key"), KEPT_KEYS.items(), ids=KEPT_KEYS.values())
def test_code_spans_and_escapes_keep_working_in_keys(written: str, key: str) -> None:
    project, diagnostics = build_project([("w.md", page("resultCode | resultKey | resultMessage", f"1 | {written} | One."))])
    assert not diagnostics
    assert codes(project) == {1: (key, "One.", "")}


def test_a_key_written_in_a_code_span_that_is_no_identifier_says_so_as_written() -> None:
    _project, diagnostics = build_project([("w.md", page("resultCode | resultKey | resultMessage", "1 | `__init__` | One."))])
    (problem,) = diagnostics
    assert "'__init__' is not UPPER_SNAKE" in problem.message  # not 'init', which the author never wrote


# Messages keep their text, and say when Markdown ate some

MESSAGES = {
    # written in the cell: (the model's message, a warning is given)
    "Parameter <name> is required.": ("Parameter <name> is required.", True),
    "2*3*4 is not allowed.": ("2*3*4 is not allowed.", True),
    "__init__ failed.": ("__init__ failed.", True),
    "</script>": ("</script>", True),
    "A **strong** word.": ("A **strong** word.", True),
    "Tag <b>bold</b> here.": ("Tag <b>bold</b> here.", True),
    "Escaped 2\\*3\\*4 and \\<name\\>.": ("Escaped 2*3*4 and <name>.", False),
    "Entities &lt;name&gt; &amp; more.": ("Entities <name> & more.", False),
    "A code span `<name>` and `2*3`.": ("A code span <name> and 2*3.", False),
    "Two lines<br>in one cell.": ("Two lines\nin one cell.", False),
    "See [the guide](https://example.com) now.": ("See the guide now.", False),
    "snake_case_words stay.": ("snake_case_words stay.", False),
}


@pytest.mark.parametrize("written", MESSAGES, ids=range(len(MESSAGES)))
def test_a_message_keeps_its_text_as_written(written: str) -> None:
    message, warned = MESSAGES[written]
    project, diagnostics = build_project([("w.md", page("resultCode | resultKey | resultMessage", f"1 | ONE | {written}"))])
    assert project is not None, shown(diagnostics)
    assert codes(project)[1][1] == message
    assert [(d.severity, d.line, d.col) for d in diagnostics] == ([("warning", 5, 13)] if warned else [])


def test_a_warning_names_what_the_page_loses_and_how_to_escape_it(snapshot) -> None:
    rows = [f"{n} | K{n} | {written}" for n, (written, (_m, warned)) in enumerate(MESSAGES.items(), start=1) if warned]
    _project, diagnostics = build_project([("w.md", page("resultCode | resultKey | resultMessage", *rows))])
    assert all(d.severity == "warning" for d in diagnostics)
    assert shown(diagnostics) == snapshot


def test_a_description_keeps_its_text_and_warns_too(snapshot) -> None:
    text = page("resultCode | resultKey | resultMessage | Description", "1 | ONE | One. | Use <value> or 2*3*4.", "2 | TWO | Two. | Plain `<code>`.")
    project, diagnostics = build_project([("w.md", text)])
    assert codes(project) == {1: ("ONE", "One.", "Use <value> or 2*3*4."), 2: ("TWO", "Two.", "Plain <code>.")}
    assert shown(diagnostics) == snapshot


def test_a_message_cell_holding_only_html_is_not_empty() -> None:
    project, diagnostics = build_project([("w.md", page("resultCode | resultKey | resultMessage", "1 | ONE | <br>x", "2 | TWO | </script>"))])
    assert project is not None
    assert codes(project)[2][1] == "</script>"
    assert not any("empty" in d.message for d in diagnostics)


def test_the_generated_package_holds_the_message_as_written(tmp_path) -> None:
    """What an API client compares with the server's resultMessage is the author's text."""
    from helpers import generate_specs, write

    write(tmp_path / "specs/w.md", page("resultCode | resultKey | resultMessage", "0 | SUCCESS | OK", "1 | MISSING_NAME | Parameter <name> is required."))
    outcome, files = generate_specs([tmp_path / "specs"], tmp_path)
    assert outcome.failure is None, outcome.diagnostics
    module = next(data for path, data in files.items() if path.endswith("/widget.py")).decode()
    assert "Parameter <name> is required." in module


# Headers

TYPOS = {  # the typo: (the column meant, the column of the table it stands for, or None: an added one)
    "reslutKey": ("resultKey", "resultKey"),
    "resultKye": ("resultKey", "resultKey"),
    "resutlCode": ("resultCode", "resultCode"),
    "resultCod": ("resultCode", "resultCode"),
    "resultMesage": ("resultMessage", "resultMessage"),
    "errorMesage": ("errorMessage", "resultMessage"),
    "Descripton": ("description", None),
    "http_staus": ("httpStatus", None),
    "errorKeys": ("errorKey", "resultKey"),
}


@pytest.mark.parametrize(("typo", "meant", "instead"), [(t, *m) for t, m in TYPOS.items()], ids=TYPOS.keys())
def test_a_header_close_to_a_column_is_an_error_with_did_you_mean(typo: str, meant: str, instead: str | None) -> None:
    columns = ["resultCode", "resultKey", "resultMessage"]
    header = [typo if c == instead else c for c in columns] if instead else [*columns, typo]
    rows = ["1 | ONE | One." + (" | x" if len(header) == 4 else "")]
    project, diagnostics = build_project([("w.md", page(" | ".join(header), *rows))])
    assert project is None
    problems = [d for d in diagnostics if d.severity == "error"]
    assert len(problems) == 1 and problems[0].line == 3, shown(diagnostics)
    assert f"did you mean '{meant}'?" in problems[0].message
    assert problems[0].col == 3 + sum(len(h) + 3 for h in header[: header.index(typo)])
    assert not any("derived" in d.message for d in diagnostics)  # no key is derived from a column that was meant


@pytest.mark.parametrize("header", ["RESULT_CODE | Result Key | result_message", "Result-Code | result.key | RESULT-MESSAGE"])
def test_headers_that_differ_in_case_and_separators_are_the_columns(header: str) -> None:
    project, diagnostics = build_project([("w.md", page(header, "1 | ONE | One."))])
    assert not diagnostics
    assert codes(project) == {1: ("ONE", "One.", "")}


def test_other_tables_and_extra_columns_are_left_alone() -> None:
    """A typo only counts in an error table, and only for a column the table lacks."""
    text = page("resultCode | resultKey | resultMessage | Note | Messages", "1 | ONE | One. | n | m")
    text += "\n| Name | Type | Descripton |\n|---|---|---|\n| a | string | The name. |\n"
    project, diagnostics = build_project([("w.md", text)])
    assert not diagnostics
    (code,) = project.catalogs[0].codes
    assert code.extra == (("Note", "n"), ("Messages", "m"))


def test_the_misspelled_table_of_a_page_is_the_only_error(snapshot) -> None:
    text = page("resultCode | reslutKey | resultMessage", "-1 | FailError | Fail", "1 | ONE | One.")
    _project, diagnostics = build_project([("w.md", text)])
    assert shown(diagnostics) == snapshot


def test_keys_derived_from_codes_are_one_warning_for_the_table(snapshot) -> None:
    text = page("resultCode | resultMessage", "0 | SUCCESS", "-1 | Failed to read.", "2 | Not found.", "3 | DuplicatedName", "4 | Too many.", "5 | Gone.")
    project, diagnostics = build_project([("w.md", text)])
    assert {c.code: c.key for c in project.catalogs[0].codes} == {
        0: "SUCCESS", -1: "CODE_MINUS_1", 2: "CODE_2", 3: "DUPLICATED_NAME", 4: "CODE_4", 5: "CODE_5",
    }
    (notice,) = diagnostics
    assert (notice.severity, notice.line) == ("warning", 3)
    assert "resultCode, resultMessage" in notice.message and "4 keys" in notice.message
    assert shown(diagnostics) == snapshot
