"""Diagnostics: problems found in specs, collected as values by every stage and reported together,
each with a stable code (``E…`` errors, ``W…`` warnings) that ``ignore`` selects by."""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Callable
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, positioned at the cell, row or file it concerns (1-based)."""

    path: str
    line: int
    col: int
    severity: Severity
    message: str
    code: str

    def format(self) -> str:
        """One line, whatever the path or message hold: line breaks, bidi and other
        invisible characters are shown as escapes, so no spec can forge or hide a line. The
        code ends the line, as mypy's error codes do."""
        return f"{one_line(self.path)}:{self.line}:{self.col}: {self.severity}: {one_line(self.message)} [{self.code}]"


# Every code errgen reports, and what it means: the README's table of diagnostics lists the same.
# A code keeps its meaning across versions; a retired code is not reused.
CODES = {
    "E001": "the configuration file cannot be read or is not valid TOML",
    "E002": "an option of [tool.errgen] is unknown or has a value it cannot take",
    "E101": "a spec path does not exist, is not a regular file or cannot be read",
    "E102": "a spec folder holds no spec (after include and exclude)",
    "E103": "a spec is empty, too large, binary or not UTF-8",
    "E201": "a page holds no error table",
    "E202": "a column header is a near miss of a column errgen reads",
    "E203": "a table's delimiter row or a row's cells do not match its header",
    "E204": "an error table has no rows",
    "E205": "a cell holds a value its column cannot take (code, key, message, status, flag)",
    "E206": "a code is listed twice in one table with different text",
    "E207": "a key names two codes of one catalog",
    "E208": "nothing to generate: every error table was skipped",
    "E209": "a message mixes automatic {} and numbered {0} placeholders",
    "E210": "a code is beyond the integers a JavaScript number holds exactly (typescript target)",
    "E301": "two specs of one locale define the same catalog",
    "E302": "two catalogs get the same id, generated name or output file",
    "E303": "two keys of a catalog give the same class name",
    "E304": "a translation's message has other placeholders than the default locale's",
    "E401": "the run would break imports of the package the out dir holds",
    "E501": "a template fails or renders what its kind of file cannot hold",
    "E502": "a template writes text from a spec without an escaping filter",
    "E601": "templates copy: a file is in the way, or the folder cannot be written",
    "W201": "a page has no message column: the description is read as the message",
    "W202": "a cell holds markup the page shows otherwise than errgen keeps it",
    "W203": "a table has no key column: keys are derived from codes",
    "W204": "a row repeats an earlier row of its table",
    "W205": "an error table was skipped (skip-invalid-tables)",
    "W206": "a catalog was left out: every error table of it was skipped",
    "W207": "a table has no breadcrumb heading: its catalog is named after the file",
    "W208": "a catalog id is a name Windows reserves, or a class name is renamed to avoid a clash",
    "W209": "a message holds braces that are not a placeholder: they are kept as text",
    "W301": "codes of one locale's spec are missing from another locale's spec",
    "W302": "a translation gives a code another key than the default locale's spec",
    "W401": "the run removes a module or class code may import",
    "W501": "a key or code disagrees across catalogs (errgen lint)",
}


# What a terminal acts on instead of showing: C0 and C1 controls (but tab and line feed), DEL,
# the bidi controls and the line and paragraph separators.
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """Text with every control character a terminal would act on as an escape."""
    return CONTROLS.sub(lambda m: repr(m.group())[1:-1], text)


def one_line(text: str) -> str:
    """Text with every non-printable character (line breaks, controls, bidi, zero-width) escaped."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def error(code: str, path: str, line: int, col: int, message: str) -> Diagnostic:
    return Diagnostic(path, line, col, "error", message, code)


def warning(code: str, path: str, line: int, col: int, message: str) -> Diagnostic:
    return Diagnostic(path, line, col, "warning", message, code)


def code_problem(code: str) -> str | None:
    """What is wrong with a code given to ``ignore``, or None: a warning's code or a prefix of
    some (``W2`` selects every W2xx, as ruff's prefixes do); errors cannot be silenced."""
    if code in CODES and code.startswith("W"):
        return None
    if code.startswith("E") and any(known.startswith(code) for known in CODES):
        return f"'{one_line(code)}' is an error's code; errors cannot be ignored, only warnings (W...)"
    if code and code.startswith("W") and any(known.startswith(code) for known in CODES):
        return None
    return f"unknown code '{one_line(code)}'; expected a warning's code like W203, or a prefix of some like W2"


def kept(diagnostics: list[Diagnostic], ignored: Callable[[str], tuple[str, ...]]) -> list[Diagnostic]:
    """The diagnostics not silenced by the codes ``ignored`` gives for their file (errors
    always stay)."""
    return [d for d in diagnostics if d.severity == "error" or not d.code.startswith(ignored(d.path))]


def has_errors(diagnostics: list[Diagnostic], *, strict: bool = False) -> bool:
    """True when a run must fail: any error, or any warning under ``--strict``."""
    return any(d.severity == "error" or strict for d in diagnostics)


def summary(diagnostics: list[Diagnostic]) -> str:
    """``2 errors (E205: 2), 13 warnings (W202: 10, W203: 3)``: counts by code, as ruff's
    ``--statistics`` gives them."""
    parts = []
    for severity in ("error", "warning"):
        counts: dict[str, int] = {}
        for d in diagnostics:
            if d.severity == severity:
                counts[d.code] = counts.get(d.code, 0) + 1
        by_code = ", ".join(f"{code}: {n}" for code, n in sorted(counts.items()))
        parts.append(_plural(sum(counts.values()), severity) + (f" ({by_code})" if by_code else ""))
    return ", ".join(parts)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def brief(text: str) -> str:
    """Text quoted in a one-line diagnostic: escapes, and at most 60 characters."""
    shown = text if text.isprintable() else text.encode("unicode_escape").decode("ascii")
    return shown if len(shown) <= 60 else shown[:57] + "..."
