"""User text shown as text. Streamlit reads Markdown, HTML-like autolinks and its own directives (`:red[…]`,
`:material/…:`, emoji shortcodes, `$…$` LaTeX) in st.markdown, st.caption, headings, alerts, metric labels and
values, st.table cells and nearly every widget label and radio or segmented-control option: a party name or a
proposal holding `![x](http://host/pixel.png)` would make every browser that shows it fetch that image.

`plain(text)` makes any string safe for those elements; it shows exactly the characters typed. Selectbox and
multiselect options, st.text, st.code and st.dataframe show text as it is and need nothing (escaping them would
show the backslashes). Charts have their own escaping (governance.core.charts.plain)."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

# Each backslash-escapable character that starts Markdown anywhere in a line, and a colon that starts a directive
# (':red[', ':abbr'); both colons of an emoji shortcode (':smile:') are escaped too. A colon before a space or a
# digit ('Let op: vol', '10:30') means nothing and stays as it is.
_INLINE = re.compile(r"[\\`*_\[\]<>~$|]|:(?=[A-Za-z])")
_SHORTCODE = re.compile(r":([\w+\-]+):")
_MARK = "\ue000"  # a private-use character standing in for a shortcode's colon while the rest is escaped
_ENTITY = re.compile(r"&(?=#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")  # &amp; stays those five characters
_LINE_START = re.compile(r"(?m)^([ \t]*)([#+\-=])")  # heading, list, setext underline (> is escaped anywhere)
_ORDERED = re.compile(r"(?m)^([ \t]*\d+)([.)])")  # "1. " would start a list
_INDENT = re.compile(r"(?m)^[ \t]+")  # four spaces would start a code block
# What Streamlit's renderer changes after parsing, so a backslash does not help: its typography (' -> ' becomes
# an arrow), ':streamlit:', ':material/…:' (rewritten before parsing), and GFM's autolinks of bare addresses. An
# invisible word joiner (U+2060) or a character reference keeps these as typed.
WORD_JOINER = "\u2060"
_TYPOGRAPHY = re.compile(r"(?<!\S)(<->|->|<-|--|>=|<=|~=)(?!\S)")
_AUTOLINK = re.compile(r"(?i)(?<=www)(?=\.)|(?<=http)(?=s?://)|(?<=https)(?=://)|(?<=ftp)(?=://)|(?=@)")


def plain(text: Any) -> str:
    """`text` as Markdown that Streamlit shows as exactly these characters: nothing becomes a link, an image,
    HTML, emphasis, a heading, a list, colour, an icon, an emoji or a formula. Line breaks stay line breaks.
    None shows as the empty string."""
    if text is None:
        return ""
    s = str(text)
    s = _TYPOGRAPHY.sub(lambda m: m.group(1)[0] + WORD_JOINER + m.group(1)[1:], s)
    s = _AUTOLINK.sub(WORD_JOINER, s)
    s = s.replace(":streamlit:", f":streamlit{WORD_JOINER}:")
    s = _SHORTCODE.sub(lambda m: f"{_MARK}{m.group(1)}{_MARK}", s)
    s = _INLINE.sub(lambda m: "\\" + m.group(0), s).replace(_MARK, "\\:")
    s = _ENTITY.sub(r"\\&", s)
    s = s.replace("\\:material/", "&#58;material/")  # Streamlit rewrites ':material/' before parsing
    s = _LINE_START.sub(r"\1\\\2", s)
    s = _ORDERED.sub(r"\1\\\2", s)
    s = _INDENT.sub(lambda m: "\u00a0" * len(m.group(0)), s)
    return s.replace("\r\n", "\n").replace("\n", "  \n")


def cells(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` for st.table, which renders Markdown in every cell and header: text through `plain`;
    numbers, dates and missing values as they are."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = [plain(v) if isinstance(v, str) else v for v in out[column]]
    out.columns = [plain(c) if isinstance(c, str) else c for c in out.columns]
    return out
