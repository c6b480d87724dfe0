"""The reports family: the documents that leave the building — the paragraaf verbonden partijen (BBV art. 15),
the weerstandsvermogen part of the paragraaf weerstandsvermogen (art. 11) and the kernbeeld per party. Each
report is built as a plain `Document` (data in, model out); `render` turns it into DOCX or PDF."""

from __future__ import annotations

import datetime as dt
from typing import Any

from governance.core.db import Database
from governance.core.errors import FieldError, ValidationError
from governance.reports import pdf, word
from governance.reports.kernbeeld import kernbeeld
from governance.reports.model import (
    MISSING,
    NOT_APPLICABLE,
    Bullets,
    Document,
    Fact,
    Facts,
    Heading,
    Image,
    Table,
    Text,
)
from governance.reports.paragraaf import KINDS, check_request, collect, paragraaf
from governance.reports.weerstand import paragraaf_weerstand

REPORTS: dict[str, str] = {
    "paragraaf": "Paragraaf verbonden partijen (BBV art. 15)",
    "weerstand": "Paragraaf weerstandsvermogen, deel verbonden partijen (BBV art. 11)",
    "kernbeeld": "Kernbeeld per verbonden partij (één A4)",
}
FORMATS: dict[str, str] = {"docx": "Word (.docx)", "pdf": "PDF (.pdf)"}
MIME: dict[str, str] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def build(
    db: Database, report: str, year: Any, kind: Any, party_code: str | None = None, on: dt.date | None = None
) -> Document:
    """The document of `report` (a key of REPORTS) for `year` and `kind`, optionally for one party; `on` is the
    date signals are taken on (default today)."""
    if report == "paragraaf":
        return paragraaf(db, year, kind, party_code, on)
    if report == "weerstand":
        return paragraaf_weerstand(db, year, kind)
    if report == "kernbeeld":
        return kernbeeld(db, year, kind, party_code, on)
    raise ValidationError([FieldError("report", "Rapportage", f"kies uit {', '.join(REPORTS)}")], "Rapportage")


def render(document: Document, fmt: str) -> bytes:
    """The document as a DOCX or PDF file."""
    if fmt == "docx":
        return word.render(document)
    if fmt == "pdf":
        return pdf.render(document)
    raise ValueError(f"unknown format {fmt!r}")


__all__ = [
    "Bullets",
    "Fact",
    "Facts",
    "Heading",
    "Image",
    "Table",
    "Text",
    "FORMATS",
    "KINDS",
    "MIME",
    "MISSING",
    "REPORTS",
    "build",
    "NOT_APPLICABLE",
    "Document",
    "check_request",
    "collect",
    "paragraaf",
    "paragraaf_weerstand",
    "kernbeeld",
    "render",
]
