"""Werkatelier pages under AppTest against a real demo database: the participant view, the projector view and
the facilitator gate. Expected medians and counts are computed here from the votes the test casts."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from governance import risks
from governance.core.access import PermissionDenied
from governance.core.db import Database, open_database
from governance.core.errors import ValidationError
from governance.workshop import access, participants
from governance.workshop import session as sessions
from tests import actors
from tests.apptest import charts, metric, run

FACILITATOR = "Facilitator Fenna"
# (perspective, likelihood, impact) for item 1 and item 2 per participant
VOTES = [
    ("Wethouder", (2, 3), (5, 5)),
    ("Controller", (4, 4), (1, 2)),
    ("Controller", (3, 4), (5, 4)),
    ("Bewoner", (3, 5), (1, 1)),
]


@pytest.fixture
def session(app_db: Path) -> dict:
    """A session with two demo risks, four participants who voted, stored in the app's database."""
    db = open_database(app_db)
    risks = [int(r) for r in db.query("SELECT id FROM risk ORDER BY id LIMIT 2")["id"]]
    created = sessions.create_session(
        db,
        {
            "title": "Werkatelier test",
            "facilitator": FACILITATOR,
            "risk_ids": risks,
            "perspectives": "Wethouder\nController\nBewoner",
        },
        actors.named(FACILITATOR),
    )
    items = [int(i) for i in sessions.items(db, created["id"])["id"]]
    tokens = []
    for perspective, first, second in VOTES:
        token = participants.join(db, created["code"], perspective)
        participants.vote(db, created["code"], token, items[0], *first)
        participants.vote(db, created["code"], token, items[1], *second)
        tokens.append(token)
    return {**created, "items": items, "tokens": tokens, "db": db}


def projector_query(db: Database, code: str) -> dict[str, str]:
    return {"sessie": code, "weergave": "projector", "sleutel": access.projector_key(db, code)}


def test_participant_sees_only_the_participant_view_and_their_scores(session: dict) -> None:
    at = run(query={"sessie": session["code"], "deelnemer": session["tokens"][1]})
    assert at.title[0].value == "Werkatelier test"
    # no sidebar: no year picker, no name for the audit log, no links to other pages
    assert not [s for s in at.selectbox if s.label == "Jaar"]
    assert not [t for t in at.text_input if t.label.startswith("Uw naam (voor het logboek)")]
    assert not [e for e in at.main.get("page_link")]
    assert "U doet mee als Controller" in at.caption[0].value
    radios = {r.key: r.value for r in at.radio}
    first, second = session["items"]
    assert radios[f"lik-{first}-r1"] == 4 and radios[f"imp-{first}-r1"] == 4
    assert radios[f"lik-{second}-r1"] == 1 and radios[f"imp-{second}-r1"] == 2


def test_participant_joins_votes_and_changes_the_vote(session: dict) -> None:
    db, code, item = session["db"], session["code"], session["items"][0]
    at = run(query={"sessie": code})
    at.radio[0].set_value("Bewoner")
    at.text_input[0].input("Bea")
    at.button[0].click().run()
    token = at.query_params["deelnemer"]
    token = token[0] if isinstance(token, list) else token
    me = participants.participant(db, session["id"], token)
    assert me["perspective"] == "Bewoner" and me["name"] == "Bea"
    assert not [b for b in at.button if b.label == "Score opslaan"]  # a pick is saved when it is made
    assert any(m.value == "**Opgeslagen: 0 van 2 onderwerpen.**" for m in at.markdown)
    at.radio(key=f"lik-{item}-r1").set_value(2).run()
    assert not db.rows("SELECT * FROM workshop_score WHERE participant_id = ?", [me["id"]])  # half a pick
    assert [w.value for w in at.warning] == [
        "Niet opgeslagen: kies ook de impact, dan wordt uw score meteen opgeslagen."
    ]
    at.radio(key=f"imp-{item}-r1").set_value(5).run()
    assert "✓ Opgeslagen: kans 2, impact 5" in [c.value for c in at.caption]
    assert any(m.value == "**Opgeslagen: 1 van 2 onderwerpen.**" for m in at.markdown)
    assert not at.warning and not at.error
    at.radio(key=f"lik-{item}-r1").set_value(3).run()
    at.text_input(key=f"why-{item}-r1").input("toch groter").run()
    stored = db.query("SELECT likelihood, impact, reason FROM workshop_score WHERE participant_id = ?", [me["id"]])
    assert stored.to_dict("records") == [{"likelihood": 3, "impact": 5, "reason": "toch groter"}]  # replaced
    assert "✓ Opgeslagen: kans 3, impact 5" in [c.value for c in at.caption]


def test_a_pick_after_the_round_closed_is_refused_and_the_page_says_so(session: dict) -> None:
    """The round closes while the participant's page is open: the pick is refused (the page then says the round
    is closed; the browser test sees the item's own 'Niet opgeslagen' on a fragment rerun)."""
    db, code, item = session["db"], session["code"], session["items"][0]
    at = run(query={"sessie": code, "deelnemer": session["tokens"][0]})
    assert "✓ Opgeslagen: kans 2, impact 3" in [c.value for c in at.caption]
    sessions.set_round_open(db, code, False, actors.named(FACILITATOR))
    at.radio(key=f"lik-{item}-r1").set_value(5).run()
    assert at.session_state[f"fail-{item}-r1"] == "Ronde 1 is gesloten; wacht tot de facilitator een ronde opent."
    assert at.info[0].value.startswith("Ronde 1 is gesloten")
    first = db.rows("SELECT likelihood FROM workshop_score WHERE item_id = ? ORDER BY participant_id", [item])[0]
    assert first == {"likelihood": 2}


@pytest.mark.parametrize(
    ("picked", "stored", "failure", "expected"),
    [
        ({"likelihood": 2, "impact": 3, "reason": ""}, {"likelihood": 2, "impact": 3, "reason": None}, None, "saved"),
        ({"likelihood": 2, "impact": 4, "reason": ""}, {"likelihood": 2, "impact": 3, "reason": None}, "x", "failed"),
        (
            {"likelihood": 2, "impact": 3, "reason": "nieuw"},
            {"likelihood": 2, "impact": 3, "reason": None},
            None,
            "pending",
        ),
        ({"likelihood": None, "impact": 3, "reason": ""}, None, None, "pending"),
        ({"likelihood": None, "impact": None, "reason": ""}, None, None, "empty"),
    ],
)
def test_an_item_is_marked_saved_only_when_the_database_holds_the_pick(picked, stored, failure, expected) -> None:
    from ui.workshop import pick_state

    kind, text = pick_state(picked, stored, failure)
    assert kind == expected
    assert text.startswith("Niet opgeslagen") == (kind in ("failed", "pending"))


def test_reload_keeps_identity_and_scores(session: dict) -> None:
    """A reload is a new Streamlit session with the same URL: nothing lives in session state."""
    query = {"sessie": session["code"], "deelnemer": session["tokens"][0]}
    again = run(query=query)
    assert "U doet mee als Wethouder" in again.caption[0].value
    assert again.radio(key=f"lik-{session['items'][1]}-r1").value == 5


def test_unknown_and_closed_session_codes(session: dict) -> None:
    at = run(query={"sessie": "QQQQQQ"})
    assert at.error[0].value.startswith("Er is geen werkatelier met de code 'QQQQQQ'")
    sessions.close_session(session["db"], session["code"], actors.named(FACILITATOR))
    at = run(query={"sessie": session["code"], "deelnemer": session["tokens"][0]})
    assert "is gesloten" in at.error[0].value
    assert not at.radio


def test_score_outside_the_scale_is_refused_with_a_message(session: dict) -> None:
    """The radios only offer the scale; a crafted value reaches the same domain check."""
    with pytest.raises(ValidationError) as err:
        participants.vote(session["db"], session["code"], session["tokens"][0], session["items"][0], 7, 2)
    assert err.value.errors[0].message == (
        "'7' past niet: kies een geheel getal van 1 tot en met 5 (de risicomatrix heeft 5 kansniveaus)"
    )


def test_participant_cannot_open_the_projector_or_facilitator_pages(session: dict) -> None:
    at = run(query={"sessie": session["code"], "weergave": "projector", "sleutel": "geraden"})
    assert at.error[0].value.startswith("De projectorweergave is alleen voor de facilitator")
    assert not charts(at)
    stranger = run(user=None)  # the link without ?sessie=: the sign-in page, nothing else
    assert [t.value for t in stranger.title] == ["Aanmelden"]
    assert all(b.label != "Ronde sluiten" for b in stranger.button)
    assert not stranger.metric and not stranger.dataframe and not charts(stranger)


def test_projector_shows_counts_and_hides_votes_until_revealed(session: dict) -> None:
    db, code = session["db"], session["code"]
    sessions.set_screen(db, code, "scores", actors.named(FACILITATOR))
    at = run(query=projector_query(db, code))
    assert metric(at, "Deelnemers") == str(len(VOTES))
    assert metric(at, "Stemmen") == str(2 * len(VOTES))
    matrix = charts(at)[0]
    assert not [t for t in matrix["data"] if t.get("name") == "mediaan"]
    assert "Stemmen verborgen" in matrix["layout"]["annotations"][0]["text"]


def test_projector_shows_each_item_at_its_median_with_spread(session: dict) -> None:
    db, code = session["db"], session["code"]
    sessions.set_screen(db, code, "scores", actors.named(FACILITATOR))
    sessions.set_revealed(db, code, True, actors.named(FACILITATOR))
    at = run(query=projector_query(db, code))
    matrix = charts(at)[0]
    medians = next(t for t in matrix["data"] if t.get("name") == "mediaan")
    shown = dict(zip(medians["text"], zip(medians["x"], medians["y"], strict=True), strict=True))
    for position, key in (("1", 1), ("2", 2)):
        lik = statistics.median(v[key][0] for v in VOTES)
        imp = statistics.median(v[key][1] for v in VOTES)
        assert shown[position] == pytest.approx((lik, imp), abs=0.21)  # equal medians are set 0.2 apart
    votes = next(t for t in matrix["data"] if t.get("name") == "stemmen")
    assert len(votes["x"]) == 2 * len(VOTES)
    # item 2 (votes 5/1/5/1 on kans) has more disagreement than item 1: listed first
    table = at.table[0].value
    assert list(table["Nr"])[:2] == [2, 1]
    assert table.set_index("Nr").loc[2, "Kans"] == "3"  # median of 5,1,5,1


def test_projector_matrix_takes_each_cells_level_from_the_configured_risk_matrix(session: dict) -> None:
    """The projector tints K1×I1 as 'zeer hoog' once the risk matrix under Risico-instellingen says so."""
    db, code = session["db"], session["code"]
    base = risks.get_matrix(db)
    cells = [list(row) for row in base.cells]
    cells[0][0] = "zeer_hoog"
    configured = risks.Matrix(base.likelihood, base.impact, tuple(map(tuple, cells)))
    risks.save_matrix(db, configured, "gelijk", actors.named("test"), risks.setting_row(db))
    sessions.set_screen(db, code, "scores", actors.named(FACILITATOR))
    heat = next(t for t in charts(run(query=projector_query(db, code)))[0]["data"] if t["type"] == "heatmap")
    codes = list(risks.LEVEL_CODES)
    assert heat["z"] == [[codes.index(configured.level(li, im)) for li in range(1, 6)] for im in range(1, 6)]
    assert heat["z"][0][0] == codes.index("zeer_hoog")


def test_projector_live_part_is_a_fragment(session: dict) -> None:
    """Only the live part reruns: the page registers one fragment with an automatic rerun."""
    source = Path(__file__).resolve().parent.parent.joinpath("pages/projector.py").read_text()
    assert source.count("@st.fragment(run_every=LIVE_REFRESH)") == 1
    assert 'LIVE_REFRESH = "1s"' in source


@pytest.mark.parametrize("user", ["controller", "lezer"])
def test_only_a_facilitator_or_beheerder_steers_a_werkatelier(session: dict, user: str) -> None:
    at = run("pages/werkatelier.py", user=user)
    assert any(i.value.startswith("Alleen een facilitator of beheerder kan werkateliers") for i in at.info)
    assert not any(b.label == "Stemmen tonen" for b in at.button)
    with pytest.raises(PermissionDenied):  # and governance refuses the write whatever a page shows
        sessions.set_revealed(
            session["db"], session["code"], True, actors.LEZER if user == "lezer" else actors.CONTROLLER
        )
    steering = run("pages/werkatelier.py", user="facilitator")
    assert metric(steering, "Deelnemers") == str(len(VOTES))
    assert any(b.label == "Stemmen tonen" for b in steering.button)


def test_participant_without_a_link_joins_with_the_code(session: dict) -> None:
    at = run(user=None)  # on the sign-in page: no account needed to join
    box = next(t for t in at.text_input if t.label.startswith("Deelnemen?"))
    box.input("zzzzzz")
    at.button(key="FormSubmitter:ws-join-code-Deelnemen").click().run()
    assert [e.value for e in at.error] == [
        "Er is geen werkatelier met de code 'ZZZZZZ'. Controleer de code op het scherm van de facilitator."
    ]
    box = next(t for t in at.text_input if t.label.startswith("Deelnemen?"))
    box.input(session["code"].lower())
    at.button(key="FormSubmitter:ws-join-code-Deelnemen").click().run()
    assert at.query_params["sessie"] in (session["code"], [session["code"]])
    assert at.title[0].value == "Werkatelier test"  # the participant view of that session


def facilitator_page() -> AppTest:
    """The Werkatelier page in a new browser session of a facilitator who has logged in."""
    return run("pages/werkatelier.py", user="facilitator")


def address_box(at: AppTest):
    return next(t for t in at.text_input if t.label == "Adres van de app voor deelnemers")


def save_address(at: AppTest, url: str) -> AppTest:
    address_box(at).input(url)
    return at.button(key="FormSubmitter:fac-url-Adres opslaan").click().run()


def test_address_saved_by_another_facilitator_in_between_is_not_overwritten(session: dict) -> None:
    """Two facilitators open the 'Adres van de app' form on the same stored address; the first saves; the
    second's save is refused with the changed field named, and the first address stays."""
    db = session["db"]
    access.set_base_url(db, "http://10.0.0.12:8501", actors.named(FACILITATOR), access.base_url_row(db))
    first, second = facilitator_page(), facilitator_page()  # both forms opened on version 1
    assert address_box(second).value == "http://10.0.0.12:8501"
    save_address(first, "https://vp.gemeente.nl")
    assert access.base_url(db) == "https://vp.gemeente.nl"
    save_address(second, "http://10.0.0.99:8501")
    assert [w.value for w in second.warning] == [
        "Instelling is intussen door iemand anders gewijzigd (Waarde). Uw wijziging is niet opgeslagen; "
        "bekijk de nieuwe gegevens en probeer het opnieuw."
    ]
    assert access.base_url(db) == "https://vp.gemeente.nl"
    # the form now shows the stored address; a save from there goes through
    second.run()
    assert address_box(second).value == "https://vp.gemeente.nl"
    save_address(second, "http://10.0.0.99:8501")
    assert access.base_url(db) == "http://10.0.0.99:8501"
    assert [s.value for s in second.success] == ["Het adres is opgeslagen."]
    assert address_box(second).value == "http://10.0.0.99:8501"


def test_address_set_by_another_facilitator_while_it_was_unset_is_not_overwritten(session: dict) -> None:
    """The same with no address stored when both forms opened: the second save may not replace the first."""
    db = session["db"]
    first, second = facilitator_page(), facilitator_page()
    save_address(first, "https://vp.gemeente.nl")
    save_address(second, "http://10.0.0.99:8501")
    assert [w.value for w in second.warning] == [
        "Het adres van de app voor deelnemers is intussen door iemand anders opgeslagen. Uw wijziging is niet "
        "opgeslagen; bekijk de nieuwe instelling en probeer het opnieuw."
    ]
    assert access.base_url(db) == "https://vp.gemeente.nl"
