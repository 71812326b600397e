"""Finishing artifacts on every core: black in worker processes.

black is most of the time a run takes, and one run of it uses one core. A Finisher with
more than one job starts its worker processes at once (on Linux by fork, before the parent
parses anything), and each worker imports black while the parent is still reading specs and
rendering templates. Python files are handed over as they are rendered; the parent writes
the JSON and YAML meanwhile. Results are sorted by render, so the bytes are those of a
serial run.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator

Task = tuple[str, str, str, str]  # (path, rendered text, header, stamp)
Done = tuple[str, str, str]  # (path, finished text, stamp)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def jobs_for(requested: int | None = None) -> int:
    """The processes to use: ``requested`` when given, 0 or None meaning every core. Even two
    small specs gain from a second process: black takes a tenth of a second just to import,
    and workers import it while the parent parses and renders."""
    return requested if requested else default_jobs()


class Finisher:
    """Finishes rendered artifacts (see render.finish) with ``jobs`` processes at work: the
    parent (JSON, YAML) and ``jobs - 1`` workers (black). One worker per spare core measured
    best: a second worker importing black beside the parent's parsing slows both."""

    def __init__(self, jobs: int = 1) -> None:
        self.jobs = max(1, jobs)
        self._pool = None
        if self.jobs > 1:
            import multiprocessing

            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if sys.platform == "linux" and "fork" in methods else None)
            self._pool = context.Pool(self.jobs - 1, initializer=_warm_up)

    def finish(self, tasks: Iterable[Task]) -> Iterator[Done]:
        """Python files go to the workers as soon as they are rendered; the parent finishes the
        rest itself (JSON and YAML need no black) once every task is handed out."""
        if self._pool is None:
            yield from (_finish(task) for task in tasks)
            return
        pending = []
        local = []
        for task in tasks:
            if task[0].endswith(".py"):
                pending.append(self._pool.apply_async(_finish, (task,)))
            else:
                local.append(task)
        yield from (_finish(task) for task in local)
        for result in pending:
            yield result.get()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def terminate(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> Finisher:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        if kind is None:
            self.close()
        else:
            self.terminate()


def _warm_up() -> None:
    """In a worker: import black now, then keep its objects out of the
    collector's way (a full collection would otherwise walk all of black on every pass)."""
    import gc
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle, without tracebacks
    import black  # noqa: F401

    from . import render  # noqa: F401

    gc.freeze()


def _finish(task: Task) -> Done:
    from .render import finish

    path, text, header, stamp = task
    return path, finish(path, text, header), stamp
