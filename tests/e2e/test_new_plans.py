"""Loading a new plan in the browser: a broken file is explained and changes nothing; a good one is
previewed, then becomes current on confirmation; cell text is never rendered as HTML."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = Path(tempfile.mkdtemp(prefix="smolplan-library-"))

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.parametrize("streamlit_server", [{"path": ROOT / "app.py", "env": {"SMOLPLAN_LIBRARY": str(LIBRARY)}}],
                            indirect=True, ids=["library"]),
]

HOSTILE = (
    "План на 2027 год\n\t№ п/п\n\tНаименование мероприятия\n\tМесто проведения мероприятия\n"
    "\tСроки проведения мероприятия\n\tУчастники мероприятия\n"
    "\t1.\n\t<script>window.__pwned = 1</script><b>жирный</b>\n\tг. Минск\n\tмарт 2027 года\n"
    "\t<img src=x onerror=\"window.__pwned=2\">\n"
)


def caption_has(page, text: str) -> None:
    page.wait_for_function(
        "t => document.body.innerText.includes(t)", arg=text, timeout=30_000,
    )


def test_broken_upload_keeps_the_plan_and_a_good_one_becomes_current(page, streamlit_server, e2e, tmp_path):
    e2e.open_app(page, streamlit_server, path="library")
    broken = tmp_path / "сломанный.docx"
    broken.write_bytes(b"PK\x03\x04 not a document")
    page.locator("[data-testid='stFileUploader'] input[type=file]").set_input_files(str(broken))
    caption_has(page, "План не прочитан, текущий план не изменился.")
    e2e.wait_for_script_run(page)
    assert list(LIBRARY.iterdir()) == []
    e2e.save_screenshot(page, "library_broken_upload")

    good = tmp_path / "план 2027.txt"
    good.write_text(HOSTILE, encoding="utf-8")
    page.locator("[data-testid='stFileUploader'] input[type=file]").set_input_files(str(good))
    caption_has(page, "Прочитано мероприятий: 1.")
    e2e.wait_for_script_run(page)
    page.get_by_role("button", name="Сделать текущим планом").click()
    e2e.wait_for_script_run(page)
    caption_has(page, "Сейчас показан: план 2027.txt")
    assert [p.name for p in LIBRARY.iterdir() if not p.name.startswith(".")] == ["план 2027.txt"]
    # The upload control is empty again: the same file is not offered for a second confirmation.
    page.get_by_role("button", name="Сделать текущим планом").wait_for(state="detached", timeout=20_000)

    # The comparison below (bundled → new) says an empty list in Russian, not with the grid's "empty".
    page.get_by_text("Изменены: 0").wait_for(timeout=20_000)
    assert "empty" not in page.locator("body").inner_text()
    # The new plan is current on every page; its cells are text, not markup.
    e2e.save_screenshot(page, "library_after_confirm")
    page.locator("[data-testid='stSidebarNav'] a", has_text="Обзор").click()
    e2e.wait_for_script_run(page)
    caption_has(page, "Показано единственное мероприятие плана.")
    caption_has(page, "<script>window.__pwned = 1</script><b>жирный</b>")
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("[data-testid='stMain'] b", has_text="жирный").count() == 0
    e2e.save_screenshot(page, "library_new_plan_overview")
    assert e2e.foreign_requests(page, streamlit_server) == []


def wait_for_shown_after(page, selector: str, text: str) -> None:
    """Wait until our stylesheet (drawn just after the widget it restyles) shows `text` after an element."""
    page.wait_for_function(
        "([sel, t]) => { const e = document.querySelector(sel);"
        " return e && getComputedStyle(e, '::after').content.includes(t); }", arg=[selector, text], timeout=20_000,
    )


def shown_after(page, selector: str) -> str:
    """Text that our stylesheet shows after an element (how Streamlit's English texts are replaced)."""
    return page.locator(selector).first.evaluate("e => getComputedStyle(e, '::after').content")


def test_a_file_over_the_limit_is_refused_in_russian_and_changes_nothing(page, streamlit_server, e2e, tmp_path):
    e2e.open_app(page, streamlit_server, path="library")
    zone = "[data-testid='stFileUploaderDropzone']"
    wait_for_shown_after(page, f"{zone} button [data-testid='stMarkdownContainer'] p", "Выбрать файл")
    assert shown_after(page, f"{zone} button [data-testid='stMarkdownContainer'] p") == '"Выбрать файл"'
    assert "не больше 20 МБ" in shown_after(page, "[data-testid='stFileUploaderDropzoneInstructions'] span")
    assert shown_after(page, zone) in ("none", "normal")  # no refusal before a file is chosen

    huge = tmp_path / "огромный.txt"
    huge.write_bytes(b"x" * (21 * 1024 * 1024))  # over server.maxUploadSize = 20
    page.locator("[data-testid='stFileUploader'] input[type=file]").set_input_files(str(huge))
    page.locator("[data-testid='stFileChip'][aria-invalid='true']").wait_for(timeout=20_000)
    wait_for_shown_after(page, zone, "Файл не принят")
    assert shown_after(page, zone).startswith('"Файл не принят: нужен .docx, .txt, .xlsx, .csv, .pdf, .doc или .odt не больше 20 МБ.')
    e2e.save_screenshot(page, "library_file_over_limit")
    # The server never saw the file: no preview, no confirm button, nothing saved, same plan shown.
    e2e.wait_for_script_run(page)
    page.get_by_role("button", name="Сделать текущим планом").wait_for(state="detached", timeout=20_000)
    assert "огромный.txt" not in [p.name for p in LIBRARY.iterdir()]
    caption_has(page, "Сейчас показан: plan_2026_h2_reconstructed.docx (в поставке)")
