"""Сферы и страны: counts by sphere, partner country, executor, sphere × country, month; a click on a
bar or a bubble filters every page (a second click clears it)."""

import streamlit as st

from pages import _shared as shared
from smolplan import charts, counts
from smolplan.filters import describe_filters

page = shared.start_page("Сферы и страны")
filters, events = page.filters, page.events
title = describe_filters(filters)

st.caption("Щёлкните столбец или кружок: отбор применится на всех страницах и появится в боковой панели. "
           "Повторный щелчок снимает его.")

left, right = st.columns(2)
with left:
    st.subheader("По сферам")
    fig = charts.sphere_bars(shared.derived(counts.by_sphere, filters), page.sphere_colors)
    shared.clickable_chart(fig, "by_sphere", sets=("spheres",))
    shared.chart_buttons(fig, "po_sferam", f"{title}: по сферам")
with right:
    st.subheader("По странам-партнёрам")
    st.caption("Мероприятие с несколькими странами учтено у каждой.")
    fig = charts.country_bars(shared.derived(counts.by_country, filters), page.country_colors)
    shared.clickable_chart(fig, "by_country", sets=("countries",))
    shared.chart_buttons(fig, "po_stranam", f"{title}: по странам-партнёрам")

by_executor = shared.derived(counts.by_executor, filters)
if not by_executor.empty:
    st.subheader("По исполнителям")
    st.caption("Мероприятие с несколькими исполнителями учтено у каждого.")
    fig = charts.executor_bars(by_executor)
    shared.clickable_chart(fig, "by_executor", sets=("executors",))
    shared.chart_buttons(fig, "po_ispolnitelyam", f"{title}: по исполнителям")

st.subheader("Сфера × страна")
fig = charts.sphere_country_matrix(shared.derived(counts.sphere_by_country, filters))
shared.clickable_chart(fig, "matrix", sets=("spheres", "countries"))
shared.chart_buttons(fig, "sfery_strany", f"{title}: сферы и страны")

st.subheader("По месяцам")
st.caption("Мероприятие учтено в каждом месяце, с которым пересекаются его сроки.")
fig = charts.month_bars(shared.derived(counts.by_month, filters))
shared.clickable_chart(fig, "by_month", sets=("months",))
shared.chart_buttons(fig, "po_mesyacam", f"{title}: по месяцам")

st.subheader("Мероприятия")
shared.event_table(events, key="counts_table", opens_card=True)
