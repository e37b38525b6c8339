"""The view's state: which plan, which day, and the value of every filter (session state, mirrored in the URL).

Each filter of `smolplan.filters.FILTERS` keeps its value in `st.session_state[<its URL key>]`, the
key of its sidebar widget when it has one; the period keeps its typed text and what was understood.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import streamlit as st

from pages import _url
from smolplan.filters import BY_NAME, FILTERS, Filters, toggled
from smolplan.plan_library import resolve
from smolplan.wording import period_in_words

PERIOD_TEXT = "period_text"  # the period box's text
PERIOD_PROBLEM = "_period_problem"  # why the text was not understood, or None
_PERIOD = "_period"  # (start, end) understood from it
_FILTERS = "_filters"  # the filters app.py's sidebar set in this run
_FROM_URL = "_filters_from_url"


def today() -> dt.date:
    """Today's date; SMOLPLAN_TODAY=YYYY-MM-DD pins it (tests, screenshots of a given day)."""
    pinned = os.environ.get("SMOLPLAN_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def plan_is_pinned() -> bool:
    """SMOLPLAN_PLAN=path fixes the plan shown (benchmarks, a fixed deployment)."""
    return bool(os.environ.get("SMOLPLAN_PLAN"))


def plan_path() -> Path:
    """The plan shown: the library's plan named in the URL (?plan=…), else the bundled one;
    SMOLPLAN_PLAN=path overrides both."""
    if plan_is_pinned():
        return Path(os.environ["SMOLPLAN_PLAN"])
    # Switching pages drops query parameters no widget is bound to: the session remembers the plan.
    entry = resolve(_url.plan_in_url() or st.session_state.get("_plan_key"))
    st.session_state["_plan_key"] = entry.key
    if not entry.bundled:
        _url.write_plan(entry.key)
    return entry.path


# --- filters in session state --------------------------------------------------------------------

def filters_in_state():
    """The filters as the session holds them now (widgets' values included)."""
    filters = Filters()
    for f in FILTERS:
        if f.widget == "period":
            filters = f.with_value(filters, st.session_state.get(_PERIOD, f.empty))
        elif f.widget in ("multiselect", "chip"):
            filters = f.with_value(filters, tuple(st.session_state.get(f.key) or ()))
        else:
            filters = f.with_value(filters, st.session_state.get(f.key) or f.empty)
    return filters


def put_in_state(filters) -> None:
    """Set every filter's session value (and so its widget) from `filters`; only before the widgets
    are drawn in a run, or in a callback."""
    for f in FILTERS:
        value = f.value(filters)
        if f.widget == "period":
            st.session_state[_PERIOD] = value
            st.session_state[PERIOD_TEXT] = period_in_words(*value)
            st.session_state[PERIOD_PROBLEM] = None
        elif f.widget in ("multiselect", "chip"):
            st.session_state[f.key] = list(value)
        else:
            st.session_state[f.key] = value


def take_filters_from_url() -> None:
    """Once per session: the filters of the link it was opened with."""
    if not st.session_state.get(_FROM_URL):
        put_in_state(_url.filters_in_url())
        st.session_state[_FROM_URL] = True


def set_period(value) -> None:
    st.session_state[_PERIOD] = value
    st.session_state[PERIOD_PROBLEM] = None


def period_in_state():
    return st.session_state.get(_PERIOD, BY_NAME["period"].empty)


def toggle_filters(*clicks: tuple[str, object]) -> None:
    """A click on a chart: set the filters to the values clicked, or clear them when they were already
    set to them (callbacks only; see `smolplan.filters.toggled`)."""
    put_in_state(toggled(filters_in_state(), *clicks))


def clear_filter(name: str) -> None:
    f = BY_NAME[name]
    put_in_state(f.with_value(filters_in_state(), f.empty))


def reset_filters() -> None:
    put_in_state(Filters())


def remember_filters(filters) -> None:
    st.session_state[_FILTERS] = filters


def current_filters():
    """The filters the sidebar set in this run (app.py draws the sidebar before the page runs)."""
    ensure_app_ran()
    return st.session_state[_FILTERS]


def ensure_app_ran() -> None:
    """Every page calls this first. A link straight to a page, as the first request after the server
    starts, runs that page alone: until some run calls st.navigation, Streamlit treats an app with a
    pages/ folder as one of automatic pages. Calling the public st.navigation with app.py's own pages
    switches the process to them; the rerun then goes through app.py and its sidebar."""
    if _FILTERS not in st.session_state:
        from pages._navigation import navigation

        navigation()
        st.rerun()
