"""Aggregation of werkatelier scores: pure pandas, no database, no Streamlit.

Input is the frame of `workshop.scores` (item_id, position, participant_id, perspective, round, likelihood,
impact). Definitions, stated once:
- median per axis (with an even number of votes, the mean of the middle two: 3.5 is possible);
- spread per axis = interquartile range Q3 - Q1, quartiles by linear interpolation (numpy's default,
  `statistics.quantiles(method="inclusive")`);
- disagreement = IQR(kans) + IQR(impact); ties are broken by the mean absolute deviation from the
  medians (|kans - median| + |impact - median|, averaged over votes), then by item number;
- agreement = the share of votes within one level of the median on both axes; consensus label:
  >= 75 % "consensus", >= 50 % "gedeeld beeld", else "verdeeld";
- the proposed consensus score is the median rounded half up (3.5 -> 4).
"""

from __future__ import annotations

import hashlib
import math

import numpy as np
import pandas as pd

CONSENSUS, SHARED, DIVIDED = "consensus", "gedeeld beeld", "verdeeld"

STAT_COLUMNS = [
    "item_id",
    "position",
    "n",
    "lik_median",
    "imp_median",
    "lik_q1",
    "lik_q3",
    "imp_q1",
    "imp_q3",
    "lik_iqr",
    "imp_iqr",
    "disagreement",
    "mad",
    "agreement",
    "consensus",
    "proposed_likelihood",
    "proposed_impact",
]


def round_half_up(x: float) -> int:
    return int(math.floor(x + 0.5))


def consensus_label(agreement: float) -> str:
    if agreement >= 0.75:
        return CONSENSUS
    return SHARED if agreement >= 0.5 else DIVIDED


def _one(lik: np.ndarray, imp: np.ndarray) -> dict:
    ml, mi = float(np.median(lik)), float(np.median(imp))
    l1, l3 = (float(q) for q in np.quantile(lik, [0.25, 0.75]))
    i1, i3 = (float(q) for q in np.quantile(imp, [0.25, 0.75]))
    agreement = float(np.mean((np.abs(lik - ml) <= 1) & (np.abs(imp - mi) <= 1)))
    return {
        "n": len(lik),
        "lik_median": ml,
        "imp_median": mi,
        "lik_q1": l1,
        "lik_q3": l3,
        "imp_q1": i1,
        "imp_q3": i3,
        "lik_iqr": l3 - l1,
        "imp_iqr": i3 - i1,
        "disagreement": (l3 - l1) + (i3 - i1),
        "mad": float(np.mean(np.abs(lik - ml) + np.abs(imp - mi))),
        "agreement": agreement,
        "consensus": consensus_label(agreement),
        "proposed_likelihood": round_half_up(ml),
        "proposed_impact": round_half_up(mi),
    }


def item_stats(scores: pd.DataFrame, round_no: int) -> pd.DataFrame:
    """One row per item with votes in `round_no`, in item order (see the module docstring).
    Plain numpy per item: the projector recomputes this after every vote."""
    chosen = scores[scores["round"] == round_no]
    items = chosen["item_id"].to_numpy()
    positions = chosen["position"].to_numpy()
    lik = chosen["likelihood"].to_numpy(dtype=float)
    imp = chosen["impact"].to_numpy(dtype=float)
    rows = []
    for item_id in np.unique(items):
        mask = items == item_id
        rows.append({"item_id": int(item_id), "position": int(positions[mask][0]), **_one(lik[mask], imp[mask])})
    return pd.DataFrame(rows, columns=STAT_COLUMNS).sort_values("position").reset_index(drop=True)


def consensus_or_proposal(stats: pd.DataFrame, item_id: int, likelihood: int | None, impact: int | None) -> tuple:
    """The consensus score the facilitator typed; an axis left empty takes the proposed score (the median
    rounded half up) of the item in `stats`. Without votes on the item an empty axis stays empty."""
    found = stats[stats["item_id"] == item_id]
    if found.empty:
        return likelihood, impact
    row = found.iloc[0]
    return likelihood or int(row["proposed_likelihood"]), impact or int(row["proposed_impact"])


def disagreement_ranking(stats: pd.DataFrame) -> pd.DataFrame:
    """Items with the most disagreement first; `rank` 1 is the most disputed."""
    ranked = stats.sort_values(["disagreement", "mad", "position"], ascending=[False, False, True])
    return ranked.assign(rank=range(1, len(ranked) + 1)).reset_index(drop=True)


def by_perspective(scores: pd.DataFrame, round_no: int) -> pd.DataFrame:
    """Per item and perspective: number of votes and the medians."""
    chosen = scores[scores["round"] == round_no]
    grouped = chosen.groupby(["position", "item_id", "perspective"], sort=True)
    out = grouped.agg(
        n=("likelihood", "size"), lik_median=("likelihood", "median"), imp_median=("impact", "median")
    ).reset_index()
    return out.astype({"lik_median": float, "imp_median": float})


def movement(scores: pd.DataFrame, from_round: int, to_round: int) -> pd.DataFrame:
    """Per item voted on in both rounds: medians and disagreement before and after, and the shift."""
    before = item_stats(scores, from_round).set_index("item_id")
    after = item_stats(scores, to_round).set_index("item_id")
    both = before.index.intersection(after.index)
    out = pd.DataFrame(
        {
            "position": after.loc[both, "position"],
            "lik_from": before.loc[both, "lik_median"],
            "imp_from": before.loc[both, "imp_median"],
            "lik_to": after.loc[both, "lik_median"],
            "imp_to": after.loc[both, "imp_median"],
            "disagreement_from": before.loc[both, "disagreement"],
            "disagreement_to": after.loc[both, "disagreement"],
        }
    )
    out["lik_shift"] = out["lik_to"] - out["lik_from"]
    out["imp_shift"] = out["imp_to"] - out["imp_from"]
    return out.reset_index().sort_values("position").reset_index(drop=True)


def jitter(participant_id: int, item_id: int, width: float = 0.32) -> tuple[float, float]:
    """A deterministic offset in [-width/2, width/2] for one vote, so equal votes do not hide each other
    and the cloud does not jump between refreshes."""
    digest = hashlib.sha256(f"{participant_id}:{item_id}".encode()).digest()
    dx = digest[0] / 255 - 0.5
    dy = digest[1] / 255 - 0.5
    return dx * width, dy * width
