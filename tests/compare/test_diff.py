"""`errgen diff` in real git repositories: every rule fires on an edit of its own and stays quiet
on a neutral one, the version bump the changes need, the sides it compares with (a revision,
a branch of a remote, a folder), and the four formats (JSON against the schema errgen ships,
GitHub's workflow-command syntax)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import CORPUS, SPECS, write

GIT_ENV = {
    "GIT_AUTHOR_NAME": "errgen tests", "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "errgen tests", "GIT_COMMITTER_EMAIL": "tests@example.invalid",
}


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, env={**os.environ, **GIT_ENV}, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def repository(root: Path, files: dict[str, str]) -> Path:
    """A git repository at root holding these files in one commit."""
    for name, text in files.items():
        write(root / name, text)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "docs")
    return root


def commit(root: Path, message: str = "edit") -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


HEADING = "## Acme > Widget > Error Code"
HEADER = "| resultCode | resultKey | resultMessage | httpStatus | isSuccessful |\n|---|---|---|---|---|\n"
ROWS = [
    "| 0 | SUCCESS | OK | 200 | true |",
    "| 4000001 | INVALID_PARAMETER | Invalid parameter. | 400 | false |",
    "| 4040001 | NOT_FOUND_ITEM | Item not found. | 404 | false |",
    "| 5000001 | SERVER_FAILED | Server failed. | 500 | false |",
]
KO_ROWS = [
    "| 0 | SUCCESS | 성공 | 200 | true |",
    "| 4000001 | INVALID_PARAMETER | 잘못된 파라미터. | 400 | false |",
    "| 4040001 | NOT_FOUND_ITEM | 항목 없음. | 404 | false |",
    "| 5000001 | SERVER_FAILED | 서버 오류. | 500 | false |",
]


def page(rows: list[str], heading: str = HEADING) -> str:
    return f"{heading}\n\n{HEADER}" + "\n".join(rows) + "\n"


def operations_page(titles: list[str]) -> str:
    parts = ["## Acme > Face > API v2.0 Guide\n"]
    for number, title in enumerate(titles, start=1):
        parts.append(f"### {title}\n\n#### Error Code\n\n| resultCode | resultKey | resultMessage |\n|---|---|---|\n| 0 | SUCCESS | OK |\n| {number} | FAILED_{number} | Failed {number}. |\n")
    return "\n".join(parts)


def base_files() -> dict[str, str]:
    return {
        "pyproject.toml": '[tool.errgen]\nversion = "1.2.3"\n',
        "specs/widget.md": page(ROWS),
        "specs/widget.ko.md": page(KO_ROWS, heading="## Acme > Widget > 오류 코드"),
        "specs/face.md": operations_page(["Create Face", "Delete Face"]),
    }


def replace(name: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return edit


def both(old: str, new: str) -> Callable[[Path], None]:
    """The same edit to the page and its translation (a structural change of the catalog)."""

    def edit(root: Path) -> None:
        for name in ("specs/widget.md", "specs/widget.ko.md"):
            replace(name, old, new)(root)

    return edit


def remove_row(number: int) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        replace("specs/widget.md", ROWS[number] + "\n", "")(root)
        replace("specs/widget.ko.md", KO_ROWS[number] + "\n", "")(root)

    return edit


def remove_line(marker: str) -> Callable[[Path], None]:
    """The row holding ``marker`` removed from the page and its translation."""

    def edit(root: Path) -> None:
        for name in ("specs/widget.md", "specs/widget.ko.md"):
            lines = (root / name).read_text(encoding="utf-8").splitlines(keepends=True)
            assert any(marker in line for line in lines)
            write(root / name, "".join(line for line in lines if marker not in line))

    return edit


def remove(name: str) -> Callable[[Path], None]:
    return lambda root: (root / name).unlink()


def add(name: str, text: str) -> Callable[[Path], None]:
    return lambda root: write(root / name, text)


def deprecating(key: str | None, *, then: Callable[[Path], None] | None = None) -> Callable[[Path], None]:
    """Both pages with a deprecated column that marks ``key`` (or none); with ``then``, that is
    committed and ``then`` is the edit."""

    def edit(root: Path) -> None:
        for name, rows, heading in (("specs/widget.md", ROWS, HEADING), ("specs/widget.ko.md", KO_ROWS, "## Acme > Widget > 오류 코드")):
            flagged = [row + (" yes |" if key and f"| {key} |" in row else "  |") for row in rows]
            text = page(flagged, heading).replace("| isSuccessful |\n|---|---|---|---|---|", "| isSuccessful | deprecated |\n|---|---|---|---|---|---|")
            write(root / name, text)
        if then is not None:
            commit(root, "deprecate")
            then(root)

    return edit


def placeholders(message: str, translation: str, *, then: Callable[[Path], None] | None = None) -> Callable[[Path], None]:
    """The 4040001 message, in both locales, rewritten (placeholders agree across locales);
    with ``then``, that is committed and ``then`` is the edit."""

    def edit(root: Path) -> None:
        for name, old, new in (("specs/widget.md", "| NOT_FOUND_ITEM | ", message), ("specs/widget.ko.md", "| NOT_FOUND_ITEM | ", translation)):
            text = (root / name).read_text(encoding="utf-8")
            start = text.index(old) + len(old)
            write(root / name, text[:start] + new + text[text.index(" |", start):])
        if then is not None:
            commit(root, "placeholders")
            then(root)

    return edit


# Each rule, on an edit of its own: (edit, the rule's finding, its position)
RULE_EDITS: dict[str, tuple[Callable[[Path], None], str]] = {
    "code-removed": (remove_row(2), "HEAD:specs/widget.md:7:1"),
    "key-renamed": (both("| NOT_FOUND_ITEM |", "| ITEM_NOT_FOUND |"), "specs/widget.md:7:1"),
    "key-moved": (both("| 4040001 | NOT_FOUND_ITEM |", "| 4040002 | NOT_FOUND_ITEM |"), "specs/widget.md:7:1"),
    "status-changed": (both("| 404 |", "| 409 |"), "specs/widget.md:7:1"),
    "success-changed": (both("| 500 | false", "| 500 | true"), "specs/widget.md:8:1"),
    "catalog-renamed": (both("## Acme > Widget >", "## Acme > Gadget >"), "specs/widget.md:1:1"),
    "package-renamed": (
        lambda root: [replace(n, "## Acme >", "## Acme Cloud >")(root) for n in ("specs/widget.md", "specs/widget.ko.md", "specs/face.md")] and None,
        "specs/face.md:1:1",  # the first catalog of the run
    ),
    "catalog-removed": (remove("specs/face.md"), "HEAD:specs/face.md:1:1"),
    "catalog-added": (add("specs/extra.md", page(ROWS[:2], heading="## Acme > Extra > Error Code")), "specs/extra.md:1:1"),
    "code-added": (both("| 500 | false |", "| 500 | false |\n| 4090001 | CONFLICT_ITEM | Conflict. | 409 | false |"), "specs/widget.md:9:1"),
    "message-changed": (replace("specs/widget.md", "Item not found.", "No such item."), "specs/widget.md:7:1"),
    "translation-changed": (replace("specs/widget.ko.md", "항목 없음.", "그런 항목 없음."), "specs/widget.md:7:1"),
    "translation-removed": (remove("specs/widget.ko.md"), "specs/widget.md:6:1"),
    "translation-added": (add("specs/face.ko.md", operations_page(["Create Face", "Delete Face"]).replace("Failed", "실패")), "specs/face.md:10:1"),
    "operation-added": (lambda root: write(root / "specs/face.md", operations_page(["Create Face", "Delete Face", "List Faces"])), "specs/face.md:21:1"),
    "operation-removed": (lambda root: write(root / "specs/face.md", operations_page(["Create Face"])), "HEAD:specs/face.md:12:1"),
    "placeholder-added": (placeholders("Item {id} not found.", "항목 {id} 없음."), "specs/widget.md:7:1"),
    "placeholder-removed": (placeholders("Item {id} not found.", "항목 {id} 없음.", then=placeholders("Item not found.", "항목 없음.")), "specs/widget.md:7:1"),
    "code-deprecated": (deprecating("NOT_FOUND_ITEM"), "specs/widget.md:7:1"),
    "code-undeprecated": (deprecating("NOT_FOUND_ITEM", then=deprecating(None)), "specs/widget.md:7:1"),
    "deprecated-code-removed": (deprecating("NOT_FOUND_ITEM", then=remove_line("| 4040001 |")), "HEAD:specs/widget.md:7:1"),
}


@pytest.mark.parametrize("rule", RULE_EDITS, ids=RULE_EDITS.keys())
def test_each_rule_fires_on_an_edit_of_its_own(rule: str, tmp_path: Path, errgen) -> None:
    root = repository(tmp_path, base_files())
    edit, where = RULE_EDITS[rule]
    edit(root)
    result = errgen("diff", "--format", "json", "--fail-on", "never", cwd=root)
    assert result.code == 0, result.err
    findings = json.loads(result.out)["findings"]
    assert rule in {f["rule"] for f in findings}, findings
    positions = [f"{f['ref'] + ':' if f['ref'] else ''}{f['path']}:{f['line']}:{f['col']}" for f in findings if f["rule"] == rule]
    assert where in positions


def test_removing_a_code_that_was_deprecated_is_safe_and_needs_only_a_minor_bump(tmp_path: Path, errgen) -> None:
    """The same removal is breaking when the compared revision did not deprecate the code."""
    root = repository(tmp_path, base_files())
    deprecating("NOT_FOUND_ITEM", then=remove_line("| 4040001 |"))(root)
    result = errgen("diff", "--format", "json", cwd=root)
    assert result.code == 0, result.out
    found = json.loads(result.out)
    assert [(f["rule"], f["level"]) for f in found["findings"]] == [("deprecated-code-removed", "safe")]
    assert (found["version"]["bump"], found["failed"]) == ("minor", False)
    other = repository(tmp_path / "undeprecated", base_files())
    deprecating(None, then=remove_line("| 4040001 |"))(other)
    found = json.loads(errgen("diff", "--format", "json", "--fail-on", "never", cwd=other).out)
    assert [f["rule"] for f in found["findings"]] == ["code-removed"]


def test_a_package_renamed_in_the_configuration_is_breaking(tmp_path: Path, errgen) -> None:
    root = repository(tmp_path, {**base_files(), "pyproject.toml": '[tool.errgen]\npackage = "acme_errors"\nversion = "1.2.3"\n'})
    write(root / "pyproject.toml", '[tool.errgen]\npackage = "widgets"\nversion = "1.2.3"\n')
    result = errgen("diff", cwd=root)
    assert result.code == 1
    assert "breaking[package-renamed]: package renamed from acme_errors to widgets" in result.out


def test_every_rule_has_an_edit_of_its_own() -> None:
    from generator.compare.rules import RULES

    assert {*RULE_EDITS, "class-renamed"} == set(RULES)


def test_a_key_renamed_by_a_class_clash_is_a_class_rename(tmp_path: Path, errgen) -> None:
    """Renaming the catalog to the key's own name makes the key's class clash with the catalog's
    base class: errgen renames it, and that breaks `except` clauses too."""
    root = repository(tmp_path, {"specs/widget.md": page([*ROWS, "| 4000009 | GADGET | Gadget. | 400 | false |"])})
    replace("specs/widget.md", "Acme > Widget >", "Acme > Gadget >")(root)
    result = errgen("diff", "--format", "json", "--fail-on", "never", cwd=root)
    rules = {f["rule"]: f for f in json.loads(result.out)["findings"]}
    assert "class-renamed" in rules and "GadgetGadgetError" in rules["class-renamed"]["message"]


NEUTRAL = {
    "whitespace": lambda root: write(root / "specs/widget.md", page([re.sub(r"\| ", "|   ", row) for row in ROWS]) + "\n\n"),
    "column-order": lambda root: write(
        root / "specs/widget.md",
        f"{HEADING}\n\n| resultKey | resultCode | isSuccessful | httpStatus | resultMessage |\n|:--|--:|---|---|---|\n"
        + "\n".join("| {1} | {0} | {4} | {3} | {2} |".format(*[c.strip() for c in row.strip("|").split("|")]) for row in ROWS) + "\n",
    ),
    "padding": lambda root: write(root / "specs/widget.md", page([row.replace(" | ", "   |   ") for row in ROWS])),
    "prose": lambda root: write(root / "specs/widget.md", "Some words about errors.\n\n" + page(ROWS).replace("\n\n|", "\n\nMore prose.\n\n|", 1)),
}


@pytest.mark.parametrize("edit", NEUTRAL.values(), ids=NEUTRAL.keys())
def test_a_neutral_edit_finds_nothing(edit, tmp_path: Path, errgen) -> None:
    root = repository(tmp_path, base_files())
    edit(root)
    result = errgen("diff", cwd=root)
    assert result.code == 0, result.out + result.err
    assert result.out == "errgen diff: no changes against HEAD\n"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus (real vendor pages) is not beside the repo")
def test_the_seed_against_its_newer_published_version(tmp_path: Path, errgen, snapshot) -> None:
    """The seed General OCR page is an older version of the corpus page: five codes were added
    and one message was shortened; nothing else changed."""
    root = repository(tmp_path, {"specs/general-ocr.md": (SPECS / "general-ocr.md").read_text(encoding="utf-8")})
    shutil.copyfile(CORPUS / "ocr-general-error-code.en.md", root / "specs/general-ocr.md")
    result = errgen("diff", "--format", "json", cwd=root)
    findings = json.loads(result.out)["findings"]
    assert sorted((f["rule"], f["code"]) for f in findings) == [
        ("code-added", 4000002), ("code-added", 4010006), ("code-added", 4010007), ("code-added", 4041007),
        ("code-added", 5000503), ("message-changed", 4131000),
    ]
    assert errgen("diff", cwd=root).out == snapshot


# Versions


@pytest.mark.parametrize(
    ("old", "new", "edit", "code"),
    [
        ("1.2.3", "1.2.3", "code-removed", 1),  # breaking, not bumped
        ("1.2.3", "1.3.0", "code-removed", 1),  # a minor bump does not cover a breaking change
        ("1.2.3", "2.0.0", "code-removed", 0),
        ("0.3.1", "0.3.2", "code-removed", 1),
        ("0.3.1", "0.4.0", "code-removed", 0),  # 0.x: breaking is a minor bump
        ("1.2.3", "1.2.3", "code-added", 0),  # dangerous: fails only with --fail-on dangerous
        ("1.2.3", "1.2.3", "message-changed", 0),
    ],
)
def test_a_change_the_version_bump_does_not_cover_fails(old: str, new: str, edit: str, code: int, tmp_path: Path, errgen) -> None:
    root = repository(tmp_path, {**base_files(), "pyproject.toml": f'[tool.errgen]\nversion = "{old}"\n'})
    RULE_EDITS[edit][0](root)
    write(root / "pyproject.toml", f'[tool.errgen]\nversion = "{new}"\n')
    result = errgen("diff", "--format", "json", cwd=root)
    assert result.code == code, result.out + result.err
    version = json.loads(result.out)["version"]
    assert (version["old"], version["new"]) == (old, new)


def test_fail_on_dangerous_needs_a_minor_bump_for_an_added_code(tmp_path: Path, errgen) -> None:
    root = repository(tmp_path, base_files())
    RULE_EDITS["code-added"][0](root)
    assert errgen("diff", "--fail-on", "dangerous", cwd=root).code == 1
    write(root / "pyproject.toml", '[tool.errgen]\nversion = "1.3.0"\n')
    result = errgen("diff", "--fail-on", "dangerous", cwd=root)
    assert result.code == 0, result.out
    assert "version 1.2.3 -> 1.3.0 is enough" in result.out


def test_the_text_summary_says_which_bump_is_needed(tmp_path: Path, errgen) -> None:
    root = repository(tmp_path, base_files())
    RULE_EDITS["code-removed"][0](root)
    result = errgen("diff", cwd=root)
    assert result.code == 1
    assert result.out.splitlines()[-1] == (
        "errgen diff: 1 breaking, 0 dangerous, 0 safe against HEAD; major version bump needed: version 1.2.3 "
        "must become at least 2.0.0 (it is 1.2.3); bump `version` in [tool.errgen]"
    )


def test_the_generated_package_exposes_its_version(tmp_path: Path, errgen) -> None:
    import sys

    root = repository(tmp_path, base_files())
    assert errgen("generate", cwd=root).code == 0
    run = subprocess.run([sys.executable, "-c", "import acme_errors; print(acme_errors.__version__)"], cwd=root / "generated/python", capture_output=True, text=True)
    assert run.stdout.strip() == "1.2.3", run.stderr


# The side compared with


def test_against_an_older_commit_a_branch_and_a_remote_branch(tmp_path: Path, errgen) -> None:
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", str(origin)], check=True)
    root = repository(tmp_path / "work", base_files())
    git(root, "remote", "add", "origin", str(origin))
    git(root, "push", "-q", "origin", "main")
    git(root, "checkout", "-q", "-b", "edit")
    RULE_EDITS["code-removed"][0](root)
    commit(root)
    for against in ("HEAD~1", "main", "origin/main"):
        result = errgen("diff", "--against", against, "--format", "json", cwd=root)
        found = json.loads(result.out)["findings"]
        assert [(f["rule"], f["ref"]) for f in found] == [("code-removed", against)], against
    assert errgen("diff", cwd=root).out == "errgen diff: no changes against HEAD\n"  # committed: HEAD has it
    assert git(root, "status", "--porcelain") == ""  # the working tree untouched


def test_against_a_folder_of_older_specs(tmp_path: Path, errgen) -> None:
    write(tmp_path / "old-docs/specs/widget.md", page(ROWS))
    write(tmp_path / "docs/specs/widget.md", page(ROWS[:3]))
    result = errgen("diff", "specs", "--against", "../old-docs/specs", cwd=tmp_path / "docs")
    assert result.code == 1, result.out + result.err  # a folder documents no version: nothing covers a breaking change
    assert result.out.splitlines()[0] == "../old-docs/specs/widget.md:8:1: breaking[code-removed]: code 5000001 SERVER_FAILED removed from catalog widget"


def test_specs_that_did_not_exist_at_the_revision_are_all_added(tmp_path: Path, errgen) -> None:
    root = repository(tmp_path, {"README.md": "docs\n"})
    write(root / "specs/widget.md", page(ROWS))
    result = errgen("diff", "--format", "json", cwd=root)
    assert [f["rule"] for f in json.loads(result.out)["findings"]] == ["catalog-added"]


@pytest.mark.parametrize(("against", "said"), [("no-such-branch", "unknown revision 'no-such-branch'"), ("HEAD~5", "unknown revision 'HEAD~5'")])
def test_a_revision_that_does_not_exist_is_a_usage_error(against: str, said: str, tmp_path: Path, errgen) -> None:
    root = repository(tmp_path, base_files())
    result = errgen("diff", "--against", against, cwd=root)
    assert result.code == 2 and said in result.err and "Traceback" not in result.err


def test_outside_a_git_repository_a_revision_is_a_usage_error(tmp_path: Path, errgen) -> None:
    write(tmp_path / "specs/widget.md", page(ROWS))
    result = errgen("diff", cwd=tmp_path)
    assert result.code == 2 and "not in a git repository" in result.err


def test_old_specs_with_errors_are_reported_under_the_revision(tmp_path: Path, errgen) -> None:
    root = repository(tmp_path, {"specs/widget.md": page([*ROWS, "| x | BAD | Bad. | 400 | false |"])})
    write(root / "specs/widget.md", page(ROWS))
    result = errgen("diff", cwd=root)
    assert result.code == 1
    assert result.err.startswith("HEAD:specs/widget.md:9:3: error: resultCode 'x'")


# Formats


def combined(root: Path) -> None:
    """A code removed, a key renamed, a code added, a message and a translation changed, an
    operation added."""
    remove_row(3)(root)
    both("| NOT_FOUND_ITEM |", "| ITEM_NOT_FOUND |")(root)
    both("| 404 | false |", "| 404 | false |\n| 4090001 | CONFLICT_ITEM | Conflict. | 409 | false |")(root)
    replace("specs/widget.md", "Invalid parameter.", "The parameter is not valid.")(root)
    replace("specs/widget.ko.md", "항목 없음.", "그런 항목 없음.")(root)
    RULE_EDITS["operation-added"][0](root)


@pytest.mark.parametrize("form", ["text", "json", "github", "markdown"])
def test_the_formats(form: str, tmp_path: Path, errgen, snapshot) -> None:
    root = repository(tmp_path, base_files())
    combined(root)
    result = errgen("diff", "--format", form, cwd=root)
    assert result.code == 1
    assert result.out == snapshot


def test_json_follows_the_schema_errgen_ships(tmp_path: Path, errgen) -> None:
    import jsonschema

    from importlib.resources import files

    schema = json.loads((files("generator.compare") / "diff.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    root = repository(tmp_path, base_files())
    combined(root)
    for extra in ([], ["--fail-on", "never"]):
        data = json.loads(errgen("diff", "--format", "json", *extra, cwd=root).out)
        jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert data["$schema"] == schema["$id"]
    from generator.compare.rules import RULES

    finding = schema["properties"]["findings"]["items"]["properties"]
    assert finding["rule"]["enum"] == list(RULES)  # every rule, in the order of the README's table


# `::error file=F,line=L,col=C,title=T::message`: GitHub's workflow-command syntax, values escaped
WORKFLOW_COMMAND = re.compile(
    r"::(error|warning|notice)(?: ((?:file|line|col|endLine|endColumn|title)=[^,:\n]*(?:,(?:file|line|col|endLine|endColumn|title)=[^,:\n]*)*))?::[^\r\n]*"
)


def test_github_output_is_workflow_commands(tmp_path: Path, errgen) -> None:
    root = repository(tmp_path, base_files())
    combined(root)
    replace("specs/widget.md", "The parameter is not valid.", "Invalid: 100% wrong, really.")(root)
    lines = errgen("diff", "--format", "github", cwd=root).out.splitlines()
    assert lines and all(WORKFLOW_COMMAND.fullmatch(line) for line in lines), lines
    by_level = {line.split(" ", 1)[0] for line in lines}
    assert by_level == {"::error", "::warning", "::notice"}
    assert any("file=specs/widget.md,line=7,col=1" in line for line in lines)
    assert any("100%25 wrong" in line for line in lines)  # % escaped as GitHub requires


def test_markdown_is_a_changelog_section_per_catalog(tmp_path: Path, errgen) -> None:
    root = repository(tmp_path, base_files())
    combined(root)
    text = errgen("diff", "--format", "markdown", "--fail-on", "never", cwd=root).out
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == ["## Error codes (unreleased)", "### face", "#### Added", "### widget", "#### Breaking", "#### Added", "#### Changed"]


# The README


def test_the_readme_rule_table_is_the_rules() -> None:
    from generator.compare.rules import RULES

    from helpers import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Catching breaking changes", 1)[1].split("\n## ", 1)[0]
    rows = {m.group(1): (m.group(2), m.group(3)) for m in re.finditer(r"^\| `([a-z-]+)` \| (\w+) \| (\w+) \|", section, re.M)}
    assert rows == {rule.id: (rule.level, rule.bump) for rule in RULES.values()}


def test_the_readme_ci_recipe_on_a_pull_request_branch(tmp_path: Path) -> None:
    """The recipe as the README gives it, run as CI runs it: in a clone whose origin/main is the
    base branch, on a branch that removes a code; annotations come out, and the job fails."""
    from helpers import REPO, cli_env

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Catching breaking changes", 1)[1].split("\n## ", 1)[0]
    recipe = re.search(r"In CI.*?```sh\n(.+?)\n```", section, re.S).group(1)
    assert recipe.startswith("errgen diff ")
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", str(origin)], check=True)
    work = repository(tmp_path / "work", base_files())
    git(work, "remote", "add", "origin", str(origin))
    git(work, "push", "-q", "origin", "main")
    ci = tmp_path / "ci"
    subprocess.run(["git", "clone", "-q", "-b", "main", str(origin), str(ci)], check=True)
    git(ci, "checkout", "-q", "-b", "pull-request")
    RULE_EDITS["code-removed"][0](ci)
    commit(ci)
    env = cli_env()
    env["PATH"] = str(Path(__import__("sys").executable).parent) + os.pathsep + env.get("PATH", "")
    done = subprocess.run(recipe, shell=True, cwd=ci, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.startswith("::error title=breaking[code-removed]::code 4040001 NOT_FOUND_ITEM removed from catalog widget (was at origin/main:specs/widget.md:7:1)")


def test_a_renamed_placeholder_is_one_removed_and_one_added_and_breaking(tmp_path: Path, errgen) -> None:
    root = repository(tmp_path, base_files())
    placeholders("Item {id} not found.", "항목 {id} 없음.", then=placeholders("Item {itemId} of {} not found.", "{} 중 {itemId} 항목 없음."))(root)
    result = errgen("diff", "--format", "json", cwd=root)
    assert result.code == 1
    found = json.loads(result.out)
    by_rule = {f["rule"]: f for f in found["findings"]}
    assert by_rule["placeholder-added"]["message"] == "code 4040001 NOT_FOUND_ITEM: message takes {itemId}, {0} more ({itemId}, {0} now)"
    assert by_rule["placeholder-removed"]["message"] == "code 4040001 NOT_FOUND_ITEM: message no longer takes {id} ({itemId}, {0} now)"
    assert {by_rule[r]["level"] for r in ("placeholder-added", "placeholder-removed")} == {"breaking"}
    assert by_rule["placeholder-added"]["breaks"] == ["code that formats the message"]
    assert found["version"]["bump"] == "major"
