"""Link catalogs from what is known of each: drafts grouped by title, catalog ids, and the rules
across catalogs (no generated name shared, the shared HTTP status classes)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from ..diagnostics import Diagnostic, error, warning
from . import naming
from .project import StatusClass


class Head(NamedTuple):
    """What linking knows of one draft: its catalog's title, where it starts, its locale."""

    title: tuple[str, ...]
    source: str
    line: int
    locale: str
    spec: int = 0  # which spec of the run, and which of its drafts
    position: int = 0


class Linked(NamedTuple):
    """What linking knows of one built catalog."""

    id: str
    source: str
    names: list[str]  # generated names (see build.component_names)
    lines: list[int]  # the line each comes from
    statuses: tuple[int, ...]  # the HTTP statuses that have a status class among its error codes


def group(heads: list[Head]) -> tuple[list[list[int]], list[Diagnostic]]:
    """Drafts (by index) grouped into catalogs by title, in the order titles first appear; a
    second draft of one title in the same locale is an error and left out."""
    groups: dict[tuple[str, ...], list[int]] = {}
    diagnostics = []
    for index, head in enumerate(heads):
        members = groups.setdefault(head.title, [])
        other = next((heads[i] for i in members if heads[i].locale == head.locale), None)
        if other is None:
            members.append(index)
            continue
        message = (
            f"catalog '{' > '.join(head.title)}' is already defined in {other.source}:{other.line}; "
            "expected one spec file per catalog"
        )
        diagnostics.append(error("E301", head.source, head.line, 1, message))
    return list(groups.values()), diagnostics


def name_catalogs(primaries: list[Head]) -> tuple[list[str | None], list[Diagnostic]]:
    """The id of each catalog, given its first draft; None for one whose id another has."""
    ids: list[str | None] = []
    diagnostics = []
    seen: dict[str, Head] = {}
    for head, found in zip(primaries, naming.catalog_ids([(h.title, h.source, h.locale) for h in primaries])):
        catalog_id = naming.windows_safe(found)
        if catalog_id != found:
            notice = f"catalog id '{found}' is a file name Windows reserves ({found.upper()}.py cannot be checked out there); generated as '{catalog_id}'"
            diagnostics.append(warning("W208", head.source, head.line, 1, notice))
        first = seen.setdefault(catalog_id, head)
        if first is head:
            ids.append(catalog_id)
            continue
        if head.title[-2:] == first.title[-2:]:
            expected = "expected breadcrumbs that differ in their last two crumbs"
        else:
            expected = (
                f"the breadcrumbs differ ('{' > '.join(head.title)}' and '{' > '.join(first.title)}') only in case, "
                "spaces or punctuation, which ids drop; expected last crumbs that differ in their letters or digits"
            )
        message = f"catalog id '{catalog_id}' is also the id of the catalog at {first.source}:{first.line}; {expected}"
        diagnostics.append(error("E302", head.source, head.line, 1, message))
        ids.append(None)
    return ids, diagnostics


def check_component_names(catalogs: list[Linked]) -> list[Diagnostic]:
    """Generated schema, example and response names share one namespace in documents that
    hold every catalog (errors.openapi.yaml): two catalogs must not produce the same name."""
    distinct = [set(catalog.names) for catalog in catalogs]
    if sum(map(len, distinct)) == len(set().union(*distinct)):
        return []  # the common case, told at once
    owners: dict[str, tuple[int, int]] = {}
    diagnostics = []
    for index, catalog in enumerate(catalogs):
        for name, line in zip(catalog.names, catalog.lines):
            owner, first_line = owners.setdefault(name, (index, line))
            if owner == index:
                continue
            first = catalogs[owner]
            message = (
                f"generated name {name} of catalog '{catalog.id}' is also a name of catalog "
                f"'{first.id}' ({first.source}:{first_line}); expected catalog ids and keys "
                "whose CamelCase names differ"
            )
            diagnostics.append(error("E302", catalog.source, line, 1, message))
    return diagnostics


def status_classes(statuses: Iterable[int]) -> tuple[StatusClass, ...]:
    """The status classes of the package: every standard one (so that a code the docs add
    later finds its class), and those of the statuses the catalogs use."""
    wanted = set(statuses) | set(naming.STANDARD_STATUSES)
    return tuple(
        StatusClass(s, naming.status_class_name(s), naming.status_base_class(s) or "ApiError")
        for s in sorted(wanted)
    )
