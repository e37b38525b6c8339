"""The Word справка of a briefing, laid out as Russian official documents are (ГОСТ Р 7.0.97-2016).

A4; margins top 20, bottom 20, left 20, right 10 mm; Times New Roman 14 in the text and 12 in
tables and captions; page numbers centred at the top from the second page; «СПРАВКА» and its
subject, source and date; the summary first, then the charts, then the table of events. The
document's own styles carry every format (Word's headings would come out in its theme's blue).
The table goes on landscape pages when it is wide (executors make six columns); five fit a portrait page.
"""

from __future__ import annotations

import io
from dataclasses import replace
from functools import lru_cache
from typing import Callable

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Mm, Pt
from lxml import etree

from smolplan import office_charts
from smolplan.briefing_charts import PrintChart
from smolplan.images import png_size
from smolplan.text import without_control_chars as printable

FONT = "Times New Roman"
A4 = (Mm(210), Mm(297))
MARGINS = dict(top=Mm(20), bottom=Mm(20), left=Mm(20), right=Mm(10))
TEXT_SIZE, TABLE_SIZE = Pt(14), Pt(12)
PICTURE_WIDTH = Cm(17)
PICTURE_PIXELS = 720  # the chart's CSS width for 17 cm: its 13 px text prints at about 9 pt
HALF_WIDTH, HALF_PIXELS = Cm(8.6), 364  # a half-width chart (or picture, at the same print scale)
PAGE_TEXT_HEIGHT_CM = 297 / 10 - 4.0  # A4 less the top and bottom margins
CAPTION_CM = 1.4  # a caption of one or two lines and the space around the picture
MIN_SHRINK = 0.7  # a chart is made at most this much smaller to fit the rest of a page
PORTRAIT_WIDTH, LANDSCAPE_WIDTH = 18.0, 26.7  # cm of text between the margins
LANDSCAPE_FROM_COLUMNS = 5  # a table of more columns than this is wide: it goes on landscape pages

Draw = Callable[[PrintChart, int], bytes]


def _run_fonts(element) -> None:
    """Times New Roman for every script, in a style's or a run's w:rPr (a theme font would override it)."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)


def _paragraph_style(document, name: str, size: Pt, bold: bool = False, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                     indent: Cm | None = None, before: int = 0, after: int = 0, keep_next: bool = False):
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.font.size, style.font.bold = size, bold
    _run_fonts(style.element)
    fmt = style.paragraph_format
    fmt.alignment, fmt.first_line_indent = align, indent
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(before), Pt(after), 1.0
    fmt.keep_with_next = keep_next
    return style


def _styles(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, TEXT_SIZE
    _run_fonts(normal.element)
    normal.paragraph_format.space_after, normal.paragraph_format.line_spacing = Pt(0), 1.0
    center = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph_style(document, "Справка: заголовок", TEXT_SIZE, bold=True, align=center, keep_next=True)
    _paragraph_style(document, "Справка: тема", TEXT_SIZE, bold=True, align=center, after=6, keep_next=True)
    _paragraph_style(document, "Справка: источник", TABLE_SIZE, align=center, after=12)
    _paragraph_style(document, "Справка: текст", TEXT_SIZE, indent=Cm(1.25))
    _paragraph_style(document, "Справка: рисунок", TABLE_SIZE, align=center, before=6, keep_next=True)
    _paragraph_style(document, "Справка: подпись", TABLE_SIZE, align=center, after=6)
    _paragraph_style(document, "Справка: раздел", TEXT_SIZE, bold=True, align=center, before=12, after=6,
                     keep_next=True)
    _paragraph_style(document, "Справка: таблица", TABLE_SIZE, align=WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph_style(document, "Справка: колонтитул", TABLE_SIZE, align=center)


def _page(section, landscape: bool = False) -> None:
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    for side, size in MARGINS.items():
        setattr(section, f"{side}_margin", size)
    section.header_distance = Mm(10)


def _page_numbers(document, section) -> None:
    """A centred PAGE field in the header; none on the first page (a different first-page header)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.style = document.styles["Справка: колонтитул"]
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _cell_xml(text: str, width_twips: int, style_id: str, bold: bool = False) -> str:
    paragraphs = printable(text).split("\n") or [""]
    bold_xml = "<w:b/>" if bold else ""
    body = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr><w:r><w:rPr>{bold_xml}</w:rPr>'
        f'<w:t xml:space="preserve">{_escape(line)}</w:t></w:r></w:p>' for line in paragraphs)
    return f'<w:tc><w:tcPr><w:tcW w:w="{width_twips}" w:type="dxa"/></w:tcPr>{body}</w:tc>'


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


CHARS_PER_CM = 4.3  # 12 pt text: Times New Roman gives 5.2, DejaVu Serif (LibreOffice's stand-in for it) 4.3
CELL_PADDING_CM = 0.4
WIDTH_STEP_CM = 0.25
SAMPLE_ROWS = 300
MAX_FLOOR_CM = 4.0
WIDEST_LETTER_CM = 0.28  # a 12 pt letter of a wide serif font (DejaVu Serif), bold: a whole word fits


def wrapped_lines(text: str, per_line: int) -> int:
    """Lines of `text` wrapped at word boundaries, `per_line` characters a line (a longer word breaks)."""
    lines = 0
    for part in text.split("\n"):
        used, lines = 0, lines + 1
        for word in part.split():
            if used and used + 1 + len(word) > per_line:
                lines, used = lines + 1, 0
            used += (1 if used else 0) + len(word)
            while used > per_line:
                lines, used = lines + 1, used - per_line
    return lines


def _lines(text: str, width: float) -> int:
    return wrapped_lines(text, max(1, int((width - CELL_PADDING_CM) * CHARS_PER_CM)))


def table_lines(rows: list[list[str]], widths: list[float]) -> float:
    """The lines the rows take at these widths (each row as tall as its fullest cell), plus a
    thousandth of all cells' lines, so that widening a cell that is not yet the fullest still counts."""
    cells = [[_lines(v, w) for v, w in zip(row, widths)] for row in rows]
    return sum(max(row) for row in cells) + 0.001 * sum(map(sum, cells))


def column_widths(titles: list[str], rows: list[list[str]], total: float, narrowest: float = 2.2,
                  first: float = 1.3) -> list[float]:
    """Widths sharing `total` so the table is as short as it can be: first in proportion to each
    column's text, then moving a step of width from one column to another while that saves lines
    (a sample of rows stands for a long table)."""
    sample = [titles] + rows[:: max(1, len(rows) // SAMPLE_ROWS)]
    room = total - first
    lengths = [sum(len(row[i]) for row in sample) + 1 for i in range(1, len(titles))]
    # no column narrower than its longest word (a word broken mid-way reads badly), within reason
    floors = [min(MAX_FLOOR_CM, max(narrowest, max(len(w) for row in sample for w in row[i].split() or [""])
                                    * WIDEST_LETTER_CM + CELL_PADDING_CM)) for i in range(1, len(titles))]
    widths = [first] + [max(f, room * n / sum(lengths)) for f, n in zip(floors, lengths)]
    over = sum(widths[1:]) - room  # taken back from the columns above their floor, in proportion
    spare = sum(w - f for w, f in zip(widths[1:], floors))
    widths[1:] = [w - over * (w - f) / spare if spare > 0 else w for w, f in zip(widths[1:], floors)]
    best = table_lines(sample, widths)
    improved = True
    while improved:
        improved = False
        for a in range(1, len(titles)):
            for b in range(1, len(titles)):
                if a == b or widths[b] - WIDTH_STEP_CM < floors[b - 1]:
                    continue
                trial = list(widths)
                trial[a] += WIDTH_STEP_CM
                trial[b] -= WIDTH_STEP_CM
                score = table_lines(sample, trial)
                if score < best - 1e-6:
                    widths, best, improved = trial, score, True
    return widths


def _events_table(document, table_spec, landscape: bool) -> None:
    """The table built as XML rows at once: python-docx's add_row is quadratic, and a plan of
    10,000 events must still give its whole table in seconds."""
    titles, rows = table_spec.titles, table_spec.rows
    cm = column_widths(titles, rows, LANDSCAPE_WIDTH if landscape else PORTRAIT_WIDTH)
    table = document.add_table(rows=0, cols=len(titles))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # LibreOffice and Word keep the widths below only without autofit
    widths = [int(Cm(width).twips) for width in cm]
    for column, width in zip(table.columns, widths):
        column._gridCol.set(qn("w:w"), str(width))
    style_id = _blank()[1]["Справка: таблица"]
    xml = ['<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>'
           + "".join(_cell_xml(title, w, style_id, bold=True) for title, w in zip(titles, widths)) + "</w:tr>"]
    for values in rows:
        xml.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>"
                   + "".join(_cell_xml(v, w, style_id) for v, w in zip(values, widths)) + "</w:tr>")
    for row in etree.fromstring(f'<w:tbl xmlns:w="{W}">{"".join(xml)}</w:tbl>'):
        table._tbl.append(row)


def _charts(document, charts: list[PrintChart], draw: Draw, used_cm: float) -> None:
    """Each chart with its caption «Рисунок N — …»; two half-width charts in a row share it, in an
    invisible two-column table (a chart beside a chart). `used_cm`: how much of the current page
    the text above takes. What is left of a page is filled rather than left half empty: with the
    first chart, in their order, that fits there, a picture a little too tall made smaller to fit
    (a native chart keeps its size: its text would not shrink with it)."""
    rows: list[list[PrintChart]] = []
    for chart in charts:
        if chart.half and chart.native and label_lines(chart, HALF_WIDTH.cm) > HALF_MAX_LINES:
            chart = replace(chart, half=False)
        if chart.half and rows and len(rows[-1]) == 1 and rows[-1][0].half:
            rows[-1].append(chart)
        else:
            rows.append([chart])
    pending = []
    for row in rows:
        drawings = [_drawing(document, chart, draw, len(row) == 2 or row[0].half) for chart in row]
        shrink = 1.0 if any(chart.native for chart in row) else MIN_SHRINK
        pending.append((row, drawings, max(h for h, _ in drawings), shrink))
    number = 0
    while pending:
        room = PAGE_TEXT_HEIGHT_CM - used_cm - CAPTION_CM
        entry = next((e for e in pending if e[2] * e[3] <= room), pending[0])
        pending.remove(entry)
        row, drawings, height, shrink = entry
        scale = 1.0
        if height > room:
            if height * shrink <= room:
                scale = room / height
            else:  # Word starts a new page (a drawing cannot split); a picture no taller than the page
                used_cm = 0.0
                if shrink < 1:
                    scale = min(1.0, (PAGE_TEXT_HEIGHT_CM - CAPTION_CM) / height)
        used_cm += height * scale + CAPTION_CM
        if len(row) == 1:
            number += 1
            drawings[0][1](_paragraph(document, "", "Справка: рисунок").add_run(), scale)
            _paragraph(document, f"Рисунок {number} — {row[0].caption}", "Справка: подпись")
            continue
        pair = document.add_table(rows=1, cols=2)  # one row that cannot split: captions stay with drawings
        pair.alignment = WD_TABLE_ALIGNMENT.CENTER
        for column, (chart, (_, add)) in enumerate(zip(row, drawings)):
            number += 1
            cell = pair.cell(0, column)
            paragraph = cell.paragraphs[0]
            paragraph._p.style = _blank()[1]["Справка: рисунок"]
            add(paragraph.add_run(), scale)
            _paragraph(cell, f"Рисунок {number} — {chart.caption}", "Справка: подпись")
        _row_cant_split(pair.rows[0])


def _drawing(document, chart: PrintChart, draw: Draw, half: bool):
    """(height in cm at full size, add(run, scale)): a native chart, or a picture drawn by `draw`."""
    width = HALF_WIDTH if half else PICTURE_WIDTH
    if chart.native:
        height = native_chart_height_cm(chart, width.cm)
        return height, lambda run, scale: _add_native_chart(document, run, chart, int(width * scale),
                                                            int(Cm(height) * scale))
    png = draw(chart, HALF_PIXELS if half else PICTURE_PIXELS)
    w, h = png_size(png)
    return width.cm * h / w, lambda run, scale: run.add_picture(io.BytesIO(png), width=int(width * scale))


CHART_LINE_CM = 0.5  # a 12 pt line of a bar's label
CHART_BAR_CM = 0.35  # the space between two bars' labels
CHART_FRAME_CM = 1.4  # the value axis' numbers and the chart's inner margins
COLUMNS_HEIGHT_CM = 5.5  # and more when many months' names stand slanted under their columns
SLANTED_FROM = 9
LABEL_SHARE = 0.5  # of a bar chart's width, for its labels
HALF_MAX_LINES = 2  # a bar chart whose labels would need more lines at half width takes the whole width


def label_chars(width_cm: float) -> int:
    """Characters of a 12 pt bar label's line in a chart `width_cm` wide."""
    return max(8, int(width_cm * LABEL_SHARE * CHARS_PER_CM))


def native_chart_height_cm(chart: PrintChart, width_cm: float) -> float:
    """Bars: every bar's row as tall as the fullest label (Office spaces categories evenly); columns:
    a fixed height (their labels stand under them)."""
    if chart.columns:
        return COLUMNS_HEIGHT_CM + (2.5 if len(chart.categories) >= SLANTED_FROM else 0.0)
    return CHART_FRAME_CM + len(chart.categories) * (label_lines(chart, width_cm) * CHART_LINE_CM + CHART_BAR_CM)


def label_lines(chart: PrintChart, width_cm: float) -> int:
    """Lines of the fullest bar label in a chart `width_cm` wide."""
    return max((label.count("\n") + 1 for label in office_charts.bar_labels(chart, label_chars(width_cm))), default=1)


def _add_native_chart(document, run, chart: PrintChart, cx: int, cy: int) -> None:
    """The chart's DrawingML part and its workbook, embedded in the document, drawn inline in `run`."""
    part = document.part
    number = 1 + sum(rel.reltype == RT.CHART for rel in part.rels.values())
    chart_part = Part(PackURI(f"/word/charts/chart{number}.xml"), CT.DML_CHART, b"", part.package)
    chars = label_chars(Emu(cx).cm)
    book = Part(PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{number}.xlsx"), CT.SML_SHEET,
                office_charts.workbook(chart, chars), part.package)
    chart_part._blob = office_charts.chart_part_xml(chart, FONT, TABLE_SIZE.pt, chars, 5 if chart.half else 10,
                                                    chart_part.relate_to(book, RT.PACKAGE))
    rid, shape_id = part.relate_to(chart_part, RT.CHART), part.next_id
    run._r.append(parse_xml(
        f'<w:drawing {nsdecls("w", "wp", "a", "r")}><wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shape_id}" name="Диаграмма {number}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{office_charts.C_NS}">'
        f'<c:chart xmlns:c="{office_charts.C_NS}" r:id="{rid}"/></a:graphicData></a:graphic>'
        f'</wp:inline></w:drawing>'))


def text_height_cm(text: str, size_pt: float, width_cm: float = PORTRAIT_WIDTH) -> float:
    """About how tall a paragraph is set at single spacing. Times New Roman's letters are about 0.45 em
    wide, and so are those of Liberation Serif, which LibreOffice sets in its place (`scripts/test.sh`
    installs it); 0.5 leaves a margin. Where neither is installed a fallback such as DejaVu Serif
    (0.58 em) runs longer, and a chart may then move to the next page."""
    per_line = int(width_cm / (size_pt * 0.5 * 2.54 / 72))
    return wrapped_lines(text, max(per_line, 1)) * size_pt * 1.17 * 2.54 / 72


def _row_cant_split(row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


@lru_cache(maxsize=1)
def _blank() -> tuple[bytes, dict[str, str]]:
    """The empty справка — its styles, page and page numbers — made once; and each style's id by name
    (python-docx finds a style by name in a scan of all the styles, slow on every paragraph)."""
    document = Document()
    _styles(document)
    section = document.sections[0]
    _page(section)
    _page_numbers(document, section)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), {style.name: style.style_id for style in document.styles}


def _paragraph(container, text: str, style: str):
    """A paragraph of `container` (the document or a table cell) in one of the справка's styles."""
    paragraph = container.add_paragraph(text)
    paragraph._p.style = _blank()[1][style]
    return paragraph


def to_docx_memo(briefing, draw: Draw) -> bytes:
    """`briefing`: a `smolplan.briefing.Briefing`; `draw(chart, width_px)` gives a chart's PNG."""
    document = Document(io.BytesIO(_blank()[0]))

    source = f"Источник: {briefing.source}. По состоянию на {briefing.made:%d.%m.%Y}."
    summary = " ".join(briefing.summary)
    _paragraph(document, "СПРАВКА", "Справка: заголовок")
    _paragraph(document, printable(briefing.subject), "Справка: тема")
    _paragraph(document, printable(source), "Справка: источник")
    _paragraph(document, printable(summary), "Справка: текст")

    used = (text_height_cm("СПРАВКА " + briefing.subject, TEXT_SIZE.pt) + text_height_cm(source, TABLE_SIZE.pt)
            + text_height_cm(summary, TEXT_SIZE.pt) + 0.8)  # + the space after the subject and the source
    _charts(document, briefing.charts, draw, used)

    table = briefing.table
    landscape = len(table.titles) > LANDSCAPE_FROM_COLUMNS
    if landscape:
        _page(document.add_section(WD_SECTION.NEW_PAGE), landscape=True)
        document.sections[-1].different_first_page_header_footer = False
    _paragraph(document, printable(table.heading), "Справка: раздел")
    _events_table(document, table, landscape)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
