"""National scale (issue 17): bulk writes through the audited path, the large fictitious register, the profile
bubble layout, caches keyed on the tables a read uses, and every page on a freshly onboarded real gemeente."""

from __future__ import annotations

from pathlib import Path

import pytest

from governance import io
from governance.cli.bench import scale
from governance.core.db import Database, open_database
from governance.core.errors import ValidationError
from governance.risks import profilecharts
from tests import actors
from tests.apptest import charts, empty_chart, run

# -- bulk writes --------------------------------------------------------------------------------------------


def _people(codes: list[str]) -> list[dict]:
    return [{"code": c, "name": f"Persoon {c}", "function": "ambtenaar"} for c in codes]


def test_insert_many_audits_every_row_under_the_actor(empty_db: Database) -> None:
    rows = empty_db.write(lambda tx: tx.insert_many("person", _people(["a", "b", "c"]), "test"), actors.CONTROLLER,
                          "register")  # fmt: skip
    assert sorted(r["code"] for r in rows) == ["a", "b", "c"]
    audit = empty_db.rows("SELECT * FROM audit_log WHERE entity = 'person' ORDER BY entity_id")
    assert [a["entity_id"] for a in audit] == [str(r["id"]) for r in sorted(rows, key=lambda r: r["id"])]
    assert {(a["action"], a["user_id"], a["role"], a["reason"]) for a in audit} == {("insert", 2, "controller", "test")}
    assert all('"name": "Persoon' in a["after"] for a in audit)


@pytest.mark.parametrize("codes", [["a", "x"], ["x", "x"]], ids=["existing", "within the batch"])
def test_insert_many_refuses_a_duplicate_and_writes_nothing(empty_db: Database, codes: list[str]) -> None:
    empty_db.write(
        lambda tx: tx.insert("person", {"code": "a", "name": "Eerste", "function": "ambtenaar"}),
        actors.CONTROLLER,
        "register",
    )
    before = empty_db.scalar("SELECT count(*) FROM audit_log")
    with pytest.raises(ValidationError) as caught:
        empty_db.write(lambda tx: tx.insert_many("person", _people(codes)), actors.CONTROLLER, "register")
    assert "Code" in str(caught.value.errors[0].label)
    assert empty_db.scalar("SELECT count(*) FROM person") == 1
    assert empty_db.scalar("SELECT count(*) FROM audit_log") == before


def test_insert_many_refuses_a_missing_reference(empty_db: Database) -> None:
    rows = [{"party_id": 999, "year": 2025, "kind": "begroting"}]
    with pytest.raises(ValidationError, match="bestaat niet"):
        empty_db.write(lambda tx: tx.insert_many("party_year", rows), actors.CONTROLLER, "register")
    assert empty_db.scalar("SELECT count(*) FROM party_year") == 0


def test_insert_many_keeps_types_of_every_column(demo_db: Database) -> None:
    """Dates, decimals, booleans and NULLs go through the text frame and come back as the same values."""
    data = io.zip_bytes(demo_db)
    target = open_database(demo_db.path.parent / "copy.duckdb")
    io.import_file(target, data, "demo.zip", actors.CONTROLLER)
    for sheet in io.EXPORT_ORDER:
        assert io.csv_bytes(target, sheet) == io.csv_bytes(demo_db, sheet), sheet.name
    target.close()


def test_large_register_through_the_real_import(empty_db: Database) -> None:
    built = scale.build(empty_db, 4)
    demo_parties = 29
    assert built.counts["party"] == 4 * demo_parties
    assert empty_db.scalar("SELECT count(*) FROM organisation WHERE is_ours") == 1
    imported = empty_db.scalar("SELECT count(*) FROM audit_log WHERE reason LIKE 'Import uit%'")
    # every imported row audited once; the P&C-cyclus rows are one setting, audited only when a regime changes
    # (the copies keep the demo's regimes: no change)
    cycle = next(sheet for sheet in io.EXPORT_ORDER if sheet.name == "P&C-cyclus")
    cycle_rows = io.csv_bytes(empty_db, cycle).decode("utf-8-sig").strip().count("\n")  # the header not counted
    assert cycle_rows and cycle_rows % 4 == 0
    assert imported == built.rows - 3 * (cycle_rows // 4)
    copy = empty_db.rows("SELECT name FROM party WHERE code = 'vr-voorbeeldland-3'")
    assert copy and copy[0]["name"].endswith("(kopie 3)")


# -- profile bubbles ----------------------------------------------------------------------------------------


def _overlaps(points: list[tuple[float, float]], radii: list[float]) -> int:
    return sum(
        ((points[i][0] - points[j][0]) ** 2 + (points[i][1] - points[j][1]) ** 2) ** 0.5
        < (radii[i] + radii[j]) / profilecharts.PX_PER_UNIT
        for i in range(len(points))
        for j in range(i + 1, len(points))
    )


def test_spread_separates_bubbles_on_the_same_spot() -> None:
    points = [(3.0, 3.0)] * 6 + [(3.1, 3.0), (1.0, 1.0)]
    radii = [12.0] * len(points)
    assert _overlaps(points, radii) > 0
    spread = profilecharts._spread(points, radii)
    assert _overlaps(spread, radii) == 0
    assert all(0.8 <= x <= 5.2 and 0.8 <= y <= 5.2 for x, y in spread)
    assert spread == profilecharts._spread(points, radii)  # deterministic


def test_spread_leaves_a_cloud_above_the_limit_alone() -> None:
    points = [(1 + (k % 40) / 10, 1 + (k // 40) / 2) for k in range(profilecharts.MAX_SPREAD + 1)]
    assert profilecharts._spread(points, [10.0] * len(points)) == points


# -- every page on a freshly onboarded real gemeente ---------------------------------------------------------

PAGES = [
    None,
    "pages/register.py",
    "pages/risicos.py",
    "pages/risicoprofiel.py",
    "pages/rollen.py",
    "pages/financien.py",
    "pages/weerstandsvermogen.py",
    "pages/werkatelier.py",
    "pages/ontwikkelagenda.py",
    "pages/beheer.py",
    "pages/risico_instellingen.py",
    "pages/register_instellingen.py",
    "pages/begrippen.py",
    "pages/rapportages.py",
    "pages/pc_kalender.py",
    "pages/organisatie.py",
]


def test_the_onboarded_gemeente_has_no_figures_profiles_or_risks(onboarded_app: Path) -> None:
    db = open_database(onboarded_app)
    assert db.scalar("SELECT count(*) FROM party") > 0
    for table in ("party_year", "profile_assessment", "risk"):
        assert db.scalar(f"SELECT count(*) FROM {table}") == 0, table


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p or "overzicht")
def test_every_page_runs_on_a_freshly_onboarded_gemeente(onboarded_app: Path, page: str | None) -> None:
    at = run(page)  # run() fails on any exception the app raised
    assert at.main.children, "the page shows nothing"
    assert not [c for c in charts(at) if empty_chart(c)], "an empty chart: show an empty-state message instead"


# -- caches keyed on the tables a read uses -----------------------------------------------------------------


def test_reads_are_traced_to_the_tables_they_use(demo_db: Database) -> None:
    from governance import register
    from governance.core.db import tracing_reads

    with tracing_reads() as seen:
        register.register_table(demo_db, 2025)
    assert {"party", "party_year"} <= seen
    assert not {"workshop_score", "audit_log", "app_user"} & seen


def test_a_write_bumps_only_the_tables_it_touched(demo_db: Database) -> None:
    before = dict(demo_db.table_generations({"person", "audit_log", "party", "risk"}))
    demo_db.write(lambda tx: tx.insert("person", _people(["nieuw"])[0]), actors.CONTROLLER, "register")
    after = dict(demo_db.table_generations({"person", "audit_log", "party", "risk"}))
    assert after["person"] == before["person"] + 1 and after["audit_log"] == before["audit_log"] + 1
    assert after["party"] == before["party"] and after["risk"] == before["risk"]


CALLS: list[int] = []


def _count_persons(db: Database) -> int:
    CALLS.append(1)
    return db.scalar("SELECT count(*) FROM person")


def test_the_read_cache_survives_writes_to_other_tables(app_db: Path) -> None:
    from ui import data

    db = data.database()
    CALLS.clear()
    first = data.read(_count_persons)
    data.read(_count_persons)  # the first run learns its tables; from here on the cache holds
    runs = len(CALLS)
    session = db.scalar("SELECT min(id) FROM party")
    db.write(lambda tx: tx.insert("setting", {"key": "probe", "value": "1"}), actors.BEHEERDER, "settings")
    party = db.rows("SELECT * FROM party WHERE id = ?", [session])[0]
    db.write(lambda tx: tx.update("party", session, {"notes": "x"}, original=party), actors.CONTROLLER, "register")
    assert data.read(_count_persons) == first and len(CALLS) == runs  # nothing it reads changed
    db.write(lambda tx: tx.insert("person", _people(["nog-een"])[0]), actors.CONTROLLER, "register")
    assert data.read(_count_persons) == first + 1 and len(CALLS) == runs + 1


def test_a_party_edit_does_not_rerun_the_monte_carlo(demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    from governance.weerstand import engine, outcome

    runs: list[int] = []
    real = engine.simulate

    def counted(*args, **kwargs):
        runs.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "simulate", counted)
    first = outcome.compute(demo_db, iterations=20_000)
    party = demo_db.rows("SELECT * FROM party ORDER BY id LIMIT 1")[0]
    demo_db.write(lambda tx: tx.update("party", party["id"], {"name": party["name"] + " (nieuw)"}, original=party),
                  actors.CONTROLLER, "register")  # fmt: skip
    again = outcome.compute(demo_db, iterations=20_000)
    assert len(runs) == 1 and again.required == first.required
    risk = demo_db.rows("SELECT * FROM risk WHERE amount_max > 0 AND category = 'financieel' ORDER BY id LIMIT 1")[0]
    bigger = {"amount_max": risk["amount_max"] * 2}
    demo_db.write(lambda tx: tx.update("risk", risk["id"], bigger, original=risk), actors.CONTROLLER, "risks")
    changed = outcome.compute(demo_db, iterations=20_000)
    assert len(runs) == 2 and changed.gross > first.gross


def test_a_read_of_one_entitys_audit_is_not_stale_after_another_entitys_write(demo_db: Database) -> None:
    from governance import risks
    from governance.core.db import tracing_reads

    with tracing_reads() as seen:
        risks.movement(demo_db, *_movement_args())
    assert "audit_log:risk" in seen and "audit_log" not in seen
    watched = {"audit_log:risk", "audit_log:party"}
    before = dict(demo_db.table_generations(watched))
    party = demo_db.rows("SELECT * FROM party ORDER BY id LIMIT 1")[0]
    demo_db.write(lambda tx: tx.update("party", party["id"], {"notes": "x"}, original=party), actors.CONTROLLER,
                  "register")  # fmt: skip
    after = dict(demo_db.table_generations(watched))
    assert (
        after["audit_log:risk"] == before["audit_log:risk"]
        and after["audit_log:party"] == before["audit_log:party"] + 1
    )


def _movement_args() -> tuple:
    import datetime as dt

    return dt.date(2025, 1, 1), dt.date(2026, 11, 1), "net"
