"""Хронология: a Gantt by sphere; approximate dates hatched; undated events listed; a line for today."""

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
st.caption("Сплошные полосы — точные даты; бледные штрихованные — приблизительные (месяц, квартал, полугодие, год). "
           "Красная линия — сегодня.")
fig = charts.timeline(
    events, color_by=color_by, colors=page.sphere_colors if color_by == "sphere" else page.country_colors,
    today=shared.today(), title=describe_filters(filters),
)
shared.clickable_chart(fig, "timeline_chart", opens_event=True)
shared.chart_buttons(fig, "hronologiya", describe_filters(filters))

undated = events[events["start"].isna()]
st.subheader(f"Без даты: {len(undated)}")
if undated.empty:
    st.caption("Все мероприятия с датами.")
else:
    shared.event_table(undated, key="undated_table", opens_card=True)
