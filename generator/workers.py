"""Finishing artifacts on every core: black and the YAML writer in worker processes.

black is most of the time a run takes, and one run of it uses one core. A Finisher with
more than one job starts its worker processes at once (on Linux by fork, before the parent
parses anything), and each worker imports black and PyYAML while the parent is still reading
specs and rendering templates. Artifacts are handed over as they are rendered and come back
in any order; render sorts them, so the bytes are those of a serial run.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator

Task = tuple[str, str, str, str]  # (path, rendered text, header, stamp)
Done = tuple[str, str, str]  # (path, finished text, stamp)

# Below this many bytes of specs, starting processes costs more than it saves.
PARALLEL_FROM_BYTES = 16_000


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def jobs_for(spec_bytes: int, requested: int | None = None) -> int:
    """The number of processes worth using: ``requested`` when given (0 means all cores)."""
    if requested is not None:
        return requested if requested > 0 else default_jobs()
    return default_jobs() if spec_bytes >= PARALLEL_FROM_BYTES else 1


class Finisher:
    """Finishes rendered artifacts (see render.finish), in ``jobs`` processes when jobs > 1."""

    def __init__(self, jobs: int = 1) -> None:
        self.jobs = max(1, jobs)
        self._pool = None
        if self.jobs > 1:
            import multiprocessing

            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if sys.platform == "linux" and "fork" in methods else None)
            self._pool = context.Pool(self.jobs, initializer=_warm_up)

    def finish(self, tasks: Iterable[Task]) -> Iterator[Done]:
        if self._pool is None:
            return (_finish(task) for task in tasks)
        return self._pool.imap_unordered(_finish, tasks, chunksize=1)

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
    """In a worker: import what finishing needs now, then keep those objects out of the
    collector's way (a full collection would otherwise walk all of black on every pass)."""
    import gc
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle, without tracebacks
    import black  # noqa: F401
    import yaml  # noqa: F401

    from . import render  # noqa: F401

    gc.freeze()


def _finish(task: Task) -> Done:
    from .render import finish

    path, text, header, stamp = task
    return path, finish(path, text, header), stamp
