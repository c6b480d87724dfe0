"""Sections of the Beheer page: export (Excel, CSV, zip), import (upload, preview, all-or-nothing import) and the
audit log. Streamlit only: the layout of the files, the import rules and the log's read model are governance's."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from governance import io, register, risks
from governance.core import labels
from governance.core.db import Database
from governance.core.errors import DomainError
from ui import data, state
from ui.text import cells, plain

UPLOAD_ROUND = "beheer-upload-round"  # bumped after an import, so the uploader starts empty again
PREVIEW = "beheer-preview"  # (file and database state, ImportPlan) of the last preview
ALL_USERS = 0  # the log filter's "alle gebruikers" (user ids start at 1)
CONFIRMING = "beheer-confirming"  # (file id, fingerprint) of the plan shown with the import button
REFUSED = "beheer-refused"  # the problems of a file refused as a whole, shown after its upload was released


def excel_download(db: Database, label: str, **options: Any) -> None:
    """The whole register as one workbook, built only when clicked: the file the import reads back."""
    st.download_button(
        label,
        data=lambda: io.workbook_bytes(db),
        file_name=f"verbonden-partijen-{dt.date.today():%Y%m%d}.xlsx",
        mime=io.XLSX_MIME,
        on_click="ignore",
        icon=":material/download:",
        **options,
    )


def export_tab(db: Database) -> None:
    st.markdown(
        "Het hele register als Excel-bestand: een tabblad per soort gegevens (verbonden partijen, deelnemingen, "
        "jaarcijfers, personen, vertegenwoordigingen, risico's, organisaties) en een tabblad *Toelichting* met de "
        "betekenis van elke kolom. Hetzelfde bestand kan na bewerken weer worden geïmporteerd."
    )
    stamp = dt.date.today().strftime("%Y%m%d")
    with st.container(horizontal=True):
        excel_download(db, "Download Excel (.xlsx)", type="primary")
        st.download_button(
            "Download alle CSV-bestanden (.zip)",
            data=lambda: io.zip_bytes(db),
            file_name=f"verbonden-partijen-{stamp}.zip",
            mime="application/zip",
            on_click="ignore",
            icon=":material/folder_zip:",
        )
    names = {s.slug: s.name for s in io.EXPORT_ORDER}
    pick, button = st.columns([2, 1], vertical_alignment="bottom")
    chosen = pick.selectbox("Eén soort gegevens als CSV", list(names), format_func=names.get, key="beheer-csv")
    sheet = io.find(chosen) or io.PARTIES
    button.download_button(
        f"Download {sheet.name} (.csv)",
        data=lambda: io.csv_bytes(db, sheet),
        file_name=f"{sheet.slug}-{stamp}.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
    )
    st.caption(
        "CSV: puntkomma als scheidingsteken, decimale komma, datums als dd-mm-jjjj, UTF-8 (Excel opent het direct). "
        "Tekst die begint met =, +, -, @ of een tab krijgt een apostrof ervoor, zodat Excel er geen formule van maakt."
    )


def show_problems(problems: list[io.Problem]) -> None:
    """Every problem in a plain table: the messages quote the file's cells, which must not render as Markdown."""
    n = len(problems)
    st.error(
        f"Er wordt niets geïmporteerd: het bestand heeft {n} {'fout' if n == 1 else 'fouten'}. "
        "Verbeter het bestand en kies het opnieuw.",
        icon=":material/block:",
    )
    st.dataframe(
        pd.DataFrame({"Fout": [str(p) for p in problems]}),
        hide_index=True,
        column_config={"Fout": st.column_config.TextColumn(width="large")},
        placeholder="—",
    )


def show_plan(plan: io.ImportPlan) -> None:
    st.subheader("Voorbeeld: wat de import zou doen")
    if plan.counts():
        st.dataframe(pd.DataFrame(plan.counts()), hide_index=True, placeholder="—")
    if not plan.ok:
        show_problems(plan.problems)
    details = plan.details()
    if details:
        st.markdown("**Wat er verandert** (een regel per nieuwe rij en per gewijzigde cel)")
        st.dataframe(
            pd.DataFrame(details),
            hide_index=True,
            column_config={
                "Sleutel": st.column_config.TextColumn(width="medium"),
                "Nu": st.column_config.TextColumn(width="medium"),
                "Wordt": st.column_config.TextColumn(width="medium"),
            },
            placeholder="—",
        )


def _preview(db: Database, upload: UploadedFile) -> io.ImportPlan:
    """One preview per file and database state, not one per rerun (the log filters rerun this page too)."""
    wanted = (upload.file_id, db.generation)
    cached = st.session_state.get(PREVIEW)
    if cached is None or cached[0] != wanted:
        cached = (wanted, io.preview(db, upload.getvalue(), upload.name))
        st.session_state[PREVIEW] = cached
    return cached[1]


def import_tab(db: Database) -> None:
    if not state.editable("import"):
        return
    st.markdown(
        "Kies een Excel-bestand (.xlsx), een CSV-bestand of een zip met CSV-bestanden, bijvoorbeeld een eerdere "
        "export. U ziet eerst wat er zou worden **toegevoegd**, **gewijzigd** of **afgewezen**; pas na "
        "*Import uitvoeren* wordt alles in één keer opgeslagen, of bij een fout niets. Rijen met een bestaande code "
        "worden bijgewerkt; er wordt nooit iets verwijderd. Elke wijziging komt in het logboek."
    )
    round_ = st.session_state.get(UPLOAD_ROUND, 0)
    upload = st.file_uploader(
        "Bestand om te importeren",
        type=["xlsx", "csv", "txt", "zip"],
        key=f"beheer-upload-{round_}",
        help=f"Hoogstens {io.MAX_BYTES // (1024 * 1024)} MB. CSV mag met puntkomma of komma, "
        "decimale komma, datums als dd-mm-jjjj, UTF-8 of Windows-1252.",
    )
    if upload is None:
        if refused := st.session_state.pop(REFUSED, None):
            show_problems(refused)
        return
    shown = st.session_state.get(CONFIRMING)  # what the user saw when they pressed the button
    plan = _preview(db, upload)
    if plan.unreadable:  # release the upload (a new uploader key drops the file) and say why
        st.session_state[REFUSED] = plan.problems
        st.session_state[UPLOAD_ROUND] = round_ + 1
        st.session_state.pop(PREVIEW, None)
        st.rerun()
    show_plan(plan)
    if not plan.ok:
        return
    if not plan.changes_anything:
        st.info("Het bestand bevat geen wijzigingen ten opzichte van het register.")
        return
    clicked = st.button(f"Import uitvoeren ({plan.summary()})", type="primary", key="beheer-import")
    st.session_state[CONFIRMING] = (upload.file_id, plan.fingerprint)
    if clicked:
        seen = shown[1] if shown and shown[0] == upload.file_id else plan.fingerprint
        try:
            done = io.import_file(db, upload.getvalue(), upload.name, state.actor(), expected=seen)
        except io.ImportStale as exc:  # the plan above is already the new one; the next click confirms it
            st.warning(str(exc))
            return
        except io.ImportRejected as exc:  # someone changed the register since the preview
            show_problems(exc.plan.problems)
            return
        except DomainError as exc:
            st.error(plain(str(exc)))
            return
        state.flash(f"Import uit '{upload.name}' uitgevoerd: {done.summary()}.")
        st.session_state[UPLOAD_ROUND] = round_ + 1
        st.rerun()


def log_tab() -> None:
    """Filters, one page of the log (register.PAGE_SIZE rows) and the page choice. A table, not a data grid: the
    before → after of every field wraps inside the page width instead of running off-screen."""
    c1, c2, c3, c4 = st.columns(4)
    entities = c1.multiselect("Wat", register.AUDITED, format_func=labels.entity, placeholder="Alles", key="log-what")
    users = data.read(register.log_users)
    user = c2.selectbox(
        "Gebruiker",
        [ALL_USERS, *users],
        format_func=lambda u: "alle gebruikers" if u == ALL_USERS else users[u],
        key="log-user",
        help="De aangemelde gebruikers die iets hebben gewijzigd, de meest recente eerst.",
    )
    actions = c3.multiselect(
        "Actie", list(register.ACTIONS), format_func=register.ACTIONS.get, placeholder="Alle acties", key="log-action"
    )
    since = c4.date_input("Vanaf", value=None, format="DD-MM-YYYY", key="log-since")
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    no_votes = left.toggle(
        "Stemmen uit werkateliers weglaten",
        key="log-no-votes",
        help="De scores en stippen die deelnemers in een werkatelier geven: honderden regels per sessie.",
    )
    chosen = (entities, None, actions, since)
    user_id = None if user == ALL_USERS else user
    found = data.read(register.matching, *chosen, user_id=user_id, without_votes=no_votes)
    pages = max(1, -(-found // register.PAGE_SIZE))
    page = 1
    if pages > 1:
        page = int(right.number_input(f"Pagina (van {pages})", 1, pages, 1, key="log-page"))
    first = (page - 1) * register.PAGE_SIZE
    frame = data.read(register.recent, *chosen, register.PAGE_SIZE, user_id, without_votes=no_votes, offset=first)
    table = register.audit_display(frame, data.read(register.names), risks.setting_defaults())
    total = data.read(register.count)
    shown = f"wijzigingen {first + 1}–{first + len(table)} van {found}" if len(table) else "geen wijzigingen"
    st.caption(
        f"{shown[:1].upper()}{shown[1:]}, de nieuwste eerst"
        + (", zonder de stemmen uit werkateliers" if no_votes else "")
        + f"; het logboek bevat er {total} in totaal."
    )
    if table.empty:
        st.info("Geen wijzigingen met deze keuze.")
        return
    st.table(cells(table), hide_index=True)
