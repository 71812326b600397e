"""YAML text of JSON data, for the OpenAPI artifacts.

JSON data needs only a small part of YAML: block mappings and sequences of strings, numbers,
booleans and null. PyYAML's pure-Python emitter took most of a large run (its C emitter is
not on every machine, and its bytes differ), so errgen writes that part itself, the same way
on every machine: block style laid out as PyYAML lays it out, and each string either plain,
when it starts as text does and holds nothing that any YAML 1.1 or 1.2 reader could take for
syntax, a number, a date, a boolean or null, or else double-quoted with JSON's escapes (every one of
them a YAML escape) and every character YAML may not hold raw escaped too.
"""

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


def dump(data: Any) -> str:
    """YAML text of ``data`` (dicts with str keys, lists, str, int, float, bool, None)."""
    if _is_block(data):
        lines: list[str] = []
        _block(data, "", lines)
        return "".join(lines)
    return _scalar(data) + "\n"


def _is_block(value: Any) -> bool:
    return isinstance(value, (dict, list)) and bool(value)


def _block(value: dict[str, Any] | list[Any], indent: str, lines: list[str]) -> None:
    """Lines of a non-empty mapping or sequence whose items start at ``indent``."""
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"YAML keys must be strings here, not {key!r}")
            name = _string(key)
            if len(name) > _IMPLICIT_KEY:
                lines.append(f"{indent}? {name}\n")
                name = ""
            if isinstance(item, dict) and item:
                lines.append(f"{indent}{name}:\n")
                _block(item, indent + "  ", lines)
            elif isinstance(item, list) and item:
                lines.append(f"{indent}{name}:\n")
                _block(item, indent, lines)  # sequences in mappings are not indented, as in PyYAML
            else:
                lines.append(f"{indent}{name}: {_scalar(item)}\n")
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
