"""Reading a plan document (.docx, .txt export, .xlsx, .csv) into its raw table.

Every format ends in the same `RawTable`: the title above the table, the header titles,
and the rows with their cells' text (whitespace normalised, Word artefacts removed) and
their position in the source, so a problem can be reported as "row N".
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from smolplan import limits
from smolplan.errors import PlanReadError

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ROWS = limits.MAX_ROWS

FIELDS = ("n", "title", "venue", "dates", "description", "goal", "participants")
REQUIRED_FIELDS = ("title", "dates")
# Columns a plan may have besides the seven: who is responsible ("Ответственный исполнитель").
OPTIONAL_FIELDS = ("executors",)
FIELD_TITLES_RU = {
    "n": "№ п/п",
    "title": "Наименование мероприятия",
    "venue": "Место проведения мероприятия",
    "dates": "Сроки проведения мероприятия",
    "description": "Описание мероприятия",
    "goal": "Цель проведения мероприятия",
    "participants": "Участники мероприятия",
    "executors": "Ответственный исполнитель",
}

# Header keywords, most specific first: "место проведения мероприятия" also says "мероприятия".
_FIELD_KEYWORDS = (
    ("n", re.compile(r"^(№|n|no\.?|номер)\b|п/п|^№")),
    ("venue", re.compile(r"\bмест[оа]\b")),
    ("dates", re.compile(r"\bсрок|\bдат[аы]\b|\bпериод\b|\bвремя\b")),
    ("description", re.compile(r"\bописани|\bсодержани|\bкраткое")),
    ("goal", re.compile(r"\bцел[ьи]\b|\bзадач")),
    ("participants", re.compile(r"\bучастник")),
    ("executors", re.compile(r"исполнител|\bответственн|\bорганизатор")),
    ("title", re.compile(r"\bнаименовани|\bназвани|\bмероприяти|\bтема\b")),
)

# "Планируемое количество участников" is a number, not who takes part: used only if nothing else says "участники".
_COUNT_TITLE = re.compile(r"\b(количеств|числ|численност)")
_NUMBER_CELL = re.compile(r"^\d{1,6}(\.\d{1,4})*\.?$")
_ARTEFACT = re.compile(r"\[(bookmark|image|footnote|endnote|comment)[^\]]*\]", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


@dataclass
class RawRow:
    position: int  # line of the .txt, row of the Word table or sheet (1-based)
    cells: list[str]
    is_section: bool = False
    cell_positions: list[int] | None = None  # the .txt's line of each cell

    def position_of(self, index: int) -> int:
        if self.cell_positions and index < len(self.cell_positions):
            return self.cell_positions[index]
        return self.position


@dataclass
class RawTable:
    title: str
    header: list[str]
    header_position: int
    rows: list[RawRow] = field(default_factory=list)


def clean_cell(text: str) -> str:
    """Normalise whitespace and drop export artefacts; otherwise keep the text verbatim."""
    text = _ARTEFACT.sub(" ", text).replace("\u00ad", "")
    return _SPACE.sub(" ", text).strip()


def match_columns(header: list[str]) -> dict[str, int]:
    """Map our fields to header column indexes by their titles, whatever their order."""
    found: dict[str, int] = {}
    counts: dict[str, int] = {}
    for index, title in enumerate(header):
        key = clean_cell(title).lower().replace("ё", "е")
        for name, pattern in _FIELD_KEYWORDS:
            if name not in found and pattern.search(key):
                if _COUNT_TITLE.search(key) and name != "n":
                    counts.setdefault(name, index)
                    break
                found[name] = index
                break
    return {**counts, **found}


def is_header(cells: list[str]) -> bool:
    fields = match_columns(cells)
    return all(name in fields for name in REQUIRED_FIELDS) and len(fields) >= 3


def is_number_cell(text: str) -> bool:
    return bool(_NUMBER_CELL.match(text))


def read_raw_table(data: bytes, name: str) -> RawTable:
    """Pick the reader by the file's name and its first bytes (a renamed file is still caught)."""
    name = limits.shown_name(name)
    if len(data) > MAX_FILE_BYTES:
        raise PlanReadError(
            f"Файл «{name}» слишком большой: {len(data) / 1048576:.1f} МБ "
            f"(допускается не более {MAX_FILE_BYTES // 1048576} МБ)."
        )
    if not data.strip():
        raise PlanReadError(f"Файл «{name}» пуст.")
    suffix = Path(name).suffix.lower()
    if data.startswith(b"%PDF"):
        raise PlanReadError(f"Файл «{name}» — это PDF; загрузите план в формате .docx, .txt, .xlsx или .csv.")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise PlanReadError(
            f"Файл «{name}» — старый формат Word/Excel (.doc/.xls); сохраните его как .docx или .xlsx."
        )
    if data.startswith(b"PK"):
        members = _zip_members(data, name)
        if "word/document.xml" in members:
            return read_docx(data, name)
        if "xl/workbook.xml" in members:
            return read_xlsx(data, name)
        raise PlanReadError(f"Файл «{name}» — архив, но не документ Word (.docx) и не книга Excel (.xlsx).")
    if suffix in (".docx", ".xlsx"):
        raise PlanReadError(f"Файл «{name}» повреждён или не является файлом {suffix}.")
    text = decode_text(data, name)
    if suffix == ".csv" or (suffix != ".txt" and "\t" not in text and _looks_delimited(text)):
        return read_csv_text(text, name)
    return read_txt_text(text, name)


def _zip_members(data: bytes, name: str) -> set[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise PlanReadError(f"Файл «{name}» повреждён: архив .docx/.xlsx не читается.") from None
    if sum(info.file_size for info in infos) > MAX_UNZIPPED_BYTES or len(infos) > 10_000:
        raise PlanReadError(f"Файл «{name}» после распаковки слишком велик: похоже на «zip-бомбу».")
    return {info.filename for info in infos}


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 by its BOM, else Windows-1251."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1251", errors="replace")
    if "\x00" in text or text.count("\ufffd") > len(text) // 100 + 1:
        raise PlanReadError(f"Файл «{name}» не является текстом (ни UTF-8, ни Windows-1251).")
    return text


def _looks_delimited(text: str) -> bool:
    first = text[:4000]
    return first.count(";") >= 6 or first.count(",") >= 6


def read_txt_text(text: str, name: str) -> RawTable:
    """The text export: every cell starts with a tab at the start of a line; a merged section row is one cell."""
    limits.check_text_lines(text, name)
    title_lines: list[str] = []
    cells: list[tuple[int, list[str]]] = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("\t"):
            cells.append((line_number, [line[1:]]))
        elif cells:
            cells[-1][1].append(line)
        else:
            title_lines.append(line)
    texts = [(line, clean_cell("\n".join(parts))) for line, parts in cells]
    if not texts:
        raise PlanReadError(
            f"В файле «{name}» нет таблицы: в текстовой выгрузке каждая ячейка начинается с табуляции."
        )
    header_end = next((i for i, (_, t) in enumerate(texts) if is_number_cell(t) or _is_section_text(t)), None)
    if header_end is None or not is_header([t for _, t in texts[:header_end]]):
        header_end = _find_header_run(texts, name)
    header = [t for _, t in texts[:header_end]]
    width = len(header)
    table = RawTable(clean_cell(" ".join(title_lines)), header, texts[0][0] if texts else 1)
    row: RawRow | None = None
    for line_number, cell in texts[header_end:]:
        full = row is None or len(row.cells) >= width
        if _is_section_text(cell) or (full and not is_number_cell(cell) and row is not None and not row.is_section):
            row = RawRow(line_number, [cell], is_section=True)
            table.rows.append(row)
        elif is_number_cell(cell) and (full or row.is_section or _next_number(row) == cell):
            row = RawRow(line_number, [cell], cell_positions=[line_number])
            table.rows.append(row)
        elif row is None or row.is_section:  # an event row whose number cell is missing
            row = RawRow(line_number, ["", cell], cell_positions=[line_number, line_number])
            table.rows.append(row)
        else:
            row.cells.append(cell)
            row.cell_positions.append(line_number)
        _check_size(table, name)
    return table


def _is_section_text(text: str) -> bool:
    return bool(re.match(r"^(\d+\.\s*)?(в\s+сфере|в\s+области|раздел)\b", text, re.IGNORECASE))


def _next_number(row: RawRow | None) -> str | None:
    if row is None or row.is_section or not row.cells or not is_number_cell(row.cells[0]):
        return None
    return f"{int(row.cells[0].split('.')[0]) + 1}."


def _find_header_run(texts: list[tuple[int, str]], name: str) -> int:
    """Fallback: the header is the longest run of cells at the start that still reads as a header."""
    for end in range(min(len(texts), 20), 1, -1):
        if is_header([t for _, t in texts[:end]]) and (
            end == len(texts) or is_number_cell(texts[end][1]) or _is_section_text(texts[end][1])
        ):
            return end
    raise PlanReadError(
        f"В файле «{name}» не найдена строка заголовков таблицы "
        "(нужны как минимум колонки «Наименование мероприятия» и «Сроки проведения мероприятия»)."
    )


def read_csv_text(text: str, name: str) -> RawTable:
    limits.check_csv_text(text, name)
    first = text[:4000]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    return _table_from_grid([[c or "" for c in r] for r in rows], name)


def read_xlsx(data: bytes, name: str) -> RawTable:
    limits.check_xlsx(data, name)
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise PlanReadError(f"Книга Excel «{name}» не читается: {type(error).__name__}.") from None
    try:
        last_error: PlanReadError | None = None
        for sheet in book.worksheets:
            grid = []
            for values in sheet.iter_rows(values_only=True):
                grid.append(["" if v is None else _excel_text(v) for v in values])
                if len(grid) > MAX_ROWS:
                    raise PlanReadError(f"В книге «{name}» слишком много строк (больше {MAX_ROWS}).")
            try:
                return _table_from_grid(grid, name)
            except PlanReadError as error:
                last_error = error
        raise last_error or PlanReadError(f"В книге Excel «{name}» нет листов.")
    finally:
        book.close()


def _excel_text(value) -> str:
    import datetime as dt

    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table_from_grid(grid: list[list[str]], name: str) -> RawTable:
    """A spreadsheet: title rows, then the header row, then one row per event or section."""
    for index, cells in enumerate(grid[:50]):
        if is_header(cells):
            break
    else:
        raise PlanReadError(
            f"В файле «{name}» не найдена строка заголовков таблицы "
            "(нужны как минимум колонки «Наименование мероприятия» и «Сроки проведения мероприятия»)."
        )
    title = clean_cell(" ".join(c for r in grid[:index] for c in r if c))
    table = RawTable(title, [clean_cell(c) for c in grid[index]], index + 1)
    for offset, cells in enumerate(grid[index + 1 :], start=index + 2):
        texts = [clean_cell(c) for c in cells]
        filled = [t for t in texts if t]
        if not filled:
            continue
        section = len(set(filled)) == 1 and not is_number_cell(filled[0]) and (
            len(filled) == 1 or len(filled) == len(texts)
        )
        table.rows.append(RawRow(offset, [filled[0]] if section else texts, is_section=section))
        _check_size(table, name)
    return table


def read_docx(data: bytes, name: str) -> RawTable:
    """The Word document: the plan table is found by its header titles, not by its position."""
    limits.check_docx(data, name)
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises KeyError, ValueError, lxml errors...
        raise PlanReadError(f"Документ Word «{name}» не читается: {type(error).__name__}.") from None
    body = document.element.body
    title_parts: list[str] = []
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            text = clean_cell(_paragraph_text(child))
            if text:
                title_parts.append(text)
        elif child.tag == qn("w:tbl"):
            grid = [_row_cells(tr) for tr in child.iter(qn("w:tr")) if _is_own_row(tr, child)]
            try:
                table = _table_from_grid(grid, name)
            except PlanReadError:
                continue  # another table (an approval block, say): the plan's title may be above it
            table.title = clean_cell(" ".join(title_parts + ([table.title] if table.title else [])))
            return table
    raise PlanReadError(
        f"В документе «{name}» нет таблицы плана (не найдена строка заголовков с колонками "
        "«Наименование мероприятия» и «Сроки проведения мероприятия»)."
    )


def _is_own_row(tr, table) -> bool:
    from docx.oxml.ns import qn

    parent = tr.getparent()
    while parent is not None and parent.tag != qn("w:tbl"):
        parent = parent.getparent()
    return parent is table


def _row_cells(tr) -> list[str]:
    """One text per grid column: a cell spanning columns repeats its text, as Word shows it."""
    from docx.oxml.ns import qn

    cells: list[str] = []
    for tc in tr.iterchildren(qn("w:tc")):
        span_el = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
        span = int(span_el.get(qn("w:val"), "1")) if span_el is not None else 1
        text = "\n".join(_paragraph_text(p) for p in tc.iter(qn("w:p")))
        cells.extend([text] * max(1, min(span, 50)))
    return cells


def _paragraph_text(p) -> str:
    """Visible text only: runs' text, tabs and breaks; deleted text, field codes and bookmarks are skipped."""
    from docx.oxml.ns import qn

    t, tab, br, cr, deleted = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:del")
    parts: list[str] = []
    for el in p.iter(t, tab, br, cr):
        if any(a.tag == deleted for a in el.iterancestors()):
            continue
        parts.append(el.text or "" if el.tag == t else ("\t" if el.tag == tab else "\n"))
    return "".join(parts)


def _check_size(table: RawTable, name: str) -> None:
    if len(table.rows) > MAX_ROWS:
        raise PlanReadError(f"В файле «{name}» слишком много строк таблицы (больше {MAX_ROWS}).")
