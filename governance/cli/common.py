"""What every command shares: exit codes, argparse in Dutch, the --db option."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any

from governance.core.access import Actor, operator
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
    parent.add_argument(
        "--actor",
        default=argparse.SUPPRESS,
        metavar="NAAM",
        help="uw naam in het logboek (standaard: uw gebruikersnaam op deze computer); het logboek vermeldt "
        "dat de wijziging van de opdrachtregel kwam",
    )
    return parent


def text_or_none(value: object) -> str | None:
    """A text cell, or None where the DataFrame holds a missing value (NaN must not reach JSON)."""
    return value if isinstance(value, str) else None


Option = tuple[str, dict[str, Any]]  # the flag(s), space-separated, and argparse's keywords


def flag(names: str, help: str) -> Option:
    """An on/off option (`--demo`)."""
    return names, {"action": "store_true", "help": help}


def opt(names: str, help: str, **keywords: Any) -> Option:
    """An option or positional argument with a value."""
    return names, {"help": help, **keywords}


JSON = flag("--json", "uitvoer als JSON")


def command(
    sub: argparse._SubParsersAction,
    name: str,
    run: Callable[..., int],
    help: str,
    description: str | None = None,
    options: Sequence[Option] = (),
    db_option: argparse.ArgumentParser | None = None,
) -> argparse.ArgumentParser:
    """One subcommand: its help, its options and the function that runs it. Without `db_option` the command
    opens no database (it works on files or temporary databases)."""
    parser = sub.add_parser(name, parents=[db_option] if db_option else [], help=help, description=description or help)
    for names, keywords in options:
        parser.add_argument(*names.split(), **keywords)
    parser.set_defaults(run=run, needs_db=db_option is not None)
    return parser


def sizes(text: str) -> list[int] | None:
    """A comma-separated list of whole numbers (`--sizes 100,300`), or None when it is not one."""
    try:
        found = [int(s) for s in text.split(",") if s.strip()]
    except ValueError:
        return None
    return found or None


def actor(args: argparse.Namespace) -> Actor:
    """Who writes from the command line: the named local operator (--actor, default the OS user)."""
    return operator(getattr(args, "actor", None))


def to_text(value: object) -> object:
    """A DataFrame value as JSON can take it: missing values (NaN, NaT) become None."""
    try:
        if value != value:  # NaN
            return None
    except (TypeError, ValueError):
        return value
    if type(value).__name__ == "NaTType":
        return None
    return value
