"""Entry point: `streamlit run app.py`. Draws the shared sidebar filters, then the chosen page."""

import streamlit as st

from pages import _state
from pages._data import current_plan
from pages._navigation import navigation
from pages._views import plain
from pages._widgets import sidebar_filters
from pages._workarounds import apply_workarounds
from smolplan import PlanReadError

page = navigation()
apply_workarounds()
try:
    plan = current_plan()
except PlanReadError as error:
    st.error(f"План не прочитан: {plain(error.message)}")
    st.stop()
_state.remember_filters(sidebar_filters(plan))
page.run()
