"""Reading documents: every format gives the same table; headers are matched by their titles."""

from __future__ import annotations

import io
import shutil

import docx
import pandas as pd
import pytest

from smolplan import PlanReadError, load_plan
from smolplan.reading import match_columns, read_raw_table
from tests.conftest import SEED_DOCX, SEED_TXT, grid_to_csv, grid_to_xlsx, seed_grid
from tests.shapes.corpus import soffice_convert

SEED_HEADER = [
    "№ п/п", "Наименование мероприятия", "Место проведения мероприятия", "Сроки проведения мероприятия",
    "Описание мероприятия", "Цель проведения мероприятия",
    "Участники мероприятия (страна, другие дополнительные сведения)",
]


@pytest.mark.parametrize("header, expected", [
    (SEED_HEADER, {"n": 0, "title": 1, "venue": 2, "dates": 3, "description": 4, "goal": 5, "participants": 6}),
    # Other plans' wording, another order, a column of executors.
    (["№", "Мероприятие", "Срок проведения", "Место проведения", "Исполнители", "Участники"],
     {"n": 0, "title": 1, "dates": 2, "venue": 3, "executors": 4, "participants": 5}),
    (["N п/п", "Наименование", "Сроки исполнения", "Ответственный исполнитель"],
     {"n": 0, "title": 1, "dates": 2, "executors": 3}),
    (["Дата", "Название мероприятия", "Краткое описание", "Цель"],
     {"dates": 0, "title": 1, "description": 2, "goal": 3}),
    # A count of participants is not the participants, wherever it stands …
    (["№", "Наименование мероприятия", "Сроки", "Планируемое количество участников", "Участники мероприятия (страна)"],
     {"n": 0, "title": 1, "dates": 2, "participants": 4}),
    # … unless nothing else says who takes part.
    (["№", "Наименование", "Сроки", "Число участников мероприятия"],
     {"n": 0, "title": 1, "dates": 2, "participants": 3}),
])
def test_columns_are_matched_by_title(header, expected):
    assert match_columns(header) == expected


def test_txt_export_cells_and_sections():
    raw = read_raw_table(SEED_TXT.read_bytes(), SEED_TXT.name)
    assert raw.title.endswith("на II полугодие 2026 года")
    assert raw.header[3] == "Сроки проведения мероприятия"
    sections = [r.cells[0] for r in raw.rows if r.is_section]
    assert len(sections) == 11
    assert sections[0] == "В сфере экономического развития"
    assert sections[-1] == "В сфере общественных связей"
    events = [r for r in raw.rows if not r.is_section]
    assert len(events) == 67
    assert all(len(r.cells) == 7 for r in events)
    # Event 2: the [bookmark: _GoBack] artefact is gone, the paragraph break stays.
    assert events[1].cells[1] == (
        "Международное выставочно-ярмарочное мероприятие\n«32-я Казахстанская Международная "
        "строительная и интерьерная выставка»"
    )
    # Event 4: a blank line inside the name cell does not start a new cell.
    assert events[3].cells[1] == "Фестиваль бизнеса и IT-технологий «Табтабус» – 2026"
    assert events[3].cells[3] == "август\n2026 года"


def test_docx_reads_like_txt():
    from_txt = read_raw_table(SEED_TXT.read_bytes(), SEED_TXT.name)
    from_docx = read_raw_table(SEED_DOCX.read_bytes(), SEED_DOCX.name)
    assert from_docx.title == from_txt.title
    assert from_docx.header == from_txt.header
    assert [r.cells for r in from_docx.rows] == [r.cells for r in from_txt.rows]


def _frames_equal(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))


@pytest.mark.parametrize("make, name", [
    (lambda g: grid_to_xlsx(g), "plan.xlsx"),
    (lambda g: grid_to_csv(g, ";", "utf-8-sig"), "plan.csv"),
    (lambda g: grid_to_csv(g, ",", "utf-8"), "plan_comma.csv"),
    (lambda g: grid_to_csv(g, ";", "cp1251"), "plan_1251.csv"),
])
def test_every_format_gives_the_same_table(txt_plan, docx_plan, make, name):
    expected = txt_plan.events
    if name == "plan_1251.csv":  # Windows-1251 has no non-breaking hyphen (event 59's "Сьерра‑Леоне")
        grid = [[cell.replace("\u2011", "-") for cell in row] for row in seed_grid()]
        plan = load_plan(make(grid), name=name)
        expected = expected.assign(description=expected["description"].str.replace("\u2011", "-"))
    else:
        plan = load_plan(make(seed_grid()), name=name)
    _frames_equal(plan.events, expected)
    _frames_equal(docx_plan.events, txt_plan.events)
    assert plan.year == 2026


def _docx_with_table(rows: list[list[str]], title: str = "План на 2027 год") -> bytes:
    document = docx.Document()
    document.add_paragraph(title)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_columns_in_another_order_with_an_extra_column_and_no_year_in_dates():
    data = _docx_with_table([
        ["Сроки исполнения", "№", "Наименование", "Исполнители", "Место проведения"],
        ["март", "1.", "Визит делегации Республики Беларусь", "Минэкономразвития", "г. Смоленск"],
        ["IV квартал", "2.", "Форум в г. Минске", "Департамент", "г. Минск, Республика Беларусь"],
    ])
    plan = load_plan(data, name="other.docx")
    events = plan.events
    assert list(events["n"]) == [1, 2]
    assert list(events["title"]) == ["Визит делегации Республики Беларусь", "Форум в г. Минске"]
    assert events["start"].dt.strftime("%Y-%m-%d").tolist() == ["2027-03-01", "2027-10-01"]
    assert events["end"].dt.strftime("%Y-%m-%d").tolist() == ["2027-03-31", "2027-12-31"]
    assert list(events["precision"].astype(str)) == ["month", "quarter"]
    assert list(events["partner_countries"]) == [["BY"], ["BY"]]
    # Missing columns (description, goal, participants) are reported once each, the plan still reads.
    missing = plan.report[plan.report["message"].str.contains("нет этой колонки")]
    assert sorted(missing["column"]) == ["Описание мероприятия", "Участники мероприятия", "Цель проведения мероприятия"]


def test_docx_section_rows_merged_across_the_table():
    data = _docx_with_table([
        ["№ п/п", "Наименование мероприятия", "Сроки проведения мероприятия"],
        ["В сфере спорта", "", ""],
        ["1.", "Турнир", "июль 2026 года"],
    ])
    document = docx.Document(io.BytesIO(data))
    row = document.tables[0].rows[1]
    row.cells[0].merge(row.cells[2])
    out = io.BytesIO()
    document.save(out)
    plan = load_plan(out.getvalue(), name="merged.docx")
    assert list(plan.events["sphere"]) == ["спорта"]
    assert len(plan.events) == 1


@pytest.mark.parametrize("data, name, words", [
    (b"", "empty.docx", "пуст"),
    (b"%PDF-1.7 rest", "plan.docx", "PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "plan.doc", ".doc"),
    (b"PK\x03\x04 broken zip", "plan.docx", "повреждён"),
    ("просто текст без таблицы".encode(), "plan.txt", "нет таблицы"),
])
def test_unreadable_files_raise_a_russian_message(data, name, words):
    with pytest.raises(PlanReadError) as caught:
        load_plan(data, name=name)
    assert words in caught.value.message
    assert name in caught.value.message


def _via_libreoffice(data: bytes, fmt: str, tmp_path) -> bytes:
    """The document saved by LibreOffice as .odt, or as .doc (through .odt, as a department's old Word would)."""
    odt = soffice_convert(data, ".docx", "odt")
    return odt if fmt == "odt" else soffice_convert(odt, ".odt", "doc:MS Word 97")


@pytest.mark.parametrize("fmt", ["odt", "doc"])
def test_doc_and_odt_are_read_through_libreoffice(fmt, tmp_path):
    data = _docx_with_table([
        ["№ п/п", "Наименование мероприятия", "Место проведения мероприятия", "Сроки проведения мероприятия"],
        ["1.", "Визит делегации Республики Беларусь", "г. Смоленск", "март 2027 года"],
        ["2.", "Форум в г. Минске", "г. Минск, Республика Беларусь", "IV квартал 2027 года"],
    ])
    plan = load_plan(_via_libreoffice(data, fmt, tmp_path), name=f"plan.{fmt}")
    assert list(plan.events["title"]) == ["Визит делегации Республики Беларусь", "Форум в г. Минске"]
    assert plan.events["start"].dt.strftime("%Y-%m-%d").tolist() == ["2027-03-01", "2027-10-01"]
    assert list(plan.events["partner_countries"]) == [["BY"], ["BY"]]


@pytest.mark.parametrize("data, name, words", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "plan.doc", "(.doc)"),
    (b"PK\x03\x04" + b"\0" * 30, "plan.odt", "повреждён"),
])
def test_without_libreoffice_doc_and_odt_are_explained(data, name, words, monkeypatch):
    import shutil

    monkeypatch.setattr(shutil, "which", lambda program: None)
    with pytest.raises(PlanReadError) as caught:
        load_plan(data, name=name)
    assert words in caught.value.message and name in caught.value.message


def test_without_libreoffice_an_odt_says_how_to_read_it(monkeypatch, tmp_path):
    import shutil
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    monkeypatch.setattr(shutil, "which", lambda program: None)
    with pytest.raises(PlanReadError) as caught:
        load_plan(out.getvalue(), name="plan.odt")
    assert "LibreOffice" in caught.value.message and "не установлен" in caught.value.message
    assert "(.odt)" in caught.value.message


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice missing")
def test_a_conversion_past_its_time_limit_leaves_no_libreoffice_running(monkeypatch, tmp_path):
    """`soffice` starts `soffice.bin`: the whole group is stopped, not the script alone."""
    import subprocess

    from smolplan import office

    data = _docx_with_table([["№ п/п", "Наименование мероприятия"], ["1.", "Форум"]])
    odt = _via_libreoffice(data, "odt", tmp_path)
    monkeypatch.setattr(office, "CONVERT_SECONDS", 0.3)
    with pytest.raises(PlanReadError) as caught:
        load_plan(odt, name="plan.odt")
    assert "не удалось преобразовать в .docx за 0.3 с" in caught.value.message
    left = subprocess.run(["pgrep", "-f", "smolplan-convert-"], capture_output=True, text=True).stdout.split()
    assert left == []
