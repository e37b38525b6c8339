"""Filters shared by pages, exports and CLI: semantics, URL form, and the filters in words."""

from __future__ import annotations

import datetime as dt

import pytest

from smolplan.filters import (
    Filters, apply_filters, describe_filters, filters_from_query, filters_to_query, genitive, interval_in_words,
    period_in_words, scope_in_words,
)

TODAY = dt.date(2026, 9, 15)


def numbers(events) -> list[int]:
    return sorted(events["n"])


def test_period_matches_overlapping_intervals(txt_plan, expected_rows):
    # An event matches when [start, end] overlaps the period; undated ones never do.
    period = (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    got = numbers(apply_filters(txt_plan.events, Filters(start=period[0], end=period[1]), TODAY))
    want = sorted(int(r["n"]) for r in expected_rows
                  if r["start"] and r["start"] <= "2026-12-31" and r["end"] >= "2026-12-01")
    assert got == want
    assert 25 in got and 27 in got and 59 in got  # Nov–Jan, the half-year, the whole year


def test_country_location_format_combine(txt_plan):
    f = Filters(countries=("BY",), location="abroad", format="online")
    # By hand: Belarus, a venue abroad, online: № 40, 45, 47 (Витебск, Лепель; дистанционно).
    assert numbers(apply_filters(txt_plan.events, f, TODAY)) == [40, 45, 47]


def test_status_against_today(txt_plan):
    undated = apply_filters(txt_plan.events, Filters(statuses=("undated",)), TODAY)
    assert numbers(undated) == [37]
    ongoing = apply_filters(txt_plan.events, Filters(statuses=("ongoing",)), TODAY)
    assert 17 in numbers(ongoing)  # 23 июля – 20 сентября 2026
    assert all(s <= TODAY for s in ongoing["start"].dt.date)


def test_text_search_is_case_insensitive_and_yo_blind(txt_plan):
    # "Поозерье" is written "Поозерье" in № 4; searching with ё and in capitals finds it.
    assert numbers(apply_filters(txt_plan.events, Filters(text="ПООЗЁРЬЕ"), TODAY)) == [4]


def test_query_round_trip():
    f = Filters(countries=("BY", "CIS"), spheres=("спорта",), start=dt.date(2026, 9, 1), end=dt.date(2026, 12, 31),
                location="abroad", format="in_person", statuses=("upcoming",), text="форум")
    query = filters_to_query(f)
    assert query["country"] == ["BY", "CIS"] and query["from"] == "2026-09-01"
    lists = {k: v if isinstance(v, list) else [v] for k, v in query.items()}
    assert filters_from_query(lambda key: lists.get(key, [])) == f


def test_query_drops_nonsense():
    query = {"country": ["<script>", "BY"], "from": ["31.12.2026"], "where": ["moon"], "status": ["x", "past"]}
    f = filters_from_query(lambda key: query.get(key, []))
    assert f == Filters(countries=("BY",), statuses=("past",))


@pytest.mark.parametrize("phrase, expected", [
    ("Республика Беларусь", "Республики Беларусь"),
    ("Китайская Народная Республика", "Китайской Народной Республики"),
    ("Арабская Республика Египет", "Арабской Республики Египет"),
    ("Индия", "Индии"),
])
def test_genitive(phrase, expected):
    assert genitive(phrase) == expected


def test_describe_filters_as_a_chart_title():
    f = Filters(countries=("BY",), start=dt.date(2026, 9, 1), end=dt.date(2026, 12, 31))
    assert describe_filters(f) == "Мероприятия с участием Республики Беларусь, сентябрь–декабрь 2026"
    assert describe_filters(Filters()) == "Все мероприятия плана"


@pytest.mark.parametrize("start, end, precision, expected", [
    ("2026-07-06", "2026-07-09", "day", "06.07.2026–09.07.2026"),
    ("2026-08-01", "2026-08-31", "month", "август 2026"),
    ("2026-04-01", "2026-09-30", "month", "апрель–сентябрь 2026"),
    ("2026-10-01", "2026-12-31", "quarter", "IV квартал 2026"),
    ("2026-07-01", "2026-12-31", "half_year", "II полугодие 2026"),
    ("2026-01-01", "2026-12-31", "year", "2026 год"),
    (None, None, "unknown", "дата уточняется"),
])
def test_interval_in_words(start, end, precision, expected):
    to_date = lambda s: dt.date.fromisoformat(s) if s else None  # noqa: E731
    assert interval_in_words(to_date(start), to_date(end), precision) == expected


def test_period_in_words_across_years():
    assert period_in_words(dt.date(2026, 11, 1), dt.date(2027, 1, 31)) == "ноябрь 2026 – январь 2027"


@pytest.mark.parametrize("shown, total, expected", [
    (67, 67, "Показаны все 67 мероприятий плана."),
    (21, 21, "Показаны все 21 мероприятие плана."),
    (3, 3, "Показаны все 3 мероприятия плана."),
    (12, 12, "Показаны все 12 мероприятий плана."),
    (1, 1, "Показано единственное мероприятие плана."),
    (0, 0, "В плане нет мероприятий."),
    (46, 67, "Фильтры оставили **46** из 67 мероприятий плана."),
    (1, 21, "Фильтры оставили **1** из 21 мероприятия плана."),
    (0, 11, "Фильтры оставили **0** из 11 мероприятий плана."),
    (2, 101, "Фильтры оставили **2** из 101 мероприятия плана."),
])
def test_scope_in_words_agrees_with_the_numeral(shown, total, expected):
    assert scope_in_words(shown, total) == expected
