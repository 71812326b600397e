"""The generated package passes `ruff check` (ruff's default rules, isort and a sorted
``__all__``) and `black --check`, run as a user runs them: on the repo's package, on a set of
specs that takes every branch of the built-in templates, and on every corpus page.

Ruff runs with ``--isolated`` (no configuration of the user's or of this repo counts) from the
out dir's python folder, the package's own layout, where isort takes the package for
first-party, and again from elsewhere, where it would not: the package imports its own modules
relatively, so the verdict is the same. Black runs with the generated pyproject.toml as its
configuration (line length 88, py311), as the package's users would."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import CORPUS, FIXTURES, GENERATED, configured, generate, generated_corpus_page, table, write

RULES = "E4,E7,E9,F,I,RUF022"  # ruff's defaults (E4, E7, E9, F), isort, and a sorted __all__


def ruff(paths: list[Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache", "--select", RULES, "--output-format", "concise"]
    return subprocess.run([*command, *map(str, paths)], cwd=cwd, capture_output=True, text=True, timeout=300)


def assert_clean(python_dirs: list[Path], elsewhere: Path) -> None:
    """Every python folder (an out dir's `python/`: the package and its pyproject.toml) as ruff
    and black leave it."""
    for python_dir in python_dirs:
        own = ruff([Path(".")], python_dir)
        assert own.returncode == 0, f"ruff from {python_dir}:\n{own.stdout}{own.stderr}"
    away = ruff(python_dirs, elsewhere)
    assert away.returncode == 0, f"ruff from {elsewhere}:\n{away.stdout}{away.stderr}"
    command = [sys.executable, "-m", "black", "--check", "--config", str(python_dirs[0] / "pyproject.toml"), *map(str, python_dirs)]
    formatted = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert formatted.returncode == 0, formatted.stderr
    modules = sum(1 for python_dir in python_dirs for _module in python_dir.rglob("*.py"))
    assert f"{modules} files would be left unchanged" in formatted.stderr


def test_the_repos_package_is_clean(tmp_path: Path) -> None:
    assert_clean([GENERATED / "python"], tmp_path)


# A page for the branches the fixtures leave out: a retryable column (true, false and empty), a
# message too long for `default_message`'s line, a code with no HTTP status (no status class),
# keys whose numbers sort as numbers, and a second catalog.
BRANCHES = f"""## Acme > Branches > Error Code

| resultCode | resultKey | resultMessage | retryable |
|---|---|---|---|
| 0 | SUCCESS | OK | |
| 4000002 | ERROR_2 | Second. | |
| 4000010 | ERROR_10 | Tenth. | false |
| 4290001 | SLOW_DOWN | Slow down. | false |
| 5030001 | NOT_NOW | Not now. | true |
| -1 | NEGATIVE | A code with no HTTP status. | |
| 4000003 | LONG_MESSAGE | {"A message long enough that black puts it on a line of its own. " * 2} | |

{table((4000001, "INVALID", "Invalid."), heading="## Acme > Second Catalog > Error Code")}"""

# Each branch of the built-in Python templates, as it shows in the generated modules.
BRANCH_MARKS = {
    "a deprecated member": '    """Deprecated."""\n',
    "a deprecated class": "    deprecated: ClassVar[bool] = True\n",
    "a catalog with deprecated codes": "_DEPRECATED: Final[frozenset[int]] = frozenset(\n",
    "a catalog without": "_DEPRECATED: Final[frozenset[int]] = frozenset()\n",
    "retryable true": "    retryable: ClassVar[bool] = True\n    default_message",
    "retryable false": "    retryable: ClassVar[bool] = False\n",
    "a wrapped message": "    default_message: ClassVar[str] = (\n",
    "a class with a status class": "Error(BranchesError, BadRequest):\n",
    "a class without": "class NegativeError(BranchesError):\n",
    "a translated message": '                "ko": ',
}


def fixture_sets(root: Path) -> list[list[Path]]:
    """Sets of specs that generate together (Acme > Widget is in two fixture folders)."""
    shutil.copytree(FIXTURES, root / "fixtures", ignore=shutil.ignore_patterns("bad"))
    folders = ["columns", "deprecated", "described", "html-heading", "lint", "operations", "unfit"]
    write(root / "branches/branches.md", BRANCHES)
    return [[root / "fixtures" / f for f in folders] + [root / "branches"], [root / "fixtures/translations"]]


def test_fixtures_taking_every_template_branch_are_clean(tmp_path: Path) -> None:
    outs = []
    for number, specs in enumerate(fixture_sets(tmp_path / "inputs")):
        out = tmp_path / f"out{number}"
        outcome, _files = generate(configured(tmp_path / "inputs", specs, out=out), skip_invalid_tables=True)
        assert outcome.failure is None, [d.format() for d in outcome.diagnostics] + [outcome.message]
        outs.append(out / "python")
    text = "".join(p.read_text(encoding="utf-8") for out in outs for p in sorted(out.rglob("*.py")))
    missing = [name for name, mark in BRANCH_MARKS.items() if mark not in text]
    assert not missing, f"no generated module takes the branches: {missing}"
    assert_clean(outs, tmp_path)


def corpus_pages() -> list[str]:
    return sorted(p.name for p in CORPUS.glob("*.md") if p.name != "README.md") if CORPUS.is_dir() else []


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus (real vendor pages) is not beside the repo")
def test_every_corpus_page_is_clean(tmp_path: Path) -> None:
    outs = []
    for name in corpus_pages():
        outcome, files = generated_corpus_page(name)
        if outcome.failure is not None:
            continue  # nothing to generate (tests/model says why)
        for path, data in files.items():
            if path.startswith("python/"):
                target = tmp_path / name / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        outs.append(tmp_path / name / "python")
    assert len(outs) >= len(corpus_pages()) // 2
    assert_clean(outs, tmp_path)
