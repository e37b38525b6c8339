"""Russian wording in one place: numbers agreeing with nouns, month and period names.

Agreement goes through pymorphy3 (`make_agree_with_number`), which knows every noun's declension,
rather than through hand-written endings.
"""

from __future__ import annotations

from functools import lru_cache

MONTHS_NOMINATIVE = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
                     "октябрь", "ноябрь", "декабрь")
MONTHS_GENITIVE = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                   "октября", "ноября", "декабря")
MONTHS_PREPOSITIONAL = ("январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре",
                        "октябре", "ноябре", "декабре")
ROMAN = ("I", "II", "III", "IV")


@lru_cache(maxsize=1)
def _analyzer():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


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
