"""errgen's benchmark: timings and peak memory on synthetic spec sets, against the targets.

Run from the repository root (see the README's "Performance" section):

    python bench/run.py                 # seeds, 100 and 1,000 specs: 5 rounds (3 for 1,000)
    python bench/run.py --quick         # seeds and 100 specs only, 3 rounds
    python bench/run.py --large         # and 5,000 specs, in --big-runs rounds
    python bench/run.py --compare REV   # and errgen at git revision REV beside, in the same rounds

Each set is generated in full, checked with nothing to do and regenerated after one spec
changed, in fresh processes as a user runs errgen. The largest set's OpenAPI files are then
linted once with Redocly CLI, as CI lints them (Node.js needed), and their errors.openapi.yaml
loaded with PyYAML's yaml.safe_load. Exits 1 when a target is missed, 2 when REV cannot be
installed.
"""

from __future__ import annotations

import argparse
import errno
import importlib.metadata
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CODES_PER_SPEC = 40
# Runs of a few tens of milliseconds (the floor, no-op checks) are taken this many times a
# round: on a shared machine one slow run in five would otherwise move their median.
REPEATS = 5
FULL, CHECK, CHANGED = "full generate", "no-op check", "one spec changed"
# The largest set errgen at REV is run on: beyond it the targets are ratios within the working tree.
COMPARED_UP_TO = 1000


@dataclass
class Samples:
    seconds: list[float] = field(default_factory=list)
    max_rss_kb: list[int] = field(default_factory=list)

    def add(self, seconds: float, rss: int) -> None:
        self.seconds.append(seconds)
        self.max_rss_kb.append(rss)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak_mb(self) -> float:
        return max(self.max_rss_kb) / 1024

    def cell(self) -> str:
        return f"{_ms(self.median)} [{_ms(min(self.seconds))} .. {_ms(max(self.seconds))}]"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def fail(message: str) -> NoReturn:
    print(f"bench: {message}", file=sys.stderr)
    raise SystemExit(2)


def child_env(checkout: Path | None) -> dict[str, str]:
    """Bytecode caching on, as for any user; the checkout's errgen first on the path, or no
    checkout on it at all (for an installed errgen, which must not import the working tree)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    paths = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p and Path(p).resolve() != REPO]
    if checkout is not None:
        paths.insert(0, str(checkout))
    env.pop("PYTHONPATH", None)
    if paths:
        env["PYTHONPATH"] = os.pathsep.join(paths)
    return env


def run(command: list[str], cwd: Path, env: dict[str, str], *, expect: int = 0) -> tuple[float, int]:
    """Wall time and peak resident memory of one run that must exit expect."""
    done = spawn(command, cwd, env)
    if done.code != expect:
        raise SystemExit(f"bench: {' '.join(command)} in {cwd} exited {done.code}, expected {expect}\n{done.stderr}")
    return done.seconds, done.max_rss_kb


@dataclass
class Finished:
    """One run: its wall time, peak resident memory, exit code (minus the signal that killed it) and output."""

    seconds: float
    max_rss_kb: int  # KiB on Linux
    code: int
    stdout: str  # "" unless asked for
    stderr: str


def spawn(command: list[str], cwd: Path, env: dict[str, str], *, stdout: bool = False) -> Finished:
    """Run command once, whatever its exit code; peak resident memory is the largest process's
    (the command or one of its workers, from wait4's rusage). OSError when it cannot start.

    On Linux that figure is never below this process's own peak at the time (exec records the
    peak of the memory it replaces, which after subprocess's vfork is this process's): measure
    before this process reads anything large."""
    # every run starts with the disk idle: the last run's writes, still being flushed, are not its
    os.sync()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        sink = out if stdout else subprocess.DEVNULL
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=sink, stderr=err)
        _pid, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        output, errors = (f.read().decode(errors="replace") for f in (out, err))
    return Finished(elapsed, usage.ru_maxrss, code, output, errors)


@dataclass
class Errgen:
    """One errgen to measure, driven through its command line."""

    label: str
    command: list[str]
    env: dict[str, str]


def working_tree() -> Errgen:
    """The `errgen` console script beside this Python, as users run it (else `python -m
    generator`), with this checkout first on the path."""
    script = Path(sys.executable).with_name("errgen")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "generator"]
    return Errgen("working tree", command, child_env(REPO))


TREE = working_tree()


def git(*args: str) -> str | None:
    result = subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 else None


def install(rev: str, folder: Path) -> Errgen:
    """errgen at git revision rev, installed (not editable) in a virtual environment of its
    own under folder."""
    commit = git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    short = commit and git("rev-parse", "--short", commit)
    if not commit or not short:
        fail(f"--compare {rev}: not a revision of {REPO}")
    print(f"compared: errgen at {short} ({rev}), installing it in {folder}", flush=True)
    source, venv = folder / "src", folder / "venv"
    source.mkdir(parents=True)
    step(["git", "-C", str(REPO), "archive", "-o", str(folder / "src.tar"), commit], f"--compare {rev}: git archive")
    step(["tar", "-x", "-f", str(folder / "src.tar"), "-C", str(source)], f"--compare {rev}: tar -x")
    step([sys.executable, "-m", "venv", str(venv)], f"--compare {rev}: python -m venv")
    versions = pip_install(venv, source, folder / "constraints.txt", f"--compare {rev}: pip install of {short}")
    script = venv / "bin" / "errgen"
    if not script.is_file():
        fail(f"--compare {rev}: errgen at {short} installs no `errgen` command")
    print(f"compared: {script} ({versions} versions of its dependencies)", flush=True)
    return Errgen(short, [str(script)], child_env(None))


def step(command: list[str], what: str) -> None:
    """Run one step of the install; exit 2 with the line of its error output that says why."""
    result = subprocess.run(command, capture_output=True)
    if result.returncode:
        fail(f"{what} failed: {_gist(result.stderr)}")


def pip_install(venv: Path, source: Path, pins: Path, what: str) -> str:
    """Install source on this environment's versions of the dependencies, or, where they do
    not fit its requirements, on its own; says which."""
    pins.write_text("\n".join(_this_environment()) + "\n", encoding="utf-8")
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(source)]
    if subprocess.run([*pip, "-c", str(pins)], capture_output=True).returncode == 0:
        return "this environment's"
    step(pip, what)
    return "its own"


def _this_environment() -> list[str]:
    """Every distribution beside the working tree's errgen, pinned: black's, mistune's and
    Jinja2's cost then differs by nothing but errgen's own code."""
    names = {d.metadata["Name"]: d.version for d in importlib.metadata.distributions() if d.metadata["Name"]}
    return sorted(f"{name}=={version}" for name, version in names.items() if name.lower() != "errgen")


def _gist(output: bytes) -> str:
    """The line of a tool's error output that says what went wrong: pip's first ERROR, else the last."""
    text = output.decode(errors="replace")
    errors = [line.strip() for line in text.splitlines() if line.strip().startswith("ERROR:")]
    return errors[0] if errors else _last_line(text)


@dataclass
class Copy:
    """One copy of a spec set, measured with one errgen: its own out dir and manifest."""

    errgen: Errgen
    root: Path  # the working directory: pyproject.toml, specs/ and generated/ inside
    samples: defaultdict[str, Samples] = field(default_factory=lambda: defaultdict(Samples))

    def __getitem__(self, kind: str) -> Samples:
        return self.samples[kind]

    def time(self, kind: str, *args: str) -> None:
        self.samples[kind].add(*self.run(*args))

    def run(self, *args: str) -> tuple[float, int]:
        return run([*self.errgen.command, *args], self.root, self.errgen.env)


@dataclass
class SpecSet:
    name: str
    files: int
    codes: int
    copies: list[Copy]  # the working tree's, then (with --compare) REV's
    big: bool = False  # measured in --big-runs rounds, without a warm-up
    touch: str | None = None  # the spec changed for the one-spec-changed measurement
    alone: SpecSet | None = None  # that spec, as a set of its own

    @property
    def tree(self) -> Copy:
        return self.copies[0]

    @property
    def rev(self) -> Copy | None:
        return self.copies[1] if len(self.copies) > 1 else None

    def measure_round(self, number: int) -> None:
        """Each measurement with every errgen in turn (A B A B), so a pair sees the same machine."""
        for copy in self.copies:
            shutil.rmtree(copy.root / "generated", ignore_errors=True)
        self._each(FULL, "generate")
        for _ in range(REPEATS):
            self._each(CHECK, "check")
        if self.touch is not None:
            for copy in self.copies:
                synth.touch(copy.root / self.touch, number)
            self._each(CHANGED, "generate")

    def _each(self, kind: str, command: str) -> None:
        for copy in self.copies:
            copy.time(kind, command)

    def ratio(self, kind: str) -> float | None:
        """The median of the ratios working tree / REV of the runs made back to back."""
        if self.rev is None:
            return None
        return statistics.median(a / b for a, b in zip(self.tree[kind].seconds, self.rev[kind].seconds))

    def verify(self) -> None:
        """After the rounds: the out dir must be exactly what a full run writes."""
        self.tree.run("check")
        reference = self.tree.root.parent / f"{self.name}-reference"
        shutil.rmtree(reference, ignore_errors=True)
        self.tree.run("generate", "--out", str(reference))
        if _tree(reference) != _tree(self.tree.root / "generated"):
            raise SystemExit(f"bench: {self.name}: incremental output differs from a full run's")

    def same_as_rev(self) -> bool:
        assert self.rev is not None
        return _tree(self.tree.root / "generated") == _tree(self.rev.root / "generated")


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def configure(root: Path, name: str) -> None:
    """A pyproject.toml with [tool.errgen], as every real project has."""
    (root / "pyproject.toml").write_text(
        f'[project]\nname = "{name}"\nversion = "0.1.0"\n\n[tool.errgen]\nspecs = ["specs"]\nout = "generated"\n',
        encoding="utf-8",
    )


def spec_set(root: Path, codes: int, rev: Errgen | None, *, big: bool = False, touch: str | None = None) -> SpecSet:
    """The set written in root; with REV, a copy of it beside for errgen at REV."""
    copies = [Copy(TREE, root)]
    if rev is not None:
        twin = root.with_name(f"{root.name}@{rev.label}")
        shutil.copytree(root, twin)
        copies.append(Copy(rev, twin))
    files = sum(1 for _ in (root / "specs").rglob("*.md"))
    return SpecSet(root.name, files, codes, copies, big, touch)


def seeds_set(workdir: Path, rev: Errgen | None) -> SpecSet:
    """This repository's own specs, under a copy of its own pyproject.toml with the default
    targets (an older errgen beside it knows no `targets`)."""
    root = workdir / "seeds"
    shutil.copytree(REPO / "specs", root / "specs")
    (root / "pyproject.toml").write_text(re.sub(r"(?m)^targets = .*\n", "", (REPO / "pyproject.toml").read_text()))
    codes = sum(1 for p in (root / "specs").glob("*.md") for line in p.read_text().splitlines() if synth.is_row(line))
    return spec_set(root, codes, rev)


def synthetic_set(workdir: Path, count: int, rev: Errgen | None) -> SpecSet:
    root = workdir / f"specs{count}"
    codes = synth.write_set(root / "specs", count, CODES_PER_SPEC)
    configure(root, f"acme-errors-{count}")
    touch = f"specs/{synth.spec_name(count // 2)}.md"
    return spec_set(root, codes, rev if count <= COMPARED_UP_TO else None, big=count >= 1000, touch=touch)


def one_spec_set(workdir: Path, big: SpecSet, rev: Errgen | None) -> SpecSet:
    """The spec that the one-spec-changed runs of big edit, alone: its own work."""
    assert big.touch is not None
    root = workdir / f"one-spec-of-{big.name}"
    (root / "specs").mkdir(parents=True)
    shutil.copy(big.tree.root / big.touch, root / "specs")
    configure(root, "acme-errors-one")
    return spec_set(root, CODES_PER_SPEC, rev if big.rev else None)


def build_sets(workdir: Path, counts: list[int], rev: Errgen | None) -> list[SpecSet]:
    sets = [seeds_set(workdir, rev)]
    for count in counts:
        sets.append(synthetic_set(workdir, count, rev))
        if sets[-1].big:
            sets[-1].alone = one_spec_set(workdir, sets[-1], rev)
            sets.append(sets[-1].alone)
    return sets


def datamodel_input(workdir: Path) -> Path:
    """General OCR's codes as a JSON Schema integer enum with member names."""
    result = subprocess.run(
        [*TREE.command, "ir", "specs/general-ocr.md"], cwd=REPO, env=TREE.env, capture_output=True, text=True,
        check=True,
    )
    codes = json.loads(result.stdout)["catalogs"][0]["codes"]
    schema = {
        "title": "ResultCode",
        "type": "integer",
        "enum": [c["code"] for c in codes],
        "x-enum-varnames": [c["key"] for c in codes],
    }
    path = workdir / "general_ocr_result_code.schema.json"
    path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    return path


def datamodel_command(schema: Path) -> list[str]:
    # black + isort, its default formatters today, named so the comparison does not move when
    # that default does; like errgen, it formats with black.
    return [
        sys.executable, "-m", "datamodel_code_generator", "--input", str(schema), "--input-file-type",
        "jsonschema", "--output", str(schema.with_suffix(".py")), "--disable-timestamp",
        "--formatters", "black", "isort",
    ]


def have_datamodel() -> bool:
    check = [sys.executable, "-c", "import datamodel_code_generator"]
    return subprocess.run(check, env=TREE.env, capture_output=True).returncode == 0


# Redocly CLI as .ci/run installs and runs it: pinned, outside the repo, telemetry off.
REDOCLY_VERSION = "2.77.0"
REDOCLY_ENV = {"REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"}
INDEX = "errors.openapi.yaml"  # the OpenAPI document that $refs every catalog's own
LINT_HEAP_MB = 2048
LOAD_INDEX = "import sys, yaml\nwith open(sys.argv[1], 'rb') as f:\n    yaml.safe_load(f)"


@dataclass
class OpenAPI:
    """One set's generated/openapi: Redocly CLI's lint of its files, as CI runs it (once, it is
    slow), and PyYAML's yaml.safe_load of its index, as a Python user loads it."""

    spec_set: SpecSet
    files: int  # *.yaml in the folder
    index_bytes: int
    linted: str = ""  # what was linted: "all N files", or the index only and why
    lint: Samples | None = None  # None: not run
    lint_failed: str = ""  # why the lint did not pass ("" when it did)
    load: Samples | None = None
    no_load: str = ""  # why not loaded


def check_openapi(spec_set: SpecSet, workdir: Path) -> OpenAPI:
    folder = spec_set.tree.root / "generated" / "openapi"
    files = sorted(folder.glob("*.yaml"))
    result = OpenAPI(spec_set, len(files), (folder / INDEX).stat().st_size)
    print(f"openapi: redocly lint and yaml.safe_load of {spec_set.name}/generated/openapi", flush=True)
    redocly = install_redocly(workdir)
    if isinstance(redocly, str):
        result.lint_failed = redocly
    else:
        lint_openapi(result, redocly, [f.relative_to(spec_set.tree.root).as_posix() for f in files])
    load = [sys.executable, "-c", LOAD_INDEX, str(folder / INDEX)]
    done = spawn(load, workdir, TREE.env)
    if done.code:
        result.no_load = f"exited {done.code}: {_last_line(done.stderr)}"
    else:
        result.load = Samples()
        result.load.add(done.seconds, done.max_rss_kb)
    return result


def install_redocly(workdir: Path) -> Path | str:
    """The redocly command, installed as .ci/run installs it; else why not."""
    missing = [tool for tool in ("node", "npm") if shutil.which(tool) is None]
    if missing:
        return f"{' and '.join(missing)} not found on PATH: Redocly CLI needs Node.js"
    folder = Path(os.environ.get("TMPDIR") or "/tmp") / "errgen-ci" / f"redocly-cli-{REDOCLY_VERSION}"
    npm = [
        "npm", "install", "--prefix", str(folder), "--no-save", "--no-audit", "--no-fund", "--no-package-lock",
        "--loglevel=error", f"@redocly/cli@{REDOCLY_VERSION}",
    ]
    result = subprocess.run(npm, cwd=workdir, env={**os.environ, **REDOCLY_ENV}, capture_output=True)
    redocly = folder / "node_modules" / ".bin" / "redocly"
    if result.returncode or not redocly.is_file():
        return f"npm install @redocly/cli@{REDOCLY_VERSION} failed: {_gist(result.stderr)}"
    return redocly


def lint_openapi(result: OpenAPI, redocly: Path, files: list[str]) -> None:
    """`redocly lint --config redocly.yaml --lint-config error <out>/openapi/*.yaml` in the set's
    folder, with Node's heap held to what a CI machine of 8 GB gives it by default (left alone,
    V8 on a larger machine lets the heap grow to its 4 GB limit before it collects); when the
    system will not take that many arguments, the index alone, which $refs every other file."""
    root = result.spec_set.tree.root
    command = [str(redocly), "lint", "--config", str(REPO / "redocly.yaml"), "--lint-config", "error"]
    env = {**TREE.env, **REDOCLY_ENV, "NODE_OPTIONS": f"--max-old-space-size={LINT_HEAP_MB}"}
    result.linted = f"all {len(files):,} files"
    try:
        done = spawn([*command, *files], root, env, stdout=True)
    except OSError as error:
        if error.errno != errno.E2BIG:
            raise
        result.linted = f"{INDEX} alone (argument list too long for all {len(files):,})"
        done = spawn([*command, f"generated/openapi/{INDEX}"], root, env, stdout=True)
    result.lint = Samples()
    result.lint.add(done.seconds, done.max_rss_kb)
    if done.code:
        memory = f"{done.max_rss_kb / 1024:.0f} MB"
        result.lint_failed = f"exited {done.code} after {_ms(done.seconds)}, {memory}: {_lint_gist(done)}"


def _lint_gist(done: Finished) -> str:
    """Redocly's count of problems and its first ("[1] file:line:col at #/pointer", then the
    message), else the error its process died of."""
    out = [line.strip() for line in done.stdout.splitlines() if line.strip()]
    err = [line.strip() for line in done.stderr.splitlines() if line.strip()]
    summary = next((line.lstrip("❌ ") for line in err if "failed with" in line), "")
    first = next((i for i, line in enumerate(out) if line.startswith("[1] ")), None)
    if first is not None:
        where = out[first][4:]
        message = out[first + 1] if first + 1 < len(out) else ""
        return f"{summary + ' First: ' if summary else ''}{where}: {message}"
    if done.code < 0:
        return f"killed by signal {-done.code}"
    errors = [line for line in err if "Error" in line or "error" in line]
    return errors[0] if errors else _last_line(done.stderr)


def _last_line(output: str) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    return lines[-1] if lines else "no message"


def generator_lines() -> int:
    """Lines of every *.py file under generator/, as `wc -l` counts them."""
    return sum(path.read_bytes().count(b"\n") for path in (REPO / "generator").rglob("*.py"))


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor() or model
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{cores} cores ({model}), Python {platform.python_version()}, {platform.system()} {platform.machine()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="rounds for the seeds and 100 specs (default 5)")
    parser.add_argument("--big-runs", type=int, default=3, help="rounds for 1,000 and 5,000 specs (default 3)")
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="seeds and 100 specs only, 3 rounds")
    size.add_argument("--large", action="store_true", help="also 5,000 specs (not run with errgen at REV)")
    parser.add_argument("--compare", metavar="REV", help="also errgen at git revision REV, installed in a venv")
    parser.add_argument("--keep", type=Path, help="build the sets (and REV's venv) in this folder and keep them")
    args = parser.parse_args(argv)
    counts = [100] if args.quick else [100, 1000, 5000] if args.large else [100, 1000]
    runs = 3 if args.quick else args.runs

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="errgen-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        print(f"errgen benchmark on {machine()}", flush=True)
        rev = install(args.compare, workdir / "compared") if args.compare else None
        return bench(workdir, counts, runs, args.big_runs, rev)
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)


def bench(workdir: Path, counts: list[int], runs: int, big_runs: int, rev: Errgen | None) -> int:
    sets = build_sets(workdir, counts, rev)
    schema = datamodel_input(workdir) if have_datamodel() else None
    floor, datamodel = measure(sets, workdir, schema, runs, big_runs)
    by_name = {s.name: s for s in sets}
    # before verify(): it reads whole out dirs into this process, whose peak RSS every later
    # child would then report as its own (see spawn)
    openapi = check_openapi(by_name[f"specs{max(counts)}"], workdir)
    for spec_set in sets:
        spec_set.verify()
    print_table(sets, floor, datamodel, rev, openapi)
    print("\nratios and targets")
    print_information(by_name, rev)
    missed = 0
    for target in targets(by_name, floor, datamodel, rev, openapi):
        missed += target.held is False
        print(target.line())
    if datamodel is None:
        missed += 1
        print("  MISSED datamodel-code-generator is not installed: pip install -e '.[bench]'")
    return 1 if missed else 0


def measure(
    sets: list[SpecSet], workdir: Path, schema: Path | None, runs: int, big_runs: int
) -> tuple[Samples, Samples | None]:
    """The rounds: the floor, datamodel-codegen (given its input) and every set in each; returns
    the floor's samples and datamodel-codegen's."""
    floor, datamodel = Samples(), Samples() if schema is not None else None
    # one untimed warm-up of everything but the big sets: bytecode caches, black's own caches,
    # the page cache
    for spec_set in sets:
        if not spec_set.big:
            spec_set.measure_round(0)
            for copy in spec_set.copies:
                copy.samples.clear()
    if schema is not None:
        run(datamodel_command(schema), workdir, TREE.env)
    rounds = {s.name: big_runs if s.big else runs for s in sets}
    for number in range(1, max(rounds.values()) + 1):
        print(f"round {number}:", end="", flush=True)
        for _ in range(REPEATS):
            floor.add(*run([sys.executable, "-c", "pass"], workdir, TREE.env))
        if schema is not None and datamodel is not None:
            datamodel.add(*run(datamodel_command(schema), workdir, TREE.env))
        for spec_set in sets:
            if number <= rounds[spec_set.name]:
                print(f" {spec_set.name}", end="", flush=True)
                spec_set.measure_round(number)
        print()
    return floor, datamodel


def print_table(
    sets: list[SpecSet], floor: Samples, datamodel: Samples | None, rev: Errgen | None, openapi: OpenAPI
) -> None:
    print(f"\n{'':34} {'median [min .. max]':>36}   per code   peak RSS" + (f"   vs {rev.label}" if rev else ""))
    print(_row("python -c pass (floor)", floor, rss=False))
    if datamodel is not None:
        print(_row("datamodel-codegen, General OCR enum", datamodel))
    for spec_set in sets:
        print(f"{spec_set.name} ({spec_set.files} files, {spec_set.codes} codes)")
        for kind in (FULL, CHECK, CHANGED):
            if kind in spec_set.tree.samples:
                print(_row(f"  {kind}", spec_set.tree[kind], spec_set.codes, spec_set.ratio(kind)))
                if spec_set.rev is not None:
                    print(_row(f"  {kind}, {spec_set.rev.errgen.label}", spec_set.rev[kind], spec_set.codes))
    print(f"{openapi.spec_set.name}/generated/openapi ({openapi.files:,} files, {INDEX} {_mb(openapi.index_bytes)})")
    if openapi.lint is not None:
        print(_row("  redocly lint", openapi.lint) + ("   (failed)" if openapi.lint_failed else ""))
        print(f"    ({openapi.linted}, once)")
    else:
        print(f"  redocly lint: not run ({openapi.lint_failed})")
    if openapi.load is not None:
        print(_row(f"  yaml.safe_load {INDEX}", openapi.load))
    else:
        print(f"  yaml.safe_load {INDEX}: failed ({openapi.no_load})")
    if rev is not None:
        print(f"(vs {rev.label}: the median of the per-round ratios working tree / {rev.label}, each pair run back to back)")


def _row(label: str, samples: Samples, codes: int = 0, ratio: float | None = None, *, rss: bool = True) -> str:
    per_code = f"{samples.median / codes * 1e6:6.0f} us" if codes else " " * 9
    memory = f"   {samples.peak_mb:5.0f} MB" if rss else ""
    compared = f"   {ratio:6.2f}" if ratio is not None else ""
    return f"{label:34} {samples.cell():>36}   {per_code}{memory}{compared}".rstrip()


def print_information(by_name: dict[str, SpecSet], rev: Errgen | None) -> None:
    small = by_name["specs100"]
    print(f"  (for information) one of 100 changed / full generate of 100: "
          f"{small.tree[CHANGED].median / small.tree[FULL].median:.2f}")
    if rev is not None:
        same = ", ".join(f"{s.name} {'yes' if s.same_as_rev() else 'NO'}" for s in by_name.values() if s.rev)
        print(f"  (for information) the working tree writes the same files as {rev.label}: {same}")


@dataclass
class Target:
    text: str
    limit: float
    value: float | None  # None: not measured in this run
    why: str = ""  # why not
    under: bool = False  # strictly below the limit, not at most
    digits: int = 2
    failed: str = ""  # why it is missed whatever the value (a tool that is missing, a run that failed)

    @property
    def held(self) -> bool | None:
        if self.failed:
            return False
        if self.value is None:
            return None
        return self.value < self.limit if self.under else self.value <= self.limit

    def line(self) -> str:
        if self.failed:
            return f"  MISSED {self.text}: {self.failed}"
        if self.value is None:
            return f"  -      {self.text}: not measured ({self.why})"
        status = "ok    " if self.held else "MISSED"
        return f"  {status} {self.text}: {self.value:.{self.digits}f} (target {'<' if self.under else '<='} {self.limit:g})"


def targets(
    by_name: dict[str, SpecSet], floor: Samples, datamodel: Samples | None, rev: Errgen | None, openapi: OpenAPI
) -> list[Target]:
    seeds, small = by_name["seeds"], by_name["specs100"]
    big, huge = by_name.get("specs1000"), by_name.get("specs5000")
    no_big, no_huge = "not with --quick", "only with --large"
    no_rev = no_big if rev else "only with --compare REV"
    label = rev.label if rev else "REV"
    check = seeds.tree[CHECK].median / floor.median
    results = [Target("no-op check in the configured seeds folder / python -c pass", 4.0, check)]
    if datamodel is not None:
        full = seeds.tree[FULL].median / datamodel.median
        results.append(Target("full generate of the seeds / datamodel-codegen (OCR enum)", 0.5, full))
    return results + [
        Target("full generate of 1,000 specs, seconds", 15.0, _median(big, FULL), no_big, under=True),
        Target("time per code, 1,000 specs / 100 specs", 1.3, _growth(small, big), no_big),
        Target("one of 1,000 changed / (no-op check + that spec alone)", 2.0, _changed(big), no_big),
        Target(f"full generate of 1,000 specs / {label}, median of per-round ratios", 0.6, big.ratio(FULL) if big else None, no_rev),
        Target("peak RSS, full generate of 1,000 specs, MB", 200, _peak(big, FULL), no_big, digits=0),
        Target("time per code, 5,000 specs / 1,000 specs", 1.1, _growth(big, huge), no_huge),
        Target("one of 5,000 changed / (no-op check + that spec alone)", 2.0, _changed(huge), no_huge),
        Target("peak RSS, one of 5,000 changed, MB", 250, _peak(huge, CHANGED), no_huge, digits=0),
        *lint_targets(openapi),
        Target(f"{INDEX} of 5,000 specs, bytes per catalog", 1024, _index_per_catalog(huge), no_huge, digits=0),
        Target("lines of Python in generator/ (*.py, recursively)", 4150, generator_lines(), under=True, digits=0),
    ]


def lint_targets(openapi: OpenAPI) -> list[Target]:
    """Redocly CLI's lint of the largest set passes (exits 0) in 300 s with a heap of 2 GB, and
    its peak RSS stays within 2 GB; missed when it could not run."""
    name, lint = openapi.spec_set.name, openapi.lint
    seconds, memory = (lint.median, lint.peak_mb) if lint else (None, None)
    return [
        Target(f"redocly lint of {name}/generated/openapi passes, seconds", 300, seconds,
               failed=openapi.lint_failed, digits=1),
        Target(f"peak RSS, redocly lint of {name}/generated/openapi, MB", 2048, memory,
               failed="" if lint else openapi.lint_failed, digits=0),
    ]


def _mb(size: int) -> str:
    return f"{size / 2**20:.2f} MB"


# Each of these measures nothing (None) when a set was not measured in this run.


def _index_per_catalog(spec_set: SpecSet | None) -> float | None:
    """The size of the set's errors.openapi.yaml per catalog (a file of its own each), in bytes."""
    if spec_set is None:
        return None
    folder = spec_set.tree.root / "generated" / "openapi"
    return (folder / INDEX).stat().st_size / (len(list(folder.glob("*.yaml"))) - 1)


def _median(spec_set: SpecSet | None, kind: str) -> float | None:
    return spec_set.tree[kind].median if spec_set else None


def _peak(spec_set: SpecSet | None, kind: str) -> float | None:
    """The largest process's peak resident memory over the rounds, in MB."""
    return spec_set.tree[kind].peak_mb if spec_set else None


def _growth(smaller: SpecSet | None, larger: SpecSet | None) -> float | None:
    """How much the full generate's time per code grows from smaller to larger."""
    if smaller is None or larger is None:
        return None
    return (larger.tree[FULL].median / larger.codes) / (smaller.tree[FULL].median / smaller.codes)


def _changed(whole: SpecSet | None) -> float | None:
    """One spec changed in whole, against the no-op check of whole plus that spec alone."""
    if whole is None or whole.alone is None:
        return None
    return whole.tree[CHANGED].median / (whole.tree[CHECK].median + whole.alone.tree[FULL].median)


if __name__ == "__main__":
    sys.exit(main())
