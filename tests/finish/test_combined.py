"""errors.openapi.yaml, the document that holds every catalog's (finish.combine): read as data it
is the merge of every catalog document's components, and as bytes its components are each
catalog document's entries of each section, in catalog order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from helpers import FIXTURES, SPECS, configured, generate, run_model, table, write

# Messages that YAML writes quoted or escaped, and text that is not ASCII (byte offsets differ
# from character offsets), so that every catalog's entries are cut where they start and end.
AWKWARD = table(
    (0, "SUCCESS", "yes"),
    (4000001, "QUOTED", '- item: "value" # not a comment'),
    (4000002, "KOREAN", "잘못된 요청입니다 — ümlaut ✓ 😀"),
    (5000001, "ESCAPED", "a\u2028b \\\\ c"),
    heading="## Acme > Ünïcode Tools > Error Code",
)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], Path]:
    """Several catalogs (with operations, translations, other columns, awkward text), generated:
    the catalog ids in project order, and the out dir."""
    root = tmp_path_factory.mktemp("combined")
    shutil.copytree(SPECS, root / "specs")
    for name in ("operations", "translations", "columns", "described"):
        shutil.copytree(FIXTURES / name, root / "specs" / name)
    write(root / "specs/awkward.md", AWKWARD)
    config = configured(root, [root / "specs"])
    model = run_model(config)
    assert model.project is not None, [d.format() for d in model.diagnostics]
    ids = [catalog.id for catalog in model.project.catalogs]
    assert len(ids) == 7
    outcome, _files = generate(config)
    assert outcome.failure is None, outcome.message
    return ids, config.out / "openapi"


def components_block(data: bytes) -> tuple[list[str], dict[str, bytes]]:
    """The sections under `components:` of a YAML document errgen wrote, in order, each with the
    bytes of its entries (the lines under its own line)."""
    lines = data.splitlines(keepends=True)
    start = lines.index(b"components:\n") + 1
    order: list[str] = []
    entries: dict[str, bytes] = {}
    for line in lines[start:]:
        if not line.startswith(b" "):
            break  # the next top-level key
        if not line.startswith(b"   "):  # a section: `  schemas:` (or `  schemas: {}`)
            name, _, rest = line.strip().decode("utf-8").partition(":")
            assert rest in ("", " {}"), line
            order.append(name)
            entries[name] = b""
        else:
            entries[order[-1]] += line
    return order, entries


def test_errors_openapi_reads_as_the_merge_of_every_catalogs_components(project) -> None:
    ids, openapi = project
    merged: dict[str, dict] = {}
    for catalog_id in ids:
        document = yaml.safe_load((openapi / f"{catalog_id}.openapi.yaml").read_bytes())
        for section, entries in document["components"].items():
            merged.setdefault(section, {}).update(entries)
    combined = yaml.safe_load((openapi / "errors.openapi.yaml").read_bytes())["components"]
    assert combined == merged
    assert list(combined) == list(merged)
    for section in merged:
        assert list(combined[section]) == list(merged[section])  # in catalog order


def test_errors_openapi_holds_each_catalogs_entries_byte_for_byte_in_catalog_order(project) -> None:
    ids, openapi = project
    order, combined = components_block((openapi / "errors.openapi.yaml").read_bytes())
    catalogs = [components_block((openapi / f"{catalog_id}.openapi.yaml").read_bytes()) for catalog_id in ids]
    assert set(order) == {name for sections, _entries in catalogs for name in sections}
    for section in order:
        parts = [entries.get(section, b"") for _sections, entries in catalogs]
        assert sum(1 for part in parts if part) > 1, section  # several catalogs have entries
        assert combined[section] == b"".join(parts), section
