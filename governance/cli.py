"""`python -m governance`: the jobs that need no browser. Scripts depend on the commands and exit codes.

Exit codes: 0 ok; 1 findings, or the input did not pass validation; 2 usage error;
3 the database cannot be used (for example: the running app holds its lock).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence

import pandas as pd

from governance import bbv, demo, labels, overview, riskexport, riskmatrix, risks
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
        help="ontbrekende BBV-gegevens (art. 15) per partij",
        description="Controleert per verbonden partij of de gegevens die art. 15 lid 2 BBV vraagt er zijn "
        "voor het gekozen jaar. Exitcode 1 als er iets ontbreekt.",
    )
    check.add_argument("--year", type=int, required=True, metavar="JJJJ", help="het jaar (bijv. 2025)")
    check.add_argument("--json", action="store_true", help="uitvoer als JSON")
    check.set_defaults(run=cmd_check)

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

    bench = sub.add_parser(
        "bench",
        help="snelheid meten (medianen en verhoudingen)",
        description="Meet hoe lang het werk van een pagina duurt bij een groeiende hoeveelheid gegevens, in een "
        "tijdelijke database. Drukt medianen en verhoudingen af; gebruikt de eigen database niet.",
    )
    bench_sub = bench.add_subparsers(dest="what", metavar="WAT", required=True)
    bench_risks = bench_sub.add_parser("risks", help="de pagina Risico's bij 100 tot duizenden risico's")
    bench_risks.add_argument("--sizes", default="100,1000,5000", help="aantallen risico's, kommagescheiden")
    bench_risks.add_argument("--repeats", type=int, default=5, help="herhalingen per stap (mediaan)")
    bench_risks.set_defaults(run=cmd_bench_risks, no_db=True)
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[Database, argparse.Namespace], int] = args.run
    try:
        if getattr(args, "no_db", False):  # benchmarks build their own temporary databases
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
