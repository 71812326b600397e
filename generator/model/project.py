"""The intermediate model: a few frozen dataclasses, the only thing templates see."""

from __future__ import annotations

from dataclasses import dataclass, field

from .naming import camel_case, example_name, problem_response_name, problem_type, problem_type_prefix, response_name, schema_name
from .placeholders import Placeholder, positional_count


# The response headers that carry a request id, unless [tool.errgen] names others.
REQUEST_ID_HEADERS = ("X-Request-Id", "Request-Id", "X-Correlation-Id", "X-Amzn-RequestId")
# What `enums` in [tool.errgen] can be.
OPEN, CLOSED = "open", "closed"


@dataclass(frozen=True)
class Options:
    """What the model is built with, from the configuration and the command line."""

    package: str | None = None
    version: str = "0.1.0"
    default_locale: str = "en"  # the locale of a spec whose file name has none
    skip_invalid_tables: bool = False  # tables that do not fit become warnings, not errors
    locales: tuple[str, ...] = ()  # file-name suffixes that are locales, besides those siblings share
    skipped: frozenset[str] = frozenset()  # specs whose tables that do not fit are skipped (overrides)


@dataclass(frozen=True)
class ErrorCode:
    """One row of an error table."""

    code: int
    key: str
    message: str
    http_status: int | None
    line: int
    success: bool = False
    class_name: str | None = None  # the exception class; None for a success code
    status_class: str | None = None  # e.g. BadRequest; None when the status has no class
    description: str = ""
    messages: tuple[tuple[str, str], ...] = ()  # (locale, message), default locale first
    extra: tuple[tuple[str, str], ...] = ()  # (column header, cell text) of other columns
    source: str = ""  # the spec file of this row (a catalog's translations are other files)
    key_derived: bool = False  # no key column: the key was derived from the message or code
    retryable: bool | None = None  # the spec's retryable column; None: the default of its status
    # what the docs say of a deprecated code (a deprecated column, or a description that starts
    # by saying so): "Deprecated." and its description, or that description; "" for any other
    deprecation: str = ""
    # the message's placeholders (model/placeholders.py): each once, in order of first appearance
    placeholders: tuple[Placeholder, ...] = ()
    message_col: int = 1  # the column of the message cell, where diagnostics about it point

    @property
    def deprecated(self) -> bool:
        return bool(self.deprecation)

    @property
    def camel_key(self) -> str:
        return camel_case(self.key)

    @property
    def positional_count(self) -> int:
        """How many positional arguments the message's formatter takes ({} and {0}, {1}...)."""
        return positional_count(self.placeholders)

    @property
    def named_placeholders(self) -> tuple[str, ...]:
        """The names of the message's {name} placeholders, in order of first appearance."""
        return tuple(p.name for p in self.placeholders if p.named)

    @property
    def signature(self) -> tuple[int, tuple[str, ...]]:
        """What a formatter of the message takes: positional count, keyword names."""
        return self.positional_count, self.named_placeholders


@dataclass(frozen=True)
class Operation:
    """A group of codes that one API operation documents (pages with several tables)."""

    title: str
    line: int
    codes: tuple[ErrorCode, ...]
    name: str = ""  # CamelCase, unique in its catalog: names the operation's OpenAPI response

    @property
    def error_codes(self) -> tuple[ErrorCode, ...]:
        return tuple(code for code in self.codes if not code.success)


@dataclass(frozen=True)
class Catalog:
    """The error codes of one product, named by the page's breadcrumb heading."""

    id: str
    title: tuple[str, ...]
    source: str
    codes: tuple[ErrorCode, ...]
    line: int = 1
    operations: tuple[Operation, ...] = ()
    sources: tuple[str, ...] = ()  # every file that contributed (translations)

    @property
    def class_prefix(self) -> str:
        return camel_case(self.id)

    @property
    def error_class(self) -> str:
        return self.class_prefix + "Error"

    @property
    def result_code_schema(self) -> str:
        return schema_name(self.class_prefix, "ResultCode")

    @property
    def result_header_schema(self) -> str:
        return schema_name(self.class_prefix, "ResultHeader")

    @property
    def error_response_schema(self) -> str:
        return schema_name(self.class_prefix, "ErrorResponse")

    def example_name(self, code: ErrorCode) -> str:
        """The OpenAPI example name of one code: `GeneralOcrInvalidParameter`."""
        return example_name(self.class_prefix, code.camel_key)

    def response_name(self, operation: Operation | None = None) -> str:
        """The OpenAPI response name of the catalog (`GeneralOcrError`) or of one operation."""
        return response_name(self.class_prefix, operation.name if operation else "")

    @property
    def error_codes(self) -> tuple[ErrorCode, ...]:
        return tuple(code for code in self.codes if not code.success)

    def by_code(self, attribute: str) -> dict[str, object]:
        """One attribute of every code by its code, as a JSON object's names: {"4000001": ...}."""
        return {str(code.code): getattr(code, attribute) for code in self.codes}

    @property
    def formatters(self) -> tuple[tuple[ErrorCode, ...], ...]:
        """The codes grouped by what their messages' formatters take, in order of each
        group's first code: one typed signature per group."""
        groups: dict[tuple[int, tuple[str, ...]], list[ErrorCode]] = {}
        for code in self.codes:
            groups.setdefault(code.signature, []).append(code)
        return tuple(tuple(group) for group in groups.values())

    @property
    def has_placeholders(self) -> bool:
        return any(code.placeholders for code in self.codes)

    @property
    def placeholders_by_code(self) -> dict[str, list[str]]:
        """The placeholder names of every code whose message has some, as JSON object names."""
        return {str(code.code): [p.name for p in code.placeholders] for code in self.codes if code.placeholders}

    @property
    def deprecated_codes(self) -> tuple[ErrorCode, ...]:
        return tuple(code for code in self.codes if code.deprecated)

    @property
    def problem_response(self) -> str:
        """The OpenAPI response name of the catalog's errors as problem details: `GeneralOcrProblem`."""
        return problem_response_name(self.class_prefix)

    @property
    def status_class_names(self) -> tuple[str, ...]:
        """The HTTP status classes this catalog's exception classes derive from, sorted."""
        return tuple(sorted({c.status_class for c in self.error_codes if c.status_class}))

    @property
    def locales(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for code in self.codes:
            for locale, _message in code.messages:
                seen.setdefault(locale, None)
        return tuple(seen)


@dataclass(frozen=True)
class StatusClass:
    """A shared exception class for one HTTP status, e.g. BadRequest(ClientError)."""

    status: int
    name: str
    base: str


@dataclass(frozen=True)
class Project:
    """Everything one run generates from: the package and its catalogs in source order."""

    package: str
    distribution: str
    version: str
    catalogs: tuple[Catalog, ...]
    status_classes: tuple[StatusClass, ...] = field(default=())
    problem_type_base: str = ""  # the start of every problem `type`; empty: the URN
    request_id_headers: tuple[str, ...] = REQUEST_ID_HEADERS
    enums: str = OPEN  # OPEN: response schemas accept codes the catalog does not list; CLOSED: not

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({s for c in self.catalogs for s in (c.sources or (c.source,))}))

    @property
    def problem_type_prefix(self) -> str:
        return self.problem_type_base or problem_type_prefix(self.distribution)

    @property
    def open_enums(self) -> bool:
        return self.enums == OPEN

    @property
    def problem_type_pattern(self) -> str:
        """How a problem type is made, as documentation shows it: `urn:x-errors:{catalog}:{key}`."""
        return problem_type(self.problem_type_prefix, "{catalog}", "{key}")

    def problem_type(self, catalog: Catalog, code: ErrorCode) -> str:
        """The RFC 9457 `type` of a code's problem, as the generated package's to_problem() gives it."""
        return problem_type(self.problem_type_prefix, catalog.id, code.key)
