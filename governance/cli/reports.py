"""Reports on the command line: `report paragraaf|weerstand|kernbeeld` writes a DOCX or PDF."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from governance import reports
from governance.cli.common import FINDINGS, OK, USAGE, command, opt
from governance.core import formatting
from governance.core.db import Database


def add(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    command(
        sub,
        "report",
        cmd_report,
        "rapportage voor de raad als Word- of PDF-bestand",
        "Schrijft als Word (.docx) of PDF: de paragraaf verbonden partijen (BBV art. 15) van een jaar en document "
        "(begroting of jaarstukken); het deel verbonden partijen van de paragraaf weerstandsvermogen (art. 11: "
        "capaciteit, zekerheidstabel, ratio en klasse, grootste risico's, aandeel per partij, startgetal); of het "
        "kernbeeld per verbonden partij (één A4; zonder --party alle partijen, elk op een eigen pagina). Wat niet "
        "is vastgelegd staat er als 'nog niet bekend'; alleen partijen die verbonden partij zijn (art. 1 BBV) komen "
        "erin. Drukt af hoe lang het maken duurde.",
        [
            opt("report", "welke rapportage", choices=list(reports.REPORTS)),
            opt("--year", "begrotingsjaar of jaar van de jaarstukken", type=int, metavar="JJJJ", required=True),
            opt("--kind", "begroting of jaarstukken", choices=list(reports.KINDS), required=True),
            opt("--party", "alleen deze partij (code)", metavar="CODE"),
            opt("--format", "docx of pdf (standaard: de extensie van --out)", choices=list(reports.FORMATS)),
            opt("--out", "het bestand om te schrijven", metavar="BESTAND", required=True),
        ],
        db_option,
    )


def cmd_report(db: Database, args: argparse.Namespace) -> int:
    out = Path(args.out)
    fmt = args.format or out.suffix.lower().lstrip(".")
    if fmt not in reports.FORMATS:
        print("Fout: geef --format docx of pdf (of een --out die eindigt op .docx of .pdf).", file=sys.stderr)
        return USAGE
    start = time.perf_counter()
    document = reports.build(db, args.report, args.year, args.kind, args.party)
    built = time.perf_counter()
    data = reports.render(document, fmt)
    try:
        out.write_bytes(data)
    except OSError as exc:
        print(f"Fout: kan '{out}' niet schrijven: {exc.strerror or exc}.", file=sys.stderr)
        return FINDINGS
    done = time.perf_counter()
    print(
        f"{document.title} — {document.subtitle}: {out} ({formatting.number(len(data) / 1024)} kB, "
        f"{fmt.upper()}) gemaakt in {formatting.number(done - start, 1)} s "
        f"(gegevens {formatting.number(built - start, 1)} s, opmaak {formatting.number(done - built, 1)} s)."
    )
    if document.warning:
        print(document.warning)
    return OK
