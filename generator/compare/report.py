"""What `errgen diff` prints: text (one line per finding and a summary), JSON (see
diff.schema.json), GitHub workflow commands, and a Markdown changelog section."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..diagnostics import one_line
from ..parse.cells import escaped
from .rules import BREAKING, DANGEROUS, LEVELS, RULES, SAFE, Finding
from .versions import least_version, shown

SCHEMA_ID = "https://errgen.dev/schemas/diff.schema.json"


@dataclass(frozen=True)
class Verdict:
    """What the findings mean for a release."""

    against: str
    bump: str | None  # major, minor, patch, or None when nothing changed
    old_version: str | None
    new_version: str
    bumped_enough: bool | None  # None when the old version is unknown
    failing: tuple[Finding, ...]  # the findings that make the run fail

    @property
    def least(self) -> str | None:
        if self.bump is None or self.old_version is None:
            return None
        return shown(least_version(self.old_version, self.bump))


def counts(findings: list[Finding]) -> dict[str, int]:
    return {level: sum(f.level == level for f in findings) for level in LEVELS}


def text(findings: list[Finding], verdict: Verdict) -> str:
    lines = [f"{one_line(f.where)}: {f.level}[{f.rule}]: {one_line(f.message)}" for f in findings]
    lines.append(f"errgen diff: {_summary(findings, verdict)}")
    return "\n".join(lines) + "\n"


def _summary(findings: list[Finding], verdict: Verdict) -> str:
    if not findings:
        return f"no changes against {verdict.against}"
    number = counts(findings)
    said = ", ".join(f"{number[level]} {level}" for level in LEVELS)
    said += f" against {verdict.against}; {verdict.bump} version bump needed"
    if verdict.bumped_enough is None:
        return said + f" (version now {verdict.new_version})"
    if verdict.bumped_enough:
        return said + f": version {verdict.old_version} -> {verdict.new_version} is enough"
    return said + f": version {verdict.old_version} must become at least {verdict.least} (it is {verdict.new_version}); bump `version` in [tool.errgen]"


def as_json(findings: list[Finding], verdict: Verdict) -> str:
    data: dict[str, Any] = {
        "$schema": SCHEMA_ID,
        "against": verdict.against,
        "findings": [
            {
                "rule": f.rule,
                "level": f.level,
                "breaks": list(RULES[f.rule].breaks),
                "message": f.message,
                "path": f.path,
                "line": f.line,
                "col": f.col,
                "ref": f.ref,
                "catalog": f.catalog,
                "code": f.code,
                "key": f.key or None,
            }
            for f in findings
        ],
        "summary": counts(findings),
        "version": {
            "old": verdict.old_version,
            "new": verdict.new_version,
            "bump": verdict.bump,
            "least": verdict.least,
            "enough": verdict.bumped_enough,
        },
        "failed": bool(verdict.failing),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


_COMMAND = {BREAKING: "error", DANGEROUS: "warning", SAFE: "notice"}


def github(findings: list[Finding], verdict: Verdict) -> str:
    """GitHub Actions workflow commands: each finding an annotation on its line of the pull
    request (removals, whose line is in the old docs only, on no file)."""
    lines = []
    for f in findings:
        props = [f"title={_property(f'{f.level}[{f.rule}]')}"]
        if f.ref is None:
            props[:0] = [f"file={_property(f.path)}", f"line={f.line}", f"col={f.col}"]
        message = f.message if f.ref is None else f"{f.message} (was at {f.where})"
        lines.append(f"::{_COMMAND[f.level]} {','.join(props)}::{_data(message)}")
    lines.append(f"::notice title=errgen diff::{_data(_summary(findings, verdict))}")
    return "\n".join(lines) + "\n"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


_SECTIONS = (
    ("Breaking", lambda f: f.level == BREAKING),
    ("Added", lambda f: f.rule in ("code-added", "catalog-added", "operation-added", "translation-added")),
    ("Changed", lambda f: f.level == SAFE and f.rule in ("message-changed", "translation-changed")),
    ("Removed", lambda f: f.rule == "translation-removed"),
)


def markdown(findings: list[Finding], verdict: Verdict) -> str:
    """A changelog section: per catalog, Breaking / Added / Changed / Removed."""
    title = f"## Error codes {verdict.new_version}" if verdict.bumped_enough or verdict.bumped_enough is None else "## Error codes (unreleased)"
    lines = [title, "", f"Changes against {verdict.against}: {_summary(findings, verdict)}.", ""]
    catalogs: dict[str, list[Finding]] = {}
    for f in findings:
        catalogs.setdefault(f.catalog or "(package)", []).append(f)
    for catalog, found in catalogs.items():
        lines += [f"### {catalog}", ""]
        for heading, belongs in _SECTIONS:
            items = [f for f in found if belongs(f)]
            if items:
                lines += [f"#### {heading}", "", *(f"- {_escaped(f.message)} (`{f.rule}`)" for f in items), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _escaped(text: str) -> str:
    """Text that Markdown shows as it is."""
    return escaped(one_line(text))
