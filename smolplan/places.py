"""Placing a venue cell on the map: the most specific localities it names, with coordinates.

The gazetteer (`data/gazetteer.csv`, built by `scripts/build_gazetteer.py` from GeoNames) holds
settlements, districts and regions by their nominative Russian names; countries come from
`smolplan.countries`. A venue "дер. Глущенки, Смоленский район, Смоленская область" is one place,
Глущенки: the district and region beside it only say which Глущенки is meant.
"""

from __future__ import annotations

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
_AREA_WORDS = {"район", "область", "край", "округ", "республика", "автономный", "муниципальный", "городской"}
_QUOTED = re.compile(r"«[^«»]*»|\"[^\"]*\"|“[^“”]*”")
_OPEN_QUOTE = re.compile(r"«[^«»,;]*")
# Between a place and the area that qualifies it: punctuation, perhaps a settlement marker ("…район, с. Новое").
_QUALIFIER_GAP = re.compile(
    r"[\s,()]*(?:(?:г|гор|пос|п|пгт|рп|дер|д|с|аг|ст|х)(?:\.\s*|\s+)|(?:село|деревня|поселок|посёлок|агрогородок)\s+)?")
_ABBREVIATIONS = ((re.compile(r"\bобл\b\.?"), "область"), (re.compile(r"\bр-н\b\.?"), "район"),
                  (re.compile(r"\bресп\b\.?"), "республика"))
_AREA_NAME = re.compile(r"\b([А-ЯЁ][а-яё-]+(?:ий|ый|ой|ая|ого|ой|ому|ом|ской|ского))\s+(район\w*|област\w*|кра[йяюе]\w*)")


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
# How far from the middle of a district or region a town in it may lie when the gazetteer does not
# name its region (regions reach far: Норильск is 1,500 km from the middle of Красноярский край).
_AREA_REACH_KM = {"district": 80, "region": 2500}


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
    marker: bool = False
    key: str = ""  # the folded name matched: a place whose own name it is beats one it was once called


def strip_quoted(text: str) -> str:
    """Institution names in «…» name no places we should find ("«Смоленский государственный университет»")."""
    previous = None
    while previous != text:
        previous, text = text, _QUOTED.sub(lambda m: " " * len(m.group()), text)
    return _OPEN_QUOTE.sub(lambda m: " " * len(m.group()), text)


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

    def accept(span: list[Word]) -> bool:
        if any(w.start in taken for w in span):
            return False
        if any(fold(w.text) in _AREA_WORDS or nominative_forms(w.text)[-1] in _AREA_WORDS for w in span):
            return True
        if _has_marker(words, index_of[span[0].start]):
            return True
        return not marked_only and any(is_toponym(w.text) for w in span)

    matches = find_names(words, gaz.by_name, gaz.starts, accept)
    for m in matches:
        span = words[m.first_word : m.last_word + 1]
        marker = _has_marker(words, m.first_word)
        candidates = gaz.by_name[m.key]
        if marker:
            candidates = [p for p in candidates if p.level == "settlement"] or candidates
        found.append(_Found(m.start, m.end, _segment(m.start, segments), candidates, marker, m.key))
    found.sort(key=lambda f: f.offset)

    placement = Placement()
    chosen = _resolve(found, plain)
    outside = [f"населённый пункт «{plain[f.offset:f.end]}» не найден в справочнике мест рядом с названным районом "
               f"или областью" for f, place in zip(found, chosen) if place is None]
    found = [f for f, place in zip(found, chosen) if place is not None]
    chosen = [place for place in chosen if place is not None]
    for i, place in enumerate(chosen):
        if not _absorbed(i, chosen, found, plain):
            placement.places.append(place.record())
    placement.countries = list(dict.fromkeys(p["country"] for p in placement.places))
    placement.problems = outside + _unplaced_names(plain, words, matches, countries)
    if not placement.places and plain.strip() and not placement.problems:
        placement.problems.append(NOWHERE)
    return placement


def expand_abbreviations(text: str) -> str:
    """"Костанайская обл." → "Костанайская область", "Смоленский р-н" → "Смоленский район"."""
    for pattern, word in _ABBREVIATIONS:
        text = pattern.sub(word, text)
    return text


def _segment(offset: int, separators: list[int]) -> int:
    return sum(1 for s in separators if s < offset)


def _has_marker(words: list[Word], i: int) -> bool:
    """A settlement marker ("г.", "дер.", "агрогородок") before the i-th word; not a person's initials
    ("Иванова М.П., Борисова О.С.": "П" and "С" are no "п." and "с.")."""
    if i == 0:
        return False
    previous = words[i - 1]
    if i >= 2 and _is_initial(previous) and _is_initial(words[i - 2]):
        return False
    return fold(previous.text) in _SETTLEMENT_MARKERS or any(
        f in _SETTLEMENT_MARKERS for f in nominative_forms(previous.text)
    )


def _is_initial(word: Word) -> bool:
    return len(word.text) == 1 and word.text.isupper()


def _country_place(country) -> Place:
    return Place(country.name, "country", country.iso2, "", "", country.lat, country.lon, 0)


def _resolve(found: list[_Found], text: str) -> list[Place | None]:
    """Pick, for each name, the place the rest of the cell points to (its country, region, district).

    A settlement written beside a district or region ("Вяземский р-н, с. Новое") is looked for in that
    area's country first and must lie in the area (named as its region or district, or near it); when
    no namesake does, the name is left unplaced (and reported) rather than put elsewhere. Beside an
    area of another country it is a list ("Смоленский район, г. Минск") and stands on its own.
    """
    context_countries = {f.candidates[0].country for f in found if f.candidates[0].level == "country"}
    context_areas = {fold(p.name) for f in found for p in f.candidates if p.level in ("region", "district")}

    chosen: list[Place | None] = []
    for i, f in enumerate(found):
        areas = _areas_beside(i, found, text)
        area_countries = {a.country for a in areas}

        def score(place: Place) -> tuple:
            return (
                place.country in context_countries,
                place.region in context_areas or place.district in context_areas,
                place.country in area_countries,
                not f.key or fold(place.name) == f.key,
                _nearness(place),
            )

        best = max(f.candidates, key=score)
        own_areas = [a for a in areas if a.country == best.country]
        if best.level == "settlement" and own_areas and not any(_lies_in(best, a) for a in own_areas):
            best = None
        chosen.append(best)
    return chosen


def _lies_in(place: Place, area: Place) -> bool:
    return fold(area.name) in (place.region, place.district) or _km(place, area) <= _AREA_REACH_KM[area.level]


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
    """A town's pull on a bare name: its size over the root of its distance from Smolensk, a Russian one
    counting thrice ("г. Орша" is the Belarusian city of 100,000 next door, not the Tver village;
    "г. Елизово" is the Kamchatka town of 40,000, not a Belarusian village)."""
    return (place.population + 1000) / math.sqrt(_km(place, _HOME_CITY) + 100) * (3 if place.country == HOME else 1)


def _absorbed(i: int, chosen: list[Place], found: list[_Found], text: str) -> bool:
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
        return any(_RANK[p.level] < _RANK["country"] and p.country == outer.country for p in chosen)
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
        index = next((k for k, w in enumerate(words) if w.start == m.start()), None)
        if index is not None and index not in covered:
            problems.append(f"«{m.group(0)}» не найден(а) в справочнике мест")
    return problems


# "Ташкентского государственного университета", "Витебского облисполкома": a town's adjective before
# an institution of that town says who its people are. A university needs a city of half a million
# ("Уральский федеральный университет" is no Уральск's); a town's own executive body, any sizeable town.
_TOWN_ADJECTIVE = re.compile(
    r"\b([А-ЯЁ][а-яё]+(?:ск|цк)(?:ий|ого|ому|им|ом|ая|ой|ую|ое|ие|их|ими))\s+"
    r"((?:[а-яё]+(?:ого|ому|ый|ий|ой|ая|ую|ое|ых|их|ом|ем)\s+){0,2})"
    r"(университет|институт|академи|консерватори|облисполком|горисполком|исполком|хокимият|акимат|мэри)"
)
_EXECUTIVE = ("облисполком", "горисполком", "исполком", "хокимият", "акимат", "мэри")


def towns_by_adjective(text: str) -> list[Place]:
    """Towns whose institutions the text names by the town's adjective (by the town's own name only)."""
    gaz, towns = gazetteer(), []
    for m in _TOWN_ADJECTIVE.finditer(strip_quoted(text)):
        if "районн" in m.group(2):  # "Первомайский районный исполком г. Витебска": a district of a city
            continue
        least = 50_000 if m.group(3).startswith(_EXECUTIVE) else 500_000
        for form in nominative_forms(m.group(1)):
            stem = re.sub(r"(ий|ой|ая|ое|ие)$", "", form)  # "витебский" → "витебск", "ташкентский" → "ташкентск"
            names = [stem, stem[:-2]] if stem.endswith(("ск", "цк")) else [stem]
            places = [p for name in names for p in gaz.by_name.get(name, [])
                      if p.level == "settlement" and fold(p.name) == name and p.population >= least]
            if places:
                towns.append(max(places, key=_nearness))
                break
    return towns


def is_known_place(text: str) -> bool:
    gaz = gazetteer()
    return bool(find_names(words_of(text), gaz.by_name, gaz.starts))
