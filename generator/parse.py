"""Parse stage: read one Markdown page into its headings and tables, with source positions.

mistune 3 (with its table plugin) does the Markdown work. Its AST carries no positions, so
the table and heading rules are wrapped: each wrapper maps the match offset in the
normalised source to a line and stores it on the token. A table that mistune would turn
into a paragraph (a row with more or fewer cells than the header) is kept as a table
marked malformed, so the model stage can report the row at fault instead of losing it.
Some pages set their breadcrumb as a line of bold text instead of a heading
(`**Notification > Notification Hub > 오류 코드**`); such a line is read as a heading.

Nothing here knows what an error table is; that is the model stage's decision.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from html.entities import html5 as _HTML5_ENTITIES
from typing import Any, Callable, Union

import mistune
from mistune.plugins import table as table_plugin

from .diagnostics import Diagnostic, error

_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
# CommonMark entity references: the trailing semicolon is required (`&para` stays as written)
_ENTITY = re.compile(r"&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));")
_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}
_HTML_HEADING = re.compile(r"<h([1-6])(?:\s[^>]*)?>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
# a whole line in bold that reads like a breadcrumb: `**A > B > Error Code**`
_BOLD_BREADCRUMB = r"^ {0,3}(?P<errgen_bold>\*\*|__)(?P<errgen_crumbs>[^\n]*? > [^\n]*?)(?P=errgen_bold)[ \t]*$"
_BOLD_BREADCRUMB_LEVEL = 1  # it stands where a page's first heading would


@dataclass(frozen=True)
class Cell:
    text: str
    line: int
    col: int


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


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int


Block = Union[Heading, Table]


@dataclass(frozen=True)
class Page:
    path: str
    blocks: tuple[Block, ...]


def decode(path: str, data: bytes) -> tuple[str | None, list[Diagnostic]]:
    """Bytes to text: UTF-8 with an optional BOM; binary and undecodable files are errors."""
    for bom, encoding in _BOMS.items():
        if data.startswith(bom):
            message = f"the file is {encoding} encoded (it starts with a {encoding} byte order mark); expected UTF-8"
            return None, [error(path, 1, 1, message)]
    if b"\x00" in data:
        line, col = _position(data, data.index(b"\x00"))
        return None, [error(path, line, col, "binary file (a NUL byte); expected a UTF-8 Markdown spec")]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line, col = _position(data, exc.start)
        message = f"invalid UTF-8 (byte 0x{data[exc.start]:02x}); expected a UTF-8 encoded Markdown spec"
        return None, [error(path, line, col, message)]


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset; CR, LF and CRLF end lines."""
    before = data[:offset]
    line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
    line_start = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
    return line, len(before[line_start:].decode("utf-8", errors="replace")) + 1


def parse_page(path: str, text: str) -> Page:
    """Parse Markdown text into a Page of headings and tables in document order."""
    markdown = _markdown()
    tokens, _state = markdown.parse(text)
    blocks: list[Block] = []
    for token in tokens:
        assert isinstance(token, dict)  # the AST renderer gives a list of token dicts
        kind = token["type"]
        line = token.get("attrs", {}).get("line")
        if line is None:
            continue
        if kind == "heading":
            blocks.append(Heading(token["attrs"]["level"], plain_text(token["children"]), line))
        elif kind == "table":
            blocks.append(_table(token))
        elif kind == "block_html":
            blocks.extend(_html_headings(token["raw"], line))
    return Page(path, tuple(blocks))


def plain_text(children: list[dict[str, Any]], *, in_table: bool = False) -> str:
    """The text a reader sees in inline nodes: entities decoded, markup dropped, trimmed."""
    return "".join(_inline_text(child, in_table) for child in children).strip()


def unescape_entities(text: str) -> str:
    """Decode entity references as CommonMark does: named ones need their semicolon,
    numeric ones give that code point (NUL, surrogates and out-of-range ones give U+FFFD)."""
    return _ENTITY.sub(_entity, text) if "&" in text else text


def _entity(match: "re.Match[str]") -> str:
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        return _HTML5_ENTITIES.get(name + ";", match.group(0))
    number = int(decimal) if decimal is not None else int(hexadecimal, 16)
    if number == 0 or 0xD800 <= number <= 0xDFFF or number > 0x10FFFF:
        return "\ufffd"
    return chr(number)


def _inline_text(token: dict[str, Any], in_table: bool) -> str:
    kind = token["type"]
    if kind == "text":
        # mistune leaves entities as written and splits backslash escapes into their own
        # tokens, so decoding each token once never decodes an escaped `\&amp;`
        return unescape_entities(token["raw"])
    if kind == "codespan":
        # in a table, `\|` is how a pipe is written even inside a code span (GFM)
        return str(token["raw"]).replace("\\|", "|") if in_table else str(token["raw"])
    if kind == "linebreak":
        return "\n"
    if kind == "softbreak":
        return " "
    if kind == "inline_html":
        return "\n" if _BR.fullmatch(token["raw"].strip()) else ""
    if "children" in token:
        return "".join(_inline_text(child, in_table) for child in token["children"])
    return unescape_entities(str(token.get("raw", "")))


def _html_headings(raw: str, line: int) -> list[Heading]:
    headings = []
    for match in _HTML_HEADING.finditer(raw):
        text = unescape_entities(_TAG.sub("", match.group(2))).strip()
        headings.append(Heading(int(match.group(1)), text, line + raw.count("\n", 0, match.start())))
    return headings


def _table(token: dict[str, Any]) -> Table:
    line = token["attrs"]["line"]
    cols = token["attrs"]["cols"]
    head, body = token["children"]
    header = _row(head["children"], line, cols[0])
    rows = tuple(
        _row(row["children"], line + 2 + i, cols[2 + i]) for i, row in enumerate(body["children"])
    )
    delimiter = Row(
        line + 1,
        tuple(Cell(text, line + 1, col) for text, col in zip(token["attrs"]["delimiter"], cols[1])),
    )
    return Table(line, header, rows, token["attrs"].get("malformed", False), delimiter)


def _row(cells: list[dict[str, Any]], line: int, cols: list[int]) -> Row:
    return Row(
        line,
        tuple(
            Cell(plain_text(cell.get("children", []), in_table=True), line, col)
            for cell, col in zip(cells, cols)
        ),
    )


def _split_row(line: str) -> list[str]:
    """A table line's cells as written, the way mistune's table plugin splits them."""
    stripped = table_plugin._strip_pipe_table_row(line)
    if stripped is None:
        stripped = table_plugin._strip_table_line(line)
    return [t.strip() for t in table_plugin._split_table_cells(stripped)] if stripped is not None else []


def _cell_columns(line: str) -> list[int]:
    """1-based column of each cell's first character on a table row line."""
    text = line.rstrip("\n").rstrip(" \t")
    pos = len(text) - len(text.lstrip(" \t"))
    if text[pos : pos + 1] == "|":
        pos += 1
        text = text[:-1] if text.endswith("|") and len(text) > pos else text
    cols = []
    start = pos
    while True:
        end = start
        while end < len(text) and not (text[end] == "|" and not _escaped(text, end)):
            end += 1
        first = start
        while first < end and text[first] in " \t":
            first += 1
        cols.append(first + 1 if first < end else start + 1)  # an empty cell: just after its pipe
        if end >= len(text):
            return cols
        start = end + 1


def _escaped(text: str, pos: int) -> bool:
    backslashes = 0
    while pos > 0 and text[pos - 1] == "\\":
        backslashes += 1
        pos -= 1
    return backslashes % 2 == 1


_Rule = Callable[[Any, "re.Match[str]", Any], "int | None"]


def _line_of(state: Any, offset: int) -> int:
    starts = state.env.get("errgen_line_starts")
    if starts is None:
        starts = [0] + [m.end() for m in re.finditer("\n", state.src)]
        state.env["errgen_line_starts"] = starts
    return bisect_right(starts, offset)


def _positioned(rule: _Rule) -> _Rule:
    """Wrap a block rule so the token it appends records its first line (top level only)."""

    def parse(block: Any, m: "re.Match[str]", state: Any) -> "int | None":
        count = len(state.tokens)
        end = rule(block, m, state)
        if end is None or state.parent is not None or not state.tokens:
            return end
        if len(state.tokens) > count:
            state.tokens[count].setdefault("attrs", {})["line"] = _line_of(state, m.start())
        elif state.tokens[-1]["type"] == "heading":
            # a setext underline turns the paragraph above it into a heading in place
            token = state.tokens[-1]
            lines_above = token.get("text", "").rstrip("\n").count("\n") + 1
            token["attrs"]["line"] = _line_of(state, m.start()) - lines_above
        return end

    return parse


def _positioned_table(rule: _Rule) -> _Rule:
    """Wrap a table rule: record the line and cell columns, and keep malformed tables."""

    def parse(block: Any, m: "re.Match[str]", state: Any) -> "int | None":
        count = len(state.tokens)
        last_text = state.tokens[-1].get("text") if state.tokens else None
        end = rule(block, m, state)
        if end is None or state.parent is not None:
            return end
        # only "\n" ends a line here (mistune made CR and CRLF into it): str.splitlines would
        # also split at U+2028, U+0085 or a form feed inside a cell
        lines = state.src[m.start() : end].split("\n")
        attrs = {
            "line": _line_of(state, m.start()),
            "cols": [_cell_columns(x) for x in lines],
            "delimiter": _split_row(lines[1]) if len(lines) > 1 else [],
        }
        if len(state.tokens) > count and state.tokens[count]["type"] == "table":
            state.tokens[count].setdefault("attrs", {}).update(attrs)
            return end
        # mistune gave up on the table and appended (or extended) a paragraph: undo that
        del state.tokens[count:]
        if state.tokens and last_text is not None:
            state.tokens[-1]["text"] = last_text
        state.append_token(_malformed_table(lines, attrs))
        return end

    return parse


def _malformed_table(lines: list[str], attrs: dict[str, Any]) -> dict[str, Any]:
    def cells(line: str) -> list[dict[str, Any]]:
        return [{"type": "table_cell", "text": text, "attrs": {}} for text in _split_row(line)]

    head = {"type": "table_head", "children": cells(lines[0])}
    rows = [{"type": "table_row", "children": cells(line)} for line in lines[2:] if line]
    body = {"type": "table_body", "children": rows}
    return {"type": "table", "children": [head, body], "attrs": {**attrs, "malformed": True}}


def _markdown() -> mistune.Markdown:
    markdown = mistune.create_markdown(renderer=None, plugins=["table"])
    block = markdown.block
    block.register("table", None, _positioned_table(table_plugin.parse_table))
    block.register("nptable", None, _positioned_table(table_plugin.parse_nptable))
    for name in ("atx_heading", "setex_heading", "block_html", "raw_html"):
        block.register(name, None, _positioned(_unbound(block, name)))
    block.register("errgen_bold_breadcrumb", _BOLD_BREADCRUMB, _positioned(_bold_breadcrumb), before="blank_line")
    return markdown


def _bold_breadcrumb(_block: Any, m: "re.Match[str]", state: Any) -> "int | None":
    if state.tokens and state.tokens[-1]["type"] == "paragraph":
        return None  # a bold line inside a paragraph is part of it, not a heading
    text = m.group("errgen_crumbs").strip()
    state.append_token({"type": "heading", "text": text, "attrs": {"level": _BOLD_BREADCRUMB_LEVEL}, "style": "bold"})
    return m.end() + 1


def _unbound(block: Any, name: str) -> _Rule:
    method = getattr(block, "parse_" + name)
    return lambda _block, m, state: method(m, state)
