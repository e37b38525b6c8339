"""Plans of every official shape read to the same events: two-row headers, numbering rows, repeated
headers, split tables, spacer rows, numbered sections and items, footnotes, approval and signature blocks
(corpus: tests/shapes/corpus.py). Expected events are written by hand from the corpus' cells."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smolplan import load_plan
from smolplan.text import fold
from smolplan.reading import ACROSS, read_csv_text, read_raw_table
from tests.conftest import ROOT, SEED_TXT
from tests.shapes.corpus import (
    HEADER, NUMBERED_SECTIONS_PLAN, SMALL_PLAN, TITLE, Shape, expected_small_plan, plan_grids, render, to_csv, to_docx,
)

FORMATS = ["docx", "xlsx", "csv", "txt"]
SHAPES = {
    "plain": Shape(),
    "two-row header, group over sub-columns": Shape(group_header=True),
    "numbering row under the header": Shape(numbering_row=True),
    "header pasted mid-table twice": Shape(repeat_header_after=(2, 4)),
    "split after a page break, no header": Shape(split_after=(3,)),
    "split twice, header and numbering repeated": Shape(split_after=(2, 4), split_with_header=True,
                                                        group_header=True, numbering_row=True),
    "empty spacer rows": Shape(spacer_after=(1, 5)),
    "sections numbered I., II.": Shape(section_numbers=("I.", "II.")),
    "sections 1., Раздел 2., items 1.1.": Shape(section_numbers=("1.", "Раздел 2."), item_numbers=True),
    "sections numbered I., II. in the № cell": Shape(section_numbers=("I.", "II."), section_number_cell=True),
    "approval block before, signature after": Shape(signature_table=True),
    "two-row header, titles not merged down": Shape(group_header=True, titles_merged_down=False),
    "split, the next table starts with the column numbers": Shape(split_after=(3,), split_with_numbering=True),
    "two-row header pasted again by its first row": Shape(group_header=True, repeat_header_after=(2, 5),
                                                          repeat_first_rows=1),
    "split, the next table starts with the first header row": Shape(group_header=True, split_after=(3,),
                                                                    split_with_header=True, repeat_first_rows=1),
    "everything at once": Shape(group_header=True, numbering_row=True, repeat_header_after=(5,),
                                split_after=(3,), spacer_after=(2,), section_numbers=("I.", "II.")),
}


def _typed(events: pd.DataFrame) -> list[dict]:
    return [dict(n=int(r.n), sphere=r.sphere, start="" if pd.isna(r.start) else r.start.strftime("%Y-%m-%d"),
                 end="" if pd.isna(r.end) else r.end.strftime("%Y-%m-%d"), precision=str(r.precision),
                 partners=sorted(r.partner_countries)) for r in events.itertuples()]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("shape_name", SHAPES)
def test_every_shape_reads_to_the_events_written_by_hand(shape_name, fmt):
    shape = SHAPES[shape_name]
    tables, _ = plan_grids(shape=shape)
    data, name = render(tables, fmt, signature=shape.signature_table)
    plan = load_plan(data, name=name)
    assert _typed(plan.events) == expected_small_plan()
    assert plan.report.empty, plan.report.to_string()
    assert plan.year == 2027
    # The cells are the cells: a description that begins "В области" stays in its event.
    assert list(plan.events["description"]) == [cells[4] for _, cells in SMALL_PLAN]
    assert list(plan.events["venue"])[3] == "г. Смоленск,\nстадион «Спартак»"


@pytest.mark.parametrize("fmt", FORMATS)
def test_items_keep_their_printed_number(fmt):
    tables, _ = plan_grids(shape=Shape(item_numbers=True))
    plan = load_plan(*render(tables, fmt))
    assert list(plan.events["item_number"]) == ["1.1.", "1.2.", "1.3.", "2.1.", "2.2.", "2.3."]
    assert list(plan.events["n"]) == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_group_title_names_each_sub_column_by_its_own_title(fmt):
    tables, _ = plan_grids(shape=Shape(group_header=True))
    raw = read_raw_table(*render(tables, fmt))
    assert raw.header == ["№ п/п", "Наименование мероприятия", "место", "сроки", "Описание мероприятия",
                          "Цель проведения мероприятия", "Участники мероприятия"]


def test_the_load_report_names_the_sub_column():
    tables, _ = plan_grids(shape=Shape(group_header=True))
    tables[0][3][3] = "когда-нибудь потом"  # event 1's dates
    plan = load_plan(*render(tables, "docx"))
    assert list(plan.report["column"]) == ["сроки"]
    assert list(plan.report["n"]) == [1]


@pytest.mark.parametrize("text, number, sphere", [
    ("В сфере экономики", "", "экономики"),
    ("I. В сфере экономики", "I", "экономики"),
    ("1. Культурное сотрудничество", "1", "Культурное сотрудничество"),
    ("Раздел 2. Образование", "2", "Образование"),
    ("РАЗДЕЛ III. Наука", "III", "Наука"),
    ("IV. Молодёжная политика", "IV", "Молодёжная политика"),
    ("2.1. В сфере спорта", "2.1", "спорта"),
    ("3) Туризм", "3", "Туризм"),
    ("II Здравоохранение", "II", "Здравоохранение"),  # no dot, but a capital after the number
    ("I полугодие", "", "I полугодие"),  # a number that is part of the name
    ("В области здравоохранения", "", "В области здравоохранения"),
    ("IT-технологии и связь", "", "IT-технологии и связь"),
])
def test_section_names_keep_their_number_apart(text, number, sphere):
    grid = [HEADER, [text] + [ACROSS] * 6, ["1.", "Форум", "г. Смоленск", "март 2027 года", "", "", ""]]
    plan = load_plan(to_docx([grid]), name="plan.docx")
    assert list(plan.events["sphere"]) == [sphere]
    assert list(plan.events["sphere_number"]) == [number]


# By hand from NUMBERED_SECTIONS_PLAN: two events under «I. Экономическое сотрудничество», one under
# «1. В сфере экономики», three under «Раздел 2. Культурное сотрудничество».
NUMBERED_SPHERES = [("I", "Экономическое сотрудничество")] * 2 + [("1", "экономики")] + [
    ("2", "Культурное сотрудничество")] * 3


@pytest.mark.parametrize("fmt", [*FORMATS, "pdf"])
@pytest.mark.parametrize("shape", [Shape(sphere_prefix=""), Shape(sphere_prefix="", group_header=True,
                                                                  numbering_row=True, split_after=(3,))])
def test_numbered_sections_in_every_reader(fmt, shape):
    plan = load_plan(*render(plan_grids(NUMBERED_SECTIONS_PLAN, shape)[0], fmt))
    assert list(zip(plan.events["sphere_number"], plan.events["sphere"])) == NUMBERED_SPHERES
    assert list(plan.events["title"]) == [cells[1] for _, cells in SMALL_PLAN]
    assert plan.report.empty, plan.report.to_string()


@pytest.mark.parametrize("fmt, numbers, expected", [
    *((fmt, ("I.", "II."), ["I"] * 3 + ["II"] * 3) for fmt in [*FORMATS, "pdf"]),
    # An Arabic number alone in the № cell is told from an event's only by the merge: .csv and .txt have none.
    *((fmt, ("1.", "2."), ["1"] * 3 + ["2"] * 3) for fmt in ["docx", "xlsx", "pdf"]),
])
def test_a_section_number_in_the_number_cell_stays_with_its_section(fmt, numbers, expected):
    shape = Shape(section_numbers=numbers, section_number_cell=True, item_numbers=True)
    plan = load_plan(*render(plan_grids(shape=shape)[0], fmt))
    assert list(plan.events["sphere_number"]) == expected
    assert list(plan.events["sphere"]) == ["экономики"] * 3 + ["культуры"] * 3
    assert list(plan.events["item_number"]) == ["1.1.", "1.2.", "1.3.", "2.1.", "2.2.", "2.3."]
    assert plan.report.empty, plan.report.to_string()


def test_the_seed_numbers_no_section(txt_plan):
    assert list(txt_plan.events["sphere_number"]) == [""] * 67
    assert txt_plan.events["sphere"].iloc[0] == "экономического развития"


# Rows of a table as a spreadsheet gives them (no merge information): what each one is, by its shape.
@pytest.mark.parametrize("row, kind", [
    (["В сфере спорта", "", "", ""], "section"),
    (["", "Культурное сотрудничество", "", ""], "section"),  # one cell, no number, no other cells
    (["В сфере спорта"] * 4, "section"),  # a merged cell exported into every column it covers
    (["1.", "В области культуры проводится форум", "г. Смоленск", "март"], "event"),
    (["", "Форум", "г. Смоленск", "март"], "event"),  # an event whose number is missing
    (["1", "2", "3", "4"], "skipped"),  # the column numbers
    (["1.", "2.", "3.", "4."], "skipped"),
    (["", "", "", ""], "skipped"),
    (["№", "Наименование мероприятия", "Место проведения", "Сроки"], "skipped"),  # the header again
    (["", "Наименование мероприятия", "Место проведения", "Сроки"], "skipped"),
    (["5.", "", "", ""], "event"),  # a number alone is an (empty) event, not a section
])
def test_what_a_row_is_follows_from_its_shape(row, kind):
    header = ["№", "Наименование мероприятия", "Место проведения", "Сроки"]
    first = ["1.", "Турнир", "г. Смоленск", "май"]
    table = read_csv_text("\n".join(";".join(r) for r in [header, first, row]), "plan.csv")
    rows = table.rows[1:]
    if kind == "skipped":
        assert rows == []
    else:
        assert len(rows) == 1 and rows[0].is_section == (kind == "section")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_header_row_cut_to_the_first_lines_of_its_titles_is_the_header_again(fmt):
    """As a page repeats the first row of a two-row header at its own height: the titles merged down over
    both rows keep only their first lines."""
    tables, _ = plan_grids(shape=Shape(group_header=True))
    cut = ["№ п/п", "Наименование", "Место и сроки проведения", ACROSS, "Описание", "Цель проведения", "Участники"]
    tables[0].insert(5, cut)  # after event 2
    plan = load_plan(*render(tables, fmt))
    assert _typed(plan.events) == expected_small_plan()
    assert plan.report.empty, plan.report.to_string()


FOOTNOTES = ["* по согласованию сторон", "¹ проводится ежегодно"]


def _footnoted_plan() -> list[list[list]]:
    tables, _ = plan_grids()
    tables[0][2][3] = "12-14 марта 2027 года*"  # event 1's dates
    tables[0][6][1] = "Фестиваль «Славянское единство»¹"  # event 4's name
    tables[0][7][4] = "Выставки и концерты в зале 300 м²"  # a superscript with no footnote is no mark
    return tables


@pytest.mark.parametrize("fmt", FORMATS)
def test_footnote_marks_come_off_and_their_text_goes_to_the_event(fmt):
    data, name = render(_footnoted_plan(), fmt, notes=FOOTNOTES)
    plan = load_plan(data, name=name)
    events = plan.events
    assert list(events["footnotes"]) == [["по согласованию сторон"], [], [], ["проводится ежегодно"], [], []]
    assert events["dates"][0] == "12-14 марта 2027 года"
    assert events["title"][3] == "Фестиваль «Славянское единство»"
    assert events["description"][4] == "Выставки и концерты в зале 300 м²"
    assert _typed(events) == expected_small_plan()
    assert len(events) == 6 and plan.report.empty


def test_a_superscript_run_in_word_is_a_footnote_mark():
    data = to_docx(_footnoted_plan(), notes=FOOTNOTES, superscript_marks=True)
    events = load_plan(data, name="plan.docx").events
    assert events["title"][3] == "Фестиваль «Славянское единство»"
    assert events["footnotes"][3] == ["проводится ежегодно"]


def test_a_table_after_the_plan_with_other_columns_is_not_part_of_it():
    tables, _ = plan_grids()
    legend = [["Условные обозначения", ""], ["*", "по согласованию"]]
    data = to_docx(tables + [legend])
    plan = load_plan(data, name="plan.docx")
    assert len(plan.events) == 6 and plan.report.empty


# --- property: any combination of shapes, any plan, reads to the same events --------------------------

_POOL = [cells for _, cells in SMALL_PLAN]


@st.composite
def plans_and_shapes(draw):
    count = draw(st.integers(1, 12))
    spheres = draw(st.lists(st.sampled_from(["экономики", "культуры", "спорта"]), min_size=count, max_size=count))
    picks = draw(st.lists(st.sampled_from(range(len(_POOL))), min_size=count, max_size=count))
    plan = [(sphere, [f"{i + 1}."] + _POOL[p][1:]) for i, (sphere, p) in enumerate(zip(sorted(spheres), picks))]
    events = st.lists(st.integers(1, count), max_size=3, unique=True).map(lambda xs: tuple(sorted(xs)))
    shape = Shape(group_header=draw(st.booleans()), numbering_row=draw(st.booleans()),
                  repeat_header_after=draw(events), split_after=draw(events),
                  split_with_header=draw(st.booleans()), spacer_after=draw(events),
                  repeat_first_rows=draw(st.sampled_from([0, 1])), split_with_numbering=draw(st.booleans()),
                  titles_merged_down=draw(st.booleans()))
    return plan, shape


def _table(plan) -> pd.DataFrame:
    columns = ["n", "sphere", "title", "venue", "dates", "description", "goal", "participants", "start", "end",
               "precision", "partner_countries"]
    return plan.events[columns].reset_index(drop=True)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans_and_shapes(), st.sampled_from(FORMATS))
def test_any_combination_of_shapes_reads_to_the_plain_table(plan_and_shape, fmt):
    plan, shape = plan_and_shape
    plain = load_plan(*render(plan_grids(plan, Shape())[0], "csv"))
    shaped = load_plan(*render(plan_grids(plan, shape)[0], fmt))
    # Events in = events out: none lost, none invented, in plan order.
    assert list(shaped.events["title"]) == [cells[1] for _, cells in plan]
    pd.testing.assert_frame_equal(_table(shaped), _table(plain))
    assert shaped.report.empty, shaped.report.to_string()


# --- done when: the seed in every shape gives exactly the seed's 67 events ------------------------------

TYPED = ["n", "sphere", "start", "end", "precision", "venue_countries", "partner_countries", "online"]
SEED_SHAPES = {
    "numbering row": Shape(numbering_row=True),
    "header repeated mid-table": Shape(repeat_header_after=(20, 50)),
    "split in two by a page break": Shape(split_after=(33,)),
    "split, header repeated": Shape(split_after=(33,), split_with_header=True),
    "two-row header": Shape(group_header=True),
    "two-row header, titles not merged down, split": Shape(group_header=True, titles_merged_down=False,
                                                           split_after=(33,), split_with_numbering=True),
    "two-row header, its first row pasted again": Shape(group_header=True, repeat_header_after=(20, 50),
                                                        repeat_first_rows=1),
    "spacer rows": Shape(spacer_after=(1, 10, 40)),
}


def seed_plan() -> list[tuple[str, list[str]]]:
    """The seed's events as (sphere title, cells), read from its text export."""
    raw = read_raw_table(SEED_TXT.read_bytes(), SEED_TXT.name)
    plan, sphere = [], ""
    for row in raw.rows:
        if row.is_section:
            sphere = row.cells[0]
        else:
            plan.append((sphere, row.cells))
    return plan


def seed_tables(shape: Shape) -> list[list[list]]:
    tables, _ = plan_grids(seed_plan(), Shape(**{**shape.__dict__, "sphere_prefix": ""}))
    return tables


def _folded(events: pd.DataFrame) -> pd.DataFrame:
    """The text columns with case, dashes and every space folded: a PDF has lines, not paragraphs, and
    cannot tell "бабушки/ дедушки" from "бабушки /дедушки"; the words and their order are the same."""
    text = events[["title", "venue", "dates", "description", "goal", "participants"]]
    return text.map(lambda s: re.sub(r"\s+", "", fold(s)))


def _same_as_seed(plan, txt_plan) -> None:
    assert len(plan.events) == 67
    got, want = plan.events, txt_plan.events
    pd.testing.assert_frame_equal(got[TYPED].reset_index(drop=True), want[TYPED].reset_index(drop=True))
    assert [[p["name"] for p in ps] for ps in got["places"]] == [[p["name"] for p in ps] for ps in want["places"]]
    pd.testing.assert_frame_equal(_folded(got), _folded(want))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("shape_name", SEED_SHAPES)
def test_the_seed_in_every_shape_is_the_seed(shape_name, fmt, txt_plan):
    data, name = render(seed_tables(SEED_SHAPES[shape_name]), fmt,
                        title="План международных мероприятий на II полугодие 2026 года")
    plan = load_plan(data, name=name)
    _same_as_seed(plan, txt_plan)
    assert plan.report.empty, plan.report.to_string()


def test_check_on_every_shape_of_the_seed_reads_67_events(tmp_path):
    for number, shape in enumerate(SEED_SHAPES.values()):
        data, _ = render(seed_tables(shape), "docx", title="План международных мероприятий на II полугодие 2026 года")
        (tmp_path / f"shape_{number}.docx").write_bytes(data)
    script = ("import sys\nfrom smolplan.cli import main\n"
              "print('codes', [main(['check', path]) for path in sys.argv[1:]])\n")
    paths = sorted(str(p) for p in tmp_path.glob("*.docx"))
    result = subprocess.run([sys.executable, "-c", script, *paths], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert result.stdout.count("Мероприятий прочитано: 67") == len(SEED_SHAPES), result.stdout + result.stderr
    assert result.stdout.count("Все ячейки прочитаны.") == len(SEED_SHAPES)
    assert f"codes {[0] * len(SEED_SHAPES)}" in result.stdout, result.stdout + result.stderr


def test_whole_year_plan_with_a_numbering_row_has_no_phantom_event():
    tables, _ = plan_grids(shape=Shape(numbering_row=True))
    plan = load_plan(to_csv(tables, title=TITLE), name="plan.csv")
    assert list(plan.events["n"]) == [1, 2, 3, 4, 5, 6]
    assert plan.period_start.isoformat() == "2027-01-01" and plan.period_end.isoformat() == "2027-12-31"


def test_word_footnotes_are_footnotes_too():
    """A Word footnote (footnotes.xml, a footnoteReference in the cell) goes to its event like a mark."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document(io.BytesIO(to_docx(plan_grids()[0])))
    xml = (f'<w:footnotes {nsdecls("w")}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
           '</w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t> Сроки уточняются'
           ' с белорусской стороной</w:t></w:r></w:p></w:footnote></w:footnotes>')
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                xml.encode(), document.part.package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    paragraph = document.tables[0].rows[2].cells[3].paragraphs[0]  # event 1's dates
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                                  '<w:footnoteReference w:id="1"/></w:r>'))
    out = io.BytesIO()
    document.save(out)
    events = load_plan(out.getvalue(), name="plan.docx").events
    assert events["dates"][0] == "12-14 марта 2027 года"
    assert list(events["footnotes"]) == [["Сроки уточняются с белорусской стороной"], [], [], [], [], []]


@pytest.mark.parametrize("shape", [Shape(spacer_after=(1,)), Shape(repeat_header_after=(1,)), Shape()])
def test_a_txt_plan_of_one_event_and_rows_after_it(shape):
    plan = load_plan(*render(plan_grids(SMALL_PLAN[:1], shape)[0], "txt"))
    assert _typed(plan.events) == expected_small_plan()[:1]
    assert plan.report.empty, plan.report.to_string()


# --- a numbered section where the sphere is shown: the event card and the workbook ------------------------

def test_the_event_card_shows_the_section_number(monkeypatch, tmp_path):
    from streamlit.testing.v1 import AppTest

    path = tmp_path / "plan_2027.csv"
    path.write_bytes(to_csv(plan_grids(NUMBERED_SECTIONS_PLAN, Shape(sphere_prefix=""))[0]))
    monkeypatch.setenv("SMOLPLAN_PLAN", str(path))
    app = AppTest.from_file(str(ROOT / "tests" / "app_entry.py"), default_timeout=60).run()
    app.switch_page("../pages/events.py")
    app.session_state["_open_event"] = 3  # a click on event 3, «Форум регионов»
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    labels, texts = [m.value for m in app.markdown], [t.value for t in app.text]
    parsed = labels[labels.index("#### Что прочитано") + 1:]
    assert parsed[:2] == ["**Сфера**", "**Номер раздела**"]
    assert texts[texts.index("экономики") + 1] == "1"


def test_the_workbook_gives_the_section_number_beside_the_name_and_only_when_there_is_one(txt_plan):
    import datetime as dt

    import openpyxl

    from smolplan.filters import Filters
    from smolplan.workbook import to_xlsx

    def detail(plan) -> list[tuple]:
        data = to_xlsx(plan.events, Filters(), "plan", dt.datetime(2027, 1, 10), len(plan.events))
        return list(openpyxl.load_workbook(io.BytesIO(data))["Подробно"].iter_rows(min_row=2, values_only=True))

    numbered = detail(load_plan(*render(plan_grids(NUMBERED_SECTIONS_PLAN, Shape(sphere_prefix=""))[0], "docx")))
    assert numbered[0][:3] == ("№ п/п", "Номер раздела", "Наименование мероприятия")
    assert [row[:2] for row in numbered[1:]] == [(1, "I"), (2, "I"), (3, "1"), (4, "2"), (5, "2"), (6, "2")]
    assert "Номер раздела" not in detail(txt_plan)[0]  # the seed numbers no section
