"""`errgen watch`: regenerate whenever a spec, the configuration or a template changes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from .config import FILE_NAME, Config, find_config_file
from .diagnostics import one_line
from .inputs import BUILTIN_TEMPLATES, SPEC_SUFFIXES

TEMPLATE_SUFFIXES = (".j2", ".jinja")

TYPE_CHECKING = False
if TYPE_CHECKING:
    from watchfiles import Change


Settings = Callable[[argparse.Namespace], Config]
Generate = Callable[[argparse.Namespace, Config], tuple[int, int]]


class _Project:
    """The configuration, reloaded on every run, and the paths it names that are watched."""

    def __init__(self, args: argparse.Namespace, settings: Settings, generate: Generate) -> None:
        self.args, self.settings, self.generate = args, settings, generate
        self.config: Config | None = None
        self.good: Config | None = None  # the last configuration without problems
        self.file: Path | None = None  # the configuration file, or the one that would be read

    def load(self) -> None:
        self.config = self.settings(self.args)
        if not self.config.problems or self.good is None:
            self.good = self.config
        cwd = Path.cwd()
        # while the file is not TOML, config.file is None: the file is found again here
        file = self.config.file or self.args.config or find_config_file(cwd) or cwd / FILE_NAME
        self.file = file.resolve()

    def run(self) -> None:
        # a run that finds errors writes nothing, so the last good output stays until a fix
        assert self.config is not None
        self.generate(self.args, self.config)
        sys.stderr.flush()

    def roots(self) -> list[Path]:
        """The existing paths among the spec paths, the configuration file (or the one that
        would be read once created) and the template folders of the last good configuration."""
        assert self.good is not None
        found: list[Path] = []
        for path in (*self.good.specs, self.file, self.good.templates, BUILTIN_TEMPLATES):
            if path is not None and path.exists() and path.resolve() not in found:
                found.append(path.resolve())
        return found

    def relevant(self, path: Path, roots: list[Path]) -> bool:
        assert self.good is not None
        out = self.good.out.resolve()
        if path == out or out in path.parents:
            return False  # our own writes never trigger a run
        if path == self.file or path in roots:  # a watched path itself: saved, removed or replaced
            return True
        return path.suffix.lower() in SPEC_SUFFIXES + TEMPLATE_SUFFIXES


def watch(args: argparse.Namespace, settings: Settings, generate: Generate) -> int:
    project = _Project(args, settings, generate)
    project.load()
    project.run()
    # A watch ends when a watched path vanishes, is replaced (a branch switch deletes and
    # recreates specs/), appears (looked for on every idle tick) or is no longer configured;
    # the next one watches the paths there are then, and runs once it is set up, so nothing
    # saved meanwhile is missed.
    owed = False
    try:
        while True:
            roots = project.roots()
            ready = False
            for changes in _batches(roots, project, args.debounce):
                if not changes and not ready:
                    ready = True
                    if owed:
                        project.load()
                        project.run()
                        owed = False
                    if not args.quiet:
                        watching = f"errgen: watching {len(roots)} path{'' if len(roots) == 1 else 's'}; Ctrl-C stops"
                        print(watching, file=sys.stderr, flush=True)
                    continue
                paths = {Path(p) for _c, p in changes} or set(project.roots()) ^ set(roots)
                if not paths:
                    continue
                names = one_line(", ".join(sorted({p.name for p in paths})))
                if not args.quiet:
                    print(f"errgen: changed: {names}", file=sys.stderr, flush=True)
                project.load()  # the configuration may name other paths now
                if not changes or paths & set(roots) or project.roots() != roots:
                    owed = True
                    break
                project.run()
            else:  # the watcher could not be set up: a path vanished meanwhile
                owed = True
    except KeyboardInterrupt:
        if not args.quiet:
            print("errgen: watch stopped", file=sys.stderr)
        return 0


def _batches(
    roots: list[Path], project: _Project, debounce: int
) -> Iterator[set[tuple[Change, str]]]:
    """watchfiles' batches of relevant changes under roots; an empty one on every idle tick
    (the first once the watcher is set up: only then is "watching" true, so a save right after
    the message is never missed). Ends, without a batch, when a root vanished before that."""
    import watchfiles

    try:
        yield from watchfiles.watch(
            *roots,
            watch_filter=lambda _change, path: project.relevant(Path(path), roots),
            debounce=debounce,
            step=50,
            rust_timeout=200,
            yield_on_timeout=True,
            raise_interrupt=True,
        )
    except FileNotFoundError:
        return
