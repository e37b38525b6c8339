"""Charts for print (the memo and the deck): only those that say something, sized for a page.

A chart of one bar or one category says nothing a sentence does not, so it is left out; months are
limited to the filtered period. Counts (by sphere, partner country, month) become native Office
charts (`smolplan.office_charts`), editable where they are opened; the map and the Gantt have no
Office counterpart and are drawn as pictures, with room for every label and clear of the ticks.
"""

from __future__ import annotations

import datetime as dt
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
MAX_BARS = 15  # more bars than this would not be read on a page or a slide: the largest are shown
ACCENT = "#1f4e79"


@dataclass(frozen=True)
class PrintChart:
    """A chart worth printing: a native chart of counts (`categories`, `values`, a colour per bar), or
    a picture whose figure `make` builds only when the picture is not drawn yet."""
    key: str  # "spheres" | "countries" | "months" | "map" | "timeline"
    caption: str
    make: Callable[[], go.Figure] | None = None
    categories: tuple[str, ...] = ()
    values: tuple[int, ...] = ()
    colors: tuple[str, ...] = ()
    half: bool = False  # reads well at half a page's width: two such charts may stand side by side

    @property
    def native(self) -> bool:
        return self.make is None

    @property
    def columns(self) -> bool:
        """Months stand as columns left to right; other counts lie as bars, largest on top."""
        return self.key == "months"


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
                 spheres: pd.DataFrame, partners: pd.DataFrame, months: pd.DataFrame,
                 with_map: bool = True) -> list[PrintChart]:
    """The charts that carry information for these events, from the view's counts (spheres with
    events, most first; `counts.by_country`; `months_in_period`); colours fixed by the whole plan."""
    sphere_colors, country_colors = charts.sphere_colors(plan_events), charts.country_colors(plan_events)
    found: list[PrintChart] = []
    if len(spheres) >= 2:
        found.append(_counts_chart("spheres", "Мероприятия по сферам", spheres["sphere"], spheres["events"],
                                   [sphere_colors.get(s, ACCENT) for s in spheres["sphere"]]))
    if len(partners) >= 2:
        found.append(_counts_chart("countries", "Мероприятия по странам-партнёрам", partners["name"],
                                   partners["events"], [country_colors.get(c, ACCENT) for c in partners["country"]]))
    if len(months) >= 2 and months["events"].sum() > 0:
        found.append(_counts_chart("months", "Мероприятия по месяцам (мероприятие учтено в каждом месяце своих сроков)",
                                   months["label"], months["events"], [ACCENT] * len(months)))
    places = {(p["name"], p["country"], p["lat"], p["lon"]) for venue in events["places"] for p in venue}
    if with_map and len(places) >= 2:  # the venues' table is made only when the map is drawn
        found.append(PrintChart("map", "Места проведения (размер знака — число мероприятий)",
                                lambda: print_map(counts.venues(events), country_colors)))
    dated = events[events["start"].notna()]
    in_view = dated[overlaps(dated, filters.start, filters.end)] if len(dated) else dated
    if 2 <= len(in_view) <= TIMELINE_MAX_EVENTS:
        found.append(PrintChart("timeline", "Сроки мероприятий (номера — как в перечне; приблизительные сроки "
                                            "заштрихованы)",
                                lambda: print_timeline(in_view, filters, sphere_colors, today)))
    return found


def _counts_chart(key: str, caption: str, categories, values, colors: list[str]) -> PrintChart:
    """Bars are given most first; of more than MAX_BARS the largest are shown, and the caption says so."""
    categories, values, colors = tuple(str(c) for c in categories), tuple(int(v) for v in values), tuple(colors)
    if key != "months" and len(categories) > MAX_BARS:
        caption += f" (первые {MAX_BARS} из {len(categories)} по числу мероприятий)"
        categories, values, colors = categories[:MAX_BARS], values[:MAX_BARS], colors[:MAX_BARS]
    return PrintChart(key, caption, categories=categories, values=values, colors=colors,
                      half=len(categories) <= HALF_MAX_BARS)


def print_map(venues: pd.DataFrame, colors: dict[str, str]) -> go.Figure:
    fig = _print_layout(charts.venue_map(venues, "fit", colors), height=300)
    fig.update_layout(legend=dict(orientation="h", y=-0.01, yanchor="top", font=dict(size=11)))
    return fig
