"""Columns beyond the seven: executors become their own column, any other column is kept verbatim."""

import pytest

from smolplan import load_plan
from smolplan.plan import executor_bodies
from smolplan.serialise import flat_events
from tests.conftest import EXECUTORS_CSV, SEED_TXT



@pytest.fixture(scope="module")
def plan():
    return load_plan(EXECUTORS_CSV)


def test_executors_are_a_column_of_their_own(plan):
    assert plan.has_executors
    assert list(plan.events["executors"]) == [
        "Министерство экономического развития Смоленской области; Департамент культуры, туризма и спорта",
        "ОГБУК «Центр», Министерство культуры",
    ]
    assert list(plan.events["executor_bodies"]) == [
        ["Министерство экономического развития Смоленской области", "Департамент культуры, туризма и спорта"],
        ["ОГБУК «Центр»", "Министерство культуры"],
    ]


def test_other_columns_are_kept_verbatim(plan):
    assert plan.extra_columns == ["Количество участников", "Объем финансирования (тыс. руб.)"]
    assert plan.events["extras"].iloc[0] == {"Количество участников": "50",
                                             "Объем финансирования (тыс. руб.)": "120,5"}
    assert plan.events["extras"].iloc[1]["Объем финансирования (тыс. руб.)"] == ""
    flat = flat_events(plan.events)
    assert list(flat["Количество участников"]) == ["50", "200"]
    assert list(flat["executor_bodies"])[1] == "ОГБУК «Центр»;Министерство культуры"


def test_a_plan_without_executors_has_empty_ones():
    seed = load_plan(SEED_TXT)
    assert not seed.has_executors
    assert set(seed.events["executors"]) == {""}
    assert seed.extra_columns == []


@pytest.mark.parametrize("text, bodies", [
    ("", []),
    ("Министерство культуры Смоленской области", ["Министерство культуры Смоленской области"]),
    ("Министерство культуры, туризма и спорта", ["Министерство культуры, туризма и спорта"]),
    ("Аппарат Губернатора\nДепартамент по образованию", ["Аппарат Губернатора", "Департамент по образованию"]),
    ("СГУ, СмолГУ; СГУ.", ["СГУ", "СмолГУ"]),
])
def test_executor_bodies(text, bodies):
    assert executor_bodies(text) == bodies
