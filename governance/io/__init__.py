"""The io family: the spreadsheet layout (sheets, columns, keys), reading uploads into tables, exporting to
Excel and CSV, and the all-or-nothing import with its preview."""

from governance.io.cells import ACTIONS, ADD, CHANGE, QUERIES, XLSX_MIME
from governance.io.exporting import UsageError, csv_bytes, export, workbook_bytes, zip_bytes
from governance.io.importing import import_file, preview, problem_lines
from governance.io.parse import MAX_BYTES, too_big
from governance.io.plan import ImportPlan, ImportRejected, ImportStale, Problem
from governance.io.sheets import EXPORT_ORDER, PARTIES, find, slugs

__all__ = [
    "ACTIONS",
    "ADD",
    "CHANGE",
    "EXPORT_ORDER",
    "ImportPlan",
    "ImportRejected",
    "ImportStale",
    "MAX_BYTES",
    "PARTIES",
    "Problem",
    "QUERIES",
    "UsageError",
    "XLSX_MIME",
    "csv_bytes",
    "export",
    "find",
    "import_file",
    "preview",
    "problem_lines",
    "slugs",
    "too_big",
    "workbook_bytes",
    "zip_bytes",
]
