"""Hostile uploads, built in code: small files that expand to something huge when read naively.

`python -m tests.hostile_files DIR` writes them all to DIR (what `python -m governance bench hostile` does);
the tests call `write_all` on a tmp dir. Each entry says which reader it goes through: the import (`import`)
or the risk settings' YAML (`yaml`), and a phrase the Dutch refusal must contain. Generated with a fixed seed,
so the bytes are the same on every run.
"""

from __future__ import annotations

import io
import random
import sys
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"


@dataclass(frozen=True)
class Hostile:
    name: str
    reader: str  # 'import' (the register import) or 'yaml' (risk settings)
    refusal: str  # part of the Dutch message that refuses it
    what: str
    make: Callable[[], bytes]


def workbook(
    sheet: bytes | Iterator[bytes],
    shared: bytes | Iterator[bytes] | None = None,
    title: str = "Verbonden partijen",
    extra: dict[str, bytes] | None = None,
    external: bool = False,
    level: int = 9,
) -> bytes:
    """A minimal real .xlsx around one worksheet XML (streamed into the zip when it is an iterator): content
    types, package and workbook relationships, optional shared strings and an externalLink part."""
    rels = [f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>']
    overrides = [
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sheet.main+xml"/>',
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.worksheet+xml"/>',
    ]
    if shared is not None:
        rels.append(f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>')
    refs = ""
    if external:
        rels.append(f'<Relationship Id="rId3" Type="{REL}/externalLink" Target="externalLinks/externalLink1.xml"/>')
        refs = '<externalReferences><externalReference r:id="rId3"/></externalReferences>'
    book = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
        f'<sheets><sheet name="{title}" sheetId="1" r:id="rId1"/></sheets>{refs}</workbook>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        z.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{TYPES}">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{"".join(overrides)}</Types>',
        )
        z.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" '
            f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr("xl/workbook.xml", book)
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">{"".join(rels)}</Relationships>',
        )
        for member, content in (("xl/worksheets/sheet1.xml", sheet), ("xl/sharedStrings.xml", shared)):
            if content is None:
                continue
            if isinstance(content, bytes):
                z.writestr(member, content)
            else:
                with z.open(member, "w", force_zip64=True) as stream:
                    for piece in content:
                        stream.write(piece)
        if external:
            z.writestr(
                "xl/externalLinks/externalLink1.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><externalLink xmlns="{MAIN}" xmlns:r="{REL}">'
                '<externalBook r:id="rId1"><sheetNames><sheetName val="Blad1"/></sheetNames></externalBook>'
                "</externalLink>",
            )
            z.writestr(
                "xl/externalLinks/_rels/externalLink1.xml.rels",
                f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" '
                f'Type="{REL}/externalLinkPath" Target="begroting.xlsx" TargetMode="External"/></Relationships>',
            )
        for member, content in (extra or {}).items():
            z.writestr(member, content)
    return out.getvalue()


def sheet_xml(rows: str) -> bytes:
    head = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
    return f"{head}<sheetData>{rows}</sheetData></worksheet>".encode()


def _random_choice(rng: random.Random, n: int, share: int, a: bytes, b: bytes) -> bytes:
    """n pieces, each `b` with chance share/256 and `a` otherwise (random, so deflate cannot pack it away)."""
    picks = rng.randbytes(n).translate(bytes(1 if x < share else 0 for x in range(256)))
    return picks.replace(b"\x00", b"\x02").replace(b"\x01", b).replace(b"\x02", a)


def _wide_row() -> bytes:
    """One row of 4.9 million cells; each cell `<c/>` or, at random one in eight, `<c></c>`: that packs to about
    588 KB (deflate cannot squeeze the random choice away) and unpacks to 21 MB."""
    rng = random.Random(11)

    def parts() -> Iterator[bytes]:
        yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData><row r="1">'.encode()
        for _ in range(49):
            yield _random_choice(rng, 100_000, 32, b"<c/>", b"<c></c>")
        yield b"</row></sheetData></worksheet>"

    return workbook(parts())


def _deep_xml() -> bytes:
    """A worksheet nested 100,000 elements deep inside its first cell (700 kB unpacked)."""
    depth = 100_000

    def parts() -> Iterator[bytes]:
        yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData><row r="1">'.encode()
        yield b"<c>" + b"<x>" * depth + b"</x>" * depth + b"</c>"
        yield b"</row></sheetData></worksheet>"

    return workbook(parts())


def _entity_bomb() -> bytes:
    """The XML billion laughs inside a worksheet: ten entities of ten times the previous one."""
    entities = '<!ENTITY lol0 "lol">' + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]><worksheet xmlns="{MAIN}"><sheetData>'
        '<row r="1"><c t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    )
    return workbook(xml.encode())


def _many_strings() -> bytes:
    """A table of texts with 1.2 million different entries (and a sheet that uses one)."""
    count = 1_200_000

    def parts() -> Iterator[bytes]:
        yield f'<?xml version="1.0"?><sst xmlns="{MAIN}" count="{count}" uniqueCount="{count}">'.encode()
        for start in range(0, count, 100_000):
            yield "".join(f"<si><t>{i}</t></si>" for i in range(start, start + 100_000)).encode()
        yield b"</sst>"

    return workbook(sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), parts())


def _long_strings() -> bytes:
    """One text of 24 million characters in the table of texts, random a/b so it does not pack too well."""
    rng = random.Random(8)

    def parts() -> Iterator[bytes]:
        yield f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>'.encode()
        for _ in range(24):
            yield _random_choice(rng, 1_000_000, 128, b"a", b"b")
        yield b"</t></si></sst>"

    return workbook(sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), parts(), level=1)


def _zip_bomb() -> bytes:
    """A zip of one CSV that unpacks from under 2 MB to 512 MB of the same line."""
    out = io.BytesIO()
    line = b"vr-voorbeeldland;Veiligheidsregio;Openbaar lichaam;Gemeenschappelijke regelingen\n" * 10_000
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        with z.open("verbonden-partijen.csv", "w", force_zip64=True) as stream:
            stream.write(b"Code;Naam;Rechtsvorm;BBV-categorie\n")
            written = 0
            while written < 512 * 1024**2:
                stream.write(line)
                written += len(line)
    return out.getvalue()


def _zip_many() -> bytes:
    """A zip of 20,000 empty CSV files (directory entries are cheap to pack, costly to walk)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for i in range(20_000):
            z.writestr(f"d{i}.csv", b"")
    return out.getvalue()


def _csv_field() -> bytes:
    """One CSV cell of 9 million characters."""
    return b"Code;Naam;Rechtsvorm;BBV-categorie\nx;" + b"y" * 9_000_000 + b";Stichting;Stichtingen\n"


def _csv_rows() -> bytes:
    """Five million rows of one character: under 10 MB on disk."""
    return b"Code;Naam;Rechtsvorm;BBV-categorie\n" + b"a\n" * 4_900_000


def _csv_columns() -> bytes:
    """One row of five million empty cells."""
    return b"Code;Naam;Rechtsvorm;BBV-categorie\n" + b";" * 5_000_000 + b"\n"


def _yaml_laughs() -> bytes:
    """The YAML billion laughs in about 400 bytes: ten anchors of nine references to the previous one."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = "abcdefghij"
    for prev, name in zip(names, names[1:], strict=False):
        lines.append(f"{name}: &{name} [{','.join(f'*{prev}' for _ in range(9))}]")
    return ("\n".join(lines) + "\n").encode()


def _yaml_deep() -> bytes:
    """A YAML list nested 40,000 levels deep (80 kB, under the 100 kB limit)."""
    return b"likelihood: " + b"[" * 40_000 + b"]" * 40_000 + b"\n"


FILES = (
    Hostile(
        "rij-van-4,9-miljoen-cellen.xlsx", "import", "kolommen", "588 KB .xlsx, één rij van 4,9 mln cellen", _wide_row
    ),
    Hostile("diep-geneste-xml.xlsx", "import", "dieper genest", "werkblad 100.000 elementen diep genest", _deep_xml),
    Hostile("xml-entiteitenbom.xlsx", "import", "DTD of entiteit", "XML billion laughs (DTD-entiteiten)", _entity_bomb),
    Hostile("1,2-miljoen-teksten.xlsx", "import", "verschillende teksten", "tabel van 1,2 mln teksten", _many_strings),
    Hostile("tekst-van-24-miljoen-tekens.xlsx", "import", "tekens", "één tekst van 24 mln tekens", _long_strings),
    Hostile("zip-bom.zip", "import", "uitgepakt groter", "zip: 1,8 MB wordt 512 MB CSV", _zip_bomb),
    Hostile("20000-bestanden.zip", "import", "bestanden", "zip met 20.000 bestanden", _zip_many),
    Hostile(
        "cel-van-9-miljoen-tekens.csv", "import", "een cel van meer dan", "CSV met één cel van 9 mln tekens", _csv_field
    ),
    Hostile("4,9-miljoen-rijen.csv", "import", "meer dan 100.000 rijen", "CSV met 4,9 mln rijen", _csv_rows),
    Hostile("5-miljoen-kolommen.csv", "import", "kolommen", "CSV met één rij van 5 mln cellen", _csv_columns),
    Hostile("yaml-billion-laughs.yaml", "yaml", "ankers en verwijzingen", "YAML-aliasbom van ~400 bytes", _yaml_laughs),
    Hostile("yaml-40000-diep.yaml", "yaml", "dieper genest", "YAML 40.000 niveaus diep", _yaml_deep),
)


def write_all(folder: Path) -> list[tuple[Hostile, Path]]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for item in FILES:
        path = folder / item.name
        if not path.exists():
            path.write_bytes(item.make())
        written.append((item, path))
    return written


if __name__ == "__main__":
    for _item, path in write_all(Path(sys.argv[1])):
        print(f"{path.stat().st_size:>10,} {path.name}")
