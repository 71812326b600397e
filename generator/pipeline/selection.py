"""PATH arguments in a configured project: which of the configured specs a run reports on and
regenerates. The others are read all the same (shared files are made from every catalog), but
their warnings are not shown and their files are neither rewritten nor removed."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..inputs import Spec, display_path, selected

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..config import Config


def chosen(
    selected: tuple[Path, ...],
    specs: list[Spec],
    root: Path,
    origin: str,
    *,
    writes: bool = True,
    excluded: Callable[[Path], bool] | None = None,  # whether a file below a spec folder is left out by globs
) -> tuple[frozenset[str], str | None]:
    """The display paths of the specs these PATHs select (a spec file, or a folder: every spec
    below it), or the message for a PATH that selects none of them (for a run that writes)."""
    paths = [spec.path for spec in specs]
    found: set[str] = set()
    for path in selected:
        shown = display_path(path, root, above=True)
        if os.path.isdir(path):
            prefix = "" if shown == "." else shown.rstrip("/") + "/"
            below = {p for p in paths if p.startswith(prefix)}
        else:
            below = {shown} & set(paths)
        if not below:
            what = "a folder that holds none" if os.path.isdir(path) else ("not one" if os.path.lexists(path) else "no such file, and not one")
            if excluded is not None and os.path.isfile(path) and excluded(path):
                what = "left out by include/exclude, so not one"
            message = (
                f"{display_path(path)} is {what} of the specs {origin}; in a configured project a PATH selects among "
                "those specs; expected one of them or a folder that holds some (or the spec added to `specs` there"
                + (", or --out DIR to generate the PATHs apart)" if writes else ")")
            )
            return frozenset(), message
        found |= below
    return frozenset(found), None


def ignoring(ignored: Callable[[str], tuple[str, ...]], chosen: frozenset[str] | None, specs: list[Spec]) -> Callable[[str], tuple[str, ...]]:
    """The codes not reported for a file: the configuration's, and every warning's for a spec
    the PATHs did not select (errors are reported whatever spec has them: they stop the run)."""
    if chosen is None:
        return ignored
    others = {spec.path for spec in specs} - chosen
    return lambda path: (*ignored(path), "W") if path in others else ignored(path)


def left_out(config: Config) -> Callable[[Path], bool]:
    """Whether a file below a configured folder is one that include and exclude leave out."""

    def excluded(path: Path) -> bool:
        full = os.path.abspath(path)
        below = any(full.startswith(os.path.join(os.path.abspath(spec), "")) for spec in config.specs)
        return below and not selected(full, config.root, config.include, config.exclude)

    return excluded


def configured(config: Config, path: str) -> bool:
    """Whether a spec read from standard input under this name is one the configuration names:
    a configured file, or a file below a configured folder that include and exclude let through."""
    full = os.path.abspath(config.root / path)
    for spec in config.specs:
        top = os.path.abspath(spec)
        if full == top:
            return True
        if full.startswith(os.path.join(top, "")):
            return selected(full, config.root, config.include, config.exclude)
    return False
