"""A document that holds every catalog's: a head whose empty sections two levels down
(`components/schemas`) are filled with the entries of that section in each catalog's own
document, joined as bytes in catalog order."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..diagnostics import one_line
from .yamltext import dump, opening


def combine(
    head: Any, header: str, entries: Callable[[str], Iterator[bytes]], placed: Callable[[str, int], None] | None = None
) -> Iterator[bytes]:
    """The YAML document as chunks of bytes; ``entries(path)`` gives each catalog's entries of
    the section at ``path`` (`components/schemas`), in order, as its own document has them;
    ``placed(path, offset)`` learns where in the document that section's entries start."""
    done = 0

    def out(chunk: bytes) -> bytes:
        nonlocal done
        done += len(chunk)
        return chunk

    yield out(f"# {one_line(header)}\n".encode())
    for key, value in head.items():
        if not (isinstance(value, dict) and value):
            yield out(dump({key: value}).encode())
            continue
        yield out(opening(key, "").encode())
        for name, item in value.items():
            parts = entries(f"{key}/{name}") if item == {} else iter(())
            first = next(parts, None)
            if first is None:
                yield out(dump({name: item}, indent="  ").encode())
                continue
            yield out(opening(name, "  ").encode())
            if placed is not None:
                placed(f"{key}/{name}", done)
            yield out(first)
            for part in parts:
                yield out(part)
