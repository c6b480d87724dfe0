"""Read models of the werkatelier for the projector, the facilitator and the results: pure pandas shaping
on top of workshop (queries) and workshopstats (aggregation)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from governance.core import labels
from governance.core.db import Database
from governance.workshop import participants
from governance.workshop import session as sessions
from governance.workshop import stats as workshopstats


def number(x: float) -> str:
    """3.0 -> '3', 3.5 -> '3,5' (Dutch decimal comma)."""
    return f"{x:g}".replace(".", ",") if x == x else "–"


def live(db: Database, session_id: int) -> dict[str, Any]:
    """Everything the projector's live part shows, read in one go (cached per write generation)."""
    session = db.rows("SELECT * FROM workshop_session WHERE id = ?", [session_id])[0]
    round_no = session["round"]
    scores = participants.scores(db, session_id)
    items = sessions.agenda(db, session_id)
    stats = workshopstats.item_stats(scores, round_no)
    moves = workshopstats.movement(scores, round_no - 1, round_no) if round_no > 1 else None
    return {
        "session": session,
        "counts": participants.live_counts(db, session_id, round_no),
        "items": items,
        "scores": scores,
        "votes": scores[scores["round"] == round_no],
        "stats": stats,
        "ranking": workshopstats.disagreement_ranking(stats),
        "moves": moves,
        "perspectives": workshopstats.by_perspective(scores, round_no),
    }


def item_table(items: pd.DataFrame, ranking: pd.DataFrame, revealed: bool) -> pd.DataFrame:
    """The numbered list beside the matrix: most disagreement first once revealed, else in item order."""
    by_id = ranking.set_index("item_id") if not ranking.empty else None
    rows = []
    for item in items.itertuples():
        s = by_id.loc[item.id] if by_id is not None and item.id in by_id.index else None
        row = {"Nr": item.position, "Onderwerp": item.label, "Stemmen": int(s["n"]) if s is not None else 0}
        if revealed:
            row.update(
                {
                    "Kans": number(s["lik_median"]) if s is not None else "–",
                    "Impact": number(s["imp_median"]) if s is not None else "–",
                    "Spreiding": number(s["disagreement"]) if s is not None else "–",
                    "Beeld": s["consensus"] if s is not None else "–",
                    "_rank": int(s["rank"]) if s is not None else 10_000 + item.position,
                }
            )
        rows.append(row)
    table = pd.DataFrame(rows)
    if revealed and not table.empty:
        table = table.sort_values("_rank").drop(columns="_rank")
    return table.reset_index(drop=True)


def projector_table(
    items: pd.DataFrame, ranking: pd.DataFrame, revealed: bool, moves: pd.DataFrame | None
) -> pd.DataFrame:
    """The projector's list beside the matrix, one line per item: the item table without the vote count (the
    header shows it) and, from round 2, the move of each median in the same cell ('3 → 4'), so the round-to-round
    comparison needs no second table below the fold."""
    table = item_table(items, ranking, revealed).drop(columns="Stemmen")
    if not revealed or moves is None or moves.empty or table.empty:
        return table
    by_position = moves.set_index("position")
    for column, before, after in (("Kans", "lik_from", "lik_to"), ("Impact", "imp_from", "imp_to")):
        table[column] = [
            f"{number(by_position.loc[p, before])} → {number(by_position.loc[p, after])}"
            if p in by_position.index and by_position.loc[p, before] != by_position.loc[p, after]
            else shown
            for p, shown in zip(table["Nr"], table[column], strict=True)
        ]
    return table


def page(table: pd.DataFrame, rows: int, number_: int) -> tuple[pd.DataFrame, int, int]:
    """Page `number_` (0-based, taken modulo the page count) of `rows` rows: (rows shown, page index, pages)."""
    pages = max(1, -(-len(table) // rows))
    index = number_ % pages
    return table.iloc[index * rows : (index + 1) * rows], index, pages


def perspective_table(perspectives: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """Items down, perspectives across; each cell 'K 3 · I 4 (n)'."""
    if perspectives.empty:
        return pd.DataFrame()
    cells = perspectives.assign(
        cell=[f"K {number(r.lik_median)} · I {number(r.imp_median)} ({r.n})" for r in perspectives.itertuples()]
    )
    table = cells.pivot(index="position", columns="perspective", values="cell").fillna("–")
    names = items.set_index("position")["label"]
    table.insert(0, "Onderwerp", [names.get(p, "") for p in table.index])
    table.columns.name = None
    return table.rename_axis("Nr").reset_index()


def movement_table(moves: pd.DataFrame | None) -> pd.DataFrame:
    if moves is None or moves.empty:
        return pd.DataFrame()
    return pd.DataFrame(
        {
            "Nr": moves["position"],
            "Kans": [f"{number(a)} → {number(b)}" for a, b in zip(moves["lik_from"], moves["lik_to"], strict=True)],
            "Impact": [f"{number(a)} → {number(b)}" for a, b in zip(moves["imp_from"], moves["imp_to"], strict=True)],
            "Spreiding": [
                f"{number(a)} → {number(b)}"
                for a, b in zip(moves["disagreement_from"], moves["disagreement_to"], strict=True)
            ],
        }
    )


def proposal_table(ranked: pd.DataFrame) -> pd.DataFrame:
    if ranked.empty:
        return pd.DataFrame()
    return pd.DataFrame(
        {
            "Plaats": range(1, len(ranked) + 1),
            "Voorstel": ranked["text"],
            "Partij": ranked["party"],
            "Termijn": ranked["horizon"].map(labels.HORIZONS),
            "Stippen": ranked["dots"],
        }
    )


def stakeholder_table(stakeholders: pd.DataFrame, numbered: bool = False) -> pd.DataFrame:
    """The krachtenveld as a list: the chart's content in words (shape and colour are not the only cue).
    `numbered` (a phone, one side under its heading): the numbers a numbered chart carries, and only the columns
    that fit 390 px."""
    table = pd.DataFrame(
        {
            "Nr.": range(1, len(stakeholders) + 1),
            "Naam": stakeholders["name"],
            "Invloed": stakeholders["influence"],
            "Belang": stakeholders["interest"],
            "Houding": stakeholders["attitude"].map(labels.ATTITUDES),
            "Krachtenveld": stakeholders["side"].fillna("extern").map(labels.STAKEHOLDER_SIDES)
            if "side" in stakeholders
            else labels.STAKEHOLDER_SIDES["extern"],
            "Toelichting": stakeholders["notes"].fillna(""),
        },
        index=stakeholders.index,
    )
    if not numbered:
        return table.drop(columns=["Nr."])
    both = [f"{i} · {b}" for i, b in zip(table["Invloed"], table["Belang"], strict=True)]
    table.insert(2, "Invloed · belang", both)
    return table.drop(columns=["Invloed", "Belang", "Krachtenveld", "Toelichting"])


def participant_table(db: Database, session_id: int) -> pd.DataFrame:
    """The facilitator's list of participants, indexed by participant id: who (label and name), when they joined,
    how many scores (all rounds) and dots they gave."""
    rows = participants.participant_rows(db, session_id)
    return pd.DataFrame(
        {
            "Deelnemer": [participants.label(r) for r in rows.itertuples()],
            "Naam": rows["name"].fillna("").tolist(),
            "Aangemeld om": [f"{t:%d-%m-%Y %H:%M:%S}" for t in rows["joined_at"]],
            "Stemmen": rows["votes"].tolist(),
            "Stippen": rows["dots"].tolist(),
        },
        index=pd.Index(rows["id"].tolist(), name="id"),
    )
