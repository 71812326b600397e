"""Rendering on every core: per-catalog artifacts made in worker processes.

What a per-catalog template renders depends on its catalog alone, so with many catalogs
their artifacts are shared out to worker processes, each with its own template environment,
while the parent makes the artifacts drawn from every catalog. The workers start (on Linux
by fork, so they have the model without copying it) once the model is built and the parent
knows what must be made. render sorts the results, so the bytes are those of a serial run.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Project
    from .render import Artifact, Job, Renderer

# Below this many per-catalog artifacts, starting workers costs more than it saves.
MANY_JOBS = 30


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def workers_for(jobs: int | None, tasks: int) -> int:
    """Worker processes for ``jobs`` processes at work (None or 0: one per core) and this many
    per-catalog artifacts to make: none for one job or little work, else one per job (the
    parent has the artifacts made from every catalog to make meanwhile)."""
    jobs = jobs if jobs else default_jobs()
    if jobs <= 1 or tasks < MANY_JOBS:
        return 0
    return jobs


class Workers:
    """A pool of worker processes, each holding a Renderer of the same project."""

    def __init__(self, count: int, project: Project, template_dirs: tuple[Path, ...], tool: str) -> None:
        import multiprocessing

        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if sys.platform == "linux" and "fork" in methods else None)
        self._pool = context.Pool(count, initializer=_start, initargs=(project, template_dirs, tool))
        self._count = count

    def make(self, jobs: list[Job]) -> Iterator[Artifact]:
        """The artifacts of ``jobs``, in any order, made as soon as the call returns."""
        chunk = max(1, min(16, len(jobs) // (self._count * 8)))
        return self._pool.imap_unordered(_make, jobs, chunksize=chunk)

    def close(self) -> None:
        self._pool.close()
        self._pool.join()

    def terminate(self) -> None:
        self._pool.terminate()
        self._pool.join()

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        if kind is None:
            self.close()
        else:
            self.terminate()


_RENDERER: Renderer | None = None


def _start(project: Project, template_dirs: tuple[Path, ...], tool: str) -> None:
    """In a worker: a Renderer of its own, then the model kept out of the collector's way (a
    full collection would otherwise walk the whole model, and touch every page of it)."""
    import gc
    import signal

    from .render import Renderer

    global _RENDERER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle, without tracebacks
    _RENDERER = Renderer(project, template_dirs, tool)
    gc.freeze()


def _make(job: Job) -> Artifact:
    assert _RENDERER is not None
    return _RENDERER.make(job)
