"""Risicoprofiel: per party the class (laag / midden / hoog) from the rubric and the steering regime it sets;
the belang × risico chart, a spider chart of the rubric, new assessments and exports."""

import datetime as dt

import streamlit as st

from governance import risks
from governance.core import images, labels
from ui import data, forms, nav, state

nav.require_shell()

db = data.database()
year = st.session_state[state.YEAR]
today = dt.date.today()
rubric = data.read(risks.get_rubric)
table = data.read(risks.profile_table, year, today)
state.show_flash()

st.title("Risicoprofiel per verbonden partij")
st.caption(
    "Het risicoprofiel volgt uit de rubriek (in te stellen onder Beheer) en bepaalt hoe intensief de gemeente "
    "stuurt. Een nieuwe partij staat het eerste jaar op het hoogste niveau."
)
counts = table["profile_class"].fillna("geen").value_counts()
cols = st.columns(5)
for col, cls in zip(cols, ("hoog", "midden", "laag"), strict=False):
    col.metric(f"Profiel {labels.PROFILE_CLASSES[cls].lower()}", int(counts.get(cls, 0)))
cols[3].metric("Niet beoordeeld", int(counts.get("geen", 0)))
cols[4].metric(
    "Herbeoordeling achterstallig",
    int((table["overdue"] & table["profile_class"].notna()).sum()),
    help="Partijen waarvan de datum voor herbeoordeling is verstreken.",
)
with st.container(border=True):
    for cls, text in risks.regime_summary(rubric):
        st.markdown(f"**{cls}** — {text}")

tab_chart, tab_table, tab_spider, tab_assess, tab_export = st.tabs(
    ["Belang × risico", "Overzicht", "Spinnenweb", "Beoordelen", "Exporteren"]
)

with tab_chart:
    size_by = st.radio(
        "Grootte van de bel", list(risks.SIZES), format_func=risks.SIZES.get, horizontal=True,
        key="bubble-size", help=f"Bedragen van {year} (jaar in de zijbalk).",
    )  # fmt: skip
    bubble = risks.bubble(table, rubric, size_by)
    st.plotly_chart(bubble, config={"displayModeBar": False}, key="bubble")
    placed = risks.bubble_parties(table)
    lines = [
        f"{r['number']}. {r['name']} ({labels.PROFILE_CLASSES.get(r['profile_class'], '—').lower()}"
        + (", nieuw ◆)" if r["source"] == "nieuwe partij" else ")")
        for r in placed.to_dict("records")
    ]
    per_column = -(-len(lines) // 3)
    for col, n in zip(st.columns(3), range(0, len(lines), per_column), strict=False):
        col.text("\n".join(lines[n : n + per_column]))
    missing = table[table["risk_score"].isna()]["name"].tolist()
    st.caption(
        "De zones tonen welk profiel en regime een plaats oplevert (totaalscore = gewogen gemiddelde van belang en "
        "risico). Bellen die elkaar zouden bedekken zijn iets verschoven; de muisaanwijzer toont de exacte scores. "
        "◆ = nieuwe partij: het eerste jaar hoog, ongeacht de scores."
        + (f" Niet in de grafiek (nog niet beoordeeld): {', '.join(missing)}." if missing else "")
    )

with tab_table:
    st.dataframe(
        risks.profile_display(table),
        hide_index=True,
        column_config={"Partij": st.column_config.TextColumn(width="medium")},
    )

with tab_spider:
    assessed = table[table["total_score"].notna()].sort_values("total_score", ascending=False, kind="stable")
    names = dict(zip(assessed["code"], assessed["name"], strict=True))
    chosen = st.multiselect(
        "Partijen vergelijken (hoogstens 6)", list(names), default=list(names)[:3], format_func=names.get,
        max_selections=6, key="spider-parties",
    )  # fmt: skip
    rows = [r for r in assessed.to_dict("records") if r["code"] in chosen]
    spider = risks.radar(rows)
    if rows:
        st.plotly_chart(spider, config={"displayModeBar": False}, key="spider")
    else:
        st.info("Kies een of meer partijen.")

with tab_assess:
    parties = dict(zip(table["party_id"].astype(int), table["name"], strict=True))
    party_id = st.selectbox("Partij", list(parties), format_func=parties.get, key="assess-party")
    history = data.read(risks.assessments, party_id)
    previous = data.read(risks.last_scores, party_id)
    with st.form(f"assess-{party_id}"):
        st.caption(
            "Score elk criterium van 1 (laag) tot 5 (hoog). Staat er al een beoordeling, dan zijn die scores ingevuld."
        )
        scores = {}
        left, right = st.columns(2)
        for n, c in enumerate(rubric["criteria"]):
            where = left if n % 2 == 0 else right
            scores[c["code"]] = where.radio(
                f"{c['label']} ({labels.PROFILE_AXES[c['axis']].lower()}, gewicht {c['weight']:g})", [1, 2, 3, 4, 5],
                index=int(previous.get(c["code"], 3)) - 1, horizontal=True, help=c["help"] or None,
                key=f"assess-{party_id}-{c['code']}",
            )  # fmt: skip
        c1, c2 = st.columns(2)
        assessed_on = c1.date_input(
            "Beoordeeld op", today, format="DD-MM-YYYY", max_value=today, key=f"assess-{party_id}-on"
        )
        assessor = c2.text_input("Beoordeeld door", key=f"assess-{party_id}-by", max_chars=100)
        notes = st.text_area("Toelichting", key=f"assess-{party_id}-notes")
        if st.form_submit_button("Beoordeling vastleggen", type="primary"):
            if forms.save(
                lambda: risks.assess(db, party_id, scores, assessed_on, state.actor(), notes, assessor, today=today),
                f"De beoordeling van {parties[party_id]} is vastgelegd.",
            ):
                st.rerun()
    st.subheader("Eerdere beoordelingen")
    st.dataframe(risks.assessments_display(history), hide_index=True)

with tab_export:
    st.download_button(
        "Risicoprofielen (Excel)",
        data=lambda: risks.profile_workbook(table, rubric, today),
        file_name=f"risicoprofielen-{today:%Y-%m-%d}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        on_click="ignore",
    )
    cols = st.columns(4)
    for n, (name, fig, fmt) in enumerate(
        (
            ("belang-risico", bubble, "png"),
            ("belang-risico", bubble, "svg"),
            ("spinnenweb", spider, "png"),
            ("spinnenweb", spider, "svg"),
        )
    ):
        cols[n].download_button(
            f"{'Belang × risico' if name == 'belang-risico' else 'Spinnenweb'} ({fmt.upper()})",
            data=lambda fig=fig, fmt=fmt: images.to_image(fig, fmt),
            file_name=f"{name}-{today:%Y-%m-%d}.{fmt}",
            mime="image/png" if fmt == "png" else "image/svg+xml",
            on_click="ignore",
            key=f"img-{name}-{fmt}",
        )
