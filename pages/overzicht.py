"""Overzicht: the key figures of one year, each leading to the page that explains it."""

import streamlit as st

import ui.calendar_view as calendar_view  # P&C-kalender: the next deadlines
from governance import register
from ui import agenda as agenda_ui
from ui import data, nav, state
from ui import finance as finance_ui
from ui import register as register_ui

nav.require_shell()

year = st.session_state[state.YEAR]

st.title(f"Overzicht verbonden partijen {year}")
kf = data.read(register.key_figures, year)
register_ui.sources_caption(kf)
register_ui.determination_notice(kf)
register_ui.key_figure_cards(kf)
register_ui.category_charts(kf)
register_ui.largest_contributions(year)
register_ui.missing_bbv_items(year)
agenda_ui.overview_count()
finance_ui.open_signals_line(year)
calendar_view.next_deadlines()
