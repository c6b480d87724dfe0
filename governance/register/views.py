"""Read models of the Register page: DataFrames with Dutch column names and values formatted for reading.

Pure pandas over the database, so they are tested without Streamlit and the page only lays them out.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from governance.core import formatting, labels
from governance.core.db import Database
from governance.register import bbv, verbonden
from governance.register import figures as finance

# The amount column of the register list; the Overzicht's key figures link here with ?kolom=<key>.
MEASURES: dict[str, tuple[str, str]] = {
    "bijdrage": ("Bijdrage", "contribution"),
    "belang": ("Belang 31-12", "interest_end"),
    "leningen": ("Leningen en garanties", "exposure"),
    "risicos": ("Open risico's", "open_risks"),
}
DEFAULT_MEASURE = "bijdrage"


def measure(asked: str | None) -> str:
    """The amount column to show: the one asked for (a ?kolom= link, the user's choice), else the contribution."""
    return asked if asked in MEASURES else DEFAULT_MEASURE


def filter_parties(
    table: pd.DataFrame,
    search: str = "",
    categories: list[str] | None = None,
    legal_forms: list[str] | None = None,
    domains: list[str] | None = None,
    statuses: list[str] | None = None,
    vp_statuses: list[str] | None = None,
    archived: bool = True,
    incomplete_only: bool = False,
    largest_first: str | None = None,
) -> pd.DataFrame:
    """The rows of `register_table` the register list shows: text search on name, code, seat, KvK, openbaar belang
    and beleidsveld; the chosen categories, legal forms, domains, statuses and art. 1 BBV statuses (verbonden partij
    ja / nee / nog te beoordelen); archived parties only when asked;
    only parties with BBV gaps when asked; and largest first on the MEASURES key `largest_first` (someone who
    followed a key figure of the Overzicht wants the parties behind the total first)."""
    mask = pd.Series(True, index=table.index)
    if search.strip():
        needle = search.strip().lower()
        hay = (
            table[["name", "code", "seat", "kvk", "public_interest", "policy_domain"]]
            .fillna("")
            .astype(str)
            .agg(" ".join, axis=1)
            .str.lower()
        )
        mask &= hay.str.contains(needle, regex=False)
    for column, chosen in (
        ("bbv_category", categories),
        ("legal_form", legal_forms),
        ("policy_domain", domains),
        ("status", statuses),
        ("vp_status", vp_statuses),
    ):
        if chosen:
            mask &= table[column].isin(chosen)
    if not archived:
        mask &= table["archived_at"].isna()
    if incomplete_only:
        mask &= table["missing_count"] > 0
    shown = table[mask]
    if largest_first in MEASURES:
        shown = shown.sort_values(MEASURES[largest_first][1], ascending=False, na_position="last")
    return shown


def register_table(db: Database, year: int, include_archived: bool = False) -> pd.DataFrame:
    """Every party with its amounts in `year`, its open risks and its BBV gaps for that year (codes)."""
    parties = db.query(
        """
        SELECT p.*, (SELECT count(*) FROM risk r WHERE r.party_id = p.id AND r.status <> 'vervallen') AS open_risks
        FROM party p
        """
        + ("" if include_archived else "WHERE archived_at IS NULL ")
        + "ORDER BY name"
    )
    figures = finance.figures_for_year(db, year)[["party_id", "contribution", "interest_end", "loans", "guarantees"]]
    figures = figures.assign(
        exposure=figures["loans"].astype("float64").fillna(0) + figures["guarantees"].astype("float64").fillna(0)
    )
    gaps = bbv.gaps(db, year)[["party_id", "missing", "missing_text"]]
    table = parties.merge(figures, left_on="id", right_on="party_id", how="left").drop(columns="party_id")
    table = table.merge(gaps, left_on="id", right_on="party_id", how="left").drop(columns="party_id")
    # Archived parties and parties that are no verbonden partij (or still to be assessed) are outside the yearly
    # check; show them as not checked rather than complete.
    table["missing_count"] = table["missing"].map(lambda m: len(m) if isinstance(m, list) else -1)
    return verbonden.with_status(table)


def determinations(db: Database) -> pd.DataFrame:
    """Every non-archived party with its art. 1 BBV status (`vp_status`), the rule's reason and its own note."""
    return verbonden.with_status(db.query("SELECT * FROM party WHERE archived_at IS NULL ORDER BY name"))


def bbv_status(missing_count: int, vp_status: str = verbonden.VERBONDEN) -> str:
    if vp_status in (verbonden.NOT_VERBONDEN, verbonden.TO_ASSESS):
        return "n.v.t."  # the Verbonden partij column beside it says why
    if missing_count < 0:
        return "niet gecontroleerd"
    if missing_count == 0:
        return "✓ compleet"
    return f"✗ {missing_count} {'ontbreekt' if missing_count == 1 else 'ontbreken'}"


def column_title(measure: str, year: int) -> str:
    title = MEASURES[measure][0]
    return title if measure == "risicos" else f"{title} {year} (€)"


def display(table: pd.DataFrame, year: int, measure: str = "bijdrage") -> pd.DataFrame:
    """The register list as people read it: short labels, one chosen amount (MEASURES), the BBV status."""
    title, column = MEASURES[measure]
    return pd.DataFrame(
        {
            "Naam": table["name"] + table["archived_at"].map(lambda a: " (gearchiveerd)" if pd.notna(a) else ""),
            "Rechtsvorm": table["legal_form"].map(labels.LEGAL_FORMS_SHORT),
            "Categorie": table["bbv_category"].map(labels.BBV_CATEGORIES_SHORT),
            "Beleidsveld": table["policy_domain"].fillna("—"),
            "Status": table["status"].map(labels.PARTY_STATUS),
            "Verbonden partij": table["vp_status"].map(labels.VP_STATUS_SHORT),
            column_title(measure, year): table[column].astype("float64"),
            f"BBV {year}": [bbv_status(n, s) for n, s in zip(table["missing_count"], table["vp_status"], strict=True)],
        }
    )


def party_by_code(db: Database, code: str) -> dict[str, Any] | None:
    found = db.rows("SELECT * FROM party WHERE code = ?", [code])
    return found[0] if found else None


def badges(party: dict[str, Any]) -> list[str]:
    parts = [
        labels.VP_STATUS[verbonden.status(party)],
        labels.LEGAL_FORMS[party["legal_form"]],
        labels.BBV_CATEGORIES[party["bbv_category"]],
        labels.PARTY_STATUS[party["status"]],
    ]
    if party.get("mandatory"):
        parts.append("wettelijk verplicht")
    return parts


def facts(party: dict[str, Any]) -> list[tuple[str, str | None]]:
    """The Algemeen tab as (label, value) pairs: the values as plain text, None when not filled in; the last pair
    is the source address (http(s) only, register.PARTY_SCHEMA) when there is one. The page decides how to show
    them (user text, never Markdown)."""
    f = labels.FIELDS["party"]

    def show(value: Any) -> str | None:
        if value is None or value == "":
            return None
        return formatting.date(value) if hasattr(value, "strftime") else str(value)

    order = [
        "public_interest",
        "interest_held",
        "regeling_name",
        "executing_body",
        "seat",
        "policy_domain",
        "programme",
        "founded",
        "ended",
        "kvk",
        "roo_id",
        "notes",
    ]
    if not (party.get("regeling_name") or party.get("executing_body")):  # shown for regelingen from the register
        order = [name for name in order if name not in ("regeling_name", "executing_body")]
    shown = [(f[name], show(party.get(name))) for name in order]
    if party.get("source_url"):
        shown.append((f["source_url"], str(party["source_url"])))
    return shown


def _euros(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    out = frame.copy()
    for col in columns:
        out[col] = out[col].map(formatting.euro)
    return out


def participants_display(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Deelnemer": frame["deelnemer"] + frame["is_ours"].map(lambda o: " (eigen gemeente)" if o else ""),
            "Soort": frame["kind"].map(labels.ORGANISATION_KINDS),
            "Bestuursorganen": frame["register_bodies"].map(lambda b: b if isinstance(b, str) and b else "—"),
            "Stemverhouding": frame["voting_share"].map(formatting.percent),
            "Aandelen": frame["shares"].map(formatting.number),
            "Verdeelsleutel": frame["cost_share"].map(formatting.percent),
            "Toegetreden": frame["joined"].map(formatting.date),
            "Uitgetreden": frame["left_on"].map(formatting.date),
        }
    )


def years_display(frame: pd.DataFrame) -> pd.DataFrame:
    f = labels.FIELDS["party_year"]
    shown = [
        "interest_begin",
        "interest_end",
        "contribution",
        "equity_begin",
        "equity_end",
        "debt_begin",
        "debt_end",
        "result",
    ]
    out = _euros(frame, shown)
    table = pd.DataFrame({"Jaar": frame["year"].astype(str), "Soort": frame["kind"].map(labels.YEAR_KINDS)})
    for col in shown:
        table[f[col].replace("Financieel belang", "Belang").replace(" vermogen", "V")] = out[col]
    return table


def representations_display(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Naam": frame["name"],
            "Functie": frame["function"].map(labels.FUNCTIONS),
            "Portefeuille": frame["portfolio"],
            "Orgaan": frame["body"].map(labels.BODIES),
            "Rol": frame["capacity"].map(labels.CAPACITIES),
            "Vanaf": frame["start_date"].map(formatting.date),
            "Tot en met": frame["end_date"].map(formatting.date),
        }
    )


# Bestuursorganen as the national register names them -> how a sentence names who took part.
_DEELNEMEND: dict[str, str] = {
    "gemeenteraad": "raad",
    "college van burgemeester en wethouders": "college",
    "burgemeester": "burgemeester",
    "provinciale staten": "provinciale staten",
    "gedeputeerde staten": "gedeputeerde staten",
}


def regeling_kind(bodies: str | None) -> str | None:
    """'Raadsregeling', 'Collegeregeling', 'Burgemeestersregeling' or 'Gemengde regeling (raad en college)' from the
    bestuursorganen the national register lists for one deelnemer; None when the register lists none. It says
    who in the gemeente entered the regeling, and so who answers for it."""
    names = [n.strip().lower() for n in (bodies or "").split(",") if n.strip()]
    known = [_DEELNEMEND[n] for n in names if n in _DEELNEMEND]
    if not names:
        return None
    if len(known) == len(names) == 1:
        return {"raad": "Raadsregeling", "college": "Collegeregeling", "burgemeester": "Burgemeestersregeling"}.get(
            known[0], f"Regeling van {known[0]}"
        )
    shown = known + [n for n in names if n not in _DEELNEMEND]
    if len(shown) == 1:
        return f"Regeling van {shown[0]}"
    return f"Gemengde regeling ({', '.join(shown[:-1])} en {shown[-1]})"


def own_regeling_text(frame: pd.DataFrame) -> str | None:
    """For the party page: which bestuursorganen of our own organisation take part, per the national register."""
    ours = frame[frame["is_ours"].astype(bool)]
    if ours.empty or not isinstance(ours["register_bodies"].iloc[0], str):
        return None
    bodies = ours["register_bodies"].iloc[0]
    return f"{regeling_kind(bodies)}: namens de eigen organisatie nemen deel: {bodies.lower()} (landelijk register)."
