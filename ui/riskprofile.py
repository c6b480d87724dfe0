"""Sections of the Risicoprofiel page: the classes and regimes, the belang × risico and spider charts, a new
assessment and the exports. What a party scores and which class follows is decided in governance.risks."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from governance import finance, risks
from governance.core import labels
from ui import data, forms, state
from ui.risks import image_downloads, workbook_download
from ui.text import cells, plain

NO_PROFILES = "Nog geen partij beoordeeld, dus nog niets om te tonen. Beoordeel een partij op het tabblad *Beoordelen*."


def profile_metrics(table: pd.DataFrame, rubric: dict[str, Any]) -> None:
    """How many parties have each class, how many re-assessments are overdue, and what each regime means."""
    counts = risks.class_counts(table)
    cols = st.columns(5)
    for col, cls in zip(cols, ("hoog", "midden", "laag"), strict=False):
        col.metric(f"Profiel {labels.PROFILE_CLASSES[cls].lower()}", counts[cls])
    cols[3].metric("Niet beoordeeld", counts["geen"])
    cols[4].metric(
        "Herbeoordeling achterstallig",
        risks.overdue_count(table),
        help="Partijen waarvan de datum voor herbeoordeling is verstreken.",
    )
    with st.container(border=True):
        for cls, text in risks.regime_summary(rubric):
            st.markdown(f"**{plain(cls)}** — {plain(text)}")  # the rubric's regimes are typed in


def bubble_chart(table: pd.DataFrame, rubric: dict[str, Any], year: int) -> go.Figure:
    """The belang × risico chart with its numbered legend; returns the figure for the image export."""
    lines = risks.bubble_legend(table)
    if not lines:  # no party assessed yet (a new gemeente): the zones alone would look like a broken chart
        st.info(NO_PROFILES)
        return risks.bubble(table, rubric, next(iter(risks.SIZES)))
    size_by = st.radio(
        "Grootte van de bel", list(risks.SIZES), format_func=risks.SIZES.get, horizontal=True,
        key="bubble-size", help=f"Bedragen van {year} (jaar in de zijbalk).",
    )  # fmt: skip
    bubble = risks.bubble(table, rubric, size_by)
    st.plotly_chart(bubble, config={"displayModeBar": False}, key="bubble")
    per_column = -(-len(lines) // 3)
    for col, n in zip(st.columns(3), range(0, len(lines), per_column), strict=False):
        col.text("\n".join(lines[n : n + per_column]))
    missing = risks.unplaced(table)
    st.caption(
        "De zones tonen welk profiel en regime een plaats oplevert (totaalscore = gewogen gemiddelde van belang en "
        "risico). Bellen die elkaar zouden bedekken zijn iets verschoven; de muisaanwijzer toont de exacte scores. "
        "◆ = nieuwe partij: het eerste jaar hoog, ongeacht de scores."
        + (f" Niet in de grafiek (nog niet beoordeeld): {plain(', '.join(missing))}." if missing else "")
    )
    return bubble


def profile_overview(table: pd.DataFrame) -> None:
    st.dataframe(
        risks.profile_display(table),
        hide_index=True,
        column_config={"Partij": st.column_config.TextColumn(width="medium")},
        placeholder="—",
    )


def spider_chart(table: pd.DataFrame) -> go.Figure:
    """A few parties' criterion scores on one spider chart; returns the figure for the image export."""
    assessed = risks.spider_candidates(table)
    if assessed.empty:
        st.info(NO_PROFILES)
        return risks.radar([])
    names = dict(zip(assessed["code"], assessed["name"], strict=True))
    chosen = st.multiselect(
        f"Partijen vergelijken (hoogstens {risks.SPIDER_MAX})", list(names), default=list(names)[: risks.SPIDER_FIRST],
        format_func=names.get, max_selections=risks.SPIDER_MAX, key="spider-parties",
    )  # fmt: skip
    rows = [r for r in assessed.to_dict("records") if r["code"] in chosen]
    spider = risks.radar(rows)
    if rows:
        st.plotly_chart(spider, config={"displayModeBar": False}, key="spider")
        st.table(cells(risks.radar_table(rows)), hide_index=True)  # the chart's figures as text
    else:
        st.info("Kies een of meer partijen.")
    return spider


def _evidence(rubric: dict[str, Any], party_id: int, year: int) -> dict[str, list[dict[str, Any]]]:
    return risks.criterion_evidence(rubric, data.read(finance.signals, year), party_id)


def _evidence_text(found: list[dict[str, Any]], year: int) -> str:
    """The open financial signals beside a financial criterion: evidence for the score, never the score."""
    head = f":material/warning: **{len(found)} open financiële {'signaal' if len(found) == 1 else 'signalen'} {year}**"
    lines = [f"- {plain(r['title'])}: {plain(r['text'])}" for r in found]
    tail = "De score blijft uw oordeel: de signalen veranderen hem niet. Accepteren kan op Financiën."
    return "\n".join([head, *lines, "", tail])


def assessment_form(db: Any, table: pd.DataFrame, rubric: dict[str, Any], today: dt.date, year: int) -> None:
    """A new assessment of one party (a new row: earlier ones stay as they were), and the earlier ones. Beside a
    financial criterion of the rubric: the party's open financial signals of `year`, as evidence."""
    parties = dict(zip(table["party_id"].astype(int), table["name"], strict=True))
    party_id = st.selectbox("Partij", list(parties), format_func=parties.get, key="assess-party")
    start = risks.form_scores(rubric, data.read(risks.last_scores, party_id))
    options = list(risks.SCORE_OPTIONS)
    evidence = _evidence(rubric, party_id, year)
    if not state.editable("risks"):
        for c in rubric["criteria"]:
            if c["code"] in evidence:
                with st.container(border=True):
                    st.markdown(f"**{plain(c['label'])}**")
                    st.markdown(_evidence_text(evidence[c["code"]], year))
        _earlier(party_id)
        return
    with st.form(f"assess-{party_id}", enter_to_submit=False):
        st.caption(
            "Score elk criterium van 1 (laag) tot 5 (hoog). Staat er al een beoordeling, dan zijn die scores ingevuld."
        )
        scores = {}
        left, right = st.columns(2)
        for n, c in enumerate(rubric["criteria"]):
            scores[c["code"]] = (left if n % 2 == 0 else right).radio(
                f"{plain(c['label'])} ({labels.PROFILE_AXES[c['axis']].lower()}, gewicht {c['weight']:g})", options,
                index=options.index(start[c["code"]]), horizontal=True, help=plain(c["help"]) or None,
                key=f"assess-{party_id}-{c['code']}",
            )  # fmt: skip
            if c["code"] in evidence:
                with (left if n % 2 == 0 else right).container(border=True, key=f"assess-evidence-{c['code']}"):
                    st.markdown(_evidence_text(evidence[c["code"]], year))
        c1, c2 = st.columns(2)
        assessed_on = c1.date_input(
            "Beoordeeld op", today, format="DD-MM-YYYY", max_value=today, key=f"assess-{party_id}-on"
        )
        assessor = c2.text_input("Beoordeeld door", key=f"assess-{party_id}-by", max_chars=100)
        notes = st.text_area("Toelichting", key=f"assess-{party_id}-notes")
        if st.form_submit_button("Beoordeling vastleggen", type="primary") and forms.save(
            lambda: risks.assess(db, party_id, scores, assessed_on, state.actor(), notes, assessor, today=today),
            f"De beoordeling van {parties[party_id]} is vastgelegd.",
        ):
            st.rerun()
    _earlier(party_id)


def _earlier(party_id: int) -> None:
    st.subheader("Eerdere beoordelingen")
    st.dataframe(risks.assessments_display(data.read(risks.assessments, party_id)), hide_index=True, placeholder="—")


def profile_exports(
    table: pd.DataFrame, rubric: dict[str, Any], bubble: go.Figure, spider: go.Figure, today: dt.date
) -> None:
    workbook_download(
        "Risicoprofielen (Excel)", lambda: risks.profile_workbook(table, rubric, today), "risicoprofielen", today
    )
    image_downloads(
        {
            "belang-risico": ("Belang × risico", "belang-risico", bubble),
            "spinnenweb": ("Spinnenweb", "spinnenweb", spider),
        },
        today,
    )
