"""Figures and derived tables, checked through their data (the browser tests check what is drawn)."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from smolplan import charts, counts


PERIOD = (dt.date(2026, 7, 1), dt.date(2026, 12, 31))  # "на II полугодие 2026 года"


def seed_timeline(txt_plan, **options):
    return charts.timeline(txt_plan.events, today=dt.date(2026, 9, 15),
                           period=(txt_plan.period_start, txt_plan.period_end), **options)


def bars_by_event(fig) -> dict[int, tuple]:
    """Event n → (bar start, bar width in days, pattern shape, opacity) over every bar trace."""
    bars = {}
    for trace in fig.data:
        if trace.type != "bar":
            continue
        for (n, _), base, width, shape, opacity in zip(trace.customdata, trace.base, trace.x,
                                                      trace.marker.pattern.shape, trace.marker.opacity):
            bars[int(n)] = (pd.Timestamp(base), width / charts.DAY_MS, shape, opacity)
    return bars


def test_the_plan_s_period_is_the_timeline_s_range(txt_plan):
    assert (txt_plan.period_start, txt_plan.period_end) == PERIOD
    fig = seed_timeline(txt_plan)
    want = [pd.Timestamp("2026-07-01"), pd.Timestamp("2027-01-01")]  # the last day runs to midnight
    assert [pd.Timestamp(x) for x in fig.layout.xaxis.range] == want
    assert fig.layout.xaxis2.matches == "x" and fig.layout.xaxis2.overlaying == "x"
    assert (fig.layout.xaxis.side, fig.layout.xaxis2.side) == ("bottom", "top")
    months = ["июль 2026", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"]
    for axis in (fig.layout.xaxis, fig.layout.xaxis2):
        assert list(axis.ticktext) == months
        assert [pd.Timestamp(t).month for t in axis.tickvals] == [7, 8, 9, 10, 11, 12]
        assert [pd.Timestamp(t).strftime("%m-%d") for t in axis.minor.tickvals] == [
            "08-01", "09-01", "10-01", "11-01", "12-01"]  # a grid line between months


def test_without_a_period_the_events_span_is_the_range(txt_plan):
    events = txt_plan.events[txt_plan.events["n"].isin([2, 5])]  # 2-4 сентября; 30 сентября – 2 октября
    fig = charts.timeline(events)
    assert [pd.Timestamp(x) for x in fig.layout.xaxis.range] == [pd.Timestamp("2026-09-02"), pd.Timestamp("2026-10-03")]


def test_bars_are_cut_at_the_period_and_marked_as_continuing(txt_plan, expected_rows):
    fig = seed_timeline(txt_plan)
    bars = bars_by_event(fig)
    assert len(bars) == 66  # every dated event; № 37 is undated
    before = {int(r["n"]) for r in expected_rows if r["start"] and r["start"] < "2026-07-01"}
    after = {int(r["n"]) for r in expected_rows if r["end"] and r["end"] > "2026-12-31"}
    assert {13, 48, 59} <= before and after == {25}  # 17 June; April–September; the whole year; into 2027
    marks = {t.marker.symbol: {int(n) for n, _ in t.customdata} for t in fig.data if t.type == "scatter"
             and t.mode == "markers"}
    assert marks == {"triangle-left": before, "triangle-right": after}
    assert bars[13][0] == pd.Timestamp("2026-07-01")  # cut at the period's start …
    start, days, _, _ = bars[25]
    assert start == pd.Timestamp("2026-11-11") and start + pd.Timedelta(days=days) == pd.Timestamp("2027-01-01")  # … end
    hover = next(h for t in fig.data if t.type == "bar" for n, h in t.customdata if n == 25)
    assert "продолжается после 31.12.2026" in hover


def test_one_day_events_are_a_few_pixels_wide_and_approximate_ones_hatched(txt_plan):
    bars = bars_by_event(seed_timeline(txt_plan))
    half_year = 184  # days from 1 July to 31 December
    start, days, shape, opacity = bars[18]  # "1 августа 2026 года"
    assert start == pd.Timestamp("2026-08-01") and days >= half_year / 120  # ≥ 7 px of a 900 px axis
    assert bars[2][1:] == (3.0, "", 1.0)  # "2-4 сентября 2026 года": three days, exact
    assert bars[1][2:] == ("/", 0.45)  # "август 2026 года": approximate, hatched and pale
    assert bars[11][2] == "/" and bars[27][2] == "/" and bars[59][2] == "/"  # quarter, half-year, year


def test_rows_are_grouped_under_sphere_headings(txt_plan, expected_rows):
    fig = seed_timeline(txt_plan)
    per_sphere: dict[str, int] = {}
    for r in expected_rows:
        if r["start"]:
            per_sphere[r["sphere"]] = per_sphere.get(r["sphere"], 0) + 1
    headings = [a.text for a in fig.layout.annotations if a.text.startswith("<b>В сфере")]
    assert headings == [f"<b>В сфере {s}</b> · {n}" for s, n in per_sphere.items()]
    assert per_sphere["культуры и туризма"] == 15  # № 13–27, all dated
    rows = {int(n): y for t in fig.data if t.type == "bar" for (n, _), y in zip(t.customdata, t.y)}
    # № 1 is in the first sphere, under its heading (row 0); the first event of the second sphere (№ 4)
    # sits under a second heading: 3 events and 2 headings above it.
    assert rows[1] == 1 and rows[4] == 5


def test_labels_name_the_event_and_the_whole_title_is_on_hover(txt_plan):
    fig = seed_timeline(txt_plan)
    labels = list(fig.layout.yaxis.ticktext)
    assert len(labels) == 66
    for label in labels:
        lines = label.split("<br>")
        assert len(lines) <= 2 and lines[0].split(". ", 1)[1]  # "12. Название…": never only "…"
    title_2 = txt_plan.events.set_index("n").loc[2, "title"]
    hover = next(h for t in fig.data if t.type == "bar" for n, h in t.customdata if n == 2)
    assert charts.wrap(title_2, 60) in hover


def test_today_line(txt_plan):
    fig = seed_timeline(txt_plan)
    assert any(s.type == "line" and s.x0 == "2026-09-15T00:00:00" for s in fig.layout.shapes)
    outside = charts.timeline(txt_plan.events, today=dt.date(2027, 3, 1), period=PERIOD)
    assert not any(s.type == "line" for s in outside.layout.shapes)  # not drawn beyond the range


def test_timeline_hover_says_a_date_is_approximate(txt_plan):
    fig = charts.timeline(txt_plan.events[txt_plan.events["n"] == 1])
    assert "срок: август 2026, дата уточняется" in fig.data[0].customdata[0][1]


def test_timeline_colours_by_country(txt_plan):
    fig = charts.timeline(txt_plan.events, color_by="country")
    names = {t.name for t in fig.data if t.type == "bar"}
    assert {"Беларусь", "несколько стран", "без зарубежных участников"} <= names


def week_events(*intervals):
    """A minimal event table: (sphere, start, end, precision) per row."""
    return pd.DataFrame({
        "n": range(1, len(intervals) + 1),
        "sphere": [i[0] for i in intervals],
        "start": pd.to_datetime([i[1] for i in intervals]),
        "end": pd.to_datetime([i[2] for i in intervals]),
        "precision": [i[3] for i in intervals],
    })


@pytest.mark.parametrize("intervals, want", [
    # 1 July 2026 is a Wednesday: its week starts on Monday 29 June.
    ([("спорта", "2026-07-01", "2026-07-01", "day")], [("спорта", "2026-06-29", 1, 0)]),
    # 6–19 July: two whole weeks.
    ([("спорта", "2026-07-06", "2026-07-19", "day")], [("спорта", "2026-07-06", 1, 0), ("спорта", "2026-07-13", 1, 0)]),
    # Sunday 12 July and Monday 13 July: one in each week; an approximate July in both and more.
    ([("спорта", "2026-07-12", "2026-07-13", "day"), ("культуры", "2026-07-01", "2026-07-31", "month")],
     [("спорта", "2026-07-06", 1, 0), ("спорта", "2026-07-13", 1, 0)]
     + [("культуры", w, 1, 1) for w in ("2026-06-29", "2026-07-06", "2026-07-13", "2026-07-20", "2026-07-27")]),
    # Two events in one week add up; an undated one counts nowhere.
    ([("спорта", "2026-07-07", "2026-07-08", "day"), ("спорта", "2026-07-09", "2026-07-09", "day"),
      ("спорта", None, None, "unknown")], [("спорта", "2026-07-06", 2, 0)]),
])
def test_events_per_sphere_per_week(intervals, want):
    table = counts.by_week(week_events(*intervals), dt.date(2026, 7, 1), dt.date(2026, 7, 31))
    got = [(s, f"{w:%Y-%m-%d}", n, a) for s, w, n, a in table.itertuples(index=False)]
    assert got == want


def test_a_plan_of_thousands_of_events_becomes_a_sphere_by_week_grid(txt_plan):
    many = pd.concat([txt_plan.events] * 5, ignore_index=True)  # 330 dated events
    many["n"] = range(1, len(many) + 1)
    fig = charts.timeline(many, period=PERIOD, today=dt.date(2026, 9, 15))
    bars = [t for t in fig.data if t.type == "bar"]
    assert len(bars) == 1 and len(fig.layout.yaxis.tickvals) == many["sphere"].nunique()
    cells = {(c[0], c[1]): c[2] for c in bars[0].customdata}  # [sphere, week's Monday, events, approximate, …]
    # The week of 31 August – 6 September: № 2 (2-4 сентября) is the only exact economic event in it,
    # and № 1 (август) overlaps it too; five copies of each.
    assert cells[("экономического развития", "2026-08-31")] == 10
    assert fig.layout.height < 1000  # a row per sphere, not per event
    assert [pd.Timestamp(x) for x in fig.layout.xaxis.range] == [pd.Timestamp("2026-07-01"), pd.Timestamp("2027-01-01")]


def test_overview_months_keep_to_the_plan_s_period_and_carry_the_month_key(txt_plan):
    fig = charts.month_bars(counts.by_month(txt_plan.events), today=dt.date(2026, 9, 15), period=PERIOD)
    keys = [c[0] for c in fig.data[0].customdata]
    assert keys == ["2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"]
    assert list(fig.layout.xaxis.ticktext) == ["июл 2026", "авг 2026", "сен 2026", "окт 2026", "ноя 2026", "дек 2026"]
    assert any(s.type == "line" and s.x0.startswith("2026-09-15") for s in fig.layout.shapes)


@pytest.mark.parametrize("n, want", [
    (2, "прошло"),  # 2-4 сентября
    (22, "идёт"),  # сентябрь 2026
    (5, "через 15 дней"),  # 30 сентября – 2 октября
    (3, "впереди"),  # октябрь 2026: approximate, no count of days
    (37, ""),  # undated
])
def test_how_far_an_event_is_from_today(txt_plan, n, want):
    events = txt_plan.events[txt_plan.events["n"] == n]
    assert counts.when_words(events, dt.date(2026, 9, 15)).iloc[0] == want


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


def marker_traces(fig):
    return [t for t in fig.data if t.type == "scattergeo" and t.mode == "markers+text"]


def test_map_traces_mark_country_level_places(txt_plan):
    venues = counts.venues(txt_plan.events)
    fig = charts.venue_map(venues, view="area")
    country_level = [t for t in marker_traces(fig) if t.name.endswith("(только страна)")]
    assert {t.name for t in country_level} == {"Узбекистан (только страна)", "Беларусь (только страна)"}
    assert all(t.marker.symbol == "diamond-open" for t in country_level)
    smolensk = venues[venues["name"] == "Смоленск"].iloc[0]
    # № 1, 12, 13, 17, 21, 22, 24–37, 42, 49–67 by hand: every venue naming г. Смоленск.
    assert smolensk["events"] == 40
    lon, lat = fig.layout.geo.lonaxis.range, fig.layout.geo.lataxis.range
    assert lon[0] <= 27.5 and lon[1] >= 77 and lat[0] <= 41 and lat[1] >= 60  # Minsk … Almaty, Tashkent, St Petersburg


def drawn(fig) -> list[dict]:
    """Every marker drawn: its key, places, position and events."""
    return [
        {"key": key, "places": charts.marker_places(key), "lon": lon, "lat": lat, "numbers": list(numbers)}
        for t in marker_traces(fig) for (key, numbers), lon, lat in zip(t.customdata, t.lon, t.lat)
    ]


def names_of(marker) -> set[str]:
    return {key.split("|")[0] for key in marker["places"]}


@pytest.mark.parametrize("view", ["area", "region"])
def test_no_two_markers_at_one_spot(txt_plan, view):
    fig = charts.venue_map(counts.venues(txt_plan.events), view=view)
    markers = drawn(fig)
    lon_range, lat_range = fig.layout.geo.lonaxis.range, fig.layout.geo.lataxis.range
    scale = charts._pixels_per_degree(lon_range, lat_range)
    points = [(m["lon"] * scale, -charts._mercator(m["lat"]) * scale) for m in markers]
    closest = min(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
                  for i, a in enumerate(points) for b in points[i + 1:])
    assert closest >= charts.MERGE_PX
    # Every one of the 26 places is on exactly one marker.
    places = [k for m in markers for k in m["places"]]
    assert len(places) == len(set(places)) == 26


def venue_table(*places):
    """A venues table as `counts.venues` makes it: (name, level, lat, lon, event numbers) per place."""
    return pd.DataFrame([
        {"name": name, "country": "RU", "level": level, "lat": lat, "lon": lon, "events": len(ns),
         "online_events": 0, "titles": [f"№ {n}. Мероприятие {n}" for n in ns], "numbers": list(ns)}
        for name, level, lat, lon, ns in places
    ])


def test_coincident_places_are_one_marker_listing_them_all():
    venues = venue_table(
        ("Смоленск", "settlement", 54.78, 32.05, [1, 2, 3]),
        ("Глущенки", "settlement", 54.78, 32.05, [3, 4]),  # the very same coordinates
        ("Рославль", "settlement", 53.95, 32.86, [5]),  # 100 km away: its own marker
    )
    fig = charts.venue_map(venues, view="region")
    markers = drawn(fig)
    assert [names_of(m) for m in markers] == [{"Смоленск", "Глущенки"}, {"Рославль"}]
    both = markers[0]
    assert both["places"] == ["Смоленск|RU|54.78000|32.05000", "Глущенки|RU|54.78000|32.05000"]
    assert both["numbers"] == [1, 2, 3, 4]  # № 3 is at both places: counted once
    trace = marker_traces(fig)[0]
    assert trace.text[0] == "Смоленск +1" and trace.marker.size[0] == charts.marker_size(4)
    assert "<b>Смоленск</b>" in trace.hovertext[0] and "<b>Глущенки</b>" in trace.hovertext[0]


def test_the_seed_s_smolensk_marker_lists_every_place_drawn_on_it(txt_plan):
    fig = charts.venue_map(counts.venues(txt_plan.events), view="region")
    smolensk = next(m for m in drawn(fig) if "Смоленск" in names_of(m))
    # № 1, 12, 13, … 67 by hand (see above) are at Смоленск; the marker holds them all, each once.
    assert {1, 12, 13, 17, 21, 22, 67} <= set(smolensk["numbers"])
    assert len(smolensk["numbers"]) == len(set(smolensk["numbers"]))


@pytest.mark.parametrize("view", ["area", "region"])
def test_a_country_or_region_known_only_as_such_is_drawn_apart_from_its_capital(txt_plan, view):
    fig = charts.venue_map(counts.venues(txt_plan.events), view=view)
    markers = drawn(fig)
    belarus = next(m for m in markers if names_of(m) == {"Беларусь"})
    minsk = next(m for m in markers if "Минск" in names_of(m))
    region = next(m for m in markers if names_of(m) == {"Смоленская область"})
    smolensk = next(m for m in markers if "Смоленск" in names_of(m))
    lon_range, lat_range = fig.layout.geo.lonaxis.range, fig.layout.geo.lataxis.range
    scale = charts._pixels_per_degree(lon_range, lat_range)

    def pixels(a, b):
        return ((a["lon"] - b["lon"]) ** 2 + (charts._mercator(a["lat"]) - charts._mercator(b["lat"])) ** 2) ** 0.5 * scale

    assert pixels(belarus, minsk) >= charts.APART_PX - 1e-6 and pixels(region, smolensk) >= charts.APART_PX - 1e-6
    # Belarus is drawn near its label point (28.0° E, 53.5° N), south-east of Minsk (27.6, 53.9).
    assert 27.5 < belarus["lon"] < 29.5 and 52.5 < belarus["lat"] < 53.8
    symbols = {t.name: t.marker.symbol for t in marker_traces(fig)}
    assert symbols["Россия (только регион)"] == "square-open" and symbols["Беларусь (только страна)"] == "diamond-open"


def test_the_area_view_fits_the_filtered_places(txt_plan):
    kazakhstan = txt_plan.events[txt_plan.events["n"].isin([2])]  # № 2: Алматы only
    fig = charts.venue_map(counts.venues(kazakhstan), view="area")
    lon, lat = fig.layout.geo.lonaxis.range, fig.layout.geo.lataxis.range
    assert lon[0] < 76.9 < lon[1] and lat[0] < 43.25 < lat[1]
    assert lon[1] - lon[0] < 20  # around Almaty, not Minsk to Almaty


def test_labels_stay_inside_the_map(txt_plan):
    for view in ("area", "region"):
        fig = charts.venue_map(counts.venues(txt_plan.events), view=view)
        lon_range, lat_range = fig.layout.geo.lonaxis.range, fig.layout.geo.lataxis.range
        scale = charts._pixels_per_degree(lon_range, lat_range)
        frame = (lon_range[0] * scale, -charts._mercator(lat_range[1]) * scale,
                 lon_range[1] * scale, -charts._mercator(lat_range[0]) * scale)
        labelled = 0
        for t in marker_traces(fig):
            for text, position, lon, lat, size in zip(t.text, t.textposition, t.lon, t.lat, t.marker.size):
                if not text:
                    continue
                labelled += 1
                box = charts._label_box(lon * scale, -charts._mercator(lat) * scale, size / 2, text, position)
                assert frame[0] <= box[0] and box[2] <= frame[2] and frame[1] <= box[1] and box[3] <= frame[3], text
        assert labelled >= 6, view


def test_oblast_borders_are_drawn_from_the_bundled_natural_earth_file(txt_plan):
    from smolplan.topojson import admin1_units

    fig = charts.venue_map(counts.venues(txt_plan.events), view="region")
    lines = [t for t in fig.data if t.type == "scattergeo" and t.mode == "lines"]
    assert len(lines) == 1 and lines[0].hoverinfo == "skip"
    lons = [x for x in lines[0].lon if x is not None]
    assert len(lons) > 100
    assert {u["iso"] for u in admin1_units()} >= {"RU-SMO", "BY-VI", "BY-MI", "KZ-ALA", "UZ-TO"}
    smolensk_oblast = next(u for u in admin1_units() if u["iso"] == "RU-SMO")
    assert smolensk_oblast["name"] == "Смоленская область"
    # Its outline reaches from near Велиж in the north-west to beyond Рославль in the south.
    xs = [x for ring in smolensk_oblast["rings"] for x, _ in ring]
    ys = [y for ring in smolensk_oblast["rings"] for _, y in ring]
    assert min(xs) < 31.0 < 35.0 < max(xs) and min(ys) < 53.9 < 56.0 < max(ys)


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
    assert all("<" not in (t.name or "") for t in figures[1].data)  # legend entries (sphere names)


def test_escaped_text_reads_as_written_in_the_rendered_image(txt_plan):
    from smolplan.images import figure_image

    events = txt_plan.events.head(3).copy()
    events["title"] = HOSTILE
    svg = figure_image(charts.timeline(events, title=HOSTILE), "svg").decode("utf-8")
    assert "&#60;a href=\"http://evil.example/\"&#62;Нажмите" in svg  # the text is there, as text …
    assert "<a " not in svg and "xlink:href" not in svg  # … not a link
    # and "<b>" made nothing bold (the sphere headings are bold by design, and say no "жирный")
    assert not re.search(r"font-weight:\s*bold[^>]*>[^<]*жирный", svg)


def test_the_map_files_are_the_ones_their_source_note_describes():
    """static/topojson/SOURCE.md gives each file's size and checksum: a refreshed file must update it."""
    import hashlib

    from smolplan.topojson import TOPOJSON_DIR

    note = (TOPOJSON_DIR / "SOURCE.md").read_text(encoding="utf-8")
    for name in ("world_110m.json", "world_50m.json", "admin1.json"):
        data = (TOPOJSON_DIR / name).read_bytes()
        row = next(line for line in note.splitlines() if line.startswith(f"| `{name}` |"))
        size, digest = (cell.strip().strip("`") for cell in row.split("|")[2:4])
        assert int(size.replace(" ", "")) == len(data) and digest == hashlib.sha256(data).hexdigest(), name
