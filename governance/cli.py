"""`python -m governance`: the jobs that need no browser. Scripts depend on the commands and exit codes.

Exit codes: 0 ok; 1 findings, or the input did not pass validation; 2 usage error;
3 the database cannot be used (for example: the running app holds its lock).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence

from governance import bbv, demo, labels, overview, weerstand
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

    # -- weerstandsvermogen (issue 5): simulate, bench simulate ----------------------------------------------
    sim = sub.add_parser(
        "simulate",
        parents=[db_option],
        help="benodigde weerstandscapaciteit: Monte Carlo over de financiële risico's",
        description="Simuleert de financiële risico's van het register (kans × bedrag, PERT of driehoek) en drukt "
        "de zekerheidstabel af (70/80/90/95/99 %%), de weerstandsratio en de klasse (NAR-tabel). Wat niet wordt "
        "opgegeven komt uit de instellingen (standaard 100.000 iteraties, 90 %% zekerheid).",
    )
    sim.add_argument("--iterations", type=int, metavar="N", help="aantal iteraties (standaard: instelling)")
    sim.add_argument("--seed", type=int, metavar="S", help="startgetal; zelfde startgetal = zelfde uitkomst")
    sim.add_argument("--certainty", type=float, metavar="PCT", help="zekerheidsniveau in %% (standaard: raadsnorm)")
    sim.add_argument("--scope", choices=list(weerstand.SCOPES), default="alle", help="partijen of alle (standaard)")
    sim.add_argument("--year", type=int, metavar="JJJJ", help="jaar van garanties en leningen (--exposures)")
    sim.add_argument("--distribution", choices=list(weerstand.DISTRIBUTIONS), help="verdeling bij min/max")
    sim.add_argument("--exposures", action="store_true", help="garanties en leningen als faalrisico meenemen")
    sim.add_argument("--json", action="store_true", help="uitvoer als JSON")
    sim.set_defaults(run=cmd_simulate)

    bench = sub.choices.get("bench") or sub.add_parser(
        "bench", help="snelheid meten (medianen)", description="Meet hoe lang iets duurt."
    )
    which = next((a for a in bench._actions if isinstance(a, argparse._SubParsersAction)), None)
    which = which or bench.add_subparsers(dest="what", metavar="WAT", required=True)
    bsim = which.add_parser(
        "simulate",
        help="simulatie: 1.000 risico's × 100.000 iteraties tegen een Python-lus en pyfair",
        description="Meet de simulatie (mediaan van herhaalde runs, piekgeheugen) en dezelfde risico's door een "
        "gewone Python-lus per iteratie (op minder iteraties gemeten en lineair geschaald) en door pyfair.",
    )
    bsim.add_argument("--risks", type=int, default=1000, help="aantal risico's (standaard 1000)")
    bsim.add_argument("--iterations", type=int, default=100_000, help="aantal iteraties (standaard 100.000)")
    bsim.add_argument("--runs", type=int, default=5, help="herhalingen van de engine (standaard 5)")
    bsim.add_argument("--loop-iterations", type=int, default=1_000, help="iteraties voor de Python-lus (1.000)")
    bsim.add_argument(
        "--pyfair-iterations", type=int, help="iteraties voor pyfair (standaard: alle; minder wordt lineair geschaald)"
    )
    bsim.add_argument("--workers", type=int, help="threads voor de engine (standaard: kernen, hoogstens 4)")
    bsim.add_argument("--json", action="store_true", help="ook de cijfers als JSON")
    bsim.set_defaults(run=cmd_bench_simulate, needs_db=False, no_db=True)
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


def cmd_simulate(db: Database, args: argparse.Namespace) -> int:
    if args.iterations is not None and args.iterations < 1:
        print("Fout: --iterations moet minstens 1 zijn.", file=sys.stderr)
        return USAGE
    if args.certainty is not None and not 0 < args.certainty < 100:
        print("Fout: --certainty moet tussen 0 en 100 liggen (bijvoorbeeld 90).", file=sys.stderr)
        return USAGE
    if args.seed is not None and args.seed < 0:
        print("Fout: --seed mag niet negatief zijn.", file=sys.stderr)
        return USAGE
    outcome = weerstand.compute(
        db,
        scope=args.scope,
        year=args.year,
        certainty=args.certainty,
        include_exposures=args.exposures,
        iterations=args.iterations,
        seed=args.seed,
        distribution=args.distribution,
    )
    if args.json:
        data = outcome.summary()
        data["parties"] = [
            {"party": r["party_name"], "risks": int(r["risks"]), "contribution": round(float(r["contribution"]), 2)}
            for r in outcome.parties.to_dict("records")
        ]
        data["contributions"] = [
            {
                "key": r["key"],
                "title": r["title"],
                "party": r["party_name"],
                "probability_pct": float(r["probability_pct"]),
                "contribution": round(float(r["contribution"]), 2),
            }
            for r in outcome.lines.to_dict("records")
        ]
        data["not_simulated"] = outcome.skipped.to_dict("records")
        print(json.dumps(to_jsonable(data), indent=2, ensure_ascii=False, default=str))
        return OK
    for line in weerstand.report_lines(outcome, council=weerstand.simulation_settings(db)["certainty_pct"]):
        print(line)
    return OK


def cmd_bench_simulate(_db: Database | None, args: argparse.Namespace) -> int:
    from governance import bench_simulate

    figures = bench_simulate.run(
        risks=args.risks,
        iterations=args.iterations,
        runs=args.runs,
        loop_iterations=args.loop_iterations,
        pyfair_iterations=args.pyfair_iterations,
        workers=args.workers,
    )
    if args.json:
        print(json.dumps(figures, indent=2, default=str))
    return OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[Database, argparse.Namespace], int] = args.run
    try:
        needs_db = getattr(args, "needs_db", True) and not getattr(args, "no_db", False)
        db = open_database(getattr(args, "db", None)) if needs_db else None
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
