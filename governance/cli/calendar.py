"""The P&C calendar on the command line: `calendar` lists the deadlines of every gemeenschappelijke regeling in a
date range, writes them as an .ics file for Outlook, and exits 1 while a calendar signal is open (a deadline
missed, or a zienswijze window closing within two weeks without a raad meeting)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from governance import calendar
from governance.cli.common import FINDINGS, JSON, OK, USAGE, command, opt
from governance.core import validation
from governance.core.db import Database, to_jsonable


def add(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    command(
        sub,
        "calendar",
        cmd_calendar,
        "P&C-kalender: termijnen van de gemeenschappelijke regelingen, als lijst, JSON of .ics",
        "Toont per gemeenschappelijke regeling en begrotingsjaar de termijnen van de P&C-cyclus (kaders, "
        "ontwerpbegroting en zienswijzetermijn, begroting en jaarrekening aan GS, wijziging van de regeling) "
        "tussen --from en --to (standaard drie maanden terug tot zes maanden vooruit). Exitcode 1 zolang een "
        "termijn verstreken is of een zienswijzetermijn binnen twee weken sluit zonder raadsvergadering.",
        [
            opt("--from", "eerste dag (dd-mm-jjjj of jjjj-mm-dd)", dest="start", metavar="DATUM"),
            opt("--to", "laatste dag (dd-mm-jjjj of jjjj-mm-dd)", dest="end", metavar="DATUM"),
            opt("--peildatum", "de dag waarop de stand wordt bepaald (standaard vandaag)", metavar="DATUM"),
            opt("--ics", "schrijf de termijnen ook als iCalendar-bestand (.ics)", metavar="BESTAND"),
            JSON,
        ],
        db_option,
    )


def _date(text: str | None, name: str) -> dt.date | None | str:
    if text is None:
        return None
    found, problem = validation.date()(text)
    return f"Fout: {name} {problem}." if problem or not isinstance(found, dt.date) else found


def cmd_calendar(db: Database, args: argparse.Namespace) -> int:
    parsed = {
        n: _date(getattr(args, a), n) for n, a in (("--from", "start"), ("--to", "end"), ("--peildatum", "peildatum"))
    }
    errors = [p for p in parsed.values() if isinstance(p, str)]
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return USAGE
    today = parsed["--peildatum"] or dt.date.today()
    start, end = calendar.default_range(today)
    start, end = parsed["--from"] or start, parsed["--to"] or end
    if start > end:
        print("Fout: --from ligt na --to.", file=sys.stderr)
        return USAGE
    found = calendar.items(db, start, end, today)
    signals = calendar.signals(found)
    if args.ics:
        Path(args.ics).write_bytes(calendar.to_ics(found))
    if args.json:
        out = {"from": start, "to": end, "peildatum": today, "items": found, "signals": signals}
        print(json.dumps(to_jsonable(_jsonable(out)), ensure_ascii=False, indent=2))
    else:
        _print(found, signals, start, end, today)
        if args.ics:
            print(f"\n{len(found)} termijnen geschreven naar {args.ics}.")
    return FINDINGS if signals else OK


def _jsonable(value: object) -> object:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return to_jsonable(value)


def _nl(day: dt.date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else ""


def _print(found: list[dict], signals: list[dict], start: dt.date, end: dt.date, today: dt.date) -> None:
    print(f"P&C-kalender {_nl(start)} t/m {_nl(end)} (stand op {_nl(today)}): {len(found)} termijnen")
    for i in found:
        window = f"{_nl(i['start'])} – " if i["start"] else ""
        mark = " *" if i["default"] else ""
        state = calendar.STATES[i["state"]]
        print(f"  {window}{_nl(i['due'])}  {state:<10} {i['party_name']}: {i['label']} {i['year']}{mark}")
    if any(i["default"] for i in found):
        print("  * datum rust op een standaardinstelling of aanname; controleer de regeling")
    if signals:
        print(f"\nSignalen ({len(signals)}):")
        for i in signals:
            print(f"  {i['party_name']} {i['year']}: {i['signal']}")
    else:
        print("\nGeen signalen.")
