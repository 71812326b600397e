"""Cell text as mistune shows it: parse_page skips mistune's inline step for cells that hold no
inline markup, so what a cell shows must still be what mistune's own inline parse of it reads;
and a cell's text as written differs from it only where the cell holds markup."""

from __future__ import annotations

from typing import Any

import mistune
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from generator.parse import Table, parse_page, plain_text

# Heavy in the characters that start (or could start) inline markup: emphasis, code spans,
# links and images, autolinks and HTML, entities, backslash escapes, headings; and the letters,
# digits and spaces around them that decide whether an underscore can open emphasis.
ALPHABET = "_*`[]!<>&\\#" * 3 + "abcxyzAZ09 " * 2 + "();:/.-=\"'"
CELL = st.text(alphabet=ALPHABET, max_size=30)


def page(cells: list[str]) -> str:
    header = "| " + " | ".join(f"h{i}" for i in range(len(cells))) + " |"
    delimiter = "|" + "---|" * len(cells)
    return "\n".join([header, delimiter, "| " + " | ".join(cells) + " |"]) + "\n"


def mistune_cells(text: str) -> list[str] | None:
    """The body row's cell texts as plain text of mistune's own inline parse of each cell, or
    None when mistune reads no table of that shape."""
    markdown = mistune.create_markdown(renderer=None, plugins=["table"])
    tokens: list[dict[str, Any]] = markdown(text)  # type: ignore[assignment]
    tables = [token for token in tokens if token["type"] == "table"]
    if len(tables) != 1:
        return None
    _head, body = tables[0]["children"]
    if len(body["children"]) != 1:
        return None
    return [plain_text(cell.get("children", []), in_table=True) for cell in body["children"][0]["children"]]


def errgen_cells(text: str) -> list[str]:
    (table,) = [block for block in parse_page("p.md", text).blocks if isinstance(block, Table)]
    assert not table.malformed
    (row,) = table.rows
    assert all(cell.text == cell.shown or cell.markup for cell in row.cells)
    return [cell.shown for cell in row.cells]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CELL, min_size=1, max_size=3))
@example(["snake_case_key"])
@example(["_lead", "trail_", "a _b_ c"])
@example(["**bold** and *em*", "`code_span`", "[link](http://x) ![img](y)"])
@example(["&amp; &lt;x&gt; &para &#0;", "a \\_ b \\* c", "<br> <b>x</b> <http://a.b>"])
@example(["# not a heading", "x\\", "!!!"])
def test_cell_text_is_the_plain_text_of_mistunes_inline_parse(cells: list[str]) -> None:
    text = page(cells)
    expected = mistune_cells(text)
    assume(expected is not None and len(expected) == len(cells))  # e.g. a trailing `\` escapes the pipe
    assert errgen_cells(text) == expected
