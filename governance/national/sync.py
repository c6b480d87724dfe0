"""One pass of the national register over the gemeente's register: add the regelingen in force in which the
organisation takes part, update what the register changed, mark what ended. Runs inside an open transaction; see
governance.national for the entry points and the rules.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
from typing import TYPE_CHECKING, Any

from governance import register
from governance.core import formatting, labels
from governance.core.db import Tx, to_jsonable
from governance.core.errors import NotFoundError
from governance.national import mandatory, roo

if TYPE_CHECKING:
    from governance.national.onboarding import Report


def dump(values: dict[str, Any]) -> str:
    return json.dumps(to_jsonable(values), sort_keys=True, ensure_ascii=False)


def _norm(value: Any) -> Any:
    """Values compared the way they are stored in register_values: dates as ISO text, numbers canonical."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, decimal.Decimal)):
        return format(decimal.Decimal(str(value)).normalize(), "f")
    return str(value).strip()


def three_way(current: dict[str, Any], last: dict[str, Any], new: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Which register values to take over: a field changes only while its current value equals the value last
    taken over (nobody edited it). Returns (changes, fields the user edited that the register changed too)."""
    changes: dict[str, Any] = {}
    kept: list[str] = []
    for name, value in new.items():
        now, before = _norm(current.get(name)), _norm(last.get(name))
        if now == before:
            if now != _norm(value):
                changes[name] = value
        elif _norm(value) != before and _norm(value) != now:
            kept.append(name)
    return changes, kept


def party_values(reg: dict[str, Any]) -> dict[str, Any]:
    """The party fields a regeling version provides; missing ones stay None."""
    return {
        "name": reg["body_name"] or reg["name"],
        "legal_form": reg["legal_form"] or "overig",
        "bbv_category": "gemeenschappelijke_regeling",
        "seat": reg["seat"],
        "kvk": reg["kvk"],
        "public_interest": reg["purpose"],
        "roo_id": reg["roo_id"],
        "regeling_name": reg["name"],
        "executing_body": reg["body_name"],
        "source_url": reg["source_url"],
    }


class Sync:
    """One pass over the national tables for organisation `code`, inside an open transaction."""

    def __init__(self, tx: Tx, code: str, report: Report, link_existing: bool):
        self.tx = tx
        self.code = code
        self.report = report
        self.link_existing = link_existing
        self.regelingen = {r["roo_id"]: r for r in tx.rows("SELECT * FROM national_regeling")}
        self.org_ids: dict[str, int] = {}
        stored = tx.get("setting", register.PRESUMPTION_KEY)
        self.presumption = json.loads(stored["value"]) if stored else None  # None: the default rule
        self.mandatory_rules, self.mandatory_standard = mandatory.rules(tx)  # wettelijk verplicht, with the law
        snapshot = tx.rows("SELECT retrieved FROM national_snapshot ORDER BY id DESC LIMIT 1")
        self.today = (snapshot[0]["retrieved"] if snapshot else None) or dt.date.today()

    def run(self) -> None:
        tx = self.tx
        self.our_id = self.organisation(self.code, ours=True)
        mine = tx.rows(
            """
            SELECT r.roo_id FROM national_regeling r JOIN national_participant p ON p.regeling_roo_id = r.roo_id
            WHERE r.in_force AND p.code = ? ORDER BY r.name
            """,
            [self.code],
        )
        self.report.in_force = len(mine)
        handled: set[str] = set()
        for party in tx.rows("SELECT * FROM party WHERE register_values IS NOT NULL ORDER BY name"):
            last = json.loads(party["register_values"])
            if last.get("source") == "rwt":
                self.rwt_party(party, last)
                continue
            target = self.resolve(last.get("roo_id"), last.get("body_roo_id"))
            if target is None:
                self.report.add("niet_gevonden", party["name"], f"registernummer {last.get('roo_id')}")
                continue
            handled.add(target["roo_id"])
            if target["in_force"]:
                self.update_party(party, last, target)
                self.participants(party["id"], target)
                self.problems(target)
            else:
                self.mark_ended(party, target)
        for row in mine:
            reg = self.regelingen[row["roo_id"]]
            if reg["roo_id"] in handled:
                continue
            existing = self.match(reg) if self.link_existing else None
            party_id = self.link(existing, reg) if existing else self.insert_party(reg)
            self.participants(party_id, reg)
            self.problems(reg)

    # -- regelingen ---------------------------------------------------------------------------------------------
    def resolve(self, roo_id: str | None, body_roo_id: str | None) -> dict[str, Any] | None:
        """The version that matters now of the regeling a party was taken from: follow next_version to the one in
        force (or, if the chain ended, its last version); found by body when the version id is unknown."""
        reg = self.regelingen.get(str(roo_id)) if roo_id else None
        if reg is None and body_roo_id:
            same_body = [r for r in self.regelingen.values() if r["body_roo_id"] == body_roo_id]
            same_body.sort(key=lambda r: (r["in_force"], r["in_force_since"] or dt.date.min))
            reg = same_body[-1] if same_body else None
        if reg is None:
            return None
        chain, seen = [reg], {reg["roo_id"]}
        while chain[-1]["next_roo_id"] in self.regelingen and chain[-1]["next_roo_id"] not in seen:
            chain.append(self.regelingen[chain[-1]["next_roo_id"]])
            seen.add(chain[-1]["roo_id"])
        in_force = [r for r in chain if r["in_force"]]
        return in_force[-1] if in_force else chain[-1]

    def earlier_versions(self, reg: dict[str, Any]) -> int:
        n, seen, prev = 0, {reg["roo_id"]}, reg["previous_roo_id"]
        while prev in self.regelingen and prev not in seen:
            n += 1
            seen.add(prev)
            prev = self.regelingen[prev]["previous_roo_id"]
        return n

    def insert_party(self, reg: dict[str, Any]) -> int:
        values = party_values(reg)
        # art. 1 BBV: presumed for the Wgr forms with bodies of their own (a setting), else to be assessed with
        # the reason; the determination is the gemeente's own, so it is not part of register_values
        presumed = register.presumption_for(values["legal_form"], self.presumption)
        own = presumed or {"vp_notes": register.onboarding_note(values["legal_form"])}
        own = {**own, **mandatory.derive(reg, self.mandatory_rules, self.mandatory_standard)}
        party_id = register.insert_party(
            self.tx, {**values, **own}, system={"register_values": dump({**values, **self._identity(reg)})}
        )
        self.report.add("nieuw", values["name"], labels.LEGAL_FORMS[values["legal_form"]])
        if presumed:
            self.report.add("aangenomen", values["name"], presumed["vp_notes"])
        else:
            self.report.add("te_beoordelen", values["name"], own["vp_notes"])
        # only an art. 15 item (governance.register.ITEMS) is a BBV gap; seat and KvK number are not
        empty = [f for f in ("public_interest", "seat", "kvk") if values[f] is None]
        art15 = [f"{register.ITEMS[f][0]} ({register.ITEMS[f][1]})" for f in empty if f in register.ITEMS]
        other = [labels.field("party", f) for f in empty if f not in register.ITEMS]
        if art15:
            self.report.add("bbv_lacune", values["name"], ", ".join(art15))
        if other:
            self.report.add("ontbreekt", values["name"], ", ".join(other))
        return party_id

    def match(self, reg: dict[str, Any]) -> dict[str, Any] | None:
        """A party already in a hand-made register that is this regeling: same roo_id, KvK number or name."""
        versions = [reg["roo_id"]]
        prev = reg["previous_roo_id"]
        while prev in self.regelingen and prev not in versions:
            versions.append(prev)
            prev = self.regelingen[prev]["previous_roo_id"]
        names = [n.lower() for n in (reg["body_name"], reg["name"], reg["short_title"]) if n]
        for party in self.tx.rows("SELECT * FROM party WHERE register_values IS NULL ORDER BY id"):
            if (
                party["roo_id"] in versions
                or (reg["kvk"] and party["kvk"] == reg["kvk"])
                or party["name"].strip().lower() in names
            ):
                return party
        return None

    def link(self, party: dict[str, Any], reg: dict[str, Any]) -> int:
        """Tie a party the gemeente entered itself to the register: only its empty fields are filled."""
        values = party_values(reg)
        fill = {k: v for k, v in values.items() if v is not None and _norm(party.get(k)) is None}
        clean = register.validate_party(fill, new=False) if fill else {}
        self.tx.update(
            "party",
            party["id"],
            {**clean, "register_values": dump({**values, **self._identity(reg)})},
            reason="Gekoppeld aan het landelijk register",
            system=True,
        )
        filled = ", ".join(labels.field("party", f) for f in fill) or "geen lege velden"
        self.report.add("gekoppeld", party["name"], f"aangevuld: {filled}")
        return int(party["id"])

    def update_party(self, party: dict[str, Any], last: dict[str, Any], reg: dict[str, Any]) -> None:
        values = party_values(reg)
        changes, kept = three_way(party, last, values)
        clean = register.validate_party(changes, new=False) if changes else {}
        if "mandatory_law" not in last:  # taken over before the rule existed: applied once, then it is the gemeente's
            clean.update(self.mandatory_once(party, reg))
        self.tx.update(
            "party",
            party["id"],
            {**clean, "register_values": dump({**values, **self._identity(reg)})},
            reason="Bijgewerkt uit het landelijk register",
            system=True,
        )
        name = clean.get("name", party["name"])
        if changes:
            self.report.add("bijgewerkt", name, ", ".join(labels.field("party", f) for f in changes))
        for field_name in kept:
            shown = str(values[field_name] if values[field_name] is not None else "leeg")
            shown = shown if len(shown) <= 80 else shown[:77] + "..."
            self.report.add(
                "eigen_waarde",
                name,
                f"{labels.field('party', field_name)}: uw waarde blijft; het register zegt nu '{shown}'",
            )

    def mandatory_once(self, party: dict[str, Any], reg: dict[str, Any]) -> dict[str, Any]:
        """Wettelijk verplicht, with its law in the note, for a party not marked yet."""
        derived = mandatory.derive(reg, self.mandatory_rules, self.mandatory_standard)
        if not derived or party.get("mandatory"):
            return {}
        self.report.add("verplicht", party["name"], derived["notes"])
        return {"mandatory": True, "notes": "\n".join(n for n in (party.get("notes"), derived["notes"]) if n)}

    def mark_ended(self, party: dict[str, Any], reg: dict[str, Any]) -> None:
        changes: dict[str, Any] = {}
        if party["status"] != "opgeheven":
            changes["status"] = "opgeheven"
        if party["ended"] is None and reg["ended"] is not None:
            changes["ended"] = reg["ended"]
        last = json.loads(party["register_values"])
        self.tx.update(
            "party",
            party["id"],
            {**changes, "register_values": dump({**last, "roo_id": reg["roo_id"], "ended": reg["ended"]})},
            reason="Regeling beëindigd volgens het landelijk register",
            system=True,
        )
        if changes:
            self.report.add("beeindigd", party["name"], f"per {formatting.date(reg['ended'])}")

    def rwt_party(self, party: dict[str, Any], last: dict[str, Any]) -> None:
        found = self.tx.rows("SELECT * FROM national_rwt WHERE roo_id = ?", [last.get("roo_id")])
        if not found:
            self.report.add("niet_gevonden", party["name"], "niet meer in de RWT-lijst")
            return
        row = found[0]
        values = {
            "name": row["name"],
            "legal_form": row["legal_form"],
            "seat": row["seat"],
            "kvk": row["kvk"],
            "source_url": row["source_url"],
        }
        changes, kept = three_way(party, last, values)
        clean = register.validate_party(changes, new=False) if changes else {}
        self.tx.update("party", party["id"], {**clean, "register_values": dump({**last, **values})}, system=True)
        if changes:
            self.report.add("bijgewerkt", party["name"], ", ".join(labels.field("party", f) for f in changes))
        for field_name in kept:
            self.report.add("eigen_waarde", party["name"], f"{labels.field('party', field_name)}: uw waarde blijft")

    def _identity(self, reg: dict[str, Any]) -> dict[str, Any]:
        """What else is remembered of the regeling: where it came from, and the law the mandatory rule found
        (its presence says the rule was applied once; later the gemeente's own choice stands)."""
        law = mandatory.law_for(reg, self.mandatory_rules)
        return {"source": "regeling", "body_roo_id": reg["body_roo_id"], "mandatory_law": law}

    def problems(self, reg: dict[str, Any]) -> None:
        """The register's own problems within this regeling, as far as they concern this register."""
        name = reg["body_name"] or reg["name"]
        earlier = self.earlier_versions(reg)
        if earlier:
            self.report.add(
                "oude_versies",
                name,
                f"{earlier} eerdere versie(s); gebruikt: de versie sinds {formatting.date(reg['in_force_since'])}",
            )
        label = reg["form_label"] or ""
        if label != roo.unquote(label):
            self.report.add("aanhalingstekens", name, f"samenwerkingsvorm {label} gelezen als {roo.unquote(label)}")
        if reg["legal_form"] == "centrumregeling" and roo.unquote(label).lower() == "regeling zonder meer":
            self.report.add("centrumregeling", name, "rechtsvorm Centrumregeling (register: 'Regeling zonder meer')")
        if reg["legal_form"] is None:
            self.report.add("rechtsvorm_onbekend", name, f"samenwerkingsvorm '{label}'")
        if any(q in f"{reg['name']} {reg['purpose'] or ''}" for q in roo.QUOTES):
            self.report.add("aanhalingstekens_in_tekst", name, "naam of doel ongewijzigd overgenomen")

    # -- deelnemers ---------------------------------------------------------------------------------------------
    def organisation(self, code: str, ours: bool = False) -> int:
        """The organisation row for a national code, added from the register if the database lacks it."""
        if code in self.org_ids and not ours:
            return self.org_ids[code]
        tx = self.tx
        nat = tx.rows("SELECT * FROM national_organisation WHERE code = ?", [code])
        found = tx.rows("SELECT * FROM organisation WHERE code = ?", [code])
        if found:
            row = found[0]
            changes: dict[str, Any] = {}
            if ours and not row["is_ours"]:
                changes["is_ours"] = True
            if nat and nat[0]["ended"] is not None and row["ended"] is None:
                changes["ended"] = nat[0]["ended"]
            if changes:
                tx.update("organisation", row["id"], changes, reason="Landelijk register", system=True)
            org_id = int(row["id"])
        else:
            if not nat:
                raise NotFoundError(f"Organisatie {code} staat niet in het landelijk register.")
            n = nat[0]
            org_id = int(
                tx.insert(
                    "organisation",
                    {
                        "code": code,
                        "name": n["name"],
                        "kind": n["kind"] if n["kind"] in labels.ORGANISATION_KINDS else "overig",
                        "inhabitants": n["inhabitants"],
                        "is_ours": ours,
                        "fictitious": False,
                        "roo_id": n["roo_id"],
                        "province": n["province"],
                        "ended": n["ended"],
                    },
                )
            )
        if ours:
            tx.put_setting("our_organisation", code, None, system=True)
        self.org_ids[code] = org_id
        return org_id

    def participants(self, party_id: int, reg: dict[str, Any]) -> None:
        tx = self.tx
        name = reg["body_name"] or reg["name"]
        wanted = tx.rows(
            """
            SELECT p.*, o.kind, o.ended AS org_ended FROM national_participant p
            JOIN national_organisation o ON o.code = p.code
            WHERE p.regeling_roo_id = ? ORDER BY p.position
            """,
            [reg["roo_id"]],
        )
        existing = {
            r["code"]: r
            for r in tx.rows(
                "SELECT pa.*, o.code FROM participation pa JOIN organisation o ON o.id = pa.organisation_id "
                "WHERE pa.party_id = ?",
                [party_id],
            )
        }
        for w in wanted:
            values = {"joined": w["joined"], "cost_share": w["cost_share"], "left_on": w["org_ended"]}
            self.participant_problem(w, name)
            row = existing.get(w["code"])
            if row is None:
                tx.insert(
                    "participation",
                    {
                        "party_id": party_id,
                        "organisation_id": self.organisation(w["code"]),
                        **values,
                        "register_values": dump(values),
                    },
                )
                continue
            if row["register_values"] is None:  # entered by the gemeente: only fill what is empty
                changes = {k: v for k, v in values.items() if v is not None and row[k] is None}
                kept: list[str] = []
            else:
                changes, kept = three_way(row, json.loads(row["register_values"]), values)
            tx.update("participation", row["id"], {**changes, "register_values": dump(values)}, system=True)
            for field_name in kept:
                self.report.add(
                    "eigen_waarde", name, f"{w['name']}: {labels.field('participation', field_name)}: uw waarde blijft"
                )
        listed = {w["code"] for w in wanted}
        for code, row in existing.items():
            if code in listed or row["register_values"] is None or row["left_on"] is not None:
                continue
            left = reg["in_force_since"] or self.today
            tx.update(
                "participation",
                row["id"],
                {"left_on": left},
                reason="Niet meer genoemd in het landelijk register",
                system=True,
            )
            kind = "zelf_uitgetreden" if code == self.code else "uitgetreden"
            org_name = tx.rows("SELECT name FROM organisation WHERE code = ?", [code])[0]["name"]
            self.report.add(kind, name, f"{org_name}: niet meer genoemd in de versie sinds {formatting.date(left)}")

    def participant_problem(self, w: dict[str, Any], regeling: str) -> None:
        problem = w["problem"]
        if problem == "opgeheven":
            self.report.add(
                problem, regeling, f"{w['name']} (bestaat niet meer sinds {formatting.date(w['org_ended'])})"
            )
        elif problem:
            self.report.add(problem, regeling, w["name"])
        if w["cost_share_text"] is not None:
            if w["cost_share"] is None:
                self.report.add("verdeelsleutel_ongeldig", regeling, f"{w['name']}: '{w['cost_share_text']}'")
            elif "," in w["cost_share_text"]:
                shown = formatting.percent(w["cost_share"])
                self.report.add("verdeelsleutel", regeling, f"{w['name']}: '{w['cost_share_text']}' → {shown}")
