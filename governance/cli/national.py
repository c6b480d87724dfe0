"""The national register (ROO): import-register and build-snapshot."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from governance import national
from governance.cli.common import JSON, OK, actor, command, opt
from governance.core.db import Database


def add(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    """import-register and build-snapshot."""
    gemeenten = opt(
        "--gemeenten",
        f"CSV met gemeentecode, provincie en inwonertal (standaard: {national.GEMEENTEN_FILE.name} in data/national)",
        metavar="CSV",
    )
    command(
        sub,
        "import-register",
        cmd_import_register,
        "landelijk register (ROO) inlezen en het eigen register bijwerken",
        "Leest het landelijk register van gemeenschappelijke regelingen (ROO via Polder: de .tar.gz, de uitgepakte "
        "map of een momentopname .json.gz) in de database. Heeft de database al een organisatie, dan wordt haar "
        "register bijgewerkt: wat de gemeente zelf invoerde of wijzigde blijft staan, beëindigde regelingen "
        "worden gemarkeerd, niet verwijderd. Alles in één transactie.",
        [
            opt("path", "roo-polder-JJJJ-MM-DD.tar.gz, de uitgepakte map, of een .json.gz", metavar="PAD"),
            gemeenten,
            JSON,
        ],
        db_option,
    )
    command(
        sub,
        "build-snapshot",
        cmd_build_snapshot,
        "compacte momentopname van het landelijk register maken (data/national)",
        "Maakt uit het landelijk register de momentopname die met de app wordt meegeleverd, zodat een nieuwe "
        "installatie zonder internet een organisatie kan kiezen.",
        [
            opt("path", "roo-polder-JJJJ-MM-DD.tar.gz of de uitgepakte map", metavar="PAD"),
            gemeenten,
            opt("--out", "doelbestand (.json.gz)", metavar="BESTAND", default=str(national.SNAPSHOT_FILE)),
        ],
    )


def _gemeenten(args: argparse.Namespace) -> Path:
    return Path(args.gemeenten) if args.gemeenten else national.GEMEENTEN_FILE


def cmd_import_register(db: Database, args: argparse.Namespace) -> int:
    reg = national.read(args.path, gemeenten=_gemeenten(args))
    _, report = national.import_register(db, reg, actor(args))
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
    reg = national.read(args.path, gemeenten=_gemeenten(args))
    out = national.write_snapshot(reg, Path(args.out))
    print("\n".join(reg.lines()))
    print(f"Momentopname geschreven: {out} ({out.stat().st_size / 1024:.0f} kB)")
    return OK
