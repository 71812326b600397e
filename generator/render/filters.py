"""Escaping filters: the only way a value from a document enters generated text, each for one
context, or a check that the value is already safe there. Each gives plain ``str``: what a
template writes through one is no longer a spec's marked text (see marks)."""

from __future__ import annotations

import json
import keyword
from json.encoder import encode_basestring
from typing import Any

_JSON = json.JSONEncoder(ensure_ascii=False)


def py_str(value: str) -> str:
    """A Python string literal whose value is exactly ``value``, in double quotes when that
    needs no escape, as black would turn it: generated Python is written in black's layout
    (see pyformat)."""
    _expect(value, str, "py_str")
    literal = repr(value)
    if literal[0] == "'" and '"' not in value:  # then repr escaped no quote either
        return '"' + literal[1:-1] + '"'
    return literal


def py_text(value: str) -> str:
    """Text safe inside a triple-double-quoted docstring or after ``#``: one line, no quote
    run, no backslash escapes; non-printable characters (line separators, bidi controls,
    zero-width characters) are written as escapes."""
    _expect(value, str, "py_text")
    if value.isprintable() and "\\" not in value and '"' not in value:
        return value.strip()
    value = str(value)  # plain text, not a spec's marked one (see render.marks)
    out = []
    for char in value:
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append('\\"')
        elif not char.isprintable():
            out.append(repr(char)[1:-1])
        else:
            out.append(char)
    return "".join(out).strip()


def py_name(value: str) -> str:
    """An identifier decided by the model; anything else is a bug, not something to escape."""
    _expect(value, str, "py_name")
    if not value.isidentifier() or not value.isascii() or keyword.iskeyword(value):
        raise ValueError(f"py_name: {value!r} is not a safe Python identifier")
    return str(value)


def py_int(value: int) -> str:
    if type(value) is not int:
        raise TypeError(f"py_int: expected int, got {type(value).__name__}")
    return str(value)


def py_optional_int(value: int | None) -> str:
    return "None" if value is None else py_int(value)


def to_json(value: Any) -> str:
    """A JSON value (also valid as a YAML flow value), deterministic, with non-ASCII kept."""
    if value.__class__ is str or isinstance(value, str):  # a spec's marked text too
        return encode_basestring(value)
    if type(value) is int:
        return str(value)
    return _JSON.encode(value)


def toml_str(value: str) -> str:
    """A TOML basic string whose value is exactly ``value``."""
    _expect(value, str, "toml_str")
    if value.isprintable() and '"' not in value and "\\" not in value:
        return '"' + value + '"'
    value = str(value)
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


FILTERS = {"toml_str": toml_str, "py_str": py_str, "py_text": py_text, "py_name": py_name, "py_int": py_int}
FILTERS.update(py_optional_int=py_optional_int, json=to_json)


def _expect(value: object, kind: type, name: str) -> None:
    if not isinstance(value, kind):
        raise TypeError(f"{name}: expected {kind.__name__}, got {type(value).__name__}")
