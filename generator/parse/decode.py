"""Spec bytes to text: UTF-8 with an optional BOM; binary and undecodable files are errors."""

from __future__ import annotations

from ..diagnostics import Diagnostic, error

_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}


def decode(path: str, data: bytes) -> tuple[str | None, list[Diagnostic]]:
    """Bytes to text: UTF-8 with an optional BOM; binary and undecodable files are errors."""
    for bom, encoding in _BOMS.items():
        if data.startswith(bom):
            message = f"the file is {encoding} encoded (it starts with a {encoding} byte order mark); expected UTF-8"
            return None, [error("E103", path, 1, 1, message)]
    if b"\x00" in data:
        line, col = position(data, data.index(b"\x00"))
        return None, [error("E103", path, line, col, "binary file (a NUL byte); expected a UTF-8 Markdown spec")]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line, col = position(data, exc.start)
        message = f"invalid UTF-8 (byte 0x{data[exc.start]:02x}); expected a UTF-8 encoded Markdown spec"
        return None, [error("E103", path, line, col, message)]


def position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset; CR, LF and CRLF end lines."""
    before = data[:offset]
    line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
    line_start = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
    return line, len(before[line_start:].decode("utf-8", errors="replace")) + 1
