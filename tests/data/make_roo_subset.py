"""Extract the small, real subset of the national register the fast tests use (tests/data/roo-subset.tar.gz, laid
out like the real tarball: data/organisaties/<kind>/<slug>.yaml).

    python -m tests.data.make_roo_subset ../shared/data/national-register/roo-polder-2026-05-16.tar.gz

Takes every version of every regeling in which one of three small gemeenten takes or took part (Mook en Middelaar,
Boekel, Simpelveld: together they meet each problem the register's README names), the bodies that carry those
regelingen out, the gemeente/provincie/waterschap records of all their deelnemers, and a few rwt records. Records are
real; only what the importer never reads is dropped to keep the folder small: woo, contact details other than
addresses, texts of powers and legal grounds, owms URIs, and the deelnemers of versions no longer in force (the importer
only reads those of the version in force). Licence: CC0 (ROO via Polder).
"""

from __future__ import annotations

import gzip
import io
import sys
import tarfile
from pathlib import Path

import yaml

from governance.national import roo as national_roo

GEMEENTEN = {"gm0944", "gm0755", "gm0965"}
RWT_NAMES = ("Evides", "Brabant Water", "Enexis Netbeheer", "Stichting Welzijn Ouderen Soest")
OUT = Path(__file__).resolve().parent / "roo-subset.tar.gz"
GR_DROP = {"bevoegdheden", "instellingsbesluiten", "wettelijke_grondslagen", "bronhouder", "archiefzorgdrager"}
DROP = {"woo", "classifications", "description", "council", "geography", "afspraak", "organogram_url", "policy_areas"}


def trim(record: dict) -> dict:
    out = {k: v for k, v in record.items() if k not in DROP}
    if isinstance(out.get("contact"), dict):
        out["contact"] = {"addresses": out["contact"].get("addresses") or []}
    if isinstance(out.get("gr_meta"), dict):
        meta = {k: v for k, v in out["gr_meta"].items() if k not in GR_DROP}
        if out.get("valid_until"):  # not in force: its deelnemers are never read
            meta.pop("deelnemende_organisaties", None)
        for entry in meta.get("deelnemende_organisaties") or []:
            entry.pop("owms", None)
            for body in entry.get("bestuursorganen") or []:
                body.pop("owms", None)
        out["gr_meta"] = meta
    return out


def main(source: str) -> None:
    files = list(national_roo.iter_records(Path(source)))
    by_roo = {national_roo.roo_of(r): (name, r) for name, r in files if national_roo.roo_of(r)}

    def codes(record: dict) -> set[str]:
        entries = (record.get("gr_meta") or {}).get("deelnemende_organisaties") or []
        return {c for e in entries if (c := national_roo.tooi_code(e.get("tooi")))}

    regelingen = {
        national_roo.roo_of(r) for _, r in files if isinstance(r.get("gr_meta"), dict) and codes(r) & GEMEENTEN
    }
    # whole chains: every earlier and later version of a regeling that is in
    changed = True
    while changed:
        changed = False
        for roo in list(regelingen):
            meta = by_roo[roo][1]["gr_meta"]
            for key in ("previous_version", "next_version"):
                other = str((meta.get(key) or {}).get("roo_id") or "")
                if other in by_roo and other not in regelingen:
                    regelingen.add(other)
                    changed = True
    wanted_codes = set().union(*(codes(by_roo[roo][1]) for roo in regelingen))
    bodies = {
        str(body["roo_id"])
        for roo in regelingen
        if (body := by_roo[roo][1]["gr_meta"].get("regionaal_samenwerkingsorgaan") or {}).get("roo_id")
    }
    keep = []
    for name, record in files:
        roo = national_roo.roo_of(record)
        kind = record.get("type")
        code = national_roo.tooi_code((record.get("identifiers") or {}).get("tooi"))
        if (
            roo in regelingen
            or roo in bodies
            or (kind in ("gemeente", "provincie", "waterschap") and code in wanted_codes)
            or (
                kind == "rwt"
                and any(n in national_roo.current_name(record, national_roo.dt.date.today()) for n in RWT_NAMES)
            )
        ):
            keep.append((name, record))
    buffer = io.BytesIO()
    with (
        gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as packed,
        tarfile.open(fileobj=packed, mode="w", format=tarfile.PAX_FORMAT) as archive,
    ):
        for name, record in sorted(keep, key=lambda item: item[0]):
            data = yaml.safe_dump(trim(record), allow_unicode=True, sort_keys=False).encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(data), 0, 0o644
            archive.addfile(info, io.BytesIO(data))
    OUT.write_bytes(buffer.getvalue())
    size = len(buffer.getvalue())
    print(f"{len(keep)} records ({len(regelingen)} regelingversies) geschreven naar {OUT} ({size} bytes)")


if __name__ == "__main__":
    main(sys.argv[1])
