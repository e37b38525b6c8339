"""The app's pages, defined once: app.py runs them, and a page opened before app.py ever ran uses the
same list to hand the run back to app.py (see `pages._state.ensure_app_ran`)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGES_DIR = Path(__file__).resolve().parent
STATIC_DIR = PAGES_DIR.parent / "static"
# Absolute paths: the app also runs from an entry script elsewhere (tests/app_entry.py).
PAGE_FILES = {name: PAGES_DIR / f"{name}.py"
              for name in ("overview", "timeline", "counts", "map", "events", "quality", "library")}
_TITLES = {
    "overview": ("Обзор", ":material/dashboard:"), "timeline": ("Хронология", ":material/calendar_month:"),
    "counts": ("Сферы и страны", ":material/bar_chart:"), "map": ("Карта", ":material/map:"),
    "events": ("Мероприятия", ":material/table_rows:"), "quality": ("Качество данных", ":material/rule:"),
    "library": ("Планы", ":material/folder_open:"),
}


def navigation():
    """The app's title and icon, then st.navigation over every page, the overview first."""
    # The icon first: a navigation message arriving before it makes the page's Material icon the
    # tab's icon, an SVG the browser fetches from fonts.gstatic.com (no other host may be asked).
    st.set_page_config(page_title="Международные мероприятия Смоленской области",
                       page_icon=str(STATIC_DIR / "favicon.png"), layout="wide")
    return st.navigation([
        st.Page(PAGE_FILES[name], title=title, icon=icon, default=name == "overview")
        for name, (title, icon) in _TITLES.items()
    ])
