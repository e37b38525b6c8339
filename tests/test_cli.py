"""The command line as a script would use it: parse, check, and its exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SEED_DOCX, SEED_TXT


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "smolplan", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_parse_csv_flattens_lists_and_dates():
    result = run("parse", str(SEED_TXT))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 67
    by_n = {r["n"]: r for r in rows}
    # № 40: "пос. Кардымово, Смоленская область; г. Витебск Республика Беларусь (в дистанционном формате)"
    assert by_n["40"]["places"] == "Кардымово|RU;Витебск|BY"
    assert by_n["40"]["venue_countries"] == "RU;BY"
    assert by_n["40"]["online"] == "True"
    assert (by_n["5"]["start"], by_n["5"]["end"], by_n["5"]["precision"]) == ("2026-09-30", "2026-10-02", "day")
    assert (by_n["37"]["start"], by_n["37"]["precision"]) == ("", "unknown")


def test_parse_json():
    result = run("parse", str(SEED_DOCX), "--format", "json")
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)
    assert len(events) == 67
    assert events[2]["places"][0]["level"] == "country"  # № 3: "Республика Узбекистан"
    assert events[2]["partner_countries"] == ["UZ"]
    assert events[24]["end"] == "2027-01-11"  # № 25 runs into the next year


@pytest.mark.parametrize("plan", [SEED_TXT, SEED_DOCX])
def test_check_exits_0_when_everything_was_read(plan):
    result = run("check", str(plan))
    assert result.returncode == 0
    assert "Мероприятий прочитано: 67" in result.stdout
    assert "Все ячейки прочитаны." in result.stdout


def test_check_exits_1_and_names_row_and_column(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(
        "План на 2027 год\n\t№\n\tНаименование мероприятия\n\tМесто проведения\n\tСроки проведения\n"
        "\t1.\n\tФорум\n\tг. Смоленск\n\tв скором времени\n"
        "\t3.\n\tВыставка\n\tг. Небывальск\n\tмарт\n",
        encoding="utf-8",
    )
    result = run("check", str(plan))
    assert result.returncode == 1
    out = result.stdout
    assert "строка 9, № 1, колонка «Сроки проведения»" in out
    assert "строка 10, № 3, колонка «№»" in out and "нумерация нарушена" in out
    assert "строка 12, № 3, колонка «Место проведения»" in out and "«Небывальск» не найден" in out
    assert "Traceback" not in out + result.stderr


@pytest.mark.parametrize("content, name", [
    (b"", "empty.docx"),
    (b"\x00\x01\x02garbage", "junk.docx"),
    (b"%PDF-1.4", "renamed.txt"),
])
def test_check_exits_2_with_one_russian_line(tmp_path, content, name):
    plan = tmp_path / name
    plan.write_bytes(content)
    result = run("check", str(plan))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0]
    assert "Traceback" not in result.stderr


def test_check_missing_file_exits_2(tmp_path):
    result = run("check", str(tmp_path / "нет-такого.docx"))
    assert result.returncode == 2
    assert result.stderr.strip() == "Файл «нет-такого.docx» не найден."
