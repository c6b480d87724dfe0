"""Issue 13, points 2-5: figures and texts a controller can sign. Only art. 15 items are BBV gaps in the
onboarding report; the art. 15 risk item means material financial risks without measures (or a dated "geen
materiële risico's"); weerstandsvermogen gives no class when nothing is filled in and says "raadsnorm" only with a
recorded raadsbesluit; a werkatelier write-back goes through the register's risk validation. Real DuckDB files,
AppTest where a page shows it, and a freshly onboarded Groningen (gm0014) from the shipped national register."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from governance import national, register, risks, weerstand
from governance.core.db import Database, open_database
from governance.core.errors import DomainError, ValidationError
from governance.register import bbv
from governance.weerstand import exposure
from governance.workshop import consensus
from governance.workshop import session as sessions
from tests import actors
from tests.apptest import run

ROOT = Path(__file__).resolve().parent.parent
GRONINGEN = "gm0014"
ART15_LABELS = {label for label, _ in bbv.ITEMS.values()}


@pytest.fixture(scope="module")
def groningen_file(onboarded_files) -> Path:
    """`init --organisation gm0014`, as a controller starts (tests/conftest.py onboard)."""
    return onboarded_files(GRONINGEN)


@pytest.fixture
def new_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "nieuw.duckdb"
    monkeypatch.setenv("GOVERNANCE_DB", str(path))
    yield path
    open_database(path).close()


# -- point 2: only art. 15 items are BBV gaps ------------------------------------------------------------------
def test_onboarding_report_names_only_art15_items_as_bbv_gaps(tmp_path: Path) -> None:
    db = open_database(tmp_path / "g.duckdb")
    report = national.adopt(db, GRONINGEN, actors.BEHEERDER)
    gap_kinds = {k for k, text in national_labels().items() if "BBV-lacune" in text}
    assert gap_kinds == {"bbv_lacune"}
    for finding in report.findings:
        if finding.kind == "bbv_lacune":
            assert all(part.split(" (art.")[0] in ART15_LABELS for part in finding.detail.split(", "))
        assert not (finding.kind in gap_kinds and ("Vestigingsplaats" in finding.detail or "KvK" in finding.detail))
    other = [f for f in report.findings if f.kind == "ontbreekt"]
    assert other and all("KvK-nummer" in f.detail or "Vestigingsplaats" in f.detail for f in other)
    text = "\n".join(report.lines())
    details = [line for line in text.splitlines() if line.startswith("  - ") and "KvK-nummer" in line]
    assert details and not any("BBV-lacune" in line for line in details)
    assert "vul zelf aan" in text


def national_labels() -> dict[str, str]:
    from governance.core import labels

    return labels.REGISTER_FINDINGS


def test_onboarding_page_does_not_call_kvk_or_seat_a_bbv_gap(new_db: Path) -> None:
    at = run()
    at.selectbox(key="org-choice").select(GRONINGEN).run()
    at.button(key="org-adopt").click().run()
    assert not at.exception
    report = pd.concat([d.value for d in at.dataframe[:2]])  # problemen, ter informatie
    for row in report.to_dict("records"):
        if "KvK-nummer" in row["Toelichting"] or "Vestigingsplaats" in row["Toelichting"]:
            assert "BBV-lacune" not in row["Soort"], row
            assert "vul zelf aan" in row["Soort"]
    assert "Niet in het landelijk register, vul zelf aan (geen BBV-onderdeel)" in set(report["Soort"])
    assert any("Alleen de onderdelen van BBV art. 15 lid 2 tellen als BBV-lacune" in c.value for c in at.caption)
    db = open_database(new_db)
    assert register.gaps(db, 2026)["missing_text"].str.contains("KvK|Vestigingsplaats").sum() == 0


# -- point 5: the werkatelier write-back follows the register's rules -------------------------------------------
def _financial_risk_session(db: Database) -> tuple[dict, dict, int]:
    """A werkatelier on the demo's first financial risk (gross 4/4, net 3/3, Kans 50 %)."""
    risk = db.rows("SELECT * FROM risk WHERE category = 'financieel' AND gross_impact = 4 ORDER BY id LIMIT 1")[0]
    created = sessions.create_session(
        db, {"title": "Werkatelier risico's", "facilitator": "Fenna", "risk_ids": [int(risk["id"])]},
        actors.named("Fenna"),
    )  # fmt: skip
    item = int(sessions.items(db, created["id"])["id"].iloc[0])
    return created, risk, item


def test_write_back_refuses_net_above_gross_and_writes_nothing(demo_db: Database) -> None:
    created, risk, item = _financial_risk_session(demo_db)
    with pytest.raises(ValidationError) as err:
        consensus.lock_consensus(demo_db, created["code"], item, 3, risk["gross_impact"] + 1, actors.BEHEERDER, "net")
    assert [(e.label, e.message) for e in err.value.errors] == [
        (
            "Impact (netto)",
            f"{risk['gross_impact'] + 1} is hoger dan de bruto impact ({risk['gross_impact']}); "
            "netto is na beheersmaatregelen",
        )
    ]
    assert demo_db.rows("SELECT * FROM risk WHERE id = ?", [risk["id"]])[0] == risk
    assert demo_db.scalar("SELECT locked_at FROM workshop_item WHERE id = ?", [item]) is None
    with pytest.raises(ValidationError, match="hoger dan de bruto kans"):  # a gross below the net is refused too
        consensus.lock_consensus(demo_db, created["code"], item, 1, 4, actors.BEHEERDER, "gross")


def test_write_back_moves_the_probability_with_the_net_likelihood(demo_db: Database) -> None:
    created, risk, item = _financial_risk_session(demo_db)
    matrix = risks.get_matrix(demo_db)
    assert risk["probability_pct"] == matrix.likelihood_pct(risk["net_likelihood"])
    before, _ = exposure.risk_lines(demo_db)
    consensus.lock_consensus(demo_db, created["code"], item, 2, 3, actors.BEHEERDER, "net")
    stored = demo_db.rows("SELECT * FROM risk WHERE id = ?", [risk["id"]])[0]
    assert (stored["net_likelihood"], stored["probability_pct"]) == (2, matrix.likelihood_pct(2))
    lines, _ = exposure.risk_lines(demo_db)
    line = lines[lines["risk_id"] == risk["id"]].iloc[0]
    assert (
        line["probability_pct"]
        == matrix.likelihood_pct(2)
        != before[before["risk_id"] == risk["id"]].iloc[0]["probability_pct"]
    )
    # the same net likelihood again (only the impact changes): the percentage is left as it is
    consensus.lock_consensus(demo_db, created["code"], item, 2, 2, actors.BEHEERDER, "net")
    assert demo_db.scalar("SELECT probability_pct FROM risk WHERE id = ?", [risk["id"]]) == matrix.likelihood_pct(2)


def test_facilitator_page_shows_the_refusal_in_dutch(app_db: Path) -> None:
    db = open_database(app_db)
    created, risk, _ = _financial_risk_session(db)
    db.close()
    at = run("pages/werkatelier.py", user="facilitator")
    next(n for n in at.number_input if n.label == "Kans").set_value(3)
    next(n for n in at.number_input if n.label == "Impact").set_value(5)
    next(r for r in at.radio if r.label == "Terugschrijven naar het risicoregister").set_value("net")
    next(b for b in at.button if b.label == "Consensus vastleggen").click().run()
    shown = " ".join(e.value for e in at.error)
    assert "Impact (netto)" in shown and "hoger dan de bruto impact (4)" in shown
    db = open_database(app_db)
    assert db.scalar("SELECT net_impact FROM risk WHERE id = ?", [risk["id"]]) == risk["net_impact"]


# -- point 4: no class when nothing is required; "raadsnorm" only with a recorded raadsbesluit ----------------------
@pytest.fixture
def groningen_app(groningen_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "groningen.duckdb"
    shutil.copy(groningen_file, path)
    monkeypatch.setenv("GOVERNANCE_DB", str(path))
    yield path
    open_database(path).close()


def _simulate(path: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "governance", "simulate", "--iterations", "2000", "--db", str(path), *extra],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_simulate_on_a_fresh_gemeente_gives_no_class(groningen_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "g.duckdb"
    shutil.copy(groningen_file, path)
    done = _simulate(path)
    assert done.returncode == 0, done.stderr
    assert "geen oordeel" in done.stdout
    assert "uitstekend" not in done.stdout and "klasse A" not in done.stdout.lower().replace("klasse a –", "")
    assert "raadsnorm" not in done.stdout
    assert "90 % – standaard (geen raadsbesluit vastgelegd)" in done.stdout
    data = json.loads(_simulate(path, "--json").stdout)
    assert (data["class"], data["label"], data["ratio"]) == (None, "geen oordeel", None)
    assert {lv["class"] for lv in data["levels"]} == {None} and data["raadsnorm"] is False


def test_weerstand_page_on_a_fresh_gemeente_shows_geen_oordeel(groningen_app: Path) -> None:
    at = run("pages/weerstandsvermogen.py")
    badges = [e.proto.body for e in at.main.get("markdown") if "badge" in e.proto.body]
    assert any("Geen oordeel" in b for b in badges) and not any("uitstekend" in b for b in badges)
    levels = at.table[1].value
    assert set(levels["Klasse"]) == {"geen oordeel"}
    assert "90 % – standaard (geen raadsbesluit vastgelegd)" in list(levels["Zekerheid"])
    assert at.selectbox(key="wv-certainty").format_func(90.0) == "90 % – standaard (geen raadsbesluit vastgelegd)"
    assert not any("raadsnorm" in str(x) for x in levels["Zekerheid"])
    # nothing to judge, so nothing to record
    with pytest.raises(ValidationError, match="geen oordeel"):
        db = open_database(groningen_app)
        weerstand.save_run(db, weerstand.compute(db, iterations=2000), "begroting", 2026, None, actors.BEHEERDER)


def test_raadsnorm_only_with_its_recorded_besluit(demo_db: Database) -> None:
    assert weerstand.norm(demo_db)["tag"] == "standaard (geen raadsbesluit vastgelegd)"
    row = weerstand.simulation_settings(demo_db)["original"]
    weerstand.save_simulation_settings(demo_db, {"certainty_pct": "80"}, actors.BEHEERDER, row)
    assert weerstand.norm(demo_db)["tag"] == "ingesteld (geen raadsbesluit vastgelegd)"  # a level, no besluit
    row = weerstand.simulation_settings(demo_db)["original"]
    with pytest.raises(ValidationError) as err:
        weerstand.save_simulation_settings(demo_db, {"council_decision": "RB 2025/114"}, actors.BEHEERDER, row)
    assert [e.label for e in err.value.errors] == ["Datum raadsbesluit"]
    weerstand.save_simulation_settings(
        demo_db, {"council_decision": "RB 2025/114", "council_decision_date": "12-11-2025"}, actors.BEHEERDER, row
    )
    found = weerstand.norm(demo_db)
    assert found == {
        "pct": 80.0, "decided": True, "tag": "raadsnorm", "text": "raadsnorm (raadsbesluit RB 2025/114 van 12-11-2025)"
    }  # fmt: skip
    outcome = weerstand.compute(demo_db, iterations=2000)
    assert outcome.judged and outcome.nar_class in "ABCDEF"
    assert "80 % – raadsnorm" in list(weerstand.level_table(outcome)["Zekerheid"])
    assert "Zekerheidsniveau 80 %: raadsnorm (raadsbesluit RB 2025/114 van 12-11-2025)." in weerstand.report_lines(
        outcome
    )


def test_weerstand_page_records_the_raadsbesluit(app_db: Path) -> None:
    at = run("pages/weerstandsvermogen.py")
    assert "raadsnorm" not in at.selectbox(key="wv-certainty").format_func(90.0)
    next(t for t in at.text_input if t.label == "Raadsbesluit zekerheidsniveau (kenmerk)").input("RB 2026/7")
    next(d for d in at.date_input if d.label == "Datum raadsbesluit").set_value(dt.date(2026, 1, 29))
    next(b for b in at.button if b.label == "Simulatie-instellingen opslaan").click().run()
    assert not at.exception
    assert at.selectbox(key="wv-certainty").format_func(90.0) == "90 % – raadsnorm"
    caption = next(c.value for c in at.caption if "financiële risico's gesimuleerd" in c.value)
    assert "Zekerheidsniveau 90 %: raadsnorm (raadsbesluit RB 2026/7 van 29-01-2026)." in caption


# -- point 3: the art. 15 risk item means material financial risks without measures ------------------------------
YEAR = 2026


def _risk_item(db: Database, code: str, year: int = YEAR) -> bool:
    """Whether the art. 15 risk item is present for the party with `code` in `year`."""
    pid = int(db.scalar("SELECT id FROM party WHERE code = ?", [code]))
    return next(i["present"] for i in register.checklist(db, pid, year) if i["item"] == "risks")


def test_risk_item_counts_only_open_financial_risks_with_kans_and_bedrag(demo_db: Database) -> None:
    # financial risks only geaccepteerd (gemeentebank, waterbedrijf) or beheerst (belastingen): not complete
    for code in ("gemeentebank", "waterbedrijf-voorbeeldland", "belastingen-voorbeeldland"):
        assert not _risk_item(demo_db, code), code
    # an open financial risk with a kans and a bedrag: complete
    assert _risk_item(demo_db, "vr-voorbeeldland")
    # the rekenkamer's old undated flag no longer counts
    assert demo_db.scalar("SELECT no_material_risks FROM party WHERE code = 'rekenkamer-voorbeeldland'")
    assert not _risk_item(demo_db, "rekenkamer-voorbeeldland")
    gaps = register.gaps(demo_db, YEAR).set_index("code")
    assert "risks" in gaps.loc["gemeentebank", "missing"]


def test_beherend_vennoot_liability_is_financieel_and_reaches_the_monte_carlo(demo_db: Database) -> None:
    risk = demo_db.rows(
        "SELECT r.* FROM risk r JOIN party p ON p.id = r.party_id WHERE r.title LIKE 'Aansprakelijkheid beherend%'"
    )[0]
    assert risk["category"] == "financieel" and risk["amount_max"] > 0
    lines, skipped = exposure.risk_lines(demo_db)
    assert int(risk["id"]) in set(lines["risk_id"]) and int(risk["id"]) not in set(skipped["risk_id"])
    assert _risk_item(demo_db, "vo-beheer-bv")


def test_dated_geen_materiele_risicos_per_party_and_year(demo_db: Database) -> None:
    pid = int(demo_db.scalar("SELECT id FROM party WHERE code = 'rekenkamer-voorbeeldland'"))
    with pytest.raises(ValidationError) as err:
        register.record_no_material_risks(demo_db, pid, YEAR, None, None, actors.BEHEERDER)
    assert [(e.label, e.message) for e in err.value.errors] == [("Vastgesteld op", "is verplicht")]
    register.record_no_material_risks(demo_db, pid, YEAR - 1, "15-01-2025", None, actors.BEHEERDER)
    assert not _risk_item(demo_db, "rekenkamer-voorbeeldland")  # another year does not count
    register.record_no_material_risks(demo_db, pid, YEAR, "03-02-2026", "Begroting 2026 RKN", actors.BEHEERDER)
    assert _risk_item(demo_db, "rekenkamer-voorbeeldland")
    stored = register.statements(demo_db, pid)[0]
    assert register.statement_text(stored) == (
        "Geen materiële risico's voor 2026, vastgesteld op 03-02-2026 — Begroting 2026 RKN"
    )
    audit = demo_db.rows("SELECT * FROM audit_log WHERE entity = 'risk_statement' ORDER BY id DESC LIMIT 1")[0]
    assert audit["action"] == "insert" and audit["actor"] == actors.BEHEERDER.name
    # contradicting an open material risk on record is refused, and nothing is written
    vr = int(demo_db.scalar("SELECT id FROM party WHERE code = 'vr-voorbeeldland'"))
    with pytest.raises(DomainError, match="materieel financieel risico"):
        register.record_no_material_risks(demo_db, vr, YEAR, "03-02-2026", None, actors.BEHEERDER)
    assert register.statements(demo_db, vr) == []


def test_materiality_is_a_setting_with_a_marked_default(demo_db: Database) -> None:
    rule = register.material_setting(demo_db)
    assert rule["default"] and rule["min_amount"] == 0 and rule["text"].endswith("(standaard)")
    assert _risk_item(demo_db, "vr-voorbeeldland")  # its largest open financial risk: € 420.000
    register.save_material_setting(demo_db, "500.000", actors.BEHEERDER, None)
    rule = register.material_setting(demo_db)
    assert not rule["default"] and "€ 500.000" in rule["text"] and "standaard" not in rule["text"]
    assert not _risk_item(demo_db, "vr-voorbeeldland")
    assert _risk_item(demo_db, "afval-voorbeeldland")  # € 900.000


def test_fresh_gemeente_party_page_records_geen_materiele_risicos(groningen_app: Path) -> None:
    db = open_database(groningen_app)
    gaps = register.gaps(db, YEAR)
    assert len(gaps) and all("risks" in m for m in gaps["missing"])  # no risks yet: the item is open everywhere
    code = gaps["code"].iloc[0]
    db.close()
    at = run("pages/register.py", {"partij": code})
    shown = [m.value for m in at.tabs[0].markdown]
    assert any(m.startswith(":material/cancel: ontbreekt — Materiële financiële risico's") for m in shown)
    assert any("Telt als materieel risico: elk open financieel risico" in c.value for c in at.caption)
    next(t for t in at.text_input if t.label == "Toelichting (waarop berust dit?)").input("Begroting 2026")
    next(b for b in at.button if b.label == "Vastleggen").click().run()
    assert not at.exception
    shown = [m.value for m in at.tabs[0].markdown]
    assert any(m.startswith(":material/check_circle: aanwezig — Materiële financiële risico's") for m in shown)
    assert any(m.startswith("Geen materiële risico's voor 2026, vastgesteld op") for m in shown)
    db = open_database(groningen_app)
    assert "risks" not in register.gaps(db, YEAR).set_index("code").loc[code, "missing"]


def test_materiality_setting_on_the_risico_instellingen_page(app_db: Path) -> None:
    at = run("pages/risico_instellingen.py")
    assert any("Nu: elk open financieel risico met een kans en een bedrag boven € 0 (standaard)." in c.value
               for c in at.caption)  # fmt: skip
    next(t for t in at.text_input if t.label == "Grens materieel risico (€)").input("500.000")
    next(b for b in at.button if b.label == "Grens opslaan").click().run()
    assert not at.exception
    db = open_database(app_db)
    assert register.material_setting(db)["min_amount"] == 500_000 and not register.material_setting(db)["default"]
