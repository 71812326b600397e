"""Which lines of a page name a catalog (its breadcrumb) and an operation (the heading above a
table), and the names they give."""

from __future__ import annotations

import unicodedata

from ..diagnostics import Diagnostic, brief, warning
from ..parse import Heading, Page, Table
from . import naming


def breadcrumbs(page: Page) -> set[int]:
    """The lines of headings that can name a catalog: a heading or bold line whose crumbs end
    in the kind of page (`> Error Code`, `> API v2.0 Guide`), or a heading with ` > ` at the
    top level of the page's breadcrumbs; not a note in bold (`**Images > 10 MB are rejected**`)
    nor a deeper heading that merely holds ` > ` (`### Response > header fields`)."""
    candidates = [b for b in page.blocks if isinstance(b, Heading) and " > " in b.text]
    top = min((h.level for h in candidates if not h.bold), default=0)
    return {h.line for h in candidates if naming.is_page_kind_crumb(_crumbs(h)[-1]) or (not h.bold and h.level == top)}


def _crumbs(heading: Heading) -> list[str]:
    return [unicodedata.normalize("NFC", crumb.strip()) for crumb in heading.text.split(">")]


def catalog_title(
    page: Page, above: list[Heading], breadcrumbs: set[int], diagnostics: list[Diagnostic], table: Table, name: str
) -> tuple[tuple[str, ...], int]:
    for heading in reversed(above):
        if heading.line in breadcrumbs:
            crumbs = _crumbs(heading)
            while len(crumbs) > 1 and naming.is_page_kind_crumb(crumbs[-1]):
                crumbs.pop()
            return tuple(crumbs), heading.line
    ignored = next((h for h in reversed(above) if " > " in h.text), None)
    stem = name or naming.locale_of(page.path.rsplit("/", 1)[-1].rsplit(".", 1)[0])[0]
    if ignored is None:
        notice = (
            "no breadcrumb heading ('## Product > Service > Error Code') above this table; "
            f"the catalog is named after the file ('{stem}')"
        )
        diagnostics.append(warning("W207", page.path, table.line, 1, notice))
    else:  # the page is ambiguous: say so at the line that looks like a breadcrumb
        what = "a line in bold" if ignored.bold else f"a level-{ignored.level} heading"
        notice = (
            f"'{brief(ignored.text)}' is {what} that does not end in a crumb like 'Error Code', so it is not the "
            f"breadcrumb of the table at line {table.line}, whose catalog is named after the file ('{stem}'); "
            "expected a breadcrumb heading like '## Product > Service > Error Code' above the table"
        )
        diagnostics.append(warning("W207", page.path, ignored.line, 1, notice))
    return (stem,), 1


def operation_title(above: list[Heading], table: Table) -> tuple[str, int]:
    """The title of the operation a table documents (NFC), and its line."""
    if not above:
        return "", table.line
    nearest = above[-1]
    if naming.is_error_code_heading(nearest.text):
        for heading in reversed(above[:-1]):
            if heading.level < nearest.level:
                return unicodedata.normalize("NFC", heading.text), heading.line
    return unicodedata.normalize("NFC", nearest.text), nearest.line
