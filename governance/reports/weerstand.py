"""The verbonden-partijen part of the paragraaf weerstandsvermogen en risicobeheersing (BBV art. 11), as a
`Document`: the beschikbare weerstandscapaciteit, the benodigde at the chosen certainty with the certainty table,
the ratio and its class (NAR), the risks that add most and each party's share (Euler contributions), and the
run's seed and settings so anyone can reproduce it (`python -m governance simulate ...`).

`collect` runs the simulation (governance.weerstand, the same engine as the page and the CLI); `build` is pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from governance import weerstand
from governance.core import formatting
from governance.core.db import Database
from governance.reports.model import MISSING, Block, Bullets, Document, Heading, Table, Text
from governance.reports.paragraaf import KINDS, Gemeente, check_request, fictitious_warning, gemeente

SCOPE = "partijen"  # only the risks of verbonden partijen
TOP = 10
PARTY_NUMBERS = ("Risico's", "Verwacht", "Bijdrage benodigd", "Aandeel")


@dataclass(frozen=True)
class WeerstandData:
    year: int
    kind: str
    gemeente: Gemeente
    capacity: dict[str, Any]
    outcome: weerstand.Outcome


def collect(db: Database, year: Any, kind: Any, certainty: float | None = None) -> WeerstandData:
    year_, kind_ = check_request(year, kind)
    outcome = weerstand.compute(db, scope=SCOPE, year=year_, certainty=certainty)
    return WeerstandData(year_, kind_, gemeente(db), weerstand.capacity(db), outcome)


def _table(frame: pd.DataFrame, numeric: tuple[str, ...], widths: tuple[float, ...] = ()) -> Table:
    columns = tuple(str(c) for c in frame.columns)
    rows = tuple(tuple("" if pd.isna(v) else str(v).replace("\u00a0", " ") for v in r) for r in frame.itertuples(False))
    return Table(columns, rows, numeric=tuple(c in numeric for c in columns), widths=widths)


def build(data: WeerstandData) -> Document:
    o = data.outcome
    level = weerstand.level_text(o.certainty)
    blocks: list[Block] = [
        Text(
            "Dit deel van de paragraaf weerstandsvermogen en risicobeheersing (art. 11 BBV) gaat over de financiële "
            "risico's van de verbonden partijen: wat er beschikbaar is om ze op te vangen, hoeveel er met "
            f"{level} zekerheid nodig is, en welke partijen en risico's daaraan het meest bijdragen."
        ),
        Heading("Beschikbare weerstandscapaciteit", 2),
    ]
    if data.capacity.get("is_set"):
        blocks.append(_table(weerstand.capacity_table(data.capacity), ("Bedrag",), (3, 1.5, 4)))
        blocks[-1] = Table(blocks[-1].columns, blocks[-1].rows, blocks[-1].numeric, blocks[-1].widths, total=True)
    else:
        blocks.append(Text(f"Beschikbare weerstandscapaciteit: {MISSING} (nog niet vastgelegd).", missing=True))
    blocks += [
        Heading("Benodigde weerstandscapaciteit", 2),
        Text(
            f"Monte Carlo-simulatie van {len(o.lines)} financiële risico's van verbonden partijen, "
            f"{formatting.number(o.iterations)} gesimuleerde jaren, "
            f"verdeling {weerstand.distribution_name(o.distribution)}. "
            f"Verwachte waarde {formatting.euro(o.expected)}; alle risico's tegelijk op hun maximum "
            f"{formatting.euro(o.gross)}."
        ),
        Text(weerstand.norm_line(o)),
        _table(weerstand.level_table(o), ("Benodigde capaciteit", "Ratio"), (2.6, 1.6, 0.8, 1.6)),
        Heading("Weerstandsratio en klasse", 2),
    ]
    if o.judged:
        blocks.append(
            Text(
                f"Ratio bij {level} zekerheid: {weerstand.ratio_text(o.ratio)} (beschikbaar "
                f"{formatting.euro(o.available)} gedeeld door benodigd {formatting.euro(o.required)}) — "
                f"klasse {weerstand.class_text(o.nar_class, o.nar_label)}. "
                "De kans dat de risico's in één jaar meer kosten dan de "
                f"beschikbare capaciteit: {weerstand.exceed_text(o.p_exceed_available)}."
            )
        )
    else:
        blocks.append(Text(weerstand.class_headline(o) + ".", missing=True))
    blocks.append(
        Text(
            "Klassen (NAR / Universiteit Twente; geen wettelijke norm): A > 2,0 uitstekend; B 1,4–2,0 ruim voldoende; "
            "C 1,0–1,4 voldoende; D 0,8–1,0 matig; E 0,6–0,8 onvoldoende; F < 0,6 ruim onvoldoende.",
            small=False,
        )
    )
    if len(o.lines):
        blocks += [
            Heading(f"De {min(TOP, len(o.lines))} risico's die het meest bijdragen", 2),
            _table(
                weerstand.top_risks(o, TOP),
                ("Bijdrage benodigd", "Kans", "Bedrag (min – max)", "Verwacht"),
                (2.5, 2.3, 1.6, 0.8, 2.4, 1.5),
            ),
            Heading("Aandeel per verbonden partij", 2),
            Text(
                "Het aandeel van een partij is haar bijdrage aan het benodigde bedrag bij de gekozen zekerheid "
                "(Euler-toerekening): de bijdragen tellen op tot het benodigde bedrag."
            ),
            _table(
                weerstand.party_table(o),
                ("Risico's", "Verwacht", "Bijdrage benodigd", "Aandeel"),
                (4, 1.1, 1.6, 1.7, 1.2),
            ),
        ]
    if len(o.skipped):
        blocks += [
            Text(f"Niet meegerekend ({len(o.skipped)}):", small=True),
            Bullets(tuple(weerstand.skipped_items(o))),
        ]
    command = (
        f"python -m governance simulate --scope {SCOPE} --seed {o.seed} --iterations {o.iterations} "
        f"--certainty {formatting.number(o.certainty, 1).replace(',', '.').removesuffix('.0')} "
        f"--distribution {o.distribution}"
    )
    blocks += [
        Heading("Herhaalbaarheid", 2),
        Text(
            f"Startgetal (seed) {o.seed}, {formatting.number(o.iterations)} iteraties, zekerheid {level}, verdeling "
            f"{weerstand.distribution_name(o.distribution)}, alleen risico's van verbonden partijen. Hetzelfde "
            "startgetal met dezelfde risico's geeft dezelfde uitkomst. Opnieuw berekenen:"
        ),
        Text(command),
    ]
    name = KINDS[data.kind]
    title = "Paragraaf weerstandsvermogen — verbonden partijen"
    return Document(
        title=title,
        subtitle=f"{name} {data.year} — {data.gemeente.name}",
        blocks=tuple(blocks),
        warning=fictitious_warning(data.gemeente),
        footer=f"{title} — {name.lower()} {data.year} — {data.gemeente.name}",
        meta={"year": str(data.year), "kind": data.kind, "seed": str(o.seed)},
    )


def paragraaf_weerstand(db: Database, year: Any, kind: Any, certainty: float | None = None) -> Document:
    return build(collect(db, year, kind, certainty))
