"""The Excel workbook of a briefing: the filtered events, their counts, and where they came from.

Every text cell is written as text: a cell starting with "=", "+", "-" or "@" is never a formula
(openpyxl would otherwise store "=HYPERLINK(…)" from a document cell as one). Control characters
a document may carry (XML cannot hold them) are dropped, here and in the memo.
"""

from __future__ import annotations

import datetime as dt
import io
import re

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

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
DATE_FORMAT = "DD.MM.YYYY"


def printable(text: str) -> str:
    """The text without the control characters XML (xlsx, docx) cannot hold; tabs and line breaks stay."""
    return _CONTROL.sub("", text)


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
        cell.number_format = DATE_FORMAT
    elif value is None or (isinstance(value, float) and pd.isna(value)):
        return
    else:
        cell.value = value


def _table(sheet: Worksheet, header: list[str], rows: list[list], widths: list[int]) -> None:
    for column, title in enumerate(header, start=1):
        _put(sheet, 1, column, title)
        cell = sheet.cell(row=1, column=column)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for r, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            _put(sheet, r, column, value)
            sheet.cell(row=r, column=column).alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(1, len(rows) + 1)}"


def _names(codes: list[str]) -> str:
    return ", ".join(country_name_ru(c) for c in codes)


EVENT_COLUMNS = [
    (FIELD_TITLES_RU["n"], 7), ("Сфера", 22), (FIELD_TITLES_RU["title"], 45), (FIELD_TITLES_RU["venue"], 35),
    (FIELD_TITLES_RU["dates"], 22), (FIELD_TITLES_RU["description"], 60), (FIELD_TITLES_RU["goal"], 50),
    (FIELD_TITLES_RU["participants"], 50), ("Начало", 12), ("Окончание", 12), ("Точность даты", 16),
    ("Примечание к дате", 20), ("Места", 30), ("Страны проведения", 18), ("Страны-партнёры", 25),
    ("Дистанционно", 13),
]


def event_rows(events: pd.DataFrame) -> list[list]:
    return [
        [
            int(e["n"]), e["sphere"], e["title"], e["venue"], e["dates"], e["description"], e["goal"],
            e["participants"], e["start"], e["end"], PRECISION_RU[str(e["precision"])], e["date_note"],
            "; ".join(f"{p['name']} ({LEVEL_NAMES_RU[p['level']]})" for p in e["places"]),
            _names(e["venue_countries"]), _names(e["partner_countries"]), "да" if e["online"] else "нет",
        ]
        for e in events.to_dict("records")
    ]


def events_csv(events: pd.DataFrame) -> bytes:
    """The events sheet as CSV for Excel in Russian settings: the same Russian columns, dates as
    ДД.ММ.ГГГГ, ";" between fields, UTF-8 with BOM, formula-like text neutralised."""
    table = pd.DataFrame(event_rows(events), columns=[title for title, _ in EVENT_COLUMNS])
    for column in ("Начало", "Окончание"):
        table[column] = pd.to_datetime(table[column]).dt.strftime("%d.%m.%Y")
    return spreadsheet_safe(table).to_csv(index=False, sep=";").encode("utf-8-sig")


def to_xlsx(events: pd.DataFrame, filters: Filters, source: str, loaded_at: dt.datetime,
            total_events: int, now: dt.datetime | None = None) -> bytes:
    """The workbook: events, counts by sphere / partner country / month, and the source with the filters."""
    now = now or dt.datetime.now()
    book = Workbook()
    sheet = book.active
    sheet.title = "Мероприятия"
    _table(sheet, [c for c, _ in EVENT_COLUMNS], event_rows(events), [w for _, w in EVENT_COLUMNS])

    spheres = counts.by_sphere(events)
    _table(book.create_sheet("По сферам"), ["Сфера", "Мероприятий"],
           spheres[["sphere", "events"]].values.tolist(), [60, 14])
    by_country = counts.by_country(events)
    _table(book.create_sheet("По странам"), ["Страна-партнёр", "Код", "Мероприятий"],
           by_country[["name", "country", "events"]].values.tolist(), [40, 22, 14])
    months = counts.by_month(events)
    _table(book.create_sheet("По месяцам"), ["Месяц", "Мероприятий"],
           [[m.date(), int(n)] for m, n in zip(months["month"], months["events"])], [14, 14])
    for row in range(2, len(months) + 2):
        book["По месяцам"].cell(row=row, column=1).number_format = "MM.YYYY"

    about = book.create_sheet("Источник")
    rows = [
        ["Файл плана", source],
        ["План загружен", loaded_at.strftime("%d.%m.%Y %H:%M")],
        ["Выгрузка сделана", now.strftime("%d.%m.%Y %H:%M")],
        ["Отбор", describe_filters(filters)],
        ["Мероприятий в выгрузке", f"{len(events)} из {total_events}"],
        *filter_rows(filters),
    ]
    _table(about, ["Что", "Значение"], rows, [28, 90])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
