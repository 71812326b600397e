"""Build the model one spec at a time (page -> drafts) and one catalog at a time (drafts -> catalog)."""

from __future__ import annotations

from dataclasses import replace

from ..diagnostics import Diagnostic, error, warning
from ..parse import Page
from . import naming
from .tables import Draft, read_page
from .translations import merge_translations
from .project import Catalog, ErrorCode, Options


def build_spec(page: Page, options: Options, locale: str | None = None) -> tuple[list[Draft], list[Diagnostic]]:
    """The catalog drafts of one page, each in the page's locale (its file name's, see
    naming.spec_locales; else the default), and the page's problems."""
    diagnostics: list[Diagnostic] = []
    drafts = read_page(page, diagnostics, options, naming.page_name(page.path, locale))
    for draft in drafts:
        draft.locale = locale or options.default_locale
    return drafts, diagnostics


def build_catalog(drafts: list[Draft], catalog_id: str, options: Options) -> tuple[Catalog, list[Diagnostic]]:
    """One catalog from its drafts (one per locale): translations merged, every name decided."""
    diagnostics: list[Diagnostic] = []
    merged = merge_translations(drafts, options.default_locale, diagnostics)
    catalog = Catalog(
        id=catalog_id,
        title=merged.title,
        source=merged.source,
        codes=tuple(merged.codes.values()),
        line=merged.line,
        operations=tuple(merged.operations),
        sources=merged.sources or (merged.source,),
    )
    catalog = _with_class_names(catalog, diagnostics)
    return _with_operation_names(catalog), diagnostics


def _with_class_names(catalog: Catalog, diagnostics: list[Diagnostic]) -> Catalog:
    """Decide every code's exception class and HTTP status class; clashes are renamed or errors."""
    taken: dict[str, ErrorCode] = {}
    codes = []
    for code in catalog.codes:
        if code.success:
            codes.append(code)
            continue
        name = naming.exception_class_name(code.key)
        if naming.is_reserved_class(name, catalog.error_class):
            renamed = naming.renamed_exception_class(catalog.error_class, code.key)
            notice = (
                f"class name {name} for key {code.key} would clash with a base or built-in class; "
                f"generated as {renamed}"
            )
            diagnostics.append(warning("W208", code.source or catalog.source, code.line, 1, notice))
            name = renamed
        other = taken.get(name)
        if other is not None:
            notice = (
                f"key {code.key} gives class name {name}, as key {other.key} at line {other.line} does; "
                "expected keys whose class names differ"
            )
            diagnostics.append(error("E303", code.source or catalog.source, code.line, 1, notice))
            continue
        taken[name] = code
        status = code.http_status
        status_class = naming.status_class_name(status) if status and naming.status_base_class(status) else None
        codes.append(replace(code, class_name=name, status_class=status_class))
    by_code = {code.code: code for code in codes}
    operations = tuple(
        replace(op, codes=tuple(_named_like(c, by_code[c.code]) for c in op.codes if c.code in by_code))
        for op in catalog.operations
    )
    return replace(catalog, codes=tuple(codes), operations=operations)


def _named_like(code: ErrorCode, named: ErrorCode) -> ErrorCode:
    """An operation's own copy of a code (its own description) with the catalog's names."""
    return replace(code, class_name=named.class_name, status_class=named.status_class, messages=named.messages)


def _with_operation_names(catalog: Catalog) -> Catalog:
    """Name every operation (CamelCase of its title), numbered when a title has no ASCII
    words or two titles give the same name, so generated names are unique and stable."""
    taken: set[str] = set()
    operations = []
    for number, operation in enumerate(catalog.operations, start=1):
        base = naming.operation_name(operation.title) or f"Operation{number}"
        name, suffix = base, number
        while name in taken:  # a later title may already have the name a numbered one takes
            name, suffix = f"{base}{suffix}", suffix + len(catalog.operations)
        taken.add(name)
        operations.append(replace(operation, name=name))
    return replace(catalog, operations=tuple(operations))


def component_names(catalog: Catalog) -> list[tuple[str, int]]:
    """The names a catalog takes in a document that holds every catalog, with their lines."""
    return naming.component_names(
        catalog.class_prefix,
        catalog.line,
        [(code.camel_key, code.line) for code in catalog.error_codes],
        [(op.name, op.line) for op in catalog.operations],
    )


def nothing_to_generate(path: str) -> Diagnostic:
    return error("E208", path, 1, 1, "nothing to generate: every error table was skipped; expected at least one that fits")


JS_SAFE_INTEGER = 2**53 - 1  # beyond it a JavaScript number is not exact


def beyond_javascript(catalog: Catalog) -> Diagnostic | None:
    """The error for the first code of a catalog a JavaScript number cannot hold exactly, for
    the targets that write one (typescript), or None."""
    code = next((c for c in catalog.codes if abs(c.code) > JS_SAFE_INTEGER), None)
    if code is None:
        return None
    message = (
        f"code {code.code} is beyond the integers a JavaScript number holds exactly (up to {JS_SAFE_INTEGER} either way), "
        "so the typescript target cannot name it; expected a smaller code, or typescript left out of targets"
    )
    return error("E210", code.source or catalog.source, code.line, 1, message)
