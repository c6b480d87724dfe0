"""Werkatelier results: the Excel workbook (formula-like text neutralised) and the one-page HTML summary
(charts embedded as images, no scripts, no network)."""

from __future__ import annotations

import io
import re
import statistics

import openpyxl
import pytest

from governance import workshop
from governance.core.db import Database
from governance.workshop import consensus, participants
from governance.workshop import dotvoting as proposals
from governance.workshop import export as workshopexport
from governance.workshop import forcefield as krachtenveld
from governance.workshop import session as sessions
from tests import actors

FAC = "Fenna"


@pytest.fixture
def finished(demo_db: Database) -> dict:
    risks = [int(r) for r in demo_db.query("SELECT id FROM risk ORDER BY id LIMIT 2")["id"]]
    created = sessions.create_session(
        demo_db, {"title": "=Resultaten", "facilitator": FAC, "risk_ids": risks, "casus": "@casus"}, actors.named(FAC)
    )
    code = created["code"]
    items = [int(i) for i in sessions.items(demo_db, created["id"])["id"]]
    votes = [(2, 3), (4, 4), (4, 5)]
    tokens = [participants.join(demo_db, code, "Controller") for _ in votes]
    for token, (lik, imp) in zip(tokens, votes, strict=True):
        participants.vote(demo_db, code, token, items[0], lik, imp, "-1 omdat het kan")
    party = int(sessions.session_parties(demo_db, created["id"])["id"].iloc[0])
    proposal = proposals.add_proposal(demo_db, code, party, "kort", "+ meer sturing", token=tokens[0])
    proposals.place_dot(demo_db, code, tokens[1], proposal)
    krachtenveld.save_stakeholder(
        demo_db, code, {"name": "Raad", "influence": 5, "interest": 4, "attitude": "tegen"}, actors.named(FAC)
    )
    consensus.lock_consensus(demo_db, code, items[0], 4, 4, actors.named(FAC))
    workshop.set_signals_open(demo_db, code, True, actors.named(FAC))
    workshop.set_tick(demo_db, code, tokens[0], party, "late-stukken", True)
    workshop.add_own_sign(demo_db, code, tokens[1], party, "=HYPERLINK(1)")
    workshop.set_programme(demo_db, code, ["scoren", "signalen"], actors.named(FAC))
    workshop.set_roles_open(demo_db, code, True, actors.named(FAC))
    for token, (took, expected) in zip(tokens, [("faciliteren", "regisseren")] * 2 + [("faciliteren", "reguleren")],
                                       strict=True):  # fmt: skip
        workshop.place_role(demo_db, code, token, party, "opvatting", took, False)
        workshop.place_role(demo_db, code, token, party, "verwachting", expected, True)
    workshop.agree_role(demo_db, code, party, "regisseren", True, actors.named(FAC))
    return {**created, "items": items, "votes": votes, "party": party}


def test_excel_has_every_sheet_and_no_formulas(demo_db: Database, finished: dict) -> None:
    book = openpyxl.load_workbook(io.BytesIO(workshopexport.to_excel(demo_db, finished["id"])))
    assert book.sheetnames == [
        "Werkatelier",
        "Samenvatting",
        "Stemmen",
        "Per perspectief",
        "Voorstellen",
        "Krachtenveld",
        "Signalen",
        "Rollen",
    ]
    roles = {c.value: book["Rollen"].cell(row=2, column=i + 1).value for i, c in enumerate(book["Rollen"][1])}
    assert (roles["Opvatting"], roles["Verwachting"], roles["Verschil"]) == ("Faciliteren", "Regisseren", "'+2")
    assert roles["Verbinder"] == "0% → 100%" and roles["Aantal"] == "3 / 3"
    assert roles["Afgesproken rol"] == "Regisseren"
    assert book["Werkatelier"]["B1"].value == "'=Resultaten"
    assert book["Werkatelier"]["B6"].value == "'@casus"
    assert book["Werkatelier"]["B8"].value == "1. Risico's scoren; 2. Waarschuwingssignalen"
    summary = book["Samenvatting"]
    header = [c.value for c in summary[1]]
    first = dict(zip(header, [c.value for c in summary[2]], strict=True))
    assert first["Stemmen"] == 3
    assert first["Mediaan kans"] == statistics.median(v[0] for v in finished["votes"])
    assert first["Mediaan impact"] == statistics.median(v[1] for v in finished["votes"])
    assert (first["Consensus kans"], first["Consensus impact"]) == (4, 4)
    reasons = [row[7].value for row in book["Stemmen"].iter_rows(min_row=2)]
    assert reasons == ["'-1 omdat het kan"] * 3
    assert book["Voorstellen"]["B2"].value == "'+ meer sturing"
    signs = [[c.value for c in row] for row in book["Signalen"].iter_rows(min_row=2)]
    assert sorted(row[1:4] for row in signs) == [["'=HYPERLINK(1)", "ja", 1], ["Stukken komen laat", "nee", 1]]
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            assert not any(c.data_type == "f" for c in row)


def test_html_summary_is_self_contained_with_charts(demo_db: Database, finished: dict) -> None:
    page = workshopexport.summary_html(demo_db, finished["id"])
    assert "<script" not in page.lower()
    assert not re.search(r"(src|href)=['\"]https?:", page)
    assert page.count("data:image/svg+xml;base64,") == 4  # matrix, spread, proposals, krachtenveld
    assert "=Resultaten" in page and "+ meer sturing" in page and "Raad" in page
    assert "<h2>Consensus</h2>" in page
    assert "<h2>Waarschuwingssignalen</h2>" in page and "Stukken komen laat" in page
    assert "<h2>Rolopvatting en rolverwachting</h2>" in page and "Regisseren" in page
