"""Speed and memory of ``toolbox`` against its targets (issue: fast at every size).

Usage (from anywhere, with the ``toolbox`` you want to measure on PATH or given):

    python benchmarks/run.py [--toolbox PATH] [--runs 7] [--keep DIR]

It builds synthetic catalogues of 1,000, 5,000 and 10,000 cards by copying the
shipped cards under new ids, runs every command alternately several times
against the floor (python, libyaml and json printing one card), and prints
medians and every ratio the targets are stated in (issue 8): --json commands
and --version <= 2.5x the floor, human output <= 3.5x, 10,000 cards warm <=
1.5x the shipped catalogue, a first run on 10,000 cards <= 15x and linear, peak
memory <= 200 MB. Cold runs use an empty cache directory; warm runs reuse the
index the previous run wrote. The machine's load average is printed at the
start and the end. Last, it measures what any design pays at 10,000 cards on
this machine (a stat of each file, decoding each entry, libyaml parsing each
file over every core) and the ratios that leaves at best. Nothing here
asserts: it reports.
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
from collections.abc import Callable
from pathlib import Path

SIZES = (1_000, 5_000, 10_000)
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


def shipped_cards(toolbox: str) -> Path:
    """The cards directory of the installed package (asked of the same Python)."""
    python = Path(toolbox).resolve().parent / "python"
    code = "from toolbox_cli.catalogue.paths import data_dir; print(data_dir() / 'cards')"
    out = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True)
    return Path(out.stdout.strip())


def build_catalogue(source: Path, target: Path, size: int) -> Path:
    """``size`` cards: the shipped ones copied round-robin under new ids."""
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
    """Wall time of one run, and the peak RSS (KiB) of its largest process."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
        "elapsed = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(elapsed, peak, done.returncode)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *command], env=env, capture_output=True, text=True, check=True
    )
    elapsed, peak, code = out.stdout.split()
    if code != "0":
        raise SystemExit(f"{' '.join(command)} exited with {code}")
    return float(elapsed), int(peak)


# What no design in Python can skip at a size, measured with the toolbox's own Python:
# every card file checked unchanged (one stat each, from the folder's descriptor),
# every card's entry decoded (json, the fastest safe decoder in the standard library:
# ``recommend`` judges every card), and, for a first run, every file parsed by
# libyaml (PyYAML's C loader), spread over every core.
LIMITS = """
import gc, json, os, statistics, sys, time, yaml
folder, entries = sys.argv[1], sys.argv[2]
# the entries as compact as json writes them: the least any design decodes
text = json.dumps(json.loads(open(entries, encoding="utf-8").read()), separators=(",", ":"),
                  ensure_ascii=False)
names = sorted(n for n in os.listdir(folder) if n.endswith(".yaml") and n != "vocabulary.yaml")
gc.disable()  # a lower bound: no collection, and what work() built is freed untimed
def median_of_runs(runs, work):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        kept = work()
        times.append(time.perf_counter() - start)
        del kept
    return statistics.median(times)
def check():
    fd = os.open(folder, os.O_RDONLY)
    try:
        for name in sorted(os.listdir(folder)):
            os.stat(name, dir_fd=fd)
    finally:
        os.close(fd)
sample = names[:: max(1, len(names) // 500)]
datas = [open(os.path.join(folder, n), "rb").read() for n in sample]
def parse():
    return [yaml.load(data, Loader=yaml.CSafeLoader) for data in datas]
per_card = median_of_runs(3, parse) / len(datas)
print(median_of_runs(7, check), median_of_runs(7, lambda: json.loads(text)), per_card * len(names))
"""


def machine_limits(python: str, folder: Path, entries: Path) -> tuple[float, float, float]:
    """Seconds to check every card of ``folder`` unchanged, to decode the entries in
    ``entries`` (a ``list --json`` of that folder), and to parse every card file with
    libyaml on one core: what any design pays at that size."""
    out = subprocess.run(
        [python, "-c", LIMITS, str(folder), str(entries)],
        capture_output=True,
        text=True,
        check=True,
    )
    check, decode, parse = (float(x) for x in out.stdout.split())
    return check, decode, parse


def median_of(runs: int, each: Callable[[], tuple[float, int]]) -> tuple[float, int]:
    results = [each() for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--toolbox", default=shutil.which("toolbox"), help="toolbox executable")
    parser.add_argument("--runs", type=int, default=7, help="runs per measure (median)")
    parser.add_argument("--keep", type=Path, help="build the catalogues here and keep them")
    args = parser.parse_args()
    if not args.toolbox:
        raise SystemExit("no toolbox on PATH: pass --toolbox PATH")
    toolbox = str(Path(args.toolbox).resolve())
    python = str(Path(toolbox).parent / "python")
    work = args.keep or Path(tempfile.mkdtemp(prefix="toolbox-bench-"))
    env = {**os.environ, "NO_COLOR": "1", "LANG": "C.UTF-8", "COLUMNS": "100"}
    for name in ("TOOLBOX_NO_CACHE", "TOOLBOX_CARDS_DIR", "TOOLBOX_LANG"):
        env.pop(name, None)
    # As installed for users: compiled modules are kept (an installed wheel has them),
    # else every run of an editable install compiles toolbox's sources again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    shipped = shipped_cards(toolbox)
    card = shipped / "these-cifre.yaml"
    warm_cache = {**env, "TOOLBOX_CACHE_DIR": str(work / "cache")}
    load = os.getloadavg() if hasattr(os, "getloadavg") else ()
    print(f"toolbox: {toolbox}\nwork dir: {work}\nruns per measure: {args.runs}")
    print(f"load average at start: {', '.join(f'{x:.2f}' for x in load)}\n")

    catalogues = {size: build_catalogue(shipped, work / f"cards-{size}", size) for size in SIZES}
    big = str(catalogues[SIZES[-1]])

    floor_cmd = [
        python,
        "-c",
        "import json, sys, yaml; print(json.dumps(yaml.load(open(sys.argv[1], "
        "encoding='utf-8'), Loader=yaml.CSafeLoader)))",
        str(card),
    ]
    query = ["search", "doctorant", "--lang", "fr"]
    fast = {  # every --json command, and --version: target <= 2.5x the floor
        "--version": ["--version"],
        "show --json": ["show", "these-cifre", "--json"],
        "list --json": ["list", "--json"],
        "levels --json": ["levels", "--json"],
        "search --json": [*query, "--json"],
        "recommend --json": RECOMMEND,
    }
    people = {  # every human-output command: target <= 3.5x the floor
        "show": ["show", "these-cifre"],
        "list": ["list"],
        "levels": ["levels"],
        "search": query,
        "recommend": RECOMMEND[:-1],
    }
    scaled = {  # 10,000 cards, warm: target <= 1.5x the same command on the shipped cards
        "recommend --json": RECOMMEND,
        "list --json": ["list", "--json"],
        "search --json": [*query, "--json"],
    }
    commands: dict[str, list[str]] = {"floor": floor_cmd}
    for label, argv in {**fast, **people}.items():
        commands[label] = [toolbox, *argv]
    for label, argv in scaled.items():
        commands[f"10k {label}"] = [toolbox, *argv, "--cards-dir", big]

    # Warm every index (twice: files written just now are checked by digest once more).
    for _ in range(2):
        for directory in [shipped, *catalogues.values()]:
            timed([toolbox, "list", "--json", "--cards-dir", str(directory)], warm_cache)
    for argv in commands.values():
        if argv is not floor_cmd:
            timed(argv, warm_cache)

    samples: dict[str, list[float]] = {label: [] for label in commands}
    peaks: dict[str, int] = {}
    for _ in range(args.runs):  # alternately, so that a busy moment hits every command
        for label, argv in commands.items():
            elapsed, peak = timed(argv, env if argv is floor_cmd else warm_cache)
            samples[label].append(elapsed)
            peaks[label] = max(peaks.get(label, 0), peak)
    med = {label: statistics.median(values) for label, values in samples.items()}

    cold: dict[int, tuple[float, int]] = {}
    for size in SIZES:

        def cold_run(size: int = size) -> tuple[float, int]:
            fresh = tempfile.mkdtemp(prefix="cache-", dir=work)
            try:
                return timed(
                    [toolbox, *RECOMMEND, "--cards-dir", str(catalogues[size])],
                    {**env, "TOOLBOX_CACHE_DIR": fresh},
                )
            finally:
                shutil.rmtree(fresh, ignore_errors=True)

        cold[size] = median_of(max(3, args.runs // 2), cold_run)

    listed = work / "entries-10k.json"
    with listed.open("wb") as handle:
        argv = [toolbox, "list", "--json", "--cards-dir", big]
        subprocess.run(argv, stdout=handle, env=warm_cache, check=True)
    check, decode, parse = machine_limits(python, catalogues[SIZES[-1]], listed)

    print("median wall time (and the middle half of the runs: how noisy the machine was)")
    for label, value in med.items():
        low, _, high = statistics.quantiles(samples[label], n=4)
        print(f"  {label:<28} {ms(value)}   [{low * 1000:.1f}-{high * 1000:.1f}]")
    for size in SIZES:
        print(f"  recommend --json, {size:>6,} cards, first run {ms(cold[size][0])}")

    rows: list[tuple[str, float, float]] = []
    for label in fast:
        rows.append((f"{label} / floor", med[label] / med["floor"], 2.5))
    for label in people:
        rows.append((f"{label} / floor", med[label] / med["floor"], 3.5))
    for label in scaled:
        rows.append((f"10k {label} / shipped", med[f"10k {label}"] / med[label], 1.5))
    rows.append(
        (
            "10k first run / shipped recommend --json",
            cold[SIZES[-1]][0] / med["recommend --json"],
            15,
        )
    )
    per_card = [(cold[s][0] - med["recommend --json"]) / s * 1000 for s in SIZES]
    rows.append(("first run per card, 10k / 1k (linear)", per_card[-1] / per_card[0], 1.5))
    print("\ntargets")
    for label, ratio, limit in rows:
        verdict = "ok" if ratio <= limit else "MISSED"
        print(f"  {label:<44} {ratio:6.2f}x  (target <= {limit:g}x)  {verdict}")
    print(
        "  first-run cost, ms per card: "
        + ", ".join(f"{s:,}: {p:.3f}" for s, p in zip(SIZES, per_card, strict=True))
    )
    warm_peak = max(peaks[f"10k {label}"] for label in scaled)
    peak_mb = max(cold[SIZES[-1]][1], warm_peak) / 1024
    verdict = "ok" if peak_mb <= 200 else "MISSED"
    print(
        f"  peak memory, 10k runs (largest process) {peak_mb:8.1f} MB  (target <= 200)  {verdict}"
    )
    print(f"     first run {cold[SIZES[-1]][1] / 1024:.1f} MB, warm runs {warm_peak / 1024:.1f} MB")
    cores = os.cpu_count() or 1
    shipped_run = med["recommend --json"]
    size = SIZES[-1]
    allowed = (1.5 - 1) * shipped_run  # what 10,000 cards may add to a shipped run, warm
    least_cold = shipped_run + parse / cores
    print(f"\nwhat this machine allows at {size:,} cards, whatever the design")
    print(f"  list and check every card file (a stat each)    {ms(check)}")
    print(f"  decode every entry (compact json, no collection) {ms(decode)}")
    print(f"  parse every card file (libyaml), on one core    {ms(parse)}")
    print(
        f"  warm recommend --json: the target leaves {allowed * 1000:.1f} ms"
        f" ({allowed / size * 1e6:.2f} us a card);\n"
        f"    checking and decoding alone take {(check + decode) * 1000:.1f} ms"
        f" ({(check + decode) / size * 1e6:.2f} us a card),\n"
        "    before any card is built, judged or printed"
    )
    print(
        f"  first run: at best {least_cold / shipped_run:.2f}x  (target <= 15x);\n"
        f"    parsing alone on {cores} core(s) takes {ms(parse / cores).strip()}"
    )
    load = os.getloadavg() if hasattr(os, "getloadavg") else ()
    print(f"\nload average at end: {', '.join(f'{x:.2f}' for x in load)}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"\n(benchmark took {time.perf_counter() - started:.0f} s)")
