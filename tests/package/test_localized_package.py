"""The generated package of a translated catalog, imported and run: every code's message in each
locale, read-only, and the localized lookup with its fallbacks."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import FIXTURES, import_fresh

MESSAGES = {
    0: {"en": "Success.", "ja": "成功", "ko": "성공"},
    4000001: {"en": "Invalid parameter.", "ja": "無効なパラメータです。", "ko": "잘못된 파라미터입니다."},
    4010001: {"en": "Unauthorized.", "ja": "認証されていません。", "ko": "인증되지 않았습니다."},
    5000001: {"en": "Internal error.", "ko": "내부 오류입니다."},
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.cli import main

    root = tmp_path_factory.mktemp("translated")
    shutil.copytree(FIXTURES / "translations", root / "specs")
    out = root / "generated"
    assert main(["generate", str(root / "specs"), "--out", str(out)]) == 0
    return out


@pytest.fixture
def widget(generated: Path) -> Iterator[object]:
    sys.path.insert(0, str(generated / "python"))
    try:
        yield import_fresh("acme_errors.widget")
    finally:
        sys.path.remove(str(generated / "python"))
        for name in [m for m in sys.modules if m == "acme_errors" or m.startswith("acme_errors.")]:
            del sys.modules[name]


def test_generated_result_codes_have_messages_per_locale(widget) -> None:
    ResultCode = widget.ResultCode
    for member in ResultCode:
        assert dict(member.messages) == MESSAGES[member.value]
        assert member.message == MESSAGES[member.value]["en"]
    with pytest.raises(TypeError):
        ResultCode.INVALID_PARAMETER.messages["en"] = "changed"  # read-only


def test_generated_localized_lookup(widget) -> None:
    code = widget.ResultCode.INTERNAL_ERROR
    assert code.localized("ko") == "내부 오류입니다."
    assert code.localized("ja") is None
    assert code.localized("ja", "fallback") == "fallback"
    assert code.localized("ja", code.message) == "Internal error."
