"""What a page may use, in one import (`from pages import _shared as shared`).

The pieces live by concern: `_state` (plan, day, filters in the session), `_url` (the link),
`_data` (cached plan and derived tables), `_widgets` (the sidebar), `_views` (page top, clickable
charts, tables, the event card, downloads), `_workarounds` (CSS where Streamlit has no option),
`_navigation` (the page list).
"""

from pages._data import current_plan, derived, load_entry  # noqa: F401
from pages._navigation import PAGE_FILES  # noqa: F401
from pages._state import ensure_app_ran, plan_is_pinned, plan_path, today  # noqa: F401
from pages._views import (  # noqa: F401
    CHART_CONFIG, briefing_buttons, chart_buttons, clickable_chart, data_table, event_table, plain, plan_uploader, start_page,
    topojson_config,
)
