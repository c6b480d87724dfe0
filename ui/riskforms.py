"""Risk widgets shared by the Risico's page and the Register's detail tab: the risk form, editing the risk and
its measures as the user opened them (forms.opened), and the history. Rules live in governance.risks; this
only collects widget values and shows what governance answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from governance import register, risks
from governance.core import formatting, labels
from governance.core.errors import ConflictError
from governance.risks import Matrix, axis_labels
from ui import amounts, data, forms, state

OWN = 0  # the party choice for a risk of the gemeente itself


def party_choices() -> dict[int, str]:
    """Party id -> name for pickers, the gemeente's own risks first (id 0)."""
    table = data.read(register.parties)
    return {OWN: risks.OWN, **dict(zip(table["id"].astype(int), table["name"], strict=True))}


def risk_fields(risk: dict[str, Any] | None, matrix: Matrix, key: str, party_id: int | None = None) -> dict[str, Any]:
    """Every editable field of a risk as widgets; returns their values. `party_id` fixes the party (the
    Register's tab); otherwise it is chosen."""
    r = risk or {}
    f = labels.FIELDS["risk"]
    values: dict[str, Any] = {}
    left, right = st.columns(2)
    with left:
        if party_id is None:
            parties = party_choices()
            current = int(r["party_id"]) if r.get("party_id") is not None else OWN
            values["party_id"] = st.selectbox(
                f["party_id"], list(parties), index=list(parties).index(current) if current in parties else 0,
                format_func=parties.get, key=f"{key}-party",
            )  # fmt: skip
            if values["party_id"] == OWN:
                values["party_id"] = None
        else:
            values["party_id"] = party_id
        values["title"] = st.text_input(f["title"] + " *", r.get("title") or "", key=f"{key}-title", max_chars=200)
        cats = list(labels.RISK_CATEGORIES)
        values["category"] = st.selectbox(  # no default: the category decides whether it counts in the weerstand
            f["category"] + " *", cats, index=cats.index(r["category"]) if r.get("category") in cats else None,
            format_func=labels.RISK_CATEGORIES.get, key=f"{key}-cat", placeholder="Kies een categorie",
            help="Alleen financiële risico's tellen mee in het weerstandsvermogen.",
        )  # fmt: skip
        values["cause"] = st.text_area(f["cause"], r.get("cause") or "", key=f"{key}-cause", height=90)
        values["consequence"] = st.text_area(f["consequence"], r.get("consequence") or "", key=f"{key}-cons", height=90)
        values["measures"] = st.text_area(
            f["measures"] + " (samenvatting)", r.get("measures") or "", key=f"{key}-meas", height=90,
            help="De afzonderlijke maatregelen met eigenaar en status staan onder 'Beheersmaatregelen'.",
        )  # fmt: skip
    with right:
        for kind, caption in (("gross", "Bruto: zonder maatregelen"), ("net", "Netto: na maatregelen")):
            st.markdown(f"**{caption}**")
            c1, c2 = st.columns(2)
            for col, axis in ((c1, "likelihood"), (c2, "impact")):
                name = f"{kind}_{axis}"
                names = axis_labels(matrix, axis)
                options: list[int | None] = [None, *range(1, len(names) + 1)]
                value = r.get(name)
                current = int(value) if value is not None and not pd.isna(value) else None
                values[name] = col.selectbox(
                    f[name], options, index=options.index(current) if current in options else 0,
                    format_func=lambda n, names=names: "— geen score —" if n is None else names[n - 1],
                    key=f"{key}-{name}",
                )  # fmt: skip
        pct = r.get("probability_pct")
        values["probability_pct"] = amounts.number_field(
            st, f["probability_pct"], pct, f"{key}-pct", money=False,
            help="Leeg laten: het percentage van de netto kans in de risicomatrix.",
        )  # fmt: skip
        a1, a2, a3 = st.columns(3)
        for col, name in zip((a1, a2, a3), risks.AMOUNTS, strict=True):
            label = f[name].replace("Bedrag ", "") + " (€)"
            values[name] = amounts.number_field(col, label, r.get(name), f"{key}-{name}")
        if risk is not None and (note := risks.weerstand_note(risk)):
            st.warning(note)
        values["owner"] = st.text_input(f["owner"], r.get("owner") or "", key=f"{key}-owner", max_chars=100)
        statuses = list(labels.RISK_STATUS)
        values["status"] = st.selectbox(
            f["status"], statuses, index=statuses.index(r["status"]) if r.get("status") in statuses else 0,
            format_func=labels.RISK_STATUS.get, key=f"{key}-status",
        )  # fmt: skip
        review = r.get("next_review")
        values["next_review"] = st.date_input(
            f["next_review"], None if review is None or pd.isna(review) else review, format="DD-MM-YYYY",
            min_value=dt.date(2000, 1, 1), key=f"{key}-review",
        )  # fmt: skip
    return risks.with_default_probability(values, matrix)


def save(action: Callable[[], Any], success: str, form: forms.Opened, entity: str = "risk") -> bool:
    """forms.save, and on a conflict also the fields someone else changed: theirs then and now."""
    conflicts: list[ConflictError] = []

    def guarded() -> Any:
        try:
            return action()
        except ConflictError as exc:
            conflicts.append(exc)
            raise

    ok = forms.save(guarded, success, form)
    for exc in conflicts:
        if exc.changes:
            st.dataframe(risks.conflict_display(entity, exc.changes), hide_index=True, placeholder="—")
    return ok


def new_risk_form(db: Any, matrix: Matrix, key: str, party_id: int | None = None) -> None:
    if not state.editable("risks"):
        return
    with st.form(key, clear_on_submit=False, enter_to_submit=False):
        values = risk_fields(None, matrix, key, party_id=party_id)
        submitted = st.form_submit_button("Risico toevoegen", type="primary")
        if submitted and forms.save(
            lambda: risks.create_risk(db, values, state.actor()),
            f"Het risico '{values['title']}' is toegevoegd.",
            numbers=key,
        ):
            if note := risks.weerstand_note(values):
                state.flash(f"Het risico '{values['title']}' is toegevoegd. {note}", "warning")
            st.rerun()


def forget_risk(risk_id: Any) -> None:
    """Drop this user's opened copies of a risk and its measures: the forms show them as stored now."""
    forms.forget(f"risk-{risk_id}")
    forms.forget(f"measures-{risk_id}")


def _changed_since_opened(form: forms.Opened, risk_id: int) -> None:
    """Say so before the user types, when someone else saved this risk after it was opened here."""
    if data.read(risks.get_risk, risk_id)["version"] == form.record["version"]:
        return
    st.warning(
        "Iemand anders heeft dit risico gewijzigd nadat u het opende. Laad de nieuwe gegevens voordat u "
        "opslaat, anders wordt uw wijziging geweigerd."
    )
    if st.button("Nieuwe gegevens laden", key=f"reload-{risk_id}"):
        forms.forget(form.key)
        st.rerun()


def edit_risk(db: Any, risk_id: int, matrix: Matrix, party_id: int | None = None) -> None:
    """The risk as the user opened it, in a form: if someone else saves in between, the save is refused and the
    changed fields are listed, never silently overwritten. A role that may not change risks sees the measures
    and the history only."""
    if not state.may("risks"):
        tab_measures, tab_history = st.tabs(["Beheersmaatregelen", "Geschiedenis"])
        with tab_measures:
            _measures_table(risk_id)
        with tab_history:
            _history(risk_id)
        return
    form = forms.opened(f"risk-{risk_id}", lambda: risks.get_risk(db, risk_id))
    _changed_since_opened(form, risk_id)
    tab_form, tab_measures, tab_history = st.tabs(["Gegevens", "Beheersmaatregelen", "Geschiedenis"])
    with tab_form, st.form(form.prefix, enter_to_submit=False):
        values = risk_fields(form.record, matrix, form.prefix, party_id=party_id)
        submitted = st.form_submit_button("Opslaan", type="primary")
        if submitted and save(
            lambda: risks.update_risk(db, risk_id, values, state.actor(), original=form.record),
            "De wijzigingen in het risico zijn opgeslagen.",
            form,
        ):
            st.rerun()
    with tab_measures:
        measures_editor(db, risk_id)
    with tab_history:
        _history(risk_id)


def _history(risk_id: int) -> None:
    """The risk's changes from the audit log, newest first."""
    st.dataframe(
        data.read(risks.history, risk_id), hide_index=True,
        column_config={
            "Tijdstip": st.column_config.TextColumn(width=125), "Door": st.column_config.TextColumn(width=120),
            "Actie": st.column_config.TextColumn(width=90), "Wijziging": st.column_config.TextColumn(width=430),
        }, placeholder="—",
    )  # fmt: skip
    st.caption("Uit het logboek; de nieuwste wijziging bovenaan. Wijs een cel aan om de hele tekst te lezen.")


def _measures_table(risk_id: int) -> None:
    """The measures of a risk, read-only, for a role that may not change them."""
    rows = data.read(risks.measure_rows, risk_id)
    f = labels.FIELDS["risk_measure"]
    st.dataframe(
        pd.DataFrame(
            {
                f["description"]: [r["description"] for r in rows],
                f["owner"]: [r["owner"] or "—" for r in rows],
                f["status"]: [labels.MEASURE_STATUS.get(r["status"], r["status"]) for r in rows],
                f["due_date"]: [formatting.date(r["due_date"]) for r in rows],
            },
            dtype="object",
        ),
        hide_index=True,
        placeholder="—",
    )


def measures_editor(db: Any, risk_id: int) -> None:
    """The measures of a risk as an editable table, as the user opened them; saved all at once (added, changed
    and removed rows). The editor's key is the form's prefix: it starts again from the stored rows after a save
    or a conflict, because its data (and so its identity) changes then."""
    form = forms.opened(f"measures-{risk_id}", lambda: risks.measure_rows(db, risk_id))
    table = pd.DataFrame(form.record, columns=["id", "description", "owner", "status", "due_date"])
    shown = pd.DataFrame(
        {
            "id": table["id"].astype("Int64"),
            "description": table["description"],
            "owner": table["owner"],
            "status": table["status"].map(labels.MEASURE_STATUS),
            "due_date": pd.to_datetime(table["due_date"]).dt.date,
        }
    )
    f = labels.FIELDS["risk_measure"]
    edited = st.data_editor(
        shown,
        key=form.prefix,
        num_rows="dynamic",
        hide_index=True,
        column_order=["description", "owner", "status", "due_date"],
        column_config={
            "description": st.column_config.TextColumn(f["description"] + " *", width="large", max_chars=500),
            "owner": st.column_config.TextColumn(f["owner"], max_chars=100),
            "status": st.column_config.SelectboxColumn(
                f["status"], options=list(labels.MEASURE_STATUS.values()), default="Gepland"
            ),
            "due_date": st.column_config.DateColumn(f["due_date"], format="DD-MM-YYYY"),
        },
        placeholder="—",
    )
    st.caption("Voeg een rij toe onderaan de tabel; verwijder een rij door haar te selecteren en te wissen.")
    if st.button("Maatregelen opslaan", key=f"save-measures-{risk_id}") and save(
        lambda: risks.save_measures(db, risk_id, edited.to_dict("records"), state.actor(), original=form.record),
        "De beheersmaatregelen zijn opgeslagen.",
        form,
        entity="risk_measure",
    ):
        st.rerun()


def party_risks_tab(db: Any, party: dict[str, Any]) -> None:
    """The Register's 'Risico's' tab: the party's risks, one opened for editing, and a form for a new one."""

    matrix = data.read(risks.get_matrix)
    table = data.read(risks.risk_table, int(party["id"]))
    st.dataframe(risks.display(table, matrix, with_party=False), hide_index=True, placeholder="—")
    names = dict(zip(table["id"].astype(int), table["title"], strict=True))
    label = "Risico bewerken" if state.may("risks") else "Risico bekijken"
    chosen = st.selectbox(
        label, list(names), index=None, format_func=names.get, placeholder="Kies een risico",
        key=f"party-risk-{party['id']}",
    )  # fmt: skip
    if chosen is not None:
        edit_risk(db, int(chosen), matrix, party_id=int(party["id"]))
    if state.may("risks"):
        with st.expander("Nieuw risico voor deze partij"):
            new_risk_form(db, matrix, f"new-risk-{party['id']}", party_id=int(party["id"]))
