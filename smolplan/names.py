"""Finding names of places and countries in Russian text, whatever their grammatical case.

Every word is turned into the nominative forms it may stand for ("Минске" → "минск",
"Витебской" → "витебская", "Республики" → "республика") with pymorphy3 and its Russian
dictionary; names are then looked up in an index of nominative names. pymorphy3 is used
rather than a stem table because the next plan will name towns nobody listed here: the
dictionary knows the declension of common nouns and adjectives ("…ской области") and
guesses unknown words by their endings, which a hand-made table cannot.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from smolplan.text import fold  # the project's one fold; the finders import it from here

_WORD = re.compile(r"[A-Za-zА-Яа-яЁё]+(?:[-\u2010\u2011][A-Za-zА-Яа-яЁё]+)*")
_MAX_FORMS = 4


@dataclass(frozen=True)
class Word:
    text: str
    start: int
    end: int

    @property
    def capitalized(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True)
class Match:
    start: int  # character offsets in the text
    end: int
    first_word: int  # word indexes
    last_word: int
    key: str  # the nominative name found in the index


@lru_cache(maxsize=1)
def _analyzer():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=500_000)
def nominative_forms(word: str) -> tuple[str, ...]:
    """The word itself and the nominative forms it may be an inflection of (same number and gender)."""
    folded = fold(word)
    forms = [folded]
    for parse in _analyzer().parse(folded)[:_MAX_FORMS]:
        if parse.tag.case and parse.tag.case != "nomn":
            inflected = parse.inflect({"nomn"})
            if inflected is not None:
                forms.append(fold(inflected.word))
        forms.append(fold(parse.normal_form))
    return tuple(dict.fromkeys(forms))


@lru_cache(maxsize=200_000)
def is_toponym(word: str) -> bool:
    """pymorphy3's dictionary marks geographical names (Geox): "Минск" is one, "Мир" is not."""
    return any("Geox" in parse.tag for parse in _analyzer().parse(fold(word))[:_MAX_FORMS])


def words_of(text: str) -> list[Word]:
    return [Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def name_starts(names) -> dict[str, int]:
    """First word of each name → the most words a name starting with it has (to skip other words fast)."""
    starts: dict[str, int] = {}
    for name in names:
        words = name.split()
        starts[words[0]] = max(starts.get(words[0], 0), len(words))
    return starts


def find_names(words: list[Word], index: dict[str, object], starts: dict[str, int], accept=None) -> list[Match]:
    """Longest names first, left to right, without overlaps; `accept(words_slice)` may veto a match.

    A word starts a name only if it is capitalised and one of its nominative forms is the first word
    of some name, which rules out almost every word of running text before any form is combined.
    """
    found: list[Match] = []
    i = 0
    while i < len(words):
        if not words[i].capitalized:  # names of places and countries start with a capital ("КНР" too)
            i += 1
            continue
        longest = max((starts.get(f, 0) for f in nominative_forms(words[i].text)), default=0)
        for n in range(min(longest, len(words) - i), 0, -1):
            span = words[i : i + n]
            if any(b.start - a.end > 2 for a, b in zip(span, span[1:])):
                continue  # a name does not run across punctuation
            if accept is not None and not accept(span):
                continue
            key = _lookup(tuple(w.text for w in span), index)
            if key is not None:
                found.append(Match(span[0].start, span[-1].end, i, i + n - 1, key))
                i += n
                break
        else:
            i += 1
    return found


def _lookup(texts: tuple[str, ...], index: dict[str, object]) -> str | None:
    if len(texts) == 1:
        return next((f for f in nominative_forms(texts[0]) if f in index), None)
    # Every word of a name agrees in case, so try the surface text first, then each form combination.
    for combo in itertools.product(*(nominative_forms(t) for t in texts)):
        key = " ".join(combo)
        if key in index:
            return key
    return None
