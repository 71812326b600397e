"""Every table a reader sees: Markdown tables in list items and block quotes, and HTML
`<table>` blocks, read with their cells' real page positions; tables in code blocks and HTML
comments are not read. Then the same tables as the model reads them into a catalog, and the
diagnostics of their bad cells, positioned at the page's line and column."""

from __future__ import annotations

import pytest

from generator.parse import Table, parse_page

from helpers import build_project

HEADING = "## Acme > Widget > Error Code\n\n"


def tables(text: str) -> list[Table]:
    return [b for b in parse_page("p.md", text).blocks if isinstance(b, Table)]


def layout(table: Table) -> list[tuple[int, list[tuple[str, int, int]]]]:
    """Each row (the header first) as its line and its cells' (text, line, col)."""
    return [(row.line, [(c.text, c.line, c.col) for c in row.cells]) for row in (table.header, *table.rows)]


def assert_cells_point_at_their_text(page: str, table: Table) -> None:
    """Independently of the expected numbers: the page holds each cell's text at its line:col."""
    lines = page.replace("\r\n", "\n").split("\n")
    for row in (table.header, *table.rows):
        for cell in row.cells:
            assert lines[cell.line - 1][cell.col - 1 :].startswith(cell.text), (cell, lines[cell.line - 1])


def formatted(diagnostics) -> list[str]:
    return [f"{d.path}:{d.line}:{d.col}: {d.severity}: {d.message}" for d in diagnostics]


# Markdown tables in containers

TWO_SPACES = [  # a table whose cells start 4 characters into each line ("  | " or "> | ")
    ("code", 5),
    ("message", 12),
], [("1", 5), ("One", 9)], [("22", 5), ("Two", 10)]


def expected(lines: tuple[int, int, int], shift: int) -> list[tuple[int, list[tuple[str, int, int]]]]:
    """The rows of `| code | message |`, `| 1 | One |`, `| 22 | Two |` on these lines, every
    cell `shift` columns to the right of where it stands after a 2-character prefix."""
    return [
        (line, [(text, line, col + shift) for text, col in row]) for line, row in zip(lines, TWO_SPACES)
    ]


NESTED = {
    "bullet list item": (
        "- intro:\n\n  | code | message |\n  |---|---|\n  | 1 | One |\n  | 22 | Two |\n",
        expected((3, 5, 6), 0),
    ),
    "ordered list item": (
        "1. intro:\n\n   | code | message |\n   |---|---|\n   | 1 | One |\n   | 22 | Two |\n",
        expected((3, 5, 6), 1),
    ),
    "block quote": (
        "> | code | message |\n> |---|---|\n> | 1 | One |\n> | 22 | Two |\n",
        expected((1, 3, 4), 0),
    ),
    "block quote in a list item": (
        "- intro:\n\n  > | code | message |\n  > |---|---|\n  > | 1 | One |\n  > | 22 | Two |\n",
        expected((3, 5, 6), 2),
    ),
    "list in a block quote": (
        "> - intro:\n>\n>   | code | message |\n>   |---|---|\n>   | 1 | One |\n>   | 22 | Two |\n",
        expected((3, 5, 6), 2),
    ),
    "list item after a paragraph": (
        "- First, a paragraph\n  that runs on.\n\n  | code | message |\n  |---|---|\n  | 1 | One |\n  | 22 | Two |\n",
        expected((4, 6, 7), 0),
    ),
    "second item of an ordered list, below a heading": (
        "# Codes\n\n1. first\n2. intro:\n\n   | code | message |\n   |---|---|\n   | 1 | One |\n   | 22 | Two |\n",
        expected((6, 8, 9), 1),
    ),
}


@pytest.mark.parametrize(("page", "rows"), NESTED.values(), ids=NESTED.keys())
def test_a_nested_table_keeps_the_page_position_of_every_cell(page: str, rows) -> None:
    (table,) = tables(page)
    assert not table.html and not table.malformed
    assert layout(table) == rows
    assert table.line == rows[0][0]
    assert_cells_point_at_their_text(page, table)


def test_crlf_line_endings_give_the_same_positions() -> None:
    page, rows = NESTED["block quote in a list item"]
    (table,) = tables(page.replace("\n", "\r\n"))
    assert layout(table) == rows
    assert table.rows[-1].cells[-1].text == "Two"  # no CR left at the end of a row


def test_two_tables_in_one_block_quote() -> None:
    page = (
        "> | code | message |\n> |---|---|\n> | 1 | One |\n>\n"
        "> Between them.\n>\n"
        ">  | code | message |\n> |---|---|\n> | 22 | Two |\n"
    )
    first, second = tables(page)
    assert layout(first) == [(1, [("code", 1, 5), ("message", 1, 12)]), (3, [("1", 3, 5), ("One", 3, 9)])]
    # the second header is indented one more space than its rows
    assert layout(second) == [(7, [("code", 7, 6), ("message", 7, 13)]), (9, [("22", 9, 5), ("Two", 9, 10)])]
    for table in (first, second):
        assert_cells_point_at_their_text(page, table)


def test_the_same_table_in_two_list_items_is_two_tables_at_their_own_lines() -> None:
    item = "  | code | message |\n  |---|---|\n  | 1 | One |\n"
    page = "- one\n\n" + item + "- two\n\n" + item
    first, second = tables(page)
    assert [first.line, second.line] == [3, 8]
    assert [row.line for row in second.rows] == [10]
    assert_cells_point_at_their_text(page, second)


def test_a_table_after_a_fenced_copy_of_it_in_the_same_list_item() -> None:
    body = "  | code | message |\n  |---|---|\n  | 1 | One |\n"
    page = "- Example:\n\n  ```\n" + body + "  ```\n\n  The real one:\n\n" + body
    (table,) = tables(page)  # the fenced copy is not a table ...
    assert table.line == 11  # ... and the table is at lines 11-13, not at the copy's 4-6
    assert [row.line for row in table.rows] == [13]


@pytest.mark.parametrize(
    "page",
    [
        "```\n| code | message |\n|---|---|\n| 1 | One |\n```\n",
        "~~~markdown\n| code | message |\n|---|---|\n| 1 | One |\n~~~\n",
        "    | code | message |\n    |---|---|\n    | 1 | One |\n",  # an indented code block
        "- x\n\n  ```\n  | code | message |\n  |---|---|\n  | 1 | One |\n  ```\n",
        "> ```\n> | code | message |\n> |---|---|\n> | 1 | One |\n> ```\n",
        "```html\n<table>\n<tr><th>code</th></tr>\n\n<tr><td>1</td></tr>\n</table>\n```\n",
        "<!--\n| code | message |\n|---|---|\n| 1 | One |\n-->\n",
        "<!--\n\n| code | message |\n|---|---|\n| 1 | One |\n\n-->\n",  # blank lines inside the comment
        "<!-- <table><tr><th>code</th></tr><tr><td>1</td></tr></table> -->\n",
        "<!--\n<table>\n<tr><th>code</th></tr>\n\n<tr><td>1</td></tr>\n</table>\n-->\n",
        "- x\n\n  <!--\n  | code | message |\n  |---|---|\n  | 1 | One |\n  -->\n",
    ],
    ids=[
        "backtick fence",
        "tilde fence",
        "indented code",
        "fence in a list item",
        "fence in a block quote",
        "HTML in a fence",
        "comment",
        "comment with blank lines",
        "HTML table in a one-line comment",
        "HTML table in a comment",
        "comment in a list item",
    ],
)
def test_tables_in_code_blocks_and_comments_are_not_read(page: str) -> None:
    assert tables(page) == []
    # while the same table outside them is read
    assert len(tables(page + "\n| code | message |\n|---|---|\n| 2 | Two |\n")) == 1


# HTML tables


def test_an_html_table_with_thead_and_tbody() -> None:
    page = (
        "<table>\n<thead>\n<tr><th>code</th><th>message</th></tr>\n</thead>\n"
        "<tbody>\n<tr><td>1</td><td>One</td></tr>\n<tr><td>22</td><td>Two</td></tr>\n</tbody>\n</table>\n"
    )
    (table,) = tables(page)
    assert table.html
    assert layout(table) == [
        (3, [("code", 3, 9), ("message", 3, 22)]),
        (6, [("1", 6, 9), ("One", 6, 19)]),
        (7, [("22", 7, 9), ("Two", 7, 20)]),
    ]
    assert_cells_point_at_their_text(page, table)


def test_an_html_table_without_th_takes_its_first_row_as_the_header() -> None:
    page = "<table>\n<tr><td>code</td><td>message</td></tr>\n<tr><td>1</td><td>One</td></tr>\n</table>\n"
    (table,) = tables(page)
    assert [c.text for c in table.header.cells] == ["code", "message"]
    assert layout(table)[1:] == [(3, [("1", 3, 9), ("One", 3, 19)])]


def test_blank_lines_inside_an_html_table_do_not_end_it() -> None:
    # CommonMark ends the HTML block at the first blank line; a browser shows every row
    page = (
        "<table>\n<tr><th>code</th><th>message</th></tr>\n\n"
        "<tr><td>1</td><td>One</td></tr>\n\n\n<tr><td>22</td><td>Two</td></tr>\n</table>\n\n"
        "| after | table |\n|---|---|\n| x | y |\n"
    )
    html, after = tables(page)
    assert layout(html) == [
        (2, [("code", 2, 9), ("message", 2, 22)]),
        (4, [("1", 4, 9), ("One", 4, 19)]),
        (7, [("22", 7, 9), ("Two", 7, 20)]),
    ]
    # the Markdown table after </table> is read as a table of its own, at its lines
    assert (after.html, after.line, [c.text for c in after.header.cells]) == (False, 10, ["after", "table"])
    # and with CRLF line endings the same
    assert [layout(t) for t in tables(page.replace("\n", "\r\n"))] == [layout(html), layout(after)]


def test_html_entities_are_decoded() -> None:
    page = (
        "<table>\n<tr><th>code</th><th>message</th></tr>\n"
        "<tr><td>1</td><td>a &amp; b: &lt;name&gt; &#x41;&#66;&copy;</td></tr>\n</table>\n"
    )
    (table,) = tables(page)
    cell = table.rows[0].cells[1]
    assert (cell.text, cell.shown) == ("a & b: <name> AB©", "a & b: <name> AB©")
    assert (cell.line, cell.col) == (3, 19)


@pytest.mark.parametrize("br", ["<br>", "<br/>", "<br />", "<BR>", "<br>\n"])
def test_br_in_an_html_cell_is_a_line_break(br: str) -> None:
    page = f"<table>\n<tr><th>code</th><th>message</th></tr>\n<tr><td>1</td><td>one{br}two</td></tr>\n</table>\n"
    (table,) = tables(page)
    assert table.rows[0].cells[1].text == "one\ntwo"


def test_a_line_break_of_the_source_in_an_html_cell_is_a_space() -> None:
    page = "<table>\n<tr><th>code</th><th>message</th></tr>\n<tr><td>1</td><td>one\n   two</td></tr>\n</table>\n"
    (table,) = tables(page)
    assert table.rows[0].cells[1].text == "one two"


def test_inline_tags_in_an_html_cell_give_their_text() -> None:
    page = (
        "<table>\n<tr><th>code</th><th>message</th></tr>\n"
        '<tr><td><code>7</code></td><td>use <code>a_b</code>, <b>not</b> <i>this</i>: <a href="http://x/?a=1&amp;b=2">docs</a></td></tr>\n'
        "</table>\n"
    )
    (table,) = tables(page)
    code, message = table.rows[0].cells
    assert (code.text, message.text) == ("7", "use a_b, not this: docs")
    assert (code.line, code.col) == (3, 9)  # at <code>: the first character of the cell's content


def test_attributes_on_table_tr_and_cells() -> None:
    page = (
        '<table class="errors" border="1">\n'
        '<tr class="head"><th align="left">code</th><th>message</th></tr>\n'
        '<tr><td style="color: red">1</td><td class="m">One</td></tr>\n</table>\n'
    )
    (table,) = tables(page)
    assert layout(table) == [
        (2, [("code", 2, 35), ("message", 2, 48)]),
        (3, [("1", 3, 28), ("One", 3, 48)]),
    ]
    assert_cells_point_at_their_text(page, table)


def test_upper_case_tags() -> None:
    page = "<TABLE>\n<TR><TH>code</TH><TH>message</TH></TR>\n<TR><TD>1</TD><TD>One<BR/>Two</TD></TR>\n</TABLE>\n"
    (table,) = tables(page)
    assert table.html
    assert layout(table) == [(2, [("code", 2, 9), ("message", 2, 22)]), (3, [("1", 3, 9), ("One\nTwo", 3, 19)])]


@pytest.mark.parametrize("indent", ["", " ", "  ", "   "])
def test_an_html_table_indented_up_to_3_spaces(indent: str) -> None:
    page = "".join(
        indent + line + "\n"
        for line in ["<table>", "<tr><th>code</th><th>message</th></tr>", "", "<tr><td>1</td><td>One</td></tr>", "</table>"]
    ).replace(indent + "\n", "\n")
    (table,) = tables(page)
    shift = len(indent)
    assert layout(table) == [
        (2, [("code", 2, 9 + shift), ("message", 2, 22 + shift)]),
        (4, [("1", 4, 9 + shift), ("One", 4, 19 + shift)]),
    ]


def test_an_html_table_indented_4_spaces_is_code() -> None:
    page = "    <table>\n    <tr><th>code</th><th>message</th></tr>\n    <tr><td>1</td><td>One</td></tr>\n    </table>\n"
    assert tables(page) == []


def test_an_html_table_on_one_line() -> None:
    page = "<table><tr><th>code</th><th>message</th></tr><tr><td>1</td><td>One</td></tr></table>\n"
    (table,) = tables(page)
    assert layout(table) == [(1, [("code", 1, 16), ("message", 1, 29)]), (1, [("1", 1, 54), ("One", 1, 64)])]
    assert_cells_point_at_their_text(page, table)


def test_an_html_table_of_one_cell_per_line() -> None:
    page = (
        "<table>\n  <tr>\n    <th>code</th>\n    <th>message</th>\n  </tr>\n"
        "  <tr>\n    <td>1</td>\n    <td>One</td>\n  </tr>\n</table>\n"
    )
    (table,) = tables(page)
    # a row is at its <tr>, each cell at its own line
    assert layout(table) == [(2, [("code", 3, 9), ("message", 4, 9)]), (6, [("1", 7, 9), ("One", 8, 9)])]
    assert_cells_point_at_their_text(page, table)


def test_a_comment_inside_an_html_table_hides_its_row() -> None:
    page = "<table>\n<tr><th>code</th></tr>\n<!-- <tr><td>9</td></tr> -->\n<tr><td>1</td></tr>\n</table>\n"
    (table,) = tables(page)
    assert [[c.text for c in row.cells] for row in table.rows] == [["1"]]


@pytest.mark.parametrize(
    ("cell", "line", "col"),
    [("<td> 4x </td>", 3, 22), ("<td>\n      4x\n    </td>", 4, 7)],  # after <tr><td>One</td><td> and a space
    ids=["leading space", "content on the next line"],
)
def test_an_html_cell_with_white_space_before_its_text(cell: str, line: int, col: int) -> None:
    page = f"<table>\n<tr><th>message</th><th>code</th></tr>\n<tr><td>One</td>{cell}</tr>\n</table>\n"
    (table,) = tables(page)
    got = table.rows[0].cells[1]
    assert got.text == "4x"
    assert (got.line, got.col) == (line, col)


@pytest.mark.parametrize(
    "page",
    [
        "- intro:\n\n  <table>\n  <tr><th>code</th><th>message</th></tr>\n  <tr><td>1</td><td>One</td></tr>\n  </table>\n",
        "> <table>\n> <tr><th>code</th><th>message</th></tr>\n> <tr><td>1</td><td>One</td></tr>\n> </table>\n",
    ],
    ids=["list item", "block quote"],
)
def test_an_html_table_in_a_container(page: str) -> None:
    (table,) = tables(page)
    assert [c.text for c in table.rows[0].cells] == ["1", "One"]


def test_an_html_table_wrapped_in_a_div() -> None:
    page = '<div class="scroll">\n<table>\n<tr><th>code</th><th>message</th></tr>\n<tr><td>1</td><td>One</td></tr>\n</table>\n</div>\n'
    (table,) = tables(page)
    assert [c.text for c in table.rows[0].cells] == ["1", "One"]


# The model: nested and HTML tables read into the catalog


ERROR_TABLE = {
    "list item": (
        "- The codes:\n\n"
        "  | resultCode | resultKey | resultMessage |\n  |---|---|---|\n"
        "  | 0 | SUCCESS | OK |\n  | 4000001 | INVALID_PARAMETER | Invalid &lt;name&gt;. |\n",
        [7, 8],
    ),
    "block quote": (
        "> | resultCode | resultKey | resultMessage |\n> |---|---|---|\n"
        "> | 0 | SUCCESS | OK |\n> | 4000001 | INVALID_PARAMETER | Invalid &lt;name&gt;. |\n",
        [5, 6],
    ),
    "list in a block quote": (
        "> 1. The codes:\n>\n"
        ">    | resultCode | resultKey | resultMessage |\n>    |---|---|---|\n"
        ">    | 0 | SUCCESS | OK |\n>    | 4000001 | INVALID_PARAMETER | Invalid &lt;name&gt;. |\n",
        [7, 8],
    ),
    "HTML table": (
        "<table>\n<thead>\n<tr><th>resultCode</th><th>resultKey</th><th>resultMessage</th></tr>\n</thead>\n\n"
        "<tbody>\n<tr><td>0</td><td>SUCCESS</td><td>OK</td></tr>\n\n"
        "<tr><td>4000001</td><td><code>INVALID_PARAMETER</code></td><td>Invalid &lt;name&gt;.</td></tr>\n"
        "</tbody>\n</table>\n",
        [9, 11],
    ),
}


@pytest.mark.parametrize(("body", "lines"), ERROR_TABLE.values(), ids=ERROR_TABLE.keys())
def test_a_nested_or_html_table_is_read_into_the_catalog(body: str, lines: list[int]) -> None:
    project, diagnostics = build_project([("widget.md", HEADING + body)])
    assert formatted(diagnostics) == []
    (catalog,) = project.catalogs
    assert (catalog.id, catalog.title) == ("widget", ("Acme", "Widget"))
    assert [(c.code, c.key, c.message, c.line) for c in catalog.codes] == [
        (0, "SUCCESS", "OK", lines[0]),
        (4000001, "INVALID_PARAMETER", "Invalid <name>.", lines[1]),
    ]


BAD_CELLS = {
    "list item": "- The codes:\n\n  | resultCode | resultKey | resultMessage |\n  |---|---|---|\n  | 4x | BAD | Bad. |\n",
    "block quote in a list item": (
        "- The codes:\n\n  > | resultCode | resultKey | resultMessage |\n  > |---|---|---|\n"
        "  > | 1 | ONE | One. |\n  > | 4x | bad key | Bad. |\n"
    ),
    "list in a block quote, CRLF": (
        "> - The codes:\r\n>\r\n>   | resultCode | resultKey | resultMessage |\r\n>   |---|---|---|\r\n"
        ">   | 12, 13 | TWO | Two. |\r\n"
    ),
    "HTML table": (
        "<table>\n<tr><th>resultCode</th><th>resultKey</th><th>resultMessage</th></tr>\n\n"
        "<tr><td>1</td><td>ONE</td><td>One.</td></tr>\n"
        "<tr><td>4x</td><td>BAD</td><td></td></tr>\n</table>\n"
    ),
}


@pytest.mark.parametrize("body", BAD_CELLS.values(), ids=BAD_CELLS.keys())
def test_a_bad_cell_of_a_nested_or_html_table_is_an_error_at_its_page_position(body: str, snapshot) -> None:
    page = HEADING + body
    project, diagnostics = build_project([("widget.md", page)])
    assert project is None
    errors = [d for d in diagnostics if d.severity == "error"]
    assert errors
    lines = page.replace("\r\n", "\n").split("\n")
    for d in errors:  # each error points into its row, at a cell of it (not at a container marker)
        assert lines[d.line - 1][d.col - 1] not in " >-|", (d, lines[d.line - 1])
    assert formatted(diagnostics) == snapshot


def test_a_bad_code_cell_in_a_nested_table_names_its_page_line_and_column() -> None:
    page = HEADING + BAD_CELLS["list item"]
    _, diagnostics = build_project([("widget.md", page)])
    (d,) = diagnostics
    assert (d.line, d.col) == (7, 5)
    assert page.split("\n")[6][4:].startswith("4x")


HTML_ROW_COUNTS = {
    "colspan": (
        "<table>\n<tr><th>resultCode</th><th>resultKey</th><th>resultMessage</th></tr>\n"
        '<tr><td>1</td><td colspan="2">ONE</td></tr>\n'
        "<tr><td>2</td><td>TWO</td><td>Two.</td></tr>\n</table>\n"
    ),
    "a missing cell": (
        "<table>\n<tr><th>resultCode</th><th>resultKey</th><th>resultMessage</th></tr>\n"
        "<tr><td>1</td><td>ONE</td><td>One.</td></tr>\n\n"
        "<tr><td>2</td><td>TWO</td></tr>\n</table>\n"
    ),
    "a cell too many": (
        "<table>\n<tr><th>resultCode</th><th>resultKey</th><th>resultMessage</th></tr>\n"
        "<tr><td>1</td><td>ONE</td><td>One.</td><td>extra</td></tr>\n</table>\n"
    ),
    "rowspan": (
        "<table>\n<tr><th>resultCode</th><th>resultKey</th><th>resultMessage</th></tr>\n"
        '<tr><td>1</td><td>ONE</td><td rowspan="2">Same.</td></tr>\n'
        "<tr><td>2</td><td>TWO</td></tr>\n</table>\n"
    ),
}


@pytest.mark.parametrize("body", HTML_ROW_COUNTS.values(), ids=HTML_ROW_COUNTS.keys())
def test_an_html_row_of_another_width_is_a_positioned_row_count_error(body: str, snapshot) -> None:
    project, diagnostics = build_project([("widget.md", HEADING + body)])
    assert project is None  # not dropped in silence: the run fails
    errors = [d for d in diagnostics if d.severity == "error"]
    assert errors and all("row has" in d.message and "but the header has 3" in d.message for d in errors)
    assert all(d.line > 3 and d.col > 1 for d in errors)  # at a row of the table, at one of its cells
    assert formatted(diagnostics) == snapshot
