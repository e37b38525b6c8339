"""The README documents the code (datasette's test_docs pattern): every module has its line in the
layout table, every filter its URL key in the filters table, every export format its word."""

from __future__ import annotations

import re

import pytest

from smolplan.briefing import KINDS
from smolplan.filters import QUERY_KEYS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", README, flags=re.S | re.M)
    assert match, f"README has no section «{title}»"
    return match.group(1)


def layout_rows() -> list[list[str]]:
    """The backticked names of each row of the layout table: ["pages/overview.py", "timeline.py", …]."""
    return [re.findall(r"`([^`]+)`", line.split("|")[1]) for line in section("Layout").splitlines()
            if line.startswith("| `")]


def documented(path: str) -> bool:
    """`smolplan/memo.py` is documented by a row naming it whole, or by name after a `smolplan/…` first entry."""
    folder, _, name = path.rpartition("/")
    for names in layout_rows():
        if path in names or (names and names[0].startswith(folder + "/") and name in names[1:]):
            return True
    return False


MODULES = sorted(str(p.relative_to(ROOT)) for folder in ("smolplan", "pages") for p in (ROOT / folder).glob("*.py"))


@pytest.mark.parametrize("path", MODULES + ["app.py"])
def test_every_module_has_its_line_in_the_layout(path):
    assert documented(path), f"README «Layout» has no line for {path}"


def test_the_layout_names_no_module_that_is_gone():
    for names in layout_rows():
        folder = names[0].rpartition("/")[0]
        for name in names:
            if name.endswith(".py"):
                full = name if "/" in name or not folder else f"{folder}/{name}"
                assert (ROOT / full).exists(), f"README «Layout» names {full}, which does not exist"


@pytest.mark.parametrize("key", QUERY_KEYS)
def test_every_url_key_is_documented(key):
    assert re.search(rf"\| `{key}`", section("Filters")) or f"`{key}`" in section("Filters")


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_export_format_is_in_the_command_line_section(kind):
    assert re.search(rf"--format [a-z|]*\b{kind}\b", section("Command line"))
