"""Every place where the app reaches past Streamlit's public options, in one list.

Streamlit 1.67 draws a few texts in English with no setting to change them. Each entry below is CSS
on a Streamlit test id (never on document text) that replaces or hides one of them, with the
Streamlit issue it waits for; when the issue is closed, delete the entry. Everything else in the app
uses public API: `select_all=False` on multiselects, Russian `placeholder`s, `st.dataframe(placeholder=…)`
for empty cells, a Russian period box instead of the English date picker.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st


@dataclass(frozen=True)
class Workaround:
    what: str
    issue: str  # the Streamlit issue it waits for
    css: str


def _uploader_css(limit_mb: int) -> str:
    zone = "[data-testid=stFileUploaderDropzone]"
    return f"""
{zone} button [data-testid=stMarkdownContainer] p {{ font-size: 0; }}
{zone} button [data-testid=stMarkdownContainer] p::after {{ content: "Выбрать файл"; font-size: 0.875rem; }}
[data-testid=stFileUploaderDropzoneInstructions] span {{ font-size: 0; }}
[data-testid=stFileUploaderDropzoneInstructions] span::after {{
  content: "или перетащите сюда · не больше {limit_mb} МБ · DOCX, TXT, XLSX, CSV, PDF, DOC, ODT"; font-size: 0.875rem; }}
[data-testid=stFileChipName] ~ * {{ display: none; }}  /* the size in English units ("47.0B") */
{zone}:has([data-testid=stFileChip][aria-invalid=true])::after {{
  content: "Файл не принят: нужен .docx, .txt, .xlsx, .csv, .pdf, .doc или .odt не больше {limit_mb} МБ. Текущий план не изменился. "
           "Слишком большой план сохраните без картинок или разделите.";
  display: block; color: #b42318; font-size: 0.875rem; padding-top: 0.5rem; }}
"""


WORKAROUNDS = (
    Workaround(
        "«Press Enter to apply» under a text box hidden; the boxes say in Russian that Enter applies them",
        "https://github.com/streamlit/streamlit/issues/1353",
        "[data-testid=InputInstructions] { display: none; }",
    ),
    Workaround(
        "the table toolbar (English tooltips «Download as CSV», «Search», «Fullscreen») hidden; "
        "each table has a Russian CSV button or the sidebar search instead",
        "https://github.com/streamlit/streamlit/issues/1353",
        "[data-testid=stElementToolbar] { display: none; }",
    ),
    Workaround(
        "«No results» in a multiselect's list when nothing matches what was typed: «Ничего не найдено» "
        "(the empty-state row is the one option with no data-key)",
        "https://github.com/streamlit/streamlit/issues/1353",
        "[data-testid=stMultiSelectDropdown] [role=option]:not([data-key]) > span { font-size: 0; }\n"
        "[data-testid=stMultiSelectDropdown] [role=option]:not([data-key]) > span::after"
        " { content: \"Ничего не найдено\"; font-size: 0.875rem; }",
    ),
)


def apply_workarounds() -> None:
    """Draw the stylesheet of every workaround (once per run, from app.py)."""
    st.html("<style>" + "\n".join(w.css for w in WORKAROUNDS) + "</style>")


def uploader_texts() -> None:
    """«Browse files», «Drag and drop file here», «Limit 200MB per file», the file's size in English
    units and the refusal tooltip of st.file_uploader in Russian
    (https://github.com/streamlit/streamlit/issues/13500)."""
    st.html(f"<style>{_uploader_css(st.get_option('server.maxUploadSize'))}</style>")
