"""Our date cells reader against dateparser: time per cell and intervals read exactly right.

dateparser is asked the fairest question it can answer: `search_dates` over the cell in Russian,
the plan's year as the relative base, a month meaning its first day; its interval is the earliest
and the latest date it finds (nothing found: no interval). An interval counts as right only when
both ends equal the expected ones, so a whole month read as its first day is wrong: that is the
difference the comparison is about.

`python -m benchmarks.dateparser_compare` runs it on the hand-written table of tests/test_dates.py.
"""

from __future__ import annotations

import datetime
import time
import warnings

from smolplan.dates import parse_date_cell

Interval = tuple[datetime.date | None, datetime.date | None]


def dateparser_interval(text: str, default_year: int | None) -> Interval:
    """dateparser's reading: (earliest, latest) date `search_dates` finds; the plan's year as the
    relative base (without one, dateparser's own default, today)."""
    from dateparser.search import search_dates

    settings: dict = {"PREFER_DAY_OF_MONTH": "first"}
    if default_year is not None:
        settings["RELATIVE_BASE"] = datetime.datetime(default_year, 1, 1)
    try:
        found = search_dates(text, languages=["ru"], settings=settings)
    except Exception:  # noqa: BLE001 - a cell dateparser fails on counts as nothing found
        found = None
    if not found:
        return None, None
    days = [moment.date() for _, moment in found]
    return min(days), max(days)


def _ours(text: str, default_year: int | None) -> Interval:
    reading = parse_date_cell(text, default_year)
    return reading.start, reading.end


def _time_per_cell(read, cells: list[tuple[str, int | None]], min_seconds: float) -> tuple[float, list[Interval]]:
    """Microseconds per cell (whole passes over `cells` until `min_seconds`), and one pass's results."""
    results = [read(text, year) for text, year in cells]  # warm-up: imports, dateparser's language data
    passes, started = 0, time.perf_counter()
    while True:
        for text, year in cells:
            read(text, year)
        passes += 1
        elapsed = time.perf_counter() - started
        if elapsed >= min_seconds:
            return elapsed / (passes * len(cells)) * 1e6, results


def compare_with_dateparser(cells: list[tuple[str, int | None]], expected: list[Interval]) -> dict:
    """Time `parse_date_cell` and dateparser on the same cells; count exactly right intervals.

    Returns {"ours_us_per_cell", "dateparser_us_per_cell", "speedup", "ours_correct",
    "dateparser_correct", "total"}.
    """
    if len(cells) != len(expected):
        raise ValueError("cells and expected differ in length")
    if not cells:
        return {"ours_us_per_cell": 0.0, "dateparser_us_per_cell": 0.0, "speedup": float("nan"),
                "ours_correct": 0, "dateparser_correct": 0, "total": 0}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dateparser's deprecation chatter
        ours_us, ours = _time_per_cell(_ours, cells, min_seconds=0.5)
        theirs_us, theirs = _time_per_cell(dateparser_interval, cells, min_seconds=0.0)
    expected = [tuple(e) for e in expected]
    return {
        "ours_us_per_cell": ours_us,
        "dateparser_us_per_cell": theirs_us,
        "speedup": theirs_us / ours_us,
        "ours_correct": sum(got == want for got, want in zip(ours, expected)),
        "dateparser_correct": sum(got == want for got, want in zip(theirs, expected)),
        "total": len(cells),
    }


def main() -> None:
    from tests.test_dates import CASES

    cells = [(cell, year) for cell, year, *_ in CASES]
    expected = [(start, end) for _, _, start, end, *_ in CASES]
    result = compare_with_dateparser(cells, expected)
    print(f"{result['total']} cells of tests/test_dates.py")
    print(f"ours:       {result['ours_us_per_cell']:8.1f} µs/cell, "
          f"{result['ours_correct']}/{result['total']} intervals right")
    print(f"dateparser: {result['dateparser_us_per_cell']:8.1f} µs/cell, "
          f"{result['dateparser_correct']}/{result['total']} intervals right")
    print(f"speed-up:   {result['speedup']:8.0f}x   (target >= 50x)")


if __name__ == "__main__":
    main()
