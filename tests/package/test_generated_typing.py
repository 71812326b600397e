"""`mypy --strict` accepts the generated package and a module that uses all of its contract."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


from helpers import GENERATED

USAGE = Path(__file__).parent / "typecheck" / "usage.py"


def test_mypy_strict_passes_on_the_package_and_its_use(tmp_path: Path) -> None:
    env = {**os.environ, "MYPYPATH": str(GENERATED / "python")}
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"),
         str(GENERATED / "python" / "ai_service_errors"), str(USAGE)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found in 5 source files" in result.stdout


def test_mypy_strict_rejects_misuse(tmp_path: Path) -> None:
    """The check can fail: a wrong type against the generated annotations is reported."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from ai_service_errors.general_ocr import InvalidParameterError, ResultCode\n"
        "key: int = InvalidParameterError.key\n"
        "member: ResultCode = ResultCode.try_from(1)\n"
    )
    env = {**os.environ, "MYPYPATH": str(GENERATED / "python")}
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), str(bad)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 1
    assert "bad.py:2" in result.stdout and "bad.py:3" in result.stdout
