"""What pages draw with the shared state: the page top, clickable charts (a click sets a shared
filter or opens an event's card), event tables, the event card dialog, download buttons."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from pages import _state
from pages._data import colors, current_plan, filtered_events
from smolplan import Plan
from smolplan.filters import BY_NAME, month_key
from smolplan.wording import scope_in_words

# No plotly toolbar: its tooltips are English, and the PNG/SVG buttons under each chart do its one job here.
CHART_CONFIG = {"displayModeBar": False}
_OPEN_EVENT = "_open_event"
_CLICKS = "_clicks"  # clicks handled so far: part of every chart's key, so each click is a fresh selection


class PageContext:
    def __init__(self, plan: Plan, filters, events: pd.DataFrame, sphere_colors: dict, country_colors: dict):
        self.plan, self.filters, self.events = plan, filters, events  # events: the filtered ones
        self.sphere_colors, self.country_colors = sphere_colors, country_colors


def start_page(title: str) -> PageContext:
    """Every page's top: its title, how many events the filters leave, the card of a clicked event."""
    plan, filters = current_plan(), _state.current_filters()
    events = filtered_events(filters)
    st.title(title)
    show_scope(len(events), len(plan.events))
    opened = st.session_state.pop(_OPEN_EVENT, None)
    if opened is not None:
        event_card(plan, opened)
    return PageContext(plan, filters, events, *colors())


def show_scope(shown: int, total: int) -> None:
    """Every page says how many of the plan's events the filters leave."""
    st.caption(scope_in_words(shown, total))


def topojson_config() -> dict:
    """plotly.js config that makes maps take land and borders from our static files, not a CDN."""
    from smolplan.topojson import topojson_url

    base = st.get_option("server.baseUrlPath") or ""
    return {**CHART_CONFIG, "topojsonURL": topojson_url(base)}


# --- clicks ----------------------------------------------------------------------------------------

def clickable_chart(fig, key: str, sets: tuple[str | None, ...] = (), opens_event: bool = False,
                    config: dict | None = None) -> None:
    """A plotly chart whose click acts on every page: `sets` names the filter each customdata
    position sets (a second click on the same value clears it); with `opens_event` customdata[0] is
    an event's number and a click opens its card. A map point (place key, its events' numbers) opens
    the card of a lone event and filters to the place otherwise."""
    widget_key = f"{key}_{st.session_state.get(_CLICKS, 0)}"
    st.plotly_chart(fig, key=widget_key, on_select=lambda: _clicked(widget_key, sets, opens_event),
                    selection_mode="points", config=config or CHART_CONFIG)


def clicked_rows(selection) -> list[list]:
    """customdata of the points clicked in a chart, each as a list."""
    points = (selection or {}).get("selection", {}).get("points", []) if hasattr(selection, "get") else []
    rows = []
    for point in points:
        data = point.get("customdata")
        if isinstance(data, dict):  # plotly sends all-numeric customdata as {"0": value, …}
            data = [data[k] for k in sorted(data, key=int)]
        if data is not None:
            rows.append(list(data) if isinstance(data, (list, tuple)) else [data])
    return rows


def _clicked(widget_key: str, sets: tuple[str | None, ...], opens_event: bool) -> None:
    rows = clicked_rows(st.session_state.get(widget_key))
    st.session_state[_CLICKS] = st.session_state.get(_CLICKS, 0) + 1
    if not rows:
        return
    data = rows[0]
    lone = _lone_event(data[-1]) if "places" in sets and len(data) > 1 else None
    if opens_event or lone is not None:
        number = data[0] if opens_event else lone
        if str(number).isdigit():
            st.session_state[_OPEN_EVENT] = int(number)
        return
    _state.toggle_filters(*((name, _clicked_value(name, data, position)) for position, name in enumerate(sets)
                            if name and position < len(data)))


def _clicked_value(name: str, data: list, position: int) -> str:
    value = data[position]
    if name == "months":
        return month_key(value)
    if name == "places" and "|" not in str(value) and len(data) > position + 1:
        return f"{value}|{data[position + 1]}"  # a point keyed by (name, country)
    return str(value)


def _lone_event(numbers):
    if isinstance(numbers, dict):
        numbers = list(numbers.values())
    if isinstance(numbers, (list, tuple)) and len(numbers) == 1 and str(numbers[0]).isdigit():
        return int(numbers[0])
    return None


# --- tables and the event card ---------------------------------------------------------------------

def data_table(frame: pd.DataFrame, **options):
    """A table of Russian headers; an empty one is said in words (Streamlit draws "empty" in its grid)."""
    if frame.empty:
        st.caption("Нет строк.")
        return None
    return st.dataframe(frame, hide_index=True, placeholder="—", **options)


def event_table(events: pd.DataFrame, key: str | None = None, opens_card: bool = False):
    """The events as a table (Russian headers); with `opens_card`, a click on a row opens its card."""
    from smolplan.counts import events_table_ru

    table = events_table_ru(events)
    config = {
        "№": st.column_config.NumberColumn(width="small"),
        "Наименование": st.column_config.TextColumn(width="large"),
        "Дистанционно": st.column_config.CheckboxColumn(width="small"),
    }
    if not opens_card:
        return data_table(table, column_config=config, key=key)
    widget_key = f"{key}_{st.session_state.get(_CLICKS, 0)}"
    numbers = list(events["n"])
    return st.dataframe(table, hide_index=True, column_config=config, key=widget_key, placeholder="—",
                        on_select=lambda: _row_clicked(widget_key, numbers), selection_mode="single-row")


def _row_clicked(widget_key: str, numbers: list[int]) -> None:
    state = st.session_state.get(widget_key)
    rows = state.selection.rows if state else []
    st.session_state[_CLICKS] = st.session_state.get(_CLICKS, 0) + 1
    if rows and rows[0] < len(numbers):
        st.session_state[_OPEN_EVENT] = int(numbers[rows[0]])


_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-.!|<>~$&"})
# Markdown turns "www.…", "http://…" and "a@b.c" into links whatever is escaped: an invisible word
# joiner after "www", the scheme or "@" leaves the text as written and links nowhere.
_AUTOLINK_START = re.compile(r"(?i)\bwww(?=\.)|\b(?:https?|ftp|mailto|xmpp)(?=:)|@")


def plain(text: str) -> str:
    """Document text for st.markdown: shown as written, never as formatting, links or HTML."""
    return _AUTOLINK_START.sub(lambda m: m.group() + "\u2060", str(text)).translate(_MARKDOWN_SPECIAL)


@st.dialog("Мероприятие", width="large")
def event_card(plan: Plan, n: int) -> None:
    """One event: the seven fields of the document verbatim with their paragraphs (and the plan's other
    columns), what was read from them, and where it sits on the timeline and the map."""
    from smolplan import charts, counts

    found = plan.events[plan.events["n"] == n]
    if found.empty:
        st.warning(f"Мероприятия № {n} в плане нет.")
        return
    event = found.iloc[0]
    original, parsed = counts.event_card(event)
    if event.get("sphere_number"):  # the section's number as the plan prints it, beside the sphere
        parsed.insert(1, ("Номер раздела", event["sphere_number"]))
    st.subheader(f"№ {event['n']}. {plain(event['title'])}")
    left, right = st.columns(2)
    with left:
        st.markdown("#### Как в документе")
        for label, value in original + _other_columns(event):
            st.markdown(f"**{plain(label)}**")
            st.text(value or "—")
    with right:
        st.markdown("#### Что прочитано")
        for label, value in parsed:
            st.markdown(f"**{plain(label)}**")
            st.text(value)
    sphere_colors, country_colors = colors()
    st.markdown("#### На хронологии и на карте")
    if pd.notna(event["start"]):
        fig = charts.timeline(found, colors=sphere_colors, today=_state.today(),
                              period=(plan.period_start, plan.period_end))  # the event within the plan's period
        fig.update_layout(height=220, margin=dict(l=10))
        fig.update_yaxes(showticklabels=False)  # the card's title names the event
        st.plotly_chart(fig, key=f"card_timeline_{n}", config=CHART_CONFIG)
    else:
        st.caption("Срок не определён: на хронологии мероприятия нет.")
    if event["places"]:
        fig = charts.venue_map(counts.venues(found), view="area", colors=country_colors)
        fig.update_layout(height=300, margin=dict(t=10, b=10, l=10, r=10))
        st.plotly_chart(fig, key=f"card_map_{n}", config=topojson_config())
    else:
        st.caption("Место не определено: на карте мероприятия нет.")


def _other_columns(event: pd.Series) -> list[tuple[str, str]]:
    """The executors and every other column of the plan, verbatim."""
    rows = []
    if str(event.get("executors", "") or "").strip():
        rows.append(("Исполнители", event["executors"]))
    extras = event.get("extras")
    if isinstance(extras, dict):
        rows.extend(extras.items())
    return rows


# --- downloads -------------------------------------------------------------------------------------

def briefing_buttons(filters) -> None:
    """Excel, Word, PowerPoint and iCal of exactly the filtered events; each file is built only when
    clicked, the memo's and the deck's pictures drawn ahead in the background."""
    from smolplan.briefing import KINDS, WARMER, build_briefing

    plan, day = current_plan(), _state.today()
    WARMER.submit(plan, filters, day)
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


# --- plans -----------------------------------------------------------------------------------------

def plan_uploader(label: str):
    """`st.file_uploader` for plans, its English texts in Russian (see pages/_workarounds.py)."""
    from pages._workarounds import uploader_texts

    uploader_texts()
    # A fresh key after a plan is taken empties the control, so the same file is not offered again.
    return st.file_uploader(label, type=["docx", "txt", "xlsx", "csv", "pdf", "doc", "odt"], key=f"upload_{st.session_state.get('_uploads', 0)}")
