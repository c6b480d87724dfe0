"""Numbers typed the Dutch way: governance reads them as the import does, and a form shows its reading before it
stores anything ('1250000' is rewritten to '1.250.000' and saved on the second click; '1,250' is refused)."""

from __future__ import annotations

import decimal
from pathlib import Path

import pytest

from governance.core import formatting, validation
from governance.core.db import open_database
from tests.apptest import run

D = decimal.Decimal


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1.250.000", D("1250000")),
        ("1.250.000,50", D("1250000.50")),
        ("€ 2.000.000", D("2000000")),
        ("-12.500,50", D("-12500.50")),
        ("1250000", D("1250000")),
        ("1250000,50", D("1250000.50")),
        ("12,5", D("12.5")),
        ("0,125", D("0.125")),
        ("  250.000 ", D("250000")),
        ("", None),
    ],
)
def test_typed_numbers_are_read_the_dutch_way(typed: str, value: D | None) -> None:
    assert validation.read_typed(typed) == value


@pytest.mark.parametrize("typed", ["1,250", "12,500", "-999,000"])
def test_a_number_that_reads_two_ways_is_refused(typed: str) -> None:
    with pytest.raises(ValueError, match="dubbelzinnig"):
        validation.read_typed(typed)


@pytest.mark.parametrize("typed", ["twaalf", "1.2.3,4,5", "12,5,0", "€"])
def test_no_number_is_refused_in_dutch(typed: str) -> None:
    with pytest.raises(ValueError, match="geen getal"):
        validation.read_typed(typed)


@pytest.mark.parametrize(
    ("value", "money", "shown"),
    [(1250000, True, "1.250.000"), (D("1250000.5"), True, "1.250.000,50"), (-12500.5, True, "-12.500,50"),
     (None, True, ""), (12.5, False, "12,5"), (50000, False, "50.000"), (0, False, "0")],
)  # fmt: skip
def test_a_number_is_shown_as_it_would_be_typed(value: object, money: bool, shown: str) -> None:
    assert formatting.typed(value, money=money) == shown
    assert validation.read_typed(shown) == (None if value is None else D(str(value)))


def _figures_form(app_db: Path):
    """The Register's Financiën tab of one demo party, on a year without figures yet."""
    db = open_database(app_db)
    pid, code = db.rows("SELECT id, code FROM party ORDER BY name LIMIT 1")[0].values()
    year = int(db.scalar("SELECT max(year) FROM party_year WHERE party_id = ?", [pid])) + 1
    at = run("pages/register.py", {"partij": code})
    at.selectbox(key=f"fy-{pid}").select(year).run()
    at.selectbox(key=f"fk-{pid}-{year}").select("begroting").run()
    return at, db, pid, year, f"y-{pid}-{year}-begroting-v0"


def _stored(db, pid: int, year: int) -> dict:
    rows = db.rows(
        "SELECT contribution, equity_end, result FROM party_year WHERE party_id = ? AND year = ?", [pid, year]
    )
    return rows[0] if rows else {}


def test_figures_typed_otherwise_are_shown_as_read_before_they_are_saved(app_db: Path) -> None:
    at, db, pid, year, prefix = _figures_form(app_db)
    submit = f"FormSubmitter:year-{pid}-{year}-begroting-Cijfers opslaan"
    audited = "SELECT count(*) FROM audit_log WHERE entity = 'party_year' AND action = 'insert'"
    before = db.scalar(audited)
    at.text_input(key=f"{prefix}-contribution").input("1250000")
    at.text_input(key=f"{prefix}-equity_end").input("-12.500,50")
    at.text_input(key=f"{prefix}-result").input("€ 2.000.000")
    at.button(key=submit).click().run()
    assert not at.exception
    assert _stored(db, pid, year) == {}  # nothing stored the user has not seen
    assert at.text_input(key=f"{prefix}-contribution").value == "1.250.000"
    assert at.text_input(key=f"{prefix}-result").value == "2.000.000"
    assert at.text_input(key=f"{prefix}-equity_end").value == "-12.500,50"  # typed as it reads: untouched
    notes = [c.value for c in at.caption]
    assert "U typte '1250000'; gelezen als € 1.250.000. Klopt dit? Sla dan opnieuw op." in notes
    assert any("gelezen als € 2.000.000" in n for n in notes)
    assert any("controleer hoe de getallen gelezen zijn" in w.value for w in at.warning)
    at.button(key=submit).click().run()
    assert _stored(db, pid, year) == {"contribution": D("1250000.00"), "equity_end": D("-12500.50"),
                                      "result": D("2000000.00")}  # fmt: skip
    assert db.scalar(audited) == before + 1


def test_an_ambiguous_or_unreadable_figure_is_refused_naming_the_field(app_db: Path) -> None:
    at, db, pid, year, prefix = _figures_form(app_db)
    at.text_input(key=f"{prefix}-contribution").input("1,250")
    at.text_input(key=f"{prefix}-loans").input("veel")
    at.button(key=f"FormSubmitter:year-{pid}-{year}-begroting-Cijfers opslaan").click().run()
    assert "Niet opgeslagen. Controleer de volgende velden:" in [e.value for e in at.error]
    texts = [t.value for t in at.text]
    assert any(t.startswith("Bijdrage gemeente (€): '1,250' is dubbelzinnig") for t in texts)
    assert any(t.startswith("Verstrekte leningen (€): 'veel' is geen getal") for t in texts)
    assert _stored(db, pid, year) == {}


def test_a_negative_contribution_is_refused_by_governance(app_db: Path) -> None:
    at, db, pid, year, prefix = _figures_form(app_db)
    at.text_input(key=f"{prefix}-contribution").input("-1.000")
    at.button(key=f"FormSubmitter:year-{pid}-{year}-begroting-Cijfers opslaan").click().run()
    assert any("mag niet negatief zijn" in e.value for e in at.error)
    assert _stored(db, pid, year) == {}


def test_risk_amounts_and_percentage_typed_the_dutch_way(app_db: Path) -> None:
    at = run("pages/risicos.py")
    at.text_input(key="new-risk-title").input("Dutch typed")
    at.selectbox(key="new-risk-cat").select("financieel")
    at.text_input(key="new-risk-pct").input("12,5")
    at.text_input(key="new-risk-amount_min").input("250.000")
    at.text_input(key="new-risk-amount_max").input("1.250.000,50")
    at.button(key="FormSubmitter:new-risk-Risico toevoegen").click().run()
    assert not at.exception
    row = open_database(app_db).rows(
        "SELECT probability_pct, amount_min, amount_max FROM risk WHERE title = 'Dutch typed'"
    )[0]
    assert (float(row["probability_pct"]), row["amount_min"], row["amount_max"]) == (
        12.5, D("250000.00"), D("1250000.50"),
    )  # fmt: skip


def test_the_figures_form_opens_on_the_kind_the_year_has(app_db: Path) -> None:
    db = open_database(app_db)
    pid, code, year = db.rows(
        "SELECT p.id, p.code, y.year FROM party p JOIN party_year y ON y.party_id = p.id "
        "WHERE y.kind = 'jaarrekening' ORDER BY p.name, y.year LIMIT 1"
    )[0].values()
    at = run("pages/register.py", {"partij": code})
    at.selectbox(key=f"fy-{pid}").select(int(year)).run()
    assert at.selectbox(key=f"fk-{pid}-{year}").value == "jaarrekening"
    stored = db.scalar(
        "SELECT contribution FROM party_year WHERE party_id = ? AND year = ? AND kind = 'jaarrekening'", [pid, year]
    )
    shown = next(t.value for t in at.text_input if t.key.endswith("-contribution"))
    assert shown == formatting.typed(stored)
