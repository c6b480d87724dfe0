"""A tiny app for tests/test_errors.py: st.App with the app's own error handler (ui/errors.report, as app.py
passes it) and a button callback and a fragment that fail, as a broken database would make them fail. These two
paths do not pass through app.py's guarded(): Streamlit reports them to on_script_error."""

import streamlit as st

from ui import errors


def fail() -> None:
    raise RuntimeError("kapot in /srv/verbonden/geheim.py")


@st.fragment
def part() -> None:
    if st.button("Fragment"):
        fail()


if __name__ == "__main__":
    st.button("Terugroepactie", on_click=fail)
    part()
else:
    app = st.App(__file__, on_script_error=errors.report)
