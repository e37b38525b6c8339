"""The URL: the filters in `smolplan.filters` query form (?country=BY&from=2026-09-01…) and the chosen plan.

Codes, not widget labels, so a link outlives the event counts shown in the labels.
"""

from __future__ import annotations

import streamlit as st

from smolplan.filters import QUERY_KEYS, filters_from_query, filters_to_query

PLAN_KEY = "plan"


def filters_in_url():
    return filters_from_query(st.query_params.get_all)


def write_filters(filters) -> None:
    """Mirror the filters in the URL, leaving other parameters (the chosen plan) as they are."""
    wanted = filters_to_query(filters)
    for key in QUERY_KEYS:
        if key in wanted:
            if st.query_params.get_all(key) != wanted[key]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]


def plan_in_url() -> str | None:
    return st.query_params.get(PLAN_KEY)


def write_plan(key: str | None) -> None:
    if key is None:
        st.query_params.pop(PLAN_KEY, None)
    elif st.query_params.get(PLAN_KEY) != key:
        st.query_params[PLAN_KEY] = key
