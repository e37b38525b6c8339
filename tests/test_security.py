"""Settings and conversions that keep the app safe and offline."""

from __future__ import annotations

import tomllib

import pandas as pd

from smolplan.serialise import spreadsheet_safe
from tests.conftest import ROOT


def test_streamlit_config_keeps_the_app_offline_and_protected():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["enableStaticServing"] is True
    assert 0 < config["server"]["maxUploadSize"] <= 50


def test_csv_download_cannot_carry_a_formula():
    flat = pd.DataFrame({"title": ['=HYPERLINK("http://x","y")', "+7 999", "-1", "@SUM(A1)", "Форум", "\t=1+1",
                                   "\r\n=1+1", "  @A1"], "n": range(8)})
    safe = spreadsheet_safe(flat)
    assert list(safe["title"]) == ["'=HYPERLINK(\"http://x\",\"y\")", "'+7 999", "'-1", "'@SUM(A1)", "Форум",
                                   "' =1+1", "'\n=1+1", "'  @A1"]  # a tab is a space, a CR a line break
    assert list(safe["n"]) == list(range(8))


# --- editors and viewers (smolplan.access) ---

import io
import re
import subprocess
import sys
import zipfile

import pytest

from smolplan import PlanReadError, load_plan
from smolplan.access import OIDC, PASSWORD, SINGLE_USER, access_mode, hash_password, is_editor, password_matches

AUTH = {"redirect_uri": "http://plan.local:8501/oauth2callback", "cookie_secret": "x", "client_id": "smolplan",
        "client_secret": "y", "server_metadata_url": "https://sso.local/.well-known/openid-configuration"}
HASH = hash_password("верный пароль 1")


@pytest.mark.parametrize("settings, mode", [
    ({}, SINGLE_USER),
    ({"smolplan": {"editors": ["a@b.ru"]}}, SINGLE_USER),  # editors without sign-in name nobody
    ({"smolplan": {"editor_password_hash": HASH}}, PASSWORD),
    ({"auth": AUTH, "smolplan": {"editors": ["a@b.ru"]}}, OIDC),
    ({"auth": AUTH, "smolplan": {"editor_password_hash": HASH}}, OIDC),  # sign-in wins over a password
])
def test_the_secrets_decide_the_mode(settings, mode):
    assert access_mode(settings) == mode


@pytest.mark.parametrize("settings, email, password_ok, editor", [
    ({}, None, False, True),  # single-user mode: everything is allowed
    ({"auth": AUTH, "smolplan": {"editors": ["Ivanov@Adm.ru"]}}, "ivanov@adm.ru", False, True),
    ({"auth": AUTH, "smolplan": {"editors": ["ivanov@adm.ru"]}}, " IVANOV@adm.ru ", False, True),
    ({"auth": AUTH, "smolplan": {"editors": ["ivanov@adm.ru"]}}, "petrov@adm.ru", False, False),
    ({"auth": AUTH, "smolplan": {"editors": ["ivanov@adm.ru"]}}, None, False, False),
    ({"auth": AUTH}, "ivanov@adm.ru", False, False),  # no editors listed: everyone views
    ({"auth": AUTH, "smolplan": {"editors": ["ivanov@adm.ru"]}}, "ivanov@adm.ru", True, True),
    ({"auth": AUTH, "smolplan": {"editors": ["ivanov@adm.ru"]}}, "x@adm.ru", True, False),  # no password in OIDC
    ({"smolplan": {"editor_password_hash": HASH}}, None, True, True),
    ({"smolplan": {"editor_password_hash": HASH}}, "ivanov@adm.ru", False, False),
])
def test_who_is_an_editor(settings, email, password_ok, editor):
    assert is_editor(settings, email=email, password_ok=password_ok) is editor


@pytest.mark.parametrize("password, stored, matches", [
    ("верный пароль 1", HASH, True),
    ("верный пароль 2", HASH, False),
    ("", HASH, False),
    ("верный пароль 1", "верный пароль 1", False),  # a password pasted instead of its hash opens nothing
    ("верный пароль 1", "scrypt$16384$8$1$zz$00", False),
    ("верный пароль 1", "md5$x", False),
])
def test_password_checks(password, stored, matches):
    assert password_matches(password, stored) is matches


def test_the_hash_is_salted_and_does_not_hold_the_password():
    again = hash_password("верный пароль 1")
    assert again != HASH and password_matches("верный пароль 1", again)
    assert "верный" not in HASH and re.fullmatch(r"scrypt\$16384\$8\$1\$[0-9a-f]{32}\$[0-9a-f]{64}", HASH)


def test_the_hash_command_prints_a_line_to_paste():
    result = subprocess.run([sys.executable, "-m", "smolplan.access"], input="пароль-редактора\nпароль-редактора\n",
                            capture_output=True, text=True, timeout=60, start_new_session=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("editor_password_hash"))
    assert password_matches("пароль-редактора", line.split('"')[1])
    assert "[smolplan]" in result.stdout


# --- previews in a worker process (smolplan.sandbox) ---

def test_a_preview_reads_the_plan_as_the_loader_does():
    from smolplan.sandbox import preview_plan
    from tests.conftest import SEED_TXT

    plan = preview_plan(SEED_TXT.read_bytes(), "план.txt")
    assert len(plan.events) == 67 and plan.name == "план.txt"


def test_a_refusal_in_the_worker_is_the_loaders_message():
    from smolplan.sandbox import preview_plan

    with pytest.raises(PlanReadError) as caught:
        preview_plan(b"PK\x03\x04junk", "сломанный.docx")
    with pytest.raises(PlanReadError) as direct:
        load_plan(b"PK\x03\x04junk", name="сломанный.docx")
    assert caught.value.message == direct.value.message


def test_a_worker_short_of_memory_ends_with_a_russian_message():
    """300 MB of address space is too little for the worker's libraries: the caller gets Russian, not a trace."""
    from smolplan.sandbox import preview_plan
    from tests.conftest import SEED_TXT

    with pytest.raises(PlanReadError) as caught:
        preview_plan(SEED_TXT.read_bytes(), "план.txt", memory_bytes=300 * 1024**2)
    assert caught.value.message.startswith("План «план.txt» не прочитан: файл слишком большой или слишком сложный")


def test_a_worker_over_its_processor_time_is_stopped_and_a_light_plan_under_it_is_not():
    """3 s of processor time: the seed (about 1 s with the imports) is read; 15,000 events (about 6 s)
    are stopped, and the message names the limit applied."""
    from benchmarks.loader import generated_plan_text
    from smolplan.sandbox import preview_plan
    from tests.conftest import SEED_TXT

    assert len(preview_plan(SEED_TXT.read_bytes(), "seed.txt", seconds=3).events) == 67
    with pytest.raises(PlanReadError) as caught:
        preview_plan(generated_plan_text(15_000, seed=1).encode(), "план.txt", seconds=3)
    assert "файл слишком большой или слишком сложный" in caught.value.message
    assert "проверка заняла больше 3 с работы процессора" in caught.value.message


# --- output safety: no control character from a cell or from ?q= reaches a file ---

HOSTILE = "Форум\rBEGIN:VEVENT\x00\x1b[31m\x07конец"


@pytest.fixture(scope="module")
def hostile_plan():
    from tests.hostile.corpus import HEADER7, event, txt

    rows = [event("1.", title=HOSTILE, venue="г. Смоленск\x00\r\nDTSTART:19000101", dates="март 2027 года")]
    return load_plan(txt("План на 2027 год\x0b", HEADER7, rows), name="p.txt")


def _filters_with_text(text: str):
    from smolplan.filters import filters_from_query

    query = {"q": [text]}
    return filters_from_query(lambda key: query.get(key, []))


def _texts_of(kind: str, data: bytes) -> str:
    """Every text a file holds: the .ics and .csv as they are, an Office file's XML text and attributes
    (character references such as &#13; resolved: a parser would read them)."""
    from lxml import etree

    if kind in ("ics", "csv"):
        return data.decode("utf-8-sig")
    texts = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in (n for n in archive.namelist() if n.endswith(".xml")):
            root = etree.fromstring(archive.read(member))
            texts += [*root.itertext(), *(v for el in root.iter() for v in el.attrib.values())]
    return "\n".join(texts)


@pytest.mark.parametrize("kind", ["ics", "xlsx", "docx", "csv"])
@pytest.mark.parametrize("query", ["", "Форум\r\nBEGIN:VEVENT\x00"])
def test_no_control_character_reaches_an_export(kind, query, hostile_plan):
    import datetime as dt

    from smolplan.briefing import build_briefing
    from smolplan.filters import Filters
    from smolplan.workbook import events_csv

    filters = _filters_with_text(query) if query else Filters()
    if query:  # the filter must still find the event: the text is compared without its control characters
        filters = Filters(text=filters.text.split("\r")[0].split("\n")[0])
    if kind == "csv":
        data = events_csv(hostile_plan.events)
    else:
        data = build_briefing(kind, hostile_plan, filters, dt.date(2027, 1, 1), with_charts=False).data
    text = _texts_of(kind, data)
    assert "конец" in text  # the event is in the file
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)
    if kind == "ics":
        assert "\r" not in text.replace("\r\n", "")  # no bare CR a lenient calendar reads as a line end
        assert text.count("BEGIN:VEVENT") == 1 and "\nDTSTART:19000101" not in text
    else:
        assert "\r" not in text


def test_url_text_with_control_characters_cannot_forge_a_calendar_line(hostile_plan):
    import datetime as dt

    from smolplan.briefing import build_briefing

    filters = _filters_with_text("конец\rBEGIN:VEVENT\rSUMMARY:поддельное")
    text = build_briefing("ics", hostile_plan, filters, dt.date(2027, 1, 1)).data.decode()
    assert "\r" not in text.replace("\r\n", "")
    assert "\nSUMMARY:поддельное" not in text.replace("\r\n", "\n")
