"""Loader benchmark: load times of the seed and of generated plans, and dates against dateparser.

Generated plans are made from the seed's own cells, with dates, venues and numbers varied
so that the loader meets many distinct cells, as it would in a real plan a hundred times larger.
"""

from __future__ import annotations

import random
import time
import resource

from smolplan import BUNDLED_PLAN, load_plan
from smolplan.reading import FIELD_TITLES_RU

SEED_TXT = BUNDLED_PLAN.parent / "plan_2026_h2.txt"
MONTHS_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
              "октября", "ноября", "декабря"]
MONTHS_NOM = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
              "октябрь", "ноябрь", "декабрь"]
EXTRA_VENUES = [
    "г. Гомель, Республика Беларусь", "г. Брест, Республика Беларусь", "г. Астана, Республика Казахстан",
    "г. Самарканд, Республика Узбекистан", "г. Вязьма, Смоленская область", "г. Ярцево, Смоленская область",
    "г. Гагарин, Смоленская область", "г. Москва", "г. Казань, Республика Татарстан", "г. Пекин, КНР",
    "г. Нью-Дели, Республика Индия", "г. Каир, Арабская Республика Египет", "г. Бишкек, Киргизская Республика",
]


def random_date_cell(rng: random.Random, year: int) -> str:
    kind = rng.randrange(6)
    month = rng.randrange(12)
    if kind == 0:
        day = rng.randint(1, 25)
        return f"{day}-{day + rng.randint(1, 3)} {MONTHS_GEN[month]} {year} года"
    if kind == 1:
        return f"{MONTHS_NOM[month]} {year} года"
    if kind == 2:
        return f"{rng.randint(1, 28)} {MONTHS_GEN[month]} – {rng.randint(1, 28)} {MONTHS_GEN[(month + 1) % 12]} {year + (month == 11)} года"
    if kind == 3:
        return f"{['I', 'II', 'III', 'IV'][month // 3]} квартал {year} года"
    if kind == 4:
        return f"{rng.randint(1, 28):02d}.{month + 1:02d}.{year}"
    return f"{MONTHS_NOM[month]} – {MONTHS_NOM[max(month, min(11, month + 2))]} {year} года (по согласованию сторон)"


def generated_plan_text(events: int, seed: int = 1) -> str:
    """A .txt export with `events` events, built from the seed's cells with varied dates and venues."""
    plan = load_plan(SEED_TXT)
    rng = random.Random(seed)
    seed_events = plan.events.to_dict("records")
    venues = list(dict.fromkeys(plan.events["venue"])) + EXTRA_VENUES
    lines = [plan.title, ""] + ["\t" + FIELD_TITLES_RU[f] for f in FIELD_TITLES_RU]
    spheres = list(dict.fromkeys(plan.events["sphere"]))
    per_sphere = max(1, events // len(spheres))
    for i in range(events):
        if i % per_sphere == 0:
            lines += ["", "\tВ сфере " + spheres[(i // per_sphere) % len(spheres)], ""]
        event = seed_events[rng.randrange(len(seed_events))]
        lines += [
            f"\t{i + 1}. ",
            f"\t{event['title']} ({i + 1})",
            "\t" + rng.choice(venues),
            "\t" + random_date_cell(rng, 2026),
            "\t" + event["description"],
            "\t" + event["goal"],
            "\t" + event["participants"],
        ]
    return "\n".join(lines) + "\n"


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def bench_loader(sizes: list[int]) -> None:
    print("== Loader ==")
    started = time.perf_counter()
    load_plan(SEED_TXT)  # warms the interpreter: gazetteer, morphology dictionary
    print(f"first load (cold: gazetteer + morphology): {time.perf_counter() - started:.3f} s")
    for path in (BUNDLED_PLAN, SEED_TXT):
        seconds = best_of(lambda: load_plan(path), 5)
        print(f"seed {path.suffix:5} (67 events, warm): {seconds:.3f} s   target < 0.2 s")
    for size in sizes:
        data = generated_plan_text(size, seed=size).encode()
        from smolplan.names import nominative_forms, is_toponym

        nominative_forms.cache_clear()
        is_toponym.cache_clear()
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        plan = load_plan(data, name=f"generated_{size}.txt")
        seconds = time.perf_counter() - started
        peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) * 1024
        print(
            f"generated {size:6} events: {seconds:.2f} s, {seconds / size * 1e6:.0f} µs/event, "
            f"peak RSS growth {peak / 1048576:.0f} MB, rows {len(plan.events)}, problems {len(plan.report)}"
            + ("   target < 5 s" if size == 10_000 else "")
        )


def bench_dates() -> None:
    print("== Dates: ours vs dateparser, pullenti, periodparser ==")
    from benchmarks.dateparser_compare import print_comparison

    print_comparison()
