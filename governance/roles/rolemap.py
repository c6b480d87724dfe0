"""Read models of the role map: filters, a deterministic layout (numpy), the person x party matrix, and the
details of one node. Pure pandas over `roles.representation_table` output, tested without Streamlit.

The layout is layered: our organisation on the left, the persons in a column (bestuurders first), the parties
in a column on the right. Parties are ordered by the mean position of the persons who represent the gemeente
there (the barycenter heuristic), which keeps lines from crossing more than they must; ties go by name, so
the same data always gives the same picture.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from governance.core import formatting, labels
from governance.roles import configuration as settings

NONE = "geen"  # stands for "not recorded" in the government-role and participation filters
KINDS: dict[str, str] = {"alle": "Alle", "bestuurlijk": "Bestuurlijk", "ambtelijk": "Ambtelijk"}
X_ORG, X_PERSON, X_PARTY = 0.0, 0.36, 0.74
COLOUR_BY: dict[str, tuple[str, dict[str, str]]] = {
    "government_role": ("Rol van de gemeente", labels.GOVERNMENT_ROLES),
    "participation_level": ("Participatieniveau", labels.PARTICIPATION_LEVELS),
}


def portfolio_options(persons: pd.DataFrame) -> list[str]:
    """The portefeuille parts of the burgemeester and wethouders, for the portefeuille filter."""
    holders = persons[persons["function"].isin(("burgemeester", "wethouder"))]
    items = {item for p in holders["portfolio"] for item in settings.portfolio_items(p)}
    return sorted(items, key=str.lower)


def filter_reps(
    reps: pd.DataFrame,
    persons: Iterable[str] = (),
    parties: Iterable[str] = (),
    capacities: Iterable[str] = (),
    portfolios: Iterable[str] = (),
    government_roles: Iterable[str] = (),
    participation_levels: Iterable[str] = (),
    kind: str = "alle",
) -> pd.DataFrame:
    """Representations matching every filter given; an empty filter lets everything through. Persons and
    parties are codes; a portefeuille matches a person whose portfolio names it; NONE matches "not recorded"."""
    mask = pd.Series(True, index=reps.index)
    persons, parties, capacities = list(persons), list(parties), list(capacities)
    if persons:
        mask &= reps["person_code"].isin(persons)
    if parties:
        mask &= reps["party_code"].isin(parties)
    if capacities:
        mask &= reps["capacity"].isin(capacities)
    wanted = list(portfolios)
    if wanted:
        items = reps["portfolio"].map(lambda p: {i.lower() for i in settings.portfolio_items(p)})
        mask &= items.map(lambda have: any(w.lower() in have for w in wanted))
    for column, chosen in (("government_role", government_roles), ("participation_level", participation_levels)):
        chosen = list(chosen)
        if chosen:
            mask &= reps[column].fillna(NONE).isin(chosen)
    if kind == "bestuurlijk":
        mask &= ~reps["body"].isin(labels.OFFICIAL_BODIES)
    elif kind == "ambtelijk":
        mask &= reps["body"].isin(labels.OFFICIAL_BODIES)
    return reps[mask]


@dataclass(frozen=True)
class Layout:
    """Node positions: `nodes` has key, kind (org/person/party), code, name, x, y and the party's stance."""

    nodes: pd.DataFrame
    edges: pd.DataFrame  # one row per person x party x capacity: bodies joined, hover text


def _spread(n: int) -> np.ndarray:
    """n positions from top (1) to bottom (0), evenly; one node sits in the middle."""
    return np.array([0.5]) if n == 1 else np.linspace(1.0, 0.0, n)


def layout(reps: pd.DataFrame, org_name: str) -> Layout:
    """Positions for the persons and parties in `reps` (already filtered and valid on one date)."""
    function_rank = {f: i for i, f in enumerate(labels.FUNCTIONS)}
    people = (
        reps.drop_duplicates("person_code")[["person_code", "person_name", "function", "portfolio"]]
        .assign(rank=lambda f: f["function"].map(function_rank))
        .sort_values(["rank", "person_name"])
        .reset_index(drop=True)
    )
    parties = reps.drop_duplicates("party_code")[
        ["party_code", "party_name", "policy_domain", "government_role", "participation_level"]
    ]
    pairs = reps[["person_code", "party_code"]].drop_duplicates()

    def barycenters(order: pd.Series, of: str, by: str) -> pd.Series:
        pos = pairs.assign(pos=pairs[by].map(order))
        return pos.groupby(of)["pos"].mean()

    # one sweep each way: parties by their persons, persons (within their function) by their parties, parties again
    person_pos = pd.Series(np.arange(len(people), dtype=float), index=people["person_code"])
    parties = _order(parties, "party_code", "party_name", barycenters(person_pos, "party_code", "person_code"))
    party_pos = pd.Series(np.arange(len(parties), dtype=float), index=parties["party_code"])
    people["bary"] = people["person_code"].map(barycenters(party_pos, "person_code", "party_code"))
    people = people.sort_values(["rank", "bary", "person_name"]).reset_index(drop=True)
    person_pos = pd.Series(np.arange(len(people), dtype=float), index=people["person_code"])
    parties = _order(parties, "party_code", "party_name", barycenters(person_pos, "party_code", "person_code"))

    nodes = pd.concat(
        [
            pd.DataFrame([{"key": "org", "kind": "org", "code": "", "name": org_name, "x": X_ORG, "y": 0.5}]),
            pd.DataFrame(
                {
                    "key": "person:" + people["person_code"],
                    "kind": "person",
                    "code": people["person_code"],
                    "name": people["person_name"],
                    "function": people["function"],
                    "portfolio": people["portfolio"],
                    "x": X_PERSON,
                    "y": _spread(len(people)) if len(people) else [],
                }
            ),
            pd.DataFrame(
                {
                    "key": "party:" + parties["party_code"],
                    "kind": "party",
                    "code": parties["party_code"],
                    "name": parties["party_name"],
                    "policy_domain": parties["policy_domain"],
                    "government_role": parties["government_role"],
                    "participation_level": parties["participation_level"],
                    "x": X_PARTY,
                    "y": _spread(len(parties)) if len(parties) else [],
                }
            ),
        ],
        ignore_index=True,
    )
    return Layout(nodes=nodes, edges=_edges(reps))


def _order(frame: pd.DataFrame, code: str, name: str, bary: pd.Series) -> pd.DataFrame:
    return (
        frame.assign(bary=frame[code].map(bary).fillna(0.0))
        .sort_values(["bary", name, code])
        .drop(columns="bary")
        .reset_index(drop=True)
    )


def _edges(reps: pd.DataFrame) -> pd.DataFrame:
    """One row per person x party x capacity, with its bodies (short, in code-list order) and hover text."""
    columns = ["person_code", "party_code", "capacity", "bodies", "hover"]
    if reps.empty:
        return pd.DataFrame(columns=columns)
    order = {b: i for i, b in enumerate(labels.BODIES)}
    grouped = (
        reps.assign(rank=reps["body"].map(order))
        .sort_values("rank")
        .groupby(["person_code", "party_code", "capacity"], sort=True)
        .agg(person_name=("person_name", "first"), party_name=("party_name", "first"), body=("body", list))
        .reset_index()
    )
    grouped["bodies"] = grouped["body"].map(lambda bs: ", ".join(labels.BODIES_SHORT[b] for b in bs))
    grouped["hover"] = [
        f"{html.escape(str(person), quote=False)} → {html.escape(str(party), quote=False)}<br>"
        f"{', '.join(labels.BODIES[b] for b in bodies)}<br>rol: {labels.CAPACITIES[capacity]}"
        for person, party, bodies, capacity in zip(
            grouped["person_name"], grouped["party_name"], grouped["body"], grouped["capacity"], strict=True
        )
    ]
    return grouped[columns]


# -- the matrix ------------------------------------------------------------------------------------------------
def short_person(name: str) -> str:
    """'Sanne Elzinga' -> 'S. Elzinga', 'Bas van der Meulen' -> 'B. van der Meulen': narrow matrix columns."""
    parts = str(name).split()
    return name if len(parts) < 2 else f"{parts[0][0]}. {' '.join(parts[1:])}"


# The matrix is split by kind of person so each part fits a projector (and a laptop) without scrolling sideways.
MATRIX_GROUPS: dict[str, tuple[str, ...]] = {
    "College (burgemeester en wethouders)": ("burgemeester", "wethouder"),
    "Raadsleden": ("raadslid",),
    "Ambtelijke organisatie": ("gemeentesecretaris", "ambtenaar"),
    "Op voordracht van de gemeente": ("overig",),
}


def _cells(reps: pd.DataFrame) -> pd.DataFrame:
    """Party x person text cells: the bodies per role, in the order of the code lists, e.g. 'AB, DB eigenaar'
    or 'AB eigenaar; DB opdrachtgever'."""
    body_rank = {b: i for i, b in enumerate(labels.BODIES)}
    capacity_rank = {c: i for i, c in enumerate(labels.CAPACITIES)}
    per_role = (
        reps.assign(b=reps["body"].map(body_rank), c=reps["capacity"].map(capacity_rank))
        .drop_duplicates(["party_name", "person_code", "capacity", "body"])
        .sort_values(["c", "b"])
        .assign(short=lambda f: f["body"].map(labels.BODIES_SHORT))
        .groupby(["party_name", "person_code", "c", "capacity"], sort=True)["short"]
        .agg(", ".join)
        .reset_index()
    )
    per_role["part"] = per_role["short"] + " " + per_role["capacity"]
    return per_role.groupby(["party_name", "person_code"], sort=True)["part"].agg("; ".join).unstack("person_code")


MAP_ONE_CATEGORY_FROM = 13  # from this many parties the map shows one BBV category at a time (chosen above it)
ALL_CATEGORIES = "alle"


def categories_present(reps: pd.DataFrame) -> dict[str, str]:
    """The BBV categories with representations, in the law's order, labelled with their party count; plus 'alle'."""
    counts = reps.drop_duplicates("party_code")["bbv_category"].value_counts()
    out = {c: f"{name} ({counts[c]})" for c, name in labels.BBV_CATEGORIES.items() if counts.get(c)}
    return {**out, ALL_CATEGORIES: f"Alle ({int(counts.sum())})"}


def default_category(reps: pd.DataFrame, limit: int = MAP_ONE_CATEGORY_FROM) -> str:
    """'alle' while the map stays readable; beyond `limit` parties the category with the most parties (the law's
    order breaks ties): with ~30 parties and ~80 lines a single map is a tangle."""
    parties = reps.drop_duplicates("party_code")
    if len(parties) < limit:
        return ALL_CATEGORIES
    counts = parties["bbv_category"].value_counts()
    order = [c for c in labels.BBV_CATEGORIES if counts.get(c)]
    return max(order, key=lambda c: (counts[c], -order.index(c))) if order else ALL_CATEGORIES


def in_category(reps: pd.DataFrame, category: str | None) -> pd.DataFrame:
    return reps if category in (None, ALL_CATEGORIES) else reps[reps["bbv_category"] == category]


MAP_PARTIES = 40  # parties on the role map without a party filter: beyond this the map is a tangle


def busiest_parties(reps: pd.DataFrame, limit: int = MAP_PARTIES) -> tuple[pd.DataFrame, int]:
    """The representations of the `limit` parties with the most seats (ties by name), and how many parties
    there were: a large register's map shows where the gemeente sits most, the filter reaches the others."""
    counts = reps.groupby(["party_code", "party_name"]).size().reset_index(name="seats")
    total = len(counts)
    if total <= limit:
        return reps, total
    keep = counts.sort_values(["seats", "party_name"], ascending=[False, True], kind="stable").head(limit)
    return reps[reps["party_code"].isin(set(keep["party_code"]))], total


def matrices(reps: pd.DataFrame, max_columns: int = 7) -> list[tuple[str, pd.DataFrame]]:
    """The person x party matrix in parts: per group of MATRIX_GROUPS, at most `max_columns` persons each
    (a large group is split evenly), only the parties where someone of that part sits."""
    out = []
    for title, functions in MATRIX_GROUPS.items():
        part = reps[reps["function"].isin(functions)]
        people = part.drop_duplicates("person_code").sort_values(
            ["function", "person_name"], key=lambda s: s.map(functions.index) if s.name == "function" else s
        )
        if people.empty:
            continue
        chunks = np.array_split(np.arange(len(people)), -(-len(people) // max_columns))
        for n, chunk in enumerate(chunks, start=1):
            codes = list(people["person_code"].iloc[chunk])
            name = title if len(chunks) == 1 else f"{title} ({n} van {len(chunks)})"
            out.append((name, matrix(part[part["person_code"].isin(codes)])))
    return out


def matrix(reps: pd.DataFrame) -> pd.DataFrame:
    """Parties down, persons across (bestuurders first), each cell the bodies and roles as text, e.g.
    'AB eigenaar; DB opdrachtgever'. Empty where the person has no seat at that party."""
    if reps.empty:
        return pd.DataFrame({"Partij": []})
    function_rank = {f: i for i, f in enumerate(labels.FUNCTIONS)}
    people = (
        reps.drop_duplicates("person_code")
        .assign(rank=lambda f: f["function"].map(function_rank))
        .sort_values(["rank", "person_name"])
    )
    cells = _cells(reps)
    cells = cells.reindex(columns=list(people["person_code"])).fillna("")
    headers = dict(zip(people["person_code"], people["person_name"].map(short_person), strict=True))
    cells = cells.rename(columns=headers).rename_axis(columns=None).reset_index()
    return cells.rename(columns={"party_name": "Partij"})


# -- details of one node ---------------------------------------------------------------------------------------
def seats_display(reps: pd.DataFrame, by: str) -> pd.DataFrame:
    """Representations as a table for a person's (by='party') or a party's (by='person') detail panel."""
    other = {"party": ("Partij", "party_name"), "person": ("Persoon", "person_name")}[by]
    return pd.DataFrame(
        {
            other[0]: reps[other[1]],
            "Orgaan": reps["body"].map(labels.BODIES),
            "Rol": reps["capacity"].map(labels.CAPACITIES),
            "Vanaf": reps["start_date"].map(formatting.date),
            "Tot en met": reps["end_date"].map(formatting.date),
        }
    )


def stance_text(government_role: str | None, participation_level: str | None) -> str:
    def show(value: str | None, names: dict[str, str]) -> str:
        return names[value] if isinstance(value, str) and value in names else "niet vastgelegd"

    return (
        f"Rol van de gemeente: {show(government_role, labels.GOVERNMENT_ROLES)} · "
        f"participatieniveau: {show(participation_level, labels.PARTICIPATION_LEVELS)}"
    )


def summary_text(reps: pd.DataFrame, on: dt.date) -> str:
    """'Op 24-11-2026: 9 personen, 28 partijen, 41 vertegenwoordigingen' for the caption under the map."""
    persons = reps["person_code"].nunique()
    parties = reps["party_code"].nunique()
    return (
        f"Op {formatting.date(on)}: {persons} {'persoon' if persons == 1 else 'personen'}, "
        f"{parties} {'partij' if parties == 1 else 'partijen'}, {len(reps)} "
        f"{'vertegenwoordiging' if len(reps) == 1 else 'vertegenwoordigingen'}."
    )


# -- tables of the Rollen page --------------------------------------------------------------------------------
def representations_display(reps: pd.DataFrame) -> pd.DataFrame:
    """Every representation as the beheer tab lists it: who, where, which body and role, from/to."""
    table = seats_display(reps, "person")
    table.insert(1, "Partij", reps["party_name"].to_numpy())
    return table


def persons_display(persons: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Naam": persons["name"],
            "Functie": persons["function"].map(labels.FUNCTIONS),
            "Portefeuille": persons["portfolio"].fillna(""),
            "E-mail": persons["email"].fillna(""),
        }
    )


def accepted_display(accepted: pd.DataFrame) -> pd.DataFrame:
    """Accepted signals (rolesignals.signals rows with acknowledged) with the reason, who and when."""
    return pd.DataFrame(
        {
            "Signaal": accepted["title"],
            "Toelichting": accepted["text"],
            "Reden": accepted["ack_reason"],
            "Door": accepted["ack_by"],
            "Op": accepted["ack_at"].map(formatting.date),
        }
    )
