"""The docs to compare with: the same configuration's specs at a git revision (read with `git
archive`, the working tree untouched) or in a folder, and the version they documented."""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from ..config import Config


_GIT_TIMEOUT = 120  # seconds: git archive of a large docs tree, on a slow disk


class AgainstProblem(Exception):
    """The revision or folder cannot be read; the message says why and what is expected."""


@dataclass(frozen=True)
class Old:
    config: Config  # the configuration with the old specs in place of the new
    ref: str | None  # the revision, as given; None for a folder
    version: str | None  # the version the old docs documented; None when unknown (a folder)


def old_docs(config: Config, against: str, workdir: Path) -> Old:
    """The old side: a folder when ``against`` names one, else a git revision of the
    repository that holds the configuration's root, extracted under ``workdir``."""
    folder = Path(against)
    if folder.is_dir():
        return Old(config.replace(specs=(folder.resolve(),), root=Path.cwd()), None, None)
    top = _git(config.root, "rev-parse", "--show-toplevel").decode().strip()
    if not top:
        raise AgainstProblem(f"{config.root.as_posix()} is not in a git repository; expected --against a folder of specs")
    commit = _git(config.root, "rev-parse", "--verify", "--quiet", f"{against}^{{commit}}").decode().strip()
    if not commit:
        raise AgainstProblem(f"unknown revision '{against}'; expected a branch, tag or commit (main, HEAD~1, origin/main) or a folder of specs")
    top_path = Path(top)
    root = workdir / os.path.relpath(config.root.resolve(), top_path)
    specs = []
    for spec in config.specs:
        inside = os.path.relpath(spec.resolve(), top_path)
        _extract(config.root, commit, inside, workdir)
        specs.append(workdir / inside)
    old = config.replace(specs=tuple(specs), root=root)
    version = config.version
    if config.file is not None:  # the package and version the docs had then
        table = _settings_at(config.root, commit, os.path.relpath(config.file.resolve(), top_path))
        version = _string(table, "version") or "0.1.0"
        old = old.replace(package=_string(table, "package"))
    return Old(old, against, version)


def _extract(cwd: Path, commit: str, path: str, into: Path) -> None:
    """The files of ``path`` at ``commit`` written under ``into``; nothing when it did not exist."""
    data = _git(cwd, "archive", "--format=tar", commit, "--", path)
    if not data:
        return
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        archive.extractall(into, filter="data")


def _settings_at(cwd: Path, commit: str, config_path: str) -> dict:
    """[tool.errgen] of the configuration file at ``commit`` (empty when it was not there)."""
    import tomllib

    data = _git(cwd, "show", f"{commit}:{config_path}")
    try:
        table = tomllib.loads(data.decode("utf-8")).get("tool", {}).get("errgen", {})
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
    return table if isinstance(table, dict) else {}


def _string(table: dict, key: str) -> str | None:
    value = table.get(key)
    return value if isinstance(value, str) and value else None


def _git(cwd: Path, *args: str) -> bytes:
    """git's output, or nothing when it fails."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=_GIT_TIMEOUT)
    except FileNotFoundError:
        raise AgainstProblem("git is not installed; expected git on PATH, or --against a folder of specs") from None
    except subprocess.TimeoutExpired:
        raise AgainstProblem(f"git {args[0]} did not finish in time") from None
    return done.stdout if done.returncode == 0 else b""
