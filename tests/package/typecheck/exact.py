# pyright: strict
"""Every documented expression of the generated package, with the type both checkers must give it."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import ModuleType

from typing import assert_type

import ai_service_errors
from ai_service_errors import ApiError, MalformedResponseError, ServiceUnavailable, is_retryable, lookup
from ai_service_errors.general_ocr import GeneralOcrError, InvalidParameterError, ResultCode, exception_class_for_code, from_code, raise_for_response, raise_for_result


def use(body: object, response: object) -> None:
    error = from_code(4000001, "bad")
    assert_type(error, GeneralOcrError)
    assert_type(error.code, int | None)
    assert_type(error.http_status, int | None)
    assert_type(error.key, str)
    assert_type(error.message, str)
    assert_type(error.response, object)
    assert_type(error.http_response_status, int | None)
    assert_type(error.headers, Mapping[str, str])
    assert_type(error.request_id, str | None)
    assert_type(error.method, str | None)
    assert_type(error.url, str | None)
    assert_type(error.retryable, bool)
    assert_type(error.deprecated, bool)
    assert_type(InvalidParameterError.deprecated, bool)
    assert_type(ResultCode.INVALID_PARAMETER.deprecated, bool)
    assert_type(error.to_log_fields(), dict[str, object])
    assert_type(error.to_problem(), dict[str, object])
    assert_type(InvalidParameterError.code, int | None)
    assert_type(InvalidParameterError.http_status, int | None)
    assert_type(exception_class_for_code("4000001"), type[GeneralOcrError])
    assert_type(raise_for_result(body), None)
    assert_type(raise_for_response(response), object)
    assert_type(is_retryable(error), bool)
    assert_type(ResultCode.INVALID_PARAMETER.message, str)
    assert_type(ResultCode.INVALID_PARAMETER.http_status, int | None)
    assert_type(ResultCode.try_from("1"), ResultCode | None)
    assert_type(ResultCode.INVALID_PARAMETER.localized("ko"), str | None)
    assert_type(ResultCode.INVALID_PARAMETER.format(), str)  # a message without placeholders
    assert_type(ResultCode.INVALID_PARAMETER.localized("ko", "x"), str)
    assert_type(lookup(4000001, catalog="general_ocr"), enum.IntEnum | None)
    assert_type(ai_service_errors.catalogs, Mapping[str, ModuleType])
    assert_type(ai_service_errors.__version__, str)
    try:
        raise_for_result(body)
    except ServiceUnavailable as caught:
        assert_type(caught.http_status, int | None)
    except MalformedResponseError as caught:
        assert_type(caught.code, int | None)
    except ApiError as caught:
        assert_type(str(caught), str)
