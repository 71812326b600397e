"""Configuration: `[tool.errgen]` in the nearest pyproject.toml, command-line options on top.

Found as black and ruff find theirs: walking up from the working directory to the first
pyproject.toml that has a `[tool.errgen]` table, stopping at the repository root (a folder
holding `.git`). Paths in the file are relative to the file's folder; paths on the command
line are relative to the working directory. The command line wins; without any
configuration the defaults (`specs/` -> `generated/`) apply in the working directory.
"""

from __future__ import annotations

import re
from pathlib import Path


TYPE_CHECKING = False  # on check's fast path: TOML and diagnostics are imported when needed
if TYPE_CHECKING:
    from .diagnostics import Diagnostic
from .inputs import display_path

FILE_NAME = "pyproject.toml"
OPTIONS = ("specs", "out", "package", "version", "default-locale", "templates")
_LOCALE = re.compile(r"[a-z]{2}(?:[-_][A-Za-z]{2,4})?")
_PACKAGE = re.compile(r"[a-z_][a-z0-9_]*")


class Config:
    """The settings of one run. A plain class: dataclasses cost check's fast path more than
    the whole check."""

    __slots__ = ("root", "specs", "out", "package", "version", "default_locale", "templates", "file", "problems")

    def __init__(
        self,
        root: Path,  # where displayed spec paths start: the config file's folder, else the cwd
        specs: tuple[Path, ...],
        out: Path,
        package: str | None = None,
        version: str = "0.1.0",
        default_locale: str = "en",
        templates: Path | None = None,
        file: Path | None = None,  # the pyproject.toml read, if any
        problems: tuple[Diagnostic, ...] = (),
    ) -> None:
        self.root, self.specs, self.out = root, specs, out
        self.package, self.version, self.default_locale = package, version, default_locale
        self.templates, self.file, self.problems = templates, file, problems

    def replace(self, **changes: object) -> Config:
        values = {name: getattr(self, name) for name in self.__slots__}
        values.update(changes)
        return Config(**values)  # type: ignore[arg-type]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Config) and all(getattr(self, n) == getattr(other, n) for n in self.__slots__)

    def __repr__(self) -> str:
        return "Config(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__) + ")"


def defaults(root: Path) -> Config:
    return Config(root=root, specs=(root / "specs",), out=root / "generated")


def find_config_file(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / FILE_NAME
        if candidate.is_file() and _has_errgen_table(candidate):
            return candidate
        if (folder / ".git").exists():
            return None
    return None


def load_config(cwd: Path, explicit: Path | None = None) -> Config:
    """The configuration in force in cwd: an explicit file, the nearest one, or the defaults."""
    path = explicit or find_config_file(cwd)
    if path is None:
        return defaults(cwd)
    import tomllib

    from .diagnostics import error

    shown = display_path(path, cwd)
    root = path.parent.resolve()
    try:
        text = path.read_text(encoding="utf-8")
        table = tomllib.loads(text).get("tool", {}).get("errgen", {})
    except OSError as exc:
        return defaults(cwd).replace(problems=(error(shown, 1, 1, f"cannot read: {exc.strerror}"),))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        line, col = _toml_position(exc)
        return defaults(cwd).replace(problems=(error(shown, line, col, f"invalid TOML: {exc}"),))

    problems: list[Diagnostic] = []

    def problem(key: str, message: str) -> None:
        match = re.search(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", text, re.MULTILINE)
        line = text.count("\n", 0, match.start()) + 1 if match else 1
        problems.append(error(shown, line, 1, f"[tool.errgen] {message}"))

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
        elif not isinstance(value, str) or not value:
            problem(key, f"'{key}' must be a non-empty string")
        elif key in ("out", "templates"):
            options[key] = root / value
        elif key == "package" and package_problem(value):
            problem(key, str(package_problem(value)))
        elif key == "default-locale" and locale_problem(value):
            problem(key, str(locale_problem(value)))
        else:
            options[key.replace("-", "_")] = value
    config = defaults(root).replace(file=path, problems=tuple(problems))
    return apply_options(config, **options)  # type: ignore[arg-type]


def apply_options(
    config: Config,
    *,
    specs: list[Path] | None = None,
    out: Path | None = None,
    package: str | None = None,
    version: str | None = None,
    default_locale: str | None = None,
    templates: Path | None = None,
) -> Config:
    """Options on top of a configuration: the command line wins over the file."""
    given = {
        "specs": tuple(specs) if specs else None,
        "out": out,
        "package": package,
        "version": version,
        "default_locale": default_locale,
        "templates": templates,
    }
    return config.replace(**{k: v for k, v in given.items() if v is not None})


def package_problem(value: str) -> str | None:
    if _PACKAGE.fullmatch(value):
        return None
    return f"package '{value}' is not a valid import name; expected [a-z_][a-z0-9_]*"


def locale_problem(value: str) -> str | None:
    if _LOCALE.fullmatch(value):
        return None
    return f"locale '{value}' is not a locale code; expected one like en, ko or pt-BR"


def _has_errgen_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return True  # report the broken file rather than silently skipping it
    if "errgen" not in text:
        return False  # no need to parse TOML to know
    import tomllib

    try:
        return "errgen" in tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError:
        return True


def _toml_position(exc: Exception) -> tuple[int, int]:
    match = re.search(r"line (\d+), column (\d+)", str(exc))
    return (int(match.group(1)), int(match.group(2))) if match else (1, 1)
