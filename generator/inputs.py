"""Find and read spec files: PATH arguments are files or folders of Markdown specs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, error

SPEC_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class Spec:
    path: str  # as shown in diagnostics and headers: POSIX, relative to the working directory
    data: bytes


def display_path(path: Path, cwd: Path | None = None) -> str:
    """A path as users and generated headers see it: relative and POSIX when possible."""
    cwd = cwd or Path.cwd()
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(cwd)).as_posix()
    except ValueError:
        return path.as_posix()


def find_specs(paths: list[Path], root: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Spec files in argument order; folders are searched recursively, in sorted order."""
    found: list[Path] = []
    problems: list[Diagnostic] = []
    for path in paths:
        shown = display_path(path, root)
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


def read_specs(paths: list[Path], root: Path) -> tuple[list[Spec], list[Diagnostic]]:
    specs: list[Spec] = []
    problems: list[Diagnostic] = []
    for path in paths:
        shown = display_path(path, root)
        try:
            specs.append(Spec(shown, path.read_bytes()))
        except OSError as exc:
            reason = exc.strerror or exc.__class__.__name__
            problems.append(error(shown, 1, 1, f"cannot read the spec: {reason}"))
    return specs, problems
