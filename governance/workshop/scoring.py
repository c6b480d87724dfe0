"""Werkatelier: live sessions where participants score risks from their own device.

Everything a participant must keep (who they are, their scores, proposals and dots) is in the database,
keyed by an anonymous token that lives in the participant's URL: a reload or a dropped websocket loses
nothing. Every change goes through `db.write` and is audited; participants are audited under an
anonymous actor ("deelnemer 12 (Controller)"), the facilitator under their name with the session code
as reason.

`scale(db)` is the only place that knows which matrix participants score on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from governance import risks
from governance.core.db import Database
from governance.core.errors import DomainError

# Join codes avoid characters people confuse when reading them off a projector: no 0/O, no 1/I.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 6
MAX_ITEMS = 40
PASSWORD_KEY = "workshop_facilitator"  # setting: salted scrypt hash of the facilitator password
SECRET_KEY = "workshop_secret"  # setting: server secret that signs projector links
BASE_URL_KEY = "workshop_base_url"  # setting: the address participants use to reach this server


class WorkshopClosed(DomainError):
    """The session exists but no longer accepts input."""


# -- the scale ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Scale:
    """The risk matrix participants score on: one label per level, level 1 first."""

    likelihood: tuple[str, ...]
    impact: tuple[str, ...]
    source: str = "standaard"

    @property
    def levels(self) -> tuple[int, int]:
        return len(self.likelihood), len(self.impact)


DEFAULT_SCALE = Scale(
    likelihood=("10 %", "30 %", "50 %", "70 %", "90 %"),
    impact=("≤ € 50.000", "€ 50.000 – 200.000", "€ 200.000 – 500.000", "€ 500.000 – 1 mln", "> € 1 mln"),
)


def _levels(raw: Any) -> tuple[str, ...] | None:
    """Labels from a list of strings or dicts ({"label"|"naam"|"name": ...}), or from a count of levels."""
    if isinstance(raw, int) and not isinstance(raw, bool) and 2 <= raw <= 10:
        return tuple(str(i) for i in range(1, raw + 1))
    if isinstance(raw, dict):
        raw = raw.get("levels") or raw.get("labels") or raw.get("niveaus")
    if not isinstance(raw, list) or not 2 <= len(raw) <= 10:
        return None
    out = []
    for entry in raw:
        if isinstance(entry, dict):
            entry = entry.get("label") or entry.get("naam") or entry.get("name")
        if not isinstance(entry, (str, int, float)) or isinstance(entry, bool) or not str(entry).strip():
            return None
        out.append(str(entry).strip())
    return tuple(out)


def scale(db: Database) -> Scale:
    """The risk matrix configured under Beheer (governance.riskmatrix): participants score on the same
    levels as the risk register, so a locked consensus can be written back unchanged."""
    matrix = risks.get_matrix(db)

    def labels_of(axis: str, levels: tuple[Any, ...]) -> tuple[str, ...]:
        return tuple(
            f"{lv.label} ({risks.meaning(matrix, axis, n)})" if risks.meaning(matrix, axis, n) else lv.label
            for n, lv in enumerate(levels, start=1)
        )

    return Scale(
        labels_of("likelihood", matrix.likelihood),
        labels_of("impact", matrix.impact),
        source=f"risicomatrix {matrix.size_text}",
    )
