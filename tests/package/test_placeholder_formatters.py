"""The generated formatters of messages with placeholders, imported and run in a fresh process:
`ResultCode.X.format(...)` and `XError.with_args(...)` give the documented message with the
arguments, as str.format would, and refuse arguments the message does not take; mypy --strict
and pyright strict accept the calls a message takes and reject the others."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from helpers import FIXTURES
from test_exact_types import pyright

PACKAGE = "demo_errors.messages"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.cli import main

    root = tmp_path_factory.mktemp("placeholders")
    shutil.copytree(FIXTURES / "placeholders" / "agree", root / "specs")
    out = root / "generated"
    assert main(["generate", str(root / "specs"), "--out", str(out)]) == 0
    return out / "python"


def run(python_dir: Path, code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=python_dir, capture_output=True, text=True, timeout=120
    )


def test_format_and_with_args_give_the_message_with_the_arguments(generated: Path) -> None:
    result = run(generated, f"""
        import json
        from {PACKAGE} import FileTooLargeError, ResultCode, TemplateNotFoundError
        R = ResultCode
        error = TemplateNotFoundError.with_args(templateId=7, project="web")
        print(json.dumps([
            R.FILE_TOO_LARGE.format(512, 1024),
            R.MISSING_FIELD.format("user", "name"),
            R.BAD_VALUE.format(-1, field="size"),
            R.LITERAL_BRACES.format(id=3),
            R.TEMPLATE_NOT_FOUND.format(project="web", templateId=7),
            R.INVALID_PARAMETER.format(),
            R.FILE_TOO_LARGE.message,
            str(FileTooLargeError.with_args(1, 2)),
            [type(error).__name__, error.code, error.message, isinstance(error, TemplateNotFoundError)],
        ]))
    """)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        "Maximum permitted size is 512 bytes. But, requested 1024 bytes.",
        "Field name of user is missing; name is required.",
        "Value -1 of size is invalid.",
        'Send {"id": 3} as the body.',
        "Template 7 of project web not found.",
        "Invalid parameter.",
        "Maximum permitted size is {} bytes. But, requested {} bytes.",  # the documented text stays
        "[4000001 FILE_TOO_LARGE] Maximum permitted size is 1 bytes. But, requested 2 bytes.",
        ["TemplateNotFoundError", 4040001, "Template 7 of project web not found.", True],
    ]


def test_the_formatters_agree_with_str_format(generated: Path) -> None:
    result = run(generated, f"""
        from {PACKAGE} import ResultCode as R
        cases = [
            (R.FILE_TOO_LARGE, (1, 2), {{}}),
            (R.MISSING_FIELD, ("a", "b"), {{}}),
            (R.BAD_VALUE, (3,), {{"field": "f"}}),
            (R.LITERAL_BRACES, (), {{"id": 9}}),
            (R.TEMPLATE_NOT_FOUND, (), {{"templateId": 1, "project": "p"}}),
            (R.SUCCESS, (), {{}}),
        ]
        for member, args, kwargs in cases:
            assert member.format(*args, **kwargs) == member.message.format(*args, **kwargs), member
        print("ok")
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ok\n"


def test_arguments_the_message_does_not_take_are_a_type_error(generated: Path) -> None:
    result = run(generated, f"""
        from {PACKAGE} import FileTooLargeError, ResultCode as R
        calls = [
            lambda: R.FILE_TOO_LARGE.format(1),
            lambda: R.BAD_VALUE.format(1, other=2),
            lambda: R.SUCCESS.format(1),
            lambda: R.TEMPLATE_NOT_FOUND.format(templateId=1),
            lambda: FileTooLargeError.with_args(1),
        ]
        for call in calls:
            try:
                call()
            except TypeError as error:
                print(error)
            else:
                print("accepted")
    """)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "accepted" not in lines and len(lines) == 5
    assert lines[0] == "the message takes 2 positional and keywords []; given 1 positional and keywords []"


def test_braces_kept_as_text_stay_as_written(tmp_path: Path) -> None:
    from generator.cli import main

    spec = tmp_path / "specs" / "widget.md"
    spec.parent.mkdir()
    spec.write_text(
        "## Acme > Widget > Error Code\n\n| resultCode | resultKey | resultMessage |\n|---|---|---|\n"
        "| 4000001 | PADDED | Code {0:>5} of {name}, {{literal}} and a stray }. |\n",
        encoding="utf-8",
    )
    assert main(["generate", str(spec.parent), "--out", str(tmp_path / "out")]) == 0
    result = run(tmp_path / "out" / "python", """
        from acme_errors.widget import ResultCode
        print(ResultCode.PADDED.format(name="n"))
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Code {0:>5} of n, {literal} and a stray }.\n"


USE = """\
# pyright: strict
from typing import assert_type

from demo_errors.messages import BadValueError, FileTooLargeError, ResultCode, TemplateNotFoundError

assert_type(ResultCode.FILE_TOO_LARGE.format(1, 2), str)
assert_type(ResultCode.MISSING_FIELD.format("a", "b"), str)
assert_type(ResultCode.BAD_VALUE.format(1, field="f"), str)
assert_type(ResultCode.LITERAL_BRACES.format(id=1), str)
assert_type(ResultCode.TEMPLATE_NOT_FOUND.format(templateId=1, project="p"), str)
assert_type(ResultCode.SUCCESS.format(), str)
assert_type(FileTooLargeError.with_args(1, 2), FileTooLargeError)
assert_type(BadValueError.with_args(1, field="f"), BadValueError)
assert_type(TemplateNotFoundError.with_args(project="p", templateId=1), TemplateNotFoundError)
"""

MISUSE = [
    "ResultCode.FILE_TOO_LARGE.format(1)",
    "ResultCode.FILE_TOO_LARGE.format(1, 2, 3)",
    "ResultCode.SUCCESS.format(1)",
    "ResultCode.BAD_VALUE.format(1, 2)",
    "ResultCode.BAD_VALUE.format(1, feld='f')",
    "ResultCode.TEMPLATE_NOT_FOUND.format(templateId=1)",
    "ResultCode.TEMPLATE_NOT_FOUND.format(1, 2)",
    "FileTooLargeError.with_args(1)",
    "TemplateNotFoundError.with_args(templateId=1, project='p', other=3)",
    "BadValueError.with_args(field='f')",
]


def mypy(paths: list[Path], cwd: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), *map(str, paths)]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600)


def test_mypy_strict_accepts_the_package_and_every_call_a_message_takes(generated: Path, tmp_path: Path) -> None:
    use = tmp_path / "use.py"
    use.write_text(USE, encoding="utf-8")
    result = mypy([generated / "demo_errors", use], generated, tmp_path / "cache")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_rejects_every_call_a_message_does_not_take(generated: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(USE.splitlines()[3] + "\n" + "\n".join(MISUSE) + "\n", encoding="utf-8")
    result = mypy([bad], generated, tmp_path / "cache")
    assert result.returncode == 1
    flagged = {int(line.split(":")[1]) for line in result.stdout.splitlines() if line.startswith(str(bad)) and ": error:" in line}
    assert flagged == set(range(2, len(MISUSE) + 2)), result.stdout


def test_pyright_strict_accepts_every_call_and_rejects_the_others(generated: Path, tmp_path: Path) -> None:
    use = tmp_path / "use.py"
    use.write_text(USE, encoding="utf-8")
    accepted = pyright("--pythonversion", "3.11", str(use), cwd=generated)
    assert accepted.returncode == 0 and "0 errors" in accepted.stdout, accepted.stdout
    bad = tmp_path / "bad.py"
    bad.write_text(USE.splitlines()[3] + "\n" + "\n".join(MISUSE) + "\n", encoding="utf-8")
    rejected = pyright("--pythonversion", "3.11", "--outputjson", str(bad), cwd=generated)
    report = json.loads(rejected.stdout)
    flagged = {d["range"]["start"]["line"] + 1 for d in report["generalDiagnostics"] if d["severity"] == "error"}
    assert flagged == set(range(2, len(MISUSE) + 2)), rejected.stdout


def test_the_readme_example_prints_what_its_comments_say(generated: Path) -> None:
    import re

    from helpers import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Placeholders\n", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```python\n(.*?)```", section, re.S)
    result = run(generated, block)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [line[2:] for line in block.splitlines() if line.startswith("# ")]
