"""Figures and derived tables, checked through their data (the browser tests check what is drawn)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from smolplan import charts, counts


def test_timeline_marks_approximate_dates_and_today(txt_plan):
    fig = charts.timeline(txt_plan.events, today=dt.date(2026, 9, 15))
    bars = {}
    for trace in fig.data:
        for label, shape, opacity in zip(trace.y, trace.marker.pattern.shape, trace.marker.opacity):
            bars[int(label.split(".")[0])] = (shape, opacity)
    assert len(bars) == 66  # every dated event; № 37 is undated
    assert bars[2] == ("", 1.0)  # "2-4 сентября 2026 года": exact
    assert bars[1] == ("/", 0.45)  # "август 2026 года": approximate, hatched and pale
    assert bars[11][0] == "/" and bars[27][0] == "/" and bars[59][0] == "/"  # quarter, half-year, year
    assert any(s.type == "line" and s.x0 == "2026-09-15" for s in fig.layout.shapes)
    assert fig.layout.height >= 24 * 66


def test_timeline_hover_says_a_date_is_approximate(txt_plan):
    fig = charts.timeline(txt_plan.events[txt_plan.events["n"] == 1])
    assert "срок: август 2026, дата уточняется" in fig.data[0].customdata[0][1]


def test_timeline_colours_by_country(txt_plan):
    fig = charts.timeline(txt_plan.events, color_by="country")
    names = {t.name for t in fig.data}
    assert {"Беларусь", "несколько стран", "без зарубежных участников"} <= names


def test_events_count_in_every_month_they_overlap(txt_plan, expected_rows):
    table = counts.by_month(txt_plan.events)
    got = dict(zip(table["month"].dt.strftime("%Y-%m"), table["events"]))
    for month in ("2026-07", "2026-10", "2027-01"):
        first = f"{month}-01"
        last = (pd.Timestamp(first) + pd.offsets.MonthEnd(0)).strftime("%Y-%m-%d")
        want = sum(1 for r in expected_rows if r["start"] and r["start"] <= last and r["end"] >= first)
        assert got[month] == want, month
    assert got["2027-01"] == 1  # only № 25 runs into January


def test_counts_by_country_from_the_hand_reading(txt_plan, expected_rows):
    table = counts.by_country(txt_plan.events)
    got = dict(zip(table["country"], table["events"]))
    want: dict[str, int] = {}
    for r in expected_rows:
        for code in filter(None, r["partner_countries"].split(";")):
            want[code] = want.get(code, 0) + 1
    assert got == want
    assert table.iloc[0]["name"] == "Беларусь" and table.iloc[0]["events"] == 47


def test_map_traces_mark_country_level_places(txt_plan):
    venues = counts.venues(txt_plan.events)
    fig = charts.venue_map(venues, view="area")
    country_level = [t for t in fig.data if t.name.endswith("(только страна)")]
    assert {t.name for t in country_level} == {"Узбекистан (только страна)", "Беларусь (только страна)"}
    assert all(t.marker.symbol == "diamond-open" for t in country_level)
    smolensk = venues[venues["name"] == "Смоленск"].iloc[0]
    # № 1, 12, 13, 17, 21, 22, 24–37, 42, 49–67 by hand: every venue naming г. Смоленск.
    assert smolensk["events"] == 40
    lon, lat = fig.layout.geo.lonaxis.range, fig.layout.geo.lataxis.range
    assert lon[0] <= 27.5 and lon[1] >= 77 and lat[0] <= 41 and lat[1] >= 60  # Minsk … Almaty, Tashkent, St Petersburg


def test_sphere_country_matrix_uses_selectable_points(txt_plan):
    fig = charts.sphere_country_matrix(counts.sphere_by_country(txt_plan.events))
    assert fig.data[0].type == "scatter"  # heatmap selections do not reach Streamlit
    cells = {(s, c): n for (s, c), n in zip(fig.data[0].customdata, fig.data[0].text)}
    assert cells[("культуры и туризма", "KZ")] == 1  # № 21


HOSTILE = '<a href="http://evil.example/">Нажмите</a> <b>жирный</b> R&D'


def test_document_and_url_text_is_never_plotly_markup(txt_plan):
    """Plotly reads <a href>, <b>, <span> in labels, hovers, legends and titles: cell text must not."""
    events = txt_plan.events.copy()
    events["title"] = HOSTILE
    events["venue"] = HOSTILE
    events["sphere"] = HOSTILE
    figures = [
        charts.timeline(events, title=HOSTILE),
        charts.timeline(events, color_by="sphere"),
        charts.sphere_bars(counts.by_sphere(events), title=HOSTILE),
        charts.sphere_country_matrix(counts.sphere_by_country(events)),
        charts.venue_map(counts.venues(events)),
        charts.with_title(charts.month_bars(counts.by_month(events)), HOSTILE),
    ]
    for fig in figures:
        spec = fig.to_json()
        assert "<a href" not in spec and "<b>жирный" not in spec, spec[:300]
        assert "&lt;a href" in spec  # shown as written
    assert all("<" not in t.name for t in figures[1].data)  # legend entries (sphere names)


def test_escaped_text_reads_as_written_in_the_rendered_image(txt_plan):
    from smolplan.images import figure_image

    events = txt_plan.events.head(3).copy()
    events["title"] = HOSTILE
    svg = figure_image(charts.timeline(events, title=HOSTILE), "svg").decode("utf-8")
    assert "&#60;a href=\"http://evil.example/\"&#62;Нажмите" in svg  # the text is there, as text …
    assert "<a " not in svg and "xlink:href" not in svg  # … not a link
    assert "font-weight:bold" not in svg.replace(" ", "")  # and "<b>" made nothing bold
