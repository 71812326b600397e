"""Helpers shared by the tests: repo paths, a subprocess runner, small spec builders, and the
pipeline run on pages written to a temporary folder (the model, or the generated files)."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.config import Config
    from generator.diagnostics import Diagnostic
    from generator.pipeline import Outcome

REPO = Path(__file__).resolve().parent.parent
SPECS = REPO / "specs"
GENERATED = REPO / "generated"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
DIAGNOSTIC = re.compile(r"(?P<path>[^\n]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): [^\n]+ \[(?P<code>[EW]\d{3})\]")
_BY_CODE = r"(?: \((?:[EW]\d{3}: \d+)(?:, [EW]\d{3}: \d+)*\))?"
SUMMARY = re.compile(rf"errgen: \d+ errors?{_BY_CODE}, \d+ warnings?{_BY_CODE}")

Pages = Mapping[str, str] | Iterable[tuple[str, str]]

# Hostile text: the cases the issue names, each as it must read back (see e2e/test_hostile_text.py).
HOSTILE = [
    '"',
    "'",
    '"""',
    "'''",
    '""""""',
    "\\",
    "C:\\new\\table",
    "\\N{BULLET} \\x41 \\u0041 \\",
    "{{ project.package }}",
    "{% for x in y %}{% endfor %}",
    "{# comment #}",
    "</script><script>alert(1)</script>",
    "&amp; &lt;/script&gt; &#x27;",
    "\x01\x07\x08\x0b\x0c\x1b[31m\x7f",
    "\u202e\u2066\u2069\u200f",
    "\u200b\u200c\u200d\u2060\ufeff",
    "a\u2028b\u2029c",
    "a\x85b",
    "a\nb",
    "a\rb",
    "\U0001f600\U0001f1f0\U0001f1f7\u2764\ufe0f",
    "漢字かなカナ한국어",
    "# not a comment",
    "*/ --> ]]> %>",
    "${x} %s %(x)s {0}",
    "`code` *em* _em_ [link](http://x) <b>bold</b> | pipe",
    "\\|",
]


def cli_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "generator", *args]


def cli_env(**extra: str) -> dict[str, str]:
    """The environment for a subprocess run: this checkout's generator first on the path."""
    # colour is asked for by the tests that want it, not by the developer's or CI's setting
    env = {k: v for k, v in os.environ.items() if k not in ("ERRGEN_DEBUG", "NO_COLOR", "FORCE_COLOR")}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    return {**env, **extra}


def run_cli(*args: str, cwd: Path, **options: Any) -> subprocess.CompletedProcess[str]:
    """Run errgen as users do, in a subprocess (options go to subprocess.run)."""
    return subprocess.run(
        cli_command(*args), cwd=cwd, capture_output=True, text=True, timeout=120, env=cli_env(), **options
    )


def import_fresh(name: str):
    for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[module]
    return importlib.import_module(name)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def table(*rows: tuple[object, ...], heading: str = "## Acme > Widget > Error Code") -> str:
    """A small spec: a breadcrumb heading and an error table of (code, key, message) rows."""
    lines = [heading, "", "| resultCode | resultKey | resultMessage |", "|---|---|---|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def seed_rows(path: Path) -> list[tuple[int, int, str, str]]:
    """An independent reading of a seed page's table: (line, code, key, message) per row."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0].lstrip("-").isdigit():
            rows.append((number, int(cells[0]), cells[1], cells[2]))
    return rows


def assert_well_formed(stderr: str) -> None:
    """No traceback: errors, then warnings, each sorted by file and line and each ending in its
    code, then the summary line (and, after a successful run, the line saying what was written)."""
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    matches = [DIAGNOSTIC.fullmatch(line) for line in lines]
    count = next((i for i, m in enumerate(matches) if m is None), len(lines))
    if count == 0:
        return
    assert SUMMARY.fullmatch(lines[count]), lines
    assert all(m is None for m in matches[count:]), lines
    severities = [m["severity"] for m in matches[:count] if m]
    assert severities == sorted(severities), lines  # "error" < "warning": errors first
    for severity in ("error", "warning"):
        keys = [(m["path"], int(m["line"]), int(m["col"])) for m in matches[:count] if m and m["severity"] == severity]
        assert keys == sorted(keys)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under folder (hidden ones too) by its relative POSIX path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# The pipeline, through its public entry point


def configured(
    root: Path,
    specs: Iterable[Path] | None = None,
    *,
    out: Path | None = None,
    package: str | None = None,
    version: str | None = None,
    default_locale: str | None = None,
    locales: tuple[str, ...] | None = None,
    templates: Path | None = None,
) -> Config:
    """The default configuration of a project at root (spec paths in diagnostics are relative to
    it), with these options on top, as the command line would give them."""
    from generator.config import apply_options, defaults

    return apply_options(
        defaults(root),
        specs=list(specs) if specs is not None else None,
        out=out,
        package=package,
        version=version,
        default_locale=default_locale,
        locales=locales,
        templates=templates,
    )


def write_pages(root: Path, pages: Pages) -> list[Path]:
    """Each (path, text) page as a UTF-8 file under root; the files, in the pages' order."""
    items = pages.items() if isinstance(pages, Mapping) else pages
    return [write(root / path, text) for path, text in items]


def run_model(config: Config, *, skip_invalid_tables: bool = False) -> Outcome:
    from generator.pipeline import run

    return run(config, "model", skip_invalid_tables=skip_invalid_tables)


def build_project(
    pages: Pages,
    *,
    package: str | None = None,
    version: str | None = None,
    default_locale: str | None = None,
    skip_invalid_tables: bool = False,
    locales: tuple[str, ...] | None = None,
) -> tuple[Any, list[Diagnostic]]:
    """The model of these pages, as `errgen ir` reads it, and the diagnostics: the pages are
    written as files under a temporary folder, which is the project root (so a page's path is
    how diagnostics name it). The project is None when there are errors."""
    with tempfile.TemporaryDirectory(prefix="errgen-model-") as temp:
        root = Path(temp)
        files = write_pages(root, pages)
        config = configured(root, files, package=package, version=version, default_locale=default_locale, locales=locales)
        outcome = run_model(config, skip_invalid_tables=skip_invalid_tables)
    return outcome.project, outcome.diagnostics


def model_of(
    paths: list[Path], *, root: Path | None = None, skip_invalid_tables: bool = False, locales: tuple[str, ...] | None = None
) -> Outcome:
    """The model command's outcome for spec files or folders that exist (paths in diagnostics
    relative to root, by default the working directory)."""
    return run_model(configured(root or Path.cwd(), paths, locales=locales), skip_invalid_tables=skip_invalid_tables)


def generate(
    config: Config, *, jobs: int | None = None, skip_invalid_tables: bool = False, strict: bool = False
) -> tuple[Outcome, dict[str, bytes]]:
    """One `generate` into the configured out dir: its outcome and every file of the out dir."""
    from generator.pipeline import run

    outcome = run(config, "generate", jobs=jobs, skip_invalid_tables=skip_invalid_tables, strict=strict)
    return outcome, tree(config.out) if config.out.is_dir() else {}


def generate_specs(
    paths: list[Path], root: Path, *, jobs: int | None = None, skip_invalid_tables: bool = False, **options: Any
) -> tuple[Outcome, dict[str, bytes]]:
    """Spec files or folders that exist, generated into root/out (root is the project root)."""
    config = configured(root, paths, out=root / "out", **options)
    return generate(config, jobs=jobs, skip_invalid_tables=skip_invalid_tables)


_CORPUS_RUNS: dict[str, tuple[Outcome, dict[str, bytes]]] = {}
CORPUS_LOCALES = ("en", "ko", "ja")  # the corpus's pages, as a project that holds them configures them


def generated_corpus_page(name: str) -> tuple[Outcome, dict[str, bytes]]:
    """One corpus page alone, generated with --skip-invalid-tables (once a session: the model
    and the formatting tests both read what it gives)."""
    if name not in _CORPUS_RUNS:
        with tempfile.TemporaryDirectory(prefix="errgen-corpus-") as temp:
            _CORPUS_RUNS[name] = generate_specs([CORPUS / name], Path(temp), skip_invalid_tables=True, locales=CORPUS_LOCALES)
    return _CORPUS_RUNS[name]


def texts(files: dict[str, bytes]) -> dict[str, str]:
    """Generated files as text (errgen writes UTF-8)."""
    return {path: data.decode("utf-8") for path, data in files.items()}


def datamodel_codegen(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """datamodel-code-generator on an OpenAPI file, as its users run it for pydantic models; in
    left-to-right union mode a documented code is its enum member and another a plain int."""
    command = [
        sys.executable, "-m", "datamodel_code_generator",
        "--input", str(source), "--input-file-type", "openapi", "--output", str(out),
        "--output-model-type", "pydantic_v2.BaseModel", "--target-python-version", "3.11",
        "--use-specialized-enum", "--disable-timestamp", "--formatters", "builtin",
        "--union-mode", "left_to_right",
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def camel(name: str) -> str:
    """A catalog id or key as the CamelCase of generated names: `general_ocr` -> `GeneralOcr`."""
    return "".join(part.capitalize() for part in name.split("_"))


def body(code: Mapping[str, Any]) -> dict[str, Any]:
    """The response body a code of `errgen ir` comes back in, as the vendor pages document it."""
    return {"header": {"isSuccessful": code["success"], "resultCode": code["code"], "resultMessage": code["message"]}}
