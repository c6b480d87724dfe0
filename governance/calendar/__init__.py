"""The P&C calendar family: per gemeenschappelijke regeling and begrotingsjaar the documents and deadlines of
the Wgr cycle (kaders, ontwerpbegroting and the raden's zienswijze window, begroting and jaarrekening to GS, a
change of the regeling), under the regime that applies, with the regeling's own dates overriding the rules."""

from governance.calendar.rules import (
    AMENDMENT,
    DOCUMENTS,
    KINDS,
    NEW,
    OLD,
    REGIMES,
    STATES,
    WINDOWS,
    DateSettings,
    Deadline,
    change_deadline,
    done,
    regime_for,
    signal,
    state,
    year_deadlines,
)

__all__ = [
    "AMENDMENT",
    "DOCUMENTS",
    "KINDS",
    "NEW",
    "OLD",
    "REGIMES",
    "STATES",
    "WINDOWS",
    "DateSettings",
    "Deadline",
    "change_deadline",
    "done",
    "regime_for",
    "signal",
    "state",
    "year_deadlines",
]
