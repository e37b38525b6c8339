"""Our date cells reader against the peers a user might pick: time per cell and intervals read right.

Every date cell of the tests is used: the seed's 67 (`tests/data/seed_expected.csv`) and every
parametrized table of `tests/test_dates.py` (the cell, the plan's year and, where the table has
one, the plan's period), each with its expected interval written by hand. An interval counts as
right only when both ends equal the expected ones (an unread cell is right when nothing is
expected), so a whole month read as its first day is wrong: that is the difference the comparison
is about. Each peer is asked the fairest question it can answer, with the plan's year as the base
for dates without one (the plan's period is ours alone: no peer takes one):

* dateparser — `search_dates` in Russian, a month meaning its first day; the interval is the
  earliest and latest date it finds.
* pullenti — its date analyser; the interval is the span of the outermost dates and ranges it
  finds (those no other found date or range contains).
* periodparser — `extract`; the interval is the span of the periods it finds.

The peers are benchmark-only: `pip install -r benchmarks/requirements-peers.txt`. One that is
not installed is reported as missing and left out.

`python -m benchmarks.dateparser_compare` prints the table.
"""

from __future__ import annotations

import csv
import datetime
import importlib.util
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from smolplan.dates import parse_date_cell

Interval = tuple[datetime.date | None, datetime.date | None]
Period = tuple[datetime.date, datetime.date] | None
Cell = tuple[str, int | None, Period]  # text, the plan's year, the plan's period
ROOT = Path(__file__).resolve().parent.parent


def dateparser_interval(text: str, default_year: int | None) -> Interval:
    from dateparser.search import search_dates

    settings: dict = {"PREFER_DAY_OF_MONTH": "first"}
    if default_year is not None:
        settings["RELATIVE_BASE"] = datetime.datetime(default_year, 1, 1)
    try:
        found = search_dates(text, languages=["ru"], settings=settings)
    except Exception:  # noqa: BLE001 - a cell a peer fails on counts as nothing found
        found = None
    if not found:
        return None, None
    days = [moment.date() for _, moment in found]
    return min(days), max(days)


def _pullenti_processor():
    from pullenti.morph.MorphLang import MorphLang
    from pullenti.ner.date.DateAnalyzer import DateAnalyzer
    from pullenti.ner.ProcessorService import ProcessorService

    ProcessorService.initialize(MorphLang.RU)
    DateAnalyzer.initialize()
    return ProcessorService.create_specific_processor(DateAnalyzer.ANALYZER_NAME)


def pullenti_interval(text: str, default_year: int | None, _processor=[]) -> Interval:  # noqa: B006 - one processor
    from pullenti.ner.date.DateRangeReferent import DateRangeReferent
    from pullenti.ner.SourceOfAnalysis import SourceOfAnalysis
    from pullenti.unisharp.Misc import RefOutArgWrapper

    if not _processor:
        _processor.append(_pullenti_processor())
    now = datetime.datetime(default_year, 1, 1) if default_year else datetime.datetime.now()
    try:
        entities = _processor[0].process(SourceOfAnalysis(text), None, None).entities
        inner = set()
        for entity in entities:  # a year is the `higher` of its month, a range holds its two ends
            inner.update(id(e) for e in (getattr(entity, "higher", None),) if e is not None)
            if isinstance(entity, DateRangeReferent):
                inner.update(id(e) for e in (entity.date_from, entity.date_to) if e is not None)
        days = []
        for entity in entities:
            if id(entity) in inner:
                continue
            start, end = RefOutArgWrapper(None), RefOutArgWrapper(None)
            if entity.calculate_date_range(now, start, end, 0) and start.value and end.value:
                days += [start.value.date(), end.value.date()]
    except Exception:  # noqa: BLE001
        return None, None
    return (min(days), max(days)) if days else (None, None)


def periodparser_interval(text: str, default_year: int | None) -> Interval:
    from periodparser import extract

    now = datetime.datetime(default_year, 1, 1) if default_year else None
    try:
        dates = extract(text, now).dates
    except Exception:  # noqa: BLE001
        return None, None
    days = [d for token in dates for d in (token.date_from.date(), token.date_to.date())]
    return (min(days), max(days)) if days else (None, None)


# name -> (module that must be installed, reader)
PEERS: dict[str, tuple[str, Callable[[str, int | None], Interval]]] = {
    "dateparser": ("dateparser", dateparser_interval),
    "pullenti": ("pullenti", pullenti_interval),
    "periodparser": ("periodparser", periodparser_interval),
}


def test_cells() -> tuple[list[Cell], list[Interval]]:
    """Every date cell of the tests with its hand-written interval."""
    from tests import test_dates as t

    cells: list[Cell] = []
    expected: list[Interval] = []
    with open(ROOT / "tests" / "data" / "seed_expected.csv", encoding="utf-8") as f:
        seed = {int(r["n"]): r for r in csv.DictReader(f)}
    for n, text in t._seed_date_cells():
        row = seed[n]
        cells.append((text, 2026, t.SECOND_HALF_2026))
        expected.append((row["start"] and datetime.date.fromisoformat(row["start"]) or None,
                         row["end"] and datetime.date.fromisoformat(row["end"]) or None))
    for text, year, start, end, *_ in t.CASES:
        cells.append((text, year, None))
        expected.append((start, end))
    for text, (year, period), start, end, *_ in t.PLAN_PERIOD_FORMS:
        cells.append((text, year, period))
        expected.append((start, end))
    for text, year, *_ in t.PROBLEMS:
        cells.append((text, year, None))
        expected.append((None, None))
    return cells, expected


def _time_per_cell(read, cells: list[Cell], min_seconds: float) -> tuple[float, list[Interval]]:
    """Microseconds per cell (whole passes over `cells` until `min_seconds`), and one pass's results."""
    results = [read(*cell) for cell in cells]  # warm-up: imports, language data
    passes, started = 0, time.perf_counter()
    while True:
        for cell in cells:
            read(*cell)
        passes += 1
        elapsed = time.perf_counter() - started
        if elapsed >= min_seconds:
            return elapsed / (passes * len(cells)) * 1e6, results


def _ours(text: str, default_year: int | None, period: Period) -> Interval:
    reading = parse_date_cell(text, default_year, period)
    return reading.start, reading.end


def compare(cells: list[Cell], expected: list[Interval]) -> dict[str, dict | None]:
    """{"ours" and each peer: {"us_per_cell", "correct", "total"}, or None for a peer not installed}."""
    if len(cells) != len(expected):
        raise ValueError("cells and expected differ in length")
    readers: dict[str, Callable | None] = {"ours": _ours}
    for name, (module, read) in PEERS.items():
        installed = importlib.util.find_spec(module) is not None
        readers[name] = (lambda text, year, _period, read=read: read(text, year)) if installed else None
    result: dict[str, dict | None] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the peers' deprecation chatter
        for name, read in readers.items():
            if read is None:
                result[name] = None
                continue
            us, got = _time_per_cell(read, cells, min_seconds=0.5 if name == "ours" else 0.0)
            right = sum(tuple(g) == tuple(w) for g, w in zip(got, expected))
            result[name] = {"us_per_cell": us, "correct": right, "total": len(cells)}
    return result


def print_comparison() -> None:
    cells, expected = test_cells()
    result = compare(cells, expected)
    ours = result["ours"]
    print(f"{len(cells)} date cells of the tests (the seed's 67 and every table of tests/test_dates.py)")
    print(f"{'reader':<14}{'µs/cell':>10}{'right':>12}{'ours faster':>13}")
    for name, row in result.items():
        if row is None:
            print(f"{name:<14}{'not installed: pip install -r benchmarks/requirements-peers.txt':>10}")
            continue
        speed = "" if name == "ours" else f"{row['us_per_cell'] / ours['us_per_cell']:.0f}x"
        print(f"{name:<14}{row['us_per_cell']:>10.1f}{row['correct']:>6}/{row['total']:<5}{speed:>13}")


if __name__ == "__main__":
    print_comparison()
