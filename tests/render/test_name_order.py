"""The order filters of the Python templates, held to ruff itself: members of a from-import as
its isort (I001) sorts them, an ``__all__`` as RUF022 does, for names of every shape."""

from __future__ import annotations

import keyword
import random
import subprocess
import sys
from pathlib import Path

from generator.render.order import all_order, import_order

# The shapes that tell the orders apart: kinds (constant, class, other), case, digit runs with and
# without leading zeros, underscores (which sort between upper and lower case).
SHAPES = [
    "ApiError", "APIError", "AbError", "ABError", "AaError", "A", "AB", "A1", "Ab1", "a", "ab", "_a", "__version__",
    "Error2Error", "Error10Error", "Error02Error", "Error002Error", "Error1Error", "Error01Error", "Error0Error",
    "Code400000Error", "CodeMinus45020Error", "Code4000001Error", "x2y8", "x2g8", "x8y8", "x10", "x9", "x09",
    "STATUS_CLASSES", "STATUS_2", "STATUS_10", "S_1", "is_retryable", "isRetryable", "Is_retryable", "catalogs",
    "general_ocr", "general_ocr2", "general_ocr10", "generalOcr", "ImATeapot", "ImUsed", "IMUsed", "Z_", "z_", "_Z",
]  # fmt: skip


def random_names(rng: random.Random, count: int) -> list[str]:
    alphabet = "aAbBzZ_0019"
    names: set[str] = set()
    while len(names) < count:
        name = rng.choice("aAbBzZ_") + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 7)))
        if name.isidentifier() and not keyword.iskeyword(name):
            names.add(name)
    return sorted(names)


def module(names: list[str]) -> str:
    members = "".join(f"    {name},\n" for name in import_order(names))
    exported = "".join(f'    "{name}",\n' for name in all_order(names))
    return f"from somewhere import (\n{members})\n\n__all__ = [\n{exported}]\n"


def test_ruff_finds_the_orders_of_both_filters_sorted(tmp_path: Path) -> None:
    rng = random.Random(18)
    cases = [SHAPES, *(rng.sample(SHAPES, 12) for _ in range(40)), *(random_names(rng, rng.randint(2, 30)) for _ in range(300))]
    for number, names in enumerate(cases):
        (tmp_path / f"case_{number}.py").write_text(module(names), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache", "--select", "I,RUF022", "--output-format", "concise", "."],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr


def test_ruff_would_reorder_names_sorted_otherwise(tmp_path: Path) -> None:
    """The check can fail: code-point order, which differs for digit runs and case, is reported."""
    names = ["Error10Error", "Error2Error", "ABError", "AaError"]
    (tmp_path / "plain.py").write_text(
        "from somewhere import (\n" + "".join(f"    {n},\n" for n in sorted(names)) + ")\n\n"
        "__all__ = [\n" + "".join(f'    "{n}",\n' for n in sorted(names)) + "]\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache", "--select", "I,RUF022", "--output-format", "concise", "."],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 1
    assert "I001" in result.stdout and "RUF022" in result.stdout


def test_numbers_in_names_sort_as_numbers_and_the_kinds_come_in_order() -> None:
    assert import_order(["Error10Error", "Error2Error", "is_retryable", "STATUS", "ApiError"]) == [
        "STATUS", "ApiError", "Error2Error", "Error10Error", "is_retryable",
    ]  # fmt: skip
    assert all_order(["__version__", "catalogs", "ApiError", "general_ocr"]) == ["ApiError", "__version__", "catalogs", "general_ocr"]


def test_imports_ignore_case_first_and_all_does_not() -> None:
    assert import_order(["ABError", "AaError"]) == ["AaError", "ABError"]
    assert all_order(["ABError", "AaError"]) == ["ABError", "AaError"]


def test_the_order_does_not_depend_on_the_order_given() -> None:
    rng = random.Random(7)
    for _ in range(50):
        shuffled = rng.sample(SHAPES, len(SHAPES))
        assert import_order(shuffled) == import_order(SHAPES)
        assert all_order(shuffled) == all_order(SHAPES)
