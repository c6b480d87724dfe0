"""The P&C-kalender's sections: the timeline of the coming months, the 'nu lopend' and 'te laat' lists, the
.ics download, a document's edit form (stale saves refused), a change of a regeling, and the settings."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from governance import calendar
from governance.core import labels
from ui import data, forms, nav, state
from ui.text import cells

F = labels.FIELDS["pc_document"]
NO_TOOLBAR = {"displayModeBar": False}
BACK, AHEAD = 30, 183  # days the timeline shows around today
TIMELINE_ROWS = 30  # regelingen on the timeline: more is a chart nobody reads (and plotly draws slowly)
TABLE_ROWS = 60  # above this a list is a scrolling grid, not a wrapping table


def _nl(day: dt.date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else ""


def _table(items: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Regeling": [i["party_name"] for i in items],
            "Termijn": [f"{i['label']} {i['year']}" for i in items],
            "Van": [_nl(i["start"]) for i in items],
            "Vóór": [_nl(i["due"]) for i in items],
            "Grondslag": [i["basis"] for i in items],
        }
    )


def _list(items: list[dict[str, Any]]) -> None:
    """A wrapping table (st.table): the grondslag is a sentence, cut off in a data grid; a long list (a large
    register) as a scrolling data grid instead, which stays quick."""
    if len(items) <= TABLE_ROWS:
        st.table(cells(_table(items)), hide_index=True)
        return
    widths = {"Regeling": 280, "Termijn": 300, "Van": 90, "Vóór": 90}
    columns = {name: st.column_config.TextColumn(width=width) for name, width in widths.items()}
    st.dataframe(_table(items), hide_index=True, column_config=columns)


def _busiest(shown: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items of at most TIMELINE_ROWS regelingen: those with a missed deadline first, then the earliest due.
    A row per regeling of a register 70 times the demo made a chart 50,000 px tall that took minutes."""
    first: dict[str, tuple[bool, dt.date]] = {}
    for i in shown:
        key = (i["state"] != "te_laat", i["due"])
        first[i["party_name"]] = min(first.get(i["party_name"], key), key)
    kept = set(sorted(first, key=lambda name: (first[name], name))[:TIMELINE_ROWS])
    return [i for i in shown if i["party_name"] in kept]


def overview(today: dt.date) -> list[dict[str, Any]]:
    """Signals, the timeline, the two lists and the .ics download; returns the items of the default range."""
    start, end = calendar.default_range(today)
    items = data.read(calendar.items, start, end, today)
    signals = calendar.signals(items)
    if signals:
        st.warning(
            f"{len(signals)} signalen: termijnen verstreken of zienswijzetermijnen die binnen twee weken "
            "sluiten zonder raadsvergadering."
        )
    shown_from, shown_to = today - dt.timedelta(days=BACK), today + dt.timedelta(days=AHEAD)
    shown = [i for i in items if i["due"] >= shown_from and (i["start"] or i["due"]) <= shown_to]
    if shown:
        drawn = _busiest(shown)
        if len(drawn) < len({i["party_name"] for i in shown}):
            st.caption(
                f"De tijdlijn toont de {TIMELINE_ROWS} regelingen met de vroegste termijnen (te laat eerst), van "
                f"{len({i['party_name'] for i in shown})}; de lijsten hieronder tonen alles."
            )
        st.plotly_chart(calendar.timeline(drawn, shown_from, shown_to, today), config=NO_TOOLBAR)
        with st.expander("De tijdlijn als lijst"):  # the chart's text alternative
            _list(sorted(drawn, key=lambda i: (i["due"], i["party_name"])))
    else:
        st.info("Geen termijnen in de komende maanden: het register heeft geen gemeenschappelijke regelingen.")
    # one list under the other at full width: side by side each scrolled sideways on a 1366 px laptop
    st.subheader("Nu lopend")
    now = [i for i in items if i["state"] == "lopend"]
    _list(now) if now else st.caption("Geen lopende zienswijzetermijnen.")
    st.subheader("Te laat")
    missed = [i for i in items if i["state"] == "te_laat"]
    _list(missed) if missed else st.caption("Geen verstreken termijnen.")
    st.caption(
        f"Van {_nl(start)} tot {_nl(end)}, stand op {_nl(today)}. Een datum met 'standaard' of "
        "'aangenomen' in de grondslag rust op een standaardinstelling of aanname: controleer de regeling."
    )
    st.download_button(
        "P&C-kalender (.ics)",
        lambda: calendar.to_ics(items),  # made on the click: on a large register it takes seconds
        file_name="pc-kalender.ics",
        mime="text/calendar",
        help="Voor Outlook of een andere agenda.",
    )
    return items


def _date(label: str, value: dt.date | None, key: str) -> dt.date | None:
    return st.date_input(label, value, min_value=dt.date(1990, 1, 1), format="DD-MM-YYYY", key=key)


def _pick_document(db: Any, today: dt.date) -> tuple[calendar.Key, str] | None:
    parties = data.read(calendar.regelingen)
    if not parties:
        return None
    names = {p["id"]: p["name"] for p in parties}
    left, mid, right = st.columns([3, 1, 2])
    party = left.selectbox("Regeling", list(names), format_func=names.get, key="pc-party")
    years = list(range(today.year - 2, today.year + 3))
    year = mid.selectbox("Begrotingsjaar", years, index=years.index(today.year + 1), key="pc-year")
    kinds = {k: v for k, v in calendar.DOCUMENTS.items() if k != "wijziging"}
    changes = data.read(calendar.changes, party)
    kinds |= {f"wijziging|{c['year']}|{c['subject']}": f"Wijziging {c['year']}: {c['subject']}" for c in changes}
    kind = right.selectbox("Document", list(kinds), format_func=kinds.get, key="pc-kind")
    if kind.startswith("wijziging|"):
        _, change_year, subject = kind.split("|", 2)
        return calendar.Key(party, int(change_year), "wijziging", subject), names[party]
    return calendar.Key(party, year, kind), names[party]


def document_form(db: Any, today: dt.date) -> None:
    """One document of one regeling and year: its deadlines, and what happened (for who may edit the register)."""
    picked = _pick_document(db, today)
    if picked is None:
        st.caption("Geen gemeenschappelijke regelingen in het register.")
        return
    key, name = picked
    form = forms.opened(f"pc-{key.party_id}-{key.year}-{key.kind}-{key.subject}", lambda: calendar.document(db, key))
    stored = form.record or {}
    if not state.editable("register"):
        shown = {F[c]: _nl(stored.get(c)) for c in ("own_due", "sent_on", "received_on", "council_meeting")}
        shown[F["opinion_decision"]] = calendar.DECISIONS.get(stored.get("opinion_decision") or "", "—")
        shown[F["answer_received"]] = _nl(stored.get("answer_received"))
        shown[F["status"]] = calendar.STATUS.get(stored.get("status") or "verwacht", "")
        shown[F["opinion"]] = stored.get("opinion") or ""
        st.dataframe(pd.DataFrame({"Veld": list(shown), "Waarde": list(shown.values())}), hide_index=True)
        return
    with st.form(f"pc-form-{form.prefix}", enter_to_submit=False):
        p = form.prefix
        left, right = st.columns(2)
        values: dict[str, Any] = {"own_due": _date(F["own_due"], stored.get("own_due"), f"{p}-own")}
        if key.kind == "ontwerpbegroting":
            values["board_meeting"] = _date(F["board_meeting"], stored.get("board_meeting"), f"{p}-ab")
        with left:
            values["sent_on"] = _date(F["sent_on"], stored.get("sent_on"), f"{p}-sent")
            values["received_on"] = _date(F["received_on"], stored.get("received_on"), f"{p}-recv")
            values["council_meeting"] = _date(F["council_meeting"], stored.get("council_meeting"), f"{p}-raad")
        with right:
            codes = ["", *calendar.DECISIONS]
            now = stored.get("opinion_decision") or ""
            values["opinion_decision"] = (
                st.selectbox(
                    F["opinion_decision"],
                    codes,
                    index=codes.index(now),
                    key=f"{p}-dec",
                    format_func=lambda c: calendar.DECISIONS.get(c, "— nog geen besluit"),
                )
                or None
            )
            values["answer_received"] = _date(F["answer_received"], stored.get("answer_received"), f"{p}-answer")
            statuses = list(calendar.STATUS)
            values["status"] = st.selectbox(
                F["status"],
                statuses,
                index=statuses.index(stored.get("status") or "verwacht"),
                format_func=calendar.STATUS.get,
                key=f"{p}-status",
            )
        values["opinion"] = st.text_area(F["opinion"], stored.get("opinion") or "", key=f"{p}-opinion")
        values["notes"] = st.text_area(F["notes"], stored.get("notes") or "", key=f"{p}-notes")
        if st.form_submit_button("Document opslaan", type="primary") and forms.save(
            lambda: calendar.save_document(db, key, values, state.actor(), form.record),
            f"{calendar.DOCUMENTS[key.kind]} {key.year} van {name} is opgeslagen.",
            form,
        ):
            st.rerun()


def change_form(db: Any) -> None:
    """A draft change, joining or leaving of a regeling sent to the raden: its 8-week zienswijze window starts."""
    if not state.may("register"):
        return
    parties = data.read(calendar.regelingen)
    names = {p["id"]: p["name"] for p in parties}
    with st.expander("Wijziging, toetreding of uittreding van een regeling melden"), st.form("pc-change"):
        party = st.selectbox("Regeling", list(names), format_func=names.get, key="pc-change-party")
        sent = _date(F["sent_on"] + " (ontwerp aan de raden)", None, "pc-change-sent")
        subject = st.text_input(F["subject"], key="pc-change-subject", max_chars=200)
        if st.form_submit_button("Melden") and forms.save(
            lambda: calendar.add_change(db, party, sent, subject, state.actor()),
            f"De wijziging van {names.get(party, '')} is vastgelegd; de zienswijzetermijn van 8 weken loopt.",
        ):
            st.rerun()


def _day(month_day: tuple[int, int]) -> str:
    return f"{month_day[1]:02d}-{month_day[0]:02d}"


def settings_form(db: Any) -> None:
    """Which regelingen still follow the old cycle, and the dates the law as read here does not settle."""
    found = calendar.settings(db)
    dates = found["dates"]
    with st.expander("Instellingen: oude cyclus en data die de wet niet vastlegt"):
        for field, label in calendar.DATE_FIELDS.items():
            mark = " (standaard; controleer de regelingen)" if field in dates.defaults else ""
            st.caption(f"{label}: {_day(getattr(dates, field))}{mark}")
        if not state.editable("settings"):
            return
        parties = {p["code"]: p["name"] for p in data.read(calendar.regelingen)}
        form = forms.opened("pc-settings", lambda: found["originals"])
        with st.form("pc-settings-form", enter_to_submit=False):
            old = st.multiselect(
                "Regelingen die nog de oude cyclus volgen (8 weken, begroting vóór 1 augustus)",
                list(parties),
                default=[c for c in found["regimes"] if c in parties],
                format_func=parties.get,
                key=f"{form.prefix}-old",
            )
            typed = {
                f: st.text_input(f"{label} (dd-mm)", _day(getattr(dates, f)), key=f"{form.prefix}-{f}")
                for f, label in calendar.DATE_FIELDS.items()
            }
            if st.form_submit_button("Instellingen opslaan") and forms.save(
                lambda: calendar.save_settings(db, old, typed, state.actor(), form.record),
                "De instellingen van de P&C-kalender zijn opgeslagen.",
                form,
            ):
                st.rerun()


NEXT = 5  # deadlines Overzicht lists


def next_deadlines() -> None:
    """Overzicht's section: the next open deadlines of the P&C calendar, the count of its signals, a link."""
    today = calendar.reference_date(st.query_params.get("peildatum"))
    start, end = calendar.default_range(today)
    items = data.read(calendar.items, start, end, today)
    if not items:
        return
    st.subheader("Eerstvolgende P&C-termijnen")
    coming = [i for i in items if i["due"] >= today and i["state"] != "afgerond"][:NEXT]
    if coming:
        st.dataframe(_table(coming).drop(columns=["Grondslag"]), hide_index=True)
    signals = calendar.signals(items)
    if signals:
        st.warning(f"{len(signals)} signalen in de P&C-kalender: termijnen verstreken of zienswijzetermijnen die "
                   "binnen twee weken sluiten zonder raadsvergadering.")  # fmt: skip
    st.page_link(str(nav.PAGES / "pc_kalender.py"), label="Naar de P&C-kalender")
