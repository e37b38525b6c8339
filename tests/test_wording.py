"""Russian wording: numbers agreeing with nouns, months, periods and intervals — across year ends too."""

from __future__ import annotations

import datetime as dt

import pytest

from smolplan.wording import (
    agree, count_of, genitive, interval_in_words, month_in_words, period_in_words, scope_in_words,
)


def d(text: str | None):
    return dt.date.fromisoformat(text) if text else None


@pytest.mark.parametrize("n, word, case, form", [
    (1, "мероприятие", "nomn", "мероприятие"), (2, "мероприятие", "nomn", "мероприятия"),
    (5, "мероприятие", "nomn", "мероприятий"), (11, "мероприятие", "nomn", "мероприятий"),
    (21, "мероприятие", "nomn", "мероприятие"), (112, "мероприятие", "nomn", "мероприятий"),
    (21, "мероприятие", "gent", "мероприятия"), (67, "мероприятие", "gent", "мероприятий"),
    (1, "страна", "nomn", "страна"), (3, "страна", "nomn", "страны"), (25, "страна", "nomn", "стран"),
])
def test_agreement_with_the_numeral(n, word, case, form):
    assert agree(n, word, case) == form
    assert count_of(n, word, case) == f"{n} {form}"


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
def test_scope_in_words(shown, total, expected):
    assert scope_in_words(shown, total) == expected


@pytest.mark.parametrize("phrase, expected", [
    ("Республика Беларусь", "Республики Беларусь"),
    ("Китайская Народная Республика", "Китайской Народной Республики"),
    ("Арабская Республика Египет", "Арабской Республики Египет"),
    ("Индия", "Индии"),
    # the name after the state's kind stays as written, however many words it has
    ("Республика Северная Македония", "Республики Северная Македония"),
    ("Королевство Саудовская Аравия", "Королевства Саудовская Аравия"),
    ("Республика Южный Судан", "Республики Южный Судан"),
    ("Независимое Государство Папуа — Новая Гвинея", "Независимого Государства Папуа — Новая Гвинея"),
    ("Великое Герцогство Люксембург", "Великого Герцогства Люксембург"),
    ("Содружество Доминики", "Содружества Доминики"),
    # each part of a hyphenated name keeps its capital; an abbreviation and a bracket stay as written
    ("Южно-Африканская Республика", "Южно-Африканской Республики"),
    ("Сент-Люсия", "Сент-Люсии"),
    ("Внешние малые острова США", "Внешних малых островов США"),
    ("Синт-Мартен (голландская часть)", "Синт-Мартена (голландская часть)"),
    ("Западная Сахара", "Западной Сахары"),  # the desert, not «сахар» in the plural
    ("Соединенные Штаты Америки", "Соединённых Штатов Америки"),
])
def test_genitive(phrase, expected):
    assert genitive(phrase) == expected


@pytest.mark.parametrize("start, end, precision, expected", [
    ("2026-07-06", "2026-07-09", "day", "06.07.2026–09.07.2026"),
    ("2026-09-02", "2026-09-02", "day", "02.09.2026"),
    ("2026-11-11", "2027-01-11", "day", "11.11.2026–11.01.2027"),
    ("2026-12-31", "2027-01-01", "day", "31.12.2026–01.01.2027"),
    ("2026-08-01", "2026-08-31", "month", "август 2026"),
    ("2026-04-01", "2026-09-30", "month", "апрель–сентябрь 2026"),
    ("2026-12-01", "2027-01-31", "month", "декабрь 2026 – январь 2027"),
    ("2026-10-01", "2026-12-31", "quarter", "IV квартал 2026"),
    ("2026-07-01", "2026-12-31", "quarter", "III–IV кварталы 2026"),
    ("2026-10-01", "2027-03-31", "quarter", "IV квартал 2026 – I квартал 2027"),
    ("2026-07-01", "2026-12-31", "half_year", "II полугодие 2026"),
    ("2026-01-01", "2026-12-31", "half_year", "2026 год"),
    ("2026-07-01", "2027-06-30", "half_year", "II полугодие 2026 – I полугодие 2027"),
    ("2026-01-01", "2026-12-31", "year", "2026 год"),
    ("2026-01-01", "2027-12-31", "year", "2026–2027 годы"),
    (None, None, "unknown", "дата уточняется"),
])
def test_interval_in_words(start, end, precision, expected):
    assert interval_in_words(d(start), d(end), precision) == expected


@pytest.mark.parametrize("start, end, expected", [
    ("2026-11-01", "2027-01-31", "ноябрь 2026 – январь 2027"),
    ("2026-09-01", "2026-12-31", "сентябрь–декабрь 2026"),
    ("2026-09-01", "2026-10-15", "01.09.2026–15.10.2026"),
    ("2026-09-01", None, "с 01.09.2026"),
    (None, "2026-12-31", "до 31.12.2026"),
    (None, None, ""),
])
def test_period_in_words(start, end, expected):
    assert period_in_words(d(start), d(end)) == expected


def test_month_in_words():
    assert month_in_words("2026-10") == "октябрь 2026"
    assert month_in_words("2027-01") == "январь 2027"
