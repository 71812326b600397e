"""Naming rules, all in one place: headings to catalog ids, keys to class names, and back.

Every name that appears in generated output is decided here (or from here) before rendering.
"""

from __future__ import annotations

import functools
import keyword
import re

# Trailing breadcrumb crumbs that name the kind of page, not the product.
ERROR_CODE_HEADINGS = frozenset(
    {"error code", "error codes", "오류 코드", "에러 코드", "エラーコード", "エラー コード"}
    # pages that call their codes result codes (SMS: `Notification > SMS > 결과 코드`)
    | {"result code", "result codes", "결과 코드"}
)
_API_GUIDE_HEADING = re.compile(r"^api\s+v?\d+(\.\d+)*\s+(guide|가이드|ガイド)$", re.IGNORECASE)

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z]|[0-9]|\b|_)|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")
_IDENTIFIER_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z0-9]+|[A-Z]+[0-9]*")
_KEY = re.compile(r"[A-Z][A-Z0-9_]*")
_MESSAGE_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_PARENTHESISED = re.compile(r"([^()]+?)\s*[(（]([^()（）]+)[)）]")


def normalize_header(text: str) -> str:
    """Header cells match without regard to case, spaces and underscores."""
    return re.sub(r"[\s_]+", "", text).casefold()


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


def catalog_id(crumbs: tuple[str, ...]) -> str:
    """Snake case of the crumbs joined; a valid, non-keyword Python module name."""
    name = "_".join(part for part in (snake_case(crumb) for crumb in crumbs) if part)
    if not name:
        return ""
    if name[0].isdigit():
        name = "catalog_" + name
    return name + "_" if keyword.iskeyword(name) else name


def package_name(first_crumb: str) -> str:
    """`AI Service` -> `ai_service_errors`."""
    base = snake_case(first_crumb)
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


def locale_of(stem: str) -> tuple[str, str | None]:
    """`general-ocr.ko` -> (`general-ocr`, `ko`); a stem without a locale suffix -> (stem, None)."""
    match = re.fullmatch(r"(.+)\.([a-z]{2}(?:[-_][A-Za-z]{2,4})?)", stem)
    if match:
        return match.group(1), match.group(2)
    return stem, None
