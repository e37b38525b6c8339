"""Partner countries the next plan may name: any country, by name, official name or adjective."""

from __future__ import annotations

import pytest

from smolplan.countries import MAX_UNKNOWN_STATES, countries_named, partner_countries, unknown_state_names
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


@pytest.mark.parametrize("texts, expected", [
    # "иностранные <anyone>": the adjective before any noun it agrees with, in any cell and case.
    (["Форум", "", "", "иностранные туроператоры"], ["FOREIGN_UNSPECIFIED"]),
    (["Форум", "", "", "зарубежные эксперты и гости"], ["FOREIGN_UNSPECIFIED"]),
    (["Форум", "", "", "Иностранные и российские блогеры"], ["FOREIGN_UNSPECIFIED"]),
    (["Форум", "", "", "представители зарубежных компаний"], ["FOREIGN_UNSPECIFIED"]),
    (["Инфотур для иностранных туроператоров", "", "", ""], ["FOREIGN_UNSPECIFIED"]),
    (["Фестиваль", "", "Приедут иностранные гости", "студенты"], ["FOREIGN_UNSPECIFIED"]),
    (["Форум", "", "с участием иностранных экспертов", "студенты"], ["FOREIGN_UNSPECIFIED"]),
    (["Встреча", "", "переговоры с зарубежными делегациями", ""], ["FOREIGN_UNSPECIFIED"]),
    (["Форум", "", "", "делегации иностранных государств"], ["FOREIGN_UNSPECIFIED"]),
    # A topic, not a guest: a genitive after a thing, or a thing that is no party.
    (["Конференция", "", "адаптация иностранных граждан", "студенты"], []),
    (["Семинар", "", "привлечение иностранных инвестиций", "предприниматели"], []),
    (["Курсы иностранного языка", "", "", "школьники"], []),
    (["Выставка", "", "", "иностранные"], []),  # no noun: nothing is said
])
def test_foreign_participants_by_grammar(texts, expected):
    assert partner_countries(texts, ["RU"], texts[3]) == expected


@pytest.mark.parametrize("goal, expected", [
    # Ties between Russia and another state, as the two parties: that state is a partner.
    ("развитие связей между Российской Федерацией и Республикой Беларусь", ["BY"]),
    ("укрепление сотрудничества России и Казахстана", ["KZ"]),
    ("Укрепление духовного единства и братских связей между народами Беларуси и России", ["BY"]),
    ("укрепление российско-узбекского сотрудничества", ["UZ"]),
    ("развитие сотрудничества с Китайской Народной Республикой", ["CN"]),
    # A market, a topic or a place of others' experience names no partner.
    ("выход на рынки Индии", []),
    ("изучение опыта Китая в сфере цифровизации", []),
    ("продвижение продукции в Китай и Индию", []),
    ("патриотическое воспитание молодёжи", []),
])
def test_a_goal_names_a_partner_only_as_a_party(goal, expected):
    assert partner_countries(["Форум", "г. Смоленск", "", ""], ["RU"], "", goal=goal) == expected


# Hostile cells: correct answers (the benchmark prints how long they take; each is linear).
def test_repeated_state_words_name_no_state():
    assert unknown_state_names("Государства " * 5000, is_known_place) == []


def test_unknown_states_are_listed_once_and_capped():
    names = [f"Республики {name}" for name in ("Зумбия", "Бумбия", "Тумбия", "Румбия", "Кумбия", "Лумбия", "Мумбия")]
    assert unknown_state_names(", ".join(names * 500), is_known_place) == names[:MAX_UNKNOWN_STATES]


def test_a_country_named_thousands_of_times_is_found_each_time():
    assert [code for _, code in countries_named("Беларусь, " * 5000)] == ["BY"] * 5000
    text = "Китайская Народная Республика, белорусские партнёры; " * 1000
    assert [code for _, code in countries_named(text)] == ["CN", "BY"] * 1000


def test_a_goal_repeating_its_parties_names_the_partner_once():
    assert partner_countries(["Форум", "", "", ""], ["RU"], "", goal="связи России и Беларуси, " * 5000) == ["BY"]
