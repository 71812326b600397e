"""What a run would break for code that imports the generated package, told before anything is
written: a package name that changes on its own is an error (so is a catalog of the out dir that
--skip-invalid-tables would leave out); a module or class that goes away is a warning."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from ..diagnostics import Diagnostic, error, warning
from ..inputs import display_path
from ..model import naming
from ..model.project import Catalog
from ..model.tables import left_out_title
from ..render.header import MARKER
from ..render.templates import Output
from ..write import read

_IDENTIFIER = r"[A-Za-z_][A-Za-z0-9_]*"
_CLASS = re.compile(rb"^class[ \t]+(" + _IDENTIFIER.encode() + rb")[ \t]*[(:]", re.MULTILINE)
_HEAD = 512  # the do-not-edit line is the first of a file


class Held(NamedTuple):
    """What the out dir's record says the last generate made: its package (None when no output
    path names one) and each catalog's files, by catalog id."""

    package: str | None
    catalogs: dict[str, list[str]]


def held_files(recorded: Iterable[str], outputs: list[Output]) -> Held:
    """The package and catalogs of recorded paths, read back through the outputs' paths: a path
    a per-catalog output makes, but no project-wide one, is a catalog's."""
    patterns = [(output, _pattern(output.template.removesuffix(".j2"))) for output in outputs if "{" in output.template]
    packages: Counter[str] = Counter()
    matches: list[tuple[str, str | None, str]] = []  # (path, package, catalog id)
    for path in sorted(recorded):
        for output, pattern in patterns:
            match = pattern.fullmatch(path)
            if match is None:
                continue
            package = match.groupdict().get("package")
            if package is not None:
                packages[package] += 1
            if output.per_catalog:
                matches.append((path, package, match["catalog"]))
    package = min(packages, key=lambda name: (-packages[name], name)) if packages else None
    shared = {output.path(package or "") for output in outputs if not output.per_catalog}
    catalogs: dict[str, list[str]] = {}
    for path, matched, catalog_id in matches:
        if path not in shared and matched in (None, package):
            found = catalogs.setdefault(catalog_id, [])
            if path not in found:
                found.append(path)
    return Held(package, catalogs)


def _pattern(path: str) -> re.Pattern[str]:
    """A regular expression of an output path: ``{package}`` and ``{catalog}`` as groups."""
    parts, seen = [], set()
    for piece in re.split(r"(\{package\}|\{catalog\})", path):
        name = piece[1:-1] if piece in ("{package}", "{catalog}") else None
        if name is None:
            parts.append(re.escape(piece))
        elif name in seen:
            parts.append(f"(?P={name})")
        else:
            seen.add(name)
            parts.append(f"(?P<{name}>{_IDENTIFIER if name == 'package' else '[A-Za-z0-9_]+'})")
    return re.compile("".join(parts))


def rename_problem(old: str | None, package: str, firsts: list[tuple[tuple[str, ...], str, int]]) -> Diagnostic | None:
    """The error for a derived package name that is not the out dir's: every import of the
    package would break. ``firsts`` is each catalog's (title, source, line); the error is at the
    breadcrumb of the first catalog whose first crumb alone would not give the old name."""
    if old is None or old == package or not firsts:
        return None
    title, source, line = next((first for first in firsts if naming.package_name([first[0]]) != old), firsts[0])
    crumbs = sorted({first[0][0] for first in firsts})
    if len(crumbs) > 1:
        why = f"errgen names it {package} when the catalogs' first crumbs differ: {', '.join(repr(c) for c in crumbs)}"
    else:
        why = f"errgen names it after the catalogs' first crumb, '{crumbs[0]}'"
    message = (
        f"catalog '{' > '.join(title)}' would rename the package from {old} to {package}, which breaks every import of it "
        f"({why}); expected package = \"{old}\" in [tool.errgen] to keep it, or the new name given explicitly "
        f"(package = \"{package}\" there, or --package {package}) to rename it"
    )
    return error("E401", source, line, 1, message)


def dropped_catalogs(
    before: Held, ids: Iterable[str], diagnostics: list[Diagnostic], specs: set[str], out_dir: Path, root: Path
) -> tuple[list[Diagnostic], set[Diagnostic]]:
    """Under --skip-invalid-tables, an error for each catalog the out dir holds that this run
    would remove, at the table whose skipping left it out when known (the warning that said so,
    which the error replaces), else at its spec, else at its file in the out dir. The errors,
    and the warnings they replace."""
    lost = sorted(set(before.catalogs) - set(ids))
    if not lost:
        return [], set()
    left = [(d, title) for d in diagnostics if d.severity == "warning" and (title := left_out_title(d.message)) is not None]
    errors, replaced = [], set()
    for catalog_id in lost:
        paths = before.catalogs[catalog_id]
        module = next((p for p in paths if p.endswith(".py")), paths[0])
        sources = _sources(out_dir / module)
        shown = display_path(out_dir / module)
        found = next((d for d, title in left if d not in replaced and catalog_id in _ids(title, d.path)), None)
        found = found or next((d for d, _title in left if d not in replaced and d.path in sources), None)
        never = "--skip-invalid-tables never removes a catalog the out dir holds"
        if found is not None:
            replaced.add(found)
            shown_title = " > ".join(left_out_title(found.message) or ())
            message = (
                f"catalog '{shown_title}' would be removed from the out dir ({shown} and its other files): every error table of it "
                f"was skipped, and {never}; expected a valid error table, or the catalog removed deliberately by a run "
                "without --skip-invalid-tables"
            )
            errors.append(error("E401", found.path, found.line, found.col, message))
            continue
        spec = next((s for s in sources if s in specs), None)
        if spec is not None:
            what = f"{spec} makes no catalog '{catalog_id}' any more"
            where = (spec, 1, 1)
        else:
            what = f"no spec in the run makes catalog '{catalog_id}' ({', '.join(sources) or 'its spec'} made it)"
            where = (display_path(out_dir / module, root), 1, 1)
        message = (
            f"catalog '{catalog_id}' would be removed from the out dir ({shown} and its other files): {what}, and {never}; "
            "expected its spec as it was, or the catalog removed deliberately by a run without --skip-invalid-tables"
        )
        errors.append(error("E401", *where, message))
    return errors, replaced


def _ids(title: tuple[str, ...], path: str) -> set[str]:
    """The ids a catalog of this title, on this page, may have had (see naming.catalog_ids)."""
    stem = naming.page_name(path, None)
    found = {naming.catalog_id(title[-1:]), naming.catalog_id(title[-2:]), naming.catalog_id((stem,)), naming.catalog_id((naming.locale_of(stem)[0],))}
    return {naming.windows_safe(found_id) for found_id in found if found_id} | {"catalog"}


def _sources(path: Path) -> list[str]:
    """The specs a file of the out dir says it was made from (its do-not-edit line)."""
    try:
        head = (read(path) or b"")[:_HEAD].decode("utf-8", "replace")
    except OSError:
        return []
    _before, marker, after = head.partition(MARKER)
    if not marker:
        return []
    listed = after.split("\n", 1)[0].partition(". Do not edit")[0]
    return [source for source in listed.split(", ") if source]


def removal_warnings(
    before: Held, package: str, catalogs: tuple[Catalog, ...], outputs: list[Output], stale: list[str],
    rewritten: Iterable[tuple[str, Path, Path]], out_dir: Path, root: Path,
) -> list[Diagnostic]:
    """A warning for each Python module of the package this run removes, and for each class a
    rewritten module (path, its file in the out dir, its new file) no longer defines: code that
    imports them breaks."""
    by_path = {output.path(package, c.id): c for output in outputs if output.per_catalog for c in catalogs}
    packages = {name for name in (before.package, package) if name}

    def at(path: str) -> tuple[str, int, int]:
        catalog = by_path.get(path)
        return (catalog.source, catalog.line, 1) if catalog is not None else (display_path(out_dir / path, root), 1, 1)

    found = []
    catalog_of = {path: catalog_id for catalog_id, paths in before.catalogs.items() for path in paths}
    for path in stale:
        module = _module(path, packages)
        if module is None:
            continue
        if before.package is not None and before.package != package and module.split(".")[0] == before.package:
            why = f"the package is {package} now"
        elif path in catalog_of:
            why = f"no spec makes catalog '{catalog_of[path]}' any more"
        else:
            why = "errgen makes no such file any more"
        found.append(warning("W401", *at(path), f"removes module {module} ({why}); code that imports it breaks"))
    for path, target, temp in rewritten:
        module = _module(path, packages)
        if module is None:
            continue
        old, new = read(target), read(temp)
        if old is None or new is None:
            continue
        kept = set(_CLASS.findall(new))
        for name in dict.fromkeys(_CLASS.findall(old)):
            if name not in kept:
                shown = f"{module}.{name.decode('ascii')}"
                found.append(warning("W401", *at(path), f"removes class {shown}; code that imports or catches it breaks"))
    return found


def _module(path: str, packages: set[str]) -> str | None:
    """The dotted name of a Python file of one of the packages, or None for another file."""
    if not path.endswith(".py"):
        return None
    parts = path.removesuffix(".py").split("/")
    start = next((i for i, part in enumerate(parts[:-1]) if part in packages), None)
    if start is None:
        return None
    names = parts[start:]
    if names[-1] == "__init__":
        names.pop()
    return ".".join(names)

