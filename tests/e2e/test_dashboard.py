"""The dashboard in headless Chromium, as an official uses it: every page, filters in the URL, the map.

Counts are the hand-made ones of tests/data/seed_expected.csv: Kazakhstan is a partner in 2 events
(№ 2 and 21), Belarus in 47.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "app.py"
# URL path of each page → how many charts it draws.
PAGES = {"": 2, "timeline": 1, "counts": 4, "map": 1, "events": 0, "quality": 0}

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.parametrize(
        "streamlit_server", [{"path": APP, "env": {"SMOLPLAN_TODAY": "2026-09-15"}}], indirect=True, ids=["app"],
    ),
]


def scope_text(page) -> str:
    return page.locator("[data-testid='stCaptionContainer']").all_inner_texts()


def assert_scope(page, text: str) -> None:
    page.wait_for_function(
        "t => Array.from(document.querySelectorAll(\"[data-testid='stCaptionContainer']\"))"
        ".some(e => e.innerText.includes(t))", arg=text, timeout=20_000,
    )


# What a drawn chart contains: bars, markers or map outlines.
MARKS = ".point, .bars path, .geo .layer.land > path"


def drawn_marks(page) -> list[int]:
    """How many marks each plotly chart on the page has drawn so far."""
    return page.evaluate(
        "sel => Array.from(document.querySelectorAll('.js-plotly-plot')).map(p => p.querySelectorAll(sel).length)",
        MARKS,
    )


def wait_for_charts(page, count: int) -> None:
    """Wait until `count` charts have drawn their marks, not just their empty frames (plotly draws late)."""
    page.wait_for_function(
        "([n, sel]) => { const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));"
        " return plots.length >= n && plots.every(p => p.querySelectorAll(sel).length > 0); }",
        arg=[count, MARKS], timeout=30_000,
    )


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_renders_without_exception_and_calls_no_other_host(page, streamlit_server, e2e, path):
    e2e.open_app(page, streamlit_server, path=path)
    assert page.locator("[data-testid='stException']").count() == 0
    if path != "quality":
        assert_scope(page, "Показаны все 67 мероприятий плана.")
    if PAGES[path]:
        wait_for_charts(page, PAGES[path])
        drawn = drawn_marks(page)
        assert len(drawn) == PAGES[path] and all(n > 0 for n in drawn), drawn
    if path == "map":
        wait_for_land(page)
    assert cut_labels(page) == []
    e2e.save_screenshot(page, f"page_{path or 'overview'}")
    assert e2e.foreign_requests(page, streamlit_server) == []
    assert page.blocked == []


def cut_labels(page) -> list[str]:
    """Button labels the browser had to shorten with an ellipsis (a column too narrow for "PNG")."""
    return page.evaluate(
        "() => Array.from(document.querySelectorAll('[data-testid=stMain] button')).filter(b => b.offsetParent)"
        ".flatMap(b => Array.from(b.querySelectorAll('[data-testid=stMarkdownContainer]')))"
        ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"
    )


def wait_for_land(page) -> None:
    page.wait_for_function(
        "() => { const p = document.querySelector('.geo .layer.land > path');"
        " return p && (p.getAttribute('d') || '').length > 1000; }", timeout=30_000,
    )


def test_map_draws_land_borders_and_every_venue(page, streamlit_server, e2e):
    e2e.open_app(page, streamlit_server, path="map")
    wait_for_land(page)
    layers = page.evaluate(
        "() => Object.fromEntries(Array.from(document.querySelectorAll('.geo .layer > path'))"
        ".map(p => [p.parentNode.classList[1], (p.getAttribute('d') || '').length]))"
    )
    assert layers.get("countries", 0) > 1000 and layers.get("land", 0) > 1000, layers
    # Venues by hand: Смоленск, Алматы, Узбекистан (country), Демидовский район, Минск, Санкт-Петербург,
    # Екатеринбург, Сочи, Красногорск, Смоленская область, Глущенки, Александрия, Витебск, Бешенковичи,
    # Дрибин, Беларусь (country), Мощинки, Поставы, Кардымово, Орша, Рославль, Велиж, Лепель,
    # Переделкино, Руднянский район, Дорогобужский район: 26 places. Places that would cover each other
    # in this view share one marker listing them all (Смоленск, Глущенки, Мощинки …): 19 markers today,
    # fewer if the gazetteer brings neighbours closer (tests/test_charts.py checks every place is on one).
    points = page.locator(".scattergeo path.point").count()
    assert points >= 15, points
    assert any(url.endswith("/app/static/topojson/world_110m.json") for url in page.requests)
    e2e.save_screenshot(page, "map_area")
    assert e2e.foreign_requests(page, streamlit_server) == []


def test_a_link_with_filters_reproduces_the_view_after_reload_and_across_pages(page, streamlit_server, e2e):
    e2e.open_app(page, streamlit_server, path="counts", query="country=KZ")
    assert_scope(page, "Фильтры оставили 2 из 67 мероприятий плана.")
    page.reload(wait_until="domcontentloaded")
    e2e.wait_for_script_run(page)
    assert_scope(page, "Фильтры оставили 2 из 67 мероприятий плана.")
    assert "country=KZ" in page.url
    # Going to another page through the sidebar keeps the filters (and the URL says so).
    page.locator("[data-testid='stSidebarNav'] a", has_text="Хронология").click()
    e2e.wait_for_script_run(page)
    assert_scope(page, "Фильтры оставили 2 из 67 мероприятий плана.")
    assert re.search(r"/timeline\?.*country=KZ", page.url), page.url
    e2e.save_screenshot(page, "timeline_kazakhstan")


def test_choosing_a_country_in_the_sidebar_writes_the_url(page, streamlit_server, e2e):
    e2e.open_app(page, streamlit_server)
    page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.click()
    page.get_by_role("option", name=re.compile(r"^Беларусь")).click()
    page.keyboard.press("Escape")
    e2e.wait_for_script_run(page)
    assert_scope(page, "Фильтры оставили 47 из 67 мероприятий плана.")
    page.wait_for_function("() => location.search.includes('country=BY')", timeout=10_000)


# Clicks on charts and table rows: tests/e2e/test_interaction.py.


def test_map_region_view_of_smolensk(page, streamlit_server, e2e):
    e2e.open_app(page, streamlit_server, path="map")
    wait_for_land(page)
    page.locator("[data-testid='stMain'] button", has_text="Смоленская область").first.click()
    e2e.wait_for_script_run(page)
    page.wait_for_function("() => Array.from(document.querySelectorAll('.scattergeo text'))"
                           ".some(t => t.textContent === 'Велиж')", timeout=20_000)
    # Смоленск, Демидовский район, Глущенки, Мощинки, Кардымово, Рославль, Велиж, Руднянский район,
    # Дорогобужский район, Смоленская область — and Витебск, Орша, Лепель just across the border.
    assert page.locator(".scattergeo path.point").count() >= 10
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    e2e.save_screenshot(page, "map_region")
    assert e2e.foreign_requests(page, streamlit_server) == []


def test_downloads_of_exactly_the_filtered_view(page, streamlit_server, e2e, tmp_path):
    e2e.open_app(page, streamlit_server, path="counts", query="country=KZ")
    with page.expect_download(timeout=60_000) as download:
        page.locator("[data-testid='stDownloadButton'] button", has_text="PNG").first.click()
    png = Path(download.value.path()).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
    (tmp_path / "chart.png").write_bytes(png)
    shot = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots" / "download_po_sferam_kz.png"
    shot.parent.mkdir(parents=True, exist_ok=True)  # a fresh clone has no artifacts/ yet
    shot.write_bytes(png)

    e2e.open_app(page, streamlit_server, query="country=KZ")
    with page.expect_download(timeout=60_000) as download:
        page.locator("[data-testid='stDownloadButton'] button", has_text="Excel").first.click()
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    numbers = [row[0] for row in book["Мероприятия"].iter_rows(min_row=3, values_only=True)]
    assert numbers == [2, 21]  # Kazakhstan by hand: № 2 (Алматы) and № 21 (Смоленский ковчег)

    with page.expect_download(timeout=60_000) as download:  # its pictures drawn ahead, or on the click
        page.locator("[data-testid='stDownloadButton'] button", has_text="Справка Word").first.click()
    import docx

    memo = docx.Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert [int(row.cells[0].text) for row in memo.tables[-1].rows[1:]] == [2, 21]
    assert memo.paragraphs[1].text == "о международных мероприятиях с участием Республики Казахстан"
    assert len(memo.inline_shapes) >= 2  # the map of Алматы and Смоленск, the Gantt of two events
    assert e2e.foreign_requests(page, streamlit_server) == []
