"""A deprecated code in the generated package: its member and class say so in their docstring and
in a ``deprecated`` attribute; every other code, and every code the docs do not list, is not."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from helpers import import_fresh, run_cli, write

SPEC = """## Acme > Widget > Error Code

| resultCode | resultKey | resultMessage | description | deprecated |
|---|---|---|---|---|
| 0 | SUCCESS | OK | | |
| 4000001 | INVALID_PARAMETER | Invalid parameter. | | |
| 4000002 | OLD_PARAMETER | Old parameter. | Use INVALID_PARAMETER instead. | yes |
| 5000001 | OLD_FAILURE | Old failure. | Deprecated: the server retries now. | |
"""


@pytest.fixture(scope="module")
def widget(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("deprecated")
    write(root / "specs/widget.md", SPEC)
    result = run_cli("generate", "--out", "out", cwd=root)
    assert result.returncode == 0, result.stderr
    sys.path.insert(0, str(root / "out/python"))
    try:
        yield import_fresh("acme_errors.widget"), root / "out/python/acme_errors/widget.py"
    finally:
        sys.path.remove(str(root / "out/python"))
        for name in [m for m in sys.modules if m.split(".")[0] == "acme_errors"]:
            del sys.modules[name]


def test_members_and_classes_carry_a_deprecated_attribute(widget) -> None:
    module, _path = widget
    assert {m.name for m in module.ResultCode if m.deprecated} == {"OLD_PARAMETER", "OLD_FAILURE"}
    assert module.OldParameterError.deprecated and module.OldFailureError.deprecated
    assert not module.InvalidParameterError.deprecated and not module.WidgetError.deprecated
    assert module.from_code(4000002).deprecated and not module.from_code(4000001).deprecated
    assert not module.from_code(4009999).deprecated  # a code the docs do not list


def test_their_docstrings_say_so_with_the_description(widget) -> None:
    module, path = widget
    assert module.OldParameterError.__doc__.splitlines()[1:-1] == ["", "    Deprecated. Use INVALID_PARAMETER instead."]
    assert module.OldFailureError.__doc__.splitlines()[1:-1] == ["", "    Deprecated: the server retries now."]
    assert "eprecated" not in module.InvalidParameterError.__doc__
    enum_class = next(n for n in ast.parse(path.read_text(encoding="utf-8")).body if isinstance(n, ast.ClassDef) and n.name == "ResultCode")
    # an attribute docstring (PEP 257), which pyright, Sphinx and IDEs show for the member
    documented = {
        statement.targets[0].id: following.value.value
        for statement, following in zip(enum_class.body, enum_class.body[1:])
        if isinstance(statement, ast.Assign) and isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
    }
    assert documented == {"OLD_PARAMETER": "Deprecated.", "OLD_FAILURE": "Deprecated."}
