"""The second hostile corpus: files made to exhaust the server, each under the 20 MB upload limit.

Each case is (file name, content, expected outcome, what the message or report must mention), as in
`tests/hostile/corpus.py`: `refused` — PlanReadError with a Russian message naming the limit;
`warn` — read, the problem reported (bounded) by row and column; `read` — nothing to report.
The files are generated (a few are tens of megabytes unpacked), never stored.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache

from tests.conftest import SEED_DOCX, SEED_TXT, grid_to_csv, grid_to_xlsx
from tests.hostile.corpus import HEADER7, event, txt

PLAIN = "План на 2027 год"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _replace_member(data: bytes, member: str, content: bytes, drop: tuple[str, ...] = ()) -> bytes:
    """The same Office archive with one part replaced (and others dropped)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in drop:
                continue
            target.writestr(info.filename, content if info.filename == member else source.read(info.filename))
    return out.getvalue()


def _docx_body(body: str) -> bytes:
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>'
    return _replace_member(SEED_DOCX.read_bytes(), "word/document.xml", xml.encode())


def _small_xlsx() -> bytes:
    return grid_to_xlsx([[PLAIN], HEADER7, event("1."), event("2.")])


def _sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()


def declared_xfd_xlsx() -> bytes:
    """A 5 KB workbook whose sheet claims A1:XFD1048576 (openpyxl would pad every row to 16,384 cells)."""
    data = _small_xlsx()
    sheet = re.sub(r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1:XFD1048576"/>', _sheet_xml(data))
    return _replace_member(data, "xl/worksheets/sheet1.xml", sheet.encode())


def rows_to_xfd_xlsx(rows: int = 200_000) -> bytes:
    """200,000 rows with one cell in column XFD and no dimension declared: the real extent is what counts."""
    data = _small_xlsx()
    sheet = re.sub(r'<dimension ref="[^"]*"\s*/>', "", _sheet_xml(data))
    extra = "".join(f'<row r="{r}"><c r="XFD{r}" t="inlineStr"><is><t>x</t></is></c></row>' for r in range(10, rows))
    sheet = sheet.replace("</sheetData>", extra + "</sheetData>")
    return _replace_member(data, "xl/worksheets/sheet1.xml", sheet.encode())


def cells_without_reference_xlsx(cells: int = 5_000) -> bytes:
    """5,000 cells in one row with no `r` attribute: each is the column after the last, as openpyxl
    reads them (so the extent must be counted, not read from the references)."""
    data = _small_xlsx()
    extra = '<row r="9">' + '<c t="inlineStr"><is><t>x</t></is></c>' * cells + "</row>"
    sheet = re.sub(r'<dimension ref="[^"]*"\s*/>', "", _sheet_xml(data)).replace("</sheetData>", extra + "</sheetData>")
    return _replace_member(data, "xl/worksheets/sheet1.xml", sheet.encode())


def many_pages_pdf(pages: int = 301) -> bytes:
    """A PDF of 301 empty pages, written by hand (a few KB): the pages are counted before any is read."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>",
               "<< /Type /Pages /Kids [" + " ".join(f"{3 + i} 0 R" for i in range(pages)) + f"] /Count {pages} >>"]
    objects += ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def long_string_xlsx() -> bytes:
    """A cell of 150,000 characters written into the sheet's XML (Excel itself stops at 32,767)."""
    data = _small_xlsx()
    sheet = _sheet_xml(data).replace("<t>&#1060;&#1086;&#1088;&#1091;&#1084;</t>", "<t>" + "Форум " * 25_000 + "</t>", 1)
    return _replace_member(data, "xl/worksheets/sheet1.xml", sheet.encode())


def million_rows_docx(rows: int = 1_700_000) -> bytes:
    """1.7 million one-cell table rows (about 90 MB of XML packed into a small file)."""
    row = "<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>"
    return _docx_body(f"<w:p><w:r><w:t>{PLAIN}</w:t></w:r></w:p><w:tbl>{row * rows}</w:tbl>")


def deep_docx(depth: int = 5_000) -> bytes:
    return _docx_body("<w:sdt><w:sdtContent>" * depth + "<w:p/>" + "</w:sdtContent></w:sdt>" * depth)


def many_nodes_docx(nodes: int = 4_000_000) -> bytes:
    return _docx_body("<w:p/>" * nodes)


def long_cell_docx() -> bytes:
    header = "".join(f"<w:tc><w:p><w:r><w:t>{h}</w:t></w:r></w:p></w:tc>" for h in HEADER7)
    cells = [f"<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>" for c in event("1.")]
    cells[1] = "<w:tc><w:p><w:r><w:t>" + "Форум " * 30_000 + "</w:t></w:r></w:p></w:tc>"
    return _docx_body(f"<w:tbl><w:tr>{header}</w:tr><w:tr>{''.join(cells)}</w:tr></w:tbl>")


def entity_expansion_docx() -> bytes:
    """«Billion laughs»: entities that would expand to gigabytes if an XML parser resolved them."""
    entities = '<!ENTITY a0 "ха">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]><w:document xmlns:w="{_W}"><w:body>'
           f"<w:p><w:r><w:t>&a9;</w:t></w:r></w:p></w:body></w:document>")
    return _replace_member(SEED_DOCX.read_bytes(), "word/document.xml", xml.encode())


def csv_rows(rows: list[list[str]]) -> bytes:
    return grid_to_csv([[PLAIN], HEADER7, *rows], ";", "utf-8")


@lru_cache(maxsize=1)
def attacks() -> list[tuple[str, bytes, str, str]]:
    """(file name, content, expected outcome, what the message or report must mention)."""
    seed_txt = SEED_TXT.read_bytes()
    return [
        # Sizes a reader would materialise: refused before anything is built.
        ("declared_xfd.xlsx", declared_xfd_xlsx(), "refused", "так объявлен диапазон листа"),
        ("rows_to_xfd.xlsx", rows_to_xfd_xlsx(), "refused", "слишком много строк таблицы"),
        ("ten_cells_at_xfd.xlsx", rows_to_xfd_xlsx(rows=20), "refused", "слишком много колонок"),
        ("cells_without_reference.xlsx", cells_without_reference_xlsx(), "refused", "слишком много колонок"),
        ("long_string.xlsx", long_string_xlsx(), "refused", "слишком длинная ячейка"),
        ("many_pages.pdf", many_pages_pdf(), "refused", "слишком много страниц"),
        ("million_rows.docx", million_rows_docx(), "refused", "слишком много строк"),
        ("deep_nesting.docx", deep_docx(), "refused", "вложенность"),
        ("many_nodes.docx", many_nodes_docx(), "refused", "элементов XML"),
        ("long_cell.docx", long_cell_docx(), "refused", "слишком длинная ячейка"),
        ("entity_expansion.docx", entity_expansion_docx(), "refused", "entity_expansion.docx"),
        ("one_line_15mb.csv", ("Форум " * 1_300_000).encode(), "refused", "слишком длинная строка"),
        ("semicolons_15mb.csv", b";" * (15 * 1024 * 1024), "refused", "разделителей"),
        ("quote_never_closed.csv", csv_rows([event("1.")]) + b'2;"' + b"x\n" * 150_000, "refused",
         "в записи со строки 4 поле длиннее"),  # title, header and one event above it
        ("wide_rows.csv", csv_rows([event("1.") + ["x"] * 100]), "refused", "колонок"),
        ("many_lines.txt", txt(PLAIN, HEADER7, [event("1.")]) + b"\n" * 1_100_000, "refused", "слишком много строк"),
        ("many_rows.txt", txt(PLAIN, HEADER7, [event(f"{n}.") for n in range(1, 25_001)]), "refused",
         "слишком много строк таблицы"),
        # Values that used to escape as English exceptions: read, with the oddity reported.
        ("number_20_digits.csv", csv_rows([event("1" * 20 + ".")]), "warn", "номер"),
        ("number_5000_digits.csv", csv_rows([event("9" * 5000)]), "warn", "номер"),
        # Dates outside the sane window are reported, not used; nested brackets take linear time (dates.py).
        ("years_1900_2199.txt", txt(PLAIN, HEADER7, [event("1.", dates="1900 - 2199 годы")]), "warn",
         "вне допустимых пределов"),
        ("nested_parentheses.txt", txt(PLAIN, HEADER7, [event("1.", dates="(" * 49_990 + "март" + ")" * 49_990)]),
         "warn", "сроки не указаны"),  # what is in brackets is a note: no date outside them
        # One cell that yields a thousand problems: the report stays bounded (one record per cell and problem).
        ("state_name_x3000.txt", txt(PLAIN, HEADER7, [event("1.", title="Республика Зумбия " * 3000)]), "warn",
         "похоже на название государства"),
        # Text that must stay text: read as it is.
        ("control_characters.txt", txt(PLAIN, HEADER7, [event("1.", title="Форум\rBEGIN:VEVENT\x00\x1b[31m")]),
         "read", ""),
        ("escape_in_reported_cell.txt", txt(PLAIN, HEADER7, [event("1.", venue="г. Небывальск\x1b[2J\x1b]0;x\x07")]),
         "warn", "не найден"),
        ("link_in_title.txt", txt("План на 2027 год www.example.org http://evil.invalid", HEADER7, [event("1.")]),
         "read", ""),
        ("seed_again.txt", seed_txt, "read", ""),
    ]


# Upload names a client may send: shown as written (escaped), stored under a name bounded in bytes.
# Streamlit itself refuses a NUL in an uploaded name before the page runs (its own English message, to
# the sender's session only), so that one is tested on the library, not the page: UPLOAD_NAMES.
HOSTILE_NAMES = [
    "план\x00.txt",
    "𝔭" * 70 + ".txt",
    "я" * 300 + ".txt",
    "../../../../etc/passwd.txt",
    "plan\r\nSet-Cookie: x=1.txt",
    "[ссылка](http://evil.invalid).txt",
    "<img src=x onerror=alert(1)>.txt",
]
UPLOAD_NAMES = [name for name in HOSTILE_NAMES if "\x00" not in name]
