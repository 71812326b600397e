"""Helpers shared by the tests: repo paths, a subprocess runner and small spec builders."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SPECS = REPO / "specs"
GENERATED = REPO / "generated"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
DIAGNOSTIC = re.compile(r"(?P<path>[^\n]+):(?P<line>\d+):(?P<col>\d+): (?:error|warning): [^\n]+")
SUMMARY = re.compile(r"errgen: \d+ errors?, \d+ warnings?")


def cli_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "generator", *args]


def cli_env(**extra: str) -> dict[str, str]:
    """The environment for a subprocess run: this checkout's generator first on the path."""
    env = {k: v for k, v in os.environ.items() if k != "ERRGEN_DEBUG"}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    return {**env, **extra}


def run_cli(*args: str, cwd: Path, **options: Any) -> subprocess.CompletedProcess[str]:
    """Run errgen as users do, in a subprocess (options go to subprocess.run)."""
    return subprocess.run(
        cli_command(*args), cwd=cwd, capture_output=True, text=True, timeout=120, env=cli_env(), **options
    )


def import_fresh(name: str):
    for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[module]
    return importlib.import_module(name)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def table(*rows: tuple[object, ...], heading: str = "## Acme > Widget > Error Code") -> str:
    """A small spec: a breadcrumb heading and an error table of (code, key, message) rows."""
    lines = [heading, "", "| resultCode | resultKey | resultMessage |", "|---|---|---|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def seed_rows(path: Path) -> list[tuple[int, int, str, str]]:
    """An independent reading of a seed page's table: (line, code, key, message) per row."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0].lstrip("-").isdigit():
            rows.append((number, int(cells[0]), cells[1], cells[2]))
    return rows


def assert_well_formed(stderr: str) -> None:
    """No traceback: diagnostics sorted by file and line, then the summary line (and, after
    a successful run, the line saying what was written)."""
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    matches = [DIAGNOSTIC.fullmatch(line) for line in lines]
    count = next((i for i, m in enumerate(matches) if m is None), len(lines))
    if count == 0:
        return
    assert SUMMARY.fullmatch(lines[count]), lines
    assert all(m is None for m in matches[count:]), lines
    keys = [(m["path"], int(m["line"]), int(m["col"])) for m in matches[:count] if m]
    assert keys == sorted(keys)
