"""The stages in order, for every command: read -> parse -> build -> render."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .build import Options, build_project
from .config import Config
from .diagnostics import Diagnostic, error
from .inputs import MAX_SPEC_BYTES, find_specs, read_specs
from .model import Project
from .parse import Page, decode, parse_page
from .render import Artifact, PathClash, render


@dataclass
class Loaded:
    project: Project | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    io_error: bool = False  # a path could not be found or read: a usage error, exit 2


def load(config: Config, *, skip_invalid_tables: bool = False) -> Loaded:
    """Read, parse and build every spec; all problems of the run are collected, sorted."""
    files, find_problems = find_specs(list(config.specs), config.root)
    specs, read_problems = read_specs(files, config.root)
    io_problems = find_problems + read_problems
    diagnostics: list[Diagnostic] = list(io_problems)
    pages: list[Page] = []
    for spec in specs:
        if spec.too_large:
            diagnostics.append(error(spec.path, 1, 1, _too_large(spec.size)))
            continue
        text, problems = decode(spec.path, spec.data)
        diagnostics.extend(problems)
        if text is None:
            continue
        if not text.strip():
            diagnostics.append(error(spec.path, 1, 1, "empty file; expected a Markdown page with an error table"))
            continue
        pages.append(parse_page(spec.path, text))
    options = Options(
        package=config.package,
        version=config.version,
        default_locale=config.default_locale,
        skip_invalid_tables=skip_invalid_tables,
    )
    project = None
    if pages or not io_problems:
        project, problems = build_project(pages, options)
        diagnostics.extend(problems)
    if any(d.severity == "error" for d in diagnostics):
        project = None
    return Loaded(project, sorted(diagnostics), io_error=bool(io_problems))


def _too_large(size: int) -> str:
    return (
        f"the spec is larger than {MAX_SPEC_BYTES // 2**20} MiB ({size / 2**20:.1f} MiB, {size} bytes); "
        "expected a page written by hand, at most that size: split it into one file per product"
    )


def render_project(project: Project, template_dirs: tuple[Path, ...] = ()) -> tuple[list[Artifact], list[Diagnostic]]:
    """Every artifact, or the diagnostic of a catalog whose output path another output has."""
    try:
        return render(project, template_dirs), []
    except PathClash as clash:
        if clash.catalog is None:  # two fixed templates with one path: errgen's own bug
            raise
        catalog = clash.catalog
        message = (
            f"catalog id '{catalog.id}' would write {clash.path}, a file another output already "
            "writes; expected a breadcrumb whose last crumb gives another id"
        )
        return [], [error(catalog.source, catalog.line, 1, message)]
