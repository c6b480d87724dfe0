"""`python -m governance`: the jobs that need no browser. Scripts depend on the commands and exit codes.

Exit codes: 0 ok; 1 findings, or the input did not pass validation; 2 usage error;
3 the database cannot be used (for example: the running app holds its lock). One module per command family;
the benchmarks live in `governance.cli.bench`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from governance.cli import bench, national, register, reports, risks, users, weerstand
from governance.cli import calendar as pc_calendar
from governance.cli.common import FINDINGS, OK, UNAVAILABLE, USAGE, db_option
from governance.core.db import Database, open_database
from governance.core.errors import DatabaseLockedError, DomainError, StorageError, ValidationError

__all__ = ["FINDINGS", "OK", "UNAVAILABLE", "USAGE", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    shared = db_option()
    parser = argparse.ArgumentParser(
        prog="python -m governance",
        description="Verbonden Partijen Dashboard: beheer zonder browser.",
        epilog="Exitcodes: 0 in orde, 1 bevindingen of ongeldige invoer, 2 verkeerd gebruik, "
        "3 database niet beschikbaar (bijvoorbeeld in gebruik door de app).",
        parents=[shared],
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMANDO", required=True)
    register.add(sub, shared)
    bench.add(sub)
    national.add(sub, shared)
    risks.add(sub, shared)
    weerstand.add(sub, shared)
    users.add(sub, shared)
    reports.add(sub, shared)
    pc_calendar.add(sub, shared)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[Database, argparse.Namespace], int] = args.run
    try:
        if not getattr(args, "needs_db", True):  # e.g. bench: works in temporary databases
            return run(None, args)  # type: ignore[arg-type]
        db = open_database(getattr(args, "db", None))
        return run(db, args)
    except (DatabaseLockedError, StorageError) as exc:  # DatabaseLockedError first: it is also a DomainError
        print(f"Fout: {exc}", file=sys.stderr)
        return UNAVAILABLE
    except ValidationError as exc:
        print(f"Ongeldige invoer: {exc}", file=sys.stderr)
        return FINDINGS
    except DomainError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return FINDINGS
    except BrokenPipeError:  # output piped into `head` and closed early: not an error
        sys.stderr.close()
        return OK
