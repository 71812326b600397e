"""Uses every part of the generated package's contract; `mypy --strict` must accept it."""

from __future__ import annotations

import pickle
from collections.abc import Mapping

import ai_service_errors
from ai_service_errors import (
    ApiError,
    BadRequest,
    ClientError,
    InternalServerError,
    MalformedResponseError,
    ServerError,
    Unauthorized,
    general_ocr,
    pose_estimation,
)
from ai_service_errors.general_ocr import GeneralOcrError, InvalidParameterError, ResultCode


def codes() -> list[tuple[int, str, str, int | None]]:
    member: ResultCode = ResultCode.INVALID_PARAMETER
    value: int = member
    found: ResultCode | None = ResultCode.try_from("4000001") or ResultCode.try_from(4000001)
    assert found is not None
    return [(value, member.key, member.message, member.http_status)]


def classes() -> tuple[int | None, str, int | None, str]:
    cls: type[GeneralOcrError] = general_ocr.exception_class_for_code(4000001)
    assert cls is InvalidParameterError
    code: int | None = InvalidParameterError.code
    key: str = InvalidParameterError.key
    status: int | None = InvalidParameterError.http_status
    default: str = InvalidParameterError.default_message
    bases: tuple[type[ApiError], ...] = (BadRequest, ClientError, ServerError, Unauthorized, InternalServerError)
    assert bases
    return code, key, status, default


def instances(body: Mapping[str, object]) -> dict[str, object]:
    error: GeneralOcrError = general_ocr.from_code(4000001, "bad", response=body)
    message: str = error.message
    code: int | None = error.code
    response: object = error.response
    copy = pickle.loads(pickle.dumps(error))
    assert isinstance(copy, InvalidParameterError)
    assert message and code and response is not None
    return error.to_problem()


def handling(body: Mapping[str, object]) -> str:
    try:
        general_ocr.raise_for_result(body)
        pose_estimation.raise_for_result(body)
    except InvalidParameterError as error:
        return f"{error.code} {error.key}: {error}"
    except BadRequest as error:
        return str(error.http_status)
    except MalformedResponseError as error:
        return error.message
    except pose_estimation.PoseEstimationError as error:
        return str(error.code)
    except ApiError as error:
        return repr(error.to_problem())
    return ai_service_errors.__name__


def localized_messages(locale: str) -> tuple[Mapping[str, str], str | None, str]:
    member = ResultCode.INVALID_PARAMETER
    messages: Mapping[str, str] = member.messages
    maybe: str | None = member.localized(locale)
    always: str = member.localized(locale, member.message)
    return messages, maybe, always
