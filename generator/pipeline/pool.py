"""Every core at work: worker 0 is this process, the others are forked (on Linux; started otherwise)
the first time a step has enough work to share, so they have the specs already read."""

from __future__ import annotations

import os
import sys
from typing import Any

from .worker import Worker

# Below this many jobs in a step, starting workers costs more than it saves.
MANY_JOBS = 30


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Pool:
    def __init__(self, worker: Worker, jobs: int | None) -> None:
        self.local = worker
        self.size = jobs or default_jobs()
        self._remotes: list[tuple[Any, Any]] = []  # (process, connection)
        self._pending: tuple[str, list[Any], tuple[Any, ...]] | None = None  # a step the others are at
        self._results: dict[str, list[Any]] = {}  # of steps done, by name, until collected

    def run(self, method: str, shares: list[list[Any]], *args: Any) -> list[Any]:
        """Share k of the jobs done by worker k, or every share by this process when there is
        too little work to share; the results of all, in share order."""
        self.start(method, shares, *args)
        return self.collect(method)

    def start(self, method: str, shares: list[list[Any]], *args: Any) -> None:
        """Hand the other workers their shares, to be collected later; a step too small to share
        is done at once."""
        if self.size == 1 or sum(map(len, shares)) < MANY_JOBS:
            self._results[method] = getattr(self.local, method)([job for share in shares for job in share], *args)
            return
        self._drain()  # a worker takes one step at a time
        self._start()
        for (_process, connection), share in zip(self._remotes, shares[1:]):
            connection.send((method, share, args))
        self._pending = (method, shares[0], args)

    def collect(self, method: str) -> list[Any]:
        """The results of a step started earlier, in share order."""
        if self._pending is not None and self._pending[0] == method:
            self._drain()
        return self._results.pop(method, [])

    def _drain(self) -> None:
        if self._pending is None:
            return
        method, share, args = self._pending
        self._pending = None
        results: list[Any] = []
        failure: BaseException | None = None
        try:
            results = getattr(self.local, method)(share, *args)
        except BaseException as exc:  # noqa: BLE001 - raised once the others have answered
            failure = exc
        for _process, connection in self._remotes:
            ok, reply = connection.recv()
            if ok:
                results += reply
            else:
                failure = failure or reply
        self._results[method] = results  # also when one failed: the others' may need undoing
        if failure is not None:
            raise failure

    def _start(self) -> None:
        if self._remotes:
            return
        import multiprocessing

        fork = sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if fork else "spawn")
        for _ in range(self.size - 1):
            mine, theirs = context.Pipe()
            process = context.Process(target=_serve, args=(theirs, self.local), daemon=True)
            process.start()
            theirs.close()
            self._remotes.append((process, mine))

    def close(self, *, terminate: bool = False) -> None:
        for process, connection in self._remotes:
            try:
                connection.send(None)
            except OSError:
                pass
            if terminate:
                process.terminate()
            process.join()
        self._remotes = []

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        self.close(terminate=kind is not None)


def _serve(connection: Any, worker: Worker) -> None:
    """A worker process: jobs in, results out, until told to stop."""
    import gc
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    gc.freeze()  # what the parent had is never garbage: keep the collector off those pages
    while (message := connection.recv()) is not None:
        method, share, args = message
        try:
            connection.send((True, getattr(worker, method)(share, *args)))
        except BaseException as exc:  # noqa: BLE001 - the parent reports it
            try:
                connection.send((False, exc))
            except Exception:  # an exception that does not pickle
                connection.send((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
