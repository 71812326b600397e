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
    from .inputs import Spec
    from .pipeline import Outcome

# 1: spec errors (for check: stale output); 2: usage or I/O errors; 70: a bug in errgen, reported in one line
EXIT_OK, EXIT_SPEC, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70
EXIT_INTERRUPTED = 130  # Ctrl-C, as a shell reports a process SIGINT ended
_STDIN = Path("-")  # `-` as PATH (compared by identity: `./-` is a file named -)
_WOULD = {"created": "would be created", "removed": "would be removed", "changed": "is out of date"}


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show a character gets an escape
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
    argv = sys.argv[1:] if argv is None else argv
    from .helptext import shown_defaults, wants_help

    parser = _parser(shown_defaults(argv) if wants_help(argv) else None)  # the configuration is read for help alone
    try:
        args, unknown = parser.parse_known_args(argv)
        if unknown:  # said with the usage of the command they were given to
            args.parser.error(f"unrecognized arguments: {' '.join(unknown)}")
        problem = _stdin_problem(args)
        if problem:
            args.parser.error(problem)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
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

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        """A text of several lines (an epilog's table of exit codes) keeps its lines, each
        wrapped under its own indent and the start of its second column."""
        if "\n" not in text:
            return super()._fill_text(text, width, indent)
        import re
        import textwrap

        lines = []
        for line in text.splitlines():
            body = line.lstrip()
            lead = indent + line[: len(line) - len(body)]
            column = re.match(r"\d+\s+", body)
            hang = lead + " " * (column.end() if column else 0)
            lines.append(textwrap.fill(body, width, initial_indent=lead, subsequent_indent=hang) if body else "")
        return "\n".join(lines)


class _Parser(argparse.ArgumentParser):
    """argparse, with what the user typed shown with escapes in its messages."""

    def error(self, message: str) -> NoReturn:  # type: ignore[override]
        from .diagnostics import one_line

        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {one_line(message)}\n")


def _exit_codes(*meanings: tuple[int, str]) -> str:
    """An epilog: the exit codes a command ends with, and what each means."""
    rows = sorted({EXIT_USAGE: "usage or I/O errors (a missing file, a bad option, an out dir that cannot be written)", EXIT_INTERNAL: "a bug in errgen, reported in one line", EXIT_INTERRUPTED: "interrupted (Ctrl-C)", **dict(meanings)}.items())
    return "exit codes:\n" + "\n".join(f"  {code:<4} {meaning}" for code, meaning in rows)


def _parser(shown: dict[str, str] | None = None) -> argparse.ArgumentParser:
    """The command line; ``shown``: the defaults --help shows (see helptext), when help is asked."""
    from .helptext import default

    parser = _Parser(
        prog="errgen",
        formatter_class=_HelpFormatter,
        description="Generate Python enums and exceptions, JSON Schema and OpenAPI from error-code pages.",
        epilog=_exit_codes(
            (EXIT_OK, "success"),
            (EXIT_SPEC, "spec errors; for check, a file would change; for diff, a change the version bump does not cover"),
        ),
    )
    parser.add_argument("--version", action="version", version=f"errgen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str, run: object, *, ok: str, fails: str | None, writes: bool = True, stdin: bool = True, quiet: str = "", interrupted: str = "") -> argparse.ArgumentParser:
        meanings = [(EXIT_OK, ok)] + ([(EXIT_SPEC, fails)] if fails else []) + ([(EXIT_INTERRUPTED, interrupted)] if interrupted else [])
        sub = commands.add_parser(name, help=help_text, description=help_text, formatter_class=_HelpFormatter, epilog=_exit_codes(*meanings))
        where = "spec files or folders" + (", or - for one spec read from standard input" if stdin else "")
        chooses = "; in a configured project, PATHs choose among its specs: only they are reported on and regenerated, and no other spec's files are rewritten or removed"
        sub.add_argument("paths", nargs="*", type=_path, metavar="PATH", help=f"{where}{chooses} {default(shown, 'paths')}")
        sub.add_argument("--strict", action="store_true", help=f"treat warnings as errors {default(shown, 'strict')}")
        sub.add_argument("--config", type=_path, metavar="FILE", help=f"the pyproject.toml to read {default(shown, 'config')}")
        sub.add_argument("--package", type=_checked("package"), metavar="NAME", help=f"import name of the generated Python package {default(shown, 'package')}")
        sub.add_argument("--package-version", type=_checked("version"), metavar="VERSION", help=f"version of the generated package and documents {default(shown, 'package_version')}")
        sub.add_argument("--default-locale", type=_checked("locale"), metavar="LOCALE", help=f"locale of specs without a .LOCALE suffix {default(shown, 'default_locale')}")
        locale = "a file-name suffix that is a locale (NAME.LOCALE.md), besides those a sibling NAME.md shares; repeatable"
        sub.add_argument("--locale", dest="locales", action="append", type=_checked("locale"), metavar="LOCALE", help=f"{locale} {default(shown, 'locales')}")
        if writes:
            sub.add_argument("--out", type=_path, metavar="DIR", help=f"output folder {default(shown, 'out')}")
            sub.add_argument("--jobs", "-j", type=_jobs, metavar="N", help=f"processes that render many catalogs at once, 0 for one per core {default(shown, 'jobs')}")
            sub.add_argument("--templates", type=_path, metavar="DIR", help=f"a folder of templates put before the built-in ones {default(shown, 'templates')}")
        skip = "skip error tables that do not fit (code ranges, several codes in a cell, ...) with a warning"
        sub.add_argument("--skip-invalid-tables", action="store_true", help=f"{skip} {default(shown, 'skip_invalid_tables')}")
        ignore = "warning codes or prefixes to silence, comma-separated (W203,W3), besides the file's ignore; repeatable"
        sub.add_argument("--ignore", dest="ignore", action="append", type=_codes, metavar="CODES", help=f"{ignore} {default(shown, 'ignore')}")
        if stdin:
            from .standard_input import DEFAULT_NAME

            named = f"the name of the spec read from standard input: its catalog id and locale come from it, as from a file's, and diagnostics name it (default: {DEFAULT_NAME})"
            sub.add_argument("--stdin-filename", type=_path, metavar="NAME", help=named)
        _loudness(sub, quiet or "print only errors")
        sub.set_defaults(run=run, parser=sub)
        return sub

    generate = command("generate", "write every artifact under the out dir", _generate, ok="done, or nothing to do", fails="spec errors (nothing is written); with --exit-non-zero-on-change, also a file written or removed (with --diff: one that would be)")
    hook = "exit 1 when any file was written or removed (for pre-commit hooks), or with --diff would be"
    generate.add_argument("--exit-non-zero-on-change", action="store_true", help=hook)
    generate.add_argument("--diff", action="store_true", help="print the unified diff of what would change on stdout and write nothing (exit 0, as black --diff does, unless --exit-non-zero-on-change)")
    command("check", "exit 1 when any artifact would change; write nothing", _check, ok="every file is up to date", fails="a file would change, appear or go, or spec errors", quiet="print only errors, no diff; the exit code tells")
    watch = command("watch", "regenerate whenever a spec, the configuration or a template changes", _watch, ok="stopped with Ctrl-C", fails=None, stdin=False, interrupted="Ctrl-C during the first run")
    watch.add_argument("--debounce", type=_debounce, default=200, metavar="MS", help="quiet time before a run (default: 200)")
    command("ir", "print the model read from the specs as JSON", _ir, ok="the model is printed", fails="spec errors", writes=False, quiet="print only errors (the model still goes to stdout)")
    command("lint", "warn about keys and codes that disagree across catalogs, and translation gaps", _lint, ok="no errors (warnings are printed)", fails="spec errors, or with --strict warnings", writes=False)
    diff = command("diff", "what changed for clients since a git revision or a folder of older specs", _diff, ok="no change the version bump does not cover", fails="a change at --fail-on's level or above that the version bump does not cover, or spec errors", writes=False, stdin=False, quiet="print only errors (the findings still go to stdout)")
    diff.add_argument("--against", default="HEAD", metavar="REF", help="a git revision (HEAD, main, origin/main, HEAD~1) or a folder of specs (default: HEAD)")
    diff.add_argument("--format", choices=("text", "json", "github", "markdown"), default="text", help="how findings are printed (default: text)")
    fail = "exit 1 on changes at this level or above that the version bump does not cover (default: breaking)"
    diff.add_argument("--fail-on", choices=("breaking", "dangerous", "never"), default="breaking", help=fail)
    _templates_command(commands)
    return parser


def _loudness(parser: argparse.ArgumentParser, quiet: str) -> None:
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument("--quiet", "-q", action="store_true", help=quiet)
    loudness.add_argument("--verbose", "-v", action="store_true", help="also say what was read: the configuration file, every spec, the out dir, the templates, and whether the cache proved nothing changed")


def _templates_command(commands: argparse._SubParsersAction) -> None:
    help_text = "list the built-in templates, or copy them into a folder to start overriding them"
    group = commands.add_parser("templates", help=help_text, description=help_text, formatter_class=_HelpFormatter, epilog=_exit_codes((EXIT_OK, "done")))
    actions = group.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = "print the path of every built-in template and partial, as a folder given to --templates overrides it"
    names = actions.add_parser("list", help=listing, description=listing, formatter_class=_HelpFormatter, epilog=_exit_codes((EXIT_OK, "the list is printed")))
    _loudness(names, "print only errors")
    names.set_defaults(run=_templates_list, parser=names)
    copying = "copy the built-in templates (all, or those named) into DIR, to edit there and use with --templates DIR; never overwrite a file"
    copy = actions.add_parser("copy", help=copying, description=copying, formatter_class=_HelpFormatter, epilog=_exit_codes((EXIT_OK, "the templates are copied"), (EXIT_USAGE, "usage or I/O errors: a file already in DIR (nothing is written), a name that is no template, DIR not writable")))
    copy.add_argument("folder", type=_path, metavar="DIR", help="the folder to copy into (made when missing)")
    copy.add_argument("names", nargs="*", metavar="TEMPLATE", help="a template's path as `errgen templates list` prints it, or a folder of them such as python (default: every one)")
    copy.add_argument("--force", action="store_true", help="replace templates already in DIR")
    _loudness(copy, "print only errors")
    copy.set_defaults(run=_templates_copy, parser=copy)


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
    return _STDIN if text == "-" else Path(text)


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
    # in a configured project PATHs choose among its specs, as black's do; else they are the specs
    paths = [cwd / p for p in args.paths]
    out = cwd / args.out if getattr(args, "out", None) else None
    # --out elsewhere than the configuration's: the PATHs are the specs of a separate output
    configured = config.file is not None and paths and (out is None or os.path.abspath(out) == os.path.abspath(config.out))
    return apply_options(
        config,
        specs=None if configured else paths or None,
        selected=tuple(paths) if configured else None,
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


def _stdin_problem(args: argparse.Namespace) -> str | None:
    """Why `-` or --stdin-filename cannot be used as given, or None; `-` is taken out of the
    PATHs (``args.stdin``: the name its spec goes by, or None)."""
    paths = getattr(args, "paths", [])
    taken = sum(path is _STDIN for path in paths)
    name = getattr(args, "stdin_filename", None)
    args.stdin = None
    if taken and not hasattr(args, "stdin_filename"):
        reading = "watches files" if args.command == "watch" else "compares specs with their older versions by path"
        return f"'-' (standard input) is no spec file: errgen {args.command} {reading}; expected spec files or folders"
    if taken and len(paths) > 1:
        return "'-' reads the one spec on standard input and stands alone; expected either '-' or spec files and folders"
    if name is not None and not taken:
        return "--stdin-filename names the spec read from standard input; expected '-' as the PATH"
    if taken:
        from .standard_input import DEFAULT_NAME

        args.paths, args.stdin = [], str(name or DEFAULT_NAME)
    return None


def _configured(args: argparse.Namespace) -> Config:
    """settings, and for `-` no spec but the one on standard input, by its name."""
    config = settings(args)
    if getattr(args, "stdin", None) is None:
        return config
    spec = Path.cwd() / args.stdin  # in a configured project, one of its specs: it stands for that file
    return config.replace(selected=(spec,)) if config.file is not None else config.replace(specs=(spec,))


def _given(args: argparse.Namespace, config: Config) -> tuple[tuple[Spec, ...], list[Diagnostic]]:
    """The spec read from standard input, when `-` is the PATH."""
    if getattr(args, "stdin", None) is None:
        return (), []
    from .standard_input import read_stdin

    spec, problems = read_stdin(args.stdin, config.root)
    return ((spec,) if spec is not None else ()), problems


def _tell(args: argparse.Namespace, config: Config, *, writes: bool = True) -> None:
    if getattr(args, "verbose", False):
        from .verbose import tell_inputs

        stdin = _relative_to_cwd(Path.cwd() / args.stdin) if getattr(args, "stdin", None) is not None else None
        tell_inputs(config, stdin=stdin, writes=writes)


def _run(args: argparse.Namespace, config: Config, command: str) -> Outcome:
    """One run of the pipeline, its diagnostics printed (under --strict, warnings as errors)."""
    from .pipeline import Outcome, run

    _tell(args, config, writes=command != "model")
    given, problems = _given(args, config)
    if problems:
        outcome = Outcome()
        outcome.diagnostics, outcome.failure = problems, "usage"
    else:
        outcome = run(config, command, jobs=config.jobs, skip_invalid_tables=config.skip_invalid_tables, strict=config.strict, given=given)
    if config.strict:
        outcome.diagnostics = _strict(outcome.diagnostics)
    _report(outcome.diagnostics, quiet=args.quiet, root=None if config.problems else config.root)
    if outcome.message:
        _error(outcome.message)
    if args.verbose:
        from .verbose import tell_cache

        tell_cache(outcome)
    return outcome


def _error(message: str) -> None:
    """A problem that is no file's, as one line on stderr."""
    from . import style
    from .diagnostics import one_line

    on = style.enabled(sys.stderr)
    print(f"errgen: {style.paint('error', style.BOLD_RED, on)}: {one_line(message)}", file=sys.stderr)


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
    """Print diagnostics and the summary line (quiet: the errors alone). Spec paths are relative
    to the project root in the model (and in generated headers); here they become relative to
    the working directory, where a terminal or an editor resolves them."""
    if quiet:
        diagnostics = [d for d in diagnostics if d.severity == "error"]
    if not diagnostics:
        return
    from dataclasses import replace

    from . import style
    from .diagnostics import summary

    on = style.enabled(sys.stderr)
    # errors first: in a hook's output or a terminal, no warning hides the one line that matters
    for diagnostic in sorted(diagnostics, key=lambda d: d.severity != "error"):
        if root is not None and not Path(diagnostic.path).is_absolute():
            diagnostic = replace(diagnostic, path=_relative_to_cwd(root / diagnostic.path))
        print(_coloured(diagnostic, on), file=sys.stderr)
    if not quiet:
        print(f"errgen: {_summary(diagnostics, summary(diagnostics), on)}", file=sys.stderr)


def _coloured(diagnostic: Diagnostic, on: bool) -> str:
    """A diagnostic's line, its severity word coloured on a terminal."""
    from . import style
    from .diagnostics import one_line

    prefix = f"{one_line(diagnostic.path)}:{diagnostic.line}:{diagnostic.col}: "
    return style.severity(diagnostic.format(), prefix, diagnostic.severity, on)


def _summary(diagnostics: list[Diagnostic], text: str, on: bool) -> str:
    from . import style

    errors = sum(d.severity == "error" for d in diagnostics)
    return style.summary(text, errors, len(diagnostics) - errors, on)


def _relative_to_cwd(path: Path) -> str:
    relative = os.path.relpath(path)
    return Path(relative).as_posix() if not relative.startswith("..") or len(relative) < len(str(path)) else path.as_posix()


def _shown(path: Path) -> str:
    from .inputs import display_path

    return display_path(path)


def _say(args: argparse.Namespace, line: str) -> None:
    """A line of what a run did, on stderr, but under --quiet."""
    if not args.quiet:
        print(f"errgen: {line}", file=sys.stderr)


def _generate(args: argparse.Namespace) -> int:
    config = _configured(args)
    if args.diff:
        outcome = _run(args, config, "check")
        code = _exit_code(outcome)
        if code != EXIT_OK:
            return code
        _changes(args, config, outcome, diff=True, hint="run without --diff to write them")
        return EXIT_SPEC if outcome.changes and args.exit_non_zero_on_change else EXIT_OK
    code, changed = generate(args, config)
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
    _say(args, f"{written} written, {removed} removed, {outcome.unchanged} unchanged in {_shown(config.out)}/")
    _held(args, outcome, "generate")
    return EXIT_OK, len(outcome.changes)


def _held(args: argparse.Namespace, outcome: Outcome, command: str) -> None:
    """The files of the specs PATHs did not choose that a run without PATHs would change."""
    if outcome.held:
        _say(args, f"{_count(outcome.held, 'file')} left as they are (other specs', shared ones, or ones no spec makes any more); `errgen {command}` without PATHs takes them in")


def _check(args: argparse.Namespace) -> int:
    config = _configured(args)
    outcome = _run(args, config, "check")
    code = _exit_code(outcome)
    if code != EXIT_OK:
        return code
    _changes(args, config, outcome, diff=not args.quiet, hint="run `errgen generate`")
    _held(args, outcome, "check")
    return EXIT_SPEC if outcome.changes else EXIT_OK


def _changes(args: argparse.Namespace, config: Config, outcome: Outcome, *, diff: bool, hint: str) -> None:
    """What a run that writes nothing found: the diffs on stdout (coloured as git colours them
    on a terminal), each file that would change and a summary on stderr."""
    if diff and outcome.changes:
        from . import style

        on = style.enabled(sys.stdout)
        for change in outcome.changes:
            sys.stdout.write(style.diff(change.diff, on))
    if not outcome.changes:
        _say(args, f"{_count(outcome.unchanged, 'file')} up to date in {_shown(config.out)}/")
        return
    if not args.quiet:
        for change in outcome.changes:
            print(f"{_shown(config.out / change.path)} {_WOULD[change.kind]}", file=sys.stderr)
    _say(args, f"{_count(len(outcome.changes), 'file')} would change; {hint}")


def _watch(args: argparse.Namespace) -> int:
    from .watch import watch

    return watch(args, settings, generate)


def _ir(args: argparse.Namespace) -> int:
    from .ir import dumps

    outcome = _run(args, _configured(args), "model")
    code = _exit_code(outcome)
    if code != EXIT_OK or outcome.project is None:
        return code or EXIT_SPEC
    project = outcome.project
    if outcome.selected is not None:  # the catalogs of the specs PATHs chose
        from dataclasses import replace

        chosen = outcome.selected
        project = replace(project, catalogs=tuple(c for c in project.catalogs if chosen & {c.source, *c.sources}))
    sys.stdout.write(dumps(project))
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    from .compare import AgainstProblem, compare, report

    config = settings(args)
    if config.problems:
        _report(list(config.problems))
        return EXIT_USAGE
    _tell(args, config, writes=False)
    try:
        compared = compare(config, args.against, args.fail_on, skip_invalid_tables=config.skip_invalid_tables)
    except AgainstProblem as exc:
        _error(str(exc))
        return EXIT_USAGE
    if compared.verdict is None:
        _report(compared.diagnostics, quiet=args.quiet, root=config.root)
        return EXIT_USAGE if compared.failure == "usage" else EXIT_SPEC
    _report([d for d in compared.diagnostics if d.severity == "error"], root=config.root)
    formats = {"text": report.text, "json": report.as_json, "github": report.github, "markdown": report.markdown}
    sys.stdout.write(formats[args.format](compared.findings, compared.verdict))
    return EXIT_SPEC if compared.verdict.failing else EXIT_OK


def _lint(args: argparse.Namespace) -> int:
    from .diagnostics import has_errors
    from .model.lint import lint
    from .pipeline import run

    config = _configured(args)
    _tell(args, config, writes=False)
    given, problems = _given(args, config)
    if problems:
        _report(problems, quiet=args.quiet)
        return EXIT_USAGE
    outcome = run(config, "model", skip_invalid_tables=config.skip_invalid_tables, given=given)
    if outcome.failure == "usage":
        _report(outcome.diagnostics, quiet=args.quiet, root=None if config.problems else config.root)
        return EXIT_USAGE
    from .diagnostics import kept

    findings = sorted(outcome.diagnostics + kept(lint(outcome.project), config.ignored) if outcome.project else outcome.diagnostics)
    catalogs = len(outcome.project.catalogs) if outcome.project else 0
    if outcome.selected is not None and outcome.project is not None:  # the chosen specs' findings
        findings = [d for d in findings if d.severity == "error" or d.path in outcome.selected]
        catalogs = sum(bool(outcome.selected & {c.source, *c.sources}) for c in outcome.project.catalogs)
    _report(findings, quiet=args.quiet and not config.strict, root=config.root)  # under --strict a warning fails the run: it is shown
    if outcome.project is None or has_errors(findings, strict=config.strict):
        return EXIT_SPEC
    if not findings:
        _say(args, f"no problems in {_count(catalogs, 'catalog')}")
    return EXIT_OK


def _templates_list(args: argparse.Namespace) -> int:
    from .scaffold import builtin_names

    sys.stdout.write("".join(f"{name}\n" for name in builtin_names()))
    return EXIT_OK


def _templates_copy(args: argparse.Namespace) -> int:
    from .scaffold import UnknownTemplate, copy, selected

    try:
        names = selected(args.names)
    except UnknownTemplate as exc:
        args.parser.error(str(exc))
    copied, problems = copy(args.folder, names, force=args.force)
    _report(problems, quiet=args.quiet)
    if problems:
        return EXIT_USAGE
    if args.verbose:
        for path in copied:
            print(f"errgen: copied {_shown(path)}", file=sys.stderr)
    folder = _shown(args.folder)
    _say(args, f"{_count(len(copied), 'template')} copied to {folder}/; generate with --templates {folder} (or templates = \"{folder}\" in [tool.errgen])")
    return EXIT_OK
