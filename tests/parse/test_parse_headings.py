"""Headings vendors write other ways: HTML `<h1>` blocks and a breadcrumb line in bold."""

from __future__ import annotations

from generator.parse import Heading, parse_page


def headings(text: str) -> list[Heading]:
    return [b for b in parse_page("p.md", text).blocks if isinstance(b, Heading)]


def test_html_headings_after_a_style_block() -> None:
    text = "<style>\nh1 { color: red; }\n</style>\n<h1>오류 코드</h1>\n\n<h2 id=\"x\">A &amp; <em>B</em></h2>\n"
    assert headings(text) == [Heading(1, "오류 코드", 4), Heading(2, "A & B", 6)]


def test_a_bold_line_with_crumbs_is_a_heading() -> None:
    text = "# Title\n**Acme > Hub > 오류 코드**\n\nText.\n\n__A > B__  \n"
    assert headings(text) == [Heading(1, "Title", 1), Heading(1, "Acme > Hub > 오류 코드", 2, bold=True), Heading(1, "A > B", 6, bold=True)]


def test_bold_text_that_is_no_breadcrumb_is_not_a_heading() -> None:
    text = "Some text\n**A > B**\nmore text\n\n**Just bold**\n\n> **C > D**\n\n- **E > F**\n\n```\n**G > H**\n```\n"
    assert headings(text) == []
