"""`python -m smolplan export`: the same events as the app's filters, each file opened with its own library.

Counts by hand from the document: Belarus is a partner in 47 events (№ 37 undated, so 46 in a
calendar), 31 of them overlap September–December 2026; Kazakhstan № 2 and № 21; Uzbekistan № 3.
"""

from __future__ import annotations

import subprocess
import sys

import docx
import openpyxl
import pytest
from icalendar import Calendar

from tests.conftest import ROOT, SEED_DOCX, SEED_TXT


def export(*args: str, plan=SEED_TXT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "smolplan", "export", str(plan), *args, "--today", "2026-09-15"],
                          cwd=ROOT, capture_output=True, text=True, timeout=180)


def xlsx_numbers(path) -> list[int]:
    return [r[0] for r in openpyxl.load_workbook(path)["Мероприятия"].iter_rows(min_row=3, values_only=True)]


@pytest.mark.parametrize("filters, rows", [
    (["--country", "BY"], 47),
    (["--country", "BY", "--from", "2026-09-01", "--to", "2026-12-31"], 31),
    (["--country", "by", "--from", "2026-09-01", "--until", "2026-12-31"], 31),
    (["--country", "KZ"], 2),
    (["--country", "Узбекистан"], 1),
    ([], 67),
])
def test_xlsx_rows_match_the_hand_count(tmp_path, filters, rows):
    out = tmp_path / "spravka.xlsx"
    result = export("--to", "xlsx", "--out", str(out), *filters)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Записано: {out}"
    assert len(xlsx_numbers(out)) == rows


def test_country_by_name_or_code_and_sphere_as_written_in_the_plan(tmp_path):
    out = tmp_path / "kz.xlsx"
    result = export("--to", "xlsx", "--out", str(out), "--country", "Республика Казахстан",
                    "--country", "UZB", "--sphere", "В сфере экономического развития", plan=SEED_DOCX)
    assert result.returncode == 0, result.stderr
    assert xlsx_numbers(out) == [2, 3]  # Алматы and Узбекистан, both "в сфере экономического развития"


def test_ics_of_belarus_has_every_dated_event(tmp_path):
    out = tmp_path / "by.ics"
    result = export("--to", "ics", "--out", str(out), "--country", "BY")
    assert result.returncode == 0, result.stderr
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert len(events) == 46  # 47 events, № 37 "Дата проведения уточняется"
    assert not any("№ 37." in str(e["SUMMARY"]) for e in events)


def test_docx_memo_of_belarus_has_its_table_and_charts(tmp_path):
    out = tmp_path / "by.docx"
    result = export("--to", "docx", "--out", str(out), "--country", "BY")
    assert result.returncode == 0, result.stderr
    memo = docx.Document(str(out))
    assert len(memo.tables[-1].rows) == 47 + 1
    # spheres, partner countries (Belarus and Kazakhstan, № 21), months, map; 47 events are too many for a Gantt
    assert len(memo.inline_shapes) == 4
    assert "о международных мероприятиях с участием Республики Беларусь" in [p.text for p in memo.paragraphs]


def test_a_country_with_no_events_warns_and_exports_nothing(tmp_path):
    out = tmp_path / "ee.xlsx"
    result = export("--to", "xlsx", "--out", str(out), "--country", "EE")
    assert result.returncode == 0
    assert result.stderr.strip() == "Внимание: в плане нет мероприятий с участием: Эстония."
    assert xlsx_numbers(out) == []


@pytest.mark.parametrize("args, says", [
    (["--out", "x.xlsx"], "укажите формат ровно один раз"),
    (["--to", "pdf", "--out", "x.pdf"], "укажите формат ровно один раз"),
    (["--to", "xlsx"], "не указаны обязательные аргументы: --out"),
    (["--to", "xlsx", "--out", "x.xlsx", "--from", "2026-13-01"], "дата «2026-13-01» не в виде ГГГГ-ММ-ДД"),
    (["--to", "xlsx", "--out", "x.xlsx", "--from", "2026-12-01", "--to", "2026-09-01"],
     "начало периода 01.12.2026 позже конца 01.09.2026"),
    (["--to", "xlsx", "--out", "x.xlsx", "--country", "XX"], "Страна «XX» не известна"),
    (["--to", "xlsx", "--out", "x.xlsx", "--sphere", "спорт"], "Сферы «спорт» в плане нет; есть: "),
    (["--to", "xlsx", "--out", "/nonexistent/dir/x.xlsx"], "нет такой папки"),
    (["--to", "xlsx", "--out", "x.xlsx", "--colour", "red"], "неизвестные аргументы: --colour red"),
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
    result = export("--to", "ics", "--out", str(tmp_path / "x.ics"), plan=bad)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.ics").exists()


def test_pptx_deck_of_belarus_has_every_event_in_its_tables(tmp_path):
    import pptx

    out = tmp_path / "by.pptx"
    result = export("--to", "pptx", "--out", str(out), "--country", "BY", "--from", "2026-09-01",
                    "--to", "2026-12-31")
    assert result.returncode == 0, result.stderr
    deck = pptx.Presentation(str(out))
    numbers = [int(row.cells[0].text) for slide in deck.slides for shape in slide.shapes if shape.has_table
               for row in list(shape.table.rows)[1:]]
    assert len(numbers) == 31 and len(set(numbers)) == 31  # by hand: 31 of Belarus's 47 overlap Sep–Dec
    assert any(shape.has_chart for slide in deck.slides for shape in slide.shapes)
