"""The bodies (organen) follow the legal form (issue 13 point 7): one definition in governance.roles.bodies,
enforced on every write of a representation (form, import, demo), offered by the forms, and the demo follows it.

The expected bodies per form are written out here from the issue's list (the law as summarised in
../shared/design/domain.md), not taken from the code under test. Real DuckDB files; AppTest for the party page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from governance.core.db import Database, open_database
from governance.core.errors import ValidationError
from governance.demo import loader as demo
from governance.register import records as register
from governance.roles import people, representations
from tests import actors, demo_facts
from tests.apptest import run

OFFICIAL = {"accounthouder", "adviseur"}
EXPECTED: dict[str, set[str]] = {
    "openbaar_lichaam": {"ab", "db", "voorzitter", "adviescommissie"},
    "bedrijfsvoeringsorganisatie": {"bestuur"},
    "gemeenschappelijk_orgaan": {"orgaan"},
    "centrumregeling": {"overleg"},
    "regeling_zonder_meer": {"overleg"},
    "nv": {"ava", "rvc"},
    "bv": {"ava", "rvc"},
    "stichting": {"bestuur", "raad_van_toezicht"},
    "vereniging": {"alv", "bestuur", "ledenraad"},
    "cooperatie": {"alv", "bestuur", "ledenraad"},
    "cv": {"vennoten"},
}
ALL_SEATS = set().union(*EXPECTED.values())
CATEGORY = {
    "nv": "vennootschap_cooperatie",
    "bv": "vennootschap_cooperatie",
    "cooperatie": "vennootschap_cooperatie",
    "stichting": "stichting_vereniging",
    "vereniging": "stichting_vereniging",
    "cv": "overig",
}


def party_of(db: Database, form: str) -> int:
    values = {
        "code": "p-" + form.replace("_", "-"),
        "name": f"Partij {form}",
        "legal_form": form,
        "bbv_category": CATEGORY.get(form, "gemeenschappelijke_regeling"),
    }
    return register.create_party(db, values, actors.named("test"))


def seat(db: Database, person: int, party: int, body: str) -> int:
    values = {"person_id": person, "party_id": party, "body": body, "capacity": "eigenaar"}
    return representations.save_representation(db, values, actors.named("test"))


def test_every_legal_form_takes_exactly_its_own_bodies(empty_db: Database) -> None:
    wethouder = people.save_person(empty_db, {"code": "w", "name": "Wim", "function": "wethouder"}, actors.named("t"))
    ambtenaar = people.save_person(empty_db, {"code": "a", "name": "Ans", "function": "ambtenaar"}, actors.named("t"))
    for form, allowed in EXPECTED.items():
        party = party_of(empty_db, form)
        for body in sorted(ALL_SEATS):
            if body in allowed:
                seat(empty_db, wethouder, party, body)
                continue
            with pytest.raises(ValidationError) as caught:
                seat(empty_db, wethouder, party, body)
            [error] = caught.value.errors
            assert error.field == "body" and error.label == "Orgaan"
            assert f"Partij {form}: een " in error.message and " heeft geen " in error.message, error.message
        for body in OFFICIAL:  # the ambtelijke roles go with every party
            seat(empty_db, ambtenaar, party, body)
        stored = {r["body"] for r in empty_db.rows("SELECT body FROM representation WHERE party_id = ?", [party])}
        assert stored == allowed | OFFICIAL, form


def test_the_refusal_names_the_bodies_the_form_has(empty_db: Database) -> None:
    person = people.save_person(empty_db, {"code": "w", "name": "Wim", "function": "wethouder"}, actors.named("t"))
    bvo = party_of(empty_db, "bedrijfsvoeringsorganisatie")
    with pytest.raises(ValidationError) as caught:
        seat(empty_db, person, bvo, "ab")
    assert [str(e) for e in caught.value.errors] == [
        "Orgaan: Partij bedrijfsvoeringsorganisatie: een bedrijfsvoeringsorganisatie heeft geen algemeen bestuur "
        "(ab); kies uit: Bestuur"
    ]
    centrum = party_of(empty_db, "centrumregeling")
    with pytest.raises(ValidationError) as caught:
        seat(empty_db, person, centrum, "adviescommissie")
    assert "geen eigen organen; vastleggen als bestuurlijk overleg" in str(caught.value.errors[0])
    cv = party_of(empty_db, "cv")
    with pytest.raises(ValidationError) as caught:
        seat(empty_db, person, cv, "ava")
    assert "een commanditaire vennootschap (c.v.) heeft geen algemene vergadering" in str(caught.value.errors[0])
    assert empty_db.scalar("SELECT count(*) FROM representation") == 0


def test_the_demo_follows_the_legal_forms() -> None:
    forms = demo_facts.csv("parties").set_index("code")["legal_form"]
    reps = demo_facts.csv("representations")
    wrong = [
        (r["party"], r["body"])
        for r in reps.to_dict("records")
        if r["body"] not in OFFICIAL and r["body"] not in EXPECTED[forms[r["party"]]]
    ]
    assert wrong == []
    assert forms["vo-cv"] == "cv"
    assert set(reps.loc[reps["party"] == "vo-cv", "body"]) - OFFICIAL == {"vennoten"}
    assert set(reps.loc[reps["party"] == "jeugdzorg-kolkerveld", "body"]) - OFFICIAL == {"overleg"}


def test_a_demo_file_with_a_body_its_form_lacks_is_refused_naming_the_row(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    shutil.copytree(demo.DEMO_DIR, folder)
    path = folder / "representations.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(n for n, line in enumerate(lines) if line.startswith("weth-kamphorst,vo-cv,vennoten,"))
    lines[row] = lines[row].replace(",vennoten,", ",ava,")
    path.write_text("".join(lines), encoding="utf-8")
    db = open_database(tmp_path / "x.duckdb")
    with pytest.raises(ValidationError) as caught:
        demo.load(db, folder)
    [error] = caught.value.errors
    assert error.row == row + 1 and error.field == "body"
    assert "heeft geen algemene vergadering van aandeelhouders (ava)" in error.message
    assert db.scalar("SELECT count(*) FROM party") == 0  # nothing written
    db.close()


def test_a_freshly_onboarded_gemeente_gets_the_same_rule(tmp_path: Path) -> None:
    from governance import cli

    path = tmp_path / "gm0014.duckdb"
    assert cli.main(["init", "--organisation", "gm0014", "--db", str(path)]) == 0
    db = open_database(path)
    bvo = db.rows("SELECT id, name FROM party WHERE legal_form = 'bedrijfsvoeringsorganisatie' ORDER BY name")[0]
    ol = db.rows("SELECT id FROM party WHERE legal_form = 'openbaar_lichaam' ORDER BY name")[0]
    person = people.save_person(db, {"code": "w", "name": "Wim", "function": "wethouder"}, actors.named("t"))
    with pytest.raises(ValidationError):
        seat(db, person, bvo["id"], "db")
    seat(db, person, bvo["id"], "bestuur")
    seat(db, person, ol["id"], "db")
    db.close()


def test_the_party_page_offers_only_the_bodies_of_its_form(app_db: Path) -> None:
    db = open_database(app_db)
    for code, form in (("belastingen-voorbeeldland", "bedrijfsvoeringsorganisatie"), ("vo-cv", "cv")):
        pid = db.scalar("SELECT id FROM party WHERE code = ?", [code])
        at = run("pages/register.py", {"partij": code})
        offered = at.selectbox(key=f"party-{pid}-rep-add-body").options
        assert offered == [
            *(label for b, label in LABELS.items() if b in EXPECTED[form]),
            "Ambtelijk accounthouder",
            "Ambtelijk adviseur",
        ], (code, offered)


LABELS = {"bestuur": "Bestuur", "vennoten": "Vergadering van vennoten"}
