"""The paragraaf verbonden partijen (BBV art. 15) of one year and document, as a `Document`.

`collect` reads what the paragraaf needs (lid 1 text, the verbonden partijen with their figures, material risks
and measures, the parties of the previous year, the open role signals); `build` is pure: that data in, the
document out. Only parties determined to be verbonden partij (art. 1 BBV, status *ja*) appear.

Which figures: for the begroting of year Y the begroting Y of each party (expected figures); for the jaarstukken
the jaarrekening Y, or where that is not there yet the begroting Y, always with its source named. Nothing is
guessed: an item that is not recorded prints as "nog niet bekend"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from governance import register, roles
from governance.core import formatting, labels
from governance.core.db import Database
from governance.core.errors import FieldError as _FieldError
from governance.core.errors import NotFoundError, ValidationError
from governance.reports.model import (
    MISSING,
    NOT_APPLICABLE,
    Block,
    Bullets,
    Document,
    Fact,
    Facts,
    Heading,
    Table,
    Text,
)

KINDS = register.PARAGRAPH_KINDS  # begroting / jaarstukken
FIGURE_FIELDS = ("interest_begin", "interest_end", "equity_begin", "equity_end", "debt_begin", "debt_end", "result")
BALANCE_FIELDS = ("equity_begin", "equity_end", "debt_begin", "debt_end")


@dataclass(frozen=True)
class Gemeente:
    name: str
    fictitious: bool


@dataclass(frozen=True)
class PartyData:
    party: dict[str, Any]  # the party row (codes, not labels)
    figures: dict[str, Any] | None  # the chosen party_year row, None when there is none
    no_balance: bool  # a legal form asked no EV/VV (register.balance_setting)
    risks: list[dict[str, Any]]  # material financial risks without measures (register.MATERIAL_RISK)
    measures: dict[int, list[dict[str, Any]]]  # risk id -> its measures
    statement: dict[str, Any] | None  # a dated "geen materiële risico's" for the year


@dataclass(frozen=True)
class ParagraafData:
    year: int
    kind: str
    gemeente: Gemeente
    text: dict[str, Any] | None  # lid 1 (paragraph_text), None while nothing is written
    parties: list[PartyData]
    previous: dict[str, dict[str, Any]]  # code -> party row: the verbonden partijen of year - 1
    signals: list[dict[str, Any]] = field(default_factory=list)  # open role signals of these parties
    signals_on: dt.date | None = None
    material_text: str = ""


def check_request(year: Any, kind: Any) -> tuple[int, str]:
    """The year and kind as the paragraaf takes them, or a Dutch ValidationError."""
    errors = []
    try:
        year_ = int(year)
        if not 1900 <= year_ <= 2100:
            raise ValueError
    except (TypeError, ValueError):
        errors.append(_FieldError("year", "Jaar", "moet een jaartal zijn tussen 1900 en 2100"))
        year_ = 0
    if kind not in KINDS:
        errors.append(_FieldError("kind", "Document", "kies begroting of jaarstukken"))
    if errors:
        raise ValidationError(errors, "Rapportage")
    return year_, str(kind)


def gemeente(db: Database) -> Gemeente:
    found = db.rows("SELECT name, fictitious FROM organisation WHERE is_ours ORDER BY id LIMIT 1")
    if not found:
        return Gemeente("de gemeente", False)
    return Gemeente(str(found[0]["name"]), bool(found[0]["fictitious"]))


def _verbonden_in(db: Database, year: int) -> pd.DataFrame:
    """The non-archived parties that existed in `year` and are verbonden partij."""
    frame = db.query(
        "SELECT * FROM party p WHERE p.archived_at IS NULL AND " + register.IN_YEAR + " ORDER BY p.name",
        {"year": year},
    )
    return register.only_verbonden(frame)


def _figures(db: Database, year: int, kind: str) -> dict[int, dict[str, Any]]:
    """party id -> the party_year row the paragraaf uses (see the module docstring)."""
    order = "kind = 'jaarrekening' DESC" if kind == "jaarstukken" else "kind = 'begroting' DESC"
    only = "" if kind == "jaarstukken" else "AND kind = 'begroting'"
    rows = db.rows(
        f"""SELECT * FROM (
                SELECT *, row_number() OVER (PARTITION BY party_id ORDER BY {order}) AS rn
                FROM party_year WHERE year = ? {only}
            ) WHERE rn = 1""",
        [year],
    )
    return {int(r["party_id"]): r for r in rows}


def collect(
    db: Database, year: Any, kind: Any, party_code: str | None = None, signals_on: dt.date | None = None
) -> ParagraafData:
    """Everything the paragraaf of `year` and `kind` prints; with `party_code` only that verbonden partij."""
    year_, kind_ = check_request(year, kind)
    current = _verbonden_in(db, year_)
    if party_code is not None:
        current = current[current["code"].str.lower() == party_code.lower()]
        if current.empty:
            raise NotFoundError(f"Partij '{party_code}' is geen verbonden partij in {year_} (of bestaat niet).")
    figures = _figures(db, year_, kind_)
    no_balance = set(register.balance_setting(db)["forms"])
    material = register.material_setting(db)
    ids = [int(i) for i in current["id"]]
    risks: dict[int, list[dict[str, Any]]] = {}
    measures: dict[int, list[dict[str, Any]]] = {}
    statements: dict[int, dict[str, Any]] = {}
    if ids:
        for r in db.rows(
            "SELECT r.* FROM risk r WHERE list_contains($ids, r.party_id) AND "
            + register.MATERIAL_RISK
            + " ORDER BY greatest(coalesce(r.amount_max, 0), coalesce(r.amount_likely, 0)) DESC, r.title",
            {"ids": ids, "min_amount": material["min_amount"]},
        ):
            risks.setdefault(int(r["party_id"]), []).append(r)
        risk_ids = [int(r["id"]) for group in risks.values() for r in group]
        if risk_ids:
            for m in db.rows(
                "SELECT * FROM risk_measure WHERE list_contains(?, risk_id) AND status <> 'vervallen' "
                "ORDER BY due_date NULLS LAST, id",
                [risk_ids],
            ):
                measures.setdefault(int(m["risk_id"]), []).append(m)
        for s in db.rows("SELECT * FROM risk_statement WHERE list_contains(?, party_id) AND year = ?", [ids, year_]):
            statements[int(s["party_id"])] = s
    parties = []
    for row in db.rows("SELECT * FROM party WHERE list_contains(?, id) ORDER BY name", [ids]) if ids else []:
        pid = int(row["id"])
        parties.append(
            PartyData(
                party=row,
                figures=figures.get(pid),
                no_balance=row["legal_form"] in no_balance,
                risks=risks.get(pid, []),
                measures={int(r["id"]): measures.get(int(r["id"]), []) for r in risks.get(pid, [])},
                statement=statements.get(pid),
            )
        )
    previous = {str(r["code"]): r for r in _verbonden_in(db, year_ - 1).to_dict("records")}
    on = signals_on or dt.date.today()
    codes = {str(c) for c in current["code"]}
    found = roles.signals(db, on)
    signals = [s for s in found.to_dict("records") if not s["acknowledged"] and s["party_code"] in codes]
    return ParagraafData(
        year=year_,
        kind=kind_,
        gemeente=gemeente(db),
        text=register.paragraph_text(db, year_, kind_),
        parties=parties,
        previous=previous if party_code is None else {},
        signals=signals,
        signals_on=on,
        material_text=material["text"],
    )


# -- build (pure) ---------------------------------------------------------------------------------------------
def fictitious_warning(g: Gemeente) -> str | None:
    if not g.fictitious:
        return None
    return (
        f"Let op: {g.name} is een fictieve demogemeente. Alle partijen, personen en bedragen in dit document zijn "
        "verzonnen en gaan niet over echte organisaties."
    )


def amount(value: Any) -> str:
    """An amount as the paragraaf prints it (Dutch, whole euros), or MISSING."""
    if value is None or (isinstance(value, float) and value != value):
        return MISSING
    return formatting.euro(value)


def _blank(value: Any) -> bool:
    return (
        value is None or (isinstance(value, float) and value != value) or (isinstance(value, str) and not value.strip())
    )


def source_text(data: ParagraafData, p: PartyData) -> str:
    """Where the figures come from: 'Jaarrekening 2025 (…document…)', or why there are none."""
    fig = p.figures
    if fig is None:
        wanted = "begroting" if data.kind == "begroting" else "jaarrekening of begroting"
        return f"{MISSING}: geen {wanted} {data.year} van de partij vastgelegd"
    doc = f" — {fig['source_document']}" if not _blank(fig.get("source_document")) else ""
    note = (
        " (de jaarrekening is nog niet vastgelegd)" if data.kind == "jaarstukken" and fig["kind"] == "begroting" else ""
    )
    return f"{labels.YEAR_KINDS[fig['kind']]} {fig['year']}{note}{doc}"


def figure_rows(data: ParagraafData, p: PartyData) -> list[Fact]:
    y = data.year
    expected = " (verwacht)" if data.kind == "begroting" or (p.figures and p.figures["kind"] == "begroting") else ""
    names = {
        "interest_begin": f"Financieel belang 1 januari {y}",
        "interest_end": f"Financieel belang 31 december {y}{expected}",
        "equity_begin": f"Eigen vermogen 1 januari {y}",
        "equity_end": f"Eigen vermogen 31 december {y}{expected}",
        "debt_begin": f"Vreemd vermogen 1 januari {y}",
        "debt_end": f"Vreemd vermogen 31 december {y}{expected}",
        "result": f"Financieel resultaat {y}{expected}",
    }
    rows = []
    for name in FIGURE_FIELDS:
        if name in BALANCE_FIELDS and p.no_balance:
            form = labels.LEGAL_FORMS.get(p.party["legal_form"], p.party["legal_form"]).lower()
            rows.append(Fact(names[name], f"{NOT_APPLICABLE} ({form}: geen eigen balans)"))
            continue
        value = None if p.figures is None else p.figures.get(name)
        rows.append(Fact(names[name], amount(value), missing=_blank(value)))
    return rows


def _text_fact(label: str, value: Any) -> Fact:
    return Fact(label, MISSING, True) if _blank(value) else Fact(label, str(value))


def risk_blocks(p: PartyData) -> list[Block]:
    """Lid 2e: the material financial risks without measures, each with what the gemeente does about it."""
    if p.risks:
        rows = []
        for r in p.risks:
            high = max(float(r.get(k) or 0) for k in ("amount_min", "amount_likely", "amount_max"))
            chance = "—" if r.get("probability_pct") is None else formatting.percent(r["probability_pct"], 0)
            done = [
                f"{m['description']} ({labels.MEASURE_STATUS.get(m['status'], m['status']).lower()})"
                for m in p.measures.get(int(r["id"]), [])
            ]
            own = [] if _blank(r.get("measures")) else [str(r["measures"])]
            what = "; ".join(t.strip().rstrip(".;").strip() for t in own + done)
            rows.append((str(r["title"]), chance, formatting.euro(high), what or MISSING))
        return [
            Table(
                ("Materieel risico", "Kans", "Bedrag (max.)", "Wat de gemeente doet"),
                tuple(rows),
                numeric=(False, True, True, False),
                widths=(3, 1, 1.4, 4),
            )
        ]
    if p.statement is not None:
        return [Text(register.statement_text(p.statement))]
    return [
        Text(f"Materiële risico's: {MISSING} (geen risico's beoordeeld en niet vastgesteld dat er geen zijn).", True)
    ]


def party_blocks(data: ParagraafData, p: PartyData) -> list[Block]:
    party = p.party
    form = labels.LEGAL_FORMS.get(party["legal_form"], party["legal_form"])
    seat = "" if _blank(party.get("seat")) else f", {party['seat']}"
    facts = [
        Fact("Rechtsvorm en vestigingsplaats", f"{form}{seat}"),
        _text_fact("Wijze waarop het belang wordt gehouden", party.get("interest_held")),
        _text_fact("Openbaar belang", party.get("public_interest")),
        *figure_rows(data, p),
        Fact("Bron van de cijfers", source_text(data, p), missing=p.figures is None),
        _text_fact("Programma", party.get("programme")),
    ]
    if party.get("status") not in (None, "actief"):
        facts.append(Fact("Status", labels.PARTY_STATUS.get(party["status"], party["status"])))
    return [
        Heading(str(party["name"]), 3),
        Facts(tuple(facts)),
        Text("Materiële financiële risico's zonder beheersmaatregelen (art. 15 lid 2e)", small=True),
        *risk_blocks(p),
    ]


def overview_table(data: ParagraafData, group: list[PartyData]) -> Table:
    rows = []
    for p in group:
        f = p.figures or {}
        ev = NOT_APPLICABLE if p.no_balance else amount(f.get("equity_end"))
        rows.append((str(p.party["name"]), amount(f.get("interest_end")), ev, amount(f.get("result"))))
    return Table(
        ("Verbonden partij", f"Belang 31-12-{data.year}", f"Eigen vermogen 31-12-{data.year}", "Resultaat"),
        tuple(rows),
        numeric=(False, True, True, True),
        widths=(4, 1.6, 1.6, 1.6),
    )


def lid1_blocks(data: ParagraafData) -> list[Block]:
    text = data.text or {}
    where = f"Register → Paragraaf verbonden partijen {data.year} ({KINDS[data.kind].lower()})"
    out: list[Block] = [Heading("Visie op verbonden partijen (art. 15 lid 1a)", 2)]
    vision, intentions = text.get("vision"), text.get("intentions")
    out += (
        [Text(t) for t in str(vision).split("\n\n")]
        if not _blank(vision)
        else [Text(f"Visie: {MISSING} — de gemeente heeft de tekst nog niet geschreven ({where}).", True)]
    )
    out.append(Heading("Beleidsvoornemens (art. 15 lid 1b)", 2))
    out += (
        [Text(t) for t in str(intentions).split("\n\n")]
        if not _blank(intentions)
        else [Text(f"Beleidsvoornemens: {MISSING} — de gemeente heeft de tekst nog niet geschreven ({where}).", True)]
    )
    return out


def programme_blocks(data: ParagraafData) -> list[Block]:
    """Art. 8 lid 3: per programma the verbonden partijen that contribute to its goals (the party's programme)."""
    groups: dict[str, list[str]] = {}
    for p in data.parties:
        key = MISSING if _blank(p.party.get("programme")) else str(p.party["programme"]).strip()
        groups.setdefault(key, []).append(str(p.party["name"]))
    order = sorted((k for k in groups if k != MISSING), key=str.lower) + ([MISSING] if MISSING in groups else [])
    rows = tuple((("Programma " + MISSING) if k == MISSING else k, ", ".join(groups[k])) for k in order)
    return [
        Heading("Verbonden partijen per programma (art. 8 lid 3)", 2),
        Table(("Programma", "Verbonden partijen die bijdragen aan de doelen"), rows, widths=(2, 5)),
    ]


def development_blocks(data: ParagraafData) -> list[Block]:
    now = {str(p.party["code"]): p.party for p in data.parties}
    new = [now[c]["name"] for c in now if c not in data.previous]
    ended = [data.previous[c]["name"] for c in data.previous if c not in now]
    ending = [
        f"{p['name']} (einddatum {formatting.date(p['ended'])})" for p in now.values() if not _blank(p.get("ended"))
    ]
    changed = [
        f"{p['name']}: {labels.PARTY_STATUS.get(p['status'], p['status']).lower()}"
        for p in now.values()
        if p.get("status") not in (None, "actief")
    ]
    out: list[Block] = [Heading(f"Ontwikkelingen sinds {data.year - 1}", 2)]
    for title, items in (
        (f"Nieuw ten opzichte van {data.year - 1}", new),
        (f"Niet meer verbonden partij sinds {data.year - 1}", ended),
        (f"Eindigt in {data.year}", ending),
        ("Gewijzigde status", changed),
    ):
        out.append(Text(f"{title}: " + ("geen." if not items else ""), small=True))
        if items:
            out.append(Bullets(tuple(sorted(str(i) for i in items))))
    if data.signals:
        on = formatting.date(data.signals_on) if data.signals_on else ""
        out.append(Text(f"Open rolsignalen op {on} ({len(data.signals)}):", small=True))
        out.append(Bullets(tuple(f"{s['party_name']}: {s['title']}" for s in data.signals)))
    else:
        out.append(Text("Open rolsignalen: geen.", small=True))
    return out


def build(data: ParagraafData) -> Document:
    """The paragraaf as a Document (pure)."""
    doc_name = KINDS[data.kind]
    blocks: list[Block] = []
    single = len(data.parties) == 1 and not data.previous
    if not single:
        blocks += lid1_blocks(data)
    blocks.append(Heading("Overzicht van de verbonden partijen (art. 15 lid 1b en lid 2)", 2))
    count = len(data.parties)
    blocks.append(
        Text(
            f"{count} verbonden {'partij' if count == 1 else 'partijen'}: organisaties waarin de gemeente zowel een "
            "bestuurlijk als een financieel belang heeft (art. 1 BBV). Een gegeven dat niet is vastgelegd staat er "
            f"als '{MISSING}'. Materieel risico: {data.material_text}."
        )
    )
    for category, title in labels.BBV_CATEGORIES.items():
        group = [p for p in data.parties if p.party["bbv_category"] == category]
        blocks.append(Heading(title, 2))
        if not group:
            blocks.append(Text(f"Geen {title.lower()} als verbonden partij in {data.year}."))
            continue
        blocks.append(overview_table(data, group))
        for p in group:
            blocks += party_blocks(data, p)
    if not single:
        blocks += programme_blocks(data)
        blocks += development_blocks(data)
    title = "Paragraaf verbonden partijen" if not single else f"Verbonden partij {data.parties[0].party['name']}"
    return Document(
        title=title,
        subtitle=f"{doc_name} {data.year} — {data.gemeente.name}",
        blocks=tuple(blocks),
        warning=fictitious_warning(data.gemeente),
        footer=f"{title} — {doc_name.lower()} {data.year} — {data.gemeente.name}",
        meta={"year": str(data.year), "kind": data.kind},
    )


def paragraaf(
    db: Database, year: Any, kind: Any, party_code: str | None = None, signals_on: dt.date | None = None
) -> Document:
    return build(collect(db, year, kind, party_code, signals_on))
