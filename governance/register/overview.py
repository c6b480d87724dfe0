"""Key figures: what the Overzicht page shows and what `python -m governance summary` prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from governance.core import labels
from governance.core.db import Database, quote_ident
from governance.register import bbv, verbonden
from governance.register import figures as finance

COUNTED = ("organisation", "party", "participation", "party_year", "person", "representation", "risk", "audit_log")


@dataclass(frozen=True)
class KeyFigures:
    """The Overzicht of one year: verbonden partijen only (art. 1 BBV, status ja), with how many parties are still
    to be assessed or are no verbonden partij (shown, never counted). Amounts in euro; risks counted when not
    vervallen."""

    year: int
    parties: int  # verbonden partijen
    per_category: dict[str, int]
    interest_total: float  # financieel belang at the end of the year
    contribution_total: float
    exposure_total: float  # loans and guarantees outstanding: what the gemeente can lose beyond its belang
    figures_from: dict[str, int]  # how many parties' figures come from jaarrekening / begroting / nothing
    incomplete_parties: int
    risks_per_category: dict[str, int] = field(default_factory=dict)
    risks_total: int = 0
    per_status: dict[str, int] = field(default_factory=dict)  # labels.VP_STATUS -> parties existing in the year


def key_figures(db: Database, year: int) -> KeyFigures:
    every = finance.figures_for_year(db, year)
    figures = verbonden.only_verbonden(every)
    gaps = bbv.gaps(db, year)
    per_category = {code: int((figures["bbv_category"] == code).sum()) for code in labels.BBV_CATEGORIES}
    outside = not_verbonden_ids(db)
    risks: dict[str, int] = {}
    for r in db.rows(
        """
        SELECT category, party_id, count(*) AS n FROM risk
        WHERE status <> 'vervallen'
          AND (party_id IS NULL OR party_id IN (SELECT id FROM party WHERE archived_at IS NULL))
        GROUP BY category, party_id
        """
    ):
        if r["party_id"] not in outside:  # the gemeente's own risks (no party) count too
            risks[r["category"]] = risks.get(r["category"], 0) + int(r["n"])
    per_risk_category = {code: risks.get(code, 0) for code in labels.RISK_CATEGORIES}
    source = figures["kind"].fillna("geen")
    return KeyFigures(
        year=year,
        parties=len(figures),
        per_category=per_category,
        interest_total=float(figures["interest_end"].fillna(0).sum()),
        contribution_total=float(figures["contribution"].fillna(0).sum()),
        exposure_total=float(figures["loans"].fillna(0).sum() + figures["guarantees"].fillna(0).sum()),
        figures_from={k: int((source == k).sum()) for k in ("jaarrekening", "begroting", "geen")},
        incomplete_parties=int((~gaps["complete"]).sum()),
        risks_per_category=per_risk_category,
        risks_total=sum(per_risk_category.values()),
        per_status=verbonden.counts(every),
    )


def not_verbonden_ids(db: Database) -> set[int]:
    """Ids of the non-archived parties that are no verbonden partij or still to be assessed."""
    parties = db.query(
        "SELECT id, legal_form, control_interest, financial_interest, centre_municipality FROM party "
        "WHERE archived_at IS NULL"
    )
    marked = verbonden.with_status(parties)
    return {int(i) for i in marked.loc[marked["vp_status"] != verbonden.VERBONDEN, "id"]}


def largest_contributions(db: Database, year: int, limit: int = 10) -> pd.DataFrame:
    """The `limit` parties with the largest contribution in `year` (`figures_for_year` rows); unknown ones left out."""
    figures = verbonden.only_verbonden(finance.figures_for_year(db, year))
    return figures.dropna(subset=["contribution"]).nlargest(limit, "contribution")


def summary(db: Database) -> dict[str, Any]:
    """Counts per entity, per art. 1 BBV status and legal form (non-archived parties), per BBV category (verbonden
    partijen only), and the years with figures."""
    counts = {name: int(db.scalar(f"SELECT count(*) FROM {quote_ident(name)}")) for name in COUNTED}
    counts["party_archived"] = int(db.scalar("SELECT count(*) FROM party WHERE archived_at IS NOT NULL"))
    parties = verbonden.with_status(
        db.query(
            "SELECT bbv_category, legal_form, control_interest, financial_interest, centre_municipality FROM party "
            "WHERE archived_at IS NULL"
        )
    )
    per_form = {code: int((parties["legal_form"] == code).sum()) for code in labels.LEGAL_FORMS}
    counted = parties[parties["vp_status"] == verbonden.VERBONDEN]  # the paragraaf lists verbonden partijen only
    per_category = {code: int((counted["bbv_category"] == code).sum()) for code in labels.BBV_CATEGORIES}
    span = db.rows("SELECT min(year) AS first, max(year) AS last FROM party_year")[0]
    kinds = {
        r["kind"]: [int(y) for y in r["years"]]
        for r in db.rows("SELECT kind, list(DISTINCT year ORDER BY year) AS years FROM party_year GROUP BY kind")
    }
    ours = db.rows("SELECT code, name FROM organisation WHERE is_ours")
    return {
        "database": str(db.path),
        "organisation": ours[0] if ours else None,
        "counts": counts,
        "per_verbonden_status": verbonden.counts(parties),
        "per_bbv_category": per_category,
        "per_legal_form": per_form,
        "years": {
            "first": span["first"],
            "last": span["last"],
            "begroting": kinds.get("begroting", []),
            "jaarrekening": kinds.get("jaarrekening", []),
        },
    }
