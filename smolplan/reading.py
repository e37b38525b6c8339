"""Reading a plan document (.docx, .txt export, .xlsx, .csv, PDF; .doc/.odt via LibreOffice) into its raw table.

Every reader turns its file into grids — one per table, cell by cell, merged cells marked as such —
and one routine, `plan_from_grids`, reads the plan out of them by shape: the header (one row or
several, a group title over sub-columns), rows that only number the columns, the header repeated,
spacer rows, section rows, tables that continue the plan and footnotes under it. The words a cell
begins with never decide what a row is. Cells keep their paragraphs as "\\n".
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from smolplan import limits
from smolplan.errors import PlanReadError
from smolplan.text import without_control_chars

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
# A section's own number as printed: "I.", "1.", "2.1.", "1)" (Roman numerals in capitals).
SECTION_NUMBER = r"(?:[IVXLC]+|\d+(?:\.\d+)*)"
_SECTION_NUMBER_CELL = re.compile(rf"{SECTION_NUMBER}[.)]?")
_ROMAN_NUMBER_CELL = re.compile(r"[IVXLC]+[.)]?")
_ARTEFACT = re.compile(r"\[(bookmark|image|footnote|endnote|comment)[^\]]*\]", re.IGNORECASE)
_PARAGRAPH_BREAK = re.compile(r"\r\n|[\n\r\v\f\u2028\u2029]")
_SPACE_IN_LINE = re.compile(r"[^\S\n]+")
_SPACE = re.compile(r"\s+")
# A footnote under the table starts with its mark; the same mark follows a word in the cells it annotates.
_SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_NOTE_LINE = re.compile(r"^(\*{1,4}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})\s*(\S.*)$", re.DOTALL)
_NOTE_MARK = re.compile(r"(?<=[^\s*⁰¹²³⁴⁵⁶⁷⁸⁹])(\*{1,4}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})(?![*⁰¹²³⁴⁵⁶⁷⁸⁹])")

NO_HEADER = ("не найдена строка заголовков таблицы "
             "(нужны как минимум колонки «Наименование мероприятия» и «Сроки проведения мероприятия»)")
NO_PLAN_TABLE = ("нет таблицы плана (не найдена строка заголовков с колонками "
                 "«Наименование мероприятия» и «Сроки проведения мероприятия»)")


class _Merged:
    """A grid cell covered by a merged cell: ACROSS continues the cell on its left, DOWN the one above."""

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


ACROSS, DOWN = _Merged("ACROSS"), _Merged("DOWN")
Cell = str | _Merged


@dataclass
class Grid:
    """One table of the source as its cells; `positions` say where each row is (line, table row, sheet row)."""

    rows: list[list[Cell]]
    positions: list[int]
    cell_positions: list[list[int] | None] | None = None  # the .txt's line of each cell
    clean: bool = False  # the texts are clean already (the .txt reader cleans them to read the rows)
    continues_row: bool = False  # PDF: the first row may be the rest of a row cut by the page break
    join: Callable[[str, str], str] | None = None  # … and how the two halves of a cell's text join


@dataclass
class RawRow:
    position: int  # line of the .txt, row of the Word table or sheet (1-based)
    cells: list[str]
    is_section: bool = False
    cell_positions: list[int] | None = None  # the .txt's line of each cell
    footnotes: list[str] = field(default_factory=list)

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
    """Keep the text verbatim with its paragraphs ("\\n"); spaces folded within a line, artefacts dropped."""
    if "[" in text:
        text = _ARTEFACT.sub(" ", text)
    if text.isprintable():  # one line, no control characters or odd spaces: the common cell
        return " ".join(text.split())
    text = without_control_chars(_PARAGRAPH_BREAK.sub("\n", text).replace("\u00ad", ""))
    lines = _SPACE_IN_LINE.sub(" ", text).split("\n")
    return "\n".join(stripped for line in lines if (stripped := line.strip()))


def one_line(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def match_columns(header: list[str]) -> dict[str, int]:
    """Map our fields to header column indexes by their titles, whatever their order."""
    found: dict[str, int] = {}
    counts: dict[str, int] = {}
    for index, title in enumerate(header):
        key = one_line(clean_cell(title)).lower().replace("ё", "е")
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


def is_numbering_row(texts: list[str]) -> bool:
    """A row that only numbers the columns: 1, 2, 3 … in order (empty cells aside), at least three of them."""
    filled = [t.rstrip(".") for t in texts if t]
    return len(filled) >= 3 and filled == [str(i) for i in range(1, len(filled) + 1)]


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
        from smolplan.pdf import read_pdf

        return read_pdf(data, name)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        if suffix == ".xls":
            raise PlanReadError(f"Файл «{name}» — старый формат Excel (.xls); сохраните его как .xlsx.")
        from smolplan.office import convert_to_docx

        return read_docx(convert_to_docx(data, name), name)
    if data.startswith(b"PK"):
        members = _zip_members(data, name)
        if "word/document.xml" in members:
            return read_docx(data, name)
        if "xl/workbook.xml" in members:
            return read_xlsx(data, name)
        if "content.xml" in members and suffix in (".odt", ".ott"):
            from smolplan.office import convert_to_docx

            return read_docx(convert_to_docx(data, name), name)
        raise PlanReadError(f"Файл «{name}» — архив, но не документ Word (.docx) и не книга Excel (.xlsx).")
    if suffix in (".docx", ".xlsx", ".odt", ".doc"):
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


# --- the shared reading of grids -------------------------------------------------------------------------


def resolve(grid: Grid) -> list[list[str]]:
    """The text Word shows in every grid cell: a merged cell's text in each cell it covers. The grid's
    own texts are cleaned on the way (`clean_cell`), once."""
    texts: list[list[str]] = []
    for r, row in enumerate(grid.rows):
        line: list[str] = []
        for c, cell in enumerate(row):
            if cell is ACROSS:
                line.append(line[c - 1] if c else "")
            elif cell is DOWN:
                above = texts[r - 1] if r else []
                line.append(above[c] if c < len(above) else "")
            else:
                if not grid.clean:
                    row[c] = cell = clean_cell(cell)
                line.append(cell)
        texts.append(line)
    return texts


def _own(cell: Cell) -> str:
    """A cell's own text (a resolved grid's cells are clean); none for a cell covered by a merged one."""
    return cell if isinstance(cell, str) else ""


def _signature(row: list[Cell]) -> tuple:
    return tuple((c, " ".join(cell.split()).lower()) for c, cell in enumerate(row) if _own(cell))


def _find_header(grid: Grid, texts: list[list[str]]) -> tuple[int, int, list[str]] | None:
    """(first row, row after the header, column titles) of the first header in the grid's first 50 rows."""
    for start in range(min(len(grid.rows), 50)):
        if not any(_own(c) for c in grid.rows[start]):
            continue
        end = start + 1
        while end < len(grid.rows) and end - start < 4 and _continues_header(grid, texts, start, end):
            end += 1
        titles = _column_titles(grid.rows[start:end], texts[start:end])
        if is_header(titles):
            return start, end, titles
    return None


def _continues_header(grid: Grid, texts: list[list[str]], start: int, row: int) -> bool:
    """A row under the header belongs to it when it is merged down from it, fills a column left untitled,
    or titles only columns a title above spans (sub-titles under a group title not merged down to them)."""
    cells = grid.rows[row]
    if is_numbering_row(texts[row]):
        return False
    if any(c is DOWN for c in cells) and any(_own(c) for c in cells):
        return True
    titles = _column_titles(grid.rows[start:row], texts[start:row])
    n = match_columns(titles).get("n", 0)
    if n < len(cells) and _own(cells[n]):
        return False
    filled = {c for c, cell in enumerate(cells) if _own(cell)}
    untitled = {c for c, t in enumerate(titles) if not t}
    spanned = {c + k for above in grid.rows[start:row] for c in range(len(above)) for k in (0, 1)
               if c + 1 < len(above) and above[c + 1] is ACROSS}
    return bool(filled) and bool(filled & untitled or filled <= spanned)


def _column_titles(rows: list[list[Cell]], texts: list[list[str]]) -> list[str]:
    """Each column is named by its lowest own title: a sub-column by its own, not by the group's title over it."""
    width = max(len(r) for r in rows)
    titles = []
    for c in range(width):
        own = [_own(r[c]) for r in rows if c < len(r) and _own(r[c])]
        shown = [t[c] for t in texts if c < len(t) and t[c]]
        titles.append(one_line((own or shown or [""])[-1]))
    return titles


def plan_from_grids(grids: list[Grid], name: str, around: list[list[str]], missing: str) -> RawTable:
    """The plan out of a document's tables, by their shape.

    `around[i]`: the paragraphs before table i (`around[-1]` after the last): those above the plan's table
    are its title, those after it may be footnotes. The plan is the first table with a header; a later
    table continues it when it has the same number of columns or a header of its own; any other table
    (a signature block, a legend) is not part of it. `missing`: the message when no table has a header.
    """
    resolved = [resolve(g) for g in grids]
    for index, (grid, texts) in enumerate(zip(grids, resolved)):
        found = _find_header(grid, texts)
        if found:
            break
    else:
        raise PlanReadError(missing)
    start, end, header = found
    title_parts = [one_line(p) for ps in around[: index + 1] for p in ps] + [
        one_line(t) for r in texts[:start] for t in dict.fromkeys(r) if t]
    table = RawTable(one_line(" ".join(title_parts)), header, grid.positions[start])
    columns = match_columns(header)
    n_column = columns.get("n", 0)
    header_rows = {_signature(r) for r in grid.rows[start:end]}
    notes = [p for ps in around[index + 1 :] for p in ps]
    parts = [(grid, texts, end)]
    for other, other_texts in zip(grids[index + 1 :], resolved[index + 1 :]):
        width = max((len(r) for r in other.rows), default=0)
        if width == len(header) or _find_header(other, other_texts):
            parts.append((other, other_texts, 0))
    ended_with_header = False  # the last row read was the header again
    for part, texts, first in parts:
        may_continue, joined = part.continues_row, False
        after_header = part.continues_row and ended_with_header
        for r in range(first, len(part.rows)):
            cells, shown = part.rows[r], texts[r]
            kind, text = _kind_of_row(cells, shown, columns, header_rows)
            if kind == "header":
                ended_with_header = True
                continue
            if kind == "skip":
                continue
            if kind == "note":
                notes.append(text)
                continue
            # A PDF page's first row with no number, nothing merged across, under an event: that event goes on;
            # so does a row under it that it reaches into (a cell merged down: a border drawn across the cut row).
            cut = (may_continue or (joined and DOWN in cells)) and table.rows and not table.rows[-1].is_section \
                and ACROSS not in cells and not shown[n_column]
            may_continue, joined, ended_with_header = False, bool(cut), False
            if cut and after_header:
                continue  # the rest of a header row pasted at a page's end, which the page break cut
            if cut:  # its own texts: a cell merged down into it is joined already
                _join_cut_row(table.rows[-1], [_own(c) for c in cells], part.join)
            elif kind == "section" and table.rows and table.rows[-1].is_section and \
                    _SECTION_NUMBER_CELL.fullmatch(table.rows[-1].cells[0]):
                table.rows[-1].cells[0] += " " + one_line(text)  # "I." and the name, one cell each (.txt)
            elif kind == "section":
                table.rows.append(RawRow(part.positions[r], [one_line(text)], is_section=True))
            else:
                positions = part.cell_positions[r] if part.cell_positions else None
                table.rows.append(RawRow(part.positions[r], shown, cell_positions=positions))
            _check_size(table, name)
    # Rows under the last event with no number, no name and no dates (a signature in a sheet) end the plan.
    while table.rows and _is_trailer(table.rows[-1], columns):
        table.rows.pop()
    _attach_footnotes(table, notes)
    return table


def _is_trailer(row: RawRow, columns: dict[str, int]) -> bool:
    def cell(field_name: str) -> str:
        index = columns.get(field_name, -1)
        return row.cells[index] if 0 <= index < len(row.cells) else ""

    return not row.is_section and not is_number_cell(cell("n")) and not cell("title") and not cell("dates")


def _kind_of_row(cells: list[Cell], shown: list[str], columns: dict[str, int], header_rows: set) -> tuple[str, str]:
    """What a row is, by its shape, and its text if it is one cell: "skip" (empty, the column numbers),
    "header" (the header again), "section" (one cell merged across, or one cell of text with no number and
    nothing merged down into the row; or a number in the № cell and the name across the rest), "note"
    (such a cell that starts with a footnote mark), or "event"."""
    n = columns.get("n", 0)
    if not any(shown) or is_numbering_row(shown):
        return "skip", ""
    section = _numbered_section(cells, shown, n)
    if section:
        return "section", section
    numbered = n < len(shown) and is_number_cell(shown[n])
    if not numbered and (_begins_header_row(cells, header_rows) or _repeats_header(shown, columns)):
        return "header", ""  # the header again: as it was, clipped to its first lines, or worded a little differently
    own = [t for t in map(_own, cells) if t]
    text = own[0] if own else next(t for t in shown if t)
    one_cell = len(own) == 1 and not any(c is DOWN and t for c, t in zip(cells, shown))
    spread = len(set(shown)) == 1  # a merged cell exported into every column it covers
    if not (one_cell or spread) or is_number_cell(text):
        return "event", ""
    return ("note" if _NOTE_LINE.match(text) else "section"), text


def _numbered_section(cells: list[Cell], shown: list[str], n: int) -> str | None:
    """A section whose number stands in the № cell ("I." | "В сфере экономики"): its name one cell merged
    across the rest of the row, or, a Roman number (no event's), one cell in a row otherwise empty.
    Its text is the number and the name, as a section written in one cell."""
    number = _own(cells[n]) if n < len(cells) else ""
    if not _SECTION_NUMBER_CELL.fullmatch(number):
        return None
    rest = [c for c, cell in enumerate(cells) if c != n and _own(cell)]
    if len(rest) != 1:
        return None
    c = rest[0]
    across = c == n + 1 < len(cells) - 1 and all(cell is ACROSS for cell in cells[c + 1 :])
    alone = _ROMAN_NUMBER_CELL.fullmatch(number) and not any(t for k, t in enumerate(shown) if k not in (n, c))
    return f"{number} {_own(cells[c])}" if across or alone else None


def _begins_header_row(cells: list[Cell], header_rows: set) -> bool:
    """A row of one of the header's rows: the same cells in the same columns, each text the whole title or
    its start (a page's repeated row cut at its height keeps the first lines of a title merged down)."""
    row = _signature(cells)
    if row in header_rows:
        return True
    return len(row) >= 3 and any(len(h) == len(row) and all(
        c == hc and _starts_title(t, ht) for (c, t), (hc, ht) in zip(row, h)) for h in header_rows)


def _starts_title(text: str, title: str) -> bool:
    """The cell is the title, or its first lines (spaces and case aside); an empty cell only an empty title's."""
    text, title = " ".join(text.split()).lower(), " ".join(title.split()).lower()
    return title.startswith(text) and bool(text) == bool(title)


def _repeats_header(texts: list[str], columns: dict[str, int]) -> bool:
    """Titles that put each field they name in the header's own column."""
    return is_header(texts) and all(columns.get(f) == i for f, i in match_columns(texts).items())


def _join_cut_row(row: RawRow, rest: list[str], join: Callable[[str, str], str] | None) -> None:
    """A row cut by a page break: its cells' text goes on in the first row of the next page."""
    for c, text in enumerate(rest):
        if not text:
            continue
        row.cells.extend([""] * (c + 1 - len(row.cells)))
        if not row.cells[c]:
            row.cells[c] = text
        else:
            row.cells[c] = join(row.cells[c], text) if join else f"{row.cells[c]} {text}"


def _attach_footnotes(table: RawTable, lines: list[str]) -> None:
    """Footnotes under the table ("* по согласованию", "¹ …"): their marks come off the cells, the text goes
    to each event that carries the mark. A mark with no footnote (m², say) stays as written."""
    notes: dict[str, str] = {}
    for line in lines:
        match = _NOTE_LINE.match(clean_cell(line))
        if match:
            notes.setdefault(match.group(1), one_line(match.group(2)))
    if not notes:
        return
    for row in table.rows:
        if row.is_section:
            continue
        marks: list[str] = []

        def take(match: re.Match) -> str:
            if match.group(1) in notes:
                marks.append(match.group(1))
                return ""
            return match.group(0)

        row.cells = [_NOTE_MARK.sub(take, cell) for cell in row.cells]
        row.footnotes = [notes[m] for m in dict.fromkeys(marks)]


def _check_size(table: RawTable, name: str) -> None:
    if len(table.rows) > MAX_ROWS:
        raise PlanReadError(f"В файле «{name}» слишком много строк таблицы (больше {MAX_ROWS}).")


# --- .txt -------------------------------------------------------------------------------------------------


def read_txt_text(text: str, name: str) -> RawTable:
    """The text export: every cell starts with a tab at the start of a line, a row is `width` cells and a
    section row merged across the table is one cell. Lines after the table that start with a footnote
    mark are its footnotes."""
    limits.check_text_lines(text, name)
    title_lines: list[str] = []
    cells: list[tuple[int, list[str]]] = []
    notes: list[list[str]] = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("\t"):
            if notes:  # a tab line after the footnotes: the table goes on, so they were cell text
                cells[-1][1].extend(part for note in notes for part in note)
                notes = []
            cells.append((line_number, [line[1:]]))
        elif cells and (notes or _NOTE_LINE.match(line.strip())):
            if _NOTE_LINE.match(line.strip()) or not notes:
                notes.append([line])
            else:
                notes[-1].append(line)
        elif cells:
            cells[-1][1].append(line)
        else:
            title_lines.append(line)
    texts = [(line, clean_cell("\n".join(parts))) for line, parts in cells]
    if not texts:
        raise PlanReadError(
            f"В файле «{name}» нет таблицы: в текстовой выгрузке каждая ячейка начинается с табуляции."
        )
    # Cells before the header (an approval block, a table of its own in Word) and the lines they took in
    # are above the plan: its title.
    start = _txt_header_start([t for _, t in texts])
    title_lines += [t for _, t in texts[:start] if t]
    grid = _txt_grid(texts[start:], name)
    return plan_from_grids([grid], name, [[" ".join(title_lines)], ["\n".join(n) for n in notes]],
                           f"В файле «{name}» {NO_HEADER}.")


def _txt_header_start(values: list[str]) -> int:
    """Where the header begins: the first cell that titles the № column with a header after it, before
    the first event's number (0 when there is none: the header is then looked for as before)."""
    first = next((i for i, t in enumerate(values) if is_number_cell(t)), len(values))
    return next((i for i in range(first) if match_columns([values[i]]) == {"n": 0} and is_header(values[i:first])), 0)


def _txt_grid(texts: list[tuple[int, str]], name: str) -> Grid:
    """The export's cells cut into rows: the header rows, then rows of `width` cells (an event, a spacer,
    the column numbers) or of one cell (a section merged across the table), as the cells that follow say."""
    values = [t for _, t in texts]
    first = next((i for i, t in enumerate(values) if is_number_cell(t)), None)
    if first is None:
        raise PlanReadError(f"В файле «{name}» {NO_HEADER}.")
    width = _txt_width(values, first)
    header_rows = _txt_header_rows(values[:first], width)
    header_end = sum(len(r) for r in header_rows)
    rows: list[list[Cell]] = [_txt_header_row(r, header_rows, width) for r in range(len(header_rows))]
    lines: list[list[int]] = []
    at = 0
    for r in header_rows:
        lines.append([texts[at + k][0] for k in range(len(r))])
        at += len(r)
    # The header again: all its rows, or its first rows alone (the first row repeated after a page break).
    repeats = [(k, values[: sum(len(r) for r in header_rows[:k])]) for k in range(len(header_rows), 0, -1)]
    i = header_end
    while i < len(values):
        again = next(((k, cells) for k, cells in repeats if len(values[i : i + len(cells)]) == len(cells) >= 3
                      and all(map(_starts_title, values[i : i + len(cells)], cells))), None)
        if again:
            for r in range(again[0]):
                rows.append(_txt_header_row(r, header_rows, width))
                lines.append([texts[i][0]] * width)
            i += len(again[1])
            continue
        one_cell = values[i] and not is_number_cell(values[i]) and _txt_row_starts(values, i + 1, repeats[-1][1])
        if not one_cell and i + width > len(values) and not is_number_cell(values[i]):
            break  # fewer cells than a row, and no number, after the last row: a block under the table
        size = 1 if one_cell else width
        if one_cell:
            rows.append([values[i]] + [ACROSS] * (width - 1))
            lines.append([texts[i][0]] * width)
        else:
            rows.append(list(values[i : i + size]))
            lines.append([line for line, _ in texts[i : i + size]])
        i += size
    return Grid(rows, [ls[0] for ls in lines], lines, clean=True)


def _txt_row_starts(values: list[str], i: int, header: list[str]) -> bool:
    """Whether a new row may start at i: the end, a number cell, an empty № cell, the header (its first
    row's cells) or a section."""
    if i >= len(values):
        return True
    if is_number_cell(values[i]) or not values[i] or values[i : i + len(header)] == header:
        return True
    # Two cells of text in a row: a section, then another section or an event.
    return i + 1 < len(values) and (is_number_cell(values[i + 1]) or not values[i + 1])


def _txt_width(values: list[str], first: int) -> int:
    """Cells per row: the numbering row's length, or else the width that cuts the cells between one
    event's № and the next into whole rows — that event, spacer rows, the header again, one-cell sections —
    with the fewest sections (a narrower width would call an event's cells sections), the narrowest of
    those (a wider one would take two rows for one)."""
    run = _numbering_run(values, first)
    if run >= 3:
        return run
    starts, following = [first], _following_numbers(values[first])
    i = first + 2
    while i < len(values) and len(starts) <= 60:
        if _numbering_run(values, i) >= 3:  # the column numbers again (a table split after a page break)
            i += _numbering_run(values, i)
            continue
        if values[i] in following:
            starts.append(i)
            following = _following_numbers(values[i])
        i += 1
    if len(starts) <= 60:
        starts.append(len(values))  # the last event runs to the end, with whatever rows follow it
    scored = []
    for width in range(2, min(first, 60) + 1):
        sections = [_txt_sections_between(values, a + width, b, width) for a, b in zip(starts, starts[1:])]
        if None not in sections:
            scored.append((sum(sections), width))
    if not scored:
        return max(2, min(b - a for a, b in zip(starts, starts[1:])))
    width = min(scored)[1]
    # Every event under a section of its own fits one more column: then the cell that would end the
    # header is the first section, a title that names no column.
    if first >= width > 2 and values[width - 1] and is_header(values[: width - 1]) and (
            len(match_columns(values[:width])) == len(match_columns(values[: width - 1]))):
        return width - 1
    return width


def _numbering_run(values: list[str], i: int) -> int:
    """How many cells from i number the columns: "1", "2", "3" … (with or without dots)."""
    run = 0
    while i + run < len(values) and values[i + run].rstrip(".") == str(run + 1):
        run += 1
    return run


def _txt_sections_between(values: list[str], start: int, end: int, width: int) -> int | None:
    """How many one-cell sections the cells start..end hold, if they are whole rows; None if they are not."""
    sections, i = 0, start
    while i < end:
        if i + width <= end and not any(values[i : i + width]):
            i += width  # a spacer row
        elif values[i] == values[0]:  # the header again
            same = 0
            while i + same < end and values[i + same] == values[same]:
                same += 1
            i += same
        elif is_number_cell(values[i]) and i + width <= end:
            i += width  # an event whose number does not follow (repeated, skipped)
        elif values[i] and not is_number_cell(values[i]):
            sections, i = sections + 1, i + 1
        else:
            return None
    return sections if i == end else None


def _following_numbers(text: str) -> set[str]:
    parts = text.rstrip(".").split(".")
    nexts = {".".join(parts[:-1] + [str(int(parts[-1]) + 1)])}
    if len(parts) > 1:
        nexts.add(".".join([str(int(parts[0]) + 1)] + ["1"] * (len(parts) - 1)))
    return {f"{n}." for n in nexts} | nexts


def _txt_header_rows(cells: list[str], width: int) -> list[list[str]]:
    """The header cells (sections before the first event aside) as rows. Under a group title the export
    writes a second row of `width` cells, empty where a title is merged down; the group spans as many
    columns as there are titles side by side under it."""
    if "" not in cells:
        return [cells[:width]] if len(cells) >= width else [cells]
    last_empty = max(i for i, t in enumerate(cells) if not t)
    for end in range(max(last_empty + 1, width + 1), len(cells) + 1):
        first_row, second = cells[: end - width], cells[end - width : end]
        spanned = sum(len(run) - 1 for run in _runs(second))
        if len(first_row) + spanned == width:
            return [first_row, second]
    return [cells[:width]]


def _runs(row: list[str]) -> list[list[int]]:
    runs: list[list[int]] = []
    for c, text in enumerate(row):
        if text and runs and runs[-1][-1] == c - 1:
            runs[-1].append(c)
        elif text:
            runs.append([c])
    return runs


def _txt_header_row(index: int, rows: list[list[str]], width: int) -> list[Cell]:
    if len(rows) == 1:
        return list(rows[0])
    first, second = rows
    if index == 1:
        return [t if t else DOWN for t in second]
    out: list[Cell] = []
    titles = iter(first)
    for c in range(width):
        under_group = second[c] and c > 0 and second[c - 1]
        out.append(ACROSS if under_group else next(titles, ""))
    return out


# --- .csv and .xlsx ---------------------------------------------------------------------------------------


def read_csv_text(text: str, name: str) -> RawTable:
    limits.check_csv_text(text, name)
    first = text[:4000]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    rows = [[c or "" for c in r] for r in csv.reader(io.StringIO(text), delimiter=delimiter)]
    grid = Grid(rows, list(range(1, len(rows) + 1)))
    return plan_from_grids([grid], name, [[], []], f"В файле «{name}» {NO_HEADER}.")


def read_xlsx(data: bytes, name: str) -> RawTable:
    """A workbook: the first sheet with a plan header; merged cells read as Word's merged cells."""
    limits.check_xlsx(data, name)
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise PlanReadError(f"Книга Excel «{name}» не читается: {type(error).__name__}.") from None
    try:
        last_error: PlanReadError | None = None
        for sheet in book.worksheets:
            if sheet.max_row > MAX_ROWS:
                raise PlanReadError(f"В книге «{name}» слишком много строк (больше {MAX_ROWS}).")
            grid: list[list[Cell]] = [["" if v is None else _excel_text(v) for v in values]
                                      for values in sheet.iter_rows(values_only=True)]
            for merged in sheet.merged_cells.ranges:
                for r in range(merged.min_row, min(merged.max_row, len(grid)) + 1):
                    for c in range(merged.min_col, merged.max_col + 1):
                        if (r, c) != (merged.min_row, merged.min_col) and c - 1 < len(grid[r - 1]):
                            grid[r - 1][c - 1] = DOWN if c == merged.min_col else ACROSS
            try:
                return plan_from_grids([Grid(grid, list(range(1, len(grid) + 1)))], name, [[], []],
                                       f"В файле «{name}» {NO_HEADER}.")
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


# --- .docx ------------------------------------------------------------------------------------------------


def read_docx(data: bytes, name: str) -> RawTable:
    """The Word document: the plan table is found by its header titles, not by its position."""
    limits.check_docx(data, name)
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises KeyError, ValueError, lxml errors...
        raise PlanReadError(f"Документ Word «{name}» не читается: {type(error).__name__}.") from None
    around: list[list[str]] = [[]]
    grids: list[Grid] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            text = clean_cell(_paragraph_text(child))
            if text:
                around[-1].append(text)
        elif child.tag == qn("w:tbl"):
            rows = [tr for tr in child.iter(qn("w:tr")) if _is_own_row(tr, child)]
            grids.append(Grid([_row_cells(tr) for tr in rows], list(range(1, len(rows) + 1))))
            around.append([])
    around[-1].extend(_word_footnotes(document))
    return plan_from_grids(grids, name, around, f"В документе «{name}» {NO_PLAN_TABLE}.")


def _word_footnotes(document) -> list[str]:
    """Word's own footnotes (footnotes.xml) as lines under the table, each after its mark ("¹ …"); the
    references in the cells are written as the same mark (`_paragraph_text`)."""
    from docx.oxml.ns import qn
    from lxml import etree

    part = next((rel.target_part for rel in document.part.rels.values()
                 if rel.reltype.endswith("/footnotes") and not rel.is_external), None)
    if part is None:
        return []
    notes = []
    for note in etree.fromstring(part.blob).iter(qn("w:footnote")):
        mark = _footnote_mark(note.get(qn("w:id"), ""))
        text = one_line(" ".join(_paragraph_text(p) for p in note.iter(qn("w:p"))))
        if mark and text and note.get(qn("w:type")) in (None, "normal"):
            notes.append(f"{mark} {text}")
    return notes


def _footnote_mark(footnote_id: str) -> str:
    return footnote_id.translate(_SUPERSCRIPT_DIGITS) if footnote_id.isdigit() and int(footnote_id) > 0 else ""


def _is_own_row(tr, table) -> bool:
    from docx.oxml.ns import qn

    parent = tr.getparent()
    while parent is not None and parent.tag != qn("w:tbl"):
        parent = parent.getparent()
    return parent is table


def _row_cells(tr) -> list[Cell]:
    """One cell per grid column: a cell spanning columns (gridSpan) is its text then ACROSS, a cell merged
    with the one above (vMerge) is DOWN."""
    from docx.oxml.ns import qn

    cells: list[Cell] = []
    before = tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}")
    if before is not None:
        cells.extend([""] * min(int(before.get(qn("w:val"), "0") or 0), 50))
    for tc in tr.iterchildren(qn("w:tc")):
        span_el = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
        span = int(span_el.get(qn("w:val"), "1")) if span_el is not None else 1
        merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
        if merge is not None and merge.get(qn("w:val"), "continue") == "continue":
            first: Cell = DOWN
        else:
            first = "\n".join(_paragraph_text(p) for p in tc.iter(qn("w:p")))
        cells.append(first)
        cells.extend([ACROSS] * (max(1, min(span, 50)) - 1))
    return cells


def _paragraph_text(p) -> str:
    """Visible text only: runs' text, tabs and breaks; deleted text, field codes and bookmarks are skipped;
    a superscript digit or a reference to a Word footnote (a footnote mark) is written as a superscript (¹)."""
    from docx.oxml.ns import qn

    t, tab, br, cr, deleted = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:del")
    reference = qn("w:footnoteReference")
    vert = f"{qn('w:rPr')}/{qn('w:vertAlign')}"
    parts: list[str] = []
    for el in p.iter(t, tab, br, cr, reference):
        if any(a.tag == deleted for a in el.iterancestors()):
            continue
        if el.tag == reference:
            parts.append(_footnote_mark(el.get(qn("w:id"), "")))
            continue
        if el.tag != t:
            parts.append("\t" if el.tag == tab else "\n")
            continue
        text = el.text or ""
        align = el.getparent().find(vert)
        if align is not None and align.get(qn("w:val")) == "superscript" and text.strip().isdigit():
            text = text.strip().translate(_SUPERSCRIPT_DIGITS)
        parts.append(text)
    return "".join(parts)
