"""Number fields that read what a Dutch person types: '1.250.000', '1.250.000,50', '€ 2.000.000', '-12.500,50'.

Streamlit's own number input reads '1.250.000' as 1 without a word. These fields are text fields read by
governance's `validation.read_typed` (the import's reading); the write functions validate the same text again.
Inside a form nothing can be shown while typing, so `ui.forms.save` first checks that every number field of the
form (the fields whose key starts with the form's prefix) was typed as it is shown: when it was not ('1250000'),
the field is rewritten to how it was read ('1.250.000') with a line saying so, and the user saves again. Nothing
is stored that the user has not seen. A form lists no keys: drawing a field with `number_field` is enough.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from governance.core import formatting, validation
from ui import state
from ui.text import plain

_PENDING = "typed-numbers"  # session key: widget key → (text as read, text as typed), applied before the widget
_FIELDS = "typed-fields"  # session key: widget key → (label, money) of every number field drawn
EXAMPLE = "bijv. 1.250.000,50"


def number_field(
    container: Any, label: str, value: Any, key: str, *, money: bool = True, help: str | None = None
) -> str:
    """A text field for a number, started from `value` in Dutch notation; returns the text as typed."""
    pending = st.session_state.setdefault(_PENDING, {})
    note = None
    if key in pending:
        st.session_state[key], typed = pending.pop(key)
        reading = _reading(st.session_state[key], money)
        note = f"U typte '{typed}'; gelezen als {reading}. Klopt dit? Sla dan opnieuw op."
    elif key not in st.session_state:
        st.session_state[key] = formatting.typed(value, money=money)
    st.session_state.setdefault(_FIELDS, {})[key] = (label, money)
    text = container.text_input(label, key=key, placeholder=EXAMPLE if money else "", help=help)
    if note:
        container.caption(plain(note))
    return text


def _reading(text: str, money: bool) -> str:
    value = validation.read_typed(text)
    if value is None:
        return "leeg (onbekend)"
    return f"€ {formatting.typed(value)}" if money else formatting.typed(value, money=False)


def read_as_shown(*names: str) -> bool:
    """On a form's submit: True when every number field named (its key, or a form prefix: every key `prefix-…`)
    was typed as it reads.
    Otherwise nothing is saved: an unreadable or ambiguous number is named with its field, and a number typed
    another way ('1250000') is rewritten to its reading for the user to check before saving again (the page
    reruns)."""
    fields = st.session_state.get(_FIELDS, {})
    keys = [k for k in fields if k in st.session_state and any(k == n or k.startswith(f"{n}-") for n in names)]
    problems: list[str] = []
    rewritten: dict[str, tuple[str, str]] = {}
    for key in keys:
        label, money = fields[key]
        text = str(st.session_state.get(key) or "")
        try:
            value = validation.read_typed(text)
        except ValueError as exc:
            problems.append(f"{label}: {exc}")
            continue
        shown = formatting.typed(value, money=money)
        if shown != text.strip():
            rewritten[key] = (shown, text)
    if problems:
        st.error("Niet opgeslagen. Controleer de volgende velden:")
        for problem in problems:
            st.text(problem)
        return False
    if rewritten:
        st.session_state.setdefault(_PENDING, {}).update(rewritten)
        state.flash("Nog niet opgeslagen: controleer hoe de getallen gelezen zijn en sla opnieuw op.", "warning")
        st.rerun()
    return True
