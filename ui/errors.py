"""What a visitor sees when a page fails unexpectedly: a Dutch message with a short reference, never a traceback
or a server path. The traceback goes to the server's log under the same reference, so a beheerder who is told
the reference finds it (`grep REFERENTIE` in the server's output).

A DomainError carries a Dutch message meant for the user and is shown as it is; storage failures
(StorageError, DatabaseLockedError) are not the user's doing and their text names files on the server, so they
count as unexpected. `guarded()` wraps the app script (app.py, and so AppTest); `report` is also st.App's
`on_script_error`, which Streamlit calls for what the script does not see: fragment reruns and widget callbacks.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
from collections.abc import Iterator

import streamlit as st
from streamlit.errors import FragmentHandledException

from governance.core.errors import DatabaseLockedError, DomainError, StorageError
from ui.text import plain

LOGGER = "verbonden"
MESSAGE = (
    "Er is een onverwachte fout opgetreden. Probeer het opnieuw; blijft het misgaan, geef dan deze referentie door "
    "aan de beheerder: {ref}"
)


def _log() -> logging.Logger:
    """The app's logger; with no logging configured (plain `streamlit run`) it writes to stderr itself."""
    log = logging.getLogger(LOGGER)
    if not log.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
    return log


def report(exc: Exception) -> bool:
    """Show `exc` to the visitor as a Dutch message (with a reference when it was unexpected) and log the
    traceback under that reference. True: Streamlit then shows nothing of its own (on_script_error's contract)."""
    if isinstance(exc, DomainError) and not isinstance(exc, (StorageError, DatabaseLockedError)):
        st.error(plain(str(exc)))  # a domain message can quote what was typed: text, never Markdown
        return True
    ref = secrets.token_hex(4)
    _log().error("Unexpected error in a page, shown to the user as referentie %s", ref, exc_info=exc)
    st.error(MESSAGE.format(ref=ref))
    return True


@contextlib.contextmanager
def guarded() -> Iterator[None]:
    """Run the app script; an exception it raises is reported instead of shown with its traceback. Streamlit's
    control flow (st.rerun, st.stop, st.switch_page) is not an Exception and passes; a fragment that already
    reported its own failure says so with FragmentHandledException, which Streamlit must receive."""
    try:
        yield
    except FragmentHandledException:
        raise
    except Exception as exc:
        report(exc)
