"""The one rule that derives an HTTP status from a result code."""

from __future__ import annotations


def status_for_code(code: int) -> int | None:
    """The documented rule: 0 -> 200; 100-599 -> the code itself; a seven-digit positive
    code whose first three digits are 400-599 -> those digits; anything else -> None."""
    if code == 0:
        return 200
    if 100 <= code <= 599:
        return code
    if 1_000_000 <= code <= 9_999_999 and 400 <= code // 10_000 <= 599:
        return code // 10_000
    return None
