"""Russian date cells -> interval + precision (smolplan.dates).

The tables are written by hand: the cell as it appears (line breaks, odd spaces and dashes kept),
the plan's year the loader would pass, and the expected (start, end, precision, note).
"""

from __future__ import annotations

import csv
import re
from datetime import date as D
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smolplan import dates
from smolplan.dates import MONTHS_GENITIVE, PRECISIONS, DateReading, parse_date_cell, plan_period_from_title

ROOT = Path(__file__).resolve().parent.parent
SEED_TXT = ROOT / "data" / "plan_2026_h2.txt"
SEED_EXPECTED = Path(__file__).resolve().parent / "data" / "seed_expected.csv"

# (cell, default_year, start, end, precision, note)
SEED_FORMS = [  # every distinct form of the bundled plan (II полугодие 2026), verbatim
    ("август \n2026 года", 2026, D(2026, 8, 1), D(2026, 8, 31), "month", ""),
    ("октябрь\n2026 года\n ", 2026, D(2026, 10, 1), D(2026, 10, 31), "month", ""),
    ("2-4 сентября\n2026 года", 2026, D(2026, 9, 2), D(2026, 9, 4), "day", ""),
    ("6-9 июля \n2026 года", 2026, D(2026, 7, 6), D(2026, 7, 9), "day", ""),
    ("22-24 октября 2026 года", 2026, D(2026, 10, 22), D(2026, 10, 24), "day", ""),
    ("18-26 сентября\n2026 года\n ", 2026, D(2026, 9, 18), D(2026, 9, 26), "day", ""),
    ("1-30 сентября\n2026 года", 2026, D(2026, 9, 1), D(2026, 9, 30), "day", ""),
    ("1-10 декабря\n2026 года", 2026, D(2026, 12, 1), D(2026, 12, 10), "day", ""),
    ("4 июля\n2026 года", 2026, D(2026, 7, 4), D(2026, 7, 4), "day", ""),
    ("1 августа\n2026 года", 2026, D(2026, 8, 1), D(2026, 8, 1), "day", ""),
    ("30 сентября – 2\xa0октября 2026 года", 2026, D(2026, 9, 30), D(2026, 10, 2), "day", ""),
    ("17 июня –\n19 июля\n2026 года", 2026, D(2026, 6, 17), D(2026, 7, 19), "day", ""),
    ("23 июля – \n20 сентября\n2026 года", 2026, D(2026, 7, 23), D(2026, 9, 20), "day", ""),
    ("16 ноября – \n7 декабря\n2026 года", 2026, D(2026, 11, 16), D(2026, 12, 7), "day", ""),
    ("10 сентября -30 октября\n2026 года", 2026, D(2026, 9, 10), D(2026, 10, 30), "day", ""),
    ("20 ноября-           20 декабря\n2026 года", 2026, D(2026, 11, 20), D(2026, 12, 20), "day", ""),
    ("11 ноября 2026 года –\n11 января 2027 года", 2026, D(2026, 11, 11), D(2027, 1, 11), "day", ""),
    ("IV квартал 2026 года", 2026, D(2026, 10, 1), D(2026, 12, 31), "quarter", ""),
    ("в течение                 II полугодия 2026 года", 2026, D(2026, 7, 1), D(2026, 12, 31), "half_year", ""),
    ("Дата проведения уточняется", 2026, None, None, "unknown", ""),
    ("сентябрь\n2026 года \n(по согласованию сторон)", 2026, D(2026, 9, 1), D(2026, 9, 30), "month",
     "по согласованию сторон"),
    ("апрель - сентябрь \n2026 года", 2026, D(2026, 4, 1), D(2026, 9, 30), "month", ""),
    ("сентябрь – декабрь\n2026 года", 2026, D(2026, 9, 1), D(2026, 12, 31), "month", ""),
    ("каждый месяц на протяжении \n2026 года", 2026, D(2026, 1, 1), D(2026, 12, 31), "year", "каждый месяц"),
]

BRIEF_FORMS = [  # the forms the mission and the next plans name, year in the cell or from the title
    ("6-9 июля 2026 года", None, D(2026, 7, 6), D(2026, 7, 9), "day", ""),
    ("август 2026 года", None, D(2026, 8, 1), D(2026, 8, 31), "month", ""),
    ("сентябрь 2026 года (по согласованию сторон)", None, D(2026, 9, 1), D(2026, 9, 30), "month",
     "по согласованию сторон"),
    ("с 12 по 15 марта 2027 г.", None, D(2027, 3, 12), D(2027, 3, 15), "day", ""),
    ("12.03.2027", None, D(2027, 3, 12), D(2027, 3, 12), "day", ""),
    ("12.03.27", None, D(2027, 3, 12), D(2027, 3, 12), "day", ""),
    ("12–15.03.2027", None, D(2027, 3, 12), D(2027, 3, 15), "day", ""),
    ("12.03–15.04.2027", None, D(2027, 3, 12), D(2027, 4, 15), "day", ""),
    ("12.03.2027 – 15.04.2027", None, D(2027, 3, 12), D(2027, 4, 15), "day", ""),
    ("12 марта 2027 г.", None, D(2027, 3, 12), D(2027, 3, 12), "day", ""),
    ("12 марта", 2027, D(2027, 3, 12), D(2027, 3, 12), "day", ""),
    ("март", 2027, D(2027, 3, 1), D(2027, 3, 31), "month", ""),
    ("июнь", 2027, D(2027, 6, 1), D(2027, 6, 30), "month", ""),
    ("март–апрель 2027 года", None, D(2027, 3, 1), D(2027, 4, 30), "month", ""),
    ("ноябрь 2026 – январь 2027", None, D(2026, 11, 1), D(2027, 1, 31), "month", ""),
    ("декабрь – январь 2027 года", None, D(2026, 12, 1), D(2027, 1, 31), "month", ""),
    ("25 декабря – 10 января 2027 г.", None, D(2026, 12, 25), D(2027, 1, 10), "day", ""),
    ("I квартал 2027 года", None, D(2027, 1, 1), D(2027, 3, 31), "quarter", ""),
    ("4 квартал", 2027, D(2027, 10, 1), D(2027, 12, 31), "quarter", ""),
    ("III–IV кварталы 2026", None, D(2026, 7, 1), D(2026, 12, 31), "quarter", ""),
    ("III–IV кварталы", 2027, D(2027, 7, 1), D(2027, 12, 31), "quarter", ""),
    ("первое полугодие 2027 г.", None, D(2027, 1, 1), D(2027, 6, 30), "half_year", ""),
    ("1 полугодие", 2027, D(2027, 1, 1), D(2027, 6, 30), "half_year", ""),
    ("в течение 2027 года", None, D(2027, 1, 1), D(2027, 12, 31), "year", ""),
    ("в течение года", 2027, D(2027, 1, 1), D(2027, 12, 31), "year", ""),
    ("2027 год", None, D(2027, 1, 1), D(2027, 12, 31), "year", ""),
    ("ежемесячно", 2027, D(2027, 1, 1), D(2027, 12, 31), "year", "ежемесячно"),
    ("ежеквартально", 2027, D(2027, 1, 1), D(2027, 12, 31), "year", "ежеквартально"),
    # A decade is days the calendar defines (1–10, 11–20, 21–last): stated to the day.
    ("1 декада сентября", 2027, D(2027, 9, 1), D(2027, 9, 10), "day", ""),
    ("2 декада сентября", 2027, D(2027, 9, 11), D(2027, 9, 20), "day", ""),
    ("3 декада сентября", 2027, D(2027, 9, 21), D(2027, 9, 30), "day", ""),
    ("3 декада февраля", 2028, D(2028, 2, 21), D(2028, 2, 29), "day", ""),
    # "начало", "середина", "конец" name no days: the whole month, the words as the note.
    ("начало ноября", 2026, D(2026, 11, 1), D(2026, 11, 30), "month", "начало ноября"),
    ("середина ноября", 2026, D(2026, 11, 1), D(2026, 11, 30), "month", "середина ноября"),
    ("конец ноября", 2026, D(2026, 11, 1), D(2026, 11, 30), "month", "конец ноября"),
    ("февраль (дата уточняется)", 2027, D(2027, 2, 1), D(2027, 2, 28), "month", "дата уточняется"),
    ("по отдельному графику", 2027, D(2027, 1, 1), D(2027, 12, 31), "year", "по отдельному графику"),
    ("по согласованию", 2027, None, None, "unknown", "по согласованию"),
]

MORE_FORMS = [  # what the same grammar reads besides: case forms, abbreviations, mixed ranges, lists
    ("в мае 2027 года", None, D(2027, 5, 1), D(2027, 5, 31), "month", ""),
    ("в январе", 2027, D(2027, 1, 1), D(2027, 1, 31), "month", ""),
    ("сент. 2026 г.", None, D(2026, 9, 1), D(2026, 9, 30), "month", ""),
    ("ИЮЛЬ 2026 ГОДА", None, D(2026, 7, 1), D(2026, 7, 31), "month", ""),
    ("12 сентября 2026г.", None, D(2026, 9, 12), D(2026, 9, 12), "day", ""),
    ("2027-03-12", None, D(2027, 3, 12), D(2027, 3, 12), "day", ""),
    ("10.09.2026-30.10.2026", None, D(2026, 9, 10), D(2026, 10, 30), "day", ""),
    ("С 1 по 5 июня", 2026, D(2026, 6, 1), D(2026, 6, 5), "day", ""),
    ("c 1 до 5 июня", 2026, D(2026, 6, 1), D(2026, 6, 5), "day", ""),  # Latin "c"
    ("12 марта 2027 – 15 апреля", None, D(2027, 3, 12), D(2027, 4, 15), "day", ""),
    ("ноябрь 2026 – январь", None, D(2026, 11, 1), D(2027, 1, 31), "month", ""),
    ("декабрь – январь", 2026, D(2026, 12, 1), D(2027, 1, 31), "month", ""),
    ("сентябрь – 15 октября 2026 г.", None, D(2026, 9, 1), D(2026, 10, 15), "month", ""),
    ("5 и 6 октября 2026 г.", None, D(2026, 10, 5), D(2026, 10, 6), "day", ""),
    ("июль, август 2026", None, D(2026, 7, 1), D(2026, 8, 31), "month", ""),
    ("1-я декада сентября", 2027, D(2027, 9, 1), D(2027, 9, 10), "day", ""),
    ("первая декада сентября", 2027, D(2027, 9, 1), D(2027, 9, 10), "day", ""),
    ("1–2 декады марта", 2027, D(2027, 3, 1), D(2027, 3, 20), "day", ""),
    ("во второй половине октября", 2026, D(2026, 10, 16), D(2026, 10, 31), "day", ""),
    ("в первой половине февраля 2028 г.", None, D(2028, 2, 1), D(2028, 2, 15), "day", ""),
    ("в конце ноября – начале декабря", 2026, D(2026, 11, 1), D(2026, 12, 31), "month",
     "конец ноября – начало декабря"),
    ("конец сентября – начало октября 2027 г.", None, D(2027, 9, 1), D(2027, 10, 31), "month",
     "конец сентября – начало октября"),
    ("середина октября", 2027, D(2027, 10, 1), D(2027, 10, 31), "month", "середина октября"),
    ("в середине октября 2027 года (по согласованию сторон)", None, D(2027, 10, 1), D(2027, 10, 31), "month",
     "по согласованию сторон; середина октября"),
    ("начало декабря 2026 – конец января", None, D(2026, 12, 1), D(2027, 1, 31), "month",
     "начало декабря – конец января"),
    ("конец октября – 5 ноября 2027", None, D(2027, 10, 1), D(2027, 11, 5), "month", "конец октября"),
    ("в IV квартале 2026 г.", None, D(2026, 10, 1), D(2026, 12, 31), "quarter", ""),
    ("четвертый квартал 2026 года", None, D(2026, 10, 1), D(2026, 12, 31), "quarter", ""),
    ("II–III кв. 2027 г.", None, D(2027, 4, 1), D(2027, 9, 30), "quarter", ""),
    ("IV квартал 2026 – I квартал 2027", None, D(2026, 10, 1), D(2027, 3, 31), "quarter", ""),
    ("во втором полугодии 2026 г.", None, D(2026, 7, 1), D(2026, 12, 31), "half_year", ""),
    ("2-е полугодие", 2026, D(2026, 7, 1), D(2026, 12, 31), "half_year", ""),
    ("1-е полугодие 2027 года", None, D(2027, 1, 1), D(2027, 6, 30), "half_year", ""),
    ("2026–2027 гг.", None, D(2026, 1, 1), D(2027, 12, 31), "year", ""),
    ("в течение всего 2027 года", None, D(2027, 1, 1), D(2027, 12, 31), "year", ""),
    ("ежемесячно в течение II полугодия 2026 года", None, D(2026, 7, 1), D(2026, 12, 31), "half_year", "ежемесячно"),
    ("сентябрь 2026 года по согласованию сторон", None, D(2026, 9, 1), D(2026, 9, 30), "month",
     "по согласованию сторон"),
    ("август 2026 года (ориентировочно)\n(по  согласованию\nсторон)", None, D(2026, 8, 1), D(2026, 8, 31), "month",
     "ориентировочно; по согласованию сторон"),
    ("октябрь 2026 г. (по согласованию сторон", None, D(2026, 10, 1), D(2026, 10, 31), "month",
     "по согласованию сторон"),  # unclosed bracket
    ("Сроки проведения уточняются", 2026, None, None, "unknown", ""),
    ("(по согласованию сторон)", 2026, None, None, "unknown", "по согласованию сторон"),
    ("Дата проведения уточняется (по согласованию сторон)", 2026, None, None, "unknown", "по согласованию сторон"),
    # Separate dates in a list: the interval covers them and the note says the days between are not meant;
    # dates that follow on ("2, 3 и 4 сентября", "сентябрь, октябрь") are one stretch and need no note.
    ("12 апреля, 15 октября", 2027, D(2027, 4, 12), D(2027, 10, 15), "day",
     "несколько отдельных сроков: показан охватывающий их период"),
    ("май, сентябрь", 2027, D(2027, 5, 1), D(2027, 9, 30), "month",
     "несколько отдельных сроков: показан охватывающий их период"),
    ("15 июля и 20 августа 2026 года", None, D(2026, 7, 15), D(2026, 8, 20), "day",
     "несколько отдельных сроков: показан охватывающий их период"),
    ("2, 3 и 4 сентября 2026", None, D(2026, 9, 2), D(2026, 9, 4), "day", ""),
    ("сентябрь, октябрь 2026 года", None, D(2026, 9, 1), D(2026, 10, 31), "month", ""),
]

CASES = SEED_FORMS + BRIEF_FORMS + MORE_FORMS


@pytest.mark.parametrize(("cell", "default_year", "start", "end", "precision", "note"), CASES)
def test_reads_cell(cell, default_year, start, end, precision, note):
    reading = parse_date_cell(cell, default_year=default_year)
    assert reading == DateReading(start, end, precision, note, None)


@pytest.mark.parametrize(("cell", "default_year", "start", "end", "precision", "note"),
                         [c for c in CASES if re.search(r"\d{4}", c[0])])
def test_a_year_in_the_cell_needs_no_default(cell, default_year, start, end, precision, note):
    assert parse_date_cell(cell, default_year=1999) == parse_date_cell(cell)


# (cell, default_year, words the problem must contain)
PROBLEMS = [
    ("абракадабра", 2027, ["абракадабра"]),
    ("август 20266 года", 2027, ["20266"]),
    ("Сроки: август 2026", 2027, ["Сроки"]),
    ("31 июня 2026", None, ["нет такой даты", "31 июня 2026"]),
    ("30 февраля", 2027, ["нет такой даты", "30 февраля"]),
    ("30 февраля", None, ["нет такой даты", "30 февраля"]),
    ("29 февраля 2027 г.", None, ["нет такой даты", "29 февраля 2027"]),
    ("31.04.2027", None, ["нет такой даты", "31 апреля"]),
    ("12.13.2027", None, ["нет такого месяца", "13"]),
    ("V квартал 2026", None, ["нет такого квартала", "V квартал"]),
    ("3 полугодие 2026 года", None, ["нет такого полугодия"]),
    ("4 декада мая", 2026, ["нет такой декады"]),
    ("12 марта", None, ["не указан год"]),
    ("март", None, ["не указан год"]),
    ("IV квартал", None, ["не указан год"]),
    ("ежемесячно", None, ["не указан год"]),
    ("15–12 марта 2027", None, ["позже"]),
    ("ноябрь 2027 – январь 2027", None, ["позже"]),
    ("", 2026, ["не указаны"]),
    (" \n\xa0 ", 2026, ["не указаны"]),
    ("–", 2026, ["не указаны"]),
    ("12", 2027, ["12"]),
    ("по 15 марта", 2027, ["пустая часть"]),
    # Outside the sane window (1990–2100) or longer than five years: reported, never drawn.
    ("1850 год", None, ["1850"]),
    ("1900 - 2199 годы", None, ["1900", "1990–2100"]),
    ("1989 год", None, ["1989"]),
    ("2101 год", None, ["2101"]),
    ("12.03.1985", None, ["1985"]),
    ("2026–2035 годы", None, ["2026–2035", "длиннее 5 лет"]),
    ("01.01.2026 – 31.12.2031", None, ["длиннее 5 лет"]),
    ("IV квартал 2026 – I квартал 2032", None, ["длиннее 5 лет"]),
    ("2027 12 марта", None, ["не разобраны"]),
]


@pytest.mark.parametrize(("cell", "default_year", "words"), PROBLEMS)
def test_reports_what_it_cannot_read(cell, default_year, words):
    reading = parse_date_cell(cell, default_year=default_year)
    assert (reading.start, reading.end, reading.precision) == (None, None, "unknown")
    assert reading.problem, reading
    for word in words:
        assert word in reading.problem


def test_a_problem_keeps_the_note():
    reading = parse_date_cell("31 июня 2026 (по согласованию сторон)")
    assert reading.problem and reading.note == "по согласованию сторон"


def test_an_open_date_is_read_without_problem():
    for cell in ("Дата проведения уточняется", "по согласованию", "по отдельному графику", "дата уточняется"):
        reading = parse_date_cell(cell)
        assert reading.precision == "unknown" and reading.problem is None, cell


def test_odd_inputs_do_not_raise():
    for value in (None, 2026, b"\xd0", ["март"]):
        reading = parse_date_cell(value, default_year=2026)  # type: ignore[arg-type]
        assert isinstance(reading, DateReading)
    assert parse_date_cell("март", default_year=10**9).problem  # an impossible year counts as none
    assert parse_date_cell("март", default_year="2027").start == D(2027, 3, 1)  # type: ignore[arg-type]


TITLES = [
    ("План международных мероприятий исполнительных органов \nСмоленской области и подведомственных им "
     "учреждений на II полугодие 2026 года", (2026, D(2026, 7, 1), D(2026, 12, 31))),
    ("План международных мероприятий на 2027 год", (2027, D(2027, 1, 1), D(2027, 12, 31))),
    ("План международных мероприятий на I квартал 2027 г.", (2027, D(2027, 1, 1), D(2027, 3, 31))),
    ("План на первое полугодие 2027 года", (2027, D(2027, 1, 1), D(2027, 6, 30))),
    ("План на 1-е\xa0полугодие 2027 г.", (2027, D(2027, 1, 1), D(2027, 6, 30))),
    ("План на 2026–2027 годы", (2026, D(2026, 1, 1), D(2027, 12, 31))),
    ("План на 2027 год (утверждён 15 декабря 2026 г.)", (2027, D(2027, 1, 1), D(2027, 12, 31))),
    ("План мероприятий. II полугодие 2026 года (в ред. от 12.03.2026)", (2026, D(2026, 7, 1), D(2026, 12, 31))),
    ("План международных мероприятий", (None, None, None)),
    ("План мероприятий на территории области", (None, None, None)),
    ("Утверждено 12 марта 2026 г.", (None, None, None)),
    ("", (None, None, None)),
]


@pytest.mark.parametrize(("title", "expected"), TITLES)
def test_plan_period_from_title(title, expected):
    assert plan_period_from_title(title) == expected


def _seed_date_cells() -> list[tuple[int, str]]:
    """(№, date cell) of the bundled .txt export: an event row starts "\\tN. ", cells start with a tab."""
    rows: list[list[str]] = []
    current: list[str] | None = None
    for line in SEED_TXT.read_text(encoding="utf-8").split("\n"):
        if re.match(r"^\t\d+\. ", line):
            current = [line[1:]]
            rows.append(current)
        elif line.startswith("\t") and current is not None:
            current.append(line[1:])
        elif line and current is not None:
            current[-1] += "\n" + line
        elif not line and current is not None and len(current) >= 7:
            current = None
    return [(int(row[0].split(".")[0]), row[3]) for row in rows]


@pytest.mark.skipif(not SEED_TXT.exists() or not SEED_EXPECTED.exists(), reason="bundled plan not present")
def test_every_date_cell_of_the_bundled_plan():
    title = " ".join(SEED_TXT.read_text(encoding="utf-8").split("\n")[:2])
    year, _, _ = plan_period_from_title(title)
    assert year == 2026
    with open(SEED_EXPECTED, encoding="utf-8") as f:
        expected = {int(r["n"]): r for r in csv.DictReader(f)}
    cells = _seed_date_cells()
    assert [n for n, _ in cells] == list(range(1, 68))
    got, want = [], []
    for n, cell in cells:
        r = parse_date_cell(cell, default_year=year)
        got.append((n, r.start and r.start.isoformat() or "", r.end and r.end.isoformat() or "", r.precision,
                    r.note, r.problem))
        e = expected[n]
        want.append((n, e["start"], e["end"], e["precision"], e["date_note"], None))
    assert got == want


# ---------------------------------------------------------------- properties


def _check_invariants(reading: DateReading) -> None:
    assert isinstance(reading, DateReading)
    assert reading.precision in PRECISIONS
    assert (reading.start is None) == (reading.end is None) == (reading.precision == "unknown")
    if reading.start is not None:
        assert reading.start <= reading.end
        assert reading.problem is None
    assert reading.problem is None or (isinstance(reading.problem, str) and reading.problem)
    assert reading.problem != dates._NOT_READ  # the last-resort fallback: reaching it is a bug
    assert isinstance(reading.note, str) and reading.note == reading.note.strip()


YEARS = st.one_of(st.none(), st.integers(1890, 2210), st.integers(-10**6, 10**6))


@settings(max_examples=400, deadline=None)
@given(st.text(), YEARS)
def test_never_raises_on_any_text(text, default_year):
    _check_invariants(parse_date_cell(text, default_year))


DATE_WORDS = (
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря "
    "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь "
    "январе мае марте сент. авг. I II III IV V i iv квартал кварталы квартале кв. полугодие полугодия "
    "полугодии декада декады начало середина конец конце половина первое второе первая третья четвертый "
    "года год г. гг. в во с по до и течение протяжении каждый месяц ежемесячно ежеквартально на "
    "- – — -- , ; / . ( ) : по согласованию сторон дата проведения уточняется по отдельному графику "
    "ё Ё -я -е -й"
).split()
TOKEN = st.one_of(
    st.sampled_from(DATE_WORDS),
    st.integers(0, 40).map(str),
    st.integers(1890, 2210).map(str),
    st.integers(0, 99999).map(str),
    st.tuples(st.integers(0, 40), st.integers(0, 14), st.integers(0, 2210)).map(lambda t: "%d.%02d.%d" % t),
    st.tuples(st.integers(0, 40), st.integers(0, 14)).map(lambda t: "%d.%02d" % t),
)
GLUE = st.sampled_from([" ", "", "\n", "\xa0", "  ", " - ", "–"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(TOKEN, GLUE), max_size=9), YEARS)
def test_never_raises_on_date_like_text(pieces, default_year):
    text = "".join(token + glue for token, glue in pieces)
    _check_invariants(parse_date_cell(text, default_year))


@given(st.text())
def test_title_never_raises(title):
    year, start, end = plan_period_from_title(title)
    assert (year is None) == (start is None) == (end is None)
    if start is not None:
        assert start <= end and year == start.year


DATES = st.dates(min_value=D(dates.MIN_YEAR, 1, 1), max_value=D(dates.MAX_YEAR, 12, 31))


@given(DATES)
def test_written_day_reads_back(day):
    reading = parse_date_cell(f"{day.day} {MONTHS_GENITIVE[day.month]} {day.year} года")
    assert (reading.start, reading.end, reading.precision) == (day, day, "day")
    assert parse_date_cell(f"{day:%d.%m.%Y}").start == day


SPANS = st.builds(lambda a, days: (a, min(a + timedelta(days=days), D(dates.MAX_YEAR, 12, 31))),
                  DATES, st.integers(0, 365 * (dates.MAX_SPAN_YEARS - 1)))  # longer spans are reported


@given(SPANS, st.sampled_from(["-", "–", "—", " - ", " –\n", "-  "]))
def test_written_range_reads_back(span, dash):
    a, b = span
    text = f"{a.day} {MONTHS_GENITIVE[a.month]} {a.year} года{dash}{b.day} {MONTHS_GENITIVE[b.month]} {b.year} года"
    reading = parse_date_cell(text)
    assert (reading.start, reading.end, reading.precision) == (a, b, "day")
    same_year = f"{a.day} {MONTHS_GENITIVE[a.month]}{dash}{b.day} {MONTHS_GENITIVE[b.month]} {b.year} года"
    if a.year == b.year:
        assert parse_date_cell(same_year).start == a


def test_the_plans_period_unknown_is_said():
    reading = parse_date_cell("в течение полугодия", 2027)
    assert reading.precision == "unknown" and "период плана неизвестен" in reading.problem
    # In a plan for a whole year, "полугодия" does not say which half.
    reading = parse_date_cell("в течение полугодия", 2027, (D(2027, 1, 1), D(2027, 12, 31)))
    assert reading.precision == "unknown" and "какого" in reading.problem


def test_a_jubilee_is_not_a_season():
    assert parse_date_cell("к 80-летнему юбилею, 9 мая 2027 года", 2027).note == ""


FIRST_HALF_2027 = (D(2027, 1, 1), D(2027, 6, 30))
SECOND_HALF_2026 = (D(2026, 7, 1), D(2026, 12, 31))

H1_2027, H2_2026 = (2027, FIRST_HALF_2027), (2026, SECOND_HALF_2026)  # (the plan's year, its period)

PLAN_PERIOD_FORMS = [  # (cell, the plan it is in, start, end, precision, note)
    # Seasons are the months they cover; the word stays as the note.
    ("весна 2027 года", H1_2027, D(2027, 3, 1), D(2027, 5, 31), "month", "весна"),
    ("в летний период", H1_2027, D(2027, 6, 1), D(2027, 8, 31), "month", "летний период"),
    ("осенью 2026 г.", H1_2027, D(2026, 9, 1), D(2026, 11, 30), "month", "осенью"),
    ("весенний период", H1_2027, D(2027, 3, 1), D(2027, 5, 31), "month", "весенний период"),
    ("в летнее время", H1_2027, D(2027, 6, 1), D(2027, 8, 31), "month", "летнее время"),
    ("весна-лето 2027", H1_2027, D(2027, 3, 1), D(2027, 8, 31), "month", "весна; лето"),
    # The plan's own period, unnamed ("на I полугодие 2027 года").
    ("в течение полугодия", H1_2027, D(2027, 1, 1), D(2027, 6, 30), "half_year", ""),
    ("на протяжении всего планового периода", H1_2027, D(2027, 1, 1), D(2027, 6, 30), "half_year", ""),
    # A repeat in a half-year plan is that half-year, not the calendar year; the words are the note.
    ("ежемесячно", H2_2026, D(2026, 7, 1), D(2026, 12, 31), "half_year", "ежемесячно"),
    ("ежеквартально", H2_2026, D(2026, 7, 1), D(2026, 12, 31), "half_year", "ежеквартально"),
    ("постоянно", H2_2026, D(2026, 7, 1), D(2026, 12, 31), "half_year", "постоянно"),
    ("Постоянно, по отдельному графику", H2_2026, D(2026, 7, 1), D(2026, 12, 31), "half_year",
     "по отдельному графику; постоянно"),
    ("по отдельному графику", H2_2026, D(2026, 7, 1), D(2026, 12, 31), "half_year", "по отдельному графику"),
    ("(по отдельному графику)", H2_2026, D(2026, 7, 1), D(2026, 12, 31), "half_year", "по отдельному графику"),
    ("каждый месяц", H2_2026, D(2026, 7, 1), D(2026, 12, 31), "half_year", "каждый месяц"),
    ("ежемесячно, в течение полугодия", H2_2026, D(2026, 7, 1), D(2026, 12, 31), "half_year", "ежемесячно"),
    # A cell that names the year or a month says more than the plan's period.
    ("в течение года", H2_2026, D(2026, 1, 1), D(2026, 12, 31), "year", ""),
    ("ежемесячно в течение 2026 года", H2_2026, D(2026, 1, 1), D(2026, 12, 31), "year", "ежемесячно"),
    ("октябрь (по отдельному графику)", H2_2026, D(2026, 10, 1), D(2026, 10, 31), "month", "по отдельному графику"),
    ("ежеквартально, IV квартал", H2_2026, D(2026, 10, 1), D(2026, 12, 31), "quarter", "ежеквартально"),
    # Undated forms stay unknown.
    ("Дата проведения уточняется", H2_2026, None, None, "unknown", ""),
    ("по согласованию сторон", H2_2026, None, None, "unknown", "по согласованию сторон"),
]


@pytest.mark.parametrize(("cell", "plan", "start", "end", "precision", "note"), PLAN_PERIOD_FORMS)
def test_seasons_repeats_and_the_plans_own_period(cell, plan, start, end, precision, note):
    assert parse_date_cell(cell, *plan) == DateReading(start, end, precision, note, None)





def test_a_repeat_in_a_year_plan_is_the_year():
    whole_2027 = (D(2027, 1, 1), D(2027, 12, 31))
    assert parse_date_cell("ежемесячно", 2027, whole_2027) == DateReading(
        D(2027, 1, 1), D(2027, 12, 31), "year", "ежемесячно", None)
    # With no year at all a schedule is an open date, a repeat a date without its year.
    assert parse_date_cell("по отдельному графику") == DateReading(None, None, "unknown", "по отдельному графику", None)
    assert "не указан год" in parse_date_cell("ежемесячно").problem


@pytest.mark.parametrize("title", ["План на 1900–2199 годы", "План на 2026–2040 годы"])
def test_a_title_with_an_insane_period_names_none(title):
    assert plan_period_from_title(title) == (None, None, None)


# Hostile cells: each must read correctly (and, as the benchmark shows, in time linear in its length).
DEEP = 50_000


HOSTILE_CELLS = [  # (cell, start, end, precision, note, words the problem must contain) in a 2026 plan
    ("август 2026 " + "(" * DEEP + "по согласованию сторон" + ")" * DEEP,
     D(2026, 8, 1), D(2026, 8, 31), "month", "по согласованию сторон", []),
    ("(" * DEEP + "октябрь 2026", None, None, "unknown", "октябрь 2026", ["не указаны"]),
    (")" * DEEP + "октябрь 2026", D(2026, 10, 1), D(2026, 10, 31), "month", "", []),
    ("()" * DEEP + "ноябрь 2026", D(2026, 11, 1), D(2026, 11, 30), "month", "", []),
    ("-" * DEEP, None, None, "unknown", "", ["не указаны"]),
    ("ноябрь 2026 " + "- " * DEEP, D(2026, 11, 1), D(2026, 11, 30), "month", "", []),  # trailing dashes: edges
    ("Государства " * 5000, None, None, "unknown", "", ["Государства"]),
    ("ежемесячно " * 5000, D(2026, 1, 1), D(2026, 12, 31), "year", "ежемесячно", []),
    ("по согласованию " * 5000, None, None, "unknown", "по согласованию", []),
    ("1" * 5000 + " сентября 2026", None, None, "unknown", "", ["111"]),
]


@pytest.mark.parametrize(("cell", "start", "end", "precision", "note", "problem_words"), HOSTILE_CELLS,
                         ids=lambda value: value[:24] if isinstance(value, str) else None)
def test_hostile_cells_read_correctly(cell, start, end, precision, note, problem_words):
    reading = parse_date_cell(cell, 2026)
    assert (reading.start, reading.end, reading.precision, reading.note) == (start, end, precision, note)
    assert (reading.problem is None) == (not problem_words)
    for word in problem_words:
        assert word in reading.problem


def test_hostile_titles_read_correctly():
    assert plan_period_from_title("утверждён 12 марта 2026 г. " * 20_000) == (None, None, None)
    assert plan_period_from_title("План " + "(" * DEEP + " на II полугодие 2026 года") == (
        2026, D(2026, 7, 1), D(2026, 12, 31))
