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
    flat = pd.DataFrame({"title": ['=HYPERLINK("http://x","y")', "+7 999", "-1", "@SUM(A1)", "Форум"], "n": range(5)})
    safe = spreadsheet_safe(flat)
    assert list(safe["title"]) == ["'=HYPERLINK(\"http://x\",\"y\")", "'+7 999", "'-1", "'@SUM(A1)", "Форум"]
    assert list(safe["n"]) == [0, 1, 2, 3, 4]
