"""The one way through every command: read the specs, let the cache prove a no-op, else run the
stages (see generation), each redoing only what the cache does not hold."""

from __future__ import annotations

import os
from pathlib import Path

from .. import inputs
from ..cache import records
from ..cache.stamp import tool_stamp
from ..write.files import LOCK, Lock, Targets, UnsafePath, WriteFailed, io_message, out_dir_problem, scan

from .outcome import GENERATE, MODEL, Outcome

TYPE_CHECKING = False  # the no-op path imports no more than it needs
if TYPE_CHECKING:
    from ..config import Config

__all__ = ["GENERATE", "MODEL", "Outcome", "run"]

def run(config: Config, command: str, *, jobs: int | None = None, skip_invalid_tables: bool = False, strict: bool = False, given: tuple[inputs.Spec, ...] = ()) -> Outcome:
    """``generate`` writes the out dir, ``check`` compares it and writes nothing, ``model`` builds
    the model alone (for ir and lint). ``given`` are specs read already (standard input), each
    named in the configuration's specs by its path, which is not read then."""
    outcome = Outcome()
    if config.problems:
        outcome.diagnostics, outcome.failure = list(config.problems), "usage"
        return outcome
    if command != MODEL and config.templates is not None:
        problem = inputs.templates_problem(config.templates)
        if problem is not None:
            outcome.failure, outcome.message = "usage", f"the templates folder {inputs.display_path(config.templates)}: {problem}"
            return outcome
    if command != MODEL:
        problem = out_dir_problem(config.out, config.root, [*config.specs, *(path for path in (config.file, config.templates) if path is not None)])
        if problem is not None:
            outcome.failure, outcome.message = "usage", f"the out dir {inputs.display_path(config.out)} {problem}"
            return outcome
    if command != GENERATE:
        return _run(config, command, outcome, jobs, skip_invalid_tables, strict, given)
    try:  # one run at a time in an out dir, from the first look at it to the last write
        with Lock(Targets(config.out)(LOCK)):
            return _run(config, command, outcome, jobs, skip_invalid_tables, strict, given)
    except (UnsafePath, WriteFailed) as exc:
        outcome.failure, outcome.message = "usage", io_message(exc)
        return outcome


def _run(config: Config, command: str, outcome: Outcome, jobs: int | None, skip_invalid_tables: bool, strict: bool, given: tuple[inputs.Spec, ...] = ()) -> Outcome:
    left: list[str] = []  # files a killed run left in the out dir
    if command != MODEL and os.path.isdir(config.out):
        left, others = scan(config.out)
        if others:
            outcome.failure = "usage"
            outcome.message = f"the out dir {inputs.display_path(config.out)} holds {others[0]}, the out dir of another run (it has a record of its own); expected a folder apart from every other out dir"
            return outcome
    standing = {spec.path for spec in given}  # a given spec stands for its path, which may not exist

    def unread(path: os.PathLike[str]) -> bool:
        return bool(standing) and not os.path.exists(path) and inputs.display_path(Path(path), config.root) in standing

    paths = [path for path in config.specs if not unread(path)]
    specs, problems = inputs.read(paths, config.root, config.include, config.exclude)
    # a given spec takes the place of the file of its name (in a folder too), or comes last
    by_path = {spec.path: spec for spec in given}
    specs = [by_path.pop(spec.path, spec) for spec in specs]
    chosen = None
    if config.selected is not None:
        from .selection import chosen as choose, configured, left_out

        origin = f"{inputs.display_path(config.file)} configures" if config.file else "of the run"
        among = specs + [spec for spec in by_path.values() if configured(config, spec.path)]
        chosen, message = choose(config.selected, among, config.root, origin, writes=command != MODEL, excluded=left_out(config))
        if message is None:
            outcome.selected = chosen
        elif command == MODEL:  # nothing is written: PATHs that are no configured spec are read as the specs
            chosen = None
            specs, problems = inputs.read([path for path in config.selected if not unread(path)], config.root, config.include, config.exclude)
            by_path = {spec.path: spec for spec in given}
            specs = [by_path.pop(spec.path, spec) for spec in specs]
        else:
            outcome.failure, outcome.message = "usage", message
            return outcome
    specs += by_path.values()
    from .selection import ignoring

    ignored = ignoring(config.ignored, chosen, specs)
    template_dirs = (config.templates,) if config.templates else ()
    options: dict[str, object] = {  # every setting that could change output; defaults are in the tool stamp
        "package": config.package,
        "version": config.version,
        "default_locale": config.default_locale,
        "locales": list(config.locales),
        "problem_type_base": config.problem_type_base,
        "request_id_headers": list(config.request_id_headers),
        "enums": config.enums,
        "targets": None if config.targets is None else list(config.targets),
        "templates": [str(t) for t in template_dirs],
        "skip_invalid_tables": skip_invalid_tables,
        "overrides": [repr(o) for o in config.overrides if o.skip_invalid_tables],
    }
    tool = tool_stamp(template_dirs) if command != MODEL else ""
    key = records.run_key(tool, options)
    digests = records.spec_digests(specs)
    manifest = None
    if command != MODEL and not problems:
        manifest = records.read_record(records.record_path(config.root, config.out, "manifest"), records.MANIFEST)
        if records.unchanged(manifest, key, digests, config.out, lambda: bool(left)):
            assert manifest is not None
            outcome.unchanged, outcome.recorded = len(manifest["artifacts"]), True
            if manifest["warnings"]:
                from ..diagnostics import Diagnostic, kept

                outcome.diagnostics = kept([Diagnostic(*warning) for warning in manifest["warnings"]], ignored)
                outcome.failure = "spec" if strict and outcome.diagnostics else None
            return outcome
    from .generation import Generation

    generation = Generation(config, command, specs, template_dirs, tool, key, digests, manifest, chosen, ignored)
    return generation.run(outcome, problems, jobs=jobs, skip_invalid_tables=skip_invalid_tables, strict=strict)
