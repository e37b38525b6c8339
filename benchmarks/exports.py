"""Export timings: each briefing format's build time, on the seed's reference view and whole plan,
and on a generated 10,000-event plan (where the memo's and the deck's tables must stay complete).

The memo and the deck are timed three ways per view (the one kaleido renderer already running, as
in the app after its first image):
  "cold"   — nothing of the view drawn: the click draws the map and the Gantt itself (as when the
             server was too busy to draw them ahead);
  "first"  — the first click after the page showed the view: its pictures were drawn ahead in the
             background (`briefing.draw_pictures`, what `briefing.WARMER` does for a page), so the
             click only lays the file out; the counts are native charts, drawn by Word or PowerPoint;
  "again"  — the same button once more.
The ratio memo / Excel is printed against the target of 2.5.
"""

from __future__ import annotations

import datetime as dt
import io
import time

from benchmarks.loader import SEED_TXT, generated_plan_text
from smolplan import load_plan
from smolplan import briefing
from smolplan.briefing import KINDS, build_briefing, draw_pictures
from smolplan.filters import Filters

TODAY = dt.date(2026, 9, 15)
QUARTER = Filters(countries=("BY",), start=dt.date(2026, 10, 1), end=dt.date(2026, 12, 31))


def _timed(kind, plan, filters) -> tuple[float, bytes]:
    started = time.perf_counter()
    data = build_briefing(kind, plan, filters, TODAY).data
    return time.perf_counter() - started, data


def _table_rows(kind: str, data: bytes) -> int:
    if kind == "docx":
        import docx

        return len(docx.Document(io.BytesIO(data)).tables[-1].rows) - 1
    import pptx

    return sum(len(shape.table.rows) - 1 for slide in pptx.Presentation(io.BytesIO(data)).slides
               for shape in slide.shapes if shape.has_table)


def bench_view(label: str, plan, filters: Filters, events: int) -> None:
    times: dict[str, float] = {}
    for kind in KINDS:
        line = f"{label:34} {kind:4}:"
        if kind in ("docx", "pptx"):
            briefing._IMAGES.clear()  # nothing of the view drawn yet
            times[kind + " cold"], data = _timed(kind, plan, filters)
            briefing._IMAGES.clear()
            started = time.perf_counter()
            pictures = draw_pictures(plan, filters, TODAY)
            ahead = time.perf_counter() - started
            times[kind], data = _timed(kind, plan, filters)
            again, _ = _timed(kind, plan, filters)
            rows = _table_rows(kind, data)
            line += (f" cold {times[kind + ' cold']:6.2f} s   first {times[kind]:6.2f} s   again {again:6.2f} s"
                     f"   ({pictures} pictures drawn ahead in {ahead:.2f} s)   table rows {rows}/{events}"
                     + ("" if rows == events else "  INCOMPLETE"))
        else:
            times[kind], data = _timed(kind, plan, filters)
            line += f" {times[kind]:6.2f} s"
        print(line)
    print(f"{label:34} memo / Excel: first {times['docx'] / times['xlsx']:.1f}x "
          f"(cold {times['docx cold'] / times['xlsx']:.1f}x)   target <= 2.5x")


def bench_exports(size: int = 10_000) -> None:
    print("== Exports ==")
    seed = load_plan(SEED_TXT)
    started = time.perf_counter()
    build_briefing("docx", seed, Filters(spheres=("спорта",)), TODAY)  # starts the one renderer
    print(f"renderer start and a first memo: {time.perf_counter() - started:.2f} s (once per process)")
    from smolplan.filters import apply_filters

    bench_view("seed, Belarus, IV quarter 2026", seed, QUARTER, len(apply_filters(seed.events, QUARTER, TODAY)))
    bench_view("seed, all 67 events", seed, Filters(), len(seed.events))
    big = load_plan(generated_plan_text(size, seed=size).encode(), name=f"generated_{size}.txt")
    bench_view(f"generated, all {size} events", big, Filters(), len(big.events))


if __name__ == "__main__":
    import sys

    bench_exports(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
