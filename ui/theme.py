"""Layout tweaks the theme options cannot express. Static, committed CSS only: never user text."""

from pathlib import Path

import streamlit as st

# The browser tab's icon, shipped with the app: a :material/...: page icon makes the browser fetch an SVG from
# Google's font servers, which the deployment's Content-Security-Policy refuses (docs/deploy.md).
ICON = str(Path(__file__).resolve().parent / "icon.svg")

# Less side padding so a register table fits a 1366 px laptop without horizontal scrolling,
# larger metric values for the projector, and on a phone every pixel of width for tables and heat maps.
CSS = """
<style>
.block-container, [data-testid="stMainBlockContainer"] { padding-left: 2rem; padding-right: 2rem; max-width: 1600px; }
[data-testid="stMetricValue"] { font-size: 2.4rem; }
/* captions at full opacity in a darker grey: Streamlit's 60 % faded text measured 4.41:1 on the sidebar and its
   links 2.96:1 (WCAG 1.4.3 asks 4.5:1; tests/test_axe_browser.py); #555d66 is 6.1:1 on the sidebar, 6.7:1 on white */
[data-testid="stCaptionContainer"] { opacity: 1; color: #555d66; }
@media (max-width: 640px) {
  .block-container, [data-testid="stMainBlockContainer"] { padding-left: 0.75rem; padding-right: 0.75rem; }
  /* page titles such as "Weerstandsvermogen" broke mid-word at 390 px: smaller, hyphenated the Dutch way */
  h1 { font-size: 1.9rem !important; line-height: 1.2 !important; hyphens: auto; overflow-wrap: break-word; }
}
</style>
"""


def apply() -> None:
    st.html(CSS)
