"""Beheer — Risico-instellingen: the risk matrix (3×3 up to 6×6, levels, colours, YAML in and out, and a
preview of how existing scores move before anything is saved) and the rubric of the risk profile."""

import pandas as pd
import streamlit as st

from governance import risks
from governance.core import labels
from governance.core.errors import ValidationError
from ui import data, forms, nav, state

nav.require_shell()

db = data.database()
state.show_flash()
SIZES = list(range(risks.MIN_LEVELS, risks.MAX_LEVELS + 1))


def set_base(matrix: risks.Matrix, original: dict | None = None, reload: bool = False) -> None:
    """Start editing from `matrix`: the editors are rebuilt (new keys) from it."""
    st.session_state["matrix-base"] = risks.to_dict(matrix)
    st.session_state["matrix-edition"] = st.session_state.get("matrix-edition", 0) + 1
    if reload:
        st.session_state["matrix-original"] = original


st.title("Risico-instellingen")
tab_matrix, tab_rubric = st.tabs(["Risicomatrix", "Rubriek risicoprofiel"])

with tab_matrix:
    stored = data.read(risks.get_matrix)
    if "matrix-base" not in st.session_state:
        set_base(stored, data.read(risks.setting_row), reload=True)
    base = risks.from_dict(st.session_state["matrix-base"])
    edition = st.session_state["matrix-edition"]
    original = st.session_state.get("matrix-original")

    st.caption(
        f"Opgeslagen: {stored.size_text} (kans × impact). Wijzigingen worden pas opgeslagen na de voorvertoning "
        "hieronder: daar ziet u per risico waar de scores terechtkomen."
    )
    c1, c2, c3, c4 = st.columns([1, 1, 1, 1], vertical_alignment="bottom")
    n_l = c1.selectbox("Aantal kansniveaus", SIZES, index=SIZES.index(base.size[0]), key=f"m-nl-{edition}")
    n_i = c2.selectbox("Aantal impactniveaus", SIZES, index=SIZES.index(base.size[1]), key=f"m-ni-{edition}")
    if (n_l, n_i) != base.size:
        set_base(risks.resized(base, n_l, n_i))
        st.rerun()
    if c3.button("Terug naar opgeslagen", key="m-reset"):
        set_base(stored, data.read(risks.setting_row), reload=True)
        st.rerun()
    if c4.button("Standaard (Arnhem 5×5)", key="m-default"):
        set_base(risks.default_matrix())
        st.rerun()

    with st.expander("YAML importeren of exporteren"):
        y1, y2 = st.columns(2)
        y1.download_button(
            "Opgeslagen matrix als YAML", risks.to_yaml(stored), file_name="risicomatrix.yaml",
            mime="application/yaml", on_click="ignore",
        )  # fmt: skip
        upload = y2.file_uploader("YAML-bestand inlezen", type=["yaml", "yml"], key=f"m-upload-{edition}")
        if upload is not None:
            try:
                set_base(risks.from_yaml(upload.getvalue()))
                st.rerun()
            except ValidationError as exc:
                st.error(f"{upload.name} is niet ingelezen:")
                for e in exc.errors:
                    st.error(f"**{e.label}**: {e.message}")

    s1, s2 = st.columns(2)
    with s1:
        st.markdown("**Kans** (niveau 1 = laagste)")
        like = st.data_editor(
            pd.DataFrame(
                [{"label": x.label, "meaning": x.meaning, "percentage": x.percentage} for x in base.likelihood]
            ),
            key=f"m-like-{edition}", hide_index=True, num_rows="fixed",
            column_config={
                "label": st.column_config.TextColumn("Naam", max_chars=40, required=True),
                "meaning": st.column_config.TextColumn("Betekenis (leeg: uit het percentage)", max_chars=80),
                "percentage": st.column_config.NumberColumn("Kans (%)", min_value=0, max_value=100),
            },
        )  # fmt: skip
    with s2:
        st.markdown("**Impact** (niveau 1 = laagste)")
        imp = st.data_editor(
            pd.DataFrame([{"label": x.label, "meaning": x.meaning, "max_amount": x.max_amount} for x in base.impact]),
            key=f"m-imp-{edition}", hide_index=True, num_rows="fixed",
            column_config={
                "label": st.column_config.TextColumn("Naam", max_chars=40, required=True),
                "meaning": st.column_config.TextColumn("Betekenis (leeg: uit de bedragen)", max_chars=80),
                "max_amount": st.column_config.NumberColumn("Tot en met (€)", min_value=0, format="localized"),
            },
        )  # fmt: skip
    st.markdown("**Risiconiveaus**: naam en kleur (de tekst in een cel wordt automatisch zwart of wit)")
    level_cols = st.columns(4)
    level_labels, level_colours = {}, {}
    for col, code in zip(level_cols, risks.LEVEL_CODES, strict=True):
        level_labels[code] = col.text_input(
            f"Naam niveau '{risks.DEFAULT_LEVELS[code][0].lower()}'", base.level_labels[code],
            key=f"m-lab-{code}-{edition}", max_chars=30,
        )  # fmt: skip
        level_colours[code] = col.color_picker(
            f"Kleur niveau '{risks.DEFAULT_LEVELS[code][0].lower()}'", base.level_colours[code],
            key=f"m-col-{code}-{edition}",
        )  # fmt: skip
    st.markdown("**Niveau per cel** (bovenste rij = hoogste impact, zoals in de heatmap)")
    grid = pd.DataFrame(
        [list(base.cells[i - 1]) for i in range(base.size[1], 0, -1)],
        columns=[f"Kans {k}" for k in range(1, base.size[0] + 1)],
        index=[f"Impact {i}" for i in range(base.size[1], 0, -1)],
    )
    cells = st.data_editor(
        grid, key=f"m-cells-{edition}", num_rows="fixed",
        column_config={
            c: st.column_config.SelectboxColumn(
                c, options=list(risks.LEVEL_CODES), required=True, format_func=lambda code: level_labels[code]
            )
            for c in grid.columns
        },
    )  # fmt: skip

    draft_raw = {
        "likelihood": like.to_dict("records"),
        "impact": imp.to_dict("records"),
        "levels": {c: {"label": level_labels[c], "colour": level_colours[c]} for c in risks.LEVEL_CODES},
        "cells": [list(row) for row in reversed(cells.values.tolist())],
    }
    try:
        draft = risks.from_dict(draft_raw)
    except ValidationError as exc:
        draft = None
        st.error("De matrix is nog niet goed ingevuld:")
        for e in exc.errors:
            st.error(f"**{e.label}**: {e.message}")

    if draft is not None:
        for warning in risks.warnings(draft):
            st.warning(warning)
        st.subheader("Voorvertoning")
        method = st.radio(
            "Omzetting van de bestaande scores", list(risks.METHODS), format_func=risks.METHODS.get,
            key="m-method",
        )  # fmt: skip
        why = risks.method_available(stored, draft, method)
        if why:
            st.error(why)
        else:
            for scale, text in risks.mapping_text(stored, draft, method).items():
                st.markdown(f"**{scale}** (oud → nieuw): {text}")
            plan = data.read(risks.preview, draft, method)
            counts, unplaced = risks.cell_counts(risks.planned_scores(plan), draft, "net")
            st.plotly_chart(
                risks.heatmap(counts, draft, "Nieuwe matrix: netto scores van alle risico's na omzetting"),
                config={"displayModeBar": False}, key="m-preview-chart",
            )  # fmt: skip
            if unplaced:
                st.caption(f"{unplaced} risico's zonder netto score of zonder plaats staan niet in deze heatmap.")
            outcome = plan["outcome"].value_counts()
            stuck = int(outcome.get("past niet", 0))
            st.markdown(
                f"**{len(plan)} risico's met een score:** "
                + ", ".join(f"{risks.OUTCOMES[k]}: {int(outcome.get(k, 0))}" for k in risks.OUTCOMES)
            )
            only_changed = st.toggle("Alleen risico's die veranderen", value=True, key="m-only-changed")
            listed = plan[plan["outcome"] != "ongewijzigd"] if only_changed else plan
            st.dataframe(
                risks.preview_display(listed), hide_index=True, key="m-preview-table",
                column_config={
                    "Partij": st.column_config.TextColumn(width=150),
                    "Risico": st.column_config.TextColumn(width=200),
                    "Bruto: nu → nieuw": st.column_config.TextColumn(width=245),
                    "Netto: nu → nieuw": st.column_config.TextColumn(width=245),
                    "Uitkomst": st.column_config.TextColumn(width=150),
                },
            )  # fmt: skip
            if stuck:
                st.error(
                    f"{stuck} risico's passen niet in de nieuwe matrix met deze omzetting. Er wordt niets "
                    "afgekapt: kies een andere omzetting, of pas de risico's eerst aan."
                )
            unchanged = risks.to_dict(draft) == risks.to_dict(stored)
            if unchanged:
                st.info("De matrix is gelijk aan de opgeslagen matrix.")
            seen = st.checkbox(
                "Ik heb de voorvertoning bekeken; zet de scores om zoals hierboven.", key="m-confirm",
                disabled=bool(stuck) or unchanged,
            )  # fmt: skip
            if st.button("Matrix opslaan", type="primary", disabled=bool(stuck) or unchanged or not seen, key="m-save"):
                moved: list[int] = []
                if forms.save(
                    lambda: moved.append(risks.save_matrix(db, draft, method, state.actor(), original, previewed=plan)),
                    f"De risicomatrix ({draft.size_text}) is opgeslagen.",
                ):
                    state.flash(f"De risicomatrix ({draft.size_text}) is opgeslagen; {moved[0]} risico's omgezet.")
                    for key in ("matrix-base", "m-confirm"):
                        st.session_state.pop(key, None)
                    st.rerun()

with tab_rubric:
    stored_rubric = data.read(risks.get_rubric)
    if "rubric-original" not in st.session_state:
        st.session_state["rubric-original"] = data.read(risks.rubric_row)
    st.caption(
        "Elk criterium krijgt per partij een score van 1 tot 5. De totaalscore is het gewogen gemiddelde; de grenzen "
        "bepalen het profiel. Bestaande beoordelingen houden het profiel dat ze kregen."
    )
    crit = st.data_editor(
        pd.DataFrame(stored_rubric["criteria"]),
        key="r-criteria", num_rows="dynamic", hide_index=True, column_order=["label", "axis", "weight", "help"],
        column_config={
            "label": st.column_config.TextColumn("Criterium", required=True, max_chars=60),
            "axis": st.column_config.SelectboxColumn(
                "As", options=list(labels.PROFILE_AXES), format_func=labels.PROFILE_AXES.get, required=True
            ),
            "weight": st.column_config.NumberColumn("Gewicht", min_value=0.1, max_value=10, step=0.5, required=True),
            "help": st.column_config.TextColumn("Toelichting", width="large", max_chars=300),
        },
    )  # fmt: skip
    t1, t2, t3 = st.columns(3)
    mid = t1.number_input(
        "Midden vanaf totaalscore", 1.0, 5.0, float(stored_rubric["thresholds"]["midden"]), 0.1, key="r-mid"
    )
    high = t2.number_input(
        "Hoog vanaf totaalscore", 1.0, 5.0, float(stored_rubric["thresholds"]["hoog"]), 0.1, key="r-high"
    )
    months = t3.number_input(
        "Nieuwe partij: maanden op hoog", 0, 36, int(stored_rubric["new_party_months"]), 1, key="r-months"
    )
    regimes = {}
    for col, cls in zip(st.columns(3), reversed(risks.CLASSES), strict=True):
        r = stored_rubric["regimes"][cls]
        with col.container(border=True):
            st.markdown(f"**Regime bij profiel {labels.PROFILE_CLASSES[cls].lower()}**")
            regimes[cls] = {
                "label": st.text_input("Naam", r["label"], key=f"r-{cls}-label", max_chars=60),
                "reporting": st.text_area(
                    "Rapportage door de partij", r["reporting"], key=f"r-{cls}-rep", max_chars=200
                ),
                "analyses_per_year": st.number_input(
                    "Risicoanalyses per jaar", 0, 12, r["analyses_per_year"], key=f"r-{cls}-an"
                ),
                "reassess_years": st.number_input(
                    "Herbeoordeling na (jaren)", 1, 10, r["reassess_years"], key=f"r-{cls}-re"
                ),
            }
    if st.button("Rubriek opslaan", type="primary", key="r-save"):
        rubric = {
            "criteria": crit.to_dict("records"),
            "thresholds": {"midden": mid, "hoog": high},
            "regimes": regimes,
            "new_party_months": months,
        }
        if forms.save(
            lambda: risks.save_rubric(db, rubric, state.actor(), st.session_state["rubric-original"]),
            "De rubriek is opgeslagen.",
        ):
            st.session_state.pop("rubric-original", None)
            st.rerun()
