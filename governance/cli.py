"""`python -m governance`: the jobs that need no browser. Scripts depend on the commands and exit codes.

Exit codes: 0 ok; 1 findings, or the input did not pass validation; 2 usage error;
3 the database cannot be used (for example: the running app holds its lock).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence

from governance import bbv, demo, labels, overview
from governance.db import ENV_VAR, Database, open_database, to_jsonable
from governance.errors import DatabaseLockedError, DomainError, StorageError, ValidationError

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


def _db_option() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        help=f"DuckDB-bestand (standaard: ${ENV_VAR} of data/verbonden.duckdb)",
    )
    return parent


def build_parser() -> argparse.ArgumentParser:
    db_option = _db_option()
    parser = argparse.ArgumentParser(
        prog="python -m governance",
        description="Verbonden Partijen Dashboard: beheer zonder browser.",
        epilog="Exitcodes: 0 in orde, 1 bevindingen of ongeldige invoer, 2 verkeerd gebruik, "
        "3 database niet beschikbaar (bijvoorbeeld in gebruik door de app).",
        parents=[db_option],
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMANDO", required=True)

    init = sub.add_parser(
        "init",
        parents=[db_option],
        help="database aanmaken of bijwerken (migraties)",
        description="Maakt de database aan of past ontbrekende migraties toe. Met --demo wordt een lege "
        "database gevuld met de fictieve Gemeente Voorbeeld.",
    )
    init.add_argument("--demo", action="store_true", help="laad de fictieve demogemeente in een lege database")
    init.set_defaults(run=cmd_init)

    summ = sub.add_parser(
        "summary",
        parents=[db_option],
        help="aantallen per entiteit, BBV-categorie en rechtsvorm",
        description="Telt de gegevens: per entiteit, per BBV-categorie, per rechtsvorm, en de jaren met cijfers.",
    )
    summ.add_argument("--json", action="store_true", help="uitvoer als JSON")
    summ.set_defaults(run=cmd_summary)

    check = sub.add_parser(
        "check",
        parents=[db_option],
        help="ontbrekende BBV-gegevens (art. 15) per partij",
        description="Controleert per verbonden partij of de gegevens die art. 15 lid 2 BBV vraagt er zijn "
        "voor het gekozen jaar. Exitcode 1 als er iets ontbreekt.",
    )
    check.add_argument("--year", type=int, required=True, metavar="JJJJ", help="het jaar (bijv. 2025)")
    check.add_argument("--json", action="store_true", help="uitvoer als JSON")
    check.set_defaults(run=cmd_check)

    # -- bench: measurements that print figures, never assert timings --------------------------------
    bench = sub.add_parser("bench", help="metingen (belasting, snelheid)", description="Metingen die cijfers printen.")
    what = bench.add_subparsers(dest="what", metavar="WAT", required=True)
    ws = what.add_parser(
        "workshop",
        help="werkatelier met N deelnemers tegelijk tegen een echte streamlit-server",
        description="Start `streamlit run` op een vrije poort tegen een tijdelijke demodatabase en laat N "
        "deelnemers tegelijk stemmen via het websocketprotocol van Streamlit; print verstuurde en "
        "opgeslagen stemmen en de vertraging tot de projector (zie tests/load/workshop.py).",
    )
    ws.add_argument("--participants", type=int, default=40, help="aantal deelnemers (standaard 40)")
    ws.add_argument("--items", type=int, default=5, help="aantal te scoren risico's (standaard 5)")
    ws.add_argument("--think-min", type=float, default=2.0, help="denktijd per stem, minimaal (s)")
    ws.add_argument("--think-max", type=float, default=6.0, help="denktijd per stem, maximaal (s)")
    ws.set_defaults(run=cmd_bench_workshop, needs_db=False)
    return parser


def cmd_init(db: Database, args: argparse.Namespace) -> int:
    applied = db.migrations_applied
    print(f"Database {db.path}: schema bijgewerkt ({', '.join(applied) or 'was al actueel'}).")
    if args.demo:
        if not demo.is_empty(db):
            print("Demo niet geladen: de database bevat al gegevens.", file=sys.stderr)
            return FINDINGS
        counts = demo.load(db)
        print("Demogemeente geladen (fictief): " + "; ".join(f"{labels.entity(k)}: {n}" for k, n in counts.items()))
    return OK


def cmd_summary(db: Database, args: argparse.Namespace) -> int:
    data = overview.summary(db)
    if args.json:
        print(json.dumps(to_jsonable(data), indent=2, ensure_ascii=False, default=str))
        return OK
    org = data["organisation"]
    print(f"Database: {data['database']}")
    print(f"Organisatie: {org['name'] if org else '(nog niet gekozen)'}")
    print("Aantallen:")
    for name, n in data["counts"].items():
        print(f"  {labels.ENTITIES.get(name, 'Gearchiveerde partijen'):<28} {n:>6}")
    print("Per BBV-categorie:")
    for code, n in data["per_bbv_category"].items():
        print(f"  {labels.BBV_CATEGORIES[code]:<40} {n:>4}")
    print("Per rechtsvorm:")
    for code, n in data["per_legal_form"].items():
        print(f"  {labels.LEGAL_FORMS[code]:<40} {n:>4}")
    years = data["years"]
    span = f"{years['first']}–{years['last']}" if years["first"] else "geen"
    print(f"Jaren met cijfers: {span} (jaarrekening: {years['jaarrekening']}, begroting: {years['begroting']})")
    return OK


def cmd_check(db: Database, args: argparse.Namespace) -> int:
    table = bbv.gaps(db, args.year)
    incomplete = table[~table["complete"]]
    if args.json:
        out = {
            "year": args.year,
            "parties": len(table),
            "incomplete": len(incomplete),
            "gaps": [
                {
                    "code": r["code"],
                    "name": r["name"],
                    "bbv_category": r["bbv_category"],
                    "figures_from": r["source"] if isinstance(r["source"], str) else None,
                    "missing": [
                        {"item": c, "label": bbv.ITEMS[c][0], "reference": bbv.ITEMS[c][1]} for c in r["missing"]
                    ],
                }
                for r in incomplete.to_dict("records")
            ],
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        print(f"BBV art. 15 — {args.year}: {len(incomplete)} van {len(table)} verbonden partijen onvolledig.")
        for r in incomplete.to_dict("records"):
            source = r["source"] if isinstance(r["source"], str) else f"geen cijfers voor {args.year}"
            print(f"- {r['name']} ({source}): ontbreekt {r['missing_text'].lower()}")
    return FINDINGS if len(incomplete) else OK


def cmd_bench_workshop(args: argparse.Namespace) -> int:
    """Runs the load script in its own process: it speaks Streamlit's protocol, and governance never
    imports streamlit."""
    import subprocess
    from pathlib import Path

    script = Path(__file__).resolve().parent.parent / "tests" / "load" / "workshop.py"
    options = ["--participants", args.participants, "--items", args.items]
    options += ["--think-min", args.think_min, "--think-max", args.think_max]
    return subprocess.call([sys.executable, str(script), *map(str, options)])


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[Database, argparse.Namespace], int] = args.run
    if getattr(args, "needs_db", True) is False:
        return args.run(args)
    try:
        db = open_database(getattr(args, "db", None))
        return run(db, args)
    except DatabaseLockedError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return UNAVAILABLE
    except StorageError as exc:
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
