"""Shared fixtures: the bundled plan in each format, loaded once per session."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from smolplan import load_plan
from smolplan.reading import read_raw_table

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEED_TXT = DATA / "plan_2026_h2.txt"
SEED_DOCX = DATA / "plan_2026_h2_reconstructed.docx"
EXPECTED = Path(__file__).resolve().parent / "data" / "seed_expected.csv"
# A plan with an executors column and two other columns («Количество участников», «Объем финансирования»)
EXECUTORS_CSV = EXPECTED.parent / "plan_with_executors.csv"
# Three events, two ministries: the economy ministry runs № 1 and № 2, the culture ministry № 2 and № 3
TWO_MINISTRIES_CSV = EXPECTED.parent / "plan_2027_two_ministries.csv"


def seed_grid() -> list[list[str]]:
    """The seed as a spreadsheet grid: two title rows, the header, section rows, event rows."""
    raw = read_raw_table(SEED_TXT.read_bytes(), SEED_TXT.name)
    grid = [["План международных мероприятий"], [raw.title], raw.header]
    for row in raw.rows:
        grid.append(row.cells if not row.is_section else [row.cells[0]])
    return grid


def grid_to_xlsx(grid: list[list[str]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in grid:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def grid_to_csv(grid: list[list[str]], delimiter: str = ";", encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(grid)
    return out.getvalue().encode(encoding)


@pytest.fixture(scope="session")
def txt_plan():
    return load_plan(SEED_TXT)


@pytest.fixture(scope="session")
def docx_plan():
    return load_plan(SEED_DOCX)


def hand_read() -> list[dict]:
    """The seed read by hand, one dict per event (tests/data/seed_expected.csv)."""
    with open(EXPECTED, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="session")
def expected_rows() -> list[dict]:
    return hand_read()
