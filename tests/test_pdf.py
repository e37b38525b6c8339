"""Plans saved as PDF: the same shape rules as Word, rows cut by a page break joined, scans refused.
PDFs are rendered from the corpus' .docx by LibreOffice (slow: a few of them, built once)."""

from __future__ import annotations

import io
import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from PIL import Image

from smolplan import PlanReadError, load_plan
from smolplan.pdf import join_lines
from smolplan.reading import read_raw_table
from tests.conftest import ROOT
from tests.shapes.corpus import SMALL_PLAN, Shape, docx_to_pdf, expected_small_plan, plan_grids, to_csv, to_docx
from tests.test_shapes import FOOTNOTES, _same_as_seed, _table, _typed, plans_and_shapes, seed_tables

LONG = " ".join(f"Пункт {i} программы визита: встреча с партнёрами." for i in range(1, 90))


@pytest.fixture(scope="module")
def shaped_pdf() -> bytes:
    """The small plan in most shapes at once, event 3's description longer than a page, footnotes under it."""
    shape = Shape(group_header=True, numbering_row=True, repeat_header_after=(5,), split_after=(4,),
                  split_with_header=True, spacer_after=(1,), section_numbers=("I.", "II."))
    tables, _ = plan_grids(shape=shape)
    # Rows: two header rows, numbering, section, event 1, spacer, event 2, event 3.
    tables[0][7][4] = LONG
    tables[0][4][3] = "12-14 марта 2027 года*"
    return docx_to_pdf(to_docx(tables, notes=FOOTNOTES, signature=True, repeat_header_rows=3))


def test_a_pdf_in_many_shapes_reads_to_the_events_written_by_hand(shaped_pdf):
    plan = load_plan(shaped_pdf, name="plan.pdf")
    assert _typed(plan.events) == expected_small_plan()
    assert plan.report.empty, plan.report.to_string()
    assert plan.year == 2027


def test_a_row_cut_by_page_breaks_is_one_row(shaped_pdf):
    events = load_plan(shaped_pdf, name="plan.pdf").events
    assert events["description"][2] == LONG
    assert events["title"][2] == "Форум регионов"


def test_footnotes_under_a_pdf_table(shaped_pdf):
    events = load_plan(shaped_pdf, name="plan.pdf").events
    assert events["dates"][0] == "12-14 марта 2027 года"
    assert events["footnotes"][0] == ["по согласованию сторон"]


@pytest.fixture(scope="module")
def first_row_repeated_pdf() -> bytes:
    """A two-row header of which Word repeats only the first row on each page; event 3's description runs
    over pages. LibreOffice prints the titles merged down over both rows ("Наименование / мероприятия")
    past the one row it repeats, over the first row of the page."""
    tables, _ = plan_grids(shape=Shape(group_header=True))
    tables[0][5][4] = LONG  # rows: two header rows, section, event 1, event 2, event 3
    return docx_to_pdf(to_docx(tables, repeat_header_rows=1))


def test_a_header_repeated_by_its_first_row_alone_is_no_event(first_row_repeated_pdf):
    raw = read_raw_table(first_row_repeated_pdf, "plan.pdf")
    assert len(raw.rows) == 2 + 6  # two sections, six events: no header row, no stray fragment
    plan = load_plan(first_row_repeated_pdf, name="plan.pdf")
    assert _typed(plan.events) == expected_small_plan()
    assert plan.events["description"][2] == LONG  # the titles printed over it are not part of it
    assert plan.report.empty, plan.report.to_string()


def test_a_header_pasted_at_a_page_end_and_cut_by_the_break_is_no_event():
    """The header pasted after event 11, the last row of the first page: the page break cuts that row, and
    the rest of its titles ("мероприятия") opens the next page under Word's repeated header."""
    picks = [0, 0, 1, 1, 0, 0, 0, 1, 0, 3, 3]  # of SMALL_PLAN's events
    spheres = ["культуры", "спорта"] + ["экономики"] * 9
    plan = [(sphere, [f"{i + 1}."] + SMALL_PLAN[p][1][1:]) for i, (sphere, p) in enumerate(zip(spheres, picks))]
    tables, _ = plan_grids(plan, Shape(repeat_header_after=(1, 11), spacer_after=(1,)))
    read = load_plan(docx_to_pdf(to_docx(tables, repeat_header_rows=1)), name="plan.pdf")
    assert list(read.events["title"]) == [SMALL_PLAN[p][1][1] for p in picks]
    assert read.events["dates"][10] == "май 2027 года"  # event 4's cells, nothing joined to them
    assert read.report.empty, read.report.to_string()


@pytest.mark.parametrize("shape", [
    Shape(split_after=(33,), split_with_header=True),  # split in two tables, the header repeated by Word
    Shape(group_header=True),  # a two-row header, only its first row repeated on each page
    Shape(group_header=True, numbering_row=True),
])
def test_the_seed_as_pdf_is_the_seed(shape, txt_plan, tmp_path):
    pdf = docx_to_pdf(to_docx(seed_tables(shape), repeat_header_rows=1,
                              title="План международных мероприятий на II полугодие 2026 года"))
    plan = load_plan(pdf, name="seed.pdf")
    _same_as_seed(plan, txt_plan)
    assert plan.report.empty, plan.report.to_string()
    (tmp_path / "seed.pdf").write_bytes(pdf)
    result = subprocess.run([sys.executable, "-m", "smolplan", "check", str(tmp_path / "seed.pdf")], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Мероприятий прочитано: 67" in result.stdout and "Все ячейки прочитаны." in result.stdout


def test_a_scan_is_refused_in_russian():
    out = io.BytesIO()
    Image.new("RGB", (600, 400), "white").save(out, format="PDF")
    with pytest.raises(PlanReadError) as caught:
        load_plan(out.getvalue(), name="скан.pdf")
    assert "скан" in caught.value.message and "скан.pdf" in caught.value.message
    assert "Error" not in caught.value.message


def test_a_pdf_with_text_but_no_plan_table_is_refused():
    pdf = docx_to_pdf(to_docx([], title="План на 2027 год: таблица будет позже"))
    with pytest.raises(PlanReadError) as caught:
        load_plan(pdf, name="plan.pdf")
    assert "нет таблицы плана" in caught.value.message and "plan.pdf" in caught.value.message


@pytest.mark.parametrize("printed, text", [
    ("Экспортно\nориентированн\nые субъекты", "Экспортно ориентированные субъекты"),  # a word cut by a narrow column
    ("ООО «Корпорац\nия развития»", "ООО «Корпорация развития»"),
    ("информационны\nх технологий", "информационных технологий"),
    ("специализированна\nя выставка", "специализированная выставка"),  # the tail is a mere ending
    ("видеоконференцсвяз\nью", "видеоконференцсвязью"),  # a word no dictionary has
    ("видеоконференцсвя\nзи", "видеоконференцсвязи"),
    ("«Табтабус»\nи выставка", "«Табтабус» и выставка"),
    ("Табтабус\nи выставка", "Табтабус и выставка"),  # a conjunction after a name is a word
    ("«Дрибинские\nторжки»", "«Дрибинские торжки»"),  # two names the dictionary does not know
    ("выставочно-\nярмарочное", "выставочно-ярмарочное"),  # the hyphen is the word's own
    ("IT-\nтехнологий", "IT-технологий"),
    ("Форум\nи выставка", "Форум и выставка"),  # two words, each a word
    ("малым\nи средним", "малым и средним"),  # "малыми" is a word too, but "и" begins a line as often
    ("здоровьесберегающ\nей среды", "здоровьесберегающей среды"),
    ("ВНОТ-\n2026", "ВНОТ-2026"),
    ("по\nэтому поводу", "по этому поводу"),  # both halves are words: no guessing "поэтому"
    ("2026 –\n2027 года", "2026 – 2027 года"),
    ("г. Минск,\nРеспублика Беларусь", "г. Минск, Республика Беларусь"),
    ("", ""),
])
def test_printed_lines_become_the_cell_text(printed, text):
    assert join_lines(printed) == text


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans_and_shapes())
def test_any_combination_of_shapes_in_a_pdf_reads_to_the_plain_table(plan_and_shape):
    plan, shape = plan_and_shape
    plain = load_plan(to_csv(plan_grids(plan, Shape())[0]), name="plan.csv")
    # Word repeats the header on every page: whole, or its first row alone as the shape repeats it.
    header_rows = shape.repeat_first_rows or (2 if shape.group_header else 1)
    shaped = load_plan(docx_to_pdf(to_docx(plan_grids(plan, shape)[0], repeat_header_rows=header_rows)),
                       name="plan.pdf")
    assert list(shaped.events["title"]) == [cells[1] for _, cells in plan]
    one_line = lambda table: table.map(lambda v: " ".join(v.split()) if isinstance(v, str) else v)  # noqa: E731
    pd.testing.assert_frame_equal(one_line(_table(shaped)), one_line(_table(plain)))  # a PDF has no paragraphs
    assert shaped.report.empty, shaped.report.to_string()
