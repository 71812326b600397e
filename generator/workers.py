"""Finishing artifacts on every core: black in worker processes.

black is most of the time a run takes, and one run of it uses one core. A Finisher with
workers starts them at once (on Linux by fork, before the parent parses anything), and each
imports black while the parent is still reading specs and rendering templates. Python files
are handed over as they are rendered; the parent writes the JSON and YAML meanwhile.
render sorts the results, so the bytes are those of a serial run.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator

Task = tuple[str, str, str, str, bool]  # (path, rendered text, header, stamp, from a built-in template)
Done = tuple[str, str, str]  # (path, finished text, stamp)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# From this many specs on, a worker on every core beats leaving one core to the parent: each
# spec is a module for black, and a worker costs a tenth of a second to import black.
MANY_SPECS = 8


def workers_for(jobs: int | None, specs: int) -> int:
    """Worker processes for ``jobs`` processes at work (None or 0: one per core) and this many
    specs: none for one job; with few specs one core stays the parent's, which writes the JSON
    and YAML meanwhile (on two cores a second worker importing black beside the parent's
    parsing slowed both); with many, one worker per job."""
    jobs = jobs if jobs else default_jobs()
    if jobs <= 1:
        return 0
    return jobs if specs >= MANY_SPECS else jobs - 1


class Finisher:
    """Finishes rendered artifacts (see render.finish): Python files in ``workers`` worker
    processes (in this one when there are none), everything else in this one."""

    def __init__(self, workers: int = 0) -> None:
        self.workers = max(0, workers)
        self._pool = None
        if self.workers:
            import multiprocessing

            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if sys.platform == "linux" and "fork" in methods else None)
            self._pool = context.Pool(self.workers, initializer=_warm_up)

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

    path, text, header, stamp, builtin = task
    return path, finish(path, text, header, builtin), stamp
