"""Pure rules: BBV completeness, validation messages, formatting; and the domain functions on real files."""

from __future__ import annotations

import datetime as dt
import decimal

import pytest

from governance.core import formatting
from governance.core.db import Database
from governance.core.errors import ValidationError
from governance.register import bbv
from governance.register import figures as finance
from governance.register import records as register
from tests import actors

COMPLETE_PARTY = {"interest_held": "Deelnemer", "public_interest": "Veiligheid", "no_material_risks": False}
COMPLETE_FIGURES = {k: 1 for k in bbv.FIGURE_ITEMS}


def test_complete_party_has_no_gaps() -> None:
    assert bbv.missing_items(COMPLETE_PARTY, COMPLETE_FIGURES, material_risks=2) == []


def test_each_missing_item_is_named() -> None:
    assert bbv.missing_items({**COMPLETE_PARTY, "public_interest": "  "}, COMPLETE_FIGURES, 1) == ["public_interest"]
    assert bbv.missing_items(COMPLETE_PARTY, {**COMPLETE_FIGURES, "equity_end": None}, 1) == ["equity_end"]
    assert bbv.missing_items(COMPLETE_PARTY, None, 1) == list(bbv.FIGURE_ITEMS)
    assert bbv.missing_items(COMPLETE_PARTY, COMPLETE_FIGURES, 0) == ["risks"]


def test_zero_is_a_value_not_a_gap() -> None:
    assert bbv.missing_items(COMPLETE_PARTY, {**COMPLETE_FIGURES, "result": 0}, 1) == []


def test_no_material_risks_statement_counts_as_present() -> None:
    # only a dated statement for the year counts (tests/test_domain_truth.py); the old undated flag does not
    assert bbv.missing_items(COMPLETE_PARTY, COMPLETE_FIGURES, 0, no_material_stated=True) == []
    assert bbv.missing_items({**COMPLETE_PARTY, "no_material_risks": True}, COMPLETE_FIGURES, 0) == ["risks"]


def test_party_validation_reports_every_field_in_dutch() -> None:
    with pytest.raises(ValidationError) as caught:
        register.validate_party(
            {
                "name": " ",
                "legal_form": "gmbh",
                "bbv_category": "overig",
                "kvk": "12ab",
                "founded": "2020-05-01",
                "ended": "01-01-2019",
            }
        )
    assert [str(e) for e in caught.value.errors] == [
        "Naam: is verplicht",
        "Rechtsvorm: 'gmbh' is geen geldige waarde; kies uit: Openbaar lichaam, Bedrijfsvoeringsorganisatie, "
        "Gemeenschappelijk orgaan, Centrumregeling, Regeling zonder meer, NV, BV, Coöperatie, Stichting, "
        "Vereniging, Commanditaire vennootschap (C.V.), Overig",
        "KvK-nummer: moet uit 8 cijfers bestaan",
        "Beëindigd: ligt vóór de oprichtingsdatum",
    ]


def test_party_validation_accepts_labels_and_dutch_dates() -> None:
    clean = register.validate_party(
        {
            "name": " GGD ",
            "legal_form": "Openbaar lichaam",
            "bbv_category": "Gemeenschappelijke regelingen",
            "founded": "01-02-2003",
        }
    )
    assert clean == {
        "name": "GGD",
        "legal_form": "openbaar_lichaam",
        "bbv_category": "gemeenschappelijke_regeling",
        "founded": dt.date(2003, 2, 1),
    }


def test_year_validation_refuses_negative_contribution_but_allows_negative_equity() -> None:
    with pytest.raises(ValidationError) as caught:
        finance.validate_year({"year": 2025, "kind": "begroting", "contribution": -5, "equity_end": -100})
    assert [str(e) for e in caught.value.errors] == ["Bijdrage gemeente: mag niet negatief zijn"]
    clean = finance.validate_year({"year": "2025", "kind": "Jaarrekening", "equity_end": "-100.5"})
    assert clean == {"year": 2025, "kind": "jaarrekening", "equity_end": decimal.Decimal("-100.50")}


def test_year_validation_requires_year_and_kind() -> None:
    with pytest.raises(ValidationError) as caught:
        finance.validate_year({"contribution": "veel"})
    assert [str(e) for e in caught.value.errors] == [
        "Bijdrage gemeente: 'veel' is geen bedrag",
        "Jaar: is verplicht",
        "Soort: is verplicht",
    ]


def test_create_party_makes_a_unique_code_and_default_category(empty_db: Database) -> None:
    values = {
        "name": "Omgevingsdienst Regio",
        "legal_form": "openbaar_lichaam",
        "bbv_category": "gemeenschappelijke_regeling",
    }
    a = register.create_party(empty_db, values, actors.named("t"))
    b = register.create_party(empty_db, values, actors.named("t"))
    codes = [register.get_party(empty_db, i)["code"] for i in (a, b)]
    assert codes == ["omgevingsdienst-regio", "omgevingsdienst-regio-2"]


def test_save_year_inserts_then_updates(empty_db: Database) -> None:
    pid = register.create_party(
        empty_db, {"name": "X", "legal_form": "nv", "bbv_category": "overig"}, actors.named("t")
    )
    first = finance.save_year(
        empty_db, pid, {"year": 2025, "kind": "begroting", "contribution": 1000}, actors.named("t"), None
    )
    seen = finance.get_year(empty_db, pid, 2025, "begroting")
    again = finance.save_year(
        empty_db, pid, {"year": 2025, "kind": "begroting", "contribution": 2000}, actors.named("t"), original=seen
    )
    assert first == again
    assert finance.get_year(empty_db, pid, 2025, "begroting")["contribution"] == decimal.Decimal("2000.00")
    actions = empty_db.rows("SELECT action FROM audit_log WHERE entity = 'party_year' ORDER BY id")
    assert [r["action"] for r in actions] == ["insert", "update"]


def test_jaarrekening_wins_over_begroting(empty_db: Database) -> None:
    pid = register.create_party(
        empty_db, {"name": "X", "legal_form": "nv", "bbv_category": "overig"}, actors.named("t")
    )
    finance.save_year(empty_db, pid, {"year": 2025, "kind": "begroting", "contribution": 1000}, actors.named("t"), None)
    finance.save_year(
        empty_db, pid, {"year": 2025, "kind": "jaarrekening", "contribution": 1200}, actors.named("t"), None
    )
    row = finance.figures_for_year(empty_db, 2025).iloc[0]
    assert (row["kind"], float(row["contribution"])) == ("jaarrekening", 1200.0)


def test_archived_party_leaves_the_yearly_figures(empty_db: Database) -> None:
    pid = register.create_party(
        empty_db, {"name": "X", "legal_form": "nv", "bbv_category": "overig"}, actors.named("t")
    )
    register.archive_party(empty_db, pid, actors.named("t"), register.get_party(empty_db, pid), "opgeheven")
    assert finance.figures_for_year(empty_db, 2025).empty
    assert register.get_party(empty_db, pid)["archived_at"] is not None
    register.restore_party(empty_db, pid, actors.named("t"), register.get_party(empty_db, pid))
    assert len(finance.figures_for_year(empty_db, 2025)) == 1


@pytest.mark.parametrize(
    ("value", "compact", "text"),
    [
        (1234567, False, "€ 1.234.567"),
        (4_800_000, True, "€ 4,8 mln"),
        (5.1e9, True, "€ 5,1 mld"),
        (-1500, False, "-€ 1.500"),
        (None, False, "—"),
        (float("nan"), True, "—"),
        (25_000, True, "€ 25k"),
    ],
)
def test_euro_in_dutch_notation(value: float | None, compact: bool, text: str) -> None:
    assert formatting.euro(value, compact) == text
