"""What a change to the out dir looks like to a reader: a unified diff."""

from __future__ import annotations


def unified_diff(path: str, old: str | None, new: str | None) -> str:
    import difflib

    before = "/dev/null" if old is None else f"a/{path}"
    after = "/dev/null" if new is None else f"b/{path}"
    lines = difflib.unified_diff((old or "").splitlines(keepends=True), (new or "").splitlines(keepends=True), before, after)
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)

