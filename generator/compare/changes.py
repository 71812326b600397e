"""Two models of the docs compared: every change a rule names (see rules), in the order of the
new docs (removals at their old place)."""

from __future__ import annotations

from collections.abc import Callable

from ..diagnostics import brief
from ..model.project import Catalog, ErrorCode, Project
from .rules import Finding

Where = Callable[[str], tuple["str | None", str]]  # an old spec path -> (ref, path as shown)


def changes(old: Project, new: Project, old_where: Where) -> list[Finding]:
    """What changed from ``old`` to ``new``; ``old_where`` places a path of the old docs."""
    found: list[Finding] = []

    def gone(rule: str, message: str, path: str, line: int, catalog: str, code: int | None = None, key: str = "") -> None:
        ref, shown = old_where(path)
        found.append(Finding(rule, message, shown, line, ref=ref, catalog=catalog, code=code, key=key))

    if old.package != new.package:
        first = new.catalogs[0] if new.catalogs else None
        message = f"package renamed from {old.package} to {new.package}"
        found.append(Finding("package-renamed", message, first.source if first else "", first.line if first else 1))
    pairs, removed, added = _pair(old.catalogs, new.catalogs)
    for catalog in removed:
        gone("catalog-removed", f"catalog {catalog.id} ('{' > '.join(catalog.title)}') removed, with its {len(catalog.codes)} codes", catalog.source, catalog.line, catalog=catalog.id)
    for before, after in pairs:
        if before.id != after.id:
            message = f"catalog renamed from {before.id} to {after.id} (module {old.package}.{before.id} is now {new.package}.{after.id})"
            found.append(Finding("catalog-renamed", message, after.source, after.line, catalog=after.id))
        found += _codes(before, after, gone)
        found += _operations(before, after, gone)
    for catalog in added:
        message = f"catalog {catalog.id} ('{' > '.join(catalog.title)}') added, with {len(catalog.codes)} codes"
        found.append(Finding("catalog-added", message, catalog.source, catalog.line, catalog=catalog.id))
    return found


def _pair(old: tuple[Catalog, ...], new: tuple[Catalog, ...]) -> tuple[list[tuple[Catalog, Catalog]], list[Catalog], list[Catalog]]:
    """Catalogs matched by id, else by title, else by the spec file they come from (a catalog
    renamed by a new breadcrumb); the old ones left are removed, the new ones added."""
    pairs: list[tuple[Catalog, Catalog]] = []
    left = list(new)
    unmatched = []
    for catalog in old:
        match = next((c for c in left if c.id == catalog.id), None)
        if match is None:
            unmatched.append(catalog)
            continue
        left.remove(match)
        pairs.append((catalog, match))
    removed = []
    for catalog in unmatched:
        match = next((c for c in left if c.title == catalog.title), None) or next((c for c in left if c.source == catalog.source), None)
        if match is None:
            removed.append(catalog)
            continue
        left.remove(match)
        pairs.append((catalog, match))
    pairs.sort(key=lambda pair: new.index(pair[1]))
    return pairs, removed, left


def _codes(before: Catalog, after: Catalog, gone: Callable[..., None]) -> list[Finding]:
    found: list[Finding] = []
    old_codes = {c.code: c for c in before.codes}
    new_codes = {c.code: c for c in after.codes}
    old_keys = {c.key: c for c in before.codes}
    new_keys = {c.key: c for c in after.codes}
    for code in before.codes:
        if code.code not in new_codes:
            moved = new_keys.get(code.key)
            if moved is None and code.deprecated:
                message = f"code {code.code} {code.key}, deprecated, removed from catalog {after.id}"
                gone("deprecated-code-removed", message, code.source or before.source, code.line, catalog=after.id, code=code.code, key=code.key)
            elif moved is None:
                gone("code-removed", f"code {code.code} {code.key} removed from catalog {after.id}", code.source or before.source, code.line, catalog=after.id, code=code.code, key=code.key)
    for code in after.codes:
        place = (code.source or after.source, code.line)
        previous = old_codes.get(code.code)
        if previous is None:
            earlier = old_keys.get(code.key)
            if earlier is not None:
                message = f"key {code.key} moved from code {earlier.code} to code {code.code} in catalog {after.id}"
                found.append(Finding("key-moved", message, *place, catalog=after.id, code=code.code, key=code.key))
            else:
                found.append(Finding("code-added", f"code {code.code} {code.key} added to catalog {after.id}", *place, catalog=after.id, code=code.code, key=code.key))
            continue
        found += _code(previous, code, after.id, place, old_keys)
    return found


def _code(before: ErrorCode, after: ErrorCode, catalog: str, place: tuple[str, int], old_keys: dict[str, ErrorCode]) -> list[Finding]:
    found: list[Finding] = []
    number = after.code

    def finding(rule: str, message: str) -> None:
        found.append(Finding(rule, message, *place, catalog=catalog, code=number, key=after.key))

    if before.key != after.key and after.key in old_keys:
        message = f"key {after.key} moved from code {old_keys[after.key].code} to code {number} (which was {before.key}) in catalog {catalog}"
        finding("key-moved", message)
    elif before.key != after.key:
        finding("key-renamed", f"code {number}: key renamed from {before.key} to {after.key}")
    elif before.class_name != after.class_name and before.class_name and after.class_name:
        message = f"code {number} {after.key}: exception class renamed from {before.class_name} to {after.class_name}"
        finding("class-renamed", message)
    if before.success != after.success:
        what = "a success" if after.success else "an error"
        finding("success-changed", f"code {number} {after.key} is now {what} (was {'a success' if before.success else 'an error'})")
    elif (before.http_status, before.status_class) != (after.http_status, after.status_class):
        message = f"code {number} {after.key}: HTTP status {_status(before)} is now {_status(after)}"
        finding("status-changed", message)
    if before.deprecated != after.deprecated:
        finding("code-deprecated" if after.deprecated else "code-undeprecated", f"code {number} {after.key} is {'now' if after.deprecated else 'no longer'} deprecated")
    if before.message != after.message:
        message = f"code {number} {after.key}: message '{brief(before.message)}' is now '{brief(after.message)}'"
        finding("message-changed", message)
    old_names = [p.name for p in before.placeholders]
    new_names = [p.name for p in after.placeholders]
    added = [name for name in new_names if name not in old_names]
    removed = [name for name in old_names if name not in new_names]
    if added:
        finding("placeholder-added", f"code {number} {after.key}: message takes {_placeholders(added)} more ({_placeholders(new_names)} now)")
    if removed:
        finding("placeholder-removed", f"code {number} {after.key}: message no longer takes {_placeholders(removed)} ({_placeholders(new_names) or 'none'} now)")
    old_texts, new_texts = dict(before.messages), dict(after.messages)
    default = after.messages[0][0] if after.messages else ""
    for locale in sorted(old_texts.keys() | new_texts.keys()):
        if locale == default and before.messages and before.messages[0][0] == default:
            continue  # the message itself: message-changed
        old_text, new_text = old_texts.get(locale), new_texts.get(locale)
        if old_text == new_text:
            continue
        if old_text is None:
            finding("translation-added", f"code {number} {after.key}: message in {locale} added")
        elif new_text is None:
            finding("translation-removed", f"code {number} {after.key}: message in {locale} removed")
        else:
            message = f"code {number} {after.key}: message in {locale} '{brief(old_text)}' is now '{brief(new_text)}'"
            finding("translation-changed", message)
    return found


def _operations(before: Catalog, after: Catalog, gone: Callable[..., None]) -> list[Finding]:
    found: list[Finding] = []
    old_names = {op.name: op for op in before.operations}
    new_names = {op.name for op in after.operations}
    for operation in before.operations:
        if operation.name not in new_names:
            gone("operation-removed", f"operation {operation.name} ('{operation.title}') removed from catalog {after.id}", before.source, operation.line, catalog=after.id)
    for operation in after.operations:
        if operation.name not in old_names:
            message = f"operation {operation.name} ('{operation.title}') added to catalog {after.id}"
            found.append(Finding("operation-added", message, after.source, operation.line, catalog=after.id))
    return found


def _status(code: ErrorCode) -> str:
    if code.http_status is None:
        return "none"
    return f"{code.http_status} ({code.status_class})" if code.status_class else str(code.http_status)


def _placeholders(names: list[str]) -> str:
    return ", ".join("{" + name + "}" for name in names)
