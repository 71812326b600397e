"""Shared fixtures: paths of the repo, a runner for the real CLI, the generated package."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main

from helpers import GENERATED

@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def _no_colour_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Output as it is without a colour setting, whatever the developer's or CI's shell sets."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


@pytest.fixture
def errgen(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run the errgen CLI in-process with a working directory; returns exit code and output."""

    def run(*args: str, cwd: Path | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def generated_package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Put the committed generated/python first on sys.path for an import test."""
    path = str(GENERATED / "python")
    sys.path.insert(0, path)
    try:
        yield GENERATED / "python"
    finally:
        sys.path.remove(path)
        for name in [m for m in sys.modules if m == "ai_service_errors" or m.startswith("ai_service_errors.")]:
            del sys.modules[name]




@pytest.fixture
def fixture_dir(tmp_path: Path) -> Path:
    """A copy of tests/fixtures outside this repo, so no [tool.errgen] of the repo applies."""
    import shutil

    from helpers import FIXTURES

    return Path(shutil.copytree(FIXTURES, tmp_path / "fixtures"))
