"""The events table in the flat forms files and the command line want: CSV, JSON, the load report
with Russian headers, and text a spreadsheet will not run as a formula."""

from __future__ import annotations

import pandas as pd

from smolplan.text import without_control_chars

_LIST_COLUMNS = ("venue_countries", "partner_countries", "executor_bodies", "footnotes")


def flat_events(events: pd.DataFrame) -> pd.DataFrame:
    """Flat copy for CSV: ISO dates, list columns joined with ";", places as "name|CC" items."""
    flat = events.copy()
    for column in ("start", "end"):
        flat[column] = flat[column].dt.strftime("%Y-%m-%d").fillna("")
    flat["precision"] = flat["precision"].astype(str)
    flat["places"] = flat["places"].map(lambda ps: ";".join(f"{p['name']}|{p['country']}" for p in ps))
    for column in _LIST_COLUMNS:
        flat[column] = flat[column].map(";".join)
    titles = list(dict.fromkeys(t for extras in flat["extras"] for t in extras))
    for title in titles:  # every extra column of the document as a column of its own
        flat[title] = flat["extras"].map(lambda extras, title=title: extras.get(title, ""))
    return flat.drop(columns="extras")


def json_events(events: pd.DataFrame) -> list[dict]:
    records = []
    for record in events.to_dict("records"):
        for column in ("start", "end"):
            record[column] = None if pd.isna(record[column]) else record[column].strftime("%Y-%m-%d")
        record["precision"] = str(record["precision"])
        record["online"] = bool(record["online"])
        record["n"] = int(record["n"])
        records.append(record)
    return records


def report_table_ru(report: pd.DataFrame) -> pd.DataFrame:
    """The load report with Russian headers, as the data-quality page and exports show it."""
    return report.rename(columns={"row": "Строка", "n": "№", "column": "Колонка", "text": "Текст ячейки",
                                  "message": "Что не так"})


_FORMULA_START = ("=", "+", "-", "@")


def spreadsheet_safe(flat: pd.DataFrame) -> pd.DataFrame:
    """For a CSV a spreadsheet will open: no control character (a CR or NUL could end a record), and text
    that starts like a formula, after any leading spaces a spreadsheet skips (a tab became one), gets a
    leading apostrophe."""

    def safe(value):
        if not isinstance(value, str):
            return value
        value = without_control_chars(value)
        return "'" + value if value.lstrip().startswith(_FORMULA_START) else value

    return flat.map(safe)
