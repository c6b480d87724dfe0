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
from pathlib import Path

import pandas as pd

from governance import (
    bbv,
    demo,
    formatting,
    labels,
    national,
    overview,
    riskexport,
    riskmatrix,
    risks,
    roles,
    rolesignals,
    weerstand,
)
from governance import bench as benchmarks
from governance.db import ENV_VAR, Database, open_database, to_jsonable
from governance.errors import DatabaseLockedError, DomainError, StorageError, ValidationError
from governance.io import national as nio
from governance.io import parse, sheets, spreadsheet

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
    init.add_argument(
        "--organisation",
        metavar="CODE",
        help="vul het register met de regelingen in werking van deze gemeente, provincie of waterschap "
        "(code uit het landelijk register, bijv. gm0654; hoofdletters mogen)",
    )
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

    # -- Excel and CSV (issue 3): export, import with preview, benchmarks ---------------------------------
    export = sub.add_parser(
        "export",
        parents=[db_option],
        help="alle gegevens naar Excel (.xlsx) of CSV (.csv per soort, .zip met alles)",
        description="Schrijft het register naar FILE.xlsx (een tabblad per soort gegevens plus een toelichting), "
        "naar FILE.zip (een CSV-bestand per soort) of naar FILE.csv (één soort, kies met --entity). "
        "CSV: puntkomma, decimale komma, datums dd-mm-jjjj, UTF-8 met BOM.",
    )
    export.add_argument("file", metavar="FILE", help="doelbestand: .xlsx, .zip of .csv")
    export.add_argument("--entity", metavar="SOORT", help=f"bij .csv: {', '.join(sheets.slugs())}")
    export.set_defaults(run=cmd_export)

    imp = sub.add_parser(
        "import",
        parents=[db_option],
        help="gegevens uit Excel of CSV inlezen (eerst een voorbeeld, daarna alles of niets)",
        description="Leest FILE (.xlsx, .csv of een .zip met CSV-bestanden, zoals export ze schrijft). Rijen "
        "met een bestaande code worden bijgewerkt, nieuwe rijen toegevoegd; er wordt niets verwijderd. Bij een "
        "fout wordt niets opgeslagen en is de exitcode 1.",
    )
    imp.add_argument("file", metavar="FILE", help="bronbestand: .xlsx, .csv of .zip")
    imp.add_argument("--dry-run", action="store_true", help="alleen laten zien wat er zou gebeuren")
    imp.add_argument("--entity", metavar="SOORT", help=f"bij één CSV-bestand: {', '.join(sheets.slugs())}")
    imp.add_argument("-v", "--verbose", action="store_true", help="ook elke nieuwe rij tonen")
    imp.add_argument("--actor", default="opdrachtregel", help="naam in het logboek (standaard: opdrachtregel)")
    imp.set_defaults(run=cmd_import)

    bench = sub.add_parser("bench", help="snelheid meten (medianen)", description="Meet hoe lang iets duurt.")
    bench_sub = bench.add_subparsers(dest="bench", metavar="WAT", required=True)
    for name, (text, _) in benchmarks.BENCHES.items():
        item = bench_sub.add_parser(name, help=text, description=text)
        item.add_argument("--runs", type=int, default=5, help="aantal herhalingen (standaard 5)")
        item.set_defaults(run=cmd_bench, needs_db=False)
    add_national_commands(sub, db_option, bench_sub)
    ws = bench_sub.add_parser(
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
    bench_roles = bench_sub.add_parser(
        "roles", help="rolsignalen, rollenkaart en matrix", description="Rolsignalen, rollenkaart en matrix."
    )
    bench_roles.add_argument(
        "--sizes", default="100,300,1000", help="aantallen partijen van de verzonnen gegevens (standaard 100,300,1000)"
    )
    bench_roles.add_argument("--runs", type=int, default=5, help="herhalingen per meting (standaard 5)")
    bench_roles.set_defaults(run=cmd_bench_roles, needs_db=False)
    bench_risks = bench_sub.add_parser("risks", help="de pagina Risico's bij 100 tot duizenden risico's")
    bench_risks.add_argument("--sizes", default="100,1000,5000", help="aantallen risico's, kommagescheiden")
    bench_risks.add_argument("--repeats", type=int, default=5, help="herhalingen per stap (mediaan)")
    bench_risks.set_defaults(run=cmd_bench_risks, needs_db=False)

    risk = sub.add_parser(
        "risks",
        parents=[db_option],
        help="risicoregister: risico's per niveau en achterstallige herzieningen",
        description="Toont de lopende risico's (niet vervallen) per netto risiconiveau volgens de ingestelde "
        "risicomatrix, en de risico's waarvan de herzieningsdatum is verstreken. Met --overdue alleen die, "
        "met exitcode 1 als er zijn.",
    )
    risk.add_argument("--overdue", action="store_true", help="alleen risico's met een achterstallige herziening")
    risk.add_argument("--json", action="store_true", help="uitvoer als JSON")
    risk.add_argument("--excel", metavar="BESTAND", help="schrijf ook het risicoregister en de matrices naar Excel")
    risk.set_defaults(run=cmd_risks)

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

    bsim = bench_sub.add_parser(
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
    bsim.set_defaults(run=cmd_bench_simulate, needs_db=False)
    return parser


def add_national_commands(
    sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser, bench_sub: argparse._SubParsersAction
) -> None:
    """import-register, build-snapshot and bench import-register (the national register, ROO)."""
    gemeenten_help = (
        f"CSV met gemeentecode, provincie en inwonertal (standaard: {nio.GEMEENTEN_FILE.name} in data/national)"
    )
    imp = sub.add_parser(
        "import-register",
        parents=[db_option],
        help="landelijk register (ROO) inlezen en het eigen register bijwerken",
        description="Leest het landelijk register van gemeenschappelijke regelingen (ROO via Polder: de .tar.gz, de "
        "uitgepakte map of een momentopname .json.gz) in de database. Heeft de database al een organisatie, dan "
        "wordt haar register bijgewerkt: wat de gemeente zelf invoerde of wijzigde blijft staan, beëindigde "
        "regelingen worden gemarkeerd, niet verwijderd. Alles in één transactie.",
    )
    imp.add_argument("path", metavar="PAD", help="roo-polder-JJJJ-MM-DD.tar.gz, de uitgepakte map, of een .json.gz")
    imp.add_argument("--gemeenten", metavar="CSV", help=gemeenten_help)
    imp.add_argument("--json", action="store_true", help="uitvoer als JSON")
    imp.set_defaults(run=cmd_import_register)

    snap = sub.add_parser(
        "build-snapshot",
        help="compacte momentopname van het landelijk register maken (data/national)",
        description="Maakt uit het landelijk register de momentopname die met de app wordt meegeleverd, zodat een "
        "nieuwe installatie zonder internet een organisatie kan kiezen.",
    )
    snap.add_argument("path", metavar="PAD", help="roo-polder-JJJJ-MM-DD.tar.gz of de uitgepakte map")
    snap.add_argument("--gemeenten", metavar="CSV", help=gemeenten_help)
    snap.add_argument("--out", metavar="BESTAND", default=str(nio.SNAPSHOT_FILE), help="doelbestand (.json.gz)")
    snap.set_defaults(run=cmd_build_snapshot, needs_db=False)

    reg = bench_sub.add_parser(
        "import-register",
        help="het hele landelijk register inlezen: tijd (mediaan) en piekgeheugen",
        description="Leest het hele landelijk register in een nieuwe tijdelijke database en vult het register van "
        "een organisatie; drukt de mediaan van de tijden en het piekgeheugen af.",
    )
    reg.add_argument("--source", metavar="PAD", help="de .tar.gz of map (standaard: ../shared/data/national-register)")
    reg.add_argument("--runs", type=int, default=3, help="aantal herhalingen (standaard 3)")
    reg.add_argument("--organisation", metavar="CODE", default="gm0599", help="organisatie om te kiezen (gm0599)")
    reg.set_defaults(run=cmd_bench_import_register, needs_db=False)


def cmd_bench_roles(db: Database | None, args: argparse.Namespace) -> int:
    from governance import bench_roles  # only loaded for the benchmark

    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        print(f"Fout: --sizes '{args.sizes}' is geen lijst van getallen, bijvoorbeeld 100,300.", file=sys.stderr)
        return USAGE
    return bench_roles.main(sizes, max(1, args.runs))


def cmd_init(db: Database, args: argparse.Namespace) -> int:
    if args.demo and args.organisation:
        print("Kies --demo of --organisation, niet allebei.", file=sys.stderr)
        return USAGE
    applied = db.migrations_applied
    print(f"Database {db.path}: schema bijgewerkt ({', '.join(applied) or 'was al actueel'}).")
    if args.organisation:
        report = national.adopt(db, args.organisation, national.CLI_ACTOR)
        print("\n".join(report.lines()))
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


def cmd_export(db: Database, args: argparse.Namespace) -> int:
    try:
        print("Geëxporteerd naar " + spreadsheet.export(db, Path(args.file), args.entity))
    except spreadsheet.UsageError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return USAGE
    return OK


def cmd_import(db: Database, args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"Fout: het bestand {path} bestaat niet.", file=sys.stderr)
        return USAGE
    size = path.stat().st_size
    if size > parse.MAX_BYTES:  # refused before reading a huge file into memory
        print(parse.too_big(path.name, size), file=sys.stderr)
        print("Er is niets geïmporteerd; de database is ongewijzigd.", file=sys.stderr)
        return FINDINGS
    data = path.read_bytes()
    preview = spreadsheet.preview(db, data, path.name, args.entity)
    _print_plan(preview, args.verbose)
    if not preview.ok:
        for line in spreadsheet.problem_lines(preview.problems):
            print(line, file=sys.stderr)
        print("Er is niets geïmporteerd; de database is ongewijzigd.", file=sys.stderr)
        return FINDINGS
    if args.dry_run:
        print(f"Proefimport ({preview.summary()}): er is niets gewijzigd.")
        return OK
    try:
        done = spreadsheet.import_file(db, data, path.name, args.actor, args.entity)
    except spreadsheet.ImportRejected as exc:  # the database changed between preview and import
        for line in spreadsheet.problem_lines(exc.plan.problems):
            print(line, file=sys.stderr)
        print("Er is niets geïmporteerd; de database is ongewijzigd.", file=sys.stderr)
        return FINDINGS
    print(f"Geïmporteerd uit {path.name}: {done.summary()}.")
    return OK


def _print_plan(preview: spreadsheet.ImportPlan, verbose: bool) -> None:
    """The counts per sheet, then every change (and with --verbose every new row); problems go to stderr."""
    counts = preview.counts()
    if counts:
        print(f"{'Tabblad':<22}" + "".join(f"{a:>13}" for a in spreadsheet.ACTIONS.values()))
        for row in counts:
            print(f"{row['Tabblad']:<22}" + "".join(f"{row[a]:>13}" for a in spreadsheet.ACTIONS.values()))
    for row in preview.details():
        if row["Actie"] == spreadsheet.ACTIONS[spreadsheet.CHANGE]:
            print(
                f"- {row['Tabblad']}, rij {row['Rij']} ({row['Sleutel']}): {row['Kolom']} {row['Nu']} → {row['Wordt']}"
            )
        elif verbose:
            print(f"- {row['Tabblad']}, rij {row['Rij']} ({row['Sleutel']}): {row['Wordt']}")


def cmd_bench(db: Database | None, args: argparse.Namespace) -> int:
    _, run = benchmarks.BENCHES[args.bench]
    for line in run(args.runs):
        print(line)
    return OK


def _gemeenten(args: argparse.Namespace) -> Path:
    return Path(args.gemeenten) if args.gemeenten else nio.GEMEENTEN_FILE


def cmd_import_register(db: Database, args: argparse.Namespace) -> int:
    reg = nio.read(args.path, gemeenten=_gemeenten(args))
    _, report = national.import_register(db, reg, national.CLI_ACTOR)
    if args.json:
        out = {
            "register": {**reg.meta, "counts": reg.counts(), "problems": dict(reg.problems)},
            "organisation": None
            if report is None
            else {
                **report.organisation,
                "in_force": report.in_force,
                "counts": report.counts(),
                "findings": [{"kind": f.kind, "regeling": f.regeling, "detail": f.detail} for f in report.findings],
            },
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return OK
    print("\n".join(reg.lines()))
    if report is None:
        print("Nog geen organisatie gekozen: gebruik 'init --organisation CODE' of de pagina Kies uw organisatie.")
    else:
        print("\n".join(report.lines()))
    return OK


def cmd_build_snapshot(_db: Database | None, args: argparse.Namespace) -> int:
    reg = nio.read(args.path, gemeenten=_gemeenten(args))
    out = nio.write_snapshot(reg, Path(args.out))
    print("\n".join(reg.lines()))
    print(f"Momentopname geschreven: {out} ({out.stat().st_size / 1024:.0f} kB)")
    return OK


def cmd_bench_import_register(_db: Database | None, args: argparse.Namespace) -> int:
    from governance import bench_national

    return bench_national.run(args.source, args.runs, args.organisation)


def cmd_bench_workshop(_db: Database | None, args: argparse.Namespace) -> int:
    """Runs the load script in its own process: it speaks Streamlit's protocol, and governance never
    imports streamlit."""
    import subprocess
    from pathlib import Path

    script = Path(__file__).resolve().parent.parent / "tests" / "load" / "workshop.py"
    options = ["--participants", args.participants, "--items", args.items]
    options += ["--think-min", args.think_min, "--think-max", args.think_max]
    return subprocess.call([sys.executable, str(script), *map(str, options)])


def _risk_json(r: dict, matrix: riskmatrix.Matrix, today: dt.date) -> dict:
    def cell(kind: str) -> dict:
        li, im = r[f"{kind}_likelihood"], r[f"{kind}_impact"]
        if pd.isna(li) or pd.isna(im):
            return {"likelihood": None, "impact": None, "level": None}
        return {"likelihood": int(li), "impact": int(im), "level": matrix.level(int(li), int(im))}

    review = None if pd.isna(r["next_review"]) else pd.Timestamp(r["next_review"]).date()
    return {
        "id": int(r["id"]),
        "party": None if pd.isna(r["party_code"]) else r["party_code"],
        "party_name": r["party_name"],
        "category": r["category"],
        "title": r["title"],
        "gross": cell("gross"),
        "net": cell("net"),
        "owner": None if pd.isna(r["owner"]) else r["owner"],
        "status": r["status"],
        "next_review": review.isoformat() if review else None,
        "overdue": bool(review and r["status"] != "vervallen" and review < today),
    }


def cmd_risks(db: Database, args: argparse.Namespace) -> int:
    today = dt.date.today()
    matrix = riskmatrix.get_matrix(db)
    table = risks.risk_table(db)
    live = risks.filter_risks(table, statuses=risks.DEFAULT_STATUSES)
    late = risks.overdue(table, today)
    if args.excel:
        with open(args.excel, "wb") as out:
            out.write(riskexport.register_workbook(live, matrix, risks.all_measures(db), today, "lopende risico's"))
    if args.json:
        rows = late if args.overdue else live
        out = {
            "date": today.isoformat(),
            "matrix": matrix.size_text,
            "count": len(rows),
            "overdue": len(late),
            "risks": [_risk_json(r, matrix, today) for r in rows.to_dict("records")],
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return FINDINGS if args.overdue and len(late) else OK
    if not args.overdue:
        counts = dict.fromkeys(riskmatrix.LEVEL_CODES, 0)
        unscored = 0
        for li, im in zip(live["net_likelihood"], live["net_impact"], strict=True):
            if pd.isna(li) or pd.isna(im):
                unscored += 1
            else:
                counts[matrix.level(int(li), int(im))] += 1
        print(f"Risicoregister ({today:%d-%m-%Y}): {len(live)} lopende risico's, risicomatrix {matrix.size_text}.")
        print("Netto per niveau: " + ", ".join(f"{matrix.level_labels[c].lower()} {n}" for c, n in counts.items()))
        if unscored:
            print(f"Zonder netto score: {unscored}")
    print(f"Herziening achterstallig: {len(late)}")
    for r in late.to_dict("records"):
        when = pd.Timestamp(r["next_review"]).strftime("%d-%m-%Y")
        print(f"- {r['party_name']}: {r['title']} (herziening {when}, {r['days_late']} dagen te laat)")
    if args.excel:
        print(f"Excel geschreven: {args.excel}")
    return FINDINGS if args.overdue and len(late) else OK


def cmd_bench_risks(db: Database | None, args: argparse.Namespace) -> int:
    from governance import bench_risks

    try:
        sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    except ValueError:
        print(f"Fout: --sizes moet een lijst van gehele getallen zijn, niet '{args.sizes}'.", file=sys.stderr)
        return USAGE
    print(bench_risks.report(bench_risks.run(sizes, args.repeats)))
    return OK


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
