"""Pure rules of the risk matrix, the risk register and the risk profile (no database)."""

from __future__ import annotations

import datetime as dt
import decimal
import itertools
import json

import pandas as pd
import pytest

from governance.core.errors import ValidationError
from governance.risks import (
    changes,
    matrix_format,
    matrix_setting,
    profile,
    profilecharts,
    records,
    remap,
    rubric,
    tables,
)
from governance.risks import matrix as risks_matrix

DEFAULT = risks_matrix.default_matrix()
RUBRIC = rubric.validate_rubric(rubric.DEFAULT_RUBRIC)


def messages(exc: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [str(e) for e in exc.value.errors]


# -- the matrix ---------------------------------------------------------------------------------------------
def test_default_matrix_is_arnhems_5x5() -> None:
    assert DEFAULT.size == (5, 5)
    assert [x.percentage for x in DEFAULT.likelihood] == [10, 30, 50, 70, 90]
    assert [risks_matrix.meaning(DEFAULT, "impact", n) for n in range(1, 6)] == [
        "≤ € 50.000",
        "€ 50.000 – € 200.000",
        "€ 200.000 – € 500.000",
        "€ 500.000 – € 1.000.000",
        "> € 1.000.000",
    ]


def test_cell_level_of_the_default_matrix_follows_the_score() -> None:
    # written out independently: score kans × impact ≤ 4 laag, 5-9 midden, 10-15 hoog, ≥ 16 zeer hoog
    for likelihood, impact in itertools.product(range(1, 6), repeat=2):
        score = likelihood * impact
        expected = "laag" if score <= 4 else "midden" if score <= 9 else "hoog" if score <= 15 else "zeer_hoog"
        assert DEFAULT.level(likelihood, impact) == expected, (likelihood, impact)
    assert DEFAULT.cell_text(4, 3) == "K4 × I3 · Hoog"
    assert DEFAULT.cell_text(None, 3) == "—"
    with pytest.raises(ValueError):
        DEFAULT.level(6, 1)


@pytest.mark.parametrize("size", [(3, 3), (4, 6), (6, 6), (6, 3)])
def test_every_size_gets_a_monotone_default(size: tuple[int, int]) -> None:
    matrix = risks_matrix.default_matrix(*size)
    assert matrix.size == size
    assert matrix_format.warnings(matrix) == []
    assert matrix.level(1, 1) == "laag" and matrix.level(*size) == "zeer_hoog"


def test_a_cell_lower_than_its_neighbour_is_a_warning_not_an_error() -> None:
    raw = matrix_format.to_dict(DEFAULT)
    raw["cells"][4][4] = "laag"  # impact 5, kans 5
    matrix = matrix_format.from_dict(raw)
    assert "Cel kans 5 × impact 5 is lager dan cel kans 4 × impact 5." in matrix_format.warnings(matrix)


def test_yaml_round_trip_keeps_the_matrix() -> None:
    matrix = risks_matrix.resized(DEFAULT, 4, 6)
    text = matrix_format.to_yaml(matrix)
    assert text.startswith("# Risicomatrix")
    assert matrix_format.from_yaml(text.encode()) == matrix


def test_bad_matrices_are_refused_with_each_problem_named() -> None:
    raw = matrix_format.to_dict(DEFAULT)
    raw["likelihood"] = raw["likelihood"] + [{"label": "Zeker", "percentage": 99}, {"label": "", "percentage": 99}]
    raw["impact"][2]["max_amount"] = 40000  # below level 2's upper bound
    raw["levels"]["hoog"]["colour"] = "oranje"
    raw["cells"][0][0] = "extreem"
    with pytest.raises(ValidationError) as caught:
        matrix_format.from_dict(raw)
    text = messages(caught)
    assert "Kans: heeft 7 niveaus; kies er 3 tot en met 6" in text
    assert "Kans niveau 7: naam is verplicht" in text
    assert "Kans niveau 7: percentage moet hoger zijn dan dat van niveau 6" in text
    assert "Impact niveau 3: bovengrens moet hoger zijn dan dat van niveau 2" in text
    assert "Niveau Hoog: kleur 'oranje' is geen kleurcode als #ffe08a" in text
    assert any(t.startswith("Cellen impact 1: verwacht 7 niveaus") for t in text)


def test_yaml_that_is_not_yaml_names_the_line() -> None:
    with pytest.raises(ValidationError) as caught:
        matrix_format.from_yaml("likelihood: [\n  - label: a\n impact: x")
    assert messages(caught)[0].startswith("YAML-bestand: is geen geldige YAML (regel ")
    with pytest.raises(ValidationError) as caught:
        matrix_format.from_yaml("- gewoon een lijst")
    assert "Risicomatrix: verwacht de onderdelen likelihood, impact, levels en cells" in messages(caught)


def test_text_on_every_colour_has_enough_contrast() -> None:
    colours = [*DEFAULT.level_colours.values(), "#777777", "#0000ff", "#ffff00", "#ff0000", "#00aa00", "#808080"]
    for colour in colours:
        assert risks_matrix.contrast(colour, risks_matrix.text_colour(colour)) >= 4.5, colour


# -- remapping -----------------------------------------------------------------------------------------------
def test_proportional_mapping_is_shown_and_never_loses_a_level() -> None:
    three = risks_matrix.default_matrix(3, 3)
    assert remap.map_scale(DEFAULT.likelihood, three.likelihood, "proportioneel", "likelihood") == {
        1: 1, 2: 2, 3: 2, 4: 3, 5: 3,
    }  # fmt: skip
    assert remap.map_scale(three.impact, DEFAULT.impact, "proportioneel", "impact") == {1: 1, 2: 3, 3: 5}
    assert remap.mapping_text(DEFAULT, three, "proportioneel")["Kans"] == "1 → 1, 2 → 2, 3 → 2, 4 → 3, 5 → 3"


def test_same_number_mapping_says_which_levels_have_no_place() -> None:
    three = risks_matrix.default_matrix(3, 3)
    assert remap.map_scale(DEFAULT.impact, three.impact, "gelijk", "impact") == {
        1: 1, 2: 2, 3: 3, 4: None, 5: None,
    }  # fmt: skip
    assert remap.mapping_text(DEFAULT, three, "gelijk")["Impact"].endswith("4 → past niet, 5 → past niet")


def test_mapping_by_meaning_uses_percentages_and_euro_bands() -> None:
    three = risks_matrix.default_matrix(3, 3)  # kans 17/50/83 %; impact ≤ 200k, 200k-1 mln, > 1 mln
    assert remap.map_scale(DEFAULT.likelihood, three.likelihood, "betekenis", "likelihood") == {
        1: 1, 2: 1, 3: 2, 4: 3, 5: 3,
    }  # fmt: skip
    assert remap.map_scale(DEFAULT.impact, three.impact, "betekenis", "impact") == {
        1: 1, 2: 1, 3: 2, 4: 2, 5: 3,
    }  # fmt: skip
    words = risks_matrix.Matrix(
        likelihood=three.likelihood,
        impact=tuple(risks_matrix.ScaleLevel(label=x) for x in ("Gering", "Merkbaar", "Ernstig")),
        cells=three.cells,
    )
    assert remap.method_available(DEFAULT, words, "betekenis") == (
        "Op betekenis kan alleen als beide impactschalen bedragen hebben."
    )


def test_preview_lists_old_and_new_cell_and_what_cannot_fit() -> None:
    three = risks_matrix.default_matrix(3, 3)
    risks_ = pd.DataFrame(
        [
            {"id": 1, "version": 1, "title": "A", "party_name": "P", "gross_likelihood": 5, "gross_impact": 5,
             "net_likelihood": 3, "net_impact": 2},
            {"id": 2, "version": 1, "title": "B", "party_name": "P", "gross_likelihood": 1, "gross_impact": 1,
             "net_likelihood": 1, "net_impact": 1},
            {"id": 3, "version": 1, "title": "C", "party_name": "P", "gross_likelihood": None, "gross_impact": None,
             "net_likelihood": None, "net_impact": None},
        ]
    )  # fmt: skip
    plan = remap.remap_preview(risks_, DEFAULT, three, "gelijk").set_index("id")
    assert 3 not in plan.index  # no score, nothing to move
    assert plan.loc[1, "outcome"] == "past niet" and not plan.loc[1, "fits"]
    assert plan.loc[1, "gross_new"] == "past niet: kans 5 (nieuw: 3 niveaus), impact 5 (nieuw: 3 niveaus)"
    assert plan.loc[2, "outcome"] == "ongewijzigd"
    plan = remap.remap_preview(risks_, DEFAULT, three, "proportioneel").set_index("id")
    assert plan.loc[1, "gross_old"] == "K5 × I5 · Zeer hoog" and plan.loc[1, "gross_new"] == "K3 × I3 · Zeer hoog"
    # 4 of 9 on the 3×3 default is hoog: the preview says the level changes, not only the cell
    assert plan.loc[1, "net_old"] == "K3 × I2 · Midden" and plan.loc[1, "net_new"] == "K2 × I2 · Hoog"
    assert plan.loc[1, "outcome"] == "ander niveau"
    assert plan.loc[2, "outcome"] == "ongewijzigd"


# -- risk validation -------------------------------------------------------------------------------------------
GOOD = {"category": "financieel", "title": "Tekort", "gross_likelihood": 4, "gross_impact": 4, "net_likelihood": 3,
        "net_impact": 3, "amount_min": 100, "amount_likely": 200, "amount_max": 300}  # fmt: skip


def test_a_good_risk_is_cleaned() -> None:
    clean = records.validate_risk({**GOOD, "status": "Beheerst", "next_review": "31-12-2026"}, DEFAULT)
    assert clean["status"] == "beheerst" and clean["next_review"] == dt.date(2026, 12, 31)
    assert clean["amount_likely"] == decimal.Decimal("200.00")


def test_bad_risk_input_gets_a_dutch_message_per_field() -> None:
    with pytest.raises(ValidationError) as caught:
        records.validate_risk(
            {**GOOD, "title": "  ", "gross_likelihood": 6, "net_impact": "twee", "amount_min": 500, "amount_max": 300},
            DEFAULT,
        )
    assert messages(caught) == [
        "Titel: is verplicht",
        "Kans (bruto): '6' past niet: kies een geheel getal van 1 tot en met 5 (de risicomatrix heeft 5 kansniveaus)",
        "Impact (netto): 'twee' past niet: kies een geheel getal van 1 tot en met 5 "
        "(de risicomatrix heeft 5 impactniveaus)",
        "Bedrag minimum: € 500 ligt boven het maximum (€ 300)",
    ]


def test_net_above_gross_and_half_a_score_are_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        records.validate_risk({**GOOD, "net_likelihood": 5, "gross_impact": None}, DEFAULT)
    assert messages(caught) == [
        "Impact (bruto): vul ook dit in, of laat kans en impact allebei leeg",
        "Kans (netto): 5 is hoger dan de bruto kans (4); netto is na beheersmaatregelen",
    ]


def test_the_scale_follows_the_configured_matrix() -> None:
    three = risks_matrix.default_matrix(3, 3)
    with pytest.raises(ValidationError) as caught:
        records.validate_risk(GOOD, three)
    assert "(de risicomatrix heeft 3 kansniveaus)" in messages(caught)[0]


def test_most_likely_amount_outside_the_range() -> None:
    with pytest.raises(ValidationError) as caught:
        records.validate_risk({**GOOD, "amount_likely": 900}, DEFAULT)
    assert messages(caught) == ["Bedrag meest waarschijnlijk: ligt niet tussen het minimum en het maximum"]


def test_measure_rows_are_named_by_number() -> None:
    with pytest.raises(ValidationError) as caught:
        records.validate_measure({"description": "", "status": "klaar", "due_date": "morgen"}, row=2)
    assert messages(caught) == [
        "Rij 2, Maatregel: is verplicht",
        "Rij 2, Status: 'klaar' is geen geldige waarde; kies uit: Gepland, In uitvoering, Gereed, Vervallen",
        "Rij 2, Gereed uiterlijk: 'morgen' is geen datum (gebruik dd-mm-jjjj)",
    ]


# -- the risk profile -----------------------------------------------------------------------------------------
def scores(**overrides: int) -> dict[str, int]:
    return {c["code"]: overrides.get(c["code"], 3) for c in RUBRIC["criteria"]}


def test_weighted_scores_and_class() -> None:
    s = scores(bestuurlijk_belang=4, maatschappelijk_belang=5, financiele_exposure=4, politieke_gevoeligheid=4)
    result = profile.scores_of(RUBRIC, s)
    # by hand with the default weights: belang (2·4 + 2·5) / 4; risico (3·4 + 2·4 + 1·3 + 1·3) / 7
    assert result["belang"] == decimal.Decimal("4.50")
    assert result["risico"] == decimal.Decimal("3.71")
    assert result["total"] == decimal.Decimal("4.00")  # 44 / 11
    assert profile.classify(RUBRIC, result["total"]) == "hoog"


@pytest.mark.parametrize(
    ("total", "expected"),
    [(1, "laag"), (2.49, "laag"), (2.5, "midden"), (3.49, "midden"), (3.5, "hoog"), (5, "hoog")],
)
def test_class_thresholds_include_their_lower_bound(total: float, expected: str) -> None:
    assert profile.classify(RUBRIC, total) == expected


def test_new_party_is_high_in_its_first_year_whatever_it_scores() -> None:
    party = {"status": "actief", "founded": dt.date(2026, 3, 1)}
    low = {"profile_class": "laag", "next_assessment": dt.date(2030, 3, 1)}
    first_year = profile.effective(party, low, RUBRIC, dt.date(2026, 11, 24))
    assert first_year["profile_class"] == "hoog" and first_year["source"] == "nieuwe partij"
    assert first_year["next_assessment"] == dt.date(2027, 3, 1)
    later = profile.effective(party, low, RUBRIC, dt.date(2027, 3, 1))
    assert later["profile_class"] == "laag" and later["source"] == "beoordeling"
    founding = profile.effective({"status": "in_oprichting", "founded": None}, None, RUBRIC, dt.date(2026, 1, 1))
    assert founding["profile_class"] == "hoog"


def test_unassessed_and_overdue_parties_are_flagged() -> None:
    old = {"status": "actief", "founded": dt.date(1990, 1, 1)}
    assert profile.effective(old, None, RUBRIC, dt.date(2026, 1, 1))["note"] == "Nog niet beoordeeld"
    due = {"profile_class": "midden", "next_assessment": dt.date(2025, 6, 1)}
    result = profile.effective(old, due, RUBRIC, dt.date(2026, 1, 1))
    assert result["overdue"] and result["note"] == "Herbeoordeling achterstallig sinds 01-06-2025"


def test_reassessment_date_handles_leap_days() -> None:
    assert profile.add_years(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 29)
    assert profile.add_years(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)
    assert profile.add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)


def test_assessment_scores_outside_1_to_5_and_future_dates_are_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        profile.validate_assessment(
            RUBRIC, {**scores(), "complexiteit": 7, "prestaties": None}, "2027-01-01", dt.date(2026, 11, 24)
        )
    assert messages(caught) == [
        "Complexiteit: '7' past niet: kies een geheel getal van 1 tot en met 5",
        "Prestaties: is verplicht (score 1 tot en met 5)",
        "Beoordeeld op: ligt in de toekomst",
    ]


def test_rubric_validation_names_each_problem() -> None:
    bad = {
        **rubric.DEFAULT_RUBRIC,
        "criteria": [{"label": "Alleen belang", "axis": "belang", "weight": 0}],
        "thresholds": {"midden": 4, "hoog": 3},
    }
    with pytest.raises(ValidationError) as caught:
        rubric.validate_rubric(bad)
    assert messages(caught) == [
        "Criterium 1 (Alleen belang): gewicht '0' moet een getal groter dan 0 en hoogstens 10 zijn",
        "Criteria: minstens één criterium op de as risico is nodig",
        "Grenzen: kies 1 < grens midden < grens hoog ≤ 5 (nu: midden 4, hoog 3)",
    ]


def test_zones_of_the_chart_agree_with_the_classes() -> None:
    polygons = profile.zones(RUBRIC)

    def area(poly: list[tuple[float, float]]) -> float:
        return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(poly, poly[1:] + poly[:1], strict=True))) / 2

    assert sum(area(p) for p in polygons.values()) == pytest.approx(16.0)
    wr = sum(c["weight"] for c in RUBRIC["criteria"] if c["axis"] == "risico")
    wb = sum(c["weight"] for c in RUBRIC["criteria"] if c["axis"] == "belang")
    for cls, poly in polygons.items():  # the centre of each zone gets that zone's class
        cx, cy = sum(p[0] for p in poly) / len(poly), sum(p[1] for p in poly) / len(poly)
        assert profile.classify(RUBRIC, (wr * cx + wb * cy) / (wr + wb)) == cls


def test_bubbles_are_spread_until_none_overlap() -> None:
    points = [(3.0, 3.0)] * 5 + [(3.05, 3.0)]
    radii = [20.0] * 6
    spread = profilecharts._spread(points, radii)
    for (a, b), (ra, rb) in zip(itertools.combinations(spread, 2), itertools.combinations(radii, 2), strict=True):
        assert ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5 * profilecharts.PX_PER_UNIT >= ra + rb


# -- rules the pages used to decide themselves ---------------------------------------------------------------
def test_an_empty_probability_follows_the_net_likelihood_and_a_typed_one_is_kept() -> None:
    assert records.with_default_probability({"net_likelihood": 4, "probability_pct": None}, DEFAULT) == {
        "net_likelihood": 4,
        "probability_pct": 70,  # the default matrix: 10/30/50/70/90 %
    }
    typed = {"net_likelihood": 4, "probability_pct": 15.0}
    assert records.with_default_probability(typed, DEFAULT) == typed
    unscored = {"net_likelihood": None, "probability_pct": None}
    assert records.with_default_probability(unscored, DEFAULT) == unscored


REGISTER = pd.DataFrame(
    [
        {"id": 1, "party_name": "A", "category": "financieel", "owner": "Jan", "status": "open", "change": "hoger"},
        {"id": 2, "party_name": "A", "category": "bestuurlijk", "owner": None, "status": "vervallen",
         "change": "nieuw"},
        {"id": 3, "party_name": "B", "category": "financieel", "owner": "Jan", "status": "beheerst", "change": "hoger"},
    ]
)  # fmt: skip


def test_the_selection_narrows_by_status_only_what_is_shown() -> None:
    chosen = tables.Selection(parties=["A"], statuses=["open", "beheerst"])
    assert chosen.scope(REGISTER)["id"].tolist() == [1, 2]  # movement and overdue reviews see vervallen too
    assert chosen.shown(REGISTER)["id"].tolist() == [1]
    assert tables.Selection().shown(REGISTER)["id"].tolist() == [1, 2, 3]
    assert chosen.text() == "partij: A; status: open, beheerst"
    assert tables.Selection().text() == ""


def test_a_link_opens_only_a_risk_in_the_register() -> None:
    assert tables.requested_risk(REGISTER, "3") == 3
    assert [tables.requested_risk(REGISTER, x) for x in (None, "", "9", "3a", "-1")] == [None] * 5


def test_overdue_measures_follow_the_selection() -> None:
    measures = pd.DataFrame({"id": [10, 11, 12], "risk_id": [1, 3, 9]})
    assert tables.measures_of(measures, REGISTER[REGISTER["party_name"] == "A"])["id"].tolist() == [10]


def test_the_cell_picker_reads_like_the_heat_map() -> None:
    three = risks_matrix.default_matrix(3, 3)
    counts = [[1, 0, 0], [0, 2, 0], [0, 0, 3]]  # [impact - 1][kans - 1]
    options = tables.cell_options(three, counts)
    assert list(options) == ["3-3", "2-3", "1-3", "3-2", "2-2", "1-2", "3-1", "2-1", "1-1"]
    assert options["3-3"] == tables.cell_label(three, 3, 3, 3)
    assert options["1-1"].endswith("· 1 risico")
    assert tables.parse_cell("2-3") == (2, 3)


def test_movement_period_and_counts() -> None:
    assert changes.default_period(dt.date(2026, 3, 1)) == (dt.date(2025, 3, 1), dt.date(2026, 3, 1))
    assert changes.period_error(dt.date(2026, 1, 1), dt.date(2026, 1, 1)) is None
    assert changes.period_error(dt.date(2026, 1, 2), dt.date(2026, 1, 1)) == (
        "De datum 'Van' ligt na 'Tot en met'; kies een periode die vooruit loopt."
    )
    assert changes.change_counts(REGISTER) == {
        "hoger": 2, "lager": 0, "andere cel": 0, "nieuw": 1, "vervallen": 0, "verwijderd": 0,
    }  # fmt: skip


def test_a_new_assessment_starts_from_the_last_scores_else_the_middle() -> None:
    previous = {"bestuurlijk_belang": 5, "complexiteit": 1, "vervallen_criterium": 2}
    assert profile.form_scores(RUBRIC, previous) == {
        "bestuurlijk_belang": 5,
        "maatschappelijk_belang": 3,
        "financiele_exposure": 3,
        "politieke_gevoeligheid": 3,
        "complexiteit": 1,
        "prestaties": 3,
    }
    assert profile.SCORE_OPTIONS == (1, 2, 3, 4, 5)


PROFILES = pd.DataFrame(
    [
        {"name": "A", "code": "a", "profile_class": "hoog", "overdue": True, "source": "beoordeling",
         "risk_score": 4.0, "belang_score": 4.0, "total_score": 4.0},
        {"name": "B", "code": "b", "profile_class": "hoog", "overdue": False, "source": "nieuwe partij",
         "risk_score": 2.0, "belang_score": 1.0, "total_score": 1.5},
        {"name": "C", "code": "c", "profile_class": None, "overdue": True, "source": None,
         "risk_score": None, "belang_score": None, "total_score": None},
        {"name": "D", "code": "d", "profile_class": "laag", "overdue": False, "source": "beoordeling",
         "risk_score": 1.0, "belang_score": 2.0, "total_score": 4.0},
    ]
)  # fmt: skip


def test_profile_counts_per_class_and_overdue_reassessments() -> None:
    assert profile.class_counts(PROFILES) == {"hoog": 2, "midden": 0, "laag": 1, "geen": 1}
    assert profile.overdue_count(PROFILES) == 1  # C is overdue but was never assessed: counted as 'geen'


def test_bubble_legend_numbers_the_placed_parties_and_marks_new_ones() -> None:
    assert profilecharts.bubble_legend(PROFILES) == [
        "1. A (hoog; belang 4,0, risico 4,0)",
        "2. B (hoog, nieuw ◆; belang 1,0, risico 2,0)",
        "3. D (laag; belang 2,0, risico 1,0)",
    ]
    assert profilecharts.unplaced(PROFILES) == ["C"]


def test_spider_offers_the_assessed_parties_highest_total_first() -> None:
    assert profilecharts.spider_candidates(PROFILES)["code"].tolist() == ["a", "d", "b"]  # a tie keeps the order
    assert profilecharts.SPIDER_MAX == len(profilecharts.DASHES) == len(profilecharts.SYMBOLS)


def test_a_preview_allows_a_save_only_with_a_change_and_nothing_clamped() -> None:
    three = risks_matrix.default_matrix(3, 3)
    plan = pd.DataFrame({"outcome": ["ongewijzigd", "andere cel", "past niet", "andere cel"]})
    verdict = matrix_setting.judge_preview(plan, DEFAULT, three)
    assert verdict.counts == {"past niet": 1, "ander niveau": 0, "andere cel": 2, "ongewijzigd": 1}
    assert (verdict.stuck, verdict.unchanged, verdict.can_save) == (1, False, False)
    fits = matrix_setting.judge_preview(plan[plan["outcome"] != "past niet"], DEFAULT, three)
    assert (fits.stuck, fits.can_save) == (0, True)
    same = matrix_setting.judge_preview(plan[plan["outcome"] == "ongewijzigd"], DEFAULT, DEFAULT)
    assert (same.unchanged, same.can_save) == (True, False)


def test_a_setting_row_gives_its_matrix_or_rubric_and_none_the_defaults() -> None:
    three = risks_matrix.default_matrix(3, 3)
    assert matrix_setting.matrix_of(None) == DEFAULT
    row = {"key": "risk_matrix", "value": json.dumps(matrix_format.to_dict(three)), "version": 2}
    assert matrix_setting.matrix_of(row) == three
    assert rubric.rubric_of(None) == RUBRIC
    changed = {**RUBRIC, "new_party_months": 6}
    assert rubric.rubric_of({"key": "profile_rubric", "value": json.dumps(changed), "version": 1}) == changed
