"""The Rapportages page's sections: choose a report, year, document and party; a preview of the document as plain
text (never Markdown of the user's text); making the Word and PDF files with progress; their downloads."""

from __future__ import annotations

import time
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from governance import register, reports
from governance.core import formatting
from governance.core.db import Database
from governance.core.errors import DomainError
from ui import data, state
from ui.text import plain

MADE = "rapportages-made"  # (choice, db generation) -> the files made for it
ALL = ""  # the party choice "all verbonden partijen"


@dataclass(frozen=True)
class Choice:
    report: str
    year: int
    kind: str
    party: str | None

    @property
    def stem(self) -> str:
        party = f"-{self.party}" if self.party else ""
        return f"{self.report}-{self.kind}-{self.year}{party}"


def choose(db: Database) -> Choice:
    """The report, year, document and party, in one row."""
    known = data.read(register.years)
    this = int(st.session_state.get(state.YEAR) or (known[0] if known else 2026))
    years = sorted({*known, this, this + 1}, reverse=True)
    parties = data.read(_verbonden_codes)
    c1, c2, c3, c4 = st.columns([3, 1, 1.4, 3])
    report = c1.selectbox("Rapportage", list(reports.REPORTS), format_func=reports.REPORTS.get, key="rap-report")
    year = c2.selectbox("Jaar", years, index=years.index(this), key="rap-year")
    kind = c3.selectbox("Document", list(reports.KINDS), format_func=reports.KINDS.get, key="rap-kind")
    options = list(parties) if report == "kernbeeld" else [ALL, *parties]  # a kernbeeld is one party's page
    party = c4.selectbox(
        "Partij",
        options,
        format_func=lambda code: "Alle verbonden partijen" if code == ALL else parties[code],
        key="rap-party" if report != "kernbeeld" else "rap-party-kernbeeld",
    )
    return Choice(report, int(year), kind, party or None)


def _verbonden_codes(db: Database) -> dict[str, str]:
    """code -> name of the non-archived verbonden partijen (the party choice)."""
    frame = register.only_verbonden(register.parties(db))
    return dict(zip(frame["code"], frame["name"], strict=True))


def document(choice: Choice) -> reports.Document | None:
    """The chosen document (cached until the next write), or None with the reason shown."""
    try:
        return data.read(reports.build, choice.report, choice.year, choice.kind, choice.party)
    except DomainError as exc:
        st.warning(plain(str(exc)))
        return None


def downloads(db: Database, choice: Choice, doc: reports.Document) -> None:
    """'Maak Word en PDF' with progress, then a download button per file (kept until the data changes)."""
    key = (choice, db.generation)
    made = st.session_state.get(MADE)
    if not (made and made[0] == key):
        if not st.button("Maak Word en PDF", type="primary", icon=":material/description:", key="rap-make"):
            st.caption("Het maken van beide bestanden duurt enkele seconden.")
            return
        made = (key, _make(doc))
        st.session_state[MADE] = made
    files, seconds = made[1]
    with st.container(horizontal=True):
        for fmt, payload in files.items():
            st.download_button(
                f"Download {reports.FORMATS[fmt]}",
                data=payload,
                file_name=f"{choice.stem}.{fmt}",
                mime=reports.MIME[fmt],
                on_click="ignore",
                icon=":material/download:",
                key=f"rap-download-{fmt}",
            )
    st.caption(f"Gemaakt in {formatting.number(seconds, 1)} s.")


def _make(doc: reports.Document) -> tuple[dict[str, bytes], float]:
    start = time.perf_counter()
    files: dict[str, bytes] = {}
    bar = st.progress(0.0, text="Word-bestand maken…")
    files["docx"] = reports.render(doc, "docx")
    bar.progress(0.35, text="PDF maken (opmaak van de pagina's)…")
    files["pdf"] = reports.render(doc, "pdf")
    bar.progress(1.0, text="Klaar.")
    return files, time.perf_counter() - start


def preview(doc: reports.Document) -> None:
    """The document as the files hold it, shown as text: headings, paragraphs, fact lists and tables."""
    if doc.warning:
        st.warning(plain(doc.warning))
    with st.container(border=True):
        st.subheader(plain(doc.title))
        st.markdown(f"**{plain(doc.subtitle)}**")
        for block in doc.blocks:
            _block(block)


def _block(block: object) -> None:
    if isinstance(block, reports.Heading):
        (st.markdown if block.level > 1 else st.subheader)(("#### " if block.level > 1 else "") + plain(block.text))
    elif isinstance(block, reports.Text):
        text = plain(block.text)
        st.markdown(f"*{text}*" if block.missing else f"**{text}**" if block.small else text)
    elif isinstance(block, reports.Bullets):
        st.text("\n".join(f"• {item}" for item in block.items))
    elif isinstance(block, reports.Facts):
        frame = pd.DataFrame({"Onderdeel": [f.label for f in block.rows], "Waarde": [f.value for f in block.rows]})
        st.dataframe(frame, hide_index=True, width="stretch")
    elif isinstance(block, reports.Table):
        st.dataframe(pd.DataFrame(list(block.rows), columns=list(block.columns)), hide_index=True, width="stretch")
    elif isinstance(block, reports.Image):
        st.image(block.png, caption=block.caption or None, width=int(block.width_cm * 38))
