"""Read stage: one spec from standard input (`-` as PATH), under the name `--stdin-filename` gives it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from .inputs import MAX_SPEC_BYTES, Spec, display_path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .diagnostics import Diagnostic

DEFAULT_NAME = "stdin.md"  # black and ruff name theirs after the stream too
_CHUNK = 1 << 20


def read_stdin(name: str, root: Path, stream: BinaryIO | None = None) -> tuple[Spec | None, list[Diagnostic]]:
    """The spec piped in, named ``name`` (a path from the working directory, which gives its
    catalog id and locale as a file's name does), read as a file is: at most MAX_SPEC_BYTES
    kept, the rest only counted so that the size a too-large spec is refused at is true."""
    shown = display_path(Path(name), root)
    try:
        source = stream if stream is not None else sys.stdin.buffer
        data = source.read(MAX_SPEC_BYTES + 1)
        size = len(data)
        while size > MAX_SPEC_BYTES and (more := source.read(_CHUNK)):
            size += len(more)
    except (AttributeError, OSError, ValueError) as exc:  # no standard input, a closed one, a read error
        from .diagnostics import error

        reason = getattr(exc, "strerror", None) or "it is closed"
        return None, [error("E101", shown, 1, 1, f"cannot read standard input: {reason}; expected a spec piped in for '-'")]
    return Spec(shown, data, size), []
