"""Figures: pure functions from the events (or a derived table) to a plotly Figure.

Every chart that can be clicked carries its key in `customdata[0]` (event number, sphere,
country code or month), which is what a page reads back from a selection.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative

from smolplan.counts import NO_PARTNER
from smolplan.countries import HOME, country_name_ru
from smolplan.wording import PRECISION_RU, interval_in_words
from smolplan.places import LEVEL_NAMES_RU

PALETTE = qualitative.Plotly + qualitative.Safe + qualitative.Pastel
HOME_COLOR = "#7f7f7f"
FONT = dict(family="DejaVu Sans, Arial, sans-serif", size=12)
DAY_MS = 86_400_000

# Map views: the Smolensk region, and the whole area from Minsk to Almaty and Tashkent.
REGION_VIEW = dict(lon=(28.8, 36.2), lat=(53.1, 56.4))
AREA_VIEW = dict(lon=(22.0, 80.0), lat=(36.5, 61.5))


def as_text(text: str) -> str:
    """Document or URL text for a plotly string. Plotly reads <b>, <a href>, <span style> in labels,
    hovers and titles as markup; escaped, a cell "<a href=…>" shows as written and links nowhere."""
    return html.escape(str(text), quote=False)


def wrap(text: str, width: int = 32) -> str:
    """Plain text broken into lines of `width` (escaped, then joined with plotly's <br>)."""
    return "<br>".join(as_text(line) for line in textwrap.wrap(str(text), width)) or as_text(text)


def shorten(text: str, width: int = 60) -> str:
    """Plain text cut to `width` characters with "…" (escaped for plotly)."""
    text = str(text)
    return as_text(text if len(text) <= width else text[: width - 1].rstrip() + "…")


def _layout(fig: go.Figure, title: str | None, height: int) -> go.Figure:
    fig.update_layout(
        title=dict(text=wrap(title, 90) if title else None, x=0, xanchor="left", font=dict(size=15)),
        height=height, font=FONT, margin=dict(l=10, r=30, t=60 if title else 20, b=50),
        plot_bgcolor="white", paper_bgcolor="white", hoverlabel=dict(align="left"),
        legend=dict(title=None), dragmode=False,
    )
    return fig


def with_title(fig: go.Figure, title: str) -> go.Figure:
    """A copy titled for a file: a chart saved to a briefing must say which events it shows."""
    copy = go.Figure(fig)
    copy.update_layout(title=dict(text=wrap(title, 90), x=0, xanchor="left", font=dict(size=15)),
                       margin=dict(t=max(60, (copy.layout.margin.t or 0))))
    return copy


def sphere_colors(events: pd.DataFrame) -> dict[str, str]:
    """A colour per sphere, fixed by the whole plan's order so it does not change as filters change."""
    return {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(dict.fromkeys(events["sphere"]))}


def country_colors(events: pd.DataFrame) -> dict[str, str]:
    """A colour per partner country (most frequent first) and grey for Russia, from the whole plan."""
    counts: dict[str, int] = {}
    for codes in list(events["partner_countries"]) + list(events["venue_countries"]):
        for code in codes:
            counts[code] = counts.get(code, 0) + 1
    ordered = sorted((c for c in counts if c != HOME), key=lambda c: (-counts[c], c))
    colors = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(ordered)}
    colors[HOME] = HOME_COLOR
    colors[NO_PARTNER] = "#bdbdbd"
    return colors


def event_label(n: int, title: str) -> str:
    return f"{n}. {shorten(title, 55)}"


def date_hover(start, end, precision: str) -> str:
    """"срок: август 2026, дата уточняется" for approximate dates, the exact days otherwise."""
    words = interval_in_words(start, end, precision)
    if precision in ("day", "unknown"):
        return f"срок: {words}"
    return f"срок: {words}, дата уточняется (точность: {PRECISION_RU[precision]})"


def timeline(events: pd.DataFrame, color_by: str = "sphere", colors: dict[str, str] | None = None,
             today: dt.date | None = None, title: str | None = None) -> go.Figure:
    """Gantt by sphere: one bar per dated event; approximate dates hatched and pale; a line for today."""
    dated = events[events["start"].notna()].copy()
    order = list(dict.fromkeys(events["sphere"]))
    dated["sphere_order"] = dated["sphere"].map({s: i for i, s in enumerate(order)})
    dated = dated.sort_values(["sphere_order", "start", "n"])
    dated["label"] = [event_label(n, t) for n, t in zip(dated["n"], dated["title"])]
    if color_by == "country":
        dated["group"] = dated["partner_countries"].map(
            lambda cs: cs[0] if len(cs) == 1 else ("несколько стран" if cs else NO_PARTNER)
        )
        names = lambda g: country_name_ru(g) if g not in (NO_PARTNER, "несколько стран") else (  # noqa: E731
            "без зарубежных участников" if g == NO_PARTNER else g)
    else:
        dated["group"] = dated["sphere"]
        names = lambda g: g  # noqa: E731
    colors = colors or {}
    fig = go.Figure()
    for i, (group, rows) in enumerate(dated.groupby("group", sort=False)):
        approximate = rows["precision"].astype(str) != "day"
        duration = (rows["end"] - rows["start"]).dt.days.add(1) * DAY_MS
        hover = [
            f"<b>№ {n}</b> {wrap(t, 60)}<br>{date_hover(s, e, str(p))}"
            + (f"<br>({wrap(note, 60)})" if note else "") + f"<br>место: {wrap(v, 60)}"
            for n, t, s, e, p, note, v in zip(rows["n"], rows["title"], rows["start"], rows["end"], rows["precision"],
                                              rows["date_note"], rows["venue"])
        ]
        fig.add_trace(go.Bar(
            orientation="h", y=rows["label"], x=duration, base=rows["start"].dt.strftime("%Y-%m-%d"),
            name=shorten(names(group), 45),
            marker=dict(
                color=colors.get(group, PALETTE[i % len(PALETTE)]),
                opacity=[0.45 if a else 1.0 for a in approximate],
                pattern=dict(shape=["/" if a else "" for a in approximate], solidity=0.3),
                line=dict(color="#333333", width=[0 if a else 0.5 for a in approximate]),
            ),
            customdata=list(zip(rows["n"], hover)), hovertemplate="%{customdata[1]}<extra></extra>",
        ))
    rows_count = max(len(dated), 1)
    fig.update_yaxes(categoryorder="array", categoryarray=list(dated["label"])[::-1], automargin=True,
                     tickfont=dict(size=11), showgrid=False)
    fig.update_xaxes(type="date", showgrid=True, gridcolor="#e5e5e5", tickformat="%d.%m.%Y", side="top")
    _sphere_separators(fig, dated)
    if today is not None:
        _today_line(fig, today)
    fig.update_layout(barmode="overlay", bargap=0.25, legend=dict(orientation="h", y=-0.02, yanchor="top"))
    return _layout(fig, title, height=160 + 24 * rows_count)


def _sphere_separators(fig: go.Figure, dated: pd.DataFrame) -> None:
    labels = list(dated["label"])
    spheres = list(dated["sphere"])
    for i in range(1, len(labels)):
        if spheres[i] != spheres[i - 1]:
            fig.add_hline(y=len(labels) - i - 0.5, line=dict(color="#999999", width=1, dash="dot"))


def _today_line(fig: go.Figure, today: dt.date) -> None:
    x = today.isoformat()
    fig.add_shape(type="line", x0=x, x1=x, y0=0, y1=1, yref="paper", line=dict(color="#d62728", width=2))
    fig.add_annotation(x=x, y=0, yref="paper", text="сегодня", showarrow=False, yanchor="top",
                       font=dict(color="#d62728"), bgcolor="white")


def _count_axis(values) -> dict:
    """Whole numbers only, and room beyond the longest bar for its number."""
    top = max([0, *values])
    axis = dict(range=[0, max(1, top) * 1.15], tickformat="d", rangemode="tozero")
    if top <= 10:
        axis["dtick"] = 1
    return axis


def sphere_bars(counts: pd.DataFrame, colors: dict[str, str] | None = None, title: str | None = None) -> go.Figure:
    colors = colors or {}
    rows = counts.iloc[::-1]
    fig = go.Figure(go.Bar(
        orientation="h", x=rows["events"], y=[wrap(s, 40) for s in rows["sphere"]], text=rows["events"],
        textposition="outside", marker_color=[colors.get(s, PALETTE[0]) for s in rows["sphere"]],
        customdata=list(zip(rows["sphere"])), hovertemplate="%{y}: %{x}<extra></extra>", cliponaxis=False,
    ))
    fig.update_xaxes(title="мероприятий", gridcolor="#e5e5e5", **_count_axis(rows["events"]))
    fig.update_yaxes(automargin=True)
    return _layout(fig, title, height=max(300, 120 + 34 * len(rows)))


def country_bars(counts: pd.DataFrame, colors: dict[str, str] | None = None, title: str | None = None) -> go.Figure:
    colors = colors or {}
    rows = counts.iloc[::-1]
    fig = go.Figure(go.Bar(
        orientation="h", x=rows["events"], y=rows["name"], text=rows["events"], textposition="outside",
        marker_color=[colors.get(c, PALETTE[0]) for c in rows["country"]],
        customdata=list(zip(rows["country"])), hovertemplate="%{y}: %{x}<extra></extra>", cliponaxis=False,
    ))
    fig.update_xaxes(title="мероприятий", gridcolor="#e5e5e5", **_count_axis(rows["events"]))
    fig.update_yaxes(automargin=True)
    return _layout(fig, title, height=max(300, 120 + 30 * len(rows)))


def executor_bars(counts: pd.DataFrame, title: str | None = None) -> go.Figure:
    """Events per executing body (`counts.by_executor`), the key in customdata[0]."""
    rows = counts.iloc[::-1]
    fig = go.Figure(go.Bar(
        orientation="h", x=rows["events"], y=[wrap(e, 40) for e in rows["executor"]], text=rows["events"],
        textposition="outside", marker_color=PALETTE[0], customdata=list(zip(rows["executor"])),
        hovertemplate="%{y}: %{x}<extra></extra>", cliponaxis=False,
    ))
    fig.update_xaxes(title="мероприятий", gridcolor="#e5e5e5", **_count_axis(rows["events"]))
    fig.update_yaxes(automargin=True)
    return _layout(fig, title, height=max(300, 120 + 34 * len(rows)))


def sphere_country_matrix(long: pd.DataFrame, title: str | None = None) -> go.Figure:
    """Sphere × country as sized, labelled points (a heatmap's selections do not reach Streamlit)."""
    size = [12 + 10 * math.sqrt(v) for v in long["events"]]
    fig = go.Figure(go.Scatter(
        x=long["name"], y=[wrap(s, 36) for s in long["sphere"]], mode="markers+text", text=long["events"],
        marker=dict(size=size, color="#1f77b4", opacity=0.75, line=dict(color="white", width=1)),
        textfont=dict(color="white", size=11),
        customdata=list(zip(long["sphere"], long["country"])),
        hovertemplate="%{y}<br>%{x}: %{text}<extra></extra>",
    ))
    fig.update_xaxes(side="top", tickangle=-30, showgrid=True, gridcolor="#eeeeee")
    fig.update_yaxes(automargin=True, showgrid=True, gridcolor="#eeeeee", autorange="reversed")
    rows = long["sphere"].nunique()
    return _layout(fig, title, height=200 + 48 * max(rows, 1))


def month_bars(counts: pd.DataFrame, title: str | None = None) -> go.Figure:
    fig = go.Figure(go.Bar(
        x=counts["label"], y=counts["events"], text=counts["events"], textposition="outside",
        marker_color="#1f77b4", customdata=[[m.strftime("%Y-%m-%d")] for m in counts["month"]],
        hovertemplate="%{x}: %{y}<extra></extra>", cliponaxis=False,
    ))
    fig.update_yaxes(title="мероприятий", gridcolor="#e5e5e5", **_count_axis(counts["events"]))
    return _layout(fig, title, height=360)


def venue_map(venues: pd.DataFrame, view: str = "area", colors: dict[str, str] | None = None,
              title: str | None = None) -> go.Figure:
    """Venues sized by events, coloured by country; country-level places as open diamonds; online events as rings."""
    colors = colors or {}
    labelled = _labels_that_fit(venues)
    fig = go.Figure()
    for (country, level_kind), rows in venues.groupby(
        [venues["country"], venues["level"].eq("country")], sort=False
    ):
        name = country_name_ru(country) + (" (только страна)" if level_kind else "")
        hover = [
            f"<b>{n}</b> ({LEVEL_NAMES_RU[lv]})<br>мероприятий: {e}"
            + (f", из них дистанционно: {o}" if o else "")
            + "<br>" + "<br>".join(shorten(t, 70) for t in ts[:12])
            + (f"<br>… и ещё {len(ts) - 12}" if len(ts) > 12 else "")
            for n, lv, e, o, ts in zip(rows["name"], rows["level"], rows["events"], rows["online_events"], rows["titles"])
        ]
        fig.add_trace(go.Scattergeo(
            lon=rows["lon"], lat=rows["lat"], name=name,
            # Names on the map only in the region view: across the whole area Minsk, Vitebsk and Smolensk collide.
            mode="markers+text" if view in ("region", "fit") else "markers",
            text=[n if show else "" for n, show in zip(rows["name"], labelled.loc[rows.index])],
            textposition="top center",
            textfont=dict(size=11, color="#333333"),
            marker=dict(
                size=[8 + 6 * math.sqrt(e) for e in rows["events"]],
                color=colors.get(country, PALETTE[len(fig.data) % len(PALETTE)]),
                symbol="diamond-open" if level_kind else "circle",
                line=dict(width=2 if level_kind else 1, color="white" if not level_kind else colors.get(country, "#333")),
                opacity=0.85,
            ),
            customdata=list(zip(rows["name"], rows["country"])), hovertext=hover, hoverinfo="text",
        ))
    online = venues[venues["online_events"] > 0]
    if not online.empty:
        fig.add_trace(go.Scattergeo(
            lon=online["lon"], lat=online["lat"], mode="markers", name="в т. ч. дистанционные (кольцо)",
            marker=dict(size=[14 + 6 * math.sqrt(e) for e in online["events"]], symbol="circle-open",
                        color="#ff7f0e", line=dict(width=2)),
            hoverinfo="skip",
        ))
    lon, lat = _view_ranges(venues, view)
    fig.update_geos(
        scope="world", projection_type="mercator", resolution=110 if view == "area" else 50,
        showland=True, landcolor="#f2efe6", showcountries=True, countrycolor="#8c8c8c", countrywidth=1,
        showcoastlines=True, coastlinecolor="#9e9e9e", showocean=True, oceancolor="#dcebf5",
        showlakes=True, lakecolor="#dcebf5", showrivers=view != "area", rivercolor="#cfe3f0",
        lonaxis_range=list(lon), lataxis_range=list(lat), showframe=False,
    )
    fig.update_layout(legend=dict(orientation="h", y=-0.02, yanchor="top"))
    return _layout(fig, title, height=620)


def _labels_that_fit(venues: pd.DataFrame, radius: float = 0.25) -> pd.Series:
    """Name a place only if no busier place lies within `radius` degrees (names around Smolensk collide)."""
    shown: list[tuple[float, float]] = []
    keep = pd.Series(False, index=venues.index)
    for index, lat, lon in venues.sort_values("events", ascending=False)[["lat", "lon"]].itertuples():
        if all(abs(lat - a) > radius or abs(lon - b) > radius * 1.7 for a, b in shown):
            keep[index] = True
            shown.append((lat, lon))
    return keep


def _view_ranges(venues: pd.DataFrame, view: str) -> tuple[tuple[float, float], tuple[float, float]]:
    """"region": the Smolensk region; "area": Minsk to Almaty and Tashkent, widened to every venue;
    "fit": just around the venues shown (for a briefing about a few places)."""
    if view == "region":
        return REGION_VIEW["lon"], REGION_VIEW["lat"]
    if view == "fit" and not venues.empty:
        lon_mid, lat_mid = (venues["lon"].min() + venues["lon"].max()) / 2, (venues["lat"].min() + venues["lat"].max()) / 2
        half_lon = max(3.5, (venues["lon"].max() - venues["lon"].min()) / 2 + 1.5)
        half_lat = max(2.0, (venues["lat"].max() - venues["lat"].min()) / 2 + 1.0)
        return (lon_mid - half_lon, lon_mid + half_lon), (lat_mid - half_lat, lat_mid + half_lat)
    lon, lat = AREA_VIEW["lon"], AREA_VIEW["lat"]
    if not venues.empty:  # a later plan may reach further: widen the area to every venue
        lon = (min(lon[0], venues["lon"].min() - 3), max(lon[1], venues["lon"].max() + 3))
        lat = (min(lat[0], venues["lat"].min() - 3), max(lat[1], venues["lat"].max() + 3))
    return lon, lat
