"""BBV art. 15 lid 1: the gemeente's own text of the paragraaf verbonden partijen, per year and document —
(a) the visie on verbonden partijen in relation to the goals of the begroting, (b) the beleidsvoornemens.

Stored as written, one row per year and kind (begroting / jaarstukken), audited, and saved only over the version
the writer opened: two controllers editing the same year never overwrite each other silently."""

from __future__ import annotations

from typing import Any

from governance.core import labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import ConflictError, FieldError, ValidationError

KINDS: dict[str, str] = {"begroting": "Begroting", "jaarstukken": "Jaarstukken"}
PARAGRAPH_SCHEMA: dict[str, v.Check] = {
    "vision": v.text(max_len=20000),
    "intentions": v.text(max_len=20000),
}


def paragraph_text(db: Database | Tx, year: int, kind: str) -> dict[str, Any] | None:
    """The stored lid 1 text for `year` and `kind`, or None while nothing is written."""
    found = db.rows("SELECT * FROM paragraph_text WHERE year = ? AND kind = ?", [int(year), kind])
    return found[0] if found else None


def save_paragraph_text(
    db: Database, year: Any, kind: str, values: dict[str, Any], actor: Actor, original: dict[str, Any] | None
) -> None:
    """Store the visie and beleidsvoornemens for one year and kind. `original` is the row as the writer opened it
    (None when there was none): a text someone else saved in between is refused, not overwritten."""
    errors: list[FieldError] = []
    if kind not in KINDS:
        errors.append(FieldError("kind", labels.field("paragraph_text", "kind"), "kies begroting of jaarstukken"))
    clean, more = v.apply("paragraph_text", {**PARAGRAPH_SCHEMA, "year": v.number(1900, 2100, integer=True)}, {
        "year": year, **{k: values.get(k) for k in PARAGRAPH_SCHEMA}
    })  # fmt: skip
    errors += more
    if errors:
        raise ValidationError(errors, labels.entity("paragraph_text"))
    year_ = int(clean["year"])
    text = {k: clean.get(k) for k in PARAGRAPH_SCHEMA}

    def run(tx: Tx) -> None:
        stored = paragraph_text(tx, year_, kind)
        if stored is None:
            tx.insert("paragraph_text", {"year": year_, "kind": kind, **text})
        elif original is None:
            raise ConflictError(
                f"De tekst van de paragraaf ({KINDS[kind].lower()} {year_}) is intussen door iemand anders "
                "opgeslagen. Uw wijziging is niet opgeslagen; bekijk de nieuwe tekst en probeer het opnieuw.",
                {"vision": (None, stored["vision"])},
            )
        else:
            tx.update("paragraph_text", stored["id"], text, original=original)

    db.write(run, actor, "register")
