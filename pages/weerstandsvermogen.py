"""Weerstandsvermogen (BBV art. 11): beschikbare against benodigde weerstandscapaciteit, by simulating the register."""

import streamlit as st

from governance import weerstand
from governance.core import formatting
from ui import data, forms, nav, state

nav.require_shell()

db = data.database()
year = st.session_state[state.YEAR]
state.show_flash()
CHART = {"displayModeBar": False}
BADGE = {"A": "green", "B": "green", "C": "blue", "D": "orange", "E": "orange", "F": "red"}

settings = data.read(weerstand.simulation_settings)
council = float(settings["certainty_pct"])


def level_text(level: float) -> str:
    return formatting.percent(level, 0 if float(level).is_integer() else 1)


st.title("Weerstandsvermogen")
st.caption(
    "Beschikbare weerstandscapaciteit tegenover de benodigde: het bedrag dat de financiële risico's met de gekozen "
    "zekerheid afdekt, berekend met een Monte Carlo-simulatie van het risicoregister (art. 11 BBV)."
)

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
levels = sorted({*weerstand.LEVELS, council})
certainty = c2.selectbox(
    "Zekerheidsniveau",
    levels,
    index=levels.index(council),
    format_func=lambda x: level_text(x) + (" (raadsnorm)" if x == council else ""),
    key="wv-certainty",
)
exposures = c3.toggle(
    "Garanties en leningen als faalrisico",
    key="wv-exposures",
    help="Elke partij met garanties of leningen in het gekozen jaar telt als risico: de partij valt om met de "
    "ingestelde kans en de gemeente verliest garanties en leningen. Let op dubbeltellingen met risico's die "
    "dezelfde claim al beschrijven.",
)

outcome = data.read(weerstand.compute, scope, year, certainty, exposures)
level = level_text(outcome.certainty)

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
    st.badge(f"Klasse {outcome.nar_class} – {outcome.nar_label}", color=BADGE[outcome.nar_class])
with m4.container(border=True):
    st.metric(
        "Verwachte waarde risico's",
        formatting.euro(outcome.expected, compact=True),
        help=f"Som van kans × gemiddeld bedrag: {formatting.euro(outcome.expected)}. Bruto (alle risico's op hun "
        f"maximum): {formatting.euro(outcome.gross)}.",
    )
st.plotly_chart(weerstand.ratio_scale(outcome.ratio), config=CHART, key="wv-scale")
exceed = outcome.p_exceed_available
st.caption(
    f"{len(outcome.lines)} financiële risico's gesimuleerd ({weerstand.SCOPE_NOTES[scope]}), "
    f"{formatting.number(outcome.iterations)} iteraties, startgetal {outcome.seed}, verdeling "
    f"{weerstand.DISTRIBUTIONS[outcome.distribution].split(' ')[0]}. Bruto {formatting.euro(outcome.gross)}. "
    f"Kans dat de risico's in één jaar meer kosten dan de beschikbare capaciteit: "
    + ("minder dan 0,01 %." if exceed < 0.0001 else f"{formatting.percent(100 * exceed, 2)}.")
    + " Klassen volgens de tabel van NAR / Universiteit Twente; een klasse omvat haar ondergrens."
)
if not len(outcome.lines):
    st.info("In deze keuze is geen financieel risico met een kans en een bedrag: er is geen capaciteit nodig.")
if len(outcome.skipped):
    st.warning(
        f"{len(outcome.skipped)} financiële risico's zijn niet meegerekend: "
        + "; ".join(f"{r['title']} ({r['party_name']}): {r['reason']}" for r in outcome.skipped.to_dict("records"))
    )

with st.expander("Hoe wordt dit berekend?"):
    st.markdown(weerstand.METHOD_TEXT)

left, right = st.columns(2)
with left:
    st.subheader("Beschikbare weerstandscapaciteit")
    cap = data.read(weerstand.capacity)
    if not cap["is_set"]:
        st.info("Nog niet ingevuld: vul de onderdelen in onder *Instellingen* onderaan deze pagina.")
    st.table(weerstand.capacity_table(cap), hide_index=True)
with right:
    st.subheader("Benodigde capaciteit per zekerheid")
    st.table(weerstand.level_table(outcome), hide_index=True)

st.subheader("Overschrijdingskans")
st.caption(
    "Per bedrag de kans dat de risico's in één jaar samen meer kosten. De ruit markeert het gekozen "
    "zekerheidsniveau, de stippellijn de beschikbare capaciteit."
)
st.plotly_chart(
    weerstand.exceedance_curve(outcome.exceedance, outcome.required, outcome.certainty, outcome.available),
    config=CHART,
    key="wv-exceedance",
)
with st.expander("Verdeling van de gesimuleerde jaren"):
    st.plotly_chart(
        weerstand.distribution_bars(outcome.histogram, outcome.iterations), config=CHART, key="wv-histogram"
    )

st.subheader(f"Top 10 risico's naar bijdrage aan de benodigde capaciteit ({level})")
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
st.table(weerstand.top_risks(outcome), hide_index=True)
with st.expander("Bijdrage per partij"):
    st.dataframe(weerstand.party_table(outcome), hide_index=True, key="wv-parties")


def what_if_section() -> None:
    st.subheader("Wat als?")
    parties = sorted({p for p in outcome.lines["party_code"].dropna()})
    names = dict(zip(outcome.lines["party_code"], outcome.lines["party_name"], strict=True))
    with st.container(border=True):
        w1, w2, w3, w4 = st.columns(4)
        party = w1.selectbox(
            "Partij", parties, index=None, format_func=names.get, placeholder="Kies een partij", key="wv-wi-party"
        )
        factor = w2.select_slider(
            "Risicobedragen van de partij × factor",
            options=[round(0.1 * n, 1) for n in range(31)],
            value=1.0,
            format_func=lambda x: f"{formatting.number(x, 1)}×",
            key="wv-wi-factor",
            disabled=party is None,
        )
        claim = w3.number_input(
            "Extra garantieclaim (€)", min_value=0.0, value=0.0, step=100_000.0, format="%.0f", key="wv-wi-claim"
        )
        claim_pct = w4.number_input(
            "Kans op die claim (%)", min_value=0.0, max_value=100.0, value=0.0, step=5.0, format="%.0f", key="wv-wi-pct"
        )
        what_if = weerstand.WhatIf(party, float(factor), float(claim), float(claim_pct))
        if not what_if.active:
            st.caption(
                "Kies een partij en een factor, of vul een garantieclaim met een kans in: de uitkomst volgt direct."
            )
            return
        n = weerstand.what_if_iterations(len(outcome.lines) + 1, outcome.iterations)
        base = (
            outcome if n == outcome.iterations else data.read(weerstand.compute, scope, year, certainty, exposures, n)
        )
        changed = data.read(weerstand.compute, scope, year, certainty, exposures, n, None, what_if)
        r1, r2, r3 = st.columns(3)
        r1.metric(
            f"Benodigde capaciteit ({level})",
            formatting.euro(changed.required, compact=True),
            delta=formatting.euro(changed.required - base.required, compact=True),
            delta_color="inverse",
        )
        r2.metric(
            "Weerstandsratio",
            weerstand.ratio_text(changed.ratio),
            delta=None
            if changed.ratio is None or base.ratio is None
            else formatting.number(changed.ratio - base.ratio, 2),
        )
        with r3:
            st.metric("Klasse", f"{changed.nar_class} – {changed.nar_label}", help=f"Was {base.nar_class}")
            st.badge(f"was {base.nar_class} – {base.nar_label}", color="gray")
        note = (
            f"Wat-als met {formatting.number(n)} iteraties en hetzelfde startgetal als de basis "
            + (
                "(minder iteraties dan ingesteld, zodat het direct rekent; "
                "de basis is met hetzelfde aantal herberekend)."
                if n < outcome.iterations
                else "(dezelfde berekening als hierboven)."
            )
            + " Alleen de gewijzigde risico's krijgen andere uitkomsten; een wat-als wordt niet vastgelegd."
        )
        st.caption(note)


what_if_section()

st.subheader("Vastleggen voor begroting of jaarstukken")
with st.form("wv-save-run"):
    s1, s2 = st.columns(2)
    purpose = s1.selectbox("Voor", list(weerstand.PURPOSES), format_func=weerstand.PURPOSES.get, key="wv-run-purpose")
    run_year = s2.number_input("Jaar", min_value=1900, max_value=2100, value=int(year), step=1, key="wv-run-year")
    notes = st.text_input("Toelichting", key="wv-run-notes")
    st.caption(
        f"Legt vast: {weerstand.SCOPES[scope].lower()}, {level} zekerheid, "
        f"{formatting.number(outcome.iterations)} iteraties, startgetal {outcome.seed}, "
        f"beschikbaar {formatting.euro(outcome.available)}, benodigd {formatting.euro(outcome.required)}, "
        f"ratio {weerstand.ratio_text(outcome.ratio)} (klasse {outcome.nar_class})."
    )
    if st.form_submit_button("Berekening vastleggen", type="primary") and forms.save(
        lambda: weerstand.save_run(db, outcome, purpose, int(run_year), notes or None, state.actor()),
        "De berekening is vastgelegd.",
    ):
        st.rerun()
saved = data.read(weerstand.runs)
if len(saved):
    st.dataframe(weerstand.runs_table(saved), hide_index=True, key="wv-runs")
else:
    st.caption("Nog geen berekeningen vastgelegd.")


def settings_section() -> None:
    cap = data.read(weerstand.capacity)
    with st.expander("Instellingen: beschikbare capaciteit"), st.form("wv-capacity-form"):
        values = {}
        for part, name in weerstand.CAPACITY_PARTS.items():
            a, b = st.columns([1, 2])
            values[part] = a.number_input(
                f"{name} (€)", min_value=0.0, value=cap["parts"][part], step=100_000.0, format="%.0f", key=f"wv-{part}"
            )
            values[f"{part}_note"] = b.text_input(f"Toelichting {name.lower()}", cap["notes"][part], key=f"wv-{part}-n")
        if st.form_submit_button("Capaciteit opslaan", type="primary") and forms.save(
            lambda: weerstand.save_capacity(db, values, state.actor(), original=cap["original"]),
            "De beschikbare weerstandscapaciteit is opgeslagen.",
        ):
            st.rerun()
    with st.expander("Instellingen: simulatie"), st.form("wv-sim-form"):
        a, b, c = st.columns(3)
        values = {
            "certainty_pct": a.number_input(
                "Zekerheidsniveau van de raad (%)", 50.0, 99.9, council, 5.0, format="%.1f", key="wv-set-certainty"
            ),
            "iterations": b.number_input(
                "Aantal iteraties", 1_000, 2_000_000, int(settings["iterations"]), 10_000, key="wv-set-iterations"
            ),
            "seed": c.number_input("Startgetal (seed)", 0, None, int(settings["seed"]), 1, key="wv-set-seed"),
            "distribution": a.selectbox(
                "Verdeling bij minimum/maximum",
                list(weerstand.DISTRIBUTIONS),
                index=list(weerstand.DISTRIBUTIONS).index(settings["distribution"]),
                format_func=weerstand.DISTRIBUTIONS.get,
                key="wv-set-distribution",
            ),
            "default_probability_pct": b.number_input(
                "Kans op falen bij garanties en leningen (%)",
                0.0,
                100.0,
                float(settings["default_probability_pct"]),
                0.5,
                format="%.1f",
                key="wv-set-default",
                help="Per jaar; geldt voor elke partij zonder eigen kans hieronder.",
            ),
        }
        exposed = data.read(weerstand.exposure_parties, year)
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
                        min_value=0.0, max_value=100.0, step=0.5, format="%.1f", required=True
                    )
                },
                key="wv-set-parties",
            )
            values["party_probability_pct"] = dict(zip(edited["code"], edited["Kans op falen (%)"], strict=True))
        if st.form_submit_button("Simulatie-instellingen opslaan", type="primary") and forms.save(
            lambda: weerstand.save_simulation_settings(db, values, state.actor(), original=settings["original"]),
            "De simulatie-instellingen zijn opgeslagen.",
        ):
            st.rerun()


settings_section()
