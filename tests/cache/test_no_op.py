"""What makes errgen fast, held to the same output: the manifest proves a no-op from hashes alone,
a changed spec is redone alone, and worker processes share the work. No timings here (they live
in bench/); these tests pin that the no-op imports nothing heavy, that no shortcut hides a
change, and that every way through gives the same bytes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO, SPECS, configured, table, tree, write

if str(REPO / "bench") not in sys.path:
    sys.path.insert(0, str(REPO / "bench"))
import synth  # noqa: E402  (bench/synth.py: the benchmark's synthetic spec sets)

HEAVY = ("jinja2", "mistune", "black", "yaml", "multiprocessing")


def manifest(root: Path) -> Path:
    """The manifest errgen keeps for root/generated, in root/.errgen_cache."""
    (path,) = (root / ".errgen_cache").glob("manifest-*")
    return path


def project_dir(tmp_path: Path, extra: int = 0) -> Path:
    """The seeds, and ``extra`` synthetic specs (one in ten with a translation) beside them."""
    shutil.copytree(SPECS, tmp_path / "specs")
    if extra:
        synth.write_set(tmp_path / "specs" / "more", extra, 12)
    return tmp_path


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """errgen in a fresh process, importing the generator package found first on PYTHONPATH."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})},
    )


IMPORTS_PROBE = """
import json, sys
from generator.cli import main
code = main(sys.argv[1:])
heavy = sorted({name.split(".")[0] for name in sys.modules} & set(%r))
print(json.dumps([code, heavy]))
""" % (HEAVY,)


def probe(args: list[str], cwd: Path) -> tuple[int, list[str], str]:
    """Exit code, the heavy modules imported, and stderr of one run in a fresh process."""
    result = subprocess.run(
        [sys.executable, "-c", IMPORTS_PROBE, *args], cwd=cwd, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    code, heavy = json.loads(result.stdout.splitlines()[-1])
    return code, heavy, result.stderr


def test_no_op_check_and_generate_import_no_parser_template_engine_or_formatter(tmp_path: Path) -> None:
    root = project_dir(tmp_path)
    code, heavy, _ = probe(["generate"], root)
    assert code == 0 and {"jinja2", "mistune"} <= set(heavy)  # the full path: the probe does see imports
    assert manifest(root).is_file()
    code, heavy, err = probe(["check"], root)
    assert (code, heavy) == (0, [])
    assert err == "errgen: 12 files up to date in generated/\n"
    code, heavy, err = probe(["generate"], root)
    assert (code, heavy) == (0, [])
    assert err == "errgen: 0 written, 0 removed, 12 unchanged in generated/\n"


def test_every_kind_of_change_sends_check_down_the_full_path(tmp_path: Path, errgen) -> None:
    root = project_dir(tmp_path)
    assert errgen("generate", cwd=root).code == 0
    generated = root / "generated"
    pristine = tree(generated)

    def stale_after(change, restore):
        change()
        result = errgen("check", cwd=root)
        restore()
        assert tree(generated) == pristine  # check writes nothing
        assert errgen("check", cwd=root).code == 0
        return result

    spec = root / "specs" / "pose-estimation.md"
    text = spec.read_bytes()
    result = stale_after(lambda: spec.write_bytes(text.replace(b"Invalid uuid.", b"Invalid UUID.")),
                         lambda: spec.write_bytes(text))
    assert result.code == 1 and "pose_estimation.py is out of date" in result.err
    assert '+        4010002: "Invalid UUID.",' in result.out

    module = generated / "python/ai_service_errors/general_ocr.py"  # a hand edit
    body = module.read_bytes()
    result = stale_after(lambda: module.write_bytes(body.replace(b"Invalid parameter.", b"Edited.")),
                         lambda: module.write_bytes(body))
    assert result.code == 1 and "general_ocr.py is out of date" in result.err

    schema = generated / "jsonschema/general_ocr.schema.json"
    data = schema.read_bytes()
    result = stale_after(schema.unlink, lambda: schema.write_bytes(data))
    assert result.code == 1 and "general_ocr.schema.json would be created" in result.err

    left = generated / "python/ai_service_errors/.old.py.x1y2z3.errgen-tmp"  # what a killed run leaves
    result = stale_after(lambda: write(left, "half of a file"), left.unlink)
    assert result.code == 1 and ".old.py.x1y2z3.errgen-tmp would be removed" in result.err

    new_spec = root / "specs" / "widget.md"
    result = stale_after(lambda: write(new_spec, table((0, "SUCCESS", "ok"), (404, "GONE", "Gone."), heading="## AI Service > Widget > Error Code")), new_spec.unlink)
    assert result.code == 1 and "widget.py would be created" in result.err


def installed_copy(tmp_path: Path) -> Path:
    """errgen's package and templates copied where a test may edit them, as an upgrade would."""
    tool = tmp_path / "tool"
    shutil.copytree(REPO / "generator", tool / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "templates", tool / "templates")
    return tool


def source_holding(tool: Path, text: str) -> Path:
    (path,) = [p for p in sorted((tool / "generator").rglob("*.py")) if text in p.read_text(encoding="utf-8")]
    return path


def test_a_changed_template_or_generator_is_seen_by_check(tmp_path: Path) -> None:
    root = project_dir(tmp_path / "project")
    tool = installed_copy(tmp_path)
    env = {"PYTHONPATH": str(tool)}
    assert run(["generate"], root, env).returncode == 0

    template = tool / "templates/jsonschema/{catalog}.schema.json.j2"
    template.write_text(template.read_text().replace('"required": ["header"]', '"required": ["header", "x"]'))
    result = run(["check"], root, env)
    assert result.returncode == 1 and "general_ocr.schema.json is out of date" in result.stderr
    assert run(["generate"], root, env).returncode == 0
    assert run(["check"], root, env).returncode == 0

    source = source_holding(tool, "Do not edit: edit the spec")  # the do-not-edit header
    source.write_text(source.read_text().replace("Do not edit: edit the spec", "Do not edit; edit the spec"))
    result = run(["check"], root, env)
    assert result.returncode == 1 and "11 files would change" in result.stderr

    # errgen changed, its output did not: check passes (the slower way), generate renews the record
    source.write_text(source.read_text().replace("Do not edit; edit the spec", "Do not edit: edit the spec"))
    naming = source_holding(tool, "def camel_case(")
    naming.write_text(naming.read_text() + "\n# a comment\n")
    before, record = tree(root / "generated"), manifest(root).read_bytes()
    result = run(["check"], root, env)
    assert result.returncode == 0, result.stdout
    result = run(["generate"], root, env)
    assert "0 written, 0 removed, 12 unchanged" in result.stderr
    assert tree(root / "generated") == before
    assert manifest(root).read_bytes() != record  # the record is renewed for the new errgen


def test_warnings_and_strict_are_the_same_on_the_no_op_path(tmp_path: Path) -> None:
    root = tmp_path
    write(root / "specs" / "widget.md", table((0, "SUCCESS", "ok"), (404, "GONE", "Gone."), heading="# Widget"))
    assert run(["generate"], root).returncode == 0
    fast = run(["check"], root)
    manifest(root).unlink()
    full = run(["check"], root)
    assert fast.returncode == full.returncode == 0
    assert fast.stderr == full.stderr
    assert "warning: no breadcrumb heading" in fast.stderr
    assert run(["generate"], root).returncode == 0
    strict = run(["check", "--strict"], root)  # the recorded warnings are errors, as in a full run
    assert strict.returncode == 1 and "error: no breadcrumb heading" in strict.stderr
    assert run(["generate", "--strict"], root).returncode == 1


def test_one_changed_spec_rewrites_only_its_own_artifacts(tmp_path: Path, errgen) -> None:
    """Its catalog's three files are written (errors.openapi.yaml only refers to them); every
    other file is left as it is, and the out dir is as a full run leaves it."""
    root = project_dir(tmp_path / "cached", extra=6)
    assert errgen("generate", "--jobs", "1", cwd=root).code == 0
    inodes = {p: p.stat().st_ino for p in (root / "generated").rglob("*") if p.is_file()}

    spec = root / "specs" / "pose-estimation.md"
    spec.write_text(spec.read_text().replace("Invalid uuid.", "Invalid UUID."))
    result = errgen("generate", "--jobs", "1", cwd=root)
    assert result.code == 0
    assert result.err.endswith(f"errgen: 3 written, 0 removed, {len(inodes) - 3} unchanged in generated/\n")
    replaced = sorted(p.relative_to(root / "generated").as_posix() for p, inode in inodes.items() if p.stat().st_ino != inode)
    assert replaced == [
        "jsonschema/pose_estimation.schema.json",
        "openapi/pose_estimation.openapi.yaml",
        "python/api_errors/pose_estimation.py",
    ]

    full = project_dir(tmp_path / "full", extra=6)
    shutil.copy(spec, full / "specs" / "pose-estimation.md")
    assert errgen("generate", "--jobs", "1", cwd=full).code == 0
    assert tree(root / "generated") == tree(full / "generated")


def test_the_synthetic_specs_of_the_benchmark_read_cleanly(tmp_path: Path, errgen) -> None:
    rows = synth.write_set(tmp_path / "specs", 20, 40)
    assert rows == 22 * 40  # 20 pages and 2 translations
    result = errgen("ir", cwd=tmp_path)
    assert result.code == 0 and result.err == ""
    assert sum(len(c["codes"]) for c in json.loads(result.out)["catalogs"]) == rows
    page = tmp_path / "specs" / f"{synth.spec_name(10)}.md"
    synth.touch(page, 1)
    synth.touch(page, 2)
    assert page.read_text().count("(edit 2)") == 1 and "(edit 1)" not in page.read_text()


def test_a_per_catalog_template_cannot_reach_other_catalogs(tmp_path: Path) -> None:
    """What a per-catalog file holds may depend on its own catalog only: the cache keeps it while
    that catalog is unchanged, so a template reading the others would go stale."""
    from generator.pipeline import run as run_pipeline

    write(tmp_path / "a.md", table((0, "SUCCESS", "ok")))
    write(tmp_path / "templates/mine/{catalog}.txt.j2", "{{ project.catalogs | length }}\n")
    config = configured(tmp_path, [tmp_path / "a.md"], templates=tmp_path / "templates")
    outcome = run_pipeline(config, "generate")
    assert outcome.failure == "spec"
    assert [(d.path, d.line) for d in outcome.diagnostics] == [("templates/mine/{catalog}.txt.j2", 1)]
    assert "sees the project's fields except catalogs, not 'catalogs'" in outcome.diagnostics[0].message
    assert not (tmp_path / "generated").exists()  # and nothing was left behind
    write(tmp_path / "templates/mine/{catalog}.txt.j2", "{{ project.package }} {{ project.version }}\n")
    outcome = run_pipeline(config, "generate")
    assert outcome.failure is None
    assert (tmp_path / "generated/mine/widget.txt").read_text().endswith("acme_errors 0.1.0\n")
