"""The Word memo of a briefing: title, period, filters, key figures, charts, and the table of events.

A4, Times New Roman throughout (headings too: Word's template would give them its theme font).
The table is in a landscape section: five columns of Russian text do not fit a portrait page.
"""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from smolplan.countries import country_name_ru
from smolplan.filters import Filters, describe_filters
from smolplan.wording import period_in_words
from smolplan.workbook import filter_rows, printable

FONT = "Times New Roman"
A4 = (Cm(21.0), Cm(29.7))
PICTURE_WIDTH, PICTURE_MAX_HEIGHT = Cm(17), Cm(23)
TABLE_COLUMNS = [("№", 1.2), ("Наименование", 9.0), ("Место проведения", 6.0), ("Сроки", 4.5), ("Страны-партнёры", 4.5)]
FIGURE_LABELS = {"events": "Мероприятий", "countries": "Стран-партнёров", "spheres": "Сфер",
                 "abroad": "За рубежом", "next_30_days": "В ближайшие 30 дней"}


def _style(document: Document) -> None:
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        style = document.styles[name]
        style.font.name = FONT
        fonts = style.element.rPr.rFonts
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)  # a theme font overrides the named one
        fonts.set(qn("w:eastAsia"), FONT)
        fonts.set(qn("w:cs"), FONT)
    document.styles["Normal"].font.size = Pt(12)
    document.styles["Title"].font.size = Pt(20)
    for name in ("Title", "Heading 1", "Heading 2"):
        document.styles[name].font.color.rgb = RGBColor(0x1F, 0x2A, 0x44)


def _row_property(row, name: str) -> None:
    """w:tblHeader (repeat on every page) or w:cantSplit (a row is never broken across pages)."""
    element = OxmlElement(name)
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def memo_period(events: pd.DataFrame, filters: Filters) -> str:
    """The period the memo covers: the filter's, else the span of the events' dates."""
    chosen = period_in_words(filters.start, filters.end)
    if chosen:
        return chosen
    if events["start"].notna().any():
        return f"весь срок плана (мероприятия с {events['start'].min():%d.%m.%Y} по {events['end'].max():%d.%m.%Y})"
    return "весь срок плана"


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels, from the PNG header."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _add_picture(document: Document, png: bytes) -> None:
    """A chart as wide as the text, unless that makes it taller than a page: then as tall as allowed."""
    width, height = png_size(png)
    if PICTURE_WIDTH * height / width > PICTURE_MAX_HEIGHT:
        document.add_picture(io.BytesIO(png), height=PICTURE_MAX_HEIGHT)
    else:
        document.add_picture(io.BytesIO(png), width=PICTURE_WIDTH)


def to_docx_memo(events: pd.DataFrame, filters: Filters, figures: dict[str, int], charts: list[tuple[str, bytes]],
                 source: str, plan_title: str, now: dt.datetime | None = None) -> bytes:
    """`charts`: (caption, PNG bytes) pairs, drawn in this order; `figures` as `counts.key_figures`."""
    now = now or dt.datetime.now()
    document = Document()
    _style(document)
    section = document.sections[0]
    section.page_width, section.page_height = A4
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(1.8)

    document.add_heading("Справка о международных мероприятиях", level=0)
    document.add_paragraph(printable(describe_filters(filters))).runs[0].bold = True
    document.add_paragraph(f"Период: {memo_period(events, filters)}.")
    document.add_paragraph(printable(f"Источник: {plan_title} (файл «{source}»). Подготовлено {now:%d.%m.%Y %H:%M}."))

    document.add_heading("Отбор", level=1)
    for name, value in filter_rows(filters):
        if value != "—":
            document.add_paragraph(printable(f"{name}: {value}"), style="List Bullet")
    if not filters.active:
        document.add_paragraph("Без фильтров: все мероприятия плана.", style="List Bullet")

    document.add_heading("Основные показатели", level=1)
    table = document.add_table(rows=1, cols=len(FIGURE_LABELS))
    table.style = "Table Grid"
    for cell, (key, label) in zip(table.rows[0].cells, FIGURE_LABELS.items()):
        cell.text = ""
        number = cell.paragraphs[0].add_run(str(figures.get(key, 0)))
        number.bold = True
        number.font.size = Pt(18)
        cell.add_paragraph(label).runs[0].font.size = Pt(10)
        for paragraph in cell.paragraphs:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    if charts:
        document.add_heading("Графики", level=1)
        for caption, png in charts:
            _add_picture(document, png)
            document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            document.add_paragraph(caption).alignment = WD_ALIGN_PARAGRAPH.CENTER

    landscape = document.add_section(WD_SECTION.NEW_PAGE)
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = section.page_height, section.page_width
    document.add_heading(f"Перечень мероприятий ({len(events)})", level=1)
    grid = document.add_table(rows=1, cols=len(TABLE_COLUMNS))
    grid.style = "Table Grid"
    grid.autofit = False  # LibreOffice and Word keep the widths below only without autofit
    for column, (_, width) in zip(grid.columns, TABLE_COLUMNS):
        column.width = Cm(width)
    for cell, (title, width) in zip(grid.rows[0].cells, TABLE_COLUMNS):
        cell.text = title
        cell.paragraphs[0].runs[0].bold = True
        cell.paragraphs[0].runs[0].font.size = Pt(10)
        cell.width = Cm(width)
    _row_property(grid.rows[0], "w:tblHeader")
    for event in events.to_dict("records"):
        values = [str(event["n"]), event["title"], event["venue"], event["dates"],
                  ", ".join(country_name_ru(c) for c in event["partner_countries"]) or "—"]
        row = grid.add_row()
        _row_property(row, "w:cantSplit")
        cells = row.cells
        for cell, value, (_, width) in zip(cells, values, TABLE_COLUMNS):
            cell.text = printable(value)
            cell.width = Cm(width)
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(10)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
