"""What the financial kengetallen read from the database: the parties in scope for a year, their figures of
every year, their reserves and the gemeente's own size."""

from __future__ import annotations

import pandas as pd

from governance import register
from governance.core.db import Database, shared_read
from governance.finance import kengetallen as k
from governance.finance import thresholds
from governance.finance.thresholds import FinanceSettings


def parties_in_scope(db: Database, year: int) -> pd.DataFrame:
    """Verbonden partijen (art. 1 BBV, status ja) that are not archived and existed in `year` (founded no later,
    ended no earlier): the parties the paragraaf verbonden partijen of that year reports on."""
    parties = register.parties(db)
    if parties.empty:
        return parties.assign(vp_status=pd.Series(dtype=object))
    founded = pd.to_datetime(parties["founded"]).dt.year
    ended = pd.to_datetime(parties["ended"]).dt.year
    existed = (founded.isna() | (founded <= year)) & (ended.isna() | (ended >= year))
    found = register.with_status(parties[existed])
    return found[found["vp_status"] == register.VERBONDEN].reset_index(drop=True)


def figure_rows(db: Database, party_ids: list[int] | None = None) -> pd.DataFrame:
    """Every party_year row of non-archived parties, with the party's code and name."""
    # one list parameter: thousands of `?` marks took DuckDB three times as long to bind as the query itself
    where = "" if party_ids is None else "AND p.id IN (SELECT unnest(?::INTEGER[]))"
    return db.query(
        f"""
        SELECT y.*, p.code, p.name FROM party_year y JOIN party p ON p.id = y.party_id
        WHERE p.archived_at IS NULL {where} ORDER BY p.name, y.year
        """,
        [] if party_ids is None else [[int(i) for i in party_ids]],
    )


def reserve_rows(db: Database) -> pd.DataFrame:
    return db.query("SELECT * FROM party_reserve ORDER BY party_id, year")


def size(db: Database, current: FinanceSettings) -> k.Size:
    """Inhabitants of the organisation marked as ours (None when not known) and the begroting total setting."""
    inhabitants = db.scalar("SELECT inhabitants FROM organisation WHERE is_ours ORDER BY id LIMIT 1")
    return k.Size(int(inhabitants) if inhabitants else None, current.begroting_total)


def table(
    db: Database,
    current: FinanceSettings | None = None,
    party_ids: list[int] | None = None,
    only_year: int | None = None,
) -> pd.DataFrame:
    """The kengetallen of every party and year with figures (kengetallen.COLUMNS), or only of `party_ids`, or
    only of `only_year`."""
    current = current or thresholds.settings(db)
    return k.kengetallen(figure_rows(db, party_ids), reserve_rows(db), size(db, current), only_year)


def year_table(
    db: Database, year: int, current: FinanceSettings | None = None, party_ids: list[int] | None = None
) -> pd.DataFrame:
    """One row per party in scope for `year` (or only `party_ids` of them): its kengetallen, or only code and
    name (everything else None) when it has no figures for the year."""
    ids = None if party_ids is None else tuple(sorted(int(i) for i in party_ids))
    return _year_table(db, int(year), current or thresholds.settings(db), ids)


@shared_read
def _year_table(db: Database, year: int, current: FinanceSettings, party_ids: tuple[int, ...] | None) -> pd.DataFrame:
    """year_table, shared until its tables change: the Financiën table, its signals and the Overzicht all build
    on the same year."""
    scope = parties_in_scope(db, year)
    if party_ids is not None:
        scope = scope[scope["id"].isin(party_ids)]
    if scope.empty:
        return pd.DataFrame(columns=[*k.COLUMNS, "legal_form"])
    found = table(db, current, [int(i) for i in scope["id"]], only_year=year)
    base = scope[["id", "code", "name", "legal_form"]].rename(columns={"id": "party_id"})
    merged = base.merge(found.drop(columns=["code", "name"]), on="party_id", how="left")
    merged["year"] = year
    merged = merged.astype(object).where(merged.notna(), None)
    return merged[[*k.COLUMNS, "legal_form"]].sort_values("name", ignore_index=True)
