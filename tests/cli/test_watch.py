"""`errgen watch` driven for real: a watch process, real edits, broken saves of specs and of the
configuration, folders deleted and recreated, Ctrl-C."""

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
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

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

    def stop(self) -> None:
        """Ctrl-C: the watch ends with exit code 0 and no traceback."""
        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=30)
        self.reader.join(timeout=30)  # every line read, up to the last
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        output = "\n".join(self.seen)
        assert "errgen: watch stopped" in output, output
        assert self.process.returncode == 0, output
        assert "Traceback" not in output

    def __enter__(self) -> Watch:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


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


def module_of(root: Path, package: str = "ai_service_errors") -> Path:
    return root / f"generated/python/{package}/general_ocr.py"


def text_of(path: Path) -> str:
    try:
        return path.read_text()
    except FileNotFoundError:
        return ""


def edited_specs(folder: Path, old: str, new: str) -> None:
    """The repository's specs copied to folder, with one message of general-ocr.md changed."""
    shutil.copytree(SPECS, folder)
    spec = folder / "general-ocr.md"
    spec.write_text(spec.read_text().replace(old, new))


def test_watch_reloads_the_configuration_a_new_package_and_new_spec_folders(tmp_path: Path) -> None:
    shutil.copytree(SPECS, tmp_path / "specs")
    edited_specs(tmp_path / "docs", "Invalid parameter.", "From docs.")
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.errgen]\npackage = "first_errors"\n')
    with Watch(tmp_path) as watch:
        watch.wait_for("watching")
        assert '"Invalid parameter."' in text_of(module_of(tmp_path, "first_errors"))

        config.write_text('[tool.errgen]\npackage = "second_errors"\n')
        wait_until(lambda: '"Invalid parameter."' in text_of(module_of(tmp_path, "second_errors")))
        assert not module_of(tmp_path, "first_errors").exists()  # errgen removes what it wrote

        config.write_text('[tool.errgen]\npackage = "second_errors"\nspecs = ["docs"]\n')
        wait_until(lambda: '"From docs."' in text_of(module_of(tmp_path, "second_errors")))
        spec = tmp_path / "docs/general-ocr.md"
        spec.write_text(spec.read_text().replace("From docs.", "Edited in docs."))
        wait_until(lambda: '"Edited in docs."' in text_of(module_of(tmp_path, "second_errors")))
        watch.stop()


def test_watch_keeps_the_output_while_the_toml_is_invalid_and_recovers_when_fixed(tmp_path: Path) -> None:
    shutil.copytree(SPECS, tmp_path / "specs")
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.errgen]\npackage = "good_errors"\n')
    module = module_of(tmp_path, "good_errors")
    with Watch(tmp_path) as watch:
        watch.wait_for("watching")
        good = module.read_bytes()

        config.write_text('[tool.errgen]\npackage = "broken\n')
        line = watch.wait_for("error:")
        assert line.startswith("pyproject.toml:2:18: error: invalid TOML"), line
        spec = tmp_path / "specs/general-ocr.md"  # the specs are still watched: each save says so again
        spec.write_text(spec.read_text().replace("Invalid parameter.", "Saved while broken."))
        assert watch.wait_for("error:").startswith("pyproject.toml:2:18: error: invalid TOML")
        assert module.read_bytes() == good

        config.write_text('[tool.errgen]\npackage = "fixed_errors"\n')
        wait_until(lambda: '"Saved while broken."' in text_of(module_of(tmp_path, "fixed_errors")))
        watch.stop()


def test_watch_recovers_from_an_unknown_option_and_a_bad_value(tmp_path: Path) -> None:
    shutil.copytree(SPECS, tmp_path / "specs")
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.errgen]\npackage = "good_errors"\n')
    module = module_of(tmp_path, "good_errors")
    with Watch(tmp_path) as watch:
        watch.wait_for("watching")
        good = module.read_bytes()

        config.write_text('[tool.errgen]\npackage = "good_errors"\ncolour = "red"\n')
        line = watch.wait_for("error:")
        assert line.startswith("pyproject.toml:3:1: error: [tool.errgen] unknown option 'colour'"), line
        config.write_text('[tool.errgen]\npackage = "class"\n')
        line = watch.wait_for("error:")
        assert line.startswith("pyproject.toml:2:1: error: [tool.errgen] package 'class' is a Python keyword"), line
        assert module.read_bytes() == good

        config.write_text('[tool.errgen]\npackage = "fixed_errors"\n')
        wait_until(lambda: module_of(tmp_path, "fixed_errors").exists())
        watch.stop()


def test_watch_follows_a_spec_folder_deleted_and_recreated(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    shutil.copytree(SPECS, specs)
    module = module_of(tmp_path)
    with Watch(tmp_path) as watch:
        watch.wait_for("watching")
        good = module.read_bytes()

        shutil.rmtree(specs)
        line = watch.wait_for("error:")
        assert line.startswith("specs:1:1: error: no such file or folder"), line
        assert module.read_bytes() == good
        edited_specs(specs, "Invalid parameter.", "Recreated.")
        wait_until(lambda: '"Recreated."' in text_of(module))

        shutil.rmtree(specs)  # as a git branch switch does: gone and back before any run
        edited_specs(specs, "Invalid parameter.", "Switched branch.")
        wait_until(lambda: '"Switched branch."' in text_of(module))

        spec = specs / "general-ocr.md"
        spec.write_text(spec.read_text().replace("Switched branch.", "Edited after."))
        wait_until(lambda: '"Edited after."' in text_of(module))
        watch.stop()


def test_watch_picks_up_a_spec_folder_created_after_it_started(tmp_path: Path) -> None:
    module = module_of(tmp_path)
    with Watch(tmp_path) as watch:
        assert watch.wait_for("error:").startswith("specs:1:1: error: no such file or folder")
        watch.wait_for("watching")
        edited_specs(tmp_path / "specs", "Invalid parameter.", "Created later.")
        wait_until(lambda: '"Created later."' in text_of(module))
        spec = tmp_path / "specs/general-ocr.md"
        spec.write_text(spec.read_text().replace("Created later.", "Edited later."))
        wait_until(lambda: '"Edited later."' in text_of(module))
        watch.stop()


def test_watch_follows_a_templates_folder_deleted_and_recreated(tmp_path: Path) -> None:
    shutil.copytree(SPECS, tmp_path / "specs")
    templates = tmp_path / "templates"

    def templates_saying(text: str) -> None:
        template = templates / "text/{catalog}.txt.j2"
        template.parent.mkdir(parents=True, exist_ok=True)
        template.write_text(f"{{{{ catalog.id }}}}: {text}\n")

    templates_saying("first")
    (tmp_path / "pyproject.toml").write_text('[tool.errgen]\ntemplates = "templates"\n')
    out = tmp_path / "generated/text/general_ocr.txt"
    with Watch(tmp_path) as watch:
        watch.wait_for("watching")
        assert out.read_text().endswith("\ngeneral_ocr: first\n")

        shutil.rmtree(templates)
        line = watch.wait_for("error:")
        assert "the templates folder templates: no such file or folder" in line, line
        assert out.read_text().endswith("\ngeneral_ocr: first\n")
        templates_saying("recreated")
        wait_until(lambda: text_of(out).endswith("\ngeneral_ocr: recreated\n"))
        templates_saying("edited")
        wait_until(lambda: text_of(out).endswith("\ngeneral_ocr: edited\n"))
        watch.stop()
