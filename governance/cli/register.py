"""Register commands: init, summary, check (BBV art. 15 and role signals), export and import."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import sys
from io import StringIO
from pathlib import Path

import pandas as pd

from governance import demo, finance, io, national, register, roles
from governance.cli.common import FINDINGS, JSON, OK, USAGE, actor, command, flag, opt, text_or_none
from governance.core import formatting, labels
from governance.core.db import Database, to_jsonable


def add(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    entities = ", ".join(io.slugs())
    command(
        sub,
        "init",
        cmd_init,
        "database aanmaken of bijwerken (migraties)",
        "Maakt de database aan of past ontbrekende migraties toe. Met --demo wordt een lege database gevuld met de "
        "fictieve Gemeente Voorbeeld.",
        [
            flag("--demo", "laad de fictieve demogemeente in een lege database"),
            opt(
                "--organisation",
                "vul het register met de regelingen in werking van deze gemeente, provincie of waterschap "
                "(code uit het landelijk register, bijv. gm0654; hoofdletters mogen)",
                metavar="CODE",
            ),
        ],
        db_option,
    )
    command(
        sub,
        "summary",
        cmd_summary,
        "aantallen per entiteit, BBV-categorie en rechtsvorm",
        "Telt de gegevens: per entiteit, per BBV-categorie, per rechtsvorm, en de jaren met cijfers.",
        [JSON],
        db_option,
    )
    command(
        sub,
        "check",
        cmd_check,
        "ontbrekende BBV-gegevens (art. 15) per partij, of met --roles de rolsignalen",
        "Controleert per verbonden partij of de gegevens die art. 15 lid 2 BBV vraagt er zijn voor het gekozen "
        "jaar (--year), en/of met --roles de rolsignalen (dubbele petten, ontbrekende vertegenwoordigers, "
        "aflopende termijnen, te veel organen, portefeuilles), of met --finance --year de financiële signalen "
        "(negatief eigen vermogen, solvabiliteit, negatieve resultaten op rij, bijdragen, leningen en garanties, "
        "ontbrekende cijfers). Exitcode 1 als er iets ontbreekt of er een niet-geaccepteerd signaal is.",
        [
            opt("--year", "het jaar (bijv. 2025); verplicht zonder --roles", type=int, metavar="JJJJ"),
            JSON,
            flag("--roles", "rolsignalen controleren in plaats van (of naast) BBV"),
            opt(
                "--date", "peildatum van de rolsignalen (standaard: vandaag); alleen met --roles", metavar="JJJJ-MM-DD"
            ),
            flag("--finance", "alleen de financiële signalen van het jaar (--year) controleren"),
        ],
        db_option,
    )
    command(
        sub,
        "export",
        cmd_export,
        "alle gegevens naar Excel (.xlsx) of CSV (.csv per soort, .zip met alles)",
        "Schrijft het register naar FILE.xlsx (een tabblad per soort gegevens plus een toelichting), naar FILE.zip "
        "(een CSV-bestand per soort) of naar FILE.csv (één soort, kies met --entity). CSV: puntkomma, decimale "
        "komma, datums dd-mm-jjjj, UTF-8 met BOM.",
        [
            opt("file", "doelbestand: .xlsx, .zip of .csv", metavar="FILE"),
            opt("--entity", f"bij .csv: {entities}", metavar="SOORT"),
        ],
        db_option,
    )
    command(
        sub,
        "import",
        cmd_import,
        "gegevens uit Excel of CSV inlezen (eerst een voorbeeld, daarna alles of niets)",
        "Leest FILE (.xlsx, .csv of een .zip met CSV-bestanden, zoals export ze schrijft). Rijen met een bestaande "
        "code worden bijgewerkt, nieuwe rijen toegevoegd; er wordt niets verwijderd. Bij een fout wordt niets "
        "opgeslagen en is de exitcode 1.",
        [
            opt("file", "bronbestand: .xlsx, .csv of .zip", metavar="FILE"),
            flag("--dry-run", "alleen laten zien wat er zou gebeuren"),
            opt("--entity", f"bij één CSV-bestand: {entities}", metavar="SOORT"),
            flag("-v --verbose", "ook elke nieuwe rij tonen"),
        ],
        db_option,
    )


def cmd_init(db: Database, args: argparse.Namespace) -> int:
    if args.demo and args.organisation:
        print("Kies --demo of --organisation, niet allebei.", file=sys.stderr)
        return USAGE
    applied = db.migrations_applied
    print(f"Database {db.path}: schema bijgewerkt ({', '.join(applied) or 'was al actueel'}).")
    if args.organisation:
        report = national.adopt(db, args.organisation, actor(args))
        print("\n".join(report.lines()))
        print(national.PRIVATE_NOT_IN_REGISTER)
    if args.demo:
        if not demo.is_empty(db):
            print("Demo niet geladen: de database bevat al gegevens.", file=sys.stderr)
            return FINDINGS
        counts = demo.load(db, actor=actor(args))
        print("Demogemeente geladen (fictief): " + "; ".join(f"{labels.entity(k)}: {n}" for k, n in counts.items()))
    return OK


def cmd_summary(db: Database, args: argparse.Namespace) -> int:
    data = register.summary(db)
    if args.json:
        print(json.dumps(to_jsonable(data), indent=2, ensure_ascii=False, default=str))
        return OK
    org = data["organisation"]
    print(f"Database: {data['database']}")
    print(f"Organisatie: {org['name'] if org else '(nog niet gekozen)'}")
    print("Aantallen:")
    for name, n in data["counts"].items():
        shown = "Partijen in het register" if name == "party" else labels.ENTITIES.get(name, "Gearchiveerde partijen")
        print(f"  {shown:<28} {n:>6}")
    print("Verbonden partij (art. 1 BBV: bestuurlijk én financieel belang):")
    for code, n in data["per_verbonden_status"].items():
        print(f"  {labels.VP_STATUS[code]:<40} {n:>4}")
    print("Per BBV-categorie (alleen verbonden partijen):")
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
    if args.finance:
        if args.roles or args.date is not None:
            print("Fout: --finance gaat niet samen met --roles of --date.", file=sys.stderr)
            return USAGE
        if args.year is None:
            print("Fout: --finance vraagt --year JJJJ.", file=sys.stderr)
            return USAGE
        return _check_finance(db, args.year, args.json)
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
        with contextlib.redirect_stdout(StringIO()) as bbv_out:
            bbv_code = _check_bbv(db, args.year, True)
        with contextlib.redirect_stdout(StringIO()) as roles_out:
            roles_code = _check_roles(db, day, True)
        both = {"bbv": json.loads(bbv_out.getvalue()), "roles": json.loads(roles_out.getvalue())}
        print(json.dumps(both, indent=2, ensure_ascii=False))
        return max(bbv_code, roles_code)
    return max(_check_bbv(db, args.year, False), _check_roles(db, day, False))


def _check_roles(db: Database, day: dt.date | None, as_json: bool) -> int:
    """The role signals on `day` (default today); exit 1 when any is not accepted."""
    on = day or dt.date.today()
    found = roles.signals(db, on)
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
                    "rule_text": roles.rule_text(r["rule"], settings),
                    "text": r["text"],
                    "person": text_or_none(r["person_code"]),
                    "party": text_or_none(r["party_code"]),
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


def _check_finance(db: Database, year: int, as_json: bool) -> int:
    """The financial signals of `year`; exit 1 while any is open (not accepted)."""
    current = finance.settings(db)
    found = finance.signals(db, year, current)
    open_ = found[~found["acknowledged"]]
    if as_json:
        out = {
            "year": year,
            "signals": len(found),
            "open": len(open_),
            "acknowledged": len(found) - len(open_),
            "settings": {
                r["name"]: {"value": r["value"], "source": r["source"]} for r in finance.setting_rows(current)
            },
            "items": [
                {
                    "key": r["key"],
                    "rule": r["rule"],
                    "title": r["title"],
                    "rule_text": finance.rule_text(r["rule"], current),
                    "text": r["text"],
                    "party": r["party_code"],
                    "figure": None if pd.isna(r["figure"]) else float(r["figure"]),
                    "source": r["source"],
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
        print(f"Financiële signalen {year}: {len(open_)} open, {len(found) - len(open_)} geaccepteerd.")
        for r in found.to_dict("records"):
            mark = "geaccepteerd" if r["acknowledged"] else "open"
            print(f"- [{mark}] {r['title']}: {r['text']}")
            if r["acknowledged"]:
                print(f"    reden: {r['ack_reason']} ({r['ack_by']})")
    return FINDINGS if len(open_) else OK


def _check_bbv(db: Database, year: int, as_json: bool) -> int:
    table = register.gaps(db, year)
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
                        {"item": c, "label": register.ITEMS[c][0], "reference": register.ITEMS[c][1]}
                        for c in r["missing"]
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
        pending = register.determinations(db)
        pending = pending[pending["vp_status"] == "te_beoordelen"]
        if len(pending):
            print(f"Nog te beoordelen of het een verbonden partij is (art. 1 BBV, niet gecontroleerd): {len(pending)}.")
            for r in pending.to_dict("records"):
                print(f"- {r['name']}: {r['vp_reason']}")
    return FINDINGS if len(incomplete) else OK


def cmd_export(db: Database, args: argparse.Namespace) -> int:
    try:
        print("Geëxporteerd naar " + io.export(db, Path(args.file), args.entity))
    except io.UsageError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return USAGE
    return OK


def cmd_import(db: Database, args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"Fout: het bestand {path} bestaat niet.", file=sys.stderr)
        return USAGE
    size = path.stat().st_size
    if size > io.MAX_BYTES:  # refused before reading a huge file into memory
        print(io.too_big(path.name, size), file=sys.stderr)
        print("Er is niets geïmporteerd; de database is ongewijzigd.", file=sys.stderr)
        return FINDINGS
    data = path.read_bytes()
    preview = io.preview(db, data, path.name, args.entity)
    _print_plan(preview, args.verbose)
    if not preview.ok:
        for line in io.problem_lines(preview.problems):
            print(line, file=sys.stderr)
        print("Er is niets geïmporteerd; de database is ongewijzigd.", file=sys.stderr)
        return FINDINGS
    if args.dry_run:
        print(f"Proefimport ({preview.summary()}): er is niets gewijzigd.")
        return OK
    try:
        done = io.import_file(db, data, path.name, actor(args), args.entity)
    except io.ImportRejected as exc:  # the database changed between preview and import
        for line in io.problem_lines(exc.plan.problems):
            print(line, file=sys.stderr)
        print("Er is niets geïmporteerd; de database is ongewijzigd.", file=sys.stderr)
        return FINDINGS
    print(f"Geïmporteerd uit {path.name}: {done.summary()}.")
    return OK


def _print_plan(preview: io.ImportPlan, verbose: bool) -> None:
    """The counts per sheet, then every change (and with --verbose every new row); problems go to stderr."""
    counts = preview.counts()
    if counts:
        print(f"{'Tabblad':<22}" + "".join(f"{a:>13}" for a in io.ACTIONS.values()))
        for row in counts:
            print(f"{row['Tabblad']:<22}" + "".join(f"{row[a]:>13}" for a in io.ACTIONS.values()))
    for row in preview.details():
        if row["Actie"] == io.ACTIONS[io.CHANGE]:
            print(
                f"- {row['Tabblad']}, rij {row['Rij']} ({row['Sleutel']}): {row['Kolom']} {row['Nu']} → {row['Wordt']}"
            )
        elif verbose:
            print(f"- {row['Tabblad']}, rij {row['Rij']} ({row['Sleutel']}): {row['Wordt']}")
