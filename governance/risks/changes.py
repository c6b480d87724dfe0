"""The history of a risk from the audit log, and the movement of the register between two dates."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pandas as pd

from governance import register
from governance.core import labels
from governance.core.db import Database, audit_of
from governance.risks import matrix as risks_matrix
from governance.risks import matrix_setting
from governance.risks.matrix import Matrix
from governance.risks.records import OWN
from governance.risks.tables import risk_table

# -- history -------------------------------------------------------------------------------------------
HIDDEN = frozenset({"id", "version", "created_at", "updated_at", "risk_id"})


def history(db: Database, risk_id: int) -> pd.DataFrame:
    """Every audited change of a risk and of its measures, newest first, in words."""
    rows = db.rows(
        """
        SELECT logged_at, actor, action, entity, entity_id, before, after, reason FROM audit_log
        WHERE (entity = 'risk' AND entity_id = ?)
           OR (entity = 'risk_measure'
               AND json_extract_string(coalesce(after, before), '$.risk_id') = ?)
        ORDER BY logged_at DESC, id DESC
        """,
        [str(risk_id), str(risk_id)],
    )
    names = {"party": {int(p["id"]): p["name"] for p in db.rows("SELECT id, name FROM party")}}
    out = []
    for r in rows:
        before = json.loads(r["before"]) if r["before"] else None
        after = json.loads(r["after"]) if r["after"] else None
        what = "Risico"
        if r["entity"] == "risk_measure":
            described = (after or before or {}).get("description")
            what = f"Maatregel: {register.value_text('risk_measure', 'description', described)}"
        out.append(
            {
                "Tijdstip": r["logged_at"].strftime("%d-%m-%Y %H:%M"),
                "Door": r["actor"],
                "Actie": register.ACTIONS.get(r["action"], r["action"]),
                "Onderdeel": what,
                "Wijziging": register.change_text(r["entity"], before, after, names, HIDDEN),
                "Reden": r["reason"] or "",
            }
        )
    return pd.DataFrame(out, columns=["Tijdstip", "Door", "Actie", "Wijziging", "Onderdeel", "Reden"])


def conflict_display(entity: str, changes: dict[str, tuple[Any, Any]]) -> pd.DataFrame:
    """What someone else changed between loading and saving (from ConflictError.changes), in words."""
    return pd.DataFrame(
        [
            {
                "Veld": labels.field(entity, name),
                "Toen u het opende": register.value_text(entity, name, _iso(then)),
                "Nu opgeslagen": register.value_text(entity, name, _iso(now)),
            }
            for name, (then, now) in changes.items()
        ],
        columns=["Veld", "Toen u het opende", "Nu opgeslagen"],
    )


def _iso(value: Any) -> Any:
    """Dates from the database as ISO text, as _show expects them from the audit log."""
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


# -- movement between two dates (from the audit log) ----------------------------------------------------------
def _state_at(rows: list[dict[str, Any]], when: dt.datetime) -> dict[str, Any] | None:
    """A risk as it was at `when`, replayed from its audit rows (oldest first). A risk registered with an
    earlier creation date than its first audit row (an import, the demo) counts as existing from that date."""
    last = None
    for r in rows:
        if r["logged_at"] <= when:
            last = r
        else:
            break
    if last is not None:
        return json.loads(last["after"]) if last["after"] else None
    first = rows[0] if rows else None
    if first is None:
        return None
    if first["action"] == "insert":
        after = json.loads(first["after"])
        created = dt.datetime.fromisoformat(after["created_at"]) if after.get("created_at") else None
        return after if created is not None and created <= when else None
    return json.loads(first["before"]) if first["before"] else None


def movement(db: Database, start: dt.date, end: dt.date, kind: str, matrix: Matrix | None = None) -> pd.DataFrame:
    """Risks whose gross or net cell (`kind`) differs between the end of `start` and the end of `end`.

    Columns: id, title, party_name, category, owner, status, old_cell, new_cell, change ('hoger', 'lager',
    'andere cel', 'nieuw', 'vervallen', 'verwijderd') and rank_change (new level rank minus old)."""
    matrix = matrix or matrix_setting.get_matrix(db)
    t0 = dt.datetime.combine(start, dt.time.max)
    t1 = dt.datetime.combine(end, dt.time.max)
    states = db.memo([audit_of("risk")], ("risk states", t0, t1), lambda: _states(db, t0, t1))
    current = {str(r["id"]): r for r in risk_table(db).to_dict("records")}
    rank = {c: n for n, c in enumerate(risks_matrix.LEVEL_CODES)}
    li, im = f"{kind}_likelihood", f"{kind}_impact"

    def level(state: dict[str, Any] | None) -> int | None:
        if not state or state.get(li) is None or state.get(im) is None:
            return None
        a, b = int(state[li]), int(state[im])
        if a > matrix.size[0] or b > matrix.size[1]:
            return None
        return rank[matrix.level(a, b)]

    out = []
    for rid, (old, new) in states.items():
        if old is None and new is None:
            continue
        now = current.get(rid)
        if now is None and new is not None:
            continue  # a risk of an archived party: not in the register view
        old_cell = "—" if old is None else matrix.cell_text(old.get(li), old.get(im))
        new_cell = "—" if new is None else matrix.cell_text(new.get(li), new.get(im))
        if old is None:
            change = "nieuw"
        elif new is None:
            change = "verwijderd"
        elif new.get("status") == "vervallen" and old.get("status") != "vervallen":
            change = "vervallen"
        elif (old.get(li), old.get(im)) == (new.get(li), new.get(im)):
            continue
        else:
            a, b = level(old), level(new)
            change = "andere cel" if a is None or b is None or a == b else ("hoger" if b > a else "lager")
        base = new or old or {}
        a, b = level(old), level(new)
        out.append(
            {
                "id": int(rid),
                "title": base.get("title"),
                "party_name": now["party_name"] if now else OWN,
                "category": base.get("category"),
                "owner": base.get("owner"),
                "status": base.get("status"),
                "old_cell": old_cell,
                "new_cell": new_cell,
                "change": change,
                "rank_change": (b - a) if a is not None and b is not None else None,
            }
        )
    columns = [
        "id", "title", "party_name", "category", "owner", "status", "old_cell", "new_cell", "change", "rank_change",
    ]  # fmt: skip
    order = {"hoger": 0, "nieuw": 1, "andere cel": 2, "lager": 3, "vervallen": 4, "verwijderd": 5}
    frame = pd.DataFrame(out, columns=columns)
    return frame.sort_values(["change", "party_name"], key=lambda s: s.map(order) if s.name == "change" else s)


def _states(db: Database, t0: dt.datetime, t1: dt.datetime) -> dict[str, tuple[Any, Any]]:
    """Per risk (id as text): its state at the end of t0 and of t1, from the audit log (the heavy part of
    `movement`, kept until a risk is written)."""
    log = db.rows(
        "SELECT entity_id, logged_at, action, before, after FROM audit_log WHERE entity = 'risk' ORDER BY logged_at, id"
    )
    per_risk: dict[str, list[dict[str, Any]]] = {}
    for r in log:
        per_risk.setdefault(r["entity_id"], []).append(r)
    return {rid: (_state_at(rows, t0), _state_at(rows, t1)) for rid, rows in per_risk.items()}


CHANGES = {
    "hoger": "↑ hoger niveau",
    "lager": "↓ lager niveau",
    "andere cel": "→ andere cel, zelfde niveau",
    "nieuw": "+ nieuw",
    "vervallen": "× vervallen",
    "verwijderd": "× verwijderd",
}


def movement_display(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Partij": frame["party_name"],
            "Risico": frame["title"],
            "Van": frame["old_cell"],
            "Naar": frame["new_cell"],
            "Verschuiving": frame["change"].map(CHANGES),
        }
    ).reset_index(drop=True)


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The movement shown first: the year up to and including today."""
    return today - dt.timedelta(days=365), today


def period_error(start: dt.date, end: dt.date) -> str | None:
    """Why no movement can be shown for this period, or None when it can."""
    if start > end:
        return "De datum 'Van' ligt na 'Tot en met'; kies een periode die vooruit loopt."
    return None


def change_counts(moved: pd.DataFrame) -> dict[str, int]:
    """How many risks moved each way (every key of CHANGES, zero included), for the line above the list."""
    found = moved["change"].value_counts()
    return {c: int(found.get(c, 0)) for c in CHANGES}
