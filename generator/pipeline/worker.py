"""The work of one process: specs parsed and built, catalogs built, rendered, finished, hashed and
staged. What it built stays in memory for the next step; what it lacks it builds again."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

from ..cache.stamp import digest, digest_file
from ..diagnostics import Diagnostic, error
from ..finish import Finished, NotItsKind, finish, wrapped_by_black
from ..inputs import Spec, too_large
from ..model import naming
from ..model.build import beyond_javascript, build_catalog, build_spec, component_names
from ..model.tables import Draft
from ..model.project import Catalog, Options, Project
from ..parse import decode, parse_page
from ..render.templates import ProjectScope, Rendered, TemplateProblem, Templates, catalog_context
from ..write import Targets, UnsafePath, discard, read, stage

Member = tuple[int, int]  # (spec index, position of the draft among the spec's drafts)


class Parsed(NamedTuple):
    index: int
    heads: list[list[Any]]  # per draft: [title, line, locale]
    parsed: bool  # the spec was a page (else a read or decode problem, or empty)
    diagnostics: list[Diagnostic]


class Built(NamedTuple):
    index: int
    names: list[tuple[str, int]]
    statuses: list[int]
    diagnostics: list[Diagnostic]


class Made(NamedTuple):
    """A catalog's artifacts: each (path, SHA-256, staged file or None when the out dir already
    holds these bytes)."""

    index: int
    artifacts: list[tuple[str, str, str | None]]
    folders: list[str]  # folders made for staged files
    kept: bool = False  # as a past run recorded them, not rendered


class Unrenderable(Exception):
    """A spec value a target cannot hold: a diagnostic at the spec, raised out of a render."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic)
        self.diagnostic = diagnostic


class RenderJob(NamedTuple):
    index: int
    catalog_id: str
    members: list[Member]
    recorded: list[list[Any]] | None  # the artifacts as a past run made them, still in the out dir


class Worker:
    """Everything a step needs, and what earlier steps of this process built."""

    def __init__(self, specs: list[Spec], options: Options, template_dirs: tuple[Path, ...], tool: str, out_dir: Path, targets: tuple[str, ...] | None = None) -> None:
        self.specs, self.options, self.template_dirs, self.tool = specs, options, template_dirs, tool
        self.targets = targets
        self.locales = naming.spec_locales([spec.path for spec in specs], (*options.locales, options.default_locale))
        self.out_dir = out_dir
        self._drafts: dict[int, list[Draft]] = {}
        self._catalogs: dict[int, Catalog] = {}
        self._templates: Templates | None = None

    def parse(self, indices: list[int]) -> list[Parsed]:
        return [self._parse(index) for index in indices]

    def _parse(self, index: int) -> Parsed:
        spec = self.specs[index]
        if spec.too_large:
            return Parsed(index, [], False, [error("E103", spec.path, 1, 1, too_large(spec.size))])
        text, problems = decode(spec.path, spec.data)
        if text is None:
            return Parsed(index, [], False, problems)
        if not text.strip():
            return Parsed(index, [], False, [*problems, error("E103", spec.path, 1, 1, "empty file; expected a Markdown page with an error table")])
        options = replace(self.options, skip_invalid_tables=True) if spec.path in self.options.skipped else self.options
        drafts, diagnostics = build_spec(parse_page(spec.path, text), options, self.locales[index])
        self._drafts[index] = drafts
        return Parsed(index, [[list(d.title), d.line, d.locale] for d in drafts], True, problems + diagnostics)

    def verify(self, artifacts: list[tuple[str, str]]) -> list[str]:
        """The paths of these (path, SHA-256) whose file in the out dir has other bytes, or none."""
        targets = Targets(self.out_dir)

        def intact(path: str, sha: str) -> bool:
            try:
                return digest_file(targets.file(path), many=True) == sha
            except UnsafePath:  # a damaged record: nothing of it is kept
                return False

        return [path for path, sha in artifacts if not intact(path, sha)]

    def build(self, jobs: list[tuple[int, str, list[Member]]]) -> list[Built]:
        results = []
        for index, catalog_id, members in jobs:
            catalog, diagnostics = self._build(index, catalog_id, members)
            statuses = sorted({c.http_status for c in catalog.error_codes if c.status_class and c.http_status})
            results.append(Built(index, component_names(catalog), statuses, diagnostics))
        return results

    def _build(self, index: int, catalog_id: str, members: list[Member], *, keep: bool = True) -> tuple[Catalog, list[Diagnostic]]:
        for spec in {spec for spec, _position in members} - self._drafts.keys():
            self._parse(spec)
        drafts = [self._drafts[spec][position] for spec, position in members]
        for spec, _position in members:  # a spec's drafts serve one catalog each: no longer needed
            self._drafts.pop(spec, None)
        catalog, diagnostics = build_catalog(drafts, catalog_id, self.options)
        if keep:
            self._catalogs[index] = catalog
        return catalog, diagnostics

    def catalog(self, index: int, catalog_id: str, members: list[Member]) -> Catalog:
        return self._catalogs.get(index) or self._build(index, catalog_id, members)[0]

    @property
    def templates(self) -> Templates:
        if self._templates is None:
            self._templates = Templates(self.template_dirs, self.tool, {"wrapped_by_black": wrapped_by_black}, self.targets)
        return self._templates

    def render(self, jobs: list[RenderJob], project: Project, stage_dir: str | None) -> list[Made]:
        """Each job's catalog: kept when the out dir still holds what a past run recorded, else
        rendered, finished and hashed; files whose bytes differ from the out dir's are staged
        (beside their targets, or under ``stage_dir`` when nothing may be written). ``project``
        is the project without its catalogs."""
        package, scope = project.package, ProjectScope(project)
        outputs = [output for output in self.templates.outputs() if output.per_catalog]
        targets = Targets(self.out_dir)
        made: list[Made] = []
        pending: list[tuple[int, str, str, Any]] = []  # (result, path, sha, staging)
        try:
            with ThreadPoolExecutor(max_workers=4) as staging:  # each waits on the disk for its fsync
                try:
                    for job in jobs:
                        paths = [output.path(package, job.catalog_id) for output in outputs]
                        if job.recorded is not None and sorted(path for path, _sha in job.recorded) == sorted(paths):
                            made.append(Made(job.index, [(path, sha, None) for path, sha in job.recorded], [], kept=True))
                            continue
                        result = Made(job.index, [], [])
                        made.append(result)
                        catalog = self._catalogs.pop(job.index, None) or self._build(job.index, job.catalog_id, job.members, keep=False)[0]
                        unfit = beyond_javascript(catalog) if any(o.template.startswith("typescript/") for o in outputs) else None
                        if unfit is not None:
                            raise Unrenderable(unfit)
                        context = catalog_context(scope, catalog)
                        for output in outputs:
                            path = output.path(package, catalog.id)
                            done = finished(path, self.templates.render(output, context), context["header"])
                            sha, target = digest(done.data, many=True), targets(path)
                            if read(target) == done.data:
                                result.artifacts.append((path, sha, None))
                                continue
                            where = target if stage_dir is None else Path(stage_dir, path)
                            pending.append((len(made) - 1, path, sha, staging.submit(stage, where, [done.data], durable=stage_dir is None)))
                finally:
                    failure = _collect(pending, made)
            if failure is not None:
                raise failure
        except BaseException:
            discard([(Path(temp), Path()) for m in made for _p, _s, temp in m.artifacts if temp], [Path(f) for m in made for f in m.folders])
            raise
        for result in made:
            result.artifacts.sort()
        return made


def finished(path: str, rendered: Rendered, header: str) -> Finished:
    """A rendered text finished; what a template of the user's renders that is not its kind of
    file (JSON, YAML from JSON, Python) is a problem of that template."""
    try:
        return finish(path, rendered.text, header, builtin=rendered.builtin)
    except ValueError as exc:
        if rendered.builtin:
            raise
        message = exc.describe(path) if isinstance(exc, NotItsKind) else f"renders {path}, which is not what its name says: {exc}; expected a file of that kind"
        raise TemplateProblem(rendered.filename, 1, message) from exc


def _collect(pending: list[tuple[int, str, str, Any]], made: list[Made]) -> BaseException | None:
    """Every staged file into its catalog's result (so that all can be discarded), and the first
    failure to stage one."""
    failure = None
    for number, path, sha, future in pending:
        try:
            temp, folders = future.result()
        except BaseException as exc:  # noqa: BLE001 - raised once the others are collected
            failure = failure or exc
            continue
        made[number].artifacts.append((path, sha, str(temp)))
        made[number].folders.extend(map(str, folders))
    return failure

