"""The README's requests, httpx and retry examples, run as written against a local HTTP server
(their base URL comes from OCR_BASE_URL, as the examples read it)."""

from __future__ import annotations

import contextlib
import io
import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from helpers import REPO

INVALID = (200, {"header": {"isSuccessful": False, "resultCode": 4000001, "resultMessage": "Invalid parameter."}})
UNAVAILABLE = (503, {"header": {"isSuccessful": False, "resultCode": 5030001, "resultMessage": "Try later."}})
OK = (200, {"header": {"isSuccessful": True, "resultCode": 0, "resultMessage": "SUCCESS"}, "result": {"text": "hi"}})


class Server:
    def __init__(self) -> None:
        self.queue: list[tuple[int, dict]] = []
        self.paths: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.paths.append(self.path)
                status, body = server.queue.pop(0) if server.queue else INVALID
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("X-Request-Id", f"req-{len(server.paths)}")
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, generated_package) -> Iterator[Server]:
    running = Server()
    thread = threading.Thread(target=running.httpd.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("OCR_BASE_URL", running.url)
    try:
        yield running
    finally:
        running.httpd.shutdown()


def examples() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Using the generated package", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    return [b for b in blocks if "raise_for_response" in b]


def run(code: str) -> tuple[dict, str]:
    namespace: dict = {"__name__": "readme_example"}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), namespace)
    return namespace, out.getvalue()


def test_there_are_three_examples() -> None:
    found = examples()
    assert len(found) == 3 and "import requests" in found[0] and "import httpx" in found[1] and "tenacity" in found[2]


def test_the_requests_example(server: Server) -> None:
    _namespace, printed = run(examples()[0])
    assert printed.startswith("InvalidParameterError(code=4000001, key='INVALID_PARAMETER', http_status=400, request_id='req-1')")
    assert "'request_id': 'req-1'" in printed and server.paths == ["/v1.1/appkeys/x/general"]


def test_the_httpx_example(server: Server) -> None:
    _namespace, printed = run(examples()[1])
    assert printed.split() == ["req-1", "GET", f"{server.url}/v1.1/appkeys/x/general", "200"]


def test_the_retry_example(server: Server) -> None:
    namespace, _printed = run(examples()[2])
    server.queue = [UNAVAILABLE, UNAVAILABLE, OK]
    assert namespace["recognize"]()["result"] == {"text": "hi"}
    assert len(server.paths) == 3
    server.queue = [INVALID]
    with pytest.raises(Exception) as caught:
        namespace["recognize"]()
    assert type(caught.value).__name__ == "InvalidParameterError" and len(server.paths) == 4  # not retried
