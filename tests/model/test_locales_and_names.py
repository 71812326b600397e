"""File names and catalog names: a file-name suffix is a locale only when the project knows it,
titles merge in NFC, ids avoid the names Windows reserves, and outputs never differ by case alone."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from helpers import build_project, generate_specs, table, write

ROWS = ((0, "SUCCESS", "OK"), (1, "ONE", "One."))
KO_ROWS = ((0, "SUCCESS", "성공"), (1, "ONE", "하나."))


def shown(diagnostics) -> list[str]:
    return [f"{d.path}:{d.line}:{d.col}: {d.severity}: {d.message}" for d in diagnostics]


def catalogs(project) -> dict[str, list[str]]:
    """Each catalog's id and the locales of its first code's messages."""
    return {c.id: [locale for locale, _ in c.codes[0].messages] for c in project.catalogs}


LOCALE_CASES = {
    # file names: catalog id -> the locales of its messages
    "dotted-name-alone": ({"sdk.js.md": "## Acme > SDK > Error Code"}, None, {"sdk": ["en"]}),
    "dotted-io": ({"socket.io.md": "## Acme > Socket > Error Code"}, None, {"socket": ["en"]}),
    "lone-ko-suffix": ({"widget.ko.md": "## Acme > Widget > 오류 코드"}, None, {"widget": ["en"]}),
    "lone-ko-configured": ({"widget.ko.md": "## Acme > Widget > 오류 코드"}, ("ko",), {"widget": ["ko"]}),
    "sibling-plain": ({"widget.md": "## Acme > Widget > Error Code", "widget.ko.md": "## Acme > Widget > 오류 코드"}, None, {"widget": ["en", "ko"]}),
    "sibling-both-suffixed": ({"widget.en.md": "## Acme > Widget > Error Code", "widget.ko.md": "## Acme > Widget > 오류 코드"}, None, {"widget": ["en", "ko"]}),
    "sibling-region": ({"widget.md": "## Acme > Widget > Error Code", "widget.zh-TW.md": "## Acme > Widget > Error Code"}, None, {"widget": ["en", "zh-TW"]}),
    "siblings-in-other-folders": ({"a/widget.md": "## Acme > Widget > Error Code", "b/widget.ko.md": "## Acme > Gadget > 오류 코드"}, None, {"widget": ["en"], "gadget": ["en"]}),
}


@pytest.mark.parametrize(("files", "locales", "expected"), LOCALE_CASES.values(), ids=LOCALE_CASES.keys())
def test_a_suffix_is_a_locale_only_when_the_project_knows_it(files: dict[str, str], locales, expected) -> None:
    pages = [(name, table(*(KO_ROWS if ".ko." in name else ROWS), heading=heading)) for name, heading in files.items()]
    project, diagnostics = build_project(pages, locales=locales)
    assert project is not None, shown(diagnostics)
    assert catalogs(project) == expected
    assert not any(d.severity == "error" for d in diagnostics)


def test_a_catalog_without_breadcrumb_is_named_after_its_whole_file_name() -> None:
    """`sdk.js.md` names a catalog `sdk_js`, as a page in no locale."""
    project, _diagnostics = build_project([("sdk.js.md", "| resultCode | resultKey | resultMessage |\n|---|---|---|\n| 1 | ONE | One. |\n")])
    assert [(c.id, c.title) for c in project.catalogs] == [("sdk_js", ("sdk.js",))]


def test_the_localized_message_of_an_english_dotted_page(tmp_path: Path) -> None:
    """The generated package answers localized("en") for `sdk.js.md` (it once read `js` as its locale)."""
    import subprocess
    import sys

    write(tmp_path / "specs/sdk.js.md", table(*ROWS, heading="## Acme > SDK > Error Code"))
    outcome, _files = generate_specs([tmp_path / "specs"], tmp_path)
    assert outcome.failure is None, outcome.diagnostics
    script = "from acme_errors.sdk import ResultCode as C; print(C.ONE.localized('en'), C.ONE.localized('js'))"
    run = subprocess.run([sys.executable, "-c", script], cwd=tmp_path / "out/python", capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["One.", "None"]


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_titles_in_nfc_and_nfd_are_one_catalog(form: str) -> None:
    title = "Café Ünïcode 서비스"
    en = table(*ROWS, heading=f"## Acme > {unicodedata.normalize('NFC', title)} > Error Code")
    ko = table(*KO_ROWS, heading=f"## Acme > {unicodedata.normalize(form, title)} > 오류 코드")
    project, diagnostics = build_project([("svc.md", en), ("svc.ko.md", ko)])
    assert project is not None, shown(diagnostics)
    (catalog,) = project.catalogs
    assert catalog.title == ("Acme", unicodedata.normalize("NFC", title))
    assert [locale for locale, _ in catalog.codes[0].messages] == ["en", "ko"]


RESERVED = {"CON": "con_", "NUL": "nul_", "Aux": "aux_", "PRN": "prn_", "Com1": "com_1", "lpt9": "lpt_9", "Nul Service": "nul_service"}


@pytest.mark.parametrize(("crumb", "renamed"), RESERVED.items(), ids=RESERVED.keys())
def test_a_catalog_id_windows_reserves_is_renamed_with_a_warning(crumb: str, renamed: str, tmp_path: Path, snapshot) -> None:
    write(tmp_path / "specs/reserved.md", table(*ROWS, heading=f"## Acme > {crumb} > Error Code"))
    outcome, files = generate_specs([tmp_path / "specs"], tmp_path)
    assert outcome.failure is None, outcome.diagnostics
    assert f"python/acme_errors/{renamed}.py" in files and f"openapi/{renamed}.openapi.yaml" in files
    reserved = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}
    assert not {Path(path).name.split(".")[0].casefold() for path in files} & reserved
    assert [d.severity for d in outcome.diagnostics] == (["warning"] if renamed.endswith("_") else [])
    assert shown(outcome.diagnostics) == snapshot


def test_catalogs_whose_breadcrumbs_differ_only_in_case_say_so(snapshot) -> None:
    first = table(*ROWS, heading="## Acme > OCR > Error Code")
    second = table(*ROWS, heading="## Acme > Ocr > Error Code")
    project, diagnostics = build_project([("a.md", first), ("b.md", second)])
    assert project is None
    (problem,) = diagnostics
    assert "differ ('Acme > Ocr' and 'Acme > OCR') only in case" in problem.message
    assert "differ in their last two crumbs" not in problem.message
    assert shown(diagnostics) == snapshot


def test_catalogs_with_the_same_last_two_crumbs_are_told_to_differ_there(snapshot) -> None:
    first = table(*ROWS, heading="## Acme > Cloud > OCR > Error Code")
    second = table(*ROWS, heading="## Other > Cloud > OCR > Error Code")
    project, diagnostics = build_project([("a.md", first), ("b.md", second)])
    assert project is None
    assert shown(diagnostics) == snapshot


def test_outputs_that_differ_only_in_case_are_an_error(tmp_path: Path) -> None:
    """A team's template can name files by a field whose case differs between catalogs."""
    write(tmp_path / "tpl/text/{catalog}.txt.j2", "{{ catalog.id }}\n")
    write(tmp_path / "tpl/text/{catalog}.TXT.j2", "{{ catalog.id }}\n")
    write(tmp_path / "specs/w.md", table(*ROWS))
    outcome, files = generate_specs([tmp_path / "specs"], tmp_path, templates=tmp_path / "tpl")
    assert outcome.failure == "spec"
    (problem,) = [d for d in outcome.diagnostics if d.severity == "error"]
    assert "differ only in case" in problem.message
    assert files == {}
