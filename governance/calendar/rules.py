"""The P&C calendar's date rules (Wet gemeenschappelijke regelingen, domain.md section 2): pure functions of a
begrotingsjaar, the regime that applies and the regeling's own dates. No database, no today.

Two regimes: the cycle of the Wgr as it was until 1 July 2022 (`wgr2015`: ontwerpbegroting 8 weeks before the
algemeen bestuur adopts it, an 8-week zienswijze window, the adopted begroting to Gedeputeerde Staten before
1 August) and since the Wet versterking democratische legitimatie Wgr (Stb. 2022, 18; `wgr2022`: 12 weeks,
12 weeks, before 15 September). The jaarrekening goes to GS before 15 July under both.

Dates the law as read here does not settle are settings whose default is marked as a default, never stated as
law: the kaders date since 2022 (gemeente.nu's table shows 30 April, some regelingen cite 31 January) and the
voorlopige jaarrekening since 2022. The date of the algemeen bestuur's meeting is the regeling's own; until it is
entered the calendar assumes the latest date that still meets the GS deadline, and says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

AMENDMENT = dt.date(2022, 7, 1)  # Wet versterking democratische legitimatie Wgr in force (Stb. 2022, 18)
NEW, OLD = "wgr2022", "wgr2015"
REGIMES: dict[str, str] = {
    NEW: "Sinds 1 juli 2022 (12 weken, begroting vóór 15 september)",
    OLD: "Oude cyclus, vóór 1 juli 2022 (8 weken, begroting vóór 1 augustus)",
}
WEEKS = {NEW: 12, OLD: 8}  # ontwerpbegroting before the AB meeting, and the raden's zienswijze window
GS_BUDGET = {NEW: (9, 15), OLD: (8, 1)}  # adopted begroting to GS before this day of year Y-1
GS_ACCOUNTS = (7, 15)  # jaarrekening to GS before 15 July Y+1, both regimes
CHANGE_WEEKS = 8  # zienswijze on a draft change, joining or leaving of the regeling (since 1 July 2022)

# The documents of a regeling's year, in the order of the cycle; `wijziging` is an event of its own.
DOCUMENTS: dict[str, str] = {
    "kaders": "Algemene financiële en beleidsmatige kaders",
    "ontwerpbegroting": "Ontwerpbegroting",
    "begroting": "Vastgestelde begroting",
    "voorlopige_jaarrekening": "Voorlopige jaarrekening",
    "jaarrekening": "Jaarrekening",
    "wijziging": "Wijziging, toetreding of uittreding",
}
# The deadlines: one per document, plus the zienswijze windows that belong to a document.
KINDS: dict[str, str] = {
    "kaders": "Kaders aan de raden",
    "ontwerpbegroting": "Ontwerpbegroting aan de raden",
    "zienswijze": "Zienswijzetermijn ontwerpbegroting",
    "begroting": "Vastgestelde begroting aan GS",
    "voorlopige_jaarrekening": "Voorlopige jaarrekening aan de raden",
    "jaarrekening": "Jaarrekening aan GS",
    "wijziging": "Zienswijzetermijn wijziging regeling",
}
WINDOWS = frozenset({"zienswijze", "wijziging"})  # deadlines that are the end of a window the raad has


@dataclass(frozen=True)
class DateSettings:
    """Day-of-year defaults the law as read here does not settle (month, day). `defaults` names the ones still
    at their default, so every deadline built from them says so."""

    kaders_new: tuple[int, int] = (4, 30)  # gemeente.nu's table; some regelingen cite 31 January: verify
    kaders_old: tuple[int, int] = (4, 15)  # art. 34b as it was before 1 July 2022
    interim_accounts: tuple[int, int] = (4, 15)  # voorlopige jaarrekening, Y+1
    defaults: frozenset[str] = field(default_factory=lambda: frozenset({"kaders_new", "interim_accounts"}))


@dataclass(frozen=True)
class Deadline:
    """One date of a regeling's P&C year: `due` is the date before which it must happen (for a window: the day
    it closes; `start` the day it opens). `basis` says where the date comes from; `default` is true when it rests
    on a default setting or an assumed meeting date rather than the law or the regeling's own date."""

    kind: str
    year: int
    regime: str
    due: dt.date
    basis: str
    start: dt.date | None = None
    default: bool = False
    own: bool = False  # the regeling's own date overrides the rule
    subject: str = ""

    @property
    def label(self) -> str:
        return KINDS[self.kind]

    @property
    def document(self) -> str:
        """The stored document this deadline belongs to."""
        return "ontwerpbegroting" if self.kind == "zienswijze" else self.kind


def _day(year: int, month_day: tuple[int, int]) -> dt.date:
    return dt.date(year, *month_day)


def _nl(day: dt.date) -> str:
    return day.strftime("%d-%m-%Y")


def regime_for(year: int, setting: str | None) -> str:
    """The regime of a begrotingsjaar: a year whose cycle ran before 1 July 2022 (up to begroting 2022) is on
    the old cycle; later years follow the party's setting (default the law since 2022)."""
    if year <= AMENDMENT.year:
        return OLD
    return setting if setting in REGIMES else NEW


def year_deadlines(
    year: int, regime: str, dates: DateSettings | None = None, own: dict[str, dict[str, Any]] | None = None
) -> list[Deadline]:
    """The deadlines of begrotingsjaar `year` under `regime`. `own` maps a document kind to what is stored for it:
    `own_due` (the regeling's own date, which overrides the rule), `board_meeting` (ontwerpbegroting: the
    algemeen bestuur's meeting that adopts the begroting), `sent_on` / `received_on` (the zienswijze window of
    the ontwerpbegroting runs from the day it was sent, else the day it was received)."""
    if regime not in REGIMES:
        raise ValueError(f"unknown regime {regime!r}")
    d = dates or DateSettings()
    own = own or {}
    weeks = WEEKS[regime]
    old = regime == OLD
    out: list[Deadline] = []

    kaders_key = "kaders_old" if old else "kaders_new"
    kaders_default = kaders_key in d.defaults
    out.append(
        Deadline(
            "kaders", year, regime, _day(year - 1, getattr(d, kaders_key)),
            "art. 34b Wgr (oude cyclus)" if old and not kaders_default
            else "standaardinstelling (gemeente.nu; sommige regelingen noemen 31 januari — controleer)"
            if kaders_default else "instelling van de gemeente",
            default=kaders_default,
        )
    )  # fmt: skip

    gs = _day(year - 1, GS_BUDGET[regime])
    gs_text = f"Wgr: vóór {_nl(gs)} aan GS" + (" (oude cyclus)" if old else "")
    draft = own.get("ontwerpbegroting", {})
    meeting = draft.get("board_meeting")
    assumed = meeting is None
    if assumed:
        meeting = gs - dt.timedelta(days=1)  # the latest meeting that still meets the GS deadline
    draft_due = meeting - dt.timedelta(weeks=weeks)
    meeting_text = (
        f"aangenomen AB-vergadering {_nl(meeting)} (de laatste vóór de GS-termijn; vul de echte datum in)"
        if assumed
        else f"AB-vergadering {_nl(meeting)}"
    )
    out.append(
        Deadline("ontwerpbegroting", year, regime, draft_due, f"{weeks} weken vóór de {meeting_text}", default=assumed)
    )
    opens = draft.get("sent_on") or draft.get("received_on") or draft.get("own_due") or draft_due
    opened_by = "verzending" if draft.get("sent_on") else "ontvangst" if draft.get("received_on") else "termijn"
    out.append(
        Deadline(
            "zienswijze", year, regime, opens + dt.timedelta(weeks=weeks),
            f"{weeks} weken na {opened_by} van de ontwerpbegroting (Wgr)", start=opens,
            default=assumed and opened_by == "termijn",
        )
    )  # fmt: skip
    out.append(Deadline("begroting", year, regime, gs, gs_text))
    out.append(
        Deadline(
            "voorlopige_jaarrekening", year, regime, _day(year + 1, d.interim_accounts),
            "standaardinstelling (15 april; controleer de regeling)" if "interim_accounts" in d.defaults
            else "instelling van de gemeente",
            default="interim_accounts" in d.defaults,
        )
    )  # fmt: skip
    out.append(Deadline("jaarrekening", year, regime, _day(year + 1, GS_ACCOUNTS), "Wgr: vóór 15 juli aan GS"))
    return [_override(x, own) for x in out]


def _override(deadline: Deadline, own: dict[str, dict[str, Any]]) -> Deadline:
    """The regeling's own date for a document replaces the rule's (never for the window the law gives the raad)."""
    if deadline.kind in WINDOWS:
        return deadline
    date = own.get(deadline.kind, {}).get("own_due")
    if date is None:
        return deadline
    return replace(deadline, due=date, basis="eigen termijn uit de regeling", default=False, own=True)


def change_deadline(year: int, sent: dt.date, subject: str = "") -> Deadline | None:
    """The raden's zienswijze window on a draft change, joining or leaving of the regeling: 8 weeks from the day
    it was sent, since 1 July 2022. Before that the raden had no zienswijze (only toestemming): None."""
    if sent < AMENDMENT:
        return None
    return Deadline(
        "wijziging", year, NEW, sent + dt.timedelta(weeks=CHANGE_WEEKS),
        "8 weken na verzending van het ontwerp (Wgr sinds 1 juli 2022)", start=sent, subject=subject,
    )  # fmt: skip


# -- where a deadline stands on a day ----------------------------------------------------------------------

STATES: dict[str, str] = {
    "afgerond": "Afgerond",
    "te_laat": "Te laat",
    "lopend": "Nu lopend",
    "gepland": "Gepland",
}


def done(deadline: Deadline, document: dict[str, Any] | None) -> bool:
    """Whether what the deadline asks has happened, from the stored document: a window is done once the raad's
    zienswijze decision is recorded; a document once it was received (or sent to GS), or marked afgerond."""
    doc = document or {}
    if doc.get("status") == "afgerond":
        return True
    if deadline.kind in WINDOWS:
        return bool(doc.get("opinion_decision"))
    return bool(doc.get("received_on") or doc.get("sent_on"))


def state(deadline: Deadline, document: dict[str, Any] | None, today: dt.date) -> str:
    """afgerond, te_laat (the day is reached and it has not happened: 'vóór' a date), lopend (a window open
    today), or gepland."""
    if done(deadline, document):
        return "afgerond"
    if today >= deadline.due:
        return "te_laat"
    if deadline.start is not None and deadline.start <= today:
        return "lopend"
    return "gepland"


SIGNAL_DAYS = 14  # a window closing this soon without a raad meeting is a signal


def signal(deadline: Deadline, document: dict[str, Any] | None, today: dt.date) -> str | None:
    """The calendar's signal for this deadline, in Dutch, or None: a missed deadline, or a zienswijze window that
    closes within two weeks while no raad meeting is planned."""
    now = state(deadline, document, today)
    if now == "te_laat":
        return f"{deadline.label}: termijn verstreken ({_nl(deadline.due)})"
    doc = document or {}
    closes = (deadline.due - today).days
    if deadline.kind in WINDOWS and now != "afgerond" and closes <= SIGNAL_DAYS and not doc.get("council_meeting"):
        return (
            f"{deadline.label} sluit over {closes} dagen ({_nl(deadline.due)}) en er is geen raadsvergadering gepland"
        )
    return None
