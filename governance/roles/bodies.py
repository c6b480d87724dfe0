"""Which bodies (organen) a party has, by its legal form: defined once here, enforced when a representation is
written (form, import, demo), offered by the forms, and used by the role signals.

Wgr: an openbaar lichaam has an AB, a DB and a voorzitter (and optionally a gemeenschappelijke adviescommissie of
the raden, Wet versterking democratische legitimatie Wgr); a bedrijfsvoeringsorganisatie has one bestuur; a
gemeenschappelijk orgaan is itself the one body. A centrumregeling and a regeling zonder meer have no bodies of
their own: the deelnemers meet in an overleg. Civil law: NV/BV: AvA and RvC; stichting: bestuur and raad van
toezicht; vereniging and coöperatie: ALV, bestuur and ledenraad; C.V.: the vergadering van vennoten. For a party of
legal form 'overig' the form is unknown, so every body is allowed. The ambtelijke roles (accounthouder, adviseur)
are not bodies and go with every party.
"""

from __future__ import annotations

from governance.core import labels

BODIES_BY_FORM: dict[str, tuple[str, ...]] = {
    "openbaar_lichaam": ("ab", "db", "voorzitter", "adviescommissie"),
    "bedrijfsvoeringsorganisatie": ("bestuur",),
    "gemeenschappelijk_orgaan": ("orgaan",),
    "centrumregeling": ("overleg",),
    "regeling_zonder_meer": ("overleg",),
    "nv": ("ava", "rvc"),
    "bv": ("ava", "rvc"),
    "stichting": ("bestuur", "raad_van_toezicht"),
    "vereniging": ("alv", "bestuur", "ledenraad"),
    "cooperatie": ("alv", "bestuur", "ledenraad"),
    "cv": ("vennoten",),
    "overig": tuple(b for b in labels.BODIES if b not in labels.OFFICIAL_BODIES),
}

# Not an orgaan: the deelnemers of a regeling without bodies meet in an overleg, with no powers of its own.
NOT_AN_ORGAAN: tuple[str, ...] = ("overleg",)
# Bodies that only advise: a seat there is no bestuurlijke vertegenwoordiging (the commissie advises the AB or
# the raden; it decides nothing).
ADVISORY_BODIES: tuple[str, ...] = ("adviescommissie",)
# Bodies whose members run or supervise the party itself (bestuurder of the party): the "twee petten" rule.
BOARD_BODIES: tuple[str, ...] = ("ab", "db", "voorzitter", "bestuur", "rvc")
# Legal forms of private law: a bestuurder or commissaris there serves the legal person (BW 2:9, 2:140).
PRIVATE_FORMS: tuple[str, ...] = ("nv", "bv", "stichting", "vereniging", "cooperatie", "cv")


def bodies_of(legal_form: str | None) -> tuple[str, ...]:
    """The bodies a party of `legal_form` has, then the ambtelijke roles; every body when the form is unknown."""
    own = BODIES_BY_FORM.get(legal_form or "", BODIES_BY_FORM["overig"])
    return (*own, *labels.OFFICIAL_BODIES)


def options_for(legal_form: str | None) -> dict[str, str]:
    """code -> Dutch name of the bodies a form offers for a party of `legal_form`."""
    return {b: labels.BODIES[b] for b in bodies_of(legal_form)}


def has_bodies(legal_form: str | None) -> bool:
    """False for a regeling without bodies of its own (centrumregeling, regeling zonder meer)."""
    return any(b not in NOT_AN_ORGAAN for b in BODIES_BY_FORM.get(legal_form or "", BODIES_BY_FORM["overig"]))


def refusal(body: str, legal_form: str | None) -> str | None:
    """The Dutch message when a party of `legal_form` has no such body, else None."""
    if body in bodies_of(legal_form) or body not in labels.BODIES:
        return None
    form = labels.LEGAL_FORMS.get(legal_form or "", "deze rechtsvorm")
    own = [labels.BODIES[b] for b in BODIES_BY_FORM.get(legal_form or "", ())]
    allowed = _and(own) if own else "geen organen"
    if legal_form in ("centrumregeling", "regeling_zonder_meer"):
        allowed = "geen eigen organen; vastleggen als bestuurlijk overleg"
    return f"een {form.lower()} heeft geen {labels.BODIES[body].lower()}; kies uit: {allowed}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " of " + items[-1]
