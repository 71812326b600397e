"""YAML text of JSON data, the same on every machine: block style laid out as PyYAML lays it out."""

from __future__ import annotations

import functools
import json
import math
import re
from typing import Any

# Words that YAML 1.1 readers (PyYAML, the Ruby and Go v2 readers) take for booleans or null.
_WORDS = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null"})
# Printable for Python but not safe raw in a double-quoted YAML scalar: DEL, the C1 controls
# (NEL is a line break to a YAML reader), LS and PS (line breaks in YAML 1.1), the BOM,
# the non-characters U+FFFE and U+FFFF, and surrogates left alone in the text.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
# The longest key written as an implicit key; YAML allows 1024 characters.
_IMPLICIT_KEY = 1000


def dump(data: Any, indent: str = "") -> str:
    """YAML text of ``data`` (dicts with str keys, lists, str, int, float, bool, None)."""
    if not _is_block(data):
        return _scalar(data) + "\n"
    lines: list[str] = []
    _block(data, indent, lines)
    return "".join(lines)


def opening(key: str, indent: str) -> str:
    """The line (or, for a very long key, lines) that introduce a block value under ``key``."""
    name = _string(key)
    if len(name) > _IMPLICIT_KEY:
        return f"{indent}? {name}\n{indent}:\n"
    return f"{indent}{name}:\n"


def _is_block(value: Any) -> bool:
    return isinstance(value, (dict, list)) and bool(value)


def _block(value: dict[str, Any] | list[Any], indent: str, lines: list[str]) -> None:
    """Lines of a non-empty mapping or sequence whose items start at ``indent``."""
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"YAML keys must be strings here, not {key!r}")
            if isinstance(item, dict) and item:
                lines.append(opening(key, indent))
                _block(item, indent + "  ", lines)
            elif isinstance(item, list) and item:
                lines.append(opening(key, indent))
                _block(item, indent, lines)  # sequences in mappings are not indented, as in PyYAML
            else:
                name = _string(key)
                prefix = f"{indent}? {name}\n{indent}" if len(name) > _IMPLICIT_KEY else f"{indent}{name}"
                lines.append(f"{prefix}: {_scalar(item)}\n")
        return
    for item in value:
        if _is_block(item):
            start = len(lines)
            _block(item, indent + "  ", lines)
            lines[start] = f"{indent}- {lines[start][len(indent) + 2:]}"
        else:
            lines.append(f"{indent}- {_scalar(item)}\n")


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return _string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    raise TypeError(f"no YAML for a {type(value).__name__}")


@functools.lru_cache(maxsize=1 << 16)
def _string(text: str) -> str:
    """Plain only when no YAML 1.1 or 1.2 reader could take it for syntax, a number, a date, a
    boolean or null; else double-quoted with JSON's escapes (each one a YAML escape) and every
    character YAML may not hold raw escaped too."""
    if _plain(text):
        return text
    return _UNSAFE.sub(_escape, json.dumps(text, ensure_ascii=False))


def _plain(text: str) -> bool:
    first = text[:1]
    if first.isalpha() or first in ("_", "/", "$", "("):
        starts = text.lower() not in _WORDS
    else:
        # a number, date or time never holds a space; a colon could make it a time
        starts = (first.isdigit() or (first in ("-", "+") and text[1:2].isdigit())) and " " in text and ":" not in text
    return (
        starts
        and text.isprintable()
        and ": " not in text
        and " #" not in text
        and not text.endswith((" ", ":"))
    )


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"
