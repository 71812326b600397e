"""Which version bump a set of changes needs, as semver gives it (0.x: breaking is minor)."""

from __future__ import annotations

import re

from .rules import MAJOR, MINOR, PATCH, RULES, Finding

_RELEASE = re.compile(r"v?(?:[0-9]+!)?([0-9]+(?:\.[0-9]+)*)")


def needed_bump(findings: list[Finding]) -> str | None:
    """The largest bump the findings' rules ask for; None when nothing changed."""
    bumps = {RULES[f.rule].bump for f in findings}
    return next((bump for bump in (MAJOR, MINOR, PATCH) if bump in bumps), None)


def release(version: str) -> tuple[int, int, int]:
    """The release numbers of a PEP 440 version: `1.2` -> (1, 2, 0), `2.0.0rc1` -> (2, 0, 0)."""
    match = _RELEASE.match(version.strip())
    numbers = [int(n) for n in match.group(1).split(".")] if match else [0]
    return (numbers + [0, 0, 0])[0], (numbers + [0, 0, 0])[1], (numbers + [0, 0, 0])[2]


def least_version(old: str, bump: str) -> tuple[int, int, int]:
    """The smallest release that makes ``bump`` on ``old``; before 1.0 a breaking change is a
    minor bump and any other a patch (semver's 0.y.z)."""
    major, minor, patch = release(old)
    if major == 0:
        return (0, minor + 1, 0) if bump == MAJOR else (0, minor, patch + 1)
    if bump == MAJOR:
        return (major + 1, 0, 0)
    if bump == MINOR:
        return (major, minor + 1, 0)
    return (major, minor, patch + 1)


def bumped_enough(old: str, new: str, bump: str) -> bool:
    return release(new) >= least_version(old, bump)


def shown(version: tuple[int, int, int]) -> str:
    return ".".join(map(str, version))
