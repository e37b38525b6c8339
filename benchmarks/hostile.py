"""`python -m benchmarks.hostile [NAME…]`: every file of both hostile corpora read in a fresh process, as the
preview worker reads it: its outcome, the reading time and the process's peak resident memory.

The peak includes the interpreter with pandas, lxml and the morphology dictionary (~170 MB before
any file); the target is reading any file under 1 GB, each in time linear in its size.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_MEASURE = """
import json, sys, time
from smolplan import PlanReadError, load_plan
load_plan(sys.argv[3])  # warm: the gazetteer and the dictionary, as in a worker that read one plan
data = open(sys.argv[1], "rb").read()
start = time.perf_counter()
try:
    plan = load_plan(data, name=sys.argv[2])
    outcome = f"read, {len(plan.events)} events, {len(plan.report)} report rows"
except PlanReadError as error:
    outcome = "refused: " + error.message
seconds = time.perf_counter() - start
# VmHWM, not ru_maxrss: the latter keeps the peak of the process this one was forked from.
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"seconds": seconds, "mb": int(hwm.split()[1]) / 1024, "outcome": outcome}))
"""


def measure(name: str, content: bytes, timeout: float = 300) -> dict:
    from smolplan import BUNDLED_PLAN

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input"
        path.write_bytes(content)
        try:
            result = subprocess.run([sys.executable, "-c", _MEASURE, str(path), name, str(BUNDLED_PLAN)], cwd=ROOT,
                                    capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"seconds": timeout, "mb": float("nan"), "outcome": f"timed out after {timeout:.0f} s"}
    if result.returncode != 0:
        return {"seconds": float("nan"), "mb": float("nan"), "outcome": "crashed: " + result.stderr[-200:]}
    return json.loads(result.stdout.strip().splitlines()[-1])


def accepted_extremes() -> list[tuple[str, bytes, str, str]]:
    """Files just inside the limits, the heaviest a server accepts: the most rows, the longest cells."""
    from benchmarks.loader import generated_plan_text
    from tests.hostile.corpus import HEADER7, event, txt

    long_cells = [event(f"{n}.", title=f"Форум {n}") for n in range(1, 101)]
    for row in long_cells:
        row[4] = "Форум делегаций Республики Беларусь " * 2_700  # 97,200 characters, under the 100,000 limit
    return [
        ("15000_events.txt", generated_plan_text(15_000).encode(), "warn", ""),
        ("100_cells_of_97000_chars.txt", txt("План на 2027 год", HEADER7, long_cells), "read", ""),
    ]


def bench_hostile(only: set[str] | None = None) -> list[dict]:
    sys.path.insert(0, str(ROOT))
    from tests.hostile.attacks import attacks
    from tests.hostile.corpus import cases

    rows = []
    for corpus, files in (("corpus", cases()), ("attacks", attacks()), ("accepted", accepted_extremes())):
        for name, content, expected, _ in files:
            if only and name not in only and corpus not in only:
                continue
            row = {"corpus": corpus, "file": name, "kb": len(content) / 1024, "expected": expected,
                   **measure(name, content)}
            rows.append(row)
            print(f"{corpus:8} {name:32} {row['kb']:9.0f} KB {row['seconds']:7.2f} s {row['mb']:7.0f} MB  "
                  f"{row['outcome'][:90]}", flush=True)
    slowest = max(rows, key=lambda r: r["seconds"])
    largest = max(rows, key=lambda r: r["mb"])
    print(f"worst time: {slowest['seconds']:.2f} s ({slowest['file']}); "
          f"worst peak memory: {largest['mb']:.0f} MB ({largest['file']})")
    return rows


if __name__ == "__main__":
    bench_hostile(set(sys.argv[1:]) or None)  # arguments: file names or corpus names to run alone
