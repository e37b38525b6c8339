"""What the next plan will say and this one does not: each event below was written as a plan cell
would be, and its expected reading is what an official reading the row understands."""

from __future__ import annotations

import pandas as pd
import pytest

from smolplan import load_plan

HEADER = ["№ п/п", "Наименование мероприятия", "Место проведения", "Сроки проведения", "Участники мероприятия"]

# (name, venue, dates, participants) → (partner countries, online, venue countries)
EVENTS = [
    # A twin region's delegation, named by its executive committee or its region.
    (("Визит делегации Витебской области", "г. Смоленск", "март", "Делегация Витебского облисполкома"),
     (["BY"], False, ["RU"])),
    (("Ярмарка", "г. Смоленск", "апрель", "Представители предприятий г. Минска и Могилёвской области"),
     (["BY"], False, ["RU"])),
    (("Студенческая конференция", "г. Смоленск", "май",
      "Студенты СмолГУ и Ташкентского государственного университета"), (["UZ"], False, ["RU"])),
    # History, cooking and music are not partners; the embassies are foreign, with no country named.
    (("Памятные мероприятия, посвящённые освобождению Смоленщины от немецко-фашистских захватчиков",
      "г. Смоленск, Мемориал «Скорбящая мать»", "25 сентября",
      "Дипломатический корпус, представители посольств иностранных государств"),
     (["FOREIGN_UNSPECIFIED"], False, ["RU"])),
    (("Мастер-классы по итальянской, японской и грузинской кухне", "г. Смоленск", "май",
      "Жители г. Смоленска"), ([], False, ["RU"])),
    (("Реконструкция «Оборона Смоленска от французских войск в 1812 году»", "г. Смоленск", "август",
      "Военно-исторические клубы Смоленской и Брянской областей"), ([], False, ["RU"])),
    # Groups of states are kept as foreign participants, never guessed into countries.
    (("Турнир", "г. Смоленск", "июнь", "Команды стран ШОС"), (["FOREIGN_UNSPECIFIED"], False, ["RU"])),
    (("Бизнес-миссия", "г. Смоленск", "май",
      "Представители стран – членов Организации исламского сотрудничества"), (["FOREIGN_UNSPECIFIED"], False, ["RU"])),
    (("Фестиваль", "г. Смоленск", "ноябрь", "Студенты из Африки и Латинской Америки, обучающиеся в вузах Смоленска"),
     (["FOREIGN_UNSPECIFIED"], False, ["RU"])),
    (("Форум", "г. Смоленск", "октябрь", "Соотечественники, проживающие за рубежом"),
     (["FOREIGN_UNSPECIFIED"], False, ["RU"])),
    # Online: telebridges and "on-line"; a venue that is only "онлайн" is not a failure to place.
    (("Телемост «Смоленск – Минск»", "г. Смоленск", "февраль", "Школьники г. Смоленска и г. Минска"),
     (["BY"], True, ["RU"])),
    (("Интернет-конференция", "г. Смоленск (on-line)", "апрель", "Молодые учёные из 15 стран мира"),
     (["FOREIGN_UNSPECIFIED"], True, ["RU"])),
    # … it is drawn at its parties' places (MISSION.md), but takes place neither in Russia nor abroad.
    (("Вебинар", "онлайн", "декабрь", "Специалисты Смоленской области"), ([], True, [])),
    # Surnames, rivers and other universities' adjectives are not places of foreign partners.
    (("Сплав по Днепру", "г. Смоленск", "июль", "Иванова М.П., Борисова О.С., Николаева Е.В."), ([], False, ["RU"])),
    (("Олимпиада", "г. Смоленск", "март", "Студенты Уральского федерального университета"), ([], False, ["RU"])),
    (("Дни белорусской литературы", "г. Смоленск", "июнь", "Писатели"), (["BY"], False, ["RU"])),
    (("Курсы китайского языка", "г. Смоленск", "сентябрь", "Студенты СмолГУ"), ([], False, ["RU"])),
    (("Судейский семинар", "г. Смоленск", "март", "Судьи Петров С., Борисов А."), ([], False, ["RU"])),
    # A sizeable foreign town named bare among the participants, or by its university, is a partner.
    (("Дни культуры", "г. Смоленск", "май", "Творческие коллективы Витебска"), (["BY"], False, ["RU"])),
    (("Конференция", "г. Смоленск", "апрель", "Витебский государственный университет им. П.М. Машерова"),
     (["BY"], False, ["RU"])),
    # A bare Belarusian town is the one next door, not a Russian village of the same name.
    (("Праздник", "г. Орша", "июль", "Творческие коллективы"), (["BY"], False, ["BY"])),
    # A district and a town of another country side by side are two places, not the town inside it.
    (("Обмен опытом", "Смоленский район, г. Минск", "май", "Специалисты"), (["BY"], False, ["RU", "BY"])),
]


def plan_text() -> str:
    lines = ["План международных мероприятий на 2027 год", ""] + ["\t" + h for h in HEADER] + ["", "\tВ сфере культуры", ""]
    for n, (cells, _) in enumerate(EVENTS, start=1):
        lines += [f"\t{n}.", *("\t" + c for c in cells)]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def plan():
    return load_plan(plan_text().encode("utf-8"), name="next.txt")


@pytest.mark.parametrize("n", range(1, len(EVENTS) + 1))
def test_partners_online_and_venue_countries(plan, n):
    event = plan.events.set_index("n").loc[n]
    partners, online, venue_countries = EVENTS[n - 1][1]
    assert (event["partner_countries"], event["online"], event["venue_countries"]) == (
        partners, online, venue_countries), EVENTS[n - 1][0]


def test_only_what_could_not_be_read_is_reported(plan):
    # Every cell above reads: "онлайн" is no place, but that is what the event is, not a failure.
    # What is said is that the table has no description and no goal columns.
    assert sorted(plan.report["column"]) == ["Описание мероприятия", "Цель проведения мероприятия"]
    assert set(plan.report["message"]) == {"в таблице нет этой колонки: её значения пусты"}


def test_hostile_cells_load_as_reported_problems_not_values():
    """Issue 11: a date outside 1990–2100 is reported and left empty (nothing downstream gets a year
    pandas cannot hold); a cell of «Государства » ×5000 names no state; nested brackets read."""
    rows = [
        ("Форум", "г. Смоленск", "1900 - 2199 годы", "Специалисты"),
        ("Государства " * 5000, "г. Смоленск", "март", "Государства " * 5000),
        ("Выставка", "«" * 5000 + "г. Минск" + "»" * 5000 + ", г. Витебск", "апрель " + "(" * 5000 + ")" * 5000,
         "иностранные туроператоры"),
    ]
    lines = ["План международных мероприятий на 2027 год", ""] + ["\t" + h for h in HEADER] + ["", "\tВ сфере культуры", ""]
    for n, cells in enumerate(rows, start=1):
        lines += [f"\t{n}.", *("\t" + c for c in cells)]
    plan = load_plan(("\n".join(lines) + "\n").encode("utf-8"), name="hostile.txt")
    events = plan.events.set_index("n")
    assert events.loc[1, "start"] is pd.NaT and events.loc[1, "precision"] == "unknown"
    date_problems = plan.report[(plan.report["n"] == 1) & (plan.report["column"] == "Сроки проведения")]
    assert len(date_problems) == 1 and "1900" in date_problems.iloc[0]["message"]
    assert not plan.report["message"].str.contains("похоже на название государства").any()
    assert events.loc[3, "start"] == pd.Timestamp(2027, 4, 1) and events.loc[3, "end"] == pd.Timestamp(2027, 4, 30)
    assert [p["name"] for p in events.loc[3, "places"]] == ["Витебск"]
    assert events.loc[3, "partner_countries"] == ["BY"]  # a named country makes the foreign group redundant
