"""What every page shares: the current plan, the sidebar filters (kept in the URL), cached derived data.

This is the only place that knows about Streamlit state; pages call it, then `smolplan` functions.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from smolplan import Plan, load_plan
from smolplan.plan_library import resolve
from smolplan.charts import country_colors, sphere_colors
from smolplan.countries import country_name_ru
from smolplan import counts
from smolplan.filters import (
    FORMATS, LOCATIONS, PERIOD_MAX, PERIOD_MIN, QUERY_KEYS, STATUSES, Filters, apply_filters, filters_from_query,
    filters_to_query,
)

# The URL carries the filters in `smolplan.filters` query form (?country=BY&from=2026-09-01…):
# codes, not widget labels, so a link outlives the event counts shown in the labels.
PAGES_DIR = Path(__file__).resolve().parent
STATIC_DIR = PAGES_DIR.parent / "static"
# Absolute paths: the app also runs from an entry script elsewhere (tests/app_entry.py).
PAGE_FILES = {name: PAGES_DIR / f"{name}.py"
              for name in ("overview", "timeline", "counts", "map", "events", "quality", "library")}


def today() -> dt.date:
    """Today's date; SMOLPLAN_TODAY=YYYY-MM-DD pins it (tests, screenshots of a given day)."""
    pinned = os.environ.get("SMOLPLAN_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


@st.cache_data(show_spinner="Читаю план…", max_entries=8)
def _load(path: str, modified: float) -> Plan:
    return load_plan(path)


def plan_is_pinned() -> bool:
    """SMOLPLAN_PLAN=path fixes the plan shown (benchmarks, a fixed deployment)."""
    return bool(os.environ.get("SMOLPLAN_PLAN"))


def plan_path() -> Path:
    """The plan shown: the library's plan named in the URL (?plan=…), else the bundled one;
    SMOLPLAN_PLAN=path overrides both."""
    if plan_is_pinned():
        return Path(os.environ["SMOLPLAN_PLAN"])
    # Switching pages drops query parameters no widget is bound to: the session remembers the plan.
    entry = resolve(st.query_params.get("plan") or st.session_state.get("_plan_key"))
    st.session_state["_plan_key"] = entry.key
    if not entry.bundled and st.query_params.get("plan") != entry.key:
        st.query_params["plan"] = entry.key
    return entry.path


def current_plan() -> Plan:
    path = plan_path()
    return _load(str(path), path.stat().st_mtime)


@st.cache_data(show_spinner=False, max_entries=64)
def _filtered(path: str, modified: float, filters: Filters, day: dt.date) -> pd.DataFrame:
    return apply_filters(_load(path, modified).events, filters, day)


def filtered_events(filters: Filters) -> pd.DataFrame:
    path = plan_path()
    return _filtered(str(path), path.stat().st_mtime, filters, today())


DERIVED = {
    "by_sphere": lambda events, day: counts.by_sphere(events),
    "by_country": lambda events, day: counts.by_country(events),
    "sphere_by_country": lambda events, day: counts.sphere_by_country(events),
    "by_month": lambda events, day: counts.by_month(events),
    "venues": lambda events, day: counts.venues(events),
    "key_figures": counts.key_figures,
    "upcoming": lambda events, day: counts.upcoming(events, day, limit=6),
    "abroad": counts.abroad,
}


@st.cache_data(show_spinner=False, max_entries=256)
def _derived(path: str, modified: float, filters: Filters, day: dt.date, name: str):
    return DERIVED[name](_filtered(path, modified, filters, day), day)


def derived(name: str, filters: Filters):
    """A derived table of `smolplan.counts` over the filtered events, cached per plan, filters and day."""
    path = plan_path()
    return _derived(str(path), path.stat().st_mtime, filters, today(), name)


@st.cache_data(show_spinner=False, max_entries=8)
def _colors(path: str, modified: float) -> tuple[dict, dict]:
    events = _load(path, modified).events
    return sphere_colors(events), country_colors(events)


def colors() -> tuple[dict[str, str], dict[str, str]]:
    """(sphere colours, country colours), fixed by the whole plan so they do not shift with filters."""
    path = plan_path()
    return _colors(str(path), path.stat().st_mtime)


def _set_widgets(filters: Filters) -> None:
    st.session_state.update(
        country=list(filters.countries), sphere=list(filters.spheres),
        # A period open at the end is the widget's half-picked range (start,); one open at the start
        # begins at the earliest date the widget offers.
        period=(() if filters.start is None and filters.end is None else
                (filters.start,) if filters.end is None else (filters.start or PERIOD_MIN, filters.end)),
        where=filters.location, format=filters.format, status=list(filters.statuses), q=filters.text,
    )


def _reset_filters() -> None:
    _set_widgets(Filters())


def sidebar_filters(plan: Plan) -> Filters:
    """The filters, drawn once in the sidebar for every page, read from and written back to the URL."""
    events = plan.events
    countries = counts.by_country(events)
    country_counts = dict(zip(countries["country"], countries["events"]))
    spheres = list(dict.fromkeys(events["sphere"]))
    if not st.session_state.get("_filters_from_url"):
        _set_widgets(filters_from_query(st.query_params.get_all))
        st.session_state["_filters_from_url"] = True
    # Values the current plan does not offer (a link made for another plan) are dropped, not an error.
    st.session_state["country"] = [c for c in st.session_state.get("country", []) if c in country_counts]
    st.session_state["sphere"] = [s for s in st.session_state.get("sphere", []) if s in spheres]
    lo, hi = events["start"].min(), events["end"].max()
    with st.sidebar:
        st.header("Фильтры")
        chosen_countries = st.multiselect(
            "Страна-партнёр", list(countries["country"]),
            format_func=lambda c: f"{country_name_ru(c)} ({country_counts.get(c, 0)})",
            key="country", placeholder="все страны",
        )
        chosen_spheres = st.multiselect("Сфера", spheres, key="sphere", placeholder="все сферы")
        period = st.date_input(
            "Период (пересекается со сроками)",
            min_value=min(lo.date(), PERIOD_MIN) if pd.notna(lo) else PERIOD_MIN,
            max_value=max(hi.date(), PERIOD_MAX) if pd.notna(hi) else PERIOD_MAX,
            format="DD.MM.YYYY", key="period",
        )
        where = st.segmented_control("Где", list(LOCATIONS), format_func=LOCATIONS.get, key="where")
        form = st.segmented_control("Формат", list(FORMATS), format_func=FORMATS.get, key="format")
        statuses = st.multiselect("Статус на сегодня", list(STATUSES), format_func=STATUSES.get, key="status",
                                  placeholder="любой")
        text = st.text_input("Поиск по тексту", key="q", placeholder="слово или фраза во всех полях")
        st.button("Сбросить фильтры", on_click=_reset_filters, width="stretch")
    start, end = _period_bounds(period)
    filters = Filters(
        countries=tuple(chosen_countries), spheres=tuple(chosen_spheres), start=start, end=end,
        location=where, format=form, statuses=tuple(statuses), text=text or "",
    )
    _write_url(filters)
    return filters


def _write_url(filters: Filters) -> None:
    """Mirror the filters in the URL, leaving other parameters (the chosen plan) as they are."""
    wanted = filters_to_query(filters)
    for key in QUERY_KEYS:
        if key in wanted:
            if st.query_params.get_all(key) != (wanted[key] if isinstance(wanted[key], list) else [wanted[key]]):
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]


def _period_bounds(period) -> tuple[dt.date | None, dt.date | None]:
    """The widget's value as (start, end): one date picked so far means "from then on", as `--from` does."""
    if isinstance(period, dt.date):
        return period, period
    values = [p for p in (period or ()) if p is not None]
    if not values:
        return None, None
    if len(values) == 1:
        return values[0], None
    return None if values[0] == PERIOD_MIN else values[0], values[-1]


def current_filters() -> Filters:
    """The filters the sidebar set in this run (app.py draws the sidebar before the page runs)."""
    ensure_app_ran()
    return st.session_state["_filters"]


def ensure_app_ran() -> None:
    """Every page calls this first: a page opened without app.py (see below) reruns through it."""
    if "_filters" not in st.session_state:
        _run_through_app_py()


def _run_through_app_py() -> None:
    """A link straight to a page, as the first request after the server starts, runs that page alone.

    Streamlit decides once per process whether an app with a pages/ folder uses the old automatic
    pages (it does until some run calls st.navigation); in that mode a deep link skips app.py and its
    sidebar. Switch the process to st.navigation and rerun: app.py then draws this same page.
    """
    from streamlit.runtime.pages_manager import PagesManager  # no public switch exists (1.67)

    PagesManager.uses_pages_directory = False
    st.rerun()


@dataclass(frozen=True)
class PageContext:
    plan: Plan
    filters: Filters
    events: pd.DataFrame  # the filtered events
    sphere_colors: dict[str, str]
    country_colors: dict[str, str]


def start_page(title: str) -> PageContext:
    """Every page's top: its title, how many events the filters leave, and what it needs to draw."""
    plan, filters = current_plan(), current_filters()
    events = filtered_events(filters)
    st.title(title)
    show_scope(len(events), len(plan.events))
    return PageContext(plan, filters, events, *colors())


def show_scope(shown: int, total: int) -> None:
    """Every page says how many of the plan's events the filters leave."""
    from smolplan.filters import scope_in_words

    st.caption(scope_in_words(shown, total))


# No plotly toolbar: its tooltips are English, and the PNG/SVG buttons under each chart do its one job here.
CHART_CONFIG = {"displayModeBar": False}


def topojson_config() -> dict:
    """plotly.js config that makes maps take land and borders from our static files, not a CDN."""
    from smolplan.topojson import topojson_url

    base = st.get_option("server.baseUrlPath") or ""
    return {**CHART_CONFIG, "topojsonURL": topojson_url(base)}


def selected_keys(event, position: int = 0) -> list:
    """Keys (customdata[position]) of the points or bars clicked in a plotly chart."""
    if not event:
        return []
    points = event.get("selection", {}).get("points", []) if hasattr(event, "get") else []
    keys = []
    for point in points:
        data = point.get("customdata")
        if isinstance(data, dict):  # plotly sends all-numeric customdata as {"0": value, …}
            data = [data[k] for k in sorted(data, key=int)]
        if isinstance(data, (list, tuple)) and len(data) > position:
            keys.append(data[position])
    return list(dict.fromkeys(keys))


def event_table(events: pd.DataFrame, key: str | None = None, selectable: bool = False):
    """The events as a table (Russian headers); with `selectable`, one row can be picked."""
    from smolplan.counts import events_table_ru

    table = events_table_ru(events)
    config = {
        "№": st.column_config.NumberColumn(width="small"),
        "Наименование": st.column_config.TextColumn(width="large"),
        "Дистанционно": st.column_config.CheckboxColumn(width="small"),
    }
    if selectable:
        return st.dataframe(table, hide_index=True, column_config=config, key=key, on_select="rerun",
                            selection_mode="single-row")
    return st.dataframe(table, hide_index=True, column_config=config, key=key)


_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-.!|<>~$&"})


# Markdown turns "www.…", "http://…" and "a@b.c" into links whatever is escaped: an invisible word
# joiner after "www", the scheme or "@" leaves the text as written and links nowhere.
_AUTOLINK_START = re.compile(r"(?i)\bwww(?=\.)|\b(?:https?|ftp|mailto|xmpp)(?=:)|@")


def plain(text: str) -> str:
    """Document text for st.markdown: shown as written, never as formatting, links or HTML."""
    return _AUTOLINK_START.sub(lambda m: m.group() + "\u2060", str(text)).translate(_MARKDOWN_SPECIAL)


def briefing_buttons(filters: Filters) -> None:
    """Excel, Word, PowerPoint and iCal of exactly the filtered events; each file is built only when clicked."""
    from smolplan.briefing import KINDS, build_briefing

    plan, day = current_plan(), today()
    with st.container(horizontal=True):  # buttons as wide as their labels, wrapping when narrow
        for kind, spec in KINDS.items():
            st.download_button(
                spec.label, data=lambda kind=kind: build_briefing(kind, plan, filters, day).data,
                file_name=spec.file_name, mime=spec.mime, on_click="ignore", icon=":material/download:",
                key=f"briefing_{kind}",
            )


def chart_buttons(fig, name: str, title: str) -> None:
    """PNG and SVG of a chart, titled with the filters in words; rendered only when clicked."""
    from smolplan.charts import with_title
    from smolplan.images import figure_image

    with st.container(horizontal=True):  # narrow columns cut the labels to "P…"
        st.download_button("PNG", data=lambda: figure_image(with_title(fig, title), "png"), file_name=f"{name}.png",
                           mime="image/png", on_click="ignore", key=f"{name}_png", icon=":material/image:")
        st.download_button("SVG", data=lambda: figure_image(with_title(fig, title), "svg"),
                           file_name=f"{name}.svg", mime="image/svg+xml", on_click="ignore", key=f"{name}_svg",
                           icon=":material/image:")


def load_entry(entry) -> Plan:
    """A library plan, through the same cache as the current one."""
    return _load(str(entry.path), entry.path.stat().st_mtime)


def plan_uploader(label: str):
    """`st.file_uploader` for plans, with its built-in English texts replaced by Russian ones.

    Streamlit has no option for those texts, and a file over `server.maxUploadSize` is refused in
    the browser with only a red chip and an English tooltip (so is a file of another type dropped on
    it); static CSS (never document text) replaces them and spells out the refusal.
    """
    limit = st.get_option("server.maxUploadSize")
    zone = "[data-testid=stFileUploaderDropzone]"
    st.html(f"""<style>
{zone} button [data-testid=stMarkdownContainer] p {{ font-size: 0; }}
{zone} button [data-testid=stMarkdownContainer] p::after {{ content: "Выбрать файл"; font-size: 0.875rem; }}
[data-testid=stFileUploaderDropzoneInstructions] span {{ font-size: 0; }}
[data-testid=stFileUploaderDropzoneInstructions] span::after {{
  content: "или перетащите сюда · не больше {limit} МБ · DOCX, TXT, XLSX, CSV, PDF, DOC, ODT"; font-size: 0.875rem; }}
{zone}:has([data-testid=stFileChip][aria-invalid=true])::after {{
  content: "Файл не принят: нужен .docx, .txt, .xlsx, .csv, .pdf, .doc или .odt не больше {limit} МБ. Текущий план не изменился. "
           "Слишком большой план сохраните без картинок или разделите.";
  display: block; color: #b42318; font-size: 0.875rem; padding-top: 0.5rem; }}
</style>""")
    # A fresh key after a plan is taken empties the control, so the same file is not offered again.
    return st.file_uploader(label, type=["docx", "txt", "xlsx", "csv", "pdf", "doc", "odt"], key=f"upload_{st.session_state.get('_uploads', 0)}")
