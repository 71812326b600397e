"""The order of names that ruff's isort (I001) and RUF022 check, for imports and ``__all__``."""

from __future__ import annotations

import functools
from collections.abc import Iterable


def import_order(names: Iterable[str]) -> list[str]:
    """The members of a ``from module import (...)`` as isort sorts them by default
    (order-by-type, case-insensitive): constants, then classes, then the rest."""
    return sorted(names, key=functools.cmp_to_key(_by_import))


def all_order(names: Iterable[str]) -> list[str]:
    """The names of an ``__all__`` as RUF022 wants them ("isort-style"): by the same kinds, but
    each kind in case-sensitive natural order."""
    return sorted(names, key=functools.cmp_to_key(_by_all))


def _kind(name: str) -> int:
    """0 a constant (`STATUS_CLASSES`), 1 a class (`ApiError`), 2 anything else (`__version__`)."""
    if len(name) > 1 and name.isupper():
        return 0
    return 1 if name[:1].isupper() else 2


def _by_import(left: str, right: str) -> int:
    kinds = _kind(left) - _kind(right)
    return kinds or natural(left.lower(), right.lower()) or natural(left, right) or _plain(left, right)


def _by_all(left: str, right: str) -> int:
    return (_kind(left) - _kind(right)) or natural(left, right) or _plain(left, right)


def natural(left: str, right: str) -> int:
    """-1, 0 or 1: the natural order of two identifiers as ruff has it (the natord crate):
    character by character, a run of digits as a number (`Error2` < `Error10`), but digit by
    digit when either run starts with 0 (`a015` < `a12`). Identifiers hold no whitespace, which
    natord would skip."""
    i = j = 0
    while True:
        if i == len(left) or j == len(right):
            return (i < len(left)) - (j < len(right))
        a, b = left[i], right[j]
        if not (_digit(a) and _digit(b)):
            if a != b:
                return -1 if a < b else 1
            i, j = i + 1, j + 1
            continue
        aligned_left = a == "0" or b == "0"
        last = _plain(a, b)
        if aligned_left and last:
            return last
        while True:
            i, j = i + 1, j + 1
            more_left, more_right = i < len(left) and _digit(left[i]), j < len(right) and _digit(right[j])
            if more_left and more_right:
                step = _plain(left[i], right[j])
                if aligned_left and step:
                    return step
                last = last or step
            elif more_left or more_right:
                return 1 if more_left else -1
            else:
                break
        if last:
            return last


def _digit(char: str) -> bool:
    return "0" <= char <= "9"


def _plain(left: str, right: str) -> int:
    return (left > right) - (left < right)
