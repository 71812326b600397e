"""The stages in order, for every command: read -> parse -> build -> render.

``Generation`` is one ``generate`` or ``check`` over an out dir: it reads the specs, tries the
fast path (the manifest proves nothing changed: see stamp.py), and otherwise runs the full
path, rendering again only the artifacts whose stamps changed.
"""

from __future__ import annotations

from pathlib import Path

from .inputs import Spec, error, find_specs, read_specs
from .outdir import MANIFEST
from .stamp import Manifest, digest, read_manifest, reusable, spec_digests, tool_stamp, unchanged

TYPE_CHECKING = False  # typing itself costs check's fast path more than it does
if TYPE_CHECKING:
    from .build import Options
    from .diagnostics import Diagnostic
    from .model import Project
    from .render import Artifact
    from .workers import Finisher


class Loaded:
    """The model read from the specs (None on errors), and every problem found on the way."""

    def __init__(
        self, project: Project | None, diagnostics: list[Diagnostic] | None = None, io_error: bool = False
    ) -> None:
        self.project = project
        self.diagnostics: list[Diagnostic] = diagnostics if diagnostics is not None else []
        self.io_error = io_error  # a path could not be found or read: a usage error, exit 2


def read(paths: list[Path]) -> tuple[list[Spec], list[Diagnostic]]:
    files, problems = find_specs(paths)
    if problems:
        return [], problems
    return read_specs(files)


def load(paths: list[Path], options: Options, specs: list[Spec] | None = None) -> Loaded:
    """Parse and build the specs at ``paths`` (or the ``specs`` already read from them)."""
    from .build import build_project
    from .parse import Page, decode, parse_page

    if specs is None:
        specs, problems = read(paths)
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
    project, problems = build_project(pages, options)
    diagnostics.extend(problems)
    if any(d.severity == "error" for d in diagnostics):
        project = None
    return Loaded(project, sorted(diagnostics))


class Generation:
    """The specs at ``paths`` against the out dir: up to date by the manifest, or produced anew."""

    def __init__(
        self,
        paths: list[Path],
        out_dir: Path,
        settings: dict[str, object],
        template_dirs: tuple[Path, ...] = (),
        jobs: int | None = None,
    ) -> None:
        """``settings``: every setting of the run that could change output, as JSON values
        (default values need not be there: they are in errgen's source, so in the tool stamp)."""
        self.paths, self.out_dir, self.options = paths, out_dir, settings
        self.template_dirs, self.jobs = template_dirs, jobs
        self._finisher: Finisher | None = None
        self.specs, self.problems = read(paths)
        if not self.problems and not (out_dir / MANIFEST).is_file():
            # No record, so no fast path: the workers can start importing black right now.
            self._finisher = _finisher(jobs, len(self.specs))
        self.previous: Manifest | None = None
        self.tool = ""
        if not self.problems:
            self.tool = tool_stamp(template_dirs)
            self.previous = read_manifest(out_dir)

    def up_to_date(self) -> bool:
        """The fast path: True when the manifest proves every artifact current."""
        return not self.problems and unchanged(self.out_dir, self.previous, self.tool, self.options, self.specs)

    def produce(self, options: Options, *, strict: bool = False) -> tuple[Loaded, list[Artifact] | None]:
        """The full path: parse, build and render; artifacts whose stamp and bytes are still
        those recorded are taken from the out dir as they are. No artifacts when the specs
        have errors (or, with ``strict``, warnings)."""
        from .render import render

        finisher = self._finisher or _finisher(self.jobs, len(self.specs))  # workers warm up while we parse
        self._finisher = None
        if self.problems:
            finisher.terminate()
            return Loaded(None, self.problems, io_error=True), None
        with finisher:
            loaded = load(self.paths, options, self.specs)
            if loaded.project is None or (strict and loaded.diagnostics):
                finisher.terminate()
                return loaded, None
            artifacts = render(
                loaded.project,
                self.template_dirs,
                tool=self.tool,
                reuse=reusable(self.out_dir, self.previous, self.tool),
                finisher=finisher,
            )
        return loaded, artifacts

    def manifest(self, loaded: Loaded, artifacts: list[Artifact]) -> Manifest:
        """The record of this run, for the out dir once the artifacts are written."""
        return Manifest(
            tool=self.tool,
            options=self.options,
            specs=spec_digests(self.specs),
            warnings=[[d.path, d.line, d.col, d.severity, d.message] for d in loaded.diagnostics],
            artifacts={a.path: (digest(a.text.encode("utf-8"), many=True), a.stamp) for a in artifacts},
        )


def _finisher(jobs: int | None, specs: int) -> Finisher:
    from .workers import Finisher, workers_for

    return Finisher(workers_for(jobs, specs))
