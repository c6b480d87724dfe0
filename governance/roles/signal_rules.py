"""Role signals: where the gemeente's representation collides or has holes, each with its rule in plain Dutch.

`find_signals` is pure (DataFrames and settings in, signals out) and evaluates on a reference date, so a test
can pin any day; `signals(db, on)` adds which ones were accepted ("geaccepteerd") with a reason. A signal's key
names its rule and the person, party and term involved: when the situation changes, the key changes and the
signal shouts again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from governance import register
from governance.core import formatting, labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import FieldError, NotFoundError, ValidationError
from governance.roles import bodies, representations
from governance.roles import configuration as roles_settings
from governance.roles import people as persons

# code -> (title, the rule in plain Dutch). {max} and {horizon} come from the settings.
RULES: dict[str, tuple[str, str]] = {
    "dubbele_pet": (
        "Dubbele pet",
        "Eén persoon is voor dezelfde partij zowel eigenaar (aandeelhouder) als opdrachtgever. Als eigenaar "
        "bewaakt de gemeente de continuïteit en draagt zij het risico; als opdrachtgever wil zij zo veel mogelijk "
        "waar voor haar geld. Wie beide rollen heeft, moet die botsende belangen zelf afwegen.",
    ),
    "twee_petten": (
        "Twee petten: bestuurder en opdrachtgever",
        "Een wethouder is bestuurder van de partij (in het AB of DB, het bestuur van een stichting of de RvC) en "
        "tegelijk namens de gemeente haar opdrachtgever of, bij een privaatrechtelijke partij, de "
        "portefeuillehouder van haar beleidsveld. Als bestuurder dient hij het belang van de partij, als "
        "opdrachtgever of portefeuillehouder het belang van de gemeente; wie beide petten draagt, moet die "
        "belangen zelf scheiden.",
    ),
    "geen_bestuurder": (
        "Geen bestuurlijke vertegenwoordiger",
        "Bij de partij zit geen burgemeester, wethouder of raadslid namens de gemeente in een orgaan dat "
        "beslist (zoals het AB, DB, bestuur of de AvA). Een adviescommissie telt niet mee: die adviseert alleen. "
        "Dan is niet duidelijk wie de gemeente bestuurlijk vertegenwoordigt. Een regeling zonder eigen organen "
        "(centrumregeling, regeling zonder meer) krijgt dit signaal niet.",
    ),
    "geen_accounthouder": (
        "Geen ambtelijk accounthouder",
        "Niemand is ambtelijk accounthouder van de partij. De accounthouder is het vaste aanspreekpunt, volgt "
        "begroting en jaarrekening en bereidt de standpunten van de bestuurder voor.",
    ),
    "termijn_loopt_af": (
        "Termijn loopt af",
        "Een zittingstermijn eindigt binnen {horizon} dagen en er is nog geen opvolger of herbenoeming vastgelegd "
        "(een vertegenwoordiging in hetzelfde orgaan die later begint en langer doorloopt).",
    ),
    "termijn_verlopen": (
        "Termijn verlopen",
        "Een zittingstermijn is al geëindigd en er is geen opvolger of herbenoeming vastgelegd. De zetel is "
        "mogelijk niet bezet.",
    ),
    "te_veel_organen": (
        "Te veel organen",
        "Eén persoon zit in meer dan {max} organen. Ambtelijke rollen (accounthouder, adviseur) en een bestuurlijk "
        "overleg (geen orgaan) tellen niet mee. "
        "Zo veel zetels vragen veel tijd en maken het lastig om elke partij goed te volgen.",
    ),
    "portefeuille": (
        "Portefeuille dekt beleidsveld niet",
        "Een burgemeester of wethouder vertegenwoordigt de gemeente bij een partij waarvan het beleidsveld niet "
        "in de eigen portefeuille valt. Het beleidsveld valt erin als de naam ervan in de portefeuille staat, of "
        "als dat bij de instellingen zo is vastgelegd.",
    ),
}

PORTFOLIO_HOLDERS = ("burgemeester", "wethouder")


@dataclass(frozen=True)
class Signal:
    key: str
    rule: str
    text: str  # this case in plain Dutch
    person_code: str | None = None
    person_name: str | None = None
    party_code: str | None = None
    party_name: str | None = None

    @property
    def title(self) -> str:
        return RULES[self.rule][0]


def rule_text(rule: str, settings: persons.RoleSettings) -> str:
    return RULES[rule][1].format(max=settings.max_bodies, horizon=settings.horizon_days)


# A body as it reads inside a sentence: "in het AB van ...", "in de RvC van ...".
BODY_PHRASES: dict[str, str] = {
    "ab": "het AB",
    "db": "het DB",
    "voorzitter": "het voorzitterschap",
    "ava": "de AvA",
    "rvc": "de RvC",
    "bestuur": "het bestuur",
    "raad_van_toezicht": "de raad van toezicht",
    "adviescommissie": "de adviescommissie",
    "ledenraad": "de ledenraad",
    "orgaan": "het gemeenschappelijk orgaan",
    "alv": "de algemene ledenvergadering",
    "vennoten": "de vergadering van vennoten",
    "overleg": "het bestuurlijk overleg",
    "accounthouder": "het accounthouderschap",
    "adviseur": "de adviesrol",
}


def _role_phrase(body: str) -> str:
    """'ambtelijk accounthouder' for the official roles, the body's short name ('RvC') for a seat."""
    return labels.BODIES[body].lower() if body in labels.OFFICIAL_BODIES else labels.BODIES_SHORT[body]


def _end(sentence: str) -> str:
    """Close a sentence with one full stop, also after a name ending in one (N.V.)."""
    return sentence if sentence.endswith(".") else sentence + "."


def _seat(row: Any) -> str:
    return f"{labels.BODIES_SHORT[row['body']]} {row['party_name']}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def _who(row: Any) -> str:
    if row["function"] == "overig":
        return str(row["person_name"])
    return f"{row['person_name']} ({labels.FUNCTIONS[row['function']].lower()})"


def parties_in_scope(parties: pd.DataFrame, on: dt.date) -> pd.DataFrame:
    """Parties the gemeente should be represented at on `on`: verbonden partijen (art. 1 BBV; a samenwerking or a
    party still to be assessed raises no role signals), not archived, not opgeheven, not yet ended."""
    ended = pd.to_datetime(parties["ended"])
    current = ended.isna() | (ended >= pd.Timestamp(on))
    verbonden = register.with_status(parties)["vp_status"] == register.VERBONDEN
    keep = parties["archived_at"].isna() & (parties["status"] != "opgeheven") & current & verbonden
    return parties[keep]


def find_signals(
    reps: pd.DataFrame, parties: pd.DataFrame, settings: persons.RoleSettings, on: dt.date
) -> list[Signal]:
    """Every role signal on `on`. `reps` as roles.representation_table, `parties` as register.parties."""
    scope = parties_in_scope(parties, on)
    reps = reps[reps["party_code"].isin(scope["code"])]
    active = representations.active_on(reps, on)
    seats = active[~active["body"].isin((*labels.OFFICIAL_BODIES, *bodies.NOT_AN_ORGAAN))]
    found: list[Signal] = []
    found += _double_hats(active)
    found += _two_hats(active, settings.portfolio_domains, {(s.person_code, s.party_code) for s in found})
    found += _missing_people(active, scope, on)
    found += _terms(reps, on, settings.horizon_days)
    found += _too_many_bodies(seats, settings.max_bodies)
    found += _portfolio(seats, settings.portfolio_domains)
    order = {rule: i for i, rule in enumerate(RULES)}
    return sorted(found, key=lambda s: (order[s.rule], s.party_name or "", s.person_name or "", s.key))


def _pairs_with(frame: pd.DataFrame, mask: pd.Series) -> pd.MultiIndex:
    return pd.MultiIndex.from_frame(frame.loc[mask, ["person_code", "party_code"]].drop_duplicates())


class _ByPair:
    """The rows of a (person, party) pair, in their order, from positions found once: a mask over every row per
    pair made the rules quadratic in the register's size (issue 17)."""

    def __init__(self, active: pd.DataFrame):
        self.active = active
        self.positions = active.groupby(["person_code", "party_code"], sort=False).indices

    def __getitem__(self, pair: tuple[Any, Any]) -> pd.DataFrame:
        return self.active.iloc[self.positions[pair]]


def _double_hats(active: pd.DataFrame) -> list[Signal]:
    both = _pairs_with(active, active["capacity"] == "eigenaar").intersection(
        _pairs_with(active, active["capacity"] == "opdrachtgever")
    )
    out = []
    by_pair = _ByPair(active)
    for person, party in sorted(both):
        group = by_pair[(person, party)]
        first = group.iloc[0]
        bodies = {
            name: _and(sorted({labels.BODIES_SHORT[b] for b in group.loc[group["capacity"] == name, "body"]}))
            for name in ("eigenaar", "opdrachtgever")
        }
        out.append(
            Signal(
                key=f"dubbele_pet:{person}:{party}",
                rule="dubbele_pet",
                text=f"{_who(first)} is bij {first['party_name']} eigenaar ({bodies['eigenaar']}) "
                f"én opdrachtgever ({bodies['opdrachtgever']}).",
                person_code=person,
                person_name=first["person_name"],
                party_code=party,
                party_name=first["party_name"],
            )
        )
    return out


def _two_hats(active: pd.DataFrame, mapping: dict[str, list[str]], flagged: set[tuple[Any, Any]]) -> list[Signal]:
    """A wethouder on the party's board who is also its opdrachtgever (any of their roles there), or, at a party
    of private law, the portefeuillehouder of its beleidsveld. In an AB or DB of a regeling the portefeuillehouder
    sits there by the Wgr's design, so there only an explicit opdrachtgever role counts. A pair already flagged as
    dubbele pet is not flagged twice."""
    board = active[(active["function"] == "wethouder") & active["body"].isin(bodies.BOARD_BODIES)]
    out = []
    principals = set(_pairs_with(active, active["capacity"] == "opdrachtgever"))  # once, not a mask per pair
    pairs: dict[tuple[Any, Any], list[dict[str, Any]]] = {}
    for r in board.to_dict("records"):  # grouped in Python: a frame per pair cost more than the rule
        pairs.setdefault((r["person_code"], r["party_code"]), []).append(r)
    for (person, party), seats in sorted(pairs.items(), key=lambda item: item[0]):
        if (person, party) in flagged:
            continue
        first = seats[0]
        hats = []
        if (person, party) in principals:
            hats.append("opdrachtgever namens de gemeente")
        domain = first["policy_domain"]
        if (
            first["legal_form"] in bodies.PRIVATE_FORMS
            and isinstance(domain, str)
            and roles_settings.covers(first["portfolio"], domain, mapping)
        ):
            hats.append(f"portefeuillehouder voor {domain} (het beleidsveld van de partij)")
        if not hats:
            continue
        where = _and([BODY_PHRASES[b] for b in sorted({r["body"] for r in seats}, key=list(labels.BODIES).index)])
        out.append(
            Signal(
                key=f"twee_petten:{person}:{party}",
                rule="twee_petten",
                text=_end(f"{_who(first)} zit in {where} van {first['party_name']} en is tegelijk {_and(hats)}"),
                person_code=person,
                person_name=first["person_name"],
                party_code=party,
                party_name=first["party_name"],
            )
        )
    return out


def _missing_people(active: pd.DataFrame, scope: pd.DataFrame, on: dt.date) -> list[Signal]:
    deciding = ~active["body"].isin((*labels.OFFICIAL_BODIES, *bodies.ADVISORY_BODIES, *bodies.NOT_AN_ORGAAN))
    leaders = active["function"].isin(labels.ADMINISTRATORS) & deciding
    # a regeling without bodies of its own has no seat to fill: no geen_bestuurder signal there
    with_leader = set(active.loc[leaders, "party_code"])
    with_leader |= {c for c, f in zip(scope["code"], scope["legal_form"], strict=True) if not bodies.has_bodies(f)}
    with_accounthouder = set(active.loc[active["body"] == "accounthouder", "party_code"])
    lacking = scope[~scope["code"].isin(with_leader) | ~scope["code"].isin(with_accounthouder)]
    here_by_party = {
        code: rows for code, rows in active[active["party_code"].isin(lacking["code"])].groupby("party_code")
    }
    empty = active.iloc[0:0]
    out = []
    day = formatting.date(on)
    for party in lacking.sort_values("name").to_dict("records"):
        here = here_by_party.get(party["code"], empty)
        if party["code"] not in with_leader:
            others = [
                f"{name} ({', '.join(_role_phrase(b) for b in rows['body'])})"
                for name, rows in here.sort_values(["person_name", "body"]).groupby("person_name", sort=True)
            ]
            extra = f" Wel betrokken: {_and(others)}." if others else " Er is niemand vastgelegd."
            out.append(
                Signal(
                    key=f"geen_bestuurder:{party['code']}",
                    rule="geen_bestuurder",
                    text=f"Bij {party['name']} zit op {day} geen burgemeester, wethouder of raadslid namens de "
                    f"gemeente in een orgaan.{extra}",
                    party_code=party["code"],
                    party_name=party["name"],
                )
            )
        if party["code"] not in with_accounthouder:
            advisers = sorted(set(here.loc[here["body"] == "adviseur", "person_name"]))
            extra = f" Wel een ambtelijk adviseur: {_and(advisers)}." if advisers else ""
            out.append(
                Signal(
                    key=f"geen_accounthouder:{party['code']}",
                    rule="geen_accounthouder",
                    text=f"{party['name']} heeft op {day} geen ambtelijk accounthouder.{extra}",
                    party_code=party["code"],
                    party_name=party["name"],
                )
            )
    return out


def _succeeded(due: pd.DataFrame, reps: pd.DataFrame) -> set[Any]:
    """Ids of the terms in `due` with a successor: someone (or the same person, reappointed) recorded in the
    same body of the same party, starting later than the term and running longer."""
    cols = ["id", "party_code", "body", "start_date", "end_date"]
    pairs = due[cols].merge(reps[cols], on=["party_code", "body"], suffixes=("", "_next"))
    start, end = pd.to_datetime(pairs["start_date"]), pd.to_datetime(pairs["end_date"])
    start_next, end_next = pd.to_datetime(pairs["start_date_next"]), pd.to_datetime(pairs["end_date_next"])
    later = start_next.notna() & (start.isna() | (start_next > start))
    longer = end_next.isna() | (end_next > end)
    return set(pairs.loc[(pairs["id"] != pairs["id_next"]) & later & longer, "id"])


def _terms(reps: pd.DataFrame, on: dt.date, horizon: int) -> list[Signal]:
    limit = pd.Timestamp(on + dt.timedelta(days=horizon))
    start = pd.to_datetime(reps["start_date"])
    end = pd.to_datetime(reps["end_date"])
    # a term that ends in time and has begun (a future term that also ends is not a current seat)
    due = reps[end.notna() & (end <= limit) & (start.isna() | (start <= pd.Timestamp(on)))]
    if due.empty:
        return []
    due = due[~due["id"].isin(_succeeded(due, reps))]
    out = []
    for rep in due.to_dict("records"):
        ends = pd.Timestamp(rep["end_date"]).date()
        rule = "termijn_verlopen" if ends < on else "termijn_loopt_af"
        days = (ends - on).days
        when = (
            f"liep af op {formatting.date(ends)}"
            if ends < on
            else f"loopt af op {formatting.date(ends)} (over {days} {'dag' if days == 1 else 'dagen'})"
        )
        out.append(
            Signal(
                key=f"{rule}:{rep['person_code']}:{rep['party_code']}:{rep['body']}:{ends.isoformat()}",
                rule=rule,
                text=f"De termijn van {_who(rep)} in {BODY_PHRASES[rep['body']]} van {rep['party_name']} "
                f"{when}; er is geen opvolger vastgelegd.",
                person_code=rep["person_code"],
                person_name=rep["person_name"],
                party_code=rep["party_code"],
                party_name=rep["party_name"],
            )
        )
    return out


def _too_many_bodies(seats: pd.DataFrame, maximum: int) -> list[Signal]:
    counts = seats["person_code"].value_counts()
    busy = seats[seats["person_code"].isin(counts[counts > maximum].index)]
    out = []
    if busy.empty:
        return out
    # records made once, grouped in Python: a frame per person and its to_dict cost more than the rule
    records = busy[["person_code", "person_name", "function", "party_name", "body"]].to_dict("records")
    by_person: dict[Any, list[dict[str, Any]]] = {}
    for r in records:
        by_person.setdefault(r["person_code"], []).append(r)
    for person in sorted(by_person):
        group = by_person[person]
        first = group[0]
        ordered = sorted(group, key=lambda r: (r["party_name"], r["body"]))  # stable, as sort_values on two keys
        listed = _and([_seat(r) for r in ordered])
        out.append(
            Signal(
                key=f"te_veel_organen:{person}",
                rule="te_veel_organen",
                text=_end(f"{_who(first)} zit in {len(group)} organen (maximum {maximum}): {listed}"),
                person_code=person,
                person_name=first["person_name"],
            )
        )
    return out


def _portfolio(seats: pd.DataFrame, mapping: dict[str, list[str]]) -> list[Signal]:
    holders = seats[seats["function"].isin(PORTFOLIO_HOLDERS) & seats["policy_domain"].notna()]
    pairs = holders.drop_duplicates(["person_code", "party_code"])
    covered = [
        roles_settings.covers(p, d, mapping) for p, d in zip(pairs["portfolio"], pairs["policy_domain"], strict=True)
    ]
    uncovered = pairs[~pd.Series(covered, index=pairs.index, dtype=bool)]
    bodies = holders.groupby(["person_code", "party_code"])["body"].agg(lambda b: sorted(set(b)))
    out = []
    for first in uncovered.sort_values(["person_code", "party_code"]).to_dict("records"):
        person, party = first["person_code"], first["party_code"]
        portfolio = first["portfolio"] if isinstance(first["portfolio"], str) else "geen portefeuille"
        out.append(
            Signal(
                key=f"portefeuille:{person}:{party}",
                rule="portefeuille",
                text=f"{_who(first)} zit in {_and([BODY_PHRASES[b] for b in bodies[(person, party)]])} van "
                f"{first['party_name']} (beleidsveld {first['policy_domain']}), maar de portefeuille is: "
                f"{portfolio}.",
                person_code=person,
                person_name=first["person_name"],
                party_code=party,
                party_name=first["party_name"],
            )
        )
    return out


# -- with the database ----------------------------------------------------------------------------------------
SIGNAL_COLUMNS = [
    "key",
    "rule",
    "title",
    "text",
    "person_code",
    "person_name",
    "party_code",
    "party_name",
    "acknowledged",
    "ack_reason",
    "ack_by",
    "ack_at",
]


def acknowledgements(db: Database) -> pd.DataFrame:
    return db.query("SELECT * FROM role_signal_ack ORDER BY acknowledged_at, id")


def signals(db: Database, on: dt.date | None = None) -> pd.DataFrame:
    """The signals on `on` (default today), with `acknowledged` and the reason, who and when if accepted."""
    day = on or dt.date.today()
    found = find_signals(
        representations.representation_table(db), register.parties(db), roles_settings.settings(db), day
    )
    return _with_acks(db, found)


def party_signals(db: Database, party_code: str, on: dt.date | None = None) -> pd.DataFrame:
    """The signals of one party (those with its party_code), as `signals` gives them: every rule that names a
    party reads only that party's seats, so the party page need not judge the whole register (issue 17; at 70x
    the demo that took seconds after every save)."""
    day = on or dt.date.today()
    reps = representations.representation_table(db)
    parties = register.parties(db)
    found = find_signals(
        reps[reps["party_code"] == party_code],
        parties[parties["code"] == party_code],
        roles_settings.settings(db),
        day,
    )
    return _with_acks(db, [s for s in found if s.party_code == party_code])


def _with_acks(db: Database, found: list[Signal]) -> pd.DataFrame:
    acks = {r["signal_key"]: r for r in acknowledgements(db).to_dict("records")}
    rows = []
    for s in found:
        ack = acks.get(s.key)
        rows.append(
            {
                "key": s.key,
                "rule": s.rule,
                "title": s.title,
                "text": s.text,
                "person_code": s.person_code,
                "person_name": s.person_name,
                "party_code": s.party_code,
                "party_name": s.party_name,
                "acknowledged": ack is not None,
                "ack_reason": ack["reason"] if ack else None,
                "ack_by": ack["acknowledged_by"] if ack else None,
                "ack_at": ack["acknowledged_at"] if ack else None,
            }
        )
    return pd.DataFrame(rows, columns=SIGNAL_COLUMNS)


def acknowledge(db: Database, signal_key: str, reason: Any, actor: Actor) -> int:
    """Accept a signal with a reason; it then shows under "geaccepteerd". Audited, reason included."""
    rule = str(signal_key or "").split(":", 1)[0]
    errors = []
    if rule not in RULES:
        errors.append(FieldError("signal_key", labels.field("role_signal_ack", "signal_key"), "kies een signaal"))
    clean, problem = v.text(required=True, max_len=1000)(reason)
    if problem is None and len(clean) < 5:
        problem = "leg in een paar woorden uit waarom dit signaal is geaccepteerd"
    if problem:
        errors.append(FieldError("reason", labels.field("role_signal_ack", "reason"), problem))
    if errors:
        raise ValidationError(errors, labels.entity("role_signal_ack"))

    def run(tx: Tx) -> int:
        values = {"signal_key": signal_key, "rule": rule, "reason": clean, "acknowledged_by": tx.actor.name}
        return int(tx.insert("role_signal_ack", values, reason=clean))

    return db.write(run, actor, "register")


def withdraw(db: Database, signal_key: str, actor: Actor, reason: str | None = None) -> None:
    """Undo an acceptance: the signal shouts again. The removed row stays in the audit log."""

    def run(tx: Tx) -> None:
        found = tx.execute("SELECT id FROM role_signal_ack WHERE signal_key = ?", [signal_key])
        if not found:
            raise NotFoundError("Dit signaal is niet (meer) geaccepteerd.")
        tx.delete("role_signal_ack", found[0][0], reason=reason or None)

    db.write(run, actor, "register")
