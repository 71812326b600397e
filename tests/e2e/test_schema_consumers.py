"""The generated JSON Schema and OpenAPI files as the tools of other stacks read them.

Ajv 8 in strict mode, Python jsonschema, Redocly CLI (lint, build-docs, bundle),
openapi-typescript with tsc, and datamodel-code-generator run on a fresh `errgen generate` of the
seed specs beside a spec with deprecated codes, in two configurations: the defaults (open enums,
`urn:` problem types) and `enums = "closed"` with an https `problem-type-base`. Expected values
come from `errgen ir` and from the generated Python package. The Node.js tools are pinned and
installed once per machine by tests/nodetools.py.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import unquote

import pytest
import yaml
from jsonschema import Draft202012Validator
from openapi_spec_validator import OpenAPIV31SpecValidator, validate
from referencing import Registry

import nodetools
from helpers import REPO, SPECS, body, camel, datamodel_codegen, import_fresh, run_cli, write
from nodetools import NodeTools

UNDOCUMENTED = 4099999  # a code no catalog lists: open enums accept it, closed ones refuse it
PROBLEM_TYPE_BASE = "https://docs.example.com/errors/"
CLOSED = f'[tool.errgen]\nenums = "closed"\nproblem-type-base = "{PROBLEM_TYPE_BASE}"\n'

# Deprecated codes, marked both ways a page marks them: a `deprecated` column, and a
# description that starts with "Deprecated:".
LEGACY_BILLING = """## AI Service > Billing > Legacy Billing > Error Code

| resultCode | resultKey | resultMessage | deprecated | description |
|---|---|---|---|---|
| 0 | SUCCESS | Success. | | |
| 4000001 | OLD_PARAMETER | Old parameter. | yes | Use 4000002. |
| 4000002 | INVALID_PARAMETER | Invalid parameter. | | |
| 4040001 | GONE_ITEM | Item "A & B" is gone. | | Deprecated: use 4040002. |
| 4040002 | ITEM_NOT_FOUND | Item {itemId} not found. | | |
| 5000001 | SERVER_FAIL | Server failed. | | The server failed. |
"""


@dataclass(frozen=True)
class Output:
    """A project generated into root/out, whether its enums are closed, and its catalogs as
    `errgen ir` reads them."""

    root: Path
    closed: bool
    package: str
    catalogs: list[dict[str, Any]]

    @property
    def out(self) -> Path:
        return self.root / "out"

    @property
    def problem_type_start(self) -> str:
        """How every problem `type` starts: the configured base, else the distribution's URN."""
        return PROBLEM_TYPE_BASE if self.closed else f"urn:{self.package.replace('_', '-')}:"

    def schema_path(self, catalog: dict[str, Any]) -> Path:
        return self.out / "jsonschema" / f"{catalog['id']}.schema.json"

    def schema(self, catalog: dict[str, Any]) -> dict[str, Any]:
        return json.loads(self.schema_path(catalog).read_text(encoding="utf-8"))

    def openapi_path(self, catalog: dict[str, Any]) -> Path:
        return self.out / "openapi" / f"{catalog['id']}.openapi.yaml"

    def openapi_files(self) -> list[Path]:
        return sorted((self.out / "openapi").glob("*.yaml"))

    def catalogs_in(self, path: Path) -> list[dict[str, Any]]:
        """The catalogs whose components an OpenAPI file holds (the index holds them all)."""
        if path.name == "errors.openapi.yaml":
            return self.catalogs
        return [c for c in self.catalogs if self.openapi_path(c) == path]


def generated(root: Path, config: str | None) -> Output:
    shutil.copytree(SPECS, root / "specs")
    write(root / "specs" / "legacy-billing.md", LEGACY_BILLING)
    (root / ".git").mkdir()  # the project's root: errgen looks for a configuration no further up
    if config is not None:
        write(root / "pyproject.toml", config)
    result = run_cli("generate", "--out", "out", cwd=root)
    assert result.returncode == 0, result.stderr
    model = run_cli("ir", cwd=root)
    assert model.returncode == 0, model.stderr
    ir = json.loads(model.stdout)
    catalogs = ir["catalogs"]
    assert [c["id"] for c in catalogs] == ["general_ocr", "legacy_billing", "pose_estimation"]
    assert all(UNDOCUMENTED not in [code["code"] for code in c["codes"]] for c in catalogs)
    return Output(root, config is not None, ir["package"], catalogs)


@pytest.fixture(scope="module")
def open_output(tmp_path_factory: pytest.TempPathFactory) -> Output:
    return generated(tmp_path_factory.mktemp("open"), None)


@pytest.fixture(scope="module")
def closed_output(tmp_path_factory: pytest.TempPathFactory) -> Output:
    return generated(tmp_path_factory.mktemp("closed"), CLOSED)


@pytest.fixture(scope="module", params=["open", "closed"])
def output(request: pytest.FixtureRequest) -> Output:
    return request.getfixturevalue(f"{request.param}_output")


@pytest.fixture(scope="session")
def node() -> NodeTools:
    return nodetools.install()


@pytest.fixture
def package(
    output: Output, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[str], ModuleType]]:
    """The generated package of this output, imported fresh from out/python: a catalog's
    module by the catalog's id."""
    monkeypatch.syspath_prepend(str(output.out / "python"))
    import_fresh(output.package)
    yield lambda catalog_id: importlib.import_module(f"{output.package}.{catalog_id}")
    for name in [
        m for m in sys.modules if m == output.package or m.startswith(output.package + ".")
    ]:
        del sys.modules[name]


UNDOCUMENTED_BODY = {
    "header": {"isSuccessful": False, "resultCode": UNDOCUMENTED, "resultMessage": "A new error."}
}


def cases(output: Output, catalog: dict[str, Any]) -> list[tuple[dict[str, Any], bool]]:
    """Bodies and whether the catalog's schema must accept them: every documented code, and
    an undocumented one, accepted only with open enums."""
    return [(body(code), True) for code in catalog["codes"]] + [
        (UNDOCUMENTED_BODY, not output.closed)
    ]


def error_codes(catalog: dict[str, Any]) -> list[dict[str, Any]]:
    return [code for code in catalog["codes"] if not code["success"]]


@cache
def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [ref for value in node.values() for ref in refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in refs(value)]
    return []


def pointed(document: Any, fragment: str) -> Any:
    """What a JSON pointer fragment (`/components/schemas/X`) points to in a document."""
    node = document
    for token in filter(None, unquote(fragment).split("/")):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


def followed(document: Any, node: Any) -> Any:
    """A node of a document with its local `$ref`s followed."""
    while isinstance(node, dict) and "$ref" in node:
        assert node["$ref"].startswith("#/"), node["$ref"]
        node = pointed(document, node["$ref"][1:])
    return node


def dereferenced(node: Any, path: Path) -> Any:
    """A node of the YAML file at path with every `$ref` replaced by what it points to, in the
    same file or in another one (relative to this one)."""
    if isinstance(node, list):
        return [dereferenced(item, path) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        file, _, fragment = node["$ref"].partition("#")
        target = (path.parent / unquote(file)).resolve() if file else path
        return dereferenced(pointed(load_yaml(target), fragment), target)
    return {key: dereferenced(value, path) for key, value in node.items()}


# 1. Ajv 8 in strict mode, as the README advises, and Python jsonschema


def readme_ajv_advice() -> tuple[str, list[str]]:
    """The README's advice for Ajv (a ```js block under "## Generated artifacts" that calls
    ajv.addVocabulary), and the keywords it names."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.partition("\n## Generated artifacts\n")[2].split("\n## ", 1)[0]
    for block in re.findall(r"^```js\n(.*?)^```", section, re.S | re.M):
        call = re.search(r"ajv\.addVocabulary\(\s*(\[.*?\])\s*\)", block, re.S)
        if call is None:
            continue
        try:
            vocabulary = ast.literal_eval(call[1])
        except (ValueError, SyntaxError):
            pytest.fail(
                f"the README's ajv.addVocabulary list is not a list of plain strings: {call[1]}"
            )
        assert isinstance(vocabulary, list) and all(isinstance(k, str) for k in vocabulary), call[1]
        return block, vocabulary
    pytest.fail(
        "README.md has no ```js block calling ajv.addVocabulary([...]) under '## Generated "
        "artifacts': it is the advice for Ajv's strict mode that this test runs as written",
        pytrace=False,
    )


def x_keywords(schema: Any) -> set[str]:
    """The `x-` keywords of a schema and its subschemas: not names of properties or $defs,
    nor anything inside the value of an `x-` keyword or of an instance keyword."""
    if isinstance(schema, list):
        return {keyword for item in schema for keyword in x_keywords(item)}
    if not isinstance(schema, dict):
        return set()
    found = {key for key in schema if key.startswith("x-")}
    for key, value in schema.items():
        if key.startswith("x-") or key in ("enum", "const", "examples", "default"):
            continue
        if key in ("properties", "$defs", "patternProperties", "dependentSchemas"):
            found |= {keyword for sub in value.values() for keyword in x_keywords(sub)}
        else:
            found |= x_keywords(value)
    return found


def test_the_readmes_ajv_vocabulary_is_every_x_keyword_of_the_schemas(
    open_output: Output, closed_output: Output
) -> None:
    used = {
        keyword
        for output in (open_output, closed_output)
        for catalog in output.catalogs
        for keyword in x_keywords(output.schema(catalog))
    }
    _, vocabulary = readme_ajv_advice()
    assert len(vocabulary) == len(set(vocabulary)), vocabulary
    assert sorted(vocabulary) == sorted(used)


# What follows a setup of Ajv (the README's, as written) in one ES module: it compiles each
# schema and prints whether strict mode is on and, per schema, whether each body validates and,
# per Problem example, true or Ajv's errors.
AJV_CHECKS = """
import fs from "node:fs";

const request = JSON.parse(fs.readFileSync(0, "utf8"));
const results = request.schemas.map(({ path, bodies }) => {
  const schema = JSON.parse(fs.readFileSync(path, "utf8"));
  const validate = ajv.compile(schema);
  const problem = ajv.getSchema(schema.$id + "#/$defs/Problem");
  return {
    bodies: bodies.map((body) => validate(body) || validate.errors),
    problems: schema.$defs.Problem.examples.map((example) => problem(example) || problem.errors),
  };
});
process.stdout.write(JSON.stringify({ strict: ajv.opts.strict, results }));
"""

# Ajv 2020 in strict mode with formats, and no vocabulary.
AJV_WITHOUT_VOCABULARY = """
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const ajv = new Ajv2020({ strict: true });
addFormats(ajv);
"""


def run_ajv(
    node: NodeTools, folder: Path, setup: str, requests: list[dict[str, Any]]
) -> subprocess.CompletedProcess[str]:
    """The setup and the checks as one ES module in folder, which sees the pinned packages as
    its node_modules (ES modules do not read NODE_PATH)."""
    (folder / "node_modules").symlink_to(node.modules, target_is_directory=True)
    script = write(folder / "ajv-check.mjs", setup + AJV_CHECKS)
    return node.run("node", script, cwd=folder, stdin=json.dumps({"schemas": requests}))


def test_ajv_strict_mode_set_up_as_the_readme_says_takes_an_undocumented_code_only_if_open(
    output: Output, node: NodeTools, tmp_path: Path
) -> None:
    """The README's js block runs as written, then compiles and checks every schema."""
    advice, _ = readme_ajv_advice()
    requests = [
        {"path": str(output.schema_path(c)), "bodies": [b for b, _ in cases(output, c)]}
        for c in output.catalogs
    ]
    result = run_ajv(node, tmp_path, advice, requests)
    assert result.returncode == 0, result.stderr
    assert "strict mode" not in result.stderr, result.stderr
    found = json.loads(result.stdout)
    assert found["strict"] is True
    for catalog, checked in zip(output.catalogs, found["results"], strict=True):
        expected = [valid for _, valid in cases(output, catalog)]
        assert [verdict is True for verdict in checked["bodies"]] == expected, (
            catalog["id"],
            checked,
        )
        assert checked["problems"] == [True] * len(error_codes(catalog)), catalog["id"]


def test_ajv_strict_mode_refuses_the_schemas_without_the_vocabulary(
    open_output: Output, node: NodeTools, tmp_path: Path
) -> None:
    """The check above can fail: strict mode is on, and an unknown keyword stops it."""
    request = [{"path": str(open_output.schema_path(open_output.catalogs[0])), "bodies": []}]
    result = run_ajv(node, tmp_path, AJV_WITHOUT_VOCABULARY, request)
    assert result.returncode != 0
    assert 'strict mode: unknown keyword: "x-' in result.stderr, result.stderr


def offline_validator(schema: dict[str, Any]) -> Draft202012Validator:
    def refuse(uri: str) -> Any:
        raise AssertionError(f"the schema made the validator fetch {uri}")

    return Draft202012Validator(
        schema,
        registry=Registry(retrieve=refuse),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def test_jsonschema_takes_an_undocumented_code_only_if_open_and_every_problem_example(
    output: Output,
) -> None:
    for catalog in output.catalogs:
        schema = output.schema(catalog)
        validator = offline_validator(schema)
        for instance, valid in cases(output, catalog):
            assert validator.is_valid(instance) is valid, (catalog["id"], instance)
        problem = offline_validator(schema["$defs"]["Problem"])
        examples = schema["$defs"]["Problem"]["examples"]
        assert len(examples) == len(error_codes(catalog))
        for example in examples:
            problem.validate(example)


# 2. Problem details: the schemas' examples are what the package's to_problem() gives


def test_problem_examples_are_what_the_package_gives_and_types_start_with_the_base(
    output: Output, package: Callable[[str], ModuleType]
) -> None:
    for catalog in output.catalogs:
        module = package(catalog["id"])
        expected = [module.from_code(code["code"]).to_problem() for code in error_codes(catalog)]
        assert [p["code"] for p in expected] == [c["code"] for c in error_codes(catalog)]
        for problem, code in zip(expected, error_codes(catalog), strict=True):
            assert problem["type"].startswith(output.problem_type_start), problem
            assert catalog["id"] in problem["type"] and problem["type"].endswith(code["key"])
        assert output.schema(catalog)["$defs"]["Problem"]["examples"] == expected
        document = load_yaml(output.openapi_path(catalog))
        response = document["components"]["responses"][f"{camel(catalog['id'])}Problem"]
        media = response["content"]["application/problem+json"]
        assert followed(document, media["schema"]) == document["components"]["schemas"]["Problem"]
        assert [example["value"] for example in media["examples"].values()] == expected


# 3. Deprecation, in the schemas, the OpenAPI examples and the package


def deprecated_codes(catalog: dict[str, Any]) -> list[int]:
    return [code["code"] for code in catalog["codes"] if code.get("deprecated")]


def test_deprecated_codes_are_marked_in_schemas_examples_and_the_package(
    output: Output, package: Callable[[str], ModuleType]
) -> None:
    legacy = next(c for c in output.catalogs if c["id"] == "legacy_billing")
    assert deprecated_codes(legacy) == [4000001, 4040001]  # the column, and the description
    for catalog in output.catalogs:
        prefix, deprecated = camel(catalog["id"]), deprecated_codes(catalog)
        document = load_yaml(output.openapi_path(catalog))
        result_codes = [
            output.schema(catalog)["$defs"]["ResultHeader"]["properties"]["resultCode"],
            document["components"]["schemas"][f"{prefix}ResultHeader"]["properties"]["resultCode"],
        ]
        for result_code in result_codes:  # the annotation of a resultCode that is deprecated
            if not deprecated:
                assert "if" not in result_code and "then" not in result_code
                continue
            assert result_code["if"] == {"enum": deprecated}
            assert result_code["then"]["deprecated"] is True
        problems = document["components"]["responses"][f"{prefix}Problem"]["content"]
        examples = [
            *(
                (e, e["value"]["header"]["resultCode"])
                for e in document["components"]["examples"].values()
            ),
            *(
                (e, e["value"]["code"])
                for e in problems["application/problem+json"]["examples"].values()
            ),
        ]
        assert len(examples) == 2 * len(error_codes(catalog))
        for example, code in examples:
            marked = code in deprecated
            assert example.get("x-deprecated", False) is marked, example
            assert example["summary"].endswith(" (deprecated)") is marked, example
        module = package(catalog["id"])
        for code in catalog["codes"]:
            assert module.ResultCode(code["code"]).deprecated is (code["code"] in deprecated)
            if not code["success"]:
                error = module.exception_class_for_code(code["code"])
                assert error.__name__ == code["class_name"]
                assert error.deprecated is (code["code"] in deprecated), error


# 4. Redocly lint, as .ci/run lints generated/


def test_redocly_lint_passes_on_every_openapi_file(output: Output, node: NodeTools) -> None:
    files = output.openapi_files()
    assert len(files) == len(output.catalogs) + 1
    result = node.run(
        "redocly", "lint", "--config", REPO / "redocly.yaml", "--lint-config", "error",
        "--format", "stylish", *files, cwd=output.root,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


# 5. Redocly build-docs

# A Node script (CommonJS: it finds jsdom on NODE_PATH) that renders a page built by build-docs in
# jsdom and prints, as JSON, per operation, the rows (value, description) of the result-code enum
# table that Redoc draws under the header's resultCode of the operation's 400 response (or, for
# an enum without descriptions, its bare values, as rows of one), and the errors the page raised.
# jsdom runs no module scripts, and the page's one imports Redoc's standalone script from a CDN;
# so the import becomes a classic <script src> of that URL, which the resource loader answers
# with the given copy of the script (its `export` dropped and `import.meta`, in Node-only code
# paths, renamed), refusing every other fetch. Each operation is opened as a reader opens it: a
# click on its link in the side menu, one on its 400 tab, and one on the header's toggle if it is
# closed.
REDOC_RENDER = r"""
const fs = require("node:fs");
const { JSDOM, ResourceLoader, VirtualConsole } = require("jsdom");

const { page, redoc, operations } = JSON.parse(fs.readFileSync(0, "utf8"));
const moduleScript = /<script type="module">\s*import \{ hydrate \} from "([^"]+)";/;
const html = fs.readFileSync(page, "utf8");
const found = html.match(moduleScript);
if (!found) throw new Error("the page imports no hydrate from Redoc's standalone script");
const script = fs.readFileSync(redoc, "utf8")
  .replace(/export\s*\{[^}]*\};?\s*$/, "")
  .replaceAll("import.meta", "redocImportMeta");
const meta = JSON.stringify({ url: found[1], dirname: "" });
const errors = [];
class Loader extends ResourceLoader {
  fetch(url) {
    if (url === found[1]) return Promise.resolve(Buffer.from(script));
    errors.push(`fetched ${url}`);
    return null;
  }
}
const quiet = new VirtualConsole();
quiet.on("jsdomError", (error) => errors.push(String(error.detail?.stack ?? error.stack ?? error)));
quiet.on("error", (...args) => errors.push(args.map(String).join(" ")));
const classic = `<script>var redocImportMeta = ${meta};</script>`
  + `<script src="${found[1]}"></script><script>`;
const dom = new JSDOM(
  html.replace(moduleScript, classic),
  {
    url: "http://localhost/", runScripts: "dangerously", resources: new Loader(),
    pretendToBeVisual: true, virtualConsole: quiet,
    beforeParse(window) {  // what jsdom lacks and Redoc calls: nothing scrolls, nothing is timed
      window.scrollTo = () => {};
      window.HTMLElement.prototype.scrollIntoView = () => {};
      window.performance.getEntriesByType = () => [];
    },
  },
);
const document = dom.window.document;
const click = (element) => element.dispatchEvent(
  new dom.window.MouseEvent("click", { bubbles: true, cancelable: true, button: 0 }));
async function until(what, get) {
  for (const start = Date.now(); Date.now() - start < 30000; ) {
    const value = get();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the page never showed ${what}; errors: ${errors.join("\n")}`);
}
const byId = (id) => document.getElementById(id);

(async () => {
  const tables = {};
  for (const operation of operations) {
    // A link of the server-rendered menu, once React has hydrated it (given it its props).
    const hydrated = (a) => Object.keys(a).some((key) => key.startsWith("__reactProps$"));
    const target = (a) => /^#?\/[^/]+\/([^/]+)$/.exec(a.getAttribute("href") ?? "")?.[1];
    const link = await until(`a side-menu link to ${operation}`, () =>
      [...document.querySelectorAll("#redoc a")]
        .find((a) => target(a) === operation && hydrated(a)));
    const section = link.getAttribute("href").replace(/^#?\//, "");
    click(link);
    const tab = await until(`the 400 tab of ${operation}`, () => [...(byId(`${section}/responses`)
      ?.querySelectorAll("[data-response-codes-tablist] [role=tab]") ?? [])]
      .find((button) => button.textContent.trim() === "400"));
    click(tab);
    const schema = `${section}/t=response&c=400&path=header`;
    const header = await until(`the header of ${operation}'s 400 response`, () => byId(schema));
    const toggle = header.querySelector("[data-schema-nested-open]");
    if (toggle?.getAttribute("data-schema-nested-open") !== "true") {
      click(toggle.querySelector("button"));
    }
    // The enum as a table of values and descriptions, or as bare values when it has none.
    const values = await until(`the resultCode enum of ${operation}`, () =>
      byId(`${schema}/resultcode`)?.querySelector("table, [data-testid=schema-enum-values]"));
    tables[operation] = values.tagName === "TABLE"
      ? [...values.querySelectorAll("tbody tr")]
        .map((row) => [...row.querySelectorAll("td")].map((cell) => cell.textContent.trim()))
      : [...values.querySelectorAll("span")].slice(1).map((value) => [value.textContent.trim()]);
  }
  process.stdout.write(JSON.stringify({ tables, errors }));
  process.exit(0);
})().catch((error) => { process.stderr.write(String(error.stack ?? error)); process.exit(1); });
"""


def test_redocly_build_docs_page_shows_every_codes_message_once_redoc_renders_it(
    output: Output, node: NodeTools, tmp_path: Path
) -> None:
    """An API document of one operation per catalog, whose 400 response is the catalog's
    `<Prefix>Error`, built into one HTML page and rendered in jsdom by the Redoc script the page
    loads: the copy inside Redocly CLI, which the page pins by its `integrity`.

    Redoc 3 (what build-docs 2.x renders with) server-renders only the page's overview and
    draws each operation in the browser. So, per operation, the test opens it from the side
    menu, opens its 400 response (and the header, if it is closed) and reads the table Redoc
    draws for the header's resultCode enum: its rows (value, description) are every documented
    code with its message, which Redoc takes from `x-enumDescriptions`, and no others. The page
    fetches nothing but the Redoc script, and raises no error.
    """
    paths = {}
    for catalog in output.catalogs:
        source = Path(os.path.relpath(output.openapi_path(catalog), tmp_path)).as_posix()
        error = {"$ref": f"{source}#/components/responses/{camel(catalog['id'])}Error"}
        responses = {"200": {"description": "OK"}, "400": error}
        summary = f"Call {' '.join(catalog['title'])}"
        paths[f"/{catalog['id']}"] = {
            "post": {"operationId": catalog["id"], "summary": summary, "responses": responses}
        }
    api = {"openapi": "3.1.0", "info": {"title": "Widget API", "version": "1.0.0"}, "paths": paths}
    write(tmp_path / "api.yaml", yaml.safe_dump(api, sort_keys=False))
    result = node.run("redocly", "build-docs", "api.yaml", "-o", "page.html", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "page.html").read_text(encoding="utf-8")

    [redoc] = (node.modules / "@redocly" / "cli").glob("**/redoc.standalone.js")
    digest = base64.b64encode(hashlib.sha384(redoc.read_bytes()).digest()).decode()
    assert f'integrity="sha384-{digest}"' in page

    request = {
        "page": str(tmp_path / "page.html"),
        "redoc": str(redoc),
        "operations": [catalog["id"] for catalog in output.catalogs],
    }
    script = write(tmp_path / "render.cjs", REDOC_RENDER)
    rendered = node.run("node", script, cwd=tmp_path, stdin=json.dumps(request), timeout=120)
    assert rendered.returncode == 0, rendered.stdout + rendered.stderr
    shown = json.loads(rendered.stdout)
    assert shown["errors"] == []
    for catalog in output.catalogs:
        expected = sorted([str(code["code"]), code["message"]] for code in catalog["codes"])
        assert sorted(shown["tables"][catalog["id"]]) == expected, catalog["id"]


# 6. Redocly bundle of the index


def readme_bundle_command() -> list[str]:
    """The arguments of the README's `npx @redocly/cli bundle ...` command, after `bundle`."""
    found = re.search(r"`npx @redocly/cli bundle ([^`]+)`", (REPO / "README.md").read_text(encoding="utf-8"))
    assert found, "README.md has no `npx @redocly/cli bundle ...` command"
    return found[1].split()


def test_redocly_bundle_of_the_index_is_one_valid_document_with_every_catalogs_components(
    output: Output, node: NodeTools, tmp_path: Path
) -> None:
    """The README's command, as written but for the out dir (`out/` here, not `generated/`)."""
    args = [arg.replace("generated/", "out/", 1) for arg in readme_bundle_command()]
    assert args[0] == "out/openapi/errors.openapi.yaml" and args[1] == "-o", args
    bundled = output.root / args[2]
    result = node.run("redocly", "bundle", *args, cwd=output.root)
    assert result.returncode == 0, result.stdout + result.stderr
    document = yaml.safe_load(bundled.read_text(encoding="utf-8"))
    validate(document, cls=OpenAPIV31SpecValidator)
    assert all(ref.startswith("#/") for ref in refs(document)), refs(document)
    components = document["components"]
    for catalog in output.catalogs:
        prefix, source = camel(catalog["id"]), output.openapi_path(catalog)
        names = [
            ("schemas", f"{prefix}ResultCode"),
            ("schemas", f"{prefix}ResultHeader"),
            ("schemas", f"{prefix}ErrorResponse"),
            ("responses", f"{prefix}Error"),
            ("responses", f"{prefix}Problem"),
        ]
        for section, name in names:
            assert name in components[section], (section, name)
            got = dereferenced(components[section][name], bundled)
            assert got == dereferenced(load_yaml(source)["components"][section][name], source), name


# 7. openapi-typescript and tsc


def typescript_check(output: Output, source: Path, enums: bool) -> tuple[str, list[int]]:
    """A module that assigns every documented code, and an undocumented one, to the header's
    resultCode type of each catalog of the OpenAPI file source, as openapi-typescript typed it
    in the .ts file of the same stem beside the module; and the lines that tsc must reject (the
    undocumented code's, when enums are closed)."""
    stem = source.name.split(".")[0]
    catalogs = output.catalogs_in(source)
    lines = [f'import type {{ components }} from "./{stem}";']
    if enums:
        names = ", ".join(f"{camel(c['id'])}ResultCode" for c in catalogs)
        lines.append(f'import {{ {names} }} from "./{stem}";')
    rejected = []
    for catalog in catalogs:
        prefix = camel(catalog["id"])
        header = f'components["schemas"]["{prefix}ResultHeader"]'
        lines.append(f'type {prefix}Code = {header}["resultCode"];')
        codes = ", ".join(str(code["code"]) for code in catalog["codes"])
        lines.append(f"export const {prefix}Documented: {prefix}Code[] = [{codes}];")
        if enums:
            members = ", ".join(f"{prefix}ResultCode.{code['key']}" for code in catalog["codes"])
            lines.append(f"export const {prefix}Members: {prefix}Code[] = [{members}];")
        lines.append(f"export const {prefix}Undocumented: {prefix}Code = {UNDOCUMENTED};")
        if output.closed:
            rejected.append(len(lines))
    return "\n".join(lines) + "\n", rejected


def enum_members(typescript: str, name: str) -> list[tuple[str, int, str]] | None:
    """The (name, value, the comment above it) members of `export enum name` in a .ts file, or
    None."""
    found = re.search(rf"^export enum {name} \{{\n(.*?)^\}}", typescript, re.S | re.M)
    if found is None:
        return None
    member = r"^\s*// (.*)\n\s*(\w+) = (-?\d+),?$"
    return [(key, int(value), comment) for comment, key, value in re.findall(member, found[1], re.M)]


TSC_ERROR = re.compile(r"^(?P<file>[^\s(][^(]*)\((?P<line>\d+),\d+\): error TS\d+", re.M)
VARIANTS = {"plain": [], "enum": ["--enum"]}  # literal unions; TypeScript enums


def test_openapi_typescript_output_compiles_and_takes_an_undocumented_code_only_if_open(
    output: Output, node: NodeTools, tmp_path: Path
) -> None:
    """openapi-typescript turns every OpenAPI file into types, once as it is (literal unions)
    and once with --enum (one run each: a redocly.yaml names every file as an API); tsc
    --strict compiles them with a module per file that uses the header's resultCode type:
    every documented code, and with --enum every member, compile; an undocumented code does
    only with open enums. With --enum, each catalog's enum has its x-enum-varnames as names and
    its x-enum-descriptions as their comments."""
    files = output.openapi_files()
    for variant in VARIANTS:
        folder = tmp_path / variant
        apis = {
            path.name.split(".")[0]: {
                "root": os.path.relpath(path, folder),
                "x-openapi-ts": {"output": f"./{path.name.split('.')[0]}.ts"},
            }
            for path in files
        }
        write(folder / "redocly.yaml", yaml.safe_dump({"apis": apis}))

    def generate(variant: str) -> subprocess.CompletedProcess[str]:
        flags = ("--redocly", "redocly.yaml", *VARIANTS[variant])
        return node.run("openapi-typescript", *flags, cwd=tmp_path / variant)

    with ThreadPoolExecutor() as pool:
        for result in pool.map(generate, VARIANTS):
            assert result.returncode == 0, result.stdout + result.stderr

    sources, expected = [], set()
    for variant in VARIANTS:
        for path in files:
            stem = path.name.split(".")[0]
            typescript = tmp_path / variant / f"{stem}.ts"
            assert typescript.is_file(), typescript
            text, rejected = typescript_check(output, path, variant == "enum")
            check = write(tmp_path / variant / f"check_{stem}.ts", text)
            sources += [typescript, check]
            expected |= {(check.relative_to(tmp_path).as_posix(), line) for line in rejected}
            if variant == "enum":
                for catalog in output.catalogs_in(path):
                    name = f"{camel(catalog['id'])}ResultCode"
                    schema = load_yaml(output.openapi_path(catalog))["components"]["schemas"][name]
                    members = enum_members(typescript.read_text(encoding="utf-8"), name)
                    expected_members = zip(schema["x-enum-varnames"], schema["enum"], schema["x-enum-descriptions"])
                    assert members == list(expected_members), stem

    result = node.run(
        "tsc", "--strict", "--noEmit", "--pretty", "false", "--target", "es2022",
        *(path.relative_to(tmp_path).as_posix() for path in sources), cwd=tmp_path,
    )  # fmt: skip
    errors = {(m["file"], int(m["line"])) for m in TSC_ERROR.finditer(result.stdout)}
    assert errors == expected, result.stdout + result.stderr
    assert (result.returncode == 0) == (not expected), result.stdout + result.stderr
    rejection = f"error TS2322: Type '{UNDOCUMENTED}' is not assignable"
    assert result.stdout.count(rejection) == len(expected), result.stdout


# 8. datamodel-code-generator, with unions tried left to right


def test_datamodel_code_generator_gives_members_for_documented_codes_and_ints_if_open(
    output: Output, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pydantic

    monkeypatch.syspath_prepend(str(tmp_path))
    files = output.openapi_files()
    names = [
        f"{'closed' if output.closed else 'open'}_{path.name.split('.')[0]}_models"
        for path in files
    ]
    with ThreadPoolExecutor() as pool:
        results = list(
            pool.map(lambda p, n: datamodel_codegen(p, tmp_path / f"{n}.py"), files, names)
        )
    try:
        for path, name, result in zip(files, names, results, strict=True):
            assert result.returncode == 0, result.stderr
            try:
                module = import_fresh(name)
            except Exception as error:  # what pydantic raises while it builds the models
                pytest.fail(
                    f"the models datamodel-code-generator wrote from {path.name} do not import: {error!r}"
                )
            for catalog in output.catalogs_in(path):
                prefix = camel(catalog["id"])
                result_code = getattr(module, f"{prefix}ResultCode")
                response = getattr(module, f"{prefix}ErrorResponse")
                for code in catalog["codes"]:
                    parsed = response.model_validate(body(code))
                    assert parsed.header.resultCode is result_code[code["key"]]
                if output.closed:
                    with pytest.raises(pydantic.ValidationError):
                        response.model_validate(UNDOCUMENTED_BODY)
                else:
                    value = response.model_validate(UNDOCUMENTED_BODY).header.resultCode
                    assert type(value) is int and value == UNDOCUMENTED, repr(value)
    finally:
        for name in names:
            sys.modules.pop(name, None)
