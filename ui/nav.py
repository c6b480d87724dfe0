"""The app's pages, defined once, by absolute path: links and navigation then work whatever script
Streamlit started from (AppTest runs the app from a temporary entry script, see tests/test_pages.py)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).resolve().parent.parent / "pages"
OVERZICHT = str(PAGES / "overzicht.py")
REGISTER = str(PAGES / "register.py")
WEERSTAND = str(PAGES / "weerstandsvermogen.py")

_shell_ran = False  # set once app.py has run in this process


def pages() -> list[st.Page]:
    return [
        st.Page(OVERZICHT, title="Overzicht", icon=":material/dashboard:", default=True),
        st.Page(REGISTER, title="Register", icon=":material/table_view:"),
        st.Page(WEERSTAND, title="Weerstandsvermogen", icon=":material/shield:"),
    ]


def shell_started() -> None:
    global _shell_ran
    _shell_ran = True


def require_shell() -> None:
    """Called first by every page. With a `pages/` folder beside app.py, Streamlit's legacy multipage
    mode runs the page named in the URL *without* app.py on a server's very first request. Calling
    st.navigation switches that mode off for the process; the rerun then goes through app.py."""
    if not _shell_ran:
        st.navigation(pages(), position="hidden")
        st.rerun()
