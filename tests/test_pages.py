"""Every page through Streamlit's AppTest, with filters set through the URL as a shared link would.

Expected numbers are counted from the hand reading of the document (tests/data/seed_expected.csv).
"""

from __future__ import annotations

import base64

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, TWO_MINISTRIES_CSV, hand_read
from tests.test_filters import TYPED_PERIODS

HAND = hand_read()
TOTAL = len(HAND)


def count(keep) -> int:
    return sum(1 for r in HAND if keep(r))


def partner(code):
    return lambda r: code in r["partner_countries"].split(";")


def abroad(r) -> bool:
    return bool(set(filter(None, r["venue_countries"].split(";"))) - {"RU"})


def in_period(first, last):
    return lambda r: bool(r["start"]) and r["start"] <= last and r["end"] >= first


def all_shown() -> str:
    return f"Показаны все {TOTAL} мероприятий плана."


def left(shown: int) -> str:
    return f"Фильтры оставили **{shown}** из {TOTAL} мероприятий плана."

PAGES = ["../pages/overview.py", "../pages/timeline.py", "../pages/counts.py", "../pages/map.py",
         "../pages/events.py", "../pages/quality.py"]


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("SMOLPLAN_TODAY", "2026-09-15")


def open_page(page: str | None = None, **query) -> AppTest:
    app = AppTest.from_file(str(ROOT / "tests" / "app_entry.py"), default_timeout=60)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    if page:
        app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def url(app: AppTest, key: str) -> list[str]:
    value = app.query_params.get(key, [])
    return value if isinstance(value, list) else [value]


def captions(app: AppTest) -> str:
    return "\n".join(c.value for c in app.caption)


def plotly_figures(app: AppTest) -> list[dict]:
    import json

    return [json.loads(el.proto.spec) for el in app.get("plotly_chart")]


def values(array) -> list:
    """A plotly array as a list: plotly sends numeric arrays as {"dtype": …, "bdata": base64}."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_and_says_how_many_events(page):
    app = open_page(page)
    if page != "../pages/quality.py":
        assert all_shown() in captions(app)


@pytest.mark.parametrize("page", PAGES[:5])
def test_country_filter_from_the_url_applies_on_every_page(page):
    app = open_page(page, country="KZ")
    assert url(app, "country") == ["KZ"]
    assert left(count(partner("KZ"))) in captions(app)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_copes_when_the_filters_leave_no_event(page):
    app = open_page(page, q="такого текста в плане нет")
    if page != "../pages/quality.py":
        assert left(0) in captions(app)


def test_overview_lists_what_is_next_and_what_is_abroad_soonest_first():
    app = open_page(None)
    items = [m.value.split(".**")[0].removeprefix("**№ ") for m in app.markdown if m.value.startswith("**№ ")]
    # By hand, on 15.09.2026: still running this month (September events, by №) come first; events
    # spanning months (№ 59 all year, № 27 the half-year, № 48 April–September) do not crowd them out.
    assert items[:6] == ["22", "28", "40", "41", "42", "43"]
    # Abroad, not yet ended: September in Belarus (№ 40, 41, 42), Минск 30.09–02.10 (№ 5),
    # October (№ 3 Узбекистан, № 45): the past July events (№ 15, 16) come after.
    assert items[6:12] == ["40", "41", "42", "5", "3", "45"]


def scope_count(app: AppTest) -> int:
    import re

    text = captions(app)
    if "Показаны все" in text:
        return TOTAL
    return int(re.search(r"оставили \*\*(\d+)\*\*", text).group(1))


def test_a_period_open_at_one_end_means_the_same_as_on_the_command_line():
    # Events that have not ended by 01.09.2026 / begun by 31.07.2026.
    ending_after = count(lambda r: r["end"] and r["end"] >= "2026-09-01")
    starting_before = count(lambda r: r["start"] and r["start"] <= "2026-07-31")
    app = open_page(None, **{"from": "2026-09-01"})
    assert scope_count(app) == ending_after
    assert url(app, "from") == ["2026-09-01"] and url(app, "to") == []
    app = open_page(None, to="2026-07-31")
    assert scope_count(app) == starting_before
    assert url(app, "to") == ["2026-07-31"] and url(app, "from") == []


def test_a_reversed_or_absurd_period_in_a_link_is_mended_or_dropped():
    app = open_page(None, **{"from": "2026-09-30", "to": "2026-09-01"})
    assert url(app, "from") == ["2026-09-01"] and url(app, "to") == ["2026-09-30"]
    for far in ({"from": "1990-01-01"}, {"to": "2300-01-01"}):
        app = open_page(None, **far)  # the date widget would refuse these with an English error
        assert scope_count(app) == TOTAL and url(app, "from") == [] and url(app, "to") == []


def test_url_filters_combine_and_are_written_back():
    app = open_page(None, country=["BY"], **{"from": "2026-09-01", "to": "2026-09-30"}, where="abroad")
    metrics = {m.label: m.value for m in app.metric}
    # Events with Belarus, abroad, overlapping September 2026 (№ 5, 27, 40, 41, 42 by hand).
    want = count(lambda r: partner("BY")(r) and abroad(r) and in_period("2026-09-01", "2026-09-30")(r))
    assert metrics["Мероприятий"] == str(want)
    assert url(app, "country") == ["BY"]
    assert url(app, "where") == ["abroad"]


def test_bad_url_values_are_dropped_not_fatal():
    app = open_page(None, country=["ZZ", "BY"], status="nonsense", **{"from": "not-a-date"})
    assert app.multiselect(key="country").value == ["BY"]
    assert url(app, "country") == ["BY"] and url(app, "status") == []
    assert left(count(partner("BY"))) in captions(app)


def test_text_search_ignores_case_and_yo():
    # "Тенишевых" appears in the venue of events 13, 17 and 25 only.
    app = open_page(None, q="ТЕНИШЁВЫХ")
    assert left(3) in captions(app)


def test_reset_clears_every_filter():
    app = open_page(None, country="BY", q="выставка")
    next(b for b in app.button if b.label == "Сбросить фильтры").click().run()
    assert all_shown() in captions(app)
    assert "country" not in app.query_params and "q" not in app.query_params


def test_overview_key_figures():
    app = open_page(None)
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Мероприятий"] == str(TOTAL)
    partners = {c for r in HAND for c in r["partner_countries"].split(";") if len(c) == 2}
    assert metrics["Стран-партнёров"] == str(len(partners))
    assert metrics["Сфер"] == str(len({r["sphere"] for r in HAND}))
    assert metrics["За рубежом"] == str(count(abroad))


def test_timeline_has_a_bar_per_dated_event_and_lists_the_undated():
    app = open_page("../pages/timeline.py")
    figure = plotly_figures(app)[0]
    bars = sum(len(values(trace["y"])) for trace in figure["data"] if trace["type"] == "bar")
    assert bars == count(lambda r: r["start"])
    assert any(f"Без даты: {count(lambda r: not r['start'])}" in h.value for h in app.subheader)


def test_counts_page_country_chart_data():
    app = open_page("../pages/counts.py", country="BY")
    figures = plotly_figures(app)
    country_chart = figures[1]["data"][0]
    counts = dict(zip(values(country_chart["y"]), values(country_chart["x"])))
    assert counts["Беларусь"] == count(partner("BY"))


def test_quality_page_says_everything_was_read():
    app = open_page("../pages/quality.py")
    assert any("Все ячейки плана прочитаны" in s.value for s in app.success)


def test_map_page_has_a_map_with_local_topojson():
    app = open_page("../pages/map.py")
    chart = app.get("plotly_chart")[0]
    assert "/app/static/topojson/" in chart.proto.config


def test_an_unreadable_plan_is_explained_not_a_traceback(monkeypatch, tmp_path):
    broken = tmp_path / "**plan** [x](y).docx"  # a file name is shown as written, never as Markdown
    broken.write_bytes(b"PK\x03\x04 not really a docx")
    monkeypatch.setenv("SMOLPLAN_PLAN", str(broken))
    app = AppTest.from_file(str(ROOT / "tests" / "app_entry.py"), default_timeout=60).run()
    assert not app.exception
    assert "План не прочитан" in app.error[0].value
    assert r"\*\*plan\*\* \[x\]\(y\)\.docx" in app.error[0].value


def test_library_page_lists_the_bundled_plan_and_keeps_it_current():
    app = open_page("../pages/library.py")
    shown = next(c.value for c in app.caption if c.value.startswith("Сейчас показан"))
    assert shown.replace("\\", "") == "Сейчас показан: plan_2026_h2_reconstructed.docx (в поставке)"
    assert app.selectbox[0].value == "bundled"
    assert app.get("file_uploader")  # the upload control is there
    # An unknown plan in a link falls back to the bundled plan instead of failing.
    other = open_page("../pages/library.py", plan="../../etc/passwd")
    assert not other.exception and other.selectbox[0].value == "bundled"


def test_library_page_says_when_the_plan_is_fixed_at_start(monkeypatch):
    from tests.conftest import SEED_TXT

    monkeypatch.setenv("SMOLPLAN_PLAN", str(SEED_TXT))
    app = open_page("../pages/library.py")
    assert any("SMOLPLAN_PLAN" in i.value and "plan\\_2026\\_h2\\.txt" in i.value for i in app.info)


# --- the filter model in the sidebar ------------------------------------------------------------------

def test_a_country_option_counts_what_the_other_filters_leave():
    app = open_page(None, **{"from": "2026-10-01", "to": "2026-12-31"})
    # "Беларусь (N)": N events with Belarus in the fourth quarter, not in the whole plan.
    want = count(lambda r: partner("BY")(r) and in_period("2026-10-01", "2026-12-31")(r))
    assert f"Беларусь ({want})" in app.multiselect(key="country").options


@pytest.mark.parametrize("query, keep, chip", [
    ({"month": "2026-10"}, in_period("2026-10-01", "2026-10-31"), "Месяц: октябрь 2026"),
    ({"place": "Витебск|BY"}, lambda r: "Витебск" in r["localities"].split(";"), "Место: Витебск (Беларусь)"),
])
def test_a_click_filter_in_a_link_is_a_chip_with_a_cross(query, keep, chip):
    app = open_page(None, **query)
    assert left(count(keep)) in captions(app)
    button = next(b for b in app.button if b.label.startswith(chip))
    assert button.label == f"{chip} ({count(keep)})"
    button.click().run()
    assert all_shown() in captions(app)
    assert list(query)[0] not in app.query_params


@pytest.mark.parametrize("typed, first, last", TYPED_PERIODS)
def test_the_period_box_reads_russian_and_writes_the_link(typed, first, last):
    app = open_page(None)
    app.text_input(key="period_text").input(typed).run()
    assert left(count(in_period(first, last))) in captions(app)
    assert url(app, "from") == [first] and url(app, "to") == [last]


def test_a_period_not_understood_says_so_and_keeps_the_filters():
    app = open_page(None, country="KZ")
    app.text_input(key="period_text").input("на днях").run()
    assert any("«на днях» не понят" in e.value for e in app.error)
    assert left(count(partner("KZ"))) in captions(app)


def test_a_period_from_a_link_is_shown_in_words_in_the_box():
    app = open_page(None, **{"from": "2026-09-01", "to": "2026-12-31"})
    assert app.text_input(key="period_text").value == "сентябрь–декабрь 2026"
    assert any(c.value == "Понято: сентябрь–декабрь 2026" for c in app.caption)


def test_the_filters_follow_the_user_from_page_to_page():
    app = open_page(None, country="KZ")
    app.switch_page("../pages/map.py").run()
    assert left(count(partner("KZ"))) in captions(app)
    assert url(app, "country") == ["KZ"]


def test_the_counts_page_draws_every_clickable_chart():
    app = open_page("../pages/counts.py")
    specs = [el.proto for el in app.get("plotly_chart")]
    assert len(specs) == 4  # spheres, countries, sphere × country, months (the seed names no executors)
    assert all(s.selection_mode for s in specs)


@pytest.fixture
def executors_plan(monkeypatch, tmp_path):
    monkeypatch.setenv("SMOLPLAN_PLAN", str(TWO_MINISTRIES_CSV))


def test_executors_in_the_sidebar_the_link_and_the_counts_page(executors_plan):
    # By hand: the economy ministry runs № 1 and № 2, the culture ministry № 2 and № 3.
    app = open_page("../pages/counts.py", executor="Министерство культуры Смоленской области")
    assert "Фильтры оставили **2** из 3 мероприятий плана." in captions(app)
    # Each option counts what the other filters leave (none here): the whole plan.
    assert app.multiselect(key="executor").options == [
        "Министерство культуры Смоленской области (2)", "Министерство экономического развития Смоленской области (2)"]
    assert any(h.value == "По исполнителям" for h in app.subheader)
    bars = next(f for f in plotly_figures(app) if f["data"][0].get("customdata") and
                any("Министерство" in str(c) for c in f["data"][0]["customdata"]))
    drawn = {y.replace("<br>", " "): x for y, x in zip(values(bars["data"][0]["y"]), values(bars["data"][0]["x"]))}
    assert drawn == {"Министерство культуры Смоленской области": 2, "Министерство экономического развития Смоленской области": 1}


def test_executors_are_a_column_of_the_events_table(executors_plan):
    app = open_page("../pages/events.py")
    table = app.dataframe[0].value
    assert list(table["Исполнители"]) == [
        "Министерство экономического развития Смоленской области",
        "Министерство культуры Смоленской области; Министерство экономического развития Смоленской области",
        "Министерство культуры Смоленской области",
    ]
