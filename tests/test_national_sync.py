"""Choosing an organisation fills the register from the real national register; a newer register updates what the
register changed and never what the gemeente entered. Real DuckDB files; the register is the committed real subset,
and for the re-import a copy of it with real records modified as a newer register would change them."""

from __future__ import annotations

import copy
import datetime as dt
import decimal
import json
import tarfile
from pathlib import Path

import pytest
import yaml

from governance import cli
from governance.core.db import Database, open_database
from governance.core.errors import DomainError
from governance.national import onboarding as national
from governance.national import snapshot
from governance.register import bbv
from governance.register import figures as finance
from governance.register import records as register
from tests import actors, demo_facts
from tests import roo_facts as facts

MOOK = "gm0944"
ODNML = "30568139"  # Omgevingsdienst Noord- en Midden-Limburg
GMAN = "30505949"  # Groene Metropoolregio Arnhem-Nijmegen
MARN = "29529899"  # Milieusamenwerking en Afvalverwerking Regio Nijmegen
MGR = "29530130"  # Modulaire gemeenschappelijke regeling Rijk van Nijmegen
WMO = "29494998"  # Centrumregeling Wmo Brabant Noordoost-oost 2024 (Boekel, not Mook)


@pytest.fixture
def subset_db(empty_db: Database) -> Database:
    snapshot.store(empty_db, snapshot.read(facts.SUBSET), actors.named("tester"))
    return empty_db


def party(db: Database, roo_ids: set[str] | str) -> dict:
    wanted = {roo_ids} if isinstance(roo_ids, str) else roo_ids
    found = [p for p in db.rows("SELECT * FROM party") if p["roo_id"] in wanted]
    assert len(found) == 1, found
    return found[0]


def test_adopt_fills_the_register_with_every_regeling_in_force(subset_db: Database) -> None:
    report = national.adopt(subset_db, "GM0944", actors.named("tester"))  # codes in any case
    expected = {r["identifiers"]["roo_id"]: r for r in facts.regelingen_of(facts.SUBSET, MOOK)}
    parties = subset_db.rows("SELECT * FROM party ORDER BY name")
    assert {p["roo_id"] for p in parties} == set(expected) and report.in_force == len(expected) == 11
    assert report.count("nieuw") == 11 and report.mode == "nieuw"
    for p in parties:
        record = expected[p["roo_id"]]
        meta = record["gr_meta"]
        body = (meta.get("regionaal_samenwerkingsorgaan") or {}).get("naam")
        assert p["name"] == (body or record["names"][-1]["value"]).strip()
        assert p["legal_form"] == facts.expected_form(record)
        assert p["bbv_category"] == "gemeenschappelijke_regeling"
        assert p["public_interest"] == ((meta.get("doel") or "").strip() or None)
        assert p["executing_body"] == body
        assert (
            p["source_url"]
            == f"https://organisaties.overheid.nl/{p['roo_id']}/" + record["sources"][0]["url"].split("/")[-1]
        )
        assert p["interest_held"] is None and p["founded"] is None  # never invented
        participants = subset_db.rows(
            "SELECT o.code, pa.joined, pa.cost_share, pa.left_on FROM participation pa "
            "JOIN organisation o ON o.id = pa.organisation_id WHERE pa.party_id = ?",
            [p["id"]],
        )
        entries = meta["deelnemende_organisaties"]
        assert len(participants) == len(entries)
        ours = next(x for x in participants if x["code"] == MOOK)
        mine = next(e for e in entries if facts.code(e.get("tooi")) == MOOK)
        assert str(ours["joined"]) == mine["toetredings_datum"]
    ours = subset_db.rows("SELECT * FROM organisation WHERE is_ours")
    assert [(o["code"], o["name"], o["inhabitants"], o["province"]) for o in ours] == [
        (MOOK, "Gemeente Mook en Middelaar", 8103, "Limburg")
    ]
    assert json.loads(subset_db.scalar("SELECT value FROM setting WHERE key = 'our_organisation'")) == MOOK


def test_adopt_reports_the_registers_problems(subset_db: Database) -> None:
    report = national.adopt(subset_db, MOOK, actors.named("tester"))
    euregio = "Euregio Rijn-Waal"
    merged = [f for f in report.findings if f.kind == "opgeheven"]
    assert {f.regeling for f in merged} == {euregio}
    assert {f.detail for f in merged} >= {"Gemeente Boxmeer (bestaat niet meer sinds 01-01-2022)"}
    record = next(r for r in facts.regelingen_of(facts.SUBSET, MOOK) if "Euregio" in r["names"][-1]["value"])
    foreign = [d["naam"] for d in record["gr_meta"]["deelnemende_organisaties"] if not d.get("tooi")]
    assert sorted(f.detail for f in report.findings if f.kind == "zonder_code") == sorted(foreign)
    assert report.count("oude_versies") == sum(
        bool(r["gr_meta"].get("previous_version")) for r in facts.regelingen_of(facts.SUBSET, MOOK)
    )
    assert report.count("centrumregeling") == 1 and report.count("aanhalingstekens") == 2
    # the merged gemeente stays a deelnemer, marked as having left on the day it ceased to exist
    left = subset_db.rows(
        "SELECT pa.left_on, o.ended, o.name FROM participation pa JOIN organisation o ON o.id = pa.organisation_id "
        "WHERE o.code = 'gm0756'"
    )
    assert left == [{"left_on": dt.date(2022, 1, 1), "ended": dt.date(2022, 1, 1), "name": "Gemeente Boxmeer"}]
    frame = report.frame()
    row = frame[(frame["Regeling"] == euregio) & frame["Soort"].str.startswith("Deelnemer zonder code")].iloc[0]
    assert row["Toelichting"].endswith(f"en {len(foreign) - 6} andere")


def test_what_the_register_lacks_is_a_bbv_gap(subset_db: Database) -> None:
    national.adopt(subset_db, MOOK, actors.named("tester"))
    gaps = bbv.gaps(subset_db, 2026)  # verbonden partijen only: not the regelingen still to be assessed
    forms = {
        r["legal_form"]
        for r in subset_db.rows(
            "SELECT legal_form FROM party WHERE id IN (SELECT unnest(?))", [gaps["party_id"].tolist()]
        )
    }
    assert len(gaps) == 9 and not gaps["complete"].any()
    assert forms <= {"openbaar_lichaam", "bedrijfsvoeringsorganisatie"}
    assert all("interest_held" in m and "result" in m for m in gaps["missing"])
    no_doel = party(subset_db, "30465135")  # Centrumregeling RES Noord- en Midden-Limburg: doel is there
    assert no_doel["public_interest"] and no_doel["seat"] is None


def test_every_row_written_is_audited_with_the_actor(subset_db: Database) -> None:
    national.adopt(subset_db, MOOK, actors.named("Controller Jansen"))
    counts = {
        r["entity"]: r["n"]
        for r in subset_db.rows(
            "SELECT entity, count(*) AS n FROM audit_log WHERE actor = 'Controller Jansen' GROUP BY entity"
        )
    }
    assert counts["party"] == 11
    assert counts["participation"] == subset_db.scalar("SELECT count(*) FROM participation")
    assert counts["organisation"] == subset_db.scalar("SELECT count(*) FROM organisation")


def test_adopt_replaces_the_demo_in_one_audited_transaction(demo_db: Database) -> None:
    snapshot.store(demo_db, snapshot.read(facts.SUBSET), actors.named("tester"))
    report = national.adopt(demo_db, MOOK, actors.named("tester"))
    assert report.mode == "demo_vervangen"
    assert demo_db.scalar("SELECT count(*) FROM organisation WHERE fictitious") == 0
    assert demo_db.scalar("SELECT count(*) FROM party") == 11
    for table in ("party_year", "person", "representation", "risk"):
        assert demo_db.scalar(f"SELECT count(*) FROM {table}") == 0
    assert demo_db.scalar("SELECT count(*) FROM setting WHERE key = 'weerstandscapaciteit'") == 0
    deleted = demo_db.scalar("SELECT count(*) FROM audit_log WHERE action = 'delete' AND reason LIKE 'Fictieve demo%'")
    demo = sum(len(demo_facts.csv(n)) for n in ("parties", "participations", "party_years", "persons"))
    demo += sum(len(demo_facts.csv(n)) for n in ("representations", "risks", "organisations"))
    demo += sum(len(demo_facts.csv(n)) for n in ("profile_assessments", "risk_measures"))  # issue 13 point 6
    demo += sum(len(demo_facts.csv(n)) for n in ("agenda_actions", "motives", "evaluations", "results"))  # 14, 16
    demo += len(demo_facts.csv("pc_documents")) + len(demo_facts.csv("party_reserves"))  # issue 14
    demo += 2  # + the settings: our organisation and the (fictitious) weerstandscapaciteit
    assert deleted == demo


def test_adopt_refuses_unknown_merged_and_other_organisations(subset_db: Database) -> None:
    with pytest.raises(DomainError, match="Organisatiecode 'gm9999' staat niet in het landelijk register"):
        national.adopt(subset_db, "gm9999", actors.named("tester"))
    with pytest.raises(DomainError, match="Gemeente Boxmeer .gm0756. bestaat sinds 01-01-2022 niet meer"):
        national.adopt(subset_db, "gm0756", actors.named("tester"))
    national.adopt(subset_db, MOOK, actors.named("tester"))
    before = subset_db.scalar("SELECT count(*) FROM audit_log")
    with pytest.raises(DomainError, match="Deze database hoort bij Gemeente Mook en Middelaar"):
        national.adopt(subset_db, "gm0755", actors.named("tester"))
    assert subset_db.scalar("SELECT count(*) FROM audit_log") == before


def test_adopt_on_a_hand_made_register_only_adds_what_is_missing(subset_db: Database) -> None:
    own = register.create_party(
        subset_db,
        {
            "name": "Omgevingsdienst Noord- en Midden-Limburg",
            "legal_form": "openbaar_lichaam",
            "bbv_category": "gemeenschappelijke_regeling",
            "public_interest": "Onze eigen omschrijving",
            "interest_held": "Zetel in AB",
        },
        actors.named("tester"),
    )
    report = national.adopt(subset_db, MOOK, actors.named("tester"))
    assert report.mode == "aangevuld" and report.count("gekoppeld") == 1 and report.count("nieuw") == 10
    linked = register.get_party(subset_db, own)
    assert linked["roo_id"] == ODNML and linked["public_interest"] == "Onze eigen omschrijving"
    assert linked["interest_held"] == "Zetel in AB" and linked["seat"] is not None
    assert subset_db.scalar("SELECT count(*) FROM party") == 11


def test_rwt_search_by_name_or_kvk_and_add(subset_db: Database) -> None:
    by_name = national.search_rwt(subset_db, "evides")
    assert list(by_name["name"]) == ["Evides N.V."]
    kvk = by_name.iloc[0]["kvk"]
    assert list(national.search_rwt(subset_db, kvk[:5])["kvk"]) == [kvk]
    code = national.add_rwt(subset_db, by_name.iloc[0]["roo_id"], actors.named("tester"))
    added = subset_db.rows("SELECT * FROM party WHERE code = ?", [code])[0]
    assert (added["legal_form"], added["bbv_category"], added["kvk"]) == ("nv", "vennootschap_cooperatie", kvk)
    with pytest.raises(DomainError, match="staat al in het register"):
        national.add_rwt(subset_db, by_name.iloc[0]["roo_id"], actors.named("tester"))


def test_cli_init_organisation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cli.duckdb"
    assert cli.main(["init", "--organisation", "GM0944", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Register gevuld voor Gemeente Mook en Middelaar (gm0944)" in out
    assert "11 regelingen in werking" in out and "Deelnemer bestaat niet meer" in out
    assert cli.main(["init", "--organisation", "gm0000", "--db", str(path)]) == 1
    assert "Organisatiecode 'gm0000' staat niet in het landelijk register" in capsys.readouterr().err
    assert cli.main(["init", "--organisation", "gm0944", "--demo", "--db", str(path)]) == 2
    db = open_database(path)
    assert db.scalar("SELECT count(*) FROM party") == 11  # from the shipped snapshot of the full register
    db.close()


# -- a newer register -----------------------------------------------------------------------------------------


def newer_register(tmp_path: Path) -> Path:
    """A copy of the real subset, changed the way a newer register changes it."""
    folder = tmp_path / "newer"
    with tarfile.open(facts.SUBSET) as archive:
        archive.extractall(folder, filter="data")
    files = {
        str((yaml.safe_load(p.read_text(encoding="utf-8")).get("identifiers") or {}).get("roo_id")): p
        for p in folder.rglob("*.yaml")
    }

    def edit(roo: str, change) -> None:
        record = yaml.safe_load(files[roo].read_text(encoding="utf-8"))
        change(record)
        files[roo].write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def odnml(r: dict) -> None:  # new doel and a renamed body
        r["gr_meta"]["doel"] = 'Nieuw doel 2027 met ‘aanhalingstekens’ en een "citaat".'
        r["gr_meta"]["regionaal_samenwerkingsorgaan"]["naam"] = "Omgevingsdienst Limburg-Noord"

    def gman(r: dict) -> None:
        r["gr_meta"]["doel"] = "Gewijzigd doel van de Groene Metropoolregio."

    def marn(r: dict) -> None:  # the regeling ended (before the register's stand, 16-05-2026)
        r["valid_until"] = "2026-03-31"
        r["gr_meta"]["datum_uitwerkingtreding"] = "2026-03-31"

    edit(ODNML, odnml)
    edit(GMAN, gman)
    edit(MARN, marn)
    # a new version of the MGR: new roo_id, another legal form, one deelnemer (gm0268) gone, a verdeelsleutel
    old = yaml.safe_load(files[MGR].read_text(encoding="utf-8"))
    new = copy.deepcopy(old)
    new["identifiers"]["roo_id"] = "99000001"
    new["names"] = [
        {"value": "Modulaire Gemeenschappelijke Regeling Rijk van Nijmegen 2026", "valid_from": "2026-05-01"}
    ]
    new["gr_meta"]["samenwerkingsvorm"] = {"value": "Bedrijfsvoeringsorganisatie", "afkorting": "BVO"}
    new["gr_meta"]["datum_inwerkingtreding"] = "2026-05-01"
    new["gr_meta"]["previous_version"] = {"roo_id": MGR}
    new["gr_meta"].pop("next_version", None)
    new["gr_meta"]["deelnemende_organisaties"] = [
        d for d in new["gr_meta"]["deelnemende_organisaties"] if facts.code(d.get("tooi")) != "gm0268"
    ]
    new["sources"] = [{"id": "roo", "url": "https://organisaties.overheid.nl/99000001/mgr-2026"}]
    (files[MGR].parent / "mgr-2026.yaml").write_text(yaml.safe_dump(new, allow_unicode=True), encoding="utf-8")
    old["valid_until"] = "2026-04-30"
    old["gr_meta"]["datum_uitwerkingtreding"] = "2026-04-30"
    old["gr_meta"]["next_version"] = {"roo_id": "99000001"}
    files[MGR].write_text(yaml.safe_dump(old, allow_unicode=True), encoding="utf-8")

    def wmo(r: dict) -> None:  # Mook joins a regeling, with a verdeelsleutel written with a decimal comma
        r["gr_meta"]["deelnemende_organisaties"].append(
            {
                "naam": "Gemeente Mook en Middelaar",
                "roo_id": "22222",
                "tooi": "https://identifier.overheid.nl/tooi/id/gemeente/gm0944",
                "toetredings_datum": "2026-01-01",
                "verdeelsleutel": "2,5",
            }
        )

    edit(WMO, wmo)
    return folder


def test_reimport_updates_the_register_and_keeps_what_the_gemeente_entered(subset_db: Database, tmp_path: Path) -> None:
    actor = "controller"
    national.adopt(subset_db, MOOK, actors.named(actor))
    odnml, gman, marn = party(subset_db, ODNML), party(subset_db, GMAN), party(subset_db, MARN)
    # the gemeente's own work: an edited name and openbaar belang, figures, a risk, a note, a verdeelsleutel
    register.update_party(subset_db, odnml["id"], {"name": "RUD Limburg-Noord"}, actors.named(actor), original=odnml)
    register.update_party(subset_db, gman["id"], {"public_interest": "Onze tekst"}, actors.named(actor), original=gman)
    register.update_party(subset_db, marn["id"], {"notes": "Opheffing voorbereid"}, actors.named(actor), original=marn)
    finance.save_year(
        subset_db, marn["id"], {"year": 2025, "kind": "jaarrekening", "contribution": 12500}, actors.named(actor), None
    )
    subset_db.write(
        lambda tx: tx.insert("risk", {"party_id": marn["id"], "category": "financieel", "title": "Liquidatiesaldo"}),
        actors.named(actor),
        "register",
    )
    gman_share = subset_db.rows(
        "SELECT pa.* FROM participation pa JOIN organisation o ON o.id = pa.organisation_id "
        "WHERE pa.party_id = ? AND o.code = ?",
        [gman["id"], MOOK],
    )[0]
    subset_db.write(
        lambda tx: tx.update("participation", gman_share["id"], {"cost_share": 1.25}, system=True),
        actors.named(actor),
        "register",
    )
    parties_before = subset_db.scalar("SELECT count(*) FROM party")

    _, report = national.import_register(subset_db, snapshot.read(newer_register(tmp_path)), actors.named("import"))
    assert report is not None and report.mode == "bijgewerkt"

    after = party(subset_db, ODNML)
    assert after["name"] == "RUD Limburg-Noord"  # edited by the gemeente: kept
    assert after["executing_body"] == "Omgevingsdienst Limburg-Noord"  # not edited: taken over
    assert after["public_interest"] == 'Nieuw doel 2027 met ‘aanhalingstekens’ en een "citaat".'
    assert any(f.kind == "eigen_waarde" and f.regeling == "RUD Limburg-Noord" for f in report.findings)

    after = party(subset_db, GMAN)
    assert after["public_interest"] == "Onze tekst"
    kept = [f for f in report.findings if f.kind == "eigen_waarde" and f.regeling == after["name"]]
    assert len(kept) == 1 and kept[0].detail.startswith("Openbaar belang: uw waarde blijft")
    assert subset_db.scalar("SELECT cost_share FROM participation WHERE id = ?", [gman_share["id"]]) == decimal.Decimal(
        "1.25"
    )

    after = party(subset_db, MARN)  # ended: marked, never deleted, with everything the gemeente entered
    assert (after["status"], after["ended"], after["notes"]) == (
        "opgeheven",
        dt.date(2026, 3, 31),
        "Opheffing voorbereid",
    )
    assert subset_db.scalar("SELECT contribution FROM party_year WHERE party_id = ?", [marn["id"]]) == 12500
    assert subset_db.scalar("SELECT count(*) FROM risk WHERE party_id = ?", [marn["id"]]) == 1
    assert report.count("beeindigd") == 1

    after = party(subset_db, "99000001")  # the new version replaced the old one on the same party
    assert after["regeling_name"] == "Modulaire Gemeenschappelijke Regeling Rijk van Nijmegen 2026"
    assert after["legal_form"] == "bedrijfsvoeringsorganisatie"
    gone = subset_db.rows(
        "SELECT pa.left_on FROM participation pa JOIN organisation o ON o.id = pa.organisation_id "
        "WHERE pa.party_id = ? AND o.code = 'gm0268'",
        [after["id"]],
    )
    assert gone == [{"left_on": dt.date(2026, 5, 1)}]
    assert any(f.kind == "uitgetreden" and f.regeling == after["name"] for f in report.findings)

    added = party(subset_db, WMO)
    share = subset_db.rows(
        "SELECT pa.cost_share, pa.joined FROM participation pa JOIN organisation o ON o.id = pa.organisation_id "
        "WHERE pa.party_id = ? AND o.code = ?",
        [added["id"], MOOK],
    )
    assert share == [{"cost_share": decimal.Decimal("2.5"), "joined": dt.date(2026, 1, 1)}]
    assert report.count("nieuw") == 1 and subset_db.scalar("SELECT count(*) FROM party") == parties_before + 1
    assert subset_db.scalar("SELECT count(*) FROM audit_log WHERE action = 'delete'") == 0

    # the same register again changes nothing: only the snapshot is recorded
    audit = subset_db.scalar("SELECT count(*) FROM audit_log")
    _, again = national.import_register(subset_db, snapshot.read(tmp_path / "newer"), actors.named("import"))
    assert again is not None and not any(again.count(k) for k in ("nieuw", "bijgewerkt", "beeindigd", "uitgetreden"))
    assert subset_db.scalar("SELECT count(*) FROM audit_log") == audit + 1


def test_a_failing_reimport_changes_nothing(subset_db: Database, tmp_path: Path) -> None:
    national.adopt(subset_db, MOOK, actors.named("tester"))
    folder = newer_register(tmp_path)
    path = next(p for p in folder.rglob("*.yaml") if f"roo_id: '{ODNML}'" in p.read_text(encoding="utf-8"))
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    record["gr_meta"]["doel"] = "x" * 6000  # longer than an openbaar belang may be
    path.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    before = subset_db.query("SELECT * FROM party ORDER BY id")
    snapshots = subset_db.scalar("SELECT count(*) FROM national_snapshot")
    with pytest.raises(DomainError, match="Openbaar belang: is te lang"):
        national.import_register(subset_db, snapshot.read(folder), actors.named("import"))
    assert subset_db.query("SELECT * FROM party ORDER BY id").equals(before)
    assert subset_db.scalar("SELECT count(*) FROM national_snapshot") == snapshots
