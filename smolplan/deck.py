"""The PowerPoint deck of a briefing (16:9): title, key figures, native charts, map and timeline
pictures, and the events as native tables over as many slides as they need.

Charts by sphere, partner country and month are PowerPoint's own (their data travels with them and
can be edited there); the map and the Gantt have no PowerPoint counterpart and come as pictures.
A table slide takes rows while their estimated height fits: a row's height follows from its longest
cell, the cell's lines from its text length and the column's width at the font size, so no row runs
off the slide and no event is left out. Fonts are Arial, found on every office machine.
"""

from __future__ import annotations

import io
import math
from xml.sax.saxutils import escape
from typing import Callable

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Cm, Emu, Inches, Pt

from smolplan import office_charts
from smolplan.briefing_charts import PrintChart
from smolplan.memo import column_widths, wrapped_lines
from smolplan.images import png_size
from smolplan.text import without_control_chars as printable

FONT = "Arial"
SLIDE_WIDTH, SLIDE_HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
TITLE_TOP, TITLE_HEIGHT = Inches(0.3), Inches(0.8)
BODY_TOP = TITLE_TOP + TITLE_HEIGHT + Inches(0.1)
BODY_HEIGHT = SLIDE_HEIGHT - BODY_TOP - Inches(0.4)
BODY_WIDTH = SLIDE_WIDTH - 2 * MARGIN
DARK, ACCENT = RGBColor(0x1F, 0x2A, 0x44), RGBColor(0x1F, 0x4E, 0x79)
TABLE_SIZE = 12  # pt, in the events tables
LINE = 1.2  # line height as a multiple of the font size
CELL_MARGIN_PT = 3.6 * 2  # python-pptx's default top + bottom cell margins (0.05 in each)
CELL_SIDE_PT = 7.2 * 2  # left + right (0.1 in each)
GLYPH_EM = 0.6  # a letter's average width in ems: Arial's Cyrillic ~0.55, DejaVu Sans (its stand-in here) ~0.6
LABEL_CHARS = 28  # of a bar's label line: 14 pt Arial in the quarter of the slide LibreOffice gives labels
PICTURE_PIXELS = 720  # as the memo's, so the two files of one view share each picture

Draw = Callable[[PrintChart, int], bytes]


def _text(frame, text: str, size: int, bold: bool = False, color: RGBColor = DARK, align=PP_ALIGN.LEFT) -> None:
    """Set a text frame's text: one paragraph per line, all in Arial."""
    frame.word_wrap = True
    for i, line in enumerate(printable(text).split("\n")):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = line
        run.font.name, run.font.size, run.font.bold, run.font.color.rgb = FONT, Pt(size), bold, color


def _slide(deck, title: str):
    slide = deck.slides.add_slide(deck.slide_layouts[6])  # blank: every box placed here
    box = slide.shapes.add_textbox(MARGIN, TITLE_TOP, BODY_WIDTH, TITLE_HEIGHT)
    box.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    _text(box.text_frame, title, 24, bold=True)
    return slide


def _title_slide(deck, briefing) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    box = slide.shapes.add_textbox(MARGIN, Inches(1.3), BODY_WIDTH, Inches(2.2))
    box.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    subject = briefing.subject[:1].upper() + briefing.subject[1:]
    _text(box.text_frame, f"Справка\n{subject}", 32, bold=True, align=PP_ALIGN.CENTER)
    lines = ([f"Период: {briefing.period}"] if briefing.period else []) + [
        "Отбор: " + ("; ".join(f"{name.lower()} — {value}" for name, value in briefing.filters)
                     if briefing.filters else "все мероприятия плана"),
        f"Источник: {briefing.source}",
        f"По состоянию на {briefing.made:%d.%m.%Y}",
    ]
    box = slide.shapes.add_textbox(MARGIN + Inches(0.5), Inches(4.0), BODY_WIDTH - Inches(1), Inches(2.8))
    _text(box.text_frame, "\n".join(lines), 16, color=RGBColor(0x40, 0x40, 0x40), align=PP_ALIGN.CENTER)


def _figures_slide(deck, briefing) -> None:
    slide = _slide(deck, "Основные показатели")
    figures = briefing.figures
    per_row = math.ceil(len(figures) / 2)
    gap = Inches(0.25)
    width = (BODY_WIDTH - gap * (per_row - 1)) // per_row
    height = Inches(1.9)
    for i, (number, words) in enumerate(figures):
        row, column = divmod(i, per_row)
        tile = slide.shapes.add_shape(1, MARGIN + column * (width + gap), BODY_TOP + Inches(0.3) + row * (height + gap),
                                      width, height)
        tile.fill.solid()
        tile.fill.fore_color.rgb = RGBColor(0xE8, 0xEE, 0xF5)
        tile.line.fill.background()
        frame = tile.text_frame
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        _text(frame, number, 40, bold=True, color=ACCENT, align=PP_ALIGN.CENTER)
        _text_paragraph(frame, words, 16)
    text = " ".join(s for s in briefing.summary if s.startswith(("Больше всего", "Ближайш")))
    if text:
        box = slide.shapes.add_textbox(MARGIN, BODY_TOP + Inches(0.3) + 2 * (height + gap), BODY_WIDTH, Inches(1.2))
        _text(box.text_frame, text, 14)


def _text_paragraph(frame, text: str, size: int) -> None:
    paragraph = frame.add_paragraph()
    paragraph.alignment = PP_ALIGN.CENTER
    run = paragraph.add_run()
    run.text = printable(text)
    run.font.name, run.font.size, run.font.color.rgb = FONT, Pt(size), DARK


def _native_chart_slide(deck, chart: PrintChart) -> None:
    slide = _slide(deck, chart.caption)
    kind, data = office_charts.chart_data(chart, LABEL_CHARS)
    graphic = slide.shapes.add_chart(kind, MARGIN, BODY_TOP, BODY_WIDTH, BODY_HEIGHT, data).chart
    office_charts.style(graphic, chart, FONT, 14)


def _picture_slide(deck, chart: PrintChart, draw: Draw) -> None:
    slide = _slide(deck, chart.caption)
    png = draw(chart, PICTURE_PIXELS)
    width_px, height_px = png_size(png)
    width, height = BODY_WIDTH, int(BODY_WIDTH * height_px / width_px)
    if height > BODY_HEIGHT:  # a tall Gantt: as tall as the slide allows, centred
        width, height = int(BODY_HEIGHT * width_px / height_px), BODY_HEIGHT
    slide.shapes.add_picture(io.BytesIO(png), MARGIN + (BODY_WIDTH - width) // 2, BODY_TOP, width, height)


def _lines(text: str, width_pt: float, size: float) -> int:
    return wrapped_lines(str(text), max(1, int((width_pt - CELL_SIDE_PT) / (size * GLYPH_EM))))


def row_height_pt(values: list[str], widths_pt: list[float], size: float = TABLE_SIZE) -> float:
    """A table row's height as PowerPoint lays it out: its tallest cell's lines plus the cell margins."""
    return max(_lines(v, w, size) for v, w in zip(values, widths_pt)) * size * LINE + CELL_MARGIN_PT


def paginate(rows: list[list[str]], header: list[str], widths_pt: list[float], height_pt: float,
             size: float = TABLE_SIZE) -> list[list[int]]:
    """Row indices per slide: each slide's header and rows fit in `height_pt`; a row taller than a
    whole slide gets a slide of its own (its font is made smaller to fit, see `_fitting_size`)."""
    pages: list[list[int]] = []
    used = room = row_height_pt(header, widths_pt, size)
    current: list[int] = []
    for i, values in enumerate(rows):
        height = row_height_pt(values, widths_pt, size)
        if current and used + height > height_pt:
            pages.append(current)
            current, used = [], room
        current.append(i)
        used += height
    if current:
        pages.append(current)
    return pages


def _fitting_size(values_rows: list[list[str]], header, widths_pt, height_pt) -> float:
    """The table's font size: TABLE_SIZE, or smaller for a lone row too tall for a slide at that size."""
    size = float(TABLE_SIZE)
    while size > 6 and row_height_pt(header, widths_pt, size) + sum(
            row_height_pt(v, widths_pt, size) for v in values_rows) > height_pt:
        size -= 0.5
    return size


A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _append_rows(grid, rows: list[list[str]], heights: list[float], size: float) -> None:
    """Body rows as XML at once (python-pptx builds a cell in ~40 element look-ups: a deck of
    10,000 events would take minutes); the same Arial runs `_text` writes."""
    def cell(text: str) -> str:
        paragraphs = "".join(
            f'<a:p><a:r><a:rPr lang="ru-RU" sz="{int(size * 100)}" b="0" dirty="0"><a:solidFill>'
            f'<a:srgbClr val="{DARK}"/></a:solidFill><a:latin typeface="{FONT}"/><a:cs typeface="{FONT}"/>'
            f'</a:rPr><a:t>{escape(line)}</a:t></a:r></a:p>' for line in printable(text).split("\n"))
        return f"<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{paragraphs}</a:txBody><a:tcPr/></a:tc>"

    xml = "".join(f'<a:tr h="{int(Pt(h))}">' + "".join(cell(v) for v in values) + "</a:tr>"
                  for values, h in zip(rows, heights))
    for row in etree.fromstring(f'<a:tbl xmlns:a="{A_NS}">{xml}</a:tbl>'):
        grid._tbl.append(row)


def _table_slides(deck, briefing) -> None:
    table = briefing.table
    header, rows = table.titles, table.rows
    widths_cm = column_widths(header, rows, Emu(BODY_WIDTH).cm, first=1.4)
    widths = [int(Cm(w)) for w in widths_cm]
    widths[-1] = BODY_WIDTH - sum(widths[:-1])
    widths_pt = [Emu(w).pt for w in widths]
    height_pt = Emu(BODY_HEIGHT).pt
    total = len(rows)
    pages = paginate(rows, header, widths_pt, height_pt) or [[]]
    for page in pages:
        page_rows = [rows[i] for i in page]
        span = f"{page[0] + 1}–{page[-1] + 1} из {total}" if page else "нет"
        slide = _slide(deck, f"Перечень мероприятий ({span})")
        size = _fitting_size(page_rows, header, widths_pt, height_pt)
        heights = [row_height_pt(header, widths_pt, size)] + [row_height_pt(v, widths_pt, size) for v in page_rows]
        shape = slide.shapes.add_table(1, len(header), MARGIN, BODY_TOP, BODY_WIDTH, Pt(sum(heights)))
        grid = shape.table
        for column, width in zip(grid.columns, widths):
            column.width = width
        grid.rows[0].height = Pt(heights[0])
        for cell, value in zip(grid.rows[0].cells, header):
            _text(cell.text_frame, value, size, bold=True, color=RGBColor(0xFF, 0xFF, 0xFF))
        _append_rows(grid, page_rows, heights[1:], size)
    if table.note:  # a column said once: under the last table
        note = slide.shapes.add_textbox(MARGIN, SLIDE_HEIGHT - Inches(0.4), BODY_WIDTH, Inches(0.3))
        _text(note.text_frame, table.note, 12)


def to_pptx(briefing, draw: Draw) -> bytes:
    """`briefing`: a `smolplan.briefing.Briefing`; `draw(chart, width_px)` gives a chart's PNG."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    _title_slide(deck, briefing)
    _figures_slide(deck, briefing)
    for chart in briefing.charts:
        if chart.native:
            _native_chart_slide(deck, chart)
        else:
            _picture_slide(deck, chart, draw)
    _table_slides(deck, briefing)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
