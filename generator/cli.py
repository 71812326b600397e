"""The `errgen` command line: a thin layer that runs the pipeline and picks exit codes.

Exit codes: 0 success, 1 spec errors (or, for check, stale output), 2 usage or I/O errors,
70 an internal error (a bug: reported in one line, with a request for a bug report).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .diagnostics import Diagnostic, has_errors, summary

EXIT_OK, EXIT_SPEC, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70
DEFAULT_SPECS = Path("specs")
DEFAULT_OUT = Path("generated")


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

    def command(name: str, help_text: str, run: object) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="spec files or folders (default: specs/)")
        sub.add_argument("--strict", action="store_true", help="treat warnings as errors")
        sub.add_argument(
            "--skip-invalid-tables",
            action="store_true",
            help="skip error tables that do not fit (code ranges, several codes in a cell, ...) with a warning",
        )
        sub.set_defaults(run=run)
        return sub

    generate = command("generate", "write every artifact under the out dir", _generate)
    check = command("check", "exit 1 when any artifact would change; write nothing", _check)
    for sub in (generate, check):
        sub.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: generated/)")
    check.add_argument("--quiet", "-q", action="store_true", help="print nothing; the exit code tells")
    command("ir", "print the model read from the specs as JSON", _ir)
    command("lint", "warn about keys and codes that disagree across catalogs, and translation gaps", _lint)
    return parser


def _options(args: argparse.Namespace):  # -> Options
    from .build import Options

    return Options(skip_invalid_tables=args.skip_invalid_tables)


def _load(args: argparse.Namespace):  # -> tuple[Loaded, int | None]
    from .pipeline import load

    loaded = load(args.paths or [DEFAULT_SPECS], _options(args))
    _report(loaded.diagnostics, quiet=getattr(args, "quiet", False))
    if loaded.io_error:
        return loaded, EXIT_USAGE
    failed = any(d.severity == "error" or args.strict for d in loaded.diagnostics)
    if failed or loaded.project is None:
        return loaded, EXIT_SPEC
    return loaded, None


def _report(diagnostics: list[Diagnostic], *, quiet: bool = False) -> None:
    if quiet or not diagnostics:
        return
    for diagnostic in diagnostics:
        print(diagnostic.format(), file=sys.stderr)
    print(f"errgen: {summary(diagnostics)}", file=sys.stderr)


def _render(loaded):  # -> list[Artifact]
    from .render import render

    return render(loaded.project)


def _generate(args: argparse.Namespace) -> int:
    from .write import apply, plan

    loaded, code = _load(args)
    if code is not None:
        return code
    changes = plan(args.out, _render(loaded))
    apply(args.out, changes.changes)
    written = sum(c.new is not None for c in changes.changes)
    removed = len(changes.changes) - written
    print(
        f"errgen: {written} written, {removed} removed, {changes.unchanged} unchanged in {args.out.as_posix()}/",
        file=sys.stderr,
    )
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from .write import describe, plan, unified_diff

    loaded, code = _load(args)
    if code is not None:
        return code
    changes = plan(args.out, _render(loaded))
    if not changes.changes:
        if not args.quiet:
            print(f"errgen: {changes.unchanged} files up to date in {args.out.as_posix()}/", file=sys.stderr)
        return EXIT_OK
    if not args.quiet:
        for change in changes.changes:
            sys.stdout.write(unified_diff(change))
        for change in changes.changes:
            print(f"{(args.out / change.path).as_posix()} {describe(change)}", file=sys.stderr)
        print(
            f"errgen: {len(changes.changes)} files would change; run `errgen generate`",
            file=sys.stderr,
        )
    return EXIT_SPEC


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

    loaded = load(args.paths or [DEFAULT_SPECS], _options(args))
    if loaded.io_error:
        _report(loaded.diagnostics)
        return EXIT_USAGE
    findings = sorted(loaded.diagnostics + (lint(loaded.project) if loaded.project else []))
    _report(findings)
    if loaded.project is None or has_errors(findings, strict=args.strict):
        return EXIT_SPEC
    if not findings:
        print(f"errgen: no problems in {len(loaded.project.catalogs)} catalog(s)", file=sys.stderr)
    return EXIT_OK
