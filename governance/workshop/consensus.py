"""Locking a consensus score and writing it back into the risk register."""

from __future__ import annotations

import datetime as dt
from typing import Any

from governance import risks
from governance.core import labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import DomainError, FieldError, NotFoundError, ValidationError
from governance.workshop.scoring import scale
from governance.workshop.session import _session_row


# -- consensus ----------------------------------------------------------------------------------------------
def lock_consensus(
    db: Database,
    code: str,
    item_id: int,
    likelihood: Any,
    impact: Any,
    actor: Actor,
    write_back: str | None = None,
) -> dict[str, Any]:
    """Record the score the group agreed on; with write_back 'net' or 'gross', also set it on the risk
    (optimistic concurrency against the risk as it was, audited with the session code as reason)."""
    session = _session_row(db, code)
    n_l, n_i = scale(db).levels
    schema = {
        "consensus_likelihood": risks.score_check(n_l, "likelihood", required=True),
        "consensus_impact": risks.score_check(n_i, "impact", required=True),
    }
    clean, errors = v.apply("workshop_item", schema, {"consensus_likelihood": likelihood, "consensus_impact": impact})
    lik, imp = clean["consensus_likelihood"], clean["consensus_impact"]
    if write_back not in (None, "net", "gross"):
        errors.append(FieldError("written_back", "Terugschrijven", "kies netto, bruto of niet"))
    if errors:
        raise ValidationError(errors, labels.entity("workshop_item"))
    found = db.rows("SELECT * FROM workshop_item WHERE id = ? AND session_id = ?", [item_id, session["id"]])
    if not found:
        raise NotFoundError(f"Onderwerp {item_id} hoort niet bij dit werkatelier.")
    item = found[0]
    if write_back and item["kind"] != "risk":
        raise DomainError("Alleen een risico kan naar het risicoregister worden teruggeschreven.")
    risk = db.rows("SELECT * FROM risk WHERE id = ?", [item["risk_id"]])[0] if write_back else None
    reason = f"werkatelier {session['code']}"
    fields = _write_back_fields(risk, write_back, lik, imp, db) if risk is not None and write_back else {}

    def run(tx: Tx) -> dict[str, Any]:
        values = {
            "consensus_likelihood": lik,
            "consensus_impact": imp,
            "locked_at": dt.datetime.now(),
            "written_back": write_back,
        }
        after = tx.update("workshop_item", item_id, values, reason=reason, system=True)
        if risk is not None:
            tx.update("risk", risk["id"], fields, original=risk, reason=reason)
        return after

    return db.write(run, actor, "workshop")


def _write_back_fields(risk: dict[str, Any], write_back: str, lik: int, imp: int, db: Database) -> dict[str, Any]:
    """The risk fields a write-back sets, through the register's own validation (netto ≤ bruto and the rest, the
    same Dutch messages as the form; nothing is written when it refuses). When the consensus changes the net
    likelihood, the Kans (%) follows the matrix, so the new score reaches the weerstand simulation."""
    matrix = risks.get_matrix(db)
    fields: dict[str, Any] = {f"{write_back}_likelihood": lik, f"{write_back}_impact": imp}
    if write_back == "net" and lik != risk.get("net_likelihood"):
        pct = matrix.likelihood_pct(lik)
        if pct is not None:
            fields["probability_pct"] = pct
    return risks.validate_risk(fields, matrix, current=risk)
