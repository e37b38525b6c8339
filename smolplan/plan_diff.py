"""Comparing two plans (say, this half-year and the previous one): what was added, removed, moved or changed.

Events are matched by their name, folded (case, ё, quotes, numbers, years and ordinals dropped),
so "XVI Международная выставка «ИННОПРОМ» – 2026" and "XVII … – 2027" are the same event.
"""

from __future__ import annotations

import re

import pandas as pd

from smolplan import counts
from smolplan.countries import country_name_ru
from smolplan.text import fold
from smolplan.wording import interval_in_words

_NOISE = re.compile(r"«|»|\"|“|”|\b[IVXLC]+\b|\d+(-?(й|я|е|го|ой))?|[–—-]")


def title_key(title: str) -> str:
    """The name without quotes, numbers, years and ordinals, folded: one edition matches the next."""
    return fold(_NOISE.sub(" ", title), hyphens_as_spaces=True)


def _pairs(old: pd.DataFrame, new: pd.DataFrame) -> tuple[list[tuple], list, list]:
    """The same events in both plans, one to one and in plan order: first by the whole name ("Семинар 1"
    is not "Семинар 2"), then by the name without numbers and years (a new edition: "XVI … – 2026" is
    "XVII … – 2027"). Also the old and new events left without a pair."""
    pairs: list[tuple] = []
    old_left, new_left = list(old.index), list(new.index)
    for key in (fold, title_key):
        waiting: dict[str, list] = {}
        for i in old_left:
            waiting.setdefault(key(old.at[i, "title"]), []).append(i)
        unmatched = []
        for j in new_left:
            bucket = waiting.get(key(new.at[j, "title"]))
            if bucket:
                pairs.append((bucket.pop(0), j))
            else:
                unmatched.append(j)
        paired = {i for i, _ in pairs}
        old_left, new_left = [i for i in old_left if i not in paired], unmatched
    return pairs, old_left, new_left


def _when(event) -> str:
    return interval_in_words(event["start"], event["end"], str(event["precision"]))


def compare_plans(old: pd.DataFrame, new: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Tables "added", "removed", "changed" (moved in time, other venue or partners), and counts side by side."""
    pairs, removed_at, added_at = _pairs(old, new)
    added, removed = new.loc[added_at], old.loc[removed_at]
    changes = []
    for i, j in pairs:
        before, after = old.loc[i], new.loc[j]
        what = []
        if _when(before) != _when(after):
            what.append(f"сроки: {_when(before)} → {_when(after)}")
        if fold(before["venue"]) != fold(after["venue"]):
            what.append(f"место: {' '.join(before['venue'].split())} → {' '.join(after['venue'].split())}")
        if set(before["partner_countries"]) != set(after["partner_countries"]):
            names = lambda cs: ", ".join(country_name_ru(c) for c in cs) or "—"  # noqa: E731
            what.append(f"страны: {names(before['partner_countries'])} → {names(after['partner_countries'])}")
        if what:
            changes.append({"№ было": before["n"], "№ стало": after["n"], "Наименование": after["title"],
                            "Что изменилось": "; ".join(what)})
    changed = pd.DataFrame(changes, columns=["№ было", "№ стало", "Наименование", "Что изменилось"])
    return {
        "added": counts.events_table_ru(added),
        "removed": counts.events_table_ru(removed),
        "changed": changed.sort_values("№ стало", ignore_index=True),
        "spheres": _side_by_side(counts.by_sphere(old), counts.by_sphere(new), "sphere", "Сфера"),
        "countries": _side_by_side(counts.by_country(old), counts.by_country(new), "name", "Страна-партнёр"),
    }


def _side_by_side(old: pd.DataFrame, new: pd.DataFrame, key: str, label: str) -> pd.DataFrame:
    table = pd.merge(old[[key, "events"]], new[[key, "events"]], on=key, how="outer", suffixes=(" было", " стало"))
    table = table.fillna(0).astype({"events было": int, "events стало": int})
    table["разница"] = table["events стало"] - table["events было"]
    return table.rename(columns={key: label, "events было": "Было", "events стало": "Стало", "разница": "Разница"})
