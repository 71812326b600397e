"""The generated package installed into a clean virtual environment of every Python from 3.11 to
the newest this machine has (pyenv's too), and its contract run there."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import GENERATED

CONTRACT = """
import pickle, sys, ai_service_errors as p
from ai_service_errors import general_ocr as g
e = g.from_code(5039999, "later")
assert isinstance(e, g.GeneralOcrError) and isinstance(e, p.ServiceUnavailable) and e.http_status == 503
assert p.is_retryable(e) and type(pickle.loads(pickle.dumps(e))) is type(e)
try:
    g.raise_for_result({"header": {"isSuccessful": False, "resultCode": 4000001, "resultMessage": "bad"}})
except g.InvalidParameterError as caught:
    assert isinstance(caught, p.BadRequest) and caught.code == 4000001 and str(caught) == "[4000001 INVALID_PARAMETER] bad"
assert p.lookup(4131000).key == "MAX_UPLOAD_SIZE_EXCEEDED"
assert g.GeneralOcrError("boom").code is None and p.MalformedResponseError().code is None
assert g.ResultCode.try_from("9" * 5000) is None


class Response:  # what raise_for_response reads of a requests or httpx response
    status_code = 503
    headers = {"x-request-id": "r1"}
    url = "http://127.0.0.1/x"

    def json(self):
        raise ValueError("not JSON")


try:
    g.raise_for_response(Response())
except p.MalformedResponseError as caught:
    assert caught.http_response_status == 503 and caught.request_id == "r1" and p.is_retryable(caught)
    assert isinstance(caught.__cause__, ValueError) and "payload" not in str(caught.to_log_fields())
print(f"{sys.version_info[0]}.{sys.version_info[1]}")
"""


def pythons() -> list[Path]:
    """Every python3.N (N >= 11) on PATH or under pyenv, one per version."""
    found: dict[str, Path] = {}
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    roots = sorted(pyenv.glob("3.*/bin")) if pyenv.is_dir() else []
    # pyenv's shims answer only for the versions selected; the versions themselves are above
    roots += [Path(p) for p in os.environ.get("PATH", "").split(os.pathsep) if p and Path(p).name != "shims"]
    for root in roots:
        for candidate in sorted(root.glob("python3.*")):
            match = re.fullmatch(r"python3\.(\d+)", candidate.name)
            if match and int(match.group(1)) >= 11 and os.access(candidate, os.X_OK):
                found.setdefault(f"3.{match.group(1)}", candidate)
    return [found[v] for v in sorted(found, key=lambda v: int(v.split(".")[1]))]


PYTHONS = pythons()


def test_there_is_a_python_to_test_on() -> None:
    assert PYTHONS, "no python3.11 or newer found"


@pytest.mark.parametrize("python", PYTHONS, ids=[p.name for p in PYTHONS])
def test_the_installed_package_on_every_python(python: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    made = subprocess.run([str(python), "-m", "venv", str(env_dir)], capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stderr
    source = tmp_path / "src"
    shutil.copytree(GENERATED / "python", source, ignore=shutil.ignore_patterns("__pycache__", ".*"))
    pip = subprocess.run([str(env_dir / "bin/python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(source)], capture_output=True, text=True, timeout=600)
    assert pip.returncode == 0, pip.stderr
    shutil.rmtree(source)
    run = subprocess.run([str(env_dir / "bin/python"), "-c", CONTRACT], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == python.name.removeprefix("python")
