"""Briefing files, opened with their own libraries and compared with counts made by hand.

By hand (tests/data/seed_expected.csv): Belarus is a partner in 46 events, 45 of them dated
(№ 37 is undated), 23 of those with an approximate date; 30 of the 46 overlap September–December 2026.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys

import docx
import openpyxl
import pytest
from icalendar import Calendar

from smolplan import load_plan
from smolplan.briefing import build_briefing
from smolplan.filters import Filters
from tests.conftest import ROOT, SEED_TXT

TODAY = dt.date(2026, 9, 15)
BELARUS = Filters(countries=("BY",))


@pytest.fixture(scope="module")
def workbook(txt_plan):
    return openpyxl.load_workbook(io.BytesIO(build_briefing("xlsx", txt_plan, BELARUS, TODAY).data))


def test_xlsx_has_exactly_the_filtered_events_with_real_dates(workbook):
    sheet = workbook["Мероприятия"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 46
    header = [c.value for c in sheet[1]]
    assert header[:8] == ["№ п/п", "Сфера", "Наименование мероприятия", "Место проведения мероприятия",
                          "Сроки проведения мероприятия", "Описание мероприятия", "Цель проведения мероприятия",
                          "Участники мероприятия"]
    minsk = next(r for r in rows if r[0] == 5)
    assert minsk[8] == dt.datetime(2026, 9, 30) and minsk[9] == dt.datetime(2026, 10, 2)
    assert sheet.cell(row=2, column=9).number_format == "DD.MM.YYYY"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    assert sheet["A1"].font.bold


def test_xlsx_counts_and_source_sheets(workbook):
    countries = {r[1]: r[2] for r in workbook["По странам"].iter_rows(min_row=2, values_only=True)}
    assert countries["BY"] == 46 and countries["KZ"] == 1  # № 21 has both Belarus and Kazakhstan
    source = {r[0]: r[1] for r in workbook["Источник"].iter_rows(min_row=2, values_only=True)}
    assert source["Файл плана"] == "plan_2026_h2.txt"
    assert source["Отбор"] == "Мероприятия с участием Республики Беларусь"
    assert source["Мероприятий в выгрузке"] == "46 из 67"
    assert {"По сферам", "По месяцам"} <= set(workbook.sheetnames)


def test_xlsx_never_stores_a_formula():
    data = (SEED_TXT.read_text(encoding="utf-8")
            .replace("Реверсная бизнес-миссия из стран СНГ", '=HYPERLINK("http://evil","клик")', 1)
            .replace("г. Смоленск \n", "+7 г. Смоленск\n", 1))
    plan = load_plan(data.encode(), name="formulas.txt")
    book = openpyxl.load_workbook(io.BytesIO(build_briefing("xlsx", plan, Filters(), TODAY).data))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert book["Мероприятия"]["C2"].value == '=HYPERLINK("http://evil","клик")'


def test_ics_has_one_all_day_event_per_dated_event(txt_plan):
    calendar = Calendar.from_ical(build_briefing("ics", txt_plan, BELARUS, TODAY).data)
    events = calendar.walk("VEVENT")
    assert len(events) == 45
    assert str(calendar["VERSION"]) == "2.0" and calendar["METHOD"] == "PUBLISH"
    approximate = [e for e in events if str(e["SUMMARY"]).startswith("[приблизительно")]
    assert len(approximate) == 23
    minsk = next(e for e in events if "№ 5." in str(e["SUMMARY"]))
    assert minsk["DTSTART"].dt == dt.date(2026, 9, 30)
    assert minsk["DTEND"].dt == dt.date(2026, 10, 3)  # exclusive: the day after 2 October
    assert len({str(e["UID"]) for e in events}) == 45


def test_docx_memo_has_figures_charts_and_the_table(txt_plan):
    filters = Filters(countries=("BY",), start=dt.date(2026, 9, 1), end=dt.date(2026, 12, 31))
    memo = docx.Document(io.BytesIO(build_briefing("docx", txt_plan, filters, TODAY).data))
    text = "\n".join(p.text for p in memo.paragraphs)
    assert "Мероприятия с участием Республики Беларусь, сентябрь–декабрь 2026" in text
    assert len(memo.inline_shapes) == 4
    table = memo.tables[-1]
    assert len(table.rows) == 30 + 1
    assert [c.text for c in table.rows[0].cells] == ["№", "Наименование", "Место проведения", "Сроки",
                                                     "Страны-партнёры"]
    assert memo.sections[-1].orientation == 1  # landscape
    assert memo.tables[0].rows[0].cells[0].paragraphs[0].text == "30"


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftoppm")), reason="LibreOffice/poppler missing")
def test_memo_renders_to_pdf_and_png(txt_plan, tmp_path):
    path = tmp_path / "spravka.docx"
    path.write_bytes(build_briefing("docx", txt_plan, BELARUS, TODAY).data)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "spravka.pdf"
    assert pdf.stat().st_size > 50_000
    artifacts = ROOT / "artifacts" / "memo"
    artifacts.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(artifacts / "page")], check=True, timeout=120)
    pages = sorted(artifacts.glob("page-*.png"))
    assert len(pages) >= 3  # title + charts, then the landscape table


def test_cli_export_matches_the_ui_filter(tmp_path):
    out = tmp_path / "by.xlsx"
    result = subprocess.run([sys.executable, "-m", "smolplan", "export", str(SEED_TXT), "--to", "xlsx",
                             "--out", str(out), "--country", "BY", "--from", "2026-09-01", "--to", "2026-12-31"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    rows = list(openpyxl.load_workbook(out)["Мероприятия"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 30


def test_cli_export_refuses_an_unreadable_plan(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    result = subprocess.run([sys.executable, "-m", "smolplan", "export", str(bad), "--to", "ics", "--out",
                             str(tmp_path / "x.ics")], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
