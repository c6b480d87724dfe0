"""The app's pages, defined once, by absolute path: links and navigation then work whatever script
Streamlit started from (AppTest runs the app from a temporary entry script, see tests/test_pages.py)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).resolve().parent.parent / "pages"
OVERZICHT = str(PAGES / "overzicht.py")
REGISTER = str(PAGES / "register.py")
WEERSTAND = str(PAGES / "weerstandsvermogen.py")
BEHEER = str(PAGES / "beheer.py")
ORGANISATIE = str(PAGES / "organisatie.py")
WERKATELIER = str(PAGES / "werkatelier.py")
DEELNEMER = str(PAGES / "deelnemer.py")
PROJECTOR = str(PAGES / "projector.py")
ROLLEN = str(PAGES / "rollen.py")
RISICOS = str(PAGES / "risicos.py")
RISICOPROFIEL = str(PAGES / "risicoprofiel.py")
RISICO_INSTELLINGEN = str(PAGES / "risico_instellingen.py")
REGISTER_INSTELLINGEN = str(PAGES / "register_instellingen.py")
GEBRUIKERS = str(PAGES / "gebruikers.py")
FINANCIEN = str(PAGES / "financien.py")
PC_KALENDER = str(PAGES / "pc_kalender.py")
ONTWIKKELAGENDA = str(PAGES / "ontwikkelagenda.py")
RAPPORTAGES = str(PAGES / "rapportages.py")
BEGRIPPEN = str(PAGES / "begrippen.py")

_shell_ran = False  # set once app.py has run in this process

# The pages carry no icon: Streamlit's frontend makes the current page's :material/...: icon the browser tab's
# icon by fetching it from Google's font servers (at times before app.py's own page icon arrives), which the
# deployment's Content-Security-Policy refuses and which would tell Google who uses the app (docs/deploy.md).


def pages(onboarding: bool = False) -> list[st.Page] | dict[str, list[st.Page]]:
    """The navigation; on an empty database only 'Kies uw organisatie' (choose an organisation or the demo).
    Gebruikers only for the roles that may manage users."""
    from ui import state

    if onboarding:
        return [st.Page(ORGANISATIE, title="Kies uw organisatie", default=True)]
    users = [st.Page(GEBRUIKERS, title="Gebruikers")] if state.may("users") else []
    return {
        "": [
            st.Page(OVERZICHT, title="Overzicht", default=True),
            st.Page(REGISTER, title="Register"),
            st.Page(RISICOS, title="Risico's"),
            st.Page(RISICOPROFIEL, title="Risicoprofiel"),
            st.Page(ROLLEN, title="Rollen"),
            st.Page(FINANCIEN, title="Financiën"),
            st.Page(WEERSTAND, title="Weerstandsvermogen"),
        ],
        "Jaarcyclus": [  # the controller's and the griffie's year: deadlines, actions, the paragraphs
            st.Page(PC_KALENDER, title="P&C-kalender"),
            st.Page(ONTWIKKELAGENDA, title="Ontwikkelagenda"),
            st.Page(RAPPORTAGES, title="Rapportages"),
        ],
        "Werkatelier": [
            st.Page(WERKATELIER, title="Werkatelier"),
            st.Page(BEGRIPPEN, title="Begrippen"),
        ],
        "Beheer": [
            st.Page(BEHEER, title="Gegevens en logboek"),
            st.Page(RISICO_INSTELLINGEN, title="Risico-instellingen"),
            st.Page(REGISTER_INSTELLINGEN, title="Register-instellingen"),
            st.Page(ORGANISATIE, title="Kies uw organisatie"),
            *users,  # only for a role that may manage users (beheerder)
        ],
    }


def workshop_mode() -> str | None:
    """'participant' or 'projector' for a visitor who came with ?sessie=CODE, else None."""
    from ui import state

    if not st.query_params.get(state.SESSION_PARAM):
        return None
    return "projector" if st.query_params.get(state.VIEW_PARAM) == "projector" else "participant"


def run_workshop(mode: str) -> None:
    """A werkatelier visitor gets one page and no sidebar: they can reach nothing else in the app."""
    from ui import presentation

    presentation.apply(mode)
    page = st.Page(PROJECTOR if mode == "projector" else DEELNEMER, title="Werkatelier", default=True)
    shell_started()
    st.navigation([page], position="hidden").run()


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
