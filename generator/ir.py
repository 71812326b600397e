"""The model as JSON, for `errgen ir`: what errgen read from the specs, nothing rendered."""

from __future__ import annotations

import json
from typing import Any

from .model.project import Catalog, ErrorCode, Project


def to_ir(project: Project) -> dict[str, Any]:
    return {"package": project.package, "catalogs": [_catalog(c) for c in project.catalogs]}


def dumps(project: Project) -> str:
    return json.dumps(to_ir(project), ensure_ascii=False, indent=2) + "\n"


def _catalog(catalog: Catalog) -> dict[str, Any]:
    return {
        "id": catalog.id,
        "title": list(catalog.title),
        "source": catalog.source,
        "sources": list(catalog.sources or (catalog.source,)),
        "codes": [_code(code) for code in catalog.codes],
        "operations": [
            {"title": op.title, "name": op.name, "line": op.line, "codes": [_code(code) for code in op.codes]}
            for op in catalog.operations
        ],
    }


def _code(code: ErrorCode) -> dict[str, Any]:
    data: dict[str, Any] = {"code": code.code, "key": code.key, "message": code.message, "http_status": code.http_status}
    data.update(line=code.line, success=code.success, class_name=code.class_name)
    if code.description:
        data["description"] = code.description
    if code.deprecated:
        data["deprecated"] = True
    if code.messages:
        data["messages"] = dict(code.messages)
    if code.placeholders:
        data["placeholders"] = [{"name": p.name, "named": p.named} for p in code.placeholders]
    if code.extra:
        data["extra"] = dict(code.extra)
    return data
