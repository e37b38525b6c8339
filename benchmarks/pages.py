"""Page timings: each page's script run through AppTest, on the seed plan and on a generated plan.

A run is timed after a first one has filled the caches (the plan, derived tables), which is what
an official meets when clicking through; the first, cold run of the app is printed too.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from benchmarks.loader import SEED_TXT, generated_plan_text

ROOT = Path(__file__).resolve().parent.parent
ENTRY = ROOT / "tests" / "app_entry.py"
PAGES = ["overview", "timeline", "counts", "map", "events", "quality"]


def time_pages(plan_file: Path, repeat: int = 3) -> dict[str, float]:
    from streamlit.testing.v1 import AppTest

    os.environ["SMOLPLAN_PLAN"] = str(plan_file)
    app = AppTest.from_file(str(ENTRY), default_timeout=600)
    started = time.perf_counter()
    app.run()
    timings = {"(first run, cold caches)": time.perf_counter() - started}
    for page in PAGES:
        app.switch_page(f"../pages/{page}.py").run()  # fills this page's caches
        assert not app.exception, [e.value for e in app.exception]
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            app.run()
            runs.append(time.perf_counter() - started)
        timings[page] = min(runs)
    return timings


def bench_pages(size: int) -> None:
    print("== Pages: script-run time (AppTest, warm caches) ==")
    with tempfile.TemporaryDirectory() as folder:
        generated = Path(folder) / f"generated_{size}.txt"
        generated.write_text(generated_plan_text(size, seed=size), encoding="utf-8")
        seed, big = time_pages(SEED_TXT), time_pages(generated)
    print(f"{'page':28} {'seed (67)':>10} {f'generated ({size})':>18}")
    for page in seed:
        print(f"{page:28} {seed[page]:9.3f}s {big[page]:17.3f}s")
    print("targets: < 0.5 s per page on the seed, < 2 s at 10,000 events")


if __name__ == "__main__":
    bench_pages(10_000)
