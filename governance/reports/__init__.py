"""The reports family: the documents that leave the building — the paragraaf verbonden partijen (BBV art. 15),
the weerstandsvermogen part of the paragraaf weerstandsvermogen (art. 11) and the kernbeeld per party. Each
report is built as a plain `Document` (data in, model out); `render` turns it into DOCX or PDF."""

from __future__ import annotations

from governance.reports import pdf, word
from governance.reports.model import MISSING, NOT_APPLICABLE, Document
from governance.reports.paragraaf import KINDS, check_request, collect, paragraaf

FORMATS: dict[str, str] = {"docx": "Word (.docx)", "pdf": "PDF (.pdf)"}
MIME: dict[str, str] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def render(document: Document, fmt: str) -> bytes:
    """The document as a DOCX or PDF file."""
    if fmt == "docx":
        return word.render(document)
    if fmt == "pdf":
        return pdf.render(document)
    raise ValueError(f"unknown format {fmt!r}")


__all__ = [
    "FORMATS",
    "KINDS",
    "MIME",
    "MISSING",
    "NOT_APPLICABLE",
    "Document",
    "check_request",
    "collect",
    "paragraaf",
    "render",
]
