"""The one fold: the form every comparison of words uses (search, names, plan comparison, gazetteer)."""

from __future__ import annotations

import pytest

from smolplan.text import fold, without_control_chars


@pytest.mark.parametrize("a, b", [
    ("Сьерра-Леоне", "сьерра‑леоне"),  # non-breaking hyphen
    ("СЬЕРРА–ЛЕОНЕ", "сьерра-леоне"),  # en dash
    ("Поозёрье", "поозерье"),
    ("«Славянский базар»", '"славянский базар"'),
    ("  Витебск \n область ", "витебск область"),
])
def test_same_fold(a, b):
    assert fold(a) == fold(b)


def test_hyphens_as_spaces_for_search():
    assert fold("Сьерра-Леоне", hyphens_as_spaces=True) == fold("сьерра леоне", hyphens_as_spaces=True) == "сьерра леоне"
    assert fold("Сьерра-Леоне") != fold("сьерра леоне")  # names keep their hyphen


def test_control_characters_removed():
    assert without_control_chars("a\x00b\r\nc\u2028d") == "ab\nc\nd"
    assert without_control_chars("a\nb", keep_newlines=False) == "a b"
