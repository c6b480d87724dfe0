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
SECRET_KEY = "workshop_secret"  # setting: server secret that signs projector links
BASE_URL_KEY = "workshop_base_url"  # setting: the address participants use to reach this server
JOIN_RATE_KEY = "workshop_join_rate"  # setting: new participants per session per minute
JOIN_RATE_DEFAULT = 30  # a room of 30 scanning the QR code at once still joins in one minute
MAX_PARTICIPANTS = 1000  # the highest cap (and join rate) a facilitator can set


class WorkshopClosed(DomainError):
    """The session exists but no longer accepts input."""


class JoinRefused(DomainError):
    """Joining is refused: too many joins this minute, the session is full, or this browser was removed."""


# -- the scale ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Scale:
    """The risk matrix participants score on: one label per level, level 1 first, and the configured matrix
    itself, whose level of a cell (`matrix.level`) the projector's chart shows, as the risk register does."""

    likelihood: tuple[str, ...]
    impact: tuple[str, ...]
    matrix: risks.Matrix
    source: str = "standaard"

    @property
    def levels(self) -> tuple[int, int]:
        return len(self.likelihood), len(self.impact)


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
        matrix,
        source=f"risicomatrix {matrix.size_text}",
    )
