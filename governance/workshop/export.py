"""Results of a werkatelier: an Excel workbook and a one-page HTML summary with the charts.

Excel: every text cell that a spreadsheet would read as a formula (= + - @, tab, CR) gets a leading
apostrophe. HTML: all text escaped, the charts as SVG images rendered locally by kaleido (Debian's
chromium) and embedded as data URIs; no scripts, no network, no CDN.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from governance.core import images, labels
from governance.core.db import Database
from governance.core.excel import neutralise
from governance.workshop import charts as workshopcharts
from governance.workshop import dotvoting as workshop_proposals
from governance.workshop import forcefield as krachtenveld
from governance.workshop import participants, programme, roleview
from governance.workshop import scoring as scale
from governance.workshop import session as sessions
from governance.workshop import signals as warning_signs
from governance.workshop import stats as workshopstats
from governance.workshop import views as workshopview


def safe_cell(value: Any) -> Any:
    """A value as it may go into a spreadsheet cell: text that starts like a formula is neutralised."""
    if isinstance(value, str):
        return neutralise(value)
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()  # numpy scalars
    return value


def results(db: Database, session_id: int) -> dict[str, pd.DataFrame]:
    """The tables of the results, with Dutch headers, one per sheet."""
    session = db.rows("SELECT * FROM workshop_session WHERE id = ?", [session_id])[0]
    items = sessions.items(db, session_id)
    scores = participants.scores(db, session_id)
    labels_by_id = items.set_index("id")["label"]
    per_round = []
    for round_no in sorted(scores["round"].unique()) if not scores.empty else []:
        ranked = workshopstats.disagreement_ranking(workshopstats.item_stats(scores, int(round_no)))
        per_round.append(ranked.assign(round=int(round_no)))
    stats = pd.concat(per_round) if per_round else pd.DataFrame(columns=[*workshopstats.STAT_COLUMNS, "rank", "round"])
    locked = items.set_index("id")
    summary = pd.DataFrame(
        {
            "Ronde": stats["round"],
            "Nr": stats["position"],
            "Onderwerp": [labels_by_id.get(i, "") for i in stats["item_id"]],
            "Stemmen": stats["n"],
            "Mediaan kans": stats["lik_median"],
            "Mediaan impact": stats["imp_median"],
            "IQR kans": stats["lik_iqr"],
            "IQR impact": stats["imp_iqr"],
            "Spreiding": stats["disagreement"],
            "Rang verschil van inzicht": stats["rank"],
            "Beeld": stats["consensus"],
            "Consensus kans": [locked.loc[i, "consensus_likelihood"] for i in stats["item_id"]],
            "Consensus impact": [locked.loc[i, "consensus_impact"] for i in stats["item_id"]],
            "Teruggeschreven": [
                {"net": "netto", "gross": "bruto"}.get(locked.loc[i, "written_back"], "") for i in stats["item_id"]
            ],
        }
    )
    votes = pd.DataFrame(
        {
            "Ronde": scores["round"],
            "Nr": scores["position"],
            "Onderwerp": [labels_by_id.get(i, "") for i in scores["item_id"]],
            "Deelnemer": scores["participant_id"],
            "Perspectief": scores["perspective"],
            "Kans": scores["likelihood"],
            "Impact": scores["impact"],
            "Toelichting": scores["reason"],
        }
    )
    perspectives = workshopview.perspective_table(workshopstats.by_perspective(scores, session["round"]), items)
    ranked = workshop_proposals.proposals(db, session_id)
    proposals = workshopview.proposal_table(ranked)
    forces = workshopview.stakeholder_table(krachtenveld.stakeholders(db, session_id))
    return {
        "Samenvatting": summary,
        "Stemmen": votes,
        "Per perspectief": perspectives,
        "Voorstellen": proposals,
        "Krachtenveld": forces,
        "Signalen": warning_signs.results(db, session_id),
        "Rollen": role_results(db, session_id),
    }


def role_results(db: Database, session_id: int) -> pd.DataFrame:
    """Rolopvatting and rolverwachting per party (median step, gap, verbinder, counts) with the role the group
    agreed on, if any (issue 16 point 7: the results cover every exercise)."""
    table = roleview.gap_table(roleview.gaps(roleview.placements(db, session_id)))
    agreed = {r["party"]: r for r in roleview.agreements(db, session_id).to_dict("records")}
    table["Afgesproken rol"] = [
        labels.GOVERNMENT_ROLES.get(agreed[p]["role"], "") if p in agreed else "" for p in table["Partij"]
    ]
    return table


def to_excel(db: Database, session_id: int) -> bytes:
    session = db.rows("SELECT * FROM workshop_session WHERE id = ?", [session_id])[0]
    book = Workbook()
    info = book.active
    info.title = "Werkatelier"
    for row in [
        ("Werkatelier", session["title"]),
        ("Code", session["code"]),
        ("Facilitator", session["facilitator"]),
        ("Aangemaakt", session["created_at"]),
        ("Rondes", session["round"]),
        ("Casus", session["casus"]),
        ("Schaal", "kans en impact op de risicomatrix (niveau 1 = laagst)"),
        ("Programma", "; ".join(f"{s['position']}. {s['name']}" for s in programme.steps(db, session_id)) or None),
    ]:
        info.append([safe_cell(v) for v in row])
    info.column_dimensions["A"].width, info.column_dimensions["B"].width = 16, 80
    for name, table in results(db, session_id).items():
        sheet = book.create_sheet(name)
        sheet.append([safe_cell(c) for c in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for record in table.itertuples(index=False):
            sheet.append([safe_cell(v) for v in record])
        for i, column in enumerate(table.columns, 1):
            longest = max([len(str(column)), *(len(str(v)) for v in table[column].head(200))], default=10)
            sheet.column_dimensions[get_column_letter(i)].width = min(max(10, longest + 2), 70)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


PAGE_WIDTH = 794  # A4 at 96 dpi, in CSS px: the summary must print and read on it without a side scroll
CHART_WIDTH = 720  # the charts' own width, within the page's margins, so their text is not scaled down


def svgs(figures: list[go.Figure], width: int = CHART_WIDTH) -> list[str]:
    """The figures as SVG text, each at `width` and its own layout height (kaleido + /usr/bin/chromium, one
    browser for the lot); without the height every chart came out 500 px high and ran into the next one."""
    if not figures:
        return []
    try:
        return [images.to_image(fig, "svg", width=width).decode("utf-8") for fig in figures]
    finally:
        images.stop_images()


def _table(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "<p>Geen gegevens.</p>"
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float):
        return workshopview.number(value)
    return str(value)


def _img(svg: str, alt: str) -> str:
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img alt="{html.escape(alt)}" src="data:image/svg+xml;base64,{data}">'


STYLE = """
body { font-family: Arial, sans-serif; color: #1b1b1b; max-width: 760px; margin: 1rem auto; padding: 0 12px; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 1.6rem; border-bottom: 2px solid #154273; }
table { border-collapse: collapse; width: 100%; font-size: .78rem; margin: .5rem 0 1rem; }
th, td { border: 1px solid #bfbfbf; padding: .2rem .3rem; text-align: left; vertical-align: top; }
/* the page is A4 wide: headers may break anywhere, cells between words (or inside a word too long for it) */
th { overflow-wrap: anywhere; hyphens: auto; } td { overflow-wrap: break-word; }
th { background: #f3f5f8; } .note { color: #444; font-size: .9rem; }
img { display: block; max-width: 100%; height: auto; margin: .5rem 0; }
@page { size: A4; margin: 0; }
"""


def summary_html(db: Database, session_id: int) -> str:
    """One self-contained page: scores and spread (matrix), disagreement, consensus, proposals, krachtenveld."""
    session = db.rows("SELECT * FROM workshop_session WHERE id = ?", [session_id])[0]
    model = workshopview.live(db, session_id)
    tables = results(db, session_id)
    last = tables["Samenvatting"]
    last = last[last["Ronde"] == session["round"]].drop(columns="Ronde")
    ranked = workshop_proposals.proposals(db, session_id)
    forces = krachtenveld.stakeholders(db, session_id)
    figures = [
        workshopcharts.matrix(scale.scale(db), model["stats"], model["votes"], True, model["moves"], 620, 16, 14),
        workshopcharts.disagreement(model["ranking"]) if not model["ranking"].empty else None,
        workshopcharts.dots(ranked) if not ranked.empty else None,
        workshopcharts.krachtenveld(forces, 520, 15) if not forces.empty else None,
    ]
    rendered = iter(svgs([f for f in figures if f is not None]))
    images = [next(rendered) if f is not None else None for f in figures]
    title = html.escape(session["title"])
    parts = [
        f"<!doctype html><html lang='nl'><head><meta charset='utf-8'><title>{title}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{title}</h1>",
        f"<p class='note'>Code {html.escape(session['code'])} · facilitator {html.escape(session['facilitator'])} · "
        f"{model['counts']['participants']} deelnemers · ronde {session['round']} · "
        f"samengesteld {dt.datetime.now():%d-%m-%Y %H:%M}</p>",
    ]
    if session["casus"]:
        parts.append(f"<p>{html.escape(session['casus'])}</p>")
    parts.append(f"<h2>Scores en spreiding (ronde {session['round']})</h2>")
    parts.append(
        "<p class='note'>Elk nummer staat op de mediaan van kans en impact; het kruis loopt van het eerste tot "
        "het derde kwartiel; grijze stippen zijn de afzonderlijke stemmen.</p>"
    )
    if images[0]:
        parts.append(_img(images[0], "Risicomatrix met de mediaan en spreiding per onderwerp"))
    if images[1]:
        parts.append(_img(images[1], "Spreiding per onderwerp, meeste verschil van inzicht bovenaan"))
    parts.append("<h2>Consensus</h2>" + _table(last))
    if model["moves"] is not None and not model["moves"].empty:
        parts.append("<h2>Verschuiving tussen rondes</h2>" + _table(workshopview.movement_table(model["moves"])))
    parts.append("<h2>Per perspectief</h2>" + _table(tables["Per perspectief"]))
    parts.append("<h2>Verbetervoorstellen</h2>")
    if images[2]:
        parts.append(_img(images[2], "Voorstellen met de meeste stippen"))
    parts.append(_table(tables["Voorstellen"]))
    parts.append("<h2>Krachtenveld</h2>")
    if images[3]:
        parts.append(_img(images[3], "Krachtenveld: belanghebbenden naar invloed en belang, met houding"))
    parts.append(_table(tables["Krachtenveld"]))
    parts.append("<h2>Waarschuwingssignalen</h2>" + _table(tables["Signalen"]))
    parts.append("<h2>Rolopvatting en rolverwachting</h2>" + _table(tables["Rollen"]))
    parts.append("</body></html>")
    return "\n".join(parts)
