"""`python -m smolplan export`: the same events as the app's filters, each file opened with its own library.

Expected events come from the hand reading of the document (tests/data/seed_expected.csv).
"""

from __future__ import annotations

import subprocess
import sys

import docx
import openpyxl
import pytest
from icalendar import Calendar

from tests.conftest import ROOT, SEED_DOCX, SEED_TXT, hand_read


def export(*args: str, plan=SEED_TXT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "smolplan", "export", str(plan), *args, "--today", "2026-09-15"],
                          cwd=ROOT, capture_output=True, text=True, timeout=180)


def xlsx_numbers(path) -> list[int]:
    return [r[0] for r in openpyxl.load_workbook(path)["Мероприятия"].iter_rows(min_row=3, values_only=True)]


def partner(code):
    return lambda r: code in r["partner_countries"].split(";")


def in_period(first, last):
    return lambda r: bool(r["start"]) and r["start"] <= last and r["end"] >= first


@pytest.mark.parametrize("filters, keep", [
    (["--country", "BY"], partner("BY")),
    (["--country", "BY", "--from", "2026-09-01", "--to", "2026-12-31"],
     lambda r: partner("BY")(r) and in_period("2026-09-01", "2026-12-31")(r)),
    (["--country", "by", "--to", "2026-08-31"], lambda r: partner("BY")(r) and in_period("2000-01-01", "2026-08-31")(r)),
    (["--country", "KZ"], partner("KZ")),
    (["--country", "Узбекистан"], partner("UZ")),
    (["--where", "abroad", "--mode", "online"],
     lambda r: set(filter(None, r["venue_countries"].split(";"))) - {"RU"} and r["online"] == "1"),
    (["--month", "2026-10"], in_period("2026-10-01", "2026-10-31")),
    ([], lambda r: True),
])
def test_xlsx_rows_match_the_hand_reading(tmp_path, filters, keep):
    out = tmp_path / "spravka.xlsx"
    result = export("--format", "xlsx", "--out", str(out), *filters)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Записано: {out}"
    assert sorted(xlsx_numbers(out)) == sorted(int(r["n"]) for r in hand_read() if keep(r))


def test_country_by_name_or_code_and_sphere_as_written_in_the_plan(tmp_path):
    out = tmp_path / "kz.xlsx"
    result = export("--format", "xlsx", "--out", str(out), "--country", "Республика Казахстан",
                    "--country", "UZB", "--sphere", "В сфере экономического развития", plan=SEED_DOCX)
    assert result.returncode == 0, result.stderr
    assert xlsx_numbers(out) == [2, 3]  # Алматы and Узбекистан, both "в сфере экономического развития"


def test_ics_of_belarus_has_every_dated_event(tmp_path):
    out = tmp_path / "by.ics"
    result = export("--format", "ics", "--out", str(out), "--country", "BY")
    assert result.returncode == 0, result.stderr
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    dated = [r for r in hand_read() if partner("BY")(r) and r["start"]]
    assert len(events) == len(dated)  # an undated event ("Дата проведения уточняется") has no calendar entry
    assert not any("№ 37." in str(e["SUMMARY"]) for e in events)


def test_docx_memo_of_belarus_has_its_table_and_charts(tmp_path):
    out = tmp_path / "by.docx"
    result = export("--format", "docx", "--out", str(out), "--country", "BY")
    assert result.returncode == 0, result.stderr
    memo = docx.Document(str(out))
    assert len(memo.tables[-1].rows) == len([r for r in hand_read() if partner("BY")(r)]) + 1
    # spheres, partner countries (Belarus and Kazakhstan, № 21), months, map; 47 events are too many for a Gantt
    assert len(memo.inline_shapes) == 4
    assert "о международных мероприятиях с участием Республики Беларусь" in [p.text for p in memo.paragraphs]


def test_a_country_with_no_events_warns_and_exports_nothing(tmp_path):
    out = tmp_path / "ee.xlsx"
    result = export("--format", "xlsx", "--out", str(out), "--country", "EE")
    assert result.returncode == 0
    assert result.stderr.strip() == "Внимание: в плане нет мероприятий с участием: Эстония."
    assert xlsx_numbers(out) == []


@pytest.mark.parametrize("args, says", [
    (["--out", "x.xlsx"], "не указаны обязательные аргументы: --format"),
    (["--format", "pdf", "--out", "x.pdf"], "аргумент --format: недопустимое значение"),
    (["--format", "xlsx"], "не указаны обязательные аргументы: --out"),
    (["--format", "xlsx", "--out", "x.xlsx", "--from", "2026-13-01"], "дата «2026-13-01» не в виде ГГГГ-ММ-ДД"),
    # the years a link accepts too (a link with ?to=1900-01-01 drops it)
    (["--format", "xlsx", "--out", "x.xlsx", "--to", "1900-01-01"],
     "дата «1900-01-01» не в виде ГГГГ-ММ-ДД между 2000 и 2100 годами"),
    (["--format", "xlsx", "--out", "x.xlsx", "--from", "2026-12-01", "--to", "2026-09-01"],
     "начало периода 01.12.2026 позже конца 01.09.2026"),
    (["--format", "xlsx", "--out", "x.xlsx", "--country", "XX"], "Страна «XX» не известна"),
    (["--format", "xlsx", "--out", "x.xlsx", "--sphere", "спорт"], "Сферы: «спорт» в плане нет; есть: "),
    (["--format", "xlsx", "--out", "x.xlsx", "--where", "moon"], "Где: «moon» — возможны home (в России), abroad (за рубежом)"),
    (["--format", "xlsx", "--out", "/nonexistent/dir/x.xlsx"], "нет такой папки"),
    (["--format", "xlsx", "--out", "x.xlsx", "--colour", "red"], "неизвестные аргументы: --colour red"),
    # the earlier form answers with the new one
    (["--to", "xlsx", "--out", "x.xlsx"], "«--to xlsx» больше не задаёт формат: пишите «--format xlsx»"),
    (["--format", "xlsx", "--out", "x.xlsx", "--until", "2026-12-31"], "«--until» больше нет"),
])
def test_errors_are_one_russian_line_and_exit_2(args, says):
    result = export(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0], result.stderr
    assert "Traceback" not in result.stderr and "usage" not in result.stderr


def test_an_unreadable_plan_is_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    result = export("--format", "ics", "--out", str(tmp_path / "x.ics"), plan=bad)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.ics").exists()


def test_the_executor_filter_takes_the_body_as_a_user_types_it(tmp_path):
    from tests.conftest import TWO_MINISTRIES_CSV as plan

    out = tmp_path / "culture.xlsx"
    result = export("--format", "xlsx", "--out", str(out), "--executor", "министерство культуры смоленской области",
                    plan=plan)
    assert result.returncode == 0, result.stderr
    assert xlsx_numbers(out) == [2, 3]  # by hand: the culture ministry runs № 2 and № 3


def test_pptx_deck_of_belarus_has_every_event_in_its_tables(tmp_path):
    import pptx

    out = tmp_path / "by.pptx"
    result = export("--format", "pptx", "--out", str(out), "--country", "BY", "--from", "2026-09-01",
                    "--to", "2026-12-31")
    assert result.returncode == 0, result.stderr
    deck = pptx.Presentation(str(out))
    numbers = [int(row.cells[0].text) for slide in deck.slides for shape in slide.shapes if shape.has_table
               for row in list(shape.table.rows)[1:]]
    want = len([r for r in hand_read() if partner("BY")(r) and in_period("2026-09-01", "2026-12-31")(r)])
    assert len(numbers) == want and len(set(numbers)) == want
    assert any(shape.has_chart for slide in deck.slides for shape in slide.shapes)
