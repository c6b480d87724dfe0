"""The national register of gemeenschappelijke regelingen and public organisations (ROO, as converted to one YAML
file per organisation by the open dataset Polder): read it, normalise it, keep a compact snapshot of it.

Input is the `.tar.gz`, the unpacked folder (`data/organisaties/<kind>/<slug>.yaml`) or a snapshot this module
wrote (`.json.gz`). Output is a `NationalRegister`: plain rows for the `national_*` tables of migration 002 and the
register's problems, counted, with examples. Nothing here guesses: what the register lacks stays None.

The register's known problems (its README) are handled here and counted, never hidden: deelnemers that no longer
exist (merged gemeenten), deelnemers without a code (foreign), ministries or other regelingen as deelnemer, several
versions of one regeling (only the one in force counts), verdeelsleutels with a decimal comma, quotes in values.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import re
import tarfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from governance.core import labels
from governance.core.errors import DomainError

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT_DIR = ROOT / "data" / "national"
SNAPSHOT_FILE = SNAPSHOT_DIR / "roo-snapshot.json.gz"
GEMEENTEN_FILE = SNAPSHOT_DIR / "gemeenten-2025.csv"
FORMAT = 1
ROO_URL = "https://organisaties.overheid.nl/{roo_id}"

# The columns of each national table, in the order the snapshot stores them (migration 002 has the types).
TABLES: dict[str, tuple[str, ...]] = {
    "national_organisation": (
        "code",
        "roo_id",
        "name",
        "kind",
        "province",
        "inhabitants",
        "kvk",
        "ended",
        "source_url",
    ),
    "national_regeling": (
        "roo_id",
        "name",
        "short_title",
        "legal_form",
        "form_label",
        "purpose",
        "body_name",
        "body_roo_id",
        "seat",
        "kvk",
        "in_force_since",
        "ended",
        "previous_roo_id",
        "next_roo_id",
        "in_force",
        "source_url",
    ),
    "national_participant": (
        "regeling_roo_id",
        "position",
        "code",
        "name",
        "roo_id",
        "joined",
        "cost_share",
        "cost_share_text",
        "bodies",
        "problem",
    ),
    "national_rwt": ("roo_id", "name", "legal_form", "legal_form_text", "kvk", "seat", "source_url"),
}
DATE_COLUMNS = {"ended", "in_force_since", "joined"}

# samenwerkingsvorm in the register -> our legal form code
FORMS = {
    "openbaar lichaam": "openbaar_lichaam",
    "bedrijfsvoeringsorganisatie": "bedrijfsvoeringsorganisatie",
    "gemeenschappelijk orgaan": "gemeenschappelijk_orgaan",
    "regeling zonder meer": "regeling_zonder_meer",
    "centrumregeling": "centrumregeling",
}
# A 'regeling zonder meer' whose own title calls it a centrum(gemeente)regeling is one (Wgr art. 8 lid 4).
CENTRUM = re.compile(r"centrum\s*-?\s*(gemeente)?\s*-?\s*regeling|centrumgemeente", re.IGNORECASE)
# legal_form of an rwt record (only the private-law ones can be added as a party)
RWT_FORMS = {
    "privaatrechtelijk - stichting": "stichting",
    "privaatrechtelijk - vereniging": "vereniging",
    "privaatrechtelijk - besloten vennootschap (bv)": "bv",
    "privaatrechtelijk - naamloze vennootschap (nv)": "nv",
    "privaatrechtelijk - coöperatie": "cooperatie",
    "privaatrechtelijk - commanditaire vennootschap (cv)": "overig",
}
TOOI_KINDS = {
    "gemeente": "gemeente",
    "provincie": "provincie",
    "waterschap": "waterschap",
    "ministerie": "rijk",
    "so": "regeling",
}
QUOTES = "'\"‘’“”`"


@dataclass
class NationalRegister:
    """The register as rows for the national tables, plus what was wrong with it (counts and examples)."""

    meta: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]]
    problems: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def note(self, code: str, example: str) -> None:
        self.problems[code] += 1
        shown = self.examples.setdefault(code, [])
        if len(shown) < 3 and example not in shown:
            shown.append(example)

    def counts(self) -> dict[str, int]:
        regs = self.tables["national_regeling"]
        orgs = self.tables["national_organisation"]
        return {
            "regelingen_versies": len(regs),
            "regelingen_in_werking": sum(1 for r in regs if r["in_force"]),
            "deelnemers_in_werking": len(self.tables["national_participant"]),
            **{
                f"{kind}_bestaand": sum(1 for o in orgs if o["kind"] == kind and o["ended"] is None)
                for kind in ("gemeente", "provincie", "waterschap")
            },
            "rwt_privaatrechtelijk": len(self.tables["national_rwt"]),
        }

    def lines(self) -> list[str]:
        """The register-wide report in Dutch, one line per count or problem."""
        out = [f"Landelijk register {self.meta.get('source')} (stand {self.meta.get('retrieved')}):"]
        names = {
            "regelingen_versies": "versies van regelingen",
            "regelingen_in_werking": "regelingen in werking",
            "deelnemers_in_werking": "deelnemers van regelingen in werking",
            "gemeente_bestaand": "bestaande gemeenten",
            "provincie_bestaand": "provincies",
            "waterschap_bestaand": "bestaande waterschappen",
            "rwt_privaatrechtelijk": "stichtingen, verenigingen, NV's, BV's en coöperaties (RWT-lijst)",
        }
        out += [f"  {n:>6}  {names[k]}" for k, n in self.counts().items()]
        if self.problems:
            out.append("Problemen in het register (afgehandeld):")
        for code, n in sorted(self.problems.items(), key=lambda kv: list(labels.NATIONAL_PROBLEMS).index(kv[0])):
            out.append(f"  {n:>6}  {labels.NATIONAL_PROBLEMS[code]}, bijv. {'; '.join(self.examples.get(code, []))}")
        return out


# -- small value helpers --------------------------------------------------------------------------------------


def parse_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def tooi_code(tooi: Any) -> str | None:
    """`https://identifier.overheid.nl/tooi/id/gemeente/gm0654` -> `gm0654`."""
    if not isinstance(tooi, str) or "/tooi/id/" not in tooi:
        return None
    return tooi.rstrip("/").rsplit("/", 1)[-1].lower() or None


def tooi_kind(tooi: Any) -> str:
    if not isinstance(tooi, str) or "/tooi/id/" not in tooi:
        return "overig"
    return TOOI_KINDS.get(tooi.split("/tooi/id/", 1)[1].split("/", 1)[0], "overig")


def unquote(text: str) -> str:
    return text.strip().strip(QUOTES).strip()


def parse_share(raw: Any) -> tuple[decimal.Decimal | None, str | None]:
    """A verdeelsleutel percentage as written in the register ('33,0', '5,1 %', 12.5) -> (Decimal, problem code)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    problem = None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        text = str(raw)
    else:
        text = str(raw).strip().rstrip("%").strip().replace(" ", "")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
            problem = "verdeelsleutel"
    try:
        value = decimal.Decimal(text)
    except decimal.InvalidOperation:
        return None, "verdeelsleutel_ongeldig"
    if not value.is_finite() or value < 0 or value > 100:
        return None, "verdeelsleutel_ongeldig"
    return value, problem


def current_name(record: dict[str, Any], at: dt.date) -> str:
    names = [n for n in record.get("names") or [] if n.get("value")]
    if not names:
        return str(record.get("id") or "(zonder naam)")
    current = [n for n in names if (parse_date(n.get("valid_until")) or dt.date.max) > at]
    return str((current or names)[-1]["value"]).strip()


def source_url(record: dict[str, Any], roo_id: str | None) -> str | None:
    for source in record.get("sources") or []:
        if source.get("id") == "roo" and source.get("url"):
            return str(source["url"])
    return ROO_URL.format(roo_id=roo_id) if roo_id else None


def seat_of(record: dict[str, Any] | None) -> str | None:
    """The vestigingsplaats: the town of the visiting address (a postbus says nothing about the seat)."""
    for address in ((record or {}).get("contact") or {}).get("addresses") or []:
        if address.get("type") == "Bezoekadres" and address.get("woonplaats"):
            return str(address["woonplaats"]).strip()
    return None


def kvk_of(record: dict[str, Any] | None) -> str | None:
    kvk = ((record or {}).get("identifiers") or {}).get("kvk")
    return kvk if isinstance(kvk, str) and re.fullmatch(r"\d{8}", kvk) else None


def roo_of(record: dict[str, Any]) -> str | None:
    roo = (record.get("identifiers") or {}).get("roo_id")
    return str(roo) if roo not in (None, "") else None


# -- reading the YAML ------------------------------------------------------------------------------------------


def iter_records(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(file name, record) for every organisation YAML in the .tar.gz or the unpacked folder."""
    if not path.exists():
        raise DomainError(f"Het landelijk register '{path}' bestaat niet.")
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.yaml") if "organisaties" in p.parts or path.name == "organisaties")
        for file in files:
            with file.open("rb") as handle:
                yield str(file.relative_to(path)), _load_yaml(handle, file.name)
        return
    try:
        archive = tarfile.open(path, "r:*")
    except (tarfile.TarError, OSError) as exc:
        raise DomainError(
            f"'{path.name}' is geen .tar.gz van het landelijk register en geen map ermee ({exc})."
        ) from None
    with archive:
        for member in archive:
            if member.isfile() and member.name.endswith(".yaml") and "/organisaties/" in f"/{member.name}":
                handle = archive.extractfile(member)
                if handle is not None:
                    yield member.name, _load_yaml(handle, member.name)


def _load_yaml(handle: Any, name: str) -> dict[str, Any]:
    try:
        record = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise DomainError(f"Bestand {name} in het landelijk register is geen geldige YAML: {exc}") from None
    if not isinstance(record, dict):
        raise DomainError(f"Bestand {name} in het landelijk register bevat geen organisatie.")
    return record


def read_gemeenten(path: Path = GEMEENTEN_FILE) -> dict[str, dict[str, Any]]:
    """Code (lower case) -> provincie and inwonertal, from gemeenten-2025.csv (the shipped copy or the full one)."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {
        row["gemeentecode"].strip().lower(): {
            "province": row.get("provincie") or None,
            "inhabitants": int(row["inwonertal"]) if (row.get("inwonertal") or "").strip().isdigit() else None,
        }
        for row in rows
    }


def normalise(records: list[dict[str, Any]], source: str, gemeenten: dict[str, dict[str, Any]]) -> NationalRegister:
    retrieved = max(
        (
            d
            for r in records
            for s in r.get("sources") or []
            if s.get("id") == "roo" and (d := parse_date(s.get("retrieved")))
        ),
        default=dt.date.today(),
    )
    reg = NationalRegister(
        meta={"format": FORMAT, "source": source, "retrieved": retrieved.isoformat(), "records": len(records)},
        tables={name: [] for name in TABLES},
    )
    by_roo = {roo: r for r in records if (roo := roo_of(r))}
    orgs = _organisations(reg, records, retrieved, gemeenten)
    _regelingen(reg, records, by_roo, orgs, retrieved)
    _rwt(reg, records, retrieved)
    reg.tables["national_organisation"] = sorted(orgs.values(), key=lambda o: o["code"])
    for name in ("national_regeling", "national_rwt"):
        reg.tables[name].sort(key=lambda r: r["roo_id"])
    reg.tables["national_participant"].sort(key=lambda r: (r["regeling_roo_id"], r["position"]))
    return reg


def _organisations(
    reg: NationalRegister, records: list[dict[str, Any]], at: dt.date, gemeenten: dict[str, dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Gemeenten, provincies and waterschappen by code. A record that ended but still has a current name (the
    register ends some provincie records while the provincie plainly exists) counts as existing; a successor or
    an ended name means the organisation is gone."""
    orgs: dict[str, dict[str, Any]] = {}
    for rec in records:
        kind = rec.get("type")
        if kind not in ("gemeente", "provincie", "waterschap"):
            continue
        ids = rec.get("identifiers") or {}
        code = tooi_code(ids.get("tooi")) or (str(ids.get("organisatiecode") or "").lower() or None)
        if code is None:
            continue
        names = rec.get("names") or []
        current = [n for n in names if (parse_date(n.get("valid_until")) or dt.date.max) > at]
        exists = bool(current) and not rec.get("successor_id")
        ended = None
        if not exists:
            ends = [parse_date(rec.get("valid_until"))] + [parse_date(n.get("valid_until")) for n in names]
            ended = max((d for d in ends if d), default=at)
        found = orgs.get(code)
        if found is not None and found["ended"] is None:
            continue  # two records for one code: the existing organisation wins
        extra = gemeenten.get(code, {}) if kind == "gemeente" else {}
        orgs[code] = {
            "code": code,
            "roo_id": roo_of(rec),
            "name": current_name(rec, at),
            "kind": kind,
            "province": extra.get("province"),
            "inhabitants": extra.get("inhabitants"),
            "kvk": kvk_of(rec),
            "ended": ended,
            "source_url": source_url(rec, roo_of(rec)) if roo_of(rec) else None,
        }
    existing = {c for c, o in orgs.items() if o["kind"] == "gemeente" and o["ended"] is None}
    if gemeenten and existing != set(gemeenten):
        for code in sorted(existing ^ set(gemeenten)):
            reg.note(
                "gemeentelijst", f"{code} ({'alleen in het register' if code in existing else 'alleen in CBS-lijst'})"
            )
    return orgs


def _chain_length(roo: str, by_roo: dict[str, dict[str, Any]]) -> int:
    """How many earlier versions a regeling version has (following previous_version)."""
    n, seen = 0, {roo}
    prev = ((by_roo.get(roo) or {}).get("gr_meta") or {}).get("previous_version") or {}
    while prev.get("roo_id") and str(prev["roo_id"]) not in seen and str(prev["roo_id"]) in by_roo:
        n += 1
        seen.add(str(prev["roo_id"]))
        prev = (by_roo[str(prev["roo_id"])].get("gr_meta") or {}).get("previous_version") or {}
    return n


def _regelingen(
    reg: NationalRegister,
    records: list[dict[str, Any]],
    by_roo: dict[str, dict[str, Any]],
    orgs: dict[str, dict[str, Any]],
    at: dt.date,
) -> None:
    for rec in records:
        meta = rec.get("gr_meta")
        roo = roo_of(rec)
        if not isinstance(meta, dict) or roo is None:
            continue
        name = current_name(rec, at)
        short = (meta.get("citeertitel") or "").strip() or None
        raw_form = str((meta.get("samenwerkingsvorm") or {}).get("value") or "")
        form_label = unquote(raw_form)
        form = FORMS.get(form_label.lower())
        ended = parse_date(meta.get("datum_uitwerkingtreding")) or parse_date(rec.get("valid_until"))
        since = parse_date(meta.get("datum_inwerkingtreding")) or parse_date(rec.get("valid_from"))
        in_force = (ended is None or ended > at) and (since is None or since <= at)
        if in_force:
            if raw_form != form_label:
                reg.note("aanhalingstekens", f"samenwerkingsvorm {raw_form} gelezen als {form_label}")
            if form is None:
                reg.note("rechtsvorm_onbekend", f"{name}: '{raw_form}'")
            if form == "regeling_zonder_meer" and CENTRUM.search(f"{name} {short or ''}"):
                form = "centrumregeling"
                reg.note("centrumregeling", name)
            if _chain_length(roo, by_roo):
                reg.note("oude_versies", f"{name} ({_chain_length(roo, by_roo)} eerdere)")
            if not (meta.get("doel") or "").strip():
                reg.note("geen_doel", name)
            if any(q in f"{name} {meta.get('doel') or ''}" for q in QUOTES):
                reg.note("aanhalingstekens_in_tekst", name)
        body = meta.get("regionaal_samenwerkingsorgaan") or {}
        body_roo = str(body["roo_id"]) if body.get("roo_id") else None
        body_rec = by_roo.get(body_roo) if body_roo else None
        reg.tables["national_regeling"].append(
            {
                "roo_id": roo,
                "name": name,
                "short_title": short,
                "legal_form": form,
                "form_label": raw_form.strip() or None,
                "purpose": (meta.get("doel") or "").strip() or None,
                "body_name": (body.get("naam") or "").strip() or None,
                "body_roo_id": body_roo,
                "seat": seat_of(body_rec),
                "kvk": kvk_of(body_rec),
                "in_force_since": since,
                "ended": ended,
                "previous_roo_id": _version_id(meta, "previous_version"),
                "next_roo_id": _version_id(meta, "next_version"),
                "in_force": in_force,
                "source_url": source_url(rec, roo),
            }
        )
        if in_force:
            _participants(reg, roo, name, meta.get("deelnemende_organisaties") or [], orgs)


def _version_id(meta: dict[str, Any], key: str) -> str | None:
    version = meta.get(key) or {}
    return str(version["roo_id"]) if isinstance(version, dict) and version.get("roo_id") else None


def _participants(
    reg: NationalRegister, roo: str, regeling: str, entries: list[dict[str, Any]], orgs: dict[str, dict[str, Any]]
) -> None:
    seen: set[str] = set()
    for position, entry in enumerate(entries, start=1):
        name = str(entry.get("naam") or "").strip() or "(naam onbekend)"
        tooi = entry.get("tooi")
        code, kind = tooi_code(tooi), tooi_kind(tooi)
        entry_roo = str(entry["roo_id"]) if entry.get("roo_id") else None
        problem = None
        if code is None:
            code = f"roo-{entry_roo}" if entry_roo else "naam-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
            kind, problem = "overig", "zonder_code"
        elif kind == "rijk":
            problem = "ministerie"
        elif kind == "regeling":
            problem = "regeling"
        elif kind in ("gemeente", "provincie", "waterschap"):
            if code not in orgs:
                problem = "onbekend"
            elif orgs[code]["ended"] is not None:
                problem = "opgeheven"
        if code in seen:
            reg.note("dubbel", f"{name} in {regeling}")
            continue
        seen.add(code)
        if code not in orgs:
            orgs[code] = {
                "code": code,
                "roo_id": entry_roo,
                "name": name,
                "kind": kind,
                "province": None,
                "inhabitants": None,
                "kvk": None,
                "ended": None,
                "source_url": ROO_URL.format(roo_id=entry_roo) if entry_roo else None,
            }
        share, share_problem = parse_share(entry.get("verdeelsleutel"))
        for found in (problem, share_problem):
            if found:
                shown = name if found != "opgeheven" else f"{name} (opgeheven {orgs[code]['ended']})"
                if found.startswith("verdeelsleutel"):
                    shown = f"'{entry.get('verdeelsleutel')}' in {regeling}"
                reg.note(found, shown if found.startswith("verdeelsleutel") else f"{shown} in {regeling}")
        reg.tables["national_participant"].append(
            {
                "regeling_roo_id": roo,
                "position": position,
                "code": code,
                "name": name,
                "roo_id": entry_roo,
                "joined": parse_date(entry.get("toetredings_datum")),
                "cost_share": share,
                "cost_share_text": None if entry.get("verdeelsleutel") is None else str(entry["verdeelsleutel"]),
                "bodies": ", ".join(str(b.get("naam")) for b in entry.get("bestuursorganen") or [] if b.get("naam"))
                or None,
                "problem": problem,
            }
        )


def _rwt(reg: NationalRegister, records: list[dict[str, Any]], at: dt.date) -> None:
    """The private-law organisations of the rwt list that still exist: what a gemeente can add as a party."""
    for rec in records:
        if rec.get("type") != "rwt" or (parse_date(rec.get("valid_until")) or dt.date.max) <= at:
            continue
        text = str(rec.get("legal_form") or "")
        form = RWT_FORMS.get(text.lower())
        roo = roo_of(rec)
        if form is None or roo is None:
            continue
        reg.tables["national_rwt"].append(
            {
                "roo_id": roo,
                "name": current_name(rec, at),
                "legal_form": form,
                "legal_form_text": text.split(" - ", 1)[-1],
                "kvk": kvk_of(rec),
                "seat": seat_of(rec),
                "source_url": source_url(rec, roo),
            }
        )
