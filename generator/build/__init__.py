"""Model stage: turn parsed pages into a validated Project, collecting every problem.

Reads each page's error tables into drafts (tables), merges translations (translations),
decides every name (names) and assembles the Project. Returns diagnostics as values; a
Project is returned only when there is no error.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from .. import naming
from ..diagnostics import Diagnostic, error
from ..model import Project
from ..parse import Page
from .names import (
    check_component_names,
    name_catalogs,
    package_name,
    status_classes,
    with_class_names,
    with_operation_names,
)
from .options import Options
from .tables import COLUMNS, Draft, read_page
from .translations import merge_translations

__all__ = ["COLUMNS", "Options", "build_project"]


def build_project(pages: list[Page], options: Options = Options()) -> tuple[Project | None, list[Diagnostic]]:
    """Pages (in the order given) to a Project; None when any error was found."""
    diagnostics: list[Diagnostic] = []
    groups: dict[tuple[str, ...], list[Draft]] = {}
    for page in pages:
        locale = naming.locale_of(PurePosixPath(page.path).stem)[1] or options.default_locale
        for draft in read_page(page, diagnostics, options):
            draft.locale = locale
            group = groups.setdefault(draft.title, [])
            other = next((d for d in group if d.locale == locale), None)
            if other is not None:
                title = " > ".join(draft.title)
                diagnostics.append(
                    error(
                        draft.source,
                        draft.line,
                        1,
                        f"catalog '{title}' is already defined in {other.source}:{other.line}; "
                        "expected one spec file per catalog",
                    )
                )
                continue
            group.append(draft)
    drafts = [merge_translations(group, options.default_locale, diagnostics) for group in groups.values()]
    catalogs = name_catalogs(drafts, diagnostics)
    catalogs = [with_class_names(catalog, diagnostics) for catalog in catalogs]
    catalogs = [with_operation_names(catalog) for catalog in catalogs]
    check_component_names(catalogs, diagnostics)
    if not catalogs and pages and not any(d.severity == "error" for d in diagnostics):
        diagnostics.append(
            error(pages[0].path, 1, 1, "nothing to generate: every error table was skipped; expected at least one that fits")
        )
    if any(d.severity == "error" for d in diagnostics) or not catalogs:
        return None, diagnostics
    package = options.package or package_name(catalogs)
    project = Project(
        package=package,
        distribution=naming.distribution_name(package),
        version=options.version,
        catalogs=tuple(catalogs),
        status_classes=status_classes(catalogs),
    )
    return project, diagnostics
