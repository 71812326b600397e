"""What the parse stage gives the model: a page's headings and tables, with source positions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from .cells import Cell


@dataclass(frozen=True)
class Row:
    line: int
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    line: int
    header: Row
    rows: tuple[Row, ...]
    malformed: bool  # mistune refused it: a row's cell count or the delimiter row is off
    delimiter: Row | None = None  # the row under the header, cells as written (`---`, `:-:`)
    html: bool = False  # an HTML <table>, not a Markdown one
    col: int = 1  # where its first line starts (inside a list item or a block quote: after the marker)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int
    bold: bool = False  # a line in bold (`**A > B > Error Code**`), not a heading


Block = Union[Heading, Table]


@dataclass(frozen=True)
class Page:
    path: str
    blocks: tuple[Block, ...]
