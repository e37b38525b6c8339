"""Figures: pure functions from the events (or a derived table) to a plotly Figure.

Every chart that can be clicked carries its key in `customdata[0]`, which is what a page reads
back from a selection: the event's number on Gantt bars and the arrows at their cut ends; the
sphere on sphere bars and on the cells of the week grid (then the week's Monday, "YYYY-MM-DD");
the country code (ISO-2 or a group token) on country bars; "YYYY-MM" on month bars; on map
markers the marker's place key (`place_key`, several joined by ";" where places share a marker,
split by `marker_places`) and then the list of its event numbers.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative

from smolplan.counts import NO_PARTNER, by_week
from smolplan.countries import HOME, country_name_ru
from smolplan.wording import PRECISION_RU, interval_in_words
from smolplan.places import LEVEL_NAMES_RU
from smolplan.topojson import admin1_outlines
from smolplan.wording import MONTHS_NOMINATIVE, count_of

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


def date_hover(start, end, precision: str) -> str:
    """"срок: август 2026, дата уточняется" for approximate dates, the exact days otherwise."""
    words = interval_in_words(start, end, precision)
    if precision in ("day", "unknown"):
        return f"срок: {words}"
    return f"срок: {words}, дата уточняется (точность: {PRECISION_RU[precision]})"


# Beyond this many dated events a Gantt is thousands of rows: the timeline becomes a sphere × week grid.
AGGREGATE_ABOVE = 300
ROW_PX = 28  # one Gantt row: two lines of a wrapped label
CONTINUES = "#444444"


def timeline(events: pd.DataFrame, color_by: str = "sphere", colors: dict[str, str] | None = None,
             today: dt.date | None = None, title: str | None = None,
             period: tuple[dt.date | None, dt.date | None] | None = None) -> go.Figure:
    """Gantt under sphere headings over the plan's `period` (else the events' span): approximate dates
    hatched and pale, bars cut at the period's edges marked with an arrow, a date axis at the top and
    the bottom, a line for today. Beyond AGGREGATE_ABOVE dated events: `week_grid` instead.

    Clickable traces carry customdata [event n, hover text]."""
    start, end = timeline_span(events, period)
    dated = events[events["start"].notna()].copy()
    if len(dated) > AGGREGATE_ABOVE:
        return week_grid(by_week(events, start.date(), end.date()), list(dict.fromkeys(events["sphere"])),
                         (start, end), today=today, title=title)
    order = list(dict.fromkeys(events["sphere"]))
    dated["sphere_order"] = dated["sphere"].map({s: i for i, s in enumerate(order)})
    dated = dated.sort_values(["sphere_order", "start", "n"])
    dated["row"], headings = _rows_under_headings(list(dated["sphere"]))
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
    last_day = end + pd.Timedelta(days=1)  # the period's end is inclusive: its day ends at midnight after
    shortest = (last_day - start) / 120  # a one-day event is still a few pixels wide
    fig = go.Figure()
    for i, (group, rows) in enumerate(dated.groupby("group", sort=False)):
        approximate = rows["precision"].astype(str) != "day"
        bar_start = rows["start"].clip(lower=start, upper=end)
        bar_end = (rows["end"] + pd.Timedelta(days=1)).clip(lower=start + shortest, upper=last_day)
        bar_end = bar_end.where(bar_end - bar_start >= shortest, bar_start + shortest)
        bar_start = bar_start.where(bar_end <= last_day, last_day - shortest)
        bar_end = bar_end.clip(upper=last_day)
        hover = [_event_hover(r, start, end) for r in rows.itertuples()]
        fig.add_trace(go.Bar(
            orientation="h", y=rows["row"], x=(bar_end - bar_start).dt.total_seconds() * 1000,
            base=bar_start.dt.strftime("%Y-%m-%dT%H:%M:%S"), name=shorten(names(group), 45), width=0.72,
            marker=dict(
                color=colors.get(group, PALETTE[i % len(PALETTE)]),
                opacity=[0.45 if a else 1.0 for a in approximate],
                pattern=dict(shape=["/" if a else "" for a in approximate], solidity=0.3),
                line=dict(color="#333333", width=[0 if a else 0.5 for a in approximate]),
            ),
            customdata=list(zip(rows["n"], hover)), hovertemplate="%{customdata[1]}<extra></extra>",
            # While a bar is picked the others fade, but pale approximate ones stay visible.
            unselected=dict(marker=dict(opacity=0.3)),
        ))
    _continuation_marks(fig, dated, start, end, last_day)
    rows_count = len(dated) + len(headings)
    labels = {r: _row_label(n, t) for r, n, t in zip(dated["row"], dated["n"], dated["title"])}
    fig.update_yaxes(
        range=[rows_count - 0.5, -0.5], tickmode="array", tickvals=list(labels), ticktext=list(labels.values()),
        tickfont=dict(size=10), automargin=True, showgrid=False, zeroline=False, fixedrange=True,
    )
    # Shapes and annotations are set at once: plotly's add_shape re-validates every earlier one.
    per_sphere = dated["sphere"].value_counts()
    shapes = [dict(type="rect", xref="paper", x0=0, x1=1, y0=row - 0.5, y1=row + 0.5, layer="below",
                   fillcolor="#eef1f5", line=dict(width=0)) for row, _ in headings]
    annotations = [dict(xref="paper", x=0.003, y=row, xanchor="left", showarrow=False, align="left",
                        text=f"<b>{as_text(sphere_heading(sphere))}</b> · {per_sphere[sphere]}",
                        font=dict(size=12, color="#262730")) for row, sphere in headings]
    _date_axes(fig, start, last_day, rows_count)
    if today is not None:  # labelled above the top axis' month names
        _add(shapes, annotations, _today_line(today, start, last_day, label_above=True, label_shift=22))
    fig.update_layout(shapes=shapes, annotations=annotations)
    fig.update_layout(barmode="overlay", showlegend=color_by != "sphere",
                      legend=dict(orientation="h", yref="container", y=0, yanchor="bottom"))
    top, bottom = (95 if title else 60), (110 if color_by != "sphere" else 50)
    fig = _layout(fig, title, height=top + bottom + ROW_PX * rows_count)
    fig.update_layout(margin=dict(t=top, b=bottom))
    return fig


def timeline_span(events: pd.DataFrame, period=None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The days the timeline shows: the plan's period, else the span of the events' dates."""
    if period and period[0] and period[1]:
        return pd.Timestamp(period[0]), pd.Timestamp(period[1])
    dated = events[events["start"].notna()]
    if dated.empty:
        today = pd.Timestamp.today().normalize()
        return today, today + pd.Timedelta(days=30)
    return dated["start"].min(), dated["end"].max()


def sphere_heading(sphere: str) -> str:
    """"культуры и туризма" → "В сфере культуры и туризма", as the plan's section rows say it."""
    return f"В сфере {sphere}" if sphere and sphere[0].islower() else (sphere or "Без сферы")


def _rows_under_headings(spheres: list[str]) -> tuple[list[int], list[tuple[int, str]]]:
    """Row numbers of the events (in order) and of a heading row before each sphere's first event."""
    rows, headings, row = [], [], 0
    for i, sphere in enumerate(spheres):
        if i == 0 or sphere != spheres[i - 1]:
            headings.append((row, sphere))
            row += 1
        rows.append(row)
        row += 1
    return rows, headings


def _row_label(n: int, title: str, width: int = 46) -> str:
    """"12. Начало названия…" on two lines; the whole name is in the bar's hover."""
    lines = textwrap.wrap(f"{n}. {title}", width)
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), width, placeholder="…")]
    return "<br>".join(as_text(line) for line in lines)


def _event_hover(row, start: pd.Timestamp, end: pd.Timestamp) -> str:
    text = f"<b>№ {row.n}</b> {wrap(row.title, 60)}<br>{date_hover(row.start, row.end, str(row.precision))}"
    if row.date_note:
        text += f"<br>({wrap(row.date_note, 60)})"
    if row.start < start:
        text += f"<br>начинается до {start:%d.%m.%Y} — до начала периода плана"
    if row.end > end:
        text += f"<br>продолжается после {end:%d.%m.%Y} — после конца периода плана"
    return text + f"<br>место: {wrap(row.venue, 60)}"


def _continuation_marks(fig: go.Figure, dated: pd.DataFrame, start, end, last_day) -> None:
    """Arrows at the period's edges on the bars of events that begin before it or go on after it."""
    for side, mask, x, symbol in (
        ("before", dated["start"] < start, start, "triangle-left"),
        ("after", dated["end"] > end, last_day, "triangle-right"),
    ):
        rows = dated[mask]
        if rows.empty:
            continue
        hover = [_event_hover(r, start, end) for r in rows.itertuples()]
        fig.add_trace(go.Scatter(
            x=[x] * len(rows), y=rows["row"], mode="markers", cliponaxis=False,
            name="начинается раньше периода" if side == "before" else "продолжается после периода",
            marker=dict(symbol=symbol, size=11, color=CONTINUES), customdata=list(zip(rows["n"], hover)),
            hovertemplate="%{customdata[1]}<extra></extra>", showlegend=False,
        ))


def month_ticks(start: pd.Timestamp, last_day: pd.Timestamp) -> tuple[list, list, list]:
    """(month starts for grid lines, month middles, their Russian names): the year is named on the
    first month and on every January; past 14 months every quarter's first month only."""
    starts = [m for m in pd.date_range(start.to_period("M").to_timestamp(), last_day, freq="MS") if m < last_day]
    step = 1 if len(starts) <= 14 else 3
    middles, names = [], []
    for i, month in enumerate(starts):
        if i % step:
            continue
        middle = max(start, month) + (min(last_day, month + pd.offsets.MonthBegin(1)) - max(start, month)) / 2
        name = MONTHS_NOMINATIVE[month.month - 1] if len(starts) <= 8 else MONTHS_NOMINATIVE[month.month - 1][:3]
        middles.append(middle)
        names.append(f"{name} {month.year}" if i == 0 or month.month == 1 else name)
    return [m for m in starts if m > start], middles, names


def _date_axes(fig: go.Figure, start: pd.Timestamp, last_day: pd.Timestamp, rows_count: int) -> None:
    """The period's months at the bottom and, through an overlaying axis, again at the top."""
    grid, middles, names = month_ticks(start, last_day)
    axis = dict(
        type="date", range=[start, last_day], tickmode="array", tickvals=middles, ticktext=names, ticks="",
        showgrid=False, zeroline=False, showline=True, linecolor="#999999", fixedrange=True,
        minor=dict(tickmode="array", tickvals=grid, showgrid=True, gridcolor="#d0d0d0", ticks="outside",
                   ticklen=8, tickcolor="#999999"),
        tickfont=dict(size=12),
    )
    fig.update_layout(xaxis=dict(side="bottom", **axis), xaxis2=dict(side="top", overlaying="x", matches="x", **axis))
    # An axis shows only with a trace on it: an invisible line (lines return no selection in Streamlit).
    fig.add_trace(go.Scatter(x=[start, last_day], y=[0, 0], xaxis="x2", mode="lines", line=dict(width=0),
                             hoverinfo="skip", showlegend=False))


def _today_line(today: dt.date, start: pd.Timestamp | None = None, last_day: pd.Timestamp | None = None,
                label_above: bool = False, label_shift: int = 0, behind: bool = False) -> tuple[dict, dict] | None:
    """(shape, annotation) of a red line on today's date, labelled inside the plot's top (or just above
    it), if today falls in the range shown; `behind` the bars where it would cross their numbers."""
    day = pd.Timestamp(today)
    if (start is not None and day < start) or (last_day is not None and day >= last_day):
        return None
    x = day.isoformat()
    return (
        dict(type="line", x0=x, x1=x, y0=0, y1=1, yref="paper", line=dict(color="#d62728", width=2),
             layer="below" if behind else "above"),
        dict(x=x, y=1, yref="paper", text=f"сегодня {today:%d.%m}", showarrow=False,
             yanchor="bottom" if label_above else "top", yshift=label_shift, xanchor="left",
             font=dict(color="#d62728", size=11), bgcolor="rgba(255,255,255,0.85)"),
    )


def _add(shapes: list, annotations: list, line: tuple[dict, dict] | None) -> None:
    if line:
        shapes.append(line[0])
        annotations.append(line[1])


def week_grid(weekly: pd.DataFrame, spheres: list[str], span: tuple[pd.Timestamp, pd.Timestamp],
              today: dt.date | None = None, title: str | None = None) -> go.Figure:
    """Events per sphere per week as a grid of bars, darker for more (a timeline of thousands of events).

    Bars, not a heatmap: Streamlit returns no selection from heatmaps. customdata is
    [sphere, week's Monday "YYYY-MM-DD", events, of which approximate]."""
    start, end = span
    last_day = end + pd.Timedelta(days=1)
    shown = [s for s in spheres if s in set(weekly["sphere"])]
    row = {s: i for i, s in enumerate(shown)}
    week_start = weekly["week"].clip(lower=start)
    week_end = (weekly["week"] + pd.Timedelta(days=7)).clip(upper=last_day)
    hover = [
        f"<b>{as_text(sphere_heading(s))}</b><br>неделя с {w:%d.%m.%Y}: {count_of(int(n), 'мероприятие')}"
        + (f"<br>из них с приблизительными сроками: {a}" if a else "")
        for s, w, n, a in zip(weekly["sphere"], weekly["week"], weekly["events"], weekly["approximate"])
    ]
    fig = go.Figure(go.Bar(
        orientation="h", y=weekly["sphere"].map(row), base=week_start.dt.strftime("%Y-%m-%d"),
        x=(week_end - week_start).dt.total_seconds() * 1000, width=0.86,
        marker=dict(color=weekly["events"], colorscale="Blues", cmin=0,
                    cmax=max(1, int(weekly["events"].max()) if len(weekly) else 1), line=dict(width=0.5, color="white"),
                    colorbar=dict(title=dict(text="мероприятий<br>в неделю", side="top"), thickness=12)),
        customdata=[[s, f"{w:%Y-%m-%d}", int(n), int(a), h] for s, w, n, a, h in zip(
            weekly["sphere"], weekly["week"], weekly["events"], weekly["approximate"], hover)],
        hovertemplate="%{customdata[4]}<extra></extra>", showlegend=False,
    ))
    fig.update_yaxes(range=[len(shown) - 0.5, -0.5], tickmode="array", tickvals=list(range(len(shown))),
                     ticktext=[wrap(sphere_heading(s), 36) for s in shown], automargin=True, showgrid=False,
                     zeroline=False, fixedrange=True, tickfont=dict(size=11))
    _date_axes(fig, start, last_day, len(shown))
    if today is not None:
        line = _today_line(today, start, last_day, label_above=True, label_shift=22)
        if line:
            fig.update_layout(shapes=[line[0]], annotations=[line[1]])
    top = 95 if title else 60
    fig = _layout(fig, title, height=top + 50 + 44 * max(len(shown), 1))
    fig.update_layout(margin=dict(t=top, b=50))
    return fig


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


def country_bars(counts: pd.DataFrame, colors: dict[str, str] | None = None, title: str | None = None,
                 height: int | None = None) -> go.Figure:
    colors = colors or {}
    rows = counts.iloc[::-1]
    fig = go.Figure(go.Bar(
        orientation="h", x=rows["events"], y=rows["name"], text=rows["events"], textposition="outside",
        marker_color=[colors.get(c, PALETTE[0]) for c in rows["country"]],
        customdata=list(zip(rows["country"])), hovertemplate="%{y}: %{x}<extra></extra>", cliponaxis=False,
    ))
    fig.update_xaxes(title="мероприятий", gridcolor="#e5e5e5", **_count_axis(rows["events"]))
    fig.update_yaxes(automargin=True)
    return _layout(fig, title, height=height or max(300, 120 + 30 * len(rows)))


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


def month_bars(counts: pd.DataFrame, title: str | None = None, today: dt.date | None = None,
               height: int = 360, period: tuple[dt.date | None, dt.date | None] | None = None) -> go.Figure:
    """Events per month on a date axis (so a line can mark today); with the plan's `period`, only its
    months (a year-long event would add a bar of one to every month before it). customdata ["YYYY-MM"]."""
    if period and period[0] and period[1]:
        start, end = pd.Timestamp(period[0]).to_period("M").to_timestamp(), pd.Timestamp(period[1])
        counts = counts[(counts["month"] >= start) & (counts["month"] <= end)]
    middles = [m + (m + pd.offsets.MonthBegin(1) - m) / 2 for m in counts["month"]]
    widths = [0.8 * (m + pd.offsets.MonthBegin(1) - m).total_seconds() * 1000 for m in counts["month"]]
    fig = go.Figure(go.Bar(
        x=middles, y=counts["events"], width=widths, text=counts["events"], textposition="outside",
        marker_color="#1f77b4", customdata=[[f"{m:%Y-%m}"] for m in counts["month"]],
        hovertext=list(counts["label"]), hovertemplate="%{hovertext}: %{y}<extra></extra>", cliponaxis=False,
    ))
    fig.update_yaxes(title="мероприятий", gridcolor="#e5e5e5", **_count_axis(counts["events"]))
    if len(counts):
        first = counts["month"].iloc[0]
        last_day = counts["month"].iloc[-1] + pd.offsets.MonthBegin(1)
        fig.update_xaxes(type="date", range=[first, last_day], tickmode="array", tickvals=middles,
                         ticktext=list(counts["label"]), showgrid=False, fixedrange=True)
        line = _today_line(today, first, last_day, label_above=True, behind=True) if today is not None else None
        if line:
            fig.update_layout(shapes=[line[0]], annotations=[line[1]])
    return _layout(fig, title, height=height)


# The map's plot area in pixels (the page's width at 1366 px less the sidebar; the figure's height
# less its margins): how far apart two markers are drawn, to merge those that would cover each other.
MAP_PX = (880, 480)
LEGEND_ROW_PX = 24  # a row of the legend under the map (three entries a row)
# A marker whose centre is this close to another's, or well inside a bigger one, is merged into it:
# one marker listing every place.
MERGE_PX = 9
APART_PX = 18  # a place known only as a country or region keeps at least this far from any other marker
ONLINE_COLOR = "#ff7f0e"
AREA_LEVELS = {"country": ("diamond-open", " (только страна)"), "region": ("square-open", " (только регион)")}


def place_key(name: str, country: str, lat: float, lon: float) -> str:
    """A place's key in map selections: "name|country|lat|lon" (the gazetteer's coordinates, 5 decimals)."""
    return f"{name}|{country}|{lat:.5f}|{lon:.5f}"


def marker_places(key: str) -> list[str]:
    """The place keys of one map marker's key: a marker where places coincide joins theirs with ";"."""
    return [k for k in key.split(";") if k]


def marker_size(events: int) -> float:
    """Diameter in pixels: area grows with the number of events."""
    return 8 + 6 * math.sqrt(events)


def _mercator(lat: float) -> float:
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(max(-85.0, min(85.0, lat))) / 2)))


def _pixels_per_degree(lon_range, lat_range) -> float:
    """plotly fits both ranges into the plot area, keeping the projection's aspect."""
    width, height = MAP_PX
    return min(width / (lon_range[1] - lon_range[0]),
               height / max(_mercator(lat_range[1]) - _mercator(lat_range[0]), 1e-6))


def map_markers(venues: pd.DataFrame, lon_range, lat_range) -> pd.DataFrame:
    """One row per marker drawn in this view: places whose markers would cover each other merged into
    one that lists them all; a country or region known only as such (the gazetteer puts it at its
    label point) kept apart from any town, with its own symbol.

    Columns: key (place keys joined by ";"), places (list of dicts), lon, lat, x, y (pixels), country,
    level (of the busiest place: "country", "region" or a town's), events, numbers, online_events, titles."""
    columns = ["key", "places", "lon", "lat", "x", "y", "country", "level", "events", "numbers",
               "online_events", "titles"]
    if venues.empty:
        return pd.DataFrame(columns=columns)
    scale = _pixels_per_degree(lon_range, lat_range)
    markers: list[dict] = []
    for place in venues.sort_values(["events", "name"], ascending=[False, True]).to_dict("records"):
        lon, lat = place["lon"], place["lat"]
        x, y = lon * scale, -_mercator(lat) * scale
        area = place["level"] in AREA_LEVELS
        near = [m for m in markers if (m["level"] in AREA_LEVELS) == area
                and math.hypot(m["x"] - x, m["y"] - y) < max(MERGE_PX, 0.6 * marker_size(m["events"]) / 2)]
        if near:
            near[0]["places"].append(place)
            continue
        markers.append(dict(places=[place], lon=lon, lat=lat, x=x, y=y, country=place["country"], level=place["level"],
                            events=place["events"]))
    _keep_apart(markers, scale)
    rows = []
    for m in markers:
        numbers = list(dict.fromkeys(n for p in m["places"] for n in p["numbers"]))
        titles = list(dict.fromkeys(t for p in m["places"] for t in p["titles"]))
        rows.append(dict(
            key=";".join(place_key(p["name"], p["country"], p["lat"], p["lon"]) for p in m["places"]),
            places=m["places"], lon=m["lon"], lat=m["lat"], x=m["x"], y=m["y"], country=m["country"],
            level=m["level"], events=len(numbers), numbers=numbers,
            online_events=max(int(p["online_events"]) for p in m["places"]), titles=titles,
        ))
    return pd.DataFrame(rows, columns=columns)


def _keep_apart(markers: list[dict], scale: float) -> None:
    """Push each country- or region-level marker away from the nearest other marker until APART_PX
    separates them (straight away from it; due south-east when they coincide)."""
    for m in markers:
        if m["level"] not in AREA_LEVELS:
            continue
        for _ in range(8):
            others = [o for o in markers if o is not m]
            if not others:
                break
            nearest = min(others, key=lambda o: math.hypot(o["x"] - m["x"], o["y"] - m["y"]))
            dx, dy = m["x"] - nearest["x"], m["y"] - nearest["y"]
            distance = math.hypot(dx, dy)
            if distance >= APART_PX:
                break
            ux, uy = (dx / distance, dy / distance) if distance > 0.5 else (math.sqrt(0.5), math.sqrt(0.5))
            m["x"], m["y"] = nearest["x"] + ux * APART_PX, nearest["y"] + uy * APART_PX
        m["lon"] = m["x"] / scale
        m["lat"] = _inverse_mercator(-m["y"] / scale)


def venue_map(venues: pd.DataFrame, view: str = "area", colors: dict[str, str] | None = None,
              title: str | None = None) -> go.Figure:
    """Venues sized by events, coloured by country, over oblast borders; coincident places one marker;
    places known only as a country (open diamond) or region (open square) apart; places with online
    events outlined in orange. "region": the Smolensk region; "area" (or "fit"): fitted to the venues.

    Marker customdata: [key (see `place_key`, `marker_places`), [event n, …]]; Streamlit's selection
    hands the inner list back as {"0": n, "1": n, …}."""
    colors = colors or {}
    lon_range, lat_range = _view_ranges(venues, view)
    markers = map_markers(venues, lon_range, lat_range)
    scale = _pixels_per_degree(lon_range, lat_range)
    labels, positions = _labels_that_fit(markers, lon_range, lat_range, scale)
    fig = go.Figure()
    _oblast_borders(fig, lon_range, lat_range, scale)
    for (country, level), rows in markers.groupby(
        [markers["country"], markers["level"].where(markers["level"].isin(list(AREA_LEVELS)), "place")], sort=False
    ):
        symbol, suffix = AREA_LEVELS.get(level, ("circle", ""))
        color = colors.get(country, PALETTE[len(fig.data) % len(PALETTE)])
        open_symbol = level in AREA_LEVELS
        fig.add_trace(go.Scattergeo(
            lon=rows["lon"], lat=rows["lat"], name=country_name_ru(country) + suffix,
            mode="markers+text", text=[labels[k] for k in rows["key"]],
            textposition=[positions[k] for k in rows["key"]],
            textfont=dict(size=11, color="#333333"),
            marker=dict(
                size=[marker_size(e) for e in rows["events"]], color=color, symbol=symbol, opacity=0.9,
                line=dict(width=[2.5 if o else (2 if open_symbol else 1) for o in rows["online_events"]],
                          color=[ONLINE_COLOR if o else (color if open_symbol else "white") for o in rows["online_events"]]),
            ),
            customdata=[[k, list(ns)] for k, ns in zip(rows["key"], rows["numbers"])],
            hovertext=[_marker_hover(r) for r in rows.itertuples()], hoverinfo="text",
        ))
    if (markers["online_events"] > 0).any():  # a legend entry only: the outline is on the markers themselves
        fig.add_trace(go.Scattergeo(
            lon=[None], lat=[None], mode="markers", name="есть дистанционные (оранжевый контур)",
            marker=dict(size=12, color="white", line=dict(color=ONLINE_COLOR, width=2.5)), hoverinfo="skip",
        ))
    fig.update_geos(
        scope="world", projection_type="mercator", resolution=110 if view != "region" else 50,
        showland=True, landcolor="#f2efe6", showcountries=True, countrycolor="#6f6f6f", countrywidth=1.2,
        showcoastlines=True, coastlinecolor="#9e9e9e", showocean=True, oceancolor="#dcebf5",
        showlakes=True, lakecolor="#dcebf5", showrivers=view == "region", rivercolor="#cfe3f0",
        lonaxis_range=list(lon_range), lataxis_range=list(lat_range), showframe=False,
    )
    # The figure grows with its legend, so the map itself keeps MAP_PX's height.
    legend_rows = math.ceil(sum(1 for t in fig.data if t.showlegend is not False) / 3)
    fig = _layout(fig, title, height=60 + 40 + MAP_PX[1] + LEGEND_ROW_PX * legend_rows)
    fig.update_layout(legend=dict(orientation="h", y=-0.02, yanchor="top"), dragmode="pan",
                      margin=dict(l=10, r=10, b=40))
    return fig


def _oblast_borders(fig: go.Figure, lon_range, lat_range, scale: float) -> None:
    """Oblasts and regions (Natural Earth admin-1) as thin lines, simplified to about a pixel."""
    lons, lats = admin1_outlines(tuple(lon_range), tuple(lat_range), round(1.0 / scale, 3))
    if lons:
        fig.add_trace(go.Scattergeo(lon=list(lons), lat=list(lats), mode="lines", hoverinfo="skip", showlegend=False,
                                    line=dict(color="#b0b0b0", width=0.7), name="границы областей"))


def _marker_hover(marker) -> str:
    """Every place of the marker with its level and count, then its events (up to 12)."""
    heads = [
        f"<b>{as_text(p['name'])}</b> ({LEVEL_NAMES_RU[p['level']]}, {as_text(country_name_ru(p['country']))}): "
        f"{count_of(int(p['events']), 'мероприятие')}"
        + (f", из них дистанционно: {p['online_events']}" if p["online_events"] else "")
        for p in marker.places
    ]
    titles = marker.titles
    lines = heads + [shorten(t, 70) for t in titles[:12]]
    if len(titles) > 12:
        lines.append(f"… и ещё {len(titles) - 12}")
    return "<br>".join(lines)


LABEL_POSITIONS = ("top center", "bottom center", "middle right", "middle left")


def _labels_that_fit(markers: pd.DataFrame, lon_range, lat_range, scale: float) -> tuple[dict, dict]:
    """Each marker's label ("Смоленск +2" where places merged) and its position: the first of above,
    below, right, left whose box stays inside the map and clear of other markers and of busier
    markers' labels (for a busy place, clear of labels at least); "" when none is (the name stays
    on hover)."""
    frame = (lon_range[0] * scale, -_mercator(lat_range[1]) * scale,
             lon_range[1] * scale, -_mercator(lat_range[0]) * scale)
    dots = {row.key: _box(row.x, row.y, marker_size(row.events) / 2) for row in markers.itertuples()}
    placed: list[tuple[float, float, float, float]] = []
    labels, positions = {}, {}
    busiest = markers["events"].max() if len(markers) else 0
    for row in markers.sort_values("events", ascending=False).itertuples():
        name = row.places[0]["name"] + (f" +{len(row.places) - 1}" if len(row.places) > 1 else "")
        labels[row.key], positions[row.key] = "", LABEL_POSITIONS[0]
        if not (frame[0] <= row.x <= frame[2] and frame[1] <= row.y <= frame[3]):
            continue
        others = [d for k, d in dots.items() if k != row.key]
        # A busy place is named even over a neighbour's marker (its name matters more than the overlap).
        tries = [placed + others] + ([placed] if row.events >= busiest / 4 else [])
        for obstacles, position in ((o, p) for o in tries for p in LABEL_POSITIONS):
            box = _label_box(row.x, row.y, marker_size(row.events) / 2, name, position)
            inside = frame[0] <= box[0] and box[2] <= frame[2] and frame[1] <= box[1] and box[3] <= frame[3]
            if inside and not any(_overlap(box, other) for other in obstacles):
                labels[row.key], positions[row.key] = as_text(name), position
                placed.append(box)
                break
    return labels, positions


def _box(x: float, y: float, radius: float) -> tuple[float, float, float, float]:
    return x - radius, y - radius, x + radius, y + radius


def _overlap(a, b) -> bool:
    return not (a[2] < b[0] or a[0] > b[2] or a[3] < b[1] or a[1] > b[3])


def _label_box(x: float, y: float, radius: float, text: str, position: str) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) in pixels of a label of 11 px type beside a marker of `radius`."""
    width, height = 7.0 * len(text) + 4, 15
    if position == "middle right":
        cx, cy = x + radius + 3 + width / 2, y
    elif position == "middle left":
        cx, cy = x - radius - 3 - width / 2, y
    elif position == "bottom center":
        cx, cy = x, y + radius + 1 + height / 2
    else:
        cx, cy = x, y - radius - 1 - height / 2
    return cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2


def _view_ranges(venues: pd.DataFrame, view: str) -> tuple[tuple[float, float], tuple[float, float]]:
    """"region": the Smolensk region; "area" (also "fit"): around every venue shown, with a margin for
    labels, never narrower than a few degrees (one venue alone still shows its surroundings)."""
    if view == "region" or venues.empty:
        view_range = REGION_VIEW if view == "region" else AREA_VIEW
        return _fill_plot_area(view_range["lon"], view_range["lat"])
    lons, lats = list(venues["lon"]), list(venues["lat"])
    half_lon = max(4.0, (max(lons) - min(lons)) / 2 * 1.12 + 1.0)
    half_lat = max(2.0, (max(lats) - min(lats)) / 2 * 1.12 + 0.8)
    lon_mid, lat_mid = (max(lons) + min(lons)) / 2, (max(lats) + min(lats)) / 2
    return _fill_plot_area((lon_mid - half_lon, lon_mid + half_lon), (lat_mid - half_lat, lat_mid + half_lat))


def _fill_plot_area(lon_range, lat_range) -> tuple[tuple[float, float], tuple[float, float]]:
    """Widen the narrower of the two ranges so the map fills the plot area (MAP_PX) instead of leaving
    bands beside it, and the pixel distances used to merge markers hold."""
    width, height = MAP_PX
    low, high = _mercator(lat_range[0]), _mercator(lat_range[1])
    lon_span = lon_range[1] - lon_range[0]
    wanted = (high - low) * width / height
    if lon_span < wanted:
        middle = (lon_range[0] + lon_range[1]) / 2
        return (middle - wanted / 2, middle + wanted / 2), tuple(lat_range)
    extra = (lon_span * height / width - (high - low)) / 2
    return tuple(lon_range), (_inverse_mercator(low - extra), _inverse_mercator(high + extra))


def _inverse_mercator(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(math.radians(y))) - math.pi / 2)
