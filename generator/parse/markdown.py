"""Read one Markdown page into its headings and tables, with source positions (mistune 3);
nothing here knows what an error table is."""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from typing import Any, Callable

import mistune
from mistune.plugins import table as table_plugin


from .cells import Cell, Inline, plain_text, read_cell, unescape_entities, without_emphasis
from .html_tables import html_tables
from .page import Block, Heading, Page, Row, Table

__all__ = ["Block", "Cell", "Heading", "Page", "Row", "Table", "parse_page", "plain_text", "unescape_entities"]

_HTML_HEADING = re.compile(r"<h([1-6])(?:\s[^>]*)?>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
_HTML_TABLE = re.compile(r"<table(?:[\s>/]|$)", re.IGNORECASE)
_HTML_TABLE_END = re.compile(r"</table\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
# a cell's text as written, up to the next pipe that no backslash escapes
_CELL_TEXT = re.compile(r"(?:\\.?|[^\\|])*")
# a whole line in bold that reads like a breadcrumb: `**A > B > Error Code**`
_BOLD_BREADCRUMB = r"^ {0,3}(?P<errgen_bold>\*\*|__)(?P<errgen_crumbs>[^\n]*? > [^\n]*?)(?P=errgen_bold)[ \t]*$"
_BOLD_BREADCRUMB_LEVEL = 1  # it stands where a page's first heading would
# what may stand before a line of a table in a block quote or a list item: markers, indentation
_CONTAINER_PREFIX = re.compile(r"(?:[ \t]*(?:>|[-+*]|[0-9]{1,9}[.)])(?=[ \t]|$))*[ \t]*")
_CONTAINERS = ("block_quote", "list", "list_item")


def parse_page(path: str, text: str) -> Page:
    """Parse Markdown text into a Page of headings and tables in document order. mistune's
    tokens carry no positions, so its table and heading rules are wrapped to record lines and
    cell columns; a table it would make a paragraph (a row with another cell count) is kept,
    marked malformed, for the model to report the row at fault. Tables in block quotes and
    list items, and HTML tables, are read too."""
    markdown, written = _markdown()
    state = markdown.block.state_cls()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    state.process(text if text.endswith("\n") else text + "\n")
    markdown.block.parse(state)

    def rendered(text: str) -> list[dict[str, Any]]:
        return markdown.inline(text, state.env)

    def as_written(text: str) -> list[dict[str, Any]]:
        return written(text, state.env)

    def heading_inline(text: str) -> list[dict[str, Any]]:
        # mistune's own inline step runs on every block's text; only headings and cells are read
        text = text.strip(" \r\n\t\f")
        return [{"type": "text", "raw": text}] if not re.search(r"[\\`*_!\[\]<&\n]", text) else rendered(text)

    blocks: list[Block] = []

    def read(tokens: list[dict[str, Any]]) -> None:
        for token in tokens:
            kind = token["type"]
            line = token.get("attrs", {}).get("line")
            if kind in _CONTAINERS:
                read(token.get("children", []))
            elif line is None:
                continue
            elif kind == "heading":
                bold = token.get("style") == "bold"
                blocks.append(Heading(token["attrs"]["level"], plain_text(heading_inline(token["text"])), line, bold))
            elif kind == "table":
                blocks.append(_table(token, rendered, as_written))
            elif kind == "block_html":
                blocks.extend(_html_headings(token["raw"], line))
                offset = token["attrs"].get("offset", 0)
                blocks.extend(html_tables(token["raw"], line, offset) if _HTML_TABLE.search(token["raw"]) else ())

    read(state.tokens)
    return Page(path, tuple(blocks))


def _html_headings(raw: str, line: int) -> list[Heading]:
    headings = []
    for match in _HTML_HEADING.finditer(raw):
        text = unescape_entities(_TAG.sub("", match.group(2))).strip()
        headings.append(Heading(int(match.group(1)), text, line + raw.count("\n", 0, match.start())))
    return headings


def _table(token: dict[str, Any], rendered: Inline, written: Inline) -> Table:
    attrs = token["attrs"]
    line, cols, lines = attrs["line"], attrs["cols"], attrs.get("lines")
    lines = lines or list(range(line, line + len(cols)))  # a nested table's lines may skip some
    head, body = token["children"]
    header = _row(head["children"], lines[0], cols[0], rendered, written)
    rows = tuple(
        _row(row["children"], lines[2 + i], cols[2 + i], rendered, written) for i, row in enumerate(body["children"])
    )
    delimiter = Row(lines[1], tuple(Cell(text, lines[1], col) for text, col in zip(attrs["delimiter"], cols[1])))
    return Table(line, header, rows, attrs.get("malformed", False), delimiter, col=cols[0][0] if cols[0] else 1)


def _row(cells: list[dict[str, Any]], line: int, cols: list[int], rendered: Inline, written: Inline) -> Row:
    return Row(line, tuple(read_cell(cell.get("text", ""), line, col, rendered, written) for cell, col in zip(cells, cols)))


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
        if end is None:
            return end
        # only "\n" ends a line here (mistune made CR and CRLF into it): str.splitlines would
        # also split at U+2028, U+0085 or a form feed inside a cell
        lines = state.src[m.start() : end].split("\n")
        if state.parent is None:
            numbers, offsets = list(range(_line_of(state, m.start()), _line_of(state, m.start()) + len(lines))), [0] * len(lines)
        else:  # in a block quote or a list item: mistune took the markers off each line
            numbers, offsets = _in_page(state, lines)
        attrs = {
            "line": numbers[0],
            "lines": numbers,
            "cols": [[col + offset for col in _cell_columns(x)] for x, offset in zip(lines, offsets)],
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


def _in_page(state: Any, lines: list[str]) -> tuple[list[int], list[int]]:
    """The page's line number of each line of a nested block, and how many characters of
    markers (`>`, `-`, `1.`, indentation) stand before it there."""
    root = state
    while root.parent is not None:
        root = root.parent
    page = root.src.split("\n")
    first = root.env.get("errgen_container_line", 1)  # no line of this container is above it

    def offset(number: int, line: str) -> int | None:
        found = page[number - 1] if 0 < number <= len(page) else None
        if found is None or not found.endswith(line):
            return None
        prefix = found[: len(found) - len(line)]
        return len(prefix) if _CONTAINER_PREFIX.fullmatch(prefix) else None

    for start in range(first, len(page) + 1):
        offsets = [offset(start + n, line) for n, line in enumerate(lines) if line or n < len(lines) - 1]
        if offsets and all(o is not None for o in offsets):
            found = [o for o in offsets if o is not None]
            root.env["errgen_container_line"] = start + len(lines) - 1
            return [start + n for n in range(len(lines))], found + [0] * (len(lines) - len(found))
    return [first + n for n in range(len(lines))], [0] * len(lines)


def _passed(rule: _Rule) -> _Rule:
    """Wrap a code block rule: in a list item or a block quote, the lines it holds are passed
    over, so that a table shown in it as an example is not where the real one is looked for."""

    def parse(block: Any, m: "re.Match[str]", state: Any) -> "int | None":
        end = rule(block, m, state)
        if end is not None and state.parent is not None:
            _in_page(state, state.src[m.start() : end].rstrip("\n").split("\n"))
        return end

    return parse


def _container(rule: _Rule) -> _Rule:
    """Wrap a block quote or list rule to record where it starts, for the tables inside it."""

    def parse(block: Any, m: "re.Match[str]", state: Any) -> "int | None":
        if state.parent is None:
            state.env["errgen_container_line"] = _line_of(state, m.start())
        return rule(block, m, state)

    return parse


def _html_block(rule: _Rule) -> _Rule:
    """An HTML block that opens a table runs to its `</table>`, past blank lines inside it
    (CommonMark ends an HTML block at a blank line; a reader's browser does not)."""

    def parse(block: Any, m: "re.Match[str]", state: Any) -> "int | None":
        count = len(state.tokens)
        end = rule(block, m, state)
        if end is None or len(state.tokens) <= count:
            return end
        token = state.tokens[count]
        raw = token.get("raw", "")
        if token["type"] != "block_html" or not _HTML_TABLE.search(raw):
            return end
        opened = [m.end() for m in _HTML_TABLE.finditer(raw)]
        if len(_HTML_TABLE_END.findall(raw)) < len(opened):  # a table still open where CommonMark ends the block
            closing = _HTML_TABLE_END.search(state.src, m.start() + opened[-1])
            if closing is not None:
                stop = state.src.find("\n", closing.end())
                end = len(state.src) if stop < 0 else stop + 1
                token["raw"] = raw = state.src[m.start() : end]
        if state.parent is not None:  # in a list item or a block quote: where it is on the page
            numbers, offsets = _in_page(state, raw.rstrip("\n").split("\n"))
            token.setdefault("attrs", {}).update(line=numbers[0], offset=offsets[0])
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
def _markdown() -> tuple[mistune.Markdown, Any]:
    """mistune with positions recorded, tables read in block quotes and lists too; and its
    inline parser without emphasis, which reads a cell as written."""
    markdown = mistune.create_markdown(renderer=None, plugins=["table"])
    table_plugin.table_in_quote(markdown)
    table_plugin.table_in_list(markdown)
    block = markdown.block
    block.register("table", None, _positioned_table(table_plugin.parse_table))
    block.register("nptable", None, _positioned_table(table_plugin.parse_nptable))
    for name in ("atx_heading", "setex_heading"):
        block.register(name, None, _positioned(_unbound(block, name)))
    for name in ("block_quote", "list"):
        block.register(name, None, _container(_unbound(block, name)))
    for name in ("fenced_code", "indent_code"):
        block.register(name, None, _passed(_unbound(block, name)))
    for name in ("block_html", "raw_html"):
        block.register(name, None, _html_block(_positioned(_unbound(block, name))))
    block.register("errgen_bold_breadcrumb", _BOLD_BREADCRUMB, _positioned(_bold_breadcrumb), before="blank_line")
    return markdown, without_emphasis(markdown.inline)


def _bold_breadcrumb(_block: Any, m: "re.Match[str]", state: Any) -> "int | None":
    if state.tokens and state.tokens[-1]["type"] == "paragraph":
        return None  # a bold line inside a paragraph is part of it, not a heading
    text = m.group("errgen_crumbs").strip()
    state.append_token({"type": "heading", "text": text, "attrs": {"level": _BOLD_BREADCRUMB_LEVEL}, "style": "bold"})
    return m.end() + 1


def _unbound(block: Any, name: str) -> _Rule:
    method = getattr(block, "parse_" + name)
    return lambda _block, m, state: method(m, state)
