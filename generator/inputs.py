"""Read stage: the spec files that PATH arguments name (files or folders of Markdown specs), and
where the built-in templates are."""

from __future__ import annotations

import os
import stat
from pathlib import Path

TYPE_CHECKING = False  # on check's fast path: diagnostics are imported when there is one
if TYPE_CHECKING:
    from .diagnostics import Diagnostic

SPEC_SUFFIXES = (".md", ".markdown")
NOT_A_FILE = "not a regular file (a FIFO, a device or a socket); expected a Markdown spec or a folder of them"
LINK_TO_NOTHING = "a symbolic link to nothing; expected a Markdown spec or a folder of them"
# A spec is read up to this size (and one byte more, to tell that it is larger), so time and
# memory stay bounded whatever file is named; real pages are well under 200 KB.
MAX_SPEC_BYTES = 1024 * 1024

BUILTIN_TEMPLATES = Path(__file__).parent / "templates"
if not BUILTIN_TEMPLATES.is_dir():  # running from a source checkout
    BUILTIN_TEMPLATES = Path(__file__).parent.parent / "templates"


class Spec:
    """A spec file's display path (POSIX, relative to the project root, with `..` for a spec
    outside it, as diagnostics and headers show it), its bytes (the whole file, or its first
    MAX_SPEC_BYTES + 1 bytes when it is larger) and its size as read. A plain class:
    dataclasses cost check's fast path more than the whole check."""

    __slots__ = ("path", "data", "size")

    def __init__(self, path: str, data: bytes, size: int) -> None:
        self.path, self.data, self.size = path, data, size

    @property
    def too_large(self) -> bool:
        return self.size > MAX_SPEC_BYTES

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Spec) and (self.path, self.data) == (other.path, other.data)

    def __hash__(self) -> int:
        return hash((self.path, self.data))

    def __repr__(self) -> str:
        return f"Spec({self.path!r}, <{self.size} bytes>)"


def too_large(size: int) -> str:
    return (
        f"the spec is larger than {MAX_SPEC_BYTES // 2**20} MiB ({size / 2**20:.1f} MiB, {size} bytes); "
        "expected a page written by hand, at most that size: split it into one file per product"
    )


def read(paths: list[Path], root: Path, include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> tuple[list[Spec], list[Diagnostic]]:
    """The spec files these paths name, read, and the problems finding or reading them."""
    files, find_problems = find_specs(paths, root, include, exclude)
    specs, read_problems = read_specs(files, root)
    return specs, find_problems + read_problems


def error(code: str, path: str, line: int, col: int, message: str) -> Diagnostic:
    from .diagnostics import error

    return error(code, path, line, col, message)


def one_line(text: str) -> str:
    from .diagnostics import one_line

    return one_line(text)


def display_path(path: Path, cwd: Path | None = None, *, above: bool = False) -> str:
    """A path as users and generated headers see it: relative and POSIX when possible; with
    ``above``, relative also when it is not below ``cwd`` (`../docs/x.md`), as spec paths are:
    they go into generated headers, which must not hold the machine's folders.

    Bytes of a file name that are not UTF-8 (`caf\\xe9.md`) and invisible characters such as
    line breaks and bidi controls (`new\\nline.md`) are shown as escapes, so the name prints
    on one line, sorts as shown and can be written into generated files."""
    return _shown(path, os.path.abspath(path), os.path.join(os.path.abspath(cwd or os.getcwd()), ""), above)


def _shown(path: Path, full: str, base: str, above: bool = False) -> str:
    """``display_path`` of ``path``, whose absolute form is ``full``, below ``base`` (which ends in a separator)."""
    if full == base[:-1]:
        shown = "."
    elif full.startswith(base):
        shown = full[len(base) :].replace(os.sep, "/")
    else:
        shown = path.as_posix()
        if above:
            try:
                shown = Path(os.path.relpath(full, base)).as_posix()
            except ValueError:  # another drive (Windows): no relative path there
                pass
    if shown.isprintable():
        return shown
    return one_line(shown.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))


def find_specs(paths: list[Path], root: Path, include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> tuple[list[Path], list[Diagnostic]]:
    """Spec files in argument order; folders are searched recursively, in sorted order, leaving
    out hidden files and folders and not following links to folders. Of a folder's files, only
    those ``include`` matches (when it names any) and ``exclude`` does not are specs; a file
    named itself always is, as black does with the files it is given."""
    found: list[str] = []
    problems: list[Diagnostic] = []
    for path in paths:
        shown = display_path(path, root)
        try:
            kind = os.stat(path).st_mode
        except OSError as exc:
            problems.append(error("E101", shown, 1, 1, f"{_missing(exc)}; expected a Markdown spec or a folder of them"))
            continue
        if stat.S_ISDIR(kind):
            specs, special = _spec_files(os.fspath(path))
            if not specs and not special:
                problems.append(error("E102", shown, 1, 1, "folder holds no Markdown specs; expected *.md files"))
            elif include or exclude:
                specs = [p for p in specs if selected(p, root, include, exclude)]
                if not specs and not special:
                    problems.append(error("E102", shown, 1, 1, "folder holds no Markdown specs that include and exclude let through; expected a spec they match"))
            found.extend(specs)
            problems += [error("E101", display_path(Path(p), root), 1, 1, NOT_A_FILE if os.path.lexists(os.path.realpath(p)) else LINK_TO_NOTHING) for p in special]
        elif stat.S_ISREG(kind):
            found.append(os.fspath(path))
        else:
            problems.append(error("E101", shown, 1, 1, NOT_A_FILE))
    unique = list(dict.fromkeys(os.path.abspath(p) for p in found))
    return [Path(p) for p in unique], problems


def selected(path: str, root: Path, include: tuple[str, ...], exclude: tuple[str, ...]) -> bool:
    """Whether a file found in a folder is a spec by the configuration's globs, as in .gitignore:
    a glob without a `/` matches a file name anywhere (`README.md`), and with a trailing `/` a
    folder name anywhere (`drafts/`: everything below); one with a `/` inside, or a leading one,
    matches the path from the configuration's folder (`docs/internal/*`, `*` across folders)."""
    if include and not matches_globs(path, include, root):
        return False
    return not matches_globs(path, exclude, root)


def matches_globs(path: str, globs: tuple[str, ...], root: Path | None = None) -> bool:
    """Whether a path (relative to the configuration's folder, or made so from ``root``)
    matches any of these globs, as ``selected`` reads them."""
    if not globs:
        return False
    import fnmatch  # only for a configuration that has globs

    relative = Path(os.path.relpath(path, root) if root is not None else path).as_posix()
    parts = relative.split("/")

    def matches(pattern: str) -> bool:
        folder = pattern.endswith("/")  # `drafts/`: everything below a folder of that name
        glob = pattern.strip("/") if folder else pattern.lstrip("/")
        if "/" not in glob and not pattern.startswith("/"):  # a name, anywhere
            names = parts[:-1] if folder else parts[-1:]
            return any(fnmatch.fnmatchcase(name, glob) for name in names)
        return fnmatch.fnmatchcase(relative, glob + ("/*" if folder else ""))

    return any(map(matches, globs))


def _spec_files(top: str) -> tuple[list[str], list[str]]:
    """The specs in a folder, and what is named like one but is no regular file (a FIFO...)."""
    found, special = [], []
    for folder, dirs, files in os.walk(top):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in files:
            full = os.path.join(folder, name)
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in SPEC_SUFFIXES:
                (found if os.path.isfile(full) else special).append(full)
    start = len(os.path.join(top, ""))
    return sorted(found, key=lambda p: p[start:].split(os.sep)), sorted(special)


def templates_problem(folder: Path) -> str | None:
    """Why a templates folder cannot be used (it is missing, not a folder, or a name the file
    system cannot hold), or None: a typo must not quietly give the built-in templates alone."""
    try:
        kind = os.stat(folder).st_mode
    except OSError as exc:
        return f"{_missing(exc)}; expected a folder of templates"
    if not stat.S_ISDIR(kind):
        return "is not a folder; expected a folder of templates"
    return None


def _missing(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or folder"
    return f"cannot read: {exc.strerror or type(exc).__name__}"


def read_open(fd: int, limit: int) -> bytes:
    """At most ``limit`` bytes of an open file, read in as few calls as its size allows."""
    size = os.fstat(fd).st_size
    pieces, total = [], 0
    while total < limit:
        piece = os.read(fd, min(limit - total, max(size - total, 0) + 1, 1 << 24))
        if not piece:
            break
        pieces.append(piece)
        total += len(piece)
    return pieces[0] if len(pieces) == 1 else b"".join(pieces)


def read_specs(paths: list[Path], root: Path) -> tuple[list[Spec], list[Diagnostic]]:
    specs: list[Spec] = []
    problems: list[Diagnostic] = []
    base = os.path.join(os.path.abspath(root), "")
    for path in paths:
        shown = _shown(path, os.path.abspath(path), base, above=True)
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            try:
                if not stat.S_ISREG(os.fstat(fd).st_mode):  # became a FIFO, a device... since it was found
                    problems.append(error("E101", shown, 1, 1, NOT_A_FILE))
                    continue
                data = read_open(fd, MAX_SPEC_BYTES + 1)
                size = max(len(data), os.fstat(fd).st_size)
            finally:
                os.close(fd)
            specs.append(Spec(shown, data, size))
        except OSError as exc:
            reason = exc.strerror or exc.__class__.__name__
            problems.append(error("E101", shown, 1, 1, f"cannot read the spec: {reason}; expected a readable file"))
    return specs, problems
