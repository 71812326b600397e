"""Which column of an error table a header cell names: the names errgen knows for each field,
and the near misses (a typo such as `reslutKey`) that must not pass for an extra column."""

from __future__ import annotations

from ..parse import Cell, Table
from . import naming

COLUMNS: dict[str, frozenset[str]] = {
    "code": frozenset({"resultcode", "code", "errorcode", "오류코드", "결과코드", "エラーコード"}),
    "key": frozenset({"resultkey", "key", "errorkey", "name"}),
    "message": frozenset(
        {"resultmessage", "message", "errormessage", "오류메시지", "결과메시지", "エラーメッセージ"}
        | {"결과코드메시지"}  # SMS (ko): 결과 코드 메시지, "result code message"
    ),
    "description": frozenset({"description", "설명", "説明"}),
    "http_status": frozenset({"httpstatus", "status"}),
    "success": frozenset({"issuccessful", "성공여부"}),  # 성공 여부: "successful or not"
    "retryable": frozenset({"retryable", "retry"}),
    # 사용 중단 / 지원 중단: "use/support discontinued"; 非推奨: "not recommended"
    "deprecated": frozenset({"deprecated", "deprecation", "isdeprecated", "사용중단", "지원중단", "非推奨"}),
}


_HEADER_TO_FIELD = {name: f for f, names in COLUMNS.items() for name in names}
# Column names a header with a typo is compared with (long enough that one edit is a typo, not
# another word), as a diagnostic spells them.
_SPELLED_AS = {
    name.casefold(): name
    for name in ("resultCode", "errorCode", "resultKey", "errorKey", "resultMessage", "errorMessage", "message", "description", "httpStatus", "isSuccessful")
}
_SPELLED = {name: _HEADER_TO_FIELD[name] for name in _SPELLED_AS}


def known_columns(table: Table) -> dict[str, int]:
    """Field name -> column index for the header cells errgen knows; first match wins."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(table.header.cells):
        names = naming.header_names(cell.shown)
        field_name = next((_HEADER_TO_FIELD[n] for n in names if n in _HEADER_TO_FIELD), None)
        if field_name is not None and field_name not in columns:
            columns[field_name] = index
    return columns


def near_misses(table: Table, columns: dict[str, int]) -> list[tuple[Cell, str]]:
    """Header cells of an error table that name no column errgen knows but are close to the
    name of a column the table lacks (`reslutKey`), each with that name."""
    found = []
    for index, cell in enumerate(table.header.cells):
        if index in columns.values() or not cell.shown:
            continue
        missing = [name for name, field_name in _SPELLED.items() if field_name not in columns]
        spelled = naming.near_name(naming.normalize_header(cell.shown), missing)
        if spelled is not None:
            found.append((cell, _SPELLED_AS[spelled]))
    fields = {*columns, *(_SPELLED[naming.normalize_header(spelled)] for _cell, spelled in found)}
    is_error_table = "code" in fields and ("message" in fields or "description" in fields)
    return found if is_error_table else []
