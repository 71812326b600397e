"""Read stage: the spec files that PATH arguments name (files or folders of Markdown specs), and
where the built-in templates are."""

from __future__ import annotations

import os
from pathlib import Path

TYPE_CHECKING = False  # on check's fast path: diagnostics are imported when there is one
if TYPE_CHECKING:
    from .diagnostics import Diagnostic

SPEC_SUFFIXES = (".md", ".markdown")
# A spec is read up to this size (and one byte more, to tell that it is larger), so time and
# memory stay bounded whatever file is named; real pages are well under 200 KB.
MAX_SPEC_BYTES = 1024 * 1024

BUILTIN_TEMPLATES = Path(__file__).parent / "templates"
if not BUILTIN_TEMPLATES.is_dir():  # running from a source checkout
    BUILTIN_TEMPLATES = Path(__file__).parent.parent / "templates"


class Spec:
    """A spec file's display path (POSIX, relative to the project root, as diagnostics and
    headers show it), its bytes (the whole file, or its first MAX_SPEC_BYTES + 1 bytes when it
    is larger) and its size as read. A plain class: dataclasses cost check's fast path more
    than the whole check."""

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


def read(paths: list[Path], root: Path) -> tuple[list[Spec], list[Diagnostic]]:
    """The spec files these paths name, read, and the problems finding or reading them."""
    files, find_problems = find_specs(paths, root)
    specs, read_problems = read_specs(files, root)
    return specs, find_problems + read_problems


def error(path: str, line: int, col: int, message: str) -> Diagnostic:
    from .diagnostics import error

    return error(path, line, col, message)


def one_line(text: str) -> str:
    from .diagnostics import one_line

    return one_line(text)


def display_path(path: Path, cwd: Path | None = None) -> str:
    """A path as users and generated headers see it: relative and POSIX when possible.

    Bytes of a file name that are not UTF-8 (`caf\\xe9.md`) and invisible characters such as
    line breaks and bidi controls (`new\\nline.md`) are shown as escapes, so the name prints
    on one line, sorts as shown and can be written into generated files."""
    full, base = os.path.abspath(path), os.path.abspath(cwd or os.getcwd())
    if full == base:
        shown = "."
    elif full.startswith(base.rstrip(os.sep) + os.sep):
        shown = full[len(base.rstrip(os.sep)) + 1 :].replace(os.sep, "/")
    else:
        shown = path.as_posix()
    if shown.isprintable():
        return shown
    return one_line(shown.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))


def find_specs(paths: list[Path], root: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Spec files in argument order; folders are searched recursively, in sorted order, leaving
    out hidden files and folders and not following links to folders."""
    found: list[str] = []
    problems: list[Diagnostic] = []
    for path in paths:
        shown = display_path(path, root)
        if path.is_dir():
            specs = _spec_files(os.fspath(path))
            if not specs:
                problems.append(error(shown, 1, 1, "folder holds no Markdown specs; expected *.md files"))
            found.extend(specs)
        elif path.is_file():
            found.append(os.fspath(path))
        elif path.exists():
            problems.append(error(shown, 1, 1, "not a regular file; expected a Markdown spec or a folder of them"))
        else:
            problems.append(error(shown, 1, 1, "no such file or folder; expected a Markdown spec or a folder of them"))
    unique = list(dict.fromkeys(os.path.abspath(p) for p in found))
    return [Path(p) for p in unique], problems


def _spec_files(top: str) -> list[str]:
    found = []
    for folder, dirs, files in os.walk(top):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in files:
            full = os.path.join(folder, name)
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in SPEC_SUFFIXES and os.path.isfile(full):
                found.append(full)
    return sorted(found, key=lambda p: os.path.relpath(p, top).split(os.sep))


def read_specs(paths: list[Path], root: Path) -> tuple[list[Spec], list[Diagnostic]]:
    specs: list[Spec] = []
    problems: list[Diagnostic] = []
    for path in paths:
        shown = display_path(path, root)
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_SPEC_BYTES + 1)
                size = max(len(data), os.fstat(handle.fileno()).st_size)
            specs.append(Spec(shown, data, size))
        except OSError as exc:
            reason = exc.strerror or exc.__class__.__name__
            problems.append(error(shown, 1, 1, f"cannot read the spec: {reason}; expected a readable file"))
    return specs, problems
