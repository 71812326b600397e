"""Translations: the files of one catalog in several locales become one draft."""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol, TypeVar

from ..diagnostics import Diagnostic, error, warning
from .tables import Draft
from .placeholders import shown
from .project import ErrorCode


class _Localized(Protocol):
    locale: str


Localized = TypeVar("Localized", bound=_Localized)


def in_merge_order(group: list[Localized], default_locale: str) -> list[Localized]:
    """The default locale's file (else the first) first, then the others by locale: the first
    gives a catalog its title, order, keys, messages and operations."""
    primary = next((d for d in group if d.locale == default_locale), group[0])
    return [primary, *sorted((d for d in group if d is not primary), key=lambda d: d.locale)]


def merge_translations(group: list[Draft], default_locale: str, diagnostics: list[Diagnostic]) -> Draft:
    """One catalog from its files: the default locale's file (else the first) gives the
    order, keys, messages and operations; every file adds its message under its locale.
    Codes missing from a file and documented keys that differ are warnings naming both; a
    message whose placeholders differ from the default locale's is an error in both files."""
    drafts = in_merge_order(group, default_locale)
    primary = drafts[0]
    rows: dict[int, list[tuple[Draft, ErrorCode]]] = {}
    for draft in drafts:
        for code in draft.codes.values():
            rows.setdefault(code.code, []).append((draft, code))
    merged = Draft(
        primary.title,
        primary.source,
        primary.line,
        operations=primary.operations,
        locale=primary.locale,
        sources=tuple(d.source for d in drafts),
    )
    missing: dict[tuple[int, int], list[ErrorCode]] = {}  # (has it, lacks it) -> codes
    for number, found in rows.items():
        first_draft, first = found[0]
        for draft in drafts:
            if all(d is not draft for d, _code in found):
                missing.setdefault((drafts.index(first_draft), drafts.index(draft)), []).append(first)
        for draft, code in found[1:]:
            if code.key != first.key and not code.key_derived and not first.key_derived:
                notice = (
                    f"key {code.key} of code {number} differs from {first.key} in "
                    f"{first.source}:{first.line} ({first_draft.locale}); the {first_draft.locale} key is used"
                )
                diagnostics.append(warning("W302", code.source, code.line, 1, notice))
            if {p.name for p in code.placeholders} != {p.name for p in first.placeholders}:
                diagnostics.extend(_other_placeholders(first_draft.locale, first, draft.locale, code))
        other = merged.keys.get(first.key)
        if other is not None:
            notice = (
                f"key {first.key} of code {number} is also the key of code {other.code} at "
                f"{other.source}:{other.line}; expected each key once per catalog"
            )
            diagnostics.append(error("E207", first.source, first.line, 1, notice))
            continue
        code = replace(first, messages=tuple((d.locale, c.message) for d, c in found))
        merged.codes[number] = code
        merged.keys[code.key] = code
    for (has, lacks), codes in missing.items():
        diagnostics.append(_missing(drafts[has], drafts[lacks], codes))
    return merged


def _missing(has: Draft, lacks: Draft, codes: list[ErrorCode]) -> Diagnostic:
    """One warning for every code one locale's file has and another's lacks, at the first."""
    first = codes[0]
    if len(codes) == 1:
        notice = f"code {first.code} {first.key} is in {has.source} ({has.locale}) but missing from {lacks.source} ({lacks.locale})"
    else:
        shown = ", ".join(f"{c.code} {c.key} (line {c.line})" for c in codes[:3]) + (", ..." if len(codes) > 3 else "")
        notice = f"{len(codes)} codes of {has.source} ({has.locale}) are missing from {lacks.source} ({lacks.locale}): {shown}"
    return warning("W301", first.source, first.line, 1, notice)


def _other_placeholders(locale: str, first: ErrorCode, other_locale: str, other: ErrorCode) -> list[Diagnostic]:
    """Two errors, one at each message, each naming the other (as msgfmt --check-format): a
    translation's message takes the same placeholders as the default locale's, in any order."""
    expected = "expected the same placeholders in every locale (in any order)"

    def at(code: ErrorCode, code_locale: str, against: ErrorCode, against_locale: str) -> Diagnostic:
        notice = (
            f"message of code {code.code} has placeholders {shown(code.placeholders)} ({code_locale}) but "
            f"{against.source}:{against.line}:{against.message_col} ({against_locale}) has {shown(against.placeholders)}; {expected}"
        )
        return error("E304", code.source, code.line, code.message_col, notice)

    return [at(other, other_locale, first, locale), at(first, locale, other, other_locale)]
