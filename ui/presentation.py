"""Presentation mode for werkatelier visitors: no sidebar or app chrome; large type on the projector.

Static, committed CSS only (never user text)."""

from __future__ import annotations

import streamlit as st

_NO_CHROME = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarNav"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
"""

PARTICIPANT_CSS = f"""<style>{_NO_CHROME}
.block-container, [data-testid="stMainBlockContainer"] {{ padding: 1rem 1rem 4rem 1rem; max-width: 760px; }}
[data-testid="stRadio"] label p {{ font-size: 1.05rem; }}
</style>"""

# 16:9 at 1920x1080: the whole width, high contrast, large type; the live part sizes its charts for it.
PROJECTOR_CSS = f"""<style>{_NO_CHROME}
.block-container, [data-testid="stMainBlockContainer"] {{ padding: 1.2rem 2.5rem; max-width: 100%; }}
[data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li {{ font-size: 1.45rem; color: #000; }}
[data-testid="stMainBlockContainer"] h1 {{ font-size: 2.8rem; color: #000; padding-top: 0; }}
[data-testid="stMainBlockContainer"] h2 {{ font-size: 2.1rem; color: #000; }}
[data-testid="stMainBlockContainer"] [data-testid="stMetricValue"],
[data-testid="stMainBlockContainer"] [data-testid="stMetricValue"] * {{
    font-size: 3.2rem; color: #000; line-height: 1.1; }}
[data-testid="stMetricLabel"] p {{ font-size: 1.4rem; color: #000; }}
[data-testid="stTable"] td, [data-testid="stTable"] th {{ font-size: 1.35rem; color: #000; padding: .35rem .6rem; }}
</style>"""


def apply(mode: str) -> None:
    st.html(PROJECTOR_CSS if mode == "projector" else PARTICIPANT_CSS)
