"""What --verbose tells of a run: the configuration in force, the specs found, the out dir and templates, the cache."""

from __future__ import annotations

import sys

from .helptext import display_path
from .inputs import find_specs

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .config import Config
    from .pipeline import Outcome


def tell_inputs(config: Config, *, stdin: str | None = None, writes: bool = True) -> None:
    """As black -v says which configuration it uses: what this run reads, and where it writes.
    ``stdin`` is the name the spec read from standard input goes by, if one is."""
    said = [f"configuration: {display_path(config.file)}" if config.file is not None else "configuration: none found; errgen's defaults"]
    if stdin is not None:
        said.append(f"spec: {stdin} (standard input)")
    else:
        files, _problems = find_specs(list(config.specs), config.root, config.include, config.exclude)  # reported by the run
        said += [f"spec: {display_path(path)}" for path in files] or ["spec: none found"]
    if writes:
        said.append(f"out dir: {display_path(config.out)}/")
        said.append(f"templates: {display_path(config.templates)}/, then the built-in ones" if config.templates else "templates: the built-in ones")
    for line in said:
        print(f"errgen: {line}", file=sys.stderr)


def tell_cache(outcome: Outcome) -> None:
    if outcome.recorded:
        print("errgen: cache: the out dir's record matches every spec, template and option; nothing was rendered", file=sys.stderr)
