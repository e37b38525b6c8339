"""The hostile-input corpus: files a department might upload by mistake or a fuzzer would make.

`python scripts/make_hostile_corpus.py DIR` writes every file with `EXPECTED.csv` (file, outcome,
what the message or report must mention). Outcomes: `read` (nothing to report), `warn` (read, with
problems reported by row and column), `refused` (PlanReadError with a Russian message).
"""

from __future__ import annotations

import csv
import io
import random
import zipfile
from pathlib import Path

import docx

from tests.conftest import SEED_DOCX, SEED_TXT, grid_to_csv, grid_to_xlsx, seed_grid

HEADER7 = ["№ п/п", "Наименование мероприятия", "Место проведения мероприятия", "Сроки проведения мероприятия",
           "Описание мероприятия", "Цель проведения мероприятия", "Участники мероприятия"]


def txt(title: str, header: list[str], rows: list[list[str]]) -> bytes:
    lines = [title, ""] + ["\t" + h for h in header]
    for row in rows:
        lines += ["\t" + c for c in row]
    return ("\n".join(lines) + "\n").encode("utf-8")


def event(n: str, title="Форум", venue="г. Смоленск", dates="март 2027 года") -> list[str]:
    return [n, title, venue, dates, "Описание", "Цель", "Участники из Республики Беларусь"]


def docx_table(rows: list[list[str]], title: str = "План на 2027 год", merge: tuple | None = None,
               tables_before: int = 0) -> bytes:
    document = docx.Document()
    document.add_paragraph(title)
    for _ in range(tables_before):
        other = document.add_table(rows=1, cols=2)
        other.cell(0, 0).text, other.cell(0, 1).text = "Согласовано", "Подпись"
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    if merge:
        row, first, last = merge
        table.cell(row, first).merge(table.cell(row, last))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (210 * 1024 * 1024))
    return out.getvalue()


def cases() -> list[tuple[str, bytes, str, str]]:
    """(file name, content, expected outcome, what the message or report must mention)."""
    seed_txt = SEED_TXT.read_bytes()
    seed_docx = SEED_DOCX.read_bytes()
    grid = seed_grid()
    rng = random.Random(7)
    plain = "План на 2027 год"
    return [
        ("empty.docx", b"", "refused", "пуст"),
        ("junk.docx", bytes(rng.randrange(256) for _ in range(4000)), "refused", "junk.docx"),
        ("junk.txt", bytes(rng.randrange(256) for _ in range(4000)) + b"\0\0", "refused", "не является текстом"),
        ("truncated.docx", seed_docx[: len(seed_docx) * 3 // 5], "refused", "повреждён"),
        ("no_table.docx", _docx_no_table(), "refused", "нет таблицы"),
        ("header_only.docx", docx_table([HEADER7]), "refused", "нет ни одного мероприятия"),
        ("missing_columns.docx", docx_table([["№", "Мероприятие", "Срок проведения"], ["1.", "Форум", "март"]]),
         "warn", "нет этой колонки"),
        ("extra_column.docx", docx_table([HEADER7 + ["Исполнители"], event("1.") + ["Минэкономразвития"]]), "read", ""),
        ("reordered_columns.docx", docx_table([[HEADER7[3], HEADER7[0], HEADER7[2], HEADER7[1]],
                                               ["март 2027 года", "1.", "г. Смоленск", "Форум"]]), "warn",
         "нет этой колонки"),
        ("merged_cells_in_event.docx", docx_table([HEADER7, event("1."), event("2.")], merge=(2, 2, 3)), "warn",
         "Сроки"),
        ("plan_after_other_table.docx", docx_table([HEADER7, event("1.")], tables_before=1), "read", ""),
        ("old_word.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000, "refused", ".doc"),
        ("renamed_pdf.docx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "refused", "PDF"),
        ("cp1251.txt", seed_txt.decode("utf-8").replace("\u2011", "-").encode("cp1251"), "read", ""),
        ("utf16.txt", seed_txt.decode("utf-8").encode("utf-16"), "read", ""),
        ("utf16.csv", grid_to_csv(grid, ";", "utf-16"), "read", ""),
        ("semicolon.csv", grid_to_csv(grid, ";", "utf-8-sig"), "read", ""),
        ("comma.csv", grid_to_csv(grid, ",", "utf-8"), "read", ""),
        ("header_only.csv", grid_to_csv([HEADER7], ";", "utf-8"), "refused", "нет ни одного мероприятия"),
        ("no_header.xlsx", grid_to_xlsx([["какая-то таблица"], ["1", "2", "3"]]), "refused", "заголовков"),
        ("formulas_and_title_rows.xlsx", _xlsx_with_formulas(grid), "read", ""),
        ("odd_dates.txt", txt(plain, HEADER7[:4], [
            ["1.", "А", "г. Смоленск", "с 12 по 15 марта"], ["2.", "Б", "г. Смоленск", "12–15.03.2027"],
            ["3.", "В", "г. Смоленск", "III–IV кварталы"], ["4.", "Г", "г. Смоленск", "1 декада сентября"],
            ["5.", "Д", "г. Смоленск", "конец ноября"], ["6.", "Е", "г. Смоленск", "31 июня 2027"],
            ["7.", "Ж", "г. Смоленск", "когда-нибудь потом"], ["8.", "З", "г. Смоленск", ""],
        ]), "warn", "Сроки"),
        ("html_and_script_cells.txt", txt(plain, HEADER7, [event("1.", title="<script>alert(1)</script><b>x</b>",
                                                                  venue="<i>г. Минск</i>")]), "read", ""),
        ("repeated_numbers.txt", txt(plain, HEADER7, [event("1."), event("1."), event("2.")]), "warn", "повторяется"),
        ("skipped_numbers.txt", txt(plain, HEADER7, [event("1."), event("3.")]), "warn", "нумерация нарушена"),
        ("hierarchical_numbers.txt", txt(plain, HEADER7, [event("1.1."), event("1.2."), event("2.1.")]), "read", ""),
        ("no_year_anywhere.txt", txt("План мероприятий", HEADER7, [event("1.", dates="март")]), "warn", "год"),
        ("unknown_place.txt", txt(plain, HEADER7, [event("1.", venue="г. Небывальск")]), "warn", "не найден"),
        ("unknown_state.txt", txt(plain, HEADER7, [event("1.", title="Визит делегации Республики Зумбия")]), "warn",
         "нет в справочнике стран"),
        ("row_with_missing_cells.docx", docx_table([HEADER7, event("1.")[:3] + [""] * 4, event("2.")]), "warn",
         "Сроки"),
        ("title_only.txt", "План на 2027 год\nбез таблицы\n".encode(), "refused", "нет таблицы"),
        ("zip_bomb.docx", zip_bomb(), "refused", "zip"),
        ("over_the_limit.txt", seed_txt * 320, "refused", "слишком большой"),
    ]


def _docx_no_table() -> bytes:
    document = docx.Document()
    document.add_paragraph("План на 2027 год")
    document.add_paragraph("Таблица будет позже.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _xlsx_with_formulas(grid: list[list[str]]) -> bytes:
    rows = [["=HYPERLINK(\"http://example.invalid\",\"Утверждено\")"], ["=1+1"]] + [list(r) for r in grid]
    rows[6][4] = "=СУММ(A1:A3)"  # a formula-looking description cell stays text
    return grid_to_xlsx(rows)


def write_corpus(folder: Path) -> list[dict]:
    folder.mkdir(parents=True, exist_ok=True)
    listing = []
    for name, content, outcome, mention in cases():
        (folder / name).write_bytes(content)
        listing.append({"file": name, "outcome": outcome, "mention": mention, "bytes": len(content)})
    with open(folder / "EXPECTED.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["file", "outcome", "mention", "bytes"])
        writer.writeheader()
        writer.writerows(listing)
    return listing
