"""Overzicht: the key figures of one year, each leading to the page that explains it."""

import streamlit as st

from governance import register
from governance.core import charts, formatting, labels
from ui import data, nav, state

nav.require_shell()

year = st.session_state[state.YEAR]

st.title(f"Overzicht verbonden partijen {year}")
kf = data.read(register.key_figures, year)

sources = kf.figures_from
st.caption(
    f"Cijfers {year}: {sources['jaarrekening']} uit de jaarrekening, {sources['begroting']} uit de begroting, "
    f"{sources['geen']} zonder cijfers. Gearchiveerde partijen tellen niet mee."
)

cards = [
    ("Verbonden partijen", str(kf.parties), "In het register, per categorie hieronder.", "Naar het register", {}),
    (
        "Financieel belang 31-12",
        formatting.euro(kf.interest_total, compact=True),
        f"Som van het financieel belang eind {year}: {formatting.euro(kf.interest_total)}",
        "Belang per partij",
        {"kolom": "belang"},
    ),
    (
        "Bijdrage gemeente",
        formatting.euro(kf.contribution_total, compact=True),
        f"Som van de bijdragen in {year}: {formatting.euro(kf.contribution_total)}",
        "Bijdragen per partij",
        {"kolom": "bijdrage"},
    ),
    (
        "Leningen en garanties",
        formatting.euro(kf.exposure_total, compact=True),
        f"Uitstaande leningen en garanties in {year}: {formatting.euro(kf.exposure_total)}",
        "Per partij",
        {"kolom": "leningen"},
    ),
    (
        "Onvolledig (BBV art. 15)",
        str(kf.incomplete_parties),
        "Partijen waarvan gegevens ontbreken die art. 15 lid 2 BBV voorschrijft.",
        "Welke gegevens ontbreken",
        {"bbv": "onvolledig"},
    ),
    (
        "Open risico's",
        str(kf.risks_total),
        "Risico's met een andere status dan vervallen.",
        "Risico's per partij",
        {"kolom": "risicos"},
    ),
]
for row in (cards[:3], cards[3:]):
    for col, (label, value, help_text, link, query) in zip(st.columns(3), row, strict=True):
        with col.container(border=True):
            st.metric(label, value, help=help_text)
            st.page_link(nav.REGISTER, label=link, icon=":material/arrow_forward:", query_params=query or None)

left, right = st.columns(2)
with left:
    st.subheader("Partijen per BBV-categorie")
    st.plotly_chart(charts.count_bars(kf.per_category, labels.BBV_CATEGORIES), config={"displayModeBar": False})
with right:
    st.subheader("Open risico's per categorie")
    st.plotly_chart(
        charts.count_bars(kf.risks_per_category, labels.RISK_CATEGORIES, charts.RISK_COLOURS),
        config={"displayModeBar": False},
    )

figures = data.read(register.figures_for_year, year).dropna(subset=["contribution"])
top = figures.nlargest(10, "contribution")
st.subheader(f"Grootste bijdragen {year}")
st.plotly_chart(
    charts.amount_bars(top["name"].tolist(), top["contribution"].astype(float).tolist(), "bijdrage"),
    config={"displayModeBar": False},
)

gaps = data.read(register.gaps, year)
incomplete = gaps[~gaps["complete"]]
st.subheader(f"Ontbrekende BBV-gegevens {year}")
if incomplete.empty:
    st.success("Van alle verbonden partijen zijn de gegevens van art. 15 lid 2 BBV compleet.")
for row in incomplete.to_dict("records"):
    st.page_link(
        nav.REGISTER,
        label=f"{row['name']}: ontbreekt {row['missing_text'].lower()}",
        icon=":material/warning:",
        query_params={state.PARTY_PARAM: row["code"]},
    )
