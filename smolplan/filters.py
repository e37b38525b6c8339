"""The one set of filters every page, export and the command line share.

Each filter is one object (in the spirit of datasette's filters) that owns everything about itself:
the field it fills in `Filters`, its URL key, how a URL value is read and checked, which events it
keeps, its Russian words, and what its widget offers. `FILTERS` lists them; `Filters`, the URL form,
`apply_filters`, `describe_filters` and `filter_rows` are all built by walking that list, so adding a
filter means adding one object to it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import field, make_dataclass, replace
from functools import lru_cache

import pandas as pd

from smolplan.countries import HOME, country_name_ru
from smolplan.text import fold
from smolplan.wording import genitive, interval_in_words, month_in_words, period_in_words

SEARCH_FIELDS = ["title", "venue", "dates", "description", "goal", "participants", "sphere", "executors"]
# Dates a link may carry: outside these a URL value is nonsense.
PERIOD_MIN, PERIOD_MAX = dt.date(2000, 1, 1), dt.date(2100, 12, 31)
_LONGEST_VALUE = 200  # characters: a URL value longer than this is not one a user made


# --- predicates on the events, shared with smolplan.counts --------------------------------------

def event_status(events: pd.DataFrame, today: dt.date) -> pd.Series:
    """past / ongoing / upcoming / undated, against today's date."""
    now = pd.Timestamp(today)
    status = pd.Series("ongoing", index=events.index, dtype=object)
    status[events["end"] < now] = "past"
    status[events["start"] > now] = "upcoming"
    status[events["start"].isna()] = "undated"
    return status


def list_test(cells: pd.Series, test) -> pd.Series:
    """A boolean mask from a test on list cells; boolean even with no rows (`map` would give object,
    and indexing a frame by an empty object Series selects columns, not rows)."""
    return cells.map(test).astype(bool)


def is_abroad(events: pd.DataFrame) -> pd.Series:
    """Takes place (also) outside Russia."""
    return list_test(events["venue_countries"], lambda cs: any(c != HOME for c in cs))


def is_at_home(events: pd.DataFrame) -> pd.Series:
    """Takes place (also) in Russia."""
    return list_test(events["venue_countries"], lambda cs: HOME in cs)


def is_online(events: pd.DataFrame) -> pd.Series:
    return events["online"].astype(bool)


def is_in_person(events: pd.DataFrame) -> pd.Series:
    return ~events["online"].astype(bool)


def overlaps(events: pd.DataFrame, start, end) -> pd.Series:
    """The event's interval meets [start, end] (either bound may be None: open)."""
    keep = pd.Series(True, index=events.index)
    if start is not None:
        keep &= events["end"] >= pd.Timestamp(start)
    if end is not None:
        keep &= events["start"] <= pd.Timestamp(end)
    return keep


@lru_cache(maxsize=100_000)
def _searchable(fields: tuple[str, ...]) -> str:
    return fold("\n".join(map(str, fields)), hyphens_as_spaces=True)


def search_text(events: pd.DataFrame) -> pd.Series:
    """All original fields of each event in one folded string (see smolplan.text.fold); each event
    is folded once per process, as every filter change searches again."""
    present = [c for c in SEARCH_FIELDS if c in events.columns]
    rows = zip(*(events[c].tolist() for c in present))  # str cells; astype(str) would copy every one
    return pd.Series([_searchable(row) for row in rows], index=events.index, dtype=object)


def place_key(place: dict) -> str:
    """A venue's key in links and clicks: "name|country" ("Минск|BY"); stable when coordinates are
    corrected. A longer key "name|country|lat|lon" names the same place."""
    return f"{place['name']}|{place['country']}"


def month_key(month) -> str:
    """A month's key in links and clicks: "YYYY-MM"."""
    return pd.Timestamp(month).strftime("%Y-%m")


def month_bounds(key: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    first = pd.Timestamp(f"{key}-01")
    return first, first + pd.offsets.MonthEnd(0)


# --- the filter objects ----------------------------------------------------------------------------

class Filter:
    """One filter. `name` is its field in `Filters`, `key` its URL parameter, `label` its Russian
    title (sidebar, workbook); `empty` its unset value. `widget` says how the sidebar draws it:
    "multiselect", "segmented", "period", "text", or "chip" (set by a click on a chart, shown as a
    chip with a cross)."""

    name: str
    key: str
    label: str
    widget: str
    empty = ()
    word = ""  # its name inside a title ("сфера: культуры"); the label, lower case, when not given

    def fields(self) -> list[tuple[str, object]]:
        return [(self.name, self.empty)]

    def value(self, filters):
        return getattr(filters, self.name)

    def with_value(self, filters, value):
        return replace(filters, **{self.name: value})

    def is_set(self, filters) -> bool:
        return self.value(filters) != self.empty

    def from_query(self, get_all):
        """The value from the URL (`get_all(key) -> list[str]`); nonsense is dropped, never an error."""
        raise NotImplementedError

    def to_query(self, value) -> dict[str, list[str]]:
        raise NotImplementedError

    def keep(self, events: pd.DataFrame, value, today: dt.date) -> pd.Series:
        """The events this value keeps (a boolean mask)."""
        raise NotImplementedError

    def words(self, value) -> str:
        """The value in words, for the workbook's table of filters and the chips."""
        raise NotImplementedError

    def clause(self, value) -> str:
        """The value as a part of a title: "сфера: культуры"."""
        return f"{self.word or self.label.lower()}: {self.words(value)}"

    def cli_flags(self) -> tuple[str, ...]:
        """Its options on the command line (`--country BY`): by default its URL key."""
        return (self.key,)

    def from_texts(self, texts: dict[str, list[str]], events: pd.DataFrame):
        """The value from what a user typed after each of its flags; raises FilterValueError (Russian)."""
        raise NotImplementedError


class FilterValueError(ValueError):
    """A value typed for a filter that names nothing in the plan; the message is Russian."""


class AnyOf(Filter):
    """A tuple of values; an event matches when it matches any of them."""

    def valid(self, value: str) -> bool:
        return bool(value.strip()) and len(value) <= _LONGEST_VALUE

    def from_query(self, get_all):
        return tuple(dict.fromkeys(v for v in get_all(self.key) if self.valid(v)))

    def to_query(self, value):
        return {self.key: list(value)} if value else {}


    def option_words(self, value) -> str:
        return str(value)

    def words(self, value):
        return ", ".join(self.option_words(v) for v in value)

    def options(self, events: pd.DataFrame, today: dt.date) -> list:
        """The values a widget offers on these events, in the order it offers them."""
        raise NotImplementedError

    def resolve(self, text: str, offered: list):
        """The value a user means by `text`: an offered value or its words, compared folded."""
        wanted = fold(text)
        return next((v for v in offered if wanted in (fold(str(v)), fold(self.option_words(v)))), None)

    def from_texts(self, texts, events):
        offered, values = self.options(events, dt.date.today()), []
        for text in texts.get(self.key, []):
            value = self.resolve(text, offered)
            if value is None:
                shown = "; ".join(self.option_words(v) for v in offered[:12]) or "ничего"
                raise FilterValueError(f"{self.label}: «{text}» в плане нет; есть: {shown}.")
            values.append(value)
        return tuple(dict.fromkeys(values))

    def option_counts(self, events: pd.DataFrame, today: dt.date) -> dict:
        """Events per value (an event with two values counts for each)."""
        return {v: int(self.keep(events, (v,), today).sum()) for v in self.options(events, today)}


class ListColumnFilter(AnyOf):
    """Values held in a list column of the events (partner countries, executors, place keys)."""

    column: str

    def cells(self, events: pd.DataFrame) -> pd.Series:
        if self.column not in events.columns:  # a plan read before the column existed
            return pd.Series([[] for _ in range(len(events))], index=events.index, dtype=object)
        return events[self.column]

    def keep(self, events, values, today):
        wanted = set(values)
        return list_test(self.cells(events), lambda cell: not wanted.isdisjoint(cell))

    def option_counts(self, events, today):
        long = self.cells(events).map(lambda cell: list(dict.fromkeys(cell))).explode().dropna()
        return {k: int(v) for k, v in long.value_counts(sort=False).items()}

    def options(self, events, today):
        counted = self.option_counts(events, today)
        return sorted(counted, key=lambda v: (-counted[v], fold(self.option_words(v))))


class CountryFilter(ListColumnFilter):
    name, key, label, widget, column = "countries", "country", "Страны-партнёры", "multiselect", "partner_countries"

    def valid(self, value):
        return bool(re.fullmatch(r"[A-Z]{2}|[A-Z_]{3,30}", value))

    def option_words(self, value):
        return country_name_ru(value)

    def resolve(self, text, offered):
        from smolplan.countries import CIS, FOREIGN_UNSPECIFIED, countries_named, country_index

        index, word = country_index(), text.strip().upper()
        if word in (CIS, FOREIGN_UNSPECIFIED) or word in index.countries:
            return word
        by_iso3 = {c.iso3: c.iso2 for c in index.countries.values()}
        if word in by_iso3:
            return by_iso3[word]
        named = {iso2 for _, iso2 in countries_named(text)}
        return named.pop() if len(named) == 1 else None

    def from_texts(self, texts, events):
        values = []
        for text in texts.get(self.key, []):
            value = self.resolve(text, [])
            if value is None:
                raise FilterValueError(f"Страна «{text}» не известна: укажите код ISO (BY, KZ, UZ…) или название.")
            values.append(value)
        return tuple(dict.fromkeys(values))

    def clause(self, value):
        return "с участием " + ", ".join(genitive(_official_name(c)) for c in value)


def _official_name(code: str) -> str:
    from smolplan.countries import country_index

    country = country_index().countries.get(code)
    return country.official_name if country else country_name_ru(code)


class SphereFilter(AnyOf):
    name, key, label, widget, word = "spheres", "sphere", "Сферы", "multiselect", "сфера"

    def keep(self, events, values, today):
        return events["sphere"].isin(values)

    def options(self, events, today):
        return list(dict.fromkeys(events["sphere"]))

    def option_counts(self, events, today):
        return {k: int(v) for k, v in events["sphere"].value_counts(sort=False).items()}

    def words(self, value):
        return "; ".join(value)

    def resolve(self, text, offered):
        return super().resolve(re.sub(r"^\s*в\s+сфере\s+", "", text, flags=re.IGNORECASE), offered)


class ExecutorFilter(ListColumnFilter):
    name, key, label, widget, column = "executors", "executor", "Исполнители", "multiselect", "executor_bodies"
    word = "исполнитель"

    def words(self, value):
        return "; ".join(value)


class MonthFilter(AnyOf):
    """Months clicked on a chart ("YYYY-MM"): an event matches when its interval meets the month."""

    name, key, label, widget, word = "months", "month", "Месяцы", "chip", "месяц"

    def valid(self, value):
        return bool(re.fullmatch(r"(20\d\d|2100)-(0[1-9]|1[0-2])", value))

    def keep(self, events, values, today):
        hit = pd.Series(False, index=events.index)
        for key in values:
            hit |= overlaps(events, *month_bounds(key))
        return hit

    def options(self, events, today):
        starts, ends = events["start"].dropna(), events["end"].dropna()
        if starts.empty:
            return []
        return [month_key(m) for m in pd.date_range(starts.min().to_period("M").to_timestamp(), ends.max(), freq="MS")]

    def option_words(self, value):
        return month_in_words(value)

    def resolve(self, text, offered):
        return text.strip() if self.valid(text.strip()) else super().resolve(text, offered)


class PlaceFilter(ListColumnFilter):
    """Venues clicked on the map, by `place_key`."""

    name, key, label, widget, column = "places", "place", "Места", "chip", "places"
    word = "место"

    def cells(self, events):
        return events["places"].map(lambda places: [place_key(p) for p in places])

    @staticmethod
    def _keys(value: str) -> list[str]:
        """"name|country" of each place a value names: a map marker where places coincide joins their
        keys with ";", and a key may carry coordinates ("Минск|BY|53.90000|27.56667")."""
        return ["|".join(k.split("|")[:2]) for k in value.split(";") if k]

    def valid(self, value):
        return bool(value.strip()) and len(value) <= 5 * _LONGEST_VALUE

    def keep(self, events, values, today):
        return super().keep(events, tuple(k for v in values for k in self._keys(v)), today)

    def option_words(self, value):
        words = []
        for key in self._keys(value):
            name, _, country = key.partition("|")
            shown = country_name_ru(country) if country else ""
            words.append(name if country in ("", HOME) or fold(shown) == fold(name) else f"{name} ({shown})")
        return ", ".join(words)

    def resolve(self, text, offered):
        by_name = next((v for v in offered if fold(v.partition("|")[0]) == fold(text)), None)
        return by_name or super().resolve(text, offered)


class StatusFilter(AnyOf):
    name, key, label, widget = "statuses", "status", "Статус на сегодня", "multiselect"
    CHOICES = {"past": "прошедшие", "ongoing": "идут сейчас", "upcoming": "предстоящие", "undated": "без даты"}

    def valid(self, value):
        return value in self.CHOICES

    def keep(self, events, values, today):
        return event_status(events, today).isin(values)

    def options(self, events, today):
        return list(self.CHOICES)

    def option_counts(self, events, today):
        return {k: int(v) for k, v in event_status(events, today).value_counts(sort=False).items()}

    def option_words(self, value):
        return self.CHOICES[value]


class OneOf(Filter):
    """One value out of a few fixed choices, each with its own predicate."""

    empty = None
    CHOICES: dict[str, tuple[str, object]]  # value -> (words, predicate on the events)

    def from_query(self, get_all):
        values = get_all(self.key)
        return values[-1] if values and values[-1] in self.CHOICES else None

    def to_query(self, value):
        return {self.key: [value]} if value else {}

    def keep(self, events, value, today):
        return self.CHOICES[value][1](events)

    def options(self, events, today):
        return list(self.CHOICES)

    def option_words(self, value):
        return self.CHOICES[value][0]

    def option_counts(self, events, today):
        return {v: int(test(events).sum()) for v, (_, test) in self.CHOICES.items()}

    def words(self, value):
        return self.option_words(value)

    def clause(self, value):
        return self.words(value)

    def from_texts(self, texts, events):
        typed = texts.get(self.key, [])
        if not typed:
            return None
        wanted = fold(typed[-1])
        for value, (words, _) in self.CHOICES.items():
            if wanted in (fold(value), fold(words)):
                return value
        choices = ", ".join(f"{v} ({w})" for v, (w, _) in self.CHOICES.items())
        raise FilterValueError(f"{self.label}: «{typed[-1]}» — возможны {choices}.")


class LocationFilter(OneOf):
    name, key, label, widget = "location", "where", "Где", "segmented"
    CHOICES = {"home": ("в России", is_at_home), "abroad": ("за рубежом", is_abroad)}


class FormatFilter(OneOf):
    name, key, label, widget = "format", "format", "Формат", "segmented"

    def cli_flags(self):
        return ("mode",)  # "--format" names the file the command line writes

    def from_texts(self, texts, events):
        return super().from_texts({self.key: texts.get("mode", [])}, events)
    CHOICES = {"online": ("дистанционно", is_online), "in_person": ("очно", is_in_person)}


def iso_date(text: str) -> dt.date | None:
    """A date written ГГГГ-ММ-ДД within the years a plan can be about, as a link or the command line gives it."""
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        return None
    return value if PERIOD_MIN <= value <= PERIOD_MAX else None


class PeriodFilter(Filter):
    """[start, end], either end open; an event matches when its interval overlaps it (undated never)."""

    name, key, label, widget = "period", "from", "Период", "period"
    END_KEY = "to"
    empty = (None, None)

    def fields(self):
        return [("start", None), ("end", None)]

    def value(self, filters):
        return filters.start, filters.end

    def with_value(self, filters, value):
        start, end = value
        return replace(filters, start=start, end=end)

    def from_query(self, get_all):
        def date(key: str) -> dt.date | None:
            values = get_all(key)
            return iso_date(values[-1]) if values else None

        start, end = date(self.key), date(self.END_KEY)
        return (end, start) if start and end and start > end else (start, end)

    def to_query(self, value):
        start, end = value
        return {**({self.key: [start.isoformat()]} if start else {}),
                **({self.END_KEY: [end.isoformat()]} if end else {})}

    def keep(self, events, value, today):
        return overlaps(events, *value)

    def cli_flags(self):
        return (self.key, self.END_KEY)

    def from_texts(self, texts, events):
        bounds = []
        for flag in self.cli_flags():
            typed = texts.get(flag, [])
            bounds.append(iso_date(typed[-1]) if typed else None)
            if typed and bounds[-1] is None:
                raise FilterValueError(f"дата «{typed[-1]}» не в виде ГГГГ-ММ-ДД между {PERIOD_MIN:%Y} и {PERIOD_MAX:%Y} годами")
        start, end = bounds
        if start and end and start > end:
            raise FilterValueError(f"начало периода {start:%d.%m.%Y} позже конца {end:%d.%m.%Y}")
        return start, end

    def read(self, text: str, year: int | None, plan_period=None) -> tuple[dt.date | None, dt.date | None] | str:
        """A period typed as officials write it («IV квартал», «октябрь–декабрь 2026», «с 1 октября по
        31 декабря», «01.10.2026 – 31.12.2026»), read by the plan's own date grammar with the plan's
        year as default: (start, end), (None, None) for an empty box, or a Russian message."""
        from smolplan.dates import parse_date_cell

        if not text.strip():
            return None, None
        reading = parse_date_cell(text, year, plan_period)
        if reading.start is None or reading.end is None:
            return f"Период «{text.strip()}» не понят: напишите, например, «IV квартал», «октябрь–декабрь 2026» или «01.10.2026 – 31.12.2026»."
        return reading.start, reading.end

    def presets(self, start: dt.date | None, end: dt.date | None) -> list[tuple[str, dt.date, dt.date]]:
        """(words, start, end) for the plan's whole period, its quarters and its months."""
        if start is None or end is None or start > end:
            return []
        whole = [("весь план", start, end)]
        quarters, months = [], []
        for first in pd.date_range(pd.Timestamp(start).to_period("M").to_timestamp(), end, freq="MS"):
            last = (first + pd.offsets.MonthEnd(0)).date()
            months.append((month_in_words(month_key(first)), first.date(), last))
            if first.month % 3 == 1 and (first + pd.offsets.QuarterEnd(0)).date() <= end:
                q_end = (first + pd.offsets.QuarterEnd(0)).date()
                quarters.append((interval_in_words(first.date(), q_end, "quarter"), first.date(), q_end))
        return whole + (quarters if len(quarters) > 1 else []) + months

    def words(self, value):
        return period_in_words(*value)

    def clause(self, value):
        return self.words(value)


class TextFilter(Filter):
    """Words anywhere in the event's original fields, compared folded (case, ё, dashes, quotes, spaces)."""

    name, key, label, widget = "text", "q", "Поиск по тексту", "text"
    empty = ""

    def is_set(self, filters):
        return bool(fold(filters.text))

    def from_query(self, get_all):
        values = get_all(self.key)
        return (values[-1] if values else "")[:_LONGEST_VALUE]

    def to_query(self, value):
        return {self.key: [value]} if value else {}

    def keep(self, events, value, today):
        return search_text(events).str.contains(fold(value, hyphens_as_spaces=True), regex=False)

    def words(self, value):
        return value.strip()

    def from_texts(self, texts, events):
        return " ".join(texts.get(self.key, []))[:_LONGEST_VALUE]

    def clause(self, value):
        return f"поиск: «{self.words(value)}»"


# The filters in the order the sidebar shows them and titles name them.
FILTERS: tuple[Filter, ...] = (
    CountryFilter(), SphereFilter(), ExecutorFilter(), PeriodFilter(), MonthFilter(), PlaceFilter(),
    LocationFilter(), FormatFilter(), StatusFilter(), TextFilter(),
)
BY_NAME = {f.name: f for f in FILTERS}
QUERY_KEYS = tuple(k for f in FILTERS for k in (f.key, getattr(f, "END_KEY", None)) if k)


def _active(self) -> bool:
    return any(f.is_set(self) for f in FILTERS)


Filters = make_dataclass(
    "Filters", [(name, object, field(default=empty)) for f in FILTERS for name, empty in f.fields()],
    frozen=True, namespace={"active": property(_active), "__doc__": "The value of every filter in FILTERS."},
)
Filters.__module__ = __name__  # make_dataclass leaves "types" before Python 3.12; pickling needs the real home


def apply_filters(events: pd.DataFrame, filters, today: dt.date, leave_out: str | None = None) -> pd.DataFrame:
    """The events every set filter keeps; `leave_out` names one filter to ignore (a widget's counts
    follow the other filters)."""
    keep = pd.Series(True, index=events.index)
    for f in FILTERS:
        if f.name != leave_out and f.is_set(filters):
            keep &= f.keep(events, f.value(filters), today)
    return events[keep]


def option_counts(events: pd.DataFrame, filters, today: dt.date, name: str) -> dict:
    """Events per option of one filter under all the other filters: the counts a widget shows."""
    return BY_NAME[name].option_counts(apply_filters(events, filters, today, leave_out=name), today)


def filters_to_query(filters) -> dict[str, list[str]]:
    query: dict[str, list[str]] = {}
    for f in FILTERS:
        if f.is_set(filters):
            query.update(f.to_query(f.value(filters)))
    return query


def filters_from_query(get_all):
    """`get_all(key) -> list[str]` (as st.query_params.get_all); values that make no sense are dropped."""
    filters = Filters()
    for f in FILTERS:
        filters = f.with_value(filters, f.from_query(get_all))
    return filters


def filters_from_texts(texts: dict[str, list[str]], events: pd.DataFrame):
    """The filters from the command line: `texts` maps each flag of `Filter.cli_flags` to what was typed."""
    filters = Filters()
    for f in FILTERS:
        filters = f.with_value(filters, f.from_texts(texts, events))
    return filters


def toggled(filters, *clicks: tuple[str, object]):
    """The filters after a click naming one value of each of these filters (a bar names one, a cell of
    the sphere × country matrix two): each set to its value alone, or all cleared when they were all
    the ones set."""
    def alone(f, value):
        return (value,) if isinstance(f, AnyOf) else value

    again = all(BY_NAME[name].value(filters) == alone(BY_NAME[name], value) for name, value in clicks)
    for name, value in clicks:
        f = BY_NAME[name]
        filters = f.with_value(filters, f.empty if again else alone(f, value))
    return filters


# --- the filters in words ----------------------------------------------------------------------------

def describe_filters(filters) -> str:
    """The filters as a title: "Мероприятия с участием Республики Беларусь, сентябрь–декабрь 2026"."""
    if not filters.active:
        return "Все мероприятия плана"
    chosen = [f for f in FILTERS if f.is_set(filters)]
    head = "Мероприятия"
    if chosen[0] is BY_NAME["countries"]:
        head += " " + chosen.pop(0).clause(filters.countries)
    return ", ".join([head] + [f.clause(f.value(filters)) for f in chosen])


def filter_rows(filters) -> list[list[str]]:
    """Each filter as [label, value in words], "—" where it is not set (the workbook's table)."""
    return [[f.label, f.words(f.value(filters)) if f.is_set(filters) else "—"] for f in FILTERS]
