"""Countries named in the plan's text, and the foreign partners of an event.

Names come from `data/countries.csv` (every ISO 3166 country: short and official Russian
names, common aliases and the stems of their adjectives), never from a list of the
countries this plan happens to name.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from smolplan.names import find_names, fold, name_starts, words_of

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
HOME = "RU"
CIS = "CIS"
FOREIGN_UNSPECIFIED = "FOREIGN_UNSPECIFIED"
GROUP_NAMES_RU = {CIS: "страны СНГ", FOREIGN_UNSPECIFIED: "иностранные участники (страна не названа)"}

_CIS = re.compile(r"\bСНГ\b|содружеств\w*\s+независимых\s+государств", re.IGNORECASE)
# Foreign participants with no country named: who they are must be said ("иностранные участники",
# "зарубежные компании", "гости из-за рубежа"); "адаптация иностранных граждан" is a topic, not a guest.
_WHO = r"(участник|делегаци|гост|компани|партнер|партнёр|представител|специалист|студент|организаци|государств|" \
       r"эксперт|коллектив|производител|команд|спортсмен|артист|исполнител|мастер|ученых|учёных|молодеж|молодёж)"
_FOREIGN = re.compile(
    rf"\b(иностранн\w*|зарубежн\w*|мировы\w*)\s+(?:и\s+\w+\s+)?{_WHO}"
    r"|\bмеждународн\w*\s+(партнер|партнёр|участник|делегаци|гост|эксперт)"
    r"|из-за\s+рубежа|\bзарубежья\b|\b(других|разных|иностранных|зарубежных)\s+стран",
    re.IGNORECASE,
)
# "Республика Зумбия", "Королевства Лесото": a state's name we may not know; Russia's republics are regions.
_STATE_LIKE = re.compile(
    r"\b(Республик\w*|Королевств\w*|Княжеств\w*|Султанат\w*|Эмират\w*|Государств\w*)\s+"
    r"((?:[А-ЯЁ][а-яё-]+\s?){1,3})"
)


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    name: str
    official_name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class CountryIndex:
    countries: dict[str, Country]  # by ISO alpha-2
    by_name: dict[str, str]  # folded nominative name -> ISO alpha-2
    starts: dict[str, int]
    adjectives: re.Pattern | None
    adjective_country: dict[str, str]


@lru_cache(maxsize=1)
def country_index(path: Path = DATA_DIR / "countries.csv") -> CountryIndex:
    countries: dict[str, Country] = {}
    by_name: dict[str, str] = {}
    adjective_country: dict[str, str] = {}
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            iso2 = row["iso2"]
            countries[iso2] = Country(
                iso2, row["iso3"], row["name"], row["official_name"] or row["name"],
                float(row["lat"] or 0), float(row["lon"] or 0),
            )
            for name in [row["name"], row["official_name"], *row["aliases"].split("|")]:
                if name.strip():
                    by_name.setdefault(fold(name), iso2)
            for stem in row["adjectives"].split("|"):
                if stem.strip():
                    adjective_country[fold(stem)] = iso2
    adjectives = None
    if adjective_country:
        stems = sorted(adjective_country, key=len, reverse=True)
        adjectives = re.compile(r"(?<![а-яё])(" + "|".join(map(re.escape, stems)) + r")[а-яё]*", re.IGNORECASE)
    return CountryIndex(countries, by_name, name_starts(by_name), adjectives, adjective_country)


def countries_named(text: str, index: CountryIndex | None = None) -> list[tuple[int, str]]:
    """(offset, ISO alpha-2) of every country named in the text, by name or by adjective."""
    index = index or country_index()
    names = find_names(words_of(text), index.by_name, index.starts)
    found = [(m.start, index.by_name[m.key]) for m in names]
    if index.adjectives is not None:
        for m in index.adjectives.finditer(text):
            if not any(n.start <= m.start() < n.end for n in names):  # "Китайской Народной Республики"
                found.append((m.start(), index.adjective_country[fold(m.group(1))]))
    return sorted(found)


def unknown_state_names(text: str, is_known_place, index: CountryIndex | None = None) -> list[str]:
    """"Республика X" where X is neither a known country nor a known region (Russia's republics are regions)."""
    index = index or country_index()
    return [
        m.group(0).strip()
        for m in _STATE_LIKE.finditer(text)
        if not countries_named(m.group(0), index) and not is_known_place(m.group(0))
    ]


def partner_countries(texts: list[str], venue_countries: list[str]) -> list[str]:
    """Foreign countries taking part (ISO alpha-2, in order of first mention), then group tokens.

    `texts` are the cells that say who takes part (name, venue, description, participants);
    a venue abroad makes its country a partner too. Russia is never a partner.
    """
    found: list[str] = []
    for text in texts:
        found += [iso2 for _, iso2 in countries_named(text)]
    found += venue_countries
    partners = [c for c in dict.fromkeys(found) if c != HOME]
    joined = " ".join(texts)
    if _CIS.search(joined):
        partners.append(CIS)
    elif not partners and _FOREIGN.search(joined):
        partners.append(FOREIGN_UNSPECIFIED)
    return partners


def country_name_ru(code: str) -> str:
    if code in GROUP_NAMES_RU:
        return GROUP_NAMES_RU[code]
    country = country_index().countries.get(code)
    return country.name if country else code
