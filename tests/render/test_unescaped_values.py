"""A value from a spec that a user's template writes without an escaping filter is an error at
that template's path and line, and nothing is written; through a filter it is written as the
filter escapes it, whatever the spec holds. Literals of the template and values that are not a
spec's text (the header, the configuration's package, the ids and names errgen derives and
checks, numbers) are written as they are.

Each case starts from a project that generated once with a templates folder, then saves the
template and runs `generate` as users do."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import assert_well_formed, table, write

TEXT = "tpl/text/{catalog}.txt.j2"
PYTHON = "tpl/python/{package}/{catalog}_extra.py.j2"
JSON = "tpl/jsonschema/{catalog}.extra.json.j2"
PARTIAL = "tpl/text/_part.jinja"
# The spec's texts: quotes, backslashes, Jinja of its own, a line break, a bidi control.
HOSTILE_MESSAGE = 'Say """hi""" {{ x }} {% raw %} C:\\new\\ \u202e'
HOSTILE_DESCRIPTION = "'''x''' \\ {# not a comment #} <br> next"
READ_DESCRIPTION = HOSTILE_DESCRIPTION.replace("<br>", "\n")  # a line break in a cell
# the hostile message holds braces errgen keeps as text (W209): silenced where lines are counted
SPEC = (
    "## Acme > Widget > Error Code\n\n"
    "| resultCode | resultKey | resultMessage | description |\n|---|---|---|---|\n"
    "| 0 | SUCCESS | Success. | All went well. |\n"
    f"| 4000001 | INVALID_PARAMETER | {HOSTILE_MESSAGE} | {HOSTILE_DESCRIPTION} |\n"
)
EXPECTED = "expected it through an escaping filter: py_str, py_text, py_name, py_int, py_optional_int, json, toml_str, ts_str, ts_text, ts_name, ts_int or ts_optional_int"

# (case, {file: text}, PATH:LINE of the diagnostic, what its message says)
CASES = [
    ("message", {TEXT: "one\n{% for code in catalog.codes %}\n{{ code.message }}\n{% endfor %}\n"}, f"{TEXT}:3", "code.message ('Success.')"),
    ("key", {TEXT: "one\ntwo\n{{ catalog.codes[1].key }}\n"}, f"{TEXT}:3", "code.key ('INVALID_PARAMETER')"),
    ("description", {TEXT: "{% for code in catalog.codes %}\n{{ code.code }}: {{ code.description }}\n{% endfor %}\n"}, f"{TEXT}:2", "code.description ('All went well.')"),
    ("title", {TEXT: "one\n{{ catalog.title }}\n"}, f"{TEXT}:2", "a tuple holding catalog.title ('Acme')"),
    ("in-if", {TEXT: "{% for code in catalog.codes %}\n{% if code.code > 0 %}\n\n{{ code.message }}\n{% endif %}\n{% endfor %}\n"}, f"{TEXT}:4", "code.message ('Say"),
    (
        "in-macro",
        {TEXT: "{% macro show(value) %}\nvalue: {{ value }}\n{% endmacro %}\n{{ show(catalog.codes[0].key | py_name) }}\n{{ show(catalog.codes[0].key) }}\n"},
        f"{TEXT}:2",
        "code.key ('SUCCESS')",
    ),
    ("in-include", {TEXT: "one\n{% include 'text/_part.jinja' %}\n", PARTIAL: "a\n{% for code in catalog.codes %}{{ code.description }}{% endfor %}\n"}, f"{PARTIAL}:2", "code.description"),
    (
        "in-imported-macro",
        {TEXT: "{% import 'text/_part.jinja' as part %}\n{{ part.line(catalog) }}\n", PARTIAL: "{% macro line(c) %}\n\n{{ c.title | join(' > ') }}\n{% endmacro %}\n"},
        f"{PARTIAL}:3",
        "text made from catalog.title ('Acme > Widget')",
    ),
    ("joined-by-tilde", {TEXT: "{{ 'Error ' ~ catalog.codes[0].key }}\n"}, f"{TEXT}:1", "text made from code.key ('Error SUCCESS')"),
    ("text-filter", {TEXT: "one\n{{ catalog.codes[0].message | upper }}\n"}, f"{TEXT}:2", "text made from code.message ('SUCCESS.')"),
    ("str-method", {TEXT: "one\n{{ catalog.codes[0].message.replace('.', '!') }}\n"}, f"{TEXT}:2", "text made from code.message ('Success!')"),
    ("format", {TEXT: "{{ '%s!' % catalog.codes[0].key }}\n{{ '{}'.format(catalog.codes[0].key) }}\n"}, f"{TEXT}:1", "text made from code.key ('SUCCESS!')"),
    ("slice", {TEXT: "one\n{{ catalog.codes[0].message[:3] }}\n"}, f"{TEXT}:2", "text made from code.message ('Suc')"),
    ("set-variable", {TEXT: "{% set m = catalog.codes[0].message %}\none\n{{ m }}\n"}, f"{TEXT}:3", "code.message ('Success.')"),
    ("set-block", {TEXT: "{% set m %}\n{{ catalog.codes[0].message }}\n{% endset %}\n{{ m }}\n"}, f"{TEXT}:2", "code.message ('Success.')"),
    ("safe-is-not-escaping", {TEXT: "{{ catalog.codes[0].message | safe }}\n"}, f"{TEXT}:1", "text made from code.message"),
    ("a-dict-of-messages", {TEXT: "{{ catalog.by_code('message') }}\n"}, f"{TEXT}:1", "a dict holding code.message ('Success.')"),
    ("a-code-whole", {TEXT: "one\n{{ catalog.codes[0] }}\n"}, f"{TEXT}:2", "the model's ErrorCode as it is"),
    ("python-docstring", {PYTHON: '"""{{ catalog.codes[1].message }}"""\n'}, f"{PYTHON}:1", "code.message ('Say"),
    ("true-in-json", {JSON: '{\n  "ok": {{ catalog.codes[0].success }}\n}\n'}, f"{JSON}:2", "Python's True into a .json file; expected the json filter"),
    ("none-in-json", {JSON: '{\n  "retry": {{ catalog.codes[0].retryable }}\n}\n'}, f"{JSON}:2", "Python's None into a .json file"),
]


def out_dir_state(out: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path, errgen) -> Path:
    """A project that generated once, with a templates folder that adds a text target."""
    write(tmp_path / "specs/widget.md", SPEC)
    write(tmp_path / TEXT, "{{ catalog.id }}: {{ catalog.codes | length }} codes\n")
    first = errgen("generate", "--templates", "tpl", "--ignore", "W209", cwd=tmp_path)
    assert first.code == 0, first.err
    return tmp_path


@pytest.mark.parametrize(("case", "files", "where", "says"), CASES, ids=[case[0] for case in CASES])
def test_a_value_from_a_spec_written_as_it_is_is_an_error_at_its_line(case: str, files: dict[str, str], where: str, says: str, project: Path, errgen) -> None:
    out = project / "generated"
    before = out_dir_state(out)
    for name, text in files.items():
        write(project / name, text)
    result = errgen("generate", "--templates", "tpl", "--ignore", "W209", cwd=project)
    assert result.code == 1, result.err
    assert_well_formed(result.err)
    line, summary = result.err.splitlines()
    assert summary == "errgen: 1 error (E502: 1), 0 warnings"
    assert line.startswith(f"{where}:1: error: the template writes "), line
    assert line.endswith(" [E502]"), line
    assert says in line
    assert "; expected " in line
    assert out_dir_state(out) == before


def test_the_message_names_the_value_and_the_filters(project: Path, errgen) -> None:
    write(project / TEXT, "{{ catalog.codes[1].message }}\n")
    line = errgen("generate", "--templates", "tpl", "--ignore", "W209", cwd=project).err.splitlines()[0]
    shown = 'Say """hi""" {{ x }} {% raw %} C:\\\\new\\\\ \\u202e'  # escaped for one line
    assert line == f"{TEXT}:1:1: error: the template writes code.message ('{shown}') as it is; {EXPECTED} [E502]"


def test_through_the_filters_the_values_are_written_escaped(project: Path, errgen) -> None:
    """The same values through escaping filters: Python that reads back the spec's text, JSON
    that does, and a text file with the header, ids, numbers and literals as they are."""
    write(
        project / PYTHON,
        '"""Codes of {{ catalog.title | join(" > ") | py_text }}: {{ catalog.codes[1].description | py_text }}."""\n\n'
        "{% for code in catalog.codes %}\n"
        "{{ code.key | py_name }} = ({{ code.code | py_int }}, {{ code.message | py_str }}, {{ code.description | py_str }}, {{ code.success }})\n"
        "{% endfor %}\n"
        'TITLE = {{ (catalog.title | join(" > ") ~ " (" ~ catalog.codes[1].key ~ ")") | py_str }}\n'
        "RETRY = {{ catalog.codes[0].retryable }}\n",
    )
    write(project / JSON, '{"messages": {{ catalog.by_code("message") | json }}, "keys": {{ catalog.codes | map(attribute="key") | list | json }}, "ok": {{ catalog.codes[0].success | json }}}\n')
    write(project / TEXT, "{{ header }}\n{{ catalog.id }} {{ catalog.class_prefix }} {{ project.package }} {{ 'literal' }} {{ 1 + 2 }}\n{% for code in catalog.codes %}{{ loop.index }}. {{ code.code }} {{ code.class_name }} {{ code.success }}\n{% endfor %}\n")
    result = errgen("generate", "--templates", "tpl", "--ignore", "W209", cwd=project)
    assert result.code == 0, result.err
    module = project / "generated/python/acme_errors/widget_extra.py"
    read = subprocess.run(
        [sys.executable, "-c", "import runpy, json; g = runpy.run_path(__import__('sys').argv[1]); print(json.dumps([g['INVALID_PARAMETER'], g['TITLE'], g['RETRY'], g['__doc__']]))", str(module)],
        capture_output=True, text=True, check=True,
    )
    code, title, retry, doc = json.loads(read.stdout)
    assert code == [4000001, HOSTILE_MESSAGE, READ_DESCRIPTION, False]
    assert (title, retry) == ("Acme > Widget (INVALID_PARAMETER)", None)
    assert doc.startswith("Codes of Acme > Widget: ")
    schema = json.loads((project / "generated/jsonschema/widget.extra.json").read_text())
    assert schema["messages"] == {"0": "Success.", "4000001": HOSTILE_MESSAGE}
    assert (schema["keys"], schema["ok"]) == (["SUCCESS", "INVALID_PARAMETER"], True)
    text = (project / "generated/text/widget.txt").read_text()
    assert text.splitlines()[1].startswith("Generated by errgen from specs/widget.md.")  # below errgen's own comment
    assert text.splitlines()[2:] == ["widget Widget acme_errors literal 3", "1. 0 None True", "2. 4000001 InvalidParameterError False"]
