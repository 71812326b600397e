"""Python in black's style, with black run only on the statements where it has a choice."""

from __future__ import annotations

import ast
import gc
import re

from .statements import format_statements

LINE_LENGTH = 88  # black's default, which generated code uses
_STRING = r'"[^"\\]*"'
_UNSPLITTABLE = re.compile(
    "|".join(
        (
            rf"\s+(?:-?\d+|{_STRING}|\w+): {_STRING},",  # an item of an exploded dict
            rf"\s+(?:{_STRING}|\w+),",  # an item of an exploded list or import
            rf"\s+{_STRING}",  # a string alone in the parentheses of a wrapped assignment
            r"\s*# .*",  # a comment
        )
    )
)
# A one-line docstring (quotes escaped, as filters.py_text writes them): black changes the
# ends of a docstring only, and not these ones: no space, quote or backslash at either end.
_DOCSTRING = re.compile(r'\s*"""(?![\s"])(?:[^"\\]|\\.)*(?<![\s"\\])"""')
# ``name = "text"``: black wraps the string in parentheses only when that makes it fit;
# ``name: Type = "text"``: whenever the line is too wide.
_ASSIGNMENT = re.compile(rf"(\s*)\w+(: [\w\[\]., |]+)? = ({_STRING})")


def format_python(source: str, *, black_style: bool = False) -> str:
    """``source`` as black formats it. ``black_style``: the source was written in black's layout
    (errgen's own templates write double quotes, magic trailing commas wherever a value can
    lengthen a collection, and black's wrapping of a long message), so black can only change a
    line that a value made wider than 88 columns, or one with a backslash escape outside a
    docstring it leaves alone: only those lines' top-level statements go through black. Line
    shapes black never splits are left as they are at any width. A user's template may write
    any layout: it goes to black a statement at a time, each shape once (see statements)."""
    if not black_style:
        return format_statements(source, run_black)
    lines = source.splitlines(keepends=True)
    if "\\" not in source and source.isascii() and max(map(len, lines), default=0) <= LINE_LENGTH + 1:
        return source  # no line that black could change
    if not any(map(_needs_black, lines)):
        return source
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return run_black(source)  # black says what is wrong
    out: list[str] = []
    done = 0  # lines of ``lines`` already in out
    for node in tree.body:
        first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", ()))]) - 1
        last = node.end_lineno or node.lineno
        statement = lines[first:last]
        if any(map(_needs_black, statement)):
            out.extend(lines[done:first])
            out.append(run_black("".join(statement)))
            done = last
    out.extend(lines[done:])
    return "".join(out)


def _needs_black(line: str) -> bool:
    line = line.rstrip("\n")
    if "\\" not in line and _width_at_most(line) <= LINE_LENGTH:
        return False
    if _DOCSTRING.fullmatch(line):
        return False
    if "\\" in line:
        return True
    if _width_at_most(line) <= LINE_LENGTH or _UNSPLITTABLE.fullmatch(line):
        return False
    if line.isascii() and _ASSIGNMENT.fullmatch(line):
        return wrapped_by_black(line)
    return True


def wrapped_by_black(line: str) -> bool:
    """Whether black puts the string of a whole-line ASCII ``name = "text"`` in parentheses on
    a line of its own: when the line is too wide and that makes the string fit (for an
    annotated ``name: Type = "text"``, whenever the line is too wide). Templates ask this (a
    Jinja test) to write that layout themselves."""
    assignment = _ASSIGNMENT.fullmatch(line)
    if assignment is None or not line.isascii() or len(line) <= LINE_LENGTH:
        return False
    indent, annotation, string = assignment.groups()
    return annotation is not None or len(indent) + 4 + len(string) <= LINE_LENGTH


def _width_at_most(line: str) -> int:
    """At least black's width of the line: black counts two columns for a wide character,
    one or none for other non-ASCII ones; here every non-ASCII character counts two."""
    if line.isascii():
        return len(line)
    return len(line) + sum(1 for char in line if not char.isascii())


def run_black(source: str) -> str:
    import black

    mode = black.Mode(target_versions={black.TargetVersion.PY311})  # keep stamp.BLACK_OPTIONS in step
    # black builds a syntax tree full of reference cycles; collecting while it is alive only
    # rescans it (a third of black's time), so collect once afterwards instead.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return black.format_str(source, mode=mode)
    finally:
        if enabled:
            gc.enable()
