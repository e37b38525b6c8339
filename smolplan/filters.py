"""The one set of filters every page, export and the command line share, and its URL form."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields

import pandas as pd

from smolplan.countries import HOME, country_name_ru
from smolplan.names import fold

LOCATIONS = {"home": "в России", "abroad": "за рубежом"}
FORMATS = {"online": "дистанционно", "in_person": "очно"}
STATUSES = {"past": "прошедшие", "ongoing": "идут сейчас", "upcoming": "предстоящие", "undated": "без даты"}
SEARCH_FIELDS = ["title", "venue", "dates", "description", "goal", "participants", "sphere"]
# Dates a link may carry: outside these a URL value is nonsense (and the date widget refuses it).
PERIOD_MIN, PERIOD_MAX = dt.date(2000, 1, 1), dt.date(2100, 12, 31)
MONTHS_RU = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
             "октябрь", "ноябрь", "декабрь"]


@dataclass(frozen=True)
class Filters:
    countries: tuple[str, ...] = ()  # partner countries (ISO alpha-2 or group tokens): any of them
    spheres: tuple[str, ...] = ()
    start: dt.date | None = None  # an event matches when its interval overlaps [start, end]
    end: dt.date | None = None
    location: str | None = None  # "home" | "abroad"
    format: str | None = None  # "online" | "in_person"
    statuses: tuple[str, ...] = ()  # against today's date
    text: str = ""

    @property
    def active(self) -> bool:
        return self != Filters()


def event_status(events: pd.DataFrame, today: dt.date) -> pd.Series:
    """past / ongoing / upcoming / undated, against today's date."""
    now = pd.Timestamp(today)
    status = pd.Series("ongoing", index=events.index, dtype=object)
    status[events["end"] < now] = "past"
    status[events["start"] > now] = "upcoming"
    status[events["start"].isna()] = "undated"
    return status


def search_text(events: pd.DataFrame) -> pd.Series:
    """All original fields in one folded string per event (case-insensitive, ё = е)."""
    joined = events[SEARCH_FIELDS[0]].astype(str)
    for column in SEARCH_FIELDS[1:]:
        joined = joined + "\n" + events[column].astype(str)
    return joined.str.lower().str.replace("ё", "е", regex=False)


def list_test(cells: pd.Series, test) -> pd.Series:
    """A boolean mask from a test on list cells; boolean even with no rows (`map` would give object,
    and indexing a frame by an empty object Series selects columns, not rows)."""
    return cells.map(test).astype(bool)


def has_partner(events: pd.DataFrame, wanted) -> pd.Series:
    wanted = set(wanted)
    return list_test(events["partner_countries"], lambda cs: not wanted.isdisjoint(cs))


def is_abroad(events: pd.DataFrame) -> pd.Series:
    """Takes place (also) outside Russia."""
    return list_test(events["venue_countries"], lambda cs: any(c != HOME for c in cs))


def overlaps(events: pd.DataFrame, start, end) -> pd.Series:
    """The event's interval meets [start, end] (either bound may be None: open)."""
    keep = pd.Series(True, index=events.index)
    if start is not None:
        keep &= events["end"] >= pd.Timestamp(start)
    if end is not None:
        keep &= events["start"] <= pd.Timestamp(end)
    return keep


def apply_filters(events: pd.DataFrame, filters: Filters, today: dt.date) -> pd.DataFrame:
    keep = pd.Series(True, index=events.index)
    if filters.countries:
        keep &= has_partner(events, filters.countries)
    if filters.spheres:
        keep &= events["sphere"].isin(filters.spheres)
    if filters.start is not None or filters.end is not None:
        keep &= overlaps(events, filters.start, filters.end)
    if filters.location == "home":
        keep &= list_test(events["venue_countries"], lambda cs: HOME in cs)
    elif filters.location == "abroad":
        keep &= is_abroad(events)
    if filters.format == "online":
        keep &= events["online"]
    elif filters.format == "in_person":
        keep &= ~events["online"]
    if filters.statuses:
        keep &= event_status(events, today).isin(filters.statuses)
    if filters.text.strip():
        needle = fold(filters.text)
        keep &= search_text(events).str.contains(needle, regex=False)
    return events[keep]


# --- the URL form: ?country=BY&country=KZ&from=2026-09-01&… -------------------------------------

_QUERY_KEYS = {
    "countries": "country", "spheres": "sphere", "start": "from", "end": "to",
    "location": "where", "format": "format", "statuses": "status", "text": "q",
}
QUERY_KEYS = tuple(_QUERY_KEYS.values())


def filters_to_query(filters: Filters) -> dict[str, list[str] | str]:
    query: dict[str, list[str] | str] = {}
    for f in fields(Filters):
        value = getattr(filters, f.name)
        if value in (None, "", ()):
            continue
        key = _QUERY_KEYS[f.name]
        if isinstance(value, tuple):
            query[key] = list(value)
        elif isinstance(value, dt.date):
            query[key] = value.isoformat()
        else:
            query[key] = str(value)
    return query


def filters_from_query(get_all) -> Filters:
    """`get_all(key) -> list[str]` (as st.query_params.get_all); values that make no sense are dropped."""

    def one(key: str) -> str | None:
        values = get_all(key)
        return values[-1] if values else None

    def date(key: str) -> dt.date | None:
        try:
            value = dt.date.fromisoformat(one(key) or "")
        except ValueError:
            return None
        return value if PERIOD_MIN <= value <= PERIOD_MAX else None

    start, end = date("from"), date("to")
    if start and end and start > end:
        start, end = end, start
    return Filters(
        countries=tuple(dict.fromkeys(v for v in get_all("country") if re.fullmatch(r"[A-Z]{2}|[A-Z_]{3,}", v))),
        spheres=tuple(dict.fromkeys(v for v in get_all("sphere") if v.strip())),
        start=start,
        end=end,
        location=one("where") if one("where") in LOCATIONS else None,
        format=one("format") if one("format") in FORMATS else None,
        statuses=tuple(dict.fromkeys(v for v in get_all("status") if v in STATUSES)),
        text=(one("q") or "")[:200],
    )


# --- the filters in words, for titles of charts and briefings --------------------------------------

_STATE_WORDS_GENITIVE = {"республики", "королевства", "государства", "княжества", "федерации", "султаната"}


def genitive(phrase: str) -> str:
    """"Республика Беларусь" → "Республики Беларусь", "Китай" → "Китая" (names of states stay as they are)."""
    from smolplan.names import _analyzer

    out = []
    for word in phrase.split():
        if out and fold(out[-1]) in _STATE_WORDS_GENITIVE:
            out.append(word)  # the name after "Республики" stays in the nominative
            continue
        parse = next((p for p in _analyzer().parse(word) if p.tag.case == "nomn"), None)
        inflected = parse.inflect({"gent"}) if parse else None
        if inflected is None:
            out.append(word)
        else:
            form = inflected.word
            out.append(form[:1].upper() + form[1:] if word[:1].isupper() else form)
    return " ".join(out)


def events_word(n: int, after_iz: bool = False) -> str:
    """The noun as Russian agreement with the numeral n wants: "1 мероприятие", "3 мероприятия",
    "11 мероприятий"; after "из" the genitive: "из 21 мероприятия", "из 67 мероприятий"."""
    one = n % 10 == 1 and n % 100 != 11
    if after_iz:
        return "мероприятия" if one else "мероприятий"
    if one:
        return "мероприятие"
    return "мероприятия" if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else "мероприятий"


def scope_in_words(shown: int, total: int) -> str:
    """What every page says about the filters (Markdown): how many of the plan's events are shown."""
    if total == 0:
        return "В плане нет мероприятий."
    if shown == total:
        if total == 1:
            return "Показано единственное мероприятие плана."
        return f"Показаны все {total} {events_word(total)} плана."
    return f"Фильтры оставили **{shown}** из {total} {events_word(total, after_iz=True)} плана."


def period_in_words(start: dt.date | None, end: dt.date | None) -> str:
    """"сентябрь–декабрь 2026" for whole months, "01.09.2026–15.10.2026" otherwise."""
    if start is None and end is None:
        return ""
    if start is None:
        return f"до {end:%d.%m.%Y}"
    if end is None:
        return f"с {start:%d.%m.%Y}"
    whole_months = start.day == 1 and (end + dt.timedelta(days=1)).day == 1
    if not whole_months:
        return f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"
    first, last = MONTHS_RU[start.month - 1], MONTHS_RU[end.month - 1]
    if (start.year, start.month) == (end.year, end.month):
        return f"{first} {start.year}"
    if start.year == end.year:
        return f"{first}–{last} {start.year}"
    return f"{first} {start.year} – {last} {end.year}"


def describe_filters(filters: Filters) -> str:
    """The filters as a title: "Мероприятия с участием Республики Беларусь, сентябрь–декабрь 2026"."""
    from smolplan.countries import country_index

    parts = ["Мероприятия"]
    if filters.countries:
        names = []
        for code in filters.countries:
            country = country_index().countries.get(code)
            names.append(genitive(country.official_name) if country else country_name_ru(code))
        parts[0] += " с участием " + ", ".join(names)
    details = []
    if filters.spheres:
        details.append("сфера: " + "; ".join(filters.spheres))
    period = period_in_words(filters.start, filters.end)
    if period:
        details.append(period)
    if filters.location:
        details.append(LOCATIONS[filters.location])
    if filters.format:
        details.append(FORMATS[filters.format])
    if filters.statuses:
        details.append(", ".join(STATUSES[s] for s in filters.statuses))
    if filters.text.strip():
        details.append(f"поиск: «{filters.text.strip()}»")
    if not filters.active:
        return "Все мероприятия плана"
    return ", ".join(parts + details)


PRECISION_RU = {"day": "точная дата", "month": "месяц", "quarter": "квартал", "half_year": "полугодие",
                "year": "год", "unknown": "дата не определена"}
_ROMAN = ["I", "II", "III", "IV"]


def interval_in_words(start, end, precision: str) -> str:
    """"06.07.2026–09.07.2026", "август 2026", "IV квартал 2026", "II полугодие 2026", "2026 год"."""
    if precision == "unknown" or pd.isna(start) or pd.isna(end):
        return "дата уточняется"
    start, end = pd.Timestamp(start).date(), pd.Timestamp(end).date()
    if precision == "day":
        return f"{start:%d.%m.%Y}" if start == end else f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"
    if precision == "quarter":
        first, last = _ROMAN[(start.month - 1) // 3], _ROMAN[(end.month - 1) // 3]
        return f"{first} квартал {start.year}" if first == last else f"{first}–{last} кварталы {end.year}"
    if precision == "half_year":
        first, last = _ROMAN[(start.month - 1) // 6], _ROMAN[(end.month - 1) // 6]
        return f"{first} полугодие {start.year}" if first == last else f"{start.year} год"
    if precision == "year":
        return f"{start.year} год" if start.year == end.year else f"{start.year}–{end.year} годы"
    return period_in_words(start, end)
