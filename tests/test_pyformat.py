"""Python formatting: errgen's own templates write black's layout, and black runs only on the
statements where it has a choice. Held here to black run on whole modules, for the seeds,
every corpus page, hostile and long text; and the line shapes left to themselves at any width
are checked against black directly."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import pyformat
from generator.config import apply_options, defaults
from generator.filters import py_text
from generator.pipeline import load
from generator import render as render_module
from generator.render import finish

from helpers import CORPUS, SPECS, table, write
from test_hostile_text import HOSTILE


def check_against_black(monkeypatch: pytest.MonkeyPatch, specs: list[Path], *, skip: bool = False) -> list[str]:
    """Render the Python target of ``specs``, finishing each file both ways and holding them
    equal; the paths checked."""
    loaded = load(apply_options(defaults(Path.cwd()), specs=specs), skip_invalid_tables=skip)
    assert loaded.project is not None, [d.format() for d in loaded.diagnostics]
    checked: list[str] = []

    def both_ways(path: str, text: str, header: str, builtin: bool = False) -> str:
        finished = finish(path, text, header, builtin)
        if path.endswith(".py"):
            assert builtin, path
            assert finished == finish(path, text, header, False), f"{path}: black on the whole module writes otherwise"
            checked.append(path)
        return finished

    monkeypatch.setattr(render_module, "finish", both_ways)
    render_module.render(loaded.project, targets=("python",))
    assert checked
    return checked


def test_seeds_as_black_writes_them(monkeypatch: pytest.MonkeyPatch) -> None:
    check_against_black(monkeypatch, [SPECS])


def corpus_pages() -> list[str]:
    return sorted(p.name for p in CORPUS.glob("*.md") if p.name != "README.md") if CORPUS.is_dir() else []


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus (real vendor pages) is not beside the repo")
@pytest.mark.parametrize("name", corpus_pages())
def test_corpus_page_as_black_writes_it(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = load(apply_options(defaults(Path.cwd()), specs=[CORPUS / name]), skip_invalid_tables=True)
    if loaded.project is None:
        pytest.skip(f"{name} has nothing to generate")
    check_against_black(monkeypatch, [CORPUS / name], skip=True)


def long_text(width: int, *, wide: bool) -> str:
    unit = "한국어 " if wide else "word "
    return (unit * width)[:width].strip() + "."


def test_long_keys_messages_and_hostile_text_as_black_writes_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
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
    assert len(check_against_black(monkeypatch, [tmp_path / "specs"])) >= 5


# Line shapes that black leaves as they are at any width.
PLAIN = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters='"\\'), min_size=1, max_size=140
).map(str.strip).filter(bool)


@settings(max_examples=150, deadline=None)
@given(PLAIN, st.integers(min_value=0, max_value=9_999_999_999))
def test_exploded_dict_items_are_left_as_they_are(text: str, code: int) -> None:
    source = f'X = {{\n    {code}: "{text}",\n    "en": "{text}",\n}}\n'
    assert pyformat.run_black(source) == source


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30)), min_size=1, max_size=5).map("".join), st.integers(0, 120))
def test_one_line_docstrings_left_to_themselves_are_as_black_writes_them(text: str, pad: int) -> None:
    docstring = "x" * pad + py_text(text)
    line = f'    """{docstring}"""\n'
    source = f"class A:\n{line}\n    code = 1\n"
    if not pyformat._needs_black(line):
        assert pyformat.run_black(source) == source


@pytest.mark.parametrize("depth", [0, 1, 2])
@pytest.mark.parametrize("name", ["x", "default_message", "a" * 40])
@pytest.mark.parametrize("length", range(40, 130, 3))
def test_a_string_assignment_needs_black_exactly_when_black_would_wrap_it(depth: int, name: str, length: int) -> None:
    line = f'{"    " * depth}{name} = "{"y" * length}"'
    source = "".join(f'{"    " * level}class A{level}:\n' for level in range(depth)) + line + "\n"
    assert (pyformat.run_black(source) != source) == pyformat._needs_black(line + "\n")


def test_a_module_without_a_line_black_could_change_is_not_given_to_black(monkeypatch) -> None:
    source = 'X = {\n    1: "' + "y" * 200 + '",\n}\n'
    monkeypatch.setattr(pyformat, "run_black", lambda text: pytest.fail("black ran"))
    assert pyformat.format_python(source, black_style=True) == source


def test_only_the_statement_with_a_long_line_goes_to_black(monkeypatch) -> None:
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
