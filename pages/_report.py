"""The load report, a page of records at a time: a plan may hold thousands of problems."""

from __future__ import annotations

import math

import streamlit as st

from pages._views import data_table
from smolplan.plan import Plan
from smolplan.serialise import report_table_ru
from smolplan.wording import count_of

PAGE_SIZE = 50


def show_report(plan: Plan, key: str) -> None:
    """What the loader could not fully read, with the raw text (cut, with its length), PAGE_SIZE rows a page."""
    report = plan.report
    if report.empty:
        st.success("Все ячейки плана прочитаны: каждая дата понята, каждое место найдено на карте.")
        return
    st.warning(f"Прочитано не всё: {count_of(len(report), 'замечание')}. Мероприятия при этом остались в плане.")
    pages = math.ceil(len(report) / PAGE_SIZE)
    page = st.pagination(pages, key=f"{key}_page") if pages > 1 else 1
    first = (page - 1) * PAGE_SIZE
    shown = report.iloc[first : first + PAGE_SIZE]
    data_table(report_table_ru(shown))
    if pages > 1:
        st.caption(f"Замечания {first + 1}–{first + len(shown)} из {len(report)}.")
