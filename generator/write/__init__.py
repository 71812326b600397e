"""Write stage: only what changed is written, atomically, inside the out dir, which holds a record of errgen's files."""

from .files import LOCK, NAME_MAX, RECORD, Lock, Targets, UnsafePath, WriteFailed, commit, discard, io_message, out_dir_problem, owned, put, read, reason, record, scan, stage, unified_diff

__all__ = ["LOCK", "NAME_MAX", "RECORD", "Lock", "Targets", "UnsafePath", "WriteFailed", "commit", "discard", "io_message", "out_dir_problem", "owned", "put", "read", "reason", "record", "scan", "stage", "unified_diff"]
