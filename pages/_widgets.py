"""The sidebar: one widget per filter of `smolplan.filters.FILTERS`, drawn by the filter's `widget`
kind; click-set filters as chips with a cross; the period typed in Russian."""

from __future__ import annotations

import streamlit as st

from pages import _state, _url
from pages._data import count_for_value, counts_for_widget, widget_options
from smolplan import Plan
from smolplan.filters import BY_NAME, FILTERS, AnyOf, Filter

_PLACEHOLDERS = {"countries": "все страны", "spheres": "все сферы", "executors": "все исполнители",
                 "statuses": "любой"}
_PERIOD_HINT = "например: IV квартал"


def sidebar_filters(plan: Plan):
    """The filters, drawn once in the sidebar for every page, read from and written back to the URL."""
    _state.take_filters_from_url()
    _drop_values_the_plan_lacks(plan)
    now = _state.filters_in_state()
    with st.sidebar:
        st.header("Фильтры")
        # Filters set by a click on a chart first, where the eye goes after the click.
        for f in sorted(FILTERS, key=lambda f: f.widget != "chip"):
            _draw(f, plan, now)
        st.button("Сбросить фильтры", on_click=_state.reset_filters, width="stretch")
    filters = _state.filters_in_state()
    _url.write_filters(filters)
    return filters


def _drop_values_the_plan_lacks(plan: Plan) -> None:
    """Values the current plan does not offer (a link made for another plan) are dropped, not an error."""
    for f in FILTERS:
        if f.widget == "multiselect":
            offered = set(widget_options(f.name))
            st.session_state[f.key] = [v for v in st.session_state.get(f.key) or [] if v in offered]


def _draw(f: Filter, plan: Plan, now) -> None:
    if f.widget == "multiselect":
        options = widget_options(f.name)
        if not options:
            return  # e.g. a plan without an executors column
        counted = counts_for_widget(now, f.name)
        st.multiselect(f.label, options, key=f.key, placeholder=_PLACEHOLDERS.get(f.name, "любые"),
                       format_func=lambda v, f=f: f"{f.option_words(v)} ({counted.get(v, 0)})", select_all=False)
    elif f.widget == "segmented":
        counted = counts_for_widget(now, f.name)
        st.segmented_control(f.label, widget_options(f.name), key=f.key,
                             format_func=lambda v, f=f: f"{f.option_words(v)} ({counted.get(v, 0)})")
    elif f.widget == "period":
        _period_box(f, plan)
    elif f.widget == "text":
        st.text_input(f.label, key=f.key, placeholder="слово или фраза, Enter — искать")
    elif f.widget == "chip" and f.is_set(now):
        _chips(f, now)


def _chips(f: AnyOf, now) -> None:
    """A filter set by a click on a chart: its value with a cross that clears it."""
    for value in f.value(now):
        shown = count_for_value(now, f.name, value)
        st.button(f"{(f.word or f.label).capitalize()}: {f.option_words(value)} ({shown})", icon=":material/close:",
                  key=f"chip_{f.key}_{value}", on_click=_state.clear_filter, args=(f.name,), width="stretch")


def _period_box(f, plan: Plan) -> None:
    """The period as officials write it, applied on Enter, what was understood shown under it; presets
    for the plan's own period, quarters and months."""
    st.text_input(f"{f.label} (пересекается со сроками)", key=_state.PERIOD_TEXT, placeholder=_PERIOD_HINT,
                  on_change=_read_period, args=(plan.year, _plan_period(plan)),
                  help="Как в документах: «IV квартал», «октябрь–декабрь 2026», «с 1 октября по 31 декабря», "
                       "«01.10.2026 – 31.12.2026». Enter — применить.")
    problem, period = st.session_state.get(_state.PERIOD_PROBLEM), _state.period_in_state()
    if problem:
        st.error(problem)
    elif period != f.empty:
        st.caption(f"Понято: {f.words(period)}")
    presets = f.presets(*_plan_period(plan))
    if presets:
        with st.popover("Быстрый выбор периода", icon=":material/date_range:", width="stretch"):
            st.pills("Быстрый выбор периода", [words for words, _, _ in presets], key="period_preset",
                     on_change=_take_preset, args=(presets,), label_visibility="collapsed")


def _plan_period(plan: Plan):
    start, end = plan.period_start, plan.period_end
    if start is None or end is None:
        starts, ends = plan.events["start"].dropna(), plan.events["end"].dropna()
        if starts.empty:
            return None, None
        start, end = starts.min().date(), ends.max().date()
    return start, end


def _read_period(year, plan_period) -> None:
    result = BY_NAME["period"].read(st.session_state.get(_state.PERIOD_TEXT, ""), year, plan_period)
    if isinstance(result, str):
        st.session_state[_state.PERIOD_PROBLEM] = result
    else:
        _state.set_period(result)


def _take_preset(presets) -> None:
    chosen = st.session_state.get("period_preset")
    for words, start, end in presets:
        if words == chosen:
            _state.set_period((start, end))
            st.session_state[_state.PERIOD_TEXT] = words
    st.session_state["period_preset"] = None  # a preset is a shortcut, not a state of its own
