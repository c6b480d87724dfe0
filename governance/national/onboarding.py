"""Kies uw organisatie: fill the register from the national register, keep it in step with newer registers, and add
stichtingen, NV's and BV's from its rwt list.

Every in-force regeling in which the chosen organisation takes part becomes a party (name, legal form, the body that
carries it out, its seat, doel as openbaar belang, the deelnemers with toetredingsdatum and verdeelsleutel, roo_id and
a link to the source record). Nothing is invented: what the register lacks stays empty. Only an art. 15 item
(governance.register.bbv.ITEMS, such as the openbaar belang) is reported as a BBV gap; the rest (seat, KvK number) is
reported as not in the national register, to be filled in by the gemeente.

A party or deelnemer taken from the register keeps the values last taken over (`register_values`). A later import
changes a field only while its current value still equals that last value, so what the gemeente entered or edited
itself (and its figures, risks, notes and representations, which the register never has) is never overwritten.
A regeling that ended is marked as ended, never deleted. Each run returns a `Report` that the page shows and the
command line prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from governance import register as register_api
from governance.core import formatting, labels
from governance.core.access import Actor
from governance.core.db import Database, Tx, quote_ident
from governance.core.errors import DomainError, NotFoundError
from governance.national import roo
from governance.national import snapshot as national_snapshot
from governance.national import sync as national_sync

CHOOSABLE = ("gemeente", "provincie", "waterschap")
# The national register holds gemeenschappelijke regelingen and their deelnemers only: a gemeente's deelnemingen in
# NV's, BV's, coöperaties, stichtingen and verenigingen are not in it (Amsterdam gets its GRs and none of those).
PRIVATE_NOT_IN_REGISTER = (
    "NV's, BV's, coöperaties, stichtingen en verenigingen staan niet in het landelijk register: het bevat alleen "
    "gemeenschappelijke regelingen en hun deelnemers. Voeg uw deelnemingen daarin zelf toe: zoek ze op in de "
    "RWT-lijst (Beheer → Kies uw organisatie) of vul het Excel-sjabloon in (Beheer → Exporteren: Download Excel; "
    "tabbladen Verbonden partijen en Deelnemingen) en lees het in onder Beheer → Importeren."
)
# The party fields the register provides; the others (interest_held, figures, ...) are the gemeente's own.
PARTY_FIELDS = (
    "name",
    "legal_form",
    "bbv_category",
    "seat",
    "kvk",
    "public_interest",
    "roo_id",
    "regeling_name",
    "executing_body",
    "source_url",
)
PARTICIPATION_FIELDS = ("joined", "cost_share", "left_on")
NEVER_IN_REGISTER = (
    "financiële gegevens (belang, bijdrage, vermogen, resultaat), de wijze waarop het belang wordt gehouden"
)

ONLY_ART15 = (
    "Alleen de onderdelen van BBV art. 15 lid 2 tellen als BBV-lacune; vestigingsplaats en KvK-nummer vult u zelf "
    "aan, maar ze zijn geen BBV-onderdeel."
)


@dataclass(frozen=True)
class Finding:
    kind: str  # a key of labels.REGISTER_FINDINGS
    regeling: str
    detail: str = ""


@dataclass
class Report:
    """What choosing an organisation or importing a newer register did, and which register problems it met."""

    organisation: dict[str, Any]
    register: dict[str, Any]
    mode: str  # nieuw | demo_vervangen | aangevuld | bijgewerkt
    in_force: int = 0
    findings: list[Finding] = field(default_factory=list)

    def add(self, kind: str, regeling: str, detail: str = "") -> None:
        self.findings.append(Finding(kind, regeling, detail))

    def count(self, kind: str) -> int:
        return sum(1 for f in self.findings if f.kind == kind)

    def counts(self) -> dict[str, int]:
        """Findings per kind, in the order of labels.REGISTER_FINDINGS, only kinds that occurred."""
        return {k: self.count(k) for k in labels.REGISTER_FINDINGS if self.count(k)}

    def problem_count(self) -> int:
        """How many findings ask the organisation to act (labels.REGISTER_PROBLEMS); the others are information."""
        return sum(n for k, n in self.counts().items() if k in labels.REGISTER_PROBLEMS)

    def problems(self, limit: int = 6) -> pd.DataFrame:
        """The findings that ask the organisation to judge, check or complete something."""
        return self.frame(limit, problems=True)

    def information(self, limit: int = 6) -> pd.DataFrame:
        """What was taken over, converted or kept: for information only."""
        return self.frame(limit, problems=False)

    def frame(self, limit: int = 6, problems: bool | None = None) -> pd.DataFrame:
        """One row per kind and regeling; the details of several deelnemers are joined (at most `limit` shown).
        `problems` True or False keeps only the problems or only the information."""
        order = list(labels.REGISTER_FINDINGS)
        grouped: dict[tuple[str, str], list[str]] = {}
        chosen = [f for f in self.findings if problems is None or (f.kind in labels.REGISTER_PROBLEMS) == problems]
        for f in sorted(chosen, key=lambda f: (order.index(f.kind), f.regeling)):
            grouped.setdefault((f.kind, f.regeling), []).append(f.detail)
        rows = []
        for (kind, regeling), details in grouped.items():
            shown = [d for d in details if d]
            text = "; ".join(shown[:limit])
            if len(shown) > limit:
                text += f"; en {len(shown) - limit} andere"
            rows.append((labels.REGISTER_FINDINGS[kind], regeling, text))
        return pd.DataFrame(rows, columns=["Soort", "Regeling", "Toelichting"])

    def headline(self) -> str:
        org = self.organisation
        what = {
            "nieuw": "Register gevuld",
            "demo_vervangen": "Demogegevens vervangen",
            "aangevuld": "Register aangevuld",
            "bijgewerkt": "Register bijgewerkt",
        }[self.mode]
        return (
            f"{what} voor {org['name']} ({org['code']}) uit het landelijk register, stand "
            f"{formatting.date(roo.parse_date(self.register.get('retrieved')))}: {self.in_force} regelingen in werking "
            f"waarin {org['name']} deelneemt; {self.count('nieuw')} toegevoegd, {self.count('bijgewerkt')} bijgewerkt, "
            f"{self.count('beeindigd')} beëindigd."
        )

    def lines(self) -> list[str]:
        out = [self.headline()]
        counts = self.counts()
        for title, problems in (("Problemen (vragen uw aandacht)", True), ("Ter informatie", False)):
            part = {k: n for k, n in counts.items() if (k in labels.REGISTER_PROBLEMS) == problems}
            out.append(f"{title}: {sum(part.values()) or 'geen'}")
            out += [f"  {n:>4}  {labels.REGISTER_FINDINGS[k]}" for k, n in part.items()]
            out += [
                f"  - {r['Soort']}: {r['Regeling']}" + (f" — {r['Toelichting']}" if r["Toelichting"] else "")
                for r in self.frame(limit=1000, problems=problems).to_dict("records")
            ]
        out.append(f"Nooit in het landelijk register, dus in te vullen door de gemeente: {NEVER_IN_REGISTER}.")
        out.append(ONLY_ART15)
        return out


# -- reading ---------------------------------------------------------------------------------------------------


def is_real(ours: dict[str, Any] | None) -> bool:
    """Whether the register belongs to a real organisation: only then it follows the national register (the
    fictitious demo gemeente is not in it)."""
    return ours is not None and not ours["fictitious"]


def normalise_code(code: str) -> str:
    return str(code or "").strip().lower()


def ensure_national(db: Database, actor: Actor) -> dict[str, Any]:
    """The snapshot in the database; on a fresh database the one shipped in data/national/ is loaded first."""
    found = national_snapshot.stored(db)
    if found is None:
        national_snapshot.store(db, national_snapshot.read_snapshot(roo.SNAPSHOT_FILE), actor)
        found = national_snapshot.stored(db)
    assert found is not None
    return found


def choices(db: Database) -> pd.DataFrame:
    """The organisations one can choose (existing gemeenten, provincies, waterschappen): their official name as the
    label and kind, provincie and inhabitants as `detail`; gemeenten first, then by name."""
    frame = db.query(
        """
        SELECT code, name, kind, province, inhabitants FROM national_organisation
        WHERE ended IS NULL AND kind IN ('gemeente', 'provincie', 'waterschap')
        ORDER BY CASE kind WHEN 'gemeente' THEN 0 WHEN 'provincie' THEN 1 ELSE 2 END, name
        """
    )
    frame["label"] = frame["name"]
    frame["detail"] = [choice_detail(r) for r in frame.to_dict("records")]
    return frame


def choice_detail(row: dict[str, Any]) -> str:
    """Kind, provincie and inhabitants, shown once an organisation is chosen. Not in the choice's own label:
    the list ranks what one types against the label, and 'Utrecht' would then match the 26 gemeenten in the
    provincie Utrecht as well as the gemeente itself."""
    parts = [labels.ORGANISATION_KINDS[row["kind"]]]
    if row["kind"] == "gemeente" and isinstance(row.get("province"), str):
        parts.append(f"provincie {row['province']}")
    if row.get("inhabitants") is not None and row["inhabitants"] == row["inhabitants"]:
        parts.append(f"{formatting.number(int(row['inhabitants']))} inwoners")
    return " · ".join(parts)


def regelingen_of(db: Database, code: str) -> pd.DataFrame:
    """The regelingen in force in which `code` takes part, as the register has them (codes, not labels)."""
    return db.query(
        """
        SELECT r.roo_id, coalesce(r.body_name, r.name) AS party_name, r.name, r.legal_form, r.body_name, r.seat,
               r.purpose, p.joined,
               (SELECT count(*) FROM national_participant q WHERE q.regeling_roo_id = r.roo_id) AS participants
        FROM national_regeling r JOIN national_participant p ON p.regeling_roo_id = r.roo_id
        WHERE r.in_force AND p.code = ?
        ORDER BY party_name
        """,
        [normalise_code(code)],
    )


def preview(frame: pd.DataFrame) -> pd.DataFrame:
    """`regelingen_of` as the onboarding page shows it, with Dutch headers."""
    return pd.DataFrame(
        {
            "Naam": frame["party_name"],
            "Rechtsvorm": frame["legal_form"].map(lambda c: labels.LEGAL_FORMS.get(c, "Overig") if c else "Overig"),
            "Vestigingsplaats": frame["seat"].fillna("—"),
            "Toegetreden": frame["joined"].map(formatting.date),
            "Deelnemers": frame["participants"].astype(int),
        }
    )


def status(db: Database) -> dict[str, Any]:
    """What the onboarding page needs to know: empty database, only the demo, or a real register (and whose)."""
    counts = db.rows(
        """
        SELECT (SELECT count(*) FROM party) AS parties,
               (SELECT count(*) FROM organisation) AS organisations,
               (SELECT count(*) FROM organisation WHERE NOT fictitious) AS real_organisations,
               (SELECT count(*) FROM party WHERE register_values IS NOT NULL) AS from_register
        """
    )[0]
    ours = db.rows("SELECT code, name, kind, fictitious FROM organisation WHERE is_ours ORDER BY id LIMIT 1")
    return {
        "empty": counts["parties"] == 0 and counts["organisations"] == 0,
        "demo_only": counts["organisations"] > 0 and counts["real_organisations"] == 0,
        "ours": ours[0] if ours else None,
        "real": is_real(ours[0] if ours else None),
        "parties": int(counts["parties"]),
        "from_register": int(counts["from_register"]),
        "snapshot": national_snapshot.stored(db),
    }


def needs_onboarding(db: Database) -> bool:
    """A database with nothing in it: the app shows 'Kies uw organisatie' before anything else."""
    return bool(status(db)["empty"])


def demo_contents(db: Database) -> dict[str, int]:
    """What replacing the demo removes, per table (every table that holds register data, from the schema)."""
    return {name: int(db.scalar(f"SELECT count(*) FROM {quote_ident(name)}")) for name in demo_tables(db.rows)}


# Tables that never hold the demo's register data: the app's own bookkeeping, users and sign-ins, the national
# register (real, and needed to fill the new register), and the settings (only the demo's own keys go, below).
KEPT_TABLES = frozenset({"schema_migration", "audit_log", "app_user", "auth_session", "auth_event", "setting"})
KEPT_PREFIXES = ("national_",)
DEMO_SETTINGS = ("our_organisation", "weerstandscapaciteit")


def demo_tables(rows: Any) -> list[str]:
    """Every base table of the schema that holds register data (all but KEPT_TABLES and the national_ ones), so a
    table a later migration adds is removed with the demo without anyone having to list it here. `rows` is
    Database.rows or Tx.rows."""
    found = rows(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name"
    )
    return [
        r["table_name"]
        for r in found
        if r["table_name"] not in KEPT_TABLES and not r["table_name"].startswith(KEPT_PREFIXES)
    ]


def search_rwt(db: Database, text: str, limit: int = 50) -> pd.DataFrame:
    """Stichtingen, verenigingen, NV's, BV's and coöperaties of the rwt list whose name contains `text` or whose
    KvK number starts with it."""
    needle = (text or "").strip()
    if len(needle) < 2:
        return db.query("SELECT * FROM national_rwt WHERE false")
    return db.query(
        """
        SELECT * FROM national_rwt
        WHERE name ILIKE '%' || ? || '%' OR kvk LIKE ? || '%'
        ORDER BY name LIMIT ?
        """,
        [needle, needle.replace(" ", ""), limit],
    )


def rwt_count(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM national_rwt"))


def rwt_options(frame: pd.DataFrame) -> dict[str, str]:
    """roo_id -> 'name · legal form · KvK number · seat' for a picker."""
    return {
        r["roo_id"]: " · ".join(
            str(x)
            for x in (r["name"], r["legal_form_text"], f"KvK {r['kvk']}" if r["kvk"] else None, r["seat"])
            if x is not None and x == x
        )
        for r in frame.to_dict("records")
    }


# -- writing ---------------------------------------------------------------------------------------------------


def adopt(db: Database, code: str, actor: Actor) -> Report:
    """Choose the organisation whose register this is and fill it from the national register, in one audited
    transaction. On an empty database: fill it. On a database holding only the fictitious demo: replace the demo.
    On a real register of the same organisation (or of none yet): add what is missing and update what the register
    changed. A real register of another organisation is refused."""
    wanted = normalise_code(code)
    snapshot = ensure_national(db, actor)
    found = db.rows("SELECT * FROM national_organisation WHERE code = ?", [wanted])
    if not found:
        raise DomainError(
            f"Organisatiecode '{code}' staat niet in het landelijk register. Gebruik de code van een gemeente, "
            "provincie of waterschap, zoals gm0363 (Amsterdam), pv26 (Utrecht) of ws0155 (Amstel, Gooi en Vecht)."
        )
    org = found[0]
    if org["kind"] not in CHOOSABLE:
        raise DomainError(f"{org['name']} ({wanted}) is geen gemeente, provincie of waterschap.")
    if org["ended"] is not None:
        raise DomainError(
            f"{org['name']} ({wanted}) bestaat sinds {formatting.date(org['ended'])} niet meer; "
            "kies de organisatie die haar opvolgde."
        )

    def run(tx: Tx) -> Report:
        here = status_in(tx)
        if here["demo_only"]:
            mode = "demo_vervangen"
            remove_demo(tx, f"Fictieve demogegevens vervangen door het register van {org['name']}")
        elif here["ours"] is not None and here["ours"]["code"] != wanted:
            raise DomainError(
                f"Deze database hoort bij {here['ours']['name']} ({here['ours']['code']}). Kies voor "
                f"{org['name']} een nieuwe database (GOVERNANCE_DB of --db)."
            )
        else:
            mode = "nieuw" if here["parties"] == 0 else "aangevuld"
        report = Report(
            organisation={"code": wanted, "name": org["name"]}, register=_register_meta(snapshot), mode=mode
        )
        national_sync.Sync(tx, wanted, report, link_existing=mode == "aangevuld").run()
        return report

    return db.write(run, actor, "organisation")


def refresh(db: Database, actor: Actor) -> Report:
    """Bring the register in step with the national register now in the database (after `import-register`)."""
    return db.write(lambda tx: refresh_in(tx), actor, "organisation")


def refresh_in(tx: Tx) -> Report:
    here = status_in(tx)
    ours = here["ours"]
    if not is_real(ours):
        raise DomainError("Kies eerst uw organisatie; de demogemeente staat niet in het landelijk register.")
    snapshot = tx.rows("SELECT * FROM national_snapshot ORDER BY id DESC LIMIT 1")
    report = Report(
        organisation={"code": ours["code"], "name": ours["name"]},
        register=_register_meta(snapshot[0] if snapshot else {}),
        mode="bijgewerkt",
    )
    national_sync.Sync(tx, ours["code"], report, link_existing=False).run()
    return report


def import_register(db: Database, reg: roo.NationalRegister, actor: Actor) -> tuple[int, Report | None]:
    """Load a (newer) national register and, if this database belongs to a real organisation, bring its register in
    step with it: one transaction, so a failure leaves both as they were."""

    def run(tx: Tx) -> tuple[int, Report | None]:
        snapshot_id = national_snapshot.store_in(tx, reg)
        ours = status_in(tx)["ours"]
        return snapshot_id, (refresh_in(tx) if is_real(ours) else None)

    return db.write(run, actor, "organisation")


def add_rwt(db: Database, roo_id: str, actor: Actor) -> str:
    """Add an organisation of the rwt list as a party; returns its code. Refused if it is in the register already."""

    def run(tx: Tx) -> str:
        found = tx.rows("SELECT * FROM national_rwt WHERE roo_id = ?", [str(roo_id)])
        if not found:
            raise NotFoundError(f"Organisatie {roo_id} staat niet in de RWT-lijst van het landelijk register.")
        row = found[0]
        clash = tx.rows(
            "SELECT name FROM party WHERE roo_id = ? OR (kvk IS NOT NULL AND kvk = ?)", [row["roo_id"], row["kvk"]]
        )
        if clash:
            raise DomainError(f"{row['name']} staat al in het register (als {clash[0]['name']}).")
        values = {
            "name": row["name"],
            "legal_form": row["legal_form"],
            "bbv_category": labels.CATEGORY_OF_FORM[row["legal_form"]],
            "seat": row["seat"],
            "kvk": row["kvk"],
            "roo_id": row["roo_id"],
            "source_url": row["source_url"],
        }
        party_id = register_api.insert_party(
            tx, values, system={"register_values": national_sync.dump({**values, "source": "rwt"})}
        )
        return str(tx.get("party", party_id)["code"])  # type: ignore[index]

    return db.write(run, actor, "organisation")


def status_in(tx: Tx) -> dict[str, Any]:
    counts = tx.rows(
        """
        SELECT (SELECT count(*) FROM party) AS parties,
               (SELECT count(*) FROM organisation) AS organisations,
               (SELECT count(*) FROM organisation WHERE NOT fictitious) AS real_organisations
        """
    )[0]
    ours = tx.rows("SELECT code, name, fictitious FROM organisation WHERE is_ours ORDER BY id LIMIT 1")
    return {
        "parties": int(counts["parties"]),
        "demo_only": counts["organisations"] > 0 and counts["real_organisations"] == 0,
        "ours": ours[0] if ours else None,
    }


def remove_demo(tx: Tx, reason: str) -> dict[str, int]:
    """Delete every row of the fictitious demo from every register table (demo_tables: risicoprofielen,
    beheersmaatregelen, werkatelier sessions and simulations on the fictitious register included); each deletion
    is audited with `reason`. There are no foreign keys, so the order does not matter."""
    removed: dict[str, int] = {}
    for entity in demo_tables(tx.rows):
        ids = [r[0] for r in tx.execute(f"SELECT id FROM {quote_ident(entity)} ORDER BY id")]
        for row_id in ids:
            tx.delete(entity, row_id, reason=reason)
        removed[entity] = len(ids)
    # the demo's settings: our organisation and its fictitious beschikbare weerstandscapaciteit
    for key in DEMO_SETTINGS:
        if tx.get("setting", key) is not None:
            tx.delete("setting", key, reason=reason)
    return removed


def _register_meta(snapshot: dict[str, Any]) -> dict[str, Any]:
    retrieved = snapshot.get("retrieved")
    return {"source": snapshot.get("source"), "retrieved": retrieved.isoformat() if retrieved else None}
