"""The plan as a typed table: one row per event, in plan order, and a report of what could not be read."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from smolplan.countries import partner_countries, unknown_state_names
from smolplan.dates import parse_date_cell, plan_period_from_title
from smolplan.errors import PlanReadError
from smolplan.places import NOWHERE, Placement, is_known_place, place_venue, towns_by_adjective
from smolplan.reading import (
    FIELD_TITLES_RU, FIELDS, OPTIONAL_FIELDS, REQUIRED_FIELDS, SECTION_NUMBER, RawRow, clean_cell, match_columns,
    read_raw_table,
)

TEXT_COLUMNS = ["title", "venue", "dates", "description", "goal", "participants"]
COLUMNS = [
    "n", "item_number", "sphere", "sphere_number", *TEXT_COLUMNS, "start", "end", "precision", "date_note",
    "places", "venue_countries", "partner_countries", "online", "executors", "executor_bodies", "extras",
    "footnotes",
]
PRECISIONS = ["day", "month", "quarter", "half_year", "year", "unknown"]
REPORT_COLUMNS = ["row", "n", "column", "text", "message"]

_ONLINE = re.compile(
    r"дистанцион|видеоконференц|видео-конференц|видеосвяз|\bВКС\b|онлайн|он-лайн|\bon-?line\b|вебинар|веб-конференц"
    r"|телемост|интернет-(?:конференц|викторин|форум|марафон|конкурс|семинар|олимпиад|акци|встреч|трансляц)",
    re.IGNORECASE,
)
# A new body in an executors cell: after a paragraph, ";", or ", " before a capital ("Министерство …,
# Департамент …"); a comma inside a body's name is followed by a lower-case word ("культуры, туризма").
_BODY_SEPARATOR = re.compile(r"\s*(?:\n|;|,\s*(?=[А-ЯЁA-Z«\"]))\s*")
# Where a partner country may be named: who takes part and where, not the goal ("…рынки Индии").
_PARTNER_FIELDS = ("title", "venue", "description", "participants")


@dataclass
class Plan:
    events: pd.DataFrame
    report: pd.DataFrame
    title: str
    name: str
    year: int | None
    period_start: dt.date | None
    period_end: dt.date | None
    extra_columns: list[str] = field(default_factory=list)  # titles of columns beyond ours, in table order
    loaded_at: dt.datetime = field(default_factory=dt.datetime.now)

    @property
    def has_executors(self) -> bool:
        """The plan has a column of responsible bodies with something in it."""
        return bool(self.events["executors"].astype(bool).any()) if len(self.events) else False


def load_plan(source: str | Path | bytes | BinaryIO, name: str | None = None) -> Plan:
    """Read a plan (.docx, .txt export, .xlsx, .csv) from a path, bytes or a binary file object."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise PlanReadError(f"Файл «{path.name}» не найден.") from None
        except IsADirectoryError:
            raise PlanReadError(f"«{path.name}» — это папка, а не файл плана.") from None
        except PermissionError:
            raise PlanReadError(f"Файл «{path.name}» не открывается: нет прав на чтение.") from None
        except OSError:
            raise PlanReadError(f"Файл «{path.name}» не открывается.") from None
        name = name or path.name
    elif isinstance(source, (bytes, bytearray)):
        data = bytes(source)
    else:
        data = source.read()
    name = name or "план"
    try:
        raw = read_raw_table(data, name)
    except PlanReadError:
        raise
    except Exception as error:  # the contract: only PlanReadError leaves the loader
        raise _unexpected(error, name) from None
    return build_plan(raw.title, raw.header, raw.header_position, raw.rows, name)


def build_plan(title: str, header: list[str], header_position: int, rows: list[RawRow], name: str) -> Plan:
    """The typed table and its bounded report; whatever goes wrong inside leaves as a PlanReadError."""
    try:
        return _build_plan(title, header, header_position, rows, name)
    except PlanReadError:
        raise
    except Exception as error:  # the contract: only PlanReadError leaves the loader
        raise _unexpected(error, name) from None


def _unexpected(error: Exception, name: str) -> PlanReadError:
    """A Russian message for what no check foresaw (no English class name, no traceback, no path)."""
    from smolplan.limits import TOO_COMPLEX, shown_name

    if isinstance(error, (MemoryError, RecursionError)):
        return PlanReadError(f"План «{shown_name(name)}» не прочитан: {TOO_COMPLEX}.")
    return PlanReadError(f"Файл «{shown_name(name)}» не удалось прочитать как план: его содержимое повреждено "
                         "или устроено не так, как таблица плана.")


def _build_plan(title: str, header: list[str], header_position: int, rows: list[RawRow], name: str) -> Plan:
    columns = match_columns(header)
    missing_required = [FIELD_TITLES_RU[f] for f in REQUIRED_FIELDS if f not in columns]
    if missing_required:
        raise PlanReadError(f"В таблице «{name}» нет колонки «{missing_required[0]}».")
    year, period_start, period_end = plan_period_from_title(title)
    report: list[dict] = []
    column_titles = {f: header[i] if i < len(header) else FIELD_TITLES_RU[f] for f, i in columns.items()}
    for f in FIELDS:
        if f not in columns:
            report.append(_problem(header_position, None, FIELD_TITLES_RU[f], "", "в таблице нет этой колонки: её значения пусты"))
            column_titles[f] = FIELD_TITLES_RU[f]
    if year is None:
        report.append(_problem(0, None, "заголовок", title, "в заголовке плана не найден год: даты без года не будут прочитаны"))

    mapped = set(columns.values())
    extra_columns = {i: clean_cell(t) or f"Колонка {i + 1}" for i, t in enumerate(header)
                     if i not in mapped and clean_cell(t)}
    records: list[dict] = []
    sphere, sphere_number = "", ""
    previous_n: int | None = None
    for row in rows:
        if row.is_section:
            sphere_number, sphere = section_number_and_name(row.cells[0])
            continue
        cells = {f: row.cells[i] if i < len(row.cells) else None for f, i in columns.items()}
        for f, text in cells.items():
            if text is None and f not in OPTIONAL_FIELDS:
                report.append(_problem(row.position, None, column_titles[f], "", "в строке нет этой ячейки"))
        cells = {f: cells.get(f) or "" for f in (*FIELDS, *OPTIONAL_FIELDS)}
        n = _event_number(cells["n"], previous_n, len(records) + 1, row.position_of(columns.get("n", 0)),
                          column_titles["n"], report)
        previous_n = n
        period = (period_start, period_end) if period_start and period_end else None
        record = _read_event(n, sphere, cells, year, period, row, columns, column_titles, report)
        record["sphere_number"] = sphere_number
        record["extras"] = {title: row.cells[i] if i < len(row.cells) else "" for i, title in extra_columns.items()}
        records.append(record)

    if not records:
        raise PlanReadError(f"В таблице «{name}» нет ни одного мероприятия (есть только заголовок).")
    events = pd.DataFrame.from_records(records, columns=COLUMNS)
    events["n"] = events["n"].astype("int64")
    for column in ("start", "end"):
        events[column] = pd.to_datetime(events[column]).astype("datetime64[ns]")
    events["precision"] = pd.Categorical(events["precision"], categories=PRECISIONS)
    events["online"] = events["online"].astype(bool)
    for problem in report:
        if problem["n"] is None:
            problem["n"] = pd.NA
    report_frame = pd.DataFrame(bounded_report(report), columns=REPORT_COLUMNS)
    report_frame["n"] = report_frame["n"].astype("Int64")
    return Plan(events, report_frame, title, name, year, period_start, period_end,
                extra_columns=list(extra_columns.values()))


def _read_event(n, sphere, cells, year, period, row: RawRow, columns, titles, report) -> dict:
    def problem(field_name: str, message: str) -> None:
        where = row.position_of(columns[field_name]) if field_name in columns else row.position
        report.append(_problem(where, n, titles[field_name], cells[field_name], message))

    reading = parse_date_cell(cells["dates"], default_year=year, plan_period=period)
    if reading.problem:
        problem("dates", reading.problem)
    online = any(_names_online(cells[f]) for f in FIELDS if cells[f])
    placement = place_venue(cells["venue"])
    # The places of the parties, where named as places: a foreign town or region among them makes its
    # country a partner ("делегация г. Минска и Могилёвской области"). An online event with no venue
    # is drawn there, but takes place nowhere: neither "в России" nor "за рубежом".
    parties = place_venue(cells["participants"], marked_only=True)
    if online and not placement.places and parties.places:
        placement = Placement(parties.places, [], [])
    party_countries = parties.countries + place_venue(cells["title"], marked_only=True).countries + [
        town.country for town in towns_by_adjective(cells["participants"])]
    for message in placement.problems:
        if not (online and message == NOWHERE):  # "онлайн" is a venue no map can hold
            problem("venue", message)
    partner_texts = [cells[f] for f in _PARTNER_FIELDS]
    for f in _PARTNER_FIELDS:
        phrases = _unknown_states(cells[f])
        if phrases:  # one record per cell and problem, however many phrases it holds
            named = ", ".join(f"«{_cut(p, 80)}»" for p in phrases[:3])
            more = f" и ещё {len(phrases) - 3}" if len(phrases) > 3 else ""
            problem(f, f"{named}{more} похоже на название государства, но его нет в справочнике стран")
    return {
        "n": n,
        "item_number": cells["n"].strip(),
        "sphere": sphere,
        **{f: cells[f] for f in TEXT_COLUMNS},
        "start": reading.start,
        "end": reading.end,
        "precision": reading.precision,
        "date_note": reading.note,
        "places": placement.places,
        "venue_countries": placement.countries,
        "partner_countries": partner_countries(partner_texts, placement.countries + party_countries,
                                               cells["participants"], goal=cells["goal"]),
        "online": online,
        "footnotes": list(row.footnotes),
        "executors": cells["executors"],
        "executor_bodies": executor_bodies(cells["executors"]),
    }


# Plans repeat their cells (participants, descriptions): both lookups are memoised per cell text.
@lru_cache(maxsize=8192)
def _names_online(text: str) -> bool:
    return bool(_ONLINE.search(text))


@lru_cache(maxsize=8192)
def _unknown_states(text: str) -> list[str]:
    return list(dict.fromkeys(unknown_state_names(text, is_known_place))) if text else []


def executor_bodies(text: str) -> list[str]:
    """The bodies an executors cell names, in order, each once."""
    parts = (p.strip(" .") for p in _BODY_SEPARATOR.split(text or ""))
    return list(dict.fromkeys(p for p in parts if p))


# A section's own number before its name: "I.", "1.", "2.1.", "1)", "Раздел 2."; with no dot or
# parenthesis only before a capital ("I Экономика"), so "I полугодие" keeps its "I".
_SECTION_NUMBER = re.compile(rf"^(?:(?i:раздел)\s+)?({SECTION_NUMBER})(?:[.)]\s*|\s+(?=[А-ЯЁA-Z«\"]))")


def section_number_and_name(text: str) -> tuple[str, str]:
    """A section row's number as printed, without its last dot or parenthesis ("I", "2.1", "" when it has
    none), and the sphere it names: the rest, without the seed's "В сфере" before the name."""
    text = text.strip()
    match = _SECTION_NUMBER.match(text)
    number, name = (match.group(1), text[match.end():]) if match and text[match.end():].strip(" .") else ("", text)
    return number, re.sub(r"^в\s+сфере\s+", "", name, flags=re.IGNORECASE).strip(" .")


def _event_number(text: str, previous: int | None, position_in_plan: int, row: int, column: str, report) -> int:
    """The event's № as written; a missing or odd number is reported, and the running count stands in."""
    match = re.fullmatch(r"(\d{1,9})\.?", text.strip())  # longer is no event number (and no int64)
    if re.fullmatch(r"\d+(\.\d+)+\.?", text.strip()):
        return position_in_plan  # hierarchical numbering "1.2.": the plan's own order numbers the events
    if not match:
        n = (previous or 0) + 1
        report.append(_problem(row, n, column, text, "номер мероприятия не прочитан"))
        return n
    n = int(match.group(1))
    if previous is not None and n == previous:
        report.append(_problem(row, n, column, text, f"номер {n} повторяется"))
    elif previous is not None and n != previous + 1:
        report.append(_problem(row, n, column, text, f"после № {previous} идёт № {n}: нумерация нарушена"))
    return n


MAX_REPORT_TEXT = 300  # characters of a cell quoted in the report
MAX_RECORDS_PER_KIND = 200  # records of one kind of problem in one column; the rest are counted


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _problem(row: int, n: int | None, column: str, text: str, message: str) -> dict:
    """One report record; a long cell is quoted by its start with its length, so the report stays small."""
    text = text or ""
    if len(text) > MAX_REPORT_TEXT:
        text = f"{_cut(text, MAX_REPORT_TEXT)} (всего {len(text):,} знаков)".replace(",", " ")
    return {"row": row, "n": n, "column": column, "text": text, "message": _cut(message, MAX_REPORT_TEXT)}


def _kind(problem: dict) -> tuple[str, str]:
    """A problem's kind: its column and its message with the quoted text and numbers left out."""
    return problem["column"], re.sub(r"«[^»]*»|\d+", "…", problem["message"])


def bounded_report(report: list[dict]) -> list[dict]:
    """At most MAX_RECORDS_PER_KIND records of each kind; the rest become one record that counts them."""
    kept: list[dict] = []
    left: dict[tuple[str, str], list[dict]] = {}
    seen: dict[tuple[str, str], int] = {}
    for problem in report:
        kind = _kind(problem)
        seen[kind] = seen.get(kind, 0) + 1
        if seen[kind] <= MAX_RECORDS_PER_KIND:
            kept.append(problem)
        else:
            left.setdefault(kind, []).append(problem)
    for (column, _), rest in left.items():
        rows = f"строки {rest[0]['row']}–{rest[-1]['row']}"
        kept.append({"row": rest[0]["row"], "n": None, "column": column, "text": "",
                     "message": f"и ещё {len(rest)} таких же замечаний ({rows}); первые {MAX_RECORDS_PER_KIND} — выше"})
    return kept
