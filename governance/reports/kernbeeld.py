"""The kernbeeld of one verbonden partij: one A4 page for the raad, the griffie or an AB member preparing a
meeting — doel and openbaar belang, how the belang is held, three years of figures with a small chart, kengetallen,
the top risks with their net level, who represents the gemeente where, risk profile and steering regime, and the
open signals. Without a party: every verbonden partij, each on its own page.

`collect` reads; `build` is pure (the chart image is passed in as PNG bytes)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from governance import calendar, finance, register, risks, roles
from governance.core import formatting, labels
from governance.core.db import Database
from governance.core.errors import NotFoundError
from governance.reports.model import (
    MISSING,
    NOT_APPLICABLE,
    Block,
    Bullets,
    Document,
    Fact,
    Facts,
    Heading,
    Image,
    PageBreak,
    Table,
    Text,
)
from governance.reports.paragraaf import (
    BALANCE_FIELDS,
    KINDS,
    Gemeente,
    _blank,
    amount,
    check_request,
    fictitious_warning,
    gemeente,
)

YEARS = 3
TOP_RISKS = 3
SHOWN_SIGNALS = 3  # per kind of signal, so the card stays one A4 page
SHOWN_DEADLINES = 2


@dataclass(frozen=True)
class PartyCard:
    party: dict[str, Any]
    figures: dict[int, dict[str, Any] | None]  # year -> the row (jaarrekening before begroting), oldest first
    no_balance: bool
    risks: list[dict[str, Any]]  # top risks, each with 'level' (net level label)
    people: list[dict[str, Any]]  # current representations
    profile: dict[str, Any] | None
    signals: list[dict[str, Any]]
    chart: bytes | None = None
    finance_signals: list[dict[str, Any]] = field(default_factory=list)  # open, of the report's year
    deadlines: list[dict[str, Any]] | None = None  # P&C items around the day (calendar.items); None: not a GR


@dataclass(frozen=True)
class KernbeeldData:
    year: int
    kind: str
    gemeente: Gemeente
    cards: list[PartyCard] = field(default_factory=list)
    on: dt.date | None = None


def _years(db: Database, party_id: int, year: int) -> dict[int, dict[str, Any] | None]:
    rows = db.rows(
        "SELECT * FROM party_year WHERE party_id = ? AND year BETWEEN ? AND ? ORDER BY year, kind = 'jaarrekening'",
        [party_id, year - YEARS + 1, year],
    )
    found: dict[int, dict[str, Any] | None] = {y: None for y in range(year - YEARS + 1, year + 1)}
    for r in rows:  # jaarrekening sorts last, so it wins
        found[int(r["year"])] = r
    return found


def collect(
    db: Database, year: Any, kind: Any, party_code: str | None = None, on: dt.date | None = None, chart: bool = True
) -> KernbeeldData:
    year_, kind_ = check_request(year, kind)
    frame = register.only_verbonden(register.parties(db))
    if party_code is not None:
        frame = frame[frame["code"].str.lower() == party_code.lower()]
        if frame.empty:
            raise NotFoundError(f"Partij '{party_code}' is geen verbonden partij (of bestaat niet).")
    day = on or dt.date.today()
    no_balance = set(register.balance_setting(db)["forms"])
    matrix = risks.get_matrix(db)
    table = risks.risk_table(db)
    profiles = {int(r["party_id"]): r for r in risks.profile_table(db, year_, day).to_dict("records")}
    signals = roles.signals(db, day)
    money = finance.signals(db, year_)
    money = money[~money["acknowledged"]]
    start, end = calendar.default_range(day)
    gr = {r["code"] for r in calendar.regelingen(db)}
    items = calendar.items(db, start, end, day) if gr else []
    cards = []
    for code in frame["code"]:
        party = db.rows("SELECT * FROM party WHERE code = ?", [code])[0]
        pid = int(party["id"])
        own = table[(table["party_id"] == pid) & (table["status"] != "vervallen")].copy()
        own["score"] = own["net_likelihood"].fillna(0) * own["net_impact"].fillna(0)
        top = own.sort_values(["score", "title"], ascending=[False, True]).head(TOP_RISKS)
        top_rows = [
            {**r, "level": matrix.level_label(r["net_likelihood"], r["net_impact"])} for r in top.to_dict("records")
        ]
        people = register.representations(db, pid)
        current = people[people["end_date"].isna() | (pd.to_datetime(people["end_date"]) >= pd.Timestamp(day))]
        figures = _years(db, pid, year_)
        cards.append(
            PartyCard(
                party=party,
                figures=figures,
                no_balance=party["legal_form"] in no_balance,
                risks=top_rows,
                people=current.to_dict("records"),
                profile=profiles.get(pid),
                signals=[s for s in signals.to_dict("records") if s["party_code"] == code and not s["acknowledged"]],
                chart=_chart(figures) if chart else None,
                finance_signals=money[money["party_code"] == code].to_dict("records"),
                deadlines=[i for i in items if i["party_code"] == code] if code in gr else None,
            )
        )
    return KernbeeldData(year_, kind_, gemeente(db), cards, day)


def _chart(figures: dict[int, dict[str, Any] | None]) -> bytes | None:
    """Bijdrage and resultaat per year as a small bar chart (PNG at 2x), or None without any figure."""
    known = {y: f for y, f in figures.items() if f is not None}
    if not known:
        return None
    import plotly.graph_objects as go

    from governance.core import images

    years = [str(y) for y in known]
    fig = go.Figure()
    for name, key, colour in (("Bijdrage gemeente", "contribution", "#123c69"), ("Resultaat", "result", "#c26a00")):
        values = [None if f.get(key) is None else float(f[key]) for f in known.values()]
        fig.add_bar(x=years, y=values, name=name, marker_color=colour)
    fig.update_layout(
        height=230,
        width=560,
        margin={"l": 60, "r": 10, "t": 10, "b": 30},
        barmode="group",
        legend={"orientation": "h", "y": 1.12, "x": 0},
        font={"family": "DejaVu Sans", "size": 12},
        plot_bgcolor="white",
        separators=",.",
        yaxis={"tickprefix": "€ ", "separatethousands": True, "gridcolor": "#ddd"},
    )
    return images.to_image(fig, "png", width=560)


# -- build (pure) ---------------------------------------------------------------------------------------------
def _solvency(f: dict[str, Any] | None) -> str:
    if f is None or f.get("equity_end") is None or f.get("debt_end") is None:
        return MISSING
    total = float(f["equity_end"]) + float(f["debt_end"])
    return MISSING if total <= 0 else formatting.percent(100 * float(f["equity_end"]) / total, 0)


def _change(new: Any, old: Any) -> str:
    if new is None or old is None or float(old) == 0:
        return MISSING
    return formatting.percent(100 * (float(new) - float(old)) / float(old), 1)


def figures_table(card: PartyCard) -> Table:
    years = list(card.figures)
    rows = [("Bron", *(MISSING if f is None else labels.YEAR_KINDS[f["kind"]] for f in card.figures.values()))]
    names = (
        ("Bijdrage gemeente", "contribution"),
        ("Financieel belang 31-12", "interest_end"),
        ("Eigen vermogen 31-12", "equity_end"),
        ("Vreemd vermogen 31-12", "debt_end"),
        ("Resultaat", "result"),
    )
    for label, key in names:
        if key in BALANCE_FIELDS and card.no_balance:
            rows.append((label, *(NOT_APPLICABLE for _ in years)))
            continue
        rows.append((label, *(MISSING if f is None else amount(f.get(key)) for f in card.figures.values())))
    return Table(("", *(str(y) for y in years)), tuple(rows), numeric=(False, True, True, True), widths=(2.2, 1, 1, 1))


def _fact(label: str, value: Any) -> Fact:
    return Fact(label, MISSING, True) if _blank(value) else Fact(label, str(value))


def card_blocks(data: KernbeeldData, card: PartyCard) -> list[Block]:
    p = card.party
    form = labels.LEGAL_FORMS.get(p["legal_form"], p["legal_form"])
    seat = "" if _blank(p.get("seat")) else f", {p['seat']}"
    prof = card.profile or {}
    regime = MISSING
    if prof.get("profile_class"):
        regime = labels.PROFILE_CLASSES.get(prof["profile_class"], prof["profile_class"])
        if prof.get("regime"):
            regime += f" — {prof['regime']}"
        if prof.get("reporting"):
            regime += f" ({prof['reporting']})"
    facts = [
        Fact("Rechtsvorm", f"{form}{seat}" + (" — deelname wettelijk verplicht" if p.get("mandatory") else "")),
        _fact("Openbaar belang", p.get("public_interest")),
        _fact("Wijze waarop het belang wordt gehouden", p.get("interest_held")),
        _fact("Programma", p.get("programme")),
        Fact("Risicoprofiel en sturing", regime, regime == MISSING),
    ]
    years = list(card.figures.values())
    last, before = years[-1], years[-2] if len(years) > 1 else None
    kengetallen = (
        f"Solvabiliteit {data.year} (eigen vermogen / totaal vermogen): "
        f"{NOT_APPLICABLE if card.no_balance else _solvency(last)}. "
        f"Bijdrage gemeente {data.year} t.o.v. {data.year - 1}: "
        f"{_change((last or {}).get('contribution'), (before or {}).get('contribution'))}."
    )
    out: list[Block] = [Facts(tuple(facts)), Heading(f"Cijfers {data.year - YEARS + 1}–{data.year}", 2)]
    out.append(figures_table(card))
    if card.chart:
        out.append(Image(card.chart, 9.5, "Bijdrage gemeente en resultaat per jaar"))
    out.append(Text(kengetallen))
    out.append(Heading("Grootste risico's (netto)", 2))
    if card.risks:
        rows = tuple(
            (
                str(r["title"]),
                labels.RISK_CATEGORIES.get(r["category"], str(r["category"])),
                str(r["level"]),
                "—" if pd.isna(r.get("amount_max")) else formatting.euro(r["amount_max"]),
            )
            for r in card.risks
        )
        out.append(Table(("Risico", "Soort", "Netto niveau", "Bedrag (max.)"), rows, (False, False, False, True),
                         (4, 1.3, 1.3, 1.4)))  # fmt: skip
    else:
        out.append(Text(f"Risico's: {MISSING} (geen risico's vastgelegd).", missing=True))
    out.append(Heading("Wie vertegenwoordigt de gemeente", 2))
    if card.people:
        rows = tuple(
            (
                str(r["name"]),
                labels.FUNCTIONS.get(r["function"], str(r["function"])),
                labels.BODIES.get(r["body"], str(r["body"])),
                labels.CAPACITIES.get(r["capacity"], str(r["capacity"])),
            )
            for r in card.people
        )
        out.append(Table(("Persoon", "Functie", "Orgaan", "Rol"), rows, widths=(2.4, 1.4, 2, 1.4)))
    else:
        out.append(Text(f"Vertegenwoordiging: {MISSING} (niemand vastgelegd).", missing=True))
    out.append(Heading("Signalen en termijnen", 2))
    if card.signals:
        out.append(Bullets(tuple(f"{s['title']}: {s['text']}" for s in card.signals[:4])))
        if len(card.signals) > 4:
            out.append(Text(f"En nog {len(card.signals) - 4} signalen (pagina Rollen).", small=False))
    on = formatting.date(data.on) if data.on else ""
    quiet = f"Open rolsignalen op {on}: geen. " if not card.signals else ""
    out += finance_blocks(data, card)
    out.append(Text(quiet + deadlines_text(data, card)))  # one paragraph: the card stays one A4 page
    return out


def finance_blocks(data: KernbeeldData, card: PartyCard) -> list[Block]:
    """The party's open financial signals of the report's year (governance.finance), each with its figure."""
    found = card.finance_signals
    if not found:
        return [Text(f"Open financiële signalen {data.year}: geen.")]
    out: list[Block] = [Bullets(tuple(f"{s['title']}: {_own(s['text'], card)}" for s in found[:SHOWN_SIGNALS]))]
    if len(found) > SHOWN_SIGNALS:
        out.append(Text(f"En nog {len(found) - SHOWN_SIGNALS} financiële signalen (pagina Financiën)."))
    return out


def _own(text: str, card: PartyCard) -> str:
    """A signal's text without the party's name in front: the card is about that party."""
    name = str(card.party["name"])
    for lead in (f"{name}: ", f"{name}, "):
        if text.startswith(lead):
            return text[len(lead) :]
    return text


def deadlines_text(data: KernbeeldData, card: PartyCard) -> str:
    """The regeling's P&C deadlines on the day (governance.calendar): those missed, and the next ones not done."""
    if card.deadlines is None:
        return "P&C-termijnen: niet van toepassing (geen gemeenschappelijke regeling)."
    on = data.on or dt.date.today()

    def line(i: dict[str, Any]) -> str:
        return f"{i['label']} {i['year']} (vóór {formatting.date(i['due'])})"

    late = [i for i in card.deadlines if i["state"] == "te_laat"]
    coming = [i for i in card.deadlines if i["state"] in ("lopend", "gepland") and i["due"] >= on]
    parts = []
    if late:
        parts.append("te laat: " + "; ".join(line(i) for i in late[:SHOWN_DEADLINES]))
    if coming:
        parts.append("volgende: " + "; ".join(line(i) for i in coming[:SHOWN_DEADLINES]))
    if not parts:
        return "P&C-termijnen: geen open termijnen in de komende zes maanden."
    return "P&C-termijnen " + ", ".join(parts) + "."


def build(data: KernbeeldData) -> Document:
    blocks: list[Block] = []
    for i, card in enumerate(data.cards):
        if i:
            blocks.append(PageBreak())
        if len(data.cards) > 1:
            blocks.append(Heading(str(card.party["name"]), 1))
        blocks += card_blocks(data, card)
    single = len(data.cards) == 1
    title = f"Kernbeeld {data.cards[0].party['name']}" if single else "Kernbeelden verbonden partijen"
    if not data.cards:
        blocks.append(Text("Geen verbonden partijen in het register.", missing=True))
    name = KINDS[data.kind]
    return Document(
        title=title,
        subtitle=f"{name} {data.year} — {data.gemeente.name}",
        blocks=tuple(blocks),
        warning=fictitious_warning(data.gemeente),
        footer=f"Kernbeeld — {name.lower()} {data.year} — {data.gemeente.name}",
        compact=True,
        meta={"year": str(data.year), "kind": data.kind},
    )


def kernbeeld(
    db: Database, year: Any, kind: Any, party_code: str | None = None, on: dt.date | None = None, chart: bool = True
) -> Document:
    return build(collect(db, year, kind, party_code, on, chart))
