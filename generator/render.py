"""Render stage: the model through the Jinja templates of each target, to file contents.

A target is a folder of templates. Every ``*.j2`` file in it is an output: its path below
the templates folder, without ``.j2``, is the output path, where ``{package}`` stands for
the package name and ``{catalog}`` makes one file per catalog. ``*.jinja`` files are
partials for ``{% import %}``. Python decides how each kind of file is finished: Python
is formatted as black formats it (see pyformat), JSON is re-serialised with the header as
``$comment``, YAML is written from the template's JSON by yamltext, other text gets a
comment header.

A per-catalog template sees its catalog and every field of the project but its catalogs, so
what it renders depends on that catalog alone: each artifact carries a stamp of exactly what
it was rendered from, and an artifact whose stamp is unchanged need not be rendered again.
With many catalogs, worker processes make the per-catalog artifacts (see workers).
Jinja is imported only when something is rendered, so the fast path can read this module.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from . import yamltext
from .diagnostics import one_line
from .filters import FILTERS
from .inputs import BUILTIN_TEMPLATES
from .outdir import MARKER
from .model import Catalog, Project
from .pyformat import format_python, wrapped_by_black

if TYPE_CHECKING:
    import jinja2

# starts with the marker by which the write stage knows the files errgen wrote
HEADER = MARKER.decode() + "{sources}. Do not edit: edit the spec and run `errgen generate`."
_COMMENT = {".py": "#", ".toml": "#", ".typed": "#", ".yaml": "#", ".yml": "#", ".cfg": "#", ".txt": "#"}


class PathClash(ValueError):
    """Two outputs would be written to one path (a catalog id equal to a fixed file's name)."""

    def __init__(self, path: str, catalog: Catalog | None) -> None:
        super().__init__(f"two artifacts would be written to {path}")
        self.path = path
        self.catalog = catalog


@dataclass(frozen=True)
class Artifact:
    """One output file: its path relative to the out dir (POSIX) and its full text."""

    path: str
    text: str
    # SHA-256 of the tool stamp, the template name and what the template saw; not part of
    # equality: two artifacts with the same path and text are the same file
    stamp: str = field(default="", compare=False)

    @functools.cached_property
    def data(self) -> bytes:
        """The text as written: UTF-8 (once, however often it is asked for)."""
        return self.text.encode("utf-8")


class ProjectScope:
    """What a per-catalog template sees of the project: every field but the catalogs."""

    def __init__(self, project: Project) -> None:
        self._fields = {f.name: getattr(project, f.name) for f in dataclasses.fields(project) if f.name != "catalogs"}

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["_fields"][name]
        except KeyError:
            raise AttributeError(f"a per-catalog template sees the project's fields except catalogs, not {name!r}") from None

    def __repr__(self) -> str:
        return f"ProjectScope({self._fields!r})"


Reuse = Callable[[str, str], "str | None"]  # (path, stamp) -> the artifact's text when still valid


def environment(template_dirs: tuple[Path, ...] = (), tool: str = "") -> jinja2.Environment:
    """User template folders first, so one template can be overridden; built-ins last.

    With a tool stamp, compiled templates are kept in Jinja's bytecode cache (a private
    folder in the temp dir, as Python keeps __pycache__), under names that hold the stamp:
    compiling costs more than rendering the seeds, and the stamp changes with anything that
    could change the compiled code (the templates, this module, Jinja's version).
    """
    import jinja2

    loaders = [jinja2.FileSystemLoader(str(d)) for d in (*template_dirs, BUILTIN_TEMPLATES)]
    cache = None
    if tool:
        try:
            cache = _bytecode_cache(jinja2, f"errgen-{tool[:20]}-%s.cache")
        except (OSError, RuntimeError):  # no private temp folder to be had: compile every time
            cache = None
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        bytecode_cache=cache,
    )
    env.filters.update(FILTERS)
    env.tests["wrapped_by_black"] = wrapped_by_black
    return env


def _bytecode_cache(jinja2: Any, pattern: str) -> Any:
    """Jinja's FileSystemBytecodeCache, but a cache that cannot be written (a full disk, a
    read-only temp dir) only costs a compile."""

    class BytecodeCache(jinja2.FileSystemBytecodeCache):  # type: ignore[misc]
        def dump_bytecode(self, bucket: Any) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass

    return BytecodeCache(pattern=pattern)


Job = tuple[str, "int | None", str, str]  # (template name, catalog index or None, path, stamp)


def render(
    project: Project,
    template_dirs: tuple[Path, ...] = (),
    targets: tuple[str, ...] = (),
    *,
    tool: str = "",
    reuse: Reuse | None = None,
    jobs: int | None = 1,
    project_wide: bool = True,
) -> list[Artifact]:
    """Every artifact of every target (or of the named ones), sorted by path.

    ``tool`` (see stamp.tool_stamp) goes into every artifact's stamp; ``reuse`` may return the
    text of an artifact whose stamp it knows, which is then neither rendered nor finished.
    With ``jobs`` above 1 (None: one per core) and many per-catalog artifacts to make, those
    are made in worker processes while this one makes the others (see workers). Without
    ``project_wide``, only the per-catalog artifacts are made.
    """
    from .workers import Workers, workers_for

    renderer = Renderer(project, template_dirs, tool)
    artifacts: list[Artifact] = []
    planned: list[Job] = []
    scopes = _Scopes(project, tool)
    seen: set[str] = set()
    for name in sorted(set(renderer.env.list_templates(filter_func=lambda n: n.endswith(".j2")))):
        target = name.split("/", 1)[0]
        if "/" not in name or (targets and target not in targets):
            continue
        if not project_wide and "{catalog}" not in name:
            continue
        for path, index in _outputs(name.removesuffix(".j2"), project):
            if path in seen:
                raise PathClash(path, None if index is None else project.catalogs[index])
            seen.add(path)
            stamp = scopes.stamp(name, project if index is None else project.catalogs[index])
            text = reuse(path, stamp) if reuse is not None else None
            if text is not None:
                artifacts.append(Artifact(path, text, stamp))
            else:
                planned.append((name, index, path, stamp))

    per_catalog = [job for job in planned if job[1] is not None]
    workers = workers_for(jobs, len(per_catalog))
    if workers:
        with Workers(workers, project, template_dirs, tool) as pool:
            made = pool.make(per_catalog)
            artifacts.extend(renderer.make(job) for job in planned if job[1] is None)
            artifacts.extend(made)
    else:
        artifacts.extend(renderer.make(job) for job in planned)
    return sorted(artifacts, key=lambda a: a.path)


def _outputs(pattern: str, project: Project) -> Iterator[tuple[str, int | None]]:
    """(path, catalog index) of each file a template makes; no index for a project-wide one."""
    if "{catalog}" in pattern:
        for index, catalog in enumerate(project.catalogs):
            yield pattern.replace("{catalog}", catalog.id).replace("{package}", project.package), index
    else:
        yield pattern.replace("{package}", project.package), None


class Renderer:
    """Makes artifacts: renders a template for the project or one catalog, then finishes it."""

    def __init__(self, project: Project, template_dirs: tuple[Path, ...], tool: str) -> None:
        self.env = environment(template_dirs, tool)
        self.project = project
        self._scope = ProjectScope(project)
        self._builtin = BUILTIN_TEMPLATES.resolve()

    def make(self, job: Job) -> Artifact:
        name, index, path, stamp = job
        template = self.env.get_template(name)
        context = self.context(index)
        builtin = Path(template.filename or "").resolve().is_relative_to(self._builtin)
        return Artifact(path, finish(path, template.render(context), context["header"], builtin), stamp)

    def context(self, index: int | None) -> dict[str, Any]:
        project = self.project
        if index is None:
            return {"project": project, "package": project.package, "header": header(project.sources)}
        catalog = project.catalogs[index]
        return {
            "project": self._scope,
            "package": project.package,
            "catalog": catalog,
            "header": header(catalog.sources or (catalog.source,)),
        }


class _Scopes:
    """Artifact stamps: the model a template saw, by its repr (every field of the frozen
    dataclasses, so a field added to the model is stamped without anyone remembering to)."""

    def __init__(self, project: Project, tool: str) -> None:
        self._tool = tool
        self._project = project
        self._project_repr: str | None = None
        self._scope_repr = repr(ProjectScope(project))

    def stamp(self, template: str, scope: object) -> str:
        if scope is self._project:
            if self._project_repr is None:
                self._project_repr = repr(self._project)
            seen = self._project_repr
        else:
            seen = self._scope_repr + repr(scope)
        text = "\0".join((self._tool, template, seen))
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def header(sources: tuple[str, ...]) -> str:
    return HEADER.format(sources=", ".join(sources))


def finish(path: str, text: str, header_text: str, black_style: bool = False) -> str:
    """Give a rendered template its final form and its do-not-edit header. ``black_style``:
    the template is errgen's own, which writes Python in black's layout (see pyformat)."""
    suffix = PurePosixPath(path).suffix
    if suffix == ".json":
        data = _load_json(path, text)
        return json.dumps({"$comment": header_text, **data}, ensure_ascii=False, indent=2) + "\n"
    if suffix in (".yaml", ".yml"):
        return f"# {one_line(header_text)}\n{yamltext.dump(_load_json(path, text))}"
    if suffix in _COMMENT:
        text = f"{_COMMENT[suffix]} {one_line(header_text)}\n{text}"
    if suffix == ".py":
        return format_python(text, black_style=black_style)
    return text


def _load_json(path: str, text: str) -> Any:
    """A template's JSON text; a name given twice in one object is a template bug, not a value
    to drop silently as ``json.loads`` would."""

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        data = dict(items)
        if len(data) != len(items):
            seen = [name for name, _ in items]
            twice = sorted({name for name in seen if seen.count(name) > 1})
            raise ValueError(f"{path}: the template renders {', '.join(twice)} twice in one object")
        return data

    return json.loads(text, object_pairs_hook=pairs)
