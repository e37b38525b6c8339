"""Hostile cells through the date, place and country readers: seconds per cell at two sizes.

Each reader must be linear in its input (issue 11): doubling a cell should roughly double its
time, never square it. The same inputs are correctness cases in tests/test_dates.py,
tests/test_places.py and tests/test_countries.py (not timed there).

`python -m benchmarks.hostile_cells` prints the table.
"""

from __future__ import annotations

import time

from smolplan.countries import countries_named, goal_partners, partner_countries, unknown_state_names
from smolplan.dates import parse_date_cell, plan_period_from_title
from smolplan.places import is_known_place, place_venue, towns_by_adjective

# name -> (reader, cell of size n)
CASES = {
    "dates: nested brackets": (lambda t: parse_date_cell(t, 2026), lambda n: "август 2026 " + "(" * n + "x" + ")" * n),
    "dates: unclosed brackets": (lambda t: parse_date_cell(t, 2026), lambda n: "(" * n + "октябрь 2026"),
    "dates: run of dashes": (lambda t: parse_date_cell(t, 2026), lambda n: "ноябрь 2026 " + "- " * n),
    "dates: repeated word": (lambda t: parse_date_cell(t, 2026), lambda n: "ежемесячно " * n),
    "dates: list of days": (lambda t: parse_date_cell(t, 2026), lambda n: "12 марта, " * n),
    "title: repeated dates": (plan_period_from_title, lambda n: "утверждён 12 марта 2026 г. " * n),
    "states: «Государства» repeated": (lambda t: unknown_state_names(t, is_known_place), lambda n: "Государства " * n),
    "countries: name repeated": (countries_named, lambda n: "Беларусь, " * n),
    "countries: adjectives": (countries_named, lambda n: "Китайская Народная Республика, белорусские партнёры; " * (n // 4)),
    "places: country repeated": (place_venue, lambda n: "Республика Беларусь; " * n),
    "places: district repeated": (place_venue, lambda n: "Смоленский район, " * n),
    "places: unknown village": (place_venue, lambda n: "д. Небывалово " * n),
    "places: nested quotes": (place_venue, lambda n: "«" * n + "г. Минск" + "»" * n),
    "places: town adjectives": (towns_by_adjective, lambda n: "Витебского государственного университета " * n),
    "partners: «иностранные» repeated": (lambda t: partner_countries(["", "", "", t], [], t), lambda n: "иностранные " * n),
    "partners: goal «России и Беларуси» repeated": (goal_partners, lambda n: "связи России и Беларуси, " * n),
}
SIZES = (5_000, 10_000)


def bench_hostile_cells() -> None:
    place_venue("г. Смоленск")  # loads the gazetteer and the dictionary once, outside the timings
    print(f"{'hostile cell':<36}" + "".join(f"{f'n={n:,}':>12}" for n in SIZES) + f"{'ratio':>8}")
    for name, (read, make) in CASES.items():
        seconds = []
        for n in SIZES:
            text = make(n)
            started = time.perf_counter()
            read(text)
            seconds.append(time.perf_counter() - started)
        print(f"{name:<36}" + "".join(f"{s:>11.3f}s" for s in seconds) + f"{seconds[-1] / max(seconds[0], 1e-9):>8.1f}")


if __name__ == "__main__":
    bench_hostile_cells()
