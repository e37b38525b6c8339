"""Countries named in the plan's text, and the foreign partners of an event.

Names come from `data/countries.csv` (every ISO 3166 country: short and official Russian
names, common aliases and the stems of their adjectives), never from a list of the
countries this plan happens to name.
"""

from __future__ import annotations

import bisect
import csv
import itertools
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
# Groups of foreign participants with no country named, by their words ("из-за рубежа", "страны
# Африки", ШОС); "иностранные <кто угодно>" is read by grammar (`_foreign_people`).
_FOREIGN = re.compile(
    r"\bмировы\w*\s+(?:и\s+\w+\s+)?(участник|делегаци|гост|компани|партнер|партнёр|представител|специалист|"
    r"эксперт|коллектив|производител|команд|спортсмен|артист|исполнител|мастер)"
    r"|\bмеждународн\w*\s+(партнер|партнёр|участник|делегаци|гост|эксперт)"
    r"|из-за\s+рубежа|\bзарубежья\b|\b(других|разных|иностранн\w*|зарубежн\w*)\s+(стран|государств)"
    # Groups of states and parts of the world: kept as a group, never guessed into countries.
    r"|\b(ШОС|ЕАЭС|БРИКС|ОДКБ|АСЕАН|ЕврАзЭС|ОИС)\b|\b(стран|государств)[а-яё]*\s*[-–—]\s*член"
    r"|\bстран\w*\s+(мира|Африки|Азии|Европы|Латинской|Ближнего|Среднего|Евразии|Балтии|Персидского|Арабского)"
    r"|\bиз\s+(Африки|Азии|Европы|Латинской\s+Америки|Ближнего\s+Востока|Юго-Восточной\s+Азии)"
    r"|\bиз\s+\d+\s+стран|соотечественник\w*[^.;]{0,40}за\s+рубеж|дипломатическ\w*\s+корпус|\bпосольств",
    re.IGNORECASE,
)
_FOREIGN_ADJECTIVE = re.compile(r"(?<![а-яёА-ЯЁ])(?:иностранн|зарубежн)[а-яё]*", re.IGNORECASE)
# After a noun that is a thing, an adjective phrase in the genitive is what the event is about
# ("адаптация иностранных граждан", "привлечение иностранных инвестиций"); taking part is the exception.
_TAKING_PART = re.compile(r"^(участи|присутстви)")
_FOREIGN_CHECKS = 50  # adjectives looked at per cell: a cell saying "иностранные" 5,000 times says it once
# "Республика Зумбия", "Королевства Лесото": a state's name we may not know; Russia's republics are regions.
_STATE_WORD = r"(?:Республик|Королевств|Княжеств|Султанат|Эмират|Государств)"
_STATE_LIKE = re.compile(
    rf"\b({_STATE_WORD}\w*)\s+"
    rf"((?:(?!{_STATE_WORD})[А-ЯЁ][а-яё-]+\s?){{1,3}})"  # "Государства Государства …" names no state
)
# A cell names a few states; past this many unknown ones, the rest would only repeat the report.
MAX_UNKNOWN_STATES = 5


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
    name_starts_at = [n.start for n in names]  # in text order, without overlaps
    if index.adjectives is not None:
        for m in index.adjectives.finditer(text):
            k = bisect.bisect_right(name_starts_at, m.start()) - 1
            if k >= 0 and m.start() < names[k].end:  # "Китайской Народной Республики"
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
    phrases: list[str] = []
    for m in _STATE_LIKE.finditer(text):
        phrase = m.group(0).strip()
        if phrase in phrases or countries_named(phrase, index) or is_known_place(phrase):
            continue
        phrases.append(phrase)
        if len(phrases) == MAX_UNKNOWN_STATES:
            break
    return phrases


def partner_countries(texts: list[str], venue_countries: list[str], participants: str = "", goal: str = "") -> list[str]:
    """Foreign countries taking part (ISO alpha-2, in order of first mention), then group tokens.

    `texts` are the cells that say who takes part (name, venue, description, participants);
    a venue abroad makes its country a partner too (`venue_countries`, with the countries of the
    parties' places). The goal names a partner only as a party to ties with Russia
    (`goal_partners`). Russia is never a partner.
    """
    found: list[str] = []
    for text in texts:
        found += [iso2 for _, iso2 in countries_named(text)]
    found += venue_countries + goal_partners(goal)
    partners = [c for c in dict.fromkeys(found) if c != HOME]
    joined = " ".join(texts)
    if _CIS.search(joined):
        partners.append(CIS)
    elif not partners and (_FOREIGN.search(joined) or _foreign_people(participants, any_noun=True)
                           or any(_foreign_people(text, any_noun=False) for text in texts if text != participants)):
        partners.append(FOREIGN_UNSPECIFIED)
    return partners


def _foreign_people(text: str, any_noun: bool) -> bool:
    """"иностранные туроператоры", "зарубежных экспертов", "с иностранными партнёрами": the adjective
    agreeing with the noun after it (any noun; adjectives and "и" between are skipped).

    In a participants cell (`any_noun`) that is always who takes part. Elsewhere a genitive after a
    noun of a thing is a topic ("адаптация иностранных граждан"), as is a noun that is no party
    ("иностранного языка"), the same rule as for a country's adjective.
    """
    if not text or not _FOREIGN_ADJECTIVE.search(text):
        return False
    analyzer = _analyzer()
    for m in itertools.islice(_FOREIGN_ADJECTIVE.finditer(text), _FOREIGN_CHECKS):
        adjective = {(p.tag.case, p.tag.number) for p in analyzer.parse(m.group(0).lower()) if p.tag.POS == "ADJF"}
        noun = None
        for word in words_of(text[m.end() : m.end() + 80])[:5]:
            parses = analyzer.parse(word.text.lower())
            if parses[0].tag.POS in ("ADJF", "PRTF", "CONJ"):
                continue
            noun = [p for p in parses if p.tag.POS == "NOUN" and (p.tag.case, p.tag.number) in adjective]
            break
        if not noun or _NOT_PARTIES.match(fold(word.text)):
            continue
        if any_noun:
            return True
        before = words_of(text[max(0, m.start() - 40) : m.start()])[-1:]
        if before and any(p.tag.case == "gent" for p in noun):
            head = analyzer.parse(before[0].text.lower())[0]
            if head.tag.POS == "NOUN" and head.tag.animacy == "inan" and not _TAKING_PART.match(fold(before[0].text)):
                continue  # "адаптация иностранных граждан": what the event is about
        return True
    return False


# Between Russia and another state named as the two parties: "между Российской Федерацией и Республикой
# Беларусь", "России и Казахстана", "Беларуси и России".
_BETWEEN_PARTIES = re.compile(r"\s*(?:,|и|,\s*и)\s*", re.IGNORECASE)
_TIES_WITH = re.compile(r"(?:^|\s)(?:с|со)\s*$", re.IGNORECASE)


def goal_partners(goal: str) -> list[str]:
    """The states a goal names as parties to ties with Russia; a market or a topic ("выход на рынки
    Индии", "изучение опыта Китая") names none.

    A party is a state written with Russia as its pair ("между Российской Федерацией и Республикой
    Беларусь", "сотрудничества России и Казахстана"), in a compound with Russia's adjective
    ("российско-белорусского сотрудничества"), or after "с" ("сотрудничество с Республикой Узбекистан").
    """
    return list(_goal_partners(goal)) if goal else []


@lru_cache(maxsize=4096)
def _goal_partners(goal: str) -> tuple[str, ...]:
    index = country_index()
    names = find_names(words_of(goal), index.by_name, index.starts)  # in text order
    codes = [index.by_name[m.key] for m in names]
    partners: list[str] = []
    for k, m in enumerate(names):
        if codes[k] == HOME:
            continue
        # Russia as the pair: the name right before or after, with only "и" or a comma between.
        paired = (k > 0 and codes[k - 1] == HOME and _BETWEEN_PARTIES.fullmatch(goal[names[k - 1].end : m.start])) or (
            k + 1 < len(names) and codes[k + 1] == HOME and _BETWEEN_PARTIES.fullmatch(goal[m.end : names[k + 1].start]))
        if paired or _TIES_WITH.search(goal[max(0, m.start - 6) : m.start]):
            partners.append(codes[k])
    for offset, iso2 in countries_named(goal):
        if goal[max(0, offset - 10) : offset].lower().endswith(("российско-", "русско-")):
            partners.append(iso2)
    return tuple(dict.fromkeys(partners))


def country_name_ru(code: str) -> str:
    if code in GROUP_NAMES_RU:
        return GROUP_NAMES_RU[code]
    country = country_index().countries.get(code)
    return country.name if country else code
