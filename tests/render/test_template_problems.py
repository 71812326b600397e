"""A template of the user's that fails is a diagnostic at the template's own path and line.

Each case starts from a project that generated once with a templates folder, then saves a
broken template (a new target, a partial, or an override of a built-in one) and runs
`generate` and `check`: both exit 1 with one diagnostic at the template's PATH:LINE:COL, never
the internal error (exit 70) and never a traceback, and the out dir is left byte for byte and
mtime for mtime as the first run wrote it. The diagnostics are pinned by syrupy snapshots; the
runs happen in the project folder, so paths in them are relative.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import REPO, assert_well_formed, table, write

TEXT = "tpl/text/{catalog}.txt.j2"
PYTHON = "tpl/python/{package}/{catalog}.py.j2"
SCHEMA = "tpl/jsonschema/{catalog}.schema.json.j2"
OPENAPI = "tpl/openapi/{catalog}.openapi.yaml.j2"
COMPONENTS = "tpl/openapi/_components.jinja"


def builtin(name: str) -> str:
    """One of errgen's own templates, to override with a change."""
    return (REPO / "templates" / name.removeprefix("tpl/")).read_text(encoding="utf-8")


def changed(name: str, old: str, new: str) -> str:
    text = builtin(name)
    assert old in text, f"{old!r} is no longer in the built-in {name}"
    return text.replace(old, new, 1)



# (case, {template file: text or bytes}, the diagnostic's PATH:LINE:COL, words its message holds)
CASES = [
    # Jinja syntax, at the line Jinja stops at
    ("syntax-empty-if", {TEXT: "one\ntwo\n{% if %}\n{% endif %}\n"}, f"{TEXT}:3:1", "invalid template"),
    ("syntax-unclosed-block", {TEXT: "one\n{% for code in catalog.codes %}\n{{ code.key }}\n"}, f"{TEXT}:3:1", "'for'"),
    ("syntax-wrong-end-tag", {TEXT: "{% for code in catalog.codes %}\n{{ code.key }}\n{% endif %}\n"}, f"{TEXT}:3:1", "'endif'"),
    ("unknown-filter", {TEXT: "one\n{{ catalog.id | no_such_filter }}\n"}, f"{TEXT}:2:1", "no_such_filter"),
    # names the template may not use
    ("undefined-name", {TEXT: "one\ntwo\n{{ nope }}\n"}, f"{TEXT}:3:1", "'nope' is undefined"),
    ("undefined-attribute", {TEXT: "one\n{{ catalog.nope }}\n"}, f"{TEXT}:2:1", "no attribute 'nope'"),
    ("undefined-attribute-in-loop", {TEXT: "{% for code in catalog.codes %}\n{{ code.nope }}\n{% endfor %}\n"}, f"{TEXT}:2:1", "no attribute 'nope'"),
    ("project-catalogs-per-catalog", {TEXT: "one\n{{ project.catalogs | length }}\n"}, f"{TEXT}:2:1", "except catalogs"),
    # errors while rendering
    ("zero-division", {TEXT: "one\n{{ 1 // 0 }}\n"}, f"{TEXT}:2:1", "ZeroDivisionError"),
    ("call-a-str", {TEXT: "one\ntwo\n{{ catalog.id() }}\n"}, f"{TEXT}:3:1", "not callable"),
    ("errgen-filter-wrong-type", {TEXT: "one\n{{ catalog.codes | py_str }}\n"}, f"{TEXT}:2:1", "py_str: expected str"),
    ("jinja-filter-wrong-type", {TEXT: "one\n{{ 3 | join(', ') }}\n"}, f"{TEXT}:2:1", "not iterable"),
    ("endless-recursion", {TEXT: "{% macro f() %}{{ f() }}{% endmacro %}\n{{ f() }}\n"}, f"{TEXT}:1:1", "calls itself without end"),
    # in a template included or imported: at that template's path and line
    (
        "error-in-included",
        {TEXT: "one\n{% include 'x.j2' %}\n", "tpl/x.j2": "a\nb\n{{ nope }}\n"},
        "tpl/x.j2:3:1",
        "'nope' is undefined",
    ),
    (
        "syntax-in-included",
        {TEXT: "one\n{% include 'text/_part.jinja' %}\n", "tpl/text/_part.jinja": "a\n{% if %}\n"},
        "tpl/text/_part.jinja:2:1",
        "invalid template",
    ),
    (
        "error-in-imported-macro",
        {
            TEXT: "{% import 'text/_macros.jinja' as m %}\n{{ m.count(catalog) }}\n",
            "tpl/text/_macros.jinja": "{% macro count(c) %}\n{{ c.codes | length }}\n{{ c.codes[0].code // 0 }}\n{% endmacro %}\n",
        },
        "tpl/text/_macros.jinja:3:1",
        "ZeroDivisionError",
    ),
    ("include-missing", {TEXT: "one\n{% include 'text/missing.jinja' %}\n"}, f"{TEXT}:2:1", "no template 'text/missing.jinja'"),
    # bytes that are not UTF-8: at the first bad byte
    ("not-utf8", {TEXT: b"one\nt\xe9\xff\n"}, f"{TEXT}:2:2", "invalid UTF-8 (byte 0xe9)"),
    (
        "not-utf8-included",
        {TEXT: "one\n{% include 'text/_part.jinja' %}\n", "tpl/text/_part.jinja": b"ok\nok\n\xff\n"},
        "tpl/text/_part.jinja:3:1",
        "invalid UTF-8 (byte 0xff)",
    ),
    # overrides of built-in templates that render what their file's kind cannot hold
    (
        "python-unclosed-parenthesis",
        {PYTHON: "x = (\n\n" + builtin(PYTHON)},
        f"{PYTHON}:1:1",
        "renders python/acme_errors/widget.py, which is not Python: '(' was never closed (line 1, column 5",
    ),
    (
        "python-that-does-not-compile",
        {PYTHON: changed(PYTHON, "import enum\n", "import enum\nX = [*a for a in b]\n")},
        f"{PYTHON}:1:1",
        "renders python/acme_errors/widget.py, which is not Python: iterable unpacking",
    ),
    (
        "json-not-json",
        {SCHEMA: changed(SCHEMA, '"type": "object",', '"type": "object"')},
        f"{SCHEMA}:1:1",
        "renders jsonschema/widget.schema.json, which is not JSON: Expecting ',' delimiter (line",
    ),
    ("json-not-an-object", {SCHEMA: "[1, 2]\n"}, f"{SCHEMA}:1:1", "is JSON but not an object (it is an array)"),
    ("json-name-twice", {SCHEMA: '{"a": 1,\n "a": 2}\n'}, f"{SCHEMA}:1:1", "names 'a' twice in one object"),
    ("json-nan", {SCHEMA: '{"a": NaN}\n'}, f"{SCHEMA}:1:1", "NaN is no JSON value"),
    ("json-infinite-number", {SCHEMA: '{"a": 1e999}\n'}, f"{SCHEMA}:1:1", "1e999"),
    (
        "yaml-not-json",
        {OPENAPI: changed(OPENAPI, '"openapi": "3.1.0",', '"openapi": "3.1.0"')},
        f"{OPENAPI}:1:1",
        "renders openapi/widget.openapi.yaml, which is not JSON: Expecting ',' delimiter (line 3, column 3",
    ),
    ("yaml-written-as-yaml", {OPENAPI: "openapi: 3.1.0\ninfo:\n  title: x\n"}, f"{OPENAPI}:1:1", "JSON, which errgen writes out as YAML"),
    (
        "yaml-partial-not-json",
        {COMPONENTS: changed(COMPONENTS, '"type": "object",', '"type": "object"')},
        f"{COMPONENTS}:1:1",
        "renders openapi/widget.openapi.yaml, which is not JSON",
    ),
    ("yaml-partial-without-macros", {COMPONENTS: "{# nothing #}\n"}, f"{COMPONENTS}:1:1", "no attribute 'schemas'"),
]


def out_dir_state(out: Path) -> dict[str, tuple[bytes, int]]:
    """Every file of the out dir (its record too), with its bytes and mtime."""
    return {p.relative_to(out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path, errgen) -> Path:
    """A project that generated once, with a templates folder that adds a text target."""
    write(tmp_path / "specs/widget.md", table((1, "ONE", "One."), (4000001, "INVALID_PARAMETER", "Invalid parameter.")))
    write(tmp_path / TEXT, "{{ catalog.id }}: {{ catalog.codes | length }} codes\n")
    first = errgen("generate", "--templates", "tpl", cwd=tmp_path)
    assert first.code == 0, first.err
    assert (tmp_path / "generated/text/widget.txt").read_text().endswith("\nwidget: 2 codes\n")
    return tmp_path


def save(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def shown(err: str, root: Path) -> str:
    """stderr with any temporary or repository path replaced (runs are relative; this is a guard)."""
    return err.replace(str(root), "<project>").replace(str(REPO), "<repo>")


@pytest.mark.parametrize(("case", "files", "where", "says"), CASES, ids=[case[0] for case in CASES])
def test_a_failing_template_is_a_diagnostic_at_its_line_and_nothing_is_written(
    case: str, files: dict[str, str | bytes], where: str, says: str, project: Path, errgen, snapshot
) -> None:
    out = project / "generated"
    before = out_dir_state(out)
    save(project, files)

    result = errgen("generate", "--templates", "tpl", cwd=project)
    assert result.code == 1, result.err
    assert "internal error" not in result.err and "Traceback" not in result.err
    assert_well_formed(result.err)
    lines = result.err.splitlines()
    assert len(lines) == 2 and lines[1] == "errgen: 1 error (E501: 1), 0 warnings", lines
    assert lines[0].startswith(f"{where}: error: "), lines[0]
    assert says in lines[0]
    assert re.search(r"; expected .+", lines[0]), lines[0]
    assert shown(result.err, project) == snapshot
    assert out_dir_state(out) == before

    checked = errgen("check", "--templates", "tpl", cwd=project)
    assert (checked.code, checked.err, checked.out) == (1, result.err, "")
    assert out_dir_state(out) == before


def test_a_template_problem_comes_back_from_worker_processes(tmp_path: Path, errgen) -> None:
    """With enough catalogs to share, the render runs in forked workers: the problem comes
    back from them as the same diagnostic, and what a worker staged is removed again."""
    for number in range(32):
        write(tmp_path / f"specs/widget{number}.md", table((1, "ONE", "One."), heading=f"## Acme > Widget {number} > Error Code"))
    write(tmp_path / TEXT, "{{ catalog.id }}\n")
    assert errgen("generate", "--templates", "tpl", "--jobs", "2", cwd=tmp_path).code == 0
    before = out_dir_state(tmp_path / "generated")
    write(tmp_path / TEXT, "{{ catalog.id }}\n{{ catalog.nope }}\n")
    result = errgen("generate", "--templates", "tpl", "--jobs", "2", cwd=tmp_path)
    assert result.code == 1, result.err
    (line, summary) = result.err.splitlines()
    assert summary == "errgen: 1 error (E501: 1), 0 warnings"
    assert line.startswith(f"{TEXT}:2:1: error: the template fails: "), line
    assert out_dir_state(tmp_path / "generated") == before
    assert not [p for p in (tmp_path / "generated").rglob("*") if p.name.endswith((".errgen-tmp", ".errgen-old"))]


def test_python_that_only_black_refuses_is_positioned_in_the_rendered_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Python's compiler sees a template's Python first; what black alone cannot parse is told
    at black's position, less the header line errgen put on top."""
    import generator.finish
    from generator.finish import NotItsKind, finish

    monkeypatch.setattr(generator.finish, "check_python", lambda path, text: None)
    with pytest.raises(NotItsKind) as caught:
        finish("python/acme_errors/widget.py", "import enum\nx = 1;;\n", "Generated by errgen.", builtin=False)
    assert (caught.value.line, caught.value.col) == (2, 7)
    assert caught.value.describe("python/acme_errors/widget.py") == (
        "renders python/acme_errors/widget.py, which black cannot parse (line 2, column 7 of what the template renders); "
        "expected Python source that black can format"
    )


def test_a_missing_or_unusable_templates_folder_is_a_usage_error(tmp_path: Path, errgen) -> None:
    """A typo in --templates must not give the built-in output alone, silently."""
    write(tmp_path / "specs/widget.md", table((1, "ONE", "One.")))
    for command in ("generate", "check"):
        missing = errgen(command, "--templates", "tlp", cwd=tmp_path)
        assert (missing.code, missing.err) == (2, "errgen: error: the templates folder tlp: no such file or folder; expected a folder of templates\n")
        a_file = errgen(command, "--templates", "specs/widget.md", cwd=tmp_path)
        assert (a_file.code, a_file.err) == (2, "errgen: error: the templates folder specs/widget.md: is not a folder; expected a folder of templates\n")
    assert not (tmp_path / "generated").exists()
