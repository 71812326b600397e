"""`pip install generated/python` into a fresh virtual environment, then use the installed copy."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

from helpers import GENERATED

SCRIPT = """
import pathlib, sys, ai_service_errors
from ai_service_errors import general_ocr
location = pathlib.Path(ai_service_errors.__file__).resolve()
assert "site-packages" in location.parts, location
assert (location.parent / "py.typed").is_file()
error = general_ocr.from_code(4000001)
assert isinstance(error, ai_service_errors.BadRequest)
print(location.parent.parent.name, str(error))
"""


def test_pip_install_into_a_fresh_venv_and_import_the_installed_package(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(GENERATED / "python", source, ignore=shutil.ignore_patterns("__pycache__", ".*"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(source)],
        capture_output=True, text=True, timeout=600,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    shutil.rmtree(source)  # nothing may come from the source tree
    result = subprocess.run([str(python), "-c", SCRIPT], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "site-packages [4000001 INVALID_PARAMETER] Invalid parameter."
    deps = subprocess.run([str(python), "-m", "pip", "list", "--format=freeze"], capture_output=True, text=True)
    installed = {line.split("==")[0].lower() for line in deps.stdout.split()}
    assert installed - {"pip", "setuptools"} == {"ai-service-errors"}, "the package must have no runtime dependencies"
    assert sys.version_info >= (3, 11)
