"""Reading the national register (ROO via Polder): the committed real subset, the full tarball, the shipped snapshot
and the command line. Expected values come from tests/roo_facts.py, a plain second reading of the same YAML."""

from __future__ import annotations

import decimal
import json
import tarfile
from pathlib import Path

import pytest

from governance import cli
from governance.core.db import open_database
from governance.core.errors import DomainError
from governance.national import roo, snapshot
from tests import actors
from tests import roo_facts as facts

needs_full = pytest.mark.skipif(not facts.FULL.exists(), reason="the full register is in ../shared/data (not in CI)")


@pytest.fixture(scope="module")
def subset() -> roo.NationalRegister:
    return snapshot.read(facts.SUBSET)


@pytest.fixture(scope="module")
def full() -> roo.NationalRegister:
    return snapshot.read(facts.FULL, gemeenten=facts.GEMEENTEN_CSV)


def test_subset_in_force_regelingen_and_participants_match_a_plain_reading(subset: roo.NationalRegister) -> None:
    in_force = {r["identifiers"]["roo_id"] for r in facts.in_force(facts.SUBSET)}
    assert {r["roo_id"] for r in subset.tables["national_regeling"] if r["in_force"]} == in_force
    # every version is kept (a re-import follows next_version), deelnemers only for the versions in force
    versions = [r for r in facts.records(facts.SUBSET) if "gr_meta" in r]
    assert len(subset.tables["national_regeling"]) == len(versions) > len(in_force)
    assert len(subset.tables["national_participant"]) == len(facts.deelnemers(facts.SUBSET))


def test_subset_problems_are_counted_per_kind(subset: roo.NationalRegister) -> None:
    entries = facts.deelnemers(facts.SUBSET)
    gone = facts.vanished(facts.SUBSET)
    tooi = [d.get("tooi") or "" for d in entries]
    assert subset.problems["opgeheven"] == sum(facts.code(t) in gone for t in tooi if "/gemeente/" in t) > 0
    assert subset.problems["zonder_code"] == sum(not t for t in tooi) > 0
    assert subset.problems["ministerie"] == sum("/ministerie/" in t for t in tooi) > 0
    assert subset.problems["regeling"] == sum("/so/" in t for t in tooi) > 0
    assert subset.problems["verdeelsleutel"] == sum("," in str(d.get("verdeelsleutel", "")) for d in entries) > 0
    in_force = facts.in_force(facts.SUBSET)
    quoted = [r for r in in_force if r["gr_meta"]["samenwerkingsvorm"]["value"].startswith("'")]
    assert subset.problems["aanhalingstekens"] == len(quoted) > 0
    assert subset.problems["oude_versies"] == sum(bool(r["gr_meta"].get("previous_version")) for r in in_force) > 0
    assert subset.problems["centrumregeling"] == sum(facts.expected_form(r) == "centrumregeling" for r in in_force) > 0
    lines = "\n".join(subset.lines())
    assert "Gemeente Boxmeer (opgeheven 2022-01-01) in Statuten van het openbaar lichaam Euregio Rijn-Waal" in lines


def test_merged_gemeente_participant_is_marked_with_its_end(subset: roo.NationalRegister) -> None:
    boxmeer = [p for p in subset.tables["national_participant"] if p["code"] == "gm0756"]
    assert boxmeer and {p["problem"] for p in boxmeer} == {"opgeheven"}
    org = next(o for o in subset.tables["national_organisation"] if o["code"] == "gm0756")
    assert org["name"] == "Gemeente Boxmeer" and str(org["ended"]) == "2022-01-01"


def test_foreign_and_ministry_participants_get_a_code_and_kind(subset: roo.NationalRegister) -> None:
    orgs = {o["code"]: o for o in subset.tables["national_organisation"]}
    alpen = next(p for p in subset.tables["national_participant"] if p["name"] == "Gemeinde Alpen")
    assert alpen["code"] == f"roo-{alpen['roo_id']}" and alpen["problem"] == "zonder_code"
    assert orgs[alpen["code"]]["kind"] == "overig"
    ocw = next(p for p in subset.tables["national_participant"] if p["problem"] == "ministerie")
    assert orgs[ocw["code"]]["kind"] == "rijk" and ocw["code"].startswith("mnre")


def test_verdeelsleutel_with_decimal_comma_sums_to_hundred(subset: roo.NationalRegister) -> None:
    # Centrumregeling Wmo Brabant Noordoost-oost 2024 lists 11,0 / 4,0 / 33,0 / 32,0 / 20,0
    shares = [p for p in subset.tables["national_participant"] if p["regeling_roo_id"] == "29494998"]
    assert [p["cost_share_text"] for p in shares] == ["11,0", "4,0", "33,0", "32,0", "20,0"]
    assert sum(p["cost_share"] for p in shares) == decimal.Decimal("100")


@pytest.mark.parametrize(
    ("raw", "value", "problem"),
    [
        ("33,0", "33.0", "verdeelsleutel"),
        ("5,1 %", "5.1", "verdeelsleutel"),
        ("12.5", "12.5", None),
        (7, "7", None),
        ("", None, None),
        ("ongeveer een derde", None, "verdeelsleutel_ongeldig"),
        ("150", None, "verdeelsleutel_ongeldig"),
    ],
)
def test_parse_share(raw: object, value: str | None, problem: str | None) -> None:
    parsed, found = roo.parse_share(raw)
    assert parsed == (None if value is None else decimal.Decimal(value))
    assert found == problem


def test_quotes_inside_names_survive_the_snapshot(subset: roo.NationalRegister, tmp_path: Path) -> None:
    again = snapshot.read_snapshot(snapshot.write_snapshot(subset, tmp_path / "s.json.gz"))
    assert again.tables == subset.tables
    quoted = [r["purpose"] for r in again.tables["national_regeling"] if r["purpose"] and "'" in r["purpose"]]
    originals = {(r["gr_meta"].get("doel") or "").strip() for r in facts.records(facts.SUBSET) if "gr_meta" in r}
    assert quoted and set(quoted) <= originals


def test_folder_reads_like_the_tarball(subset: roo.NationalRegister, tmp_path: Path) -> None:
    with tarfile.open(facts.SUBSET) as archive:
        archive.extractall(tmp_path, filter="data")
    assert snapshot.read(tmp_path).tables == subset.tables
    assert snapshot.read(tmp_path / "data" / "organisaties").tables == subset.tables


def test_unreadable_inputs_give_dutch_messages(tmp_path: Path) -> None:
    with pytest.raises(DomainError, match="bestaat niet"):
        snapshot.read(tmp_path / "weg.tar.gz")
    bad = tmp_path / "register.tar.gz"
    bad.write_text("geen archief")
    with pytest.raises(DomainError, match="is geen .tar.gz van het landelijk register"):
        snapshot.read(bad)
    (tmp_path / "leeg").mkdir()
    with pytest.raises(DomainError, match="staan geen organisaties"):
        snapshot.read(tmp_path / "leeg")
    broken = tmp_path / "kapot" / "data" / "organisaties" / "gemeenten"
    broken.mkdir(parents=True)
    (broken / "x.yaml").write_text("id: [unclosed\n")
    with pytest.raises(DomainError, match="x.yaml in het landelijk register is geen geldige YAML"):
        snapshot.read(tmp_path / "kapot")


def test_store_replaces_the_national_tables_in_one_audited_write(empty_db, subset: roo.NationalRegister) -> None:
    snapshot.store(empty_db, subset, actors.named("tester"))
    snapshot.store(empty_db, subset, actors.named("tester"))
    assert empty_db.scalar("SELECT count(*) FROM national_regeling") == len(subset.tables["national_regeling"])
    assert empty_db.scalar("SELECT count(*) FROM national_snapshot") == 2
    audit = empty_db.rows("SELECT actor, entity, reason FROM audit_log")
    assert audit == [{"actor": "tester", "entity": "national_snapshot", "reason": "Landelijk register geladen"}] * 2


@needs_full
def test_full_register_counts_match_a_plain_reading(full: roo.NationalRegister) -> None:
    reg = full
    counts = reg.counts()
    assert counts["regelingen_in_werking"] == len(facts.in_force(facts.FULL)) == 451
    assert counts["regelingen_versies"] == sum("gr_meta" in r for r in facts.records(facts.FULL))
    assert counts["gemeente_bestaand"] == 342 and counts["provincie_bestaand"] == 12
    merged = {facts.code(d.get("tooi")) for d in facts.deelnemers(facts.FULL)} & facts.vanished(facts.FULL)
    assert {p["code"] for p in reg.tables["national_participant"] if p["problem"] == "opgeheven"} == merged
    assert len(merged) == 9  # the README: about 351 distinct gemeente codes against 342
    for code in ("gm0944", "gm1621", "gm0599"):
        mine = {p["regeling_roo_id"] for p in reg.tables["national_participant"] if p["code"] == code}
        assert mine == {r["identifiers"]["roo_id"] for r in facts.regelingen_of(facts.FULL, code)}
    assert "gemeentelijst" not in reg.problems  # all 342 CBS gemeenten exist in the register and vice versa


@needs_full
def test_shipped_snapshot_is_a_fresh_build_of_the_register(full: roo.NationalRegister, tmp_path: Path) -> None:
    # built with the full CBS list; the shipped copy in data/national holds the same codes, provinces, inhabitants
    fresh = snapshot.write_snapshot(full, tmp_path / "fresh.json.gz")
    assert fresh.read_bytes() == roo.SNAPSHOT_FILE.read_bytes()


def test_shipped_snapshot_is_small_and_complete() -> None:
    assert roo.SNAPSHOT_FILE.stat().st_size < 2_000_000
    reg = snapshot.read_snapshot(roo.SNAPSHOT_FILE)
    assert reg.meta["retrieved"] == "2026-05-16"
    counts = reg.counts()
    assert counts["gemeente_bestaand"] == 342 and counts["regelingen_in_werking"] == 451
    with_inhabitants = [o for o in reg.tables["national_organisation"] if o["inhabitants"]]
    assert len(with_inhabitants) == 342


def test_cli_import_register_and_build_snapshot(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_path = tmp_path / "cli.duckdb"
    assert cli.main(["import-register", str(facts.SUBSET), "--db", str(db_path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["register"]["counts"]["regelingen_in_werking"] == len(facts.in_force(facts.SUBSET))
    assert out["organisation"] is None  # no organisation chosen yet: nothing else changed
    open_database(db_path).close()
    target = tmp_path / "snap.json.gz"
    assert cli.main(["build-snapshot", str(facts.SUBSET), "--out", str(target)]) == 0
    assert "Momentopname geschreven" in capsys.readouterr().out
    assert snapshot.read_snapshot(target).tables == snapshot.read(facts.SUBSET).tables
    assert cli.main(["import-register", str(tmp_path / "weg"), "--db", str(db_path)]) == 1
    assert "bestaat niet" in capsys.readouterr().err
    open_database(db_path).close()
