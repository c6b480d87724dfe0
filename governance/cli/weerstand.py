"""Weerstandsvermogen on the command line: `simulate`."""

from __future__ import annotations

import argparse
import json
import sys

from governance import weerstand
from governance.cli.common import OK, USAGE
from governance.core.db import Database, to_jsonable


def add(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
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
