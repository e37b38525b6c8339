"""Entry point: `streamlit run app.py`. Draws the shared sidebar filters, then the chosen page."""

import streamlit as st

from pages import _shared as shared

st.set_page_config(page_title="Международные мероприятия Смоленской области", page_icon="🌐", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Обзор", icon="🏠", default=True),
    st.Page("pages/timeline.py", title="Хронология", icon="📅"),
    st.Page("pages/counts.py", title="Сферы и страны", icon="📊"),
    st.Page("pages/map.py", title="Карта", icon="🗺️"),
    st.Page("pages/events.py", title="Мероприятия", icon="📋"),
    st.Page("pages/quality.py", title="Качество данных", icon="⚠️"),
]

navigation = st.navigation(PAGES)
plan = shared.current_plan()
st.session_state["_filters"] = shared.sidebar_filters(plan)
navigation.run()
