"""Facts about the real national register computed straight from its YAML, independently of governance.io.national,
so the importer's results are compared against a second, deliberately plain reading of the same files.

The plain rules, as the register's README states them: a regeling is a record with `gr_meta`; the version in force is
the one with no end date (`valid_until` and `datum_uitwerkingtreding` empty); a deelnemer's code is the last part of
its TOOI URI; a gemeente no longer exists when its record names a successor or all its names have ended.
"""

from __future__ import annotations

import tarfile
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SUBSET = ROOT / "tests" / "data" / "roo-subset.tar.gz"
FULL = ROOT.parent / "shared" / "data" / "national-register" / "roo-polder-2026-05-16.tar.gz"
GEMEENTEN_CSV = ROOT.parent / "shared" / "data" / "gemeenten" / "gemeenten-2025.csv"
SUBSET_GEMEENTEN = {"gm0944": "Mook en Middelaar", "gm0755": "Boekel", "gm0965": "Simpelveld"}


@cache
def records(path: Path) -> tuple[dict, ...]:
    out = []
    with tarfile.open(path) as archive:
        for member in archive:
            if member.isfile() and member.name.endswith(".yaml"):
                handle = archive.extractfile(member)
                out.append(yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))  # noqa: S506
    return tuple(out)


def code(tooi: str | None) -> str | None:
    return tooi.rsplit("/", 1)[1].lower() if tooi else None


def in_force(path: Path) -> list[dict]:
    return [
        r
        for r in records(path)
        if "gr_meta" in r and not r.get("valid_until") and not r["gr_meta"].get("datum_uitwerkingtreding")
    ]


def regelingen_of(path: Path, org: str) -> list[dict]:
    """The regelingen in force in which `org` (e.g. gm0944) is a deelnemer."""
    return [
        r
        for r in in_force(path)
        if any(code(d.get("tooi")) == org for d in r["gr_meta"].get("deelnemende_organisaties") or [])
    ]


def vanished(path: Path) -> set[str]:
    """Codes of gemeenten, provincies and waterschappen that no longer exist."""
    out = set()
    for r in records(path):
        if r.get("type") in ("gemeente", "provincie", "waterschap"):
            names = r.get("names") or []
            if r.get("successor_id") or (names and all(n.get("valid_until") for n in names)):
                out.add(code((r.get("identifiers") or {}).get("tooi")))
    # a code with one existing record exists (the register keeps old and new records of some organisations)
    for r in records(path):
        if r.get("type") in ("gemeente", "provincie", "waterschap"):
            names = r.get("names") or []
            if not r.get("successor_id") and any(not n.get("valid_until") for n in names):
                out.discard(code((r.get("identifiers") or {}).get("tooi")))
    out.discard(None)
    return out


def deelnemers(path: Path) -> list[dict]:
    return [d for r in in_force(path) for d in r["gr_meta"].get("deelnemende_organisaties") or []]


def expected_form(record: dict) -> str:
    """Our legal form code, from samenwerkingsvorm without its quotes; a 'regeling zonder meer' whose title says
    centrumregeling or centrumgemeente is a centrumregeling."""
    form = record["gr_meta"]["samenwerkingsvorm"]["value"].strip("'\" ").lower()
    titles = " ".join([record["gr_meta"].get("citeertitel") or "", record["names"][-1]["value"]]).lower()
    if form == "regeling zonder meer" and ("centrumregeling" in titles.replace(" ", "") or "centrumgemeente" in titles):
        return "centrumregeling"
    return form.replace(" ", "_")
