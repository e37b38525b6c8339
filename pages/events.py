"""Мероприятия: the filtered events as a table; a click on a row opens the event's card."""

import streamlit as st

from pages import _shared as shared
from smolplan.workbook import events_csv

page = shared.start_page("Мероприятия")

st.download_button(
    "Таблица (CSV)", data=lambda: events_csv(page.events),
    file_name="meropriyatiya.csv", mime="text/csv", on_click="ignore", icon=":material/download:",
)
shared.briefing_buttons(page.filters)
st.caption("Щёлкните строку: откроется карточка мероприятия со всеми полями документа.")
shared.event_table(page.events, key="events_table", opens_card=True)
