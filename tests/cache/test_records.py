"""The cache's records in .errgen_cache/ (the manifest of the last generate, the index of what each
spec, catalog and render gave): deleting or damaging them only costs time, check writes none of
them (nor anything else), and the index holds entries for what the last run used, no more.
Records are read and written here as the cache reads and writes them (generator.cache.records),
whatever their format on disk."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cache import records

from helpers import REPO, SPECS, cli_command, cli_env, tree, write

if str(REPO / "bench") not in sys.path:
    sys.path.insert(0, str(REPO / "bench"))
import synth  # noqa: E402  (bench/synth.py: the benchmark's synthetic spec sets)

CACHE = ".errgen_cache"
REMOVED = synth.spec_name(3)  # a synthetic page without a translation
REMOVED_ID = synth.service_name(3).lower().replace(" ", "_")


def project(root: Path) -> Path:
    """The seeds and six synthetic pages (one with a translation, under its own breadcrumb)."""
    shutil.copytree(SPECS, root / "specs")
    synth.write_set(root / "specs/more", 6, 12, translate_every=5)
    return root


def edit(root: Path) -> None:
    spec = root / "specs/pose-estimation.md"
    spec.write_text(spec.read_text(encoding="utf-8").replace("Invalid uuid.", "Invalid UUID."), encoding="utf-8")


FORMATS = {"manifest": records.MANIFEST, "index": records.INDEX}


def record(root: Path, kind: str) -> Path:
    """The one record of this kind (`manifest`, `index`) in root's cache: root/generated's."""
    (path,) = (root / CACHE).glob(f"{kind}-*")
    return path


def read(root: Path, kind: str) -> dict | None:
    return records.read_record(record(root, kind), FORMATS[kind])


def index(root: Path) -> dict:
    data = read(root, "index")
    assert data is not None
    return data


def said(err: str) -> list[str]:
    """What a run said, less its count of files written (which differs by design)."""
    return [line for line in err.splitlines() if " written, " not in line]


def cli(*args: str, cwd: Path) -> tuple[int, str]:
    """The errgen command line in this process, in cwd: its exit code and stderr."""
    import contextlib
    import io

    from generator.cli import main

    stderr = io.StringIO()
    here = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
            code = main(list(args))
    finally:
        os.chdir(here)
    return code, stderr.getvalue()


class Projects:
    """A generated project, restored before each case into the same folder (the cache knows its
    out dir by its path, and trusts only records written into that very cache folder), and
    what a run without any cache says and writes."""

    def __init__(self, base: Path) -> None:
        self.root = project(base / "project")
        assert cli("generate", cwd=self.root)[0] == 0
        self.pristine = base / "pristine"
        shutil.copytree(self.root, self.pristine)
        self.binding = (self.root / CACHE).stat().st_ino
        self.full: dict[bool, tuple[list[str], dict[str, bytes]]] = {}
        for edited in (False, True):
            root = project(base / f"full-{edited}")
            if edited:
                edit(root)
            code, err = cli("generate", cwd=root)
            assert code == 0, err
            self.full[edited] = (said(err), tree(root / "generated"))

    def restored(self) -> Path:
        cache = self.root / CACHE
        for entry in self.root.iterdir():
            if entry != cache:
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
        for entry in self.pristine.iterdir():
            if entry.name != CACHE:
                (shutil.copytree if entry.is_dir() else shutil.copy2)(entry, self.root / entry.name)
        if not cache.is_dir() or cache.stat().st_ino != self.binding:  # a case made the cache anew
            shutil.rmtree(cache, ignore_errors=True)
            assert cli("generate", cwd=self.root)[0] == 0
            shutil.rmtree(self.pristine / CACHE)
            shutil.copytree(cache, self.pristine / CACHE)
            self.binding = cache.stat().st_ino
            return self.root
        for entry in cache.iterdir():
            entry.unlink()
        for entry in (self.pristine / CACHE).iterdir():
            shutil.copy2(entry, cache / entry.name)
        return self.root


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> Projects:
    return Projects(tmp_path_factory.mktemp("records"))


# -- a deleted or damaged cache ---------------------------------------------------------------


def delete(kind: str) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        if kind == "cache":
            shutil.rmtree(root / CACHE)
        else:
            record(root, kind).unlink()

    return damage


def rewrite(kind: str, new: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        path = record(root, kind)
        path.write_bytes(new(path.read_bytes()))

    return damage


def recorded(kind: str, change: Callable[[dict], dict], tag: Callable[[str], str] = lambda tag: tag) -> Callable[[Path], None]:
    """The record read as the cache reads it, changed, and written as the cache writes one."""

    def damage(root: Path) -> None:
        data = read(root, kind)
        assert data is not None
        encoded = records.encode(change(data), tag(FORMATS[kind]), root / CACHE)
        record(root, kind).write_bytes(encoded)

    return damage


def contents(data: dict) -> dict:
    return {name: value for name, value in data.items() if name != "format"}


def another_format(tag: str) -> str:
    """The tag of another version of the record: its name with the number after it changed."""
    name, _, number = tag.rpartition(" ")
    return f"{name} {int(number) + 1}"


DAMAGE: dict[str, Callable[[Path], None]] = {
    "the cache deleted": delete("cache"),
    "the manifest deleted": delete("manifest"),
    "the index deleted": delete("index"),
    "the manifest truncated": rewrite("manifest", lambda data: data[: len(data) // 2]),
    "the index truncated": rewrite("index", lambda data: data[: len(data) // 2]),
    "the manifest emptied": rewrite("manifest", lambda data: b""),
    "the index emptied": rewrite("index", lambda data: b""),
    "the manifest of another format": recorded("manifest", contents, another_format),
    "the index of another format": recorded("index", contents, another_format),
    "the manifest of errgen 0.1": rewrite("manifest", lambda data: b'{"format": "errgen-manifest 1", "tool": '),
    "the manifest garbage": rewrite("manifest", lambda data: bytes(range(256)) * 4),
    "the index garbage": rewrite("index", lambda data: bytes(range(256)) * 4),
    "the manifest not an object": rewrite("manifest", lambda data: b"[1, 2, 3]\n"),
    "the index not an object": rewrite("index", lambda data: b'"index"\n'),
}


@pytest.mark.parametrize("edited", [False, True], ids=["no edit", "a spec edited"])
@pytest.mark.parametrize("damage", DAMAGE)
def test_a_deleted_or_damaged_cache_only_costs_time(damage: str, edited: bool, projects: Projects, errgen) -> None:
    root = projects.restored()
    DAMAGE[damage](root)
    if edited:
        edit(root)
    expected_said, expected_files = projects.full[edited]
    result = errgen("check", cwd=root)  # check trusts nothing it cannot prove either
    assert result.code == (1 if edited else 0), result.err
    result = errgen("generate", cwd=root)
    assert (result.code, said(result.err)) == (0, expected_said)
    assert tree(root / "generated") == expected_files
    # and the records are whole again (the index is left alone by a no-op the manifest proves):
    # the next run is a no-op that says so
    assert read(root, "manifest") is not None
    if edited:
        assert read(root, "index") is not None
    again = errgen("generate", cwd=root)
    assert again.code == 0 and f"0 written, 0 removed, {len(expected_files)} unchanged" in again.err


# -- check writes nothing ---------------------------------------------------------------------


def everything(root: Path) -> dict[str, tuple[str, bytes | None, int]]:
    """Every file and folder under root, hidden ones too, with its bytes and mtime."""
    found = {}
    for path in sorted(root.rglob("*")):
        stat = path.lstat()
        found[path.relative_to(root).as_posix()] = (
            ("dir", None, 0) if path.is_dir() else ("file", path.read_bytes(), stat.st_mtime_ns)
        )
    return found


def test_check_writes_nothing_at_all(tmp_path: Path, errgen) -> None:
    root = project(tmp_path / "project")
    before = everything(root)
    result = errgen("check", cwd=root)  # nothing generated yet, no cache
    assert result.code == 1 and "would be created" in result.err
    assert everything(root) == before  # no out dir, no cache folder

    assert errgen("generate", cwd=root).code == 0
    before = everything(root)
    assert errgen("check", cwd=root).code == 0  # the no-op
    assert everything(root) == before

    edit(root)
    write(root / "specs/widget.md", "## Acme > Widget > Error Code\n\n| code | message |\n|---|---|\n| 1 | One. |\n")
    (root / "specs/pose-estimation.md").rename(root / "specs/pose.md")
    (root / "generated/jsonschema/general_ocr.schema.json").unlink()
    write(root / "generated/python/ai_service_errors/old.py", "# Generated by errgen from specs/old.md.\n")
    before = everything(root)
    temp = tmp_path / "temp"  # where check stages what it compares
    temp.mkdir()
    result = subprocess.run(
        cli_command("check"), cwd=root, env=cli_env(TMPDIR=str(temp)), capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1 and "errgen: " in result.stderr and "would change" in result.stderr
    assert everything(root) == before  # the out dir and the cache as they were, mtimes kept
    assert not [p.name for p in temp.iterdir() if p.name.startswith("errgen-")]  # nothing staged is left

    shutil.rmtree(root / CACHE)
    before = everything(root)
    assert errgen("check", cwd=root).code == 1
    assert everything(root) == before


# -- the index holds what the last run used ---------------------------------------------------


def assert_index_matches(root: Path, specs: int, catalogs: int) -> dict:
    data = index(root)
    assert len(data["specs"]) == specs
    assert len(data["catalogs"]) == catalogs
    assert len(data["renders"]) == catalogs + 1  # each catalog's files, and the project-wide ones
    return data


def test_the_index_drops_entries_for_specs_no_longer_read(tmp_path: Path, errgen) -> None:
    root = project(tmp_path)
    specs = len(list((root / "specs").rglob("*.md")))
    assert specs == 2 + 6 + 1
    assert errgen("generate", cwd=root).code == 0
    assert_index_matches(root, specs, catalogs=specs)  # synth's translation has a breadcrumb of its own
    assert REMOVED_ID in repr(index(root))

    edit(root)  # a spec's bytes change: its old entries go, its new ones come
    assert errgen("generate", cwd=root).code == 0
    assert_index_matches(root, specs, catalogs=specs)

    (root / f"specs/more/{REMOVED}.md").unlink()
    (root / "specs/general-ocr.md").rename(root / "specs/ocr.md")
    assert errgen("generate", cwd=root).code == 0
    assert_index_matches(root, specs - 1, catalogs=specs - 1)
    assert REMOVED_ID not in repr(index(root))

    before = record(root, "index").read_bytes()
    assert errgen("check", cwd=root).code == 0
    (root / "specs/pose-estimation.md").unlink()
    assert errgen("check", cwd=root).code == 1  # check leaves the index as the last generate wrote it
    assert record(root, "index").read_bytes() == before
    assert errgen("generate", cwd=root).code == 0
    assert_index_matches(root, specs - 2, catalogs=specs - 2)


# -- a cache from elsewhere ---------------------------------------------------------------------


def test_a_cache_copied_or_committed_from_elsewhere_is_never_trusted(tmp_path: Path, errgen) -> None:
    """A manifest that vouches for a doctored file (as one committed to a repository could) is
    believed only in the cache folder it was written in: a clone or a copy checks for itself."""
    here = project(tmp_path / "here")
    assert errgen("generate", cwd=here).code == 0
    (doctored,) = (here / "generated/python").glob("*/general_ocr.py")
    doctored.write_text(doctored.read_text(encoding="utf-8").replace("Invalid parameter.", "Anything."), encoding="utf-8")
    manifest = read(here, "manifest")
    assert manifest is not None
    manifest["artifacts"][doctored.relative_to(here / "generated").as_posix()] = records.digest(doctored.read_bytes())
    record(here, "manifest").write_bytes(records.encode(manifest, records.MANIFEST, here / CACHE))
    assert errgen("check", cwd=here).code == 0  # where it was written, the record is believed
    there = tmp_path / "there"
    shutil.copytree(here, there)
    assert read(there, "manifest") is None
    result = errgen("check", cwd=there)
    assert result.code == 1
    assert f"{doctored.relative_to(here).as_posix()} is out of date" in result.err
