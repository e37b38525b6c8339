"""Derived tables: counts by sphere, partner country, month; venues; key figures. DataFrame in, DataFrame out."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from smolplan.countries import country_name_ru
from smolplan.filters import event_status, is_abroad, overlaps
from smolplan.wording import month_short

NO_PARTNER = "—"


def by_sphere(events: pd.DataFrame) -> pd.DataFrame:
    """Events per sphere, in the plan's order of spheres."""
    order = list(dict.fromkeys(events["sphere"]))
    counts = events.groupby("sphere", sort=False).size().reindex(order, fill_value=0)
    return counts.rename("events").rename_axis("sphere").reset_index()


def country_rows(events: pd.DataFrame) -> pd.DataFrame:
    """One row per (event, partner country): the long form behind every count by country."""
    long = events[["n", "sphere", "partner_countries"]].explode("partner_countries").dropna(subset=["partner_countries"])
    return long.rename(columns={"partner_countries": "country"})


def by_country(events: pd.DataFrame) -> pd.DataFrame:
    """Events per partner country (an event with two countries counts for each), most first."""
    long = country_rows(events)
    counts = long.groupby("country").size().rename("events").reset_index()
    counts["name"] = counts["country"].map(country_name_ru)
    return counts.sort_values(["events", "name"], ascending=[False, True], ignore_index=True)[["country", "name", "events"]]


def by_executor(events: pd.DataFrame) -> pd.DataFrame:
    """Events per executing body named in the plan's executors column (an event with two bodies
    counts for each), most first; empty when the plan has no such column."""
    if "executor_bodies" not in events.columns:
        return pd.DataFrame({"executor": pd.Series(dtype=object), "events": pd.Series(dtype=int)})
    long = events["executor_bodies"].map(lambda bodies: list(dict.fromkeys(bodies))).explode().dropna()
    counts = long.value_counts().rename("events").rename_axis("executor").reset_index()
    return counts.sort_values(["events", "executor"], ascending=[False, True], ignore_index=True)


def sphere_by_country(events: pd.DataFrame) -> pd.DataFrame:
    """Long table (sphere, country, name, events) for the sphere × country matrix; zero cells left out."""
    long = country_rows(events)
    counts = long.groupby(["sphere", "country"], sort=False).size().rename("events").reset_index()
    counts["name"] = counts["country"].map(country_name_ru)
    return counts[["sphere", "country", "name", "events"]]


def months_overlapped(start: pd.Timestamp, end: pd.Timestamp) -> list[pd.Timestamp]:
    if pd.isna(start) or pd.isna(end):
        return []
    return list(pd.date_range(start.to_period("M").to_timestamp(), end, freq="MS"))


def by_month(events: pd.DataFrame) -> pd.DataFrame:
    """Events per month: an event counts in every month its interval overlaps; undated ones in none."""
    months = [m for s, e in zip(events["start"], events["end"]) for m in months_overlapped(s, e)]
    if not months:
        return pd.DataFrame({"month": pd.Series(dtype="datetime64[ns]"), "label": [], "events": []})
    counts = pd.Series(months).value_counts().sort_index()
    full = pd.date_range(counts.index.min(), counts.index.max(), freq="MS")
    counts = counts.reindex(full, fill_value=0)
    return pd.DataFrame({
        "month": counts.index,
        "label": [f"{month_short(m.month)} {m.year}" for m in counts.index],
        "events": counts.to_numpy(),
    })


def venue_rows(events: pd.DataFrame) -> pd.DataFrame:
    """One row per (event, place), with the event's number, title and whether it is online."""
    rows = [
        {**place, "n": n, "title": title, "online": online}
        for n, title, online, places in zip(events["n"], events["title"], events["online"], events["places"])
        for place in places
    ]
    return pd.DataFrame(rows, columns=["name", "country", "lat", "lon", "level", "n", "title", "online"])


def venues(events: pd.DataFrame) -> pd.DataFrame:
    """Every placed venue once, with its number of events, their titles ("№ n. …") and numbers."""
    rows = venue_rows(events)
    if rows.empty:
        return pd.DataFrame(columns=["name", "country", "level", "lat", "lon", "events", "online_events", "titles",
                                     "numbers"])
    grouped = rows.groupby(["name", "country", "level", "lat", "lon"], sort=False)
    table = grouped.agg(
        events=("n", "size"),
        online_events=("online", "sum"),
        titles=("title", lambda ts: list(ts)),
        numbers=("n", lambda ns: list(ns)),
    ).reset_index()
    table["titles"] = [
        [f"№ {n}. {t}" for n, t in zip(numbers, titles)] for numbers, titles in zip(table["numbers"], table["titles"])
    ]
    return table.sort_values("events", ascending=False, ignore_index=True)


def by_week(events: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Events per sphere per week (weeks from Monday) within [start, end]: an event counts in every
    week its interval overlaps, as in `by_month`; `approximate` counts those with approximate dates.
    The timeline of a plan with thousands of events draws this instead of one row per event."""
    columns = ["sphere", "week", "events", "approximate"]
    types = {"week": "datetime64[ns]", "events": "int64", "approximate": "int64"}
    dated = events[events["start"].notna()]
    first = pd.Timestamp(start) - pd.Timedelta(days=pd.Timestamp(start).weekday())
    weeks = pd.date_range(first, pd.Timestamp(end), freq="7D")
    if dated.empty or weeks.empty:
        return pd.DataFrame(columns=columns).astype(types)
    starts = dated["start"].to_numpy()[:, None]
    ends = dated["end"].to_numpy()[:, None]
    week_starts = weeks.to_numpy()[None, :]
    hit = (starts < week_starts + pd.Timedelta(days=7).to_timedelta64()) & (ends >= week_starts)
    approximate = (dated["precision"].astype(str) != "day").to_numpy()[:, None]
    order = list(dict.fromkeys(events["sphere"]))
    rows = []
    for sphere in order:
        mask = (dated["sphere"] == sphere).to_numpy()
        if not mask.any():
            continue
        per_week = hit[mask].sum(axis=0)
        per_week_approximate = (hit[mask] & approximate[mask]).sum(axis=0)
        rows += [(sphere, week, int(n), int(a)) for week, n, a in zip(weeks, per_week, per_week_approximate) if n]
    return pd.DataFrame(rows, columns=columns).astype(types)


def key_figures(events: pd.DataFrame, today: dt.date) -> dict[str, int]:
    """The overview's numbers: events, partner countries, spheres, events abroad, events in the next 30 days."""
    soon = pd.Timestamp(today) + pd.Timedelta(days=30)
    partners = {c for cs in events["partner_countries"] for c in cs if len(c) == 2}
    return {
        "events": len(events),
        "countries": len(partners),
        "spheres": events["sphere"].nunique(),
        "abroad": int(is_abroad(events).sum()),
        "next_30_days": int(overlaps(events, today, soon).sum()),
    }


def upcoming(events: pd.DataFrame, today: dt.date, limit: int = 5) -> pd.DataFrame:
    """What is next: events that have not ended, soonest first; those spanning months or the whole
    year ("в течение II полугодия") last, or they would fill the list without saying anything."""
    ahead = events[event_status(events, today).isin(["ongoing", "upcoming"])]
    return _soonest_first(ahead).head(limit)


def abroad(events: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Events abroad: those still ahead first (soonest first, as in `upcoming`), then the past ones
    (latest first), then the undated."""
    events = events[is_abroad(events)]
    status = event_status(events, today)
    past = events[status == "past"].sort_values(["end", "n"], ascending=[False, True])
    return pd.concat([_soonest_first(events[status.isin(["ongoing", "upcoming"])]), past, events[status == "undated"]])


def when_words(events: pd.DataFrame, today: dt.date) -> pd.Series:
    """How far each event is from today, for the overview's lists: "идёт", "сегодня", "завтра",
    "через 12 дней" (exact dates), "впереди" (approximate ones), "прошло", "" (undated)."""
    from smolplan.wording import count_of

    status = event_status(events, today)
    days = (events["start"] - pd.Timestamp(today)).dt.days
    words = pd.Series("", index=events.index, dtype=object)
    words[status == "ongoing"] = "идёт"
    words[status == "past"] = "прошло"
    words[status == "upcoming"] = "впереди"
    ahead = (status == "upcoming") & (events["precision"].astype(str) == "day")
    words[ahead] = [
        "сегодня" if d == 0 else "завтра" if d == 1 else f"через {count_of(int(d), 'день')}" for d in days[ahead]
    ]
    return words


def _soonest_first(events: pd.DataFrame) -> pd.DataFrame:
    long = (events["end"] - events["start"]) > pd.Timedelta(days=31)
    return events.assign(_long=long).sort_values(["_long", "start", "end", "n"]).drop(columns="_long")


def events_table_ru(events: pd.DataFrame) -> pd.DataFrame:
    """The events as officials read them: number, name, dates, venue, partners, sphere, the executors
    when the plan names them (Russian headers)."""
    table = pd.DataFrame({
        "№": events["n"],
        "Наименование": events["title"],
        "Сроки": events["dates"],
        "Место проведения": events["venue"],
        "Страны-партнёры": events["partner_countries"].map(lambda cs: ", ".join(country_name_ru(c) for c in cs)),
        "Сфера": events["sphere"],
        "Дистанционно": events["online"],
    }, index=events.index)
    if "executors" in events.columns and events["executors"].astype(bool).any():
        table.insert(6, "Исполнители", events["executors"])
    return table


def event_card(event: pd.Series) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """One event: its seven original fields verbatim, and what the loader read from them."""
    from smolplan.wording import PRECISION_RU, interval_in_words
    from smolplan.places import LEVEL_NAMES_RU
    from smolplan.reading import FIELD_TITLES_RU

    original = [(FIELD_TITLES_RU["n"], str(event["n"]))] + [
        (FIELD_TITLES_RU[f], event[f]) for f in ("title", "venue", "dates", "description", "goal", "participants")
    ]
    places = "; ".join(
        f"{p['name']} ({LEVEL_NAMES_RU[p['level']]}, {country_name_ru(p['country'])}, {p['lat']:.4f}, {p['lon']:.4f})"
        for p in event["places"]
    )
    parsed = [
        ("Сфера", event["sphere"]),
        ("Сроки (прочитано)", interval_in_words(event["start"], event["end"], str(event["precision"]))),
        ("Точность даты", PRECISION_RU[str(event["precision"])]),
        ("Примечание к дате", event["date_note"] or "—"),
        ("Места", places or "не определены"),
        ("Страны проведения", ", ".join(country_name_ru(c) for c in event["venue_countries"]) or "—"),
        ("Страны-партнёры", ", ".join(country_name_ru(c) for c in event["partner_countries"]) or "—"),
        ("Дистанционный формат", "да" if event["online"] else "нет"),
    ]
    return original, parsed


def venues_table_ru(venues_frame: pd.DataFrame) -> pd.DataFrame:
    from smolplan.places import LEVEL_NAMES_RU

    return pd.DataFrame({
        "Место": venues_frame["name"],
        "Страна": venues_frame["country"].map(country_name_ru),
        "Уровень": venues_frame["level"].map(LEVEL_NAMES_RU),
        "Мероприятий": venues_frame["events"],
        "Из них дистанционно": venues_frame["online_events"],
    })
