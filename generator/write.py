"""Write stage: compare artifacts with the out dir, then write only what changed, atomically.

A file whose bytes would not change is left alone (its mtime stays). Writing has two steps:
every new content first goes to a temporary file beside its target (when any of these
writes fails, the temporary files and the folders made for them are removed, and nothing
in the out dir has changed); then each is renamed over its target, which is atomic, so a
run killed at any moment leaves each file in its old or its new version, never truncated.
Files that no spec produces any more are removed last, but only files errgen wrote,
recognised by their header; nothing else in the out dir is touched. A temporary file left
by a killed run carries the header too, so the next run removes it.

Every target must stay inside the out dir, also after following symbolic links.

Test hook: when the environment variable ERRGEN_TEST_PAUSE holds a number, errgen sleeps
that many seconds before each rename and removal, so that a test can kill a real run
between two writes.
"""

from __future__ import annotations

import errno
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from .outdir import generated_files

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping

    from .render import Artifact



@dataclass(frozen=True)
class Change:
    path: str  # relative to the out dir, POSIX
    old: str | None  # None: the file does not exist yet
    new: str | None  # None: the file is to be removed
    data: bytes | None = field(default=None, compare=False, repr=False)  # new, encoded, when known

    def encoded(self) -> bytes:
        assert self.new is not None
        return self.data if self.data is not None else self.new.encode("utf-8")


@dataclass
class Plan:
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0


class UnsafePath(ValueError):
    """An artifact path that would leave the out dir."""


class WriteFailed(Exception):
    """Writing to the out dir failed; ``changed`` tells whether anything was changed."""

    def __init__(self, path: str, reason: str, *, changed: bool) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.changed = changed


def plan(
    out_dir: Path,
    artifacts: list[Artifact],
    kept: Collection[str] | None = None,
    on_disk: Mapping[str, str] | None = None,
) -> Plan:
    """What writing these artifacts would change under out_dir; reads, never writes.

    ``kept``: the other files to leave as they are, from a caller that has made sure they
    hold what it would write and that no other errgen file is there (see incremental).
    ``on_disk``: the text of files the caller has just read from the out dir, by path."""
    result = Plan(unchanged=len(kept or ()))
    wanted = set()
    target = _Targets(out_dir)
    for artifact in artifacts:
        wanted.add(artifact.path)
        known = on_disk.get(artifact.path) if on_disk else None
        old = known if known is not None else read_text(target(artifact.path))
        if old == artifact.text:
            result.unchanged += 1
        else:
            result.changes.append(Change(artifact.path, old, artifact.text, artifact.data))
    for path in generated_files(out_dir) if kept is None else ():
        if path not in wanted:
            result.changes.append(Change(path, read_text(out_dir / path), None))
    result.changes.sort(key=lambda change: change.path)
    return result


def apply(out_dir: Path, changes: list[Change]) -> None:
    """Make the changes: stage every new file, then rename each into place, then remove."""
    staged: list[tuple[Path, Path]] = []  # (temporary file, target)
    made: list[Path] = []  # folders made for the staged files, outermost first
    current = out_dir
    _target = _Targets(out_dir)
    try:
        writes: list[tuple[Path, bytes]] = []
        for change in changes:
            if change.new is not None:
                current = target = _target(change.path)
                if target.is_dir() and not target.is_symlink():
                    raise IsADirectoryError(errno.EISDIR, "a folder is in the way of the file")
                made.extend(_make_folders(target.parent))
                writes.append((target, change.encoded()))
        failed = _stage_all(writes, staged)
        if failed is not None:
            current = failed[0]
            raise failed[1]
    except BaseException as exc:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        for folder in reversed(made):
            _rmdir(folder)
        if isinstance(exc, OSError):
            raise WriteFailed(current.as_posix(), _reason(exc), changed=False) from exc
        raise
    pause = float(os.environ.get("ERRGEN_TEST_PAUSE") or 0)
    done = 0
    try:
        for temp, target in staged:
            current = target
            time.sleep(pause)
            os.replace(temp, target)
            done += 1
        for change in changes:
            if change.new is None:
                current = target = _target(change.path)
                time.sleep(pause)
                target.unlink(missing_ok=True)
                _remove_empty_parents(target.parent, out_dir)
                done += 1
    except OSError as exc:
        for temp, _ in staged[done:]:
            temp.unlink(missing_ok=True)
        raise WriteFailed(current.as_posix(), _reason(exc), changed=done > 0) from exc


def write_manifest(path: Path, text: str) -> None:
    """Write the manifest atomically; its cache folder gets a .gitignore of its own (as
    .mypy_cache does), so the record of this machine's run is never committed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    ignore = path.parent / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# errgen's cache: safe to delete\n*\n", encoding="utf-8")
    os.replace(_stage(path, text.encode("utf-8")), path)


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


class _Targets:
    """The file of each artifact path in the out dir, refused when it would be outside."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self._root = os.path.realpath(out_dir)
        self._inside: set[Path] = set()  # folders seen to resolve inside the out dir

    def __call__(self, path: str) -> Path:
        relative = PurePosixPath(path)
        if relative.is_absolute() or ".." in relative.parts or not relative.parts or "\\" in path or "\0" in path:
            raise UnsafePath(f"artifact path {path!r} would leave the out dir")
        target = self.out_dir.joinpath(*relative.parts)
        if target.parent not in self._inside:
            root = self._root
            folder = os.path.realpath(target.parent)
            if folder != root and not folder.startswith(root.rstrip(os.sep) + os.sep):
                raise UnsafePath(f"{target.parent.as_posix()} leads outside {self.out_dir.as_posix()}/ (a symbolic link)")
            self._inside.add(target.parent)
        return target


def read_text(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None
    except UnicodeDecodeError:
        return ""  # not ours to keep as is: it will be replaced


def _make_folders(folder: Path) -> list[Path]:
    """Make a folder and its missing parents; the ones made, outermost first."""
    missing = []
    while not folder.exists() and not folder.is_symlink():
        missing.append(folder)
        folder = folder.parent
    missing.reverse()
    for path in missing:
        path.mkdir()
    return missing


# From this many files on, they are staged by threads: each waits on the disk for its fsync
# (which lets other threads run), and the disk takes many at once.
MANY_FILES = 16


def _stage_all(writes: list[tuple[Path, bytes]], staged: list[tuple[Path, Path]]) -> tuple[Path, BaseException] | None:
    """Stage every write, adding each staged file to ``staged``; the first failure, if any,
    once every write has finished or failed."""
    if len(writes) < MANY_FILES:
        for target, data in writes:
            try:
                staged.append((_stage(target, data), target))
            except BaseException as exc:
                return target, exc
        return None
    from concurrent.futures import ThreadPoolExecutor

    failed: tuple[Path, BaseException] | None = None
    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [(target, pool.submit(_stage, target, data)) for target, data in writes]
        for target, future in futures:
            try:
                staged.append((future.result(), target))
            except BaseException as exc:
                failed = failed or (target, exc)
    return failed


def _stage(target: Path, data: bytes) -> Path:
    """The new content in a temporary file beside the target, flushed to disk."""
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return Path(temp)


def _rmdir(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _remove_empty_parents(folder: Path, out_dir: Path) -> None:
    while folder != out_dir and out_dir in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
