"""`python -m governance bench <what>`: medians of repeated runs, printed for the notes; nothing here asserts a
time. Each runner is imported only when its benchmark runs."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from governance.cli.common import OK, USAGE
from governance.core.db import Database

ROOT = Path(__file__).resolve().parents[3]


def add(sub: argparse._SubParsersAction) -> None:
    bench = sub.add_parser("bench", help="snelheid meten (medianen)", description="Meet hoe lang iets duurt.")
    bench_sub = bench.add_subparsers(dest="bench", metavar="WAT", required=True)
    item = bench_sub.add_parser(
        "export-import",
        help="exporteer de demo naar .xlsx en .zip en importeer die in een lege database",
        description="exporteer de demo naar .xlsx en .zip en importeer die in een lege database",
    )
    item.add_argument("--runs", type=int, default=5, help="aantal herhalingen (standaard 5)")
    item.set_defaults(run=cmd_export_import, needs_db=False)
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
    roles_bench = bench_sub.add_parser(
        "roles", help="rolsignalen, rollenkaart en matrix", description="Rolsignalen, rollenkaart en matrix."
    )
    roles_bench.add_argument(
        "--sizes", default="100,300,1000", help="aantallen partijen van de verzonnen gegevens (standaard 100,300,1000)"
    )
    roles_bench.add_argument("--runs", type=int, default=5, help="herhalingen per meting (standaard 5)")
    roles_bench.set_defaults(run=cmd_bench_roles, needs_db=False)
    risks_bench = bench_sub.add_parser("risks", help="de pagina Risico's bij 100 tot duizenden risico's")
    risks_bench.add_argument("--sizes", default="100,1000,5000", help="aantallen risico's, kommagescheiden")
    risks_bench.add_argument("--repeats", type=int, default=5, help="herhalingen per stap (mediaan)")
    risks_bench.set_defaults(run=cmd_bench_risks, needs_db=False)

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


def cmd_export_import(_db: Database | None, args: argparse.Namespace) -> int:
    from governance.cli.bench import export_import

    for line in export_import.export_import(args.runs):
        print(line)
    return OK


def cmd_bench_roles(db: Database | None, args: argparse.Namespace) -> int:
    from governance.cli.bench import roles as bench_roles

    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        print(f"Fout: --sizes '{args.sizes}' is geen lijst van getallen, bijvoorbeeld 100,300.", file=sys.stderr)
        return USAGE
    return bench_roles.main(sizes, max(1, args.runs))


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

    try:
        sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    except ValueError:
        print(f"Fout: --sizes moet een lijst van gehele getallen zijn, niet '{args.sizes}'.", file=sys.stderr)
        return USAGE
    print(bench_risks.report(bench_risks.run(sizes, args.repeats)))
    return OK


def cmd_bench_simulate(_db: Database | None, args: argparse.Namespace) -> int:
    from governance.cli.bench import simulate as bench_simulate

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
