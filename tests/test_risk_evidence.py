"""Financial signals feed the risk profile (issue 14): beside a financial criterion of the rubric the party's open
financial signals are shown as evidence, on the Risicoprofiel page and in governance; the score stays the
controller's (no suggestion mechanism exists in the rubric, so none is invented and nothing is changed)."""

from __future__ import annotations

import copy
from pathlib import Path

import pandas as pd

from governance import finance, risks
from governance.core.db import Database, open_database
from tests import actors
from tests.apptest import run

PROFIEL = "pages/risicoprofiel.py"
REC = "recreatieschap-voorbeeldplassen"


def _pid(db: Database, code: str) -> int:
    return int(db.scalar("SELECT id FROM party WHERE code = ?", [code]))


def test_the_default_rubrics_financial_criterion_gets_the_open_signals_only(demo_db: Database) -> None:
    rubric = risks.get_rubric(demo_db)
    assert risks.financial_criteria(rubric) == ["financiele_exposure"]
    found = finance.signals(demo_db, 2025)
    pid = _pid(demo_db, REC)
    evidence = risks.criterion_evidence(rubric, found, pid)
    assert set(evidence) == {"financiele_exposure"}
    assert {e["rule"] for e in evidence["financiele_exposure"]} == {
        "negatief_ev", "negatieve_resultaten", "bijdrage_stijgt",
    }  # fmt: skip
    finance.acknowledge(demo_db, f"negatief_ev:{REC}:2025", "Opheffing besloten", actors.CONTROLLER)
    after = risks.criterion_evidence(rubric, finance.signals(demo_db, 2025), pid)
    assert "negatief_ev" not in {e["rule"] for e in after["financiele_exposure"]}  # accepted: no longer evidence
    assert risks.criterion_evidence(rubric, found, _pid(demo_db, "rekenkamer-voorbeeldland")) == {}


def test_a_rubric_without_a_financial_criterion_gets_no_evidence(demo_db: Database) -> None:
    rubric = copy.deepcopy(risks.get_rubric(demo_db))
    rubric["criteria"] = [c for c in rubric["criteria"] if c["code"] != "financiele_exposure"]
    assert risks.financial_criteria(rubric) == []
    assert risks.criterion_evidence(rubric, finance.signals(demo_db, 2025), _pid(demo_db, REC)) == {}
    own = {**rubric, "criteria": [*rubric["criteria"], {"code": "geld", "label": "Financiële positie"}]}
    assert risks.financial_criteria(own) == ["geld"]  # a gemeente's own financial criterion, matched by its name
    assert risks.criterion_evidence(own, pd.DataFrame(columns=finance.SIGNAL_COLUMNS), 1) == {}


def test_the_assessment_form_shows_the_signals_beside_the_criterion_and_keeps_the_score(app_db: Path) -> None:
    db = open_database(app_db)
    pid = _pid(db, REC)
    before = risks.last_scores(db, pid)
    at = run(PROFIEL, user="controller")
    at.selectbox(key="year").set_value(2025).run()
    at.selectbox(key="assess-party").set_value(pid).run()
    assert not at.exception
    shown = [m.value for m in at.markdown if "open financiële signalen 2025" in m.value]
    assert len(shown) == 1
    assert "Negatief eigen vermogen: Recreatieschap Voorbeeldplassen: eigen vermogen 31 december -€ 649.000" in shown[0]
    assert "De score blijft uw oordeel" in shown[0]
    # the controller's earlier score is what the form starts from: the signals do not change it
    assert at.radio(key=f"assess-{pid}-financiele_exposure").value == before["financiele_exposure"]
    at.button(key=f"FormSubmitter:assess-{pid}-Beoordeling vastleggen").click().run()
    assert risks.last_scores(open_database(app_db), pid) == before


def test_a_lezer_sees_the_evidence_without_a_form(app_db: Path) -> None:
    pid = _pid(open_database(app_db), REC)
    at = run(PROFIEL, user="lezer")
    at.selectbox(key="year").set_value(2025).run()
    at.selectbox(key="assess-party").set_value(pid).run()
    assert [m.value for m in at.markdown if "open financiële signalen 2025" in m.value]
    assert not [f for f in at.main.get("form")]
