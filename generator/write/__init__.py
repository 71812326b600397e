"""Write stage: only what changed is written, atomically, inside the out dir."""

from .files import Targets, UnsafePath, WriteFailed, commit, discard, generated_files, put, read, reason, stage, unified_diff

__all__ = ["Targets", "UnsafePath", "WriteFailed", "commit", "discard", "generated_files", "put", "read", "reason", "stage", "unified_diff"]
