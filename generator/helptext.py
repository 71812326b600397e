"""What --help says of defaults: the values of the configuration in force, else errgen's own."""

from __future__ import annotations

import os
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .config import Config

# errgen's own defaults, by the dest of the option that overrides each
BUILTIN = {
    "paths": "specs",
    "out": "generated",
    "package": "named after the catalogs' first breadcrumbs",
    "package_version": "0.1.0",
    "default_locale": "en",
    "locales": "none",
    "templates": "the built-in ones alone",
    "jobs": "0, one per core",
    "strict": "off",
    "skip_invalid_tables": "off",
    "ignore": "none",
    "config": "the nearest pyproject.toml with [tool.errgen]",
}
# [tool.errgen] keys by the dest of the option that overrides each
KEYS = {
    "specs": "paths",
    "out": "out",
    "package": "package",
    "version": "package_version",
    "default-locale": "default_locale",
    "locales": "locales",
    "templates": "templates",
    "jobs": "jobs",
    "strict": "strict",
    "skip-invalid-tables": "skip_invalid_tables",
    "ignore": "ignore",
}


def wants_help(argv: list[str]) -> bool:
    """Whether the command line asks for help (before a `--`, after which nothing is an option)."""
    for arg in argv:
        if arg == "--":
            return False
        if arg in ("-h", "--help"):
            return True
    return False


def shown_defaults(argv: list[str], cwd: Path | None = None) -> dict[str, str]:
    """Each option's default as --help shows it: the value of the configuration --config names
    (or the nearest one) with the file it is from, for the keys that file sets; errgen's own
    for the others, and for every option when the configuration cannot be read or is wrong."""
    from .config import load_config

    cwd = cwd or Path.cwd()
    explicit = _config_argument(argv)
    try:
        return _configured(load_config(cwd, explicit), cwd, explicit is not None)
    except Exception:  # noqa: BLE001 - help is shown whatever the configuration holds
        return dict(BUILTIN)


def _configured(config: Config, cwd: Path, explicit: bool) -> dict[str, str]:
    if config.file is None or config.problems or config.table is None:
        return dict(BUILTIN)
    source = display_path(config.file, cwd)
    found = dict(BUILTIN)
    found["config"] = source if explicit else f"{source}, the nearest with [tool.errgen]"
    values = {
        "paths": ", ".join(display_path(p, cwd) for p in config.specs),
        "out": display_path(config.out, cwd),
        "package": config.package or "",
        "package_version": config.version,
        "default_locale": config.default_locale,
        "locales": ", ".join(config.locales),
        "templates": display_path(config.templates, cwd) if config.templates else "",
        "jobs": "0, one per core" if not config.jobs else str(config.jobs),
        "strict": "on" if config.strict else "off",
        "skip_invalid_tables": "on" if config.skip_invalid_tables else "off",
        "ignore": ", ".join(config.ignore) or "none",
    }
    for key, dest in KEYS.items():
        if key in config.table[1]:
            found[dest] = f"{values[dest]}, from {source}"
    return found


def display_path(path: Path, cwd: Path | None = None) -> str:
    """A path as a shell in cwd takes it, `../pyproject.toml` too (the shorter of that and the
    path as it is), its invisible characters as escapes."""
    relative = Path(os.path.relpath(path, cwd or Path.cwd())).as_posix()
    shown = relative if len(relative) <= len(path.as_posix()) else path.as_posix()
    if shown.isprintable():
        return shown
    from .diagnostics import one_line

    return one_line(shown.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))


def _config_argument(argv: list[str]) -> Path | None:
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--config" and index + 1 < len(argv) and argv[index + 1]:
            return Path(argv[index + 1])
        if arg.startswith("--config=") and len(arg) > len("--config="):
            return Path(arg.partition("=")[2])
    return None


def default(shown: dict[str, str] | None, dest: str) -> str:
    """`(default: VALUE)` for an option's help, with what argparse would take for a format escaped."""
    value = (shown or BUILTIN)[dest]
    if not value.isprintable():
        from .diagnostics import one_line

        value = one_line(value)
    return f"(default: {value})".replace("%", "%%")
