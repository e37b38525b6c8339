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


@pytest.mark.parametrize("name", ["plan.doc", "plan.pdf", "plan", "plan.docx.exe", "..txt"])
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


# --- integrity: exclusive, atomic storing; names bounded in bytes; the default plan; deleting ---

def _tiny_plan(label: str) -> bytes:
    from tests.hostile.corpus import HEADER7, event, txt

    return txt(f"План на 2027 год {label}", HEADER7, [event("1.")])


def _store_many(args) -> list[str]:
    folder, worker, count = args
    from smolplan.plan_library import add_plan

    return [add_plan("План.txt", _tiny_plan(f"{worker}-{i}"), folder=folder)[0].key for i in range(count)]


def test_racing_processes_lose_no_upload(tmp_path):
    import multiprocessing

    workers, each = 8, 30
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        keys = [k for batch in pool.map(_store_many, [(tmp_path, w, each) for w in range(workers)]) for k in batch]
    # By hand: 8 × 30 confirmations of "План.txt" → 240 files, "План.txt" and "План (2).txt" … "План (240).txt",
    # each holding exactly one of the 240 uploads.
    assert sorted(keys) == sorted(["План.txt"] + [f"План ({n}).txt" for n in range(2, 241)])
    contents = {p.read_bytes() for p in tmp_path.iterdir() if p.suffix == ".txt"}
    assert contents == {_tiny_plan(f"{w}-{i}") for w in range(workers) for i in range(each)}
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left


@pytest.mark.parametrize("name", __import__("tests.hostile.attacks", fromlist=["HOSTILE_NAMES"]).HOSTILE_NAMES)
def test_hostile_upload_names_are_stored_bounded_and_in_the_folder(name, tmp_path):
    from smolplan.plan_library import MAX_NAME_BYTES

    entry, _ = add_plan(name, _tiny_plan("x"), folder=tmp_path)
    assert entry.path.parent == tmp_path and entry.path.read_bytes() == _tiny_plan("x")
    assert len(entry.path.name.encode()) <= MAX_NAME_BYTES + len(".txt")
    assert not any(ch in entry.path.name for ch in "\x00\r\n/\\<>[]")


@pytest.mark.parametrize("name, expected", [
    ("𝔭" * 70 + ".txt", "𝔭" * 37 + ".txt"),  # 4 bytes each: 150 bytes hold 37 whole letters
    ("я" * 300 + ".txt", "я" * 75 + ".txt"),  # 2 bytes each
    ("план\x00.txt", "план.txt"),  # the NUL becomes "_", stripped at the end as any trailing "_"
])
def test_stored_names_are_cut_on_whole_characters(name, expected):
    assert safe_file_name(name) == expected


def test_the_default_plan_is_kept_for_everyone_and_falls_back_when_deleted(tmp_path):
    from smolplan.plan_library import default_key, delete_plan, set_default

    assert default_key(tmp_path) == BUNDLED_KEY
    entry, _ = add_plan("Новый.txt", _tiny_plan("новый"), folder=tmp_path)
    set_default(entry.key, tmp_path)
    assert default_key(tmp_path) == "Новый.txt"
    assert resolve(None, tmp_path).key == "Новый.txt"  # a link that names no plan
    assert resolve("bundled", tmp_path).key == BUNDLED_KEY  # a link that names one keeps it
    with pytest.raises(PlanReadError):
        set_default("нет такого.txt", tmp_path)
    delete_plan(entry.key, tmp_path)
    assert default_key(tmp_path) == BUNDLED_KEY and resolve(None, tmp_path).key == BUNDLED_KEY
    with pytest.raises(PlanReadError):
        delete_plan(BUNDLED_KEY, tmp_path)


def test_the_comparison_goes_from_the_previous_plan_to_the_new_one(tmp_path):
    import os

    from smolplan.plan_library import comparison_pair

    first, _ = add_plan("Первый.txt", _tiny_plan("1"), folder=tmp_path)
    second, _ = add_plan("Второй.txt", _tiny_plan("2"), folder=tmp_path)
    os.utime(first.path, (1_000, 1_000))
    os.utime(second.path, (2_000, 2_000))
    entries = list_plans(tmp_path)
    # By hand: the plans came as bundled → Первый → Второй.
    assert comparison_pair(entries, "Второй.txt") == ("Первый.txt", "Второй.txt")
    assert comparison_pair(entries, "Первый.txt") == (BUNDLED_KEY, "Первый.txt")
    assert comparison_pair(entries, BUNDLED_KEY) == (BUNDLED_KEY, "Второй.txt")


# --- the page «Планы» (AppTest): who may upload, для всех / только для меня, the comparison's default ---

from streamlit.testing.v1 import AppTest  # noqa: E402

from tests.conftest import ROOT  # noqa: E402


def library_page(secrets: dict | None = None, **query) -> AppTest:
    app = AppTest.from_file(str(ROOT / "tests" / "app_entry.py"), default_timeout=60)
    for key, value in (secrets or {}).items():
        app.secrets[key] = value
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    app.switch_page("../pages/library.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def caption(app: AppTest, start: str) -> str:
    return next(c.value for c in app.caption if c.value.startswith(start)).replace("\\", "")


def confirm_upload(app: AppTest, name: str, data: bytes, audience: str) -> AppTest:
    app.file_uploader[0].set_value((name, data, "text/plain"))
    app.run(timeout=120)
    assert "Прочитано мероприятий: 1." in app.success[0].value
    next(r for r in app.radio if r.label == "Кому показывать этот план").set_value(audience)
    app.run()
    next(b for b in app.button if b.label == "Сделать текущим планом").click()
    return app.run(timeout=120)


@pytest.fixture
def library(tmp_path, monkeypatch):
    monkeypatch.setenv("SMOLPLAN_LIBRARY", str(tmp_path))
    return tmp_path


def test_for_everyone_becomes_what_a_colleague_sees_first(library):
    app = confirm_upload(library_page(), "Новый план.txt", _tiny_plan("для всех"), "everyone")
    assert not app.exception and app.query_params["plan"] == "Новый план.txt"
    colleague = library_page()  # another session, a link naming no plan
    assert caption(colleague, "Сейчас показан") == "Сейчас показан: Новый план.txt"
    assert caption(colleague, "По умолчанию") == "По умолчанию для всех: Новый план.txt"
    # The comparison goes from the plan shown before the upload to the new one.
    assert (app.selectbox(key="old_plan").value, app.selectbox(key="new_plan").value) == ("bundled", "Новый план.txt")


def test_only_for_me_leaves_everyone_elses_plan(library):
    app = confirm_upload(library_page(), "Мой.txt", _tiny_plan("для меня"), "me")
    assert app.query_params["plan"] == "Мой.txt"
    assert caption(app, "Сейчас показан") == "Сейчас показан: Мой.txt"
    colleague = library_page()
    assert caption(colleague, "Сейчас показан") == "Сейчас показан: plan_2026_h2_reconstructed.docx (в поставке)"


def test_with_an_editor_password_only_an_editor_uploads(library):
    from smolplan.access import hash_password

    app = library_page({"smolplan": {"editor_password_hash": hash_password("пароль редактора")}})
    assert not app.get("file_uploader")
    assert any("только редакторы" in i.value for i in app.info)
    assert app.selectbox[0].value == "bundled"  # viewing and choosing a plan for oneself stay open
    password = next(t for t in app.text_input if t.label == "Пароль редактора")
    password.set_value("не тот")
    next(b for b in app.button if b.label == "Войти как редактор").click()
    app.run()
    assert [e.value for e in app.error] == ["Пароль не подходит."] and not app.get("file_uploader")
    next(t for t in app.text_input if t.label == "Пароль редактора").set_value("пароль редактора")
    next(b for b in app.button if b.label == "Войти как редактор").click()
    app.run()
    assert app.get("file_uploader") and not app.error


def test_with_sign_in_configured_a_visitor_is_offered_to_sign_in_and_cannot_upload(library):
    auth = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "секрет", "client_id": "smolplan",
            "client_secret": "x", "server_metadata_url": "http://127.0.0.1:1/.well-known/openid-configuration"}
    app = library_page({"auth": auth, "smolplan": {"editors": ["ivanov@adm.example"]}})
    assert [b.label for b in app.button if b.label == "Войти"] == ["Войти"]
    assert not app.get("file_uploader")


def test_without_secrets_everything_is_allowed(library):
    app = library_page()
    assert app.get("file_uploader") and "Пароль редактора" not in [t.label for t in app.text_input]
