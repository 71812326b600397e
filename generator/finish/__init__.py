"""Finish stage: each rendered text in its final form, as bytes, with its do-not-edit header."""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any, NamedTuple

from ..diagnostics import one_line
from .yamltext import dump
from .combined import combine
from .pyformat import format_python, wrapped_by_black

__all__ = ["Finished", "combine", "finish", "load_json", "wrapped_by_black"]

_COMMENT = {".py": "#", ".toml": "#", ".typed": "#", ".yaml": "#", ".yml": "#", ".cfg": "#", ".txt": "#"}


class Finished(NamedTuple):
    data: bytes
    # a YAML document's sections two levels down (`components/schemas`): byte ranges of their entries
    spans: dict[str, tuple[int, int]]


def finish(path: str, text: str, header: str, *, builtin: bool = False) -> Finished:
    """Python laid out as black lays it out (``builtin``: errgen's own templates write black's
    layout), JSON re-serialised with the header as ``$comment``, YAML written from the
    template's JSON, other text with the header as a comment where its kind has one."""
    suffix = PurePosixPath(path).suffix
    if suffix == ".json":
        data = load_json(path, text, checked=not builtin)
        return Finished((json.dumps({"$comment": header, **data}, ensure_ascii=False, indent=2) + "\n").encode(), {})
    if suffix in (".yaml", ".yml"):
        spans: dict[str, tuple[int, int]] = {}
        first = f"# {one_line(header)}\n".encode()
        body = dump(load_json(path, text, checked=not builtin), spans=spans)

        def offset(chars: int) -> int:
            return len(first) + (chars if body.isascii() else len(body[:chars].encode()))

        return Finished(first + body.encode(), {name: (offset(s), offset(e)) for name, (s, e) in spans.items()})
    if suffix in _COMMENT:
        text = f"{_COMMENT[suffix]} {one_line(header)}\n{text}"
    if suffix == ".py":
        text = format_python(text, black_style=builtin)
    return Finished(text.encode(), {})


def load_json(path: str, text: str, *, checked: bool = True) -> Any:
    """A template's JSON text. ``checked``: a name given twice in one object is a template bug,
    not a value to drop silently as ``json.loads`` would (tests show errgen's own never do)."""
    if not checked:
        return json.loads(text)

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        data = dict(items)
        if len(data) != len(items):
            seen = [name for name, _ in items]
            twice = sorted({name for name in seen if seen.count(name) > 1})
            raise ValueError(f"{path}: the template renders {', '.join(twice)} twice in one object")
        return data

    return json.loads(text, object_pairs_hook=pairs)
