"""Text that is safe to open in Excel: every export writes cells through `neutralise`, every import reads them
through `restore`, so the round trip is lossless."""

from __future__ import annotations

# Text that Excel would read as a formula (or that hides one) gets this prefix on export; see `neutralise`.
PREFIX = "'"
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Text as written to a cell: a leading =, +, -, @, tab or carriage return gets an apostrophe in front,
    so Excel shows it as text instead of running it as a formula. Text that already starts with an
    apostrophe followed by such a character (or by another apostrophe) gets one too, so `restore` can
    always take exactly one off again: the round trip is lossless ("'s-Hertogenbosch" is left alone)."""
    if text.startswith(DANGEROUS) or (
        text.startswith(PREFIX) and text[1:2] and text[1:].startswith((*DANGEROUS, PREFIX))
    ):
        return PREFIX + text
    return text


def restore(text: str) -> str:
    """The inverse of `neutralise`, applied to every text cell on import."""
    if text.startswith(PREFIX) and text[1:].startswith((*DANGEROUS, PREFIX)):
        return text[1:]
    return text
