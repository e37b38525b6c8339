"""The filtered events as an iCalendar file (RFC 5545) for Outlook and other calendars.

One all-day event per event with known dates (DTEND is exclusive: the day after the last);
an approximate date says so at the start of the summary. Undated events are left out.
Control characters (RFC 5545 TEXT allows none but tab) are dropped.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
from icalendar import Calendar, Event

from smolplan.countries import country_name_ru
from smolplan.filters import Filters, describe_filters
from smolplan.text import without_control_chars as printable
from smolplan.wording import interval_in_words


def event_uid(event: dict, source: str) -> str:
    """Stable across exports of the same plan, so a re-import updates instead of duplicating."""
    digest = hashlib.sha1(f"{source}|{event['n']}|{event['title']}".encode()).hexdigest()[:16]
    return f"{digest}@smolplan"


def to_ics(events: pd.DataFrame, filters: Filters, source: str, now: dt.datetime | None = None) -> bytes:
    now = now or dt.datetime.now(dt.timezone.utc)
    calendar = Calendar()
    calendar.add("prodid", "-//smolplan//План международных мероприятий//RU")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", printable(describe_filters(filters), keep_newlines=False))  # one line
    for event in events.to_dict("records"):
        if pd.isna(event["start"]):
            continue
        precision = str(event["precision"])
        summary = f"№ {event['n']}. {event['title']}"
        if precision != "day":
            summary = f"[приблизительно: {interval_in_words(event['start'], event['end'], precision)}] {summary}"
        partners = ", ".join(country_name_ru(c) for c in event["partner_countries"]) or "—"
        item = Event()
        item.add("uid", event_uid(event, source))
        item.add("dtstamp", now)
        item.add("summary", printable(summary))
        item.add("dtstart", event["start"].date())
        item.add("dtend", event["end"].date() + dt.timedelta(days=1))
        venue, dates = " ".join(event["venue"].split()), " ".join(event["dates"].split())  # a line per label
        item.add("location", printable(venue))
        item.add("description", printable(f"Место проведения: {venue}\nСроки по плану: {dates}\n"
                                f"Страны-партнёры: {partners}\nСфера: {event['sphere']}\n{event['description']}"))
        item.add("categories", [event["sphere"]])
        item.add("transp", "TRANSPARENT")
        calendar.add_component(item)
    return calendar.to_ical()
