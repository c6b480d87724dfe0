"""Sections of the Weerstandsvermogen page (Streamlit only): the choices, the outcome, the what-if, recording a
run and the two settings forms. What decides anything (levels, thresholds, texts that depend on the outcome)
lives in governance.weerstand; these functions lay it out and collect widget values."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from governance import weerstand
from governance.core import formatting, validation
from governance.core.db import Database
from ui import amounts, data, forms, state
from ui.text import cells, plain

CHART = {"displayModeBar": False}
# Streamlit's badge colours per NAR class; the badge always names the class, so colour is never the only cue.
BADGE = {"A": "green", "B": "green", "C": "blue", "D": "orange", "E": "orange", "F": "red", "—": "gray"}


def choices(norm: dict[str, Any]) -> tuple[str, float, bool]:
    """Which risks, at which certainty, with or without guarantees and loans: the user's three choices."""
    c1, c2, c3 = st.columns([3, 2, 2], vertical_alignment="bottom")
    scope = (
        c1.segmented_control(
            "Welke risico's",
            list(weerstand.SCOPES),
            format_func=weerstand.SCOPES.get,
            default="alle",
            key="wv-scope",
            help="Alleen verbonden partijen: zonder de risico's die de gemeente zelf loopt (zonder partij).",
        )
        or "alle"
    )
    levels = weerstand.certainty_choices(norm["pct"])
    certainty = c2.selectbox(
        "Zekerheidsniveau",
        levels,
        index=levels.index(norm["pct"]),
        format_func=lambda x: weerstand.certainty_label(x, norm),
        key="wv-certainty",
        help="Een raadsnorm alleen als het raadsbesluit (kenmerk en datum) is vastgelegd onder Instellingen: "
        "simulatie.",
    )
    exposures = c3.toggle(
        "Garanties en leningen als faalrisico",
        key="wv-exposures",
        help="Elke partij met garanties of leningen in het gekozen jaar telt als risico: de partij valt om met de "
        "ingestelde kans en de gemeente verliest garanties en leningen. Let op dubbeltellingen met risico's die "
        "dezelfde claim al beschrijven.",
    )
    return scope, certainty, exposures


def headline(outcome: weerstand.Outcome) -> None:
    """The four figures, the ratio scale, what was simulated, and what was left out."""
    level = weerstand.level_text(outcome.certainty)
    m1, m2, m3, m4 = st.columns(4)
    with m1.container(border=True):
        st.metric(
            "Beschikbare capaciteit",
            formatting.euro(outcome.available, compact=True),
            help=f"Totaal van de onderdelen hieronder: {formatting.euro(outcome.available)}",
        )
    with m2.container(border=True):
        st.metric(
            f"Benodigde capaciteit ({level})",
            formatting.euro(outcome.required, compact=True),
            help=f"In {level} van de gesimuleerde jaren is het totaal van de risico's niet hoger dan "
            f"{formatting.euro(outcome.required)}.",
        )
    with m3.container(border=True):
        st.metric("Weerstandsratio", weerstand.ratio_text(outcome.ratio), help="Beschikbare ÷ benodigde capaciteit")
        st.badge(weerstand.class_headline(outcome), color=BADGE[outcome.nar_class])
    with m4.container(border=True):
        st.metric(
            "Verwachte waarde risico's",
            formatting.euro(outcome.expected, compact=True),
            help=f"Som van kans × gemiddeld bedrag: {formatting.euro(outcome.expected)}. Bruto (alle risico's op hun "
            f"maximum): {formatting.euro(outcome.gross)}.",
        )
    if outcome.ratio is not None:  # no benodigde capaciteit: no ratio to point at on the scale
        st.plotly_chart(weerstand.ratio_scale(outcome.ratio), config=CHART, key="wv-scale")
    st.caption(
        f"{len(outcome.lines)} financiële risico's gesimuleerd ({weerstand.SCOPE_NOTES[outcome.scope]}), "
        f"{formatting.number(outcome.iterations)} iteraties, startgetal {outcome.seed}, verdeling "
        f"{weerstand.distribution_name(outcome.distribution)}. Bruto {formatting.euro(outcome.gross)}. "
        f"Kans dat de risico's in één jaar meer kosten dan de beschikbare capaciteit: "
        f"{weerstand.exceed_text(outcome.p_exceed_available)}."
        " Klassen volgens de tabel van NAR / Universiteit Twente; een klasse omvat haar ondergrens. "
        + weerstand.norm_line(outcome)
    )
    if not len(outcome.lines):
        st.info("In deze keuze is geen financieel risico met een kans en een bedrag: er is geen capaciteit nodig.")
    if len(outcome.skipped):
        st.warning(
            f"{len(outcome.skipped)} financiële risico's zijn niet meegerekend: "
            + plain("; ".join(weerstand.skipped_items(outcome)))  # risk titles and party names
        )
    with st.expander("Hoe wordt dit berekend?"):
        st.markdown(weerstand.METHOD_TEXT)


def tables(outcome: weerstand.Outcome) -> None:
    """The beschikbare capaciteit by part beside the benodigde capaciteit per certainty level."""
    left, right = st.columns(2)
    with left:
        st.subheader("Beschikbare weerstandscapaciteit")
        cap = data.read(weerstand.capacity)
        if not cap["is_set"]:
            st.info("Nog niet ingevuld: vul de onderdelen in onder *Instellingen* onderaan deze pagina.")
        st.table(cells(weerstand.capacity_table(cap)), hide_index=True)
    with right:
        st.subheader("Benodigde capaciteit per zekerheid")
        st.table(cells(weerstand.level_table(outcome)), hide_index=True)


NO_RISKS = (
    "Nog geen financieel risico met een kans en een bedrag in deze keuze, dus nog niets om te tonen. Leg risico's "
    "vast op de pagina *Risico's*, met een kans en de bedragen minimum, meest waarschijnlijk en maximum."
)
NO_TOP = "Nog geen risico's die bijdragen aan de benodigde capaciteit."


def exceedance(outcome: weerstand.Outcome) -> None:
    st.subheader("Overschrijdingskans")
    if not len(outcome.lines):  # every simulated year costs nothing: a curve and a histogram at zero
        st.info(NO_RISKS)
        return
    st.caption(
        "Per bedrag de kans dat de risico's in één jaar samen meer kosten. De ruit markeert het gekozen "
        "zekerheidsniveau, de stippellijn de beschikbare capaciteit."
    )
    st.plotly_chart(
        weerstand.exceedance_curve(outcome.exceedance, outcome.required, outcome.certainty, outcome.available),
        config=CHART,
        key="wv-exceedance",
    )
    st.caption(weerstand.exceedance_text(outcome))  # the curve's figures as text
    with st.expander("Verdeling van de gesimuleerde jaren"):
        st.plotly_chart(
            weerstand.distribution_bars(outcome.histogram, outcome.iterations), config=CHART, key="wv-histogram"
        )
        st.caption(weerstand.distribution_text(outcome.histogram, outcome.iterations))


def top_risks(outcome: weerstand.Outcome) -> None:
    st.subheader(
        f"Top 10 risico's naar bijdrage aan de benodigde capaciteit ({weerstand.level_text(outcome.certainty)})"
    )
    if not len(outcome.lines):
        st.info(NO_TOP)
        return
    st.caption(
        "Bijdrage: wat een risico gemiddeld kost in de gesimuleerde jaren rond de grens van het zekerheidsniveau "
        "(Euler-toerekening); de bijdragen van alle risico's tellen op tot de benodigde capaciteit."
    )
    top = outcome.lines.head(10)
    st.plotly_chart(
        weerstand.contribution_bars(
            top["title"].tolist(), top["party_name"].tolist(), top["contribution"].astype(float).tolist()
        ),
        config=CHART,
        key="wv-top",
    )
    st.table(cells(weerstand.top_risks(outcome)), hide_index=True)
    with st.expander("Bijdrage per partij"):
        st.dataframe(weerstand.party_table(outcome), hide_index=True, key="wv-parties", placeholder="—")


def _what_if_choice(parties: dict[str, str]) -> weerstand.WhatIf:
    w1, w2, w3, w4 = st.columns(4)
    party = w1.selectbox(
        "Partij", list(parties), index=None, format_func=parties.get, placeholder="Kies een partij", key="wv-wi-party"
    )
    factor = w2.select_slider(
        "Risicobedragen van de partij × factor",
        options=list(weerstand.WHAT_IF_FACTORS),
        value=1.0,
        format_func=lambda x: f"{formatting.number(x, 1)}×",
        key="wv-wi-factor",
        disabled=party is None,
    )
    claim = _live_number(w3, "Extra garantieclaim (€)", "wv-wi-claim", money=True)
    claim_pct = min(_live_number(w4, "Kans op die claim (%)", "wv-wi-pct", money=False), 100.0)
    return weerstand.WhatIf(party, float(factor), claim, claim_pct)


def _live_number(column: Any, label: str, key: str, money: bool) -> float:
    """A what-if number: outside a form it is read at once, so the reading is shown under the field."""
    text = amounts.number_field(column, label, 0, key, money=money)
    try:
        value = float(validation.read_typed(text) or 0)
    except ValueError as exc:
        column.caption(plain(f"Niet meegenomen: {exc}"))
        return 0.0
    column.caption(f"= {formatting.euro(value) if money else formatting.percent(value)}")
    return max(value, 0.0)


def what_if(outcome: weerstand.Outcome, scope: str, year: int, certainty: float, exposures: bool) -> None:
    """Scale one party's risks or add a guarantee claim, and compare with the same register computed alike."""
    st.subheader("Wat als?")
    with st.container(border=True):
        change = _what_if_choice(weerstand.what_if_parties(outcome))
        if not change.active:
            st.caption(
                "Kies een partij en een factor, of vul een garantieclaim met een kans in: de uitkomst volgt direct."
            )
            return
        n = weerstand.what_if_iterations(len(outcome.lines) + 1, outcome.iterations)
        base = (
            outcome if n == outcome.iterations else data.read(weerstand.compute, scope, year, certainty, exposures, n)
        )
        changed = data.read(weerstand.compute, scope, year, certainty, exposures, n, None, change)
        r1, r2, r3 = st.columns(3)
        r1.metric(
            f"Benodigde capaciteit ({weerstand.level_text(outcome.certainty)})",
            formatting.euro(changed.required, compact=True),
            delta=formatting.euro(changed.required - base.required, compact=True),
            delta_color="inverse",
        )
        r2.metric("Weerstandsratio", weerstand.ratio_text(changed.ratio), delta=weerstand.ratio_change(changed, base))
        with r3:
            st.metric(
                "Klasse",
                weerstand.class_text(changed.nar_class, changed.nar_label),
                help=f"Was {weerstand.class_text(base.nar_class, base.nar_label)}",
            )
            st.badge(f"was {weerstand.class_text(base.nar_class, base.nar_label)}", color="gray")
        st.caption(weerstand.what_if_note(n, outcome.iterations))


def save_run(db: Database, outcome: weerstand.Outcome, year: int) -> None:
    """Record the outcome for the begroting or the jaarstukken (a new run: nothing to conflict with), and the
    runs recorded so far."""
    st.subheader("Vastleggen voor begroting of jaarstukken")
    if not state.editable("weerstand"):
        _saved_runs()
        return
    with st.form("wv-save-run", enter_to_submit=False):
        s1, s2 = st.columns(2)
        purpose = s1.selectbox(
            "Voor", list(weerstand.PURPOSES), format_func=weerstand.PURPOSES.get, key="wv-run-purpose"
        )
        low, high = weerstand.RUN_YEARS
        run_year = s2.number_input("Jaar", min_value=low, max_value=high, value=int(year), step=1, key="wv-run-year")
        notes = st.text_input("Toelichting", key="wv-run-notes")
        st.caption(
            f"Legt vast: {weerstand.SCOPES[outcome.scope].lower()}, {weerstand.level_text(outcome.certainty)} "
            f"zekerheid, {formatting.number(outcome.iterations)} iteraties, startgetal {outcome.seed}, "
            f"beschikbaar {formatting.euro(outcome.available)}, benodigd {formatting.euro(outcome.required)}, "
            f"ratio {weerstand.ratio_text(outcome.ratio)} "
            f"({weerstand.class_text(outcome.nar_class, outcome.nar_label)})."
        )
        if st.form_submit_button("Berekening vastleggen", type="primary") and forms.save(
            lambda: weerstand.save_run(db, outcome, purpose, int(run_year), notes or None, state.actor()),
            "De berekening is vastgelegd.",
        ):
            st.rerun()
    _saved_runs()


def _saved_runs() -> None:
    saved = data.read(weerstand.runs)
    if len(saved):
        st.dataframe(weerstand.runs_table(saved), hide_index=True, key="wv-runs", placeholder="—")
    else:
        st.caption("Nog geen berekeningen vastgelegd.")


def capacity_form(db: Database) -> None:
    """The parts of the beschikbare capaciteit as this user opened them; a save over a newer one is refused."""
    if not state.may("weerstand"):
        return
    with st.expander("Instellingen: beschikbare capaciteit"), st.form("wv-capacity-form", enter_to_submit=False):
        form = forms.opened("wv-capacity", lambda: weerstand.capacity(db)["original"])
        cap = weerstand.capacity_of(form.record)
        values = {}
        for part, name in weerstand.CAPACITY_PARTS.items():
            a, b = st.columns([1, 2])
            values[part] = amounts.number_field(a, f"{name} (€)", cap["parts"][part], f"{form.prefix}-{part}")
            values[f"{part}_note"] = b.text_input(
                f"Toelichting {name.lower()}", cap["notes"][part], key=f"{form.prefix}-{part}-n"
            )
        submitted = st.form_submit_button("Capaciteit opslaan", type="primary")
        if submitted and forms.save(
            lambda: weerstand.save_capacity(db, values, state.actor(), original=form.record),
            "De beschikbare weerstandscapaciteit is opgeslagen.",
            form,
        ):
            st.rerun()


def simulation_form(db: Database, year: int) -> None:
    """The simulation settings as this user opened them (the defaults when none are stored yet)."""
    if not state.may("weerstand"):
        return
    with st.expander("Instellingen: simulatie"), st.form("wv-sim-form", enter_to_submit=False):
        form = forms.opened("wv-simulation", lambda: weerstand.simulation_settings(db)["original"])
        settings = weerstand.simulation_settings_of(form.record)
        values = _simulation_fields(settings, form.prefix)
        exposed = data.read(weerstand.exposure_parties, year, settings)
        if len(exposed):
            st.caption(
                f"Kans op falen per partij met garanties of leningen in {year}; gelijk aan de standaard = volgt de "
                "standaard."
            )
            edited = st.data_editor(
                exposed,
                hide_index=True,
                disabled=["Partij", "Garanties en leningen"],
                column_order=["Partij", "Garanties en leningen", "Kans op falen (%)"],
                column_config={
                    "Kans op falen (%)": st.column_config.NumberColumn(
                        min_value=weerstand.PROBABILITY_RANGE[0],
                        max_value=weerstand.PROBABILITY_RANGE[1],
                        step=0.5,
                        format="%.1f",
                        required=True,
                    )
                },
                key=f"{form.prefix}-parties",
                placeholder="—",
            )
            values["party_probability_pct"] = dict(zip(edited["code"], edited["Kans op falen (%)"], strict=True))
        submitted = st.form_submit_button("Simulatie-instellingen opslaan", type="primary")
        if submitted and forms.save(
            lambda: weerstand.save_simulation_settings(db, values, state.actor(), original=form.record),
            "De simulatie-instellingen zijn opgeslagen.",
            form,
        ):
            st.rerun()


def _simulation_fields(settings: dict[str, Any], prefix: str) -> dict[str, Any]:
    a, b, c = st.columns(3)
    return {
        "certainty_pct": _percent(
            a,
            "Zekerheidsniveau (%)",
            weerstand.CERTAINTY_RANGE,
            settings["certainty_pct"],
            5.0,
            key=f"{prefix}-certainty",
        ),
        "iterations": amounts.number_field(
            b, "Aantal iteraties", int(settings["iterations"]), f"{prefix}-iterations", money=False
        ),
        "seed": c.number_input("Startgetal (seed)", 0, None, int(settings["seed"]), 1, key=f"{prefix}-seed"),
        "distribution": a.selectbox(
            "Verdeling bij minimum/maximum",
            list(weerstand.DISTRIBUTIONS),
            index=list(weerstand.DISTRIBUTIONS).index(settings["distribution"]),
            format_func=weerstand.DISTRIBUTIONS.get,
            key=f"{prefix}-distribution",
        ),
        "default_probability_pct": _percent(
            b,
            "Kans op falen bij garanties en leningen (%)",
            weerstand.PROBABILITY_RANGE,
            settings["default_probability_pct"],
            0.5,
            key=f"{prefix}-default",
            help="Per jaar; geldt voor elke partij zonder eigen kans hieronder.",
        ),
        "council_decision": c.text_input(
            "Raadsbesluit zekerheidsniveau (kenmerk)",
            settings.get("council_decision") or "",
            max_chars=200,
            key=f"{prefix}-decision",
            help="Alleen met kenmerk en datum van het raadsbesluit heet het zekerheidsniveau een raadsnorm; anders "
            "is 90 % de standaard van het programma (geen raadsbesluit vastgelegd).",
        )
        or None,
        "council_decision_date": c.date_input(
            "Datum raadsbesluit",
            _date(settings.get("council_decision_date")),
            format="DD-MM-YYYY",
            min_value=dt.date(2000, 1, 1),
            key=f"{prefix}-decision-date",
        ),
    }


def _date(value: Any) -> dt.date | None:
    return None if validation.blank(value) else dt.date.fromisoformat(str(value)[:10])


def _percent(column: Any, label: str, bounds: tuple[float, float], value: float, step: float, **options: Any) -> str:
    """A percentage typed the Dutch way ('12,5'); governance refuses it outside `bounds` naming the field."""
    low, high = bounds
    help_text = options.get("help") or ""
    hint = f"Tussen {formatting.number(low, 1)} en {formatting.number(high, 1)}."
    return amounts.number_field(column, label, value, options["key"], money=False, help=f"{help_text} {hint}".strip())
