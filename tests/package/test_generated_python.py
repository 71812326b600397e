"""The generated package, imported and run: every contract line on the seed catalogs."""

from __future__ import annotations

import enum
import pickle
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor

import pytest

from helpers import SPECS, seed_rows

CATALOGS = [("general_ocr", "general-ocr.md", "GeneralOcrError"), ("pose_estimation", "pose-estimation.md", "PoseEstimationError")]


@pytest.fixture
def pkg(generated_package):
    import ai_service_errors

    return ai_service_errors


@pytest.fixture(params=CATALOGS, ids=[c[0] for c in CATALOGS])
def catalog(request, pkg):
    module_name, spec, base = request.param
    module = getattr(pkg, module_name)
    return module, seed_rows(SPECS / spec), getattr(module, base)


def camel(key: str) -> str:
    name = "".join(part.capitalize() for part in key.split("_"))
    return name if name.endswith("Error") else name + "Error"


def test_result_code_enum_matches_the_source_table(catalog) -> None:
    module, rows, _base = catalog
    result_code = module.ResultCode
    assert issubclass(result_code, enum.IntEnum)
    assert [(m.value, m.name, m.key, m.message) for m in result_code] == [
        (code, key, key, message) for _line, code, key, message in rows
    ]
    assert len(result_code.__members__) == len(list(result_code)) == len(rows)  # no aliases


def test_result_code_http_status_and_try_from(catalog) -> None:
    module, _rows, _base = catalog
    rc = module.ResultCode
    assert rc.SUCCESS.http_status == 200
    assert rc.FAIL.http_status is None
    assert rc.INVALID_PARAMETER.http_status == 400
    assert rc.INVALID_APPKEY_SECRETKEY.http_status == 401
    assert rc.try_from(4000001) is rc.INVALID_PARAMETER
    assert rc.try_from("4000001") is rc.INVALID_PARAMETER
    assert rc.try_from(" -1 ") is rc.FAIL
    for unknown in (4009999, "4009999", "abc", "٤٠٠", "4000001.0", True):
        assert rc.try_from(unknown) is None


def test_one_exception_class_per_error_code(catalog, pkg) -> None:
    module, rows, base = catalog
    assert issubclass(base, pkg.ApiError)
    for _line, code, key, message in rows:
        if code == 0:
            assert module.exception_class_for_code(0) is base
            continue
        cls = getattr(module, camel(key))
        assert module.exception_class_for_code(code) is cls
        assert module.exception_class_for_code(str(code)) is cls
        assert (cls.code, cls.key, cls.default_message) == (code, key, message)
        assert issubclass(cls, base)
        assert str(code) in cls.__doc__ and key in cls.__doc__ and message in cls.__doc__
        status = module.ResultCode(code).http_status
        assert cls.http_status == status
        if status is None:
            assert cls.__bases__ == (base,)
        else:
            assert issubclass(cls, pkg.ClientError if status < 500 else pkg.ServerError)


def test_status_classes_are_named_as_google_api_core_names_them(pkg) -> None:
    expected = {
        "BadRequest": 400, "Unauthorized": 401, "Forbidden": 403, "NotFound": 404, "MethodNotAllowed": 405,
        "RequestEntityTooLarge": 413, "UnsupportedMediaType": 415, "InternalServerError": 500,
    }
    for name, status in expected.items():
        cls = getattr(pkg, name)
        assert cls.http_status == status
        assert issubclass(cls, pkg.ClientError if status < 500 else pkg.ServerError)
    g = pkg.general_ocr
    assert issubclass(g.InvalidParameterError, pkg.BadRequest)
    assert issubclass(g.InvalidAppkeySecretkeyError, pkg.Unauthorized)
    assert issubclass(g.MaxUploadSizeExceededError, pkg.RequestEntityTooLarge)
    assert issubclass(g.OcrGeneralApiFailError, pkg.InternalServerError)
    assert issubclass(pkg.pose_estimation.MaxUploadSizeExceededError, pkg.BadRequest)


def test_instances_message_code_response_and_str(pkg) -> None:
    g = pkg.general_ocr
    error = g.from_code(4000001)
    assert type(error) is g.InvalidParameterError
    assert (error.code, error.message, error.response) == (4000001, "Invalid parameter.", None)
    assert str(error) == "[4000001 INVALID_PARAMETER] Invalid parameter."
    body = {"header": {"resultCode": 4000001}}
    error = g.from_code("4000001", "width must be positive", response=body)
    assert error.message == "width must be positive" and error.response is body
    assert str(error) == "[4000001 INVALID_PARAMETER] width must be positive"
    unknown = g.from_code(4009999, "new server code")
    assert isinstance(unknown, g.GeneralOcrError) and isinstance(unknown, pkg.BadRequest)  # by the status rule
    assert unknown.code == 4009999
    assert str(unknown) == "[4009999 UNKNOWN] new server code"
    with pytest.raises(ValueError):
        g.from_code("not a code")


def test_raise_for_result(pkg) -> None:
    g = pkg.general_ocr
    g.raise_for_result({"header": {"isSuccessful": True, "resultCode": 0, "resultMessage": "SUCCESS"}, "result": {}})
    g.raise_for_result({"header": {"resultCode": 0, "resultMessage": "SUCCESS"}})
    g.raise_for_result({"header": {"isSuccessful": True}})
    body = {"header": {"isSuccessful": False, "resultCode": 4010001, "resultMessage": "Invalid appKey."}, "data": None}
    with pytest.raises(g.InvalidAppkeySecretkeyError) as caught:
        g.raise_for_result(body)
    assert caught.value.message == "Invalid appKey." and caught.value.response is body
    assert isinstance(caught.value, pkg.Unauthorized)
    with pytest.raises(g.GeneralOcrError) as caught:
        g.raise_for_result({"header": {"isSuccessful": False, "resultCode": 4009999, "resultMessage": "?"}})
    assert caught.value.code == 4009999
    with pytest.raises(g.InternalApiFailError):
        g.raise_for_result({"header": {"resultCode": "5000001"}})


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"result": {}},
        {"header": None},
        {"header": [1]},
        {"header": {}},
        {"header": {"isSuccessful": False}},
        {"header": {"resultCode": "four"}},
        {"header": {"resultCode": 1.5}},
        {"header": {"resultCode": None}},
        {"header": {"resultCode": False}},
        {"header": {"isSuccessful": "no", "resultCode": 1}},
        [],
        None,
    ],
)
def test_a_body_without_a_usable_header_is_malformed(pkg, body) -> None:
    with pytest.raises(pkg.MalformedResponseError) as caught:
        pkg.general_ocr.raise_for_result(body)
    assert isinstance(caught.value, pkg.ApiError)
    assert caught.value.message


def test_to_problem_is_an_rfc9457_object(pkg) -> None:
    g = pkg.general_ocr
    problem = g.from_code(4131000, "too big").to_problem()
    assert problem == {
        "type": "urn:ai-service-errors:general_ocr:MAX_UPLOAD_SIZE_EXCEEDED",
        "title": "Request size is larger than permissible limit. the permissible limit is 5mb.",
        "status": 413,
        "detail": "too big",
        "code": 4131000,
        "key": "MAX_UPLOAD_SIZE_EXCEEDED",
    }
    assert "status" not in g.from_code(-1).to_problem()
    assert "code" not in pkg.MalformedResponseError().to_problem()  # a response that carried none
    assert g.from_code(4009999).to_problem()["type"] == "urn:ai-service-errors:general_ocr:UNKNOWN"


def _roundtrip(error: Exception) -> Exception:
    return pickle.loads(pickle.dumps(error))


def test_exceptions_pickle_to_the_same_class_code_message_and_response(pkg) -> None:
    g = pkg.general_ocr
    for error in (
        g.from_code(4000001, "server says", response={"header": {"resultCode": 4000001}}),
        g.from_code(4009999, "unknown"),
        pkg.MalformedResponseError("no header", response={}),
    ):
        copy = _roundtrip(error)
        assert type(copy) is type(error)
        assert (copy.code, copy.message, copy.response, str(copy)) == (
            error.code, error.message, error.response, str(error)
        )


def test_exceptions_cross_a_process_pool(pkg) -> None:
    error = pkg.general_ocr.from_code(5000003, "db down", response={"header": {}})
    with ProcessPoolExecutor(max_workers=1) as pool:
        copy = pool.submit(_roundtrip, error).result()
    assert type(copy).__name__ == "DatabaseFailError" and copy.code == 5000003 and copy.message == "db down"


def test_lookups_are_read_only_mappings_and_modules_name_their_source(pkg) -> None:
    g = pkg.general_ocr
    assert isinstance(g._CLASSES, Mapping)
    with pytest.raises(TypeError):
        g._CLASSES[1] = g.GeneralOcrError  # type: ignore[index]
    assert "specs/general-ocr.md" in g.__doc__
    assert "specs/pose-estimation.md" in pkg.pose_estimation.__doc__
