"""Entry point: `streamlit run app.py`. Draws the shared sidebar filters, then the chosen page."""

import streamlit as st

from pages import _shared as shared
from smolplan import PlanReadError

st.set_page_config(page_title="Международные мероприятия Смоленской области", page_icon=str(shared.STATIC_DIR / "favicon.png"), layout="wide")

navigation = st.navigation([
    st.Page(shared.PAGE_FILES["overview"], title="Обзор", icon=":material/dashboard:", default=True),
    st.Page(shared.PAGE_FILES["timeline"], title="Хронология", icon=":material/calendar_month:"),
    st.Page(shared.PAGE_FILES["counts"], title="Сферы и страны", icon=":material/bar_chart:"),
    st.Page(shared.PAGE_FILES["map"], title="Карта", icon=":material/map:"),
    st.Page(shared.PAGE_FILES["events"], title="Мероприятия", icon=":material/table_rows:"),
    st.Page(shared.PAGE_FILES["quality"], title="Качество данных", icon=":material/rule:"),
    st.Page(shared.PAGE_FILES["library"], title="Планы", icon=":material/folder_open:"),
])
try:
    plan = shared.current_plan()
except PlanReadError as error:
    st.error(f"План не прочитан: {shared.plain(error.message)}")
    st.stop()
st.session_state["_filters"] = shared.sidebar_filters(plan)
navigation.run()
