"""A shared link straight to a page, as the very first request a fresh server gets, shows that page
with its filters (Streamlit would otherwise run the page alone, without app.py's sidebar)."""

from __future__ import annotations

from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "app.py"

pytestmark = [
    pytest.mark.e2e,
    # A server of its own (another parameter than test_dashboard's), so this is its first request.
    pytest.mark.parametrize("streamlit_server", [{"path": APP, "env": {"SMOLPLAN_TODAY": "2026-09-16"}}],
                            indirect=True, ids=["fresh"]),
]


def test_first_request_is_a_deep_link_with_filters(page, streamlit_server, e2e):
    e2e.open_app(page, streamlit_server, path="counts", query="country=KZ")
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll(\"[data-testid='stCaptionContainer']\"))"
        ".some(e => e.innerText.includes('Фильтры оставили 2 из 67'))", timeout=30_000,
    )
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("[data-testid='stSidebarNav'] a", has_text="Хронология").count() == 1
    e2e.save_screenshot(page, "deep_link_counts_kz")
