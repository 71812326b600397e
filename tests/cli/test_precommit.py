"""The real pre-commit, in a temporary git repository whose config points at this repo's hooks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


from helpers import REPO, SPECS


GIT_ENV = {
    "GIT_AUTHOR_NAME": "errgen tests", "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "errgen tests", "GIT_COMMITTER_EMAIL": "tests@example.invalid",
}


def git(*args: str, cwd: Path) -> str:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def snapshot_of_this_repo(target: Path) -> str:
    """This working tree (tracked and new files) as a one-commit repository; returns its sha."""
    files = git("ls-files", "-co", "--exclude-standard", "-z", cwd=REPO).split("\0")
    for name in filter(None, files):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git("init", "-q", cwd=target)
    git("add", "-A", cwd=target)
    git("commit", "-q", "-m", "snapshot", cwd=target)
    return git("rev-parse", "HEAD", cwd=target).strip()


def commit(client: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home)}
    git("add", "-A", cwd=client)
    return subprocess.run(
        ["git", "commit", "-q", "-m", "docs"], cwd=client, env=env, capture_output=True, text=True, timeout=900
    )


def test_the_errgen_hook_fails_and_generates_then_passes_then_catches_an_edit(tmp_path: Path) -> None:
    source = tmp_path / "errgen"
    source.mkdir()
    sha = snapshot_of_this_repo(source)
    client = tmp_path / "client"
    shutil.copytree(SPECS, client / "specs")
    (client / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source.as_posix()}\n    rev: {sha}\n    hooks:\n      - id: errgen\n      - id: errgen-check\n      - id: errgen-diff\n"
    )
    git("init", "-q", cwd=client)
    home = tmp_path / "pre-commit-home"
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=client, env=env, check=True, capture_output=True)

    first = commit(client, home)
    assert first.returncode != 0, first.stdout + first.stderr
    output = first.stdout + first.stderr
    assert "errgen (regenerate from error-code specs)" in output and "Failed" in output
    assert "exit code: 1" in output
    assert (client / "generated/python/ai_service_errors/general_ocr.py").is_file()

    second = commit(client, home)
    assert second.returncode == 0, second.stdout + second.stderr
    assert git("ls-files", "generated/openapi", cwd=client).split() == [
        "generated/openapi/errors.openapi.yaml",
        "generated/openapi/general_ocr.openapi.yaml",
        "generated/openapi/pose_estimation.openapi.yaml",
    ]

    spec = client / "specs/pose-estimation.md"
    spec.write_text(spec.read_text().replace("Invalid uuid.", "The uuid is not valid."))
    third = commit(client, home)
    assert third.returncode != 0
    assert "The uuid is not valid." in (client / "generated/python/ai_service_errors/pose_estimation.py").read_text()
    assert commit(client, home).returncode == 0

    # errgen-diff, at pre-push: against the upstream branch, a removed code fails the push
    origin = tmp_path / "origin.git"
    git("init", "-q", "--bare", str(origin), cwd=tmp_path)
    git("remote", "add", "origin", str(origin), cwd=client)
    git("push", "-q", "-u", "origin", "HEAD:main", cwd=client)
    text = spec.read_text()
    spec.write_text("\n".join(line for line in text.splitlines() if "4000002" not in line) + "\n")
    assert commit(client, home).returncode != 0  # regenerates: the hook asks for a second commit
    assert commit(client, home).returncode == 0
    pushed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "errgen-diff", "--hook-stage", "pre-push", "--all-files"],
        cwd=client, env={**env, **GIT_ENV}, capture_output=True, text=True, timeout=900,
    )
    assert pushed.returncode != 0, pushed.stdout + pushed.stderr
    assert "breaking[code-removed]" in pushed.stdout and "@{upstream}:specs/pose-estimation.md" in pushed.stdout
