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
import threading

import docx
from docx.enum.shape import WD_INLINE_SHAPE
import openpyxl
import pandas as pd
import pptx
import pytest
from icalendar import Calendar

from smolplan import charts, counts, load_plan
from smolplan.briefing import build_briefing
from smolplan.filters import Filters, apply_filters
from smolplan.images import figure_image
from tests.conftest import EXECUTORS_CSV, ROOT, SEED_TXT

TODAY = dt.date(2026, 9, 15)
BELARUS = Filters(countries=("BY",))


@pytest.fixture(scope="module")
def workbook(txt_plan):
    return openpyxl.load_workbook(io.BytesIO(build_briefing("xlsx", txt_plan, BELARUS, TODAY).data))


def test_xlsx_has_exactly_the_filtered_events_with_real_dates(workbook):
    sheet = workbook["Мероприятия"]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 47
    header = [c.value for c in sheet[2]]
    assert header == ["№ п/п", "Сфера", "Наименование мероприятия", "Место проведения мероприятия",
                      "Сроки проведения мероприятия", "Начало", "Окончание", "Точность даты", "Страны-партнёры",
                      "Дистанционно"]
    minsk = dict(zip(header, next(r for r in rows if r[0] == 5)))
    assert (minsk["Начало"], minsk["Окончание"]) == (dt.datetime(2026, 9, 30), dt.datetime(2026, 10, 2))
    assert sheet.cell(row=3, column=header.index("Начало") + 1).number_format == "DD.MM.YYYY"
    assert sheet.freeze_panes == "A3" and sheet.auto_filter.ref.startswith("A2:")
    assert sheet["A2"].font.bold and sheet["A1"].value.startswith("Мероприятия с участием Республики Беларусь — 47 из 67")
    detail = workbook["Подробно"]
    assert [c.value for c in detail[2]][:5] == ["№ п/п", "Наименование мероприятия", "Описание мероприятия",
                                                "Цель проведения мероприятия", "Участники мероприятия"]
    assert [r[0] for r in detail.iter_rows(min_row=3, values_only=True)] == [r[0] for r in rows]


def test_xlsx_counts_and_source_sheets(workbook):
    countries = {r[1]: r[2] for r in workbook["По странам"].iter_rows(min_row=3, values_only=True)}
    assert countries["BY"] == 47 and countries["KZ"] == 1  # № 21 has both Belarus and Kazakhstan
    source = {r[0]: r[1] for r in workbook["Источник"].iter_rows(min_row=3, values_only=True)}
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
    assert book["Мероприятия"]["C3"].value == '=HYPERLINK("http://evil","клик")'


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
    assert [r[0] for r in book["Мероприятия"].iter_rows(min_row=3, values_only=True)] == numbers

    calendar = Calendar.from_ical(build_briefing("ics", txt_plan, filters, TODAY).data)
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert len(summaries) == dated
    assert {int(re.search(r"№ (\d+)\.", s).group(1)) for s in summaries} == set(numbers) - {37}

    memo = docx.Document(io.BytesIO(build_briefing("docx", txt_plan, filters, TODAY, with_charts=False).data))
    assert [int(row.cells[0].text) for row in memo.tables[-1].rows[1:]] == numbers

    assert deck_numbers(build_briefing("pptx", txt_plan, filters, TODAY, with_charts=False).data) == numbers


def deck_tables(data: bytes) -> list:
    return [shape.table for slide in pptx.Presentation(io.BytesIO(data)).slides for shape in slide.shapes
            if shape.has_table]


def deck_numbers(data: bytes) -> list[int]:
    """The № column of every events table of the deck, slide after slide."""
    return [int(row.cells[0].text) for table in deck_tables(data) for row in list(table.rows)[1:]]


def test_xlsx_cells_say_what_the_document_says(workbook):
    sheet = workbook["Мероприятия"]
    header = [c.value for c in sheet[2]]
    rows = {r[0]: dict(zip(header, r)) for r in sheet.iter_rows(min_row=3, values_only=True)}
    august = rows[4]  # "август 2026 года", on two lines in the document, and in the sheet
    assert (august["Начало"], august["Окончание"]) == (dt.datetime(2026, 8, 1), dt.datetime(2026, 8, 31))
    assert august["Точность даты"] == "месяц" and august["Сроки проведения мероприятия"] == "август\n2026 года"
    assert set(rows[21]["Страны-партнёры"].split(", ")) == {"Беларусь", "Казахстан"}
    assert rows[37]["Начало"] is None and rows[37]["Точность даты"] == "дата не определена"
    detail = workbook["Подробно"]
    details = {r[0]: dict(zip([c.value for c in detail[2]], r)) for r in detail.iter_rows(min_row=3, values_only=True)}
    assert details[16]["Страны проведения"] == "Беларусь"  # Славянский базар, г. Витебск
    date_columns = [header.index("Начало") + 1, header.index("Окончание") + 1]
    for row in range(3, sheet.max_row + 1):
        for column in date_columns:
            cell = sheet.cell(row=row, column=column)
            assert cell.value is None or (cell.is_date and cell.number_format == "DD.MM.YYYY")
    assert sheet.cell(row=3, column=3).alignment.wrap_text
    assert sheet.column_dimensions["C"].width >= 40


def test_xlsx_source_sheet_lists_each_filter(txt_plan):
    filters = Filters(countries=("BY", "KZ"), spheres=("спорта",), start=dt.date(2026, 9, 1),
                      end=dt.date(2026, 12, 31), text="хоккей")
    book = openpyxl.load_workbook(io.BytesIO(build_briefing("xlsx", txt_plan, filters, TODAY).data))
    source = {r[0]: r[1] for r in book["Источник"].iter_rows(min_row=3, values_only=True)}
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


@pytest.mark.parametrize("text, stored", [
    ('=HYPERLINK("http://evil","клик")', '=HYPERLINK("http://evil","клик")'), ("+7 (4812) 29-10-00", "+7 (4812) 29-10-00"),
    ("-1", "-1"), ("@SUM(A1)", "@SUM(A1)"), ("\t=1+1", " =1+1"), ("\r=1+1", "\n=1+1"), ("=1+1\n", "=1+1\n"),
])
def test_xlsx_text_that_looks_like_a_formula_stays_text(txt_plan, text, stored):
    plan = _with_first_event(txt_plan, title=text, venue=text)
    book = openpyxl.load_workbook(io.BytesIO(build_briefing("xlsx", plan, Filters(), TODAY).data))
    assert [c.coordinate for sheet in book for row in sheet.iter_rows() for c in row if c.data_type == "f"] == []
    assert book["Мероприятия"]["C3"].value == stored and book["Мероприятия"]["C3"].data_type == "s"


def test_control_characters_in_a_document_do_not_break_any_file(txt_plan):
    plan = _with_first_event(txt_plan, title="Форум\x01 «Бизнес\x07»\x0b", venue="г. Смоленск\x00")
    book = openpyxl.load_workbook(io.BytesIO(build_briefing("xlsx", plan, Filters(), TODAY).data))
    assert book["Мероприятия"]["C3"].value == "Форум «Бизнес»"
    memo = docx.Document(io.BytesIO(build_briefing("docx", plan, Filters(), TODAY, with_charts=False).data))
    assert memo.tables[-1].rows[1].cells[1].text == "Форум «Бизнес»"
    calendar = Calendar.from_ical(build_briefing("ics", plan, Filters(), TODAY).data)
    assert str(calendar.walk("VEVENT")[0]["LOCATION"]) == "г. Смоленск"


def test_no_events_left_still_makes_every_file(txt_plan):
    nothing = Filters(countries=("CN",), spheres=("спорта",))
    assert apply_filters(txt_plan.events, nothing, TODAY).empty
    book = openpyxl.load_workbook(io.BytesIO(build_briefing("xlsx", txt_plan, nothing, TODAY).data))
    assert book["Мероприятия"].max_row == 2  # the title and the header
    assert Calendar.from_ical(build_briefing("ics", txt_plan, nothing, TODAY).data).walk("VEVENT") == []
    memo = docx.Document(io.BytesIO(build_briefing("docx", txt_plan, nothing, TODAY).data))
    assert len(memo.tables[-1].rows) == 1 and "Перечень мероприятий (0)" in [p.text for p in memo.paragraphs]
    deck = pptx.Presentation(io.BytesIO(build_briefing("pptx", txt_plan, nothing, TODAY).data))
    tables = [s.table for slide in deck.slides for s in slide.shapes if s.has_table]
    assert len(tables) == 1 and len(tables[0].rows) == 1


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


# --- the reference view: Belarus in the IV quarter of 2026 ------------------------------------------
# By hand from seed_expected.csv: 20 events with Belarus overlap 01.10–31.12.2026 (№ 5, 12, 24–27,
# 29–36, 44, 45, 47, 56, 62, 66); Belarus is their only partner; 19 are held in the Smolensk region,
# 4 in Belarus (№ 5 Минск, № 27 музеи Беларуси, № 45 and № 47 Лепель), 7 online; by sphere
# образования и науки 8, культуры и туризма 4, социального развития 3, and one each in five more;
# October 10, November 9, December 7.
QUARTER = Filters(countries=("BY",), start=dt.date(2026, 10, 1), end=dt.date(2026, 12, 31))
QUARTER_NUMBERS = [5, 12, 24, 25, 26, 27, 29, 30, 31, 32, 33, 34, 35, 36, 44, 45, 47, 56, 62, 66]
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def hand_view(expected_rows, country: str, start: dt.date, end: dt.date) -> list[dict]:
    """The rows of seed_expected.csv a reader keeps for this country and period."""
    return [r for r in expected_rows if country in r["partner_countries"].split(";") and r["start"]
            and dt.date.fromisoformat(r["start"]) <= end and dt.date.fromisoformat(r["end"]) >= start]


def test_the_hand_reading_of_the_reference_view(expected_rows):
    rows = hand_view(expected_rows, "BY", QUARTER.start, QUARTER.end)
    assert [int(r["n"]) for r in rows] == QUARTER_NUMBERS
    assert {r["partner_countries"] for r in rows} == {"BY"}
    assert sum("BY" in r["venue_countries"] for r in rows) == 4 and sum(r["online"] == "1" for r in rows) == 7


@pytest.fixture(scope="module")
def quarter_memo(txt_plan):
    return build_briefing("docx", txt_plan, QUARTER, TODAY).data


def test_memo_page_setup_is_gost(quarter_memo):
    memo = docx.Document(io.BytesIO(quarter_memo))
    section = memo.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                     section.right_margin)]
    assert margins == [20, 20, 20, 10]
    assert len(memo.sections) == 1  # five columns: the table stays on portrait pages
    assert section.different_first_page_header_footer  # no number on page 1
    assert section.first_page_header.paragraphs[0].text == ""
    header = section.header.paragraphs[0]
    assert [f.get(f"{W_NS}instr") for f in header._p.iter(f"{W_NS}fldSimple")] == ["PAGE"]
    assert header.style.paragraph_format.alignment == 1  # centred


def test_memo_text_is_times_new_roman_14_and_tables_12(quarter_memo):
    memo = docx.Document(io.BytesIO(quarter_memo))
    used = {p.style.name for p in memo.paragraphs}
    assert not {name for name in used if name.startswith(("Heading", "Title"))}  # no Word blue headings
    for name in used:
        style = memo.styles[name]
        fonts = style.element.rPr.rFonts if style.element.rPr is not None else None
        font_of = fonts if fonts is not None and fonts.get(f"{W_NS}hAnsi") else memo.styles["Normal"].element.rPr.rFonts
        assert font_of.get(f"{W_NS}hAnsi") == font_of.get(f"{W_NS}cs") == "Times New Roman"
        assert not [k for k in font_of.attrib if k.lower().endswith("theme")]
    assert memo.styles["Normal"].font.size.pt == 14
    assert memo.styles["Справка: текст"].font.size.pt == 14
    cell_styles = {p.style.name for row in memo.tables[-1].rows for c in row.cells for p in c.paragraphs}
    assert cell_styles == {"Справка: таблица"} and memo.styles["Справка: таблица"].font.size.pt == 12


def test_memo_title_subject_and_summary(quarter_memo, txt_plan):
    memo = docx.Document(io.BytesIO(quarter_memo))
    text = [p.text for p in memo.paragraphs]
    assert text[0] == "СПРАВКА"
    assert text[1] == "о международных мероприятиях с участием Республики Беларусь в IV квартале 2026 года"
    assert text[2].startswith(f"Источник: {txt_plan.title} (файл «plan_2026_h2.txt»). По состоянию на ")
    summary = text[3]
    for sentence in [
        "В IV квартале 2026 года планом предусмотрено 20 мероприятий с участием Республики Беларусь.",
        "Из них 19 — в Смоленской области, 4 — за рубежом",
        "; 7 — в дистанционном формате.",
        "За рубежом: Беларусь — 4.",
        "По сферам: образования и науки — 8; культуры и туризма — 4; социального развития — 3; ",
        "Больше всего мероприятий — в октябре 2026 года (10).",
        "Ближайшие мероприятия: Международная промышленная выставка «ИННОПРОМ. Беларусь» "
        "(30.09.2026–02.10.2026, Минск); ",
    ]:
        assert sentence in summary
    assert "Участвуют также" not in summary  # Belarus is the only partner


def test_memo_charts_are_only_those_that_say_something(quarter_memo):
    memo = docx.Document(io.BytesIO(quarter_memo))
    captions = [p.text for p in memo.paragraphs if p.text.startswith("Рисунок")]
    captions += [p.text for t in memo.tables[:-1] for row in t.rows for c in row.cells for p in c.paragraphs
                 if p.text.startswith("Рисунок")]
    # eight spheres, three months, places in Russia and Belarus, 20 dated events; one partner: no chart
    assert sorted(c.split(" — ")[1].split(" (")[0] for c in captions) == [
        "Мероприятия по месяцам", "Мероприятия по сферам", "Места проведения", "Сроки мероприятий"]
    assert len(memo.inline_shapes) == 4


def _memo_charts(memo) -> list:
    """The memo's native charts in document order, read by python-pptx (the DrawingML is Office's own),
    each with the workbook embedded beside it."""
    from pptx.chart.chart import Chart
    from pptx.oxml import parse_xml

    found = []
    for inline in memo.inline_shapes._body.xpath("//wp:inline//c:chart"):
        part = memo.part.related_parts[inline.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")]
        chart = Chart(parse_xml(part.blob), None)
        (book,) = [rel.target_part for rel in part.rels.values() if rel.reltype.endswith("/package")]
        found.append((chart, openpyxl.load_workbook(io.BytesIO(book.blob)).active))
    return found


def test_memo_counts_are_native_word_charts_with_their_data(quarter_memo):
    """By hand (see the reference view above): by sphere 8, 4, 3 and one each in five more; by month
    October 10, November 9, December 7. The map and the Gantt stay pictures."""
    memo = docx.Document(io.BytesIO(quarter_memo))
    (spheres, sphere_sheet), (months, month_sheet) = _memo_charts(memo)
    assert sorted(_counts(spheres).values(), reverse=True) == [8, 4, 3, 1, 1, 1, 1, 1]
    assert {k: _counts(spheres)[k] for k in ("образования и науки", "культуры и туризма", "социального развития")} == {
        "образования и науки": 8, "культуры и туризма": 4, "социального развития": 3}
    assert _counts(months) == {"октябрь": 10, "ноябрь": 9, "декабрь": 7}
    assert list(months.plots[0].categories) == ["октябрь", "ноябрь", "декабрь"]  # in time order
    # the data travels with the chart: its workbook holds the same numbers, editable in Word
    assert [[c.value for c in row] for row in month_sheet.iter_rows(min_row=2)] == [
        ["октябрь", 10], ["ноябрь", 9], ["декабрь", 7]]
    assert sorted(row[1].value for row in sphere_sheet.iter_rows(min_row=2)) == [1, 1, 1, 1, 1, 3, 4, 8]
    assert not spheres.has_legend and spheres.plots[0].has_data_labels
    assert spheres.font.name == "Times New Roman"
    kinds = [shape.type for shape in memo.inline_shapes]
    assert kinds.count(WD_INLINE_SHAPE.CHART) == 2 and kinds.count(WD_INLINE_SHAPE.PICTURE) == 2


def _drawn_ahead(warmer, seconds: float = 120) -> None:
    import time

    deadline = time.monotonic() + seconds
    while not warmer.idle():
        assert time.monotonic() < deadline, "the pictures were not drawn in time"
        time.sleep(0.05)


@pytest.mark.parametrize("busy, drawn_on_click", [(False, 0), (True, 2)])
def test_pictures_are_drawn_ahead_unless_the_machine_is_busy(txt_plan, monkeypatch, busy, drawn_on_click):
    """A page submits its view; the memo clicked then only lays out what was drawn. When the machine
    is busy nothing is drawn ahead, and the click draws the map and the Gantt itself."""
    from smolplan import briefing

    view = dataclasses.replace(QUARTER, text="Смоленск" if busy else "Беларус")  # views no other test drew
    warmer = briefing.PictureWarmer()
    monkeypatch.setattr(briefing, "machine_busy", lambda: busy)
    warmer.submit(txt_plan, view, TODAY)
    _drawn_ahead(warmer)
    drawn = []
    real = briefing.figure_image
    monkeypatch.setattr(briefing, "figure_image", lambda *a, **k: drawn.append(1) or real(*a, **k))
    memo = docx.Document(io.BytesIO(build_briefing("docx", txt_plan, view, TODAY).data))
    assert [shape.type for shape in memo.inline_shapes].count(WD_INLINE_SHAPE.PICTURE) == 2  # the map, the Gantt
    assert len(drawn) == drawn_on_click


def test_a_warmer_outlives_a_view_it_cannot_draw(txt_plan, monkeypatch, caplog):
    """No Chromium (or a picture that fails) costs the warmer nothing: the next view is drawn."""
    from smolplan import briefing

    drawn = []

    def draw(plan, filters, today):
        if filters.months == ("2026-01",):
            raise briefing.ImageError("нет Chromium")
        if filters.months == ("2026-02",):
            raise ValueError("a figure that fails")
        drawn.append(filters.months)

    monkeypatch.setattr(briefing, "draw_pictures", draw)
    monkeypatch.setattr(briefing, "machine_busy", lambda: False)
    warmer = briefing.PictureWarmer()
    for month in ("2026-01", "2026-02", "2026-03"):
        warmer.submit(txt_plan, Filters(months=(month,)), TODAY)
        _drawn_ahead(warmer)
    assert drawn == [("2026-03",)]
    assert [r.getMessage() for r in caplog.records if r.name == "smolplan.briefing"] == [
        "pictures of a view not drawn ahead"]  # the failure is logged; a missing Chromium is not


def test_a_warmer_keeps_only_the_newest_views_waiting(txt_plan, monkeypatch):
    from smolplan import briefing

    started = threading.Event()
    monkeypatch.setattr(briefing, "draw_pictures", lambda *view: started.wait(30))
    monkeypatch.setattr(briefing, "machine_busy", lambda: False)
    warmer = briefing.PictureWarmer()
    warmer.submit(txt_plan, Filters(months=("2026-01",)), TODAY)  # taken at once, and drawing
    while not warmer._drawing:
        started.wait(0.01)
    for month in range(2, 8):  # of the six views behind it, the four newest wait
        warmer.submit(txt_plan, Filters(months=(f"2026-{month:02d}",)), TODAY)
    assert [key[2].months for key in warmer._views] == [("2026-04",), ("2026-05",), ("2026-06",), ("2026-07",)]
    started.set()
    _drawn_ahead(warmer)


def test_memo_table_lists_the_view_and_says_the_common_partner_once(quarter_memo):
    memo = docx.Document(io.BytesIO(quarter_memo))
    table = memo.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["№ п/п", "Наименование мероприятия", "Сроки", "Место проведения"]
    assert [int(row.cells[0].text) for row in table.rows[1:]] == QUARTER_NUMBERS
    minsk = table.rows[1].cells
    assert minsk[2].text == "30 сентября – 2 октября 2026 года" and minsk[3].text == "г. Минск,\nРеспублика Беларусь"  # the venue's two paragraphs
    assert "Перечень мероприятий (20). Страны-партнёры во всех мероприятиях: Беларусь" in [p.text for p in memo.paragraphs]
    tr = table.rows[0]._tr
    assert tr.find(f"{W_NS}trPr/{W_NS}tblHeader") is not None  # repeated on every page


def test_memo_and_deck_with_executors_show_them():
    plan = load_plan(EXECUTORS_CSV)
    memo = docx.Document(io.BytesIO(build_briefing("docx", plan, Filters(), TODAY, with_charts=False).data))
    assert memo.sections[-1].orientation == 1 and memo.sections[0].orientation == 0
    table = memo.tables[-1]
    assert [c.text for c in table.rows[0].cells][-1] == "Исполнители"
    assert table.rows[1].cells[-1].text == ("Министерство экономического развития Смоленской области; "
                                            "Департамент культуры, туризма и спорта")  # verbatim
    assert table.rows[2].cells[-1].text == "ОГБУК «Центр», Министерство культуры"
    tables = deck_tables(build_briefing("pptx", plan, Filters(), TODAY, with_charts=False).data)
    assert [c.text for c in tables[0].rows[0].cells][-1] == "Исполнители"
    assert list(tables[0].rows[2].cells)[-1].text == "ОГБУК «Центр», Министерство культуры"


def test_workbook_has_executors_and_every_extra_column():
    plan = load_plan(EXECUTORS_CSV)
    book = openpyxl.load_workbook(io.BytesIO(build_briefing("xlsx", plan, Filters(), TODAY).data))
    sheet = book["Мероприятия"]
    header = [c.value for c in sheet[2]]
    assert header[-3:] == ["Исполнители", "Количество участников", "Объем финансирования (тыс. руб.)"]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [r[-3:] for r in rows] == [
        ("Министерство экономического развития Смоленской области; Департамент культуры, туризма и спорта", "50",
         "120,5"),
        ("ОГБУК «Центр», Министерство культуры", "200", None)]


def test_every_sheet_prints_landscape_fitted_to_the_width(workbook):
    for sheet in workbook:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert sheet.print_title_rows == "$2:$2", sheet.title  # the header on every page
        assert sheet.freeze_panes == "A3" and sheet.auto_filter.ref.startswith("A2:"), sheet.title
        assert sheet["A1"].value.startswith("Мероприятия с участием Республики Беларусь"), sheet.title
    events = workbook["Мероприятия"]
    # a row is as tall as its fullest wrapped cell: № 5's long description is on the detail sheet
    heights = [events.row_dimensions[r].height for r in range(3, events.max_row + 1)]
    assert min(heights) >= 15 and max(heights) > 15


@pytest.fixture(scope="module")
def everything_deck(txt_plan):
    return pptx.Presentation(io.BytesIO(build_briefing("pptx", txt_plan, Filters(), TODAY).data))


def _charts(deck) -> dict[str, object]:
    return {slide.shapes[0].text_frame.text: shape.chart for slide in deck.slides for shape in slide.shapes
            if shape.has_chart}


def _counts(chart) -> dict[str, float]:
    """A native chart's bars by label, a label's line breaks read as spaces."""
    return {c.replace("\n", " "): v for c, v in zip(chart.plots[0].categories, chart.series[0].values)}


def test_deck_is_16_9_with_title_and_key_figures(everything_deck, txt_plan):
    assert (everything_deck.slide_width, everything_deck.slide_height) == (12191695, 6858000)
    title = everything_deck.slides[0].shapes
    assert title[0].text_frame.text == "Справка\nО международных мероприятиях"
    assert f"Источник: {txt_plan.title}" in title[1].text_frame.text
    assert "Отбор: все мероприятия плана" in title[1].text_frame.text
    figures = [s.text_frame.text for s in everything_deck.slides[1].shapes if s.has_text_frame]
    assert figures[0] == "Основные показатели" and "67\nмероприятий" in figures
    fonts = {r.font.name for slide in everything_deck.slides for s in slide.shapes if s.has_text_frame
             for p in s.text_frame.paragraphs for r in p.runs}
    assert fonts == {"Arial"}


def test_deck_native_charts_hold_the_hand_counts(everything_deck, expected_rows):
    from collections import Counter

    from smolplan.countries import country_name_ru

    charts_by_title = _charts(everything_deck)
    assert set(charts_by_title) == {"Мероприятия по сферам", "Мероприятия по странам-партнёрам",
                                    "Мероприятия по месяцам (мероприятие учтено в каждом месяце своих сроков)"}
    spheres = Counter(r["sphere"] for r in expected_rows)
    chart = charts_by_title["Мероприятия по сферам"]
    assert _counts(chart) == spheres
    # bars read top to bottom from the most events (Office draws the first category at the bottom)
    assert list(chart.series[0].values)[::-1] == sorted(spheres.values(), reverse=True)
    assert "молодежной политики и\nгражданско-патриотического\nвоспитания" in chart.plots[0].categories  # wrapped
    partners = Counter(country_name_ru(c) for r in expected_rows for c in r["partner_countries"].split(";") if c)
    chart = charts_by_title["Мероприятия по странам-партнёрам"]
    assert _counts(chart) == partners
    months = Counter()
    for r in expected_rows:
        if r["start"]:
            for stamp in pd.date_range(pd.Timestamp(r["start"]).to_period("M").to_timestamp(), r["end"], freq="MS"):
                months[(stamp.year, stamp.month)] += 1
    chart = charts_by_title["Мероприятия по месяцам (мероприятие учтено в каждом месяце своих сроков)"]
    assert list(chart.series[0].values) == [months[k] for k in sorted(months)]
    # from January 2026 ("каждый месяц на протяжении 2026 года") to January 2027 (№ 25 ends 11.01.2027)
    assert list(chart.plots[0].categories)[0] == "январь 2026" and list(chart.plots[0].categories)[-1] == "январь 2027"


def test_deck_tables_hold_every_event_once(everything_deck):
    numbers = [int(row.cells[0].text) for slide in everything_deck.slides for s in slide.shapes if s.has_table
               for row in list(s.table.rows)[1:]]
    assert numbers == list(range(1, 68))


@pytest.mark.parametrize("heights, expected", [
    ([1, 1, 1], [[0, 1, 2]]),  # all fit
    ([4, 4, 4], [[0, 1], [2]]),  # header 1 + 4 + 4 = 9 of 10
    ([12, 1], [[0], [1]]),  # a row taller than a slide has a slide of its own
])
def test_table_rows_are_paginated_by_their_height(heights, expected):
    from smolplan import deck

    size = deck.TABLE_SIZE
    line = size * deck.LINE
    per_line = int((100 - deck.CELL_SIDE_PT) / (size * deck.GLYPH_EM))
    rows = [[" ".join(["x" * per_line] * h)] for h in heights]  # h lines in a 100 pt column
    page = 10 * line + deck.CELL_MARGIN_PT * 4  # room for ten lines and four cells' margins
    assert deck.paginate(rows, ["№"], [100], page) == expected


def _render(tmp_path, name: str, data: bytes, folder: str, dpi: int = 60) -> list:
    """LibreOffice to PDF, pdftoppm to PNG in artifacts/<folder>/ (to be looked at); the page images."""
    path = tmp_path / name
    path.write_bytes(data)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=240)
    pdf = path.with_suffix(".pdf")
    assert pdf.exists(), f"LibreOffice could not open {name}"
    artifacts = ROOT / "artifacts" / folder
    artifacts.mkdir(parents=True, exist_ok=True)
    for old in artifacts.glob("page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(artifacts / "page")], check=True, timeout=240)
    return sorted(artifacts.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[1])), pdf


needs_office = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftoppm") and shutil.which("pdftotext")),
                                  reason="LibreOffice/poppler missing")


@needs_office
def test_reference_memo_fits_four_pages(quarter_memo, tmp_path):
    """LibreOffice sets Times New Roman in DejaVu Serif here, wider than Times: Word's pages are no more."""
    from smolplan.images import png_size

    pages, pdf = _render(tmp_path, "spravka.docx", quarter_memo, "memo", dpi=70)
    assert len(pages) == 4
    assert all(w < h for w, h in (png_size(p.read_bytes()) for p in pages))  # portrait throughout
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    first, *rest = text.split("\f")
    assert "СПРАВКА" in first and not first.strip().startswith("1")  # no number on page 1
    assert rest[0].strip().startswith("2") and rest[2].strip().startswith("4")  # numbers on top from page 2


@needs_office
def test_a_chart_too_tall_for_the_first_page_lets_a_shorter_one_fill_it(txt_plan, tmp_path):
    """All 67 events: the summary takes half of page 1; the eleven spheres' bars (long labels) do not
    fit below it, so the months' columns come first there, and the bars open page 2."""
    data = build_briefing("docx", txt_plan, Filters(), TODAY).data
    pages, pdf = _render(tmp_path, "spravka_all.docx", data, "memo_all", dpi=50)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout.split("\f")
    assert "Рисунок 1 — Мероприятия по месяцам" in " ".join(text[0].split())
    assert "Рисунок 2 — Мероприятия по сферам" in " ".join(text[1].split())


@needs_office
def test_deck_tables_stay_on_their_slides(txt_plan, tmp_path):
    """Each table slide's last row is drawn inside the slide (LibreOffice grows rows to fit their text)."""
    data = build_briefing("pptx", txt_plan, BELARUS, TODAY).data
    pages, pdf = _render(tmp_path, "deck.pptx", data, "deck", dpi=50)
    deck = pptx.Presentation(io.BytesIO(data))
    assert len(pages) == len(deck.slides)
    width, height = deck.slide_width / 12700, deck.slide_height / 12700  # EMU to points
    checked = 0
    for number, slide in enumerate(deck.slides, start=1):
        tables = [s.table for s in slide.shapes if s.has_table]
        if not tables:
            continue
        inside = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-x", "0", "-y", "0",
                                 "-W", str(int(width)), "-H", str(int(height) - 4), str(pdf), "-"],
                                capture_output=True, text=True).stdout
        last = list(tables[0].rows)[-1].cells[1].text.split()[:2]
        assert " ".join(last) in " ".join(inside.split()), (number, last)
        checked += 1
    assert checked >= 3  # 47 events need several slides


@needs_office
def test_workbook_prints_on_landscape_pages(tmp_path, txt_plan):
    from smolplan.images import png_size

    data = build_briefing("xlsx", txt_plan, QUARTER, TODAY).data
    pages, pdf = _render(tmp_path, "spravka.xlsx", data, "workbook", dpi=60)
    assert all(w > h for w, h in (png_size(p.read_bytes()) for p in pages))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    sheets = text.split("\f")
    assert "Мероприятия с участием Республики Беларусь, октябрь–декабрь 2026 — 20 из 67, перечень" in " ".join(
        sheets[0].split())
    # the header row is repeated on the list's second page, when it has one
    assert len(pages) <= 8


# Twenty partner countries, one event each, and three more with Egypt: 21 bars would not be read.
MANY_COUNTRIES = ["Египет", "Алжир", "Индия", "Китай", "Вьетнам", "Лаос", "Монголия", "Куба", "Бразилия", "Перу",
                  "Чили", "Сербия", "Турция", "Иран", "Ирак", "Сирия", "Мали", "Нигер", "Кения", "Гана"]
MANY_COUNTRIES_CSV = "№;Наименование мероприятия;Место проведения;Сроки проведения;Описание;Цель;Участники\n;В сфере экономики;;;;;\n" + "".join(
    f"{i};Встреча {i};г. Смоленск;{month} 2027 г.;Встреча;Связи;{country}\n"
    for i, (country, month) in enumerate(zip(MANY_COUNTRIES + ["Египет"] * 3, ["март", "май"] * 12), start=1))


def test_a_chart_of_many_countries_shows_the_largest_and_says_so():
    plan = load_plan(MANY_COUNTRIES_CSV.encode("utf-8"), name="plan.csv")
    memo = docx.Document(io.BytesIO(build_briefing("docx", plan, Filters(), TODAY).data))
    captions = [p.text for p in memo.paragraphs if p.text.startswith("Рисунок")]
    assert [c.split(" — ", 1)[1] for c in captions if "странам" in c] == [
        "Мероприятия по странам-партнёрам (первые 15 из 20 по числу мероприятий)"]
    (countries, _), = [c for c in _memo_charts(memo) if c[0].plots[0].categories[0] != "март"]
    bars = _counts(countries)
    assert len(bars) == 15 and bars["Египет"] == 4 and list(countries.series[0].values)[-1] == 4  # Egypt on top
