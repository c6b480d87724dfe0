"""The sections of the Rollen page: the signals, the role map (with its filters and the details of one node), the
persons and representations, and the settings of the signals. Streamlit only; governance.roles decides."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pandas as pd
import streamlit as st

from governance import roles
from governance.core import formatting, labels
from governance.core.db import Database
from ui import data, forms, nav, roleforms, state
from ui.roleforms import md
from ui.text import cells

EXTRA_FILTERS = ("map-pf", "map-gr", "map-pl")  # the filters folded away under "Meer filters"


# -- signals ---------------------------------------------------------------------------------------------------
def signals_tab(db: Database, today: dt.date) -> None:
    """Open signals per rule, a form to accept one, the accepted ones (with a form to withdraw), and the rules."""
    day = st.date_input(
        "Peildatum",
        today,
        format="DD-MM-YYYY",
        key="sig-date",
        width=200,
        help="De signalen gelden voor deze datum: welke termijnen lopen dan, en welke lopen binnenkort af.",
    )
    found = data.read(roles.signals, day)
    settings = data.read(roles.settings)
    open_ = found[~found["acknowledged"]]
    accepted = found[found["acknowledged"]]
    c1, c2, _ = st.columns([1, 1, 2])
    c1.metric("Open signalen", len(open_), help="Signalen die niet zijn geaccepteerd.")
    c2.metric("Geaccepteerd", len(accepted), help="Signalen die iemand met een reden heeft geaccepteerd.")
    if open_.empty:
        st.success(f"Geen open signalen op {formatting.date(day)}.")
    _open_signals(open_, settings)
    if not open_.empty:
        _accept_form(db, open_)
    st.subheader(f"Geaccepteerd ({len(accepted)})")
    if accepted.empty:
        st.caption("Er zijn geen geaccepteerde signalen.")
    else:
        st.dataframe(
            roles.accepted_display(accepted),
            hide_index=True,
            column_config={"Toelichting": st.column_config.TextColumn(width="large")},
            placeholder="—",
        )
        _withdraw_form(db, accepted)
    with st.expander("Alle regels achter de signalen"):
        for rule, (title, _) in roles.RULES.items():
            st.markdown(f"**{title}.** {roles.rule_text(rule, settings)}")


def _open_signals(open_: pd.DataFrame, settings: roles.RoleSettings) -> None:
    for rule, (title, _) in roles.RULES.items():
        group = open_[open_["rule"] == rule]
        if group.empty:
            continue
        with st.container(border=True):
            st.markdown(f":material/warning: **{title}** — {len(group)} {'signaal' if len(group) == 1 else 'signalen'}")
            st.caption("Regel: " + roles.rule_text(rule, settings))
            st.markdown("\n".join(f"- {md(t)}" for t in group["text"]))


def _signal_choices(found: pd.DataFrame) -> dict[str, str]:
    return dict(zip(found["key"], found["title"] + ": " + found["text"], strict=True))


def _accept_form(db: Database, open_: pd.DataFrame) -> None:
    if not state.may("register"):
        return
    with st.form("sig-accept", enter_to_submit=False):
        st.markdown("**Signaal accepteren** — het verdwijnt dan uit de open signalen en komt onder *Geaccepteerd*.")
        rows = _signal_choices(open_)
        key = st.selectbox("Signaal", list(rows), format_func=rows.get, key="sig-accept-key")
        reason = st.text_area("Reden (komt in het logboek)", key="sig-accept-reason", height=80)
        if st.form_submit_button("Accepteren", type="primary") and forms.save(
            lambda: roles.acknowledge(db, key, reason, state.actor()), "Het signaal is geaccepteerd."
        ):
            st.rerun()


def _withdraw_form(db: Database, accepted: pd.DataFrame) -> None:
    if not state.may("register"):
        return
    with st.form("sig-withdraw", enter_to_submit=False):
        rows = _signal_choices(accepted)
        key = st.selectbox("Acceptatie intrekken van", list(rows), format_func=rows.get, key="sig-withdraw-key")
        reason = st.text_input("Reden (komt in het logboek)", key="sig-withdraw-reason")
        if st.form_submit_button("Intrekken") and forms.save(
            lambda: roles.withdraw(db, key, state.actor(), reason), "De acceptatie is ingetrokken."
        ):
            st.rerun()


# -- the role map ----------------------------------------------------------------------------------------------
def map_tab(today: dt.date) -> None:
    """The role map (or matrix) on a date, filtered; below the map the details of the person or party picked."""
    reps_all = data.read(roles.representation_table)
    persons = data.read(roles.persons)
    first, last = roles.date_range(reps_all, today)
    top, right = st.columns([4, 1], vertical_alignment="bottom")
    on = top.slider(
        "Situatie op",
        min_value=first,
        max_value=last,
        value=min(max(today, first), last),
        format="DD-MM-YYYY",
        key="map-date",
        help="Toont de vertegenwoordigingen die op deze datum liepen.",
    )
    view = right.segmented_control("Weergave", ["Kaart", "Matrix"], default="Kaart", key="map-view")
    with st.container(border=True):
        filters, colour_by = _map_filters(reps_all, persons)
    reps = roles.filter_reps(roles.active_on(reps_all, on), **filters)
    st.caption(roles.summary_text(reps, on))
    if not filters["parties"] and not filters["persons"]:
        reps = _one_category(reps)
    if not filters["parties"] and not filters["persons"]:
        reps, total = roles.busiest_parties(reps)
        if total > roles.MAP_PARTIES:
            st.caption(
                f"De {view.lower() if view else 'kaart'} toont de {roles.MAP_PARTIES} partijen met de meeste "
                f"zetels, van {total}. Kies partijen of personen in het filter om andere te zien."
            )
    if reps.empty:
        st.info("Geen vertegenwoordigingen op deze datum met deze filters.")
    elif view == "Matrix":
        _matrix(reps)
    else:
        _network(reps, on, colour_by)


def _one_category(reps: pd.DataFrame) -> pd.DataFrame:
    """With many parties the map shows one BBV category at a time (a party or person filter shows all)."""
    present = roles.categories_present(reps)
    if len(present) <= 2:  # one category (and 'alle'): nothing to choose
        return reps
    default = roles.default_category(reps)
    if st.session_state.get("map-category") not in present:
        st.session_state["map-category"] = default
    chosen = st.segmented_control(
        "Categorie",
        list(present),
        format_func=present.get,
        key="map-category",
        help="Met veel partijen toont de kaart één categorie tegelijk, zodat de lijnen leesbaar blijven.",
    )
    return roles.in_category(reps, chosen)


def _map_filters(reps_all: pd.DataFrame, persons: pd.DataFrame) -> tuple[dict[str, Any], str]:
    """The filters as `roles.filter_reps` keywords, and what the party nodes are coloured by."""
    c1, c2, c3 = st.columns(3)
    names = dict(zip(persons["code"], persons["name"], strict=True))
    chosen_persons = c1.multiselect(
        "Persoon", list(names), format_func=names.get, placeholder="Alle personen", key="map-persons"
    )
    parties = reps_all.drop_duplicates("party_code").sort_values("party_name")
    party_names = dict(zip(parties["party_code"], parties["party_name"], strict=True))
    chosen_parties = c2.multiselect(
        "Partij", list(party_names), format_func=party_names.get, placeholder="Alle partijen", key="map-parties"
    )
    capacities = c3.multiselect(
        "Rol", list(labels.CAPACITIES), format_func=labels.CAPACITIES.get, placeholder="Alle rollen", key="map-cap"
    )
    extra = sum(bool(st.session_state.get(k)) for k in EXTRA_FILTERS)
    extra += st.session_state.get("map-kind", "alle") not in (None, "alle")
    label = "Meer filters: portefeuille, rol van de gemeente, participatie, soort"
    with st.expander(label + (f" — {extra} actief" if extra else ""), expanded=bool(extra)):
        more, colour_by = _more_filters(persons)
    filters = {"persons": chosen_persons, "parties": chosen_parties, "capacities": capacities, **more}
    return filters, colour_by


def _more_filters(persons: pd.DataFrame) -> tuple[dict[str, Any], str]:
    c4, c5, c6 = st.columns(3)
    portfolios = c4.multiselect(
        "Portefeuille", roles.portfolio_options(persons), placeholder="Alle portefeuilles", key="map-pf"
    )
    stance_names = {**labels.GOVERNMENT_ROLES, roles.NONE: "Niet vastgelegd"}
    gov_roles = c5.multiselect(
        "Rol van de gemeente", list(stance_names), format_func=stance_names.get, placeholder="Alle", key="map-gr"
    )
    level_names = {**labels.PARTICIPATION_LEVELS, roles.NONE: "Niet vastgelegd"}
    levels = c6.multiselect(
        "Participatieniveau", list(level_names), format_func=level_names.get, placeholder="Alle", key="map-pl"
    )
    c7, c8 = st.columns(2)
    kind = c7.segmented_control(
        "Soort vertegenwoordiging",
        list(roles.KINDS),
        format_func=roles.KINDS.get,
        default="alle",
        key="map-kind",
        help="Bestuurlijk: zetels in organen (AB, DB, AvA, RvC, ...). Ambtelijk: accounthouder en adviseur.",
    )
    colour_by = c8.segmented_control(
        "Vorm en kleur van partijen op de kaart",
        list(roles.COLOUR_BY),
        format_func=lambda c: roles.COLOUR_BY[c][0],
        default="government_role",
        key="map-colour",
    )
    more = {
        "portfolios": portfolios,
        "government_roles": gov_roles,
        "participation_levels": levels,
        "kind": kind or "alle",
    }
    return more, colour_by or "government_role"


def _matrix(reps: pd.DataFrame) -> None:
    for title, table in roles.matrices(reps):
        st.markdown(f"**{md(title)}**")
        st.table(cells(table), hide_index=True)  # party and person names in cells and headers
    st.caption(
        "Per cel: orgaan en rol. AB = algemeen bestuur, DB = dagelijks bestuur, AvA = algemene "
        "vergadering van aandeelhouders, RvC = raad van commissarissen, RvT = raad van toezicht."
    )


def _network(reps: pd.DataFrame, on: dt.date, colour_by: str) -> None:
    found = data.read(roles.signals, on)
    flagged = roles.node_keys_with_signals(found[~found["acknowledged"]])
    lay, figure = _map_figure(reps, data.read(roles.our_organisation_name), colour_by, frozenset(flagged))
    event = st.plotly_chart(
        figure,
        on_select="rerun",
        selection_mode="points",
        key="rolemap",
        config={"displayModeBar": False},
        alt="Rollenkaart: de gemeente, de personen die haar vertegenwoordigen en de partijen waar zij zitten.",
    )
    st.caption("⚠ = open signaal. Klik op een persoon of partij voor de details, of kies hieronder.")
    details(lay, reps, found, event, on)


@st.cache_data(show_spinner=False, max_entries=32)
def _map_figure(reps: pd.DataFrame, org_name: str, colour_by: str, flagged: frozenset[str]) -> tuple[Any, Any]:
    """Layout and figure of the role map, kept for the same representations (hashed by value: already filtered
    and bounded to `roles.MAP_PARTIES` parties), name, colouring and flagged nodes: a rerun that changes none
    of them (a click elsewhere, a save on another table) does not lay the map out again (issue 17)."""
    lay = roles.layout(reps, org_name)
    # as JSON: a figure object comes back from the cache as a re-validated copy whose spec differs from the first
    # run's, which gave the chart a new identity and dropped the click that selected a node
    return lay, json.loads(roles.role_network(lay, colour_by, set(flagged)).to_json())


def _picked_node(nodes: pd.DataFrame, event: Any) -> str | None:
    """The node key (person:x or party:y) chosen on the map, or kept from before; a click on a line is ignored."""
    points = (event.selection.get("points") if event else None) or []
    picked = next((p.get("customdata") for p in points if str(p.get("customdata", "")).count(":") == 1), None)
    if picked and picked in nodes.index and picked != st.session_state.get("map-last-pick"):
        st.session_state["map-last-pick"] = picked
        st.session_state["map-detail"] = picked
    if st.session_state.get("map-detail") not in nodes.index:
        st.session_state.pop("map-detail", None)
    return st.selectbox(
        "Details van",
        list(nodes.index),
        index=None,
        format_func=lambda k: nodes.loc[k, "name"],
        placeholder="Kies een persoon of partij",
        key="map-detail",
    )


def details(lay: roles.Layout, reps: pd.DataFrame, found: pd.DataFrame, event: Any, on: dt.date) -> None:
    """The seats and open signals of the person or party picked on the map (or in the list under it)."""
    nodes = lay.nodes.set_index("key")
    key = _picked_node(nodes, event)
    if not key:
        return
    node = nodes.loc[key]
    with st.container(border=True):
        if node["kind"] == "org":
            st.markdown(f"**{md(node['name'])}** — {roles.summary_text(reps, on)}")
            return
        code = node["code"]
        column = "person_code" if node["kind"] == "person" else "party_code"
        mine = reps[reps[column] == code]
        signals = found[(found[column] == code) & ~found["acknowledged"]]
        if node["kind"] == "person":
            portfolio = node["portfolio"] if isinstance(node["portfolio"], str) else "geen portefeuille"
            st.markdown(f"**{md(node['name'])}** — {labels.FUNCTIONS[node['function']]}; {md(portfolio)}")
            st.dataframe(roles.seats_display(mine, "party"), hide_index=True, placeholder="—")
        else:
            domain = node["policy_domain"] if isinstance(node["policy_domain"], str) else "geen beleidsveld"
            st.markdown(f"**{md(node['name'])}** — beleidsveld {md(domain)}")
            st.markdown(roles.stance_text(node["government_role"], node["participation_level"]))
            st.dataframe(roles.seats_display(mine, "person"), hide_index=True, placeholder="—")
            st.page_link(
                nav.REGISTER,
                label="Partij openen in het register",
                icon=":material/arrow_forward:",
                query_params={state.PARTY_PARAM: code},
            )
        for row in signals.to_dict("records"):
            st.warning(f"**{row['title']}** — {md(row['text'])}", icon=":material/warning:")


# -- persons and representations -------------------------------------------------------------------------------
def manage_tab(db: Database) -> None:
    """Every representation and every person, each table with its editor below it."""
    reps = data.read(roles.representation_table)
    st.subheader("Vertegenwoordigingen")
    st.caption(
        "Alle vertegenwoordigingen, ook afgelopen termijnen. Een afgelopen termijn beëindigt u; verwijderen "
        "is alleen voor invoerfouten."
    )
    _table(
        data.read(_representations_shown),
        {"Persoon": 180, "Partij": 250, "Orgaan": 170, "Rol": 150, "Vanaf": 90, "Tot en met": 90},
    )
    roleforms.representation_editor(db, reps, "rollen-rep")
    st.subheader("Personen")
    persons = data.read(roles.persons)
    _table(roles.persons_display(persons), {"Naam": 190, "Functie": 120, "Portefeuille": 380, "E-mail": 250})
    roleforms.person_editor(db, "rollen-person")


def _representations_shown(db: Database) -> pd.DataFrame:
    """Every representation as the beheer list shows it, cached with the tables it reads (issue 17)."""
    return roles.representations_display(roles.representation_table(db))


def _table(frame: pd.DataFrame, widths: dict[str, int]) -> None:
    """A list of the beheer tab: a fixed height, so the editor below it stays in view, and column widths in pixels."""
    columns = {name: st.column_config.TextColumn(width=width) for name, width in widths.items()}
    st.dataframe(frame, hide_index=True, height=320, column_config=columns, placeholder="—")


# -- settings --------------------------------------------------------------------------------------------------
def settings_tab(db: Database) -> None:
    """The settings of the signals, over the three setting rows as this user opened them; read-only for a role
    that may not change settings."""
    if not state.editable("settings"):
        _settings_table(data.read(roles.settings))
        return
    form = forms.opened("role-settings", lambda: roles.settings_rows(db))
    current = roles.settings_from_rows(form.record)
    domains = sorted(data.read(roles.policy_domains))
    with st.form("role-settings", enter_to_submit=False):
        numbers = _setting_numbers(current, form.prefix)
        st.markdown(
            "**Portefeuille en beleidsveld.** Een portefeuille dekt een beleidsveld als de naam van het beleidsveld "
            "in de portefeuille staat. Leg hier vast welke andere portefeuille-onderdelen een beleidsveld dekken, "
            "bijvoorbeeld *Werk en inkomen* → *Sociaal domein*."
        )
        edited = st.data_editor(
            pd.DataFrame(roles.portfolio_domain_rows(current), columns=["term", "domain"], dtype="object"),
            num_rows="dynamic",
            column_config={
                "term": st.column_config.TextColumn("Portefeuille-onderdeel", width="medium"),
                "domain": st.column_config.SelectboxColumn("Beleidsveld", options=domains, width="medium"),
            },
            key=f"{form.prefix}-map",
            hide_index=True,
            placeholder="—",
        )
        if st.form_submit_button("Instellingen opslaan", type="primary") and forms.save(
            lambda: roles.save_settings(
                db,
                numbers[roles.SETTING_MAX_BODIES],
                numbers[roles.SETTING_HORIZON],
                edited.to_dict("records"),
                state.actor(),
                original=form.record,
            ),
            "De instellingen zijn opgeslagen.",
            form,
        ):
            st.rerun()


def _settings_table(current: roles.RoleSettings) -> None:
    """The settings as stored, as text."""
    mapping = "; ".join(f"{t} → {', '.join(ds)}" for t, ds in current.portfolio_domains.items()) or "geen"
    st.dataframe(
        pd.DataFrame(
            {
                "Instelling": list(roles.SETTING_LABELS.values()),
                "Waarde": [str(current.max_bodies), str(current.horizon_days), mapping],
            }
        ),
        hide_index=True,
    )


def _setting_numbers(current: roles.RoleSettings, prefix: str) -> dict[str, Any]:
    """The two whole-number settings side by side, within the limits governance checks them against."""
    numbers = {}
    shown = {roles.SETTING_MAX_BODIES: current.max_bodies, roles.SETTING_HORIZON: current.horizon_days}
    for col, (key, value) in zip(st.columns(2), shown.items(), strict=True):
        low, high = roles.NUMBER_LIMITS[key]
        numbers[key] = col.number_input(
            roles.SETTING_LABELS[key], min_value=low, max_value=high, value=value, step=1, key=f"{prefix}-{key}"
        )
    return numbers
