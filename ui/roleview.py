"""Rolopvatting en rolverwachting in the werkatelier (issue 16, point 3), and one term of the begrippenkader on the
projector: the participant's placements, the facilitator's panel (open the exercise, what the projector shows
over its screen, the agreed role written back to the party) and the projector's screen.

Each part is a function of its own, called with one line from the participant, facilitator and projector pages,
so these pages stay as they are otherwise."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from governance import register, workshop
from governance.core import db as core_db
from governance.core import labels
from governance.core.access import Actor
from governance.core.errors import DomainError, ValidationError
from ui import data, forms, glossary
from ui.text import cells, plain

ROLE_HELP = {r: f"{labels.GOVERNMENT_ROLES[r]} — {h}" for r, h in labels.GOVERNMENT_ROLE_HELP.items()}
OWN = ""  # no perspective taken: the participant's own


# -- participant ---------------------------------------------------------------------------------------------
def participant_section(db: core_db.Database, session: dict[str, Any], me: dict[str, Any], token: str) -> None:
    """While the facilitator has the exercise open: per party, the two placements."""
    if not data.read(workshop.day_display, session["id"])["roles_open"]:
        return
    st.subheader("Rolopvatting en rolverwachting", help=glossary.help_for("overheidsparticipatietrap"))
    st.caption(
        "Plaats per partij de rol van de gemeente op de overheidsparticipatietrap, twee keer: de rol die de "
        "gemeente neemt (opvatting) en de rol die de partner of anderen verwachten (verwachting)."
    )
    perspectives = {OWN: f"Mijn eigen ({me['perspective']})", **{p: p for p in workshop.ROLE_PERSPECTIVES}}
    perspective = st.selectbox(
        "Vanuit welk perspectief (rollenspel)?",
        list(perspectives),
        format_func=lambda p: plain(perspectives[p]),
        key="role-perspective",
        help="In de schoenen van de ander: kies het perspectief dat de facilitator u gaf.",
    )
    mine = workshop.my_placements(db, session["id"], me["id"])
    parties = data.read(workshop.session_parties, session["id"])
    for party in parties.itertuples():
        placement_form(db, session, token, int(party.id), str(party.name), mine, perspective or None)


def _radio_role(kind: str, current: dict | None, key: str) -> Any:
    codes = list(labels.GOVERNMENT_ROLES)
    return st.radio(
        workshop.ROLE_KIND_QUESTIONS[kind],
        codes,
        index=codes.index(current["role"]) if current else None,
        format_func=ROLE_HELP.get,
        key=key,
    )


def _save(db: core_db.Database, code: str, token: str, party_id: int, chosen: dict, perspective: Any) -> None:
    saved = []
    try:
        for kind, (role, connector) in chosen.items():
            if role is not None:
                workshop.place_role(db, code, token, party_id, kind, role, connector, perspective)
                saved.append(workshop.ROLE_KINDS[kind].lower())
    except ValidationError as exc:
        st.error(plain("Niet opgeslagen: " + "; ".join(f"{e.label} {e.message}" for e in exc.errors)))
        return
    except DomainError as exc:
        st.error(plain(str(exc)))
        return
    if saved:
        st.success(f"Opgeslagen: {' en '.join(saved)}.")
    else:
        st.warning("Kies eerst een rol.")


@st.fragment
def placement_form(
    db: core_db.Database,
    session: dict[str, Any],
    token: str,
    party_id: int,
    name: str,
    mine: dict,
    perspective: str | None,
) -> None:
    """One party's form, as a fragment: saving reruns only this form. Key 'role-<party id>'."""
    with st.form(f"role-{party_id}", border=True, enter_to_submit=False):
        st.markdown(f"**{plain(name)}**")
        chosen = {}
        for kind in workshop.ROLE_KINDS:
            current = mine.get((party_id, kind))
            st.markdown(f"*{workshop.ROLE_KINDS[kind]}*")
            role = _radio_role(kind, current, f"role-{party_id}-{kind}")
            connector = st.checkbox(
                "De gemeente treedt op als verbinder",
                bool(current["connector"]) if current else False,
                key=f"conn-{party_id}-{kind}",
                help=glossary.help_for("verbinden"),
            )
            chosen[kind] = (role, connector)
        if st.form_submit_button("Rollen opslaan", type="primary"):
            _save(db, session["code"], token, party_id, chosen, perspective)


# -- facilitator ---------------------------------------------------------------------------------------------
def facilitator_panel(db: core_db.Database, session: dict[str, Any], actor: Actor) -> None:
    """Open or close the exercise, choose what the projector shows over its screen, see the gaps, agree a role."""
    model = data.read(workshop.role_live, session["id"])
    shown = model["display"]
    with st.expander("Rolopvatting en rolverwachting · begrip op de projector"):
        c1, c2, c3 = st.columns(3)
        code = session["code"]
        open_label = "Oefening sluiten" if shown["roles_open"] else "Oefening rollen openen"
        if c1.button(open_label, key="ws-roles-open", width="stretch") and forms.save(
            lambda: workshop.set_roles_open(db, code, not shown["roles_open"], actor), f"Gedaan: {open_label.lower()}."
        ):
            st.rerun()
        if c2.button("Rollen op de projector", key="ws-roles-projector", width="stretch") and forms.save(
            lambda: workshop.show_on_projector(db, code, "rollen", actor), "Projector: rolopvatting en rolverwachting."
        ):
            st.rerun()
        if c3.button("Projector: terug naar het scherm", key="ws-overlay-off", width="stretch") and forms.save(
            lambda: workshop.show_on_projector(db, code, None, actor), "De projector toont weer het gekozen scherm."
        ):
            st.rerun()
        term_to_projector(db, code, actor)
        st.caption(f"{model['participants']} deelnemers hebben rollen geplaatst.")
        if not model["gaps"].empty:
            st.table(cells(workshop.gap_table(model["gaps"])), hide_index=True)
        agreement_form(db, session, model, actor)


def term_to_projector(db: core_db.Database, code: str, actor: Actor) -> None:
    table = data.read(register.terms)
    names = dict(zip(table["key"], table["term"], strict=True))
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    key = left.selectbox("Begrip op de projector", list(names), format_func=names.get, index=None, key="ws-term")
    if right.button("Toon begrip", key="ws-term-show", width="stretch", disabled=key is None) and forms.save(
        lambda: workshop.show_on_projector(db, code, "begrip", actor, key), f"Projector: {names.get(key, '')}."
    ):
        st.rerun()


def _suggested(views: pd.DataFrame, party_id: int) -> str | None:
    """The role placed most often at this party (both kinds), the form's first choice."""
    mine = views[views["party_id"] == party_id]["role"]
    return str(mine.mode().iloc[0]) if not mine.empty else None


def agreement_form(db: core_db.Database, session: dict[str, Any], model: dict, actor: Actor) -> None:
    parties = data.read(workshop.session_parties, session["id"])
    if parties.empty:
        return
    names = dict(zip(parties["id"], parties["name"], strict=True))
    party = st.selectbox("Partij", list(names), format_func=names.get, key="ws-agree-party")
    codes = list(labels.GOVERNMENT_ROLES)
    suggested = _suggested(model["views"], int(party))
    with st.form(f"ws-agree-{party}", enter_to_submit=False):
        st.markdown("**Afgesproken rol vastleggen**")
        role = st.selectbox(
            "Rol van de gemeente",
            codes,
            index=codes.index(suggested) if suggested else None,
            format_func=labels.GOVERNMENT_ROLES.get,
            placeholder="Kies de afgesproken rol",
        )
        connector = st.radio("Verbinder", ["", "ja", "nee"], format_func=_tri.get, horizontal=True)
        back = st.checkbox("Terugschrijven naar de partij (rol van de gemeente en verbinder)", True)
        if st.form_submit_button("Rol vastleggen", type="primary") and forms.save(
            lambda: workshop.agree_role(
                db, session["code"], int(party), role, {"": None, "ja": True, "nee": False}[connector], actor, back
            ),
            f"Afgesproken rol vastgelegd voor {names[party]}.",
        ):
            st.rerun()
    done = model["agreements"]
    if not done.empty:
        st.caption(
            "Vastgelegd: "
            + "; ".join(
                f"{plain(r.party)}: {labels.GOVERNMENT_ROLES[r.role].lower()}"
                + (" (teruggeschreven)" if r.written_back else "")
                for r in done.itertuples()
            )
        )


_tri = {"": "Niet besproken", "ja": "Ja", "nee": "Nee"}


# -- projector -----------------------------------------------------------------------------------------------
def projector_overlay(session: dict[str, Any]) -> bool:
    """What the facilitator put over the projector's screen (a term, the role exercise); False: nothing."""
    model = data.read(workshop.role_live, session["id"])
    shown = model["display"]
    if shown["projector"] == "begrip":
        return glossary.projector_term(shown["term_key"])
    if shown["projector"] != "rollen":
        return False
    st.markdown(f"## Rolopvatting en rolverwachting — {model['participants']} deelnemers")
    if model["gaps"].empty:
        st.markdown("Nog geen rollen geplaatst.")
        return True
    chart, listing = st.columns([3, 2])
    # at most 500 px: under the header it fits a 1280x720 projector as well as 1920x1080 (issue 12 point 3)
    height = min(500, 160 + 90 * len(model["gaps"]))
    fig = workshop.role_distributions(
        model["distribution"], model["gaps"], height=height, font_size=24, step_numbers=True
    )
    chart.plotly_chart(fig, config={"displayModeBar": False, "staticPlot": True}, key="roles")
    chart.markdown(workshop.ROLE_STEP_KEY)
    with listing.container(key="proj-list"):  # the projector's wrapping list (ui/presentation.py)
        st.markdown(
            "**Grootste verschil bovenaan.** Verschil: treden van verwachting min opvatting (ring: mediaan). "
            "Verbinder: aandeel opvatting → verwachting."
        )
        # the medians are the rings on the chart: the list gives the gap and the verbinder, so it fits 1280 px
        listed = workshop.gap_table(model["gaps"])[["Partij", "Verschil", "Verbinder"]]
        st.table(cells(listed), hide_index=True)
    return True
