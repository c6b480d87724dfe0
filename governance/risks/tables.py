"""Read models of the Risico's page: the register as a table, filters, cell counts and lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from governance.core import formatting, labels
from governance.core.db import Database
from governance.risks.matrix import Matrix
from governance.risks.records import OWN


# -- read models of the Risico's page ---------------------------------------------------------------------
def risk_table(db: Database, party_id: int | None = None) -> pd.DataFrame:
    """Every risk of a non-archived party or of the gemeente itself, with the party's name and code and the
    number of measures not yet done. With `party_id`, only that party's risks (archived or not)."""
    where = "p.archived_at IS NULL" if party_id is None else "r.party_id = $party"
    return db.query(
        f"""
        SELECT r.*, p.code AS party_code, coalesce(p.name, $own) AS party_name,
               (SELECT count(*) FROM risk_measure m
                WHERE m.risk_id = r.id AND m.status IN ('gepland', 'in_uitvoering')) AS open_measures
        FROM risk r LEFT JOIN party p ON p.id = r.party_id
        WHERE {where}
        ORDER BY r.status = 'vervallen', party_name, r.category, r.title
        """,
        {"own": OWN} if party_id is None else {"own": OWN, "party": party_id},
    )


DEFAULT_STATUSES = ["open", "beheerst", "geaccepteerd"]  # vervallen risks are history, not exposure


def filter_risks(
    table: pd.DataFrame,
    parties: list[str] | None = None,
    categories: list[str] | None = None,
    owners: list[str] | None = None,
    statuses: list[str] | None = None,
) -> pd.DataFrame:
    """Pure filter over risk_table(): parties by name (OWN for the gemeente's own), codes otherwise."""
    mask = pd.Series(True, index=table.index)
    for column, chosen in (
        ("party_name", parties),
        ("category", categories),
        ("owner", owners),
        ("status", statuses),
    ):
        if chosen:
            mask &= table[column].isin(chosen)
    return table[mask]


@dataclass(frozen=True)
class Selection:
    """The filters of the Risico's page. Statuses narrow the heat maps, the lists and the export; movement and
    overdue reviews look at every status of the chosen parties, categories and owners (their scope)."""

    parties: Sequence[str] = ()
    categories: Sequence[str] = ()
    owners: Sequence[str] = ()
    statuses: Sequence[str] = ()

    def scope(self, table: pd.DataFrame) -> pd.DataFrame:
        return filter_risks(table, list(self.parties), list(self.categories), list(self.owners))

    def shown(self, table: pd.DataFrame) -> pd.DataFrame:
        return filter_risks(self.scope(table), statuses=list(self.statuses))

    def text(self) -> str:
        """'partij: A, B; status: open' for the export's title page; empty when nothing is chosen."""
        chosen = (
            ("partij", self.parties),
            ("categorie", self.categories),
            ("eigenaar", self.owners),
            ("status", self.statuses),
        )
        return "; ".join(f"{name}: {', '.join(map(str, values))}" for name, values in chosen if values)


def requested_risk(table: pd.DataFrame, requested: str | None) -> int | None:
    """The risk a link (?risico=<id>) asks for when it is in `table`; None for no request or an unknown one."""
    if requested and requested.isdigit() and int(requested) in set(table["id"].astype(int)):
        return int(requested)
    return None


def measures_of(measures: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """The measures (with a risk_id column) of the risks in `table`."""
    return measures[measures["risk_id"].isin(table["id"])]


def cell_counts(table: pd.DataFrame, matrix: Matrix, kind: str) -> tuple[list[list[int]], int]:
    """Risks per cell for 'gross' or 'net': counts[impact - 1][likelihood - 1], and how many have no place
    (no score, or a score outside this matrix)."""
    n_l, n_i = matrix.size
    counts = [[0] * n_l for _ in range(n_i)]
    unplaced = 0
    for li, im in zip(table[f"{kind}_likelihood"], table[f"{kind}_impact"], strict=True):
        if pd.isna(li) or pd.isna(im) or not (1 <= int(li) <= n_l and 1 <= int(im) <= n_i):
            unplaced += 1
            continue
        counts[int(im) - 1][int(li) - 1] += 1
    return counts, unplaced


def cell_label(matrix: Matrix, likelihood: int, impact: int, count: int) -> str:
    """'Kans 4 Groot × impact 3 Gemiddeld · Hoog · 10 risico's' for the cell picker."""
    level = matrix.level_labels[matrix.level(likelihood, impact)]
    noun = "risico" if count == 1 else "risico's"
    return (
        f"Kans {likelihood} {matrix.likelihood[likelihood - 1].label} × impact {impact} "
        f"{matrix.impact[impact - 1].label} · {level} · {count} {noun}"
    )


def cell_options(matrix: Matrix, counts: list[list[int]]) -> dict[str, str]:
    """The cells for a picker, in the heat map's reading order (highest impact, then highest likelihood first):
    'kans-impact' (see parse_cell) -> cell_label."""
    n_l, n_i = matrix.size
    return {
        f"{li}-{im}": cell_label(matrix, li, im, counts[im - 1][li - 1])
        for im in range(n_i, 0, -1)
        for li in range(n_l, 0, -1)
    }


def parse_cell(code: str) -> tuple[int, int]:
    """(likelihood, impact) of a cell_options key."""
    likelihood, impact = (int(x) for x in code.split("-"))
    return likelihood, impact


def in_cell(table: pd.DataFrame, kind: str, likelihood: int, impact: int) -> pd.DataFrame:
    return table[(table[f"{kind}_likelihood"] == likelihood) & (table[f"{kind}_impact"] == impact)]


def overdue(table: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Risks whose review date has passed (vervallen ones excluded), longest overdue first, with days_late."""
    live = table[(table["status"] != "vervallen") & table["next_review"].notna()]
    due = pd.to_datetime(live["next_review"]).dt.date
    late = live[due < today].copy()
    late["days_late"] = [(today - d).days for d in pd.to_datetime(late["next_review"]).dt.date]
    return late.sort_values(["days_late", "party_name"], ascending=[False, True])


LIST_COLUMNS = ("Partij", "Risico", "Bruto", "Netto", "Bedrag", "Eigenaar", "Herziening")  # fits a laptop
LATE_COLUMNS = ("Partij", "Risico", "Netto", "Eigenaar", "Status", "Herziening", "Dagen te laat")


def display(
    table: pd.DataFrame, matrix: Matrix, with_party: bool = True, columns: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """Risks as people read them: the cell and its level in words, amounts in Dutch notation. `columns`
    picks and orders the columns (the lists on the Risico's page leave out what the filters already say)."""
    out = pd.DataFrame(index=table.index)
    if with_party:
        out["Partij"] = table["party_name"]
    out["Categorie"] = table["category"].map(labels.RISK_CATEGORIES)
    out["Risico"] = table["title"]
    out["Bruto"] = [
        matrix.cell_text(a, b) for a, b in zip(table["gross_likelihood"], table["gross_impact"], strict=True)
    ]
    out["Netto"] = [matrix.cell_text(a, b) for a, b in zip(table["net_likelihood"], table["net_impact"], strict=True)]
    out["Bedrag"] = table["amount_likely"].map(formatting.euro)
    out["Eigenaar"] = table["owner"].fillna("—")
    out["Status"] = table["status"].map(labels.RISK_STATUS)
    out["Herziening"] = table["next_review"].map(formatting.date)
    if "days_late" in table:
        out["Dagen te laat"] = table["days_late"]
    if columns:
        out = out[[c for c in columns if c in out]]
    return out.reset_index(drop=True)
