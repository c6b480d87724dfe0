"""`python -m governance bench <what>`: medians of repeated runs, printed for the notes; nothing here asserts a
time. Each runner is imported only when its benchmark runs."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from governance.cli.common import OK, USAGE, command, flag, opt, sizes
from governance.core.db import Database

ROOT = Path(__file__).resolve().parents[3]


def add(sub: argparse._SubParsersAction) -> None:
    bench = sub.add_parser("bench", help="snelheid meten (medianen)", description="Meet hoe lang iets duurt.")
    benches = bench.add_subparsers(dest="bench", metavar="WAT", required=True)
    runs = opt("--runs", "aantal herhalingen (standaard 5)", type=int, default=5)
    command(
        benches,
        "export-import",
        cmd_export_import,
        "exporteer de demo naar .xlsx en .zip en importeer die in een lege database",
        options=[runs],
    )
    command(
        benches,
        "import-register",
        cmd_bench_import_register,
        "het hele landelijk register inlezen: tijd (mediaan) en piekgeheugen",
        "Leest het hele landelijk register in een nieuwe tijdelijke database en vult het register van een "
        "organisatie; drukt de mediaan van de tijden en het piekgeheugen af.",
        [
            opt("--source", "de .tar.gz of map (standaard: ../shared/data/national-register)", metavar="PAD"),
            opt("--runs", "aantal herhalingen (standaard 3)", type=int, default=3),
            opt("--organisation", "organisatie om te kiezen (gm0599)", metavar="CODE", default="gm0599"),
        ],
    )
    command(
        benches,
        "workshop",
        cmd_bench_workshop,
        "werkatelier met N deelnemers tegelijk tegen een echte streamlit-server",
        "Start `streamlit run` op een vrije poort tegen een tijdelijke demodatabase en laat N deelnemers tegelijk "
        "stemmen via het websocketprotocol van Streamlit; print verstuurde en opgeslagen stemmen en de vertraging "
        "tot de projector (zie tests/load/workshop.py).",
        [
            opt("--participants", "aantal deelnemers (standaard 40)", type=int, default=40),
            opt("--items", "aantal te scoren risico's (standaard 5)", type=int, default=5),
            opt("--think-min", "denktijd per stem, minimaal (s)", type=float, default=2.0),
            opt("--think-max", "denktijd per stem, maximaal (s)", type=float, default=6.0),
        ],
    )
    command(
        benches,
        "pages",
        cmd_bench_pages,
        "elke pagina: demo tegen een register N keer zo groot (AppTest, mediaan)",
        "Bouwt de demo en een register N keer de demo (via de echte import) en meet per pagina de mediaan van "
        "herhaalde script-runs, warm en direct na het opslaan van een partij; drukt de verhouding af "
        "(zie tests/bench_pages.py).",
        [
            opt("--scale", "grootte van het grote register in demo's (standaard 70)", type=int, default=70),
            opt("--runs", "herhalingen per pagina (standaard 5)", type=int, default=5),
            opt("--pages", "alleen deze pagina's (namen, kommagescheiden)"),
        ],
    )
    command(
        benches,
        "import-scale",
        cmd_bench_import_scale,
        "import van een register N keer de demo: tijd, rijen per seconde, piekgeheugen",
        options=[opt("--scale", "grootte in demo's (standaard 70)", type=int, default=70), runs],
    )
    command(
        benches,
        "roles",
        cmd_bench_roles,
        "rolsignalen, rollenkaart en matrix",
        "Rolsignalen, rollenkaart en matrix.",
        [
            opt(
                "--sizes",
                "aantallen partijen van de verzonnen gegevens (standaard 100,300,1000)",
                default="100,300,1000",
            ),
            runs,
        ],
    )
    command(
        benches,
        "risks",
        cmd_bench_risks,
        "de pagina Risico's bij 100 tot duizenden risico's",
        options=[
            opt("--sizes", "aantallen risico's, kommagescheiden", default="100,1000,5000"),
            opt("--repeats", "herhalingen per stap (mediaan)", type=int, default=5),
        ],
    )
    command(
        benches,
        "hostile",
        cmd_bench_hostile,
        "vijandige uploads (zip-bom, rij van miljoenen cellen, YAML-aliasbom...): tijd en piekgeheugen",
        "Maakt de vijandige bestanden van tests/hostile_files.py en leest elk in een eigen proces in via de echte "
        "import of de YAML van de risico-instellingen; drukt per bestand seconden en piekgeheugen af tegen het doel "
        "(onder 2 s en 300 MB, geweigerd met een Nederlandse melding, database ongewijzigd).",
    )
    command(
        benches,
        "simulate",
        cmd_bench_simulate,
        "simulatie: 1.000 risico's × 100.000 iteraties tegen een Python-lus en pyfair",
        "Meet de simulatie (mediaan van herhaalde runs, piekgeheugen) en dezelfde risico's door een gewone "
        "Python-lus per iteratie (op minder iteraties gemeten en lineair geschaald) en door pyfair.",
        [
            opt("--risks", "aantal risico's (standaard 1000)", type=int, default=1000),
            opt("--iterations", "aantal iteraties (standaard 100.000)", type=int, default=100_000),
            opt("--runs", "herhalingen van de engine (standaard 5)", type=int, default=5),
            opt("--loop-iterations", "iteraties voor de Python-lus (1.000)", type=int, default=1_000),
            opt(
                "--pyfair-iterations",
                "iteraties voor pyfair (standaard: alle; minder wordt lineair geschaald)",
                type=int,
            ),
            opt("--workers", "threads voor de engine (standaard: kernen, hoogstens 4)", type=int),
            flag("--json", "ook de cijfers als JSON"),
        ],
    )


def _bad_sizes(text: str) -> int:
    print(f"Fout: --sizes '{text}' is geen lijst van gehele getallen, bijvoorbeeld 100,300.", file=sys.stderr)
    return USAGE


def cmd_export_import(_db: Database | None, args: argparse.Namespace) -> int:
    from governance.cli.bench import export_import

    for line in export_import.export_import(args.runs):
        print(line)
    return OK


def cmd_bench_pages(_db: Database | None, args: argparse.Namespace) -> int:
    """Runs tests/bench_pages.py in its own process: it drives the pages under AppTest (streamlit)."""
    options = ["--scale", str(args.scale), "--runs", str(args.runs)] + (["--pages", args.pages] if args.pages else [])
    return subprocess.call([sys.executable, "-m", "tests.bench_pages", *options], cwd=ROOT)


def cmd_bench_import_scale(_db: Database | None, args: argparse.Namespace) -> int:
    from governance.cli.bench import scale

    for line in scale.bench_import(args.scale, max(1, args.runs)):
        print(line)
    return OK


def cmd_bench_roles(db: Database | None, args: argparse.Namespace) -> int:
    from governance.cli.bench import roles as bench_roles

    found = sizes(args.sizes)
    if found is None:
        return _bad_sizes(args.sizes)
    return bench_roles.main(found, max(1, args.runs))


def cmd_bench_import_register(_db: Database | None, args: argparse.Namespace) -> int:
    from governance.cli.bench import national as bench_national

    return bench_national.run(args.source, args.runs, args.organisation)


def cmd_bench_workshop(_db: Database | None, args: argparse.Namespace) -> int:
    """Runs the load script in its own process: it speaks Streamlit's protocol, and governance never
    imports streamlit."""
    script = ROOT / "tests" / "load" / "workshop.py"
    options = ["--participants", args.participants, "--items", args.items]
    options += ["--think-min", args.think_min, "--think-max", args.think_max]
    return subprocess.call([sys.executable, str(script), *map(str, options)])


def cmd_bench_risks(db: Database | None, args: argparse.Namespace) -> int:
    from governance.cli.bench import risks as bench_risks

    found = sizes(args.sizes)
    if found is None:
        return _bad_sizes(args.sizes)
    print(bench_risks.report(bench_risks.run(found, args.repeats)))
    return OK


def cmd_bench_hostile(_db: Database | None, _args: argparse.Namespace) -> int:
    from governance.cli.bench import hostile

    return hostile.run()


def cmd_bench_simulate(_db: Database | None, args: argparse.Namespace) -> int:
    from governance.cli.bench import simulate as bench_simulate

    names = ("risks", "iterations", "runs", "loop_iterations", "pyfair_iterations", "workers")
    figures = bench_simulate.run(**{name: getattr(args, name) for name in names})
    if args.json:
        print(json.dumps(figures, indent=2, default=str))
    return OK
