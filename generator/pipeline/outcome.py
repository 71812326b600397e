"""What a run found and did, for the command line to report."""

from __future__ import annotations

TYPE_CHECKING = False  # on the no-op path
if TYPE_CHECKING:
    from ..diagnostics import Diagnostic
    from ..model.project import Project

GENERATE, CHECK, MODEL = "generate", "check", "model"


class Change:
    """A file of the out dir that a run changed (or, for check, would change)."""

    __slots__ = ("path", "kind", "diff")

    def __init__(self, path: str, kind: str, diff: str = "") -> None:
        self.path, self.kind, self.diff = path, kind, diff  # created, changed, written (by generate) or removed


class Outcome:
    """The diagnostics of a run, whether and why it failed, the model or what changed."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []  # sorted
        self.failure: str | None = None  # "usage" (exit 2) or "spec" (exit 1)
        self.message = ""  # a usage or I/O problem that is no spec's, as one line
        self.recorded = False  # the diagnostics are those the manifest recorded
        self.project: Project | None = None  # the model, for the model command
        self.changes: list[Change] = []
        self.unchanged = 0
        self.selected: frozenset[str] | None = None  # the specs PATHs chose in a configured project
        self.held = 0  # files of other specs that PATHs kept a run from writing or removing
