"""Speed and memory of ``toolbox`` against its targets (issue: fast at every size).

Usage (from anywhere, with the ``toolbox`` you want to measure on PATH or given):

    python benchmarks/run.py [--toolbox PATH] [--runs 9] [--sizes 1000,10000,50000]

It builds synthetic catalogues (the shipped cards copied under new ids) and
measures each target as a ratio of PAIRED runs: a command and its reference
are run one after the other, in alternating order, the ratio of each pair is
taken, and the median of those ratios is the figure (a busy moment of a shared
machine then slows both sides of a pair, and unpaired medians would swing
with it). The targets (issue "the index owns its folder..."):

- shipped catalogue: every ``--json`` <= 2.0x the floor (python, libyaml and
  json printing one card), every human output <= 2.8x, ``--version`` <= 1.6x;
- warm, 10,000 cards: ``recommend``/``list``/``search --json`` <= 1.5x the same
  command on the shipped cards; 50,000 cards <= 3x; the cost of a card (warm,
  over the shipped run) within 1.2x from 1,000 to 50,000 cards;
- a first run (empty cache) at 10,000 cards <= 40x a shipped run;
- peak memory (the largest process) <= 100 MB at 10,000 cards and <= 200 MB at
  50,000, first run included.

Warm runs reuse the index the previous run wrote; first runs get an empty
cache directory each. The machine's load average is printed at the start, at
each section and at the end. Nothing here asserts: it reports.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RECOMMEND = [
    "recommend",
    "--actor",
    "local_authority",
    "--maturity",
    "0",
    "--goal",
    "experimentation",
    "--json",
]
QUERY = ["search", "doctorant", "--lang", "fr"]


def load() -> str:
    if not hasattr(os, "getloadavg"):
        return "unknown"
    return ", ".join(f"{x:.2f}" for x in os.getloadavg()) + f" ({os.cpu_count()} cores)"


def shipped_cards(toolbox: str) -> Path:
    """The cards directory of the installed package (asked of the same Python)."""
    python = Path(toolbox).resolve().parent / "python"
    code = (
        "import importlib\n"
        "for name in ('toolbox_cli.catalogue.paths', 'toolbox_cli.paths'):\n"
        "    try:\n"
        "        print(importlib.import_module(name).data_dir() / 'cards'); break\n"
        "    except ImportError: pass\n"
    )
    out = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True)
    return Path(out.stdout.strip())


def build_catalogue(source: Path, target: Path, size: int) -> Path:
    """``size`` cards: the shipped ones copied round-robin under new ids."""
    if target.is_dir() and len(os.listdir(target)) == size:
        return target
    target.mkdir(parents=True, exist_ok=True)
    originals = sorted(source.glob("*.yaml"))
    texts = [(path.stem, path.read_text(encoding="utf-8")) for path in originals]
    for number in range(size):
        stem, text = texts[number % len(texts)]
        new_id = f"{stem}-{number:05d}"
        new_text = re.sub(r"^id: .*$", f"id: {new_id}", text, count=1, flags=re.MULTILINE)
        # titles are unique in a catalogue: the first line of each title gets the number
        new_text = re.sub(
            r"^(title:\n  fr: (?:>-\n    )?)(.*)$",
            rf"\g<1>\g<2> {number}",
            new_text,
            count=1,
            flags=re.MULTILINE,
        )
        new_text = re.sub(
            r"^(  en: (?:>-\n    )?)(.*)$",
            rf"\g<1>\g<2> {number}",
            new_text,
            count=1,
            flags=re.MULTILINE,
        )
        (target / f"{new_id}.yaml").write_text(new_text, encoding="utf-8")
    return target


def timed(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time of one run and its peak RSS in KiB (the child's own, from wait4)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        start = time.perf_counter()
        pid = os.posix_spawn(
            command[0],
            command,
            env,
            file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1)],
        )
        _, status, usage = os.wait4(pid, 0)
        elapsed = time.perf_counter() - start
    finally:
        os.close(devnull)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0,):
        raise SystemExit(f"{' '.join(command)} exited with {code}")
    return elapsed, usage.ru_maxrss


def paired(
    runs: int,
    a: list[str],
    b: list[str],
    env_a: dict[str, str],
    env_b: dict[str, str],
) -> tuple[float, float, float, int]:
    """Median of the ratios a/b over ``runs`` pairs run in alternating order; the
    medians of a and of b; a's peak memory (KiB)."""
    ratios, times_a, times_b, peak = [], [], [], 0
    for number in range(runs):
        if number % 2:
            tb, _ = timed(b, env_b)
            ta, pa = timed(a, env_a)
        else:
            ta, pa = timed(a, env_a)
            tb, _ = timed(b, env_b)
        ratios.append(ta / tb)
        times_a.append(ta)
        times_b.append(tb)
        peak = max(peak, pa)
    return statistics.median(ratios), statistics.median(times_a), statistics.median(times_b), peak


class Report:
    def __init__(self) -> None:
        self.rows: list[tuple[str, float, float, str]] = []

    def add(self, label: str, value: float, limit: float, unit: str = "x") -> None:
        self.rows.append((label, value, limit, unit))
        verdict = "ok" if value <= limit else "MISSED"
        shown = f"{value:7.2f}{unit}" if unit == "x" else f"{value:7.1f} {unit}"
        print(f"  {label:<52} {shown}  (target <= {limit:g}{unit})  {verdict}", flush=True)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--toolbox", default=shutil.which("toolbox"), help="toolbox executable")
    parser.add_argument("--runs", type=int, default=9, help="pairs per measure (median)")
    parser.add_argument("--cold-runs", type=int, default=3, help="first runs per size")
    parser.add_argument("--sizes", default="1000,10000,50000", help="catalogue sizes")
    parser.add_argument("--keep", type=Path, help="build the catalogues here and keep them")
    args = parser.parse_args()
    if not args.toolbox:
        raise SystemExit("no toolbox on PATH: pass --toolbox PATH")
    sizes = [int(size) for size in args.sizes.split(",")]
    toolbox = str(Path(args.toolbox).absolute())
    python = str(Path(toolbox).parent / "python")
    work = args.keep or Path(tempfile.mkdtemp(prefix="toolbox-bench-"))
    env = {**os.environ, "NO_COLOR": "1", "LANG": "C.UTF-8", "COLUMNS": "100"}
    for name in ("TOOLBOX_NO_CACHE", "TOOLBOX_CARDS_DIR", "TOOLBOX_LANG"):
        env.pop(name, None)
    # As installed for users: compiled modules are kept (an installed wheel has them).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    shipped = shipped_cards(toolbox)
    card = shipped / "these-cifre.yaml"
    warm = {**env, "TOOLBOX_CACHE_DIR": str(work / "cache")}
    print(f"toolbox: {toolbox}\nwork dir: {work}\npairs per measure: {args.runs}")
    print(f"load average at start: {load()}\n", flush=True)
    catalogues = {size: build_catalogue(shipped, work / f"cards-{size}", size) for size in sizes}

    floor = [
        python,
        "-c",
        "import json, sys, yaml; print(json.dumps(yaml.load(open(sys.argv[1], "
        "encoding='utf-8'), Loader=yaml.CSafeLoader)))",
        str(card),
    ]
    fast = {  # every --json command: <= 2.0x the floor
        "show --json": ["show", "these-cifre", "--json"],
        "list --json": ["list", "--json"],
        "levels --json": ["levels", "--json"],
        "search --json": [*QUERY, "--json"],
        "recommend --json": RECOMMEND,
        "validate --json": ["validate", "--json"],
    }
    people = {  # every human output: <= 2.8x the floor
        "show": ["show", "these-cifre"],
        "list": ["list"],
        "levels": ["levels"],
        "search": QUERY,
        "recommend": RECOMMEND[:-1],
        "validate": ["validate"],
    }
    scaled = {  # warm, at size: <= 1.5x (10k), <= 3x (50k) the shipped run
        "recommend --json": RECOMMEND,
        "list --json": ["list", "--json"],
        "search --json": [*QUERY, "--json"],
    }

    # Warm every index (twice: files written just now are checked by digest once more).
    for _ in range(2):
        for directory in [shipped, *catalogues.values()]:
            for argv in scaled.values():
                timed([toolbox, *argv, "--cards-dir", str(directory)], warm)
    for argv in [*fast.values(), *people.values()]:
        timed([toolbox, *argv], warm)

    report = Report()
    print("shipped catalogue, warm, each command / the floor (paired)", flush=True)
    version = [toolbox, "--version"]
    ratio, t_version, t_floor, _ = paired(args.runs, version, floor, warm, env)
    report.add("--version / floor", ratio, 1.6)
    for label, argv in fast.items():
        ratio, *_ = paired(args.runs, [toolbox, *argv], floor, warm, env)
        report.add(f"{label} / floor", ratio, 2.0)
    for label, argv in people.items():
        ratio, *_ = paired(args.runs, [toolbox, *argv], floor, warm, env)
        report.add(f"{label} / floor", ratio, 2.8)
    print(f"  (floor {ms(t_floor)}, --version {ms(t_version)}; load {load()})\n", flush=True)

    print("warm, at size / the same command on the shipped cards (paired)", flush=True)
    shipped_times: dict[str, float] = {}
    extra: dict[tuple[int, str], float] = {}
    peaks: dict[int, int] = {}
    for size in sizes:
        for label, argv in scaled.items():
            big = [toolbox, *argv, "--cards-dir", str(catalogues[size])]
            small = [toolbox, *argv, "--cards-dir", str(shipped)]
            ratio, t_big, t_small, peak = paired(args.runs, big, small, warm, warm)
            shipped_times[label] = t_small
            extra[(size, label)] = (t_big - t_small) / size
            peaks[size] = max(peaks.get(size, 0), peak)
            limit = {10_000: 1.5, 50_000: 3.0}.get(size)
            if limit is not None:
                report.add(f"{size // 1000}k {label} / shipped", ratio, limit)
            else:
                print(f"  {size:,} {label} / shipped {ratio:13.2f}x  ({ms(t_big)})", flush=True)
    if len(sizes) > 1:
        for label in scaled:
            per = [extra[(size, label)] for size in sizes]
            spread = max(per) / max(min(per), 1e-9)
            report.add(f"warm cost a card, {label}, {sizes[0]:,}..{sizes[-1]:,}", spread, 1.2)
            print(
                "     us a card: "
                + ", ".join(f"{s:,}: {p * 1e6:.2f}" for s, p in zip(sizes, per, strict=True)),
                flush=True,
            )
    print(f"  (load {load()})\n", flush=True)

    print("first run (an empty cache) / a warm shipped run", flush=True)
    reference = [toolbox, *RECOMMEND, "--cards-dir", str(shipped)]
    cold: dict[int, tuple[float, int]] = {}
    for size in sizes:
        ratios, times, peak = [], [], 0
        for number in range(args.cold_runs):
            fresh = tempfile.mkdtemp(prefix="cache-", dir=work)
            try:
                first = [toolbox, *RECOMMEND, "--cards-dir", str(catalogues[size])]
                cold_env = {**env, "TOOLBOX_CACHE_DIR": fresh}
                if number % 2:
                    t_ref, _ = timed(reference, warm)
                    t_cold, p = timed(first, cold_env)
                else:
                    t_cold, p = timed(first, cold_env)
                    t_ref, _ = timed(reference, warm)
            finally:
                shutil.rmtree(fresh, ignore_errors=True)
            ratios.append(t_cold / t_ref)
            times.append(t_cold)
            peak = max(peak, p)
        cold[size] = (statistics.median(times), peak)
        if size == 10_000:
            report.add("10k first run / shipped recommend --json", statistics.median(ratios), 40)
        print(f"     {size:,} cards: first run {ms(cold[size][0])}", flush=True)
    print(f"  (load {load()})\n", flush=True)

    print("peak memory of the largest process, warm and first runs", flush=True)
    for size, limit in ((10_000, 100), (50_000, 200)):
        if size in cold:
            peak_mb = max(cold[size][1], peaks.get(size, 0)) / 1024
            report.add(f"peak memory, {size // 1000}k cards", peak_mb, limit, "MB")
            print(
                f"     first run {cold[size][1] / 1024:.1f} MB,"
                f" warm {peaks.get(size, 0) / 1024:.1f} MB",
                flush=True,
            )
    missed = [row for row in report.rows if row[1] > row[2]]
    print(f"\n{len(report.rows) - len(missed)} of {len(report.rows)} targets met")
    print(f"load average at end: {load()}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"\n(benchmark took {time.perf_counter() - started:.0f} s)")
    sys.stdout.flush()
