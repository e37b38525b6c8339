"""Хронология: a Gantt under sphere headings over the plan's period (a sphere × week grid for a plan of
thousands of events); approximate dates hatched; undated events listed; a line for today."""

import streamlit as st

from pages import _shared as shared
from smolplan import charts
from smolplan.filters import describe_filters

page = shared.start_page("Хронология")
filters, events = page.filters, page.events

color_by = st.segmented_control(
    "Цвет", ["sphere", "country"], format_func={"sphere": "по сфере", "country": "по стране-партнёру"}.get,
    default="sphere", key="timeline_color", required=True,
)
fig = charts.timeline(
    events, color_by=color_by, colors=page.sphere_colors if color_by == "sphere" else page.country_colors,
    today=shared.today(), title=describe_filters(filters), period=(page.plan.period_start, page.plan.period_end),
)
if len(events[events["start"].notna()]) > charts.AGGREGATE_ABOVE:
    st.caption("Мероприятий слишком много для строки на каждое: показано, сколько их идёт в каждую неделю "
               "по каждой сфере (чем темнее, тем больше). Сузьте фильтры, чтобы увидеть сами мероприятия.")
else:
    st.caption("Сплошные полосы — точные даты; бледные штрихованные — приблизительные (месяц, квартал, полугодие, "
               "год). Треугольник у края — мероприятие начинается раньше или продолжается после периода плана. "
               "Красная линия — сегодня. Полное название — при наведении.")
aggregated = len(events[events["start"].notna()]) > charts.AGGREGATE_ABOVE
# A bar opens its event's card; a cell of the week grid filters to its sphere.
shared.clickable_chart(fig, "timeline_chart", sets=("spheres",) if aggregated else (), opens_event=not aggregated)
shared.chart_buttons(fig, "hronologiya", describe_filters(filters))

undated = events[events["start"].isna()]
st.subheader(f"Без даты: {len(undated)}")
if undated.empty:
    st.caption("Все мероприятия с датами.")
else:
    shared.event_table(undated, key="undated_table", opens_card=True)
