"""A run through the stages, asking the cache first at each, and the out dir changed all at once."""

from __future__ import annotations

import errno
import functools
import gc
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..cache import records
from ..cache.stamp import digest, digest_file, key
from ..config import Config
from ..diagnostics import Diagnostic, error
from ..finish import combine, finish, load_json
from ..inputs import Spec, display_path
from ..model import link, naming
from ..model.build import nothing_to_generate
from ..model.translations import in_merge_order
from ..model.project import Catalog, Options, Project
from ..render.header import MARKER
from ..render.templates import Output, Templates, project_context
from ..write import Targets, UnsafePath, WriteFailed, commit, discard, generated_files, put, read, reason, stage, unified_diff
from .outcome import CHECK, GENERATE, MODEL, Change, Outcome
from .pool import Pool
from .worker import Made, Member, RenderJob, Worker


class Generation:
    """Specs parsed and built, catalogs linked from what is known of each, then built, rendered,
    finished and staged, the project-wide files made. Each cache key names exactly the inputs
    of what it keeps: a spec's, errgen's stamp, the options, the spec's path and bytes; a
    catalog's, its id and its drafts' spec keys; a render's, its catalog key and the project's
    fields (package, version, status classes); the project-wide files', those fields and
    every catalog key."""

    def __init__(
        self,
        config: Config,
        command: str,
        specs: list[Spec],
        template_dirs: tuple[Path, ...],
        tool: str,
        run: str,
        digests: list[list[str]],
        manifest: dict | None,
    ) -> None:
        self.config, self.command, self.specs, self.template_dirs = config, command, specs, template_dirs
        self.tool, self.run_key, self.digests = tool, run, digests
        artifacts = manifest.get("artifacts") if manifest else None
        self.previous: dict[str, str] = artifacts if isinstance(artifacts, dict) else {}  # path -> SHA-256
        self.out_dir = Path(display_path(config.out))  # as messages name it
        self.index_file = records.record_path(config.root, config.out, "index")
        self.staged: list[tuple[Path, Path]] = []  # (temporary file, target)
        self.folders: list[Path] = []  # made for staged files

    def run(self, outcome: Outcome, problems: list[Diagnostic], *, jobs: int | None, skip_invalid_tables: bool, strict: bool) -> Outcome:
        config = self.config
        options = Options(config.package, config.version, config.default_locale, skip_invalid_tables)
        self.worker = Worker(self.specs, options, self.template_dirs, self.tool, self.out_dir)
        threshold = gc.get_threshold()
        gc.set_threshold(100_000, 50, 1000)  # a run keeps nearly all it makes to its end: collect seldom
        try:
            self.index = records.Index(records.read_record(self.index_file, records.INDEX) if self.command != MODEL else None)
            return self._pooled(outcome, problems, options, jobs, strict)
        finally:
            gc.set_threshold(*threshold)

    def _pooled(self, outcome: Outcome, problems: list[Diagnostic], options: Options, jobs: int | None, strict: bool) -> Outcome:
        with Pool(self.worker, 1 if self.command == MODEL else jobs) as self.pool:
            # the out dir's files as the last run left them are checked by the other workers
            # while this process reads the specs
            shares: list[list[Any]] = [[] for _ in range(self.pool.size)]
            for number, item in enumerate(sorted(self.previous.items())):
                shares[1 + number % (self.pool.size - 1) if self.pool.size > 1 else 0].append(item)
            self.pool.start("verify", shares)
            try:
                return self._run(outcome, problems, options, strict)
            except (UnsafePath, WriteFailed, OSError) as exc:
                self._discard()
                outcome.failure, outcome.message = "usage", _io_message(exc)
                return outcome
            except BaseException:
                self._discard()
                raise

    def _discard(self) -> None:
        """Every file staged, by any worker, removed again."""
        for made in self.pool.collect("render"):
            self._stage_made(made)
        discard(self.staged, self.folders)

    def _run(self, outcome: Outcome, problems: list[Diagnostic], options: Options, strict: bool) -> Outcome:
        diagnostics = list(problems)
        heads, first_page = self._specs(diagnostics)
        groups, found = link.group(heads)
        diagnostics += found
        ordered = [in_merge_order([heads[i] for i in members], options.default_locale) for members in groups]
        ids, found = link.name_catalogs([catalog[0] for catalog in ordered])
        diagnostics += found
        catalogs = [(catalog_id, heads_) for catalog_id, heads_ in zip(ids, ordered) if catalog_id is not None]
        members = [[(h.spec, h.position) for h in heads_] for _id, heads_ in catalogs]
        catalog_keys = [
            key(self.run_key, "catalog", catalog_id, *(f"{self.spec_keys[s]}:{p}" for s, p in members_))
            for (catalog_id, _heads), members_ in zip(catalogs, members)
        ]
        linked = self._catalogs(catalogs, members, catalog_keys, diagnostics)
        diagnostics += link.check_component_names(linked)
        if not catalogs and first_page is not None and not any(d.severity == "error" for d in diagnostics):
            diagnostics.append(nothing_to_generate(first_page))
        outcome.diagnostics = sorted(diagnostics)
        if problems:
            outcome.failure = "usage"
        elif any(d.severity == "error" for d in diagnostics) or not catalogs:
            outcome.failure = "spec"
        if outcome.failure:
            return outcome
        package = options.package or naming.package_name([heads_[0].title for _id, heads_ in catalogs])
        statuses = link.status_classes(s for catalog in linked for s in catalog.statuses)
        project = Project(package, naming.distribution_name(package), options.version, (), statuses)
        if self.command == MODEL:
            built = [self.worker.catalog(i, c.id, m) for i, (c, m) in enumerate(zip(linked, members))]
            outcome.project = Project(project.package, project.distribution, project.version, tuple(built), statuses)
            return outcome
        if strict and diagnostics:
            outcome.failure = "spec"
            return outcome
        stubs = tuple(self._stub(i, catalog_id, heads_, members[i]) for i, (catalog_id, heads_) in enumerate(catalogs))
        project = Project(project.package, project.distribution, project.version, stubs, statuses)
        clash = self._paths(project)
        if clash is not None:
            outcome.diagnostics, outcome.failure = sorted(diagnostics + [clash]), "spec"
            return outcome
        return self._write(outcome, project, catalog_keys, members)

    def _specs(self, diagnostics: list[Diagnostic]) -> tuple[list[link.Head], str | None]:
        """Every spec's drafts (the cache's, or parsed anew), as heads for linking."""
        self.spec_keys = spec_keys = [key(self.run_key, "spec", path, sha) for path, sha in self.digests]
        entries = [self.index.get("specs", k) for k in spec_keys]
        self.owners = _owners(self.specs, self.pool.size)
        misses = [i for i, entry in enumerate(entries) if entry is None]
        for parsed in self.pool.run("parse", self._shares(misses, self.owners.__getitem__)):
            entries[parsed.index] = [parsed.heads, parsed.parsed, [_row(d) for d in parsed.diagnostics]]
            self.index.put("specs", spec_keys[parsed.index], entries[parsed.index])
        heads, first_page = [], None
        for index, (spec, entry) in enumerate(zip(self.specs, entries)):
            drafts, parsed, found = entry  # type: ignore[misc]
            diagnostics += [Diagnostic(*d) for d in found]
            first_page = first_page or (spec.path if parsed else None)
            heads += [link.Head(tuple(title), spec.path, line, locale, index, n) for n, (title, line, locale) in enumerate(drafts)]
        return heads, first_page

    def _catalogs(self, catalogs: list, members: list[list[Member]], catalog_keys: list[str], diagnostics: list[Diagnostic]) -> list[link.Linked]:
        """What linking needs of every catalog: the cache's, or built anew."""
        entries = [self.index.get("catalogs", k) for k in catalog_keys]
        misses = [i for i, entry in enumerate(entries) if entry is None]
        jobs = {i: (i, catalogs[i][0], members[i]) for i in misses}
        for built in self.pool.run("build", self._shares(misses, lambda i: self.owners[members[i][0][0]], jobs)):
            prefix = len(naming.camel_case(catalogs[built.index][0]))  # every name starts with it: kept once
            names = " ".join(name[prefix:] for name, _line in built.names)
            entry = [names, [line for _name, line in built.names], built.statuses, [_row(d) for d in built.diagnostics]]
            entries[built.index] = entry
            self.index.put("catalogs", catalog_keys[built.index], entry)
        linked = []
        for (catalog_id, heads), entry in zip(catalogs, entries):
            names, lines, statuses, found = entry  # type: ignore[misc]
            diagnostics += [Diagnostic(*d) for d in found]
            prefix = naming.camel_case(catalog_id)
            linked.append(link.Linked(catalog_id, heads[0].source, [prefix + n for n in names.split(" ")], lines, tuple(statuses)))
        return linked

    def _shares(self, indices: list[int], owner: Any, jobs: dict[int, Any] | None = None) -> list[list[Any]]:
        shares: list[list[Any]] = [[] for _ in range(self.pool.size)]
        for i in indices:
            shares[owner(i)].append(jobs[i] if jobs is not None else i)
        return shares

    def _stub(self, index: int, catalog_id: str, heads: list[link.Head], members: list[Member]) -> Catalog:
        """A catalog as project-wide templates see it: built only if they read its codes."""
        first = heads[0]
        return _Stub(catalog_id, first.title, first.source, first.line, tuple(h.source for h in heads), lambda: self.worker.catalog(index, catalog_id, members))

    def _paths(self, project: Project) -> Diagnostic | None:
        """Every output path, checked to stay inside the out dir; a catalog whose path another
        output has is an error."""
        self.templates = Templates(self.template_dirs, self.tool)
        self.outputs = self.templates.outputs()
        self.targets = Targets(self.out_dir)
        seen: set[str] = set()
        for output in self.outputs:
            for catalog in project.catalogs if output.per_catalog else (None,):
                path = output.path(project.package, catalog.id if catalog else "")
                if path in seen:
                    if catalog is None:
                        raise AssertionError(f"two of errgen's outputs would be written to {path}")
                    message = (
                        f"catalog id '{catalog.id}' would write {path}, a file another output already "
                        "writes; expected a breadcrumb whose last crumb gives another id"
                    )
                    return error(catalog.source, catalog.line, 1, message)
                seen.add(path)
                self.targets.file(path)
        self.paths = seen
        if self.command == GENERATE:
            _check_folders(self.out_dir, sorted(seen))
        return None

    def _write(self, outcome: Outcome, project: Project, catalog_keys: list[str], members: list[list[Member]]) -> Outcome:
        stale = generated_files(self.out_dir, MARKER.encode(), skip=self.paths)
        self.stage_dir = tempfile.mkdtemp(prefix="errgen-check-") if self.command == CHECK else None
        try:
            made = self._render(project, catalog_keys, members)
            self._project_files(project, self.render_keys, made)
            outcome.changes, outcome.unchanged = self._changes(made, stale)
            if self.command == GENERATE:
                self._commit(outcome, made, stale)
        finally:
            if self.stage_dir is not None:
                shutil.rmtree(self.stage_dir, ignore_errors=True)
        return outcome

    def _render(self, project: Project, catalog_keys: list[str], members: list[list[Member]]) -> dict[str, Made]:
        """Every catalog's artifacts, by the key of its render."""
        scope = (project.package, project.distribution, project.version, list(project.status_classes))
        self.scope_key = key(*scope[:3], repr(project.status_classes))
        self.render_keys = render_keys = [key(catalog_key, self.scope_key) for catalog_key in catalog_keys]
        self.changed = set(self.pool.collect("verify"))
        jobs = {}
        for i, (catalog, render_key) in enumerate(zip(project.catalogs, render_keys)):
            entry = self.index.get("renders", render_key)
            jobs[i] = RenderJob(i, catalog.id, members[i], entry["artifacts"] if entry and self._kept(entry["artifacts"]) else None)
        made: dict[str, Made] = {}
        shares = self._shares(list(jobs), lambda i: self.owners[members[i][0][0]], jobs)
        for result in self.pool.run("render", shares, scope, self.stage_dir):
            self._stage_made(result)
            if result.kept:
                result = result._replace(spans=self.index.used["renders"][render_keys[result.index]]["spans"])
            made[render_keys[result.index]] = result
            self.index.put("renders", render_keys[result.index], {"artifacts": [[p, s] for p, s, _t in result.artifacts], "spans": result.spans})
        return made

    def _kept(self, artifacts: list[list[Any]]) -> bool:
        """Whether the out dir still holds these files as the last run recorded them."""
        return all(self.previous.get(path) == sha and path not in self.changed for path, sha in artifacts)

    def _stage_made(self, made: Made) -> None:
        self.staged += [(Path(temp), self.targets(path)) for path, _sha, temp in made.artifacts if temp]
        self.folders += map(Path, made.folders)

    def _project_files(self, project: Project, render_keys: list[str], made: dict[str, Made]) -> None:
        """The files made from every catalog, unless the out dir holds what a past run recorded."""
        project_key = key(self.run_key, "project", self.scope_key, *render_keys)
        entry = self.index.get("renders", project_key)
        if entry is not None and self._kept(entry["artifacts"]):
            made[project_key] = Made(-1, [(p, sha, None) for p, sha in entry["artifacts"]], {}, [])
            for path, _sha in entry["artifacts"]:
                self.index.get("combined", path)
            return
        context = project_context(project)
        artifacts = []
        for output in self.outputs:
            if output.per_catalog:
                continue
            path = output.path(project.package)
            rendered = self.templates.render(output, context)
            if rendered.combines is not None:
                head = load_json(path, rendered.text, checked=not rendered.builtin)
                artifacts.append((path, *self._combined(path, head, context["header"], project, render_keys, made, rendered.combines)))
                continue
            data = finish(path, rendered.text, context["header"], builtin=rendered.builtin).data
            same = read(self.targets(path)) == data
            artifacts.append((path, digest(data, many=True), None if same else self._emit(path, iter([data]))[1]))
        result = Made(-1, sorted(artifacts), {}, [])
        made[project_key] = result
        self.index.put("renders", project_key, {"artifacts": [[p, s] for p, s, _t in result.artifacts]})

    def _combined(
        self, path: str, head: Any, header: str, project: Project, render_keys: list[str], made: dict[str, Made], pattern: str
    ) -> tuple[str, str | None]:
        """A document holding every catalog's: each catalog's entries of each section come from
        the document as a past run combined it, when it is intact and holds that render's, in
        runs of bytes, else from the catalog's own document (staged this run, or the out dir's)."""
        old = self.index.get("combined", path)
        target = self.targets.file(path)
        if old is None or not self._kept([[path, old["sha"]]]):
            old = {"keys": [], "start": {}, "bounds": {}}
        position = {render_key: j for j, render_key in enumerate(old["keys"])}
        documents = {p: (temp, result.spans.get(p, {})) for result in made.values() for p, _sha, temp in result.artifacts}
        record: dict[str, Any] = {"keys": render_keys, "start": {}, "bounds": {}}

        def entries(section: str) -> Iterator[bytes]:
            start, bounds = old["start"].get(section, 0), old["bounds"].get(section)
            record["bounds"][section] = new = [0]
            run: list[Any] = [None, 0, 0]  # a piece to read: file, start, end
            for catalog, render_key in zip(project.catalogs, render_keys):
                j = position.get(render_key)
                if j is not None and bounds is not None:
                    where, begin, end = target, start + bounds[j], start + bounds[j + 1]
                else:
                    document = Output(pattern + ".j2").path(project.package, catalog.id)
                    temp, spans = documents.get(document, (None, {}))
                    begin, end = spans.get(section, (0, 0))
                    where = temp or self.targets.file(document)
                new.append(new[-1] + end - begin)
                if end == begin:
                    continue
                if run[0] == where and run[2] == begin:
                    run[2] = end
                    continue
                if run[0] is not None:
                    yield from _read_range(*run)
                run = [where, begin, end]
            if run[0] is not None:
                yield from _read_range(*run)

        def placed(section: str, offset: int) -> None:
            record["start"][section] = offset

        sha, temp = self._emit(path, combine(head, header, entries, placed))
        self.index.put("combined", path, {**record, "sha": sha})
        return sha, temp

    def _emit(self, path: str, chunks: Iterator[bytes]) -> tuple[str, str | None]:
        """(SHA-256, staged file or None when the out dir holds these bytes) of a project-wide
        file; a combined document is streamed to its staged file, never held whole."""
        target = self.targets(path)
        sha = hashlib.sha256()

        def hashed() -> Iterator[bytes]:
            for chunk in chunks:
                sha.update(chunk)
                yield chunk

        where = target if self.stage_dir is None else Path(self.stage_dir, path)
        temp, folders = stage(where, hashed(), durable=self.stage_dir is None)
        self.folders += folders
        if _same(target, sha.hexdigest(), os.path.getsize(temp)):
            temp.unlink()
            return sha.hexdigest(), None
        self.staged.append((temp, target))
        return sha.hexdigest(), str(temp)

    def _changes(self, made: dict[str, Made], stale: list[str]) -> tuple[list[Change], int]:
        changes, unchanged = [], 0
        for result in made.values():
            for path, _sha, temp in result.artifacts:
                if temp is None:
                    unchanged += 1
                elif self.command == CHECK:
                    old = read(self.targets(path))
                    kind = "created" if old is None else "changed"
                    changes.append(Change(path, kind, unified_diff(path, _text(old), _text(read(Path(temp))))))
                else:
                    changes.append(Change(path, "written"))
        for path in stale:
            diff = unified_diff(path, _text(read(self.out_dir / path)), None) if self.command == CHECK else ""
            changes.append(Change(path, "removed", diff))
        return sorted(changes, key=lambda change: change.path), unchanged

    def _commit(self, outcome: Outcome, made: dict[str, Made], stale: list[str]) -> None:
        staged = sorted(self.staged, key=lambda pair: pair[1].as_posix())
        self.staged = []
        try:
            commit(self.out_dir, staged, [self.out_dir / path for path in stale])
        finally:
            discard([], self.folders)
        try:  # last: the manifest vouches for what is written; without it the next run only takes longer
            self._record(outcome, made)
        except OSError:
            pass

    def _record(self, outcome: Outcome, made: dict[str, Made]) -> None:
        cache = self.index_file.parent
        if not (cache / ".gitignore").exists():
            put(cache / ".gitignore", records.GITIGNORE)
        put(self.index_file, self.index.encode(cache))
        record = records.config_record(*self.config.table, cache) if self.config.table else None
        if record is not None and self.config.file is not None and self.config.file.parent == self.config.root:
            put(cache / "config", record)
        manifest = {
            "about": "errgen's record of what it read and wrote here; it lets `errgen check` skip work. "
            "Safe to delete; `errgen generate` writes it again.",
            "run": self.run_key,
            "specs": self.digests,
            "warnings": [_row(d) for d in outcome.diagnostics],
            "artifacts": dict(sorted((p, s) for result in made.values() for p, s, _t in result.artifacts)),
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
    return [diagnostic.path, diagnostic.line, diagnostic.col, diagnostic.severity, diagnostic.message]


def _owners(specs: list[Spec], count: int) -> list[int]:
    """The worker of each spec: shares of about equal size, a page's translations together."""
    groups: dict[str, list[int]] = {}
    for index, spec in enumerate(specs):
        stem = naming.locale_of(spec.path.rsplit(".", 1)[0])[0]
        groups.setdefault(stem, []).append(index)
    loads = [0] * count
    owners = [0] * len(specs)
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
            there = out_dir / folder
            if there.exists() and not there.is_dir():
                raise WriteFailed((out_dir / path).as_posix(), os.strerror(errno.ENOTDIR), False)
            folder = folder.rpartition("/")[0]


def _same(path: Path, sha: str, size: int | None = None) -> bool:
    """Whether the file holds the bytes of this digest (and size, which is quicker to tell)."""
    try:
        if size is not None and os.path.getsize(path) != size:
            return False
    except OSError:
        return False
    return digest_file(os.fspath(path), many=True) == sha


def _read_range(path: str, start: int, end: int) -> Iterator[bytes]:
    """The bytes of a file from start to end, a few MiB at a time."""
    fd = os.open(path, os.O_RDONLY)
    try:
        while start < end:
            piece = os.pread(fd, min(end - start, 1 << 22), start)
            if not piece:
                raise OSError(f"{path} ends before byte {end}")
            yield piece
            start += len(piece)
    finally:
        os.close(fd)


def _text(data: bytes | None) -> str | None:
    if data is None:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return ""  # not errgen's to keep as it is: it will be replaced


def _io_message(exc: BaseException) -> str:
    if isinstance(exc, UnsafePath):
        return f"{exc}; expected an out dir whose folders stay inside it"
    if isinstance(exc, WriteFailed):
        outcome = "some files were replaced" if exc.changed else "nothing was changed"
        return f"cannot write {exc.path}: {exc.reason}; {outcome}"
    assert isinstance(exc, OSError)
    return f"cannot write {exc.filename or ''}: {reason(exc)}; nothing was changed"
