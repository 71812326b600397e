"""Options of the model stage, set from the configuration and the command line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Options:
    package: str | None = None
    version: str = "0.1.0"
    default_locale: str = "en"  # the locale of a spec whose file name has none
    skip_invalid_tables: bool = False  # tables that do not fit become warnings, not errors
