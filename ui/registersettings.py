"""Register-instellingen: the register's rules that are the gemeente's choice, not law — which regelingen are
wettelijk verplicht (and applying that to the parties already there), and which legal forms keep no balance
sheet of their own (BBV art. 15 lid 2c)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from governance import national, register
from governance.core import labels
from ui import data, forms, state
from ui.text import cells, plain


def mandatory_editor(db: Any) -> None:
    """The rules (words in a regeling's name → the law), editable by a beheerder, and applying them once more to
    the parties already in the register (with a preview of what would change)."""
    setting = national.mandatory_setting(db)
    st.caption(
        "Bij het inlezen uit het landelijk register wordt een regeling als *wettelijk verplicht* gemarkeerd als een "
        "van deze woorden (als heel woord) in haar naam staat; de wet komt in de toelichting. Het landelijk register "
        "zegt zelf niet of deelname verplicht is."
    )
    if setting["default"]:
        st.info("Dit is de standaardregel (niet door de gemeente vastgesteld); controleer de wetten.")
    rows = pd.DataFrame(
        [{"words": ", ".join(r["words"]), "law": r["law"]} for r in setting["rules"]], columns=["words", "law"]
    )
    config = {
        "words": st.column_config.TextColumn("Woorden in de naam (komma's ertussen)", width="medium"),
        "law": st.column_config.TextColumn("Wet", width="large"),
    }
    if not state.may("settings"):
        st.dataframe(cells(rows), column_config=config, hide_index=True, placeholder="—")
    else:
        form = forms.opened("mandatory", lambda: national.mandatory_setting(db)["original"])
        with st.form("mandatory-form", enter_to_submit=False):
            edited = st.data_editor(
                rows, column_config=config, num_rows="dynamic", hide_index=True, key=f"{form.prefix}-rules"
            )
            if st.form_submit_button("Regels opslaan", type="primary") and forms.save(
                lambda: national.save_mandatory_setting(db, edited.to_dict("records"), state.actor(), form.record),
                "De regels voor wettelijk verplichte deelname zijn opgeslagen.",
                form,
            ):
                st.rerun()
    _apply_to_existing(db)


def _apply_to_existing(db: Any) -> None:
    st.subheader("Toepassen op partijen die er al zijn")
    found = data.read(national.mandatory_candidates)
    if not found:
        st.caption("Geen partij in het register waarop een regel past en die nog niet wettelijk verplicht is.")
        return
    st.caption(f"Op {len(found)} partij(en) past een regel, maar ze zijn niet als wettelijk verplicht gemarkeerd:")
    shown = pd.DataFrame([{"Partij": p["name"], "Wet": p["law"]} for p in found])
    st.dataframe(cells(shown), hide_index=True, placeholder="—")
    if state.editable("register") and st.button("Markeer als wettelijk verplicht", key="mandatory-apply"):
        if forms.save(
            lambda: national.apply_mandatory(db, state.actor()),
            f"{len(found)} partij(en) gemarkeerd als wettelijk verplicht, met de wet in de toelichting.",
        ):
            st.rerun()


def balance_editor(db: Any) -> None:
    """Which regelingen without legal personality are asked no eigen/vreemd vermogen (art. 15 lid 2c)."""
    rule = register.balance_setting(db)
    st.caption(
        "BBV art. 15 lid 2c vraagt het eigen en vreemd vermogen van de verbonden partij aan het begin en einde van "
        "het jaar. Een regeling zonder rechtspersoonlijkheid heeft meestal geen eigen balans: haar kosten lopen via "
        "de boeken van de centrumgemeente, de gastgemeente of de deelnemers. Het BBV noemt die vormen niet; dit is "
        f"de keuze van de gemeente. Nu: {plain(rule['text'])}."
    )
    if not state.may("settings"):
        return
    form = forms.opened("balance", lambda: register.balance_setting(db)["original"])
    with st.form("balance-form", enter_to_submit=False):
        chosen = st.multiselect(
            "Geen eigen balans gevraagd van",
            list(register.WITHOUT_LEGAL_PERSONALITY),
            default=list(rule["forms"]),
            format_func=labels.LEGAL_FORMS.get,
            key=f"{form.prefix}-forms",
            placeholder="Kies een rechtsvorm",
        )
        if st.form_submit_button("Opslaan", type="primary") and forms.save(
            lambda: register.save_balance_setting(db, chosen, state.actor(), form.record),
            "De rechtsvormen zonder eigen balans zijn opgeslagen.",
            form,
        ):
            st.rerun()
