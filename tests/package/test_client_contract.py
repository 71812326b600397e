"""The generated package as client code uses it: unknown codes classified by their HTTP status,
the bugs of the first version fixed, real `requests` and `httpx` responses from a local HTTP
server, retry predicates, log fields, problems, and the lazy registry."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import MappingProxyType

import pytest

from helpers import GENERATED


@pytest.fixture
def pkg(generated_package):
    import ai_service_errors

    return ai_service_errors


@pytest.fixture
def ocr(pkg):
    return pkg.general_ocr


# Forward compatibility


@pytest.mark.parametrize(
    ("code", "status", "status_class", "base"),
    [
        (5039999, 503, "ServiceUnavailable", "ServerError"),
        (5009999, 500, "InternalServerError", "ServerError"),
        (4099999, 409, "Conflict", "ClientError"),
        (4299999, 429, "TooManyRequests", "ClientError"),
        (4609999, 460, None, "ClientError"),  # no class of its own: its family's
        (5999999, 599, None, "ServerError"),
        (504, 504, "GatewayTimeout", "ServerError"),
    ],
)
def test_an_unknown_code_is_classified_by_the_documented_status_rule(ocr, pkg, code, status, status_class, base) -> None:
    error = ocr.from_code(code)
    assert isinstance(error, ocr.GeneralOcrError) and isinstance(error, getattr(pkg, base))
    if status_class is not None:
        assert isinstance(error, getattr(pkg, status_class))
    assert (error.code, error.http_status, error.key) == (code, status, "UNKNOWN")
    assert ocr.exception_class_for_code(code) is type(error)
    assert pickle.loads(pickle.dumps(error)).__class__ is type(error)


def test_an_unknown_code_without_a_status_is_the_catalog_error(ocr, pkg) -> None:
    error = ocr.from_code(-77)
    assert type(error) is ocr.GeneralOcrError
    assert error.http_status is None and not isinstance(error, (pkg.ClientError, pkg.ServerError))


def test_the_standard_status_classes_are_always_there(pkg) -> None:
    for name in ("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict", "TooManyRequests",
                 "InternalServerError", "MethodNotImplemented", "BadGateway", "ServiceUnavailable", "GatewayTimeout"):
        assert issubclass(getattr(pkg, name), pkg.ApiError)


def test_an_unknown_class_unpickles_in_a_fresh_process(ocr) -> None:
    data = pickle.dumps(ocr.from_code(5039999, "later"))
    script = f"import pickle; e = pickle.loads({data!r}); print(type(e).__name__, e.http_status, e.message)"
    run = subprocess.run([sys.executable, "-c", script], cwd=GENERATED / "python", capture_output=True, text=True)
    assert run.stdout.split() == ["_Unknown503", "503", "later"], run.stderr


# The bugs of the first version


def test_a_huge_result_code_is_a_malformed_response(ocr, pkg) -> None:
    body = {"header": {"isSuccessful": False, "resultCode": "9" * 5000, "resultMessage": "x"}}
    with pytest.raises(pkg.MalformedResponseError):
        ocr.raise_for_result(body)
    assert ocr.ResultCode.try_from("9" * 5000) is None
    assert ocr.exception_class_for_code("9" * 5000) is ocr.GeneralOcrError
    assert ocr.ResultCode.try_from(2**63) is None


def test_code_is_always_there_and_none_without_one(ocr, pkg) -> None:
    assert ocr.GeneralOcrError("boom").code is None and pkg.ApiError().code is None
    assert str(ocr.GeneralOcrError("boom")) == "[UNKNOWN] boom"
    assert pkg.MalformedResponseError().code is None  # not -1, which is a documented code (FAIL)
    assert type(ocr.from_code(ocr.ResultCode.INVALID_PARAMETER).code) is int


@pytest.mark.parametrize(
    "header",
    [{"isSuccessful": False, "resultCode": 0}, {"isSuccessful": True, "resultCode": 4000001}],
    ids=["failure-with-success-code", "success-with-error-code"],
)
def test_a_header_that_contradicts_itself_is_malformed(ocr, pkg, header) -> None:
    with pytest.raises(pkg.MalformedResponseError, match="documented"):
        ocr.raise_for_result({"header": header})


def test_the_body_is_kept_as_evidence_and_any_mapping_pickles(ocr, pkg) -> None:
    with pytest.raises(pkg.MalformedResponseError) as caught:
        ocr.raise_for_result([1])
    assert caught.value.response == [1]
    body = MappingProxyType({"header": MappingProxyType({"isSuccessful": False, "resultCode": 4000001, "resultMessage": "no"})})
    with pytest.raises(ocr.InvalidParameterError) as caught:
        ocr.raise_for_result(body)
    copy = pickle.loads(pickle.dumps(caught.value))
    assert copy.response == {"header": {"isSuccessful": False, "resultCode": 4000001, "resultMessage": "no"}}
    assert (copy.code, copy.message) == (4000001, "no")


def test_a_documented_success_code_other_than_zero_is_success(tmp_path) -> None:
    """Email's 1000 is a success row: without isSuccessful it is success, not an error."""
    from helpers import generate_specs, write

    write(tmp_path / "specs/mail.md", "## Acme > Mail > Error Code\n\n| isSuccessful | resultCode | resultKey | resultMessage |\n|---|---|---|---|\n| true | 1000 | SENT | Sent. |\n| false | -1 | FAILED | Failed. |\n")
    outcome, _files = generate_specs([tmp_path / "specs"], tmp_path)
    assert outcome.failure is None, outcome.diagnostics
    script = (
        "from acme_errors import mail\n"
        "mail.raise_for_result({'header': {'resultCode': 1000}})\n"
        "try:\n    mail.raise_for_result({'header': {'resultCode': -1}})\nexcept mail.FailedError as e:\n    print(e.code)\n"
    )
    run = subprocess.run([sys.executable, "-c", script], cwd=tmp_path / "out/python", capture_output=True, text=True)
    assert run.stdout.strip() == "-1", run.stderr


# HTTP clients against a real server on 127.0.0.1

RESPONSES = {
    "/ok": (200, "application/json", json.dumps({"header": {"isSuccessful": True, "resultCode": 0, "resultMessage": "SUCCESS"}, "result": {"n": 1}})),
    "/invalid": (200, "application/json", json.dumps({"header": {"isSuccessful": False, "resultCode": 4000001, "resultMessage": "Invalid parameter."}})),
    "/unavailable": (503, "application/json", json.dumps({"header": {"isSuccessful": False, "resultCode": 5039999, "resultMessage": "later"}})),
    "/html": (502, "text/html", "<html><body>Bad gateway</body></html>"),
}


class _Handler(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        status, kind, body = RESPONSES[self.path.split("?")[0]]
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Request-Id", "req-" + self.path.strip("/"))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def _clients():
    import httpx
    import requests

    return {"requests": requests.get, "httpx": httpx.get}


@pytest.mark.parametrize("client", ["requests", "httpx"])
def test_raise_for_response_with_a_real_http_client(client: str, server: str, ocr, pkg) -> None:
    get = _clients()[client]
    assert ocr.raise_for_response(get(server + "/ok"))["result"] == {"n": 1}

    with pytest.raises(ocr.InvalidParameterError) as caught:
        ocr.raise_for_response(get(server + "/invalid?x=1"))
    error = caught.value
    assert (error.http_response_status, error.request_id, error.method) == (200, "req-invalid?x=1", "GET")
    assert error.url == server + "/invalid?x=1" and error.headers["X-Request-Id"] == "req-invalid?x=1"
    assert "req-invalid" in repr(error) and error.to_log_fields()["request_id"] == "req-invalid?x=1"

    with pytest.raises(pkg.ServiceUnavailable) as caught:
        ocr.raise_for_response(get(server + "/unavailable"))
    assert pkg.is_retryable(caught.value) and caught.value.http_response_status == 503

    with pytest.raises(pkg.MalformedResponseError) as caught:
        ocr.raise_for_response(get(server + "/html"))
    assert isinstance(caught.value.__cause__, ValueError)  # chained from the JSON parse error
    assert caught.value.http_response_status == 502 and pkg.is_retryable(caught.value)


def test_is_retryable_as_a_tenacity_predicate(server: str, ocr, pkg) -> None:
    import requests
    import tenacity

    calls = []

    @tenacity.retry(retry=tenacity.retry_if_exception(pkg.is_retryable), stop=tenacity.stop_after_attempt(3), wait=tenacity.wait_none(), reraise=True)
    def fetch(path: str) -> object:
        calls.append(path)
        return ocr.raise_for_response(requests.get(server + path))

    with pytest.raises(pkg.ServiceUnavailable):
        fetch("/unavailable")
    with pytest.raises(ocr.InvalidParameterError):
        fetch("/invalid")
    assert calls == ["/unavailable"] * 3 + ["/invalid"]


# Retries, observability, registry


def test_retryable_defaults(ocr, pkg) -> None:
    assert pkg.is_retryable(ocr.from_code(5039999)) and pkg.is_retryable(ocr.from_code(5009999))  # unknown 5xx
    assert not pkg.is_retryable(ocr.from_code(4000001)) and not pkg.is_retryable(ValueError())
    assert pkg.TooManyRequests.retryable and pkg.GatewayTimeout.retryable and not pkg.BadRequest.retryable


def test_a_retryable_column_sets_the_class_attribute(tmp_path) -> None:
    from helpers import generate_specs, write

    write(tmp_path / "specs/w.md", "## Acme > Widget > Error Code\n\n| resultCode | resultKey | resultMessage | retryable |\n|---|---|---|---|\n| 0 | SUCCESS | OK | |\n| 4000001 | BUSY | Busy. | true |\n| 5030001 | DOWN | Down. | false |\n")
    outcome, _files = generate_specs([tmp_path / "specs"], tmp_path)
    assert outcome.failure is None, outcome.diagnostics
    script = "from acme_errors import widget, is_retryable as r; print(r(widget.from_code(4000001)), r(widget.from_code(5030001)))"
    run = subprocess.run([sys.executable, "-c", script], cwd=tmp_path / "out/python", capture_output=True, text=True)
    assert run.stdout.split() == ["True", "False"], run.stderr


def test_log_fields_never_hold_the_payload(ocr) -> None:
    body = {"header": {"isSuccessful": False, "resultCode": 4000001, "resultMessage": "m"}, "result": {"secret": "s3cr3t"}}
    with pytest.raises(ocr.InvalidParameterError) as caught:
        ocr.raise_for_result(body)
    fields = caught.value.to_log_fields()
    assert fields["code"] == 4000001 and fields["key"] == "INVALID_PARAMETER" and fields["catalog"] == "general_ocr"
    assert "s3cr3t" not in json.dumps(fields)


def test_a_problem_type_base_in_the_configuration(tmp_path) -> None:
    from helpers import run_cli, write

    write(tmp_path / "pyproject.toml", '[tool.errgen]\nproblem-type-base = "https://errors.example.com/"\n')
    write(tmp_path / "specs/w.md", "## Acme > Widget > Error Code\n\n| resultCode | resultKey | resultMessage |\n|---|---|---|\n| 4000001 | BAD | Bad. |\n")
    assert run_cli("generate", cwd=tmp_path).returncode == 0
    script = "from acme_errors import widget; print(widget.from_code(4000001).to_problem()['type'])"
    run = subprocess.run([sys.executable, "-c", script], cwd=tmp_path / "generated/python", capture_output=True, text=True)
    assert run.stdout.strip() == "https://errors.example.com/widget/BAD", run.stderr


def test_importing_one_catalog_imports_no_other() -> None:
    script = "import sys, ai_service_errors.general_ocr; print(sorted(m for m in sys.modules if m.startswith('ai_service_errors.')))"
    run = subprocess.run([sys.executable, "-c", script], cwd=GENERATED / "python", capture_output=True, text=True)
    assert run.stdout.strip() == "['ai_service_errors._base', 'ai_service_errors.general_ocr']", run.stderr


def test_the_registry_and_lookup(pkg) -> None:
    assert list(pkg.catalogs) == ["general_ocr", "pose_estimation"]
    assert pkg.catalogs["general_ocr"].ResultCode.SUCCESS == 0
    assert pkg.lookup(4131000).key == "MAX_UPLOAD_SIZE_EXCEEDED"  # only General OCR documents it
    assert pkg.lookup(4000001, catalog="pose_estimation").key == "INVALID_PARAMETER"
    assert pkg.lookup(987654) is None
    with pytest.raises(LookupError, match="general_ocr, pose_estimation"):
        pkg.lookup(4000001)


def test_request_id_headers_from_the_configuration(tmp_path, server: str) -> None:
    from helpers import run_cli, write

    write(tmp_path / "pyproject.toml", '[tool.errgen]\nrequest-id-headers = ["X-Trace", "X-Request-Id"]\n')
    write(tmp_path / "specs/w.md", "## Acme > Widget > Error Code\n\n| resultCode | resultKey | resultMessage |\n|---|---|---|\n| 4000001 | INVALID_PARAMETER | Bad. |\n")
    assert run_cli("generate", cwd=tmp_path).returncode == 0
    script = (
        "import requests, sys\nfrom acme_errors import widget\n"
        "try:\n    widget.raise_for_response(requests.get(sys.argv[1]))\nexcept widget.InvalidParameterError as e:\n    print(e.request_id)\n"
    )
    run = subprocess.run([sys.executable, "-c", script, server + "/invalid"], cwd=tmp_path / "generated/python", capture_output=True, text=True)
    assert run.stdout.strip() == "req-invalid", run.stderr


@pytest.mark.parametrize(
    ("line", "said"),
    [('problem-type-base = "not a uri"', "'problem-type-base' must be an http(s) URI or a URN"),
     ('request-id-headers = ["bad header"]', "'request-id-headers' must be a non-empty list of HTTP header names")],
)
def test_bad_http_settings_are_positioned_usage_errors(tmp_path, line: str, said: str) -> None:
    from helpers import run_cli, write

    write(tmp_path / "pyproject.toml", f"[tool.errgen]\n{line}\n")
    write(tmp_path / "specs/w.md", "## Acme > Widget > Error Code\n\n| resultCode | resultKey | resultMessage |\n|---|---|---|\n| 1 | ONE | One. |\n")
    result = run_cli("generate", cwd=tmp_path)
    assert result.returncode == 2 and f"pyproject.toml:2:1: error: [tool.errgen] {said}" in result.stderr, result.stderr
