"""Speed and memory of ``toolbox`` against its targets (issue: fast at every size).

Usage (from anywhere, with the ``toolbox`` you want to measure on PATH or given):

    python benchmarks/run.py [--toolbox PATH] [--runs 7] [--keep DIR]

It builds synthetic catalogues of 1,000, 5,000 and 10,000 cards by copying the
shipped cards under new ids, runs the commands alternately several times, and
prints medians, the ratios the targets are stated in, and the peak memory of
the 10,000-card run. Cold runs use an empty cache directory; warm runs reuse
the cache the previous run wrote. Nothing here asserts: it reports.
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
    code = "from toolbox_cli.paths import data_dir; print(data_dir() / 'cards')"
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


def median_of(runs: int, each: Callable[[], tuple[float, int]]) -> tuple[float, int]:
    results = [each() for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


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
    env = {**os.environ, "NO_COLOR": "1", "LANG": "C.UTF-8"}
    env.pop("TOOLBOX_NO_CACHE", None)
    env.pop("TOOLBOX_CARDS_DIR", None)
    shipped = shipped_cards(toolbox)
    card = shipped / "these-cifre.yaml"
    warm_cache = {**env, "TOOLBOX_CACHE_DIR": str(work / "cache")}
    print(f"toolbox: {toolbox}\nwork dir: {work}\nruns per measure: {args.runs}\n")

    catalogues = {size: build_catalogue(shipped, work / f"cards-{size}", size) for size in SIZES}

    # Warm every cache once, then measure alternately.
    for directory in [shipped, *catalogues.values()]:
        timed([toolbox, *RECOMMEND, "--cards-dir", str(directory)], warm_cache)
    timed([toolbox, "show", "these-cifre", "--json"], warm_cache)

    floor_cmd = [
        python,
        "-c",
        "import json, sys, yaml; print(json.dumps(yaml.load(open(sys.argv[1], "
        "encoding='utf-8'), Loader=yaml.CSafeLoader)))",
        str(card),
    ]
    show_cmd = [toolbox, "show", "these-cifre", "--json"]
    rec_shipped = [toolbox, *RECOMMEND, "--cards-dir", str(shipped)]
    rec_10k = [toolbox, *RECOMMEND, "--cards-dir", str(catalogues[10_000])]
    samples: dict[str, list[float]] = {"floor": [], "show": [], "rec": [], "rec10k": []}
    for _ in range(args.runs):
        samples["floor"].append(timed(floor_cmd, env)[0])
        samples["show"].append(timed(show_cmd, warm_cache)[0])
        samples["rec"].append(timed(rec_shipped, warm_cache)[0])
        samples["rec10k"].append(timed(rec_10k, warm_cache)[0])
    med = {key: statistics.median(values) for key, values in samples.items()}

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
    warm_peak = timed(rec_10k, warm_cache)[1]

    ms = lambda seconds: f"{seconds * 1000:8.1f} ms"  # noqa: E731
    print("median wall time")
    print(f"  floor: python + CSafeLoader + json.dumps one card  {ms(med['floor'])}")
    print(f"  toolbox show these-cifre --json (cached)           {ms(med['show'])}")
    print(f"  toolbox recommend --json, shipped catalogue        {ms(med['rec'])}")
    print(f"  toolbox recommend --json, 10,000 cards (cached)    {ms(med['rec10k'])}")
    for size in SIZES:
        print(f"  toolbox recommend --json, {size:>6,} cards, first run {ms(cold[size][0])}")
    print("\ntargets")
    rows = [
        ("1. show --json / floor", med["show"] / med["floor"], 3.0),
        ("2. recommend 10k cached / shipped", med["rec10k"] / med["rec"], 3.0),
        ("3. recommend 10k first run / shipped", cold[10_000][0] / med["rec"], 25.0),
    ]
    for label, ratio, limit in rows:
        verdict = "ok" if ratio <= limit else "MISSED"
        print(f"  {label:<40} {ratio:6.2f}x  (target <= {limit:g}x)  {verdict}")
    per_card = [(cold[s][0] - med["rec"]) / s * 1000 for s in SIZES]
    print(
        "  first-run growth, ms per card over the shipped run: "
        + ", ".join(f"{s:,}: {p:.3f}" for s, p in zip(SIZES, per_card, strict=True))
    )
    peak_mb = max(cold[10_000][1], warm_peak) / 1024
    verdict = "ok" if peak_mb <= 300 else "MISSED"
    print(
        f"  4. peak memory, 10k run (largest process) {peak_mb:8.1f} MB  (target <= 300)  {verdict}"
    )
    print(f"     first run {cold[10_000][1] / 1024:.1f} MB, cached run {warm_peak / 1024:.1f} MB")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"\n(benchmark took {time.perf_counter() - started:.0f} s)")
