"""Python formatting: errgen's own templates write black's layout, and black runs only on the
statements where it has a choice. Held here to black run on whole modules, for the seeds,
every corpus page, hostile and long text; and the line shapes left to themselves at any width
are checked against black directly."""

from __future__ import annotations

import shutil
from pathlib import Path

import black
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.finish import pyformat, wrapped_by_black
from generator.inputs import BUILTIN_TEMPLATES
from generator.render.filters import py_text

from helpers import CORPUS, HOSTILE, SPECS, configured, generate, generated_corpus_page, table, write

BLACK = black.Mode(target_versions={black.TargetVersion.PY311})  # as errgen runs black


def as_black_writes_them(files: dict[str, bytes]) -> list[str]:
    """The generated Python modules, each checked to be as black writes it (errgen runs black
    only where it has a choice: black on the whole module must change nothing)."""
    checked = sorted(path for path in files if path.endswith(".py"))
    for path in checked:
        text = files[path].decode("utf-8")
        assert black.format_str(text, mode=BLACK) == text, f"{path}: black on the whole module writes otherwise"
    assert checked
    return checked


def check_against_black(specs: list[Path], work: Path) -> list[str]:
    """Generate ``specs`` with errgen's own templates (black only where it has a choice) and with
    the same templates given as a user's (black on every whole module, as it runs for any
    template not errgen's): the same bytes both ways, every module as black writes it."""
    own, files = generate(configured(work, specs, out=work / "own"))
    assert own.failure is None, [d.format() for d in own.diagnostics] + [own.message]
    shutil.copytree(BUILTIN_TEMPLATES, work / "user-templates", ignore=shutil.ignore_patterns("__pycache__"))
    whole, by_black = generate(configured(work, specs, out=work / "whole", templates=work / "user-templates"))
    assert whole.failure is None, [d.format() for d in whole.diagnostics] + [whole.message]
    assert files == by_black
    return as_black_writes_them(files)


def test_seeds_as_black_writes_them(tmp_path: Path) -> None:
    shutil.copytree(SPECS, tmp_path / "specs")
    check_against_black([tmp_path / "specs"], tmp_path)


def test_the_seeds_package_has_no_line_black_could_change(tmp_path: Path) -> None:
    """Black's layout in the built-in templates themselves, not only after black: a template line
    that is too wide (a docstring, a signature) sends its whole statement through black on every
    run, which costs the seeds' generate most of its time."""
    shutil.copytree(SPECS, tmp_path / "specs")
    outcome, files = generate(configured(tmp_path, [tmp_path / "specs"]))
    assert outcome.failure is None
    wide = [
        f"{path}:{number}"
        for path, data in files.items()
        if path.endswith(".py")
        for number, line in enumerate(data.decode("utf-8").splitlines(keepends=True), start=1)
        if pyformat._needs_black(line)
    ]
    assert wide == []


def corpus_pages() -> list[str]:
    return sorted(p.name for p in CORPUS.glob("*.md") if p.name != "README.md") if CORPUS.is_dir() else []


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus (real vendor pages) is not beside the repo")
@pytest.mark.parametrize("name", corpus_pages())
def test_corpus_page_as_black_writes_it(name: str) -> None:
    outcome, files = generated_corpus_page(name)
    if outcome.failure is not None:
        pytest.skip(f"{name} has nothing to generate")
    as_black_writes_them(files)


def long_text(width: int, *, wide: bool) -> str:
    unit = "한국어 " if wide else "word "
    return (unit * width)[:width].strip() + "."


def test_long_keys_messages_and_hostile_text_as_black_writes_them(tmp_path: Path) -> None:
    rows = []
    code = 4000001
    for width in range(40, 130, 3):
        for wide in (False, True):
            rows.append((code, f"KEY_{width}_{int(wide)}", long_text(width, wide=wide)))
            code += 1
    for index, text in enumerate(HOSTILE):
        rows.append((code, f"HOSTILE_{index}", text.replace("|", "\\|").replace("\n", "<br>") or "x"))
        code += 1
    for length in (60, 75, 90, 120):
        rows.append((code, "LONG_" + "K" * length, "A key that makes a long class name."))
        code += 1
    write(tmp_path / "specs/long.md", table(*rows, heading="## Acme > " + "Very Long Service Name " * 4 + "> Error Code"))
    for index in range(3):
        write(tmp_path / f"specs/other{index}.md", table((5000001, "OTHER", "x"), heading=f"## Acme > Other{index} > Error Code"))
    assert len(check_against_black([tmp_path / "specs"], tmp_path)) >= 5


# Line shapes that black leaves as they are at any width.
PLAIN = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters='"\\'), min_size=1, max_size=140
).map(str.strip).filter(bool)


@settings(max_examples=150, deadline=None)
@given(PLAIN, st.integers(min_value=0, max_value=9_999_999_999))
def test_exploded_dict_items_are_left_as_they_are(text: str, code: int) -> None:
    source = f'X = {{\n    {code}: "{text}",\n    "en": "{text}",\n}}\n'
    assert pyformat.run_black(source) == source
    assert pyformat.format_python(source, black_style=True) == source


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30)), min_size=1, max_size=5).map("".join), st.integers(0, 120))
def test_one_line_docstrings_are_as_black_writes_them(text: str, pad: int) -> None:
    """Whether errgen leaves the docstring's line alone or gives its class to black, the module
    is as black writes it."""
    docstring = "x" * pad + py_text(text)
    source = f'class A:\n    """{docstring}"""\n\n    code = 1\n'
    assert pyformat.format_python(source, black_style=True) == pyformat.run_black(source)


@pytest.mark.parametrize("depth", [0, 1, 2])
@pytest.mark.parametrize("name", ["x", "default_message", "a" * 40])
@pytest.mark.parametrize("length", range(40, 130, 3))
def test_a_string_assignment_goes_to_black_exactly_when_black_would_wrap_it(
    depth: int, name: str, length: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    line = f'{"    " * depth}{name} = "{"y" * length}"'
    source = "".join(f'{"    " * level}class A{level}:\n' for level in range(depth)) + line + "\n"
    real = pyformat.run_black
    expected = real(source)
    assert (expected != source) == wrapped_by_black(line)  # the rule templates ask, as black decides
    given_to_black: list[str] = []
    monkeypatch.setattr(pyformat, "run_black", lambda text: given_to_black.append(text) or real(text))
    assert pyformat.format_python(source, black_style=True) == expected
    assert bool(given_to_black) == (expected != source)


def test_a_module_without_a_line_black_could_change_is_not_given_to_black(monkeypatch: pytest.MonkeyPatch) -> None:
    source = 'X = {\n    1: "' + "y" * 200 + '",\n}\n'
    monkeypatch.setattr(pyformat, "run_black", lambda text: pytest.fail("black ran"))
    assert pyformat.format_python(source, black_style=True) == source


def test_only_the_statement_with_a_long_line_goes_to_black(monkeypatch: pytest.MonkeyPatch) -> None:
    given_to_black = []
    real = pyformat.run_black
    monkeypatch.setattr(pyformat, "run_black", lambda text: given_to_black.append(text) or real(text))
    long_call = "Y = f(" + ", ".join(["argument"] * 12) + ")\n"
    source = "X = 1\n\n\n" + long_call + "\n\nZ = 2\n"
    formatted = pyformat.format_python(source, black_style=True)
    assert given_to_black == [long_call]
    assert formatted == real(source)


def test_other_templates_output_goes_to_black_whole() -> None:
    assert pyformat.format_python("x = 'a'\n") == 'x = "a"\n'


SHORT = {  # every branch of the templates (placeholders of each kind, deprecation, a locale), short values
    "w.md": "## Acme > W > Error Code\n\n| resultCode | resultKey | resultMessage | deprecated |\n|---|---|---|---|\n"
    "| 0 | SUCCESS | OK. | |\n| 4000001 | BAD | Bad {} and {}. | yes |\n| 4040001 | GONE | Item {item} gone. | |\n",
    "w.ko.md": "## Acme > W > Error Code\n\n| resultCode | resultKey | resultMessage |\n|---|---|---|\n"
    "| 0 | SUCCESS | 성공. |\n| 4000001 | BAD | 잘못 {} {}. |\n| 4040001 | GONE | {item} 없음. |\n",
}


@pytest.mark.parametrize("pages", ["seeds", "short"])
def test_the_builtin_templates_write_blacks_layout_so_black_never_runs(pages: str, tmp_path: Path, errgen, monkeypatch: pytest.MonkeyPatch) -> None:
    """Importing black costs a run more than rendering a page: the built-in templates write its
    layout themselves, so black runs only for a line a long value widens (a line of their own
    that black would change sends every run through black)."""
    import shutil

    import generator.finish.pyformat as pyformat

    def refuse(source: str) -> str:
        raise AssertionError(f"black ran on a built-in template's output:\n{source}")

    monkeypatch.setattr(pyformat, "run_black", refuse)
    if pages == "seeds":
        shutil.copytree(SPECS, tmp_path / "specs")
    else:
        for name, text in SHORT.items():
            write(tmp_path / "specs" / name, text)
    result = errgen("generate", "--jobs", "1", cwd=tmp_path)
    assert result.code == 0, result.err
