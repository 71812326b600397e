"""The `errgen` command line: a thin layer that runs the pipeline and picks exit codes.

Exit codes: 0 success, 1 spec errors (or, for check, stale output), 2 usage or I/O errors,
70 an internal error (a bug: reported in one line, with a request for a bug report).
"""

from __future__ import annotations

import argparse
from dataclasses import replace
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .diagnostics import Diagnostic, has_errors, summary

if TYPE_CHECKING:
    from .config import Config

EXIT_OK, EXIT_SPEC, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback for users
        if os.environ.get("ERRGEN_DEBUG"):
            raise
        print(
            f"errgen: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in errgen; please report it with the spec that caused it "
            "(set ERRGEN_DEBUG=1 for a traceback).",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="errgen",
        description="Generate Python enums and exceptions, JSON Schema and OpenAPI from error-code pages.",
    )
    parser.add_argument("--version", action="version", version=f"errgen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str, run: object, *, writes: bool = True) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="spec files or folders (default: specs/)")
        sub.add_argument("--strict", action="store_true", help="treat warnings as errors")
        sub.add_argument("--config", type=Path, help="the pyproject.toml to read (default: the nearest with [tool.errgen])")
        sub.add_argument("--package", type=_checked("package"), help="import name of the generated Python package")
        sub.add_argument("--package-version", help="version of the generated package and documents")
        sub.add_argument("--default-locale", type=_checked("locale"), help="locale of specs without a .LOCALE suffix (default: en)")
        if writes:
            sub.add_argument("--out", type=Path, help="output folder (default: generated/)")
            sub.add_argument("--templates", type=Path, help="a folder of templates put before the built-in ones")
        sub.add_argument(
            "--skip-invalid-tables",
            action="store_true",
            help="skip error tables that do not fit (code ranges, several codes in a cell, ...) with a warning",
        )
        sub.set_defaults(run=run)
        return sub

    generate = command("generate", "write every artifact under the out dir", _generate)
    generate.add_argument(
        "--exit-non-zero-on-change",
        action="store_true",
        help="exit 1 when any file was written or removed (for pre-commit hooks)",
    )
    check = command("check", "exit 1 when any artifact would change; write nothing", _check)
    check.add_argument("--quiet", "-q", action="store_true", help="print nothing; the exit code tells")
    watch = command("watch", "regenerate whenever a spec, the configuration or a template changes", _watch)
    watch.add_argument("--debounce", type=int, default=200, metavar="MS", help="quiet time before a run (default: 200)")
    command("ir", "print the model read from the specs as JSON", _ir, writes=False)
    command(
        "lint", "warn about keys and codes that disagree across catalogs, and translation gaps", _lint, writes=False
    )
    return parser


def _checked(kind: str):  # -> Callable[[str], str]
    from . import config

    problem = config.package_problem if kind == "package" else config.locale_problem

    def check(value: str) -> str:
        message = problem(value)
        if message:
            raise argparse.ArgumentTypeError(message)
        return value

    return check


def settings(args: argparse.Namespace) -> "Config":
    """The configuration file (nearest, or --config) with the command line's options on top."""
    from .config import apply_options, load_config

    cwd = Path.cwd()
    config = load_config(cwd, args.config)
    return apply_options(
        config,
        specs=[cwd / p for p in args.paths] or None,
        out=cwd / args.out if getattr(args, "out", None) else None,
        package=args.package,
        version=args.package_version,
        default_locale=args.default_locale,
        templates=cwd / args.templates if getattr(args, "templates", None) else None,
    )


def _load(args: argparse.Namespace, config: "Config | None" = None):  # -> tuple[Loaded, int | None]
    from .pipeline import load

    config = config or settings(args)
    quiet = getattr(args, "quiet", False)
    if config.problems:
        _report(list(config.problems), quiet=quiet)
        return None, EXIT_USAGE
    loaded = load(config, skip_invalid_tables=args.skip_invalid_tables)
    _report(loaded.diagnostics, quiet=quiet, root=config.root)
    if loaded.io_error:
        return loaded, EXIT_USAGE
    failed = any(d.severity == "error" or args.strict for d in loaded.diagnostics)
    if failed or loaded.project is None:
        return loaded, EXIT_SPEC
    return loaded, None


def _report(diagnostics: list[Diagnostic], *, quiet: bool = False, root: Path | None = None) -> None:
    """Print diagnostics and the summary line. Spec paths are relative to the project root in
    the model (and in generated headers); here they become relative to the working directory,
    where a terminal or an editor resolves them."""
    if quiet or not diagnostics:
        return
    for diagnostic in diagnostics:
        if root is not None and not Path(diagnostic.path).is_absolute():
            diagnostic = replace(diagnostic, path=_relative_to_cwd(root / diagnostic.path))
        print(diagnostic.format(), file=sys.stderr)
    print(f"errgen: {summary(diagnostics)}", file=sys.stderr)


def _render(loaded, config: "Config"):  # -> list[Artifact]
    from .render import render

    return render(loaded.project, (config.templates,) if config.templates else ())


def _relative_to_cwd(path: Path) -> str:
    relative = os.path.relpath(path)
    return Path(relative).as_posix() if not relative.startswith("..") or len(relative) < len(str(path)) else path.as_posix()


def _shown(path: Path) -> str:
    from .inputs import display_path

    return display_path(path)


def _generate(args: argparse.Namespace) -> int:
    config = settings(args)
    code, changed = generate(args, config)
    if code == EXIT_OK and changed and args.exit_non_zero_on_change:
        return EXIT_SPEC
    return code


def generate(args: argparse.Namespace, config: "Config") -> tuple[int, int]:
    """One full run: load, render, write what changed. Returns the exit code and files changed."""
    from .write import apply, plan

    loaded, code = _load(args, config)
    if code is not None:
        return code, 0
    changes = plan(config.out, _render(loaded, config))
    apply(config.out, changes.changes)
    written = sum(c.new is not None for c in changes.changes)
    removed = len(changes.changes) - written
    print(
        f"errgen: {written} written, {removed} removed, {changes.unchanged} unchanged in {_shown(config.out)}/",
        file=sys.stderr,
    )
    return EXIT_OK, len(changes.changes)


def _check(args: argparse.Namespace) -> int:
    from .write import describe, plan, unified_diff

    config = settings(args)
    loaded, code = _load(args, config)
    if code is not None:
        return code
    changes = plan(config.out, _render(loaded, config))
    if not changes.changes:
        if not args.quiet:
            print(f"errgen: {changes.unchanged} files up to date in {_shown(config.out)}/", file=sys.stderr)
        return EXIT_OK
    if not args.quiet:
        for change in changes.changes:
            sys.stdout.write(unified_diff(change))
        for change in changes.changes:
            print(f"{_shown(config.out / change.path)} {describe(change)}", file=sys.stderr)
        print(
            f"errgen: {len(changes.changes)} files would change; run `errgen generate`",
            file=sys.stderr,
        )
    return EXIT_SPEC


def _watch(args: argparse.Namespace) -> int:
    from .watch import watch

    return watch(args, settings, generate)


def _ir(args: argparse.Namespace) -> int:
    from .ir import dumps

    loaded, code = _load(args)
    if code is not None:
        return code
    sys.stdout.write(dumps(loaded.project))
    return EXIT_OK


def _lint(args: argparse.Namespace) -> int:
    from .lint import lint
    from .pipeline import load

    config = settings(args)
    if config.problems:
        _report(list(config.problems))
        return EXIT_USAGE
    loaded = load(config, skip_invalid_tables=args.skip_invalid_tables)
    if loaded.io_error:
        _report(loaded.diagnostics, root=config.root)
        return EXIT_USAGE
    findings = sorted(loaded.diagnostics + (lint(loaded.project) if loaded.project else []))
    _report(findings, root=config.root)
    if loaded.project is None or has_errors(findings, strict=args.strict):
        return EXIT_SPEC
    if not findings:
        print(f"errgen: no problems in {len(loaded.project.catalogs)} catalog(s)", file=sys.stderr)
    return EXIT_OK
