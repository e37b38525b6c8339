"""Мероприятия: the filtered events as a table; one picked event shows every original field verbatim."""

import streamlit as st

from pages import _shared as shared
from smolplan.counts import event_card
from smolplan.workbook import events_csv

page = shared.start_page("Мероприятия")
plan, filters, events = page.plan, page.filters, page.events

st.download_button(
    "Таблица (CSV)", data=lambda: events_csv(events),
    file_name="meropriyatiya.csv", mime="text/csv", on_click="ignore", icon=":material/download:",
)
shared.briefing_buttons(filters)
# Keyed by the filters: a row picked under other filters would point at another event now.
picked = shared.event_table(events, key=f"events_table_{abs(hash((filters, plan.name)))}", selectable=True)
rows = [r for r in (picked.selection.rows if picked else []) if r < len(events)]
if not rows:
    st.caption("Выберите строку, чтобы увидеть все поля мероприятия.")
else:
    event = events.iloc[rows[0]]
    original, parsed = event_card(event)
    st.subheader(f"№ {event['n']}. {shared.plain(event['title'])}")
    left, right = st.columns(2)
    with left:
        st.markdown("#### Как в документе")
        for label, value in original:
            st.markdown(f"**{label}**")
            st.text(value or "—")
    with right:
        st.markdown("#### Что прочитано")
        for label, value in parsed:
            st.markdown(f"**{label}**")
            st.text(value)
