"""The risk register on the command line: `risks` (levels, overdue reviews, Excel)."""

from __future__ import annotations

import argparse
import datetime as dt
import json

import pandas as pd

from governance import risks
from governance.cli.common import FINDINGS, JSON, OK, command, flag, opt
from governance.core.db import Database


def add(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    command(
        sub,
        "risks",
        cmd_risks,
        "risicoregister: risico's per niveau en achterstallige herzieningen",
        "Toont de lopende risico's (niet vervallen) per netto risiconiveau volgens de ingestelde risicomatrix, en de "
        "risico's waarvan de herzieningsdatum is verstreken. Met --overdue alleen die, met exitcode 1 als er zijn.",
        [
            flag("--overdue", "alleen risico's met een achterstallige herziening"),
            JSON,
            opt("--excel", "schrijf ook het risicoregister en de matrices naar Excel", metavar="BESTAND"),
        ],
        db_option,
    )


def _risk_json(r: dict, matrix: risks.Matrix, today: dt.date) -> dict:
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
    matrix = risks.get_matrix(db)
    table = risks.risk_table(db)
    live = risks.filter_risks(table, statuses=risks.DEFAULT_STATUSES)
    late = risks.overdue(table, today)
    if args.excel:
        with open(args.excel, "wb") as out:
            out.write(risks.register_workbook(live, matrix, risks.all_measures(db), today, "lopende risico's"))
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
        counts = dict.fromkeys(risks.LEVEL_CODES, 0)
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
        days = int(r["days_late"])
        late_text = f"{days} {'dag' if days == 1 else 'dagen'} te laat"
        print(f"- {r['party_name']}: {r['title']} (herziening {when}, {late_text})")
    if args.excel:
        print(f"Excel geschreven: {args.excel}")
    return FINDINGS if args.overdue and len(late) else OK
