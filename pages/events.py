"""Мероприятия: the filtered events as a table; one picked event shows every original field verbatim."""

import streamlit as st

from pages import _shared as shared
from smolplan.counts import event_card
from smolplan.plan import flat_events, spreadsheet_safe

page = shared.start_page("Мероприятия")
plan, filters, events = page.plan, page.filters, page.events

st.download_button(
    "Таблица (CSV)", data=lambda: spreadsheet_safe(flat_events(events)).to_csv(index=False).encode("utf-8-sig"),
    file_name="meropriyatiya.csv", mime="text/csv", on_click="ignore", icon=":material/download:",
)
shared.briefing_buttons(filters)
picked = shared.event_table(events, key="events_table", selectable=True)
rows = picked.selection.rows if picked else []
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
