"""A run through the stages, asking the cache first at each, and the out dir changed all at once."""

from __future__ import annotations

import dataclasses
import errno
import functools
import gc
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..cache import records
from ..cache.stamp import digest, digest_file, key
from ..config import Config
from ..diagnostics import Diagnostic, error, kept
from ..inputs import Spec, display_path
from ..model import link, naming
from ..model.build import nothing_to_generate
from ..model.project import REQUEST_ID_HEADERS, Catalog, Options, Project
from ..model.translations import in_merge_order
from ..render.header import MARKER
from ..render.templates import TemplateProblem, Templates, project_context
from ..write import NAME_MAX, RECORD, Targets, UnsafePath, WriteFailed, commit, discard, io_message, owned, put, read, record, scan, stage, unified_diff
from .breaking import dropped_catalogs, held_files, removal_warnings, rename_problem
from .outcome import CHECK, GENERATE, MODEL, Change, Outcome
from .pool import Pool
from .worker import Made, Member, RenderJob, Unrenderable, Worker, finished


class Generation:
    """Specs parsed and built, catalogs linked from what is known of each, then built, rendered,
    finished and staged, the project-wide files made. Each cache key names exactly the inputs
    of what it keeps: a spec's, errgen's stamp, the options, the spec's path and bytes; a
    catalog's, its id and its drafts' spec keys; a render's, its catalog key and the project's
    fields (package, version, status classes); the project-wide files', every render key."""

    def __init__(
        self,
        config: Config,
        command: str,
        specs: list[Spec],
        templates: tuple[Path, ...],
        tool: str,
        run: str,
        digests: list,
        manifest: dict | None,
        chosen: frozenset[str] | None = None,  # the specs PATHs selected, None: every one
        ignored: Callable[[str], tuple[str, ...]] | None = None,  # the codes not reported for a file
    ) -> None:
        self.config, self.command, self.specs, self.template_dirs = config, command, specs, templates
        self.chosen, self.ignored = chosen, ignored or config.ignored
        self.tool, self.run_key, self.digests = tool, run, digests
        artifacts = manifest.get("artifacts") if manifest else None
        self.previous: dict[str, str] = artifacts if isinstance(artifacts, dict) else {}  # path -> SHA-256
        self.out_dir = Path(display_path(config.out))  # as messages name it
        self.index_file = records.record_path(config.root, config.out, "index")
        self.staged: list[tuple[Path, Path]] = []  # (temporary file, target)
        self.folders: list[Path] = []  # made for staged files

    def run(self, outcome: Outcome, problems: list[Diagnostic], *, jobs: int | None, skip_invalid_tables: bool, strict: bool) -> Outcome:
        config = self.config
        skipped = frozenset(spec.path for spec in self.specs if config.overrides and config.skips(spec.path))
        options = Options(config.package, config.version, config.default_locale, skip_invalid_tables, config.locales, skipped)
        self.worker = Worker(self.specs, options, self.template_dirs, self.tool, self.out_dir, config.targets)
        threshold = gc.get_threshold()
        gc.set_threshold(100_000, 50, 1000)  # a run keeps nearly all it makes to its end: collect seldom
        try:
            return self._pooled(outcome, problems, options, jobs, strict)
        except (UnsafePath, WriteFailed) as exc:
            outcome.failure, outcome.message = "usage", io_message(exc)
            return outcome
        finally:
            gc.set_threshold(*threshold)

    def _pooled(self, outcome: Outcome, problems: list[Diagnostic], options: Options, jobs: int | None, strict: bool) -> Outcome:
        self.index = records.Index(records.read_record(self.index_file, records.INDEX) if self.command != MODEL else None)
        with Pool(self.worker, 1 if self.command == MODEL else jobs) as self.pool:
            # the files the last run left are checked by the other workers while this one reads
            self.pool.start("verify", self._shares(sorted(self.previous.items()), lambda n: 1 + n % (self.pool.size - 1)))
            try:
                return self._run(outcome, problems, options, strict)
            except (TemplateProblem, Unrenderable) as exc:
                self._discard()
                if isinstance(exc, Unrenderable):
                    found = exc.diagnostic
                else:
                    found = error(exc.code, display_path(Path(exc.filename), self.config.root), exc.line, exc.col, exc.message)
                outcome.diagnostics, outcome.failure = sorted([*outcome.diagnostics, found]), "spec"
                return outcome
            except (UnsafePath, WriteFailed, OSError) as exc:
                self._discard()
                outcome.failure, outcome.message = "usage", io_message(exc)
                return outcome
            except BaseException:
                self._discard()
                raise

    def _run(self, outcome: Outcome, problems: list[Diagnostic], options: Options, strict: bool) -> Outcome:
        diagnostics = list(problems)
        heads, first_page = self._specs(diagnostics)
        groups, found = link.group(heads)
        ordered = [in_merge_order([heads[i] for i in group], options.default_locale) for group in groups]
        ids, clashes = link.name_catalogs([catalog[0] for catalog in ordered])
        catalogs = [(catalog_id, catalog) for catalog_id, catalog in zip(ids, ordered) if catalog_id is not None]
        members = [[(h.spec, h.position) for h in catalog] for _id, catalog in catalogs]
        self.catalog_keys = [
            key(self.run_key, "catalog", catalog_id, *(f"{self.spec_keys[s]}:{p}" for s, p in members_))
            for (catalog_id, _heads), members_ in zip(catalogs, members)
        ]
        linked = self._catalogs(catalogs, members, diagnostics)
        diagnostics += found + clashes + link.check_component_names(linked)
        if not catalogs and first_page is not None and not any(d.severity == "error" for d in diagnostics):
            diagnostics.append(nothing_to_generate(first_page))
        self.recorded = sorted(diagnostics)  # the warnings a no-op run repeats, before ignore
        outcome.diagnostics = kept(self.recorded, self.ignored)
        if problems or any(d.severity == "error" for d in diagnostics) or not catalogs:
            outcome.failure = "usage" if problems else "spec"
            return outcome
        package = options.package or naming.package_name([heads_[0].title for _id, heads_ in catalogs])
        statuses = link.status_classes(s for catalog in linked for s in catalog.statuses)
        fields = (package, naming.distribution_name(package), options.version)
        if self.command == MODEL:
            built = tuple(self.worker.catalog(i, c.id, m) for i, (c, m) in enumerate(zip(linked, members)))
            outcome.project = Project(*fields, built, statuses)
            return outcome
        if strict and outcome.diagnostics:
            outcome.failure = "spec"
            return outcome
        stubs = tuple(self._stub(i, catalog_id, heads_, members[i]) for i, (catalog_id, heads_) in enumerate(catalogs))
        headers = self.config.request_id_headers or REQUEST_ID_HEADERS
        project = Project(*fields, stubs, statuses, self.config.problem_type_base, headers, self.config.enums)
        self.templates = Templates(self.template_dirs, self.tool, targets=self.config.targets)
        self.outputs = self.templates.outputs()
        self.owned = owned(self.out_dir)
        self.held = held_files(self.owned or (), self.outputs)
        stops = self._breaking(options, package, catalogs, diagnostics)
        if stops:
            outcome.diagnostics, outcome.failure = kept(sorted(diagnostics + stops), self.ignored), "spec"
            return outcome
        clash = self._paths(project)
        if clash is not None:
            outcome.diagnostics, outcome.failure = kept(sorted(diagnostics + [clash]), self.ignored), "spec"
            return outcome
        return self._write(outcome, project, members, strict)

    def _breaking(self, options: Options, package: str, catalogs: list[tuple[str, list[link.Head]]], diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """What stops a run that would break imports of the out dir's package on its own: a
        derived package name that is not the out dir's, a catalog of the out dir that
        --skip-invalid-tables would leave out (its error replaces the warning in diagnostics)."""
        stops = []
        if options.package is None:  # a package given explicitly is renamed deliberately
            firsts = [(heads[0].title, heads[0].source, heads[0].line) for _id, heads in catalogs]
            stop = rename_problem(self.held.package, package, firsts)
            stops += [stop] if stop is not None else []
        if options.skip_invalid_tables or options.skipped:
            specs = {spec.path for spec in self.specs}
            errors, replaced = dropped_catalogs(self.held, [i for i, _heads in catalogs], diagnostics, specs, self.config.out, self.config.root)
            diagnostics[:] = [d for d in diagnostics if d not in replaced]
            stops += errors
        return stops

    def _specs(self, diagnostics: list[Diagnostic]) -> tuple[list[link.Head], str | None]:
        """Every spec's drafts (the cache's, or parsed anew), as heads for linking."""
        locales = self.worker.locales  # a file's locale depends on its siblings in the run
        self.spec_keys = [key(self.run_key, "spec", path, sha, locale or "") for (path, sha), locale in zip(self.digests, locales)]
        entries = [self.index.get("specs", k) for k in self.spec_keys]
        self.owners = _owners(self.specs, locales, self.pool.size)
        misses = [i for i, entry in enumerate(entries) if entry is None]
        for parsed in self.pool.run("parse", self._shares(misses, self.owners.__getitem__, misses)):
            entries[parsed.index] = [parsed.heads, parsed.parsed, [_row(d) for d in parsed.diagnostics]]
            self.index.put("specs", self.spec_keys[parsed.index], entries[parsed.index])
        heads, first_page = [], None
        for index, (spec, (drafts, parsed, found)) in enumerate(zip(self.specs, entries)):  # type: ignore[misc]
            diagnostics += [Diagnostic(*d) for d in found]
            first_page = first_page or (spec.path if parsed else None)
            heads += [link.Head(tuple(title), spec.path, line, locale, index, n) for n, (title, line, locale) in enumerate(drafts)]
        return heads, first_page

    def _catalogs(self, catalogs: list, members: list[list[Member]], diagnostics: list[Diagnostic]) -> list[link.Linked]:
        """What linking needs of every catalog: the cache's, or built anew. Every generated name
        starts with the catalog's class prefix, which the cache keeps once."""
        entries = [self.index.get("catalogs", k) for k in self.catalog_keys]
        misses = [i for i, entry in enumerate(entries) if entry is None]
        jobs = [(i, catalogs[i][0], members[i]) for i in misses]
        for built in self.pool.run("build", self._shares(misses, lambda i: self.owners[members[i][0][0]], jobs)):
            prefix = len(naming.camel_case(catalogs[built.index][0]))
            names = " ".join(name[prefix:] for name, _line in built.names)
            entries[built.index] = [names, [line for _name, line in built.names], built.statuses, [_row(d) for d in built.diagnostics]]
            self.index.put("catalogs", self.catalog_keys[built.index], entries[built.index])
        linked = []
        for (catalog_id, heads), (names, lines, statuses, found) in zip(catalogs, entries):  # type: ignore[misc]
            diagnostics += [Diagnostic(*d) for d in found]
            prefix = naming.camel_case(catalog_id)
            linked.append(link.Linked(catalog_id, heads[0].source, [prefix + n for n in names.split(" ")], lines, tuple(statuses)))
        return linked

    def _shares(self, items: list[Any], owner: Any, jobs: list[Any] | None = None) -> list[list[Any]]:
        """Items (or the job for each) by the worker ``owner(n)`` names for the n-th (or for the item)."""
        shares: list[list[Any]] = [[] for _ in range(self.pool.size)]
        for number, item in enumerate(items):
            worker = owner(item if jobs is not None else number) if self.pool.size > 1 else 0
            shares[worker].append(jobs[number] if jobs is not None else item)
        return shares

    def _stub(self, index: int, catalog_id: str, heads: list[link.Head], members: list[Member]) -> Catalog:
        """A catalog as project-wide templates see it: built only if they read its codes."""
        return _Stub(catalog_id, heads[0].title, heads[0].source, heads[0].line, tuple(h.source for h in heads), lambda: self.worker.catalog(index, catalog_id, members))

    def _paths(self, project: Project) -> Diagnostic | None:
        """Every output path, checked to stay inside the out dir; a catalog whose path another
        output has is an error."""
        self.targets = Targets(self.out_dir)
        self.paths: set[str] = set()
        for output in self.outputs:
            for catalog in project.catalogs if output.per_catalog else (None,):
                path = output.path(project.package, catalog.id if catalog else "")
                if path not in self.paths:
                    self.paths.add(path)
                    self.targets.file(path)
                    continue
                if catalog is None:
                    raise AssertionError(f"two of errgen's outputs would be written to {path}")
                message = f"catalog id '{catalog.id}' would write {path}, a file another output already writes; expected a breadcrumb whose last crumb gives another id"
                return error("E302", catalog.source, catalog.line, 1, message)
        self.paths.add(RECORD)
        folded: dict[str, str] = {}
        for path in sorted(self.paths):  # one file on a case-insensitive file system (macOS, Windows)
            other = folded.setdefault(path.casefold(), path)
            if other != path:
                catalog = next((c for c in project.catalogs if c.id in path), project.catalogs[0])
                message = f"output {path} and {other} differ only in case, one file on macOS and Windows; expected output names that differ in more than case"
                return error("E302", catalog.source, catalog.line, 1, message)
        long = next((p for p in sorted(self.paths) if max(len(part.encode()) for part in p.split("/")) > NAME_MAX), None)
        if long is not None:
            catalog = next((c for c in project.catalogs if c.id in long), project.catalogs[0])
            message = f"catalog id '{catalog.id}' gives a file name longer than {NAME_MAX} bytes ({long}); expected a shorter last crumb"
            return error("E302", catalog.source, catalog.line, 1, message)
        if self.command == GENERATE:
            _check_folders(self.out_dir, sorted(self.paths))
        self._check_owner()
        return None

    def _check_owner(self) -> None:
        """errgen overwrites only files the out dir's record lists; before there is a record,
        only files that carry its header, and it removes none then."""
        for path in sorted(self.paths - (self.owned or set()) - {RECORD}):
            target = self.targets(path)
            if not os.path.lexists(target):
                continue
            if self.owned is None and MARKER.encode() in (read(target) or b"")[:512]:
                continue
            why = f"a file errgen did not write is in the way (it is not in {self.out_dir.as_posix()}/{RECORD}); expected nothing there: move it away, or choose another out dir"
            raise WriteFailed(target.as_posix(), why, False)

    def _write(self, outcome: Outcome, project: Project, members: list[list[Member]], strict: bool) -> Outcome:
        stale = sorted(p for p in (self.owned or set()) - self.paths if os.path.lexists(self.targets(p)))
        garbage = [self.out_dir / p for p in scan(self.out_dir)[0]] if self.out_dir.is_dir() else []
        self.stage_dir = tempfile.mkdtemp(prefix="errgen-check-") if self.command == CHECK else None
        try:
            made = self._render(project, members)
            # a run of chosen specs removes nothing: the record keeps naming what it leaves
            self.left = set(stale) if self.chosen is not None else set()
            made.append(self._project_files(project, made))
            if self.chosen is not None:
                made, stale, outcome.held = self._chosen_only(made, members, stale)
            outcome.changes, outcome.unchanged = self._changes(made, stale, garbage)
            recorded = self.recorded  # not the warnings of removals, done once
            rewritten = [(p, self.targets(p), Path(temp)) for result in made for p, _sha, temp in result.artifacts if temp and p.endswith(".py")]
            removals = kept(removal_warnings(self.held, project.package, project.catalogs, self.outputs, stale, rewritten, self.config.out, self.config.root), self.ignored)
            if removals:
                outcome.diagnostics = sorted(outcome.diagnostics + removals)
                if strict:
                    self._discard()
                    outcome.failure, outcome.changes = "spec", []
                    return outcome
            if self.command == GENERATE:
                commit(self.out_dir, sorted(self.staged, key=lambda pair: pair[1].as_posix()), [self.out_dir / p for p in stale], garbage)
                self.staged = []
                discard([], self.folders)
                try:  # last: the records vouch for what is written; without them the next run only takes longer
                    self._record(recorded, made, manifest=self.chosen is None)
                except OSError:
                    pass
        finally:
            if self.stage_dir is not None:
                shutil.rmtree(self.stage_dir, ignore_errors=True)
        return outcome

    def _chosen_only(self, made: list[Made], members: list[list[Member]], stale: list[str]) -> tuple[list[Made], list[str], int]:
        """What a run of chosen specs writes: their catalogs' files, and the shared ones when
        every other catalog's files are up to date and no file is left to remove (else the
        shared files would name modules not written, or drop ones still there); nothing
        removed. The files held back are staged, not committed."""
        picked = {i for i, catalog in enumerate(members) if any(self.specs[s].path in self.chosen for s, _p in catalog)}  # type: ignore[operator]
        others_due = bool(stale) or any(temp for m in made if m.index not in picked and m.index >= 0 for _p, _s, temp in m.artifacts)
        kept_made = []
        due: set[Path] = set()
        for m in made:
            if m.index in picked or (m.index < 0 and not others_due):
                kept_made.append(m)
                continue
            # the record of what errgen owns is written all the same: it may name new files of the chosen
            held = [(p, s, t) for p, s, t in m.artifacts if t and p != RECORD]
            due |= {self.targets(p) for p, _s, _t in held}
            kept_made.append(m._replace(artifacts=[a for a in m.artifacts if a not in held]))
        discard([pair for pair in self.staged if pair[1] in due], [])
        self.staged = [pair for pair in self.staged if pair[1] not in due]
        return kept_made, [], len(due) + len(stale)

    def _render(self, project: Project, members: list[list[Member]]) -> list[Made]:
        """Every catalog's artifacts: kept when the out dir holds what the last run recorded."""
        scope = dataclasses.replace(project, catalogs=())  # what a catalog's render sees of the project
        self.render_keys = [key(catalog_key, repr(scope)) for catalog_key in self.catalog_keys]
        self.changed = set(self.pool.collect("verify"))
        entries = [self.index.get("renders", k) for k in self.render_keys]
        jobs = [
            RenderJob(i, catalog.id, members[i], entry["artifacts"] if entry and self._kept(entry["artifacts"]) else None)
            for i, (catalog, entry) in enumerate(zip(project.catalogs, entries))
        ]
        made = []
        for result in self.pool.run("render", self._shares(jobs, lambda job: self.owners[job.members[0][0]], jobs), scope, self.stage_dir):
            self._stage_made(result)
            made.append(result)
            self.index.put("renders", self.render_keys[result.index], {"artifacts": [[p, s] for p, s, _t in result.artifacts]})
        return made

    def _kept(self, artifacts: list[list[Any]]) -> bool:
        """Whether the out dir still holds these files as the last run recorded them."""
        return all(self.previous.get(path) == sha and path not in self.changed for path, sha in artifacts)

    def _stage_made(self, made: Made) -> None:
        self.staged += [(Path(temp), self.targets(path)) for path, _sha, temp in made.artifacts if temp]
        self.folders += map(Path, made.folders)

    def _discard(self) -> None:
        """Every file staged, by any worker, removed again."""
        for made in self.pool.collect("render"):
            self._stage_made(made)
        discard(self.staged, self.folders)

    def _project_files(self, project: Project, made: list[Made]) -> Made:
        """The files made from every catalog, unless the out dir holds what the last run recorded."""
        config = self.config
        shown = [display_path(p, config.root, above=True) for p in config.specs]
        origin = f"the specs {display_path(config.file, config.root)} configures" if config.file else ", ".join(shown)
        project_key = key(self.run_key, "project", origin, *self.render_keys)
        entry = self.index.get("renders", project_key)
        if entry is not None and self._kept(entry["artifacts"]):
            return Made(-1, [(p, sha, None) for p, sha in entry["artifacts"]], [])
        context = project_context(project, origin)
        artifacts = []
        for output in (output for output in self.outputs if not output.per_catalog):
            path = output.path(project.package)
            data = finished(path, self.templates.render(output, context), context["header"]).data
            same = read(self.targets(path)) == data
            artifacts.append((path, digest(data, many=True), None if same else self._emit(path, iter([data]))[1]))
        data = record((self.paths | self.left) - {RECORD})
        artifacts.append((RECORD, digest(data), None if read(self.targets(RECORD)) == data else self._emit(RECORD, iter([data]))[1]))
        self.index.put("renders", project_key, {"artifacts": [[p, s] for p, s, _t in artifacts]})
        return Made(-1, sorted(artifacts), [])

    def _emit(self, path: str, chunks: Iterator[bytes]) -> tuple[str, str | None]:
        """(SHA-256, staged file or None when the out dir holds these bytes) of a project-wide
        file, streamed to its staged file, never held whole."""
        target, sha = self.targets(path), hashlib.sha256()

        def hashed() -> Iterator[bytes]:
            for chunk in chunks:
                sha.update(chunk)
                yield chunk

        temp, folders = stage(target if self.stage_dir is None else Path(self.stage_dir, path), hashed(), durable=self.stage_dir is None)
        self.folders += folders
        if _same(target, sha.hexdigest(), os.path.getsize(temp)):
            temp.unlink()
            return sha.hexdigest(), None
        self.staged.append((temp, target))
        return sha.hexdigest(), str(temp)

    def _changes(self, made: list[Made], stale: list[str], garbage: list[Path]) -> tuple[list[Change], int]:
        changes, unchanged = [], 0
        for path, _sha, temp in (artifact for result in made for artifact in result.artifacts):
            if temp is None:
                unchanged += 1
            elif self.command == CHECK:
                old = read(self.targets(path))
                changes.append(Change(path, "created" if old is None else "changed", unified_diff(self._from_root(path), _text(old), _text(read(temp)))))
            else:
                target = self.targets(path)
                if os.path.lexists(target) and not os.path.isfile(target):  # a FIFO, a device, a link to one
                    read(target)  # the error that names it
                changes.append(Change(path, "written"))
        for path in stale:
            changes.append(Change(path, "removed", unified_diff(self._from_root(path), _text(read(self.out_dir / path)), None) if self.command == CHECK else ""))
        changes += [Change(left.relative_to(self.out_dir).as_posix(), "removed") for left in garbage]
        return sorted(changes, key=lambda change: change.path), unchanged

    def _from_root(self, path: str) -> str:
        """An out-dir path as check's diffs name it: from the configuration's folder (the
        repository's root, as a rule), so that `git apply` there takes the diff."""
        return Path(os.path.relpath(self.out_dir / path, self.config.root)).as_posix()

    def _record(self, warnings: list[Diagnostic], made: list[Made], *, manifest: bool = True) -> None:
        cache = self.index_file.parent
        root = os.path.realpath(self.config.root)
        if os.path.realpath(cache) != os.path.join(root, records.CACHE_DIR):  # a link out of the project
            return
        if not (cache / ".gitignore").exists():
            put(cache / ".gitignore", records.GITIGNORE)
        put(self.index_file, self.index.encode(cache))
        if self.config.table and self.config.file is not None and self.config.file.parent == self.config.root:
            record = records.config_record(*self.config.table, cache)
            if record is not None:
                put(cache / "config", record)
        if not manifest:  # a run of chosen specs: the out dir is not what the manifest would vouch for
            return
        manifest = {
            "run": self.run_key,
            "specs": self.digests,
            "warnings": [_row(d) for d in warnings],
            "artifacts": dict(sorted((p, s) for result in made for p, s, _t in result.artifacts)),
        }
        put(records.record_path(self.config.root, self.config.out, "manifest"), records.encode(manifest, records.MANIFEST, cache))


class _Stub(Catalog):
    """A Catalog whose codes and operations are built when first read."""

    def __init__(self, id: str, title: tuple[str, ...], source: str, line: int, sources: tuple[str, ...], build: Any) -> None:
        self.__dict__.update(id=id, title=title, source=source, line=line, sources=sources, _build=build)

    @functools.cached_property
    def _built(self) -> Catalog:
        return self._build()  # type: ignore[no-any-return]

    codes = property(lambda self: self._built.codes)  # type: ignore[assignment]
    operations = property(lambda self: self._built.operations)  # type: ignore[assignment]


def _row(diagnostic: Diagnostic) -> list[Any]:
    return [diagnostic.path, diagnostic.line, diagnostic.col, diagnostic.severity, diagnostic.message, diagnostic.code]


def _owners(specs: list[Spec], locales: list[str | None], count: int) -> list[int]:
    """The worker of each spec: shares of about equal size, a page's translations together."""
    groups: dict[str, list[int]] = {}
    for index, (spec, locale) in enumerate(zip(specs, locales)):
        folder = spec.path.rpartition("/")[0]
        groups.setdefault(f"{folder}/{naming.page_name(spec.path, locale)}", []).append(index)
    loads, owners = [0] * count, [0] * len(specs)
    for group in sorted(groups.values(), key=lambda g: -sum(specs[i].size for i in g)):
        worker = loads.index(min(loads))
        for index in group:
            owners[index] = worker
            loads[worker] += specs[index].size
    return owners


def _check_folders(out_dir: Path, paths: list[str]) -> None:
    """Refuse, before anything is written, a file in the way of a folder some path needs."""
    seen: set[str] = set()
    for path in paths:
        folder = path.rpartition("/")[0]
        while folder and folder not in seen:
            seen.add(folder)
            if (out_dir / folder).exists() and not (out_dir / folder).is_dir():
                raise WriteFailed((out_dir / path).as_posix(), os.strerror(errno.ENOTDIR), False)
            folder = folder.rpartition("/")[0]


def _same(path: Path, sha: str, size: int) -> bool:
    """Whether the file holds the bytes of this digest (and size, which is quicker to tell)."""
    try:
        return os.path.getsize(path) == size and digest_file(os.fspath(path), many=True) == sha
    except OSError:
        return False


def _text(data: bytes | None) -> str | None:
    try:
        return None if data is None else data.decode("utf-8")
    except UnicodeDecodeError:
        return ""  # not errgen's to keep as it is: it will be replaced
