"""Streamlit-only helpers shared by the pages: the cached database handle, session keys, small widgets."""
