"""Rollen: who represents the gemeente where, the role map and matrix, and the signals where roles collide.

?peildatum=jjjj-mm-dd sets the date the signals and the map start on (default: today).
"""

from typing import Any

import pandas as pd
import streamlit as st

from governance import roles
from governance.core import formatting, labels
from ui import data, forms, nav, roleforms, state

nav.require_shell()

db = data.database()
state.show_flash()
today = roles.reference_date(st.query_params.get("peildatum"))
md = roleforms.md


def signals_tab() -> None:
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
    for rule, (title, _) in roles.RULES.items():
        group = open_[open_["rule"] == rule]
        if group.empty:
            continue
        with st.container(border=True):
            st.markdown(f":material/warning: **{title}** — {len(group)} {'signaal' if len(group) == 1 else 'signalen'}")
            st.caption("Regel: " + roles.rule_text(rule, settings))
            st.markdown("\n".join(f"- {md(t)}" for t in group["text"]))
    if not open_.empty:
        with st.form("sig-accept"):
            st.markdown("**Signaal accepteren** — het verdwijnt dan uit de open signalen en komt onder *Geaccepteerd*.")
            rows = dict(zip(open_["key"], open_["title"] + ": " + open_["text"], strict=True))
            key = st.selectbox("Signaal", list(rows), format_func=rows.get, key="sig-accept-key")
            reason = st.text_area("Reden (komt in het logboek)", key="sig-accept-reason", height=80)
            if st.form_submit_button("Accepteren", type="primary") and forms.save(
                lambda: roles.acknowledge(db, key, reason, state.actor()), "Het signaal is geaccepteerd."
            ):
                st.rerun()
    st.subheader(f"Geaccepteerd ({len(accepted)})")
    if accepted.empty:
        st.caption("Er zijn geen geaccepteerde signalen.")
    else:
        st.dataframe(
            roles.accepted_display(accepted),
            hide_index=True,
            column_config={"Toelichting": st.column_config.TextColumn(width="large")},
        )
        with st.form("sig-withdraw"):
            rows = dict(zip(accepted["key"], accepted["title"] + ": " + accepted["text"], strict=True))
            key = st.selectbox("Acceptatie intrekken van", list(rows), format_func=rows.get, key="sig-withdraw-key")
            reason = st.text_input("Reden (komt in het logboek)", key="sig-withdraw-reason")
            if st.form_submit_button("Intrekken") and forms.save(
                lambda: roles.withdraw(db, key, state.actor(), reason), "De acceptatie is ingetrokken."
            ):
                st.rerun()
    with st.expander("Alle regels achter de signalen"):
        for rule, (title, _) in roles.RULES.items():
            st.markdown(f"**{title}.** {roles.rule_text(rule, settings)}")


def map_tab() -> None:
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
    active = roles.active_on(reps_all, on)
    with st.container(border=True):
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
        extra = sum(bool(st.session_state.get(k)) for k in ("map-pf", "map-gr", "map-pl"))
        extra += st.session_state.get("map-kind", "alle") not in (None, "alle")
        label = "Meer filters: portefeuille, rol van de gemeente, participatie, soort"
        with st.expander(label + (f" — {extra} actief" if extra else ""), expanded=bool(extra)):
            c4, c5, c6 = st.columns(3)
            portfolios = c4.multiselect(
                "Portefeuille", roles.portfolio_options(persons), placeholder="Alle portefeuilles", key="map-pf"
            )
            stance_names = {**labels.GOVERNMENT_ROLES, roles.NONE: "Niet vastgelegd"}
            gov_roles = c5.multiselect(
                "Rol van de gemeente",
                list(stance_names),
                format_func=stance_names.get,
                placeholder="Alle",
                key="map-gr",
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
    reps = roles.filter_reps(
        active, chosen_persons, chosen_parties, capacities, portfolios, gov_roles, levels, kind or "alle"
    )
    st.caption(roles.summary_text(reps, on))
    if reps.empty:
        st.info("Geen vertegenwoordigingen op deze datum met deze filters.")
        return
    if view == "Matrix":
        for title, table in roles.matrices(reps):
            st.markdown(f"**{title}**")
            st.table(table, hide_index=True)
        st.caption(
            "Per cel: orgaan en rol. AB = algemeen bestuur, DB = dagelijks bestuur, AvA = algemene "
            "vergadering van aandeelhouders, RvC = raad van commissarissen, RvT = raad van toezicht."
        )
        return
    found = data.read(roles.signals, on)
    flagged = roles.node_keys_with_signals(found[~found["acknowledged"]])
    lay = roles.layout(reps, data.read(roles.our_organisation_name))
    event = st.plotly_chart(
        roles.role_network(lay, colour_by or "government_role", flagged),
        on_select="rerun",
        selection_mode="points",
        key="rolemap",
        config={"displayModeBar": False},
        alt="Rollenkaart: de gemeente, de personen die haar vertegenwoordigen en de partijen waar zij zitten.",
    )
    st.caption("⚠ = open signaal. Klik op een persoon of partij voor de details, of kies hieronder.")
    details(lay, reps, found, event)


def details(lay: roles.Layout, reps: pd.DataFrame, found: pd.DataFrame, event: Any) -> None:
    nodes = lay.nodes.set_index("key")
    points = (event.selection.get("points") if event else None) or []
    picked = next((p.get("customdata") for p in points if str(p.get("customdata", "")).count(":") == 1), None)
    if picked and picked in nodes.index and picked != st.session_state.get("map-last-pick"):
        st.session_state["map-last-pick"] = picked
        st.session_state["map-detail"] = picked
    if st.session_state.get("map-detail") not in nodes.index:
        st.session_state.pop("map-detail", None)
    key = st.selectbox(
        "Details van",
        list(nodes.index),
        index=None,
        format_func=lambda k: nodes.loc[k, "name"],
        placeholder="Kies een persoon of partij",
        key="map-detail",
    )
    if not key:
        return
    node = nodes.loc[key]
    with st.container(border=True):
        if node["kind"] == "org":
            st.markdown(f"**{md(node['name'])}** — {roles.summary_text(reps, st.session_state['map-date'])}")
            return
        code = node["code"]
        column = "person_code" if node["kind"] == "person" else "party_code"
        mine = reps[reps[column] == code]
        signals = found[(found[column] == code) & ~found["acknowledged"]]
        if node["kind"] == "person":
            portfolio = node["portfolio"] if isinstance(node["portfolio"], str) else "geen portefeuille"
            st.markdown(f"**{md(node['name'])}** — {labels.FUNCTIONS[node['function']]}; {md(portfolio)}")
            st.dataframe(roles.seats_display(mine, "party"), hide_index=True)
        else:
            domain = node["policy_domain"] if isinstance(node["policy_domain"], str) else "geen beleidsveld"
            st.markdown(f"**{md(node['name'])}** — beleidsveld {md(domain)}")
            st.markdown(roles.stance_text(node["government_role"], node["participation_level"]))
            st.dataframe(roles.seats_display(mine, "person"), hide_index=True)
            st.page_link(
                nav.REGISTER,
                label="Partij openen in het register",
                icon=":material/arrow_forward:",
                query_params={state.PARTY_PARAM: code},
            )
        for row in signals.to_dict("records"):
            st.warning(f"**{row['title']}** — {md(row['text'])}", icon=":material/warning:")


def manage_tab() -> None:
    reps = data.read(roles.representation_table)
    st.subheader("Vertegenwoordigingen")
    st.caption(
        "Alle vertegenwoordigingen, ook afgelopen termijnen. Een afgelopen termijn beëindigt u; verwijderen "
        "is alleen voor invoerfouten."
    )
    st.dataframe(
        roles.representations_display(reps),
        hide_index=True,
        height=320,
        column_config={
            "Persoon": st.column_config.TextColumn(width=180),
            "Partij": st.column_config.TextColumn(width=250),
            "Orgaan": st.column_config.TextColumn(width=170),
            "Rol": st.column_config.TextColumn(width=150),
            "Vanaf": st.column_config.TextColumn(width=90),
            "Tot en met": st.column_config.TextColumn(width=90),
        },
    )
    roleforms.representation_editor(db, reps, "rollen-rep")
    st.subheader("Personen")
    persons = data.read(roles.persons)
    st.dataframe(
        roles.persons_display(persons),
        hide_index=True,
        height=320,
        column_config={
            "Naam": st.column_config.TextColumn(width=190),
            "Functie": st.column_config.TextColumn(width=120),
            "Portefeuille": st.column_config.TextColumn(width=380),
            "E-mail": st.column_config.TextColumn(width=250),
        },
    )
    roleforms.person_editor(db, "rollen-person")


def settings_tab() -> None:
    current = data.read(roles.settings)
    domains = sorted(data.read(roles.policy_domains))
    with st.form("role-settings"):
        c1, c2 = st.columns(2)
        max_bodies = c1.number_input(
            "Maximum aantal organen per persoon", min_value=1, max_value=50, value=current.max_bodies, step=1
        )
        horizon = c2.number_input(
            "Termijn loopt af binnen (dagen)", min_value=1, max_value=730, value=current.horizon_days, step=1
        )
        st.markdown(
            "**Portefeuille en beleidsveld.** Een portefeuille dekt een beleidsveld als de naam van het beleidsveld "
            "in de portefeuille staat. Leg hier vast welke andere portefeuille-onderdelen een beleidsveld dekken, "
            "bijvoorbeeld *Werk en inkomen* → *Sociaal domein*."
        )
        rows = pd.DataFrame(
            [{"term": t, "domain": d} for t, ds in current.portfolio_domains.items() for d in ds],
            columns=["term", "domain"],
            dtype="object",
        )
        edited = st.data_editor(
            rows,
            num_rows="dynamic",
            column_config={
                "term": st.column_config.TextColumn("Portefeuille-onderdeel", width="medium"),
                "domain": st.column_config.SelectboxColumn("Beleidsveld", options=domains, width="medium"),
            },
            key="role-settings-map",
            hide_index=True,
        )
        if st.form_submit_button("Instellingen opslaan", type="primary") and forms.save(
            lambda: roles.save_settings(
                db, max_bodies, horizon, edited.to_dict("records"), state.actor(), roles.settings_rows(db)
            ),
            "De instellingen zijn opgeslagen.",
        ):
            st.rerun()


st.title("Rollen en vertegenwoordiging")
st.caption("Wie vertegenwoordigt de gemeente waar, in welke rol — en waar botsen rollen?")
tabs = st.tabs(["Signalen", "Rollenkaart", "Personen en vertegenwoordigingen", "Instellingen"])
with tabs[0]:
    signals_tab()
with tabs[1]:
    map_tab()
with tabs[2]:
    manage_tab()
with tabs[3]:
    settings_tab()
