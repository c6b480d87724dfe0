"""`python -m governance`: the jobs that need no browser. Scripts depend on the commands and exit codes.

Exit codes: 0 ok; 1 findings, or the input did not pass validation; 2 usage error;
3 the database cannot be used (for example: the running app holds its lock).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import sys
from collections.abc import Callable, Sequence

from governance import bbv, demo, formatting, labels, overview, roles, rolesignals
from governance.db import ENV_VAR, Database, open_database, to_jsonable
from governance.errors import DatabaseLockedError, DomainError, StorageError, ValidationError

OK, FINDINGS, USAGE, UNAVAILABLE = 0, 1, 2, 3


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
        help="ontbrekende BBV-gegevens (art. 15) per partij, of met --roles de rolsignalen",
        description="Controleert per verbonden partij of de gegevens die art. 15 lid 2 BBV vraagt er zijn "
        "voor het gekozen jaar (--year), en/of met --roles de rolsignalen (dubbele petten, ontbrekende "
        "vertegenwoordigers, aflopende termijnen, te veel organen, portefeuilles). Exitcode 1 als er iets "
        "ontbreekt of er een niet-geaccepteerd rolsignaal is.",
    )
    check.add_argument("--year", type=int, metavar="JJJJ", help="het jaar (bijv. 2025); verplicht zonder --roles")
    check.add_argument("--json", action="store_true", help="uitvoer als JSON")
    # role signals (issue 6)
    check.add_argument("--roles", action="store_true", help="rolsignalen controleren in plaats van (of naast) BBV")
    check.add_argument(
        "--date", metavar="JJJJ-MM-DD", help="peildatum van de rolsignalen (standaard: vandaag); alleen met --roles"
    )
    check.set_defaults(run=cmd_check)

    bench = sub.add_parser(
        "bench",
        help="snelheid meten (mediaan en verhouding), in tijdelijke databases",
        description="Meet hoe lang onderdelen duren op de demo en op grotere, verzonnen gegevens. Gebruikt "
        "tijdelijke databases; de gewone database wordt niet geopend.",
    )
    bench_sub = bench.add_subparsers(dest="what", metavar="ONDERDEEL", required=True)
    bench_roles = bench_sub.add_parser(
        "roles", help="rolsignalen, rollenkaart en matrix", description="Rolsignalen, rollenkaart en matrix."
    )
    bench_roles.add_argument(
        "--sizes", default="100,300,1000", help="aantallen partijen van de verzonnen gegevens (standaard 100,300,1000)"
    )
    bench_roles.add_argument("--runs", type=int, default=5, help="herhalingen per meting (standaard 5)")
    bench_roles.set_defaults(run=cmd_bench_roles, needs_db=False)
    return parser


def cmd_bench_roles(db: Database | None, args: argparse.Namespace) -> int:
    from governance import bench_roles  # only loaded for the benchmark

    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        print(f"Fout: --sizes '{args.sizes}' is geen lijst van getallen, bijvoorbeeld 100,300.", file=sys.stderr)
        return USAGE
    return bench_roles.main(sizes, max(1, args.runs))


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
    if not args.roles and args.year is None:
        print("Fout: geef --year JJJJ (BBV-controle) of --roles (rolsignalen), of beide.", file=sys.stderr)
        return USAGE
    if args.date is not None and not args.roles:
        print("Fout: --date hoort bij --roles.", file=sys.stderr)
        return USAGE
    day = None
    if args.date is not None:
        try:
            day = dt.date.fromisoformat(args.date)
        except ValueError:
            print(f"Fout: --date '{args.date}' is geen datum; gebruik JJJJ-MM-DD.", file=sys.stderr)
            return USAGE
    if not args.roles:
        return _check_bbv(db, args.year, args.json)
    if args.year is None:
        return _check_roles(db, day, args.json)
    if args.json:  # both: one JSON document with both parts
        with contextlib.redirect_stdout(io.StringIO()) as bbv_out:
            bbv_code = _check_bbv(db, args.year, True)
        with contextlib.redirect_stdout(io.StringIO()) as roles_out:
            roles_code = _check_roles(db, day, True)
        both = {"bbv": json.loads(bbv_out.getvalue()), "roles": json.loads(roles_out.getvalue())}
        print(json.dumps(both, indent=2, ensure_ascii=False))
        return max(bbv_code, roles_code)
    return max(_check_bbv(db, args.year, False), _check_roles(db, day, False))


def _check_roles(db: Database, day: dt.date | None, as_json: bool) -> int:
    """The role signals on `day` (default today); exit 1 when any is not accepted."""
    on = day or dt.date.today()
    found = rolesignals.signals(db, on)
    open_ = found[~found["acknowledged"]]
    if as_json:
        settings = roles.settings(db)
        out = {
            "date": on.isoformat(),
            "signals": len(found),
            "open": len(open_),
            "acknowledged": int(found["acknowledged"].sum()),
            "settings": {"max_bodies": settings.max_bodies, "term_horizon_days": settings.horizon_days},
            "items": [
                {
                    "key": r["key"],
                    "rule": r["rule"],
                    "title": r["title"],
                    "rule_text": rolesignals.rule_text(r["rule"], settings),
                    "text": r["text"],
                    "person": _text(r["person_code"]),
                    "party": _text(r["party_code"]),
                    "acknowledged": bool(r["acknowledged"]),
                    "reason": r["ack_reason"],
                    "acknowledged_by": r["ack_by"],
                    "acknowledged_at": to_jsonable(r["ack_at"]) if r["acknowledged"] else None,
                }
                for r in found.to_dict("records")
            ],
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        print(f"Rolsignalen op {formatting.date(on)}: {len(open_)} open, {len(found) - len(open_)} geaccepteerd.")
        for r in found.to_dict("records"):
            mark = "geaccepteerd" if r["acknowledged"] else "open"
            print(f"- [{mark}] {r['title']}: {r['text']}")
            if r["acknowledged"]:
                print(f"    reden: {r['ack_reason']} ({r['ack_by']})")
    return FINDINGS if len(open_) else OK


def _text(value: object) -> str | None:
    """A text cell, or None where the DataFrame holds a missing value (NaN must not reach JSON)."""
    return value if isinstance(value, str) else None


def _check_bbv(db: Database, year: int, as_json: bool) -> int:
    table = bbv.gaps(db, year)
    incomplete = table[~table["complete"]]
    if as_json:
        out = {
            "year": year,
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
        print(f"BBV art. 15 — {year}: {len(incomplete)} van {len(table)} verbonden partijen onvolledig.")
        for r in incomplete.to_dict("records"):
            source = r["source"] if isinstance(r["source"], str) else f"geen cijfers voor {year}"
            print(f"- {r['name']} ({source}): ontbreekt {r['missing_text'].lower()}")
    return FINDINGS if len(incomplete) else OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[Database, argparse.Namespace], int] = args.run
    try:
        if not getattr(args, "needs_db", True):  # e.g. bench: works in temporary databases
            return run(None, args)  # type: ignore[arg-type]
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
