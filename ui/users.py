"""Sections of the Gebruikers page (beheerders only): who may sign in, with which role, and how long a sign-in
lasts. Every change goes through governance.auth, which checks the 'users' (or 'settings') permission itself and
audits the change without the password hash; these widgets only collect values."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from governance import auth
from governance.core.access import ROLE_TEXTS, ROLES
from governance.core.db import Database
from ui import data, forms, state

PICKED = "gebruikers-gekozen"  # the user chosen under 'Gebruiker wijzigen'


def _when(value: Any) -> str:
    return "nog nooit" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%d-%m-%Y %H:%M")


def _account(row: dict[str, Any]) -> str:
    """Which organisation account (OIDC) the user signs on with, and whether it has signed on yet."""
    email = row["email"] if isinstance(row["email"], str) else ""
    if not email:
        return "geen"
    return f"{email} (gekoppeld)" if row["linked"] else f"{email} (nog niet aangemeld)"


def listing(db: Database) -> pd.DataFrame:
    """Every user in a plain table: names and addresses are shown as text, never as Markdown."""
    frame = data.read(auth.users)
    rows = frame.to_dict("records")
    table = pd.DataFrame(
        {
            "Gebruikersnaam": [r["name"] for r in rows],
            "Naam": [r["full_name"] if isinstance(r["full_name"], str) else "" for r in rows],
            "Rol": [ROLES[r["role"]] for r in rows],
            "Actief": ["nee" if r["disabled"] else "ja" for r in rows],
            "Laatst aangemeld": [_when(r["last_sign_in"]) for r in rows],
            "Wachtwoord": ["ja" if r["has_password"] else "nee" for r in rows],
            "Organisatieaccount": [_account(r) for r in rows],
        },
        dtype="object",
    )
    st.dataframe(
        table,
        hide_index=True,
        column_config={"Organisatieaccount": st.column_config.TextColumn(width=260)},
        placeholder="—",
    )
    return frame


def _role(label: str, current: str, key: str) -> str:
    codes = list(ROLES)
    return st.selectbox(
        label,
        codes,
        index=codes.index(current),
        format_func=ROLES.get,
        key=key,
        help=" · ".join(f"{name}: {what}" for name, what in ROLE_TEXTS.values()),
    )


def add_form(db: Database) -> None:
    """A new user: name, role and a password typed twice, or only an e-mail address for organisation sign-on."""
    with st.form("gebruiker-toevoegen", clear_on_submit=False, enter_to_submit=False):
        left, right = st.columns(2)
        values = {
            "name": left.text_input("Inlognaam *", key="nieuw-naam", max_chars=40),
            "full_name": right.text_input("Naam", key="nieuw-volledig", max_chars=200),
        }
        values["role"] = _role("Rol *", "lezer", "nieuw-rol")
        left, right = st.columns(2)
        password = left.text_input(f"Wachtwoord (minstens {auth.MIN_LENGTH} tekens)", type="password", key="nieuw-ww")
        repeat = right.text_input("Wachtwoord nog een keer", type="password", key="nieuw-ww2")
        values["email"] = st.text_input(
            "E-mailadres van het organisatieaccount",
            key="nieuw-email",
            help="Voor aanmelden met het organisatieaccount (OIDC). Zonder wachtwoord kan de gebruiker alleen zo "
            "binnen.",
        )
        if st.form_submit_button("Gebruiker toevoegen", type="primary"):
            given = password or repeat or None  # both empty: organisation sign-on only
            if forms.save(
                lambda: auth.add_user(db, values, state.actor(), given, repeat if given else None),
                f"Gebruiker '{values['name'].strip().lower()}' is toegevoegd.",
            ):
                st.rerun()


def _opened(db: Database, name: str) -> forms.Opened:
    """The user as this beheerder opened them, without the hash (only its version matters for a conflict)."""

    def load() -> dict[str, Any]:
        row = dict(auth.get_user(db, name))
        row.pop("password_hash", None)
        return row

    return forms.opened(f"gebruiker-{name}", load)


def change_section(db: Database, frame: pd.DataFrame) -> None:
    """One user: role, password, disable or enable, organisation account."""
    names = list(frame["name"])
    if not names:
        st.info("Er zijn nog geen gebruikers.")
        return
    name = st.selectbox("Gebruiker", names, key=PICKED)
    form = _opened(db, name)
    user = form.record
    me = state.actor().user_id == user["id"]
    if me:
        st.caption("Dit bent u zelf.")
    role_col, status_col = st.columns(2)
    with role_col, st.form(f"{form.prefix}-rol", enter_to_submit=False):
        role = _role("Rol", user["role"], f"{form.prefix}-rol-keuze")
        if st.form_submit_button("Rol opslaan") and forms.save(
            lambda: auth.set_role(db, name, role, state.actor(), user),
            f"De rol van '{name}' is nu {ROLES[role].lower()}.",
            form,
        ):
            st.rerun()
    with status_col:
        st.markdown("**Status**")
        st.text("Uitgeschakeld: kan zich niet aanmelden." if user["disabled"] else "Actief: kan zich aanmelden.")
        if user["disabled"]:
            if st.button("Inschakelen", key=f"{form.prefix}-aan") and forms.save(
                lambda: auth.enable_user(db, name, state.actor()), f"Gebruiker '{name}' is weer ingeschakeld."
            ):
                st.rerun()
        elif st.button("Uitschakelen", key=f"{form.prefix}-uit", help="Lopende aanmeldingen stoppen direct.") and (
            forms.save(lambda: auth.disable_user(db, name, state.actor()), f"Gebruiker '{name}' is uitgeschakeld.")
        ):
            st.rerun()
    password_col, account_col = st.columns(2)
    with password_col, st.form(f"{form.prefix}-wachtwoord", clear_on_submit=True, enter_to_submit=False):
        password = st.text_input("Nieuw wachtwoord", type="password", key=f"{form.prefix}-ww")
        repeat = st.text_input("Nieuw wachtwoord nog een keer", type="password", key=f"{form.prefix}-ww2")
        if st.form_submit_button("Wachtwoord opnieuw instellen") and forms.save(
            lambda: auth.set_password(db, name, password, state.actor(), repeat),
            f"Nieuw wachtwoord ingesteld voor '{name}'; lopende aanmeldingen zijn beëindigd.",
        ):
            st.rerun()
    with account_col, st.form(f"{form.prefix}-account", enter_to_submit=False):
        email = st.text_input(
            "E-mailadres van het organisatieaccount",
            user["email"] or "",
            key=f"{form.prefix}-email",
            help="Leeg laten en opslaan ontkoppelt het organisatieaccount.",
        )
        if st.form_submit_button("Organisatieaccount koppelen") and forms.save(
            lambda: auth.link_email(db, name, email, state.actor()),
            f"Organisatieaccount van '{name}' opgeslagen.",
        ):
            st.rerun()


def session_form(db: Database) -> None:
    """How long a sign-in lasts; a shorter time also ends longer sessions already open."""
    form = forms.opened("aanmeldduur", lambda: auth.session_setting(db))
    current = auth.session_hours(db)
    low, high = auth.HOURS_LIMITS
    with st.form("aanmeldduur", enter_to_submit=False):
        hours = st.number_input(
            "Duur van een aanmelding (uren)",
            min_value=low,
            max_value=high,
            value=current,
            step=1,
            key=f"{form.prefix}-uren",
            help=f"Standaard {auth.SESSION_HOURS} uur. Een kortere duur geldt meteen ook voor wie al is aangemeld.",
        )
        if st.form_submit_button("Opslaan") and forms.save(
            lambda: auth.set_session_hours(db, hours, state.actor(), form.record),
            f"Een aanmelding geldt nu {int(hours)} uur.",
            form,
        ):
            st.rerun()
