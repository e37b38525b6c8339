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

from smolplan.names import _analyzer, find_names, fold, name_starts, words_of

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
    r"|из-за\s+рубежа|\bзарубежья\b|\b(других|разных|иностранных|зарубежных)\s+стран"
    # Groups of states and parts of the world: kept as a group, never guessed into countries.
    r"|\b(ШОС|ЕАЭС|БРИКС|ОДКБ|АСЕАН|ЕврАзЭС|ОИС)\b|\b(стран|государств)[а-яё]*\s*[-–—]\s*член"
    r"|\bстран\w*\s+(мира|Африки|Азии|Европы|Латинской|Ближнего|Среднего|Евразии|Балтии|Персидского|Арабского)"
    r"|\bиз\s+(Африки|Азии|Европы|Латинской\s+Америки|Ближнего\s+Востока|Юго-Восточной\s+Азии)"
    r"|\bиз\s+\d+\s+стран|соотечественник\w*[^.;]{0,40}за\s+рубеж|дипломатическ\w*\s+корпус|\bпосольств",
    re.IGNORECASE,
)
# Who a participants cell may name as foreign without it being a topic ("адаптация иностранных граждан"
# in a description is a subject; "иностранные граждане" among the participants are guests).
_FOREIGN_PARTICIPANTS = re.compile(r"\b(иностранн\w*|зарубежн\w*)\s+(граждан|инвестор|журналист|СМИ)", re.IGNORECASE)
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


# Country names that are also everyday words: counted only after a word for a state ("Республика Того").
_ALSO_WORDS = {"того"}
# An adjective before a thing that is no party: "от немецко-фашистских захватчиков", "французских войск",
# "польской агрессии", "курсы китайского языка", "итальянской кухни", "Турецкий марш", "Польское
# кладбище". Culture stays a cue ("Дни белорусской литературы", "белорусские танцоры").
_NOT_PARTIES = re.compile(r"^(войск|арми|захватчик|оккупант|фашист|интервент|агресс|язык|кухн|блюд|кладбищ)|^марш$")


def countries_named(text: str, index: CountryIndex | None = None) -> list[tuple[int, str]]:
    """(offset, ISO alpha-2) of every country named in the text, by name or by an adjective of people."""
    if index is None:  # the same cells recur across a plan: remember them
        return list(_countries_named(text))
    return _find_countries(text, index)


@lru_cache(maxsize=4096)
def _countries_named(text: str) -> tuple[tuple[int, str], ...]:
    return tuple(_find_countries(text, country_index()))


def _find_countries(text: str, index: CountryIndex) -> list[tuple[int, str]]:
    words = words_of(text)
    names = [m for m in find_names(words, index.by_name, index.starts)
             if m.key not in _ALSO_WORDS or (m.first_word > 0 and fold(words[m.first_word - 1].text).startswith(
                 ("республик", "государств")))]
    found = [(m.start, index.by_name[m.key]) for m in names]
    if index.adjectives is not None:
        for m in index.adjectives.finditer(text):
            if any(n.start <= m.start() < n.end for n in names):  # "Китайской Народной Республики"
                continue
            if text[m.end() : m.end() + 9] == "-фашистск" or _modifies_a_thing(text, m.end()):
                continue
            found.append((m.start(), index.adjective_country[fold(m.group(1))]))
    return sorted(found)


def _modifies_a_thing(text: str, end: int) -> bool:
    """The noun after an adjective (and any adjectives listed with it) is a thing, not people."""
    for word in words_of(text[end : end + 80])[:6]:
        tag = _analyzer().parse(word.text)[0].tag
        if tag.POS in ("ADJF", "CONJ") or "-" in word.text:
            continue
        return bool(_NOT_PARTIES.match(fold(word.text)))
    return False


def unknown_state_names(text: str, is_known_place, index: CountryIndex | None = None) -> list[str]:
    """"Республика X" where X is neither a known country nor a known region (Russia's republics are regions)."""
    index = index or country_index()
    return [
        m.group(0).strip()
        for m in _STATE_LIKE.finditer(text)
        if not countries_named(m.group(0), index) and not is_known_place(m.group(0))
    ]


def partner_countries(texts: list[str], venue_countries: list[str], participants: str = "") -> list[str]:
    """Foreign countries taking part (ISO alpha-2, in order of first mention), then group tokens.

    `texts` are the cells that say who takes part (name, venue, description, participants);
    a venue abroad makes its country a partner too (`venue_countries`, with the countries of the
    parties' places). Russia is never a partner.
    """
    found: list[str] = []
    for text in texts:
        found += [iso2 for _, iso2 in countries_named(text)]
    found += venue_countries
    partners = [c for c in dict.fromkeys(found) if c != HOME]
    joined = " ".join(texts)
    if _CIS.search(joined):
        partners.append(CIS)
    elif not partners and (_FOREIGN.search(joined) or _FOREIGN_PARTICIPANTS.search(participants)):
        partners.append(FOREIGN_UNSPECIFIED)
    return partners


def country_name_ru(code: str) -> str:
    if code in GROUP_NAMES_RU:
        return GROUP_NAMES_RU[code]
    country = country_index().countries.get(code)
    return country.name if country else code
