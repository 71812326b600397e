"""The short path for a few changed specs: only they are parsed, built, rendered and written.

After every generate, errgen records beside the manifest a summary of each catalog: its id,
title, sources, HTTP status classes and the component names it takes in errors.openapi.yaml.
When later only some specs' bytes differ from the manifest, each the only source of one
catalog, and every artifact is still as recorded, those specs are read alone. When each
gives one catalog with the id, title, sources and status classes it had, and component names
no other catalog takes, then nothing that another catalog or the project-wide Python reads
has changed: the changed catalogs' own artifacts are rendered, errors.openapi.yaml gets
their parts (the entries of each components section, which that file holds catalog by
catalog, as each catalog's own document does) replaced by the new ones, and every other
file stays as it is. Anything else (specs added, removed or renamed, a changed title, id or
status class, a name clash, translations, errors, the user's own templates) takes the full
path, which reports and decides it as always. Tests hold the result to a full run's bytes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Catalog, Project
    from .pipeline import Generation, Loaded
    from .render import Artifact

FORMAT = "errgen-catalogs 2"
# The built-in templates this path knows: per-catalog ones, the project-wide ones that read
# only what it checks is unchanged, and the one whose parts it replaces.
PER_CATALOG = {
    "jsonschema/{catalog}.schema.json.j2",
    "openapi/{catalog}.openapi.yaml.j2",
    "python/{package}/{catalog}.py.j2",
}
UNCHANGED = {
    "python/pyproject.toml.j2",
    "python/{package}/__init__.py.j2",
    "python/{package}/_base.py.j2",
    "python/{package}/py.typed.j2",
}
COMBINED = "openapi/errors.openapi.yaml"
SECTIONS = ("schemas", "examples", "responses")
# Beyond this share of the specs changed, the full path (on every core) is as quick.
MOST = 0.25


def summary(project: Project, specs: list[tuple[str, str]], tool: str) -> dict[str, Any]:
    """What the short path needs to know of every catalog, for the cache."""
    return {
        "format": FORMAT,
        "tool": tool,
        "specs": [list(spec) for spec in specs],
        "package": project.package,
        "distribution": project.distribution,
        "status_classes": [[s.status, s.name, s.base] for s in project.status_classes],
        "catalogs": [_entry(catalog) for catalog in project.catalogs],
    }


def _entry(catalog: Catalog) -> dict[str, Any]:
    from .build.names import component_names

    return {
        "id": catalog.id,
        "title": list(catalog.title),
        "sources": list(catalog.sources or (catalog.source,)),
        "status_classes": list(catalog.status_class_names),
        # one string, not a list: the summary of a thousand catalogs reads and writes faster
        "names": " ".join(sorted(name for name, _line in component_names(catalog))),
    }


def read_summary(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT else None


def try_update(generation: Generation, *, strict: bool = False) -> tuple[Loaded, list[Artifact] | None, dict[str, Any]] | None:
    """The short path's result (as Generation.produce gives it, and the new summary), or
    None when it does not apply and the full path must run."""
    try:
        return _update(generation, strict)
    except _FullPath:
        return None


class _FullPath(Exception):
    """This change is not one the short path can prove it makes as the full path would."""


def _require(condition: object) -> None:
    if not condition:
        raise _FullPath


def _update(generation: Generation, strict: bool) -> tuple[Loaded, list[Artifact] | None, dict[str, Any]]:
    from .pipeline import Loaded, load
    from .stamp import intact

    previous, tool = generation.previous, generation.tool
    _require(not generation.problems and not generation.template_dirs and previous is not None)
    assert previous is not None
    _require(previous.tool == tool and previous.options == generation.options)
    recorded = read_summary(generation.summary_file)
    _require(recorded is not None and recorded["tool"] == tool)
    assert recorded is not None
    _require([tuple(spec) for spec in recorded["specs"]] == previous.specs)
    digests = generation.spec_digests()
    _require([path for path, _ in digests] == [path for path, _ in previous.specs])
    changed = [spec for spec, now, before in zip(generation.specs, digests, previous.specs) if now != before]
    _require(changed and len(changed) <= max(1, MOST * len(digests)))

    by_source = _catalogs_by_source(recorded["catalogs"])
    _require(all(spec.path in by_source for spec in changed))
    ids = {by_source[spec.path]["id"] for spec in changed}
    wanted = {COMBINED} | {_own_document(i) for i in ids}
    found = intact(generation.out_dir, previous, wanted)
    _require(found is not None and found.keys() == wanted)
    assert found is not None
    try:
        texts = {path: data.decode("utf-8") for path, data in found.items()}
    except UnicodeDecodeError:
        raise _FullPath from None

    loaded = load(
        generation.config,
        skip_invalid_tables=generation.skip_invalid_tables,
        specs=changed,
        io_problems=[],
    )
    _require(loaded.project is not None and not loaded.io_error)
    assert loaded.project is not None
    now = [_entry(catalog) for catalog in loaded.project.catalogs]
    _require(len(now) == len(changed) and {e["sources"][0] for e in now} == {s.path for s in changed})
    taken = {name for entry in recorded["catalogs"] if entry["id"] not in ids for name in entry["names"].split()}
    fixed = ("id", "title", "sources", "status_classes")
    for entry in now:
        old = by_source[entry["sources"][0]]
        _require([entry[k] for k in fixed] == [old[k] for k in fixed] and taken.isdisjoint(entry["names"].split()))

    warnings = [w for w in previous.diagnostics() if w.path not in {spec.path for spec in changed}]
    diagnostics = sorted(warnings + loaded.diagnostics)
    if strict and diagnostics:
        return Loaded(None, diagnostics), None, recorded

    made = _render(_project(loaded.project, recorded), generation)
    _require(made.keys() <= previous.artifacts.keys())  # nothing new: the same files as before
    made[COMBINED] = _replace_parts(
        texts[COMBINED],
        [(texts[_own_document(i)], made[_own_document(i)].text) for i in sorted(ids)],
    )
    generation.kept = {path: pair for path, pair in previous.artifacts.items() if path not in made}
    generation.on_disk = texts

    new = dict(recorded)
    new["specs"] = [list(spec) for spec in digests]
    replaced = {entry["id"]: entry for entry in now}
    new["catalogs"] = [replaced.get(entry["id"], entry) for entry in recorded["catalogs"]]
    return Loaded(None, diagnostics), sorted(made.values(), key=lambda a: a.path), new


def _catalogs_by_source(catalogs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Catalogs by their one spec file; a file behind several catalogs, or one among a
    catalog's translations, is in none."""
    found: dict[str, dict[str, Any] | None] = {}
    for entry in catalogs:
        for source in entry["sources"]:
            found[source] = None if source in found or len(entry["sources"]) > 1 else entry
    return {source: entry for source, entry in found.items() if entry is not None}


def _project(alone: Project, recorded: dict[str, Any]) -> Project:
    """The changed catalogs in a project whose other fields are the whole project's, so that
    their templates see, and their stamps record, what a full run's would."""
    from dataclasses import replace

    from .model import StatusClass

    statuses = tuple(StatusClass(status, name, base) for status, name, base in recorded["status_classes"])
    return replace(alone, package=recorded["package"], distribution=recorded["distribution"], status_classes=statuses)


def _render(project: Project, generation: Generation) -> dict[str, Artifact]:
    from .inputs import BUILTIN_TEMPLATES
    from .render import render

    templates = {
        path.relative_to(BUILTIN_TEMPLATES).as_posix()
        for path in BUILTIN_TEMPLATES.rglob("*.j2")
    }
    _require(templates == PER_CATALOG | UNCHANGED | {COMBINED + ".j2"})
    made = render(project, tool=generation.tool, project_wide=False)
    return {artifact.path: artifact for artifact in made}


def _own_document(catalog_id: str) -> str:
    return f"openapi/{catalog_id}.openapi.yaml"


def _replace_parts(text: str, documents: list[tuple[str, str]]) -> Artifact:
    """errors.openapi.yaml with the entries of some catalogs replaced: each of its components
    sections holds every catalog's entries, one catalog after another, exactly as that
    catalog's own document (old, new) has them."""
    from .render import Artifact

    heads = [text.find(f"\n  {section}:\n") for section in SECTIONS]
    _require(-1 not in heads and heads == sorted(heads))
    bounds = list(zip(heads, [head + 1 for head in heads[1:]] + [len(text)]))  # each to the next head's line break
    edits = []  # (start, end, new entries)
    for old, new in documents:
        for section, (low, high) in zip(SECTIONS, bounds):
            before, after = _entries(old, section), _entries(new, section)
            start = text.find(before, low, high) if before and after else -1
            _require(start >= 0 and text.find(before, start + 1, high) < 0)
            edits.append((start, start + len(before), after))
    edits.sort()
    pieces, done = [], 0
    for start, end, after in edits:
        _require(start >= done)
        pieces += [text[done:start], after]
        done = end
    pieces.append(text[done:])
    return Artifact(COMBINED, "".join(pieces), "")  # its stamp would need every catalog: none


def _entries(document: str, section: str) -> str:
    """The lines of one ``components`` section's entries in a catalog's document, from the
    line break before the first to the one after the last ("" when the section is empty)."""
    head = f"\n  {section}:\n"
    start = document.find(head)
    if start < 0:
        return ""
    start += len(head) - 1
    end = start
    while True:
        following = document.find("\n", end + 1)
        if following < 0 or not document.startswith("    ", end + 1):
            break
        end = following
    return document[start : end + 1]
