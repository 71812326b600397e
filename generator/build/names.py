"""Model stage, naming step: catalog ids, exception and status class names, generated names.

Every name that generated code or documents use is decided here, from the rules in
generator/naming.py, and clashes are renamed (with a warning) or reported as errors.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePosixPath

from .. import naming
from ..diagnostics import Diagnostic, error, warning
from ..http import status_base_class, status_class_name
from ..model import Catalog, ErrorCode, StatusClass
from .tables import Draft

# Class names a key's exception class must not take: the package's own classes and the
# built-in exceptions a module would shadow (a fixed list, so output is the same everywhere).
_RESERVED_CLASSES = frozenset(
    {"ApiError", "ClientError", "ServerError", "MalformedResponseError", "ResultError"}
    | set(
        """ArithmeticError AssertionError AttributeError BlockingIOError BrokenPipeError
        BufferError ChildProcessError ConnectionAbortedError ConnectionError
        ConnectionRefusedError ConnectionResetError EOFError EnvironmentError FileExistsError
        FileNotFoundError FloatingPointError IOError ImportError IndentationError IndexError
        InterruptedError IsADirectoryError KeyError LookupError MemoryError ModuleNotFoundError
        NameError NotADirectoryError NotImplementedError OSError OverflowError PermissionError
        ProcessLookupError PythonFinalizationError RecursionError ReferenceError RuntimeError
        SyntaxError SystemError TabError TimeoutError TypeError UnboundLocalError
        UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError ValueError
        ZeroDivisionError""".split()
    )
)


def name_catalogs(drafts: list[Draft], diagnostics: list[Diagnostic]) -> list[Catalog]:
    """Catalog ids: snake case of the last crumb, qualified by its parent when two share one."""
    short = [naming.catalog_id(d.title[-1:]) for d in drafts]
    ids: list[str] = []
    for draft, name in zip(drafts, short):
        if short.count(name) > 1 or not name:
            name = naming.catalog_id(draft.title[-2:]) or naming.catalog_id(
                (naming.locale_of(PurePosixPath(draft.source).stem)[0],)
            )
        ids.append(name or "catalog")
    catalogs = []
    seen: dict[str, Draft] = {}
    for draft, catalog_id in zip(drafts, ids):
        if catalog_id in seen:
            first = seen[catalog_id]
            diagnostics.append(
                error(
                    draft.source,
                    draft.line,
                    1,
                    f"catalog id '{catalog_id}' is also the id of the catalog at {first.source}:{first.line}; "
                    "expected breadcrumbs that differ in their last two crumbs",
                )
            )
            continue
        seen[catalog_id] = draft
        catalogs.append(
            Catalog(
                id=catalog_id,
                title=draft.title,
                source=draft.source,
                codes=tuple(draft.codes.values()),
                line=draft.line,
                operations=tuple(draft.operations),
                sources=draft.sources or (draft.source,),
            )
        )
    return catalogs


def with_class_names(catalog: Catalog, diagnostics: list[Diagnostic]) -> Catalog:
    """Decide every code's exception class and HTTP status class; clashes are renamed or errors."""
    reserved = _RESERVED_CLASSES | {catalog.error_class} | set(status_class_name(s) for s in range(100, 600))
    taken: dict[str, ErrorCode] = {}
    codes = []
    for code in catalog.codes:
        if code.success:
            codes.append(code)
            continue
        name = naming.exception_class_name(code.key)
        if name in reserved:
            renamed = naming.renamed_exception_class(catalog.error_class, code.key)
            diagnostics.append(
                warning(
                    code.source or catalog.source,
                    code.line,
                    1,
                    f"class name {name} for key {code.key} would clash with a base or built-in class; "
                    f"generated as {renamed}",
                )
            )
            name = renamed
        other = taken.get(name)
        if other is not None:
            diagnostics.append(
                error(
                    code.source or catalog.source,
                    code.line,
                    1,
                    f"key {code.key} gives class name {name}, as key {other.key} at line {other.line} does; "
                    "expected keys whose class names differ",
                )
            )
            continue
        taken[name] = code
        status = code.http_status
        status_class = status_class_name(status) if status and status_base_class(status) else None
        codes.append(replace(code, class_name=name, status_class=status_class))
    by_code = {code.code: code for code in codes}
    operations = tuple(
        replace(op, codes=tuple(_named_like(c, by_code[c.code]) for c in op.codes if c.code in by_code))
        for op in catalog.operations
    )
    return replace(catalog, codes=tuple(codes), operations=operations)


def _named_like(code: ErrorCode, named: ErrorCode) -> ErrorCode:
    """An operation's own copy of a code (its own description) with the catalog's names."""
    return replace(
        code, class_name=named.class_name, status_class=named.status_class, messages=named.messages
    )


def with_operation_names(catalog: Catalog) -> Catalog:
    """Name every operation (CamelCase of its title), numbered when a title has no ASCII
    words or two titles give the same name, so generated names are unique and stable."""
    taken: set[str] = set()
    operations = []
    for number, operation in enumerate(catalog.operations, start=1):
        name = naming.operation_name(operation.title) or f"Operation{number}"
        if name in taken:
            name = f"{name}{number}"
        taken.add(name)
        operations.append(replace(operation, name=name))
    return replace(catalog, operations=tuple(operations))


def check_component_names(catalogs: list[Catalog], diagnostics: list[Diagnostic]) -> None:
    """Generated schema, example and response names share one namespace in documents that
    hold every catalog (errors.openapi.yaml): two catalogs must not produce the same name."""
    owners: dict[str, tuple[Catalog, int]] = {}
    for catalog in catalogs:
        for name, line in component_names(catalog):
            owner = owners.setdefault(name, (catalog, line))
            if owner[0] is not catalog:
                first, first_line = owner
                diagnostics.append(
                    error(
                        catalog.source,
                        line,
                        1,
                        f"generated name {name} of catalog '{catalog.id}' is also a name of catalog "
                        f"'{first.id}' ({first.source}:{first_line}); expected catalog ids and keys "
                        "whose CamelCase names differ",
                    )
                )


def status_classes(catalogs: list[Catalog]) -> tuple[StatusClass, ...]:
    statuses = sorted({c.http_status for cat in catalogs for c in cat.error_codes if c.status_class and c.http_status})
    return tuple(StatusClass(s, status_class_name(s), status_base_class(s) or "ApiError") for s in statuses)


def package_name(catalogs: list[Catalog]) -> str:
    firsts = {catalog.title[0] for catalog in catalogs}
    return naming.package_name(firsts.pop() if len(firsts) == 1 else "")


def component_names(catalog: Catalog) -> list[tuple[str, int]]:
    """The names a catalog's schemas, examples and responses take in errors.openapi.yaml, each
    with the line it comes from."""
    prefix = catalog.class_prefix
    names = [(prefix + suffix, catalog.line) for suffix in ("ResultCode", "ResultHeader", "ErrorResponse", "Error")]
    names += [(catalog.example_name(code), code.line) for code in catalog.error_codes]
    names += [(catalog.response_name(op), op.line) for op in catalog.operations]
    return names
