"""Overzicht: the key figures of one year, each leading to the page that explains it."""

import streamlit as st

from governance import bbv, charts, finance, formatting, labels, overview
from ui import data, nav, state

nav.require_shell()

year = st.session_state[state.YEAR]

st.title(f"Overzicht verbonden partijen {year}")
kf = data.read(overview.key_figures, year)

sources = kf.figures_from
st.caption(
    f"Cijfers {year}: {sources['jaarrekening']} uit de jaarrekening, {sources['begroting']} uit de begroting, "
    f"{sources['geen']} zonder cijfers. Gearchiveerde partijen tellen niet mee."
)

cols = st.columns(5)
cols[0].metric("Verbonden partijen", kf.parties, border=True)
cols[1].metric(
    "Financieel belang 31-12",
    formatting.euro(kf.interest_total, compact=True),
    border=True,
    help=f"Som van het financieel belang aan het einde van {year}: {formatting.euro(kf.interest_total)}",
)
cols[2].metric(
    "Bijdrage gemeente",
    formatting.euro(kf.contribution_total, compact=True),
    border=True,
    help=f"Som van de bijdragen in {year}: {formatting.euro(kf.contribution_total)}",
)
cols[3].metric(
    "Onvolledig (BBV art. 15)",
    kf.incomplete_parties,
    border=True,
    help="Partijen waarvan gegevens ontbreken die art. 15 lid 2 BBV voorschrijft.",
)
cols[4].metric("Open risico's", kf.risks_total, border=True, help="Risico's met een andere status dan vervallen.")
for col, label in zip(
    cols,
    [
        "Naar het register",
        "Financiën per partij",
        "Bijdragen per partij",
        "Welke gegevens ontbreken",
        "Risico's per partij",
    ],
    strict=True,
):
    col.page_link(nav.REGISTER, label=label, icon=":material/arrow_forward:")

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

figures = data.read(finance.figures_for_year, year).dropna(subset=["contribution"])
top = figures.nlargest(10, "contribution")
st.subheader(f"Grootste bijdragen {year}")
st.plotly_chart(
    charts.amount_bars(top["name"].tolist(), top["contribution"].astype(float).tolist(), "bijdrage"),
    config={"displayModeBar": False},
)

gaps = data.read(bbv.gaps, year)
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
