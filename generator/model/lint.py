"""`errgen lint`: keys and codes that disagree across catalogs that are each valid."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from operator import attrgetter

from . import naming
from ..diagnostics import Diagnostic, warning
from .project import Catalog, ErrorCode, Project

_Row = tuple[Catalog, ErrorCode]
# (what rows are grouped by, what must agree within a group, the warning)
_CHECKS = (
    ("key", "code", "key {code.key} is code {code.code} in {here} but code {first.code} in {there} at {at}; expected one code per key across catalogs"),
    ("code", "key", "code {code.code} is {code.key} in {here} but {first.key} in {there} at {at}; expected one key per code across catalogs"),
)


def lint(project: Project) -> list[Diagnostic]:
    """Warnings for the same key with different codes and the same code with different keys
    (vendors reuse both across services), each at one row naming the other. Keys errgen made up
    from a code (`CODE_<n>`) are not the vendor's and are left out."""
    rows = [
        (catalog, code)
        for catalog in project.catalogs
        for code in catalog.codes
        if code.key != naming.fallback_key(code.code)
    ]
    findings = [
        warning(
            "W501",
            *_position(row),
            message.format(code=row[1], first=other[1], here=row[0].id, there=other[0].id, at=_where(other)),
        )
        for group, value, message in _CHECKS
        for row, other in _disagreements(rows, group=attrgetter(group), value=attrgetter(value))
    ]
    return sorted(findings)


def _disagreements(
    rows: list[_Row],
    group: Callable[[ErrorCode], Hashable],
    value: Callable[[ErrorCode], Hashable],
) -> Iterator[tuple[_Row, _Row]]:
    """Each row paired with the first earlier row of its group whose value differs."""
    groups: dict[Hashable, list[_Row]] = {}
    for row in rows:
        groups.setdefault(group(row[1]), []).append(row)
    for members in groups.values():
        for index, row in enumerate(members):
            other = next((o for o in members[:index] if value(o[1]) != value(row[1])), None)
            if other is not None:
                yield row, other


def _position(row: _Row) -> tuple[str, int, int]:
    catalog, code = row
    return code.source or catalog.source, code.line, 1


def _where(row: _Row) -> str:
    path, line, _col = _position(row)
    return f"{path}:{line}"
