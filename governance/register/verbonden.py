"""Art. 1 BBV: is a party a verbonden partij? Only with both a bestuurlijk and a financieel belang.

Each party records the two belangen (yes / no / not yet assessed) with their ground, and for a centrumregeling
whether the gemeente is itself the centrumgemeente. `determine` turns that into the status — *ja* (verbonden
partij), *nee* (samenwerking, no verbonden partij) or *nog te beoordelen* — with the reason in plain Dutch. The
status is derived, never stored. Counts, the BBV art. 15 check, the Overzicht, the role signals and the paragraaf
take only parties with status *ja*; the others stay in the register under their own status, and *nog te
beoordelen* shows as a to-do everywhere a count is shown (it is never counted as a verbonden partij).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from governance.core import labels
from governance.core import validation as v
from governance.core.errors import FieldError

VERBONDEN = "ja"
NOT_VERBONDEN = "nee"
TO_ASSESS = "te_beoordelen"

# The party columns that decide the status (migration 012).
FIELDS = ("control_interest", "control_ground", "financial_interest", "financial_ground", "centre_municipality")
# The determination as a form or an import sends it: these fields plus the note.
DETERMINATION_FIELDS = (*FIELDS, "vp_notes")

# Legal forms onboarding never presumes anything about: no bodies of their own, or tasks carried out by one
# gemeente for the others. Their reason is stored as the party's note (vp_notes).
ALWAYS_ASSESS: dict[str, str] = {
    "regeling_zonder_meer": (
        "Regeling zonder meer: de regeling heeft geen eigen bestuursorganen. Beoordeel of de gemeente zeggenschap "
        "(bestuurlijk belang) én een financieel belang heeft (art. 1 BBV); zonder beide is het een samenwerking, "
        "geen verbonden partij."
    ),
    "centrumregeling": (
        "Centrumregeling: één gemeente voert de taken uit voor de andere. Leg vast of uw gemeente zelf de "
        "centrumgemeente is; zo niet, beoordeel of zij zeggenschap (bestuurlijk belang) én een financieel belang "
        "heeft (art. 1 BBV). Het landelijk register zegt niet wie de centrumgemeente is."
    ),
}

# What onboarding presumes for the Wgr forms with bodies of their own, unless the setting says otherwise.
# A presumption, not law: the setting (labels.SETTINGS['verbonden.presumption']) marks it as the default.
PRESUMPTION_KEY = "verbonden.presumption"
DEFAULT_PRESUMPTION: dict[str, dict[str, Any]] = {
    "openbaar_lichaam": {
        "control_ground": "zetel",
        "financial_ground": "aansprakelijkheid",
        "why": "de deelnemers wijzen de leden van het algemeen bestuur aan en staan in voor de middelen van het "
        "openbaar lichaam",
    },
    "bedrijfsvoeringsorganisatie": {
        "control_ground": "zetel",
        "financial_ground": "aansprakelijkheid",
        "why": "elke deelnemer heeft een lid in het bestuur en de deelnemers staan in voor de middelen van de "
        "bedrijfsvoeringsorganisatie",
    },
}


@dataclass(frozen=True)
class Determination:
    status: str  # a key of labels.VP_STATUS
    reason: str  # why, in plain Dutch (the rule's outcome; the party's own note comes on top)

    @property
    def label(self) -> str:
        return labels.VP_STATUS[self.status]


def _tri(value: Any) -> bool | None:
    """A stored yes/no/unknown: None and NaN (a pandas row) are unknown."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return None
    return bool(value)


def _ground(grounds: dict[str, str], code: Any) -> str:
    return grounds[code].lower() if isinstance(code, str) and code in grounds else "grond niet vastgelegd"


def determine(party: dict[str, Any]) -> Determination:
    """The status of one party from its belangen (art. 1 BBV: bestuurlijk én financieel belang)."""
    if party.get("legal_form") == "centrumregeling":
        centre = _tri(party.get("centre_municipality"))
        if centre is None:
            return Determination(
                TO_ASSESS, "Centrumregeling: nog niet vastgelegd of de gemeente zelf de centrumgemeente is."
            )
        if centre:
            return Determination(
                NOT_VERBONDEN,
                "De gemeente is zelf de centrumgemeente: zij voert de taken zelf uit en heeft geen belang in een "
                "andere organisatie.",
            )
    control, financial = _tri(party.get("control_interest")), _tri(party.get("financial_interest"))
    if control is False or financial is False:
        lacking = [name for name, value in (("bestuurlijk", control), ("financieel", financial)) if value is False]
        return Determination(
            NOT_VERBONDEN,
            f"Geen {' en geen '.join(lacking)} belang: een samenwerking, geen verbonden partij (art. 1 BBV vraagt "
            "beide).",
        )
    if control is None or financial is None:
        open_ = [name for name, value in (("bestuurlijk", control), ("financieel", financial)) if value is None]
        return Determination(TO_ASSESS, f"Nog vast te leggen: {' en '.join(open_)} belang (art. 1 BBV).")
    return Determination(
        VERBONDEN,
        f"Bestuurlijk belang ({_ground(labels.CONTROL_GROUNDS, party.get('control_ground'))}) en financieel belang "
        f"({_ground(labels.FINANCIAL_GROUNDS, party.get('financial_ground'))}).",
    )


def status(party: dict[str, Any]) -> str:
    return determine(party).status


def is_verbonden(party: dict[str, Any]) -> bool:
    return determine(party).status == VERBONDEN


def with_status(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (party rows with the FIELDS and legal_form) with `vp_status` and `vp_reason` added."""
    # only the columns the rule reads: a whole party row per record made this the Overzicht's largest cost at scale
    read = [c for c in ("legal_form", *FIELDS) if c in frame.columns]
    # and once per distinct combination of them: a register of thousands has a few dozen
    decided: dict[tuple, Determination] = {}
    found = []
    for values in frame[read].itertuples(index=False, name=None):
        if values not in decided:
            decided[values] = determine(dict(zip(read, values, strict=True)))
        found.append(decided[values])
    return frame.assign(
        vp_status=pd.Series([d.status for d in found], index=frame.index, dtype=object),
        vp_reason=pd.Series([d.reason for d in found], index=frame.index, dtype=object),
    )


def only_verbonden(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of `frame` that are verbonden partijen (status ja)."""
    marked = frame if "vp_status" in frame.columns else with_status(frame)
    return frame[marked["vp_status"] == VERBONDEN]


def counts(frame: pd.DataFrame) -> dict[str, int]:
    """Parties per status, every status present (0 when none)."""
    marked = frame if "vp_status" in frame.columns else with_status(frame)
    return {code: int((marked["vp_status"] == code).sum()) for code in labels.VP_STATUS}


def check(values: dict[str, Any], current: dict[str, Any] | None, row: int | None = None) -> list[FieldError]:
    """Rules across the determination fields, on the party as it will be (`current` with `values` on top): a
    'ja' needs its ground, a 'nee' or unknown has none. Returns FieldErrors."""
    merged = {**(current or {}), **values}
    errors = []
    for flag, ground in (("control_interest", "control_ground"), ("financial_interest", "financial_ground")):
        if flag not in values and ground not in values:
            continue
        yes, code = _tri(merged.get(flag)), merged.get(ground)
        if yes and v.blank(code):
            errors.append(FieldError(ground, labels.field("party", ground), "kies de grond (het belang is 'ja')", row))
        elif not yes and not v.blank(code):
            errors.append(
                FieldError(ground, labels.field("party", ground), "past alleen bij 'ja'; laat leeg of kies 'ja'", row)
            )
    return errors


def presumption_for(legal_form: str, setting: dict[str, Any] | None) -> dict[str, Any] | None:
    """What onboarding fills in for a regeling of `legal_form`: the determination fields and the note saying it
    is a presumption, or None (nothing presumed; the note then says why it is to be assessed)."""
    if legal_form in ALWAYS_ASSESS:
        return None
    rules = DEFAULT_PRESUMPTION if setting is None else setting
    rule = rules.get(legal_form)
    if not rule:
        return None
    standard = " (standaardregel)" if setting is None else ""
    return {
        "control_interest": True,
        "control_ground": rule["control_ground"],
        "financial_interest": True,
        "financial_ground": rule["financial_ground"],
        "vp_notes": (
            f"Aangenomen bij het inlezen uit het landelijk register{standard}. {labels.LEGAL_FORMS[legal_form]}: "
            f"{rule['why']}. Controleer dit en pas het zo nodig aan."
        ),
    }


def onboarding_note(legal_form: str) -> str:
    """The reason a regeling is imported as 'nog te beoordelen'."""
    return ALWAYS_ASSESS.get(
        legal_form,
        f"{labels.LEGAL_FORMS.get(legal_form, 'Onbekende samenwerkingsvorm')}: beoordeel of de gemeente zeggenschap "
        "(bestuurlijk belang) én een financieel belang heeft (art. 1 BBV).",
    )
