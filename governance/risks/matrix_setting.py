"""The configured risk matrix as a stored setting: reading, previewing and saving it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pandas as pd

from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import ConflictError, FieldError, ValidationError
from governance.risks.matrix import METHODS, SETTING_KEY, Matrix, _missing, default_matrix
from governance.risks.matrix_format import from_dict, to_dict
from governance.risks.remap import OUTCOMES, SCORE_COLUMNS, method_available, remap_preview
from governance.risks.rubric import DEFAULT_RUBRIC
from governance.risks.rubric import SETTING_KEY as RUBRIC_KEY


# -- stored setting ----------------------------------------------------------------------------------------
def setting_row(db: Database) -> dict[str, Any] | None:
    """The stored setting row (key, value, version) as loaded, for optimistic concurrency; None = defaults."""
    found = db.rows("SELECT key, value, version FROM setting WHERE key = ?", [SETTING_KEY])
    return found[0] if found else None


def setting_defaults() -> dict[str, Any]:
    """The shipped value of the risk family's settings (matrix and rubric), as stored: the audit log shows a
    setting's first save as a change from it."""
    return {SETTING_KEY: to_dict(default_matrix()), RUBRIC_KEY: DEFAULT_RUBRIC}


def matrix_of(row: dict[str, Any] | None) -> Matrix:
    """The matrix a setting row holds (as setting_row gives it); the defaults while none is stored."""
    return from_dict(json.loads(row["value"])) if row else default_matrix()


def get_matrix(db: Database) -> Matrix:
    return matrix_of(setting_row(db))


@dataclass(frozen=True)
class PreviewVerdict:
    """What a preview of a new matrix allows: `counts` per outcome (the keys of OUTCOMES); `unchanged` when the
    draft equals the stored matrix. Saving needs a change and every score to have a place (nothing clamped)."""

    counts: dict[str, int]
    unchanged: bool

    @property
    def stuck(self) -> int:
        return self.counts["past niet"]

    @property
    def can_save(self) -> bool:
        return not self.stuck and not self.unchanged


def judge_preview(plan: pd.DataFrame, stored: Matrix, draft: Matrix) -> PreviewVerdict:
    """The verdict on a preview (`plan` from preview()) of `draft` replacing `stored`."""
    found = plan["outcome"].value_counts()
    counts = {k: int(found.get(k, 0)) for k in OUTCOMES}
    return PreviewVerdict(counts, to_dict(draft) == to_dict(stored))


def _scored_risks(tx: Tx) -> pd.DataFrame:
    rows = tx.rows(
        """
        SELECT r.id, r.version, r.title, coalesce(p.name, 'Gemeente zelf') AS party_name,
               r.gross_likelihood, r.gross_impact, r.net_likelihood, r.net_impact
        FROM risk r LEFT JOIN party p ON p.id = r.party_id
        ORDER BY party_name, r.title
        """
    )
    return pd.DataFrame(
        rows,
        columns=[
            "id",
            "version",
            "title",
            "party_name",
            "gross_likelihood",
            "gross_impact",
            "net_likelihood",
            "net_impact",
        ],  # fmt: skip
    )


def preview(db: Database, new: Matrix, method: str) -> pd.DataFrame:
    """remap_preview for every risk in the database against the stored matrix."""
    risks = db.query(
        """
        SELECT r.id, r.version, r.title, coalesce(p.name, 'Gemeente zelf') AS party_name,
               r.gross_likelihood, r.gross_impact, r.net_likelihood, r.net_impact
        FROM risk r LEFT JOIN party p ON p.id = r.party_id
        ORDER BY party_name, r.title
        """
    )
    return remap_preview(risks, get_matrix(db), new, method)


def save_matrix(
    db: Database,
    new: Matrix,
    method: str,
    actor: Actor,
    original: dict[str, Any] | None,
    previewed: pd.DataFrame | None = None,
) -> int:
    """Save the matrix and move every score with `method`, in one transaction; returns how many risks moved.

    `original` is the setting row as loaded (None when the defaults were shown): someone else's change to the
    matrix in between is refused. `previewed` is the preview the user saw: when a risk changed since, the save
    is refused too, so nobody saves a mapping they have not seen. A score without a place stops the save."""
    if method not in METHODS:
        raise ValidationError([FieldError("method", "Omzetting", f"kies uit: {', '.join(METHODS)}")], "Risicomatrix")
    payload = to_dict(from_dict(to_dict(new)))  # validated again: the page may pass anything

    def run(tx: Tx) -> int:
        stored = tx.rows("SELECT key, value, version FROM setting WHERE key = ?", [SETTING_KEY])
        old = matrix_of(stored[0] if stored else None)
        why = method_available(old, new, method)
        if why:
            raise ValidationError([FieldError("method", "Omzetting", why)], "Risicomatrix")
        plan = remap_preview(_scored_risks(tx), old, new, method)
        if previewed is not None:
            seen = dict(zip(previewed["id"], previewed["version"], strict=True))
            now = dict(zip(plan["id"], plan["version"], strict=True))
            if seen != now:
                raise ConflictError(
                    "Er zijn intussen risico's gewijzigd of toegevoegd. Er is niets opgeslagen; "
                    "bekijk de voorvertoning opnieuw."
                )
        stuck = plan[~plan["fits"]]
        if len(stuck):
            raise ValidationError(
                [
                    FieldError(
                        "method",
                        f"Risico '{r['title']}' ({r['party_name']})",
                        "; ".join(
                            f"{name} {r[f'{kind}_new']}"
                            for kind, name in (("gross", "bruto"), ("net", "netto"))
                            if r[f"{kind}_new"].startswith("past niet")
                        ),
                    )
                    for r in stuck.to_dict("records")
                ],
                f"Risicomatrix (omzetting {method}: {len(stuck)} risico's passen niet; kies een andere omzetting)",
            )
        tx.put_setting(SETTING_KEY, payload, original)
        reason = f"Risicomatrix {old.size_text} → {new.size_text}, omzetting {method}"
        moved = 0
        for rec in plan.to_dict("records"):
            values = {
                col: (None if _missing(rec[f"new_{col}"]) else int(rec[f"new_{col}"]))
                for pair in SCORE_COLUMNS
                for col in pair
            }
            before = tx.get("risk", rec["id"])
            if before and any(before[c] != v for c, v in values.items()):
                tx.update("risk", rec["id"], values, reason=reason, system=True)
                moved += 1
        return moved

    return db.write(run, actor, "settings")
