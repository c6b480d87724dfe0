"""Sections of Beheer — Risico-instellingen: the risk matrix editor with its preview, and the rubric editor.

Each edits one stored setting as the user opened it (forms.opened): a save over someone else's newer setting
is refused and the editor starts again from what is stored. The matrix is saved only after a preview of where
every score goes, and the save is checked against the preview this user saw, not one computed at the click."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from governance import register, risks
from governance.core import formatting, labels
from governance.core.errors import ConflictError, ValidationError
from governance.risks import Matrix
from ui import amounts, forms, state
from ui.risks import cell_figures
from ui.text import plain

MATRIX_FORM = "matrix"  # forms.opened: the stored matrix setting row (None while the defaults apply)
PREVIEW_FORM = "matrix-preview"  # forms.opened: (what the preview is of, the preview as first shown)
# Session: (form prefix, the matrix the editors start from). A size, the default or a YAML file changes the matrix;
# the setting opened again in another version (after a save, or someone else's) starts a new draft from it.
BASE = "matrix-base"
EDITION = "matrix-edition"  # session: counts changes of BASE; in the editors' keys, so they are built again
SIZES = list(range(risks.MIN_LEVELS, risks.MAX_LEVELS + 1))
PREVIEW_WIDTHS = {"Partij": 150, "Risico": 200, "Bruto: nu → nieuw": 245, "Netto: nu → nieuw": 245, "Uitkomst": 150}


@dataclass(frozen=True)
class MatrixEdit:
    """The matrix editor's state in this run: the setting as opened, its matrix, and the draft's starting point."""

    form: forms.Opened
    stored: Matrix
    base: Matrix
    edition: int


def _set_base(form: forms.Opened, matrix: Matrix) -> None:
    st.session_state[BASE] = (form.prefix, risks.to_dict(matrix))
    st.session_state[EDITION] = st.session_state.get(EDITION, 0) + 1


def _show_errors(exc: ValidationError) -> None:
    for e in exc.errors:
        st.error(f"**{plain(e.label)}**: {plain(e.message)}")  # messages quote the file or the editors


def open_matrix(db: Any) -> MatrixEdit:
    """The stored matrix as this user opened it; the editors start from it until they choose otherwise."""
    form = forms.opened(MATRIX_FORM, lambda: risks.setting_row(db))
    stored = risks.matrix_of(form.record)
    if st.session_state.get(BASE, ("",))[0] != form.prefix:  # no draft yet, or one made on another version
        _set_base(form, stored)
    return MatrixEdit(form, stored, risks.from_dict(st.session_state[BASE][1]), st.session_state[EDITION])


def matrix_controls(edit: MatrixEdit) -> None:
    """Sizes, back to the stored matrix, the default matrix, and YAML in and out."""
    base, edition = edit.base, edit.edition
    st.caption(
        f"Opgeslagen: {edit.stored.size_text} (kans × impact). Wijzigingen worden pas opgeslagen na de "
        "voorvertoning hieronder: daar ziet u per risico waar de scores terechtkomen."
    )
    c1, c2, c3, c4 = st.columns([1, 1, 1, 1], vertical_alignment="bottom")
    n_l = c1.selectbox("Aantal kansniveaus", SIZES, index=SIZES.index(base.size[0]), key=f"m-nl-{edition}")
    n_i = c2.selectbox("Aantal impactniveaus", SIZES, index=SIZES.index(base.size[1]), key=f"m-ni-{edition}")
    if (n_l, n_i) != base.size:
        _set_base(edit.form, risks.resized(base, n_l, n_i))
        st.rerun()
    if c3.button("Terug naar opgeslagen", key="m-reset"):
        forms.forget(MATRIX_FORM)  # opened again: the matrix stored now
        st.session_state.pop(BASE, None)
        st.rerun()
    if c4.button("Standaard (Arnhem 5×5)", key="m-default"):
        _set_base(edit.form, risks.default_matrix())
        st.rerun()
    with st.expander("YAML importeren of exporteren"):
        y1, y2 = st.columns(2)
        y1.download_button(
            "Opgeslagen matrix als YAML", risks.to_yaml(edit.stored), file_name="risicomatrix.yaml",
            mime="application/yaml", on_click="ignore",
        )  # fmt: skip
        upload = y2.file_uploader("YAML-bestand inlezen", type=["yaml", "yml"], key=f"m-upload-{edition}")
        if upload is not None:
            try:
                _set_base(edit.form, risks.from_yaml(upload.getvalue()))
                st.rerun()
            except ValidationError as exc:
                st.error(f"{plain(upload.name)} is niet ingelezen:")
                _show_errors(exc)


def _scales(base: Matrix, edition: int) -> tuple[pd.DataFrame, pd.DataFrame]:
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
            }, placeholder="—"
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
            }, placeholder="—"
        )  # fmt: skip
    return like, imp


def _levels(base: Matrix, edition: int) -> dict[str, dict[str, str]]:
    st.markdown("**Risiconiveaus**: naam en kleur (de tekst in een cel wordt automatisch zwart of wit)")
    levels = {}
    for col, code in zip(st.columns(4), risks.LEVEL_CODES, strict=True):
        name = risks.DEFAULT_LEVELS[code][0].lower()
        levels[code] = {
            "label": col.text_input(
                f"Naam niveau '{name}'", base.level_labels[code], key=f"m-lab-{code}-{edition}", max_chars=30
            ),
            "colour": col.color_picker(
                f"Kleur niveau '{name}'", base.level_colours[code], key=f"m-col-{code}-{edition}"
            ),
        }
    return levels


def _cells(base: Matrix, edition: int, levels: dict[str, dict[str, str]]) -> list[list[str]]:
    """The level of every cell, top row = highest impact as in the heat map; returned lowest impact first."""
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
                c, options=list(risks.LEVEL_CODES), required=True, format_func=lambda code: levels[code]["label"]
            )
            for c in grid.columns
        }, placeholder="—"
    )  # fmt: skip
    return [list(row) for row in reversed(cells.values.tolist())]


def matrix_fields(edit: MatrixEdit) -> Matrix | None:
    """The scales, levels and cells as editors; the draft matrix they make, or None (with why) when it is not
    valid yet."""
    like, imp = _scales(edit.base, edit.edition)
    levels = _levels(edit.base, edit.edition)
    cells = _cells(edit.base, edit.edition, levels)
    raw = {"likelihood": like.to_dict("records"), "impact": imp.to_dict("records"), "levels": levels, "cells": cells}
    try:
        return risks.from_dict(raw)
    except ValidationError as exc:
        st.error("De matrix is nog niet goed ingevuld:")
        _show_errors(exc)
        return None


def _preview(db: Any, edit: MatrixEdit, draft: Matrix, method: str) -> pd.DataFrame:
    """The preview of `draft` with `method` as this user first saw it: kept until the draft or method changes,
    or a save; the save is refused when a risk changed since (see risks.save_matrix)."""
    of = json.dumps([risks.to_dict(draft), method, edit.form.prefix], sort_keys=True, default=str)
    shown = forms.opened(PREVIEW_FORM, lambda: (of, risks.preview(db, draft, method)))
    if shown.record[0] != of:
        forms.forget(PREVIEW_FORM)
        shown = forms.opened(PREVIEW_FORM, lambda: (of, risks.preview(db, draft, method)))
    return shown.record[1]


def _show_preview(plan: pd.DataFrame, draft: Matrix, verdict: risks.PreviewVerdict) -> None:
    counts, unplaced = risks.cell_counts(risks.planned_scores(plan), draft, "net")
    st.plotly_chart(
        risks.heatmap(counts, draft, "Nieuwe matrix: netto scores van alle risico's na omzetting"),
        config={"displayModeBar": False}, key="m-preview-chart",
    )  # fmt: skip
    st.caption(cell_figures(counts))  # the heat map's figures as text
    if unplaced:
        st.caption(f"{unplaced} risico's zonder netto score of zonder plaats staan niet in deze heatmap.")
    st.markdown(
        f"**{len(plan)} risico's met een score:** "
        + ", ".join(f"{risks.OUTCOMES[k]}: {n}" for k, n in verdict.counts.items())
    )
    only_changed = st.toggle("Alleen risico's die veranderen", value=True, key="m-only-changed")
    st.dataframe(
        risks.preview_display(plan[plan["outcome"] != "ongewijzigd"] if only_changed else plan),
        hide_index=True, key="m-preview-table",
        column_config={name: st.column_config.TextColumn(width=w) for name, w in PREVIEW_WIDTHS.items()},
        placeholder="—",
    )  # fmt: skip
    if verdict.stuck:
        st.error(
            f"{verdict.stuck} risico's passen niet in de nieuwe matrix met deze omzetting. Er wordt niets "
            "afgekapt: kies een andere omzetting, of pas de risico's eerst aan."
        )
    if verdict.unchanged:
        st.info("De matrix is gelijk aan de opgeslagen matrix.")


def matrix_preview_and_save(db: Any, edit: MatrixEdit, draft: Matrix) -> None:
    """Warnings, the chosen conversion of existing scores, its preview, and the save once it has been seen."""
    for warning in risks.warnings(draft):
        st.warning(plain(warning))  # names the configured levels
    st.subheader("Voorvertoning")
    method = st.radio(
        "Omzetting van de bestaande scores", list(risks.METHODS), format_func=risks.METHODS.get, key="m-method"
    )
    why = risks.method_available(edit.stored, draft, method)
    if why:
        st.error(plain(why))
        return
    for scale, text in risks.mapping_text(edit.stored, draft, method).items():
        st.markdown(f"**{plain(scale)}** (oud → nieuw): {plain(text)}")
    plan = _preview(db, edit, draft, method)
    verdict = risks.judge_preview(plan, edit.stored, draft)
    _show_preview(plan, draft, verdict)
    seen = st.checkbox(
        "Ik heb de voorvertoning bekeken; zet de scores om zoals hierboven.", key="m-confirm",
        disabled=not verdict.can_save,
    )  # fmt: skip
    if not st.button("Matrix opslaan", type="primary", disabled=not verdict.can_save or not seen, key="m-save"):
        return
    moved: list[int] = []

    def save() -> None:
        try:
            moved.append(risks.save_matrix(db, draft, method, state.actor(), edit.form.record, previewed=plan))
        except ConflictError:
            # The preview is shown again as it is now. When the matrix itself changed, the setting is opened again
            # in its new version and the editors start from it (open_matrix); otherwise the draft stays.
            forms.forget(PREVIEW_FORM)
            raise

    if forms.save(save, f"De risicomatrix ({draft.size_text}) is opgeslagen.", edit.form):
        state.flash(f"De risicomatrix ({draft.size_text}) is opgeslagen; {moved[0]} risico's omgezet.")
        forms.forget(PREVIEW_FORM)
        for key in (BASE, "m-confirm"):
            st.session_state.pop(key, None)
        st.rerun()


def rubric_editor(db: Any) -> None:
    """Criteria, class thresholds and regimes of the risk profile, as this user opened them."""
    form = forms.opened("rubric", lambda: risks.rubric_row(db))
    rubric, key = risks.rubric_of(form.record), form.prefix
    st.caption(
        "Elk criterium krijgt per partij een score van 1 tot 5. De totaalscore is het gewogen gemiddelde; de grenzen "
        "bepalen het profiel. Bestaande beoordelingen houden het profiel dat ze kregen."
    )
    crit = st.data_editor(
        pd.DataFrame(rubric["criteria"]),
        key=f"{key}-criteria", num_rows="dynamic", hide_index=True, column_order=["label", "axis", "weight", "help"],
        column_config={
            "label": st.column_config.TextColumn("Criterium", required=True, max_chars=60),
            "axis": st.column_config.SelectboxColumn(
                "As", options=list(labels.PROFILE_AXES), format_func=labels.PROFILE_AXES.get, required=True
            ),
            "weight": st.column_config.NumberColumn("Gewicht", min_value=0.1, max_value=10, step=0.5, required=True),
            "help": st.column_config.TextColumn("Toelichting", width="large", max_chars=300),
        }, placeholder="—"
    )  # fmt: skip
    t1, t2, t3 = st.columns(3)
    limits = rubric["thresholds"]
    mid = amounts.number_field(t1, "Midden vanaf totaalscore", limits["midden"], f"{key}-mid", money=False)
    high = amounts.number_field(t2, "Hoog vanaf totaalscore", limits["hoog"], f"{key}-high", money=False)
    months = t3.number_input(
        "Nieuwe partij: maanden op hoog", 0, 36, int(rubric["new_party_months"]), 1, key=f"{key}-months"
    )
    regimes = {}
    for col, cls in zip(st.columns(3), reversed(risks.CLASSES), strict=True):
        r = rubric["regimes"][cls]
        with col.container(border=True):
            st.markdown(f"**Regime bij profiel {labels.PROFILE_CLASSES[cls].lower()}**")
            regimes[cls] = {
                "label": st.text_input("Naam", r["label"], key=f"{key}-{cls}-label", max_chars=60),
                "reporting": st.text_area(
                    "Rapportage door de partij", r["reporting"], key=f"{key}-{cls}-rep", max_chars=200
                ),
                "analyses_per_year": st.number_input(
                    "Risicoanalyses per jaar", 0, 12, r["analyses_per_year"], key=f"{key}-{cls}-an"
                ),
                "reassess_years": st.number_input(
                    "Herbeoordeling na (jaren)", 1, 10, r["reassess_years"], key=f"{key}-{cls}-re"
                ),
            }
    values = {
        "criteria": crit.to_dict("records"),
        "thresholds": {"midden": mid, "hoog": high},
        "regimes": regimes,
        "new_party_months": months,
    }
    saving = st.button("Rubriek opslaan", type="primary", key="r-save")
    if saving and forms.save(
        lambda: risks.save_rubric(db, values, state.actor(), form.record), "De rubriek is opgeslagen.", form
    ):
        st.rerun()


# -- read-only, for a role that may not change settings ----------------------------------------------------------
def matrix_view(db: Any) -> None:
    """The stored matrix as tables (scales, the level of every cell) and its YAML, without editors."""
    matrix = risks.matrix_of(risks.setting_row(db))
    st.caption(f"Opgeslagen: {matrix.size_text} (kans × impact).")
    s1, s2 = st.columns(2)
    s1.markdown("**Kans** (niveau 1 = laagste)")
    s1.dataframe(_scale_table(matrix.likelihood), hide_index=True)
    s2.markdown("**Impact** (niveau 1 = laagste)")
    s2.dataframe(_scale_table(matrix.impact), hide_index=True)
    st.markdown("**Niveau per cel** (bovenste rij = hoogste impact, zoals in de heatmap)")
    st.dataframe(
        pd.DataFrame(
            [[matrix.level_labels[c] for c in matrix.cells[i - 1]] for i in range(matrix.size[1], 0, -1)],
            columns=[f"Kans {k}" for k in range(1, matrix.size[0] + 1)],
            index=[f"Impact {i}" for i in range(matrix.size[1], 0, -1)],
        )
    )
    st.download_button(
        "Opgeslagen matrix als YAML", risks.to_yaml(matrix), file_name="risicomatrix.yaml",
        mime="application/yaml", on_click="ignore",
    )  # fmt: skip


def _scale_table(levels: Any) -> pd.DataFrame:
    return pd.DataFrame({"Naam": [x.label for x in levels], "Betekenis": [x.meaning for x in levels]}, dtype="object")


def rubric_view(db: Any) -> None:
    """The stored rubric of the risk profile as tables, without editors."""
    rubric = risks.rubric_of(risks.rubric_row(db))
    criteria = pd.DataFrame(rubric["criteria"])
    st.dataframe(
        pd.DataFrame(
            {
                "Criterium": criteria["label"],
                "As": criteria["axis"].map(labels.PROFILE_AXES),
                "Gewicht": criteria["weight"],
                "Toelichting": criteria["help"].fillna(""),
            }
        ),
        hide_index=True,
    )
    limits = rubric["thresholds"]
    st.caption(
        f"Midden vanaf totaalscore {formatting.number(limits['midden'], 1)}, hoog vanaf "
        f"{formatting.number(limits['hoog'], 1)}; een nieuwe partij staat {rubric['new_party_months']} maanden op hoog."
    )
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Profiel": labels.PROFILE_CLASSES[cls],
                    "Regime": rubric["regimes"][cls]["label"],
                    "Rapportage door de partij": rubric["regimes"][cls]["reporting"],
                    "Risicoanalyses per jaar": rubric["regimes"][cls]["analyses_per_year"],
                    "Herbeoordeling na (jaren)": rubric["regimes"][cls]["reassess_years"],
                }
                for cls in reversed(risks.CLASSES)
            ]
        ),
        hide_index=True,
    )


def material_editor(db: Any) -> None:
    """The threshold above which an open financial risk counts for BBV art. 15 lid 2e (a setting: the BBV sets none)."""
    form = forms.opened("material", lambda: register.material_setting(db)["original"])
    rule = register.material_setting(db)
    st.caption(
        "BBV art. 15 lid 2e vraagt per verbonden partij de risico's zonder beheersmaatregelen die van materieel belang "
        "zijn voor de financiële positie. Het BBV noemt geen grens; de standaard telt elk open financieel risico met "
        f"een kans en een bedrag. Nu: {rule['text']}."
    )
    if not state.may("settings"):  # a lezer reads the rule; only a beheerder changes it
        return
    with st.form("material-form", enter_to_submit=False):
        key = f"{form.prefix}-min"
        typed = amounts.number_field(st, "Grens materieel risico (€)", rule["min_amount"], key)
        if st.form_submit_button("Grens opslaan", type="primary") and forms.save(
            lambda: register.save_material_setting(db, typed, state.actor(), form.record),
            "De grens voor een materieel risico is opgeslagen.",
            form,
        ):
            st.rerun()
