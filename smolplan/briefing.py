"""A briefing of exactly the filtered events, as the app's buttons and the command line make it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import plotly.graph_objects as go

from smolplan import charts, counts
from smolplan.filters import Filters, apply_filters, describe_filters
from smolplan.ical import to_ics
from smolplan.images import figure_image
from smolplan.memo import to_docx_memo
from smolplan.plan import Plan
from smolplan.workbook import to_xlsx

KINDS = {
    "xlsx": ("spravka.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "docx": ("spravka.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "ics": ("meropriyatiya.ics", "text/calendar"),
}


@dataclass(frozen=True)
class BriefingFile:
    data: bytes
    file_name: str
    mime: str


# Charts are drawn 760 CSS px wide for the memo's 17 cm (12 px text prints at ~8 pt), at 2× (~230 dpi).
MEMO_CHART_WIDTH = 760
# A Gantt of more events than this would be too dense to read on one page of the memo.
MEMO_TIMELINE_MAX_EVENTS = 70


def briefing_charts(plan: Plan, filters: Filters, today: dt.date) -> list[tuple[str, go.Figure]]:
    """The memo's charts, each titled with the filters in words; colours fixed by the whole plan."""
    events = apply_filters(plan.events, filters, today)
    title = describe_filters(filters)
    sphere_colors, country_colors = charts.sphere_colors(plan.events), charts.country_colors(plan.events)
    figures = [
        ("Мероприятия по странам-партнёрам",
         charts.country_bars(counts.by_country(events), country_colors, title=f"{title}: по странам-партнёрам")),
        ("Мероприятия по сферам",
         charts.sphere_bars(counts.by_sphere(events), sphere_colors, title=f"{title}: по сферам")),
        ("Мероприятия по месяцам", charts.month_bars(counts.by_month(events), title=f"{title}: по месяцам")),
        ("Места проведения", charts.venue_map(counts.venues(events), "fit", country_colors,
                                               title=f"{title}: места проведения")),
    ]
    dated = int(events["start"].notna().sum())
    if 0 < dated <= MEMO_TIMELINE_MAX_EVENTS:
        gantt = charts.timeline(events, colors=sphere_colors, today=today, title=f"{title}: сроки")
        gantt.update_layout(height=180 + 18 * dated)  # rows closer than on screen: 46 events fit a page
        figures.append(("Сроки мероприятий (заштрихованы приблизительные)", gantt))
    return figures


def build_briefing(kind: str, plan: Plan, filters: Filters, today: dt.date, with_charts: bool = True) -> BriefingFile:
    """kind: "xlsx", "docx" or "ics"; the file holds exactly the events the filters leave."""
    events = apply_filters(plan.events, filters, today)
    name, mime = KINDS[kind]
    if kind == "xlsx":
        data = to_xlsx(events, filters, plan.name, plan.loaded_at, len(plan.events))
    elif kind == "ics":
        data = to_ics(events, filters, plan.name)
    else:
        images = [(caption, figure_image(fig, "png", width=MEMO_CHART_WIDTH, scale=2))
                  for caption, fig in briefing_charts(plan, filters, today)] if with_charts else []
        data = to_docx_memo(events, filters, counts.key_figures(events, today), images, plan.name, plan.title)
    return BriefingFile(data, name, mime)
