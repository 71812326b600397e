"""The generated package's types, as both checkers and pyright's completeness report see them:
`pyright --verifytypes` knows every public symbol, and mypy --strict and pyright strict give
every documented expression the same type (tests/package/typecheck/exact.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from helpers import GENERATED

EXACT = Path(__file__).parent / "typecheck" / "exact.py"


def pyright(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    binary = shutil.which("pyright", path=str(Path(sys.executable).parent)) or shutil.which("pyright")
    if binary is None:
        pytest.fail("pyright is not installed; it is in the test extras (pip install -e '.[test]')")
    return subprocess.run([binary, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def mypy(path: Path, cwd: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), str(path)], cwd=cwd, capture_output=True, text=True, timeout=600)


def test_mypy_strict_and_pyright_strict_agree_on_every_documented_expression(tmp_path: Path) -> None:
    checked_by_mypy = mypy(EXACT, GENERATED / "python", tmp_path / "cache")
    assert checked_by_mypy.returncode == 0, checked_by_mypy.stdout
    checked_by_pyright = pyright("--pythonversion", "3.11", str(EXACT), cwd=GENERATED / "python")
    assert checked_by_pyright.returncode == 0, checked_by_pyright.stdout
    assert "0 errors" in checked_by_pyright.stdout


def test_both_checkers_reject_a_wrong_type(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.py"
    wrong.write_text(
        "# pyright: strict\nfrom typing import assert_type\nfrom ai_service_errors.general_ocr import from_code\n"
        "assert_type(from_code(1).code, int)\n"
    )
    assert mypy(wrong, GENERATED / "python", tmp_path / "cache").returncode != 0
    assert pyright("--pythonversion", "3.11", str(wrong), cwd=GENERATED / "python").returncode != 0


def test_pyright_verifytypes_knows_every_public_symbol(tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    source = tmp_path / "src"
    shutil.copytree(GENERATED / "python", source, ignore=shutil.ignore_patterns("__pycache__", ".*"))
    install = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(source)], capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stderr
    env = {**os.environ, "PATH": f"{env_dir / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}", "VIRTUAL_ENV": str(env_dir)}
    report = pyright("--verifytypes", "ai_service_errors", "--ignoreexternal", cwd=tmp_path, env=env)
    assert "site-packages/ai_service_errors/py.typed" in report.stdout, report.stdout  # the installed copy
    assert "Type completeness score: 100%" in report.stdout, report.stdout
    assert report.returncode == 0, report.stdout
