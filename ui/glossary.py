"""The begrippenkader in the UI: the Begrippen page's sections, a help text other pages put beside a term, the
participants' list on their phones and one term large on the projector.

Terms are user text once a beheerder edited them: shown through `plain`, never as Markdown."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from governance import register
from governance.core import db as core_db
from ui import data, forms, state
from ui.text import plain

EDIT_FORM = "glossary-edit"  # forms.opened key prefix of the edit form (one per term)
NEW = "__nieuw__"


def help_for(key: str) -> str | None:
    """The term's definition, kind and source as a widget's help text (None for an unknown or hidden term).
    Other pages call this: `st.selectbox(..., help=glossary.help_for("zienswijze"))`."""
    return register.term_help(data.read(register.term, key))


def beside(key: str) -> None:
    """A one-line explanation of a term under a heading or field: 'Zienswijze: het oordeel …'."""
    found = data.read(register.term, key)
    if found is not None:
        st.caption(f"{plain(found['term'])}: {plain(found['definition'])}")


def filtered(table: pd.DataFrame, search: str | None, basis: list[str] | None = None) -> pd.DataFrame:
    """The terms whose name or definition holds `search` (case-insensitive), of the chosen kinds."""
    shown = table
    if search:
        needle = search.strip().lower()
        text = shown["term"].str.lower() + "\n" + shown["definition"].str.lower()
        hit = text.str.contains(needle, regex=False)
        shown = shown[hit]
    if basis:
        shown = shown[shown["basis"].isin(basis)]
    return shown


def term_card(row: Any, large: bool = False) -> None:
    """One term: name, definition, and a caption with what kind of statement it is and its source."""
    with st.container(border=True):
        st.markdown(f"{'## ' if large else '**'}{plain(row['term'])}{'' if large else '**'}")
        st.markdown(plain(row["definition"]))
        source = f" · Bron: {plain(row['source'])}" if row.get("source") else ""
        st.caption(f"{register.GLOSSARY_BASIS[row['basis']]}{source}")


def listing(table: pd.DataFrame, key: str) -> None:
    """Search, a filter on the kind of term, and the cards."""
    left, right = st.columns([3, 2])
    search = left.text_input("Zoeken", key=f"{key}-search", placeholder="bijvoorbeeld zienswijze")
    basis = right.multiselect(
        "Soort begrip",
        list(register.GLOSSARY_BASIS),
        format_func=register.GLOSSARY_BASIS.get,
        key=f"{key}-basis",
        placeholder="Alle soorten",
    )
    shown = filtered(table, search, basis)
    st.caption(f"{len(shown)} van {len(table)} begrippen.")
    for _, row in shown.iterrows():
        term_card(row)


def edit_section(db: core_db.Database, table: pd.DataFrame) -> None:
    """For a beheerder: change, hide or reset a term, add one, bring a hidden one back (each audited)."""
    if not state.may("settings"):
        return
    with st.expander("Begrippen beheren (beheerder)"):
        names = {NEW: "Nieuw begrip toevoegen", **dict(zip(table["key"], table["term"], strict=True))}
        key = st.selectbox("Begrip", list(names), format_func=names.get, key="glossary-pick")
        _edit_form(db, None if key == NEW else key, table)
        _hidden(db)


def _edit_form(db: core_db.Database, key: str | None, table: pd.DataFrame) -> None:
    current = table[table["key"] == key].iloc[0].to_dict() if key else {}
    form = forms.opened(f"{EDIT_FORM}-{key or NEW}", lambda: register.stored_row(db, key) if key else None)
    basis_codes = list(register.GLOSSARY_BASIS)
    with st.form(f"glossary-form-{key or NEW}", enter_to_submit=False):
        term = st.text_input("Begrip *", current.get("term", ""), max_chars=120, key=f"{form.prefix}-term")
        basis = st.radio(
            "Soort begrip *",
            basis_codes,
            index=basis_codes.index(current.get("basis", "praktijk")),
            format_func=register.GLOSSARY_BASIS.get,
            horizontal=True,
            key=f"{form.prefix}-basis",
            help="Een wettelijk begrip noemt het artikel in de bron; een gebruik uit de praktijk is geen regel.",
        )
        definition = st.text_area("Omschrijving *", current.get("definition", ""), key=f"{form.prefix}-def")
        source = st.text_input("Bron", current.get("source") or "", max_chars=500, key=f"{form.prefix}-src")
        values = {"term": term, "basis": basis, "definition": definition, "source": source}
        cols = st.columns(3)
        if cols[0].form_submit_button("Opslaan", type="primary") and forms.save(
            lambda: register.save_term(db, key, values, state.actor(), form.record), "Het begrip is opgeslagen.", form
        ):
            st.rerun()
        if (
            key
            and cols[1].form_submit_button("Verbergen")
            and forms.save(
                lambda: register.hide_term(db, key, state.actor(), form.record), "Het begrip is verborgen.", form
            )
        ):
            st.rerun()
        origin = current.get("origin")
        if origin == "aangepast" and cols[2].form_submit_button("Meegeleverde tekst terugzetten"):
            back = "De meegeleverde tekst staat terug."
            if forms.save(lambda: register.reset_term(db, key, state.actor(), form.record), back, form):
                st.rerun()
        if origin:
            st.caption(f"Herkomst: {register.GLOSSARY_ORIGINS[origin]}.")


def _hidden(db: core_db.Database) -> None:
    hidden = data.read(register.hidden_terms)
    if hidden.empty:
        return
    names = dict(zip(hidden["key"], hidden["term"], strict=True))
    with st.form("glossary-unhide", enter_to_submit=False):
        key = st.selectbox("Verborgen begrip terugzetten", list(names), format_func=names.get)
        if st.form_submit_button("Terugzetten") and forms.save(
            lambda: register.reset_term(db, key, state.actor(), register.stored_row(db, key)),
            "Het begrip staat weer in het begrippenkader.",
        ):
            st.rerun()


def phone_list() -> None:
    """The participants' Begrippen expander: search and the terms, small enough for a phone."""
    with st.expander("Begrippen"):
        table = data.read(register.terms)
        search = st.text_input("Zoek een begrip", key="phone-glossary-search")
        for _, row in filtered(table, search).iterrows():
            st.markdown(f"**{plain(row['term'])}**  \n{plain(row['definition'])}")


def projector_term(key: str | None) -> bool:
    """One term large on the projector; False when there is none to show (unknown or hidden)."""
    found = data.read(register.term, key) if key else None
    if found is None:
        return False
    st.markdown(f"# {plain(found['term'])}")
    st.markdown(f"## {plain(found['definition'])}")
    source = f" · Bron: {plain(found['source'])}" if found.get("source") else ""
    st.markdown(f"{register.GLOSSARY_BASIS[found['basis']]}{source}")
    return True
