"""Cached data: the plan read once per file version, the filtered events and the tables derived from
them cached per plan, filters and day. Derived tables are named `smolplan.counts` functions."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from pages._state import plan_path, today
from smolplan import Plan, load_plan
from smolplan.charts import country_colors, sphere_colors
from smolplan.filters import BY_NAME, apply_filters, option_counts


@st.cache_data(show_spinner="Читаю план…", max_entries=8)
def _load(path: str, modified: float) -> Plan:
    return load_plan(path)


def _version() -> tuple[str, float]:
    path = plan_path()
    return str(path), path.stat().st_mtime


def current_plan() -> Plan:
    return _load(*_version())


def load_entry(entry) -> Plan:
    """A library plan, through the same cache as the current one."""
    return _load(str(entry.path), entry.path.stat().st_mtime)


@st.cache_data(show_spinner=False, max_entries=64)
def _filtered(path: str, modified: float, filters, day: dt.date) -> pd.DataFrame:
    return apply_filters(_load(path, modified).events, filters, day)


def filtered_events(filters) -> pd.DataFrame:
    return _filtered(*_version(), filters, today())


@st.cache_data(show_spinner=False, max_entries=256)
def _derived(path: str, modified: float, filters, day: dt.date, name: str, args: tuple, _table):
    return _table(_filtered(path, modified, filters, day), *args)


def derived(table, filters, *args):
    """`table(filtered events, *args)` — a `smolplan.counts` function — cached per plan, filters, day
    and the function's own name (Streamlit cannot hash a function itself)."""
    return _derived(*_version(), filters, today(), f"{table.__module__}.{table.__qualname__}", args, table)


@st.cache_data(show_spinner=False, max_entries=256)
def _option_counts(path: str, modified: float, filters, day: dt.date, name: str) -> dict:
    return option_counts(_load(path, modified).events, filters, day, name)


def counts_for_widget(filters, name: str) -> dict:
    """Events per option of one filter under the other current filters ("Беларусь (19)")."""
    return _option_counts(*_version(), filters, today(), name)


@st.cache_data(show_spinner=False, max_entries=256)
def _value_count(path: str, modified: float, filters, day: dt.date, name: str, value) -> int:
    base = apply_filters(_load(path, modified).events, filters, day, leave_out=name)
    return int(BY_NAME[name].keep(base, (value,), day).sum())


def count_for_value(filters, name: str, value) -> int:
    """Events one value of a filter keeps under the other current filters (a chip's count)."""
    return _value_count(*_version(), filters, today(), name, value)


@st.cache_data(show_spinner=False, max_entries=64)
def _options(path: str, modified: float, day: dt.date, name: str) -> list:
    return BY_NAME[name].options(_load(path, modified).events, day)


def widget_options(name: str) -> list:
    """What one filter's widget offers on the whole plan, in its order."""
    return _options(*_version(), today(), name)


@st.cache_data(show_spinner=False, max_entries=8)
def _colors(path: str, modified: float) -> tuple[dict, dict]:
    events = _load(path, modified).events
    return sphere_colors(events), country_colors(events)


def colors() -> tuple[dict[str, str], dict[str, str]]:
    """(sphere colours, country colours), fixed by the whole plan so they do not shift with filters."""
    return _colors(*_version())
