"""Weerstandsvermogen on the command line: `simulate`."""

from __future__ import annotations

import argparse
import json
import sys

from governance import weerstand
from governance.cli.common import JSON, OK, USAGE, command, flag, opt
from governance.core.db import Database, to_jsonable


def add(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    command(
        sub,
        "simulate",
        cmd_simulate,
        "benodigde weerstandscapaciteit: Monte Carlo over de financiële risico's",
        "Simuleert de financiële risico's van het register (kans × bedrag, PERT of driehoek) en drukt de "
        "zekerheidstabel af (70/80/90/95/99 %), de weerstandsratio en de klasse (NAR-tabel; geen oordeel als er "
        "niets benodigd is). Wat niet wordt opgegeven komt uit de instellingen (standaard 100.000 iteraties, 90 % "
        "zekerheid; een raadsnorm alleen als het raadsbesluit is vastgelegd).",
        [
            opt("--iterations", "aantal iteraties (standaard: instelling)", type=int, metavar="N"),
            opt("--seed", "startgetal; zelfde startgetal = zelfde uitkomst", type=int, metavar="S"),
            opt("--certainty", "zekerheidsniveau in %% (standaard: instelling)", type=float, metavar="PCT"),
            opt("--scope", "partijen of alle (standaard)", choices=list(weerstand.SCOPES), default="alle"),
            opt("--year", "jaar van garanties en leningen (--exposures)", type=int, metavar="JJJJ"),
            opt("--distribution", "verdeling bij min/max", choices=list(weerstand.DISTRIBUTIONS)),
            flag("--exposures", "garanties en leningen als faalrisico meenemen"),
            JSON,
        ],
        db_option,
    )


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
    for line in weerstand.report_lines(outcome):
        print(line)
    return OK
