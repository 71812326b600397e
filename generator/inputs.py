"""Find and read the inputs: spec files (PATH arguments are files or folders of Markdown
specs) and the folder of built-in templates.

This module is on check's fast path, so it defers importing the diagnostics (and with them
dataclasses) until there is a problem to report.
"""

from __future__ import annotations

import os
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .diagnostics import Diagnostic

SPEC_SUFFIXES = (".md", ".markdown")

BUILTIN_TEMPLATES = Path(__file__).parent / "templates"
if not BUILTIN_TEMPLATES.is_dir():  # running from a source checkout
    BUILTIN_TEMPLATES = Path(__file__).parent.parent / "templates"


class Spec:
    """A spec file's display path (POSIX, relative to the working directory, as diagnostics and
    headers show it) and its bytes."""

    __slots__ = ("path", "data")

    def __init__(self, path: str, data: bytes) -> None:
        self.path = path
        self.data = data

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Spec) and (self.path, self.data) == (other.path, other.data)

    def __hash__(self) -> int:
        return hash((self.path, self.data))

    def __repr__(self) -> str:
        return f"Spec({self.path!r}, <{len(self.data)} bytes>)"


def error(path: str, line: int, col: int, message: str) -> Diagnostic:
    from .diagnostics import error

    return error(path, line, col, message)


def display_path(path: Path, cwd: Path | None = None) -> str:
    """A path as users and generated headers see it: relative and POSIX when possible."""
    cwd = cwd or Path.cwd()
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(cwd)).as_posix()
    except ValueError:
        return path.as_posix()


def find_specs(paths: list[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """Spec files in argument order; folders are searched recursively, in sorted order."""
    found: list[Path] = []
    problems: list[Diagnostic] = []
    for path in paths:
        shown = display_path(path)
        if path.is_dir():
            specs = sorted(
                p for p in path.rglob("*") if p.suffix.lower() in SPEC_SUFFIXES and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not specs:
                problems.append(error(shown, 1, 1, "folder holds no Markdown specs; expected *.md files"))
            found.extend(specs)
        elif path.is_file():
            found.append(path)
        elif path.exists():
            problems.append(error(shown, 1, 1, "not a regular file; expected a Markdown spec or a folder of them"))
        else:
            problems.append(error(shown, 1, 1, "no such file or folder; expected a Markdown spec or a folder of them"))
    unique = list(dict.fromkeys(Path(os.path.abspath(p)) for p in found))
    return unique, problems


def read_specs(paths: list[Path]) -> tuple[list[Spec], list[Diagnostic]]:
    specs: list[Spec] = []
    problems: list[Diagnostic] = []
    for path in paths:
        shown = display_path(path)
        try:
            specs.append(Spec(shown, path.read_bytes()))
        except OSError as exc:
            reason = exc.strerror or exc.__class__.__name__
            problems.append(error(shown, 1, 1, f"cannot read the spec: {reason}"))
    return specs, problems
