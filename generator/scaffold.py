"""`errgen templates`: the built-in templates listed, or copied into a folder to start an override."""

from __future__ import annotations

import os
from pathlib import Path

from .inputs import BUILTIN_TEMPLATES, display_path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .diagnostics import Diagnostic


class UnknownTemplate(ValueError):
    """A name that is no built-in template nor a folder of them."""


def builtin_names() -> list[str]:
    """Every built-in template and partial, as its path in the templates folder (the name a
    folder given to --templates overrides it by)."""
    found = []
    for folder, dirs, files in os.walk(BUILTIN_TEMPLATES):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        for name in files:
            if not name.startswith("."):
                found.append(Path(folder, name).relative_to(BUILTIN_TEMPLATES).as_posix())
    return sorted(found)


def selected(wanted: list[str]) -> list[str]:
    """The built-in templates a list of names means: each a template's path, or a folder of
    them (`python`, `python/{package}`); none: every one. Raises UnknownTemplate."""
    names = builtin_names()
    if not wanted:
        return names
    chosen: dict[str, None] = {}
    for name in wanted:
        clean = name.strip("/")
        matches = [n for n in names if n == clean or n.startswith(clean + "/")] if clean else []
        if not matches:
            folders = sorted({n.split("/")[0] for n in names})
            raise UnknownTemplate(f"no built-in template or folder of them is named {name!r}; expected a path that `errgen templates list` prints, or one of the folders {', '.join(folders)}")
        chosen.update(dict.fromkeys(matches))
    return sorted(chosen)


def copy(folder: Path, names: list[str], *, force: bool = False) -> tuple[list[Path], list[Diagnostic]]:
    """The templates copied into folder, each at its path there, or (nothing written) the
    problems: a file already there (unless ``force``), a folder that is a file."""
    from .diagnostics import error

    targets = [(BUILTIN_TEMPLATES / name, folder / name) for name in names]
    problems: list[Diagnostic] = []
    if os.path.exists(folder) and not folder.is_dir():
        return [], [error("E601", display_path(folder), 1, 1, "is not a folder; expected a folder to copy the templates into")]
    if folder.resolve() == BUILTIN_TEMPLATES.resolve():
        return [], [error("E601", display_path(folder), 1, 1, "is the built-in templates folder itself; expected another folder, which --templates then puts before it")]
    for _source, target in targets:
        if os.path.lexists(target) and (not force or not os.path.isfile(target)):
            what = "exists already; expected a path without a file (or --force to replace it)" if os.path.isfile(target) or os.path.islink(target) else "exists and is not a file; expected a path without one"
            problems.append(error("E601", display_path(target), 1, 1, what))
        for parent in target.relative_to(folder).parents:
            if parent != Path(".") and (folder / parent).exists() and not (folder / parent).is_dir():
                problems.append(error("E601", display_path(folder / parent), 1, 1, "is not a folder; expected a folder to copy templates into"))
    if problems:
        return [], sorted(set(problems))
    copied: list[Path] = []
    for source, target in targets:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if os.path.lexists(target):  # --force: a link is replaced, never written through
                os.unlink(target)
            target.write_bytes(source.read_bytes())
        except OSError as exc:
            return copied, [error("E601", display_path(target), 1, 1, f"cannot write: {exc.strerror or type(exc).__name__}; expected a folder errgen may write in")]
        copied.append(target)
    return copied, []
