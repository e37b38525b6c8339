"""Обзор: key figures, what is next, what happens abroad — on one screen."""

import streamlit as st

from pages import _shared as shared
from smolplan import charts, counts
from smolplan.countries import country_name_ru

page = shared.start_page("Международные мероприятия")
plan, filters, events = page.plan, page.filters, page.events
st.caption(shared.plain(plan.title))

figures = shared.derived(counts.key_figures, filters, shared.today())
cols = st.columns(5)
cols[0].metric("Мероприятий", figures["events"])
cols[1].metric("Стран-партнёров", figures["countries"])
cols[2].metric("Сфер", figures["spheres"])
cols[3].metric("За рубежом", figures["abroad"])
cols[4].metric("В ближайшие 30 дней", figures["next_30_days"],
               help="Идут или начнутся в ближайшие 30 дней, включая мероприятия с приблизительными сроками.")

left, right = st.columns(2)
with left:
    st.subheader("Что дальше")
    ahead = shared.derived(counts.upcoming, filters, shared.today(), 6)
    if ahead.empty:
        st.info("Предстоящих мероприятий нет.")
    for row in ahead.itertuples():
        partners = ", ".join(country_name_ru(c) for c in row.partner_countries) or "без зарубежных участников"
        st.markdown(f"**№ {row.n}.** {shared.plain(row.title)}  \n{shared.plain(row.dates)} · {shared.plain(row.venue)} · _{partners}_")
with right:
    st.subheader("За рубежом")
    abroad = shared.derived(counts.abroad, filters, shared.today())
    if abroad.empty:
        st.info("Мероприятий за рубежом нет.")
    for row in abroad.head(6).itertuples():
        st.markdown(f"**№ {row.n}.** {shared.plain(row.title)}  \n{shared.plain(row.dates)} · {shared.plain(row.venue)}")
    if len(abroad) > 6:
        st.caption(f"… и ещё {len(abroad) - 6}. Все — на странице «Мероприятия».")

st.subheader("Справка по отобранным мероприятиям")
st.caption("Файлы содержат ровно те мероприятия, что оставили фильтры, и называют эти фильтры.")
shared.briefing_buttons(filters)

small_left, small_right = st.columns(2)
with small_left:
    fig = charts.country_bars(shared.derived(counts.by_country, filters).head(8), page.country_colors, title="Страны-партнёры")
    shared.clickable_chart(fig, "overview_countries", sets=("countries",))
    st.page_link(shared.PAGE_FILES["counts"], label="Сферы и страны →")
with small_right:
    fig = charts.month_bars(shared.derived(counts.by_month, filters), title="По месяцам")
    shared.clickable_chart(fig, "overview_months", sets=("months",))
    st.page_link(shared.PAGE_FILES["timeline"], label="Хронология →")
