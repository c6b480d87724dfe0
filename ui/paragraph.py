"""The gemeente's own text of the paragraaf verbonden partijen (BBV art. 15 lid 1) for the chosen year: the
visie and the beleidsvoornemens, per document (begroting or jaarstukken), in an edit form that refuses a stale
save. A lezer reads the text; nothing is ever filled in for the gemeente."""

from __future__ import annotations

from typing import Any

import streamlit as st

from governance import register
from ui import forms, state


def paragraph_text(db: Any, year: int) -> None:
    with st.expander(f"Paragraaf verbonden partijen {year}: visie en beleidsvoornemens (art. 15 lid 1 BBV)"):
        kind = st.segmented_control(
            "Document", list(register.PARAGRAPH_KINDS), default="begroting",
            format_func=register.PARAGRAPH_KINDS.get, key="paragraph-kind",
        ) or "begroting"  # fmt: skip
        if not state.editable("register"):  # a reader sees what is stored now
            stored = register.paragraph_text(db, year, kind) or {}
            for field, label in (("vision", "Visie"), ("intentions", "Beleidsvoornemens")):
                st.markdown(f"**{label}**")
                st.text(stored.get(field) or "Nog niet geschreven.")
            return
        form = forms.opened(f"paragraph-{year}-{kind}", lambda: register.paragraph_text(db, year, kind))
        stored = form.record or {}
        with st.form(f"paragraph-form-{year}-{kind}", enter_to_submit=False):
            values = {
                "vision": st.text_area(
                    "Visie op verbonden partijen (art. 15 lid 1a)", stored.get("vision") or "", height=160,
                    key=f"{form.prefix}-vision",
                    help="Hoe verbonden partijen bijdragen aan de doelen van de begroting.",
                ),
                "intentions": st.text_area(
                    "Beleidsvoornemens (art. 15 lid 1b)", stored.get("intentions") or "", height=160,
                    key=f"{form.prefix}-intentions",
                ),
            }  # fmt: skip
            if st.form_submit_button("Tekst opslaan", type="primary") and forms.save(
                lambda: register.save_paragraph_text(db, year, kind, values, state.actor(), form.record),
                f"De tekst van de paragraaf ({register.PARAGRAPH_KINDS[kind].lower()} {year}) is opgeslagen.",
                form,
            ):
                st.rerun()
