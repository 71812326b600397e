"""Diagnostics: problems found in specs, collected as values by every stage and reported together."""

from __future__ import annotations

import re
from dataclasses import dataclass
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

    def format(self) -> str:
        """One line, whatever the path or message hold: line breaks, bidi and other
        invisible characters are shown as escapes, so no spec can forge or hide a line."""
        return f"{one_line(self.path)}:{self.line}:{self.col}: {self.severity}: {one_line(self.message)}"


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


def error(path: str, line: int, col: int, message: str) -> Diagnostic:
    return Diagnostic(path, line, col, "error", message)


def warning(path: str, line: int, col: int, message: str) -> Diagnostic:
    return Diagnostic(path, line, col, "warning", message)


def has_errors(diagnostics: list[Diagnostic], *, strict: bool = False) -> bool:
    """True when a run must fail: any error, or any warning under ``--strict``."""
    return any(d.severity == "error" or strict for d in diagnostics)


def summary(diagnostics: list[Diagnostic]) -> str:
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def brief(text: str) -> str:
    """Text quoted in a one-line diagnostic: escapes, and at most 60 characters."""
    shown = text if text.isprintable() else text.encode("unicode_escape").decode("ascii")
    return shown if len(shown) <= 60 else shown[:57] + "..."
