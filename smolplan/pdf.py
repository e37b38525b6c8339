"""Reading a plan saved as PDF (with a text layer) into its raw table.

pdfplumber finds the ruled tables of each page; each becomes a grid with its merged cells marked, and
the shared reading (`reading.plan_from_grids`) applies the same shape rules as for Word. A table on a
later page continues the plan; its first row may be the rest of a row cut by the page break, and is
joined to it. A PDF has no paragraphs, only lines: the lines of a cell are joined with a space, a word
cut at a line's end ("ориентированн|ые", "выставочно-|ярмарочное") is put together again. A PDF with
no text at all is a scan, and is refused.
"""

from __future__ import annotations

import bisect
import io
import math
import re
from collections.abc import Callable

from smolplan.errors import PlanReadError
from smolplan.limits import check_pages
from smolplan.reading import ACROSS, DOWN, NO_PLAN_TABLE, Cell, Grid, RawTable, plan_from_grids

_LAST_WORD = re.compile(r"([А-Яа-яЁёA-Za-z]+)$")
_FIRST_WORD = re.compile(r"^([а-яё]+)")


def read_pdf(data: bytes, name: str) -> RawTable:
    import pdfplumber

    try:
        document = pdfplumber.open(io.BytesIO(data))
    except Exception as error:  # pdfminer raises many kinds on a damaged file
        raise PlanReadError(f"PDF-файл «{name}» не читается: {type(error).__name__}.") from None
    with document:
        try:
            pages = list(document.pages)
            check_pages(name, len(pages))
            if not any(page.chars for page in pages):
                raise PlanReadError(
                    f"PDF-файл «{name}» — скан без текстового слоя: текст в нём не распознаётся. "
                    "Загрузите план в формате .docx или PDF, сохранённый из Word."
                )
            grids, around = _grids_of(pages)
        except PlanReadError:
            raise
        except Exception as error:  # a broken page stream
            raise PlanReadError(f"PDF-файл «{name}» не читается: {type(error).__name__}.") from None
    return plan_from_grids(grids, name, around, f"В PDF-файле «{name}» {NO_PLAN_TABLE}.")


def _grids_of(pages) -> tuple[list[Grid], list[list[str]]]:
    """Every page's tables as grids, in reading order, and the lines of text around them."""
    grids: list[Grid] = []
    around: list[list[str]] = [[]]
    row_count = 0
    for page in pages:
        tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
        # A line belongs above or below a table by its middle: its box reaches a little into the ruling.
        lines = [{"middle": (line["top"] + line["bottom"]) / 2, "text": line["text"]}
                 for line in page.extract_text_lines()]
        for number, table in enumerate(tables):
            top, bottom = table.bbox[1], table.bbox[3]
            around[-1].extend(line["text"] for line in lines if line["middle"] <= top and (
                number == 0 or line["middle"] >= tables[number - 1].bbox[3]))
            rows = _table_rows(table)
            grids.append(Grid(rows, list(range(row_count + 1, row_count + len(rows) + 1)),
                              continues_row=number == 0 and len(grids) > 0,
                              join=lambda before, after: join_lines(f"{before}\n{after}")))
            row_count += len(rows)
            around.append([])
            if number == len(tables) - 1:
                around[-1].extend(line["text"] for line in lines if line["middle"] >= bottom)
        if not tables:
            around[-1].extend(line["text"] for line in lines)
    return grids, around


def _table_rows(table) -> list[list[Cell]]:
    """The table's cells; a cell pdfplumber leaves empty (None) is covered by a merged cell — ACROSS when a
    cell to its left in the same row reaches over it, DOWN otherwise."""
    texts = _cell_texts(table)
    boxes = [row.cells for row in table.rows]
    width = max(len(r) for r in boxes)
    lefts = [min((r[c][0] for r in boxes if c < len(r) and r[c] is not None), default=0.0) for c in range(width)]
    rows: list[list[Cell]] = []
    for r, row in enumerate(boxes):
        cells: list[Cell] = []
        for c, box in enumerate(row):
            if box is not None:
                cells.append(join_lines(texts[r][c] or ""))
                continue
            left = next((row[k] for k in range(c - 1, -1, -1) if row[k] is not None), None)
            cells.append(ACROSS if left is not None and left[2] > lefts[c] + 1 else DOWN)
        rows.append(cells)
    return rows


def _cell_texts(table) -> list[list[str | None]]:
    """Each cell's text from the characters drawn with it (None where pdfplumber has no cell).

    A page draws its table cell by cell, row by row, each cell's text as one run in reading order. A run
    that fills its box to the bottom edge may go on past it, over the box below in the same column:
    LibreOffice prints a repeated header row's titles merged down over two rows ("Наименование /
    мероприятия") past the one row it repeats. Those lines are the cell's own when the page shows they are
    not the box's below: the drawing comes back to an earlier cell after them, or the box below has a run
    of its own. Otherwise (a run going on across a border drawn through one cell) they stay where they lie.
    """
    from pdfplumber.utils import extract_text

    boxes = [(r, c, box) for r, row in enumerate(table.rows) for c, box in enumerate(row.cells) if box is not None]
    find = _cell_finder([box for _, _, box in boxes])
    drawn = [(char, k) for char in table.page.chars if (k := find(char)) is not None]
    runs: list[tuple[int, list[int]]] = []  # (the cell a run starts in, indexes of its characters)
    for i, (char, k) in enumerate(drawn):
        if i and _reads_on(drawn[i - 1][0], char) and (
                k == drawn[i - 1][1] or _runs_past(boxes[drawn[i - 1][1]][2], boxes[k][2], drawn[i - 1][0], char)):
            runs[-1][1].append(i)
        else:
            runs.append((k, [i]))
    own_run = {k for k, _ in runs}
    later_first = [(math.inf, math.inf)] * len(drawn)  # the earliest cell drawn after each character
    for i in range(len(drawn) - 2, -1, -1):
        later_first[i] = min(later_first[i + 1], boxes[drawn[i + 1][1]][:2])
    chars: dict[int, list[dict]] = {}
    for cell, indexes in runs:
        for i in indexes:
            char, k = drawn[i]
            past = k != cell and (k in own_run or boxes[k][:2] > later_first[i])
            chars.setdefault(cell if past else k, []).append(char)
    texts: list[list[str | None]] = [[None] * len(row.cells) for row in table.rows]
    for k, (r, c, _) in enumerate(boxes):
        texts[r][c] = extract_text(chars[k]) if k in chars else ""
    return texts


def _reads_on(before: dict, char: dict) -> bool:
    """Whether a character follows the one before in reading order: further on the line, or lower."""
    if abs(char["top"] - before["top"]) < before["height"] / 2:
        return char["x0"] >= before["x0"]
    return char["top"] > before["top"]


def _runs_past(box: tuple, under: tuple, before: dict, char: dict) -> bool:
    """Whether text that filled `box` to its bottom edge (`before`) goes on in `under`, the box right below."""
    middle = (char["x0"] + char["x1"]) / 2
    return (abs(box[3] - under[1]) < 1 and box[0] <= middle < box[2]
            and box[3] - before["bottom"] < before["height"])


def _cell_finder(boxes: list[tuple]) -> Callable[[dict], int | None]:
    """The index of the box a character's middle lies in (as pdfplumber's own `extract` decides), found
    through the grid of the boxes' edges rather than by trying every box."""
    xs = sorted({round(v, 2) for box in boxes for v in (box[0], box[2])})
    ys = sorted({round(v, 2) for box in boxes for v in (box[1], box[3])})
    slots: dict[tuple[int, int], int] = {}
    for k, (x0, top, x1, bottom) in enumerate(boxes):
        for i in range(bisect.bisect_left(xs, round(x0, 2)), bisect.bisect_left(xs, round(x1, 2))):
            for j in range(bisect.bisect_left(ys, round(top, 2)), bisect.bisect_left(ys, round(bottom, 2))):
                slots[(i, j)] = k

    def find(char: dict) -> int | None:
        i = bisect.bisect_right(xs, (char["x0"] + char["x1"]) / 2) - 1
        j = bisect.bisect_right(ys, (char["top"] + char["bottom"]) / 2) - 1
        return slots.get((i, j))

    return find


def join_lines(text: str) -> str:
    """A cell's printed lines as one text: a space between lines, none inside a word cut at a line's end
    — after a hyphen ("IT-|технологий"), or where the halves make a word (`_is_cut_word`)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return ""
    out = lines[0]
    for line in lines[1:]:
        last, first = _LAST_WORD.search(out), _FIRST_WORD.match(line)
        if out.endswith("-") and out[-2:-1].isalpha() and line[:1].isalnum():
            out += line
        elif last and first and _is_cut_word(last.group(1), first.group(1)):
            out += line
        else:
            out += " " + line
    return out


def _is_cut_word(head: str, tail: str) -> bool:
    """Whether a line's last letters and the next line's first are one word cut by a narrow column: the
    halves make a word and one alone is none ("ориентированн|ые") or the tail is a mere ending
    ("специализированна|я"), not a conjunction ("малым|и"); or, for a word no dictionary has, the head is
    none and the tail a short piece that is no preposition or conjunction ("видеоконференцсвя|зи",
    "здоровьесберегающ|ей"). Two words that make a third ("по|этому") stay apart."""
    from smolplan.names import _analyzer

    analyzer = _analyzer()
    known = analyzer.word_is_known
    small_word = any(p.tag.POS in _SMALL_WORDS for p in analyzer.parse(tail))
    if known(head + tail):
        return not known(head) or not known(tail) or (len(tail) <= 2 and len(head) >= 3 and not small_word)
    return not known(head) and len(tail) <= 3 and not small_word


_SMALL_WORDS = {"PREP", "CONJ", "PRCL", "INTJ"}  # words a line may well begin with: "и", "в", "на", "по"
