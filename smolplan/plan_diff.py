"""Comparing two plans (say, this half-year and the previous one): what was added, removed, moved or changed.

Events are matched by their name, folded (case, ё, quotes, numbers, years and ordinals dropped),
so "XVI Международная выставка «ИННОПРОМ» – 2026" and "XVII … – 2027" are the same event.
"""

from __future__ import annotations

import re

import pandas as pd

from smolplan import counts
from smolplan.countries import country_name_ru
from smolplan.filters import interval_in_words
from smolplan.names import fold

_NOISE = re.compile(r"«|»|\"|“|”|\b[IVXLC]+\b|\d+(-?(й|я|е|го|ой))?|[–—-]")


def title_key(title: str) -> str:
    return " ".join(_NOISE.sub(" ", title).lower().replace("ё", "е").split())


def _keys(titles: pd.Series, ambiguous: set[str]) -> dict[str, object]:
    """Match key → index. Names that fold alike in either plan ("Семинар 1", "Семинар 2") keep their
    numbers; if still alike, their order tells them apart, so no event hides another."""
    keys: dict[str, object] = {}
    for i, t in titles.items():
        key = " ".join(fold(t).split()) if title_key(t) in ambiguous else title_key(t)
        base, k = key, 1
        while key in keys:
            k += 1
            key = f"{base} #{k}"
        keys[key] = i
    return keys


def _alike(titles: pd.Series) -> set[str]:
    folded = titles.map(title_key)
    return set(folded[folded.duplicated()])


def _when(event) -> str:
    return interval_in_words(event["start"], event["end"], str(event["precision"]))


def compare_plans(old: pd.DataFrame, new: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Tables "added", "removed", "changed" (moved in time, other venue or partners), and counts side by side."""
    ambiguous = _alike(old["title"]) | _alike(new["title"])
    old_by_key, new_by_key = _keys(old["title"], ambiguous), _keys(new["title"], ambiguous)
    added = new.loc[[i for k, i in new_by_key.items() if k not in old_by_key]]
    removed = old.loc[[i for k, i in old_by_key.items() if k not in new_by_key]]
    changes = []
    for key in new_by_key.keys() & old_by_key.keys():
        before, after = old.loc[old_by_key[key]], new.loc[new_by_key[key]]
        what = []
        if _when(before) != _when(after):
            what.append(f"сроки: {_when(before)} → {_when(after)}")
        if fold(before["venue"]) != fold(after["venue"]):
            what.append(f"место: {before['venue']} → {after['venue']}")
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
