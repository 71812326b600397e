"""Escaping filters: the only way a value from a document enters generated text, each for one
context, or a check that the value is already safe there. Each gives plain ``str``: what a
template writes through one is no longer a spec's marked text (see marks)."""

from __future__ import annotations

import json
import keyword
import re
from json.encoder import encode_basestring
from typing import Any

from .order import all_order, import_order

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
FILTERS.update(import_order=import_order, all_order=all_order)  # orders of names, not escaping


def _expect(value: object, kind: type, name: str) -> None:
    if not isinstance(value, kind):
        raise TypeError(f"{name}: expected {kind.__name__}, got {type(value).__name__}")


# TypeScript: the filters of templates/typescript (values from documents enter its code only here)

_TS_RESERVED = frozenset(
    "break case catch class const continue debugger default delete do else enum export extends false finally for "
    "function if import in instanceof new null return super switch this throw true try typeof var void while with "
    "implements interface let package private protected public static yield await any boolean number string symbol "
    "never unknown object undefined type as is satisfies declare".split()
)
_SAFE_INTEGER = 2**53 - 1  # beyond it a JS number is not exact


def ts_str(value: str) -> str:
    """A TypeScript string literal (double quotes) whose value is exactly ``value``; line
    separators and other characters that are not printable written as escapes."""
    _expect(value, str, "ts_str")
    out = []
    for char in json.dumps(value, ensure_ascii=False):
        out.append(char if char.isprintable() else f"\\u{{{ord(char):x}}}")
    return "".join(out)


def ts_text(value: str) -> str:
    """Text safe inside a `/** */` doc comment or after `//`: one line, no comment end, the
    characters that are not printable written as escapes."""
    _expect(value, str, "ts_text")
    out = []
    for char in value:
        out.append(char if char.isprintable() else f"\\u{{{ord(char):x}}}")
    return "".join(out).replace("*/", "*\\/").strip()


def ts_name(value: str) -> str:
    """An identifier decided by the model (a class, a key); anything else is a bug."""
    _expect(value, str, "ts_name")
    if not (value.isascii() and value.isidentifier()) or value in _TS_RESERVED:
        raise ValueError(f"ts_name: {value!r} is not a safe TypeScript identifier")
    return str(value)


def ts_int(value: int) -> str:
    if type(value) is not int:
        raise TypeError(f"ts_int: expected int, got {type(value).__name__}")
    if abs(value) > _SAFE_INTEGER:
        raise ValueError(f"ts_int: {value} is beyond the integers a JavaScript number holds exactly")
    return str(value)


def ts_optional_int(value: int | None) -> str:
    return "null" if value is None else ts_int(value)


def npm_version(value: str) -> str:
    """A PEP 440 version (as the configuration checks it) as the semantic version npm takes:
    the release padded to three numbers, pre-, post- and dev-releases as a pre-release
    (2.0.0rc1 is 2.0.0-rc.1), a local version as build metadata."""
    _expect(value, str, "npm_version")
    match = re.fullmatch(r"v?(?:[0-9]+!)?([0-9]+(?:\.[0-9]+)*)([^+]*)(?:\+(.*))?", value.strip(), re.IGNORECASE)
    if match is None:
        raise ValueError(f"npm_version: {value!r} is not a PEP 440 version")
    release = [str(int(part)) for part in match.group(1).split(".")]
    version = ".".join((release + ["0", "0"])[:3])
    parts = re.findall(r"[a-z]+|[0-9]+", match.group(2).lower())
    if len(release) > 3:
        parts = release[3:] + parts
    if parts:
        version += "-" + ".".join(str(int(p)) if p.isdigit() else p for p in parts)
    if match.group(3):
        version += "+" + ".".join(re.findall(r"[a-z0-9]+", match.group(3).lower()))
    return version


FILTERS.update(ts_str=ts_str, ts_text=ts_text, ts_name=ts_name, ts_int=ts_int, ts_optional_int=ts_optional_int)
FILTERS.update(npm_version=npm_version)
