"""Black on a user's Python a top-level statement at a time; a shape black left alone once is not formatted again."""

from __future__ import annotations

import ast
import keyword
import re
from collections.abc import Callable
from typing import NamedTuple

LINE_LENGTH = 88  # black's default, which generated code uses
# What black lays out module-wide rather than statement by statement: a module that holds any
# of these goes to black whole (fmt:/yapf: regions, line endings, form feeds, continuations).
_WHOLE_MODULE = ("fmt:", "yapf:", "\r", "\f", "\\\n")
# A string or a comment, whole; a prefix is one only when no name runs into it.
_LITERAL = re.compile(
    r"""(?:(?<![\w])[rRbBuUfFtT]{1,2})?(?:\"\"\"(?:[^"\\]|\\[\s\S]|"(?!""))*\"\"\"|'''(?:[^'\\]|\\[\s\S]|'(?!''))*'''"""
    r"""|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|\#[^\n]*"""
)
# What a literal stands as in a line: a plain "string" (no prefix, no backslash), a one-line
# """string""" without a backslash, any other string, a comment; and the mark of a line that
# starts inside a string spanning lines.
_PLAIN, _TRIPLE, _OTHER, _COMMENT, _INSIDE = "\x03", "\x06", "\x04", "\x02", "\x05"
_SENTINEL = re.compile("[\x02\x03\x04\x06]")
_PUNCTUATION = re.compile(r"[,()\[\]{}]")
_NAME = re.compile(rf"\b(?!(?:{'|'.join(sorted({*keyword.kwlist, *keyword.softkwlist, 'type'}))})\b)[^\W\d]\w*")
_NUMBER = re.compile(r"(?<![\w.])\d+(?![\w.])")
_OPENS = {")": "(", "]": "[", "}": "{"}
_RUN = "\x00"  # ends the second of a run of equal items or statements, which stands for the rest
_KEPT = 4096  # shapes, statements and gaps remembered per process
_STABLE: set[str] = set()  # shapes of statements black left as they were
_FORMATTED: dict[str, str] = {}
_GAPS: dict[str, str] = {}


class _Bracket:
    __slots__ = ("char", "commas", "subscript", "magic", "items", "item_set", "closing")

    def __init__(self, char: str, subscript: bool) -> None:
        self.char, self.commas, self.subscript, self.magic = char, 0, subscript, False
        self.items: list[int] = []  # lines that start right after its opening or a comma of it
        self.item_set: set[int] = set()
        self.closing = -1  # the line it closes on


class _Unread(Exception):
    """A module this reading does not follow: black formats it whole."""


def format_statements(source: str, black: Callable[[str], str]) -> str:
    """``source`` as ``black`` formats the whole module, with black run only on statements
    whose shape it has not yet left alone. Black lays a statement out by itself; only the
    blank lines and comments between top-level statements depend on their neighbours, and
    those black decides from the kinds of the lines around them, so it formats them between
    stand-ins of a few lines (a class or a def by its header and its last statement, a
    simple statement by a line of its kind)."""
    if any(text in source for text in _WHOLE_MODULE):
        return black(source)
    try:
        tree = ast.parse(source)
        lines = [line + "\n" for line in source.split("\n")]
        if source.endswith("\n"):
            lines.pop()
        spans = _spans(tree.body)
        statements = ["".join(lines[first - 1 : last]) for first, last in spans]
        formatted = [_formatted(statement, black) for statement in statements]
        stand_ins = [_stand_in(node, lines) for node in tree.body]
        between = ["".join(lines[end : start - 1]) for (_s, end), (start, _e) in zip([(0, 0), *spans], [*spans, (len(lines) + 1, 0)])]
        out = [_between(between[0], "", stand_ins[0], black)]
        for index, text in enumerate(formatted):
            out.append(text)
            after = stand_ins[index + 1] if index + 1 < len(stand_ins) else ""
            out.append(_between(between[index + 1], stand_ins[index], after, black))
    except (SyntaxError, ValueError, _Unread):  # ValueError: black's InvalidInput, told at its place in the module
        return black(source)
    return "".join(out)


def _spans(body: list[ast.stmt]) -> list[tuple[int, int]]:
    """The lines (first, last) of each top-level statement, its decorators included."""
    if not body:
        raise _Unread
    spans: list[tuple[int, int]] = []
    for index, node in enumerate(body):
        if index and _is_string(node):  # standalone, black would take it for a module docstring
            raise _Unread
        first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", ()))])
        if spans and first <= spans[-1][1]:  # two statements on one line
            raise _Unread
        spans.append((first, node.end_lineno or node.lineno))
    return spans


def _formatted(statement: str, black: Callable[[str], str]) -> str:
    key, sample = shape(statement)
    if key in _STABLE:
        return statement
    if sample != statement and shape(sample).key == key and black(sample) == sample:
        _remember(_STABLE, key)
        return statement
    found = _FORMATTED.get(statement)
    if found is None:
        found = black(statement)
        if found == statement:
            _remember(_STABLE, key)
        else:
            _remember(_FORMATTED, statement, found)
    return found


def _between(text: str, before: str, after: str, black: Callable[[str], str]) -> str:
    """The blank lines and comments ``text`` between two statements (or before the first,
    or after the last) become, as black writes them between their stand-ins."""
    if not text.strip() and not (before and after):
        return ""  # black drops blank lines at either end of a module
    window = before + text + after
    found = _GAPS.get(window)
    if found is None:
        out = black(window)
        body = ast.parse(out).body
        if len(body) != bool(before) + bool(after):
            raise _Unread
        lines = out.splitlines(keepends=True)
        start = body[0].end_lineno if before else 0
        end = min([body[-1].lineno, *(d.lineno for d in getattr(body[-1], "decorator_list", ()))]) - 1 if after else len(lines)
        found = "".join(lines[start or 0 : end])
        _remember(_GAPS, window, found)
    return found


def _stand_in(node: ast.stmt, lines: list[str]) -> str:
    """A statement of a few lines that black's blank lines around it treat as ``node``: the
    kinds of its first line and of its last one, and the definitions that last line is in."""
    indent = lines[node.lineno - 1][: node.col_offset]
    first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", ()))])
    verbatim = "".join(lines[first - 1 : node.end_lineno])
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        body = node.body
        if lines[body[0].lineno - 1][: body[0].col_offset].strip():  # the body on the header's line
            return verbatim
        header = {ast.ClassDef: "class C:", ast.FunctionDef: "def f():", ast.AsyncFunctionDef: "async def f():"}[type(node)]
        inner = _stand_in(body[-1], lines)
        if len(body) > 1 and _is_string(body[-1]):  # not the docstring it would be alone
            inner = lines[body[-1].lineno - 1][: body[-1].col_offset] + "x = 0\n" + inner
        return f"{indent}@d\n" * len(node.decorator_list) + f"{indent}{header}\n{inner}"
    if hasattr(node, "body") or _is_string(node):
        return verbatim
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return f"{indent}import x\n"
    stand_in = {ast.Raise: "raise", ast.Return: "return", ast.Pass: "pass", ast.Break: "break", ast.Continue: "continue"}.get(type(node), "x = 0")
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and node.value.value is Ellipsis:
        stand_in = "..."
    return f"{indent}{stand_in}\n"


def _is_string(node: ast.stmt) -> bool:
    return isinstance(node, ast.Expr) and (isinstance(node.value, ast.JoinedStr) or (isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)))


def _remember(store: set[str] | dict[str, str], key: str, value: str = "") -> None:
    if len(store) >= _KEPT:
        store.clear()
    if isinstance(store, set):
        store.add(key)
    else:
        store[key] = value


class Shape(NamedTuple):
    key: str
    sample: str  # the statement with an item of each shape its collections hold, not every one


def shape(statement: str) -> Shape:
    """What black's layout of one top-level statement depends on, as a key. Black decides by
    the kinds of tokens, not by which name, decimal number or plain string it meets, and by
    widths only where it holds them against the line length. Such a token stands as its kind:
    in a line that black writes as it is at any width up to 88 (a whole statement on one line,
    a line of a collection with a magic trailing comma that starts an item) by its kind alone,
    in other lines by its kind and width. Runs of equal items of such a collection, and of
    equal one-line statements, stand as two and a mark: black lays each out by itself. A
    statement this does not read is its own key."""
    literals: list[str] = []
    blanked = _LITERAL.sub(lambda match: _literal(match.group(), literals), statement)
    if "\\" in blanked:
        return Shape("=" + statement, statement)
    lines, originals = blanked.split("\n"), statement.split("\n")
    stack: list[_Bracket] = []
    brackets: list[_Bracket] = []
    starts: list[_Bracket | None] = []  # the innermost bracket open where each line starts
    ends: list[_Bracket | None] = []  # and where it ends
    previous = ""  # the last character of code before this line
    for number, line in enumerate(lines):
        starts.append(stack[-1] if stack else None)
        code = line.split(_COMMENT, 1)[0].rstrip()
        for match in _PUNCTUATION.finditer(code):
            char = match.group()
            if char == ",":
                if stack:
                    stack[-1].commas += 1
                continue
            before = code[: match.start()].rstrip()[-1:] or previous
            if char in "([{":
                subscript = char == "[" and (before.isalnum() or before in ")]_" + _PLAIN + _TRIPLE + _OTHER)
                stack.append(_Bracket(char, subscript))
                brackets.append(stack[-1])
                continue
            if not stack or stack[-1].char != _OPENS[char]:
                return Shape("=" + statement, statement)
            bracket = stack.pop()
            bracket.closing = number
            # black's magic trailing comma: not of a one-tuple, one argument or a subscript
            bracket.magic = before == "," and (char == "}" or (char == "]" and not bracket.subscript) or (char == ")" and bracket.commas >= 2))
        ends.append(stack[-1] if stack else None)
        if code[-1:] in (",", "(", "[", "{") and stack:
            stack[-1].items.append(number + 1)
        previous = code[-1:] or previous
    if stack:
        return Shape("=" + statement, statement)
    for bracket in brackets:
        bracket.item_set = set(bracket.items)
    keyed: list[str | None] = []
    dropped = [False] * len(lines)
    taken = 0  # the literals of the lines before
    for number, (line, original) in enumerate(zip(lines, originals)):
        count = len(_SENTINEL.findall(line))
        keyed.append(_key_line(line, original, literals[taken : taken + count], starts[number], ends[number], number))
        taken += count
    for bracket in sorted(brackets, key=lambda b: b.closing - (b.items[0] if b.items else b.closing)):  # inner ones first
        items = [n for n in bracket.items if n < bracket.closing]
        if bracket.magic and items and not any(_COMMENT in line for line in lines[items[0] : bracket.closing]):
            _distinct(keyed, dropped, [*items, bracket.closing], 2 if bracket.char == "(" else 1)
    _collapse(keyed, dropped, [n for n, line in enumerate(keyed) if starts[n] is None and line is not None] + [len(keyed)])
    key = "\n".join(line for line in keyed if line is not None)
    return Shape(key, "\n".join(line for line, gone in zip(originals, dropped) if not gone) if any(dropped) else statement)


def _literal(text: str, literals: list[str]) -> str:
    literals.append(text)
    if text[0] == "#":
        return _COMMENT
    if "\n" in text:
        return _OTHER + ("\n" + _INSIDE) * text.count("\n")
    if text[0] != '"' or (text.startswith('"""') and "\\" in text):
        return _OTHER
    if text.startswith('"""'):
        return _TRIPLE
    return _PLAIN if "\\" not in text or _black_keeps(text) else _OTHER


def _black_keeps(string: str) -> bool:
    """Whether black leaves a one-line double-quoted string with escapes as it is."""
    from black.strings import normalize_string_quotes, normalize_unicode_escape_sequences
    from blib2to3.pgen2 import token  # type: ignore[import-untyped]
    from blib2to3.pytree import Leaf  # type: ignore[import-untyped]

    leaf = Leaf(token.STRING, string)
    normalize_unicode_escape_sequences(leaf)
    return leaf.value == string and normalize_string_quotes(string) == string


def _key_line(line: str, original: str, literals: list[str], start: _Bracket | None, end: _Bracket | None, number: int) -> str:
    """One line of a shape: "F" and the line by kinds alone, "W" and the line by kinds and
    widths, or "=" and the line itself."""
    if _INSIDE in line:
        return "=" + original
    code = line.split(_COMMENT, 1)[0].strip()
    if start is None and end is None and code in (_PLAIN, _TRIPLE):  # maybe a docstring, which black edits
        if code != line.strip() or not _kept_docstring(literals[0]):
            return "=" + original
        return "F" + line.replace(code, '"d"' if code == _PLAIN else '"""d"""')
    if _OTHER not in line and _COMMENT not in line and _free(line, original, start, end, number):
        return "F" + _NUMBER.sub("1", _NAME.sub("n", line)).replace(_PLAIN, '"s"').replace(_TRIPLE, '"""s"""')
    if not original.isascii():
        return "=" + original
    kept = iter(literals)
    sized = _NUMBER.sub(lambda m: "1" * len(m.group()), _NAME.sub(lambda m: "x" * len(m.group()), line))
    return "W" + _SENTINEL.sub(lambda m: _sized(next(kept)), sized)


def _free(line: str, original: str, start: _Bracket | None, end: _Bracket | None, number: int) -> bool:
    """Whether black writes this line as it is at any width up to 88, or at any width."""
    if start is None:  # a statement on one line, or the line that opens one
        return end is None and _width(original) <= LINE_LENGTH
    if not (start.magic and number in start.item_set and start.closing != number):
        return False
    last = line.split(_COMMENT, 1)[0].rstrip()[-1:]
    if end is start and last == ",":
        # a whole item; black never splits one without brackets
        return not any(char in line for char in "()[]{}") or _width(original) <= LINE_LENGTH
    return end is not start and last in "([{" and _width(original) <= LINE_LENGTH  # an item's head


def _kept_docstring(literal: str) -> bool:
    """Whether black leaves a one-line docstring as it is: no blank at either end, no quote
    at either end of a triple-quoted one (the literal has no backslash)."""
    quotes = 3 if literal.startswith('"""') else 1
    text = literal[quotes:-quotes]
    return "\\" not in text and text == text.strip() and (quotes == 1 or not text or (text[0] != '"' and text[-1] != '"'))


def _sized(literal: str) -> str:
    """A plain string by its width, any other literal as it is."""
    if literal[0] != '"' or literal.startswith('"""') or (literal.count("\\") and not _black_keeps(literal)):
        return literal
    return '"' + "x" * (len(literal) - 2) + '"'


def _width(line: str) -> int:
    if line.isascii():
        return len(line)
    from black.strings import str_width

    return int(str_width(line))


def _distinct(keyed: list[str | None], dropped: list[bool], starts: list[int], least: int) -> None:
    """The items of a collection with a magic trailing comma (from each start to the next) as
    the set of their shapes: black lays out each item alone, whatever comes before or after.
    In the sample, an item of a shape seen before is dropped (``least`` are kept)."""
    units: dict[str, None] = {}
    kept = 0
    for first, end in zip(starts, starts[1:]):
        text = "\n".join(line for line in keyed[first:end] if line is not None)
        if text in units and kept >= least:
            dropped[first:end] = [True] * (end - first)
        else:
            kept += 1
        units[text] = None
    keyed[starts[0] : starts[-1]] = [None] * (starts[-1] - starts[0])
    keyed[starts[0]] = "\n".join(sorted(units)) + _RUN


def _collapse(keyed: list[str | None], dropped: list[bool], starts: list[int]) -> None:
    """Runs of three or more equal one-line statements (each start to the next, no header,
    decorator or string) as the first two and a mark; the sample keeps three."""
    units = []
    for first, end in zip(starts, starts[1:]):
        text = keyed[first] if end == first + 1 and _collapsible(keyed[first] or "") else None
        units.append((first, end, text))
    index = 0
    while index < len(units):
        run = index
        while run + 1 < len(units) and units[run + 1][2] is not None and units[run + 1][2] == units[index][2]:
            run += 1
        if units[index][2] is not None and run - index >= 2:
            last = units[index + 1][1] - 1
            while keyed[last] is None:
                last -= 1
            keyed[last] = f"{keyed[last]}{_RUN}"
            for number, (first, end, _text) in enumerate(units[index + 2 : run + 1]):
                keyed[first:end] = [None] * (end - first)
                dropped[first:end] = [bool(number)] * (end - first)
        index = run + 1


def _collapsible(line: str) -> bool:
    """A one-line statement whose kind black reads from nothing but its first name: an
    assignment or a call (``n = 1``, ``n: n = "s"``, ``n(n)``)."""
    code = line[1:].strip()
    return line[:1] == "F" and code[:1] == "n" and not (code[1:2].isalnum() or code[1:2] == "_") and not code.endswith(":")
