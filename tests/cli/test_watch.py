"""`errgen watch` driven for real: a watch process, real edits, a broken save, Ctrl-C."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path


from helpers import REPO, SPECS



class Watch:
    def __init__(self, cwd: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "watch", "--debounce", "100"],
            cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                assert self.process.poll() is None, "\n".join(self.seen)
                continue
            self.seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"no {text!r} in:\n" + "\n".join(self.seen))


def wait_until(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_watch_regenerates_keeps_the_last_good_output_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    shutil.copytree(SPECS, tmp_path / "specs")
    spec = tmp_path / "specs/general-ocr.md"
    module = tmp_path / "generated/python/ai_service_errors/general_ocr.py"
    watch = Watch(tmp_path)
    try:
        watch.wait_for("watching")
        assert '"Invalid parameter."' in module.read_text()

        spec.write_text(spec.read_text().replace("Invalid parameter.", "Parameter is invalid."))
        wait_until(lambda: '"Parameter is invalid."' in module.read_text())

        good = module.read_bytes()
        spec.write_text(spec.read_text().replace("| 4000003 |", "| 40000x3 |"))
        line = watch.wait_for("error:")
        assert line.startswith("specs/general-ocr.md:14:3: error: resultCode '40000x3' is not a plain decimal integer")
        time.sleep(0.5)
        assert module.read_bytes() == good

        spec.write_text(spec.read_text().replace("| 40000x3 |", "| 4000003 |").replace("Invalid file type.", "Bad type."))
        wait_until(lambda: '"Bad type."' in module.read_text())

        watch.process.send_signal(signal.SIGINT)
        watch.process.wait(timeout=10)
        rest = watch.process.stderr.read() if watch.process.stderr else ""
        output = "\n".join(watch.seen) + rest
        assert watch.process.returncode == 0
        assert "Traceback" not in output
    finally:
        if watch.process.poll() is None:
            watch.process.kill()
            watch.process.wait()


def test_watch_regenerates_when_a_custom_template_changes(tmp_path: Path) -> None:
    shutil.copytree(SPECS, tmp_path / "specs")
    template = tmp_path / "templates/text/{catalog}.txt.j2"
    template.parent.mkdir(parents=True)
    template.write_text("{{ catalog.id }}: {{ catalog.codes | length }} codes\n")
    (tmp_path / "pyproject.toml").write_text('[tool.errgen]\ntemplates = "templates"\n')
    out = tmp_path / "generated/text/general_ocr.txt"
    watch = Watch(tmp_path)
    try:
        watch.wait_for("watching")
        assert out.read_text().endswith("general_ocr: 30 codes\n")
        template.write_text("{{ catalog.id }} has {{ catalog.codes | length }}\n")
        wait_until(lambda: out.exists() and out.read_text().endswith("general_ocr has 30\n"))
    finally:
        watch.process.send_signal(signal.SIGINT)
        watch.process.wait(timeout=10)
