"""Write stage: compare artifacts with the out dir, then write only what changed, atomically.

A file whose bytes would not change is left alone (its mtime stays). New content goes to a
temporary file in the same folder and is renamed over the old one, so a killed run leaves
each file in its old or its new version. Files that no spec produces any more are removed,
but only files errgen wrote, recognised by their header; nothing else in the out dir is
touched.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from .outdir import MARKER, generated_files  # noqa: F401 - MARKER is part of this module's interface

if TYPE_CHECKING:
    from .render import Artifact



@dataclass(frozen=True)
class Change:
    path: str  # relative to the out dir, POSIX
    old: str | None  # None: the file does not exist yet
    new: str | None  # None: the file is to be removed


@dataclass
class Plan:
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0


class UnsafePath(ValueError):
    """An artifact path that would leave the out dir."""


def plan(out_dir: Path, artifacts: list[Artifact]) -> Plan:
    """What writing these artifacts would change under out_dir; reads, never writes."""
    result = Plan()
    wanted = set()
    for artifact in artifacts:
        target = _target(out_dir, artifact.path)
        wanted.add(artifact.path)
        old = read_text(target)
        if old == artifact.text:
            result.unchanged += 1
        else:
            result.changes.append(Change(artifact.path, old, artifact.text))
    for path in generated_files(out_dir):
        if path not in wanted:
            result.changes.append(Change(path, read_text(out_dir / path), None))
    result.changes.sort(key=lambda change: change.path)
    return result


def apply(out_dir: Path, changes: list[Change]) -> None:
    for change in changes:
        target = _target(out_dir, change.path)
        if change.new is None:
            target.unlink(missing_ok=True)
            _remove_empty_parents(target.parent, out_dir)
        else:
            _write_atomic(target, change.new)


def unified_diff(change: Change) -> str:
    import difflib

    old = (change.old or "").splitlines(keepends=True)
    new = (change.new or "").splitlines(keepends=True)
    before = "/dev/null" if change.old is None else f"a/{change.path}"
    after = "/dev/null" if change.new is None else f"b/{change.path}"
    lines = difflib.unified_diff(old, new, before, after)
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def describe(change: Change) -> str:
    if change.old is None:
        return "would be created"
    if change.new is None:
        return "would be removed"
    return "is out of date"


def _target(out_dir: Path, path: str) -> Path:
    relative = PurePosixPath(path)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise UnsafePath(f"artifact path {path!r} would leave the out dir")
    return out_dir.joinpath(*relative.parts)


def read_text(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None
    except UnicodeDecodeError:
        return ""  # not ours to keep as is: it will be replaced


def _write_atomic(target: Path, text: str) -> None:
    import tempfile

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _remove_empty_parents(folder: Path, out_dir: Path) -> None:
    while folder != out_dir and out_dir in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
