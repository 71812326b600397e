"""errgen's benchmark: timings and peak memory on synthetic spec sets, against the targets.

Run from the repository root (see the README's "Performance" section):

    python bench/run.py            # every set, 5 rounds (3 for the 1,000-spec set)
    python bench/run.py --quick    # seeds and 100 specs only, 3 rounds

For each spec set it measures, in fresh processes as a user runs them: a full
``errgen generate`` into an empty out dir, a no-op ``errgen check``, and ``errgen generate``
after one spec changed; beside them, in the same rounds, ``python -c pass`` (the floor) and
datamodel-code-generator turning a JSON Schema with the General OCR codes into an IntEnum.
It prints medians with min and max, ratios, and whether each target holds; it exits 1 when
one is missed. Absolute times move with the machine and its load; the ratios move less.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CODES_PER_SPEC = 40


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

    def cell(self) -> str:
        return f"{_ms(self.median)} [{_ms(min(self.seconds))} .. {_ms(max(self.seconds))}]"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def child_env() -> dict[str, str]:
    """The checkout's errgen first on the path, and bytecode caching on, as for any user."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    return env


def run(command: list[str], cwd: Path, *, expect: int = 0) -> tuple[float, int]:
    """Wall time and peak resident memory (the largest process: the command or one of its
    workers, from wait4's rusage) of one run."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=err)
        _pid, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)
        if code != expect:
            err.seek(0)
            message = err.read().decode(errors="replace")
            raise SystemExit(f"bench: {' '.join(command)} in {cwd} exited {code}, expected {expect}\n{message}")
    return elapsed, usage.ru_maxrss  # KiB on Linux


def errgen_command() -> list[str]:
    """The `errgen` console script beside this Python, as users run it; else `python -m generator`."""
    script = Path(sys.executable).with_name("errgen")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "generator"]


ENV = child_env()
ERRGEN = errgen_command()
# Runs of a few tens of milliseconds (the floor, no-op checks) are taken this many times a
# round: on a shared machine one slow run in five would otherwise move their median.
REPEATS = 5


@dataclass
class SpecSet:
    name: str
    root: Path  # the working directory: specs/ and generated/ inside
    specs: int
    codes: int
    touch: Path | None = None  # the spec changed for the one-spec-changed measurement
    full: Samples = field(default_factory=Samples)
    check: Samples = field(default_factory=Samples)
    changed: Samples = field(default_factory=Samples)

    def measure_round(self, number: int) -> None:
        out = self.root / "generated"
        shutil.rmtree(out, ignore_errors=True)
        self.full.add(*run([*ERRGEN, "generate"], self.root))
        for _ in range(REPEATS):
            self.check.add(*run([*ERRGEN, "check"], self.root))
        if self.touch is not None:
            synth.touch(self.touch, number)
            self.changed.add(*run([*ERRGEN, "generate"], self.root))

    def verify(self) -> None:
        """After the rounds: the out dir must be exactly what a full run writes."""
        run([*ERRGEN, "check"], self.root)
        reference = self.root.parent / f"{self.name}-reference"
        shutil.rmtree(reference, ignore_errors=True)
        run([*ERRGEN, "generate", "--out", str(reference)], self.root)
        if _tree(reference) != _tree(self.root / "generated"):
            raise SystemExit(f"bench: {self.name}: incremental output differs from a full run's")


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build_sets(workdir: Path, names: list[str]) -> list[SpecSet]:
    sets = []
    for name in names:
        root = workdir / name
        specs = root / "specs"
        if name == "seeds":
            shutil.copytree(REPO / "specs", specs)
            codes = sum(1 for p in specs.glob("*.md") for line in p.read_text().splitlines() if synth.is_row(line))
            sets.append(SpecSet(name, root, 2, codes))
        else:
            count = int(name.removeprefix("specs"))
            rows = synth.write_set(specs, count, CODES_PER_SPEC)
            files = len(list(specs.rglob("*.md")))
            sets.append(SpecSet(name, root, files, rows, touch=specs / f"{synth.spec_name(count // 2)}.md"))
    return sets


def one_spec_set(workdir: Path, big: SpecSet) -> SpecSet:
    """The spec that the one-spec-changed runs edit, alone: its own work, for target 5."""
    root = workdir / "one-spec"
    (root / "specs").mkdir(parents=True)
    assert big.touch is not None
    shutil.copy(big.touch, root / "specs" / big.touch.name)
    return SpecSet("one-spec", root, 1, CODES_PER_SPEC)


def datamodel_input(workdir: Path) -> Path:
    """General OCR's codes as a JSON Schema integer enum with member names."""
    result = subprocess.run(
        [*ERRGEN, "ir", "specs/general-ocr.md"], cwd=REPO, env=ENV, capture_output=True, text=True, check=True
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
    parser.add_argument("--big-runs", type=int, default=3, help="rounds for 1,000 specs (default 3)")
    parser.add_argument("--quick", action="store_true", help="seeds and 100 specs only, 3 rounds")
    parser.add_argument("--keep", type=Path, help="build the sets in this folder and keep them")
    args = parser.parse_args(argv)
    names = ["seeds", "specs100"] if args.quick else ["seeds", "specs100", "specs1000"]
    runs = 3 if args.quick else args.runs

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="errgen-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        return _bench(workdir, names, runs, args.big_runs)
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)


def _bench(workdir: Path, names: list[str], runs: int, big_runs: int) -> int:
    print(f"errgen benchmark on {machine()}", flush=True)
    sets = build_sets(workdir, names)
    big = next((s for s in sets if s.name == "specs1000"), None)
    if big is not None:
        sets.append(one_spec_set(workdir, big))
    floor, datamodel = Samples(), Samples()
    schema = datamodel_input(workdir)
    have_datamodel = subprocess.run(
        [sys.executable, "-c", "import datamodel_code_generator"], env=ENV, capture_output=True
    ).returncode == 0

    # one untimed warm-up of everything: bytecode caches, black's own caches, the page cache
    for spec_set in sets:
        if spec_set.specs <= 100:
            spec_set.measure_round(0)
            spec_set.full, spec_set.check, spec_set.changed = Samples(), Samples(), Samples()
    if have_datamodel:
        run(datamodel_command(schema), workdir)
    for number in range(1, max(runs, big_runs if big else 0) + 1):
        print(f"round {number}", flush=True)
        for _ in range(REPEATS):
            floor.add(*run([sys.executable, "-c", "pass"], workdir))
        if have_datamodel:
            datamodel.add(*run(datamodel_command(schema), workdir))
        for spec_set in sets:
            limit = big_runs if spec_set.specs >= 1000 else runs
            if number <= limit:
                spec_set.measure_round(number)
    for spec_set in sets:
        spec_set.verify()

    by_name = {s.name: s for s in sets}
    print()
    print(f"{'':34} {'median [min .. max]':>36}   per code   peak RSS")
    print(f"{'python -c pass (floor)':34} {floor.cell():>36}")
    if have_datamodel:
        print(f"{'datamodel-codegen, General OCR enum':34} {datamodel.cell():>36}   {'':8}   {max(datamodel.max_rss_kb) / 1024:5.0f} MB")
    for spec_set in sets:
        label = f"{spec_set.name} ({spec_set.specs} files, {spec_set.codes} codes)"
        print(label)
        rows = [("full generate", spec_set.full), ("no-op check", spec_set.check), ("one spec changed", spec_set.changed)]
        for what, samples in rows:
            if samples.seconds:
                per_code = samples.median / spec_set.codes * 1e6
                rss = max(samples.max_rss_kb) / 1024
                print(f"  {what:32} {samples.cell():>36}   {per_code:6.0f} us   {rss:5.0f} MB")

    print("\nratios and targets")
    results: list[tuple[str, float, float, bool]] = []

    def target(text: str, value: float, limit: float, *, under: bool = False) -> None:
        held = value < limit if under else value <= limit
        results.append((text, value, limit, held))

    seeds = by_name["seeds"]
    target("no-op check on the seeds / python -c pass", seeds.check.median / floor.median, 4.0)
    if have_datamodel:
        target("full generate of the seeds / datamodel-codegen (OCR enum)", seeds.full.median / datamodel.median, 0.5)
    if big is not None:
        small = by_name["specs100"]
        target("full generate of 1,000 specs, seconds", big.full.median, 15.0, under=True)
        growth = (big.full.median / big.codes) / (small.full.median / small.codes)
        target("time per code, 1,000 specs / 100 specs", growth, 1.3)
        one = by_name["one-spec"]
        bound = big.check.median + one.full.median
        target("one of 1,000 changed / (no-op check + that spec alone)", big.changed.median / bound, 2.0)
    if "specs100" in by_name:
        small = by_name["specs100"]
        print(f"  (for information) one of 100 changed / full generate of 100: "
              f"{small.changed.median / small.full.median:.2f}")
        if big is None:
            print("  (1,000 specs not measured with --quick: their targets are not checked)")
    missed = 0
    for text, value, limit, held in results:
        missed += not held
        print(f"  {'ok    ' if held else 'MISSED'} {text}: {value:.2f} (target {limit:g})")
    if not have_datamodel:
        missed += 1
        print("  MISSED datamodel-code-generator is not installed: pip install -e '.[bench]'")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
