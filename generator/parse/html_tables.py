"""HTML `<table>` blocks of a page read as tables: `<th>` or the first row is the header, every
`<tr>` after it a row; cell text with tags dropped, entities decoded, `<br>` a line break."""

from __future__ import annotations

from html.parser import HTMLParser

from .cells import Cell
from .page import Row, Table

_CELLS = ("td", "th")


class _Reader(HTMLParser):
    def __init__(self, line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.first_line = line
        self.tables: list[list[tuple[int, list[tuple[int, int, list[str]]]]]] = []  # rows of (line, cells)
        self.depth = 0  # tables open; one inside a cell is read as that cell's text
        self.cell: list[str] | None = None

    def _where(self, tag_text: str | None) -> tuple[int, int]:
        line, offset = self.getpos()
        if tag_text and "\n" not in tag_text:
            offset += len(tag_text)
        return self.first_line + line - 1, offset + 1

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.tables.append([])
        elif self.depth != 1:
            if tag == "br" and self.cell is not None:
                self.cell.append("\n")
        elif tag == "tr":
            self.tables[-1].append((self._where(None)[0], []))
            self.cell = None
        elif tag in _CELLS:
            if not self.tables[-1]:  # a cell before any <tr>
                self.tables[-1].append((self._where(None)[0], []))
            line, col = self._where(self.get_starttag_text())
            self.cell = []
            self.tables[-1][-1][1].append((line, col, self.cell))
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")

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


def _text(parts: list[str]) -> str:
    """A cell's text as a browser shows it: runs of white space one space, `<br>` a line break."""
    return "\n".join(" ".join(piece.split()) for piece in "".join(parts).split("\n")).strip()


def html_tables(raw: str, line: int) -> list[Table]:
    """The tables of an HTML block that starts at ``line``."""
    reader = _Reader(line)
    reader.feed(raw)
    reader.close()
    tables = []
    for rows in reader.tables:
        rows = [(row_line, cells) for row_line, cells in rows if cells]
        if not rows:
            continue
        (head_line, head), *body = [
            (row_line, tuple(Cell(_text(parts), cell_line, col) for cell_line, col, parts in cells))
            for row_line, cells in rows
        ]
        tables.append(Table(head_line, Row(head_line, head), tuple(Row(n, c) for n, c in body), False, None, html=True))
    return tables
