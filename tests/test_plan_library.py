"""The plan library: safe names, nothing overwritten, only readable plans kept; comparing two plans."""

from __future__ import annotations

import pytest

from smolplan import PlanReadError, load_plan
from smolplan.plan_diff import compare_plans, title_key
from smolplan.plan_library import BUNDLED_KEY, add_plan, list_plans, resolve, safe_file_name
from tests.conftest import SEED_TXT


@pytest.mark.parametrize("name, expected", [
    ("План 2027.docx", "План 2027.docx"),
    ("../../etc/passwd.txt", "passwd.txt"),
    ("C:\\Users\\x\\..\\plan.DOCX", "plan.docx"),
    ("<script>alert(1)</script>.csv", "script.csv"),  # the part after the last "/" is "script>.csv"
    ("_.txt", "план.txt"),
    ("план;rm -rf ~.xlsx", "план_rm -rf.xlsx"),
])
def test_safe_file_names_stay_in_the_folder(name, expected):
    assert safe_file_name(name) == expected


@pytest.mark.parametrize("name", ["plan.xls", "plan.rtf", "plan", "plan.docx.exe", "..txt"])
def test_other_file_types_are_refused(name):
    with pytest.raises(PlanReadError):
        safe_file_name(name)


def test_added_plans_never_overwrite_and_bundled_stays_first(tmp_path):
    data = SEED_TXT.read_bytes()
    first, plan = add_plan("../План.txt", data, folder=tmp_path)
    second, _ = add_plan("План.txt", data, folder=tmp_path)
    assert (first.path.name, second.path.name) == ("План.txt", "План (2).txt")
    assert first.path.parent == tmp_path and len(plan.events) == 67
    keys = [e.key for e in list_plans(tmp_path)]
    assert keys[0] == BUNDLED_KEY and set(keys[1:]) == {"План.txt", "План (2).txt"}
    assert resolve("План (2).txt", tmp_path).path == second.path
    assert resolve("../../secret", tmp_path).key == BUNDLED_KEY


def test_an_unreadable_plan_is_not_kept(tmp_path):
    with pytest.raises(PlanReadError):
        add_plan("broken.docx", b"PK\x03\x04junk", folder=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_title_key_ignores_editions_and_years():
    assert title_key("XVI Международная выставка «ИННОПРОМ» – 2026") == title_key("XVII Международная выставка ИННОПРОМ 2027")


def test_compare_plans_finds_added_removed_moved_and_changed(txt_plan):
    text = SEED_TXT.read_text(encoding="utf-8")
    # By hand: № 1 moves from August to September; № 5 moves to Brest; № 67 is dropped; a new event is added.
    text = text.replace("\tавгуст \n2026 года\n\tМероприятие направлено на развитие", "\tсентябрь 2026 года\n\tМероприятие направлено на развитие", 1)
    text = text.replace("\tг. Минск,\nРеспублика Беларусь", "\tг. Брест, Республика Беларусь", 1)
    cut = text.index("\t67. ")
    text = text[:cut] + "\t67. \n\tНовый форум с Республикой Казахстан\n\tг. Смоленск\n\tмарт 2027 года\n\t—\n\t—\n\t—\n"
    newer = load_plan(text.encode(), name="next.txt")
    diff = compare_plans(txt_plan.events, newer.events)
    assert list(diff["added"]["Наименование"]) == ["Новый форум с Республикой Казахстан"]
    assert list(diff["removed"]["№"]) == [67]
    changed = dict(zip(diff["changed"]["№ стало"], diff["changed"]["Что изменилось"]))
    assert set(changed) == {1, 5}
    assert changed[1] == "сроки: август 2026 → сентябрь 2026"
    assert changed[5].startswith("место: г. Минск, Республика Беларусь → г. Брест")
    countries = diff["countries"].set_index("Страна-партнёр")
    assert countries.loc["Казахстан", "Было"] == 2 and countries.loc["Казахстан", "Стало"] == 3


def test_events_whose_names_differ_only_by_number_are_not_merged():
    def plan(rows):
        lines = ["План на 2027 год", "", "\t№ п/п", "\tНаименование мероприятия", "\tМесто проведения",
                 "\tСроки проведения", "", "\tВ сфере образования", ""]
        for n, (title, venue, dates) in enumerate(rows, start=1):
            lines += [f"\t{n}.", f"\t{title}", f"\t{venue}", f"\t{dates}"]
        return load_plan(("\n".join(lines) + "\n").encode(), name="p.txt").events

    old = plan([("Семинар 1", "г. Смоленск", "март"), ("Семинар 2", "г. Минск", "май")])
    new = plan([("Семинар 1", "г. Смоленск", "март")])
    diff = compare_plans(old, new)
    # By hand: "Семинар 2" was dropped; "Семинар 1" is unchanged.
    assert list(diff["removed"]["Наименование"]) == ["Семинар 2"]
    assert diff["changed"].empty and diff["added"].empty


def test_a_recurring_event_matches_its_next_edition():
    def plan(rows):
        lines = ["План на 2027 год", "", "\t№ п/п", "\tНаименование мероприятия", "\tМесто проведения",
                 "\tСроки проведения", "", "\tВ сфере спорта", ""]
        for n, (title, dates) in enumerate(rows, start=1):
            lines += [f"\t{n}.", f"\t{title}", "\tг. Смоленск", f"\t{dates}"]
        return load_plan(("\n".join(lines) + "\n").encode(), name="p.txt").events

    old = plan([("Турнир «Кубок дружбы» 2026", "март 2026 года"), ("Турнир «Кубок дружбы» 2026", "май 2026 года")])
    new = plan([("Турнир «Кубок дружбы» 2027", "март 2027 года"), ("Турнир «Кубок дружбы» 2027", "май 2027 года")])
    diff = compare_plans(old, new)
    # By hand: the same two tournaments a year on, each moved by a year; nothing added or removed.
    assert diff["added"].empty and diff["removed"].empty
    assert list(diff["changed"]["Что изменилось"]) == ["сроки: март 2026 → март 2027", "сроки: май 2026 → май 2027"]
