"""Colour on a terminal: severity words, summaries and diffs in ANSI styles, when the stream and the environment allow."""

from __future__ import annotations

import os
from typing import TextIO

RESET = "\x1b[0m"
BOLD_RED, BOLD_YELLOW, BOLD_GREEN, BOLD = "\x1b[1;31m", "\x1b[1;33m", "\x1b[1;32m", "\x1b[1m"
RED, GREEN, CYAN = "\x1b[31m", "\x1b[32m", "\x1b[36m"
SEVERITY = {"error": BOLD_RED, "warning": BOLD_YELLOW}


def enabled(stream: TextIO) -> bool:
    """Whether to colour what goes to ``stream``: NO_COLOR (no-color.org) set to anything wins,
    then FORCE_COLOR (force-color.org), then a terminal that is not TERM=dumb; an empty value is
    unset, as both conventions say. CPython's own colouring and pytest decide in this order."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no stream, or a closed one
        return False


def paint(text: str, style: str, on: bool) -> str:
    return f"{style}{text}{RESET}" if on and text else text


def severity(line: str, prefix: str, word: str, on: bool) -> str:
    """A diagnostic line whose severity ``word`` follows ``prefix`` (`path:line:col: `), with
    that word coloured; a line of another shape is left as it is."""
    if not on or word not in SEVERITY or not line.startswith(prefix + word):
        return line
    return prefix + paint(word, SEVERITY[word], on) + line[len(prefix) + len(word) :]


def summary(text: str, errors: int, warnings: int, on: bool) -> str:
    """The summary line's counts: red with errors, yellow with warnings only, green with neither."""
    style = BOLD_RED if errors else BOLD_YELLOW if warnings else BOLD_GREEN
    return paint(text, style, on)


def diff(text: str, on: bool) -> str:
    """A unified diff coloured as git colours one: file names bold, hunk heads cyan, removed
    lines red, added lines green."""
    if not on:
        return text
    lines = []
    for line in text.splitlines(keepends=True):
        body, end = (line[:-1], "\n") if line.endswith("\n") else (line, "")
        if line.startswith(("--- ", "+++ ")):
            body = paint(body, BOLD, on)
        elif line.startswith("@@"):
            body = paint(body, CYAN, on)
        elif line.startswith("-"):
            body = paint(body, RED, on)
        elif line.startswith("+"):
            body = paint(body, GREEN, on)
        lines.append(body + end)
    return "".join(lines)
