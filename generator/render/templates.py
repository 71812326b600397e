"""Render stage: the model through the Jinja templates of each target, to text."""

from __future__ import annotations

import dataclasses
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..inputs import BUILTIN_TEMPLATES
from ..model import naming
from ..model.project import Catalog, Project
from .filters import FILTERS
from .header import header

if TYPE_CHECKING:
    import jinja2



class Output(NamedTuple):
    """One template and the files it makes."""

    template: str  # its name below the template folders, e.g. python/{package}/{catalog}.py.j2

    @property
    def per_catalog(self) -> bool:
        return "{catalog}" in self.template

    def path(self, package: str, catalog_id: str = "") -> str:
        return self.template.removesuffix(".j2").replace("{catalog}", catalog_id).replace("{package}", package)


class Rendered(NamedTuple):
    text: str
    builtin: bool  # one of errgen's own templates (which write Python in black's layout)
    combines: str | None  # the per-catalog output whose documents it holds (see finish.combined)
    filename: str  # of the template


class TemplateProblem(Exception):
    """A template of the user's that fails or renders what is not its kind of file."""

    def __init__(self, filename: str, line: int, message: str) -> None:
        super().__init__(filename, line, message)
        self.filename, self.line, self.message = filename, line, message


class ProjectScope:
    """What a per-catalog template sees of the project: every field but the catalogs."""

    def __init__(self, project: Project) -> None:
        self._fields = {f.name: getattr(project, f.name) for f in dataclasses.fields(project) if f.name != "catalogs"}
        self._fields["problem_type_prefix"] = project.problem_type_prefix

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["_fields"][name]
        except KeyError:
            if name.startswith("__"):
                raise AttributeError(name) from None
            import jinja2  # not an AttributeError, which Jinja would take for an undefined value

            raise jinja2.TemplateRuntimeError(f"a per-catalog template sees the project's fields except catalogs, not {name!r}") from None


class Templates:
    """The template folders of a run: the user's first, so one template can be overridden. A
    target is a folder; every ``*.j2`` file in it is an output (its path without ``.j2``,
    ``{package}`` the package name, ``{catalog}`` one file per catalog), ``*.jinja`` files are
    partials. A per-catalog template sees its catalog and the project but its catalogs."""

    def __init__(self, template_dirs: tuple[Path, ...] = (), tool: str = "", tests: dict[str, Any] | None = None) -> None:
        self.env = environment(template_dirs, tool)
        self.env.tests.update(tests or {})
        self._builtin = BUILTIN_TEMPLATES.resolve()

    def outputs(self) -> list[Output]:
        names = self.env.list_templates(filter_func=lambda name: name.endswith(".j2") and "/" in name)
        return [Output(name) for name in sorted(set(names))]

    def render(self, output: Output, context: dict[str, Any]) -> Rendered:
        """The template's text; a template of the user's that fails is a TemplateProblem."""
        try:
            template = self.env.get_template(output.template)
            module = template.make_module(context)
        except Exception as exc:  # noqa: BLE001 - a template can raise anything: 1 // 0, a call of a str, a filter's TypeError
            try:  # Jinja's traceback of the template's own lines
                self.env.handle_exception()
            except Exception as rewritten:  # noqa: BLE001 - the same exception, its frames rewritten
                exc = rewritten
            found = self.problem(exc, self.filename(output.template))
            if found is exc:  # errgen's own template failed on its own: a bug of errgen's
                raise exc
            raise found from exc
        return Rendered(str(module), self.builtin(template.filename or ""), getattr(module, "combines", None), template.filename or "")

    def filename(self, name: str) -> str:
        """The file a template name stands for, the first folder's that has it (without reading
        it: a template that cannot be read or decoded is a problem at its path)."""
        for loader in self.env.loader.loaders:  # type: ignore[union-attr]
            for folder in loader.searchpath:
                if Path(folder, name).is_file():
                    return str(Path(folder, name))
        return name

    def builtin(self, filename: str) -> bool:
        return Path(filename).resolve().is_relative_to(self._builtin)

    def problem(self, exc: Exception, filename: str) -> Exception:
        """A problem of the user's template, at the line of it where Jinja saw it (or its last
        line in a template of the user's that the traceback passes); errgen's own are its bugs."""
        line = getattr(exc, "lineno", None)
        filename = getattr(exc, "filename", None) or filename
        if line is None:
            frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename and not self.builtin(f.filename) and f.filename.endswith((".j2", ".jinja"))]
            filename, line = (frames[-1].filename, frames[-1].lineno) if frames else (filename, 1)
        if self.builtin(filename):
            return exc
        return TemplateProblem(filename, line or 1, f"the template fails: {type(exc).__name__}: {exc}")


def catalog_context(scope: ProjectScope, catalog: Catalog) -> dict[str, Any]:
    return {"project": scope, "package": scope.package, "catalog": catalog, "header": header(catalog.sources)}


def project_context(project: Project) -> dict[str, Any]:
    return {"project": project, "package": project.package, "header": header(project.sources)}


def environment(template_dirs: tuple[Path, ...] = (), tool: str = "") -> jinja2.Environment:
    """With a tool stamp, compiled templates are kept in Jinja's bytecode cache (a private folder
    in the temp dir, as Python keeps __pycache__) under names that hold the stamp."""
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
    env.globals["component_ref"] = naming.component_ref
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
