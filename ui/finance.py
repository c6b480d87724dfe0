"""The sections of the Financiën page (kengetallen across parties, financial signals with accept and history,
the thresholds) and the small pieces on the party page and on Overzicht. Streamlit only; governance.finance
decides."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from governance import finance
from governance.core import formatting, labels, validation
from governance.core.db import Database
from ui import amounts, data, forms, nav, state
from ui.text import plain

# Widths that fit a 1366 px laptop next to the sidebar.
WIDTHS = {"Naam": 230, "Bron": 125, "Jaar": 60}


def _column_config(frame: pd.DataFrame) -> dict[str, Any]:
    config: dict[str, Any] = {}
    for column in frame.columns:
        if column in WIDTHS:
            config[column] = st.column_config.TextColumn(width=WIDTHS[column])
        else:  # numbers in the browser's (Dutch) notation, as on the Register
            width = 165 if column == "Leningen en garanties €" else 120
            config[column] = st.column_config.NumberColumn(format="localized", width=width)
    return config


# -- kengetallen -----------------------------------------------------------------------------------------------
def kengetallen_section(year: int) -> None:
    """The kengetallen of every verbonden partij in `year`, sortable; an empty state without parties."""
    table = data.read(finance.year_table, year)
    st.subheader(f"Kengetallen {year}")
    if table.empty:
        st.info(
            f"Voor {year} zijn er nog geen verbonden partijen (art. 1 BBV) in het register. Bepaal in het Register "
            "welke partijen verbonden partijen zijn en voer hun jaarcijfers in; de kengetallen verschijnen dan hier."
        )
        return
    with_figures = int(table["source"].notna().sum())
    if with_figures == 0:
        st.info(
            f"Nog geen jaarcijfers voor {year}: van de {len(table)} verbonden partijen is geen begroting of "
            "jaarrekening ingevoerd. Voer ze in bij de partij in het Register (tab Financiën) of lees ze in bij "
            "Gegevens en logboek; de kengetallen verschijnen dan hier. De signalen noemen welke cijfers ontbreken."
        )
        return
    st.caption(
        f"{with_figures} van {len(table)} verbonden partijen met cijfers voor {year}. De jaarrekening gaat voor de "
        f"begroting; de kolom Bron zegt waar elk getal vandaan komt. Een leeg vak: {finance.MISSING}. Klik op een "
        "kolomkop om te sorteren."
    )
    view = st.segmented_control("Toon", list(finance.VIEWS), default=list(finance.VIEWS)[0], key="fin-view")
    shown = finance.display(table, view or list(finance.VIEWS)[0])
    st.dataframe(
        shown, hide_index=True, column_config=_column_config(shown), placeholder=finance.MISSING, key="fin-table"
    )


def party_panel(party: dict[str, Any], year: int) -> None:
    """Party page, tab Financiën: the party's open financial signals of `year` and its kengetallen."""
    found = data.read(finance.signals, year, None, [int(party["id"])])
    mine = found[~found["acknowledged"]]
    if not mine.empty:
        with st.container(border=True):  # not st.warning: the form's own warnings (a stale save) come first
            st.markdown(f"**Open financiële signalen {year}**")
            lines = [f"- :material/warning: **{r['title']}** — {plain(r['text'])}" for r in mine.to_dict("records")]
            st.markdown("\n".join(lines))
            st.page_link(str(nav.PAGES / "financien.py"), label="Signalen accepteren op Financiën")
    party_kengetallen(party)


def party_kengetallen(party: dict[str, Any]) -> None:
    """The kengetallen of one party (party page): per figure its newest value with its source and a sparkline
    over the last years; every figure of every year in an expander below, newest first."""
    table = data.read(finance.table, None, [int(party["id"])])
    st.markdown("**Kengetallen**")
    if table.empty:
        st.caption(f"Kengetallen: {finance.MISSING} (nog geen jaarcijfers ingevoerd).")
        return
    trend = finance.trend_rows(table)
    if not trend:
        st.caption(f"Kengetallen: {finance.MISSING} (de ingevoerde jaren hebben geen vermogen, resultaat of bijdrage).")
    else:
        years = [y for y, _ in trend[0]["points"]]
        st.caption(
            f"Laatst bekende waarde en het verloop {years[0]}–{years[-1]}; een jaar zonder het cijfer is een gat in "
            "de lijn."
        )
        with st.container(border=True, key=f"fin-trend-{party['id']}"):
            for row in trend:
                c1, c2, c3 = st.columns([3, 3, 3], vertical_alignment="center")
                c1.markdown(f"**{row['label']}**")
                c2.markdown(f"{row['text']}  \n:gray[{row['source']}]")
                c3.plotly_chart(
                    finance.sparkline(row),
                    config={"displayModeBar": False, "staticPlot": False},
                    key=f"fin-spark-{party['id']}-{row['column']}",
                )
    newest = table.sort_values("year", ascending=False)
    with st.expander("Alle kengetallen per jaar"):
        for n, view in enumerate(finance.VIEWS):
            shown = finance.display(newest, view, by_year=True)
            st.dataframe(
                shown,
                hide_index=True,
                column_config=_column_config(shown),
                placeholder=finance.MISSING,
                key=f"fin-party-{party['id']}-{n}",
            )


def party_reserve(db: Database, party: dict[str, Any], year: int) -> None:
    """Party page, tab Financiën: the reserve and the party's own norm for it per year, and (register rights) a
    form for one year and kind. The kengetal 'Reserve tegen eigen norm' and its signal use them."""
    pid = int(party["id"])
    st.subheader("Reserve en eigen norm")
    stored = data.read(finance.party_reserves, pid)
    if stored.empty:
        st.caption(
            "Nog geen reserve ingevoerd. Vul de algemene reserve (of het weerstandsvermogen) in en de norm die de "
            "partij er zelf voor heeft vastgesteld; ligt de reserve onder de norm, dan volgt een financieel signaal."
        )
    else:
        st.dataframe(
            pd.DataFrame(
                {
                    "Jaar": [str(int(y)) for y in stored["year"]],
                    "Soort": [labels.YEAR_KINDS.get(k, k) for k in stored["kind"]],
                    "Reserve €": pd.array([None if pd.isna(r) else float(r) for r in stored["reserve"]], "Float64"),
                    "Norm €": pd.array([None if pd.isna(r) else float(r) for r in stored["norm"]], "Float64"),
                    "Brondocument": stored["source_document"],
                }
            ),
            hide_index=True,
            column_config={c: st.column_config.NumberColumn(format="localized") for c in ("Reserve €", "Norm €")},
            placeholder=finance.MISSING,
            key=f"fin-reserves-{pid}",
        )
    if not state.may("register"):
        return
    c1, c2 = st.columns(2)
    known = sorted({*stored["year"].astype(int).tolist(), year})
    pick_year = c1.selectbox("Jaar", known + [known[-1] + 1], index=known.index(year), key=f"fr-y-{pid}")
    kinds = list(labels.YEAR_KINDS)
    kind = c2.selectbox("Soort", kinds, index=len(kinds) - 1, format_func=labels.YEAR_KINDS.get, key=f"fr-k-{pid}")
    form = forms.opened(f"fr-{pid}-{pick_year}-{kind}", lambda: finance.get_reserve(db, pid, pick_year, kind))
    record = form.record or {}
    with st.form(f"reserve-{pid}-{pick_year}-{kind}", enter_to_submit=False):
        a, b = st.columns(2)
        values = {
            "year": pick_year,
            "kind": kind,
            "reserve": amounts.number_field(a, "Reserve (€)", record.get("reserve"), f"{form.prefix}-reserve"),
            "norm": amounts.number_field(b, "Norm van de partij (€)", record.get("norm"), f"{form.prefix}-norm"),
            "source_document": st.text_input(
                "Brondocument", record.get("source_document") or "", key=f"{form.prefix}-src"
            ),
        }
        if st.form_submit_button("Reserve opslaan", type="primary") and forms.save(
            lambda: finance.save_reserve(db, pid, values, state.actor(), form.record),
            f"De reserve {labels.YEAR_KINDS[kind].lower()} {pick_year} is opgeslagen.",
            form,
        ):
            st.rerun()


# -- signals ---------------------------------------------------------------------------------------------------
def signals_section(db: Database, year: int) -> None:
    """Open financial signals per rule with the figure, a form to accept one with a reason, the accepted ones
    (with a form to withdraw), the history and the rules."""
    found = data.read(finance.signals, year)
    current = data.read(finance.settings)
    open_ = found[~found["acknowledged"]]
    accepted = found[found["acknowledged"]]
    st.subheader(f"Financiële signalen {year}")
    c1, c2, _ = st.columns([1, 1, 2])
    c1.metric("Open signalen", len(open_), help="Financiële signalen die niet zijn geaccepteerd.")
    c2.metric("Geaccepteerd", len(accepted), help="Signalen die iemand met een reden heeft geaccepteerd.")
    if open_.empty:
        st.success(f"Geen open financiële signalen voor {year}.")
    for rule, (title, _) in finance.RULES.items():
        group = open_[open_["rule"] == rule]
        if group.empty:
            continue
        with st.container(border=True):
            st.markdown(f":material/warning: **{title}** — {len(group)} {'signaal' if len(group) == 1 else 'signalen'}")
            st.caption("Regel: " + finance.rule_text(rule, current))
            st.markdown("\n".join(f"- {plain(t)}" for t in group["text"]))
    if not open_.empty:
        _accept_form(db, open_)
    st.markdown(f"**Geaccepteerd ({len(accepted)})**")
    if accepted.empty:
        st.caption("Er zijn geen geaccepteerde financiële signalen voor dit jaar.")
    else:
        shown = pd.DataFrame(
            {
                "Signaal": accepted["title"],
                "Toelichting": accepted["text"],
                "Reden": accepted["ack_reason"],
                "Door": accepted["ack_by"],
                "Op": [formatting.date(d) for d in accepted["ack_at"]],
            }
        )
        st.dataframe(shown, hide_index=True, column_config={"Toelichting": st.column_config.TextColumn(width="large")})
        _withdraw_form(db, accepted)
    with st.expander("Geschiedenis (accepteren en intrekken)"):
        history = data.read(finance.history)
        if history.empty:
            st.caption("Nog niets geaccepteerd of ingetrokken.")
        else:
            st.dataframe(
                pd.DataFrame(
                    {
                        "Wanneer": [formatting.date(d) for d in history["logged_at"]],
                        "Wie": history["actor"],
                        "Wat": history["action"],
                        "Signaal": history["signal_key"],
                        "Reden": history["reason"],
                    }
                ),
                hide_index=True,
            )
    with st.expander("Alle regels achter de signalen"):
        for rule, (title, _) in finance.RULES.items():
            st.markdown(f"**{title}.** {plain(finance.rule_text(rule, current))}")


def _choices(found: pd.DataFrame) -> dict[str, str]:
    return dict(zip(found["key"], found["title"] + ": " + found["text"], strict=True))


def _accept_form(db: Database, open_: pd.DataFrame) -> None:
    if not state.may("register"):
        return
    with st.form("fin-accept", enter_to_submit=False):
        st.markdown("**Signaal accepteren** — het verdwijnt dan uit de open signalen en komt onder *Geaccepteerd*.")
        rows = _choices(open_)
        key = st.selectbox("Signaal", list(rows), format_func=rows.get, key="fin-accept-key")
        reason = st.text_area("Reden (komt in het logboek)", key="fin-accept-reason", height=80)
        if st.form_submit_button("Accepteren", type="primary") and forms.save(
            lambda: finance.acknowledge(db, key, reason, state.actor()), "Het signaal is geaccepteerd."
        ):
            st.rerun()


def _withdraw_form(db: Database, accepted: pd.DataFrame) -> None:
    if not state.may("register"):
        return
    with st.form("fin-withdraw", enter_to_submit=False):
        rows = _choices(accepted)
        key = st.selectbox("Acceptatie intrekken van", list(rows), format_func=rows.get, key="fin-withdraw-key")
        reason = st.text_input("Reden (komt in het logboek)", key="fin-withdraw-reason")
        if st.form_submit_button("Intrekken") and forms.save(
            lambda: finance.withdraw(db, key, state.actor(), reason), "De acceptatie is ingetrokken."
        ):
            st.rerun()


# -- thresholds ------------------------------------------------------------------------------------------------
def settings_section(db: Database) -> None:
    """The thresholds with their source; a beheerder changes them (stale check through ui.forms)."""
    current = data.read(finance.settings)
    with st.expander("Grenzen van de signalen"):
        st.caption(
            "Geen wet legt deze grenzen vast. De standaardwaarden komen uit de praktijk en zeggen dat; een gemeente "
            "stelt haar eigen grenzen in."
        )
        rows = finance.setting_rows(current)
        st.dataframe(
            pd.DataFrame(
                {
                    "Grens": [r["label"] for r in rows],
                    "Waarde": [current.shown(r["name"]) for r in rows],
                    "Bron": [r["source"] for r in rows],
                }
            ),
            hide_index=True,
            column_config={"Bron": st.column_config.TextColumn(width="large")},
        )
        if not state.may("settings"):
            return
        form = forms.opened("fin-settings", lambda: finance.setting_row(db))
        with st.form("fin-settings-form", enter_to_submit=False):
            typed = {}
            cols = st.columns(3)
            for n, (name, spec) in enumerate(finance.SETTING_FIELDS.items()):
                money = name == "begroting_total"
                key = f"{form.prefix}-{name}"
                typed[name] = amounts.number_field(cols[n % 3], spec[0], getattr(current, name), key, money=money)
            # only what was changed becomes the gemeente's own setting; the rest keeps its default and source
            changed = {n: t for n, t in typed.items() if not _same(t, getattr(current, n))}
            if st.form_submit_button("Grenzen opslaan", type="primary") and forms.save(
                lambda: finance.save(db, changed, state.actor(), form.record), "De grenzen zijn opgeslagen.", form
            ):
                st.rerun()


def _same(typed: str, value: float | None) -> bool:
    try:
        read = validation.read_typed(typed)
    except ValueError:
        return False  # the save reports it
    return (read is None and value is None) or (read is not None and value is not None and float(read) == value)


# -- Overzicht -------------------------------------------------------------------------------------------------
def open_signals_line(year: int) -> None:
    """Overzicht: how many financial signals are open for `year`, linking to Financiën."""
    found = data.read(finance.signals, year)
    count = int((~found["acknowledged"]).sum())
    text = (
        f"{count} open financiële {'signaal' if count == 1 else 'signalen'}"
        if count
        else "Geen open financiële signalen"
    )
    st.page_link(
        str(nav.PAGES / "financien.py"), label=f"{text} voor {year}", icon=":material/warning:" if count else None
    )
