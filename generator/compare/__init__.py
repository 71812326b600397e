"""`errgen diff`: the model of the docs now against the model of older docs, each change named by
a rule (see rules), and the version bump the changes need."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from ..config import Config
from ..diagnostics import Diagnostic
from ..model.project import Project
from .against import AgainstProblem, old_docs
from .changes import changes
from . import report
from .report import Verdict
from .rules import LEVELS, RULES, Finding
from .versions import bumped_enough, needed_bump

__all__ = ["AgainstProblem", "Compared", "compare", "report"]


@dataclass
class Compared:
    findings: list[Finding]
    verdict: Verdict | None
    diagnostics: list[Diagnostic]  # problems of either side's specs (the old ones under the ref)
    failure: str | None = None  # "usage" or "spec" when the models could not be built


def compare(config: Config, against: str, fail_on: str, *, skip_invalid_tables: bool = False) -> Compared:
    from ..pipeline import MODEL, run

    new = run(config, MODEL, skip_invalid_tables=skip_invalid_tables)
    if new.project is None:
        return Compared([], None, new.diagnostics, new.failure or "spec")
    with tempfile.TemporaryDirectory(prefix="errgen-diff-") as temp:
        old = old_docs(config, against, Path(temp))
        old_config = old.config.replace(selected=None)  # PATHs choose among today's specs
        before = run(old_config, MODEL, skip_invalid_tables=skip_invalid_tables) if _any_spec(old_config) else None
        if before is not None and before.project is None:
            shown = [_placed(d, old.ref, old.config.root) for d in before.diagnostics]
            return Compared([], None, shown, before.failure or "spec")
        old_project = before.project if before is not None and before.project is not None else Project(new.project.package, new.project.distribution, old.version or config.version, ())

        def old_where(path: str) -> tuple[str | None, str]:
            if old.ref is not None:
                return old.ref, path
            return None, _relative(old.config.root / path)

        new_project = new.project
        if new.selected is not None:  # the catalogs of the specs PATHs chose, then and now
            ids = {c.id for project in (new_project, old_project) for c in project.catalogs if new.selected & {c.source, *c.sources}}
            new_project = replace(new_project, catalogs=tuple(c for c in new_project.catalogs if c.id in ids))
            old_project = replace(old_project, catalogs=tuple(c for c in old_project.catalogs if c.id in ids))
        findings = changes(old_project, new_project, old_where)
    bump = needed_bump(findings)
    enough = None if old.version is None or bump is None else bumped_enough(old.version, config.version, bump)
    threshold = LEVELS.index(fail_on) if fail_on in LEVELS else -1

    def covered(finding: Finding) -> bool:  # the version bump acknowledges the change
        return old.version is not None and bumped_enough(old.version, config.version, RULES[finding.rule].bump)

    failing = tuple(f for f in findings if LEVELS.index(f.level) <= threshold and not covered(f))
    verdict = Verdict(against, bump, old.version, config.version, enough, failing)
    return Compared(findings, verdict, new.diagnostics)


def _any_spec(config: Config) -> bool:
    return any(spec.exists() for spec in config.specs)


def _placed(diagnostic: Diagnostic, ref: str | None, root: Path) -> Diagnostic:
    from dataclasses import replace

    return replace(diagnostic, path=f"{ref}:{diagnostic.path}" if ref else _relative(root / diagnostic.path))


def _relative(path: Path) -> str:
    return Path(os.path.relpath(path)).as_posix()
