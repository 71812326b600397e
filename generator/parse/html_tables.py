"""HTML `<table>` blocks of a page read as tables: `<th>` or the first row is the header, every
`<tr>` after it a row; cell text with tags dropped, entities decoded, `<br>` a line break."""

from __future__ import annotations

import re
from bisect import bisect_right
from html.parser import HTMLParser

from .cells import Cell
from .page import Row, Table

_CELLS = ("td", "th")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_STRUCTURE = re.compile(r"<(/?)(table|tr|td|th)(?=[\s>/])[^>]*>", re.IGNORECASE)
_LEAD = re.compile(r"\s*")


class _Reader(HTMLParser):
    """The text of every cell of every outermost table, row by row."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[list[str]]]] = []  # tables of rows of cells of text parts
        self.depth = 0  # tables open; one inside a cell is read as that cell's text
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.tables.append([])
        elif tag == "br":
            if self.cell is not None:
                self.cell.append("\n")
        elif self.depth != 1:
            return
        elif tag == "tr":
            self.tables[-1].append([])
            self.cell = None
        elif tag in _CELLS:
            if not self.tables[-1]:  # a cell before any <tr>
                self.tables[-1].append([])
            self.cell = []
            self.tables[-1][-1].append(self.cell)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag == "br" and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.depth = max(self.depth - 1, 0)
            if self.depth == 0:
                self.cell = None
        elif self.depth == 1 and (tag in _CELLS or tag == "tr"):
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(" ".join(data.split("\n")))  # a line break of the source is a space


def _positions(raw: str) -> list[list[int]]:
    """Per outermost table, the offset in ``raw`` where each row starts (`<tr>`, else its first
    cell) and where each cell's content does (past white space); comments hide."""
    masked = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), raw)
    tables: list[list[int]] = []
    depth, row_open = 0, False
    for match in _STRUCTURE.finditer(masked):
        closing, tag = match.group(1), match.group(2).lower()
        if tag == "table":
            depth += -1 if closing else 1
            if depth == 1 and not closing:
                tables.append([])
            continue
        if depth != 1 or closing:
            row_open = row_open and not (closing and tag == "tr")
            continue
        if tag == "tr":
            tables[-1].append(-match.start() - 1)  # a row: negative
            row_open = True
        else:
            if not row_open:
                tables[-1].append(-match.start() - 1)
                row_open = True
            tables[-1].append(_LEAD.match(masked, match.end()).end())  # type: ignore[union-attr]
    return tables


def _text(parts: list[str]) -> str:
    """A cell's text as a browser shows it: runs of white space one space, `<br>` a line break."""
    return "\n".join(" ".join(piece.split()) for piece in "".join(parts).split("\n")).strip()


def html_tables(raw: str, line: int, offset: int = 0) -> list[Table]:
    """The tables of an HTML block that starts at ``line`` (each of its lines ``offset``
    characters to the right, in a list item or a block quote)."""
    reader = _Reader()
    reader.feed(raw)
    reader.close()
    starts = [0] + [m.end() for m in re.finditer("\n", raw)]

    def where(at: int) -> tuple[int, int]:
        number = bisect_right(starts, at)
        return line + number - 1, at - starts[number - 1] + 1 + offset

    tables = []
    for cells_of_rows, marks in zip(reader.tables, _positions(raw)):
        rows: list[Row] = []
        places = iter(marks)
        for cells in cells_of_rows:
            start = next(places, -1)
            row_line = where(-start - 1)[0] if start < 0 else line
            placed = []
            for parts in cells:
                cell_line, col = where(next(places, 0))
                placed.append(Cell(_text(parts), cell_line, col))
            if placed:
                rows.append(Row(row_line, tuple(placed)))
        if rows:
            head, *body = rows
            tables.append(Table(head.line, head, tuple(body), False, None, html=True))
    return tables
