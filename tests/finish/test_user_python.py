"""The Python a user's template renders comes out as black formats the whole module: an
override of the built-in catalog module, with a few changes, and a template of the user's own
written in no particular layout. Each is rendered by errgen's templates, finished as a run
finishes it, and held to black run on the whole rendered module."""

from __future__ import annotations

import shutil
from pathlib import Path

import black

from generator.diagnostics import one_line
from generator.finish import finish, wrapped_by_black
from generator.render.templates import Output, ProjectScope, Templates, catalog_context

from helpers import HOSTILE, SPECS, build_project, configured, generate, table, write

BLACK = black.Mode(target_versions={black.TargetVersion.PY311})  # as errgen runs black
CATALOG = "python/{package}/{catalog}.py.j2"
UNTIDY = """from typing import ClassVar
import enum
class {{ catalog.class_prefix | py_name }}Codes( enum.IntEnum ) :
  '''Codes of {{ catalog.title | join(" > ") | py_text }}.'''
{% for code in catalog.codes %}
  {{ code.key | py_name }}={{ code.code | py_int }}
{% endfor %}
def describe( code:int )->str :
    messages = { {% for code in catalog.codes %}{{ code.code | py_int }} : {{ code.message | py_str }}, {% endfor %}}
    return messages.get(code,'unknown')
def keys(): return [{% for code in catalog.codes %}{{ code.key | py_str }},{% endfor %}]
class Extra:
    name : ClassVar[str] = {{ catalog.id | py_str }}



    def method(self):
        pass
"""


def rows() -> list[tuple[int, str, str]]:
    """Codes with long and wide messages and every hostile text."""
    found = [(4000001 + n, f"LONG_{n}", ("한국어 " if n % 2 else "word ") * n + "end.") for n in range(5, 60, 6)]
    found += [(5000001 + n, f"HOSTILE_{n}", text.replace("|", "\\|").replace("\n", "<br>") or "x") for n, text in enumerate(HOSTILE)]
    return found


def rendered_and_finished(templates_dir: Path, name: str) -> list[tuple[str, str, bytes]]:
    """(header, rendered text, finished bytes) of a template of the user's for every catalog."""
    project, diagnostics = build_project([("specs/widget.md", table(*rows())), ("specs/seed.md", (SPECS / "general-ocr.md").read_text())])
    assert project is not None, [d.format() for d in diagnostics]
    templates, scope = Templates((templates_dir,), tests={"wrapped_by_black": wrapped_by_black}), ProjectScope(project)
    found = []
    for catalog in project.catalogs:
        context = catalog_context(scope, catalog)
        output = Output(name)
        text = templates.render(output, context)
        assert not text.builtin
        path = output.path(project.package, catalog.id)
        found.append((context["header"], text.text, finish(path, text.text, context["header"], builtin=False).data))
    return found


def test_an_override_of_the_catalog_module_is_as_black_writes_the_whole_module(tmp_path: Path) -> None:
    template = (Path(__file__).resolve().parents[2] / "templates" / CATALOG).read_text()
    template = template.replace("    @property\n    def key(self)", "    @property\n    def upper(self) -> str:\n        return self.name.upper()\n\n    @property\n    def key(self)", 1)
    template = template.replace("    code: int | None = {{ code.code | py_int }}\n", "    code: int | None = {{ code.code | py_int }}\n    team: ClassVar[str] = {{ (code.key ~ ' of ' ~ catalog.id) | py_str }}\n", 1)
    write(tmp_path / "tpl" / CATALOG, template)
    modules = rendered_and_finished(tmp_path / "tpl", CATALOG)
    assert len(modules) == 2
    for header, text, data in modules:
        assert data.decode() == black.format_str(f"# {one_line(header)}\n{text}", mode=BLACK)


def test_an_untidy_template_comes_out_as_black_writes_it(tmp_path: Path) -> None:
    write(tmp_path / "tpl/python/{package}/{catalog}_extra.py.j2", UNTIDY)
    modules = rendered_and_finished(tmp_path / "tpl", "python/{package}/{catalog}_extra.py.j2")
    for header, text, data in modules:
        expected = black.format_str(f"# {one_line(header)}\n{text}", mode=BLACK)
        assert data.decode() == expected
        assert "class WidgetCodes(enum.IntEnum):\n" in expected or "class GeneralOcrCodes(enum.IntEnum):\n" in expected


def test_a_run_with_an_override_writes_what_black_writes(tmp_path: Path) -> None:
    """Through `generate`: every module of the package as black writes it, the same bytes as
    errgen's own templates give."""
    shutil.copytree(SPECS, tmp_path / "specs")
    shutil.copytree(Path(__file__).resolve().parents[2] / "templates/python", tmp_path / "tpl/python")
    own, expected = generate(configured(tmp_path, [tmp_path / "specs"], out=tmp_path / "own"))
    outcome, files = generate(configured(tmp_path, [tmp_path / "specs"], out=tmp_path / "out", templates=tmp_path / "tpl"))
    assert own.failure is None and outcome.failure is None
    assert files == expected
    for path, data in files.items():
        if path.endswith(".py"):
            assert black.format_str(data.decode(), mode=BLACK) == data.decode(), path
