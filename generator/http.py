"""HTTP statuses: the one rule that derives a status from a result code, and status class names.

Class names follow google-api-core's exceptions where it has one and the classic RFC 7231
reason phrase otherwise. The table is fixed here (not taken from `http.HTTPStatus`, whose
phrases change between Python versions) so output is the same on every machine.
"""

from __future__ import annotations

STATUS_CLASS_NAMES: dict[int, str] = {
    400: "BadRequest",
    401: "Unauthorized",
    402: "PaymentRequired",
    403: "Forbidden",
    404: "NotFound",
    405: "MethodNotAllowed",
    406: "NotAcceptable",
    407: "ProxyAuthenticationRequired",
    408: "RequestTimeout",
    409: "Conflict",
    410: "Gone",
    411: "LengthRequired",
    412: "PreconditionFailed",
    413: "RequestEntityTooLarge",
    414: "RequestUriTooLong",
    415: "UnsupportedMediaType",
    416: "RequestRangeNotSatisfiable",
    417: "ExpectationFailed",
    418: "ImATeapot",
    421: "MisdirectedRequest",
    422: "UnprocessableEntity",
    423: "Locked",
    424: "FailedDependency",
    425: "TooEarly",
    426: "UpgradeRequired",
    428: "PreconditionRequired",
    429: "TooManyRequests",
    431: "RequestHeaderFieldsTooLarge",
    451: "UnavailableForLegalReasons",
    499: "Cancelled",
    500: "InternalServerError",
    501: "MethodNotImplemented",
    502: "BadGateway",
    503: "ServiceUnavailable",
    504: "GatewayTimeout",
    505: "HttpVersionNotSupported",
    506: "VariantAlsoNegotiates",
    507: "InsufficientStorage",
    508: "LoopDetected",
    510: "NotExtended",
    511: "NetworkAuthenticationRequired",
}


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


def status_class_name(status: int) -> str:
    return STATUS_CLASS_NAMES.get(status, f"HttpStatus{status}")


def status_base_class(status: int) -> str | None:
    """`ClientError` for 4xx, `ServerError` for 5xx; no exception base for other statuses."""
    if 400 <= status <= 499:
        return "ClientError"
    if 500 <= status <= 599:
        return "ServerError"
    return None
