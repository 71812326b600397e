"""The rules of `errgen diff`: what a change between two models of the docs means for clients,
each rule with an id, a level, the clients it breaks and the version bump it needs."""

from __future__ import annotations

from dataclasses import dataclass

BREAKING, DANGEROUS, SAFE = "breaking", "dangerous", "safe"
LEVELS = (BREAKING, DANGEROUS, SAFE)  # most severe first
MAJOR, MINOR, PATCH = "major", "minor", "patch"

IMPORTS = "code that imports the package"
WIRE = "clients that match codes or keys on the wire"
TEXT = "clients that match message text"
TRANSLATIONS = "translations"
FORMATS = "code that formats the message"


@dataclass(frozen=True)
class Rule:
    id: str
    level: str
    bump: str
    breaks: tuple[str, ...]  # who it breaks; empty for a change that breaks no one
    why: str


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule("package-renamed", BREAKING, MAJOR, (IMPORTS,), "every `import` of the old package name fails"),
        Rule("catalog-removed", BREAKING, MAJOR, (IMPORTS, WIRE), "its module, classes, schema and OpenAPI components are gone"),
        Rule("catalog-renamed", BREAKING, MAJOR, (IMPORTS,), "its module, class and component names change with its id"),
        Rule("code-removed", BREAKING, MAJOR, (IMPORTS, WIRE), "its enum member and exception class are gone; a server still sending it is an unknown code"),
        Rule("key-renamed", BREAKING, MAJOR, (IMPORTS, WIRE), "the enum member, the exception class and the resultKey on the wire change"),
        Rule("key-moved", BREAKING, MAJOR, (IMPORTS, WIRE), "the key now names another code: matching by key gives the other code"),
        Rule("status-changed", BREAKING, MAJOR, (IMPORTS, WIRE), "`except BadRequest` and HTTP-status checks no longer catch it"),
        Rule("success-changed", BREAKING, MAJOR, (IMPORTS, WIRE), "a success now raises, or an error no longer does"),
        Rule("class-renamed", BREAKING, MAJOR, (IMPORTS,), "`except` clauses and imports of the old class name fail"),
        Rule("operation-removed", BREAKING, MAJOR, (IMPORTS,), "its OpenAPI response component is gone"),
        Rule("placeholder-added", BREAKING, MAJOR, (FORMATS,), "`format(...)` and `with_args(...)` calls lack the new argument"),
        Rule("placeholder-removed", BREAKING, MAJOR, (FORMATS,), "`format(...)` and `with_args(...)` calls pass an argument the message no longer takes"),
        Rule("deprecated-code-removed", SAFE, MINOR, (IMPORTS,), "its deprecation announced it: only code that still names its member or class fails"),
        Rule("code-added", DANGEROUS, MINOR, (WIRE,), "exhaustive `match` statements, and schemas generated with `enums = \"closed\"`, meet a value they do not know"),
        Rule("catalog-added", SAFE, MINOR, (), "a new module; nothing that exists changes"),
        Rule("operation-added", SAFE, MINOR, (), "a new OpenAPI response component"),
        Rule("code-deprecated", SAFE, MINOR, (), "a step before removal: the code still works, and its docs say it goes"),
        Rule("code-undeprecated", SAFE, PATCH, (), "the docs keep the code after all"),
        Rule("message-changed", SAFE, PATCH, (TEXT,), "clients that compare resultMessage text see other text"),
        Rule("translation-added", SAFE, PATCH, (TRANSLATIONS,), "a message in one more locale"),
        Rule("translation-removed", SAFE, PATCH, (TEXT, TRANSLATIONS), "localized() gives None (or the default) for that locale"),
        Rule("translation-changed", SAFE, PATCH, (TEXT, TRANSLATIONS), "the localized text differs"),
    )
}


@dataclass(frozen=True)
class Finding:
    """One change a rule names, positioned at the spec line (the old one, under ``ref``, for
    what was removed)."""

    rule: str
    message: str
    path: str
    line: int
    col: int = 1
    ref: str | None = None  # the revision or folder the position is in; None: the specs now
    catalog: str = ""
    code: int | None = None
    key: str = ""

    @property
    def level(self) -> str:
        return RULES[self.rule].level

    @property
    def where(self) -> str:
        """`PATH:LINE:COL`, or `REF:PATH:LINE:COL` for a position in the old docs."""
        return f"{self.ref + ':' if self.ref else ''}{self.path}:{self.line}:{self.col}"
