"""Text as the project compares it and as it lets it out: one fold for matching, one cleaner for output.

Every comparison of words (search, names, plan comparison, the gazetteer build) goes through `fold`, so
«Сьерра‑Леоне», «сьерра-леоне» and «СЬЕРРА–ЛЕОНЕ» are one key; every text that leaves for a file or a
page goes through `without_control_chars`, so a CR or NUL in a cell cannot forge a line of an .ics.
"""

from __future__ import annotations

import re

# Hyphens and dashes of every kind are one "-"; typographic quotes are one '"'.
_FOLD_TABLE = str.maketrans({
    **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"},
    **{c: '"' for c in "«»„“”‟″〝〞＂"},
    **{c: "'" for c in "‘’‚‛′"},
    "ё": "е",
})
# C0 and C1 controls, DEL, and the Unicode line/paragraph separators; tab and newline are decided apart.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def fold(text: str, hyphens_as_spaces: bool = False) -> str:
    """The form words are compared in: lower case, ё as е, one kind of hyphen and quote, single spaces.

    `hyphens_as_spaces` also makes every hyphen and dash a space, for comparisons where a user may
    leave the hyphen out (search: «сьерра леоне» finds «Сьерра-Леоне»; gazetteer keys)."""
    folded = str(text).lower().translate(_FOLD_TABLE)
    return " ".join((folded.replace("-", " ") if hyphens_as_spaces else folded).split())


def without_control_chars(text: str, keep_newlines: bool = True) -> str:
    """Text with control characters removed (CR, NUL, escapes…); tabs become spaces; newlines kept
    as paragraph breaks unless `keep_newlines` is False (then they become spaces too)."""
    text = str(text).replace("\r\n", "\n").replace("\t", " ")
    text = _CONTROL.sub(lambda m: "\n" if m.group() in "\r\u2028\u2029" else "", text)
    return text if keep_newlines else text.replace("\n", " ")
