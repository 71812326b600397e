"""The `errgen` command line: arguments in, the pipeline run, its outcome printed, an exit code out."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn

TYPE_CHECKING = False  # check's fast path imports no more than it needs

from . import __version__

if TYPE_CHECKING:
    from .config import Config
    from .diagnostics import Diagnostic
    from .pipeline import Outcome

# 1: spec errors (for check: stale output); 2: usage or I/O errors; 70: a bug in errgen, reported in one line
EXIT_OK, EXIT_SPEC, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70
_WOULD = {"created": "would be created", "removed": "would be removed", "changed": "is out of date"}


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show a character gets an escape
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
    parser = _parser()
    try:
        args, unknown = parser.parse_known_args(argv)
        if unknown:  # said with the usage of the command they were given to
            args.parser.error(f"unrecognized arguments: {' '.join(unknown)}")
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
    from .diagnostics import one_line

    what = one_line(f"{type(exc).__name__}: {exc}")
    what = what if len(what) <= 200 else what[:197] + "..."
    return (
        f"errgen: internal error ({what}); this is a bug in errgen, please report it "
        "with the spec that caused it (ERRGEN_DEBUG=1 shows the traceback)"
    )


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


class _Parser(argparse.ArgumentParser):
    """argparse, with what the user typed shown with escapes in its messages."""

    def error(self, message: str) -> NoReturn:  # type: ignore[override]
        from .diagnostics import one_line

        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {one_line(message)}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="errgen",
        formatter_class=_HelpFormatter,
        description="Generate Python enums and exceptions, JSON Schema and OpenAPI from error-code pages.",
    )
    parser.add_argument("--version", action="version", version=f"errgen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str, run: object, *, writes: bool = True) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text, formatter_class=_HelpFormatter)
        sub.add_argument("paths", nargs="*", type=_path, metavar="PATH", help="spec files or folders (default: specs/)")
        sub.add_argument("--strict", action="store_true", help="treat warnings as errors")
        sub.add_argument("--config", type=_path, help="the pyproject.toml to read (default: the nearest with [tool.errgen])")
        sub.add_argument("--package", type=_checked("package"), help="import name of the generated Python package")
        sub.add_argument("--package-version", type=_checked("version"), help="version of the generated package and documents")
        sub.add_argument("--default-locale", type=_checked("locale"), help="locale of specs without a .LOCALE suffix (default: en)")
        locale = "a file-name suffix that is a locale (NAME.LOCALE.md), besides those a sibling NAME.md shares; repeatable"
        sub.add_argument("--locale", dest="locales", action="append", type=_checked("locale"), metavar="LOCALE", help=locale)
        if writes:
            sub.add_argument("--out", type=_path, help="output folder (default: generated/)")
            jobs = "processes that render many catalogs at once (default or 0: one per core)"
            sub.add_argument("--jobs", "-j", type=_jobs, metavar="N", help=jobs)
            sub.add_argument("--templates", type=_path, help="a folder of templates put before the built-in ones")
        skip = "skip error tables that do not fit (code ranges, several codes in a cell, ...) with a warning"
        sub.add_argument("--skip-invalid-tables", action="store_true", help=skip)
        ignore = "warning codes or prefixes to silence, comma-separated (W203,W3), besides the file's ignore; repeatable"
        sub.add_argument("--ignore", dest="ignore", action="append", type=_codes, metavar="CODES", help=ignore)
        sub.set_defaults(run=run, parser=sub)
        return sub

    generate = command("generate", "write every artifact under the out dir", _generate)
    hook = "exit 1 when any file was written or removed (for pre-commit hooks)"
    generate.add_argument("--exit-non-zero-on-change", action="store_true", help=hook)
    check = command("check", "exit 1 when any artifact would change; write nothing", _check)
    check.add_argument("--quiet", "-q", action="store_true", help="print nothing; the exit code tells")
    watch = command("watch", "regenerate whenever a spec, the configuration or a template changes", _watch)
    watch.add_argument("--debounce", type=_debounce, default=200, metavar="MS", help="quiet time before a run (default: 200)")
    command("ir", "print the model read from the specs as JSON", _ir, writes=False)
    command("lint", "warn about keys and codes that disagree across catalogs, and translation gaps", _lint, writes=False)
    diff = command("diff", "what changed for clients since a git revision or a folder of older specs", _diff, writes=False)
    diff.add_argument("--against", default="HEAD", metavar="REF", help="a git revision (HEAD, main, origin/main, HEAD~1) or a folder of specs (default: HEAD)")
    diff.add_argument("--format", choices=("text", "json", "github", "markdown"), default="text", help="how findings are printed (default: text)")
    fail = "exit 1 on changes at this level or above that the version bump does not cover (default: breaking)"
    diff.add_argument("--fail-on", choices=("breaking", "dangerous", "never"), default="breaking", help=fail)
    return parser


def _count(number: int, noun: str) -> str:
    """`1 file`, `2 files`."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _jobs(text: str) -> int:
    from .config import MAX_JOBS

    if not (text.isascii() and text.isdigit()) or int(text) > MAX_JOBS:
        raise argparse.ArgumentTypeError(f"expected 0 (every core) or a number of processes up to {MAX_JOBS}, not {text!r}")
    return int(text)


def _debounce(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) > 60_000:
        raise argparse.ArgumentTypeError(f"expected milliseconds from 0 to 60000, not {text!r}")
    return int(text)


def _codes(text: str) -> tuple[str, ...]:
    from .diagnostics import code_problem

    codes = tuple(code.strip() for code in text.split(",") if code.strip())
    problem = next((message for message in map(code_problem, codes) if message), None) if codes else "no code given"
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return codes


def _path(text: str) -> Path:
    if not text:  # an unset variable, most likely: "" would mean the working directory
        raise argparse.ArgumentTypeError("empty path; expected a file or folder")
    return Path(text)


def _checked(kind: str):  # -> Callable[[str], str]
    def check(value: str) -> str:
        from . import config

        message = getattr(config, f"{kind}_problem")(value)
        if message:
            raise argparse.ArgumentTypeError(message)
        return value

    return check


def settings(args: argparse.Namespace) -> Config:
    """The configuration file (nearest, or --config) with the command line's options on top."""
    from .config import apply_options, load_config

    cwd = Path.cwd()
    config = load_config(cwd, args.config)
    ignore = tuple(dict.fromkeys([*config.ignore, *(code for codes in args.ignore or () for code in codes)]))
    return apply_options(
        config,
        specs=[cwd / p for p in args.paths] or None,
        out=cwd / args.out if getattr(args, "out", None) else None,
        package=args.package,
        version=args.package_version,
        default_locale=args.default_locale,
        locales=tuple(args.locales) if args.locales else None,
        templates=cwd / args.templates if getattr(args, "templates", None) else None,
        skip_invalid_tables=True if args.skip_invalid_tables else None,
        strict=True if args.strict else None,
        jobs=getattr(args, "jobs", None),
        ignore=ignore if args.ignore else None,
    )


def _run(args: argparse.Namespace, config: Config, command: str) -> Outcome:
    """One run of the pipeline, its diagnostics printed (under --strict, warnings as errors,
    but for those recorded by the run that generated the out dir)."""
    from .pipeline import run

    outcome = run(config, command, jobs=config.jobs, skip_invalid_tables=config.skip_invalid_tables, strict=config.strict)
    if config.strict and not outcome.recorded:
        outcome.diagnostics = _strict(outcome.diagnostics)
    _report(outcome.diagnostics, quiet=getattr(args, "quiet", False), root=None if config.problems else config.root)
    if outcome.message:
        from .diagnostics import one_line

        print(f"errgen: error: {one_line(outcome.message)}", file=sys.stderr)
    return outcome


def _exit_code(outcome: Outcome) -> int:
    if outcome.failure == "usage":
        return EXIT_USAGE
    if outcome.failure == "spec" or any(d.severity == "error" for d in outcome.diagnostics):
        return EXIT_SPEC
    return EXIT_OK


def _strict(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    from dataclasses import replace

    return [replace(d, severity="error") if d.severity == "warning" else d for d in diagnostics]


def _report(diagnostics: list[Diagnostic], *, quiet: bool = False, root: Path | None = None) -> None:
    """Print diagnostics and the summary line. Spec paths are relative to the project root in
    the model (and in generated headers); here they become relative to the working directory,
    where a terminal or an editor resolves them."""
    if quiet or not diagnostics:
        return
    from dataclasses import replace

    from .diagnostics import summary

    # errors first: in a hook's output or a terminal, no warning hides the one line that matters
    for diagnostic in sorted(diagnostics, key=lambda d: d.severity != "error"):
        if root is not None and not Path(diagnostic.path).is_absolute():
            diagnostic = replace(diagnostic, path=_relative_to_cwd(root / diagnostic.path))
        print(diagnostic.format(), file=sys.stderr)
    print(f"errgen: {summary(diagnostics)}", file=sys.stderr)


def _relative_to_cwd(path: Path) -> str:
    relative = os.path.relpath(path)
    return Path(relative).as_posix() if not relative.startswith("..") or len(relative) < len(str(path)) else path.as_posix()


def _shown(path: Path) -> str:
    from .inputs import display_path

    return display_path(path)


def _generate(args: argparse.Namespace) -> int:
    code, changed = generate(args, settings(args))
    if code == EXIT_OK and changed and args.exit_non_zero_on_change:
        return EXIT_SPEC
    return code


def generate(args: argparse.Namespace, config: Config) -> tuple[int, int]:
    """One generate: the exit code and the number of files written or removed."""
    outcome = _run(args, config, "generate")
    code = _exit_code(outcome)
    if code != EXIT_OK:
        return code, 0
    removed = sum(change.kind == "removed" for change in outcome.changes)
    written = len(outcome.changes) - removed
    print(f"errgen: {written} written, {removed} removed, {outcome.unchanged} unchanged in {_shown(config.out)}/", file=sys.stderr)
    return EXIT_OK, len(outcome.changes)


def _check(args: argparse.Namespace) -> int:
    config = settings(args)
    outcome = _run(args, config, "check")
    code = _exit_code(outcome)
    if code != EXIT_OK:
        return code
    if not outcome.changes:
        if not args.quiet:
            print(f"errgen: {_count(outcome.unchanged, 'file')} up to date in {_shown(config.out)}/", file=sys.stderr)
        return EXIT_OK
    if not args.quiet:
        for change in outcome.changes:
            sys.stdout.write(change.diff)
        for change in outcome.changes:
            print(f"{_shown(config.out / change.path)} {_WOULD[change.kind]}", file=sys.stderr)
        print(f"errgen: {_count(len(outcome.changes), 'file')} would change; run `errgen generate`", file=sys.stderr)
    return EXIT_SPEC


def _watch(args: argparse.Namespace) -> int:
    from .watch import watch

    return watch(args, settings, generate)


def _ir(args: argparse.Namespace) -> int:
    from .ir import dumps

    outcome = _run(args, settings(args), "model")
    code = _exit_code(outcome)
    if code != EXIT_OK or outcome.project is None:
        return code or EXIT_SPEC
    sys.stdout.write(dumps(outcome.project))
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    from .compare import AgainstProblem, compare, report

    config = settings(args)
    if config.problems:
        _report(list(config.problems))
        return EXIT_USAGE
    try:
        compared = compare(config, args.against, args.fail_on, skip_invalid_tables=config.skip_invalid_tables)
    except AgainstProblem as exc:
        from .diagnostics import one_line

        print(f"errgen: error: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    if compared.verdict is None:
        _report(compared.diagnostics, root=config.root)
        return EXIT_USAGE if compared.failure == "usage" else EXIT_SPEC
    _report([d for d in compared.diagnostics if d.severity == "error"], root=config.root)
    formats = {"text": report.text, "json": report.as_json, "github": report.github, "markdown": report.markdown}
    sys.stdout.write(formats[args.format](compared.findings, compared.verdict))
    return EXIT_SPEC if compared.verdict.failing else EXIT_OK


def _lint(args: argparse.Namespace) -> int:
    from .diagnostics import has_errors
    from .model.lint import lint
    from .pipeline import run

    config = settings(args)
    outcome = run(config, "model", skip_invalid_tables=config.skip_invalid_tables)
    if outcome.failure == "usage":
        _report(outcome.diagnostics, root=None if config.problems else config.root)
        return EXIT_USAGE
    from .diagnostics import kept

    findings = sorted(outcome.diagnostics + kept(lint(outcome.project), config.ignored) if outcome.project else outcome.diagnostics)
    _report(findings, root=config.root)
    if outcome.project is None or has_errors(findings, strict=config.strict):
        return EXIT_SPEC
    if not findings:
        print(f"errgen: no problems in {_count(len(outcome.project.catalogs), 'catalog')}", file=sys.stderr)
    return EXIT_OK
