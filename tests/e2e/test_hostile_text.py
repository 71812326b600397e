"""Hostile text in cells and headings: the generated code stays inert and every message reads back.

Hypothesis writes tables whose cells hold arbitrary text, encoded into Markdown so that the
cell's plain text is exactly that text (ASCII punctuation backslash-escaped, line breaks as
`<br>`, other characters raw or as numeric entities). Each table goes through the real
pipeline; the test then checks the generated files, and imports the package in a subprocess.
"""

from __future__ import annotations

import ast
import io
import json
import string
import subprocess
import sys
import tempfile
import tokenize
import tomllib
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from generator.model.naming import is_page_kind_crumb

from helpers import HOSTILE, configured, generate, run_model, texts

LONG = "".join(HOSTILE) * 40  # thousands of characters

_TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=24
)
CELL_TEXT = (
    st.lists(st.one_of(st.sampled_from(HOSTILE), _TEXT), min_size=1, max_size=6)
    .map(lambda parts: "".join(parts).strip())
    .filter(bool)
)
CRUMB_TEXT = CELL_TEXT.map(lambda text: text.replace(">", "").strip()).filter(
    lambda text: bool(text) and not is_page_kind_crumb(text)
)


def markdown(text: str, *, raw: bool) -> str:
    """Markdown whose plain text is `text`: punctuation escaped, line breaks as <br>, and
    characters that cannot stand raw in a table row (CR, or any control when not `raw`) as
    numeric entities."""
    out = []
    for char in text:
        if char == "\n":
            out.append("<br>")
        elif char in string.punctuation:
            out.append("\\" + char)
        elif char == "\r" or (not raw and not char.isprintable()):
            out.append(f"&#x{ord(char):X};")
        else:
            out.append(char)
    return "".join(out)


def spec(crumb: str, messages: list[str], *, raw: bool) -> str:
    lines = [
        f"## Acme > {markdown(crumb, raw=raw)} > Error Code",
        "",
        "| resultCode | resultKey | resultMessage |",
        "|---|---|---|",
    ]
    lines += [
        f"| {4000001 + i} | KEY_{i} | {markdown(m, raw=raw)} |" for i, m in enumerate(messages)
    ]
    return "\n".join(lines) + "\n"


def run(folder: Path, text: str) -> tuple[Any, dict[str, str]]:
    """The real pipeline on one spec, folder/specs/hostile.md: its model and its artifacts."""
    (folder / "specs").mkdir(parents=True)
    (folder / "specs" / "hostile.md").write_text(text, encoding="utf-8")
    config = configured(folder, [folder / "specs"], out=folder / "out")
    model = run_model(config)
    assume(not any(d.code == "E209" for d in model.diagnostics))  # {} beside {0}: refused, as str.format does
    braces = "W209"  # braces that are no placeholder, kept as text with a warning
    assert [d for d in model.diagnostics if d.code != braces] == [], [d.format() for d in model.diagnostics]
    assert model.project is not None
    outcome, files = generate(config)
    assert (outcome.failure, [d for d in outcome.diagnostics if d.code != braces]) == (None, []), outcome.message
    return model.project, texts(files)


def benign_twin(folder: Path, project: Any) -> dict[str, str]:
    """The artifacts of a benign twin of the project: the same catalog id, codes and keys, but
    every text from the document (the crumb, messages) plain ASCII but for the same placeholders,
    which shape the formatters (a case where no such crumb gives the same id is left out)."""
    (catalog,) = project.catalogs
    crumb = catalog.id.replace("_", " ")
    messages = ["x" + "".join(" {" + p.name + "}" for p in code.placeholders) for code in catalog.codes]
    twin, artifacts = run(folder, spec(crumb, messages, raw=True))
    assume(twin.catalogs[0].id == catalog.id and twin.package == project.package)
    return artifacts


def shape(source: str) -> str:
    """The module's AST with every string constant blanked: what the code does, not what it says."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            node.value = ""
    return ast.dump(tree)


# Statements a generated module may hold at its top level and in class bodies: importing it
# defines things and calls nothing but these.
_DEFINITIONS = (
    ast.Import,
    ast.ImportFrom,
    ast.ClassDef,
    ast.FunctionDef,
    ast.Assign,
    ast.AnnAssign,
)
_CALLS = {"MappingProxyType", "re.compile", "frozenset", "_Catalogs"}  # _Catalogs: the lazy registry


def assert_inert(source: str) -> None:
    _assert_definitions(ast.parse(source).body)


def _assert_definitions(body: list[ast.stmt]) -> None:
    for index, node in enumerate(body):
        if isinstance(node, ast.Expr):
            assert index == 0 and isinstance(node.value, ast.Constant), ast.dump(
                node
            )  # a docstring
            continue
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":  # imports for checkers only
            assert all(isinstance(n, (ast.Import, ast.ImportFrom)) for n in node.body) and not node.orelse
            continue
        assert isinstance(node, _DEFINITIONS), ast.dump(node)
        if isinstance(node, ast.ClassDef):
            assert all(ast.unparse(d) == "enum.unique" for d in node.decorator_list)
            _assert_definitions(node.body)
        elif not isinstance(node, ast.FunctionDef):
            calls = [ast.unparse(n.func) for n in ast.walk(node) if isinstance(n, ast.Call)]
            assert set(calls) <= _CALLS, calls


def comments(source: str) -> list[tuple[int, str]]:
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return [(t.start[0], t.string) for t in tokens if t.type == tokenize.COMMENT]


_READ_BACK = """
import importlib, json, sys
module = importlib.import_module(sys.argv[1])
print(json.dumps({
    member.name: [member.message, cls.default_message, cls.__doc__]
    for member in module.ResultCode
    for cls in [module.exception_class_for_code(member.value)]
}))
"""


def read_back(python_dir: Path, module: str) -> dict[str, list[str]]:
    """Import the generated module in a fresh interpreter and read every message back."""
    result = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            f"import sys; sys.path.insert(0, {str(python_dir)!r})\n" + _READ_BACK,
            module,
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def check_round_trip(crumb: str, messages: list[str], raw: bool) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        project, artifacts = run(folder / "hostile", spec(crumb, messages, raw=raw))
        benign = benign_twin(folder / "benign", project)
        (catalog,) = project.catalogs
        title = ("Acme", crumb)
        assert catalog.title == title
        assert [code.message for code in catalog.codes] == messages
        package = f"python/{project.package}"

        for path, text in artifacts.items():
            if path.endswith(".py"):
                compile(text, path, "exec")
                assert_inert(text)
                assert shape(text) == shape(benign[path]), path
                assert [line for line, _ in comments(text)] == [
                    line for line, _ in comments(benign[path])
                ]
                assert (
                    comments(text)[0] == (1, comments(text)[0][1])
                    and "Generated by errgen" in comments(text)[0][1]
                )

        module_source = artifacts[f"{package}/{catalog.id}.py"]
        tree = ast.parse(module_source)
        assert ast.get_docstring(tree, clean=False).startswith(
            f"Error codes of {' > '.join(title)}."
        )
        classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
        for code in catalog.codes:
            docstring = ast.get_docstring(classes[code.class_name], clean=False)
            expected = f"{code.code} {code.key}: {code.message}"
            # black pads a docstring that ends with a quote by one space, leaving its text alone
            assert docstring in (expected, expected + " " if expected.endswith('"') else expected)

        got = read_back(folder / "hostile/out/python", f"{project.package}.{catalog.id}")
        for code in catalog.codes:
            message, default_message, _doc = got[code.key]
            assert message == default_message == code.message

        schema = json.loads(artifacts[f"jsonschema/{catalog.id}.schema.json"])
        assert schema["$defs"]["ResultCode"]["x-enum-descriptions"] == messages
        assert schema["title"] == " > ".join(title)

        for path in (f"openapi/{catalog.id}.openapi.yaml",):
            text = artifacts[path]
            header = text.split("\n", 1)[0]
            assert header.startswith("# Generated by errgen from ") and header.endswith(
                "`errgen generate`."
            )
            document = yaml.safe_load(text)
            schemas = document["components"]["schemas"]
            (result_code,) = [s for name, s in schemas.items() if name.endswith("ResultCode")]
            assert result_code["x-enum-descriptions"] == messages
            examples = document["components"]["examples"].values()
            assert [e["value"]["header"]["resultMessage"] for e in examples] == messages

        pyproject = tomllib.loads(artifacts["python/pyproject.toml"])
        assert " > ".join(title) in pyproject["project"]["description"]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(crumb=CRUMB_TEXT, messages=st.lists(CELL_TEXT, min_size=1, max_size=3), raw=st.booleans())
@example(crumb="Widget", messages=HOSTILE, raw=True)
@example(crumb="Widget", messages=HOSTILE, raw=False)
@example(
    crumb='C:\\new\\table """ {{ x }} \u202e \u2028 \x85 漢字 \U0001f600', messages=[LONG], raw=True
)
def test_hostile_text_round_trips_and_stays_inert(
    crumb: str, messages: list[str], raw: bool
) -> None:
    check_round_trip(crumb, messages, raw)
