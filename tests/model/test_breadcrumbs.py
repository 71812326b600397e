"""Which lines name a catalog: a heading or a bold line whose last crumb names the kind of page,
or a heading with ' > ' at the top level of the page's ' > ' headings; not a bold note, not a
deeper heading that only holds a ' > '. Several breadcrumbs give several catalogs, and titles
merge across a page and its translation whatever their Unicode normal form."""

from __future__ import annotations

import unicodedata

import pytest

from helpers import FIXTURES, build_project

ROWS = "| resultCode | resultKey | resultMessage |\n|---|---|---|\n| 0 | SUCCESS | OK |\n| 4000001 | INVALID | Invalid. |\n"
OTHER_ROWS = "| resultCode | resultKey | resultMessage |\n|---|---|---|\n| 1 | ONE | One. |\n"


def formatted(diagnostics) -> list[str]:
    return [f"{d.path}:{d.line}:{d.col}: {d.severity}: {d.message}" for d in diagnostics]


def catalogs(project) -> list[tuple[str, tuple[str, ...], int, list[int]]]:
    """Each catalog as (id, title, line of the line that names it, codes)."""
    return [(c.id, c.title, c.line, [code.code for code in c.codes]) for c in project.catalogs]


PAGE_KINDS = ["Error Code", "Error Codes", "error  codes", "오류 코드", "エラーコード", "Result Code", "결과 코드", "API v2.0 Guide", "API v1.1 가이드"]


@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("shape", ["## {}", "# {}", "#### {}", "**{}**", "__{}__"])
def test_a_heading_or_bold_line_ending_in_a_page_kind_crumb_names_the_catalog(shape: str, kind: str) -> None:
    line = shape.format(f"Acme > OCR > {kind}")
    project, diagnostics = build_project([("ocr-page.md", f"Some intro.\n\n{line}\n\n{ROWS}")])
    assert formatted(diagnostics) == []
    # the page-kind crumb is dropped; the catalog is not named after the file (`ocr-page`)
    assert catalogs(project) == [("ocr", ("Acme", "OCR"), 3, [0, 4000001])]
    assert project.package == "acme_errors"


def test_a_bold_line_ending_in_a_crumb_that_is_not_a_page_kind_names_nothing() -> None:
    project, diagnostics = build_project([("ocr.md", f"**Acme > OCR > Errors**\n\n{ROWS}")])
    assert [c.title for c in project.catalogs] == [("ocr",)]
    assert [d.severity for d in diagnostics] == ["warning"]
    assert "'Acme > OCR > Errors' is a line in bold" in diagnostics[0].message and diagnostics[0].line == 1  # at the line


def test_a_top_level_heading_with_crumbs_names_the_catalog_without_a_page_kind_crumb() -> None:
    project, diagnostics = build_project([("page.md", f"## Acme > OCR\n\nText.\n\n{ROWS}")])
    assert formatted(diagnostics) == []
    assert catalogs(project) == [("ocr", ("Acme", "OCR"), 1, [0, 4000001])]


def test_only_the_top_level_of_the_pages_crumb_headings_counts() -> None:
    # `## Acme > Other` holds ' > ' but is deeper than `# Acme > OCR`: the table is OCR's
    page = f"# Acme > OCR\n\n## Acme > Other\n\n{ROWS}"
    project, diagnostics = build_project([("page.md", page)])
    assert formatted(diagnostics) == []
    assert catalogs(project) == [("ocr", ("Acme", "OCR"), 1, [0, 4000001])]


@pytest.mark.parametrize(
    "note",
    ["**Images > 10 MB are rejected**", "__Images > 10 MB are rejected__", "**Note: size > 10 MB > limit**"],
)
def test_a_bold_note_between_the_breadcrumb_and_the_table_names_nothing(note: str) -> None:
    page = f"## Acme > OCR > Error Code\n\n{note}\n\n{ROWS}"
    project, diagnostics = build_project([("ocr.md", page)])
    assert formatted(diagnostics) == []
    (catalog,) = project.catalogs
    assert (catalog.title, catalog.id, catalog.line) == (("Acme", "OCR"), "ocr", 1)
    assert project.package == "acme_errors"
    assert catalog.class_prefix == "Ocr"


def test_a_deeper_heading_that_holds_a_crumb_separator_names_nothing() -> None:
    page = f"## Acme > OCR > Error Code\n\n### Response > header fields\n\n{ROWS}"
    project, diagnostics = build_project([("ocr.md", page)])
    assert formatted(diagnostics) == []
    assert catalogs(project) == [("ocr", ("Acme", "OCR"), 1, [0, 4000001])]
    assert project.package == "acme_errors"


def test_a_deeper_heading_that_ends_in_error_code_names_its_own_catalog() -> None:
    page = f"## Acme > OCR > Error Code\n\n{ROWS}\n### Acme > Face > Error Code\n\n{OTHER_ROWS}"
    project, diagnostics = build_project([("page.md", page)])
    assert [d for d in diagnostics if d.severity == "error"] == []
    assert catalogs(project) == [
        ("ocr", ("Acme", "OCR"), 1, [0, 4000001]),
        ("face", ("Acme", "Face"), 8, [1]),
    ]
    assert project.package == "acme_errors"


def test_several_breadcrumbs_on_one_page_give_several_catalogs() -> None:
    page = (
        f"# Acme errors\n\n## Acme > OCR > Error Code\n\n{ROWS}\n"
        f"**Acme > Face > 오류 코드**\n\n{OTHER_ROWS}\n"
        f"## Acme > Voice > Error Code\n\n### Create\n\n{OTHER_ROWS}\n### Delete\n\n{ROWS}"
    )
    project, diagnostics = build_project([("page.md", page)])
    assert [d for d in diagnostics if d.severity == "error"] == []
    assert catalogs(project) == [
        ("ocr", ("Acme", "OCR"), 3, [0, 4000001]),
        ("face", ("Acme", "Face"), 10, [1]),
        ("voice", ("Acme", "Voice"), 16, [1, 0, 4000001]),
    ]
    # each catalog has its own codes: a code of one is not a code of another
    voice = project.catalogs[2]
    assert [(op.title, [c.code for c in op.codes]) for op in voice.operations] == [
        ("Create", [1]),
        ("Delete", [0, 4000001]),
    ]
    assert {c.source for c in project.catalogs} == {"page.md"}


def test_a_bold_line_with_crumbs_on_a_page_without_a_breadcrumb_names_nothing(snapshot) -> None:
    page = f"# OCR\n\n**Images > 10 MB are rejected**\n\n{ROWS}"
    project, diagnostics = build_project([("general-ocr.md", page)])
    (catalog,) = project.catalogs
    assert (catalog.title, catalog.id, catalog.line) == (("general-ocr",), "general_ocr", 1)
    assert project.package == "general_ocr_errors"
    (warning,) = diagnostics
    assert (warning.severity, warning.line) == ("warning", 3)  # at the line that looks like a breadcrumb
    assert "'Images > 10 MB are rejected' is a line in bold" in warning.message and "the table at line 5" in warning.message
    assert formatted(diagnostics) == snapshot


def test_a_deeper_crumb_heading_above_a_table_with_no_breadcrumb_is_named_in_the_warning(snapshot) -> None:
    # the page's top crumb level is 2 (`## Acme > Face`, below the first table): the level-3
    # heading above the first table is not a breadcrumb, and the warning says so
    page = f"### Response > header fields\n\n{ROWS}\n## Acme > Face > Error Code\n\n{OTHER_ROWS}"
    project, diagnostics = build_project([("ocr.md", page)])
    assert [(c.id, c.title) for c in project.catalogs] == [("ocr", ("ocr",)), ("face", ("Acme", "Face"))]
    assert "is a level-3 heading" in diagnostics[0].message
    assert formatted(diagnostics) == snapshot


NFD_CAFE, NFC_CAFE = "Cafe\u0301", "Caf\u00e9"
KOREAN = "오류 코드 서비스"


@pytest.mark.parametrize(
    ("english", "korean"),
    [
        (NFD_CAFE, NFC_CAFE),
        (NFC_CAFE, NFD_CAFE),
        (KOREAN, unicodedata.normalize("NFD", KOREAN)),
        (unicodedata.normalize("NFD", KOREAN), KOREAN),
    ],
    ids=["nfd-page nfc-translation", "nfc-page nfd-translation", "korean nfc-page", "korean nfd-page"],
)
def test_titles_in_nfd_and_nfc_merge_into_one_catalog(english: str, korean: str) -> None:
    assert english != korean and unicodedata.normalize("NFC", english) == unicodedata.normalize("NFC", korean)
    en = f"## Acme > {english} > Error Code\n\n| resultCode | resultKey | resultMessage |\n|---|---|---|\n| 1 | ONE | One. |\n"
    # the translation's page-kind crumb is decomposed too
    ko_kind = unicodedata.normalize("NFD", "오류 코드")
    ko = f"**Acme > {korean} > {ko_kind}**\n\n| resultCode | resultKey | resultMessage |\n|---|---|---|\n| 1 | ONE | 하나 |\n"
    project, diagnostics = build_project([("x.md", en), ("x.ko.md", ko)])
    assert formatted(diagnostics) == []
    (catalog,) = project.catalogs
    assert catalog.title == ("Acme", unicodedata.normalize("NFC", english))
    assert all(unicodedata.is_normalized("NFC", crumb) for crumb in catalog.title)
    assert catalog.sources == ("x.md", "x.ko.md")
    assert catalog.locales == ("en", "ko")
    assert [(c.code, dict(c.messages)) for c in catalog.codes] == [(1, {"en": "One.", "ko": "하나"})]


def test_the_html_h1_and_bold_breadcrumb_page() -> None:
    text = (FIXTURES / "html-heading" / "hub.ko.md").read_text(encoding="utf-8")
    project, diagnostics = build_project([("hub.md", text)])
    assert [d for d in diagnostics if d.severity == "error"] == []
    # `<h1>오류 코드</h1>` names the page's kind but holds no crumbs; the bold line below it names the catalog
    assert catalogs(project) == [("hub", ("Acme", "Hub"), 6, [0, 400000])]
    assert project.package == "acme_errors"


def test_the_html_h1_and_bold_breadcrumb_page_and_its_translation_are_one_catalog() -> None:
    ko = (FIXTURES / "html-heading" / "hub.ko.md").read_text(encoding="utf-8")
    en = ko.replace("오류 코드", "Error Code").replace("부분 실패", "Partial failure")
    project, diagnostics = build_project([("hub.md", en), ("hub.ko.md", ko)])
    assert [d for d in diagnostics if d.severity == "error"] == []
    (catalog,) = project.catalogs
    assert (catalog.title, catalog.sources, catalog.locales) == (("Acme", "Hub"), ("hub.md", "hub.ko.md"), ("en", "ko"))
    assert [dict(c.messages) for c in catalog.codes] == [
        {"en": "success", "ko": "success"},
        {"en": "Partial failure", "ko": "부분 실패"},
    ]


def test_an_html_heading_with_crumbs_names_the_catalog() -> None:
    page = f"<h2>Acme &amp; Co &gt; Hub &gt; Error Code</h2>\n\n{ROWS}"
    project, diagnostics = build_project([("hub.md", page)])
    assert formatted(diagnostics) == []
    assert catalogs(project) == [("hub", ("Acme & Co", "Hub"), 1, [0, 4000001])]
    assert project.package == "acme_co_errors"
