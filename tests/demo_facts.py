"""Facts about the demo computed straight from the committed CSVs with pandas, independently of the app's
SQL, so page tests compare what the app shows against a second derivation of the same data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

DEMO = Path(__file__).resolve().parent.parent / "data" / "demo"


def csv(name: str) -> pd.DataFrame:
    """A demo file with empty cells as missing (pd.isna)."""
    return pd.read_csv(DEMO / f"{name}.csv", dtype=str, keep_default_na=False).replace("", pd.NA)


def parties(year: int | None = None) -> pd.DataFrame:
    """All demo parties, or those that existed in `year` (founded no later, ended no earlier)."""
    table = csv("parties")
    if year is None:
        return table
    founded = pd.to_datetime(table["founded"]).dt.year
    ended = pd.to_datetime(table["ended"]).dt.year
    return table[(founded.isna() | (founded <= year)) & (ended.isna() | (ended >= year))]


def verbonden(year: int | None = None) -> pd.DataFrame:
    """The demo parties that are verbonden partijen (art. 1 BBV, written again): bestuurlijk and financieel belang
    both 'true', and not a centrumregeling of which Voorbeeld is itself the centrumgemeente."""
    table = parties(year)
    both = table["control_interest"].isin(["true"]) & table["financial_interest"].isin(["true"])
    own_centre = (table["legal_form"] == "centrumregeling") & table["centre_municipality"].isin(["true"])
    return table[both & ~own_centre]


def figures(year: int) -> pd.DataFrame:
    """Per party the figures of `year`: the jaarrekening where it exists, else the begroting."""
    rows = csv("party_years")
    rows = rows[rows["year"].astype(int) == year].copy()
    rows["rank"] = (rows["kind"] != "jaarrekening").astype(int)
    return rows.sort_values("rank").drop_duplicates("party").set_index("party")


def amount_total(year: int, column: str) -> float:
    """The Overzicht's total of `column` in `year`: verbonden partijen only."""
    fig = figures(year)
    return float(pd.to_numeric(fig[fig.index.isin(verbonden(year)["code"])][column]).fillna(0).sum())


def open_risks_per_category() -> dict[str, int]:
    """Open risks per category: the gemeente's own and those of verbonden partijen."""
    risks = csv("risks")
    risks = risks[(risks["status"] != "vervallen") & (risks["party"].isna() | risks["party"].isin(verbonden()["code"]))]
    return risks["category"].value_counts().to_dict()


BBV_FIGURES = ["interest_begin", "interest_end", "equity_begin", "equity_end", "debt_begin", "debt_end", "result"]


def incomplete_parties(year: int) -> set[str]:
    """Codes of parties missing any art. 15 item in `year` (same rule as governance.bbv, written again)."""
    p = verbonden(year).set_index("code")
    fig = figures(year)
    risks = csv("risks")
    # art. 15 lid 2e: an open financial risk with a kans and an amount (governance.register.bbv; the demo records
    # no dated "geen materiële risico's", and the old undated flag no_material_risks does not count)
    amounts = ("amount_min", "amount_likely", "amount_max")
    amount = pd.concat([pd.to_numeric(risks[c], errors="coerce") for c in amounts], axis=1).fillna(0).max(axis=1)
    material = (
        (risks["category"] == "financieel")
        & (risks["status"] == "open")
        & (risks["probability_pct"].notna() | risks["net_likelihood"].notna())
        & (amount > 0)
    )
    with_risks = set(risks[material & risks["party"].notna()]["party"])
    out = set()
    for code, row in p.iterrows():
        gaps = pd.isna(row["interest_held"]) or pd.isna(row["public_interest"])
        gaps |= code not in fig.index or any(pd.isna(fig.loc[code][c]) for c in BBV_FIGURES)
        gaps |= code not in with_risks
        if gaps:
            out.add(code)
    return out


# -- role signals, derived again from the CSVs (rules as data/demo/README.md "Bewuste signalen" states them) --------
OFFICIAL = {"accounthouder", "adviseur"}


def representations_on(day: str) -> pd.DataFrame:
    """Representations in force on `day` (ISO), joined with their person and party."""
    reps = csv("representations").merge(
        csv("persons").rename(columns={"code": "person", "name": "person_name"}), on="person"
    )
    parties = csv("parties")[["code", "name", "policy_domain", "legal_form"]]
    reps = reps.merge(parties.rename(columns={"code": "party"}), on="party")
    start = pd.to_datetime(reps["start_date"])
    end = pd.to_datetime(reps["end_date"])
    at = pd.Timestamp(day)
    return reps[(start.isna() | (start <= at)) & (end.isna() | (end >= at))]


def role_signals(day: str, max_bodies: int = 6, horizon: int = 90) -> set[tuple[str, str | None, str | None]]:
    """(rule, person code, party code) of every role signal on `day`, written again with pandas."""
    at = pd.Timestamp(day)
    active = representations_on(day)
    seats = active[~active["body"].isin(OFFICIAL | {"overleg"})]  # an overleg is no orgaan
    found: set[tuple[str, str | None, str | None]] = set()
    active = active[active["party"].isin(verbonden()["code"])]  # role signals only for verbonden partijen
    seats = seats[seats["party"].isin(verbonden()["code"])]
    private = {"nv", "bv", "stichting", "vereniging", "cooperatie", "cv"}
    for (person, party), g in active.groupby(["person", "party"]):
        if {"eigenaar", "opdrachtgever"} <= set(g["capacity"]):
            found.add(("dubbele_pet", person, party))
            continue
        board = g[g["body"].isin(["ab", "db", "voorzitter", "bestuur", "rvc"]) & (g["function"] == "wethouder")]
        if board.empty:
            continue
        r = board.iloc[0]
        portfolio_holder = r["legal_form"] in private and r["policy_domain"].lower() in str(r["portfolio"]).lower()
        if "opdrachtgever" in set(g["capacity"]) or portfolio_holder:
            found.add(("twee_petten", person, party))
    forms = csv("parties").set_index("code")["legal_form"]
    for party in verbonden()["code"]:
        here = active[active["party"] == party]
        here_seats = here[~here["body"].isin(OFFICIAL | {"adviescommissie", "overleg"})]  # advising is not deciding
        bodiless = forms[party] in ("centrumregeling", "regeling_zonder_meer")
        if not bodiless and not here_seats["function"].isin(["burgemeester", "wethouder", "raadslid"]).any():
            found.add(("geen_bestuurder", None, party))
        if not (here["body"] == "accounthouder").any():
            found.add(("geen_accounthouder", None, party))
    reps = csv("representations")
    reps = reps[reps["party"].isin(verbonden()["code"])]
    for _, r in reps[reps["end_date"].notna()].iterrows():
        end = pd.Timestamp(r["end_date"])
        others = reps[(reps["party"] == r["party"]) & (reps["body"] == r["body"]) & (reps.index != r.name)]
        later = pd.to_datetime(others["start_date"]) > pd.Timestamp(r["start_date"])
        longer = others["end_date"].isna() | (pd.to_datetime(others["end_date"]) > end)
        if (later & longer).any() or pd.Timestamp(r["start_date"]) > at:
            continue
        if end < at:
            found.add(("termijn_verlopen", r["person"], r["party"]))
        elif (end - at).days <= horizon:
            found.add(("termijn_loopt_af", r["person"], r["party"]))
    for person, n in seats["person"].value_counts().items():
        if n > max_bodies:
            found.add(("te_veel_organen", person, None))
    holders = seats[seats["function"].isin(["burgemeester", "wethouder"])]
    for _, r in holders.iterrows():
        if r["policy_domain"].lower() not in str(r["portfolio"]).lower():
            found.add(("portefeuille", r["person"], r["party"]))
    return found


# The signals data/demo/README.md promises on its reference date, one of each kind.
README_SIGNALS = {
    ("dubbele_pet", "weth-elzinga", "werkbedrijf-voorbeeldland"),
    ("twee_petten", "weth-oosterhof", "sport-voorbeeld"),
    ("geen_accounthouder", None, "sport-voorbeeld"),
    ("termijn_loopt_af", "rl-wijnbergen", "vr-voorbeeldland"),
    ("termijn_verlopen", "ext-stoutjesdijk", "parkeerbedrijf-voorbeeld"),
    ("te_veel_organen", "weth-kamphorst", None),
    ("portefeuille", "weth-demirel", "kredietbank-voorbeeldland"),
}
REFERENCE_DATE = "2026-11-24"
