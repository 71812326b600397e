"""The stages in order, for every command: read -> parse -> build -> render."""

from __future__ import annotations

from dataclasses import dataclass, field

from .build import Options, build_project
from .config import Config
from .diagnostics import Diagnostic, error
from .inputs import find_specs, read_specs
from .model import Project
from .parse import Page, decode, parse_page


@dataclass
class Loaded:
    project: Project | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    io_error: bool = False  # a path could not be found or read: a usage error, exit 2


def load(config: Config, *, skip_invalid_tables: bool = False) -> Loaded:
    files, problems = find_specs(list(config.specs), config.root)
    if problems:
        return Loaded(None, problems, io_error=True)
    specs, problems = read_specs(files, config.root)
    if problems:
        return Loaded(None, problems, io_error=True)
    diagnostics: list[Diagnostic] = []
    pages: list[Page] = []
    for spec in specs:
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
    project, problems = build_project(pages, options)
    diagnostics.extend(problems)
    if any(d.severity == "error" for d in diagnostics):
        project = None
    return Loaded(project, sorted(diagnostics))
