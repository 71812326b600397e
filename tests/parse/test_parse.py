"""Parse stage: tables and headings with their source positions, cell text as readers see it."""

from __future__ import annotations

import pytest

from generator.parse import Heading, Table, decode, parse_page

PAGE = """# Title

## Acme > Widget > Error Code

Some text.

| resultCode | resultKey | resultMessage |
|---|:---|---:|
| 0 | SUCCESS | OK |
| 1 | `CODE_SPAN` | a \\| b &amp; c &lt;/script&gt; <br> **bold** [link](http://x) |

```
| resultCode | resultKey | resultMessage |
|---|---|---|
| 9 | IN_FENCE | not a table |
```
"""


def tables(text: str) -> list[Table]:
    return [b for b in parse_page("p.md", text).blocks if isinstance(b, Table)]


def test_rows_carry_their_source_lines_and_columns() -> None:
    (table,) = tables(PAGE)
    assert table.line == 7
    assert [row.line for row in table.rows] == [9, 10]
    assert [cell.col for cell in table.rows[0].cells] == [3, 7, 17]
    assert [cell.text for cell in table.header.cells] == ["resultCode", "resultKey", "resultMessage"]


def test_cell_text_is_plain_text() -> None:
    (table,) = tables(PAGE)
    assert table.rows[1].cells[1].text == "CODE_SPAN"
    # as written: emphasis delimiters and inline HTML kept; as the page shows it: both gone
    assert table.rows[1].cells[2].text == "a | b & c </script> \n **bold** link"
    assert table.rows[1].cells[2].shown == "a | b & c </script> \n bold link"


def test_tables_in_fenced_code_are_not_tables() -> None:
    assert len(tables(PAGE)) == 1


def test_headings_are_kept_with_lines() -> None:
    headings = [b for b in parse_page("p.md", PAGE).blocks if isinstance(b, Heading)]
    assert [(h.level, h.text, h.line) for h in headings] == [
        (1, "Title", 1),
        (2, "Acme > Widget > Error Code", 3),
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("final", [True, False])
def test_line_endings_and_missing_final_newline(newline: str, final: bool) -> None:
    text = PAGE.replace("\n", newline)
    if not final:
        text = text.rstrip(newline)
    (table,) = tables(text)
    assert [row.line for row in table.rows] == [9, 10]
    assert table.rows[1].cells[0].text == "1"


def test_bom_is_dropped() -> None:
    text, problems = decode("p.md", "\ufeff".encode() + PAGE.encode())
    assert problems == [] and text == PAGE


@pytest.mark.parametrize(
    ("row", "count"), [("| 2 | TWO | two | extra |", 4), ("| 2 | TWO |", 2)]
)
def test_a_row_with_another_cell_count_keeps_the_table(row: str, count: int) -> None:
    text = "| resultCode | resultKey | resultMessage |\n|---|---|---|\n| 1 | ONE | one |\n" + row + "\n"
    (table,) = tables(text)
    assert table.malformed
    assert [len(r.cells) for r in table.rows] == [3, count]
    assert table.rows[1].line == 4


def test_decode_reports_invalid_utf8_position() -> None:
    text, problems = decode("p.md", b"ok\nab\xff")
    assert text is None
    assert problems[0].format().startswith("p.md:2:3: error: invalid UTF-8")
