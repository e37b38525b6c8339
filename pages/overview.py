"""Обзор: key figures, a chart of the months with today, what is next, what happens abroad — the
first chart above the fold at 1366×768."""

import streamlit as st

from pages import _shared as shared
from smolplan import charts, counts
from smolplan.countries import country_name_ru
from smolplan.filters import event_status

page = shared.start_page("Международные мероприятия")
plan, filters, events = page.plan, page.filters, page.events
day = shared.today()
st.caption(shared.plain(plan.title))

figures = shared.derived(counts.key_figures, filters, day)
with st.container(horizontal=True, gap="small"):
    for label, value, hint in (
        ("Мероприятий", figures["events"], None),
        ("Стран-партнёров", figures["countries"], None),
        ("Сфер", figures["spheres"], None),
        ("За рубежом", figures["abroad"], None),
        ("В ближайшие 30 дней", figures["next_30_days"],
         "Идут или начнутся в ближайшие 30 дней, включая мероприятия с приблизительными сроками."),
    ):
        st.metric(label, value, help=hint, border=True)


def event_line(row, when: str, with_partners: bool) -> str:
    partners = ", ".join(country_name_ru(c) for c in row.partner_countries) or "без зарубежных участников"
    mark = f" · **{when}**" if when else ""
    tail = f" · _{shared.plain(partners)}_" if with_partners else ""
    return f"**№ {row.n}.** {shared.plain(row.title)}  \n{shared.plain(row.dates)}{mark} · {shared.plain(row.venue)}{tail}"


months_column, countries_column = st.columns([3, 2])
with months_column:
    fig = charts.month_bars(shared.derived(counts.by_month, filters), title="Мероприятия по месяцам", today=day,
                            height=300, period=(plan.period_start, plan.period_end))
    shared.clickable_chart(fig, "overview_months", sets=("months",))
with countries_column:
    fig = charts.country_bars(shared.derived(counts.by_country, filters).head(6), page.country_colors,
                              title="Страны-партнёры", height=300)
    shared.clickable_chart(fig, "overview_countries", sets=("countries",))

next_column, abroad_column = st.columns(2)
with next_column:
    st.subheader("Что дальше")
    ahead = shared.derived(counts.upcoming, filters, day, 6)
    if ahead.empty:
        st.info("Предстоящих мероприятий нет.")
    for row, when in zip(ahead.itertuples(), counts.when_words(ahead, day)):
        st.markdown(event_line(row, when, with_partners=True))
    st.page_link(shared.PAGE_FILES["timeline"], label="Хронология →")
with abroad_column:
    st.subheader("За рубежом")
    abroad = shared.derived(counts.abroad, filters, day)
    past = event_status(abroad, day) == "past"
    coming = abroad[~past].head(6)
    if abroad.empty:
        st.info("Мероприятий за рубежом нет.")
    elif coming.empty:
        st.info("Все мероприятия за рубежом уже прошли.")
    for row, words in zip(coming.itertuples(), counts.when_words(coming, day)):
        st.markdown(event_line(row, words, with_partners=False))
    notes = []
    if (~past).sum() > len(coming):
        notes.append(f"впереди ещё {(~past).sum() - len(coming)}")
    if past.any():
        numbers = [f"№ {n}" for n in abroad.loc[past, "n"]]
        notes.append("уже прошли: " + ", ".join(numbers[:10]) + (f" и ещё {len(numbers) - 10}" if len(numbers) > 10 else ""))
    if notes:
        said = "; ".join(notes)
        st.caption(said[0].upper() + said[1:] + ". Все — на странице «Мероприятия».")
    st.page_link(shared.PAGE_FILES["counts"], label="Сферы и страны →")

st.subheader("Справка по отобранным мероприятиям")
st.caption("Файлы содержат ровно те мероприятия, что оставили фильтры, и называют эти фильтры.")
shared.briefing_buttons(filters)
