"""Problem types: the package's to_problem() and the schemas' problem examples give every code the
same `type`, for each form of `problem-type-base` (none: the URN; a URL below which each code has
its page; a URL that places the catalog and key itself)."""

from __future__ import annotations

import json
import sys

import pytest
import yaml

from helpers import import_fresh, run_cli, table, write

BASES = {
    "urn": ("", "urn:acme-errors:widget:BAD_INPUT"),
    "below": ("https://docs.example.com/errors/", "https://docs.example.com/errors/widget/BAD_INPUT"),
    "placed": ("https://docs.example.com/{catalog}.html#{key}", "https://docs.example.com/widget.html#BAD_INPUT"),
}


@pytest.mark.parametrize("form", BASES, ids=BASES.keys())
def test_python_and_the_schemas_give_each_code_the_same_type(form: str, tmp_path, monkeypatch) -> None:
    base, expected = BASES[form]
    write(tmp_path / "specs/widget.md", table((0, "SUCCESS", "OK"), (4000001, "BAD_INPUT", "Bad input."), (5000001, "BROKEN", "Broken.")))
    write(tmp_path / "pyproject.toml", "[tool.errgen]\n" + (f'problem-type-base = "{base}"\n' if base else ""))
    result = run_cli("generate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    monkeypatch.syspath_prepend(str(tmp_path / "generated/python"))
    widget = import_fresh("acme_errors.widget")
    try:
        problems = {code: widget.from_code(code).to_problem() for code in (4000001, 5000001)}
        assert problems[4000001]["type"] == expected
        schema = json.loads((tmp_path / "generated/jsonschema/widget.schema.json").read_text(encoding="utf-8"))
        assert schema["$defs"]["Problem"]["examples"] == list(problems.values())
        document = yaml.safe_load((tmp_path / "generated/openapi/widget.openapi.yaml").read_text(encoding="utf-8"))
        examples = document["components"]["responses"]["WidgetProblem"]["content"]["application/problem+json"]["examples"]
        assert [e["value"] for e in examples.values()] == list(problems.values())
    finally:
        for name in [m for m in sys.modules if m.split(".")[0] == "acme_errors"]:
            del sys.modules[name]
