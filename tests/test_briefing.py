"""The words of a briefing: its period, its subject, and the columns a table can say once."""

from __future__ import annotations

import datetime as dt

import pytest

from smolplan.briefing import events_table, subject
from smolplan.wording import period_phrase
from smolplan.filters import Filters

D = dt.date


@pytest.mark.parametrize("start, end, prepositional, nominative", [
    (D(2026, 10, 1), D(2026, 12, 31), "в IV квартале 2026 года", "IV квартал 2026 года"),
    (D(2026, 1, 1), D(2026, 3, 31), "в I квартале 2026 года", "I квартал 2026 года"),
    (D(2026, 7, 1), D(2026, 12, 31), "во II полугодии 2026 года", "II полугодие 2026 года"),
    (D(2027, 1, 1), D(2027, 12, 31), "в 2027 году", "2027 год"),
    (D(2026, 10, 1), D(2026, 10, 31), "в октябре 2026 года", "октябрь 2026 года"),
    (D(2026, 9, 1), D(2026, 12, 31), "в период с сентября по декабрь 2026 года", "сентябрь–декабрь 2026 года"),
    (D(2026, 2, 1), D(2026, 4, 30), "в период с февраля по апрель 2026 года", "февраль–апрель 2026 года"),
    (D(2026, 10, 5), D(2026, 11, 20), "в период с 5 октября по 20 ноября 2026 года", "05.10.2026–20.11.2026"),
    (D(2026, 12, 1), D(2027, 2, 28), "в период с 1 декабря 2026 года по 28 февраля 2027 года",
     "01.12.2026–28.02.2027"),
    (None, D(2026, 12, 31), "по 31 декабря 2026 года", "по 31 декабря 2026 года"),
    (D(2026, 9, 1), None, "с 1 сентября 2026 года", "с 1 сентября 2026 года"),
    (None, None, "", ""),
])
def test_period_in_words(start, end, prepositional, nominative):
    assert period_phrase(start, end) == prepositional
    assert period_phrase(start, end, case="nomn") == nominative


@pytest.mark.parametrize("filters, expected", [
    (Filters(), "о международных мероприятиях"),
    (Filters(countries=("BY",), start=D(2026, 10, 1), end=D(2026, 12, 31)),
     "о международных мероприятиях с участием Республики Беларусь в IV квартале 2026 года"),
    (Filters(countries=("BY", "KZ")),
     "о международных мероприятиях с участием Республики Беларусь, Республики Казахстан"),
    (Filters(countries=("CN",), spheres=("спорта",), location="abroad"),
     "о международных мероприятиях с участием Китайской Народной Республики в сфере спорта за рубежом"),
    (Filters(spheres=("спорта", "образования и науки"), format="online", start=D(2026, 11, 1), end=D(2026, 11, 30)),
     "о международных мероприятиях в сферах спорта, образования и науки в дистанционном формате в ноябре 2026 года"),
])
def test_subject_after_spravka(filters, expected):
    assert subject(filters) == expected


def _event(n, partners, dates="май 2027 г."):
    return {"n": n, "title": f"Мероприятие {n}", "dates": dates, "venue": "г. Смоленск", "partner_countries": partners,
            "start": None, "end": None, "precision": "month", "executors": ""}


def test_a_column_the_same_in_every_row_is_said_once():
    import pandas as pd

    same = events_table(pd.DataFrame([_event(1, ["BY"]), _event(2, ["BY"], "июнь 2027 г.")]), executors=False)
    assert same.titles == ["№ п/п", "Наименование мероприятия", "Сроки"]
    assert same.note == "Место проведения во всех мероприятиях: г. Смоленск; Страны-партнёры во всех мероприятиях: Беларусь"
    mixed = events_table(pd.DataFrame([_event(1, ["BY"]), _event(2, ["KZ"], "июнь 2027 г.")]), executors=False)
    assert mixed.titles[-1] == "Страны-партнёры" and [r[-1] for r in mixed.rows] == ["Беларусь", "Казахстан"]
    one = events_table(pd.DataFrame([_event(1, ["BY"])]), executors=False)
    assert len(one.titles) == 5 and one.note == ""  # one row: nothing is "the same in every row"
