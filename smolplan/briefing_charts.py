"""Figures for print (the memo and the deck): only those that say something, sized for a page.

A chart of one bar or one category says nothing a sentence does not, so it is left out; months are
limited to the filtered period; labels are wrapped, never cut with "…"; axis titles stand clear of
the ticks, and there is room above the tallest bar for its number.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Callable

import pandas as pd
import plotly.graph_objects as go

from smolplan import charts, counts
from smolplan.filters import Filters, overlaps
from smolplan.wording import month_name

PRINT_FONT = dict(family="DejaVu Sans, Arial, sans-serif", size=13)
# A Gantt of more events than this would be too dense to read on a page or a slide.
TIMELINE_MAX_EVENTS = 40
HALF_MAX_BARS = 8  # a bar chart of no more bars fits half a page's width


@dataclass(frozen=True)
class PrintChart:
    """A chart worth printing; its figure is built only when its picture is not drawn yet."""
    key: str  # "spheres" | "countries" | "months" | "map" | "timeline"
    caption: str
    make: Callable[[], go.Figure]
    half: bool = False  # reads well at half a page's width: two such charts may stand side by side


def months_in_period(events: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Events per month, only the months of the filtered period (an event running past it is counted
    in the period's months only), with full Russian month names."""
    table = counts.by_month(events)
    if filters.start is not None:
        table = table[table["month"] >= pd.Timestamp(filters.start).to_period("M").to_timestamp()]
    if filters.end is not None:
        table = table[table["month"] <= pd.Timestamp(filters.end)]
    table = table.reset_index(drop=True)
    years = set(table["month"].dt.year)
    table["label"] = [month_name(m.month) + (f" {m.year}" if len(years) > 1 else "") for m in table["month"]]
    return table


def _print_layout(fig: go.Figure, height: int, left: int = 10) -> go.Figure:
    fig.update_layout(title=None, height=height, font=PRINT_FONT, margin=dict(l=left, r=40, t=20, b=20),
                      plot_bgcolor="white", paper_bgcolor="white", showlegend=fig.layout.showlegend)
    return fig


def _bars_axis(values, ticks: int = 10) -> dict:
    """Whole numbers, at most `ticks` of them, and a quarter of the scale above the longest bar for its number."""
    top = max([0, *values])
    step = max(1, math.ceil(top * 1.25 / ticks))
    return dict(range=[0, max(1, top) * 1.25], tickformat="d", gridcolor="#e5e5e5", title_standoff=14, dtick=step)


def horizontal_bars(labels: list[str], values: list[int], colors: list[str], half: bool = False) -> go.Figure:
    """Bars with wrapped labels; every row as tall as the fullest label (plotly spaces rows evenly)."""
    wrapped = [charts.wrap(label, 30 if half else 40) for label in labels]
    fig = go.Figure(go.Bar(orientation="h", x=values[::-1], y=wrapped[::-1], text=values[::-1],
                           textposition="outside", marker_color=colors[::-1], cliponaxis=False))
    fig.update_xaxes(title="мероприятий", **_bars_axis(values, 5 if half else 10))
    fig.update_yaxes(automargin=True, ticksuffix="  ")
    lines = max((label.count("<br>") + 1 for label in wrapped), default=1)
    return _print_layout(fig, height=80 + len(labels) * (15 * lines + 6))


def month_columns(months: pd.DataFrame) -> go.Figure:
    fig = go.Figure(go.Bar(x=months["label"], y=months["events"], text=months["events"], textposition="outside",
                           marker_color="#1f4e79", cliponaxis=False))
    fig.update_yaxes(title="мероприятий", **_bars_axis(months["events"], 6))
    fig.update_xaxes(tickangle=0 if len(months) <= 8 else -45, automargin=True)
    return _print_layout(fig, height=300)


def print_timeline(events: pd.DataFrame, filters: Filters, colors: dict[str, str], today: dt.date) -> go.Figure:
    """The page's Gantt over the filtered period, each row labelled by its event's number in the table
    that follows (a name beside every bar would double the chart's height, or be cut short)."""
    period = (filters.start, filters.end) if filters.start is not None and filters.end is not None else None
    fig = charts.timeline(events, colors=colors, today=today, period=period)
    number_of_row = {}
    for trace in fig.data:
        if trace.type == "bar":
            number_of_row.update(zip(trace.y, (data[0] for data in trace.customdata)))
    rows = list(fig.layout.yaxis.tickvals)
    fig.update_yaxes(ticktext=[f"№ {number_of_row[row]}" for row in rows])
    rows_count = int(round(fig.layout.yaxis.range[0] + 0.5))
    fig = _print_layout(fig, height=max(220, 70 + 16 * rows_count))
    fig.update_layout(margin=dict(t=45, b=35))  # room for the month names above and below
    return fig


def print_charts(plan_events: pd.DataFrame, events: pd.DataFrame, filters: Filters, today: dt.date,
                 with_map: bool = True) -> list[PrintChart]:
    """The charts that carry information for these events; colours fixed by the whole plan."""
    sphere_colors, country_colors = charts.sphere_colors(plan_events), charts.country_colors(plan_events)
    found: list[PrintChart] = []
    spheres = counts.by_sphere(events)
    spheres = spheres[spheres["events"] > 0]
    if len(spheres) >= 2:
        half = len(spheres) <= HALF_MAX_BARS
        found.append(PrintChart("spheres", "Мероприятия по сферам", lambda: horizontal_bars(
            list(spheres["sphere"]), list(spheres["events"]), [sphere_colors.get(s, "#1f4e79") for s in spheres["sphere"]],
            half), half=half))
    by_country = counts.by_country(events)
    if len(by_country) >= 2:
        half = len(by_country) <= HALF_MAX_BARS
        found.append(PrintChart("countries", "Мероприятия по странам-партнёрам", lambda: horizontal_bars(
            list(by_country["name"]), list(by_country["events"]),
            [country_colors.get(c, "#1f4e79") for c in by_country["country"]], half), half=half))
    months = months_in_period(events, filters)
    if len(months) >= 2 and months["events"].sum() > 0:
        found.append(PrintChart("months", "Мероприятия по месяцам (мероприятие учтено в каждом месяце своих сроков)",
                                lambda: month_columns(months), half=len(months) <= HALF_MAX_BARS))
    venues = counts.venues(events)
    if with_map and len(venues) >= 2:
        found.append(PrintChart("map", "Места проведения (размер знака — число мероприятий)",
                                lambda: print_map(venues, country_colors)))
    dated = events[events["start"].notna()]
    in_view = dated[overlaps(dated, filters.start, filters.end)] if len(dated) else dated
    if 2 <= len(in_view) <= TIMELINE_MAX_EVENTS:
        found.append(PrintChart("timeline", "Сроки мероприятий (номера — как в перечне; приблизительные сроки "
                                            "заштрихованы)",
                                lambda: print_timeline(in_view, filters, sphere_colors, today)))
    return found


def print_map(venues: pd.DataFrame, colors: dict[str, str]) -> go.Figure:
    fig = _print_layout(charts.venue_map(venues, "fit", colors), height=300)
    fig.update_layout(legend=dict(orientation="h", y=-0.01, yanchor="top", font=dict(size=11)))
    return fig
