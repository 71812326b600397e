"""A message's placeholders, read as str.format and gettext's python-brace-format read them."""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass

# Left to right, as str.format scans: a doubled brace is a brace; a field is a brace pair
# with no brace inside; any other brace is a stray one.
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_NUMBER = re.compile(r"0|[1-9][0-9]?")  # {0} to {99}: a number as written once, no leading zero
# Names the generated formatters take their own arguments by.
_TAKEN = frozenset({"self", "cls"})


@dataclass(frozen=True)
class Placeholder:
    """One placeholder: for ``{name}`` its name; for ``{0}`` the number as a string; for the
    ``{}`` of a message the number str.format gives it ("0", "1", ... in order)."""

    name: str
    named: bool


@dataclass(frozen=True)
class Scan:
    """What a message's braces hold: its placeholders (each once, in order of first
    appearance), the fields kept as text with why, and whether it mixes ``{}`` with ``{0}``."""

    placeholders: tuple[Placeholder, ...] = ()
    kept: tuple[tuple[str, str], ...] = ()  # (field as written, why it is not a placeholder)
    mixed: tuple[str, str] | None = None  # (the first {}, the first numbered field)


def scan(message: str) -> Scan:
    """The placeholders of ``message``; what is not one stays text (see Scan.kept)."""
    found: dict[str, Placeholder] = {}
    kept: list[tuple[str, str]] = []
    automatic = 0
    numbered: str | None = None
    for match in _TOKEN.finditer(message):
        text, field = match.group(), match.group(1)
        if text in ("{{", "}}"):
            continue
        if field is None:
            kept.append((text, "a single brace; write {{ or }} for a brace"))
            continue
        why = not_a_placeholder(field)
        if why:
            kept.append((text, why))
            continue
        if field == "":
            name = str(automatic)
            automatic += 1
        else:
            name = field
            if field.isdigit() and numbered is None:
                numbered = text
        found.setdefault(name, Placeholder(name, not name.isdigit()))
    mixed = ("{}", numbered) if automatic and numbered else None
    return Scan(tuple(found.values()), tuple(kept), mixed)


def placeholders(message: str) -> tuple[Placeholder, ...]:
    return scan(message).placeholders


def not_a_placeholder(field: str) -> str:
    """Why the text between a field's braces is not a placeholder errgen reads; "" when it is."""
    if field == "" or _NUMBER.fullmatch(field):
        return ""
    if _NAME.fullmatch(field):
        if keyword.iskeyword(field) or field in _TAKEN:
            return f"'{field}' is a Python keyword or a name the formatter takes its own argument by"
        return ""
    if field.isdigit():
        return "a number above 99, or with a leading zero"
    if ":" in field or "!" in field:
        return "a format spec or conversion (':' or '!'), which errgen does not read"
    if "." in field or "[" in field:
        return "an attribute or index, which errgen does not read"
    return "not a name (a letter, then letters, digits or '_') nor a number"


def shown(found: tuple[Placeholder, ...]) -> str:
    """Placeholders as a message writes them: ``{0}, {name}``; ``none`` for none."""
    return ", ".join("{" + p.name + "}" for p in found) or "none"


def positional_count(found: tuple[Placeholder, ...]) -> int:
    """How many positional arguments a message takes: up to its highest number, as str.format."""
    return max((int(p.name) + 1 for p in found if not p.named), default=0)
