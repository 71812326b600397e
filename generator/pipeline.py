"""The stages in order, for every command: read -> parse -> build -> render.

``Generation`` is one ``generate`` or ``check`` over an out dir: it reads the specs, tries the
fast path (the manifest proves nothing changed: see stamp.py), then the short path (only a
few specs changed, inside their own catalogs: see incremental.py), and otherwise runs the
full path, rendering again only the artifacts whose stamps changed. The fast path imports
no parser, template engine or formatter.
"""

from __future__ import annotations

from pathlib import Path

from .inputs import MAX_SPEC_BYTES, Spec, find_specs, read_specs
from .outdir import manifest_path, summary_path
from .stamp import Manifest, digest, read_manifest, reusable, spec_digests, tool_stamp, unchanged

TYPE_CHECKING = False  # typing itself costs check's fast path more than it does
if TYPE_CHECKING:
    from .config import Config
    from .diagnostics import Diagnostic
    from .model import Project
    from .render import Artifact


class Loaded:
    """The model read from the specs (None on errors), and every problem found on the way."""

    def __init__(
        self, project: Project | None, diagnostics: list[Diagnostic] | None = None, io_error: bool = False
    ) -> None:
        self.project = project
        self.diagnostics: list[Diagnostic] = diagnostics if diagnostics is not None else []
        self.io_error = io_error  # a path could not be found or read: a usage error, exit 2


def read(config: Config) -> tuple[list[Spec], list[Diagnostic]]:
    """The spec files the configuration names, and the problems finding or reading them."""
    files, find_problems = find_specs(list(config.specs), config.root)
    specs, read_problems = read_specs(files, config.root)
    return specs, find_problems + read_problems


def load(
    config: Config,
    *,
    skip_invalid_tables: bool = False,
    specs: list[Spec] | None = None,
    io_problems: list[Diagnostic] | None = None,
) -> Loaded:
    """Read (unless given), parse and build every spec; all problems of the run are collected."""
    from .build import Options, build_project
    from .diagnostics import error
    from .parse import Page, decode, parse_page

    if specs is None:
        specs, io_problems = read(config)
    io_problems = io_problems or []
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


def render_project(
    project: Project, template_dirs: tuple[Path, ...] = (), **render_options: object
) -> tuple[list[Artifact], list[Diagnostic]]:
    """Every artifact, or the diagnostic of a catalog whose output path another output has."""
    from .diagnostics import error
    from .render import PathClash, render

    try:
        return render(project, template_dirs, **render_options), []  # type: ignore[arg-type]
    except PathClash as clash:
        if clash.catalog is None:  # two fixed templates with one path: errgen's own bug
            raise
        catalog = clash.catalog
        message = (
            f"catalog id '{catalog.id}' would write {clash.path}, a file another output already "
            "writes; expected a breadcrumb whose last crumb gives another id"
        )
        return [], [error(catalog.source, catalog.line, 1, message)]


class Generation:
    """The configured specs against the out dir: up to date by the manifest, or produced anew."""

    def __init__(self, config: Config, *, skip_invalid_tables: bool = False, jobs: int | None = None) -> None:
        self.config, self.skip_invalid_tables, self.jobs = config, skip_invalid_tables, jobs
        self.out_dir = config.out
        self.template_dirs = (config.templates,) if config.templates else ()
        self.manifest_file = manifest_path(config.root, config.out)
        self.summary_file = summary_path(config.root, config.out)
        self.summary: dict[str, object] | None = None  # of the produced project, for the cache
        self._digests: list[tuple[str, str]] | None = None
        # from the short path (see incremental): the files it checked are as recorded and
        # keeps, path -> (SHA-256, stamp), and the text of those it read
        self.kept: dict[str, tuple[str, str]] | None = None
        self.on_disk: dict[str, str] | None = None
        # every setting that could change output, as JSON values (defaults are in errgen's
        # source, so in the tool stamp); spec paths are in the manifest's spec list
        self.options: dict[str, object] = {
            "package": config.package,
            "version": config.version,
            "default_locale": config.default_locale,
            "templates": [str(t) for t in self.template_dirs],
            "skip_invalid_tables": skip_invalid_tables,
        }
        self.specs, self.problems = read(config)
        self.previous: Manifest | None = None
        self.tool = ""
        if not self.problems:
            self.tool = tool_stamp(self.template_dirs)
            self.previous = read_manifest(self.manifest_file)

    def up_to_date(self) -> bool:
        """The fast path: True when the manifest proves every artifact current."""
        return not self.problems and unchanged(self.out_dir, self.previous, self.tool, self.options, self.specs)

    def produce(self, *, strict: bool = False) -> tuple[Loaded, list[Artifact] | None]:
        """Parse, build and render; artifacts whose stamp and bytes are still those recorded
        are taken from the out dir as they are. No artifacts when the specs
        have errors (or, with ``strict``, warnings). When only a few specs changed, and in
        ways that touch nothing beyond their own catalogs, only those are read (see
        incremental)."""
        from . import incremental

        short = incremental.try_update(self, strict=strict)
        if short is not None:
            loaded, artifacts, self.summary = short
            return loaded, artifacts
        loaded = load(
            self.config,
            skip_invalid_tables=self.skip_invalid_tables,
            specs=self.specs,
            io_problems=self.problems,
        )
        if loaded.project is None or loaded.io_error or (strict and loaded.diagnostics):
            return loaded, None
        artifacts, problems = render_project(
            loaded.project,
            self.template_dirs,
            tool=self.tool,
            reuse=reusable(self.out_dir, self.previous, self.tool),
            jobs=self.jobs,
        )
        if problems:
            return Loaded(None, sorted(loaded.diagnostics + problems)), None
        self.summary = incremental.summary(loaded.project, self.spec_digests(), self.tool)
        return loaded, artifacts

    def records(self, loaded: Loaded, artifacts: list[Artifact]) -> list[tuple[Path, str]]:
        """The cache files of this run and their text, to write once the artifacts are: the
        catalog summary, then the manifest (last: it vouches for the rest)."""
        import json

        records = []
        if self.summary is not None:
            records.append((self.summary_file, json.dumps(self.summary, ensure_ascii=False) + "\n"))
        records.append((self.manifest_file, self.manifest(loaded, artifacts).to_json()))
        return records

    def manifest(self, loaded: Loaded, artifacts: list[Artifact]) -> Manifest:
        """The record of this run, for the cache once the artifacts are written."""
        return Manifest(
            tool=self.tool,
            options=self.options,
            specs=self.spec_digests(),
            warnings=[[d.path, d.line, d.col, d.severity, d.message] for d in loaded.diagnostics],
            artifacts={
                **(self.kept or {}),
                **{a.path: (digest(a.data, many=True), a.stamp) for a in artifacts},
            },
        )

    def spec_digests(self) -> list[tuple[str, str]]:
        if self._digests is None:
            self._digests = spec_digests(self.specs)
        return self._digests
