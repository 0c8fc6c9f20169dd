"""Event timeline: a PNG with one row per agent entity and its events over time.

Definition: an event is a ``kg:Event`` of one of the seven event types with a ``kg:agent``;
its row is the agent's. Its time is its ``kg:date`` (``YYYY``, ``YYYY-Qn``, ``YYYY-MM`` or
``YYYY-MM-DD``); a coarse date covers its whole period (drawn as a band behind the marker, the
marker at the middle). An event without a date is placed at its article's
``schema:datePublished`` (hollow marker); one with neither is left out. Markers are coloured by
event type. Rows are the agents with the most events (``max_rows``), the busiest on top.

The figure is drawn on matplotlib's Agg canvas (no display) at 100 dpi: the PNG is exactly
``width_px`` wide; its height grows with the number of rows.
"""

from __future__ import annotations

import calendar
import difflib
import datetime as dt
import io
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from matplotlib import dates as mdates
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from pyoxigraph import Literal, NamedNode

from kg.errors import BadDateError, ExportError
from kg.export.filters import fold
from kg.model import ENTITY_TYPES, EVENT_TYPES
from kg.vocab import KG, SCHEMA

DPI = 100
DEFAULT_MAX_ROWS = 30
# One colour per event type (matplotlib's tab10), stable across pictures.
TYPE_COLOURS = dict(zip(EVENT_TYPES, ("#d62728", "#9467bd", "#1f77b4", "#2ca02c", "#ff7f0e",
                                      "#8c564b", "#17becf")))

_DATE = re.compile(r"^(\d{4})(?:-(?:Q([1-4])|(\d{2}))(?:-(\d{2}))?)?$")
_EVENT_VALUES = " ".join(str(KG[t]) for t in EVENT_TYPES)
_ENTITY_VALUES = " ".join(str(SCHEMA[t]) for t in ENTITY_TYPES)
# One row per event (events, unlike mentions, are each drawn), aggregated per event.
_EVENTS = f"""
SELECT ?event ?type ?agent (MIN(STR(?l)) AS ?label) (MIN(STR(?d)) AS ?date)
       (MIN(STR(?pub)) AS ?published) WHERE {{
  VALUES ?type {{ {_EVENT_VALUES} }}
  ?event a ?type ; kg:agent ?agent .
  OPTIONAL {{ ?event kg:date ?d }}
  OPTIONAL {{ ?event prov:wasDerivedFrom ?article . ?article schema:datePublished ?pub }}
  OPTIONAL {{ ?agent rdfs:label ?l }}
}} GROUP BY ?event ?type ?agent"""
# ?wanted (the lower-cased name) and ?e (an IRI) are bound by the caller, never spliced in.
_NAMES = f"""
SELECT DISTINCT ?e ?alias ?wanted WHERE {{
  VALUES ?type {{ {_ENTITY_VALUES} }}
  ?e a ?type .
  {{ ?e rdfs:label ?name BIND(false AS ?alias) }} UNION {{ ?e skos:altLabel ?name BIND(true AS ?alias) }}
  FILTER(LCASE(STR(?name)) = ?wanted)
}}"""
_ALL_NAMES = f"""
SELECT DISTINCT ?e ?alias ?name WHERE {{
  VALUES ?type {{ {_ENTITY_VALUES} }}
  ?e a ?type .
  {{ ?e rdfs:label ?name BIND(false AS ?alias) }} UNION {{ ?e skos:altLabel ?name BIND(true AS ?alias) }}
}}"""
_IS_ENTITY = f"SELECT ?e WHERE {{ VALUES ?type {{ {_ENTITY_VALUES} }} ?e a ?type }} LIMIT 1"


@dataclass(frozen=True)
class TimelineEvent:
    """One drawable event: its type, agent, and the period its date covers."""

    iri: str
    type: str
    agent: str
    label: str
    start: dt.date
    end: dt.date
    exact: bool  # the date names a day
    from_article: bool  # no kg:date: the article's publication date stands in

    @property
    def middle(self) -> dt.date:
        """The middle of the period (where the marker goes)."""
        return self.start + (self.end - self.start) / 2


def parse_period(text: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of ``YYYY``, ``YYYY-Qn``, ``YYYY-MM`` or ``YYYY-MM-DD``; None if
    the text is none of these (or not a real date).

    >>> parse_period("2012-Q3")
    (datetime.date(2012, 7, 1), datetime.date(2012, 9, 30))
    >>> parse_period("2012-02")
    (datetime.date(2012, 2, 1), datetime.date(2012, 2, 29))
    >>> parse_period("2012-02-30") is None
    True
    """
    match = _DATE.match(text.strip())
    if not match or (match.group(2) and match.group(4)):
        return None
    year, quarter, month, day = match.groups()
    try:
        if day:
            date = dt.date(int(year), int(month), int(day))
            return date, date
        first, last = (1, 12) if not (quarter or month) else (
            (3 * int(quarter) - 2, 3 * int(quarter)) if quarter else (int(month), int(month)))
        end = calendar.monthrange(int(year), last)[1]
        return dt.date(int(year), first, 1), dt.date(int(year), last, end)
    except ValueError:
        return None


def resolve_entity(store: Any, name: str) -> set[str]:
    """The IRIs of the entities called ``name``: an entity IRI, or a label (aliases when no
    label matches), ignoring case and accents as the graph views' ``find_entity`` does.

    Raises:
        ExportError: no entity has that IRI or name (the message suggests close labels).
    """
    if name.startswith(("http://", "https://")):
        try:
            iri = NamedNode(name.strip())
        except ValueError:
            iri = None
        if iri is not None and list(store.query(_IS_ENTITY, {"e": iri})):
            return {iri.value}
    found: dict[bool, set[str]] = {False: set(), True: set()}
    for row in store.query(_NAMES, {"wanted": Literal(name.strip().lower())}):
        found[row["alias"].value == "true"].add(row["e"].value)
    if not (found[False] or found[True]):  # the exact query failed: fold accents (full scan)
        wanted, labels = fold(name), set()
        for row in store.query(_ALL_NAMES):
            alias = row["alias"].value == "true"
            if fold(row["name"].value) == wanted:
                found[alias].add(row["e"].value)
            elif not alias:
                labels.add(row["name"].value)
    if found[False] or found[True]:
        return found[False] or found[True]
    close = difflib.get_close_matches(name, sorted(labels), n=3, cutoff=0.6)
    hint = f"did you mean {', '.join(map(repr, close))}?" if close else \
        "give a label, an alias or an entity IRI (`kg stats` lists the most connected entities)"
    raise ExportError(f"no entity named {name!r} in the store; {hint}", source=name)


def timeline_events(store: Any, *, entity: str | None = None, since: Any = None,
                    until: Any = None) -> list[TimelineEvent]:
    """The drawable events of the store (see the module's definition), sorted by time.

    Args:
        store: a kg store, read through ``store.query``.
        entity: keep the events of this entity only (label, alias or IRI).
        since, until: keep the events whose period overlaps ``[since, until]``; each a
            ``datetime.date`` or a text date (``2012``, ``2012-Q3``, ``2012-09``, ``2012-09-21``;
            ``since`` counts from the start of its period, ``until`` to its end).

    Raises:
        ExportError: ``entity`` names no entity.
        BadDateError: ``since``/``until`` is not a date, or ``since`` is after ``until``.
    """
    low, high = _bounds(since, until)
    agents = resolve_entity(store, entity) if entity is not None else None
    events = []
    for row in store.query(_EVENTS):
        agent = row["agent"].value
        if agents is not None and agent not in agents:
            continue
        event = _event(row)
        if event and (low is None or event.end >= low) and (high is None or event.start <= high):
            events.append(event)
    return sorted(events, key=lambda e: (e.start, e.end, e.label, e.iri))


def _event(row: Any) -> TimelineEvent | None:
    """A solution of _EVENTS as a TimelineEvent; None when it has no usable date."""
    date, published = row["date"], row["published"]
    period = parse_period(date.value) if date is not None else None
    from_article = period is None and published is not None
    if from_article:
        period = parse_period(published.value)
    if period is None:
        return None
    agent = row["agent"].value
    label = row["label"].value if row["label"] is not None else agent.rstrip("/").rsplit("/", 1)[-1]
    return TimelineEvent(iri=row["event"].value, type=row["type"].value[len(KG.iri):],
                         agent=agent, label=label, start=period[0], end=period[1],
                         exact=period[0] == period[1], from_article=from_article)


def _bounds(since: Any, until: Any) -> tuple[dt.date | None, dt.date | None]:
    low, high = _date_bound(since, "since", 0), _date_bound(until, "until", 1)
    if low is not None and high is not None and low > high:
        raise BadDateError(f"the date range is empty: since {low} is after until {high}",
                           source=f"{since}..{until}")
    return low, high


def _date_bound(value: Any, name: str, end: int) -> dt.date | None:
    """``since`` (end=0: first day) or ``until`` (end=1: last day) as a date."""
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    period = parse_period(str(value))
    if period is None:
        raise BadDateError(f"{name} must be YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, "
                           f"not {value!r}", source=str(value))
    return period[end]


def timeline_png(store: Any, *, entity: str | None = None, since: Any = None, until: Any = None,
                 width_px: int = 1600, max_rows: int = DEFAULT_MAX_ROWS) -> bytes:
    """The event timeline as PNG bytes, ``width_px`` pixels wide.

    Args:
        store: a kg store, read through ``store.query``.
        entity, since, until: filters, as in :func:`timeline_events`.
        width_px: the picture's width in pixels (at least 400).
        max_rows: how many agents (rows) to show at most, those with the most events first.

    Raises:
        ExportError: unknown entity, or a width under 400 pixels.
        BadDateError: a bad ``since``/``until``.
    """
    if width_px < 400:
        raise ExportError(f"a timeline needs at least 400 pixels of width, not {width_px}",
                          source="timeline")
    events = timeline_events(store, entity=entity, since=since, until=until)
    counts = Counter(e.agent for e in events)
    labels = {e.agent: e.label for e in events}
    rows = sorted(counts, key=lambda a: (-counts[a], labels[a].lower(), a))[:max(max_rows, 1)]
    title = "Events per entity" + (f": {entity}" if entity else "")
    if since is not None or until is not None:
        title += f" ({since or '…'} to {until or '…'})"
    if len(rows) < len(counts):
        title += f" — the {len(rows)} agents with the most events of {len(counts)}"
    shown = [e for e in events if e.agent in set(rows)]
    png = _draw(shown, rows, {a: f"{labels[a]} ({counts[a]})" for a in rows}, title, width_px,
                _bounds(since, until))
    return png


def _draw(events: list[TimelineEvent], rows: list[str], names: dict[str, str], title: str,
          width_px: int, bounds: tuple[dt.date | None, dt.date | None]) -> bytes:
    """Render the rows of events on a fixed-size Agg figure, the x axis cut to ``bounds``."""
    height_px = int(DPI * (1.5 + 0.42 * max(len(rows), 1)))
    fig = Figure(figsize=(width_px / DPI, height_px / DPI), dpi=DPI)
    FigureCanvasAgg(fig)
    left = min(0.3, 260 / width_px)
    ax = fig.add_axes((left, 0.45 * DPI / height_px, 1 - left - 0.02, 1 - 1.35 * DPI / height_px))
    fig.suptitle(title, x=0.01, y=1 - 0.12 * DPI / height_px, ha="left", va="top", fontsize=13)
    y_of = {agent: -i for i, agent in enumerate(rows)}
    for event in events:
        _mark(ax, event, y_of[event.agent])
    ax.set_yticks(list(y_of.values()), [names[a] for a in rows], fontsize=10)
    ax.set_ylim(-len(rows) + 0.4, 0.6)
    ax.grid(axis="x", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    if events:
        locator = mdates.AutoDateLocator(minticks=4, maxticks=12)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        if bounds[0] is not None:
            ax.set_xlim(left=bounds[0])
        if bounds[1] is not None:
            ax.set_xlim(right=bounds[1] + dt.timedelta(days=1))
    else:
        ax.set_xticks([])
        ax.text(0.5, 0.5, "no dated events", transform=ax.transAxes, ha="center", va="center",
                fontsize=14, color="#666666")
    if events:
        _legend(fig, sorted({e.type for e in events}, key=EVENT_TYPES.index), height_px)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _mark(ax: Any, event: TimelineEvent, row: float) -> None:
    """One event: a band over a coarse date's period, a marker at its middle.

    Each type sits at its own small offset within the row, so that the same date's events of
    different types do not hide each other.
    """
    colour = TYPE_COLOURS[event.type]
    y = row + (EVENT_TYPES.index(event.type) - 3) * 0.07
    if not event.exact:
        ax.plot([event.start, event.end + dt.timedelta(days=1)], [y, y], color=colour,
                alpha=0.3, linewidth=6, solid_capstyle="butt")
    ax.plot([event.middle], [y], marker="o", markersize=8, linestyle="none",
            markeredgecolor=colour, markeredgewidth=1.6,
            markerfacecolor="none" if event.from_article else colour)


def _legend(fig: Figure, types: list[str], height_px: int) -> None:
    handles = [Line2D([], [], marker="o", linestyle="none", markersize=8, color=TYPE_COLOURS[t],
                      label=t) for t in types]
    handles += [
        Line2D([], [], color="#777777", alpha=0.4, linewidth=6, label="year / quarter / month"),
        Line2D([], [], marker="o", linestyle="none", markersize=8, markerfacecolor="none",
               markeredgecolor="#777777", label="undated: article's date"),
    ]
    fig.legend(handles=handles, loc="upper left", ncol=len(handles), frameon=False, fontsize=9,
               bbox_to_anchor=(0.01, 1 - 0.45 * DPI / height_px), handletextpad=0.5,
               columnspacing=1.2, handlelength=2.4)
