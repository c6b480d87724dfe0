"""The P&C calendar as an iCalendar file (RFC 5545, written with the icalendar library), so the griffie gets the
deadlines in Outlook: one all-day event per deadline, on the day before which it must happen (a zienswijze
window: on the day it closes, with the day it opened in the description). A deadline keeps its UID across
exports, so importing a newer file updates the events instead of doubling them."""

from __future__ import annotations

import datetime as dt
import zlib
from typing import Any

from icalendar import Calendar, Event

from governance.calendar.rules import STATES

PRODID = "-//Verbonden Partijen Dashboard//P&C-kalender//NL"


def _nl(day: dt.date) -> str:
    return day.strftime("%d-%m-%Y")


def _uid(item: dict[str, Any]) -> str:
    subject = f"-{zlib.crc32(item['subject'].encode()):08x}" if item["subject"] else ""
    return f"{item['party_code']}-{item['year']}-{item['kind']}{subject}@verbonden-partijen"


def to_ics(items: list[dict[str, Any]], stamp: dt.datetime | None = None) -> bytes:
    """The calendar items (governance.calendar.items) as an .ics file."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "P&C-kalender verbonden partijen")
    now = stamp or dt.datetime.now(dt.UTC)
    for item in items:
        event = Event()
        event.add("uid", _uid(item))
        event.add("dtstamp", now)
        event.add("dtstart", item["due"])
        event.add("dtend", item["due"] + dt.timedelta(days=1))
        event.add("summary", f"{item['party_name']}: {item['label']} (vóór {_nl(item['due'])})")
        lines = [f"Begrotingsjaar {item['year']}.", f"Termijn: vóór {_nl(item['due'])} ({item['basis']})."]
        if item["start"] is not None:
            lines.append(f"Termijn loopt van {_nl(item['start'])} tot {_nl(item['due'])}.")
        if item["default"]:
            lines.append("Deze datum rust op een standaardinstelling of aanname; controleer de regeling.")
        lines.append(f"Stand bij export: {STATES[item['state']].lower()}.")
        event.add("description", "\n".join(lines))
        event.add("transp", "TRANSPARENT")  # a deadline does not block the day in anyone's agenda
        cal.add_component(event)
    return cal.to_ical()
