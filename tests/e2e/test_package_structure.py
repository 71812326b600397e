"""The package reads as its pipeline: no import cycle (function-level imports counted), no module
named like a standard-library one, short module docstrings, no measured timings in the code."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

from helpers import REPO

PACKAGE = REPO / "generator"
STAGES = ("parse", "model", "render", "finish", "write", "cache", "pipeline")
# a figure with a unit of time: what a measurement leaves behind
TIMING = re.compile(r"\b\d+(?:\.\d+)?\s*(?:ms|µs|us|ns|seconds?|minutes?|s)\b(?!\w)")


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str, path: Path) -> set[str]:
    """The package's modules that one module imports, wherever in it the import stands."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {module for module in found if module in MODULES and module != name}


GRAPH = {name: imports(name, path) for name, path in MODULES.items()}


def test_the_folders_show_the_stages() -> None:
    for stage in STAGES:
        assert (PACKAGE / stage / "__init__.py").is_file(), stage
    assert not (PACKAGE / "build").exists()


def test_no_import_cycle_counting_function_level_imports() -> None:
    seen: dict[str, str] = {}  # module -> "open" while on the path, "done" after

    def visit(module: str, path: list[str]) -> None:
        seen[module] = "open"
        for other in sorted(GRAPH[module]):
            if seen.get(other) == "open":
                cycle = path[path.index(other) :] + [other]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if other not in seen:
                visit(other, [*path, other])
        seen[module] = "done"

    for module in sorted(GRAPH):
        if module not in seen:
            visit(module, [module])


def test_no_stage_imports_a_later_one() -> None:
    order = {stage: number for number, stage in enumerate(("parse", "model", "render", "finish", "write"))}
    for module, targets in GRAPH.items():
        stage = module.split(".")[1] if module.count(".") else ""
        for target in targets:
            other = target.split(".")[1] if target.count(".") else ""
            if stage in order and other in order:
                assert order[other] <= order[stage], f"{module} imports {target}, a later stage"


def test_no_module_shadows_the_standard_library() -> None:
    names = {name.rpartition(".")[2] for name in MODULES} | {p.name for p in PACKAGE.rglob("*") if p.is_dir()}
    assert not names & set(sys.stdlib_module_names)


def test_module_docstrings_say_in_a_line_or_two_what_the_module_is_for() -> None:
    for name, path in MODULES.items():
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert docstring, f"{name} has no docstring"
        assert len(docstring.splitlines()) <= 3, f"{name}: {len(docstring.splitlines())} lines of docstring"


def test_no_measured_timings_in_code_or_docstrings() -> None:
    for name, path in MODULES.items():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            assert not TIMING.search(line), f"{path.relative_to(REPO)}:{number}: {line.strip()}"
