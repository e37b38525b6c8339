"""Russian free-text date cells -> inclusive interval + precision.

A small grammar, in four steps:

1. Remarks out: parenthetical remarks and a few known phrases ("по согласованию сторон",
   "дата уточняется", "по отдельному графику"…) become the note; they never change the interval.
2. Normalise: ё -> е, every dash -> "-", whitespace collapsed; words are looked up lowercased.
   Seasons become the months they cover ("весна" -> "март - май", the word kept as the note);
   "в течение полугодия" / "планового периода" is the plan's own period, given by the caller.
3. Tokenise into one-letter codes (N number, Y year, M month name, O ordinal, Q квартал,
   H полугодие, D декада, P начало/середина/конец, L половина, T dd.mm.yyyy, U dd.mm);
   "-", "по", "до" separate the parts of a range, ",", "и", "/" the items of a list; ordinal
   suffixes ("1-я"), "года"/"г." and prepositions are dropped; "whole period" words ("в течение")
   and repeats ("ежемесячно", "каждый месяц", "по отдельному графику") are dropped but remembered:
   alone they mean the plan's period (the year without one), and a repeat is kept as the note.
4. Each part is one of a handful of anchored patterns over those codes (`_PART`). A part may
   leave out what its right neighbour states ("12–15.03.2027", "III–IV кварталы",
   "30 сентября – 2 октября 2026"); a missing year comes from the neighbours, else from
   `default_year`. The interval runs from the first part's start to the last part's end and its
   precision is the coarsest of the parts'.

`parse_date_cell` never raises: what it cannot read comes back as precision "unknown" with a short
Russian `problem`. A cell that itself says the date is open ("Дата проведения уточняется",
"по согласованию") is read: unknown, problem None.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import itertools
import re
from dataclasses import dataclass

from smolplan import wording

__all__ = ["DateReading", "MONTHS_GENITIVE", "PRECISIONS", "parse_date_cell", "plan_period_from_title"]

PRECISIONS = ("day", "month", "quarter", "half_year", "year", "unknown")
# A plan of events names years near its own: a year outside this window, or a span longer than
# MAX_SPAN_YEARS, is a typing error to report, not a date to draw (and pandas' nanosecond dates
# overflow outside 1677-2262).
MIN_YEAR, MAX_YEAR = 1990, 2100
MAX_SPAN_YEARS = 5


@dataclass(frozen=True)
class DateReading:
    """One date cell read.

    `precision` is the coarsest unit needed to state the date: "1 декада сентября" is the days 1–10
    ("day"); "начало ноября" names no days and is the whole month ("month", the words as the note).
    `note` holds the parenthetical remarks, known phrases such as "по согласованию сторон", repeats
    ("ежемесячно") and vague parts of a month, joined by "; " ("" if none); a cell that only says
    "Дата проведения уточняется" gets no note (precision "unknown" says it). Years outside
    MIN_YEAR–MAX_YEAR and spans over MAX_SPAN_YEARS are problems, never intervals.
    """

    start: datetime.date | None
    end: datetime.date | None  # inclusive
    precision: str  # "day" | "month" | "quarter" | "half_year" | "year" | "unknown"
    note: str  # parenthetical remarks and the like; "" if none
    problem: str | None  # None when read (an explicitly open date too); else a short Russian message


class _Problem(Exception):
    """A cell that cannot be read; the message is shown to users (Russian)."""


# ---------------------------------------------------------------- vocabulary

MONTHS_GENITIVE = ("", *wording.MONTHS_GENITIVE)  # by month number; the names live in smolplan.wording

_MONTH_STEMS = (  # stem, declension ("soft": -ь/-я/-е/-ю/-ем, "hard": -/-а/-е/-у/-ом), abbreviations
    ("январ", "soft", "янв"), ("феврал", "soft", "фев февр"), ("март", "hard", "мар"),
    ("апрел", "soft", "апр"), ("ма", "may", ""), ("июн", "soft", ""), ("июл", "soft", ""),
    ("август", "hard", "авг"), ("сентябр", "soft", "сен сент"), ("октябр", "soft", "окт"),
    ("ноябр", "soft", "ноя нояб"), ("декабр", "soft", "дек"),
)
_ENDINGS = {"soft": ("ь", "я", "е", "ю", "ем"), "hard": ("", "а", "е", "у", "ом"), "may": ("й", "я", "е", "ю", "ем")}
_ORDINAL_STEMS = (("перв", 1, "hard"), ("втор", 2, "hard"), ("трет", 3, "soft"), ("четверт", 4, "hard"))
_ORDINAL_ENDINGS = {
    "hard": ("ый", "ой", "ая", "ое", "ого", "ому", "ом", "ую", "ые", "ых", "ым", "ыми"),
    "soft": ("ий", "ья", "ье", "ьего", "ьей", "ьему", "ьем", "ью", "ьи", "ьих", "ьим", "ьими"),
}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8}
_FILLERS = ("в во на с со c около г гг год года году годом годы годов годах годам "
            "й я е ое ого го м ом ая ой ую ый ий числа число период").split()
_WHOLE_PERIOD = "течение течении протяжении продолжение весь всего целый целого".split()
# Words that say the event recurs over the period: the period is the interval, the words the note.
_REPEATS = ("ежемесячно ежеквартально ежегодно еженедельно ежедневно постоянно регулярно круглогодично "
            "ежемесячные ежемесячное ежеквартальные").split()
_EVERY = "каждый каждого каждую каждые каждое".split()  # "каждый месяц", "каждую неделю": a repeat
_YEAR_WORDS = frozenset("год года году годом".split())  # "в течение года" names the year, not the plan's period


def _build_words() -> dict[str, tuple[str, object]]:
    words: dict[str, tuple[str, object]] = {}
    for number, (stem, declension, abbreviations) in enumerate(_MONTH_STEMS, start=1):
        for ending in _ENDINGS[declension]:
            words[stem + ending] = ("M", number)
        for abbreviation in abbreviations.split():
            words[abbreviation] = ("M", number)
    for stem, number, declension in _ORDINAL_STEMS:
        for ending in _ORDINAL_ENDINGS[declension]:
            words[stem + ending] = ("O", number)
    for roman, number in _ROMAN.items():
        words[roman] = ("O", number)
    for filler in _FILLERS:
        words[filler] = ("F", None)
    for word in _WHOLE_PERIOD:
        words[word] = ("W", None)
    for word in _REPEATS:
        words[word] = ("R", None)
    for word in _EVERY:
        words[word] = ("E", None)
    for word in ("месяц", "месяца", "неделю", "недели", "неделя", "день", "дня"):  # only after "каждый"
        words[word] = ("m", None)
    words.update({"кв": ("Q", None), "конец": ("P", 3), "и": (",", None), "по": ("-", None), "до": ("-", None)})
    return words


_WORDS = _build_words()
# Word families recognised by their start, whatever the case ending.
_PREFIXES = (("квартал", ("Q", None)), ("полугод", ("H", None)), ("декад", ("D", None)),
             ("половин", ("L", None)), ("начал", ("P", 1)), ("середин", ("P", 2)), ("конц", ("P", 3)))
# Days of the month each "part of a month" covers (None: to the month's last day).
# A decade and a half of a month are days the calendar defines; "начало", "середина", "конец" are not:
# they are read as their whole month, the words kept as the note (README, "Parts of a month").
_DECADES = {1: (1, 10), 2: (11, 20), 3: (21, None)}
_MONTH_HALVES = {1: (1, 15), 2: (16, None)}
_DAYS_OF = {"decade": _DECADES, "monthhalf": _MONTH_HALVES}
_MONTH_PART_WORDS = {1: "начало", 2: "середина", 3: "конец"}


@functools.lru_cache(maxsize=4096)
def _classify(word: str) -> tuple[str, object]:
    found = _WORDS.get(word)
    if found is not None:
        return found
    for prefix, token in _PREFIXES:
        if word.startswith(prefix):
            return token
    return ("X", None)


# ---------------------------------------------------------------- regular expressions

# Seasons, read as the months they cover ("весна 2027 года" = март–май 2027); winter straddles two
# years and is left to the reader.
_SEASONS = re.compile(
    r"(?<!\d-)(?<!\w)(?:в\s+)?(весн[а-яё]*|весенн[а-яё]*|лет(?:о|а|ом|н[а-яё]+)|осен[а-яё]*)\b"
    r"(?:\s+(?:период|сезон|врем)[а-яё]*)?",
    re.IGNORECASE,
)
_SEASON_MONTHS = {"вес": "март - май", "лет": "июнь - август", "осе": "сентябрь - ноябрь"}
# The plan's own period, unnamed: "в течение полугодия", "в течение планового периода".
_PLAN_PERIOD = re.compile(
    r"(?:в\s+течение|на\s+протяжении)\s+(?:всего\s+)?(?:полугодия|планового\s+периода|периода\s+плана|отчетного\s+периода)",
    re.IGNORECASE,
)
_DASHES = re.compile(r"[\u2010-\u2015\u2212\u2043\ufe58\ufe63\uff0d]")
_REMARK = re.compile(
    r"""\b(?:
      (?P<schedule>по\s+отдельному\s+(?:графику|плану))
    | (?P<open>(?:(?:дат[аы]|срок[аи]?)\s+(?:и\s+мест[оа]\s+)?(?:проведения\s+)?(?:мероприяти[яй]\s+)?)?
               (?:уточня[а-яё]*|будут?\s+определ[а-яё]*|определя[а-яё]*|не\s+определ[а-яё]*))
    | (?P<arranged>по\s+согласовани[юя]
                    (?:\s+(?:сторон[а-яё]*|с\s+(?:[а-яё]+\s+)?(?:сторон|партн[её]р|организатор)[а-яё]*))?
               |по\s+мере\s+необходимости|по\s+запросу|по\s+приглашению
               |ориентировочно|предварительно)
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
# Cheap test before the remark expression runs: every remark contains one of these.
_REMARK_HINTS = ("дат", "срок", "уточн", "определ", "по ", "ориентир", "предвар")
_EDGES = " ,;:-."
# One token per match, in exactly one of the groups: word, number, separator, dd.mm.yyyy, yyyy-mm-dd,
# dd.mm, anything else.
_TOKEN = re.compile(
    r"[\s.:\u200b\u200c\u200d\u2060\ufeff]*+"  # what separates tokens and means nothing
    r"(?:([a-zа-я]+)"
    r"|(\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})(?!\d))"
    r"|(\d{4}-\d{1,2}-\d{1,2}(?!\d))"
    r"|(\d{1,2}[./]\d{1,2}(?!\d))\.?"
    r"|(\d+)(?:-?(?:ая|ой|ую|ое|ого|ому|ом|ый|ий|го|му|й|я|е|м)(?![a-zа-я]))?"  # "1-я", "2-е", "3й"
    r"|([-,;/])"
    r"|(.))",
    re.IGNORECASE,
)
_DATE_SEPARATOR = re.compile(r"[./]")
# One part of a range, as its token codes. The group that matched names the part's kind.
_PART = re.compile(
    r"(?P<bare>[NO])"
    r"|(?P<day>NMY?|T|UY?)"
    r"|(?P<month>MY?)"
    r"|(?P<quarter>[NO]QY?)"
    r"|(?P<half>[NO]HY?)"
    r"|(?P<decade>[NO]DM?Y?)"
    r"|(?P<monthpart>PM?Y?)"
    r"|(?P<monthhalf>[NO]LM?Y?)"
    r"|(?P<year>Y)"
)
_PRECISION_OF = {"day": "day", "month": "month", "decade": "day", "monthpart": "month", "monthhalf": "day",
                 "quarter": "quarter", "half": "half_year", "year": "year"}
_RANK = {p: i for i, p in enumerate(PRECISIONS)}
_NEEDS_MONTH = frozenset({"day", "decade", "monthpart", "monthhalf"})
_ORDINAL_LIMIT = {"quarter": (4, "такого квартала"), "half": (2, "такого полугодия"),
                  "decade": (3, "такой декады"), "monthhalf": (2, "такой половины месяца")}

_NOT_READ = "сроки не прочитаны"


# ---------------------------------------------------------------- parsing


class _Part:
    __slots__ = ("kind", "n", "month", "year", "words_only", "tokens")

    def __init__(self, kind: str, tokens: list[tuple[str, object, str]]) -> None:
        self.kind = kind
        self.n: int | None = None  # day, or the ordinal of quarter / half / decade / part of month
        self.month: int | None = None
        self.year: int | None = None
        self.words_only = False  # the number was a roman or word ordinal: it cannot be a day
        self.tokens = tokens

    @property
    def text(self) -> str:  # for messages
        return " ".join(t[2] for t in self.tokens)[:60]


_SEPARATE_DATES = "несколько отдельных сроков: показан охватывающий их период"


def parse_date_cell(text: str, default_year: int | None = None,
                    plan_period: tuple[datetime.date, datetime.date] | None = None) -> DateReading:
    """Read one date cell of the plan. Never raises. `plan_period` (from the title) is what
    "в течение полугодия" or "в течение планового периода" means."""
    try:
        return _parse(text, default_year, plan_period)
    except Exception:  # noqa: BLE001 - the contract: any string gives a reading
        return DateReading(None, None, "unknown", "", _NOT_READ)


def _parse(text: str, default_year: int | None, plan_period=None) -> DateReading:
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    cell = " ".join(text.split())
    notes, open_date, schedule, body = _take_remarks(cell)
    body, seasons = _SEASONS.subn(lambda m: f" {_SEASON_MONTHS[m.group(1)[:3].lower()]} ", body)
    if seasons:
        notes += [re.sub(r"^в\s+", "", m.group(0).strip()) for m in _SEASONS.finditer(cell)]

    def noted(*more: str) -> str:
        return "; ".join(dict.fromkeys(n for n in [*notes, *more] if n))

    note = noted()
    try:
        year = _valid_default_year(default_year)
        said = _PLAN_PERIOD.search(body)
        if said:  # "в течение полугодия", perhaps with a repeat ("ежемесячно, в течение полугодия")
            rest, _, _, repeats, _ = _split(_normalise(body[: said.start()] + " " + body[said.end() :]))
            if not rest:
                if plan_period is None:
                    raise _Problem("срок назван периодом плана, а период плана неизвестен")
                if "полугод" in said.group(0).lower() and _months(plan_period) > 6:
                    raise _Problem("«в течение полугодия» в годовом плане: не сказано, какого")
                return _period_reading(plan_period, noted(*repeats))
        tokens, whole_period, joins, repeats, said_year = _split(_normalise(body))
        note = noted(*repeats)
        if not tokens:
            recurring = bool(repeats) or schedule
            if open_date and not recurring:
                return DateReading(None, None, "unknown", note, None)
            if whole_period or recurring:
                # "ежемесячно", "постоянно", "по отдельному графику" alone: the whole period of the plan
                # (a half-year in a half-year plan), unless the cell names the year ("в течение года").
                if plan_period is not None and not said_year:
                    return _period_reading(plan_period, note)
                if year is None:
                    if schedule and not whole_period and not repeats:
                        return DateReading(None, None, "unknown", note, None)
                    raise _Problem("не указан год, а год плана неизвестен")
                return DateReading(datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year", note, None)
            raise _Problem("сроки не указаны")
        parts = [_read_part(part) for part in tokens]
        _fill_from_right(parts)
        bounds = _assign_years(parts, year)
        for (start, _), (_, end) in zip(bounds, bounds[1:]):
            if start > end:
                raise _Problem(f"начало ({start:%d.%m.%Y}) позже окончания ({end:%d.%m.%Y})")
        start, end = min(b[0] for b in bounds), max(b[1] for b in bounds)
        if end.year - start.year >= MAX_SPAN_YEARS:
            raise _Problem(f"период {start.year}–{end.year} длиннее {MAX_SPAN_YEARS} лет: проверьте годы")
        precision = max((_PRECISION_OF[p.kind] for p in parts), key=_RANK.__getitem__)
        vague = [f"{_MONTH_PART_WORDS[p.n]} {MONTHS_GENITIVE[p.month]}" for p in parts if p.kind == "monthpart"]
        if vague:  # "конец сентября – начало октября": the whole months, the words as the note
            vague_note = (" – " if all(j == "-" for j in joins) else ", ").join(vague)
            note = noted(*repeats, vague_note)
        if any(join == "," and (after[0] - before[1]).days > 1
               for join, before, after in zip(joins, bounds, bounds[1:])):
            # "12 апреля, 15 октября": one interval cannot say it; the note says the days between are not meant.
            note = "; ".join(filter(None, [note, _SEPARATE_DATES]))
        return DateReading(start, end, precision, note, None)
    except _Problem as problem:
        return DateReading(None, None, "unknown", note, str(problem))


def _months(period: tuple[datetime.date, datetime.date]) -> int:
    start, end = period
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _period_reading(period: tuple[datetime.date, datetime.date], note: str) -> DateReading:
    """The plan's own period as a reading: its precision is what its length names."""
    precision = {3: "quarter", 6: "half_year"}.get(_months(period), "year")
    return DateReading(period[0], period[1], precision, note, None)


def _valid_default_year(default_year) -> int | None:
    if default_year is None or isinstance(default_year, bool):
        return None
    try:
        year = int(default_year)
    except (TypeError, ValueError, OverflowError):
        return None
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def _take_remarks(cell: str) -> tuple[list[str], bool, bool, str]:
    """(notes, whether a remark says the date is open, whether it says "по отдельному графику",
    the rest of the cell)."""
    notes, body = _bracketed(cell)
    open_date = schedule = False
    for note in notes:
        for match in _REMARK.finditer(note):
            schedule |= match.lastgroup == "schedule"
            open_date |= match.lastgroup != "schedule"
    lowered = body.lower()
    spoken = list(_REMARK.finditer(body)) if any(hint in lowered for hint in _REMARK_HINTS) else []
    if spoken:
        rest_empty = not _REMARK.sub(" ", body).strip(_EDGES + " ")
        for match in spoken:
            schedule |= match.lastgroup == "schedule"
            open_date |= match.lastgroup != "schedule"
            # A cell that only says "the date is open" needs no note: precision "unknown" says it.
            if not (rest_empty and match.lastgroup == "open"):
                notes.append(match.group(0))
        body = _REMARK.sub(" ", body)
    notes = [" ".join(n.split()) for n in notes]
    return notes, open_date, schedule, body


def _bracketed(cell: str) -> tuple[list[str], str]:
    """Parenthetical remarks out, in one pass whatever their nesting: (remarks, the rest).

    Inner remarks come before the one around them; an unclosed bracket makes the rest of the cell
    a remark; a stray ")" is a space.
    """
    if "(" not in cell and ")" not in cell:
        return [], cell
    notes: list[str] = []
    levels: list[list[str]] = [[]]  # the text of the cell, then of each open bracket
    for piece in re.split(r"([()])", cell):
        if piece == "(":
            levels.append([])
        elif piece == ")":
            if len(levels) > 1:
                notes.append("".join(levels.pop()).strip(" ,;"))
            levels[-1].append(" ")
        else:
            levels[-1].append(piece)
    if len(levels) > 1:  # an unclosed bracket: the rest is a remark
        notes.append(" ".join("".join(level) for level in levels[1:]).strip(" ,;"))
    return notes, "".join(levels[0])


def _normalise(body: str) -> str:
    """ё -> е, Cyrillic і -> Latin i (roman numerals), every dash -> "-", no separators at the edges."""
    body = body.replace("ё", "е").replace("Ё", "Е").replace("і", "i").replace("І", "I")
    return _DASHES.sub("-", body).strip(_EDGES)


def _split(body: str) -> tuple[list[list[tuple[str, object, str]]], bool, list[str], list[str], bool]:
    """Tokens (code, value, text), split into the parts of a range or list ([] if there are none),
    whether a "whole period" word was met, what joins each part to the next ("-" or ","), the words
    that say the event recurs ("ежемесячно", "каждый месяц"), and whether the word "год" was met."""
    parts: list[list[tuple[str, object, str]]] = [[]]
    joins: list[str] = []
    unknown: list[str] = []
    repeats: list[str] = []
    whole = said_year = False
    previous, previous_raw = "", ""
    for word, full_date, iso_date, day_month, number, separator, other in _TOKEN.findall(body):
        if word:
            raw = word
            lowered = word.lower()
            code, value = _classify(lowered)
            if previous == "E" and code in "mQ":  # "каждый месяц", "каждый квартал"
                code = "R"
                repeats.append(f"{previous_raw} {lowered}")
            elif code == "R":
                repeats.append(lowered)
            elif code == "E":
                code = "W"
            said_year |= lowered in _YEAR_WORDS
            previous, previous_raw = _classify(lowered)[0], lowered
            if code in "WR":
                whole = True
                continue
            if code in "Xm":
                unknown.append(raw)
                continue
        elif number:
            raw = number
            if len(number) > 4 or len(number) == 3:
                unknown.append(raw)
                continue
            code, value = ("Y" if len(number) == 4 else "N"), int(number)
        elif separator:
            code, value, raw = ("-" if separator == "-" else ","), None, separator
        elif full_date:
            raw = full_date
            day, month, year = map(int, _DATE_SEPARATOR.split(full_date))
            code, value = "T", (day, month, year + 2000 if year < 100 else year)
        elif iso_date:
            raw = iso_date
            year, month, day = map(int, iso_date.split("-"))
            code, value = "T", (day, month, year)
        elif day_month:
            raw = day_month
            code, value = "U", tuple(map(int, _DATE_SEPARATOR.split(day_month)))
        else:
            unknown.append(other)
            continue
        if code == "F":
            continue
        if code == "," and parts == [[]]:
            continue  # "ежеквартально, IV квартал": a list sign after the words dropped before it
        if code in "-,":
            parts.append([])
            joins.append(code)
        else:
            parts[-1].append((code, value, raw))
    if unknown:
        shown = " ".join(unknown[:10])
        raise _Problem(f"в сроках не распознано: «{shown[:40]}»")
    if parts == [[]]:
        return [], whole, [], repeats, said_year  # nothing but fillers ("в течение года")
    if any(not part for part in parts):
        raise _Problem(f"не разобраны сроки «{body[:60]}»: пустая часть диапазона")
    return parts, whole, joins, repeats, said_year


def _read_part(tokens: list[tuple[str, object, str]]) -> _Part:
    match = _PART.fullmatch("".join(t[0] for t in tokens))
    part = _Part(match.lastgroup if match else "", tokens)
    if match is None:
        raise _Problem(f"не разобраны сроки «{part.text}»")
    for code, value, _ in tokens:
        if code == "N":
            part.n = value
        elif code == "O":
            part.n, part.words_only = value, True
        elif code == "P":
            part.n = value
        elif code == "M":
            part.month = value
        elif code == "Y":
            part.year = value
        elif code == "T":
            part.n, part.month, part.year = value
        elif code == "U":
            part.n, part.month = value
    if part.year is not None and not MIN_YEAR <= part.year <= MAX_YEAR:
        raise _Problem(f"год {part.year} вне допустимых пределов ({MIN_YEAR}–{MAX_YEAR})")
    return part


def _fill_from_right(parts: list[_Part]) -> None:
    """Complete each part with what its right neighbour states ("12–15.03.2027", "III–IV кварталы")."""
    for i in range(len(parts) - 2, -1, -1):
        left, right = parts[i], parts[i + 1]
        if left.kind == "bare":
            if right.kind in ("month", "year") or (right.kind == "day" and left.words_only):
                raise _Problem(f"не разобраны сроки «{left.text} - {right.text}»")
            left.kind = right.kind
        if left.kind in _NEEDS_MONTH and left.month is None:
            left.month = right.month
    for part in parts:
        if part.kind == "bare":
            raise _Problem(f"не разобраны сроки «{part.text}»: неясно, что означает число")
        if part.kind in _NEEDS_MONTH and part.month is None:
            raise _Problem(f"в сроках «{part.text}» не указан месяц")
        _check_ordinals(part)


def _check_ordinals(part: _Part) -> None:
    if part.month is not None and not 1 <= part.month <= 12:
        raise _Problem(f"нет такого месяца: {part.month} («{part.text}»)")
    limit = _ORDINAL_LIMIT.get(part.kind)
    if limit and not 1 <= part.n <= limit[0]:
        raise _Problem(f"нет {limit[1]}: «{part.text}»")
    if part.kind == "day" and not 1 <= part.n <= (29 if part.month == 2 else calendar.mdays[part.month]):
        year = f" {part.year} г." if part.year else ""
        raise _Problem(f"нет такой даты: {part.n} {MONTHS_GENITIVE[part.month]}{year}")


def _assign_years(parts: list[_Part], default_year: int | None) -> list[tuple[datetime.date, datetime.date]]:
    """Give every part a year and return the parts' bounds.

    A part without a year takes its right neighbour's ("30 сентября – 2 октября 2026"), a year
    earlier if the range then crosses New Year ("декабрь – январь 2027": a later month first);
    parts after the last stated year take their left neighbour's, a year later if the range
    crosses New Year ("ноябрь 2026 – январь"). With no year at all, the first part takes
    `default_year`. "15–12 марта" stays one year and is reported: its start is after its end.
    """
    last = next((i for i in range(len(parts) - 1, -1, -1) if parts[i].year is not None), None)
    if last is None:
        if default_year is None:
            raise _Problem("не указан год, а год плана неизвестен")
        last = 0
        parts[0].year = default_year
    bounds = [_bounds(parts[last])] * len(parts)
    for i in range(last - 1, -1, -1):
        part = parts[i]
        if part.year is not None:
            bounds[i] = _bounds(part)
            continue
        part.year = parts[i + 1].year
        bounds[i] = _bounds(part)
        if _wraps(bounds[i][0], bounds[i + 1][1]):
            part.year -= 1
            bounds[i] = _bounds(part)
    for i in range(last + 1, len(parts)):
        part = parts[i]
        part.year = parts[i - 1].year
        bounds[i] = _bounds(part)
        if _wraps(bounds[i - 1][0], bounds[i][1]):
            part.year += 1
            bounds[i] = _bounds(part)
    return bounds


def _month_length(year: int, month: int) -> int:
    return 29 if month == 2 and calendar.isleap(year) else calendar.mdays[month]


def _wraps(start: datetime.date, end: datetime.date) -> bool:
    """In one year, `start` would come after `end` in a later month: the range crosses New Year."""
    return start > end and start.month > end.month


def _bounds(part: _Part) -> tuple[datetime.date, datetime.date]:
    year, kind, n = part.year, part.kind, part.n
    if kind == "day":
        try:
            day = datetime.date(year, part.month, n)
        except ValueError:
            raise _Problem(f"нет такой даты: {n} {MONTHS_GENITIVE[part.month]} {year} г.") from None
        return day, day
    if kind == "year":
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if kind in ("quarter", "half"):
        months = 3 if kind == "quarter" else 6
        first, last = months * (n - 1) + 1, months * n
        return datetime.date(year, first, 1), datetime.date(year, last, _month_length(year, last))
    first, last = (1, None) if kind in ("month", "monthpart") else _DAYS_OF[kind][n]
    month = part.month
    return datetime.date(year, month, first), datetime.date(year, month, last or _month_length(year, month))


# ---------------------------------------------------------------- the plan's period

_TITLE_AFTER_NA = re.compile(r"\bна\s+((?:\S+\s+){0,2}?\d{4}(?:\s*-\s*\d{4})?)(?!\d)", re.IGNORECASE)
_TITLE_YEAR = re.compile(r"(?:(?<=\s)|^)(?<!\d\s-\s)(?<!\d-\s)(?<!\d\s-)(?<!\d-)\d{4}(?![\d.])(?!\s?-\s?\d)")  # not in a range
_TITLE_TRIES = 20


def plan_period_from_title(title: str) -> tuple[int | None, datetime.date | None, datetime.date | None]:
    """(year, first day, last day) of the period a plan's title names; (None, None, None) if none.

    "…на II полугодие 2026 года" -> (2026, 2026-07-01, 2026-12-31); "…на 2027 год" -> the year;
    "…на I квартал 2027 г." -> the quarter. The phrase after "на" is read with `parse_date_cell`;
    without one, a period ending in a year ("II полугодие 2026 года", "2027 год") is looked for;
    a year that belongs to a date ("утверждён 12 марта 2026 г.") names no period.
    """
    try:
        text = _DASHES.sub("-", " ".join((title if isinstance(title, str) else str(title or "")).split()))
        # A title names its period early: a bounded number of tries, each on a bounded window of text.
        for match in itertools.islice(_TITLE_AFTER_NA.finditer(text), _TITLE_TRIES):
            reading = parse_date_cell(match.group(1))
            if reading.problem is None and reading.precision not in ("day", "unknown"):
                return reading.start.year, reading.start, reading.end
        for match in itertools.islice(_TITLE_YEAR.finditer(text), _TITLE_TRIES):
            words = text[max(0, match.start() - 120) : match.start()].split()[-2:]
            for count in (2, 1, 0):
                phrase = " ".join(words[len(words) - count:] if count else []) + " " + match.group(0)
                reading = parse_date_cell(phrase)
                if reading.problem is None and reading.precision in ("quarter", "half_year", "year"):
                    return reading.start.year, reading.start, reading.end
                if reading.problem is None:
                    break  # the year belongs to a date ("утверждён 12 марта 2026 г."), not a period
    except Exception:  # noqa: BLE001 - a title that cannot be read names no period
        pass
    return None, None, None
