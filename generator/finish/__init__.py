"""Finish stage: each rendered text in its final form, as bytes, with its do-not-edit header."""

from __future__ import annotations

import json
import math
import re
import warnings
from pathlib import PurePosixPath
from typing import Any, NamedTuple

from ..diagnostics import one_line
from .yamltext import dump
from .pyformat import format_python, wrapped_by_black

__all__ = ["Finished", "NotItsKind", "finish", "load_json", "wrapped_by_black"]

_COMMENT = {".py": "#", ".toml": "#", ".typed": "#", ".yaml": "#", ".yml": "#", ".cfg": "#", ".txt": "#"}
# What a template of each kind must render, as diagnostics say it.
_EXPECTED = {
    ".json": "a JSON object (errgen writes it with the header as its $comment)",
    ".yaml": "JSON, which errgen writes out as YAML",
    ".yml": "JSON, which errgen writes out as YAML",
    ".py": "Python source that black can format",
}
_BLACK_POSITION = re.compile(r": (\d+):(\d+)")  # black's "cannot parse ...: LINE:COLUMN"


class NotItsKind(ValueError):
    """What a template rendered is not the kind of file its name says: what it is instead,
    where in the rendered text (line and column, 0 when not known) and what was expected."""

    def __init__(self, what: str, expected: str, line: int = 0, col: int = 0) -> None:
        super().__init__(what, expected, line, col)
        self.what, self.expected, self.line, self.col = what, expected, line, col

    def __str__(self) -> str:
        return self.what

    def describe(self, path: str) -> str:
        """The diagnostic's message, for the output at ``path``."""
        where = f" (line {self.line}, column {self.col} of what the template renders)" if self.line else ""
        return f"renders {path}, which {self.what}{where}; expected {self.expected}"


class Finished(NamedTuple):
    data: bytes


def finish(path: str, text: str, header: str, *, builtin: bool = False) -> Finished:
    """Python laid out as black lays it out (``builtin``: errgen's own templates write black's
    layout), JSON re-serialised with the header as ``$comment``, YAML written from the
    template's JSON, other text with the header as a comment where its kind has one."""
    suffix = PurePosixPath(path).suffix
    if suffix == ".json":
        data = load_json(path, text, checked=not builtin)
        if not isinstance(data, dict):
            raise NotItsKind(f"is JSON but not an object (it is {_json_kind(data)})", _EXPECTED[suffix])
        return Finished((json.dumps({"$comment": header, **data}, ensure_ascii=False, indent=2) + "\n").encode())
    if suffix in (".yaml", ".yml"):
        return Finished(f"# {one_line(header)}\n{dump(load_json(path, text, checked=not builtin))}".encode())
    if suffix == ".py" and not builtin:
        check_python(path, text)
    if suffix in _COMMENT:
        text = f"{_COMMENT[suffix]} {one_line(header)}\n{text}"
    if suffix == ".py":
        try:
            text = format_python(text, black_style=builtin)
        except ValueError as exc:  # black's InvalidInput: Python that only black cannot parse
            if builtin:
                raise
            line, col = _black_position(str(exc))
            raise NotItsKind("black cannot parse", _EXPECTED[suffix], line, col) from None
    return Finished(text.encode())


def check_python(path: str, text: str) -> None:
    """Python a template of the user's rendered, refused when it does not compile (black parses
    only what it must lay out: an unknown escape or a misplaced return would pass it)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # an invalid escape is Python's to warn about, later
            compile(text, path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:  # ValueError: a NUL byte, before Python 3.11.4
        line, col = (exc.lineno or 0, exc.offset or 1) if isinstance(exc, SyntaxError) else (0, 0)
        what = exc.msg if isinstance(exc, SyntaxError) else str(exc)
        raise NotItsKind(f"is not Python: {what}", _EXPECTED[".py"], line, col if line else 0) from None


def _black_position(message: str) -> tuple[int, int]:
    """Where in the rendered text black's message says it could not parse (1-based; the
    header line black also saw not counted), or (0, 0)."""
    match = _BLACK_POSITION.search(message)
    if match is None or int(match.group(1)) < 2:
        return 0, 0
    return int(match.group(1)) - 1, int(match.group(2)) + 1


def load_json(path: str, text: str, *, checked: bool = True) -> Any:
    """A template's JSON text. ``checked``: not JSON, a name given twice in one object (a value
    ``json.loads`` would drop silently) or a number JSON cannot hold (NaN, 1e999) is a
    NotItsKind of the template's (tests show errgen's own templates never render one)."""
    if not checked:
        return json.loads(text)
    expected = _EXPECTED.get(PurePosixPath(path).suffix, "JSON")

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        data = dict(items)
        if len(data) != len(items):
            seen = [name for name, _ in items]
            twice = sorted({name for name in seen if seen.count(name) > 1})
            names = ", ".join(f"'{name}'" for name in twice)
            raise NotItsKind(f"names {names} twice in one object", f"{expected}, each object naming a member once")
        return data

    def number(literal: str) -> float:
        value = float(literal)
        if not math.isfinite(value):
            raise NotItsKind(f"holds {literal}, a number too large for JSON", f"{expected}, with finite numbers")
        return value

    def constant(name: str) -> Any:
        raise NotItsKind(f"is not JSON: {name} is no JSON value", expected)

    try:
        return json.loads(text, object_pairs_hook=pairs, parse_float=number, parse_constant=constant)
    except json.JSONDecodeError as exc:
        raise NotItsKind(f"is not JSON: {exc.msg}", expected, exc.lineno, exc.colno) from None


def _json_kind(data: Any) -> str:
    kinds = {list: "an array", str: "a string", bool: "true or false", type(None): "null"}
    return kinds.get(type(data), "a number")
