"""A generated corpus of the shapes official plans come in, in every format the loader reads.

A plan is built as a grid of cells (the reader's own vocabulary: text, `ACROSS` for a cell covered by
the one on its left, `DOWN` for one covered by the cell above) and rendered into .docx (real gridSpan
and vMerge, several tables, paragraphs between them), .xlsx (merged ranges), .csv, the .txt export
(a tab before every cell, a merged cell written once, a cell merged down written empty) and PDF
(LibreOffice renders the .docx). `Shape` says which of the official shapes a file takes.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from smolplan.reading import ACROSS, DOWN

TITLE = "План международных мероприятий исполнительных органов Смоленской области на 2027 год"
HEADER = ["№ п/п", "Наименование мероприятия", "Место проведения мероприятия", "Сроки проведения мероприятия",
          "Описание мероприятия", "Цель проведения мероприятия", "Участники мероприятия"]
# The two-row header: "Место и сроки проведения" over the sub-columns "место" and "сроки".
GROUP_HEADER = [
    ["№ п/п", "Наименование мероприятия", "Место и сроки проведения", ACROSS, "Описание мероприятия",
     "Цель проведения мероприятия", "Участники мероприятия"],
    [DOWN, DOWN, "место", "сроки", DOWN, DOWN, DOWN],
]

# An approval block over the plan and a signature under it: in Word tables of two columns of their own,
# in a sheet rows with the words in the first and the last column, in the text export cells.
APPROVAL_ROWS = [["", "УТВЕРЖДАЮ"], ["", "Заместитель Губернатора Смоленской области"]]
SIGNATURE_ROWS = [["Начальник департамента", "И.И. Иванов"]]

# A small plan, every cell written for this corpus: (sphere, cells of №, name, venue, dates, description,
# goal, participants). Event 2's description begins "В области", event 4's venue has two paragraphs.
SMALL_PLAN = [
    ("экономики", ["1.", "Бизнес-миссия в Республику Беларусь", "г. Минск, Республика Беларусь",
                   "12-14 марта 2027 года", "Переговоры с предприятиями", "Заключение контрактов",
                   "Предприниматели Смоленской области"]),
    ("экономики", ["2.", "Выставка «Иннопром. Центральная Азия»", "г. Ташкент, Республика Узбекистан",
                   "IV квартал 2027 года", "В области промышленности выставка собирает производителей",
                   "Продвижение продукции", "Компании Смоленской области"]),
    ("экономики", ["3.", "Форум регионов", "г. Смоленск", "июнь 2027 года", "Пленарное заседание",
                   "Развитие связей", "Делегация Республики Казахстан"]),
    ("культуры", ["4.", "Фестиваль «Славянское единство»", "г. Смоленск,\nстадион «Спартак»", "май 2027 года",
                  "Концерт\nи выставка", "Укрепление дружбы", "Творческие коллективы Республики Беларусь"]),
    ("культуры", ["5.", "Дни культуры Смоленской области", "г. Алматы, Республика Казахстан",
                  "сентябрь 2027 года", "Выставки и концерты", "Культурный обмен", "Артисты Смоленской области"]),
    ("культуры", ["6.", "Выставка народных промыслов", "г. Смоленск", "Дата проведения уточняется",
                  "Мастер-классы", "Сохранение традиций", "Мастера из Республики Узбекистан"]),
]

# Sections numbered three ways, each row as printed (a plan rendered with `Shape(sphere_prefix="")`):
# events 1-2 under the first, event 3 under the second, events 4-6 under the third.
NUMBERED_SECTIONS = ("I. Экономическое сотрудничество", "1. В сфере экономики", "Раздел 2. Культурное сотрудничество")
NUMBERED_SECTIONS_PLAN = [(NUMBERED_SECTIONS[0 if i < 2 else 1 if i < 3 else 2], cells)
                          for i, (_, cells) in enumerate(SMALL_PLAN)]


@dataclass(frozen=True)
class Shape:
    """The shape a plan takes; every option is one of the shapes of "Plans in the wild"."""

    group_header: bool = False  # a two-row header: a group title over sub-columns
    numbering_row: bool = False  # "1 2 3 … 7" under the header
    repeat_header_after: tuple[int, ...] = ()  # the header again after these events (pasted)
    split_after: tuple[int, ...] = ()  # a new table after these events (a page break)
    split_with_header: bool = False  # … that starts with the header again
    repeat_first_rows: int = 0  # the header again (pasted, or starting a split) is only its first rows; 0: all
    split_with_numbering: bool = False  # a new table after a split starts with the column numbers
    titles_merged_down: bool = True  # a two-row header's titles merged down over the sub-titles' row
    spacer_after: tuple[int, ...] = ()  # an empty row after these events
    section_numbers: tuple[str, ...] = ()  # "I.", "1.", "Раздел 2." before each section's name
    section_number_cell: bool = False  # … in the № cell, the name merged across the rest of the row
    item_numbers: bool = False  # "1.1.", "1.2." … instead of "1.", "2." …
    signature_table: bool = False  # an approval block table before the plan and a signature table after
    sphere_prefix: str = "В сфере "


def plan_grids(plan=SMALL_PLAN, shape: Shape = Shape()) -> tuple[list[list[list]], list[str]]:
    """The plan as tables (grids), and the footnote lines under the last table."""
    header = [list(r) for r in GROUP_HEADER] if shape.group_header else [list(HEADER)]
    if not shape.titles_merged_down:
        header[-1] = ["" if cell is DOWN else cell for cell in header[-1]]
    width = len(HEADER)
    numbering = [[str(i) for i in range(1, width + 1)]] if shape.numbering_row else []
    tables: list[list[list]] = [header + numbering]
    again = header[: shape.repeat_first_rows or len(header)]  # titles merged down end at the last row kept
    sphere, section, item = None, 0, 0
    for index, (event_sphere, cells) in enumerate(plan, start=1):
        if event_sphere != sphere:
            sphere, item = event_sphere, 0
            number = shape.section_numbers[section] if section < len(shape.section_numbers) else ""
            name = shape.sphere_prefix + sphere
            if number and shape.section_number_cell:
                tables[-1].append([number, name] + [ACROSS] * (width - 2))
            else:
                tables[-1].append([f"{number} {name}".strip()] + [ACROSS] * (width - 1))
            section += 1
        item += 1
        row = list(cells)
        if shape.item_numbers:
            row[0] = f"{section}.{item}."
        tables[-1].append(row)
        if index in shape.spacer_after:
            tables[-1].append([""] * width)
        if index in shape.repeat_header_after:
            tables[-1].extend([list(r) for r in again])
        if index in shape.split_after and index < len(plan):
            if shape.split_with_header:
                tables.append([list(r) for r in again] + numbering)
            else:
                tables.append([[str(i) for i in range(1, width + 1)]] if shape.split_with_numbering else [])
    return tables, []


def expected_small_plan() -> list[dict]:
    """The small plan as a careful reader writes it down (by hand, from the cells above)."""
    return [
        dict(n=1, sphere="экономики", start="2027-03-12", end="2027-03-14", precision="day", partners=["BY"]),
        dict(n=2, sphere="экономики", start="2027-10-01", end="2027-12-31", precision="quarter", partners=["UZ"]),
        dict(n=3, sphere="экономики", start="2027-06-01", end="2027-06-30", precision="month", partners=["KZ"]),
        dict(n=4, sphere="культуры", start="2027-05-01", end="2027-05-31", precision="month", partners=["BY"]),
        dict(n=5, sphere="культуры", start="2027-09-01", end="2027-09-30", precision="month", partners=["KZ"]),
        dict(n=6, sphere="культуры", start="", end="", precision="unknown", partners=["UZ"]),
    ]


# --- rendering -------------------------------------------------------------------------------------------


def _extent(grid: list[list], r: int, c: int) -> tuple[int, int]:
    """The last row and column an own cell at (r, c) covers."""
    last_c = c
    while last_c + 1 < len(grid[r]) and grid[r][last_c + 1] is ACROSS:
        last_c += 1
    last_r = r
    while last_r + 1 < len(grid) and c < len(grid[last_r + 1]) and grid[last_r + 1][c] is DOWN:
        last_r += 1
    return last_r, last_c


def to_docx(tables: list[list[list]], notes: list[str] = (), signature: bool = False, title: str = TITLE,
            repeat_header_rows: int = 0, superscript_marks: bool = False) -> bytes:
    """A Word document: the title, the tables (a paragraph between two tables), footnotes under them.
    `repeat_header_rows` marks the first rows as Word's "repeat as header row" (tblHeader)."""
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Mm(12))
    document.styles["Normal"].font.size = Pt(9)
    if signature:
        _block(document, APPROVAL_ROWS)
    document.add_paragraph(title)
    for number, grid in enumerate(tables):
        if number:
            document.add_paragraph("Продолжение таблицы")
        if not grid:
            continue
        width = max(len(r) for r in grid)
        table = document.add_table(rows=len(grid), cols=width)
        table.style = "Table Grid"
        cells = [row.cells for row in table.rows]  # once, before merging: table.cell() is slow on big tables
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                if isinstance(cell, str):
                    last_r, last_c = _extent(grid, r, c)
                    target = cells[r][c]
                    if (last_r, last_c) != (r, c):
                        target = target.merge(cells[last_r][last_c])
                    _write_cell(target, cell, superscript_marks)
        starts_with_header = grid[0] == tables[0][0]  # a continuation table without the header has none
        for r in range(min(repeat_header_rows, len(grid)) if starts_with_header else 0):
            tr_pr = table.rows[r]._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:tblHeader"))
    for note in notes:
        document.add_paragraph(note)
    if signature:
        _block(document, SIGNATURE_ROWS)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _block(document, rows: list[list[str]]) -> None:
    """A borderless table of two columns: an approval or signature block."""
    block = document.add_table(rows=len(rows), cols=2)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            block.cell(r, c).text = text


_SUPERSCRIPTS = {"¹": "1", "²": "2", "³": "3"}


def _write_cell(cell, text: str, superscript_marks: bool) -> None:
    """Each paragraph of the text a paragraph of the cell; "¹" as a superscript "1" run when asked."""
    for paragraph in cell.paragraphs[1:]:
        paragraph._p.getparent().remove(paragraph._p)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
        part = ""
        for ch in line:
            if superscript_marks and ch in _SUPERSCRIPTS:
                paragraph.add_run(part)
                paragraph.add_run(_SUPERSCRIPTS[ch]).font.superscript = True
                part = ""
            else:
                part += ch
        paragraph.add_run(part)


def _flat(tables: list[list[list]]) -> list[list]:
    return [row for grid in tables for row in grid]


def _spread(rows: list[list[str]], width: int) -> list[list[str]]:
    return [[row[0]] + [""] * (width - 2) + [row[1]] for row in rows]


def to_xlsx(tables: list[list[list]], notes: list[str] = (), title: str = TITLE, signature: bool = False) -> bytes:
    """A sheet: the title row, the tables one under the other (merged ranges as in Word), the footnotes;
    with `signature`, the approval block above and a signature row under the table."""
    book = openpyxl.Workbook()
    sheet = book.active
    grid = _flat(tables)
    width = max(len(r) for r in grid)
    above = _spread(APPROVAL_ROWS, width) if signature else []
    for row in above + [[title]]:
        sheet.append(row)
    for r, row in enumerate(grid):
        sheet.append([cell if isinstance(cell, str) else None for cell in row])
    top = len(above) + 2
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if isinstance(cell, str):
                last_r, last_c = _extent(grid, r, c)
                if (last_r, last_c) != (r, c):
                    sheet.merge_cells(start_row=r + top, start_column=c + 1, end_row=last_r + top,
                                      end_column=last_c + 1)
    for row in _spread(SIGNATURE_ROWS, width) if signature else []:
        sheet.append(row)
    for note in notes:
        sheet.append([note])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_csv(tables: list[list[list]], notes: list[str] = (), title: str = TITLE, signature: bool = False) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    grid = _flat(tables)
    width = max(len(r) for r in grid)
    for row in _spread(APPROVAL_ROWS, width) if signature else []:
        writer.writerow(row)
    writer.writerow([title])
    for row in grid:
        writer.writerow([cell if isinstance(cell, str) else "" for cell in row])
    for row in _spread(SIGNATURE_ROWS, width) if signature else []:
        writer.writerow(row)
    for note in notes:
        writer.writerow([note])
    return out.getvalue().encode("utf-8")


def to_txt(tables: list[list[list]], notes: list[str] = (), title: str = TITLE, signature: bool = False) -> bytes:
    """The text export: a tab before every cell; a merged cell once; a cell merged down as an empty cell;
    the approval and signature blocks (tables of two columns in Word) as cells too."""
    lines = [f"\t{cell}" for row in APPROVAL_ROWS for cell in row] if signature else []
    lines += [title, ""]
    for row in _flat(tables):
        for cell in row:
            if cell is ACROSS:
                continue
            paragraphs = (cell if isinstance(cell, str) else "").split("\n")
            lines.append("\t" + paragraphs[0])
            lines.extend(paragraphs[1:])
        lines.append("")
    if signature:
        lines.extend(f"\t{cell}" for row in SIGNATURE_ROWS for cell in row)
    lines.extend(notes)
    return ("\n".join(lines) + "\n").encode("utf-8")


def soffice_convert(data: bytes, suffix: str, target: str) -> bytes:
    """The document (`suffix`: ".docx", ".odt") saved by LibreOffice as `target` ("pdf", "odt",
    "doc:MS Word 97"); the calling test is skipped where LibreOffice is not installed."""
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice is not installed (scripts/test.sh installs it)")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"plan{suffix}"
        source.write_bytes(data)
        subprocess.run(["soffice", f"-env:UserInstallation={Path(folder, 'profile').as_uri()}", "--headless",
                        "--convert-to", target, "--outdir", folder, str(source)],
                       capture_output=True, timeout=180, check=True)
        return source.with_suffix("." + target.split(":")[0]).read_bytes()


def docx_to_pdf(data: bytes) -> bytes:
    """LibreOffice renders the Word document to PDF, as a department saves it for the website."""
    return soffice_convert(data, ".docx", "pdf")


def render(tables, fmt: str, notes: list[str] = (), signature: bool = False, title: str = TITLE,
           repeat_header_rows: int = 0) -> tuple[bytes, str]:
    """(file content, file name) of the plan in one format: docx, xlsx, csv, txt, pdf."""
    if fmt == "docx":
        return to_docx(tables, notes, signature, title, repeat_header_rows), "plan.docx"
    if fmt == "pdf":
        return docx_to_pdf(to_docx(tables, notes, signature, title, repeat_header_rows)), "plan.pdf"
    maker = {"xlsx": to_xlsx, "csv": to_csv, "txt": to_txt}[fmt]
    return maker(tables, notes, title, signature), f"plan.{fmt}"
