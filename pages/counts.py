"""Сферы и страны: counts by sphere, partner country, sphere × country, month; a click narrows the table."""

import streamlit as st

from pages import _shared as shared
from smolplan import charts, counts
from smolplan.filters import describe_filters

page = shared.start_page("Сферы и страны")
filters, events = page.filters, page.events
title = describe_filters(filters)

st.caption("Щёлкните столбец или точку: таблица под графиком покажет эти мероприятия.")

left, right = st.columns(2)
with left:
    st.subheader("По сферам")
    fig = charts.sphere_bars(shared.derived("by_sphere", filters), page.sphere_colors)
    by_sphere = st.plotly_chart(fig, key="by_sphere", on_select="rerun", selection_mode="points",
                                config=shared.CHART_CONFIG)
    shared.chart_buttons(fig, "po_sferam", f"{title}: по сферам")
with right:
    st.subheader("По странам-партнёрам")
    st.caption("Мероприятие с несколькими странами учтено у каждой.")
    fig = charts.country_bars(shared.derived("by_country", filters), page.country_colors)
    by_country = st.plotly_chart(fig, key="by_country", on_select="rerun", selection_mode="points",
                                 config=shared.CHART_CONFIG)
    shared.chart_buttons(fig, "po_stranam", f"{title}: по странам-партнёрам")

st.subheader("Сфера × страна")
fig = charts.sphere_country_matrix(shared.derived("sphere_by_country", filters))
matrix = st.plotly_chart(fig, key="matrix", on_select="rerun", selection_mode="points", config=shared.CHART_CONFIG)
shared.chart_buttons(fig, "sfery_strany", f"{title}: сферы и страны")

st.subheader("По месяцам")
st.caption("Мероприятие учтено в каждом месяце, с которым пересекаются его сроки.")
fig = charts.month_bars(shared.derived("by_month", filters))
by_month = st.plotly_chart(fig, key="by_month", on_select="rerun", selection_mode="points",
                           config=shared.CHART_CONFIG)
shared.chart_buttons(fig, "po_mesyacam", f"{title}: по месяцам")

narrowed, said = counts.narrow_by_selection(
    events,
    spheres=shared.selected_keys(by_sphere) + shared.selected_keys(matrix, 0),
    countries=shared.selected_keys(by_country) + shared.selected_keys(matrix, 1),
    months=shared.selected_keys(by_month),
)
st.subheader("Мероприятия" + (f" — {shared.plain(said)}" if said else ""))
st.caption(f"{len(narrowed)} из {len(events)}")
shared.event_table(narrowed)
