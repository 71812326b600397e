"""The `errgen` command line: a thin layer that runs the pipeline and picks exit codes.

Exit codes: 0 success, 1 spec errors (or, for check, stale output), 2 usage or I/O errors,
70 an internal error (a bug: reported in one line, with a request for a bug report).
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

from . import __version__
from .diagnostics import Diagnostic, one_line, summary

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
        print(internal_error(exc), file=sys.stderr)
        return EXIT_INTERNAL


def internal_error(exc: BaseException) -> str:
    """The one line printed for a bug in errgen."""
    what = one_line(f"{type(exc).__name__}: {exc}")
    what = what if len(what) <= 200 else what[:197] + "..."
    return (
        f"errgen: internal error ({what}); this is a bug in errgen, please report it "
        "with the spec that caused it (ERRGEN_DEBUG=1 shows the traceback)"
    )


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
        sub.set_defaults(run=run)
        return sub

    generate = command("generate", "write every artifact under the out dir", _generate)
    check = command("check", "exit 1 when any artifact would change; write nothing", _check)
    for sub in (generate, check):
        sub.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: generated/)")
    check.add_argument("--quiet", "-q", action="store_true", help="print nothing; the exit code tells")
    command("ir", "print the model read from the specs as JSON", _ir)
    return parser


def _load(args: argparse.Namespace, *, render: bool = False):  # -> tuple[Loaded, artifacts, int | None]
    """Read the specs (and render them), report every problem at once, pick the exit code."""
    from .build import Options
    from .pipeline import load, render_project

    loaded = load(args.paths or [DEFAULT_SPECS], Options())
    diagnostics = loaded.diagnostics
    artifacts = []
    if render and loaded.project is not None and not loaded.io_error:
        artifacts, problems = render_project(loaded.project)
        diagnostics = sorted(diagnostics + problems)
    if args.strict:
        diagnostics = [replace(d, severity="error") if d.severity == "warning" else d for d in diagnostics]
    _report(diagnostics, quiet=getattr(args, "quiet", False))
    if loaded.io_error:
        return loaded, artifacts, EXIT_USAGE
    if any(d.severity == "error" for d in diagnostics) or loaded.project is None:
        return loaded, artifacts, EXIT_SPEC
    return loaded, artifacts, None


def _report(diagnostics: list[Diagnostic], *, quiet: bool = False) -> None:
    if quiet or not diagnostics:
        return
    for diagnostic in diagnostics:
        print(diagnostic.format(), file=sys.stderr)
    print(f"errgen: {summary(diagnostics)}", file=sys.stderr)


def _plan(args: argparse.Namespace, artifacts):  # -> Plan | None
    from .write import UnsafePath, plan

    try:
        return plan(args.out, artifacts)
    except UnsafePath as exc:
        print(f"errgen: error: {one_line(str(exc))}; expected an out dir whose folders stay inside it", file=sys.stderr)
        return None


def _generate(args: argparse.Namespace) -> int:
    from .write import WriteFailed, apply

    _loaded, artifacts, code = _load(args, render=True)
    if code is not None:
        return code
    changes = _plan(args, artifacts)
    if changes is None:
        return EXIT_USAGE
    try:
        apply(args.out, changes.changes)
    except WriteFailed as exc:
        outcome = "some files were replaced" if exc.changed else "nothing was changed"
        print(f"errgen: error: cannot write {one_line(exc.path)}: {exc.reason}; {outcome}", file=sys.stderr)
        return EXIT_USAGE
    written = sum(c.new is not None for c in changes.changes)
    removed = len(changes.changes) - written
    print(
        f"errgen: {written} written, {removed} removed, {changes.unchanged} unchanged in {args.out.as_posix()}/",
        file=sys.stderr,
    )
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from .write import describe, unified_diff

    _loaded, artifacts, code = _load(args, render=True)
    if code is not None:
        return code
    changes = _plan(args, artifacts)
    if changes is None:
        return EXIT_USAGE
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

    loaded, _artifacts, code = _load(args)
    if code is not None:
        return code
    sys.stdout.write(dumps(loaded.project))
    return EXIT_OK
