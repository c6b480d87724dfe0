"""Kies uw organisatie: fill the register from the national register (or load the fictitious demo), bring it in step
with the register, and add stichtingen, NV's and BV's from the register's rwt list."""

import streamlit as st

from governance import national
from ui import data, nav, state
from ui import national as national_ui

nav.require_shell()

db = data.database()
state.show_flash()
info = data.read(national.status)
st.title("Kies uw organisatie")
national_ui.ensure_snapshot(db, info)

national_ui.source_caption(info)
national_ui.situation(db, info)
if not info["real"]:
    national_ui.choose_organisation(db, info)
if info["empty"]:
    national_ui.demo_offer(db)
national_ui.last_report()
if not info["empty"]:
    national_ui.add_rwt(db)
