"""Write stage: new contents staged beside their targets, then renamed into place; only errgen's
own files are ever removed."""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from ..inputs import read_open

# Files of this many bytes or fewer are read whole when they are compared.
READ_LIMIT = 1 << 30
# The end of every temporary file's name (new contents, and old ones kept until a run ends): a
# file a killed run left is known by it and removed.
TEMPORARY, KEPT = ".errgen-tmp", ".errgen-old"
_TEMPORARY = re.compile(r"\..+\.[A-Za-z0-9_-]+(?:" + re.escape(TEMPORARY) + "|" + re.escape(KEPT) + ")")
# The record of the files errgen wrote in an out dir, committed with them: errgen removes or
# overwrites no other file there. Beside it, the lock of the run at work.
RECORD, LOCK = ".errgen/files", ".errgen/lock"
NAME_MAX = 255  # the longest file name most file systems hold, in bytes
_RECORD_HEAD = "# errgen: the files it wrote in this folder; it removes or overwrites no other. Do not edit.\n"


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
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "a folder is in the way of the file", os.fspath(path))
        if not stat.S_ISREG(mode):
            raise WriteFailed(Path(path).as_posix(), "not a regular file (a FIFO, a device or a socket); expected a file or nothing", False)
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


def commit(out_dir: Path, staged: list[tuple[Path, Path]], removals: list[Path], garbage: Iterable[Path] = ()) -> None:
    """Every staged file renamed over its target and every file no longer made removed, as one
    change: when a step fails, the files already replaced or removed are put back. ``garbage``
    (the temporary files of a killed run) is removed once all is done."""
    done: list[tuple[Path, Path | None]] = []  # each target, and its old file kept under another name
    current = out_dir
    try:
        for temp, target in staged:
            current = target
            kept = _keep(target)
            try:
                os.replace(temp, target)
            except OSError:
                if kept is not None:
                    kept.unlink()
                raise
            done.append((target, kept))
        for target in removals:
            current = target
            aside = target.with_name(f".{target.name}.{os.getpid()}{KEPT}")
            os.replace(target, aside)
            done.append((target, aside))
    except OSError as exc:
        undone = _undo(done)
        discard(staged[len(done) :] if len(done) <= len(staged) else [], [])
        raise WriteFailed(current.as_posix(), reason(exc), not undone) from exc
    for _target, kept in done:
        if kept is not None:
            kept.unlink(missing_ok=True)
    for target in [*removals, *garbage]:
        target.unlink(missing_ok=True)
        _remove_empty_parents(target.parent, out_dir)


def _keep(target: Path) -> Path | None:
    """The old file under another name (a hard link, or a copy where links cannot be made), or
    None when there is none."""
    if not os.path.lexists(target):
        return None
    kept = target.with_name(f".{target.name}.{os.getpid()}{KEPT}")
    try:
        os.link(target, kept, follow_symlinks=False)
    except OSError:
        import shutil

        shutil.copy2(target, kept, follow_symlinks=False)
    return kept


def _undo(done: list[tuple[Path, Path | None]]) -> bool:
    """Put back what commit did; whether all of it could be."""
    whole = True
    for target, kept in reversed(done):
        try:
            if kept is None:
                target.unlink(missing_ok=True)
            else:
                os.replace(kept, target)
        except OSError:
            whole = False
    return whole


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


def scan(out_dir: Path) -> tuple[list[str], list[str]]:
    """What a walk through the out dir finds besides errgen's own files (links to folders are not
    followed): the files a killed run left (see TEMPORARY), and the folders below that hold
    another configuration's record, which are out dirs of their own."""
    temporaries, records = [], []
    top = os.fspath(out_dir)
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        folder = os.path.relpath(root, top).replace(os.sep, "/")
        prefix = "" if folder == "." else folder + "/"
        temporaries += [prefix + name for name in sorted(files) if _TEMPORARY.fullmatch(name)]
        if folder != "." and ".errgen" in dirs and os.path.isfile(os.path.join(root, ".errgen", "files")):
            records.append(folder)
    return temporaries, records


def out_dir_problem(out_dir: Path, root: Path, inputs: list[Path]) -> str | None:
    """Why errgen may not own this folder: it is the project's root, holds one of the project's
    inputs (a spec, the configuration, the templates), or lies inside another out dir; else None."""
    if any(len(os.fsencode(part)) > NAME_MAX for part in Path(out_dir).parts):  # also below a folder yet to be made
        return f"has a name longer than the {NAME_MAX} bytes a file system holds; expected shorter folder names"
    try:
        os.lstat(out_dir)
    except (FileNotFoundError, NotADirectoryError):  # made by the run; a file in the way is named then
        pass
    except OSError as exc:  # a loop of links, a folder it may not search...
        return f"cannot be used: {exc.strerror or type(exc).__name__}; expected a folder errgen can write"
    full = os.path.realpath(out_dir)  # through links: a link to the root is the root
    if full == os.path.realpath(root):
        return "is the project's root; expected a folder of errgen's own, such as generated"
    for path in inputs:
        real = os.path.realpath(path)
        if real == full or real.startswith(os.path.join(full, "")):
            what = "is" if real == full else "holds"
            return f"{what} {_shown(path)}, one of the project's inputs; expected a folder that holds no spec, configuration or template"
    if os.path.lexists(full) and not os.path.isdir(full):
        return "is not a folder; expected a folder"
    folder = os.path.dirname(full)
    while not os.path.isfile(os.path.join(folder, RECORD)):
        if os.path.dirname(folder) == folder:
            return None
        folder = os.path.dirname(folder)
    return f"is inside {_shown(Path(folder))}, the out dir of another run (it holds {RECORD}); expected a folder apart from every other out dir"


def _shown(path: Path) -> str:
    from ..inputs import display_path

    return display_path(Path(path))


def owned(out_dir: Path) -> set[str] | None:
    """The files the out dir's record says errgen wrote there; None when it has no record."""
    data = read(out_dir / RECORD)
    if data is None:
        return None
    lines = data.decode("utf-8", "replace").splitlines()
    return {line for line in lines if line and not line.startswith("#") and not line.startswith("/") and ".." not in line.split("/")}


def record(paths: Iterable[str]) -> bytes:
    """The record of the files errgen writes in an out dir."""
    return (_RECORD_HEAD + "".join(f"{path}\n" for path in sorted(paths))).encode()


class Lock:
    """The one errgen run at work in an out dir, as git's index.lock: a second run waits a short
    while, then fails naming the lock; the lock of a process that is gone is taken over."""

    def __init__(self, path: Path, wait: float = 10.0) -> None:
        self.path, self.wait = path, wait
        try:
            self.made = _make_folders(path.parent)
        except OSError as exc:
            raise WriteFailed(path.as_posix(), reason(exc), False) from exc

    def __enter__(self) -> Lock:
        import socket
        import time

        deadline, me = time.monotonic() + self.wait, f"{os.getpid()} {socket.gethostname()}\n"
        while True:
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                if _gone(self.path):  # the run that held it has ended without letting go
                    self.path.unlink(missing_ok=True)
                elif time.monotonic() > deadline:
                    self._leave()
                    holder = (read(self.path) or b"?").decode("utf-8", "replace").split()[:1]
                    why = f"another errgen run (process {' '.join(holder) or '?'}) holds this lock; wait for it to end, or remove the lock if no errgen runs"
                    raise WriteFailed(self.path.as_posix(), why, False) from None
                else:
                    time.sleep(0.05)
                continue
            except OSError as exc:
                self._leave()
                raise WriteFailed(self.path.as_posix(), reason(exc), False) from exc
            os.write(fd, me.encode())
            os.close(fd)
            return self

    def __exit__(self, *_: object) -> None:
        self.path.unlink(missing_ok=True)
        self._leave()

    def _leave(self) -> None:
        for folder in reversed(self.made):
            _rmdir(folder)


_UNWRITTEN_LOCK_AGE = 2.0  # seconds: a live run writes its pid at once after making the lock


def _gone(lock: Path) -> bool:
    """Whether the process named in a lock file of this machine has ended."""
    import socket
    import time

    try:
        text = (read(lock) or b"").decode()
        if not text.strip():  # made, not yet written: a run killed in between, once it is old
            return time.time() - os.stat(lock).st_mtime > _UNWRITTEN_LOCK_AGE
        pid, *rest = text.split()
        host = rest[0] if rest else socket.gethostname()  # a lock of a single pid is this machine's
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return host == socket.gethostname()
    except (ValueError, OSError):
        return False
    return False


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
    lines = difflib.unified_diff(_lines(old or ""), _lines(new or ""), before, after)
    return "".join(_visible(line) if line.endswith("\n") else _visible(line) + "\n\\ No newline at end of file\n" for line in lines)


def _lines(text: str) -> list[str]:
    """Lines as a diff reader counts them, each with its line feed: str.splitlines would end a
    line at a CR, a form feed or a line separator too, and mark each "No newline at end of file"."""
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def _visible(line: str) -> str:
    """A line of a diff with the control characters a terminal would act on as escapes."""
    from ..diagnostics import visible

    return visible(line)


def io_message(exc: BaseException) -> str:
    """What a user reads when the out dir could not be written."""
    if isinstance(exc, UnsafePath):
        return f"{exc}; expected an out dir whose folders stay inside it"
    if isinstance(exc, WriteFailed):
        return f"cannot write {exc.path}: {exc.reason}; {'some files were replaced' if exc.changed else 'nothing was changed'}"
    assert isinstance(exc, OSError)
    return f"cannot write {exc.filename or ''}: {reason(exc)}; nothing was changed"
