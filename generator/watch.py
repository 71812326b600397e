"""`errgen watch`: regenerate whenever a spec, the configuration or a template changes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from .config import Config
from .inputs import BUILTIN_TEMPLATES, SPEC_SUFFIXES

TEMPLATE_SUFFIXES = (".j2", ".jinja")


def watch(
    args: argparse.Namespace,
    settings: Callable[[argparse.Namespace], Config],
    generate: Callable[[argparse.Namespace, Config], tuple[int, int]],
) -> int:
    import watchfiles

    # a run that finds errors writes nothing, so the last good output stays until a fix

    config = settings(args)
    generate(args, config)
    try:
        while True:
            roots = _watched(config)
            ready = False
            # a short Rust timeout yields an empty batch once the watcher is set up: only then
            # is "watching" true, so a save right after the message is never missed
            for changes in watchfiles.watch(
                *roots,
                watch_filter=lambda _change, path: _relevant(Path(path), config),
                debounce=args.debounce,
                step=50,
                rust_timeout=200,
                yield_on_timeout=True,
                raise_interrupt=True,
            ):
                if not changes:
                    if not ready:
                        ready = True
                        if not args.quiet:
                            paths = f"{len(roots)} path{'' if len(roots) == 1 else 's'}"
                            print(f"errgen: watching {paths}; Ctrl-C stops", file=sys.stderr, flush=True)
                    continue
                config = settings(args)  # the configuration itself may have changed
                from .diagnostics import one_line

                names = sorted({Path(p).name for _c, p in changes})
                if not args.quiet:
                    print(f"errgen: changed: {one_line(', '.join(names))}", file=sys.stderr, flush=True)
                generate(args, config)
                sys.stderr.flush()
                if set(_watched(config)) != set(roots):
                    break  # spec folders or the templates folder moved: watch the new ones
    except KeyboardInterrupt:
        if not args.quiet:
            print("errgen: watch stopped", file=sys.stderr)
        return 0
    return 0


def _watched(config: Config) -> list[Path]:
    """Existing spec paths, the configuration file and the template folders."""
    candidates = [*config.specs, config.file, config.templates, BUILTIN_TEMPLATES]
    found = []
    for path in candidates:
        if path is not None and path.exists() and path.resolve() not in found:
            found.append(path.resolve())
    return found


def _relevant(path: Path, config: Config) -> bool:
    out = config.out.resolve()
    if path == out or out in path.parents:
        return False  # our own writes never trigger a run
    if config.file is not None and path == config.file.resolve():
        return True
    return path.suffix.lower() in SPEC_SUFFIXES + TEMPLATE_SUFFIXES
