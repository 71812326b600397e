"""Synthetic spec sets for the benchmark: many services' error-code pages, like a company's docs.

Every page is deterministic (no randomness, so two runs measure the same bytes) and has its own
catalog breadcrumb, so pages never clash. Every page has a SUCCESS row, the common HTTP-status
rows and service-specific seven-digit codes; some have an intro paragraph, a parameter table
and a JSON example around the error table, as real API guides do. One page in
``translate_every`` gets a Korean translation ``NAME.ko.md`` beside it, under its own
breadcrumb, so it is read whether or not errgen merges translations.
"""

from __future__ import annotations

import re
from pathlib import Path

GROUPS = ("Compute", "Storage", "Network", "Database", "Security", "AI Service", "Analytics", "Messaging")
ADJECTIVES = ("Swift", "Quiet", "Bright", "Solid", "Rapid", "Gentle", "Silver", "Amber", "Coral", "Polar", "Lunar")
NOUNS = ("Ledger", "Relay", "Vault", "Beacon", "Harbor", "Signal", "Canvas", "Forge", "Atlas", "Prism", "Orbit", "Ember", "Meadow")

COMMON = (
    (0, "SUCCESS", "SUCCESS", "성공"),
    (-1, "FAIL", "Unknown error.", "알 수 없는 오류입니다."),
    (400, "BAD_REQUEST", "Bad Request", "잘못된 요청입니다."),
    (401, "UNAUTHORIZED", "Unauthorized", "인증되지 않았습니다."),
    (403, "FORBIDDEN", "Forbidden", "금지되었습니다."),
    (404, "NOT_FOUND", "Not Found", "찾을 수 없습니다."),
    (405, "METHOD_NOT_ALLOWED", "Method Not Allowed", "허용되지 않는 메서드입니다."),
    (409, "CONFLICT", "Conflict", "충돌이 발생했습니다."),
    (415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported Media Type", "지원하지 않는 미디어 타입입니다."),
    (429, "TOO_MANY_REQUESTS", "Too Many Requests", "요청이 너무 많습니다."),
    (500, "INTERNAL_ERROR", "Internal Server Error", "내부 서버 오류입니다."),
    (503, "SERVICE_UNAVAILABLE", "Service Unavailable", "서비스를 사용할 수 없습니다."),
)
# (status prefix, key stem, message, Korean message): each service gets codes from these.
SPECIFIC = (
    (400, "INVALID_{N}", "Invalid {n}.", "{n} 값이 올바르지 않습니다."),
    (400, "MISSING_{N}", "The request has no {n}.", "요청에 {n} 값이 없습니다."),
    (400, "{N}_TOO_LONG", "The {n} is longer than 256 characters.", "{n} 값이 256자보다 깁니다."),
    (400, "{N}_FORMAT_ERROR", 'The {n} must look like "abc-123".', '{n} 값은 "abc-123" 형식이어야 합니다.'),
    (401, "{N}_TOKEN_EXPIRED", "The access token for {n} expired; sign in again.", "{n} 접근 토큰이 만료되었습니다."),
    (403, "{N}_NOT_PERMITTED", "You may not change this {n}.", "이 {n} 값을 변경할 권한이 없습니다."),
    (404, "{N}_NOT_FOUND", "No {n} with this ID exists.", "이 ID의 {n} 값이 없습니다."),
    (409, "{N}_ALREADY_EXISTS", "A {n} with this name already exists.", "같은 이름의 {n} 값이 이미 있습니다."),
    (413, "{N}_TOO_LARGE", "The {n} is larger than the 5 MB limit.", "{n} 크기가 5MB 제한보다 큽니다."),
    (429, "{N}_QUOTA_EXCEEDED", "The daily {n} quota is used up.", "일일 {n} 할당량을 모두 사용했습니다."),
    (500, "{N}_STORE_FAIL", "Saving the {n} failed.", "{n} 저장에 실패했습니다."),
    (503, "{N}_BACKEND_DOWN", "The {n} backend does not answer.", "{n} 백엔드가 응답하지 않습니다."),
)
FIELDS = ("project", "bucket", "image", "user", "region", "policy", "token", "volume", "record", "channel")


def service_name(index: int) -> str:
    return f"{ADJECTIVES[index % len(ADJECTIVES)]} {NOUNS[index // len(ADJECTIVES) % len(NOUNS)]} {index:04d}"


def codes(index: int, count: int) -> list[tuple[int, str, str, str]]:
    """``count`` rows (code, key, message, Korean message) for service ``index``."""
    rows = list(COMMON[: min(count, len(COMMON))])
    serial: dict[int, int] = {}
    step = 0
    while len(rows) < count:
        status, key, message, korean = SPECIFIC[(index + step) % len(SPECIFIC)]
        field = FIELDS[(index * 7 + step) % len(FIELDS)]
        step += 1
        serial[status] = serial.get(status, 0) + 1
        code = status * 10_000 + serial[status]
        rows.append((code, key.format(N=f"{field.upper()}_{step}"), message.format(n=f"{field} {step}"),
                     korean.format(n=f"{field} {step}")))
    return rows


def page(index: int, count: int, *, korean: bool = False) -> str:
    group = GROUPS[index % len(GROUPS)]
    name = service_name(index)
    kind = "오류 코드" if korean else "Error Code"
    if korean:
        name += " KO"  # its own catalog while errgen has no translation merging
    lines = [f"## Acme Cloud > {group} > {name} > {kind}", ""]
    if index % 5 == 0:
        lines += [
            f"Every response of {name} has a `header`; `resultCode` tells the outcome.",
            "",
            "| Name | Type | Description |",
            "|---|---|---|",
            "| isSuccessful | Boolean | Whether the call succeeded |",
            "| resultCode | Integer | The result code below |",
            "",
            "```json",
            '{"header": {"isSuccessful": false, "resultCode": 4000001, "resultMessage": "Invalid parameter."}}',
            "```",
            "",
        ]
    lines += ["| resultCode | resultKey | resultMessage |", "|---|---|---|"]
    for code, key, message, translated in codes(index, count):
        lines.append(f"| {code} | {key} | {translated if korean else message} |")
    return "\n".join(lines) + "\n"


def spec_name(index: int) -> str:
    return f"{GROUPS[index % len(GROUPS)].lower().replace(' ', '-')}/{service_name(index).lower().replace(' ', '-')}"


def write_set(folder: Path, specs: int, codes_per_spec: int, translate_every: int = 10) -> int:
    """Write ``specs`` pages (and their translations) under folder; returns the number of code rows."""
    rows = 0
    for index in range(specs):
        path = folder / f"{spec_name(index)}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page(index, codes_per_spec), encoding="utf-8")
        rows += codes_per_spec
        if translate_every and index % translate_every == translate_every - 1:
            path.with_suffix(".ko.md").write_text(page(index, codes_per_spec, korean=True), encoding="utf-8")
            rows += codes_per_spec
    return rows


def touch(path: Path, number: int) -> None:
    """Change the message of the last row of one page, differently each round, as an author would."""
    lines = path.read_text(encoding="utf-8").splitlines()
    last = max(i for i, line in enumerate(lines) if is_row(line))
    cells = lines[last].split("|")
    cells[3] = re.sub(r" \(edit \d+\)$", "", cells[3].rstrip()) + f" (edit {number}) "
    lines[last] = "|".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def is_row(line: str) -> bool:
    """A row of an error table (code cell first)."""
    cells = line.split("|")
    return line.startswith("|") and len(cells) > 3 and cells[1].strip().lstrip("-").isdigit()
