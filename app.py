"""Verbonden Partijen Dashboard: sign-in, page setup and navigation. Everything else lives in pages/, ui/ and
governance/.

`streamlit run app.py` finds the `st.App` at the bottom and serves this file as the app's script (each browser
session runs it as `__main__`) on Streamlit's own server, with the sign-in routes of ui/server.py beside it."""

import contextlib
import datetime as dt

import streamlit as st

from governance import national, register
from ui import data, errors, nav, server, signin, state, theme, workshop_http
from ui.text import plain


def main() -> None:
    st.set_page_config(page_icon=theme.ICON, layout="wide")
    theme.apply()
    data.database()  # create the database (and, for the default file, the demo) before any page reads it

    if mode := nav.workshop_mode():  # ?sessie=CODE: a werkatelier participant or projector, one page, no sidebar
        nav.run_workshop(mode)
        return
    user = signin.current()
    if user is None:  # a visitor without a sign-in sees the sign-in page and nothing else
        shown = signin.organisation() or signin.page  # organisation sign-on (OIDC) when configured, or the form
        nav.shell_started()
        st.navigation([st.Page(shown, title="Aanmelden", default=True)], position="hidden").run()
        return

    status = data.read(national.status)
    navigation = st.navigation(nav.pages(onboarding=status["empty"]), expanded=True)  # no English "View more"
    nav.shell_started()
    with st.sidebar:
        if not status["empty"]:  # nothing to show per year before an organisation (or the demo) is chosen
            years = data.read(register.years) or [dt.date.today().year]
            default = data.read(register.default_year, dt.date.today().year)
            st.selectbox(
                "Jaar",
                years,
                index=years.index(default) if default in years else 0,
                key=state.YEAR,
                help="Het jaar van de cijfers en de BBV-controle op alle pagina's.",
            )
        ours = status["ours"]
        if ours is not None and ours["fictitious"]:
            st.caption(f"Demogegevens: {plain(ours['name'])} is fictief.")
        elif ours is not None:
            st.caption(f"Register van {plain(ours['name'])}.")
        signin.sidebar(user)
    navigation.run()


@contextlib.asynccontextmanager
async def _start(_app):
    """Before the first visitor: the database exists; the default one with the demo and its first beheerder."""
    data.prepare()
    yield


if __name__ == "__main__":  # a browser session (or AppTest) runs this script
    with errors.guarded():  # an unexpected error: a Dutch message with a reference, the traceback in the log
        main()
else:  # `streamlit run app.py` imports this module for its ASGI app
    app = st.App(
        __file__,
        routes=[*server.routes(), *workshop_http.routes()],  # sign-in; a werkatelier browser keeps its participant
        middleware=[server.middleware()],
        lifespan=_start,
        on_script_error=errors.report,  # fragment reruns and widget callbacks, which main() does not wrap
    )
