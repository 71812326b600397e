"""Configuration: `[tool.errgen]` in the nearest pyproject.toml, command-line options on top."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from .cache.records import read_config
from .inputs import display_path, one_line

TYPE_CHECKING = False  # on the no-op path: TOML and diagnostics are imported when needed
if TYPE_CHECKING:
    from .diagnostics import Diagnostic

FILE_NAME = "pyproject.toml"
OPTIONS = ("specs", "out", "package", "version", "default-locale", "locales", "templates", "problem-type-base", "request-id-headers", "enums", "skip-invalid-tables", "strict", "jobs", "include", "exclude", "ignore", "overrides", "targets")
OVERRIDE_OPTIONS = ("files", "ignore", "skip-invalid-tables")  # the settings that belong to a page
MAX_JOBS = 256
ENUMS = ("open", "closed")
# the targets a run renders unless `targets` says otherwise (and the user's templates' own folders)
DEFAULT_TARGETS = ("python", "jsonschema", "openapi")
_TARGET = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")  # the model's OPEN and CLOSED, not imported on the no-op path
_LOCALE = re.compile(r"[a-z]{2}(?:[-_][A-Za-z]{2,4})?")
_PACKAGE = re.compile(r"[a-z_][a-z0-9_]*")
# PEP 440's public version, as packaging spells it (case aside)
_VERSION = re.compile(
    r"v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?[0-9]*)?"
    r"(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?(?:[-_.]?dev[-_.]?[0-9]*)?(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?",
    re.IGNORECASE,
)


class Config:
    """The settings of one run (a plain class: dataclasses cost a no-op run more than the run)."""

    __slots__ = ("root", "specs", "out", "package", "version", "default_locale", "locales", "templates", "file", "problems", "table", "problem_type_base", "request_id_headers", "enums", "skip_invalid_tables", "strict", "jobs", "include", "exclude", "ignore", "overrides", "selected", "targets")

    def __init__(
        self,
        root: Path,  # where displayed spec paths start: the config file's folder, else the cwd
        specs: tuple[Path, ...],
        out: Path,
        package: str | None = None,
        version: str = "0.1.0",
        default_locale: str = "en",
        locales: tuple[str, ...] = (),  # the file-name suffixes that are locales, besides siblings'
        templates: Path | None = None,
        file: Path | None = None,  # the pyproject.toml read, if any
        problems: tuple[Diagnostic, ...] = (),
        table: tuple[bytes, dict] | None = None,  # that file's bytes and [tool.errgen] table, for the cache
        problem_type_base: str = "",  # the start of the generated package's problem types; "": its URN
        request_id_headers: tuple[str, ...] = (),  # the response headers that carry a request id; (): the defaults
        enums: str = "open",  # whether response schemas accept a result code the catalog does not list
        skip_invalid_tables: bool = False,  # tables that do not fit become warnings
        strict: bool = False,  # warnings are errors
        jobs: int | None = None,  # worker processes; None or 0: one per core
        include: tuple[str, ...] = (),  # globs: the files of spec folders that are specs; (): all
        exclude: tuple[str, ...] = (),  # globs: the files of spec folders that are not
        ignore: tuple[str, ...] = (),  # warning codes (or prefixes) not reported
        overrides: tuple[Override, ...] = (),  # settings of the specs some globs match
        selected: tuple[Path, ...] | None = None,  # PATHs in a configured project: the specs a run is about
        targets: tuple[str, ...] | None = None,  # the template folders rendered; None: DEFAULT_TARGETS and the user's own
    ) -> None:
        self.root, self.specs, self.out = root, specs, out
        self.package, self.version, self.default_locale, self.locales = package, version, default_locale, locales
        self.templates, self.file, self.problems, self.table = templates, file, problems, table
        self.problem_type_base, self.request_id_headers, self.enums = problem_type_base, request_id_headers, enums
        self.skip_invalid_tables, self.strict, self.jobs = skip_invalid_tables, strict, jobs
        self.include, self.exclude, self.ignore, self.overrides = include, exclude, ignore, overrides
        self.selected, self.targets = selected, targets

    def ignored(self, path: str) -> tuple[str, ...]:
        """The codes not reported for a file (a display path, as diagnostics hold)."""
        extra = tuple(code for o in self.overrides if o.matches(path, self.root) for code in o.ignore)
        return self.ignore + extra

    def skips(self, path: str) -> bool:
        """Whether the tables of a spec that do not fit are skipped with a warning."""
        return self.skip_invalid_tables or any(o.skip_invalid_tables for o in self.overrides if o.matches(path, self.root))

    def replace(self, **changes: object) -> Config:
        values = {name: getattr(self, name) for name in self.__slots__}
        values.update(changes)
        return Config(**values)  # type: ignore[arg-type]


class Override:
    """A `[[tool.errgen.overrides]]` table: settings for the specs its `files` globs match."""

    __slots__ = ("files", "ignore", "skip_invalid_tables")

    def __init__(self, files: tuple[str, ...], ignore: tuple[str, ...] = (), skip_invalid_tables: bool = False) -> None:
        self.files, self.ignore, self.skip_invalid_tables = files, ignore, skip_invalid_tables

    def matches(self, path: str, root: Path) -> bool:
        from .inputs import matches_globs

        return matches_globs(path, self.files, root if Path(path).is_absolute() else None)

    def __repr__(self) -> str:  # in the run's cache key: every field, in order
        return f"Override({self.files!r}, {self.ignore!r}, {self.skip_invalid_tables!r})"


def defaults(root: Path) -> Config:
    return Config(root=root, specs=(root / "specs",), out=root / "generated")


def find_config_file(start: Path) -> Path | None:
    """The first pyproject.toml with a `[tool.errgen]` table from ``start`` up, as black and ruff
    find theirs, stopping at the repository root (a folder holding `.git`)."""
    for folder in (start, *start.parents):
        candidate = folder / FILE_NAME
        try:
            if candidate.is_file() and _errgen_table(candidate) is not None:
                return candidate
        except (OSError, ValueError):  # not readable, not UTF-8 or not TOML: errgen's to report
            return candidate
        if (folder / ".git").exists():
            return None
    return None


def load_config(cwd: Path, explicit: Path | None = None) -> Config:
    """The configuration in force in cwd: an explicit file, the nearest one, or the defaults.
    Paths in the file are relative to its folder."""
    path = explicit or find_config_file(cwd)
    if path is None:
        return defaults(cwd)
    shown = display_path(path, cwd)
    root = path.parent.resolve()
    try:
        data, table = _errgen_table(path, always=explicit is not None) or (b"", {})
    except OSError as exc:
        return defaults(cwd).replace(problems=(_error("E001", shown, 1, 1, f"cannot read: {exc.strerror}"),))
    except ValueError as exc:  # not UTF-8, or not TOML
        line, col = _toml_position(exc, path)
        return defaults(cwd).replace(problems=(_error("E001", shown, line, col, f"invalid TOML: {exc}"),))

    problems: list[Diagnostic] = []

    def problem(key: str, message: str, table_number: int = 0) -> None:
        text = data.decode("utf-8")
        match = re.search(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", text, re.MULTILINE)
        if table_number:  # the header of the n-th [[tool.errgen.overrides]]
            headers = list(re.finditer(r"^[ \t]*\[\[[ \t]*tool\.errgen\.overrides[ \t]*\]\]", text, re.MULTILINE))
            match = headers[table_number - 1] if len(headers) >= table_number else match
        elif match is None and key == "overrides":  # a table, not an array of them
            match = re.search(r"^[ \t]*\[+[ \t]*tool\.errgen\.overrides\b", text, re.MULTILINE)
        line = text.count("\n", 0, match.start()) + 1 if match else 1
        problems.append(_error("E002", shown, line, 1, f"[tool.errgen] {message}"))

    options: dict[str, object] = {}
    for key, value in table.items():
        if key not in OPTIONS:
            problem(key, f"unknown option '{key}'; expected one of: {', '.join(OPTIONS)}")
        elif key == "specs":
            paths = [value] if isinstance(value, str) else value
            if isinstance(paths, list) and paths and all(isinstance(p, str) and p for p in paths):
                options["specs"] = [root / p for p in paths]
            else:
                problem(key, "'specs' must be a path or a non-empty list of paths")
        elif key == "request-id-headers":
            names = [value] if isinstance(value, str) else value
            if isinstance(names, list) and names and all(isinstance(n, str) and re.fullmatch(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+", n) for n in names):
                options["request_id_headers"] = tuple(names)
            else:
                problem(key, "'request-id-headers' must be a non-empty list of HTTP header names, like [\"X-Request-Id\"]")
        elif key == "problem-type-base" and not (isinstance(value, str) and re.fullmatch(r"(?:https?://[^\s]+|urn:[a-z0-9][a-z0-9-]{0,31}:[^\s]*)", value)):
            problem(key, "'problem-type-base' must be an http(s) URI or a URN, like \"https://errors.example.com/\"")
        elif key in ("skip-invalid-tables", "strict"):
            if isinstance(value, bool):
                options[key.replace("-", "_")] = value
            else:
                problem(key, f"'{key}' must be true or false")
        elif key == "ignore":
            message = _ignore_problem(value)
            if message:
                problem(key, message)
            else:
                options["ignore"] = tuple(value)  # type: ignore[arg-type]
        elif key == "overrides":
            overrides, message, number = _overrides(value)
            if message:
                problem(key, message, number)
            else:
                options["overrides"] = overrides
        elif key == "targets":
            message = _targets_problem(value, table.get("templates"), root)
            if message:
                problem(key, message)
            else:
                options["targets"] = tuple(value)  # type: ignore[arg-type]
        elif key in ("include", "exclude"):
            globs = [value] if isinstance(value, str) else value
            if isinstance(globs, list) and all(isinstance(g, str) and g.strip("/") for g in globs):
                options[key] = tuple(globs)
            else:
                problem(key, f"'{key}' must be a list of globs, like [\"README.md\", \"drafts/\"]")
        elif key == "jobs":
            if type(value) is int and 0 <= value <= MAX_JOBS:
                options["jobs"] = value
            else:
                problem(key, f"'jobs' must be 0 (one process per core) or a number of processes up to {MAX_JOBS}")
        elif key == "enums" and value not in ENUMS:
            problem(key, f"'enums' must be one of: {', '.join(repr(e) for e in ENUMS)} (open: response schemas accept result codes the docs add later)")
        elif key == "locales":
            names = [value] if isinstance(value, str) else value
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                problem(key, "'locales' must be a list of locales, like [\"en\", \"ko\"]")
            elif any(locale_problem(n) for n in names):
                problem(key, str(next(locale_problem(n) for n in names if locale_problem(n))))
            else:
                options["locales"] = tuple(names)
        elif not isinstance(value, str) or not value:
            problem(key, f"'{key}' must be a non-empty string")
        elif key in ("out", "templates"):
            options[key] = root / value
        elif key == "package" and package_problem(value):
            problem(key, str(package_problem(value)))
        elif key == "version" and version_problem(value):
            problem(key, str(version_problem(value)))
        elif key == "default-locale" and locale_problem(value):
            problem(key, str(locale_problem(value)))
        else:
            options[key.replace("-", "_")] = value
    config = defaults(root).replace(file=path, problems=tuple(problems), table=(data, table))
    return apply_options(config, **options)  # type: ignore[arg-type]


def apply_options(
    config: Config,
    *,
    specs: list[Path] | None = None,
    out: Path | None = None,
    package: str | None = None,
    version: str | None = None,
    default_locale: str | None = None,
    locales: tuple[str, ...] | None = None,
    templates: Path | None = None,
    problem_type_base: str | None = None,
    request_id_headers: tuple[str, ...] | None = None,
    enums: str | None = None,
    skip_invalid_tables: bool | None = None,
    strict: bool | None = None,
    jobs: int | None = None,
    include: tuple[str, ...] | None = None,
    exclude: tuple[str, ...] | None = None,
    ignore: tuple[str, ...] | None = None,
    overrides: tuple[Override, ...] | None = None,
    selected: tuple[Path, ...] | None = None,
    targets: tuple[str, ...] | None = None,
) -> Config:
    """Options on top of a configuration: the command line wins over the file."""
    given = {"specs": tuple(specs) if specs else None, "out": out, "package": package, "version": version}
    given.update(default_locale=default_locale, locales=tuple(locales) if locales else None, templates=templates)
    given.update(problem_type_base=problem_type_base, request_id_headers=request_id_headers, enums=enums)
    given.update(skip_invalid_tables=skip_invalid_tables, strict=strict, jobs=jobs, include=include, exclude=exclude)
    given.update(ignore=ignore, overrides=overrides, selected=selected, targets=targets)
    return config.replace(**{k: v for k, v in given.items() if v is not None})


def _ignore_problem(value: object) -> str | None:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        return "'ignore' must be a list of warning codes, like [\"W203\", \"W3\"]"
    from .diagnostics import code_problem

    return next((message for message in map(code_problem, value) if message), None)


def builtin_targets() -> tuple[str, ...]:
    """The targets errgen has templates for: the folders of its templates."""
    from .inputs import BUILTIN_TEMPLATES

    return tuple(sorted(p.name for p in BUILTIN_TEMPLATES.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))))


def _targets_problem(value: object, templates: object, root: Path) -> str | None:
    """Why a `targets` value cannot be used: not a list of folder names, or a name that is
    neither a built-in target nor a folder of the configured templates folder."""
    if not (isinstance(value, list) and value and all(isinstance(t, str) and _TARGET.fullmatch(t) for t in value)):
        return "'targets' must be a non-empty list of targets, like [\"python\", \"typescript\"]"
    known = set(builtin_targets())
    if isinstance(templates, str) and templates and (root / templates).is_dir():
        known.update(p.name for p in (root / templates).iterdir() if p.is_dir())
    unknown = [t for t in value if t not in known]
    if unknown:
        return f"unknown target '{one_line(unknown[0])}'; expected a built-in target ({', '.join(builtin_targets())}) or a folder of the templates folder"
    if len(set(value)) != len(value):
        twice = next(t for t in value if value.count(t) > 1)
        return f"'targets' names '{twice}' twice; expected each target once"
    return None


def _overrides(value: object) -> tuple[tuple[Override, ...], str | None, int]:
    """The overrides of an array of tables, or the first problem with them and its table's number."""
    if not isinstance(value, list) or not all(isinstance(table, dict) for table in value):
        return (), "'overrides' must be an array of tables: [[tool.errgen.overrides]] with files = [...] and the settings", 0
    found = []
    for number, table in enumerate(value, 1):
        where = f"overrides table {number}"
        unknown = next((key for key in table if key not in OVERRIDE_OPTIONS), None)
        if unknown is not None:
            return (), f"{where}: unknown option '{one_line(unknown)}'; expected {', '.join(OVERRIDE_OPTIONS)} (the settings that belong to a page)", number
        files = table.get("files")
        if not (isinstance(files, list) and files and all(isinstance(g, str) and g.strip("/") for g in files)):
            return (), f"{where}: 'files' must be a non-empty list of globs, like [\"legacy/*.md\"]", number
        ignore = table.get("ignore", [])
        message = _ignore_problem(ignore)
        if message:
            return (), f"{where}: {message}", number
        skip = table.get("skip-invalid-tables", False)
        if not isinstance(skip, bool):
            return (), f"{where}: 'skip-invalid-tables' must be true or false", number
        found.append(Override(tuple(files), tuple(ignore), skip))
    return tuple(found), None, 0


def package_problem(value: str) -> str | None:
    import keyword

    shown = one_line(value)
    if not _PACKAGE.fullmatch(value):
        return f"package '{shown}' is not a valid import name; expected [a-z_][a-z0-9_]*"
    if keyword.iskeyword(value):
        return f"package '{value}' is a Python keyword; expected an import name that is not one"
    if value in sys.stdlib_module_names:
        return f"package '{value}' would shadow the standard library's {value} module; expected another import name"
    if value.startswith("_") or value.endswith("_"):  # the distribution name is the package's with - for _
        distribution = value.replace("_", "-")
        return f"package '{value}' gives the distribution name '{distribution}', which PEP 508 does not allow; expected an import name that starts with a letter and does not end with _"
    return None


def version_problem(value: str) -> str | None:
    if _VERSION.fullmatch(value):
        return None
    return f"version '{one_line(value)}' is not a PEP 440 version; expected one like 1.2.0, 2.0.0rc1 or 1.0.post1"


def locale_problem(value: str) -> str | None:
    if _LOCALE.fullmatch(value):
        return None
    return f"locale '{one_line(value)}' is not a locale code; expected one like en, ko or pt-BR"


def _errgen_table(path: Path, *, always: bool = False) -> tuple[bytes, dict] | None:
    """A pyproject.toml's bytes and `[tool.errgen]` table (None when it has none); TOML is parsed
    (``always``, or when the file names errgen at all) only when the cache does not hold this
    file's table. Raises OSError or ValueError (not UTF-8, not TOML)."""
    data = path.read_bytes()
    if b"errgen" not in data and not always:
        return None
    table = read_config(path.parent, data)
    if table is None:
        import tomllib

        table = tomllib.loads(data.decode("utf-8")).get("tool", {}).get("errgen")
    return None if table is None else (data, table)


def _error(code: str, path: str, line: int, col: int, message: str) -> Diagnostic:
    from .diagnostics import error

    return error(code, path, line, col, message)


def _toml_position(exc: Exception, path: Path) -> tuple[int, int]:
    """Where tomllib's error is: its line and column, or for an error "at end of document" the
    end of the file's last line that holds anything."""
    match = re.search(r"line (\d+), column (\d+)", str(exc))
    if match:
        return int(match.group(1)), int(match.group(2))
    if "end of document" not in str(exc):
        return 1, 1
    try:
        lines = path.read_bytes().decode("utf-8", "replace").rstrip().split("\n")
    except OSError:
        return 1, 1
    return len(lines), len(lines[-1]) + 1
