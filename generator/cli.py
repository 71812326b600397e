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

TYPE_CHECKING = False  # check's fast path imports no more than it needs
if TYPE_CHECKING:
    from .diagnostics import Diagnostic

EXIT_OK, EXIT_SPEC, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70
DEFAULT_SPECS = Path("specs")
DEFAULT_OUT = Path("generated")


def main(argv: list[str] | None = None) -> int:
    _skip_the_last_collection()
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


def _skip_the_last_collection() -> None:
    """At exit, Python's last garbage collection walks every object left (all of Jinja,
    mistune, PyYAML and the model): a seventh of generating the seeds. Freezing them first
    skips the walk; it runs only as the process ends, so a caller that lives on (tests, a
    watcher) loses nothing to it."""
    global _FREEZE_AT_EXIT
    if not _FREEZE_AT_EXIT:
        import atexit
        import gc

        atexit.register(gc.freeze)
        _FREEZE_AT_EXIT = True


_FREEZE_AT_EXIT = False


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, but it asks for the terminal's width without importing shutil
    (argparse makes a formatter for every argument it adds, help or not)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        if width is None:
            try:
                width = int(os.environ.get("COLUMNS", "")) - 2
            except ValueError:
                try:
                    width = os.get_terminal_size(sys.__stdout__.fileno()).columns - 2  # type: ignore[union-attr]
                except (AttributeError, ValueError, OSError):
                    width = 78
        super().__init__(prog, indent_increment, max_help_position, width)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="errgen",
        formatter_class=_HelpFormatter,
        description="Generate Python enums and exceptions, JSON Schema and OpenAPI from error-code pages.",
    )
    parser.add_argument("--version", action="version", version=f"errgen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str, run: object) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text, formatter_class=_HelpFormatter)
        sub.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="spec files or folders (default: specs/)")
        sub.add_argument("--strict", action="store_true", help="treat warnings as errors")
        sub.set_defaults(run=run)
        return sub

    generate = command("generate", "write every artifact under the out dir", _generate)
    check = command("check", "exit 1 when any artifact would change; write nothing", _check)
    for sub in (generate, check):
        sub.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: generated/)")
        sub.add_argument(
            "--jobs", "-j", type=_jobs, default=None, metavar="N",
            help="processes at work, black's workers and this one (default or 0: one per core; 1: no workers)",
        )
    check.add_argument("--quiet", "-q", action="store_true", help="print nothing; the exit code tells")
    command("ir", "print the model read from the specs as JSON", _ir)
    return parser


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"expected 0 (every core) or a number of processes, not {text!r}")
    return jobs


def _load(args: argparse.Namespace):  # -> tuple[Loaded, int | None]
    from .build import Options
    from .pipeline import load

    loaded = load(args.paths or [DEFAULT_SPECS], Options())
    _report(loaded.diagnostics, quiet=getattr(args, "quiet", False))
    return loaded, _failure(loaded, args.strict)


def _failure(loaded, strict: bool) -> int | None:  # loaded: pipeline.Loaded
    if loaded.io_error:
        return EXIT_USAGE
    failed = any(d.severity == "error" or strict for d in loaded.diagnostics)
    if failed or loaded.project is None:
        return EXIT_SPEC
    return None


def _report(diagnostics: list[Diagnostic], *, quiet: bool = False) -> None:
    if quiet or not diagnostics:
        return
    from .diagnostics import summary

    for diagnostic in diagnostics:
        print(diagnostic.format(), file=sys.stderr)
    print(f"errgen: {summary(diagnostics)}", file=sys.stderr)


# Arguments that do not change what is generated; every other one is recorded in the manifest,
# so an option added later is taken into account without anyone remembering to.
_NOT_OUTPUT = frozenset({"run", "command", "paths", "out", "quiet", "jobs", "strict"})


def _generation(args: argparse.Namespace):  # -> pipeline.Generation
    """Read the specs and the out dir's manifest; imports no parser, template engine or formatter."""
    from .pipeline import Generation

    settings = {
        name: value.as_posix() if isinstance(value, Path) else value
        for name, value in sorted(vars(args).items())
        if name not in _NOT_OUTPUT
    }
    return Generation(args.paths or [DEFAULT_SPECS], args.out, settings, jobs=args.jobs)


def _produce(args: argparse.Namespace, generation):  # -> tuple[Loaded, list[Artifact] | None]
    from .build import Options

    return generation.produce(Options(), strict=args.strict)


def _generate(args: argparse.Namespace) -> int:
    generation = _generation(args)
    if generation.up_to_date():  # the fast path: the manifest proves nothing would change
        warnings = generation.previous.diagnostics() if generation.previous.warnings else []
        _report(warnings)
        if args.strict and warnings:
            return EXIT_SPEC
        unchanged = len(generation.previous.artifacts)
        print(f"errgen: 0 written, 0 removed, {unchanged} unchanged in {args.out.as_posix()}/", file=sys.stderr)
        return EXIT_OK
    from .outdir import MANIFEST
    from .write import Change, apply, plan, read_text

    loaded, artifacts = _produce(args, generation)
    _report(loaded.diagnostics)
    code = _failure(loaded, args.strict)
    if code is not None or artifacts is None:
        return code if code is not None else EXIT_SPEC
    changes = plan(args.out, artifacts)
    apply(args.out, changes.changes)
    manifest = generation.manifest(loaded, artifacts).to_json()
    old = read_text(args.out / MANIFEST)
    if old != manifest:
        apply(args.out, [Change(MANIFEST, old, manifest)])  # last: it vouches for what is written
    written = sum(c.new is not None for c in changes.changes)
    removed = len(changes.changes) - written
    print(
        f"errgen: {written} written, {removed} removed, {changes.unchanged} unchanged in {args.out.as_posix()}/",
        file=sys.stderr,
    )
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    generation = _generation(args)
    if generation.up_to_date():
        warnings = generation.previous.diagnostics() if generation.previous.warnings else []
        _report(warnings, quiet=args.quiet)
        if args.strict and warnings:
            return EXIT_SPEC
        if not args.quiet:
            count = len(generation.previous.artifacts)
            print(f"errgen: {count} files up to date in {args.out.as_posix()}/", file=sys.stderr)
        return EXIT_OK
    from .write import describe, plan, unified_diff

    loaded, artifacts = _produce(args, generation)
    _report(loaded.diagnostics, quiet=args.quiet)
    code = _failure(loaded, args.strict)
    if code is not None or artifacts is None:
        return code if code is not None else EXIT_SPEC
    changes = plan(args.out, artifacts)
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
