"""Качество данных: every cell the loader could not fully read, with its raw text, to fix the document."""

import streamlit as st

from pages import _shared as shared
from pages._report import show_report

shared.ensure_app_ran()
plan = shared.current_plan()

st.title("Качество данных")
st.caption(f"Файл: {shared.plain(plan.name)}. Мероприятий прочитано: {len(plan.events)}.")
show_report(plan, key="quality")
placed = plan.events["places"].map(len).gt(0).sum()
dated = plan.events["start"].notna().sum()
st.markdown(
    f"- С датой: **{dated}** из {len(plan.events)} (без даты по документу: {len(plan.events) - dated})\n"
    f"- Место на карте: **{placed}** из {len(plan.events)}"
)
