"""Every naming rule: catalog ids, class, module and package names, component names, problem types."""

from __future__ import annotations

import functools
import keyword
import re
from collections import Counter

# Trailing breadcrumb crumbs that name the kind of page, not the product.
ERROR_CODE_HEADINGS = frozenset(
    {"error code", "error codes", "오류 코드", "에러 코드", "エラーコード", "エラー コード"}
    # pages that call their codes result codes (SMS: `Notification > SMS > 결과 코드`)
    | {"result code", "result codes", "결과 코드"}
)
_API_GUIDE_HEADING = re.compile(r"^api\s+v?\d+(\.\d+)*\s+(guide|가이드|ガイド)$", re.IGNORECASE)

# Class names follow google-api-core's exceptions where it has one and the RFC 7231 reason phrase
# otherwise; a fixed table (http.HTTPStatus's phrases change between Python versions).
STATUS_CLASS_NAMES: dict[int, str] = {
    400: "BadRequest", 401: "Unauthorized", 402: "PaymentRequired", 403: "Forbidden",
    404: "NotFound", 405: "MethodNotAllowed", 406: "NotAcceptable",
    407: "ProxyAuthenticationRequired", 408: "RequestTimeout", 409: "Conflict", 410: "Gone",
    411: "LengthRequired", 412: "PreconditionFailed", 413: "RequestEntityTooLarge",
    414: "RequestUriTooLong", 415: "UnsupportedMediaType", 416: "RequestRangeNotSatisfiable",
    417: "ExpectationFailed", 418: "ImATeapot", 421: "MisdirectedRequest",
    422: "UnprocessableEntity", 423: "Locked", 424: "FailedDependency", 425: "TooEarly",
    426: "UpgradeRequired", 428: "PreconditionRequired", 429: "TooManyRequests",
    431: "RequestHeaderFieldsTooLarge", 451: "UnavailableForLegalReasons", 499: "Cancelled",
    500: "InternalServerError", 501: "MethodNotImplemented", 502: "BadGateway",
    503: "ServiceUnavailable", 504: "GatewayTimeout", 505: "HttpVersionNotSupported",
    506: "VariantAlsoNegotiates", 507: "InsufficientStorage", 508: "LoopDetected",
    510: "NotExtended", 511: "NetworkAuthenticationRequired",
}
# The status classes every package defines: 400-429 and 500-504 as google-api-core has them
# (every named 4xx up to 429, and 499 Cancelled), whether or not a spec uses them.
STANDARD_STATUSES = tuple(s for s in STATUS_CLASS_NAMES if 400 <= s <= 429 or s == 499 or 500 <= s <= 504)
_STATUS_CLASSES = frozenset(STATUS_CLASS_NAMES.get(s, f"HttpStatus{s}") for s in range(100, 600))
# The package's own classes and the built-in exceptions a module would shadow (a fixed list, so
# output is the same everywhere).
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

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z]|[0-9]|\b|_)|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")
_IDENTIFIER_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z0-9]+|[A-Z]+[0-9]*")
_KEY = re.compile(r"[A-Z][A-Z0-9_]*")
_MESSAGE_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_PARENTHESISED = re.compile(r"([^()]+?)\s*[(（]([^()（）]+)[)）]")


def normalize_header(text: str) -> str:
    """Header cells match without regard to case and separators (spaces, `_`, `-`, `.`)."""
    return re.sub(r"[\s_\-.]+", "", text).casefold()


def header_names(text: str) -> tuple[str, ...]:
    """The names a header cell answers to, normalised: the whole text, and for a header that
    gives a second name in parentheses (`결과 코드(resultCode)`) each of the two names."""
    names = [normalize_header(text)]
    match = _PARENTHESISED.fullmatch(text.strip())
    if match:
        names += [normalize_header(match.group(1)), normalize_header(match.group(2))]
    return tuple(name for name in names if name)


def is_error_code_heading(crumb: str) -> bool:
    return " ".join(crumb.split()).casefold() in ERROR_CODE_HEADINGS


def is_page_kind_crumb(crumb: str) -> bool:
    """Error-code headings and API guide headings (`API v2.0 Guide`, `API v1.1 가이드`)."""
    return is_error_code_heading(crumb) or bool(_API_GUIDE_HEADING.match(" ".join(crumb.split())))


def words(text: str) -> list[str]:
    """ASCII words of a title or identifier: `General OCR` -> [General, OCR]."""
    found: list[str] = []
    for chunk in re.split(r"[^A-Za-z0-9]+", text):
        found.extend(_WORD.findall(chunk))
    return found


# Templates ask for the same names many times over (every example and $ref names its catalog).
@functools.cache
def snake_case(text: str) -> str:
    """`General OCR` -> `general_ocr`, `Pose Estimation` -> `pose_estimation`."""
    return "_".join(word.lower() for word in words(text))


@functools.cache
def camel_case(text: str) -> str:
    """`general_ocr` or `General OCR` -> `GeneralOcr`; `INVALID_PARAMETER` -> `InvalidParameter`."""
    return "".join(word.capitalize() for word in words(text.replace("_", " ")))


def catalog_ids(heads: list[tuple[tuple[str, ...], str, str]]) -> list[str]:
    """The id of each (title, source, locale) catalog: snake case of its last crumb, qualified by
    the parent crumb when two catalogs share one, else by the file name; `catalog` as a last resort."""
    short = [catalog_id(title[-1:]) for title, _source, _locale in heads]
    counts = Counter(short)
    ids = []
    for (title, source, locale), name in zip(heads, short):
        if counts[name] > 1 or not name:
            name = catalog_id(title[-2:]) or catalog_id((page_name(source, locale),))
        ids.append(name or "catalog")
    return ids


# File names Windows reserves whatever their extension (`con.py` cannot be checked out there).
WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))})


def windows_safe(catalog_id: str) -> str:
    """A catalog id that Windows reserves as a file name, renamed (`con` -> `con_`, as keywords are)."""
    return catalog_id + "_" if catalog_id in WINDOWS_RESERVED else catalog_id


def catalog_id(crumbs: tuple[str, ...]) -> str:
    """Snake case of the crumbs joined; a valid, non-keyword Python module name."""
    name = "_".join(part for part in (snake_case(crumb) for crumb in crumbs) if part)
    if not name:
        return ""
    if name[0].isdigit():
        name = "catalog_" + name
    return name + "_" if keyword.iskeyword(name) else name


def package_name(titles: list[tuple[str, ...]]) -> str:
    """`AI Service` as every catalog's first crumb -> `ai_service_errors`; `api_errors` when they differ."""
    firsts = {title[0] for title in titles}
    base = snake_case(firsts.pop() if len(firsts) == 1 else "")
    if base and base[0].isdigit():
        base = "pkg_" + base
    return (base or "api") + "_errors"


def distribution_name(package: str) -> str:
    return package.replace("_", "-")


def is_key(key: str) -> bool:
    return _KEY.fullmatch(key) is not None and key.isascii()


def exception_class_name(key: str) -> str:
    """`INVALID_PARAMETER` -> `InvalidParameterError`; keys already ending in Error keep it."""
    name = camel_case(key)
    return name if name.endswith("Error") else name + "Error"


def renamed_exception_class(catalog_class: str, key: str) -> str:
    """The documented rename for a key whose class name clashes: prefix the catalog."""
    return catalog_class.removesuffix("Error") + exception_class_name(key)


def is_reserved_class(name: str, catalog_class: str) -> bool:
    """A class name a key's exception class must not take: the package's own classes, the
    catalog's base, the status classes and the built-in exceptions a module would shadow."""
    return name in _RESERVED_CLASSES or name == catalog_class or name in _STATUS_CLASSES


def status_class_name(status: int) -> str:
    """google-api-core's name for an HTTP status where it has one, else the RFC 7231 phrase."""
    return STATUS_CLASS_NAMES.get(status, f"HttpStatus{status}")


def status_base_class(status: int) -> str | None:
    """`ClientError` for 4xx, `ServerError` for 5xx; no exception base for other statuses."""
    if 400 <= status <= 499:
        return "ClientError"
    if 500 <= status <= 599:
        return "ServerError"
    return None


def schema_name(class_prefix: str, kind: str) -> str:
    """`GeneralOcr` + `ResultCode`: the name of one of a catalog's schemas."""
    return class_prefix + kind


def example_name(class_prefix: str, camel_key: str) -> str:
    """The OpenAPI example name of one code: `GeneralOcrInvalidParameter`."""
    return class_prefix + camel_key


def response_name(class_prefix: str, operation_name: str = "") -> str:
    """The OpenAPI response name of a catalog (`GeneralOcrError`) or of one of its operations."""
    return class_prefix + operation_name + "Error"


def component_names(
    class_prefix: str, line: int, codes: list[tuple[str, int]], operations: list[tuple[str, int]]
) -> list[tuple[str, int]]:
    """The names a catalog's schemas, examples and responses take in a document that holds every
    catalog, each with its line: ``codes`` are the (camel key, line) of its error codes,
    ``operations`` the (name, line) of its operations."""
    names = [(schema_name(class_prefix, kind), line) for kind in ("ResultCode", "ResultHeader", "ErrorResponse")]
    names += [(response_name(class_prefix), line), (problem_response_name(class_prefix), line)]
    names += [(example_name(class_prefix, key), key_line) for key, key_line in codes]
    names += [(response_name(class_prefix, name), op_line) for name, op_line in operations]
    return names


def component_ref(section: str, name: str) -> str:
    """The JSON reference to a component of the same document: `#/components/schemas/X`."""
    return f"#/components/{section}/{name}"


def problem_type_prefix(distribution: str) -> str:
    """The start of every problem `type` URN (URN namespaces hold no underscores)."""
    return "urn:" + distribution


def problem_type(prefix: str, catalog_id: str, key: str) -> str:
    """A problem `type`: `urn:ai-service-errors:general_ocr:INVALID_PARAMETER`; below an http(s)
    base, `https://docs.example.com/errors/general_ocr/INVALID_PARAMETER`; or a base that places
    them, `https://docs.example.com/{catalog}#{key}` (the rule the generated _base.py applies)."""
    if "{catalog}" in prefix or "{key}" in prefix:
        return prefix.replace("{catalog}", catalog_id).replace("{key}", key)
    if prefix.startswith("urn:"):
        return ":".join([prefix, catalog_id, key])
    return prefix.rstrip("/") + "/" + catalog_id + "/" + key


# The schema every catalog's problem details refer to, one per OpenAPI document.
PROBLEM_SCHEMA = "Problem"


def problem_response_name(class_prefix: str) -> str:
    """The OpenAPI response of a catalog's errors as RFC 9457 problem details: `GeneralOcrProblem`."""
    return class_prefix + "Problem"


def key_from_message(message: str) -> str | None:
    """An identifier-like message as a key: `DuplicatedGroupID` -> `DUPLICATED_GROUP_ID`."""
    if not _MESSAGE_IDENTIFIER.fullmatch(message):
        return None
    return "_".join(word.upper() for word in _IDENTIFIER_WORD.findall(message))


def fallback_key(code: int) -> str:
    return f"CODE_{code}" if code >= 0 else f"CODE_MINUS_{-code}"


def operation_name(title: str) -> str:
    """An operation title as the CamelCase part of a generated name: `Create Groups` ->
    `CreateGroups`; empty for a title without ASCII words (the caller numbers those)."""
    name = camel_case(title)
    return name if not name[:1].isdigit() else "Op" + name


def spec_locales(paths: list[str], known: tuple[str, ...]) -> list[str | None]:
    """The locale of each spec, from its file name: the suffix of `general-ocr.ko.md` is a
    locale when the project names it (``known``) or when another file of the run has the same
    name in the same folder (`general-ocr.md`, `general-ocr.en.md`); `sdk.js.md` alone is a
    page named `sdk.js`."""
    names = []
    for path in paths:
        folder, _, file_name = path.rpartition("/")
        base, suffix = locale_of(file_name.rsplit(".", 1)[0] if "." in file_name else file_name)
        names.append((folder, base, suffix))
    counts = Counter((folder, base) for folder, base, _suffix in names)
    return [suffix if suffix is not None and (suffix in known or counts[folder, base] > 1) else None for folder, base, suffix in names]


def page_name(path: str, locale: str | None) -> str:
    """A spec's file name without its `.md` and its locale suffix: what names a catalog that
    has no breadcrumb."""
    stem = path.rpartition("/")[2]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    return stem.removesuffix(f".{locale}") if locale else stem


def locale_of(stem: str) -> tuple[str, str | None]:
    """`general-ocr.ko` -> (`general-ocr`, `ko`); a stem without a locale suffix -> (stem, None)."""
    match = re.fullmatch(r"(.+)\.([a-z]{2}(?:[-_][A-Za-z]{2,4})?)", stem)
    if match:
        return match.group(1), match.group(2)
    return stem, None


def near_name(text: str, names: list[str]) -> str | None:
    """The name ``text`` is a typo of: one edit away (two for names of nine letters or more),
    where an edit is a letter added, dropped, changed or two letters swapped; else None."""
    best: tuple[int, str] | None = None
    for name in names:
        allowed = 2 if len(name) >= 9 else 1
        if abs(len(text) - len(name)) > allowed or text == name:
            continue
        distance = _edits(text, name)
        if distance <= allowed and (best is None or distance < best[0]):
            best = (distance, name)
    return best[1] if best else None


def _edits(a: str, b: str) -> int:
    """Optimal string alignment distance (Damerau-Levenshtein without repeated edits)."""
    rows = [list(range(len(b) + 1))]
    for i, x in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]
