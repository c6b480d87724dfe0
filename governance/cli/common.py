"""What every command shares: exit codes, argparse in Dutch, the --db option."""

from __future__ import annotations

import argparse

from governance.core.db import ENV_VAR

OK, FINDINGS, USAGE, UNAVAILABLE = 0, 1, 2, 3

# argparse's own words in Dutch: usage errors are read by the same controllers as the rest.
_ARGPARSE_NL = {
    "usage: ": "gebruik: ",
    "options": "opties",
    "positional arguments": "argumenten",
    "show this help message and exit": "toon deze hulp en stop",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "expected one argument": "verwacht één waarde",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
}
argparse._ = lambda text: _ARGPARSE_NL.get(text, text)  # type: ignore[attr-defined]


def db_option() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        help=f"DuckDB-bestand (standaard: ${ENV_VAR} of data/verbonden.duckdb)",
    )
    return parent


def text_or_none(value: object) -> str | None:
    """A text cell, or None where the DataFrame holds a missing value (NaN must not reach JSON)."""
    return value if isinstance(value, str) else None
