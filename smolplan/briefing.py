"""A briefing of exactly the filtered events, as the app's buttons and the command line make it.

`prepare` works out once what a briefing says — its subject, period, summary in words, the charts
that carry information and the events — and the memo and the deck each lay that out. Counts are
native Office charts; the map and the Gantt are pictures drawn by the one kaleido renderer and kept
per view, so the memo and the deck of the same view, or the same button clicked again, do not draw
them twice. `WARMER` draws them ahead for the view a page shows, so a click only lays the file out.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field

import pandas as pd

from smolplan import counts
from smolplan.briefing_charts import PrintChart, months_in_period, print_charts
from smolplan.countries import HOME, country_index, country_name_ru
from smolplan.filters import BY_NAME, Filters, apply_filters
from smolplan.ical import to_ics
from smolplan.images import ImageError, figure_image
from smolplan.places import gazetteer
from smolplan.plan import Plan
from smolplan.text import fold
from smolplan.wording import (
    MONTHS_PREPOSITIONAL, agree, count_of, genitive, interval_in_words, period_phrase,
)
from smolplan.workbook import filter_rows, to_xlsx


@dataclass(frozen=True)
class Kind:
    file_name: str
    mime: str
    label: str  # the download button's


KINDS = {
    "xlsx": Kind("spravka.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "Excel (.xlsx)"),
    "docx": Kind("spravka.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 "Справка Word (.docx)"),
    "pptx": Kind("prezentaciya.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                 "Презентация PowerPoint (.pptx)"),
    "ics": Kind("meropriyatiya.ics", "text/calendar", "Календарь (.ics)"),
}
HOME_REGION = "Смоленская область"  # the region whose plans these are: "at home" in a summary
NEXT_EVENTS = 3


@dataclass(frozen=True)
class BriefingFile:
    data: bytes
    file_name: str
    mime: str


@dataclass(frozen=True)
class EventsTable:
    """The events as the memo and the deck list them. A column with one value in every row (all
    «Беларусь» in a Belarus view) is said once, in `note`, instead of repeated down the table."""
    titles: list[str]
    rows: list[list[str]]
    note: str = ""

    @property
    def heading(self) -> str:
        return f"Перечень мероприятий ({len(self.rows)})" + (f". {self.note}" if self.note else "")


TABLE_COLUMNS = ["№ п/п", "Наименование мероприятия", "Сроки", "Место проведения", "Страны-партнёры"]
EXECUTORS_COLUMN = "Исполнители"


def event_values(event: dict, executors: bool) -> list[str]:
    partners = ", ".join(country_name_ru(c) for c in event["partner_countries"]) or "—"
    dates = event["dates"] or interval_in_words(event["start"], event["end"], str(event["precision"]))
    values = [str(event["n"]), event["title"], dates, event["venue"], partners]
    return values + [event["executors"] or "—"] if executors else values


def events_table(events: pd.DataFrame, executors: bool) -> EventsTable:
    titles = TABLE_COLUMNS + ([EXECUTORS_COLUMN] if executors else [])
    rows = [event_values(e, executors) for e in events.to_dict("records")]
    same = [i for i in range(2, len(titles)) if len(rows) > 1 and len({row[i] for row in rows}) == 1]
    note = "; ".join(f"{titles[i]} во всех мероприятиях: {rows[0][i]}" for i in same)
    keep = [i for i in range(len(titles)) if i not in same]
    return EventsTable([titles[i] for i in keep], [[row[i] for i in keep] for row in rows], note)


@dataclass
class Briefing:
    """What a memo and a deck both say."""
    subject: str  # "о международных мероприятиях с участием Республики Беларусь в IV квартале 2026 года"
    period: str  # "IV квартал 2026 года", "" with no period chosen
    filters: list[tuple[str, str]]  # each chosen filter in words
    source: str  # the plan's title and file
    made: dt.datetime
    summary: list[str]  # sentences written from the numbers
    figures: list[tuple[str, str]]  # (number, what it counts) for the key-figures slide
    events: pd.DataFrame
    table: EventsTable
    view: Filters
    charts: list[PrintChart] = field(default_factory=list)


@dataclass(frozen=True)
class ViewCounts:
    """The counts a summary, the key figures and the charts all say, worked out once per briefing."""
    spheres: pd.DataFrame  # spheres with events, most first
    partners: pd.DataFrame  # `counts.by_country`
    months: pd.DataFrame  # `months_in_period`
    where: dict[str, int]  # `where_counts`


def view_counts(events: pd.DataFrame, filters: Filters) -> ViewCounts:
    spheres = counts.by_sphere(events)
    return ViewCounts(spheres[spheres["events"] > 0].sort_values("events", ascending=False, kind="stable"),
                      counts.by_country(events), months_in_period(events, filters), where_counts(events))


# --- the period and the subject in words ---------------------------------------------------------

def _country_genitive(code: str) -> str:
    country = country_index().countries.get(code)
    return genitive(country.official_name) if country else country_name_ru(code)


def scope_words(filters: Filters) -> list[str]:
    """Whose events, in which sphere, where and how: "с участием Республики Беларусь", "в сфере спорта"…"""
    parts = []
    if filters.countries:
        parts.append("с участием " + ", ".join(_country_genitive(c) for c in filters.countries))
    if filters.spheres:
        parts.append(("в сфере " if len(filters.spheres) == 1 else "в сферах ") + ", ".join(filters.spheres))
    if filters.location:
        parts.append(BY_NAME["location"].words(filters.location))
    if filters.format == "online":
        parts.append("в дистанционном формате")
    elif filters.format == "in_person":
        parts.append("в очном формате")
    if filters.text.strip():
        parts.append(f"(по запросу «{filters.text.strip()}»)")
    return parts


def subject(filters: Filters) -> str:
    """What the memo is about, after «СПРАВКА»: "о международных мероприятиях с участием Республики
    Беларусь в сфере спорта за рубежом в IV квартале 2026 года"."""
    period = period_phrase(filters.start, filters.end)
    return " ".join(["о международных мероприятиях", *scope_words(filters), *([period] if period else [])])


# --- the summary ---------------------------------------------------------------------------------

def in_home_region(place: dict) -> bool:
    """A placed venue in the Smolensk region (the region itself, or a place the gazetteer puts there)."""
    if place["country"] != HOME:
        return False
    home = fold(HOME_REGION)
    if fold(place["name"]) == home:
        return True
    return any(p.region == home and abs(p.lat - place["lat"]) < 1e-3 and abs(p.lon - place["lon"]) < 1e-3
               for p in gazetteer().by_name.get(fold(place["name"]), []))


def where_counts(events: pd.DataFrame) -> dict[str, int]:
    """Events in the Smolensk region, elsewhere in Russia, abroad, online (an event held in two
    places counts in both)."""
    region = elsewhere = abroad = 0
    for places in events["places"]:
        home = [in_home_region(p) for p in places if p["country"] == HOME]
        region += any(home)
        elsewhere += any(not h for h in home)
        abroad += any(p["country"] != HOME for p in places)
    return {"region": region, "elsewhere": elsewhere, "abroad": abroad, "online": int(events["online"].sum())}


def _dash_list(pairs: list[tuple[str, int]]) -> str:
    return ", ".join(f"{name} — {number}" for name, number in pairs)


def summary_sentences(events: pd.DataFrame, filters: Filters, today: dt.date, numbers: ViewCounts) -> list[str]:
    """The summary paragraph, sentence by sentence, written from the numbers."""
    total = len(events)
    if total == 0:
        return ["Мероприятий, отвечающих условиям отбора, в плане нет."]
    period = period_phrase(filters.start, filters.end)
    whom = " ".join(scope_words(filters))
    opening = f"{period} планом" if period else "Планом"
    sentences = [f"{opening[:1].upper()}{opening[1:]} предусмотрено {count_of(total, 'мероприятие')}"
                 + (f" {whom}" if whom else "") + "."]
    where = numbers.where
    said = [("в Смоленской области", where["region"]), ("в других регионах России", where["elsewhere"]),
            ("за рубежом", where["abroad"])]
    said = [f"{number} — {place}" for place, number in said if number]
    if said:
        twice = where["region"] + where["elsewhere"] + where["abroad"] > total
        sentences.append("Из них " + ", ".join(said)
                         + (" (мероприятие, проводимое в нескольких местах, учтено в каждом)" if twice else "")
                         + (f"; {where['online']} — в дистанционном формате" if where["online"] else "") + ".")
    abroad = Counter(c for codes in events["venue_countries"] for c in set(codes) if c != HOME)
    if abroad:
        ranked = sorted(abroad.items(), key=lambda item: (-item[1], country_name_ru(item[0])))
        sentences.append("За рубежом: " + _dash_list([(country_name_ru(c), n) for c, n in ranked]) + ".")
    spheres = numbers.spheres
    if len(spheres) == 1:
        sentences.append(f"Все они — в сфере {spheres['sphere'].iloc[0]}.")
    elif len(spheres) > 1:
        sentences.append("По сферам: " + "; ".join(f"{s} — {n}" for s, n in zip(spheres["sphere"], spheres["events"]))
                         + ".")
    partners = numbers.partners[numbers.partners["country"].str.len() == 2]
    others = partners[~partners["country"].isin(filters.countries)]
    if len(others):
        lead = "Участвуют также" if filters.countries else "Страны-партнёры"
        sentences.append(f"{lead}: " + _dash_list(list(zip(others["name"], others["events"]))) + ".")
    sentences += _busiest_month(numbers.months) + _next_events(events, today)
    undated = int(events["start"].isna().sum())
    if undated:
        sentences.append(f"Сроки {count_of(undated, 'мероприятие', 'gent')} не определены.")
    return sentences


def _busiest_month(months: pd.DataFrame) -> list[str]:
    if len(months) < 2:
        return []
    top = months["events"].max()
    busiest = months[months["events"] == top]["month"]
    if len(busiest) == len(months):
        return [f"Мероприятия распределены по месяцам равномерно (по {top})."]
    names = [f"{MONTHS_PREPOSITIONAL[m.month - 1]}" for m in busiest]
    years = sorted({m.year for m in busiest})
    when = " и ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
    year = f"{years[0]} года" if len(years) == 1 else ""
    if len(years) > 1:
        when = " и ".join(f"{MONTHS_PREPOSITIONAL[m.month - 1]} {m.year} года" for m in busiest)
    each = "по " if len(busiest) > 1 else ""
    return [f"Больше всего мероприятий — в {when} {year}".rstrip() + f" ({each}{top})."]


def _next_events(events: pd.DataFrame, today: dt.date) -> list[str]:

    ahead = counts.upcoming(events, today, NEXT_EVENTS)
    if ahead.empty:
        return []
    items = []
    for e in ahead.to_dict("records"):
        place = ", ".join(dict.fromkeys(p["name"] for p in e["places"]))
        when = interval_in_words(e["start"], e["end"], str(e["precision"]))
        items.append(f"{e['title']} ({when}{', ' + place if place else ''})")
    head = "Ближайшее мероприятие" if len(items) == 1 else "Ближайшие мероприятия"
    return [f"{head}: " + "; ".join(items) + "."]


def key_figures(events: pd.DataFrame, today: dt.date, where: dict[str, int]) -> list[tuple[str, str]]:
    """(number, words agreeing with it) for the deck's key-figures slide."""
    numbers = counts.key_figures(events, today)
    rows = [
        (numbers["events"], agree(numbers["events"], "мероприятие")),
        (numbers["countries"], agree(numbers["countries"], "страна") + "-" + agree(numbers["countries"], "партнёр")),
        (numbers["spheres"], agree(numbers["spheres"], "сфера")),
        (where["region"], "в Смоленской области"),
        (where["abroad"], "за рубежом"),
        (where["online"], "в дистанционном формате"),
        (numbers["next_30_days"], "в ближайшие 30 дней"),
    ]
    return [(str(n), words) for n, words in rows]


def chosen_filters(filters: Filters) -> list[tuple[str, str]]:
    """The filters that are set, each in words; the one place a briefing reads `filter_rows`."""
    return [(name, value) for name, value in filter_rows(filters) if value != "—"]


def prepare(plan: Plan, filters: Filters, today: dt.date, with_charts: bool = True,
            now: dt.datetime | None = None) -> Briefing:
    events = apply_filters(plan.events, filters, today)
    numbers = view_counts(events, filters)
    return Briefing(
        subject=subject(filters),
        period=period_phrase(filters.start, filters.end, case="nomn"),
        filters=chosen_filters(filters),
        source=f"{plan.title} (файл «{plan.name}»)",
        made=now or dt.datetime.now(),
        summary=summary_sentences(events, filters, today, numbers),
        figures=key_figures(events, today, numbers.where),
        events=events,
        table=events_table(events, plan.has_executors),
        view=filters,
        charts=print_charts(plan.events, events, filters, today, numbers.spheres, numbers.partners, numbers.months)
        if with_charts else [],
    )


# --- chart images, drawn once per view -----------------------------------------------------------

_IMAGES: OrderedDict[tuple, bytes] = OrderedDict()
_IMAGES_KEPT = 64
_IMAGES_LOCK = threading.Lock()  # one look-up-or-draw at a time: a picture being drawn is not drawn twice


def _view_key(plan: Plan, filters: Filters, today: dt.date) -> tuple:
    return id(plan.events), plan.loaded_at, filters, today


def chart_image(plan: Plan, filters: Filters, today: dt.date, chart: PrintChart, width: int) -> bytes:
    """The chart as PNG (2× pixels), from the cache when this view's chart was drawn already."""
    key = (*_view_key(plan, filters, today), chart.key, width)
    with _IMAGES_LOCK:
        if key not in _IMAGES:
            _IMAGES[key] = figure_image(chart.make(), "png", width=width, scale=2)
            while len(_IMAGES) > _IMAGES_KEPT:
                _IMAGES.popitem(last=False)
        _IMAGES.move_to_end(key)
        return _IMAGES[key]


def draw_pictures(plan: Plan, filters: Filters, today: dt.date) -> int:
    """Draw (or find drawn) the pictures the memo and the deck of this view hold; how many."""
    from smolplan.memo import PICTURE_PIXELS

    pictures = [c for c in prepare(plan, filters, today).charts if not c.native]
    for chart in pictures:
        chart_image(plan, filters, today, chart, PICTURE_PIXELS)
    return len(pictures)


class PictureWarmer:
    """One background thread drawing the pictures of the views pages show, newest first, so that a
    click on the memo or the deck finds them drawn and the file is laid out at once. At most
    `QUEUE` views wait (older ones are forgotten); it gives way while the machine is busy (load
    average at its number of cores or more), and a click then draws what it needs itself."""
    QUEUE = 4

    def __init__(self) -> None:
        self._views: OrderedDict[tuple, tuple] = OrderedDict()
        self._drawing = False
        self._ready = threading.Condition()
        self._thread: threading.Thread | None = None

    def submit(self, plan: Plan, filters: Filters, today: dt.date) -> None:
        with self._ready:
            self._views[_view_key(plan, filters, today)] = (plan, filters, today)
            while len(self._views) > self.QUEUE:
                self._views.popitem(last=False)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="smolplan-pictures", daemon=True)
                self._thread.start()
            self._ready.notify()

    def idle(self) -> bool:
        """No view waits or is being drawn."""
        with self._ready:
            return not self._views and not self._drawing

    def _run(self) -> None:
        while True:
            with self._ready:
                self._drawing = False
                while not self._views:
                    self._ready.wait()
                _, view = self._views.popitem(last=True)
                self._drawing = True
            if machine_busy():
                continue
            try:
                draw_pictures(*view)
            except ImageError:  # no Chromium here: the click says so in Russian
                pass
            except Exception:  # noqa: BLE001 — a picture that cannot be drawn now is drawn (and reported) on click
                logging.getLogger(__name__).warning("pictures of a view not drawn ahead", exc_info=True)


def machine_busy() -> bool:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    return load >= (os.cpu_count() or 1)


WARMER = PictureWarmer()


def build_briefing(kind: str, plan: Plan, filters: Filters, today: dt.date, with_charts: bool = True) -> BriefingFile:
    """kind: a key of KINDS; the file holds exactly the events the filters leave."""
    from smolplan.deck import to_pptx
    from smolplan.memo import to_docx_memo

    spec = KINDS[kind]
    if kind == "xlsx":
        events = apply_filters(plan.events, filters, today)
        data = to_xlsx(events, filters, plan.name, plan.loaded_at, len(plan.events), executors=plan.has_executors)
    elif kind == "ics":
        data = to_ics(apply_filters(plan.events, filters, today), filters, plan.name)
    else:
        briefing = prepare(plan, filters, today, with_charts=with_charts)
        draw = lambda chart, width: chart_image(plan, filters, today, chart, width)  # noqa: E731
        data = (to_docx_memo if kind == "docx" else to_pptx)(briefing, draw)
    return BriefingFile(data, spec.file_name, spec.mime)

