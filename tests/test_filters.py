"""The filter model: each filter's URL form, predicate and words; expected events are derived from the
hand reading of the document (tests/data/seed_expected.csv), never from the code's output."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from smolplan.filters import (
    BY_NAME, FILTERS, QUERY_KEYS, Filters, apply_filters, describe_filters, filter_rows, filters_from_query,
    filters_to_query, option_counts, place_key, toggled,
)

TODAY = dt.date(2026, 9, 15)


def numbers(events) -> list[int]:
    return sorted(int(n) for n in events["n"])


def expected(rows, test) -> list[int]:
    return sorted(int(r["n"]) for r in rows if test(r))


def listed(row, column) -> set[str]:
    return set(filter(None, row[column].split(";")))


def overlaps(row, first: str, last: str) -> bool:
    return bool(row["start"]) and row["start"] <= last and row["end"] >= first


# --- each filter keeps what the document says --------------------------------------------------------

# filter values → which hand-read rows they keep
CASES = [
    ("country BY", Filters(countries=("BY",)), lambda r: "BY" in listed(r, "partner_countries")),
    ("country KZ or UZ", Filters(countries=("KZ", "UZ")), lambda r: listed(r, "partner_countries") & {"KZ", "UZ"}),
    ("group CIS", Filters(countries=("CIS",)), lambda r: "CIS" in listed(r, "partner_countries")),
    ("sphere", Filters(spheres=("спорта",)), lambda r: r["sphere"] == "спорта"),
    ("December", Filters(start=dt.date(2026, 12, 1), end=dt.date(2026, 12, 31)),
     lambda r: overlaps(r, "2026-12-01", "2026-12-31")),
    ("from 1 Nov, open end", Filters(start=dt.date(2026, 11, 1)), lambda r: bool(r["end"]) and r["end"] >= "2026-11-01"),
    ("up to 31 Jul, open start", Filters(end=dt.date(2026, 7, 31)), lambda r: bool(r["start"]) and r["start"] <= "2026-07-31"),
    ("month clicked", Filters(months=("2026-10",)), lambda r: overlaps(r, "2026-10-01", "2026-10-31")),
    ("two months clicked", Filters(months=("2026-07", "2026-12")),
     lambda r: overlaps(r, "2026-07-01", "2026-07-31") or overlaps(r, "2026-12-01", "2026-12-31")),
    ("abroad", Filters(location="abroad"), lambda r: bool(listed(r, "venue_countries") - {"RU"})),
    ("at home", Filters(location="home"), lambda r: "RU" in listed(r, "venue_countries")),
    ("online", Filters(format="online"), lambda r: r["online"] == "1"),
    ("in person", Filters(format="in_person"), lambda r: r["online"] == "0"),
    ("undated", Filters(statuses=("undated",)), lambda r: not r["start"]),
    ("past", Filters(statuses=("past",)), lambda r: bool(r["end"]) and r["end"] < TODAY.isoformat()),
    ("upcoming", Filters(statuses=("upcoming",)), lambda r: bool(r["start"]) and r["start"] > TODAY.isoformat()),
    ("Belarus abroad online", Filters(countries=("BY",), location="abroad", format="online"),
     lambda r: "BY" in listed(r, "partner_countries") and bool(listed(r, "venue_countries") - {"RU"}) and r["online"] == "1"),
]


@pytest.mark.parametrize("filters, keep", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_filter_keeps_what_the_document_says(txt_plan, expected_rows, filters, keep):
    want = expected(expected_rows, keep)
    assert want, "the hand reading keeps no event: the case would pass whatever the filter did"
    assert numbers(apply_filters(txt_plan.events, filters, TODAY)) == want


@pytest.mark.parametrize("words, found", [
    ("ПООЗЁРЬЕ", [4]),  # written «Поозерье» in № 4: case and ё do not matter
    ("сьерра леоне", None),  # the hyphen may be left out
    ("Сьерра–Леоне", None),  # or typed as a dash
    ("  сьерра-леоне  ", None),
])
def test_text_search_is_folded(txt_plan, expected_rows, words, found):
    got = numbers(apply_filters(txt_plan.events, Filters(text=words), TODAY))
    assert got == (found or expected(expected_rows, lambda r: "SL" in listed(r, "partner_countries")))
    assert got


def test_place_filter_by_place_key(txt_plan, expected_rows):
    # Витебск in Belarus, whether the key carries coordinates or not.
    want = expected(expected_rows, lambda r: "Витебск" in listed(r, "localities"))
    assert numbers(apply_filters(txt_plan.events, Filters(places=("Витебск|BY",)), TODAY)) == want
    assert numbers(apply_filters(txt_plan.events, Filters(places=("Витебск|BY|55.19|30.2",)), TODAY)) == want
    assert place_key({"name": "Витебск", "country": "BY", "lat": 55.19, "lon": 30.2}) == "Витебск|BY"


def test_executor_filter_on_the_bodies_named():
    events = pd.DataFrame({"n": [1, 2, 3], "executor_bodies": [
        ["Министерство культуры Смоленской области"],
        ["Министерство спорта Смоленской области", "Министерство культуры Смоленской области"],
        [],
    ]})
    kept = apply_filters(events, Filters(executors=("Министерство культуры Смоленской области",)), TODAY)
    assert numbers(kept) == [1, 2]
    assert option_counts(events, Filters(), TODAY, "executors") == {
        "Министерство культуры Смоленской области": 2, "Министерство спорта Смоленской области": 1}


def test_undated_event_never_matches_a_period(txt_plan, expected_rows):
    (undated,) = expected(expected_rows, lambda r: not r["start"])
    kept = apply_filters(txt_plan.events, Filters(start=dt.date(2000, 1, 1), end=dt.date(2100, 12, 31)), TODAY)
    assert undated not in numbers(kept)


# --- a widget's counts follow the other filters ------------------------------------------------------

def test_option_counts_follow_the_other_filters(txt_plan, expected_rows):
    in_q4 = Filters(countries=("KZ",), start=dt.date(2026, 10, 1), end=dt.date(2026, 12, 31))
    counted = option_counts(txt_plan.events, in_q4, TODAY, "countries")
    # Belarus' count under the period alone: the country filter itself is left out.
    assert counted["BY"] == len(expected(expected_rows, lambda r: "BY" in listed(r, "partner_countries")
                                         and overlaps(r, "2026-10-01", "2026-12-31")))
    spheres = option_counts(txt_plan.events, in_q4, TODAY, "spheres")
    assert sum(spheres.values()) == len(expected(expected_rows, lambda r: "KZ" in listed(r, "partner_countries")
                                                 and overlaps(r, "2026-10-01", "2026-12-31")))


# --- the URL form ------------------------------------------------------------------------------------

def test_query_round_trip_of_every_filter():
    f = Filters(countries=("BY", "CIS"), spheres=("спорта",), executors=("Министерство спорта",),
                start=dt.date(2026, 9, 1), end=dt.date(2026, 12, 31), months=("2026-10",), places=("Минск|BY",),
                location="abroad", format="in_person", statuses=("upcoming",), text="форум")
    query = filters_to_query(f)
    assert query == {"country": ["BY", "CIS"], "sphere": ["спорта"], "executor": ["Министерство спорта"],
                     "from": ["2026-09-01"], "to": ["2026-12-31"], "month": ["2026-10"], "place": ["Минск|BY"],
                     "where": ["abroad"], "format": ["in_person"], "status": ["upcoming"], "q": ["форум"]}
    assert filters_from_query(lambda key: query.get(key, [])) == f
    assert set(QUERY_KEYS) == set(query)


@pytest.mark.parametrize("query, want", [
    ({"country": ["<script>", "BY"]}, Filters(countries=("BY",))),
    ({"from": ["31.12.2026"]}, Filters()),  # not ISO: dropped
    ({"from": ["1900-01-01"]}, Filters()),  # outside the dates a link may carry
    ({"from": ["2026-12-31"], "to": ["2026-07-01"]}, Filters(start=dt.date(2026, 7, 1), end=dt.date(2026, 12, 31))),
    ({"where": ["moon"], "format": ["teleport"]}, Filters()),
    ({"status": ["x", "past"]}, Filters(statuses=("past",))),
    ({"month": ["2026-13", "26-10", "2026-10"]}, Filters(months=("2026-10",))),
    ({"place": ["", "x" * 1200]}, Filters()),
    ({"q": ["a" * 500]}, Filters(text="a" * 200)),
    ({"country": ["BY", "BY"]}, Filters(countries=("BY",))),
])
def test_query_drops_nonsense(query, want):
    assert filters_from_query(lambda key: query.get(key, [])) == want


@pytest.mark.parametrize("before, name, value, after", [
    (Filters(), "countries", "BY", Filters(countries=("BY",))),
    (Filters(countries=("BY",)), "countries", "BY", Filters()),  # a second click clears
    (Filters(countries=("BY", "KZ")), "countries", "BY", Filters(countries=("BY",))),  # a click picks one
    (Filters(months=("2026-10",)), "months", "2026-11", Filters(months=("2026-11",))),
    (Filters(location="abroad"), "location", "abroad", Filters()),
])
def test_a_click_toggles_its_filter(before, name, value, after):
    assert toggled(before, (name, value)) == after


S, T = "культуры и туризма", "спорта"


@pytest.mark.parametrize("before, clicks, after", [  # a cell of the sphere × country matrix sets both
    (Filters(), [("spheres", S), ("countries", "BY")], Filters(spheres=(S,), countries=("BY",))),
    (Filters(spheres=(S,), countries=("BY",)), [("spheres", S), ("countries", "BY")], Filters()),  # the same cell
    # another country in the same sphere: the sphere stays, the country changes (not one of them cleared)
    (Filters(spheres=(S,), countries=("BY",)), [("spheres", S), ("countries", "KZ")],
     Filters(spheres=(S,), countries=("KZ",))),
    (Filters(spheres=(S,), countries=("BY",)), [("spheres", T), ("countries", "BY")],
     Filters(spheres=(T,), countries=("BY",))),
])
def test_a_click_on_a_matrix_cell_sets_its_sphere_and_country_together(before, clicks, after):
    assert toggled(before, *clicks) == after


# --- the filters in words ----------------------------------------------------------------------------

@pytest.mark.parametrize("filters, title", [
    (Filters(), "Все мероприятия плана"),
    (Filters(countries=("BY",), start=dt.date(2026, 9, 1), end=dt.date(2026, 12, 31)),
     "Мероприятия с участием Республики Беларусь, сентябрь–декабрь 2026"),
    (Filters(countries=("KZ", "UZ")), "Мероприятия с участием Республики Казахстан, Республики Узбекистан"),
    (Filters(spheres=("спорта",), location="abroad"), "Мероприятия, сфера: спорта, за рубежом"),
    (Filters(months=("2026-10",), format="online"), "Мероприятия, месяц: октябрь 2026, дистанционно"),
    (Filters(places=("Минск|BY",)), "Мероприятия, место: Минск (Беларусь)"),
    (Filters(executors=("Министерство спорта",)), "Мероприятия, исполнитель: Министерство спорта"),
    (Filters(start=dt.date(2026, 11, 1), end=dt.date(2027, 1, 31)), "Мероприятия, ноябрь 2026 – январь 2027"),
    (Filters(text=" форум "), "Мероприятия, поиск: «форум»"),
])
def test_describe_filters_as_a_title(filters, title):
    assert describe_filters(filters) == title


def test_filter_rows_name_every_filter_once():
    rows = filter_rows(Filters(countries=("BY",), statuses=("past", "undated")))
    assert [label for label, _ in rows] == [f.label for f in FILTERS]
    assert dict(rows)["Страны-партнёры"] == "Беларусь"
    assert dict(rows)["Статус на сегодня"] == "прошедшие, без даты"
    assert dict(rows)["Сферы"] == "—"


# --- the period box ----------------------------------------------------------------------------------

TYPED_PERIODS = [  # (typed in a plan for the II half of 2026, first day, last day)
    ("IV квартал", "2026-10-01", "2026-12-31"),
    ("октябрь–декабрь 2026", "2026-10-01", "2026-12-31"),
    ("с 1 октября по 31 декабря", "2026-10-01", "2026-12-31"),
    ("01.10.2026 – 31.12.2026", "2026-10-01", "2026-12-31"),
    ("август", "2026-08-01", "2026-08-31"),
    ("II полугодие", "2026-07-01", "2026-12-31"),
]


@pytest.mark.parametrize("typed, start, end", TYPED_PERIODS)
def test_period_typed_as_officials_write_it(typed, start, end):
    assert BY_NAME["period"].read(typed, 2026) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))


def test_period_not_understood_is_said_in_russian():
    said = BY_NAME["period"].read("на днях", 2026)
    assert isinstance(said, str) and "«на днях» не понят" in said
    assert BY_NAME["period"].read("  ", 2026) == (None, None)


def test_period_presets_of_a_half_year_plan():
    presets = BY_NAME["period"].presets(dt.date(2026, 7, 1), dt.date(2026, 12, 31))
    assert [words for words, _, _ in presets] == [
        "весь план", "III квартал 2026", "IV квартал 2026", "июль 2026", "август 2026", "сентябрь 2026",
        "октябрь 2026", "ноябрь 2026", "декабрь 2026"]
    assert presets[2][1:] == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))


def test_every_filter_has_its_own_url_key():
    keys = [f.key for f in FILTERS]
    assert len(keys) == len(set(keys))
    assert len(set(QUERY_KEYS)) == len(QUERY_KEYS)


def test_a_map_marker_of_coinciding_places_keeps_the_events_of_each(txt_plan, expected_rows):
    marker = "Витебск|BY|55.19000|30.20000;Орша|BY|54.50000|30.40000"  # keys as the map gives them
    want = expected(expected_rows, lambda r: {"Витебск", "Орша"} & set(r["localities"].split(";")))
    assert numbers(apply_filters(txt_plan.events, Filters(places=(marker,)), TODAY)) == want
    assert BY_NAME["places"].option_words(marker) == "Витебск (Беларусь), Орша (Беларусь)"


@pytest.mark.parametrize("key, words", [
    ("Беларусь|BY", "Беларусь"),  # a country named alone: not «Беларусь (Беларусь)»
    ("Смоленск|RU", "Смоленск"),
    ("Лепель|BY", "Лепель (Беларусь)"),
])
def test_a_place_is_named_once_with_its_country(key, words):
    assert BY_NAME["places"].option_words(key) == words
