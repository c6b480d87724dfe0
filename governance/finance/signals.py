"""Financial signals per party and year, in the form of the role signals: each has its rule in plain Dutch, the
figure that triggered it with its source, and can be accepted with a reason (and withdrawn again; the audit log
keeps the history).

`find_signals` is pure (the year's kengetallen and the settings in, signals out); `signals(db, year)` adds which
ones were accepted. A key names the rule, the party and the year: next year's figures give a new key.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pandas as pd

from governance import register
from governance.core import formatting, labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import FieldError, NotFoundError, ValidationError
from governance.finance import kengetallen as k
from governance.finance import records
from governance.finance import thresholds as fs

ENTITY = "finance_signal_ack"

# code -> (title, the rule in plain Dutch). The {placeholders} come from the settings (FinanceSettings.shown).
RULES: dict[str, tuple[str, str]] = {
    "negatief_ev": (
        "Negatief eigen vermogen",
        "Het eigen vermogen van de partij is aan het eind van het jaar negatief: de schulden zijn groter dan de "
        "bezittingen. De deelnemers staan dan (naar hun aandeel) voor het tekort in.",
    ),
    "lage_solvabiliteit": (
        "Lage solvabiliteit",
        "De solvabiliteit (eigen vermogen gedeeld door het totaal vermogen, eind van het jaar) is lager dan "
        "{min_solvency_pct}. Bij een negatief eigen vermogen geeft alleen dat signaal.",
    ),
    "reserve_onder_norm": (
        "Reserve onder de eigen norm",
        "De reserve van de partij (algemene reserve of weerstandsvermogen) is lager dan de norm die de partij er "
        "zelf voor heeft vastgesteld. Telt alleen waar reserve en norm bij de partij zijn ingevoerd.",
    ),
    "negatieve_resultaten": (
        "Negatieve resultaten op rij",
        "De partij sloot {negative_years} of meer jaren op rij af met een negatief resultaat. Een jaar zonder "
        "bekend resultaat onderbreekt de reeks.",
    ),
    "bijdrage_stijgt": (
        "Bijdrage stijgt sneller dan de index",
        "De bijdrage van de gemeente stijgt ten opzichte van het jaar ervoor met meer dan het indexpercentage "
        "van {index_pct}.",
    ),
    "blootstelling": (
        "Leningen en garanties hoog",
        "De leningen en garanties van de gemeente aan de partij zijn samen meer dan {max_exposure_share_pct} "
        "van de eigen begroting, of (zonder ingevuld begrotingstotaal) meer dan {max_exposure_per_inhabitant} "
        "per inwoner.",
    ),
    "cijfers_ontbreken": (
        "Cijfers ontbreken",
        "Voor dit jaar ontbreken cijfers die de paragraaf verbonden partijen nodig heeft (eigen en vreemd "
        "vermogen begin en eind, resultaat; art. 15 lid 2 c en d BBV). Een rechtsvorm zonder eigen balans "
        "(Register-instellingen) wordt alleen op het resultaat gecontroleerd.",
    ),
}
BALANCE = ("equity_begin", "equity_end", "debt_begin", "debt_end")


@dataclass(frozen=True)
class Signal:
    key: str
    rule: str
    party_id: int
    party_code: str
    party_name: str
    year: int
    text: str  # this case in plain Dutch, with the figure
    figure: float | None  # the figure that triggered it (None for missing figures)
    source: str | None  # where that figure comes from: 'jaarrekening 2025'

    @property
    def title(self) -> str:
        return RULES[self.rule][0]


def rule_text(rule: str, current: fs.FinanceSettings) -> str:
    return RULES[rule][1].format(**{name: current.shown(name) for name in fs.FIELDS})


def _pct(value: float) -> str:
    return formatting.percent(value, 1)


def _signal(row: dict[str, Any], rule: str, text: str, figure: float | None) -> Signal:
    year = int(row["year"])
    return Signal(
        key=f"{rule}:{row['code']}:{year}",
        rule=rule,
        party_id=int(row["party_id"]),
        party_code=str(row["code"]),
        party_name=str(row["name"]),
        year=year,
        text=text,
        figure=figure,
        source=row.get("source"),
    )


def find_signals(
    year_table: pd.DataFrame, current: fs.FinanceSettings, no_balance_forms: tuple[str, ...] | list[str] = ()
) -> list[Signal]:
    """The signals of one year. `year_table`: records.year_table rows (one per party in scope, figures None where
    not entered); `no_balance_forms`: legal forms asked no EV/VV (register.balance_setting)."""
    out: list[Signal] = []
    for row in year_table.to_dict("records"):
        name, source = row["name"], row.get("source")
        src = f" ({source})" if source else ""
        equity, solvency = row.get("equity_end"), row.get("solvency")
        if equity is not None and equity < 0:
            out.append(
                _signal(
                    row,
                    "negatief_ev",
                    f"{name}: eigen vermogen 31 december {formatting.euro(equity)}{src}.",
                    equity,
                )
            )
        elif solvency is not None and solvency * 100 < current.min_solvency_pct:
            out.append(
                _signal(
                    row,
                    "lage_solvabiliteit",
                    f"{name}: solvabiliteit {_pct(solvency * 100)}{src}, minder dan "
                    f"{current.shown('min_solvency_pct')}.",
                    solvency * 100,
                )
            )
        ratio = row.get("reserve_ratio")
        if ratio is not None and ratio < 1:
            reserve_src = f" ({row['reserve_source']})" if row.get("reserve_source") else ""
            out.append(
                _signal(
                    row,
                    "reserve_onder_norm",
                    f"{name}: reserve {formatting.euro(row['reserve'])} tegen een eigen norm van "
                    f"{formatting.euro(row['reserve_norm'])}, {formatting.percent(ratio * 100, 0)} van de norm"
                    f"{reserve_src}.",
                    ratio * 100,
                )
            )
        streak = row.get("negative_streak")
        if streak is not None and streak >= current.negative_years:
            first = int(row["year"]) - int(streak) + 1
            out.append(
                _signal(
                    row,
                    "negatieve_resultaten",
                    f"{name}: {int(streak)} jaar op rij een negatief resultaat ({first}–{row['year']}), laatst "
                    f"{formatting.euro(row['result'])}{src}.",
                    row["result"],
                )
            )
        change = row.get("contribution_change_pct")
        if change is not None and round(change, 1) > current.index_pct:  # as shown: 4,0 % is not above 4 %
            out.append(
                _signal(
                    row,
                    "bijdrage_stijgt",
                    f"{name}: bijdrage {formatting.euro(row['contribution'])}{src}, "
                    f"{'+' if change > 0 else ''}{_pct(change)} ten opzichte van "
                    f"{formatting.euro(row['contribution_previous'])} ({row['previous_source']}); index "
                    f"{current.shown('index_pct')}.",
                    change,
                )
            )
        out += _exposure(row, current, src)
        missing = _missing(row, no_balance_forms)
        if missing:
            what = ", ".join(k.FIGURE_LABELS[f] for f in missing)
            found = f"{source} gevonden, maar " if source else "geen begroting of jaarrekening; "
            out.append(_signal(row, "cijfers_ontbreken", f"{name}, {row['year']}: {found}ontbreekt: {what}.", None))
    return out


def _exposure(row: dict[str, Any], current: fs.FinanceSettings, src: str) -> list[Signal]:
    owed, share, per = row.get("exposure"), row.get("exposure_share_pct"), row.get("exposure_per_inhabitant")
    if owed is None or owed <= 0:
        return []
    total = formatting.euro(owed)
    if share is not None and current.max_exposure_share_pct is not None:
        if share > current.max_exposure_share_pct:
            text = (
                f"{row['name']}: leningen en garanties {total}{src}, {_pct(share)} van de eigen begroting "
                f"(grens {current.shown('max_exposure_share_pct')})."
            )
            return [_signal(row, "blootstelling", text, share)]
        return []
    if (
        per is not None
        and current.max_exposure_per_inhabitant is not None
        and per > current.max_exposure_per_inhabitant
    ):
        text = (
            f"{row['name']}: leningen en garanties {total}{src}, {formatting.euro(per)} per inwoner "
            f"(grens {current.shown('max_exposure_per_inhabitant')})."
        )
        return [_signal(row, "blootstelling", text, per)]
    return []


def _missing(row: dict[str, Any], no_balance_forms: tuple[str, ...] | list[str]) -> list[str]:
    asked = [f for f in k.NEEDED if f not in BALANCE or row.get("legal_form") not in no_balance_forms]
    return [f for f in asked if row.get(f) is None]


# -- with the database ----------------------------------------------------------------------------------------
SIGNAL_COLUMNS = [
    "key",
    "rule",
    "title",
    "text",
    "figure",
    "source",
    "party_id",
    "party_code",
    "party_name",
    "year",
    "acknowledged",
    "ack_reason",
    "ack_by",
    "ack_at",
]


def acknowledgements(db: Database) -> pd.DataFrame:
    return db.query(f"SELECT * FROM {ENTITY} ORDER BY acknowledged_at, id")


def signals(
    db: Database, year: int, current: fs.FinanceSettings | None = None, party_ids: list[int] | None = None
) -> pd.DataFrame:
    """The signals of `year` (of every party in scope, or only of `party_ids`: each rule reads one party's
    figures, so the party page need not judge the whole register), with `acknowledged` and the reason, who and
    when if accepted."""
    current = current or fs.settings(db)
    table = records.year_table(db, year, current, party_ids)
    found = find_signals(table, current, register.balance_setting(db)["forms"])
    acks = {r["signal_key"]: r for r in acknowledgements(db).to_dict("records")}
    order = list(RULES)
    rows = []
    for s in sorted(found, key=lambda s: (order.index(s.rule), s.party_name)):
        ack = acks.get(s.key)
        rows.append(
            {
                "key": s.key,
                "rule": s.rule,
                "title": s.title,
                "text": s.text,
                "figure": s.figure,
                "source": s.source,
                "party_id": s.party_id,
                "party_code": s.party_code,
                "party_name": s.party_name,
                "year": s.year,
                "acknowledged": ack is not None,
                "ack_reason": ack["reason"] if ack else None,
                "ack_by": ack["acknowledged_by"] if ack else None,
                "ack_at": ack["acknowledged_at"] if ack else None,
            }
        )
    return pd.DataFrame(rows, columns=SIGNAL_COLUMNS).astype({"acknowledged": bool})


def acknowledge(db: Database, signal_key: str, reason: Any, actor: Actor) -> int:
    """Accept a signal with a reason; it then shows under "geaccepteerd". Audited, reason included."""
    rule = str(signal_key or "").split(":", 1)[0]
    errors = []
    if rule not in RULES or str(signal_key).count(":") != 2:
        errors.append(FieldError("signal_key", labels.field(ENTITY, "signal_key"), "kies een signaal"))
    clean, problem = v.text(required=True, max_len=1000)(reason)
    if problem is None and len(clean) < 5:
        problem = "leg in een paar woorden uit waarom dit signaal is geaccepteerd"
    if problem:
        errors.append(FieldError("reason", labels.field(ENTITY, "reason"), problem))
    if errors:
        raise ValidationError(errors, labels.entity(ENTITY))

    def run(tx: Tx) -> int:
        values = {"signal_key": signal_key, "rule": rule, "reason": clean, "acknowledged_by": tx.actor.name}
        return int(tx.insert(ENTITY, values, reason=clean))

    return db.write(run, actor, "register")


def withdraw(db: Database, signal_key: str, actor: Actor, reason: str | None = None) -> None:
    """Undo an acceptance: the signal is open again. The removed row stays in the audit log."""

    def run(tx: Tx) -> None:
        found = tx.execute(f"SELECT id FROM {ENTITY} WHERE signal_key = ?", [signal_key])
        if not found:
            raise NotFoundError("Dit signaal is niet (meer) geaccepteerd.")
        tx.delete(ENTITY, found[0][0], reason=reason or None)

    db.write(run, actor, "register")


HISTORY_COLUMNS = ["logged_at", "actor", "action", "signal_key", "reason"]


def history(db: Database, signal_key: str | None = None) -> pd.DataFrame:
    """Who accepted and withdrew which financial signal when, with the reason, newest first (from the audit log);
    only of `signal_key` when given."""
    found = db.rows(
        "SELECT logged_at, actor, action, before, after, reason FROM audit_log WHERE entity = ? ORDER BY id DESC",
        [ENTITY],
    )
    rows = []
    for r in found:
        body = json.loads(r["after"] or r["before"] or "{}")
        key = body.get("signal_key")
        if signal_key is not None and key != signal_key:
            continue
        action = {"insert": "geaccepteerd", "delete": "acceptatie ingetrokken"}.get(r["action"], r["action"])
        rows.append(
            {
                "logged_at": r["logged_at"],
                "actor": r["actor"],
                "action": action,
                "signal_key": key,
                "reason": r["reason"],
            }
        )
    return pd.DataFrame(rows, columns=HISTORY_COLUMNS)
