"""Size and complexity limits every reader checks before it materialises anything.

A 5 KB workbook can declare a sheet of 16,384 × 1,048,576 cells and a docx of a few megabytes can
hold millions of XML nodes: the readers' libraries would build all of it in memory. These checks
stream the raw parts (counting, never building) and refuse with a Russian message that names the
limit, so reading any accepted file stays well under a gigabyte and linear in its size.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile

from smolplan.errors import PlanReadError
from smolplan.text import without_control_chars

MAX_ROWS = 20_000  # table rows (events, sections, spacers); the benchmark's 10,000-event plan fits
MAX_COLUMNS = 64
MAX_CELLS = 1_000_000  # rows × columns as the reader would materialise them
MAX_CELL_CHARS = 100_000
MAX_TEXT_CHARS = 20_000_000  # all text of a document: as much as the largest accepted text file
MAX_LINES = 1_000_000  # lines of a .txt/.csv file
MAX_XML_NODES = 3_000_000
MAX_XML_DEPTH = 256  # libxml2's own limit without huge_tree
MAX_NAME_CHARS = 120  # a file name as messages show it
TOO_COMPLEX = "файл слишком большой или слишком сложный"  # what a reader that ran out of memory or time says
MAX_PAGES = 300  # of a PDF: about 20 s of reading at 0.06 s a page, under the preview's 60 s
MAX_SPAN = 50  # a Word cell spanning more grid columns counts as this many (reading.py caps it too)

_CELL_REF = re.compile(r"([A-Z]{1,3})?(\d+)?")


def shown_name(name: str) -> str:
    """A file name as messages show it: the last path part, no control characters, bounded in length."""
    base = re.split(r"[\\/]", str(name or ""))[-1]
    base = without_control_chars(unicodedata.normalize("NFC", base), keep_newlines=False).strip() or "план"
    return base if len(base) <= MAX_NAME_CHARS else base[: MAX_NAME_CHARS - 1] + "…"


def _refuse(name: str, what: str) -> PlanReadError:
    return PlanReadError(f"Файл «{name}» не принят: {what}.")


def _number(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def check_grid(name: str, rows: int, columns: int, why: str = "") -> None:
    """Rows, columns and cells a reader is about to build (`why`: where the figures come from)."""
    if rows > MAX_ROWS:
        raise _refuse(name, f"слишком много строк таблицы ({_number(rows)}{why}; допускается не более "
                            f"{_number(MAX_ROWS)})")
    if columns > MAX_COLUMNS:
        raise _refuse(name, f"слишком много колонок ({_number(columns)}{why}; допускается не более {MAX_COLUMNS})")
    if rows * columns > MAX_CELLS:
        raise _refuse(name, f"слишком много ячеек ({_number(rows)} × {_number(columns)}{why}; допускается не более "
                            f"{_number(MAX_CELLS)})")


def check_pages(name: str, pages: int) -> None:
    if pages > MAX_PAGES:
        raise _refuse(name, f"слишком много страниц ({_number(pages)}; допускается не более {MAX_PAGES})")


def check_cell(name: str, chars: int, where: str = "") -> None:
    if chars > MAX_CELL_CHARS:
        place = f" ({where})" if where else ""
        raise _refuse(name, f"слишком длинная ячейка{place}: {_number(chars)} знаков; допускается не более "
                            f"{_number(MAX_CELL_CHARS)}")


def _check_text_total(name: str, chars: int) -> None:
    if chars > MAX_TEXT_CHARS:
        raise _refuse(name, f"слишком много текста (больше {_number(MAX_TEXT_CHARS)} знаков)")


def check_text_lines(text: str, name: str) -> None:
    """A .txt export: the number of lines and the longest line."""
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise _refuse(name, f"слишком много строк ({_number(lines)}; допускается не более {_number(MAX_LINES)})")
    longest = max(map(len, text.splitlines()), default=0)
    if longest > MAX_CELL_CHARS:
        raise _refuse(name, f"слишком длинная строка текста: {_number(longest)} знаков; допускается не более "
                            f"{_number(MAX_CELL_CHARS)}")


def check_csv_text(text: str, name: str) -> None:
    """A CSV: a long run of separators is refused before the csv module builds millions of empty fields;
    then rows, columns and field sizes are counted row by row."""
    run = re.search(f"[;,]{{{MAX_COLUMNS},}}", text)
    if run:
        line = text.count("\n", 0, run.start()) + 1
        raise _refuse(name, f"в строке {line} подряд больше {MAX_COLUMNS} разделителей: слишком много колонок "
                            f"(допускается не более {MAX_COLUMNS})")
    check_text_lines(text, name)
    first = text[:4000]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    csv.field_size_limit(MAX_CELL_CHARS)  # the module's limit is per process; ours is the same everywhere
    rows = columns = 0
    next_line = 1  # where the record being read starts
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        for row in reader:
            rows += 1
            next_line = reader.line_num + 1
            columns = max(columns, len(row))
            check_grid(name, rows, columns)
    except csv.Error:
        raise _refuse(name, f"в записи со строки {_number(next_line)} поле длиннее {_number(MAX_CELL_CHARS)} знаков "
                            "или кавычка не закрыта") from None


def _xml_parts(data: bytes, name: str, wanted) -> list[tuple[str, zipfile.ZipFile]]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return [(info.filename, archive) for info in archive.infolist() if wanted(info.filename)]


def _count_elements(archive: zipfile.ZipFile, member: str, name: str, row: tuple[str, str]) -> None:
    """Elements and rows of an XML part, counted from its bytes at C speed before any parser runs: every
    element opens with "<" not followed by "/", "?" or "!"; a row is `row` = (namespace, local name)
    written with the prefix the part binds to that namespace."""
    elements = rows = 0
    previous = b""
    with archive.open(member) as stream:
        while chunk := stream.read(1 << 20):
            if not previous:
                found = re.search(rb'xmlns(?::([\w.-]+))?="' + re.escape(row[0].encode()) + b'"', chunk)
                prefix = found.group(1) + b":" if found and found.group(1) else b""
                markers = (b"<" + prefix + row[1].encode() + b">", b"<" + prefix + row[1].encode() + b" ")
            joined = previous + chunk  # a marker may straddle two chunks: count it in the joined bytes
            rows += sum(joined.count(m) - previous.count(m) for m in markers)
            elements += chunk.count(b"<") - sum(joined.count(m) - previous.count(m) for m in (b"</", b"<?", b"<!"))
            previous = chunk[-16:]
            if rows > MAX_ROWS:
                raise _refuse(name, f"слишком много строк таблицы (больше {_number(MAX_ROWS)})")
            if elements > MAX_XML_NODES:
                raise _refuse(name, f"слишком сложный документ (больше {_number(MAX_XML_NODES)} элементов XML)")


def _stream(archive: zipfile.ZipFile, member: str, name: str, tags: tuple[str, ...], on_start, on_end) -> int:
    """Streams one XML part, calling back only for `tags` (filtered in C); returns its text length.
    Depth is bounded by libxml2 itself (256 levels without `huge_tree`), as python-docx parses too."""
    from lxml import etree

    namespace, local = tags[0][1:].split("}")
    _count_elements(archive, member, name, (namespace, local))
    text = 0
    try:
        with archive.open(member) as stream:
            for event, element in etree.iterparse(stream, events=("start", "end"), tag=tags, resolve_entities=False,
                                                  no_network=True, huge_tree=False):
                if event == "start":
                    on_start(element)
                    continue
                if element.text:
                    text += len(element.text)
                    _check_text_total(name, text)
                on_end(element)
                if element.getparent() is not None and element.tag == tags[0]:
                    element.clear(keep_tail=True)  # a finished row is not kept, nor its emptied siblings
                    while element.getprevious() is not None:
                        del element.getparent()[0]
    except etree.XMLSyntaxError as error:
        if "depth" in str(error).lower():
            raise _refuse(name, f"слишком глубокая вложенность XML (больше {MAX_XML_DEPTH} уровней)") from None
        raise _refuse(name, "XML документа повреждён или слишком сложен") from None
    return text


def check_docx(data: bytes, name: str) -> None:
    """document.xml streamed before python-docx builds its tree: nodes, depth, table rows, cells, cell text."""
    word = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    tr, tc, t, span = f"{word}tr", f"{word}tc", f"{word}t", f"{word}gridSpan"
    state = {"rows": 0, "columns": 0, "cells": 0, "row_cells": 0, "cell_chars": 0}

    def on_start(element):
        if element.tag == tr:
            state["rows"] += 1
            state["row_cells"] = 0
            check_grid(name, state["rows"], 1)
        elif element.tag == tc:
            state["cell_chars"] = 0

    def on_end(element):
        if element.tag == t and element.text:
            state["cell_chars"] += len(element.text)
            check_cell(name, state["cell_chars"], f"строка таблицы {state['rows']}")
        elif element.tag == span:
            value = element.get(f"{word}val", "1")
            state["row_cells"] += min(int(value), MAX_SPAN) - 1 if value.isdigit() and value != "0" else 0
        elif element.tag == tc:
            state["row_cells"] += 1
            state["cells"] += 1
        elif element.tag == tr:
            state["columns"] = max(state["columns"], state["row_cells"])
            check_grid(name, state["rows"], state["columns"])

    try:
        parts = _xml_parts(data, name, lambda member: member == "word/document.xml")
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # reading.py explains a damaged archive
    for member, archive in parts:
        _stream(archive, member, name, (tr, tc, t, span), on_start, on_end)


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _reference(ref: str) -> tuple[int, int]:
    """(row, column) of an Excel reference such as "XFD1048576" (0 where a part is missing)."""
    match = _CELL_REF.fullmatch(ref.strip().replace("$", "").upper())
    if not match:
        return 0, 0
    letters, digits = match.groups()
    return _bounded_int(digits or "0"), _column_number(letters) if letters else 0


def _bounded_int(digits: str) -> int:
    return int(digits) if len(digits) <= 9 else 10**9  # never a 5,000-digit int()


def check_xlsx(data: bytes, name: str) -> None:
    """Each sheet's declared dimension, then its real rows and columns and every string's length."""
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    row_tag, cell_tag, dimension, text_tags = f"{main}row", f"{main}c", f"{main}dimension", (f"{main}t", f"{main}v")
    try:
        parts = _xml_parts(data, name, lambda m: m.startswith("xl/worksheets/") and m.endswith(".xml")
                           or m == "xl/sharedStrings.xml")
    except (zipfile.BadZipFile, ValueError, OSError):
        return
    total_text = 0
    for member, archive in parts:
        sheet = {"rows": 0, "columns": 0, "row": 0, "column": 0}

        def on_start(element, sheet=sheet):
            if element.tag == dimension:
                ref = element.get("ref") or ""
                rows, columns = _reference(ref.split(":")[-1])
                check_grid(name, rows, columns, f": так объявлен диапазон листа {shown_name(ref)}")
            elif element.tag == row_tag:
                r = element.get("r") or ""
                sheet["row"] = _bounded_int(r) if r.isdigit() else sheet["row"] + 1
                sheet["rows"], sheet["column"] = max(sheet["rows"], sheet["row"]), 0
                check_grid(name, sheet["rows"], sheet["columns"])
            elif element.tag == cell_tag:
                # a cell with no reference is the one after the last (as Excel and openpyxl read it)
                sheet["column"] = _reference(element.get("r") or "")[1] or sheet["column"] + 1
                sheet["columns"] = max(sheet["columns"], sheet["column"])
                check_grid(name, max(sheet["rows"], 1), sheet["columns"])

        def on_end(element):
            if element.text and element.tag in text_tags:
                check_cell(name, len(element.text))

        total_text += _stream(archive, member, name, (row_tag, cell_tag, dimension, *text_tags), on_start, on_end)
        _check_text_total(name, total_text)
