"""Hostile user text for the 'text is text' tests (issue 11, point 7): strings that Streamlit would render as
Markdown, HTML, a directive or LaTeX if a page passed them on unescaped, stored through the real write path as
party names, risk titles, a werkatelier (title, casus, perspectives, stakeholders, a participant's name and
proposals), and the readers that find where a page shows them.

The image and link strings point at a local HTTP listener (`port`): a browser test asserts that it received no
request, which is what a rendered `![x](http://host/pixel.png)` would send from every phone and the projector."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from streamlit.testing.v1 import AppTest

from governance import register, risks, roles
from governance.core.db import Database
from governance.workshop import access, dotvoting, forcefield, participants
from governance.workshop import session as sessions
from tests import actors
from ui.text import WORD_JOINER, plain

LONG = (
    "Gemeenschappelijke Regeling Samenwerkingsverband Regionale Uitvoeringsdienst voor Vergunningverlening, "
    "Toezicht en Handhaving van de Gemeenten in de Regio Noordoost"
)  # 164 characters, no bidi or zero-width characters: wraps, is never cut short on a page


def texts(port: int) -> dict[str, str]:
    """The hostile strings by kind; image and link aim at the listener on 127.0.0.1:`port`."""
    host = f"http://127.0.0.1:{port}"
    return {
        "image": f"![x]({host}/pixel.png)",
        "link": f"[klik]({host}/x)",
        "html": f"<img src={host}/h.png>",
        "bold": "**vet**",
        "colour": ":red[x]",
        "latex": "$x$",
        "long": LONG,
    }


def marked(port: int) -> dict[str, str]:
    """The strings that Markdown would change (all but the long name)."""
    return {kind: text for kind, text in texts(port).items() if plain(text) != text}


@dataclass(frozen=True)
class Stored:
    """What `store` wrote: the hostile strings, their party ids, risk ids and the werkatelier."""

    texts: dict[str, str]
    parties: dict[str, int]
    risks: dict[str, int]
    code: str
    session_id: int
    key: str  # the projector's signed key
    token: str  # a participant who proposed everything


def store(db: Database, port: int) -> Stored:
    """Write every hostile string through governance's write functions, as the forms would: a party and a risk
    per string, two persons seated in a party, and a werkatelier over them whose title, casus, perspectives,
    stakeholders, participant name and proposals are hostile too. Proposals are open and the projector shows the
    proposals."""
    found = texts(port)
    party_ids = {
        kind: register.create_party(
            db,
            {"name": text, "legal_form": "openbaar_lichaam", "bbv_category": "gemeenschappelijke_regeling"},
            actors.CONTROLLER,
        )
        for kind, text in found.items()
    }
    risk_ids = {
        kind: risks.create_risk(
            db,
            {
                "party_id": party_ids[kind],
                "title": text,
                "category": "financieel",
                "cause": text,
                "owner": text[:100],
                "net_likelihood": 3,
                "net_impact": 4,
                "gross_likelihood": 4,
                "gross_impact": 5,
                "amount_max": 1_000_000,
                "probability_pct": 50,
            },
            actors.CONTROLLER,
        )
        for kind, text in found.items()
    }
    for kind in ("image", "link"):  # persons with hostile names and portfolios, seated in a hostile party
        person = roles.save_person(
            db, {"name": found[kind], "function": "wethouder", "portfolio": found["colour"]}, actors.CONTROLLER
        )
        values = {"person_id": person, "party_id": party_ids["html"], "body": "ab", "capacity": "eigenaar"}
        roles.save_representation(db, {**values, "start_date": dt.date(2024, 1, 1)}, actors.CONTROLLER)
    hostile = [t for t in found.values() if t != LONG]
    created = sessions.create_session(
        db,
        {
            "title": " ".join(hostile[:3]),
            "facilitator": actors.FACILITATOR.name,
            "risk_ids": list(risk_ids.values())[:4],
            "party_ids": list(party_ids.values())[:4],
            "casus": "\n".join(hostile),
            "perspectives": "\n".join(hostile[3:]),
        },
        actors.FACILITATOR,
    )
    code = created["code"]
    token = participants.join(db, code, hostile[3], name=found["bold"])
    sessions.set_proposals_open(db, code, True, actors.FACILITATOR)
    for kind, text in found.items():
        party = party_ids[kind] if kind in list(found)[:4] else party_ids["image"]
        dotvoting.add_proposal(db, code, party, "kort", text, token=token)
        forcefield.save_stakeholder(
            db, code, {"name": text[:80], "influence": 3, "interest": 4, "attitude": "voor"}, actors.FACILITATOR
        )
    sessions.set_screen(db, code, "voorstellen", actors.FACILITATOR)
    return Stored(found, party_ids, risk_ids, code, created["id"], access.projector_key(db, code), token)


# -- what a page under AppTest shows ----------------------------------------------------------------------------
# Fields Streamlit renders as Markdown: bodies of markdown, captions, headings and alerts, every label and help
# text, radio options and segmented-control options. Selectbox and multiselect options, st.text, st.code and
# st.dataframe show text as it is.
MARKDOWN_FIELDS = ("body", "label", "help")
PLAIN_TYPES = {"Text", "Code"}


def _nodes(node: Any) -> list[Any]:
    out = [node]
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            out += _nodes(child)
    return out


def rendered(at: AppTest) -> list[tuple[str, str]]:
    """(element type, string) for every string on the page that Streamlit renders as Markdown, st.table cells and
    column names included."""
    found: list[tuple[str, str]] = []
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "DESCRIPTOR"):
            continue
        kind = proto.DESCRIPTOR.name
        if kind in PLAIN_TYPES:
            continue
        for name in MARKDOWN_FIELDS:
            if name in proto.DESCRIPTOR.fields_by_name:
                value = getattr(proto, name)
                if isinstance(value, str) and value:
                    found.append((kind, value))
        if kind == "Radio":
            found += [(kind, o) for o in proto.options]
        if kind == "ButtonGroup":
            found += [(kind, o.content) for o in proto.options]
        if kind == "Table":
            frame = node.value
            found += [(kind, str(c)) for c in frame.columns]
            found += [(kind, v) for row in frame.itertuples(index=False) for v in row if isinstance(v, str)]
    return found


def shown_plainly(at: AppTest) -> list[str]:
    """Strings the page shows without Markdown: selectbox and multiselect options, st.text and dataframe cells."""
    found: list[str] = []
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "DESCRIPTOR"):
            continue
        kind = proto.DESCRIPTOR.name
        if kind in ("Selectbox", "MultiSelect"):
            found += [
                *getattr(node, "options", []),
                *[str(v) for v in (node.value if isinstance(node.value, list) else [node.value])],
            ]
        elif kind == "Text":
            found.append(proto.body)
        elif kind == "Dataframe":
            frame = node.value
            found += [v for row in frame.itertuples(index=False) for v in row if isinstance(v, str)]
    return found


def chart_strings(at: AppTest) -> list[str]:
    """Every string in the page's plotly figures."""
    out: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for element in at.main.get("plotly_chart") + at.sidebar.get("plotly_chart"):
        walk(json.loads(element.proto.spec))
    return out


def raw_markdown(at: AppTest, port: int) -> list[tuple[str, str, str]]:
    """(kind of hostile text, element type, string) wherever a hostile string reaches a Markdown field as typed:
    there it would render. Empty when every page passes user text through ui.text.plain."""
    hits = []
    for kind, text in marked(port).items():
        for element, value in rendered(at):
            if text in value:
                hits.append((kind, element, value))
    return hits


def raw_chart_html(at: AppTest) -> list[str]:
    """Strings in the page's figures with raw HTML from user text (plotly renders <a>, <b>, <br>, ...)."""
    return [s for s in chart_strings(at) if "<img" in s or "&#" in s or "**vet**<" in s]


def shows(at: AppTest, text: str) -> bool:
    """Whether the page shows `text` as typed: escaped in a Markdown field, or as it is in a plain one."""
    escaped = plain(text)
    return any(escaped in value for _, value in rendered(at)) or any(text in v for v in shown_plainly(at))


def visible(text: str) -> str:
    """`text` as a browser's innerText shows it after ui.text.plain: the invisible word joiners left out."""
    return text.replace(WORD_JOINER, "")
