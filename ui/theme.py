"""Layout tweaks the theme options cannot express. Static, committed CSS only: never user text."""

import streamlit as st

# Less side padding so a register table fits a 1366 px laptop without horizontal scrolling,
# larger metric values for the projector, and on a phone every pixel of width for tables and heat maps.
CSS = """
<style>
.block-container, [data-testid="stMainBlockContainer"] { padding-left: 2rem; padding-right: 2rem; max-width: 1600px; }
[data-testid="stMetricValue"] { font-size: 2.4rem; }
@media (max-width: 640px) {
  .block-container, [data-testid="stMainBlockContainer"] { padding-left: 0.75rem; padding-right: 0.75rem; }
}
</style>
"""


def apply() -> None:
    st.html(CSS)
