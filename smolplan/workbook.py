"""The Excel workbook of a briefing: the filtered events, their counts, and where they came from.

Every text cell is written as text: a cell starting with "=", "+", "-" or "@" is never a formula
(openpyxl would otherwise store "=HYPERLINK(…)" from a document cell as one). Control characters
a document may carry (XML cannot hold them) are dropped, here and in the memo.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from copy import copy

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from smolplan import counts
from smolplan.countries import country_name_ru
from smolplan.filters import Filters, describe_filters, filter_rows
from smolplan.wording import PRECISION_RU
from smolplan.places import LEVEL_NAMES_RU
from smolplan.serialise import spreadsheet_safe
from smolplan.reading import FIELD_TITLES_RU
from smolplan.text import without_control_chars as printable

HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
DATE_FORMAT = "DD.MM.YYYY"


def _put(sheet: Worksheet, row: int, column: int, value) -> None:
    """Write a value; text stays text whatever it starts with."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = printable(value)
        cell.data_type = "s"  # never "f": "=…" in a document is text
    elif isinstance(value, (dt.date, pd.Timestamp)):
        if pd.isna(value):
            return
        cell.value = pd.Timestamp(value).to_pydatetime().date() if isinstance(value, pd.Timestamp) else value
    elif value is None or (isinstance(value, float) and pd.isna(value)):
        return
    else:
        cell.value = value


TITLE_ROW, HEADER_ROW = 1, 2
LINE_HEIGHT = 15  # points per wrapped line of 11 pt Calibri
MAX_ROW_HEIGHT = 409  # Excel's limit


def _lines(value, width: float) -> int:
    """Wrapped lines a cell needs at `width` characters (Excel's column unit is about one digit)."""
    if value is None or not isinstance(value, str):
        return 1
    return sum(max(1, math.ceil(len(part) / max(width - 1, 1))) for part in value.split("\n"))


def _styles(sheet: Worksheet, alignment: Alignment):
    """The style arrays of a wrapped text cell and of a wrapped date cell."""
    probe = sheet.cell(row=sheet.max_row + 1, column=1)
    probe.alignment = alignment
    plain = copy(probe._style)
    probe.number_format = DATE_FORMAT
    dated = copy(probe._style)
    sheet._cells.pop((probe.row, probe.column))
    return plain, dated


def _table(sheet: Worksheet, title: str, header: list[str], rows: list[list], widths: list[float]) -> None:
    """A titled table that prints: landscape, as wide as the page, the header on every page, rows tall
    enough for their wrapped text; header frozen and filtered on screen."""
    _put(sheet, TITLE_ROW, 1, title)
    sheet.cell(row=TITLE_ROW, column=1).font = Font(bold=True, size=12)
    sheet.cell(row=TITLE_ROW, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    if len(header) > 1:
        sheet.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=len(header))
    sheet.row_dimensions[TITLE_ROW].height = 18 * _lines(title, sum(widths) / 1.1)
    for column, text in enumerate(header, start=1):
        _put(sheet, HEADER_ROW, column, text)
        cell = sheet.cell(row=HEADER_ROW, column=column)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[HEADER_ROW].height = LINE_HEIGHT * max(_lines(t, w) for t, w in zip(header, widths))
    # Styles made once and copied: openpyxl looks a style up anew on every assignment (half the time
    # of a 10,000-event workbook).
    plain, dated = _styles(sheet, Alignment(wrap_text=True, vertical="top"))
    for r, values in enumerate(rows, start=HEADER_ROW + 1):
        for column, value in enumerate(values, start=1):
            _put(sheet, r, column, value)
            cell = sheet.cell(row=r, column=column)
            cell._style = copy(dated if cell.is_date else plain)
        lines = max((_lines(v, w) for v, w in zip(values, widths)), default=1)
        sheet.row_dimensions[r].height = min(MAX_ROW_HEIGHT, LINE_HEIGHT * lines)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1).coordinate
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(header))}{HEADER_ROW + max(0, len(rows))}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_options.gridLines = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.center.text = "&P / &N"


def _names(codes: list[str]) -> str:
    return ", ".join(country_name_ru(c) for c in codes)


EVENT_COLUMNS = [
    (FIELD_TITLES_RU["n"], 6), ("Сфера", 16), (FIELD_TITLES_RU["title"], 34), (FIELD_TITLES_RU["venue"], 28),
    (FIELD_TITLES_RU["dates"], 18), (FIELD_TITLES_RU["description"], 40), (FIELD_TITLES_RU["goal"], 34),
    (FIELD_TITLES_RU["participants"], 34), ("Начало", 11), ("Окончание", 11), ("Точность даты", 12),
    ("Примечание к дате", 14), ("Места", 22), ("Страны проведения", 14), ("Страны-партнёры", 16),
    ("Дистанционно", 9),
]
EXECUTORS_COLUMN = ("Исполнители", 30)
SECTION_NUMBER_COLUMN = ("Номер раздела", 9)  # after "Сфера", when the plan numbers its sections
EXTRA_WIDTH = 18
# The two printed sheets: the list a reader scans, and the full text of the fields (each fits a
# landscape page's width legibly; all of them on one sheet would print at a third of the size).
LIST_SHEET = {FIELD_TITLES_RU["n"]: 6, "Сфера": 16, FIELD_TITLES_RU["title"]: 42, FIELD_TITLES_RU["dates"]: 18,
              FIELD_TITLES_RU["venue"]: 32, "Страны-партнёры": 16, "Начало": 11, "Окончание": 11,
              "Точность даты": 12, "Дистанционно": 9}
DETAIL_SHEET = {FIELD_TITLES_RU["n"]: 6, SECTION_NUMBER_COLUMN[0]: 9, FIELD_TITLES_RU["title"]: 30,
                FIELD_TITLES_RU["description"]: 50, FIELD_TITLES_RU["goal"]: 40, FIELD_TITLES_RU["participants"]: 40, "Примечание к дате": 14,
                "Места": 24, "Страны проведения": 14}


def extra_titles(events: pd.DataFrame) -> list[str]:
    """The plan's columns beyond ours («Количество участников» …), in the order the events carry them."""
    return list(dict.fromkeys(title for extras in events["extras"] for title in extras))


def event_columns(events: pd.DataFrame, executors: bool) -> list[tuple[str, float]]:
    """(title, width) of the events sheet: ours (the section number when there is one), the executors when
    the plan has them, then every extra column."""
    numbered = [SECTION_NUMBER_COLUMN] if has_section_numbers(events) else []
    return [*EVENT_COLUMNS[:2], *numbered, *EVENT_COLUMNS[2:], *([EXECUTORS_COLUMN] if executors else []),
            *((title, EXTRA_WIDTH) for title in extra_titles(events))]


def event_rows(events: pd.DataFrame, executors: bool) -> list[list]:
    extras = extra_titles(events)
    numbered = has_section_numbers(events)
    return [
        [
            int(e["n"]), e["sphere"], *([e["sphere_number"]] if numbered else []), e["title"], e["venue"],
            e["dates"], e["description"], e["goal"], e["participants"], e["start"], e["end"], PRECISION_RU[str(e["precision"])], e["date_note"],
            "; ".join(f"{p['name']} ({LEVEL_NAMES_RU[p['level']]})" for p in e["places"]),
            _names(e["venue_countries"]), _names(e["partner_countries"]), "да" if e["online"] else "нет",
            *([e["executors"]] if executors else []), *(e["extras"].get(title, "") for title in extras),
        ]
        for e in events.to_dict("records")
    ]


def has_executors(events: pd.DataFrame) -> bool:
    return bool(events["executors"].astype(bool).any())


def has_section_numbers(events: pd.DataFrame) -> bool:
    return bool(events["sphere_number"].astype(bool).any())


def events_csv(events: pd.DataFrame) -> bytes:
    """The events sheet as CSV for Excel in Russian settings: the same Russian columns, dates as
    ДД.ММ.ГГГГ, ";" between fields, UTF-8 with BOM, formula-like text neutralised."""
    executors = has_executors(events)
    table = pd.DataFrame(event_rows(events, executors), columns=[t for t, _ in event_columns(events, executors)])
    for column in ("Начало", "Окончание"):
        table[column] = pd.to_datetime(table[column]).dt.strftime("%d.%m.%Y")
    return spreadsheet_safe(table).to_csv(index=False, sep=";").encode("utf-8-sig")


def to_xlsx(events: pd.DataFrame, filters: Filters, source: str, loaded_at: dt.datetime,
            total_events: int, executors: bool = False, now: dt.datetime | None = None) -> bytes:
    """The workbook: events, counts by sphere / partner country / month, and the source with the filters.
    Each sheet's first row names the view, so a printed page says which events it lists."""
    now = now or dt.datetime.now()
    view = printable(describe_filters(filters))
    stamp = f"план «{source}», выгрузка {now:%d.%m.%Y %H:%M}"
    book = Workbook()
    columns = event_columns(events, executors)
    titles = [t for t, _ in columns]
    rows = event_rows(events, executors)
    listed = [i for i, t in enumerate(titles) if t in LIST_SHEET or t not in DETAIL_SHEET]  # + executors, extras
    detailed = [i for i, t in enumerate(titles) if t in DETAIL_SHEET]
    for sheet, chosen, widths, what in ((book.active, listed, LIST_SHEET, "перечень"),
                                        (book.create_sheet("Подробно"), detailed, DETAIL_SHEET, "описание, цель, участники")):
        _table(sheet, f"{view} — {len(events)} из {total_events}, {what} ({stamp})", [titles[i] for i in chosen],
               [[row[i] for i in chosen] for row in rows], [widths.get(titles[i], columns[i][1]) for i in chosen])
    book.active.title = "Мероприятия"

    spheres = counts.by_sphere(events)
    _table(book.create_sheet("По сферам"), f"{view}: по сферам", ["Сфера", "Мероприятий"],
           spheres[["sphere", "events"]].values.tolist(), [60, 14])
    by_country = counts.by_country(events)
    _table(book.create_sheet("По странам"), f"{view}: по странам-партнёрам", ["Страна-партнёр", "Код", "Мероприятий"],
           by_country[["name", "country", "events"]].values.tolist(), [40, 22, 14])
    months = counts.by_month(events)
    _table(book.create_sheet("По месяцам"), f"{view}: по месяцам", ["Месяц", "Мероприятий"],
           [[m.date(), int(n)] for m, n in zip(months["month"], months["events"])], [24, 14])
    for row in range(HEADER_ROW + 1, len(months) + HEADER_ROW + 1):
        book["По месяцам"].cell(row=row, column=1).number_format = "MM.YYYY"

    rows = [
        ["Файл плана", source],
        ["План загружен", loaded_at.strftime("%d.%m.%Y %H:%M")],
        ["Выгрузка сделана", now.strftime("%d.%m.%Y %H:%M")],
        ["Отбор", describe_filters(filters)],
        ["Мероприятий в выгрузке", f"{len(events)} из {total_events}"],
        *filter_rows(filters),
    ]
    _table(book.create_sheet("Источник"), f"{view}: источник и отбор", ["Что", "Значение"], rows, [28, 90])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
