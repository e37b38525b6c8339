"""Partner countries the next plan may name: any country, by name, official name or adjective."""

from __future__ import annotations

import pytest

from smolplan.countries import countries_named, partner_countries, unknown_state_names
from smolplan.places import is_known_place


@pytest.mark.parametrize("text, expected", [
    ("делегация Республики Беларусь", ["BY"]),
    ("сотрудничество с Китайской Народной Республикой", ["CN"]),
    ("представители КНР и Монголии", ["CN", "MN"]),
    ("индийская делегация", ["IN"]),
    ("белорусские и казахстанские партнёры", ["BY", "KZ"]),
    ("российско-белорусский молодёжный форум", ["BY"]),
    ("студенты из Вьетнама, Лаоса и Камбоджи", ["VN", "LA", "KH"]),
    ("гости из Сьерра‑Леоне", ["SL"]),  # with a non-breaking hyphen, as in the seed
    ("компании Объединенных Арабских Эмиратов", ["AE"]),
    ("Кыргызская Республика", ["KG"]),
    ("Республики Молдова", ["MD"]),
    # Not countries: words in lower case, Russia's own regions, towns.
    ("мир и чад костра", []),
    ("Республика Татарстан", []),
])
def test_countries_named_in_any_case(text, expected):
    assert [code for _, code in countries_named(text)] == expected


@pytest.mark.parametrize("texts, venue_countries, expected", [
    (["Визит делегации Республики Беларусь", "", "", ""], ["RU"], ["BY"]),
    (["Форум", "", "Участники из стран СНГ", ""], ["RU"], ["CIS"]),
    (["Форум", "", "", "иностранные участники"], ["RU"], ["FOREIGN_UNSPECIFIED"]),
    # A named country makes the generic mention redundant.
    (["Форум", "", "", "иностранные участники, в т. ч. из Республики Беларусь"], ["RU"], ["BY"]),
    # A venue abroad is a partner too; Russia never is.
    (["Выставка", "г. Алматы", "", "представители Российской Федерации"], ["KZ"], ["KZ"]),
    # Foreigners as a topic are not participants.
    (["Конференция", "", "адаптация иностранных граждан", "студенты"], ["RU"], []),
])
def test_partner_countries(texts, venue_countries, expected):
    assert partner_countries(texts, venue_countries) == expected


def test_an_unknown_state_is_reported_but_russian_republics_are_not():
    text = "делегации Республики Зумбия и Республики Татарстан"
    assert unknown_state_names(text, is_known_place) == ["Республики Зумбия"]
