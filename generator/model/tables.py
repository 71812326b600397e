"""One page's error tables read into catalog drafts: which tables, which catalog, every row."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from . import naming
from ..diagnostics import Diagnostic, brief, error, warning
from ..parse import Cell, Heading, Page, Row, Table
from ..parse.cells import EMPHASIS, HTML, describe, escaped
from .breadcrumbs import breadcrumbs, catalog_title, operation_title
from .headers import known_columns, near_misses
from .placeholders import Scan, scan
from .statuses import status_for_code
from .project import ErrorCode, Operation, Options

_INTEGER = re.compile(r"-?[0-9]+")
_CODE_RANGE = re.compile(r"-?[0-9]+\s*[~〜～–—]\s*-?[0-9]+")
_THOUSANDS = re.compile(r"-?[0-9]{1,3}(?:([, ])[0-9]{3})(?:\1[0-9]{3})*")  # 4,000,001 or 4 000 001: one code, badly written
_SKIP_HINT = " (list each code, or pass --skip-invalid-tables to skip this table)"
_SEVERAL_CODES = re.compile(r"-?[0-9]+(?:\s*[,;/]\s*-?[0-9]+|\s+-?[0-9]+)+")
_INT64 = (-(2**63), 2**63 - 1)
_DELIMITER_CELL = re.compile(r":?-+:?|")
_LEFT_OUT = ("catalog '", "' is left out: every error table of it was skipped")


@dataclass
class Draft:
    """Codes of one catalog while pages are being read."""

    title: tuple[str, ...]
    source: str
    line: int
    codes: dict[int, ErrorCode] = field(default_factory=dict)
    keys: dict[str, ErrorCode] = field(default_factory=dict)
    operations: list[Operation] = field(default_factory=list)
    locale: str = ""
    sources: tuple[str, ...] = ()  # every file merged into this catalog (translations)


def read_page(page: Page, diagnostics: list[Diagnostic], options: Options = Options(), name: str = "") -> list[Draft]:
    """The catalog drafts of a page; ``name`` is its file's name without suffixes (the catalog's
    name when no breadcrumb is above a table)."""
    drafts: dict[tuple[str, ...], Draft] = {}
    headings: list[Heading] = []
    error_tables: list[tuple[Table, dict[str, int], list[Heading]]] = []
    described: list[tuple[Table, dict[str, int], list[Heading]]] = []
    crumbs = breadcrumbs(page)
    misspelled = False
    for block in page.blocks:
        if isinstance(block, Heading):
            headings.append(block)
            continue
        columns = known_columns(block)
        near = near_misses(block, columns)
        if near:  # a typo in a header: reading on would derive keys or drop a column
            misspelled = True
            for cell, spelled in near:
                message = f"unknown column '{brief(cell.shown)}'; did you mean '{spelled}'? expected one of errgen's column names, or a header not this close to one"
                diagnostics.append(error("E202", page.path, cell.line, cell.col, message))
            continue
        if "code" in columns and "message" in columns:
            error_tables.append((block, columns, list(headings)))
        elif "code" in columns and "description" in columns:
            described.append((block, columns, list(headings)))
    if misspelled and not error_tables and not described:
        return []
    if not error_tables and described:
        error_tables = _described_tables(page.path, described, diagnostics)
    if not error_tables:
        diagnostics.append(_no_error_table(page))
        return []
    several = len(error_tables) > 1
    skipped: dict[tuple[str, ...], Table] = {}
    for table, columns, above in error_tables:
        title, title_line = catalog_title(page, above, crumbs, diagnostics, table, name)
        draft = drafts.get(title)
        if draft is None:
            draft = drafts[title] = Draft(title, page.path, title_line)
        codes = _read_error_table(page.path, table, columns, draft, diagnostics, options)
        if codes is None:
            skipped.setdefault(title, table)
            continue
        if several:
            title_text, line = operation_title(above, table)
            draft.operations.append(Operation(title_text, line, tuple(codes)))
    for title, table in skipped.items():
        if not drafts[title].codes:
            diagnostics.append(warning("W206", page.path, table.line, 1, left_out(title)))
            del drafts[title]
    return list(drafts.values())


def left_out(title: tuple[str, ...]) -> str:
    """The warning for a catalog whose every error table --skip-invalid-tables skipped."""
    return _LEFT_OUT[0] + " > ".join(title) + _LEFT_OUT[1]


def left_out_title(message: str) -> tuple[str, ...] | None:
    """The title of the catalog a ``left_out`` warning names, or None for another message (the
    run knows such a catalog only by this warning, which the cache keeps)."""
    start, end = _LEFT_OUT
    if not (message.startswith(start) and message.endswith(end)) or len(message) <= len(start) + len(end):
        return None
    return tuple(message[len(start) : -len(end)].split(" > "))


def _described_tables(
    path: str, described: list[tuple[Table, dict[str, int], list[Heading]]], diagnostics: list[Diagnostic]
) -> list[tuple[Table, dict[str, int], list[Heading]]]:
    """Pages with no message column at all (IAP, Gamebase) document each code by a
    description: read those tables with the description as the message, and say so."""
    tables = []
    for table, columns, above in described:
        columns = {**columns, "message": columns["description"]}
        del columns["description"]
        cell = table.header.cells[columns["message"]]
        notice = f"no message column on this page; the {cell.shown} column is read as each code's message"
        diagnostics.append(warning("W201", path, cell.line, cell.col, notice))
        tables.append((table, columns, above))
    return tables


def _read_error_table(
    path: str, table: Table, columns: dict[str, int], draft: Draft, diagnostics: list[Diagnostic], options: Options
) -> list[ErrorCode] | None:
    """Read one table into its catalog; None when --skip-invalid-tables skipped it."""
    if not options.skip_invalid_tables:
        return _read_table(path, table, columns, draft, diagnostics)
    trial = replace(draft, codes=dict(draft.codes), keys=dict(draft.keys))
    found: list[Diagnostic] = []
    codes = _read_table(path, table, columns, trial, found)
    problems = [d for d in found if d.severity == "error"]
    if not problems:
        draft.codes, draft.keys = trial.codes, trial.keys
        diagnostics.extend(found)
        return codes
    # one warning for the table, at it, naming its first problem: the table's own warnings
    # (derived keys...) would only be noise for a table not read
    first = min(problems)
    count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
    notice = (
        f"error table skipped (skip-invalid-tables): {count} in its rows, the first at line {first.line}, "
        f"column {first.col}: {first.message.removesuffix(_SKIP_HINT)}"
    )
    diagnostics.append(warning("W205", path, table.line, 1, notice))
    return None


def _no_error_table(page: Page) -> Diagnostic:
    expected = "expected a table with resultCode and resultMessage columns (resultKey optional)"
    tables = [block for block in page.blocks if isinstance(block, Table)]
    if not tables:
        return error("E201", page.path, 1, 1, f"no table found; {expected}")
    first = tables[0]
    header = ", ".join(brief(cell.shown) for cell in first.header.cells)
    if len(tables) == 1:
        what = f"no error table: this table's columns are {header}"
    else:
        what = f"no error table among the {len(tables)} tables: the first one's columns are {header}"
    return error("E201", page.path, first.line, 1, f"{what}; {expected}")


def _read_table(
    path: str, table: Table, columns: dict[str, int], draft: Draft, diagnostics: list[Diagnostic]
) -> list[ErrorCode]:
    header = table.header.cells
    if _bad_delimiter_row(path, table, diagnostics):
        return []
    if not table.rows:
        diagnostics.append(
            error("E204", path, table.line, 1, "error table has no rows; expected at least one row of codes")
        )
        return []
    codes: list[ErrorCode] = []
    in_table: dict[int, ErrorCode] = {}
    for row in table.rows:
        if len(row.cells) != len(header):
            _report_cell_count(path, row, len(header), diagnostics, table.html)
            continue
        code = _read_row(path, row, columns, header, diagnostics)
        if code is None:
            continue
        first = in_table.get(code.code)
        if first is not None and (first.key, first.message) == (code.key, code.message):
            diagnostics.append(_repeated_row(path, row, columns, header, first))
            continue
        if first is not None:
            notice = (
                f"duplicate {header[columns['code']].shown} {code.code} "
                f"(first at line {first.line}); expected each code once per table"
            )
            diagnostics.append(error("E206", path, row.line, row.cells[columns["code"]].col, notice))
            continue
        in_table[code.code] = code
        code = _merge(path, row, columns, draft, code, diagnostics)
        if code is not None:
            codes.append(code)
    from_codes = [c for c in codes if c.key_derived and c.key == naming.fallback_key(c.code) and naming.key_from_message(c.message) is None]
    if from_codes:
        shown = ", ".join(f"{c.key} (line {c.line})" for c in from_codes[:3]) + (", ..." if len(from_codes) > 3 else "")
        columns_shown = ", ".join(brief(cell.shown) for cell in header)
        notice = (
            f"no key column in this table (columns: {columns_shown}); {_keys(len(from_codes))} derived from the code, "
            f"as the messages are not identifiers: {shown}; expected a resultKey column that names them"
        )
        diagnostics.append(warning("W203", path, table.line, table.header.cells[columns["code"]].col, notice))
    return codes


def _bad_delimiter_row(path: str, table: Table, diagnostics: list[Diagnostic]) -> bool:
    """GFM reads no table when the row under the header is not a delimiter row of the
    header's width; mistune then makes it a paragraph, so say so instead of losing it."""
    delimiter = table.delimiter
    if delimiter is None:
        return False
    expected = len(table.header.cells)
    example = "|" + "---|" * expected
    if not all(_DELIMITER_CELL.fullmatch(cell.text) for cell in delimiter.cells):
        shown = brief(" | ".join(cell.text for cell in delimiter.cells))
        message = f"the row under the header ('{shown}') is not a delimiter row; expected {example}"
        diagnostics.append(error("E203", path, delimiter.line, 1, message))
        return True
    count = len(delimiter.cells)
    if count != expected:
        # the first cell too many, or the last one there is
        col = delimiter.cells[expected if count > expected else count - 1].col if delimiter.cells else 1
        message = (
            f"delimiter row has {_cells(count)} but the header has {expected}; "
            f"expected one '---' per column, like {example}"
        )
        diagnostics.append(error("E203", path, delimiter.line, col, message))
        return True
    return False


def _report_cell_count(path: str, row: Row, expected: int, diagnostics: list[Diagnostic], html: bool = False) -> None:
    count = len(row.cells)
    if count > expected:
        col = row.cells[expected].col
        hint = "one <td> per column" if html else "write a '|' inside a cell as '\\|'"
    else:
        col = row.cells[-1].col if row.cells else 1
        hint = "one <td> per column, an empty one as <td></td>; colspan and rowspan are not read" if html else "an empty cell is written as '| |'"
    what = f"row has {_cells(count)} but the header has {expected}; expected {_cells(expected)} ({hint})"
    diagnostics.append(error("E203", path, row.line, col, what))


def _keys(count: int) -> str:
    return "1 key is" if count == 1 else f"{count} keys are"


def _cells(count: int) -> str:
    return "1 cell" if count == 1 else f"{count} cells"


def _read_row(
    path: str, row: Row, columns: dict[str, int], header: tuple, diagnostics: list[Diagnostic]
) -> ErrorCode | None:
    cells = row.cells
    ok = True

    def cell_error(field_name: str, message: str) -> None:
        nonlocal ok
        ok = False
        cell = cells[columns[field_name]]
        diagnostics.append(error("E205", path, cell.line, cell.col, message))

    def mixed_placeholders(message: str) -> None:
        nonlocal ok
        ok = False
        diagnostics.append(error("E209", path, message_cell.line, message_cell.col, message))

    code_cell = cells[columns["code"]]
    code_name = header[columns["code"]].shown
    code_text = code_cell.shown
    code = 0
    if not code_text:
        cell_error("code", f"empty {code_name} cell; expected a decimal integer code")
    elif not _INTEGER.fullmatch(code_text):
        plain = f"{code_name} '{brief(code_text)}' is not a plain decimal integer; expected ASCII digits with an optional leading '-', like 4000001"
        cell_error("code", _unfit_code(code_name, code_text) or plain)
    else:
        # more than 19 digits is out of range anyway; int() of thousands of digits is refused
        digits = code_text.lstrip("-").lstrip("0")
        code = int(code_text) if len(digits) <= 19 else _INT64[1] + 1
        if not _INT64[0] <= code <= _INT64[1]:
            code = 0
            cell_error("code", f"{code_name} {brief(code_text)} is outside the signed 64-bit range; expected a code from {_INT64[0]} to {_INT64[1]}")

    message_cell = cells[columns["message"]]
    message = message_cell.text
    if not message:
        cell_error("message", f"empty {header[columns['message']].shown} cell; expected the documented message")
    else:
        _lost_markup(path, message_cell, header[columns["message"]].shown, diagnostics)
    read = scan(message)
    if read.mixed:
        mixed_placeholders(_mixed_placeholders(header[columns["message"]].shown, message, read))
    elif read.kept:
        diagnostics.append(_kept_as_text(path, message_cell, header[columns["message"]].shown, read))

    key = ""
    if "key" in columns:
        key_cell = cells[columns["key"]]
        key, key_name = key_cell.text, header[columns["key"]].shown
        if key_cell.markup:
            cell_error("key", _key_markup(key_name, key_cell))
        elif not key:
            cell_error("key", f"empty {key_name} cell; expected an UPPER_SNAKE key like INVALID_PARAMETER")
        elif not naming.is_key(key):
            cell_error("key", f"{key_name} '{brief(key)}' is not UPPER_SNAKE ASCII; expected [A-Z][A-Z0-9_]*, like INVALID_PARAMETER")
    elif ok:
        key = naming.key_from_message(message) or naming.fallback_key(code)

    http_status = status_for_code(code)
    if "http_status" in columns:
        status_text = cells[columns["http_status"]].shown
        if status_text:
            if re.fullmatch(r"[1-5][0-9][0-9]", status_text):
                http_status = int(status_text)
            else:
                cell_error("http_status", f"HTTP status '{brief(status_text)}' is not a number from 100 to 599")

    success = code == 0
    if "success" in columns:
        success = success or cells[columns["success"]].shown.strip().casefold() == "true"
    retryable = None
    if "retryable" in columns:
        flag = cells[columns["retryable"]].shown.strip().casefold()
        if flag in ("true", "yes", "false", "no"):
            retryable = flag in ("true", "yes")
        elif flag:
            cell_error("retryable", f"retryable '{brief(flag)}' is not true or false; expected true, false or an empty cell (the default of its HTTP status)")

    deprecated = False
    if "deprecated" in columns:
        flag = cells[columns["deprecated"]].shown.strip().casefold()
        if flag in _DEPRECATED_FLAGS:
            deprecated = _DEPRECATED_FLAGS[flag]
        else:
            cell_error("deprecated", f"deprecated '{brief(flag)}' is not yes or no; expected yes, true, deprecated, ✓, no, false, - or an empty cell")

    if not ok:
        return None
    known = set(columns.values())
    extra = tuple((header[i].shown, cell.text) for i, cell in enumerate(cells) if i not in known and header[i].shown)
    description = ""
    if "description" in columns:
        description = cells[columns["description"]].text
        _lost_markup(path, cells[columns["description"]], header[columns["description"]].shown, diagnostics)
    deprecation = ""
    if description and says_deprecated(cells[columns["description"]]):
        deprecation = description
    elif deprecated:
        deprecation = f"Deprecated. {description}".rstrip()
    return ErrorCode(code, key, message, http_status, row.line, success, description=description, extra=extra, source=path, key_derived="key" not in columns, retryable=retryable, deprecation=deprecation, placeholders=read.placeholders, message_col=message_cell.col)


# What a deprecated cell can hold (case aside): yes or a check mark marks a code; an empty cell,
# a dash or "no" does not. `x` and `o` are errors: a tick in one table, "no" and "yes" in Korean ones.
_DEPRECATED_FLAGS = {
    **dict.fromkeys(("yes", "y", "true", "deprecated", "✓", "✔", "예", "はい", "非推奨"), True),
    **dict.fromkeys(("", "no", "n", "false", "-", "–", "—", "아니요", "いいえ"), False),
}
# A description that starts by saying its code is deprecated: the word (in English, Korean or
# Japanese) in brackets or bold, or followed by a colon, a full stop or a dash. "Deprecated API
# called" describes an error, not a deprecation, so a bare word does not count.
_DEPRECATED_WORD = r"(?:deprecated|사용\s*중단|지원\s*중단|非推奨)"
_SAYS_DEPRECATED = re.compile(
    rf"\s*(?:\[{_DEPRECATED_WORD}\]|\({_DEPRECATED_WORD}\)|(\*\*|__|\*|_){_DEPRECATED_WORD}[.:]?\1|{_DEPRECATED_WORD}\s*(?:[.:：。]|[-–—]\s|$))",
    re.IGNORECASE,
)


def says_deprecated(cell: Cell) -> bool:
    """Whether a description cell starts by marking its code deprecated: `Deprecated: use
    4000002`, `**Deprecated**`, `[Deprecated]`, `(deprecated)`, `사용 중단:`, `非推奨。`."""
    return bool(_SAYS_DEPRECATED.match(cell.text))


def _key_markup(key_name: str, cell: Cell) -> str:
    """The error for a key cell that Markdown reads otherwise than it is written."""
    return (
        f"{key_name} '{brief(cell.source)}' holds {describe(cell.markup)}, which the page shows as '{brief(cell.shown)}'; "
        f"expected the key as written, in a code span (`{brief(cell.source)}`) or with the markup escaped ({brief(escaped(cell.source))})"
    )


def _lost_markup(path: str, cell: Cell, column: str, diagnostics: list[Diagnostic]) -> None:
    """A warning for a message or description cell whose characters Markdown drops or changes
    (emphasis delimiters, inline HTML): errgen keeps the text as written."""
    lost = tuple(kind for kind in cell.markup if kind in (EMPHASIS, HTML))
    if not lost or cell.rendered is None:
        return
    notice = (
        f"{column} '{brief(cell.source)}' holds {describe(lost)}: the page shows '{brief(cell.shown)}', errgen keeps "
        f"'{brief(cell.text)}'; to show it on the page as written, escape the markup ({brief(escaped(cell.source))}) or use a code span"
    )
    diagnostics.append(warning("W202", path, cell.line, cell.col, notice))


def _mixed_placeholders(column: str, message: str, read: Scan) -> str:
    automatic, numbered = read.mixed or ("{}", "{0}")
    return (
        f"{column} '{brief(message)}' mixes automatic {automatic} and numbered {numbered} placeholders, "
        "which str.format refuses; expected only {} or only numbered ones ({0}, {1}, ...)"
    )


def _kept_as_text(path: str, cell: Cell, column: str, read: Scan) -> Diagnostic:
    """One warning for the braces of a message that are no placeholder: they stay text."""
    text, why = read.kept[0]
    more = f" (and {len(read.kept) - 1} more)" if len(read.kept) > 1 else ""
    notice = (
        f"{column} '{brief(cell.text)}' holds '{brief(text)}'{more}, which is not a placeholder: {why}; "
        "it is kept as text; expected {}, {0} or {name} for a placeholder, {{ and }} for a brace"
    )
    return warning("W209", path, cell.line, cell.col, notice)


def _unfit_code(code_name: str, text: str) -> str | None:
    """The diagnostic for a code cell that holds more than one code, or None."""
    hint = "expected one code per row" + _SKIP_HINT
    shown = brief(text)
    if _CODE_RANGE.fullmatch(text):
        return f"{code_name} '{shown}' is a range of codes; {hint}"
    if _SEVERAL_CODES.fullmatch(text) and not _THOUSANDS.fullmatch(text):
        return f"{code_name} '{shown}' holds several codes in one cell; {hint}"
    return None


def _repeated_row(path: str, row: Row, columns: dict[str, int], header: tuple, first: ErrorCode) -> Diagnostic:
    return warning(
        "W204",
        path,
        row.line,
        row.cells[columns["code"]].col,
        f"{header[columns['code']].shown} {first.code} is listed again with the same message "
        f"(first at line {first.line}); the repeat is ignored",
    )


def _merge(
    path: str,
    row: Row,
    columns: dict[str, int],
    draft: Draft,
    code: ErrorCode,
    diagnostics: list[Diagnostic],
) -> ErrorCode | None:
    """Add a code to its catalog; a code already there from another table must agree."""
    known = draft.codes.get(code.code)
    if known is not None:
        if (known.key, known.message) != (code.key, code.message):
            notice = (
                f"code {code.code} is {code.key} '{brief(code.message)}' here but {known.key} "
                f"'{brief(known.message)}' at line {known.line}; expected the same key and message"
            )
            diagnostics.append(error("E206", path, row.line, row.cells[columns["code"]].col, notice))
            return None
        return code
    other = draft.keys.get(code.key)
    if other is not None:
        col = row.cells[columns["key"]].col if "key" in columns else row.cells[columns["code"]].col
        notice = (
            f"duplicate key {code.key} (first at line {other.line} for code {other.code}); "
            "expected each key once per catalog"
        )
        diagnostics.append(error("E207", path, row.line, col, notice))
        return None
    draft.codes[code.code] = code
    draft.keys[code.key] = code
    return code
