"""The cache's records in `.errgen_cache/` beside the configuration: the manifest that proves a
no-op from hashes alone, and the index of what each spec, catalog and render gave."""

from __future__ import annotations

import marshal
import os

from .stamp import MANY, binding, digest, digest_file, key, mac

TYPE_CHECKING = False  # this module is on the no-op path, where typing costs more than the check
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any
    from pathlib import Path

    from ..inputs import Spec

CACHE_DIR = ".errgen_cache"
GITIGNORE = b"# errgen's cache: safe to delete\n*\n"
MANIFEST = "errgen-manifest 3"
INDEX = "errgen-index 2"
CONFIG = "errgen-config 2"


def record_path(root: Path, out_dir: Path, kind: str) -> Path:
    """The record of one kind (`manifest`, `index`) for one out dir, in the project's cache."""
    name = digest(os.path.abspath(out_dir).encode("utf-8", "surrogateescape"))[:16]
    return root / CACHE_DIR / f"{kind}-{name}"


def read_record(path: Path, kind: str) -> dict | None:
    """A record written into this very folder (signed with its binding, so that a cache folder
    committed or copied from elsewhere is never trusted); None for any other file."""
    secret = binding(os.path.dirname(path))
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    head = f"{kind}\n".encode()
    if secret is None or not data.startswith(head) or mac(secret, data[len(head) + 32 :]) != data[len(head) : len(head) + 32]:
        return None
    try:
        record = marshal.loads(data[len(head) + 32 :])
    except (EOFError, ValueError, TypeError):
        return None
    return record if isinstance(record, dict) else None


def encode(data: dict, kind: str, folder: Path) -> bytes:
    """A record's bytes, for the cache folder ``folder`` (which must exist)."""
    secret = binding(os.fspath(folder)) or b""
    body = marshal.dumps(data, 4)
    return f"{kind}\n".encode() + mac(secret, body) + body


def read_config(folder: Path, data: bytes) -> dict | None:
    """The `[tool.errgen]` table of the pyproject.toml in ``folder``, as the cache recorded it
    for these bytes of the file; None when it holds no record of them."""
    record = read_record(folder / CACHE_DIR / "config", CONFIG)
    if record is None or record.get("sha") != digest(data):
        return None
    table = record.get("table")
    return table if isinstance(table, dict) else None


def config_record(data: bytes, table: dict, folder: Path) -> bytes | None:
    """The record read_config reads, or None for a table a record cannot hold (TOML dates)."""
    try:
        return encode({"sha": digest(data), "table": table}, CONFIG, folder)
    except ValueError:
        return None


def spec_digests(specs: list[Spec]) -> list[list[str]]:
    many = len(specs) >= MANY
    return [[spec.path, digest(spec.data, many=many)] for spec in specs]


def run_key(tool: str, options: dict[str, object]) -> str:
    """What every cache entry of a run depends on besides its own inputs."""
    return key(tool, repr(sorted(options.items())))


def unchanged(
    manifest: dict | None,
    run: str,
    specs: list[list[str]],
    out_dir: Path,
    strays: Callable[[], bool],
) -> bool:
    """True when the manifest proves the out dir holds exactly what generate would write now:
    the same run key and spec bytes, every artifact (the record of errgen's files among them)
    with the bytes recorded, and no file left for errgen to remove (``strays``)."""
    if manifest is None or manifest.get("run") != run or manifest.get("specs") != specs:
        return False
    artifacts = manifest.get("artifacts")
    return isinstance(artifacts, dict) and intact(out_dir, artifacts) and not strays()


def intact(out_dir: Path, artifacts: dict[str, str]) -> bool:
    """Whether every file has the SHA-256 recorded for it."""
    many = len(artifacts) >= MANY
    folder = os.fspath(out_dir)
    return all(digest_file(os.path.join(folder, path), many=many) == sha for path, sha in artifacts.items())


class Index:
    """What each spec, catalog and render of the last generate gave, by the key of its inputs
    (see pipeline): a spec's drafts and diagnostics, a catalog's generated names, statuses and
    diagnostics, a render's artifacts. Entries not used by a run are dropped."""

    KINDS = ("specs", "catalogs", "renders")

    def __init__(self, data: dict | None = None) -> None:
        self.kept: dict[str, dict] = {kind: (data or {}).get(kind, {}) for kind in self.KINDS}
        self.used: dict[str, dict] = {kind: {} for kind in self.KINDS}

    def get(self, kind: str, entry: str) -> Any:
        found = self.kept[kind].get(entry)
        if found is not None:
            self.used[kind][entry] = found
        return found

    def put(self, kind: str, entry: str, value: object) -> None:
        self.used[kind][entry] = value

    def encode(self, folder: Path) -> bytes:
        return encode(self.used, INDEX, folder)
