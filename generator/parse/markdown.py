"""Read one Markdown page into its headings and tables, with source positions (mistune 3);
nothing here knows what an error table is."""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from dataclasses import dataclass
from html.entities import html5 as _HTML5_ENTITIES
from typing import Any, Callable, Union

import mistune
from mistune.plugins import table as table_plugin


_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
# CommonMark entity references: the trailing semicolon is required (`&para` stays as written)
_ENTITY = re.compile(r"&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));")
_HTML_HEADING = re.compile(r"<h([1-6])(?:\s[^>]*)?>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
# a cell's text as written, up to the next pipe that no backslash escapes
_CELL_TEXT = re.compile(r"(?:\\.?|[^\\|])*")
# a whole line in bold that reads like a breadcrumb: `**A > B > Error Code**`
_BOLD_BREADCRUMB = r"^ {0,3}(?P<errgen_bold>\*\*|__)(?P<errgen_crumbs>[^\n]*? > [^\n]*?)(?P=errgen_bold)[ \t]*$"
_BOLD_BREADCRUMB_LEVEL = 1  # it stands where a page's first heading would
# A character that one of mistune's inline rules can start at; text without any is plain text
# (an underscore between two letters or digits can neither open nor close emphasis).
_MARKUP = re.compile(r"[\\`*!\[\]<\n]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")


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


def parse_page(path: str, text: str) -> Page:
    """Parse Markdown text into a Page of headings and tables in document order. mistune's
    tokens carry no positions, so its table and heading rules are wrapped to record lines and
    cell columns; a table it would make a paragraph (a row with another cell count) is kept,
    marked malformed, for the model to report the row at fault."""
    markdown = _markdown()
    state = markdown.block.state_cls()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    state.process(text if text.endswith("\n") else text + "\n")
    markdown.block.parse(state)

    def inline(text: str) -> list[dict[str, Any]]:
        # mistune's own inline step runs on every block's text; only headings and cells are read
        text = text.strip(" \r\n\t\f")
        if _MARKUP.search(text) is None:
            return [{"type": "text", "raw": text}]
        return markdown.inline(text, state.env)

    blocks: list[Block] = []
    for token in state.tokens:
        kind = token["type"]
        line = token.get("attrs", {}).get("line")
        if line is None:
            continue
        if kind == "heading":
            blocks.append(Heading(token["attrs"]["level"], plain_text(inline(token["text"])), line))
        elif kind == "table":
            blocks.append(_table(token, inline))
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


_Inline = Callable[[str], "list[dict[str, Any]]"]


def _table(token: dict[str, Any], inline: _Inline) -> Table:
    line = token["attrs"]["line"]
    cols = token["attrs"]["cols"]
    head, body = token["children"]
    header = _row(head["children"], line, cols[0], inline)
    rows = tuple(
        _row(row["children"], line + 2 + i, cols[2 + i], inline) for i, row in enumerate(body["children"])
    )
    delimiter = Row(
        line + 1,
        tuple(Cell(text, line + 1, col) for text, col in zip(token["attrs"]["delimiter"], cols[1])),
    )
    return Table(line, header, rows, token["attrs"].get("malformed", False), delimiter)


def _row(cells: list[dict[str, Any]], line: int, cols: list[int], inline: _Inline) -> Row:
    return Row(
        line,
        tuple(Cell(plain_text(inline(cell.get("text", "")), in_table=True), line, col) for cell, col in zip(cells, cols)),
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
    while True:
        end = _CELL_TEXT.match(text, pos).end()  # type: ignore[union-attr]
        cell = text[pos:end]
        first = pos + len(cell) - len(cell.lstrip(" \t"))
        cols.append(first + 1 if first < end else pos + 1)  # an empty cell: just after its pipe
        if end >= len(text):
            return cols
        pos = end + 1


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


@functools.cache
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
