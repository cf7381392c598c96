"""The benchmark: whole processes timed interleaved, medians and ratios to the floor, saved as JSON.

    python bench/run.py [--runs 5] [--out bench-out] [--peers PYTHON]

The floor is fastexcel reading every cell, nothing else. PYTHON is an
interpreter with pandas, pandera and frictionless installed, for the peers
(`nox -s bench` makes one); without it the peers are skipped.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import inputs  # noqa: E402  (the generator beside this script)

FLOOR = """
import sys
import fastexcel
import polars as pl
for path in sys.argv[1:]:
    if path.endswith(".csv"):
        pl.read_csv(path, has_header=False, infer_schema=False, truncate_ragged_lines=True)
        continue
    reader = fastexcel.read_excel(path)
    for name in reader.sheet_names:
        reader.load_sheet(name, header_row=None).to_polars()
"""
TARGETS = {
    ("check", "100,000 rows"): 1.3,
    ("check", "50 rows"): 1.8,
    ("build", "100,000 rows"): 1.6,
}


def workloads(folder: Path) -> dict[str, list[str]]:
    folder.mkdir(parents=True, exist_ok=True)
    made = {
        "50 rows": folder / "t50.xlsx",
        "10,000 rows": folder / "t10k.xlsx",
        "100,000 rows": folder / "t100k.xlsx",
    }
    sizes = {"50 rows": 50, "10,000 rows": 10_000, "100,000 rows": 100_000}
    for name, path in made.items():
        if not path.exists():
            inputs.write_xlsx(path, sizes[name])
    csv = folder / "t100k.csv"
    if not csv.exists():
        inputs.write_csv(csv, 100_000)
    many = folder / "files"
    if not many.exists():
        inputs.write_folder(many, 1000)
    units = folder / "unit_reports"
    if not units.exists():
        inputs.write_unit_reports(units, copies=10)
    slipped = folder / "t100k_slips.xlsx"
    if not slipped.exists():
        inputs.write_slipped_xlsx(slipped, 100_000, sections=100)
    found = {name: [str(path)] for name, path in made.items()}
    found["100,000 rows (CSV)"] = [str(csv)]
    found["1,000 files"] = [str(many)]
    found[UNIT_REPORTS] = [str(units)]
    found[SLIPS] = [str(slipped)]
    return found


UNIT_REPORTS = "370 unit reports"
# A slip of scale in each of 100 sections: the failure path (figures, each slip rechecked).
SLIPS = "100,000 rows, 100 slips"
# The peers' scripts know the project-budget layout only (not unit reports, not sections).
OURS = ("floor", "check", "build")
OURS_ONLY = (UNIT_REPORTS, SLIPS)


def commands(peers: str | None, out: Path) -> dict[str, list[str]]:
    python = sys.executable
    ictdata = str(Path(python).with_name("ictdata"))
    found = {
        "floor": [python, "-c", FLOOR],
        "check": [ictdata, "check"],
        "build": [ictdata, "build", "--out", str(out / "marts")],
    }
    if peers:
        found["polars select"] = [peers, str(HERE / "peers.py"), "polars"]
        found["pandas+pandera"] = [peers, str(HERE / "peers.py"), "pandera"]
        found["frictionless"] = [str(Path(peers).with_name("frictionless")), "validate"]
    return found


def _files(args: list[str]) -> list[str]:
    """Expand folders for the tools that want files."""
    found: list[str] = []
    for arg in args:
        path = Path(arg)
        submissions = [*path.glob("*.xlsx"), *path.glob("*.csv")] if path.is_dir() else []
        found += sorted(map(str, submissions)) if path.is_dir() else [arg]
    return found


def timed(command: list[str], args: list[str]) -> tuple[float, float]:
    """Seconds and peak resident memory (MiB) of one whole process."""
    wants_files = command[-1] in {"polars", "pandera", "validate"} or "-c" in command
    argv = command + (_files(args) if wants_files else args)
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024


Samples = dict[str, dict[str, list[list[float]]]]


def measure(runs: int, loads: dict[str, list[str]], cmds: dict[str, list[str]]) -> Samples:
    results: Samples = {w: {c: [] for c in cmds} for w in loads}
    for _ in range(runs):
        for workload, args in loads.items():
            for name, command in cmds.items():
                if workload in OURS_ONLY and name not in OURS:
                    continue
                if name == "frictionless" and workload == "1,000 files":
                    args_used = _files(args)
                else:
                    args_used = args
                results[workload][name].append(list(timed(command, args_used)))
    return results


def in_process() -> dict[str, float]:
    """Parser rates and the cost of a 50-row check's parts, measured in this process."""
    import polars as pl

    from ictdata.read.numbers import parse_amounts
    from ictdata.read.words import parse_words_series

    numbers = pl.DataFrame({"raw": [f"{i % 100000:,}".replace(",", ".") for i in range(1_000_000)]})
    numbers = numbers.with_columns(is_float=False, multiplier=10**6)
    start = time.perf_counter()
    parse_amounts(numbers).collect()
    number_rate = 1_000_000 / (time.perf_counter() - start)
    seed_words = [
        "Mười một tỷ, năm trăm năm mươi ba triệu đồng",
        "Tám tỷ, tám trăm năm mươi ba triệu",
    ]
    words = pl.Series(seed_words * 500_000)
    start = time.perf_counter()
    parse_words_series(words)
    words_rate = 1_000_000 / (time.perf_counter() - start)
    return {"numbers per second": number_rate, "words per second": words_rate}


def report(results: Samples, rates: dict[str, float]) -> dict[str, object]:
    rows = []
    for workload, by_command in results.items():
        floor = statistics.median(t for t, _ in by_command["floor"])
        floor_mem = statistics.median(m for _, m in by_command["floor"])
        for name, samples in by_command.items():
            if not samples:  # a peer that does not run this workload
                continue
            seconds = statistics.median(t for t, _ in samples)
            memory = statistics.median(m for _, m in samples)
            target = TARGETS.get((name, workload))
            rows.append(
                {
                    "workload": workload,
                    "approach": name,
                    "median_s": round(seconds, 3),
                    "ratio_to_floor": round(seconds / floor, 2),
                    "peak_mib": round(memory, 1),
                    "memory_ratio": round(memory / floor_mem, 2),
                    "target_ratio": target,
                    "meets_target": None if target is None else seconds / floor <= target,
                }
            )
    return {"rows": rows, "rates": rates}


# Paired ratios to the peers, and the absolute targets (issue #8).
PEER_TARGETS = {("frictionless", "100,000 rows"): 12.0, ("frictionless", "1,000 files"): 8.0}
MEMORY_TARGET = ("check", "100,000 rows", 1.5)
FILES_PER_SECOND_TARGET = 250
PARSER_RATE_TARGET = 1_000_000


def verdicts(summary: dict[str, object]) -> list[str]:
    """The targets that are not ratios to the floor, each with its measured figure."""
    rows = {(r["approach"], r["workload"]): r for r in summary["rows"]}  # type: ignore[attr-defined]
    lines = []
    for (peer, workload), target in PEER_TARGETS.items():
        if (peer, workload) in rows and ("check", workload) in rows:
            peer_s = rows[peer, workload]["median_s"]
            ratio = peer_s / rows["check", workload]["median_s"]
            # No checker can beat reading the cells: the floor's own lead is the ceiling.
            ceiling = peer_s / rows["floor", workload]["median_s"]
            verdict = "ok" if ratio >= target else "MISSED"
            lines.append(
                f"check vs {peer} on {workload}: {ratio:.1f}x faster (target {target}x) {verdict}"
                f"; the floor itself is {ceiling:.1f}x faster"
            )
    name, workload, limit = MEMORY_TARGET
    if (name, workload) in rows:
        ratio = rows[name, workload]["memory_ratio"]
        verdict = "ok" if ratio <= limit else "MISSED"
        lines.append(
            f"{name} peak memory on {workload}: {ratio}x the floor's (target {limit}x) {verdict}"
        )
    if ("check", "1,000 files") in rows:
        rate = 1000 / rows["check", "1,000 files"]["median_s"]
        verdict = "ok" if rate >= FILES_PER_SECOND_TARGET else "MISSED"
        lines.append(
            f"check on 1,000 files: {rate:.0f} files/s (target {FILES_PER_SECOND_TARGET}) {verdict}"
        )
    return lines


def _line(row: dict[str, object]) -> str:
    target = ""
    if row["target_ratio"] is not None:
        verdict = "ok" if row["meets_target"] else "MISSED"
        target = f"  target ≤{row['target_ratio']}× {verdict}"
    return (
        f"{row['workload']!s:<20} {row['approach']!s:<16} {row['median_s']!s:>9} "
        f"{row['ratio_to_floor']!s:>8} {row['peak_mib']!s:>7} {row['memory_ratio']!s:>6}{target}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path("bench-out"))
    parser.add_argument("--peers")
    parser.add_argument("--inputs-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inputs_only:
        workloads(args.out / "inputs")
        return
    # The inputs are written by a child: a process's peak memory counts the memory of the
    # parent it was forked from, so this one stays small while it starts the timed ones.
    inputs_only = [sys.executable, __file__, "--out", str(args.out), "--inputs-only"]
    subprocess.run(inputs_only, check=True)
    loads = workloads(args.out / "inputs")
    results = measure(args.runs, loads, commands(args.peers, args.out))
    summary = report(results, in_process())
    print(
        f"{'workload':<20} {'approach':<16} {'median s':>9} {'× floor':>8} {'MiB':>7} {'× mem':>6}"
    )
    for row in summary["rows"]:  # type: ignore[attr-defined]
        print(_line(row))
    for line in verdicts(summary):
        print(line)
    for name, rate in summary["rates"].items():  # type: ignore[attr-defined]
        verdict = "ok" if rate >= PARSER_RATE_TARGET else "MISSED"
        print(f"{name}: {rate:,.0f} (target {PARSER_RATE_TARGET:,}) {verdict}")
    (args.out / "results.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
