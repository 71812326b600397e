"""Render stage: the model through the Jinja templates of each target, to text."""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from ..config import DEFAULT_TARGETS
from ..inputs import BUILTIN_TEMPLATES
from ..model import naming
from ..model.project import Catalog, Project
from . import marks
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

    @property
    def kind(self) -> str:
        """The suffix of the files it makes: ``.py``, ``.json``..."""
        name = self.template.removesuffix(".j2").rpartition("/")[2]
        return name[name.rfind(".") :] if "." in name else ""

    def path(self, package: str, catalog_id: str = "") -> str:
        return self.template.removesuffix(".j2").replace("{catalog}", catalog_id).replace("{package}", package)


class Rendered(NamedTuple):
    text: str
    builtin: bool  # one of errgen's own templates (which write Python in black's layout)
    filename: str  # of the template


class TemplateProblem(Exception):
    """A template of the user's that fails or renders what is not its kind of file."""

    def __init__(self, filename: str, line: int, message: str, col: int = 1, code: str = "E501") -> None:
        super().__init__(filename, line, message, col, code)
        self.filename, self.line, self.message, self.col, self.code = filename, line, message, col, code


class ProjectScope:
    """What a per-catalog template sees of the project: every field but the catalogs."""

    def __init__(self, project: Project) -> None:
        self._project = project

    def __getattr__(self, name: str) -> Any:
        try:
            if name == "catalogs":
                raise AttributeError(name)
            return getattr(self.__dict__["_project"], name)
        except AttributeError:
            if name.startswith("__"):
                raise AttributeError(name) from None
            import jinja2  # not an AttributeError, which Jinja would take for an undefined value

            raise jinja2.TemplateRuntimeError(f"a per-catalog template sees the project's fields except catalogs, not {name!r}") from None


class Templates:
    """The template folders of a run: the user's first, so one template can be overridden. A
    target is a folder; every ``*.j2`` file in it is an output (its path without ``.j2``,
    ``{package}`` the package name, ``{catalog}`` one file per catalog), ``*.jinja`` files are
    partials. A per-catalog template sees its catalog and the project but its catalogs. A
    template's top folder is its target: ``targets`` are those rendered; None, the default
    targets and the user's folders that are no built-in target."""

    def __init__(self, template_dirs: tuple[Path, ...] = (), tool: str = "", tests: dict[str, Any] | None = None, targets: tuple[str, ...] | None = None) -> None:
        self.env = environment(template_dirs, tool)
        self.targets = targets
        self.env.tests.update(tests or {})
        self._finalize = cast(marks.Finalize, self.env.finalize)
        self._builtin = BUILTIN_TEMPLATES.resolve()
        self._user = bool(template_dirs)
        self._origins: dict[str, str] = {}

    def outputs(self) -> list[Output]:
        names = self.env.list_templates(filter_func=lambda name: name.endswith(".j2") and "/" in name)
        return [Output(name) for name in sorted(set(names)) if self.renders(name)]

    def renders(self, name: str) -> bool:
        """Whether a template is rendered: its target is in ``targets``; without them, it is a
        default target or a folder of the user's that is no built-in target."""
        target = name.split("/", 1)[0]
        if self.targets is not None:
            return target in self.targets
        return target in DEFAULT_TARGETS or not (self._builtin / target).is_dir()

    def render(self, output: Output, context: dict[str, Any]) -> Rendered:
        """The template's text; a template of the user's that fails, or writes a value from a
        spec without an escaping filter, is a TemplateProblem."""
        self._finalize.kind = output.kind
        try:
            template = self.env.get_template(output.template)
            module = template.make_module(context)
        except TemplateProblem:  # a template the loader could not decode
            raise
        except Exception:  # noqa: BLE001 - a template can raise anything: 1 // 0, a call of a str, a filter's TypeError
            try:  # Jinja's traceback of the template's own lines
                self.env.handle_exception()
            except Exception as rewritten:  # noqa: BLE001 - the same exception, its frames rewritten
                exc = rewritten
            found = self.problem(exc, self.origin(output.template, self.filename(output.template)))
            if found is exc:  # errgen's own template failed on its own: a bug of errgen's
                raise exc
            raise found from exc
        origin = self.origin(output.template, template.filename or "")
        return Rendered(str(module), self.builtin(origin), origin)

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

    def origin(self, name: str, filename: str) -> str:
        """The file answerable for what a template renders: the template itself, unless it is
        one of errgen's own that includes or imports (maybe through another) a template of the
        user's, an overridden partial, which then is."""
        if not self._user or not self.builtin(filename):
            return filename
        if name not in self._origins:
            import jinja2.meta

            self._origins[name], seen, todo = filename, {name}, [name]
            while todo:
                source = self.env.loader.get_source(self.env, todo.pop())[0]  # type: ignore[union-attr]
                for referenced in jinja2.meta.find_referenced_templates(self.env.parse(source)):
                    if referenced is None or referenced in seen:
                        continue
                    seen.add(referenced)
                    if not self.builtin(self.filename(referenced)):
                        self._origins[name] = self.filename(referenced)
                        return self._origins[name]
                    todo.append(referenced)
        return self._origins[name]

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
        return TemplateProblem(filename, line or 1, failure(exc), code="E502" if isinstance(exc, marks.Unescaped) else "E501")


def failure(exc: Exception) -> str:
    """What is wrong with a template that Jinja could not compile or render, and what was expected."""
    import jinja2

    if isinstance(exc, marks.Unescaped):
        return str(exc)
    if isinstance(exc, jinja2.TemplateSyntaxError):  # also an unknown filter or test
        return f"invalid template: {(exc.message or '').rstrip('.')}; expected Jinja syntax, with only the filters and tests of Jinja and errgen"
    if isinstance(exc, jinja2.TemplateNotFound):
        return f"no template '{exc}' to include or import; expected a file of that path in the templates folder or among errgen's own"
    if isinstance(exc, jinja2.UndefinedError):
        return f"the template fails: {exc}; expected only the variables and attributes errgen gives templates (see Custom templates in the README)"
    if isinstance(exc, RecursionError):  # its message depends on where the stack ran out
        return "the template fails: RecursionError: it calls itself without end; expected macros and includes that stop calling themselves"
    return f"the template fails: {type(exc).__name__}: {exc}; expected a template that renders without an error"


def catalog_context(scope: ProjectScope, catalog: Catalog) -> dict[str, Any]:
    """What a per-catalog template sees, the text of its specs marked (see marks)."""
    return {"project": scope, "package": scope.package, "catalog": marks.MarkedCatalog(catalog), "header": header(catalog.sources)}


def project_context(project: Project, origin: str) -> dict[str, Any]:
    """``origin`` is what a file made from every spec names in its header: the configuration
    (`the specs pyproject.toml configures`) or the spec paths of a run without one, so that
    adding a spec does not touch it."""
    return {"project": marks.marked_project(project), "package": project.package, "header": header((origin,))}


def environment(template_dirs: tuple[Path, ...] = (), tool: str = "") -> jinja2.Environment:
    """With a tool stamp, compiled templates are kept in Jinja's bytecode cache (a private folder
    in the temp dir, as Python keeps __pycache__) under names that hold the stamp."""
    import jinja2

    loaders = [_loader(jinja2, d) for d in (*template_dirs, BUILTIN_TEMPLATES)]
    cache = None
    if tool:
        try:
            cache = _bytecode_cache(jinja2, f"errgen-{tool[:20]}-%s.cache")
        except (OSError, RuntimeError):  # no private temp folder to be had: compile every time
            cache = None
    env = marks.environment_class()(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        bytecode_cache=cache,
        finalize=marks.Finalize(),
    )
    env.filters.update({name: marks.following(env.filters[name]) for name in marks.TEXT_FILTERS})
    env.filters.update(FILTERS)
    env.globals["component_ref"] = naming.component_ref
    env.globals["problem_schema"] = naming.PROBLEM_SCHEMA
    return env


def _loader(jinja2: Any, folder: Path) -> Any:
    """Jinja's FileSystemLoader of a folder, but a template in it that cannot be read or is not
    UTF-8 is a TemplateProblem at its path (and at the first byte that is not UTF-8)."""

    class Loader(jinja2.FileSystemLoader):  # type: ignore[misc]
        def get_source(self, environment: Any, template: str) -> Any:
            try:
                return super().get_source(environment, template)
            except jinja2.TemplateNotFound:  # an OSError too: the next folder may have it
                raise
            except (OSError, UnicodeDecodeError) as exc:
                filename = str(Path(folder, *jinja2.loaders.split_template_path(template)))
                raise unreadable(filename, exc) from None

    return Loader(str(folder))


def unreadable(filename: str, exc: OSError | UnicodeDecodeError) -> TemplateProblem:
    """A template file that cannot be read, or whose bytes are not UTF-8 (at the first bad one)."""
    from ..parse.decode import position

    if isinstance(exc, OSError):
        return TemplateProblem(filename, 1, f"cannot read the template: {exc.strerror or type(exc).__name__}; expected a readable file")
    try:
        Path(filename).read_bytes().decode("utf-8")
    except UnicodeDecodeError as again:  # the offset in the whole file, not in a chunk of it
        exc = again
    except OSError:
        pass
    line, col = position(exc.object, exc.start) if isinstance(exc.object, bytes) else (1, 1)
    return TemplateProblem(filename, line, f"invalid UTF-8 (byte 0x{exc.object[exc.start]:02x}); expected a UTF-8 encoded template", col)


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
