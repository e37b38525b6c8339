"""Placing a venue cell on the map: the most specific localities it names, with coordinates.

The gazetteer (`data/gazetteer.csv`, built by `scripts/build_gazetteer.py` from GeoNames) holds
settlements, districts and regions by their nominative Russian names; countries come from
`smolplan.countries`. A venue "дер. Глущенки, Смоленский район, Смоленская область" is one place,
Глущенки: the district and region beside it only say which Глущенки is meant.
"""

from __future__ import annotations

import bisect
import csv
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from smolplan.countries import DATA_DIR, HOME, CountryIndex, country_index
from smolplan.names import Match, Word, find_names, fold, is_toponym, name_starts, nominative_forms, words_of

LEVELS = ("settlement", "district", "region", "country")
LEVEL_NAMES_RU = {"settlement": "населённый пункт", "district": "район", "region": "регион", "country": "страна"}
_RANK = {level: rank for rank, level in enumerate(LEVELS)}

_SETTLEMENT_MARKERS = {
    "г", "гор", "город", "пос", "п", "поселок", "пгт", "рп", "гп", "дер", "д", "деревня", "с", "село",
    "аг", "агрогородок", "ст", "станица", "х", "хутор", "аул", "кишлак", "пст",
}
# Towns: written beside another area they may be a list ("Краснинский район, г. Орша"); a village
# beside a district or region lies in it.
_TOWN_MARKERS = {"г", "гор", "город"}
# After these a capitalised word names a street, river or person, never a place of the event
# ("ул. Николаева", "р. Днепр", "им. П.М. Машерова").
_NOT_PLACE_MARKERS = {"ул", "улица", "пр", "проспект", "пер", "переулок", "пл", "площадь", "наб", "набережная",
                      "бульвар", "ш", "шоссе", "р", "река", "реки", "оз", "озеро", "им", "имени", "мкр"}
_ALONG = {"по", "над", "вдоль", "через", "за"}
# An unmarked name among people (participants, an event's name) counts only for a sizeable town.
_BARE_NAME_POPULATION = 100_000
_AREA_WORDS = {"район", "область", "край", "округ", "республика", "автономный", "муниципальный", "городской"}
_QUOTED_FLAT = re.compile(r"\"[^\"]*\"|“[^“”]*”")  # quotes that do not nest
_OPEN_QUOTE = re.compile(r"«[^«»,;]*")
# Between a place and the area that qualifies it: punctuation, perhaps a settlement marker ("…район, с. Новое").
_QUALIFIER_GAP = re.compile(
    r"[\s,()]*(?:(?:" + "|".join(m.replace("е", "[её]") for m in sorted(_SETTLEMENT_MARKERS, key=len, reverse=True)) + r")(?:\.\s*|\s+))?",
    re.IGNORECASE)
_ABBREVIATIONS = ((re.compile(r"\bобл\b\.?"), "область"), (re.compile(r"\bр-н\b\.?"), "район"),
                  (re.compile(r"\bресп\b\.?"), "республика"))
_AREA_NAME = re.compile(r"\b([А-ЯЁ][а-яё-]+(?:ий|ый|ой|ая|ого|ой|ому|ом|ской|ского))\s+(район\w*|област\w*|кра[йяюе]\w*)")


# A cell names a handful of places; past this many unknown ones the rest are counted, not listed.
MAX_PROBLEMS = 10
NOWHERE = ("место проведения не удалось определить: в ячейке не найден ни один известный населённый пункт, "
           "район, регион или страна")


@dataclass(frozen=True)
class Place:
    name: str
    level: str
    country: str
    region: str
    district: str
    lat: float
    lon: float
    population: int

    def record(self) -> dict:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon, "level": self.level}


# Where the plans come from: with nothing else in the cell to go by, a place near it is the likelier one.
_HOME_CITY = Place("Смоленск", "settlement", HOME, "", "", 54.7818, 32.0401, 0)
_HOME_REGION = fold("Смоленская область")
# How far from the middle of a district or region a village said to be in it may lie.
_AREA_REACH_KM = {"district": 80, "region": 450}


@dataclass(frozen=True)
class Gazetteer:
    by_name: dict[str, list[Place]]
    starts: dict[str, int]


@lru_cache(maxsize=1)
def gazetteer(path: Path = DATA_DIR / "gazetteer.csv") -> Gazetteer:
    by_name: dict[str, list[Place]] = {}
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            place = Place(
                row["name"], row["level"], row["country"], fold(row["region"]), fold(row["district"]),
                float(row["lat"]), float(row["lon"]), int(row["population"] or 0),
            )
            for name in {fold(row["name"]), *(fold(a) for a in row["aliases"].split("|") if a.strip())}:
                by_name.setdefault(name, []).append(place)
    return Gazetteer(by_name, name_starts(by_name))


@dataclass
class Placement:
    places: list[dict] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass
class _Found:
    offset: int
    end: int
    segment: int
    candidates: list[Place]
    marker: str = ""  # "г", "дер", … before the name
    key: str = ""  # the folded name matched: a place whose own name it is beats one it was once called


def strip_quoted(text: str) -> str:
    """Institution names in «…» name no places we should find ("«Смоленский государственный университет»").

    One pass whatever the nesting («…«…»…»); straight quotes pair up in turn; an unclosed «
    blanks up to the next comma or semicolon."""
    if not any(q in text for q in "«»\"“”"):
        return text
    text = _QUOTED_FLAT.sub(lambda m: " " * len(m.group()), text)
    opened: list[int] = []
    spans: list[tuple[int, int]] = []  # closed «…», disjoint, in text order (an outer one replaces its inner ones)
    for i, char in enumerate(text):
        if char == "«":
            opened.append(i)
        elif char == "»" and opened:
            start = opened.pop()
            while spans and spans[-1][0] > start:
                spans.pop()
            spans.append((start, i))
    out = list(text)
    for start, end in spans:
        out[start : end + 1] = " " * (end + 1 - start)
    return _OPEN_QUOTE.sub(lambda m: " " * len(m.group()), "".join(out))


def place_venue(text: str, marked_only: bool = False) -> Placement:
    """The most specific places the venue names, each with coordinates, and what could not be placed.

    `marked_only`: only names said to be places ("г. Минска", "Витебской области", a country), for
    cells about people, where a bare capitalised word is more often a surname ("Борисова") or a river
    ("над Днепром") than a town.
    """
    cached = _place_venue(text, marked_only)  # the same cells recur across a plan
    return Placement(list(cached.places), list(cached.countries), list(cached.problems))


@lru_cache(maxsize=4096)
def _place_venue(text: str, marked_only: bool) -> Placement:
    gaz, countries = gazetteer(), country_index()
    plain = expand_abbreviations(strip_quoted(text))
    segments = [m.start() for m in re.finditer(r";", plain)]
    words = words_of(plain)
    index_of = {w.start: k for k, w in enumerate(words)}
    found: list[_Found] = []
    taken: set[int] = set()

    for m in find_names(words, countries.by_name, countries.starts):
        country = countries.countries[countries.by_name[m.key]]
        found.append(_Found(m.start, m.end, _segment(m.start, segments), [_country_place(country)]))
        taken.update(words[k].start for k in range(m.first_word, m.last_word + 1))

    def is_area(span: list[Word]) -> bool:
        return any(fold(w.text) in _AREA_WORDS or nominative_forms(w.text)[-1] in _AREA_WORDS for w in span)

    def accept(span: list[Word]) -> bool:
        i = index_of[span[0].start]
        if any(w.start in taken for w in span) or _previous_word(words, i) in _NOT_PLACE_MARKERS:
            return False
        if is_area(span) or _marker(words, i):
            return True
        if marked_only and (_is_initial(words, i - 1) or _is_initial(words, i + len(span))):
            return False  # "Борисов А.", "Николаева Е.В.": a person
        if marked_only and _previous_word(words, i) in _ALONG:
            return False  # "Сплав по Днепру", "Заря над Днепром": a river
        return any(is_toponym(w.text) for w in span)

    matches = find_names(words, gaz.by_name, gaz.starts, accept)
    for m in matches:
        span = words[m.first_word : m.last_word + 1]
        marker = _marker(words, m.first_word)
        candidates = gaz.by_name[m.key]
        if marker:
            candidates = [p for p in candidates if p.level == "settlement"] or candidates
        elif marked_only and not is_area(span):
            candidates = [p for p in candidates if p.population >= _BARE_NAME_POPULATION]
            if not candidates:
                continue
        found.append(_Found(m.start, m.end, _segment(m.start, segments), candidates, marker, m.key))
    found.sort(key=lambda f: f.offset)

    placement = Placement()
    chosen = _resolve(found, plain)
    outside = [f"населённый пункт «{plain[f.offset:f.end]}» не найден в справочнике мест рядом с названным районом "
               f"или областью" for f, place in zip(found, chosen) if place is None]
    found = [f for f, place in zip(found, chosen) if place is not None]
    chosen = [place for place in chosen if place is not None]
    finer_in = {p.country for p in chosen if p.level != "country"}  # countries with a finer place named
    records: dict[tuple, dict] = {}
    for i, place in enumerate(chosen):
        if not _absorbed(i, chosen, found, plain, finer_in):
            record = place.record()
            records.setdefault(tuple(record.values()), record)  # a place named twice is one place
    placement.places = list(records.values())
    placement.countries = list(dict.fromkeys(p["country"] for p in placement.places))
    problems = list(dict.fromkeys(outside + _unplaced_names(plain, words, matches, countries)))
    if len(problems) > MAX_PROBLEMS:
        problems = problems[:MAX_PROBLEMS] + [f"и ещё {len(problems) - MAX_PROBLEMS} неизвестных мест в этой ячейке"]
    placement.problems = problems
    if not placement.places and plain.strip() and not placement.problems:
        placement.problems.append(NOWHERE)
    return placement


def expand_abbreviations(text: str) -> str:
    """"Костанайская обл." → "Костанайская область", "Смоленский р-н" → "Смоленский район"."""
    for pattern, word in _ABBREVIATIONS:
        text = pattern.sub(word, text)
    return text


def _segment(offset: int, separators: list[int]) -> int:
    return bisect.bisect_left(separators, offset)


def _previous_word(words: list[Word], i: int) -> str:
    return fold(words[i - 1].text) if i > 0 else ""


def _marker(words: list[Word], i: int) -> str:
    """The settlement marker ("г", "дер", "агрогородок") before the i-th word, folded, or "".
    An upper-case letter after a capitalised word is an initial ("Петров С.", "Иванова М.П."), not "с."."""
    if i == 0:
        return ""
    previous = words[i - 1]
    if _is_initial(words, i - 1) and i >= 2 and words[i - 2].capitalized:
        return ""
    if fold(previous.text) in _SETTLEMENT_MARKERS:
        return fold(previous.text)
    return next((f for f in nominative_forms(previous.text) if f in _SETTLEMENT_MARKERS), "")


def _is_initial(words: list[Word], i: int) -> bool:
    return 0 <= i < len(words) and len(words[i].text) == 1 and words[i].text.isupper()


def _country_place(country) -> Place:
    return Place(country.name, "country", country.iso2, "", "", country.lat, country.lon, 0)


def _resolve(found: list[_Found], text: str) -> list[Place | None]:
    """Pick, for each name, the place the rest of the cell points to (its country, region, district).

    A village written beside a district or region ("Вяземский р-н, с. Новое") lies in it: when no
    namesake does, the name is left unplaced (and reported) rather than put elsewhere. A town ("г.")
    or an unmarked name beside an area may be a list ("Краснинский район, г. Орша") and stands on its own.
    """
    context_countries = {f.candidates[0].country for f in found if f.candidates[0].level == "country"}
    context_areas = {fold(p.name) for f in found for p in f.candidates if p.level in ("region", "district")}

    def score(place: Place, key: str) -> tuple:
        return (
            place.country in context_countries,
            place.region in context_areas or place.district in context_areas,
            not key or fold(place.name) == key,
            _nearness(place),
        )

    chosen: list[Place | None] = []
    for i, f in enumerate(found):
        candidates = f.candidates
        areas = _areas_beside(i, found, text)
        if areas and f.marker and f.marker not in _TOWN_MARKERS:
            candidates = [p for p in candidates if p.level != "settlement" or any(_lies_in(p, a) for a in areas)]
        chosen.append(max(candidates, key=lambda p: score(p, f.key)) if candidates else None)
    return chosen


def _lies_in(place: Place, area: Place) -> bool:
    """In the area by the gazetteer's region or district, or near its middle (borders move: Переделкино
    is in Москва since 2012, and plans still say Московская область)."""
    if fold(area.name) in (place.region, place.district):
        return True
    return place.country == area.country and _km(place, area) <= _AREA_REACH_KM[area.level]


def _areas_beside(i: int, found: list[_Found], text: str) -> list[Place]:
    """Districts and regions written right beside the i-th name, with only punctuation between."""
    areas = []
    for j in (i - 1, i + 1):
        if not 0 <= j < len(found) or found[j].segment != found[i].segment:
            continue
        first, second = sorted((found[i], found[j]), key=lambda f: f.offset)
        if _QUALIFIER_GAP.fullmatch(text[first.end : second.offset]):
            areas += [p for p in found[j].candidates if p.level in _AREA_REACH_KM]
    return areas


def _km(a: Place, b: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    cos_angle = math.sin(lat1) * math.sin(lat2) + math.cos(lat1) * math.cos(lat2) * math.cos(lon2 - lon1)
    return 6371 * math.acos(max(-1.0, min(1.0, cos_angle)))


def _nearness(place: Place) -> float:
    """A town's pull on a bare name: its size over the root of its distance from Smolensk, doubled in
    Russia and again in the Smolensk region ("г. Орша" is the Belarusian city of 100,000 next door, not
    the Tver village; "г. Елизово" is the Kamchatka town, not a Belarusian village)."""
    home = (2 if place.country == HOME else 1) * (2 if place.region == _HOME_REGION else 1)
    return (place.population + 1000) / math.sqrt(_km(place, _HOME_CITY) + 100) * home


def _absorbed(i: int, chosen: list[Place], found: list[_Found], text: str, finer_in: set[str]) -> bool:
    """A coarser place that only says where a finer one lies ("г. Минск, Республика Беларусь") is no place of its own.

    A country gives way to any finer place of its own in the cell. A region or district gives way
    to a finer place written right beside it, with only punctuation between ("дер. Глущенки,
    Смоленский район, Смоленская область"); named apart ("…, районные дома культуры Смоленской
    области") it is a place of the event too.
    """
    outer = chosen[i]
    if outer.level == "settlement":
        return False
    if outer.level == "country":
        return outer.country in finer_in
    for j in (i - 1, i + 1):
        if not 0 <= j < len(chosen) or found[j].segment != found[i].segment:
            continue
        inner = chosen[j]
        if _RANK[inner.level] >= _RANK[outer.level] or inner.country != outer.country:
            continue
        first, second = sorted((found[i], found[j]), key=lambda f: f.offset)
        if _QUALIFIER_GAP.fullmatch(text[first.end : second.offset]):
            return True
    return False


def _unplaced_names(plain: str, words: list[Word], matches: list[Match], countries: CountryIndex) -> list[str]:
    """Names that look like places (after "г.", "дер.", or "… район/область") but are not in the gazetteer."""
    covered = {i for m in matches for i in range(m.first_word, m.last_word + 1)}
    index_at = {w.start: k for k, w in enumerate(words)}
    problems = []
    for i, word in enumerate(words[:-1]):
        nxt = words[i + 1]
        if i + 1 in covered or not nxt.capitalized or nxt.start - word.end > 3:
            continue
        if fold(word.text) in _SETTLEMENT_MARKERS and plain[word.end : word.end + 1] in (".", " "):
            if fold(nxt.text) in countries.by_name or any(f in countries.by_name for f in nominative_forms(nxt.text)):
                continue
            problems.append(f"населённый пункт «{nxt.text}» не найден в справочнике мест")
    for m in _AREA_NAME.finditer(plain):
        index = index_at.get(m.start())
        if index is not None and index not in covered:
            problems.append(f"«{m.group(0)}» не найден(а) в справочнике мест")
    return problems


# "Ташкентского государственного университета", "Витебского облисполкома": a town's adjective before
# an institution of that town says who its people are, if the town is sizeable and the adjective is not
# also a word of geography or history ("Уральский федеральный", "Славянский", "Первомайский район").
_TOWN_ADJECTIVE = re.compile(
    r"\b([А-ЯЁ][а-яё]+(?:ск|цк)(?:ий|ого|ому|им|ом|ая|ой|ую|ое|ие|их|ими))\s+"
    r"((?:[а-яё]+(?:ого|ому|ый|ий|ой|ая|ую|ое|ых|их|ом|ем)\s+){0,2})"
    r"(университет|институт|академи|консерватори|облисполком|горисполком|райисполком|исполком|"
    r"исполнительн[а-яё]*\s+комитет|совет[а-яё]*\s+депутатов|хокимият|акимат|мэри)"
)
_NOT_TOWN_ADJECTIVES = {
    "уральский", "славянский", "черноморский", "первомайский", "ленинский", "октябрьский", "советский",
    "центральный", "северный", "южный", "восточный", "западный", "приволжский", "сибирский",
    "дальневосточный", "балтийский", "кавказский", "алтайский", "российский", "русский", "европейский",
}
_TOWN_POPULATION = 50_000


def _is_country_adjective(word: str) -> bool:
    """"американский", "белорусский": a country's adjective (`smolplan.countries` reads those)."""
    adjectives = country_index().adjectives
    return bool(adjectives and adjectives.fullmatch(word))


def towns_by_adjective(text: str) -> list[Place]:
    """Towns whose institutions the text names by the town's adjective (by the town's own name only)."""
    gaz, towns = gazetteer(), []
    for m in _TOWN_ADJECTIVE.finditer(strip_quoted(text)):
        if "федеральн" in m.group(2):
            continue  # "… федеральный университет": Russia's
        for form in nominative_forms(m.group(1)):
            if form in _NOT_TOWN_ADJECTIVES or _is_country_adjective(form):
                break
            stem = re.sub(r"(ий|ой|ая|ое|ие)$", "", form)  # "витебский" → "витебск", "ташкентский" → "ташкентск"
            base = stem[:-2] if stem.endswith(("ск", "цк")) else stem
            # "витебск", "ташкент", "бухар|а", "гродне → гродн|о", "карагандин → караганд|а"
            names = [stem, base, base + "а", base[:-1] + "о", base[:-1] + "а", base[:-2] + "а", base[:-2] + "о"]
            places = [p for name in names for p in gaz.by_name.get(name, [])
                      if p.level == "settlement" and fold(p.name) == name and p.population >= _TOWN_POPULATION]
            if places:
                towns.append(max(places, key=_nearness))
                break
    return towns


def is_known_place(text: str) -> bool:
    gaz = gazetteer()
    return bool(find_names(words_of(text), gaz.by_name, gaz.starts))
