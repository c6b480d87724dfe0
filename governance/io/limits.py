"""How much an uploaded file may hold, and the refusal that says so in Dutch.

A small file can unpack or expand to something huge (a zip bomb, one row of millions of cells, an XML entity
bomb), so the readers count while they stream and stop at the first limit instead of building everything and
checking afterwards. The limits sit far above a real register (a gemeente has tens to hundreds of parties).
"""

from __future__ import annotations

from governance.core.errors import DomainError

MAX_BYTES = 10 * 1024 * 1024  # largest file accepted for import (10 MB); the upload limit of the app too
MAX_UNPACKED = 64 * 1024 * 1024  # everything in a zip or .xlsx together, unpacked
MAX_CSV_UNPACKED = 32 * 1024 * 1024  # one CSV file inside a zip, unpacked (it is decoded whole)
MAX_MEMBERS = 200  # files inside a zip or .xlsx
MAX_RATIO = 200  # a member larger than RATIO_FROM bytes may unpack to at most this many times its packed size
RATIO_FROM = 1024 * 1024
MAX_ROWS = 100_000  # per sheet or CSV file
MAX_COLUMNS = 1_000  # cells in one row, and the highest column
MAX_CELLS = 1_000_000  # cells in the whole file
MAX_SHARED_STRINGS = 200_000  # entries in a workbook's table of texts
MAX_SHARED_CHARS = 20_000_000  # characters in that table together
MAX_ELEMENTS = 3_000_000  # XML elements in the whole workbook
MAX_DEPTH = 32  # nesting of XML elements (a worksheet needs 7)
MAX_FIELD = 131_072  # characters in one CSV cell (Python's csv default)


class FileRejected(DomainError):
    """The file as a whole cannot be read (too large, not a spreadsheet, no data); nothing was imported."""


def number(n: int) -> str:
    """1000000 as '1.000.000', the Dutch way."""
    return f"{n:,}".replace(",", ".")


def megabytes(n: int) -> str:
    """'10 MB', '10,1 MB': rounded up to a tenth, so a file just over the limit never reads as equal to it."""
    tenths = -(-n * 10 // (1024 * 1024))
    return f"{tenths // 10} MB" if tenths % 10 == 0 else f"{tenths // 10},{tenths % 10} MB"


def too_complex(name: str) -> FileRejected:
    """For MemoryError and RecursionError: the file asked for more than the server gives one upload."""
    return FileRejected(
        f"Het bestand '{name}' is te groot of te ingewikkeld om in te lezen; er is niets geïmporteerd. "
        "Sla het op als gewoon Excel-bestand (.xlsx) of CSV-bestand met alleen de gegevens."
    )
