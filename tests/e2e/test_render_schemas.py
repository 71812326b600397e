"""JSON Schema and OpenAPI artifacts as the tools that consume them read them.

jsonschema, openapi-spec-validator, a YAML 1.2 reader and datamodel-code-generator run on the
committed generated/ and on a fresh `errgen generate` of the seeds beside a spec of awkward
messages. Expected values come from `errgen ir`, the catalog as errgen read it.
"""

from __future__ import annotations

import enum
import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator, ValidationError
from openapi_spec_validator import OpenAPIV31SpecValidator, validate
from referencing import Registry
from ruamel.yaml import YAML

from helpers import GENERATED, REPO, SPECS, body, camel, datamodel_codegen, import_fresh, run_cli, table, write

# Messages that YAML, JSON or a code generator could misread: numbers in YAML 1.1 or 1.2,
# booleans, null, flow and block syntax, quotes, backslashes, pipes, non-ASCII text.
AWKWARD = table(
    (0, "SUCCESS", "1e3"),
    (-1, "FAIL", "0o17"),
    (400, "BAD_REQUEST", "09"),
    (4000001, "YES_NO", "yes"),
    (4000002, "NULL_VALUE", "null"),
    (4000003, "LIST_LIKE", "- item: value # not a comment"),
    (4000004, "QUOTES", 'He said "stop" and it\'s \\\\ fine \\| ok'),
    (4000005, "NON_ASCII", "잘못된 요청입니다 — ümlaut ✓"),
    (5000001, "FLOW", '{"header": [1, 2]} & 1.0e3'),
    (5000002, "DOC_QUOTES", "\"\"\" ''' ${x} {{ y }}"),
    heading='## Acme: "Labs" > Widget Tools > Error Code',
)


@dataclass(frozen=True)
class Output:
    """A generated/ folder and the catalogs it was generated from."""

    root: Path
    catalogs: list[dict[str, Any]]

    def openapi_files(self) -> list[Path]:
        return sorted((self.root / "openapi").glob("*.yaml"))


def read_ir(cwd: Path) -> list[dict[str, Any]]:
    """The catalogs, each with the package's name beside it (problem types start with it)."""
    result = run_cli("ir", cwd=cwd)
    assert result.returncode == 0, result.stderr
    ir = json.loads(result.stdout)
    return [{**catalog, "package": ir["package"]} for catalog in ir["catalogs"]]


@pytest.fixture(scope="module", params=["committed", "fresh"])
def output(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Output:
    if request.param == "committed":
        return Output(GENERATED, read_ir(REPO))
    root = tmp_path_factory.mktemp("fresh")
    shutil.copytree(SPECS, root / "specs")
    write(root / "specs" / "awkward.md", AWKWARD)
    result = run_cli("generate", "--out", "out", cwd=root)
    assert result.returncode == 0, result.stderr
    catalogs = read_ir(root)
    assert len(catalogs) == 3
    return Output(root / "out", catalogs)


def code_outside(catalog: dict[str, Any]) -> int:
    return max(code["code"] for code in catalog["codes"]) + 1


def refs_and_ids(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [
            value
            for key, value in node.items()
            if key in ("$ref", "$id") and isinstance(value, str)
        ]
        return found + [item for value in node.values() for item in refs_and_ids(value)]
    if isinstance(node, list):
        return [item for value in node for item in refs_and_ids(value)]
    return []


def load_yaml(path: Path) -> Any:
    """An OpenAPI file as PyYAML (YAML 1.1) reads it, checked to be what a YAML 1.2 reader
    (as in Redocly, Go or Java tools) reads too."""
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert (
        YAML(typ="safe", pure=True).load(text) == data
    ), f"{path.name} reads differently under YAML 1.2"
    return data


# JSON Schema


def load_schema(output: Output, catalog: dict[str, Any]) -> dict[str, Any]:
    return json.loads(
        (output.root / "jsonschema" / f"{catalog['id']}.schema.json").read_text(encoding="utf-8")
    )


def offline_validator(schema: dict[str, Any]) -> Draft202012Validator:
    def refuse(uri: str) -> Any:
        raise AssertionError(f"the schema made the validator fetch {uri}")

    return Draft202012Validator(schema, registry=Registry(retrieve=refuse))


def test_one_schema_per_catalog(output: Output) -> None:
    names = sorted(p.name for p in (output.root / "jsonschema").iterdir())
    assert names == sorted(f"{c['id']}.schema.json" for c in output.catalogs)


def test_every_schema_is_a_valid_draft_2020_12_schema_that_needs_no_network(output: Output) -> None:
    for catalog in output.catalogs:
        schema = load_schema(output, catalog)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        Draft202012Validator.check_schema(schema)
        for uri in refs_and_ids(schema):
            assert not uri.lower().startswith(("http:", "https:", "//")), uri


def test_result_code_lists_every_code_with_its_key_and_message(output: Output) -> None:
    for catalog in output.catalogs:
        result_code = load_schema(output, catalog)["$defs"]["ResultCode"]
        assert result_code["type"] == "integer"
        assert result_code["enum"] == [c["code"] for c in catalog["codes"]]
        assert result_code["x-enum-varnames"] == [c["key"] for c in catalog["codes"]]
        assert result_code["x-enum-descriptions"] == [c["message"] for c in catalog["codes"]]
        assert result_code["x-enumNames"] == result_code["x-enum-varnames"]
        assert result_code["x-enumDescriptions"] == {str(c["code"]): c["message"] for c in catalog["codes"]}
        assert result_code["x-speakeasy-enums"] == {str(c["code"]): c["key"] for c in catalog["codes"]}


def test_every_documented_body_validates_with_any_payload_beside_it(output: Output) -> None:
    for catalog in output.catalogs:
        validator = offline_validator(load_schema(output, catalog))
        for code in catalog["codes"]:
            validator.validate(body(code))
            validator.validate({**body(code), "result": {"anything": [1, "two"]}})


def test_a_code_the_docs_add_later_validates_but_a_body_not_of_the_envelope_does_not(
    output: Output,
) -> None:
    """Enums are open by default: a client built today accepts the codes documented tomorrow."""
    for catalog in output.catalogs:
        validator = offline_validator(load_schema(output, catalog))
        first = catalog["codes"][0]
        header = body(first)["header"]
        validator.validate({"header": {**header, "resultCode": code_outside(catalog)}})
        invalid = [
            {"header": {**header, "resultCode": str(first["code"])}},
            {"header": {**header, "resultCode": 1.5}},
            {"result": {}},
            {"header": {k: v for k, v in header.items() if k != "resultMessage"}},
            {"header": {**header, "isSuccessful": "true"}},
        ]
        for instance in invalid:
            with pytest.raises(ValidationError):
                validator.validate(instance)


# OpenAPI


def test_one_openapi_file_per_catalog_and_one_with_them_all(output: Output) -> None:
    names = [p.name for p in output.openapi_files()]
    assert names == sorted(
        [f"{c['id']}.openapi.yaml" for c in output.catalogs] + ["errors.openapi.yaml"]
    )


def test_every_openapi_file_passes_openapi_spec_validator(output: Output) -> None:
    """A catalog's file refers only to itself; the index only into the catalogs' files."""
    for path in output.openapi_files():
        document = load_yaml(path)
        assert document["openapi"].startswith("3.1.")
        validate(document, base_uri=path.as_uri(), cls=OpenAPIV31SpecValidator)
        for uri in refs_and_ids(document):
            if path.name == "errors.openapi.yaml":
                file, _, pointer = uri.partition("#")
                assert (path.parent / file).is_file() and pointer.startswith("/components/"), uri
            else:
                assert uri.startswith("#/components/"), uri


def placeholders(catalog: dict[str, Any]) -> dict[str, Any]:
    """`x-placeholders`, the placeholder names of each code that has some, when any has."""
    found = {str(c["code"]): [p["name"] for p in c["placeholders"]] for c in catalog["codes"] if c.get("placeholders")}
    return {"x-placeholders": found} if found else {}


def expected_components(catalog: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The components section one catalog contributes, built from the catalog alone, less the
    prose (descriptions, titles) that the snapshots pin."""
    prefix = camel(catalog["id"])
    errors = [c for c in catalog["codes"] if not c["success"]]
    examples = {
        prefix + camel(c["key"]): {"summary": f"{c['code']} {c['key']}", "value": body(c)}
        for c in errors
    }
    codes = [c["code"] for c in catalog["codes"]]
    return {
        "schemas": {
            f"{prefix}ResultCode": {
                "type": "integer",
                "enum": codes,
                "x-enum-varnames": [c["key"] for c in catalog["codes"]],
                "x-enumNames": [c["key"] for c in catalog["codes"]],
                "x-speakeasy-enums": {str(c["code"]): c["key"] for c in catalog["codes"]},
                "x-speakeasy-unknown-values": "allow",
                "x-enum-descriptions": [c["message"] for c in catalog["codes"]],
                "x-enumDescriptions": {str(c["code"]): c["message"] for c in catalog["codes"]},
                **placeholders(catalog),
                "x-localized-messages": [c["messages"] for c in catalog["codes"]],
            },
            f"{prefix}ResultHeader": {
                "type": "object",
                "required": ["isSuccessful", "resultCode", "resultMessage"],
                "properties": {
                    "isSuccessful": {"type": "boolean"},
                    "resultCode": {
                        "anyOf": [
                            {"$ref": f"#/components/schemas/{prefix}ResultCode"},
                            {"type": "integer", "x-extensible-enum": codes},
                        ]
                    },
                    "resultMessage": {"type": "string"},
                },
            },
            f"{prefix}ErrorResponse": {
                "type": "object",
                "required": ["header"],
                "properties": {"header": {"$ref": f"#/components/schemas/{prefix}ResultHeader"}},
            },
            "Problem": PROBLEM,
        },
        "examples": examples,
        "responses": {
            f"{prefix}Error": response(prefix, examples),
            **{
                f"{prefix}{op['name']}Error": response(
                    prefix, [prefix + camel(c["key"]) for c in op["codes"] if not c["success"]]
                )
                for op in catalog["operations"]
            },
            f"{prefix}Problem": {
                "content": {
                    "application/problem+json": {
                        "schema": {"$ref": "#/components/schemas/Problem"},
                        "examples": {camel(c["key"]): {"summary": f"{c['code']} {c['key']}", "value": problem(catalog, c)} for c in errors},
                    }
                }
            },
        },
    }


# RFC 9457's members, with the code and key to_problem() adds (less the prose)
PROBLEM = {
    "type": "object",
    "required": ["type", "title", "detail", "key"],
    "properties": {
        "type": {"type": "string", "format": "uri-reference"},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 100, "maximum": 599},
        "detail": {"type": "string"},
        "instance": {"type": "string", "format": "uri-reference"},
        "code": {"type": "integer"},
        "key": {"type": "string"},
    },
}


def problem(catalog: dict[str, Any], code: dict[str, Any]) -> dict[str, Any]:
    """A code's problem details, as the package's to_problem() gives them by default."""
    distribution = catalog["package"].replace("_", "-")
    found = {"type": f"urn:{distribution}:{catalog['id']}:{code['key']}", "title": code["message"]}
    if code["http_status"] is not None:
        found["status"] = code["http_status"]
    return {**found, "detail": code["message"], "code": code["code"], "key": code["key"]}


def response(prefix: str, example_names: Any) -> dict[str, Any]:
    """A response referring to the catalog's error-response schema and to the named examples."""
    schema_ref = {"$ref": f"#/components/schemas/{prefix}ErrorResponse"}
    return {
        "content": {
            "application/json": {
                "schema": schema_ref,
                "examples": {name: {"$ref": f"#/components/examples/{name}"} for name in example_names},
            }
        },
    }


def without_prose(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: without_prose(v) for k, v in node.items() if k not in ("title", "description")}
    if isinstance(node, list):
        return [without_prose(item) for item in node]
    return node


def assert_same_in_order(got: Any, expected: Any) -> None:
    """Equal, with every mapping's names in the same order (the order readers show)."""
    assert got == expected
    if isinstance(expected, dict):
        assert list(got) == list(expected)
        for name in expected:
            assert_same_in_order(got[name], expected[name])


def test_each_catalog_file_holds_its_components_and_an_example_per_error_code(
    output: Output,
) -> None:
    for catalog in output.catalogs:
        document = load_yaml(output.root / "openapi" / f"{catalog['id']}.openapi.yaml")
        assert document["info"]["title"] == " > ".join(catalog["title"]) + " error codes"
        assert document["info"]["version"]
        for response in document["components"]["responses"].values():
            assert response["description"].strip()  # required by OpenAPI, shown by API docs
        assert_same_in_order(without_prose(document["components"]), without_prose(expected_components(catalog)))


def test_errors_openapi_is_an_index_of_every_catalogs_schemas_and_responses(output: Output) -> None:
    """Each entry is a reference to the same entry of the catalog's own file, which holds it;
    the index stays small whatever the number of catalogs."""
    openapi = output.root / "openapi"
    document = load_yaml(openapi / "errors.openapi.yaml")
    expected: dict[str, dict[str, Any]] = {"schemas": {"Problem": PROBLEM}, "responses": {}}
    for catalog in output.catalogs:
        prefix, file = camel(catalog["id"]), f"{catalog['id']}.openapi.yaml"
        for section, names in (("schemas", ("ResultCode", "ResultHeader", "ErrorResponse")), ("responses", ("Error", "Problem"))):
            for name in names:
                expected[section][prefix + name] = {"$ref": f"{file}#/components/{section}/{prefix}{name}"}
                assert prefix + name in load_yaml(openapi / file)["components"][section]
    assert_same_in_order(without_prose(document["components"]), without_prose(expected))
    assert (openapi / "errors.openapi.yaml").stat().st_size < 2_000 * (1 + len(output.catalogs))


def test_every_example_validates_against_its_response_schema_and_so_does_an_unknown_code(
    output: Output,
) -> None:
    for path in output.openapi_files():
        if path.name == "errors.openapi.yaml":
            continue  # its responses are references to these
        document = load_yaml(path)
        for name, response in document["components"]["responses"].items():
            (media_type,) = response["content"]
            assert media_type == ("application/problem+json" if name.endswith("Problem") else "application/json")
            media = response["content"][media_type]
            validator = offline_validator({**media["schema"], "components": document["components"]})
            for ref in media["examples"].values():
                if media_type == "application/problem+json":
                    validator.validate(ref["value"])
                    continue
                example = document["components"]["examples"][ref["$ref"].rsplit("/", 1)[1]]["value"]
                validator.validate(example)
                unknown = {
                    "header": {
                        **example["header"],
                        "resultCode": example["header"]["resultCode"] + 10**9,
                    }
                }
                validator.validate(unknown)
                with pytest.raises(ValidationError):
                    validator.validate({"header": {**example["header"], "resultCode": "400"}})


# Another generator reads the OpenAPI back


def test_datamodel_code_generator_builds_an_int_enum_of_each_catalogs_keys_and_codes(
    output: Output, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pydantic

    monkeypatch.syspath_prepend(str(tmp_path))
    for path in output.openapi_files():
        name = path.name.split(".")[0] + "_models"
        result = datamodel_codegen(path, tmp_path / f"{name}.py")
        assert result.returncode == 0, result.stderr
        module = import_fresh(name)
        in_file = (
            output.catalogs
            if path.name == "errors.openapi.yaml"
            else [c for c in output.catalogs if path.name == f"{c['id']}.openapi.yaml"]
        )
        for catalog in in_file:
            prefix = camel(catalog["id"])
            result_code = getattr(module, f"{prefix}ResultCode")
            assert issubclass(result_code, enum.IntEnum)
            assert [(m.name, m.value) for m in result_code] == [
                (c["key"], c["code"]) for c in catalog["codes"]
            ]
            response = getattr(module, f"{prefix}ErrorResponse")
            for code in catalog["codes"]:
                parsed = response.model_validate(body(code))
                assert parsed.header.resultCode is result_code[code["key"]]
                assert parsed.header.resultMessage == code["message"]
            outside = {**body(catalog["codes"][0])["header"], "resultCode": code_outside(catalog)}
            parsed = response.model_validate({"header": outside})
            assert type(parsed.header.resultCode) is int  # a code the docs add later, as is
            with pytest.raises(pydantic.ValidationError):
                response.model_validate({"header": {**outside, "resultCode": "x"}})
        del sys.modules[name]
