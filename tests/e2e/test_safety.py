"""Document text stays text in the browser: a plan's title with `www.` and `http://` is no link on any page."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLAN = Path(tempfile.mkdtemp(prefix="smolplan-safety-")) / "план.txt"
PLAN.write_text(
    "План на 2027 год www.example.org и http://evil.invalid/x [ссылка](http://evil.invalid) <a href=x>a</a>\n"
    "\t№ п/п\n\tНаименование мероприятия\n\tМесто проведения мероприятия\n\tСроки проведения мероприятия\n"
    "\t1.\n\tФорум на www.forum.example и https://evil.invalid\n\tг. Минск\n\tмарт 2027 года\n",
    encoding="utf-8",
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.parametrize("streamlit_server", [{"path": ROOT / "app.py", "env": {"SMOLPLAN_PLAN": str(PLAN)}}],
                            indirect=True, ids=["hostile-title"]),
]


@pytest.mark.parametrize("path", ["", "events", "quality", "library"])
def test_document_text_never_becomes_a_link(page, streamlit_server, e2e, path):
    e2e.open_app(page, streamlit_server, path=path)
    page.wait_for_function("() => document.body.innerText.includes('План') || document.body.innerText.includes('Форум')",
                           timeout=30_000)
    e2e.wait_for_script_run(page)
    links = page.locator("[data-testid='stMain'] a").evaluate_all("els => els.map(e => e.href)")
    assert not [href for href in links if "example" in href or "evil" in href or href.endswith("/x")], links
    if path == "":
        shown = page.inner_text("[data-testid='stMain']").replace("\u2060", "")  # the invisible word joiner
        assert "www.example.org и http://evil.invalid/x [ссылка](http://evil.invalid) <a href=x>a</a>" in shown
        e2e.save_screenshot(page, "overview_hostile_title")
