"""Write stage: new contents staged beside their targets, then renamed into place; only errgen's
own files are ever removed."""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Container, Iterable
from pathlib import Path

from ..inputs import read_open

# Files of this many bytes or fewer are read whole when they are compared.
READ_LIMIT = 1 << 30
# The end of every temporary file's name: a file a killed run left is known by it and removed.
TEMPORARY = ".errgen-tmp"
_TEMPORARY = re.compile(r"\..+\.[A-Za-z0-9_]+" + re.escape(TEMPORARY))


class UnsafePath(ValueError):
    """An artifact path that would leave the out dir."""


class WriteFailed(Exception):
    """Writing to the out dir failed; ``changed`` tells whether anything was changed."""

    def __init__(self, path: str, reason: str, changed: bool) -> None:
        super().__init__(path, reason, changed)
        self.path, self.reason, self.changed = path, reason, changed

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class Targets:
    """The file of each artifact path in the out dir, refused when it would be outside, also
    after following symbolic links."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self._prefix = os.path.join(os.fspath(out_dir), "")
        self._root = os.path.realpath(out_dir)
        self._inside: set[str] = set()  # folders seen to resolve inside the out dir
        self._files: dict[str, str] = {}

    def __call__(self, path: str) -> Path:
        return Path(self.file(path))

    def file(self, path: str) -> str:
        found = self._files.get(path)
        if found is not None:
            return found
        parts = [part for part in path.split("/") if part not in ("", ".")]
        if not parts or path.startswith("/") or ".." in parts or "\\" in path or "\0" in path:
            raise UnsafePath(f"artifact path {path!r} would leave the out dir")
        target = self._prefix + os.sep.join(parts)
        folder = target.rpartition(os.sep)[0]
        if folder not in self._inside:
            real = os.path.realpath(folder)
            if real != self._root and not real.startswith(self._root.rstrip(os.sep) + os.sep):
                shown = Path(self.out_dir, *parts[:-1]).as_posix()
                raise UnsafePath(f"{shown} leads outside {self.out_dir.as_posix()}/ (a symbolic link)")
            self._inside.add(folder)
        self._files[path] = target
        return target


def read(path: Path | str) -> bytes | None:
    """A file's bytes, or None when there is no such file; a folder in its place is an error."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (FileNotFoundError, NotADirectoryError):
        return None
    try:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise IsADirectoryError(errno.EISDIR, "a folder is in the way of the file", os.fspath(path))
        return read_open(fd, READ_LIMIT)
    finally:
        os.close(fd)


def stage(target: Path, chunks: Iterable[bytes], *, durable: bool = True) -> tuple[Path, list[Path]]:
    """New content in a temporary file beside ``target`` (flushed to disk when ``durable``), and
    the folders made for it, outermost first."""
    import tempfile

    made: list[Path] = []
    try:
        try:
            fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMPORARY, dir=target.parent)
        except FileNotFoundError:
            made = _make_folders(target.parent)
            fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMPORARY, dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                for chunk in chunks:
                    handle.write(chunk)
                if durable:
                    handle.flush()
                    os.fsync(handle.fileno())
            os.chmod(temp, 0o644)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except BaseException as exc:
        for folder in reversed(made):
            _rmdir(folder)
        if isinstance(exc, OSError):
            raise WriteFailed(target.as_posix(), reason(exc), False) from exc
        raise
    return Path(temp), made


def commit(out_dir: Path, staged: list[tuple[Path, Path]], removals: list[Path]) -> None:
    """Rename each staged file over its target, then remove the files no longer made."""
    done = 0
    current = out_dir
    try:
        for temp, target in staged:
            current = target
            os.replace(temp, target)
            done += 1
        for target in removals:
            current = target
            target.unlink(missing_ok=True)
            _remove_empty_parents(target.parent, out_dir)
            done += 1
    except OSError as exc:
        discard(staged[done:], [])
        raise WriteFailed(current.as_posix(), reason(exc), done > 0) from exc


def discard(staged: list[tuple[Path, Path]], folders: list[Path]) -> None:
    """Remove staged files and the folders made for them (innermost first, when empty)."""
    for temp, _target in staged:
        temp.unlink(missing_ok=True)
    for folder in sorted(set(folders), key=lambda f: len(f.parts), reverse=True):
        _rmdir(folder)


def put(path: Path, data: bytes) -> None:
    """Write one file atomically (errgen's cache files)."""
    temp, _made = stage(path, [data], durable=False)
    os.replace(temp, path)


def generated_files(out_dir: Path, marker: bytes, skip: Container[str] = ()) -> list[str]:
    """Files under out_dir whose first 512 bytes hold ``marker`` (errgen's header), and errgen's
    temporary files, less those in ``skip`` (relative POSIX paths; they are not even opened)."""
    found: list[str] = []
    if not out_dir.is_dir():
        return found
    top = os.fspath(out_dir)
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        folder = os.path.relpath(root, top).replace(os.sep, "/")
        for name in sorted(files):
            relative = name if folder == "." else f"{folder}/{name}"
            if relative in skip:
                continue
            if _TEMPORARY.fullmatch(name):
                found.append(relative)
                continue
            try:
                with open(os.path.join(root, name), "rb") as handle:
                    head = handle.read(512)
            except OSError:
                continue
            if marker in head:
                found.append(relative)
    return found


def reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _make_folders(folder: Path) -> list[Path]:
    """Make a folder and its missing parents; the ones made, outermost first."""
    missing = []
    while not folder.exists() and not folder.is_symlink():
        missing.append(folder)
        folder = folder.parent
    missing.reverse()
    made = []
    for path in missing:
        try:
            path.mkdir()
            made.append(path)
        except FileExistsError:  # another process or thread of this run made it
            pass
    return made


def _rmdir(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass


def _remove_empty_parents(folder: Path, out_dir: Path) -> None:
    while folder != out_dir and out_dir in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def unified_diff(path: str, old: str | None, new: str | None) -> str:
    """What a change to the out dir looks like to a reader."""
    import difflib

    before = "/dev/null" if old is None else f"a/{path}"
    after = "/dev/null" if new is None else f"b/{path}"
    lines = difflib.unified_diff((old or "").splitlines(keepends=True), (new or "").splitlines(keepends=True), before, after)
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)

