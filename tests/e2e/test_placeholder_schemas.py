"""The schemas carry each code's placeholders: `x-placeholders` on the ResultCode enum of the
JSON Schema and of the OpenAPI components, only for a catalog whose messages have some."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from helpers import FIXTURES, GENERATED

EXPECTED = {
    "4000001": ["0", "1"],
    "4000002": ["1", "0"],
    "4000003": ["0", "field"],
    "4000004": ["id"],
    "4000006": ["0", "1"],
    "4040001": ["templateId", "project"],
}


def test_json_schema_and_openapi_list_the_placeholders_of_each_code(tmp_path: Path) -> None:
    from generator.cli import main

    shutil.copytree(FIXTURES / "placeholders" / "agree", tmp_path / "specs")
    assert main(["generate", str(tmp_path / "specs"), "--out", str(tmp_path / "out")]) == 0
    schema = json.loads((tmp_path / "out" / "jsonschema" / "messages.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$defs"]["ResultCode"]["x-placeholders"] == EXPECTED
    document = yaml.safe_load((tmp_path / "out" / "openapi" / "messages.openapi.yaml").read_text(encoding="utf-8"))
    assert document["components"]["schemas"]["MessagesResultCode"]["x-placeholders"] == EXPECTED


def test_a_catalog_without_placeholders_has_no_such_keyword() -> None:
    for path in (GENERATED / "jsonschema").glob("*.json"):
        assert "x-placeholders" not in json.loads(path.read_text(encoding="utf-8"))["$defs"]["ResultCode"]
