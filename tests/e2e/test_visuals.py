"""The overview, the timeline and the map as an official sees them: 1366×768, a Russian browser, offline.

Hand facts from the plan (tests/data/seed_expected.csv): the plan covers the II half of 2026; today is
pinned to 15 September 2026; № 2 (2-4 сентября, Алматы) is the second bar of the first sphere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "app.py"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.parametrize(
        "streamlit_server", [{"path": APP, "env": {"SMOLPLAN_TODAY": "2026-09-15"}}], indirect=True, ids=["app"],
    ),
]

MONTHS = ["июль 2026", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"]


@pytest.fixture
def screen(page):
    """The conftest's page: 1366×768, ru-RU, every request to another host refused and recorded."""
    return page


def page_height(page) -> int:
    return page.viewport_size["height"]


def wait_for_marks(page, selector: str, count: int = 1) -> None:
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length >= n", arg=[selector, count], timeout=30_000,
    )


def texts(locator) -> list[str]:
    """Text of SVG elements (innerText is empty for them)."""
    return locator.evaluate_all("els => els.map(e => e.textContent)")


def layout(page, index: int, path: str):
    """A value of plotly's full layout of the index-th chart, e.g. "xaxis.range"."""
    return page.evaluate(
        "([i, path]) => path.split('.').reduce((o, k) => o && o[k],"
        " document.querySelectorAll('.js-plotly-plot')[i]._fullLayout)", [index, path],
    )


def test_overview_chart_is_above_the_fold(screen, streamlit_server, e2e):
    e2e.open_app(screen, streamlit_server)
    wait_for_marks(screen, ".js-plotly-plot .bars path", 6)
    chart = screen.locator(".js-plotly-plot").first
    box = chart.bounding_box()
    assert box["y"] + box["height"] <= page_height(screen), box  # the whole chart, without scrolling
    # The plan's six months, a bar each, and a line for today (15.09) labelled.
    assert screen.locator(".js-plotly-plot").first.locator(".bars path").count() == 6
    ticks = texts(chart.locator(".xtick text"))
    assert ticks == ["июл 2026", "авг 2026", "сен 2026", "окт 2026", "ноя 2026", "дек 2026"]
    assert "сегодня 15.09" in texts(chart.locator(".annotation-text"))
    # «За рубежом» names what is past instead of listing it as news: № 2 (2-4 сентября) is past.
    main = screen.locator("[data-testid='stMain']").inner_text()
    assert "прошли: № 2, № 20" in main  # latest first: 2-4 сентября, then август
    e2e.save_screenshot(screen, "visuals_overview_1366", full_page=False)
    assert screen.blocked == []


def test_timeline_spans_the_plan_with_month_ticks_at_top_and_bottom(screen, streamlit_server, e2e):
    e2e.open_app(screen, streamlit_server, path="timeline")
    wait_for_marks(screen, ".js-plotly-plot .bars path", 66)
    assert [x[:10] for x in layout(screen, 0, "xaxis.range")] == ["2026-07-01", "2027-01-01"]
    chart = screen.locator(".js-plotly-plot").first
    bottom = texts(chart.locator(".xaxislayer-above .xtick text"))
    top = texts(chart.locator(".x2tick text"))
    assert bottom == MONTHS and top == MONTHS
    plot = chart.locator(".draglayer .xy .nsewdrag").first.bounding_box()  # the plot area
    top_y = chart.locator(".x2tick text").first.bounding_box()["y"]
    bottom_y = chart.locator(".xtick text").first.bounding_box()["y"]
    assert top_y < plot["y"] and bottom_y > plot["y"] + plot["height"] - 1
    # Sphere headings over the rows, and one-day events still a few pixels wide.
    headings = texts(chart.locator(".annotation-text"))
    assert "В сфере экономического развития · 3" in headings
    widths = [b["width"] for b in (p.bounding_box() for p in chart.locator(".bars path").all()) if b]
    assert min(widths) >= 4, min(widths)
    e2e.save_screenshot(screen, "visuals_timeline_1366", full_page=False)
    # A click on a bar comes back as its event: № 2 is the first sphere's second bar, and its card opens.
    e2e.click_center(screen, chart.locator(".trace.bars").first.locator(".point path").nth(1))
    dialog = screen.locator("[role='dialog']")
    dialog.wait_for(state="visible", timeout=30_000)
    dialog.get_by_text("Как в документе").wait_for(timeout=20_000)
    assert "№ 2." in dialog.inner_text()
    assert screen.blocked == []


def marker_centres(page) -> list[tuple[float, float]]:
    """Centres in pixels of every venue marker drawn (legend symbols excluded)."""
    return page.evaluate(
        "() => Array.from(document.querySelectorAll('.js-plotly-plot .geo .scattergeo path.point'))"
        ".map(p => p.getBoundingClientRect()).filter(r => r.width > 0)"
        ".map(r => [r.x + r.width / 2, r.y + r.height / 2])"
    )


def test_map_points_are_distinct_and_the_wheel_zooms(screen, streamlit_server, e2e):
    e2e.open_app(screen, streamlit_server, path="map")
    screen.wait_for_function(
        "() => { const p = document.querySelector('.geo .layer.land > path');"
        " return p && (p.getAttribute('d') || '').length > 1000; }", timeout=30_000,
    )
    wait_for_marks(screen, ".scattergeo path.point", 10)
    centres = marker_centres(screen)
    closest = min(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5 for i, a in enumerate(centres) for b in centres[i + 1:])
    assert closest >= 5, closest  # no two markers on one spot (the browser's scale differs a little from ours)
    # Oblast borders are drawn (a line trace), and nothing came from another host.
    assert screen.locator(".geo .scattergeo .js-line").count() >= 1
    before = screen.evaluate("() => document.querySelector('.js-plotly-plot')._fullLayout.geo._subplot.projection.scale()")
    box = screen.locator(".js-plotly-plot .geo").first.bounding_box()
    screen.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    screen.mouse.wheel(0, -300)
    screen.wait_for_function(
        "s => document.querySelector('.js-plotly-plot')._fullLayout.geo._subplot.projection.scale() > s * 1.1",
        arg=before, timeout=10_000,
    )
    e2e.save_screenshot(screen, "visuals_map_zoomed_1366", full_page=False)
    assert screen.blocked == []


def test_map_view_is_in_the_link(screen, streamlit_server, e2e):
    e2e.open_app(screen, streamlit_server, path="map")
    screen.locator("[data-testid='stMain'] button", has_text="Смоленская область").first.click()
    e2e.wait_for_script_run(screen)
    screen.wait_for_function("() => location.search.includes('view=region')", timeout=10_000)
    # The link opened afresh shows the region: a view some 15° wide around Smolensk (32° E), not the
    # whole area from Minsk to Almaty (27°–77° E).
    link = screen.url
    screen.goto(link, wait_until="domcontentloaded")
    e2e.wait_for_script_run(screen)
    screen.wait_for_function(
        "() => { const p = document.querySelector('.js-plotly-plot');"
        " const r = p && p._fullLayout && p._fullLayout.geo && p._fullLayout.geo.lonaxis.range;"
        " return r && r[1] - r[0] < 20 && r[0] < 32 && 32 < r[1]; }", timeout=20_000,
    )
    pressed = screen.locator("[data-testid='stMain'] [data-testid='stButtonGroup'] button[aria-checked='true']")
    assert pressed.all_inner_texts() == ["Смоленская область"]
    screen.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    e2e.save_screenshot(screen, "visuals_map_region_1366", full_page=False)
    assert screen.blocked == []
