"""A table cell read two ways: as its author wrote it (code spans, escapes and entities resolved,
`<br>` a line break, every other character kept) and as Markdown shows it, with the markup that
makes the two differ named."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.entities import html5 as _HTML5_ENTITIES
from typing import Any, Callable

_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
# CommonMark entity references: the trailing semicolon is required (`&para` stays as written)
_ENTITY = re.compile(r"&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));")
# A character that one of mistune's inline rules can start at; text without any is plain text
# (an underscore between two letters or digits can neither open nor close emphasis).
_MARKUP = re.compile(r"[\\`*!\[\]<\n]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_EMPHASIS = re.compile(r"\*|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")

# Kinds of markup that make what Markdown shows differ from what was written.
EMPHASIS, HTML, LINK, IMAGE = "emphasis", "HTML", "link", "image"


@dataclass(frozen=True)
class Cell:
    text: str  # as written: code spans, backslash escapes and entities resolved, `<br>` a line break
    line: int
    col: int
    rendered: str | None = None  # what Markdown shows, when that differs from text
    markup: tuple[str, ...] = ()  # EMPHASIS, HTML, LINK, IMAGE: what Markdown read as markup
    source: str = ""  # the cell as it stands in the file, when it holds any markup

    @property
    def shown(self) -> str:
        """The cell as a reader of the rendered page sees it."""
        return self.text if self.rendered is None else self.rendered


Inline = Callable[[str], "list[dict[str, Any]]"]


def read_cell(raw: str, line: int, col: int, rendered: Inline, written: Inline) -> Cell:
    """A cell of text ``raw``; ``rendered`` is Markdown's inline parser, ``written`` the same
    without emphasis (so `*` and `_` stay as typed)."""
    raw = raw.strip(" \r\n\t\f")
    if _MARKUP.search(raw) is None:
        return Cell(unescape_entities(raw), line, col)
    tokens = written(raw)
    text = plain_text(tokens, in_table=True, html=True)
    kinds = set(_kinds(tokens))
    shown = plain_text(tokens, in_table=True) if HTML in kinds else text
    if _EMPHASIS.search(raw) is not None:
        shown = plain_text(rendered(raw), in_table=True)
        if shown != plain_text(tokens, in_table=True):
            kinds.add(EMPHASIS)
    markup = tuple(kind for kind in (EMPHASIS, HTML, LINK, IMAGE) if kind in kinds)
    return Cell(text, line, col, shown if shown != text else None, markup, raw)


def _kinds(tokens: list[dict[str, Any]]) -> list[str]:
    kinds = []
    for token in tokens:
        kind = token["type"]
        if kind == "inline_html" and not _BR.fullmatch(token["raw"].strip()):
            kinds.append(HTML)
        elif kind in ("link", "image"):
            kinds.append(LINK if kind == "link" else IMAGE)
        kinds += _kinds(token.get("children", []))
    return kinds


def escaped(text: str) -> str:
    """Text written so that Markdown shows every character: markup characters backslash-escaped."""
    return re.sub(r"([\\`*_<>\[\]])", r"\\\1", text)


def describe(markup: tuple[str, ...]) -> str:
    """`emphasis and inline HTML`: the markup kinds of a cell, for a diagnostic."""
    names = ["inline HTML" if kind == HTML else f"an {kind}" if kind == IMAGE else f"a {kind}" if kind == LINK else kind for kind in markup]
    return " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]


def without_emphasis(parser: Any) -> Any:
    """A copy of mistune's inline parser that reads no emphasis: `2*3*4` and `_KEY_` stay."""
    copy = type(parser)(hard_wrap=parser.hard_wrap)
    copy.rules = [rule for rule in parser.rules if rule != "emphasis"]
    copy._methods = {name: getattr(copy, "parse_" + name) for name in copy.rules}
    return copy


def plain_text(children: list[dict[str, Any]], *, in_table: bool = False, html: bool = False) -> str:
    """The text of inline nodes: entities decoded, markup dropped (raw inline HTML kept as
    written when ``html``), trimmed."""
    return "".join(_inline_text(child, in_table, html) for child in children).strip()


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


def _inline_text(token: dict[str, Any], in_table: bool, html: bool) -> str:
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
        if _BR.fullmatch(token["raw"].strip()):
            return "\n"
        return str(token["raw"]) if html else ""
    if "children" in token:
        return "".join(_inline_text(child, in_table, html) for child in token["children"])
    return unescape_entities(str(token.get("raw", "")))
