"""Briefing files, opened with their own libraries and compared with counts made by hand.

By hand (tests/data/seed_expected.csv): Belarus is a partner in 47 events, 46 of them dated
(№ 37 "Безопасное колесо" is undated), 23 of those with an approximate date; 31 of the 47 overlap
September–December 2026. Kazakhstan: № 2 (Алматы) and № 21 (with Belarus); Uzbekistan: № 3.
All 67 events, 66 dated, 34 of those approximately.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import subprocess
import sys

import docx
import openpyxl
import pytest
from icalendar import Calendar

from smolplan import charts, counts, load_plan
from smolplan.briefing import build_briefing
from smolplan.filters import Filters, apply_filters
from smolplan.images import figure_image
from tests.conftest import ROOT, SEED_TXT

TODAY = dt.date(2026, 9, 15)
BELARUS = Filters(countries=("BY",))


@pytest.fixture(scope="module")
def workbook(txt_plan):
    return openpyxl.load_workbook(io.BytesIO(build_briefing("xlsx", txt_plan, BELARUS, TODAY).data))


def test_xlsx_has_exactly_the_filtered_events_with_real_dates(workbook):
    sheet = workbook["Мероприятия"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 47
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
    assert countries["BY"] == 47 and countries["KZ"] == 1  # № 21 has both Belarus and Kazakhstan
    source = {r[0]: r[1] for r in workbook["Источник"].iter_rows(min_row=2, values_only=True)}
    assert source["Файл плана"] == "plan_2026_h2.txt"
    assert source["Отбор"] == "Мероприятия с участием Республики Беларусь"
    assert source["Мероприятий в выгрузке"] == "47 из 67"
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
    assert len(events) == 46
    assert str(calendar["VERSION"]) == "2.0" and calendar["METHOD"] == "PUBLISH"
    approximate = [e for e in events if str(e["SUMMARY"]).startswith("[приблизительно")]
    assert len(approximate) == 23
    minsk = next(e for e in events if "№ 5." in str(e["SUMMARY"]))
    assert minsk["DTSTART"].dt == dt.date(2026, 9, 30)
    assert minsk["DTEND"].dt == dt.date(2026, 10, 3)  # exclusive: the day after 2 October
    assert len({str(e["UID"]) for e in events}) == 46


def test_docx_memo_has_figures_charts_and_the_table(txt_plan):
    filters = Filters(countries=("BY",), start=dt.date(2026, 9, 1), end=dt.date(2026, 12, 31))
    memo = docx.Document(io.BytesIO(build_briefing("docx", txt_plan, filters, TODAY).data))
    text = "\n".join(p.text for p in memo.paragraphs)
    assert "Мероприятия с участием Республики Беларусь, сентябрь–декабрь 2026" in text
    assert len(memo.inline_shapes) == 5  # partners, spheres, months, map, timeline
    table = memo.tables[-1]
    assert len(table.rows) == 31 + 1
    assert [c.text for c in table.rows[0].cells] == ["№", "Наименование", "Место проведения", "Сроки",
                                                     "Страны-партнёры"]
    assert memo.sections[-1].orientation == 1  # landscape
    assert memo.tables[0].rows[0].cells[0].paragraphs[0].text == "31"


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftoppm")), reason="LibreOffice/poppler missing")
def test_memo_renders_to_pdf_and_png(txt_plan, tmp_path):
    """The pages land in artifacts/memo/ to be looked at: portrait title and charts, then the landscape table."""
    from smolplan.memo import png_size

    path = tmp_path / "spravka.docx"
    path.write_bytes(build_briefing("docx", txt_plan, BELARUS, TODAY).data)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "spravka.pdf"
    assert pdf.stat().st_size > 50_000
    artifacts = ROOT / "artifacts" / "memo"
    artifacts.mkdir(parents=True, exist_ok=True)
    for old in artifacts.glob("page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(artifacts / "page")], check=True, timeout=120)
    pages = sorted(artifacts.glob("page-*.png"))
    sizes = [png_size(page.read_bytes()) for page in pages]
    assert len(pages) >= 4  # title and figures, charts, the timeline, then the table
    assert sizes[0][0] < sizes[0][1] and sizes[-1][0] > sizes[-1][1]  # portrait first, landscape table last


# filters -> the event numbers a reader finds in the document, and how many of them have dates
BY_HAND = {
    "all": (Filters(), list(range(1, 68)), 66),
    "Belarus": (BELARUS, None, 46),  # 47 events: listed in seed_expected.csv
    "Kazakhstan": (Filters(countries=("KZ",)), [2, 21], 2),
    "Uzbekistan": (Filters(countries=("UZ",)), [3], 1),
    "Belarus, culture": (Filters(countries=("BY",), spheres=("культуры и туризма",)),
                         [13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 24, 25, 26, 27], 14),
}


def _belarus_numbers(expected_rows) -> list[int]:
    return [int(r["n"]) for r in expected_rows if "BY" in r["partner_countries"].split(";")]


@pytest.mark.parametrize("case", BY_HAND)
def test_every_format_holds_exactly_the_filtered_events(txt_plan, expected_rows, case):
    filters, numbers, dated = BY_HAND[case]
    numbers = numbers or _belarus_numbers(expected_rows)
    assert case != "Belarus" or len(numbers) == 47

    book = openpyxl.load_workbook(io.BytesIO(build_briefing("xlsx", txt_plan, filters, TODAY).data))
    assert [r[0] for r in book["Мероприятия"].iter_rows(min_row=2, values_only=True)] == numbers

    calendar = Calendar.from_ical(build_briefing("ics", txt_plan, filters, TODAY).data)
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert len(summaries) == dated
    assert {int(re.search(r"№ (\d+)\.", s).group(1)) for s in summaries} == set(numbers) - {37}

    memo = docx.Document(io.BytesIO(build_briefing("docx", txt_plan, filters, TODAY, with_charts=False).data))
    assert [int(row.cells[0].text) for row in memo.tables[-1].rows[1:]] == numbers


def test_xlsx_cells_say_what_the_document_says(workbook):
    sheet = workbook["Мероприятия"]
    header = [c.value for c in sheet[1]]
    rows = {r[0]: dict(zip(header, r)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    august = rows[4]  # "август 2026 года"
    assert (august["Начало"], august["Окончание"]) == (dt.datetime(2026, 8, 1), dt.datetime(2026, 8, 31))
    assert august["Точность даты"] == "месяц" and august["Сроки проведения мероприятия"] == "август 2026 года"
    assert set(rows[21]["Страны-партнёры"].split(", ")) == {"Беларусь", "Казахстан"}
    assert rows[37]["Начало"] is None and rows[37]["Точность даты"] == "дата не определена"
    assert rows[16]["Страны проведения"] == "Беларусь"  # Славянский базар, г. Витебск
    date_columns = [header.index("Начало") + 1, header.index("Окончание") + 1]
    for row in range(2, sheet.max_row + 1):
        for column in date_columns:
            cell = sheet.cell(row=row, column=column)
            assert cell.value is None or (cell.is_date and cell.number_format == "DD.MM.YYYY")
    assert sheet.cell(row=2, column=3).alignment.wrap_text
    assert sheet.column_dimensions["C"].width >= 40


def test_xlsx_source_sheet_lists_each_filter(txt_plan):
    filters = Filters(countries=("BY", "KZ"), spheres=("спорта",), start=dt.date(2026, 9, 1),
                      end=dt.date(2026, 12, 31), text="хоккей")
    book = openpyxl.load_workbook(io.BytesIO(build_briefing("xlsx", txt_plan, filters, TODAY).data))
    source = {r[0]: r[1] for r in book["Источник"].iter_rows(min_row=2, values_only=True)}
    assert source["Страны-партнёры"] == "Беларусь, Казахстан"
    assert source["Сферы"] == "спорта" and source["Период"] == "сентябрь–декабрь 2026"
    assert source["Поиск по тексту"] == "хоккей" and source["Формат"] == "—"
    assert source["Отбор"].startswith("Мероприятия с участием Республики Беларусь, Республики Казахстан")
    assert re.fullmatch(r"\d\d\.\d\d\.\d{4} \d\d:\d\d", source["План загружен"])


def _with_first_event(plan, **cells):
    events = plan.events.copy()
    for column, value in cells.items():
        events.at[events.index[0], column] = value
    return dataclasses.replace(plan, events=events)


@pytest.mark.parametrize("text", ['=HYPERLINK("http://evil","клик")', "+7 (4812) 29-10-00", "-1", "@SUM(A1)",
                                  "\t=1+1", "\r=1+1", "=1+1\n"])
def test_xlsx_text_that_looks_like_a_formula_stays_text(txt_plan, text):
    plan = _with_first_event(txt_plan, title=text, venue=text)
    book = openpyxl.load_workbook(io.BytesIO(build_briefing("xlsx", plan, Filters(), TODAY).data))
    assert [c.coordinate for sheet in book for row in sheet.iter_rows() for c in row if c.data_type == "f"] == []
    assert book["Мероприятия"]["C2"].value == text and book["Мероприятия"]["C2"].data_type == "s"


def test_control_characters_in_a_document_do_not_break_any_file(txt_plan):
    plan = _with_first_event(txt_plan, title="Форум\x01 «Бизнес\x07»\x0b", venue="г. Смоленск\x00")
    book = openpyxl.load_workbook(io.BytesIO(build_briefing("xlsx", plan, Filters(), TODAY).data))
    assert book["Мероприятия"]["C2"].value == "Форум «Бизнес»"
    memo = docx.Document(io.BytesIO(build_briefing("docx", plan, Filters(), TODAY, with_charts=False).data))
    assert memo.tables[-1].rows[1].cells[1].text == "Форум «Бизнес»"
    calendar = Calendar.from_ical(build_briefing("ics", plan, Filters(), TODAY).data)
    assert str(calendar.walk("VEVENT")[0]["LOCATION"]) == "г. Смоленск"


def test_no_events_left_still_makes_every_file(txt_plan):
    nothing = Filters(countries=("CN",), spheres=("спорта",))
    assert apply_filters(txt_plan.events, nothing, TODAY).empty
    book = openpyxl.load_workbook(io.BytesIO(build_briefing("xlsx", txt_plan, nothing, TODAY).data))
    assert book["Мероприятия"].max_row == 1
    assert Calendar.from_ical(build_briefing("ics", txt_plan, nothing, TODAY).data).walk("VEVENT") == []
    memo = docx.Document(io.BytesIO(build_briefing("docx", txt_plan, nothing, TODAY).data))
    assert len(memo.tables[-1].rows) == 1 and "Перечень мероприятий (0)" in [p.text for p in memo.paragraphs]


def test_ics_is_rfc_5545_as_outlook_reads_it(txt_plan):
    data = build_briefing("ics", txt_plan, BELARUS, TODAY).data
    lines = data.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2] == b"END:VCALENDAR" and lines[-1] == b""
    assert b"\n" not in b"".join(lines)  # every line ends in CRLF
    assert all(len(line) <= 75 for line in lines)  # folded at 75 octets
    assert any(line.startswith(b" ") for line in lines)  # ... and long lines were folded
    calendar = Calendar.from_ical(data)
    assert str(calendar["PRODID"]).startswith("-//smolplan//")
    assert str(calendar["X-WR-CALNAME"]) == "Мероприятия с участием Республики Беларусь"
    assert b"DTSTART;VALUE=DATE:20260930" in data  # all-day


def test_ics_summaries_descriptions_and_stable_uids(txt_plan):
    first = Calendar.from_ical(build_briefing("ics", txt_plan, Filters(), TODAY).data).walk("VEVENT")
    again = Calendar.from_ical(build_briefing("ics", txt_plan, Filters(), TODAY).data).walk("VEVENT")
    assert [str(e["UID"]) for e in first] == [str(e["UID"]) for e in again]
    assert len({str(e["UID"]) for e in first}) == 66
    assert len([e for e in first if str(e["SUMMARY"]).startswith("[приблизительно")]) == 34
    by_n = {int(re.search(r"№ (\d+)\.", str(e["SUMMARY"])).group(1)): e for e in first}
    assert str(by_n[4]["SUMMARY"]).startswith("[приблизительно: август 2026] № 4. ")
    assert (by_n[4]["DTSTART"].dt, by_n[4]["DTEND"].dt) == (dt.date(2026, 8, 1), dt.date(2026, 9, 1))
    assert str(by_n[3]["SUMMARY"]).startswith("[приблизительно: октябрь 2026] № 3.")
    assert by_n[25]["DTEND"].dt == dt.date(2027, 1, 12)  # "11 ноября 2026 года – 11 января 2027 года"
    description = str(by_n[2]["DESCRIPTION"])
    assert "Место проведения:" in description and "Страны-партнёры: Казахстан" in description
    assert "Сроки по плану: 2-4 сентября 2026 года" in description
    assert "Алматы" in str(by_n[2]["LOCATION"])


def test_docx_memo_page_fonts_and_period(txt_plan):
    memo = docx.Document(io.BytesIO(build_briefing("docx", txt_plan, BELARUS, TODAY, with_charts=False).data))
    first, table = memo.sections[0], memo.sections[-1]
    assert (round(first.page_width.cm, 1), round(first.page_height.cm, 1)) == (21.0, 29.7)  # A4
    assert (round(table.page_width.cm, 1), round(table.page_height.cm, 1)) == (29.7, 21.0)
    for name in ("Normal", "Title", "Heading 1"):
        fonts = memo.styles[name].element.rPr.rFonts
        assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}hAnsi") == "Times New Roman"
        assert not [k for k in fonts.attrib if k.lower().endswith("theme")]
    text = [p.text for p in memo.paragraphs]
    assert "Период: весь срок плана (мероприятия с 01.04.2026 по 11.01.2027)." in text
    assert "Перечень мероприятий (47)" in text
    assert len(memo.tables[-1].rows) == 47 + 1


def test_chart_images_are_png_and_svg_titled_with_the_filters(txt_plan):
    filters = Filters(countries=("BY",), start=dt.date(2026, 9, 1), end=dt.date(2026, 12, 31))
    events = apply_filters(txt_plan.events, filters, TODAY)
    title = "Мероприятия с участием Республики Беларусь, сентябрь–декабрь 2026"
    fig = charts.with_title(charts.sphere_bars(counts.by_sphere(events)), title)
    png = figure_image(fig, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
    svg = figure_image(fig, "svg").decode("utf-8")
    assert svg.lstrip().startswith("<svg") and "сентябрь–декабрь 2026" in svg


MAP_OFFLINE = """
import datetime as dt, sys
from smolplan import load_plan, charts, counts
from smolplan.images import figure_image
plan = load_plan(sys.argv[1])
png = figure_image(charts.venue_map(counts.venues(plan.events), "fit", title="Карта"), "png")
open(sys.argv[2], "wb").write(png)
"""


def test_map_image_is_drawn_with_no_network(tmp_path):
    """The map's land and borders come from static/topojson/, never from a CDN."""
    if subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode != 0:
        pytest.skip("cannot start a process without network here (unshare -n)")
    out = tmp_path / "map.png"
    result = subprocess.run(["unshare", "-n", sys.executable, "-c", MAP_OFFLINE, str(SEED_TXT), str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    # Land is drawn: a map without its topojson is a nearly empty frame of a few kilobytes.
    assert out.read_bytes()[:4] == b"\x89PNG" and out.stat().st_size > 100_000


def test_csv_download_is_the_events_sheet_in_russian(txt_plan):
    import csv

    from smolplan.workbook import events_csv

    events = apply_filters(txt_plan.events, Filters(countries=("KZ",)), dt.date(2026, 9, 15)).copy()
    events.loc[events["n"] == 21, "goal"] = "=HYPERLINK(\"http://evil.example\")"
    data = events_csv(events)
    assert data.startswith("\ufeff".encode())  # Excel needs the BOM to read UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    # By hand: Kazakhstan takes part in № 2 (Алматы, 2-4 сентября 2026 года) and № 21 (Смоленский ковчег).
    assert [r["№ п/п"] for r in rows] == ["2", "21"]
    assert rows[0]["Начало"] == "02.09.2026" and rows[0]["Окончание"] == "04.09.2026"
    assert rows[0]["Точность даты"] == "точная дата" and rows[0]["Дистанционно"] == "нет"
    assert rows[0]["Страны-партнёры"] == "Казахстан"
    assert rows[1]["Цель проведения мероприятия"].startswith("'=")
