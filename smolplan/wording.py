"""Russian wording in one place: numbers agreeing with nouns, month and period names, intervals in words.

Agreement goes through pymorphy3 (`make_agree_with_number`), which knows every noun's declension,
rather than through hand-written endings.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import pandas as pd

from smolplan.names import _analyzer  # one pymorphy3 dictionary per process

MONTHS_NOMINATIVE = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
                     "октябрь", "ноябрь", "декабрь")
MONTHS_GENITIVE = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                   "октября", "ноября", "декабря")
MONTHS_PREPOSITIONAL = ("январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре",
                        "октябре", "ноябре", "декабре")
ROMAN = ("I", "II", "III", "IV")




@lru_cache(maxsize=4096)
def agree(number: int, word: str, case: str = "nomn") -> str:
    """The noun (given in the nominative singular) in the form the numeral wants:
    agree(21, "мероприятие") → "мероприятие", agree(3, …) → "мероприятия", agree(11, …) → "мероприятий";
    case="gent" after a preposition such as «из»: agree(21, "мероприятие", "gent") → "мероприятия"."""
    parse = next((p for p in _analyzer().parse(word) if p.tag.POS == "NOUN"), None)
    if parse is None:
        return word
    if case != "nomn":
        inflected = parse.inflect({case})
        parse = inflected or parse
    agreed = parse.make_agree_with_number(abs(int(number)))
    return agreed.word if agreed else word


def count_of(number: int, word: str, case: str = "nomn") -> str:
    """"21 мероприятие", "3 страны" — the number and its agreeing noun."""
    return f"{number} {agree(number, word, case)}"


def scope_in_words(shown: int, total: int) -> str:
    """What every page says about the filters (Markdown): how many of the plan's events are shown."""
    if total == 0:
        return "В плане нет мероприятий."
    if shown == total:
        if total == 1:
            return "Показано единственное мероприятие плана."
        return f"Показаны все {count_of(total, 'мероприятие')} плана."
    return f"Фильтры оставили **{shown}** из {count_of(total, 'мероприятие', 'gent')} плана."


# A state's kind before its name: the name after it stays as it is ("Республики Северная Македония").
_STATE_WORDS = {"республика", "королевство", "государство", "княжество", "герцогство", "федерация", "конфедерация",
                "султанат", "содружество", "союз", "остров", "острова"}


def genitive(phrase: str) -> str:
    """"Республика Беларусь" → "Республики Беларусь", "Китай" → "Китая": each word up to a state word
    such as "Республика" inflected, the name after it and a part in brackets left as written, as are
    abbreviations ("США"); each part of a hyphenated word keeps its capital ("Буркина-Фасо")."""
    from smolplan.text import fold

    out, as_written = [], False
    for word in phrase.split():
        as_written = as_written or word.startswith("(")
        inflected = None if as_written or (word.isupper() and len(word) > 1) else _genitive_word(word)
        out.append(word if inflected is None else _cased(word, inflected))
        as_written = as_written or fold(word) in _STATE_WORDS
    return " ".join(out)


def _genitive_word(word: str) -> str | None:
    """A nominative word in the genitive, read as a place name or else in the singular when it can be."""
    parses = [p for p in _analyzer().parse(word) if p.tag.case == "nomn"]
    parse = (next((p for p in parses if "Geox" in p.tag), None) or next((p for p in parses if p.tag.number == "sing"), None)
             or (parses[0] if parses else None))
    inflected = parse.inflect({"gent"}) if parse else None
    return inflected.word if inflected else None


def _cased(written: str, inflected: str) -> str:
    """The inflected word with the capitals of the written one, part by part of a hyphenated word."""
    parts, written_parts = inflected.split("-"), written.split("-")
    if len(parts) != len(written_parts):
        parts, written_parts = [inflected], [written]
    return "-".join(p[:1].upper() + p[1:] if w[:1].isupper() else p for p, w in zip(parts, written_parts))


def month_name(month: int) -> str:
    """1 → "январь"."""
    return MONTHS_NOMINATIVE[month - 1]


def month_short(month: int) -> str:
    """1 → "янв" (axis labels)."""
    return MONTHS_NOMINATIVE[month - 1][:3]


def month_in_words(month: str) -> str:
    """"2026-10" → "октябрь 2026"."""
    year, number = month.split("-")
    return f"{month_name(int(number))} {year}"


def _date(value) -> dt.date:
    return value if type(value) is dt.date else pd.Timestamp(value).date()


def whole_months(start: dt.date, end: dt.date) -> bool:
    return start.day == 1 and (end + dt.timedelta(days=1)).day == 1


def period_phrase(start: dt.date | None, end: dt.date | None, case: str = "loct") -> str:
    """The period as a subject says it: case "loct" — "в IV квартале 2026 года", "в октябре 2026 года",
    "во II полугодии 2026 года", "в 2026 году", "в период с 5 октября по 20 ноября 2026 года";
    case "nomn" — "IV квартал 2026 года", "октябрь 2026 года", "05.10.2026–20.11.2026"."""
    if start is None and end is None:
        return ""
    if start is None or end is None:
        day = start or end
        word = "с" if start else "по"
        return f"{word} {day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year} года"
    if whole_months(start, end) and start.year == end.year:
        months = (start.month, end.month)
        year = start.year
        if months == (1, 12):
            return f"в {year} году" if case == "loct" else f"{year} год"
        if months in ((1, 6), (7, 12)):
            half = ROMAN[months[0] // 6]
            return f"во {half} полугодии {year} года" if case == "loct" else f"{half} полугодие {year} года"
        if months[0] % 3 == 1 and months[1] == months[0] + 2:
            quarter = ROMAN[months[0] // 3]
            return f"в {quarter} квартале {year} года" if case == "loct" else f"{quarter} квартал {year} года"
        if months[0] == months[1]:
            if case == "loct":
                return f"в {MONTHS_PREPOSITIONAL[months[0] - 1]} {year} года"
            return f"{MONTHS_NOMINATIVE[months[0] - 1]} {year} года"
        return (f"в период с {MONTHS_GENITIVE[months[0] - 1]} по {MONTHS_NOMINATIVE[months[1] - 1]} {year} года"
                if case == "loct" else f"{MONTHS_NOMINATIVE[months[0] - 1]}–{MONTHS_NOMINATIVE[months[1] - 1]} {year} года")
    if case == "loct":
        first = f"{start.day} {MONTHS_GENITIVE[start.month - 1]}" + (f" {start.year} года" if start.year != end.year else "")
        return f"в период с {first} по {end.day} {MONTHS_GENITIVE[end.month - 1]} {end.year} года"
    return f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"


def period_in_words(start, end) -> str:
    """"сентябрь–декабрь 2026" for whole months, "ноябрь 2026 – январь 2027" across a year end,
    "01.09.2026–15.10.2026" otherwise; "с …" / "до …" when one bound is open."""
    if start is None and end is None:
        return ""
    if start is None:
        return f"до {_date(end):%d.%m.%Y}"
    if end is None:
        return f"с {_date(start):%d.%m.%Y}"
    start, end = _date(start), _date(end)
    if not whole_months(start, end):
        return f"{start:%d.%m.%Y}" if start == end else f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"
    first, last = month_name(start.month), month_name(end.month)
    if (start.year, start.month) == (end.year, end.month):
        return f"{first} {start.year}"
    if start.year == end.year:
        return f"{first}–{last} {start.year}"
    return f"{first} {start.year} – {last} {end.year}"


PRECISION_RU = {"day": "точная дата", "month": "месяц", "quarter": "квартал", "half_year": "полугодие",
                "year": "год", "unknown": "дата не определена"}
# A precision in parts of a year: how many months one part has, and its noun (singular, plural).
_PARTS = {"quarter": (3, "квартал", "кварталы"), "half_year": (6, "полугодие", "полугодия")}


def interval_in_words(start, end, precision: str) -> str:
    """"06.07.2026–09.07.2026", "август 2026", "IV квартал 2026", "III–IV кварталы 2026",
    "IV квартал 2026 – I квартал 2027", "II полугодие 2026 – I полугодие 2027", "2026 год"."""
    if precision == "unknown" or start is None or end is None or pd.isna(start) or pd.isna(end):
        return "дата уточняется"
    start, end = _date(start), _date(end)
    if precision == "day":
        return f"{start:%d.%m.%Y}" if start == end else f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"
    if precision in _PARTS:
        months, singular, plural = _PARTS[precision]
        first, last = ROMAN[(start.month - 1) // months], ROMAN[(end.month - 1) // months]
        if start.year != end.year:
            return f"{first} {singular} {start.year} – {last} {singular} {end.year}"
        if first == last:
            return f"{first} {singular} {start.year}"
        if precision == "half_year":  # both halves of one year
            return f"{start.year} год"
        return f"{first}–{last} {plural} {start.year}"
    if precision == "year":
        return f"{start.year} год" if start.year == end.year else f"{start.year}–{end.year} годы"
    return period_in_words(start, end)
