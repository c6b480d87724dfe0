"""Writes the import test files (run once: `python -m tests.data.import.make_files`; the output is committed).

Kept as code because the point of several files is their bytes: an encoding, a BOM, a separator, binary junk.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
BAD, GOOD = HERE / "bad", HERE / "good"

PARTY_HEAD = "Code;Naam;Rechtsvorm;BBV-categorie"
YEAR_HEAD = "Verbonden partij (code);Jaar;Soort;Bijdrage gemeente;Eigen vermogen 31/12"
NEGATIVE_ROWS = [
    ["vr-voorbeeldland", 2025, "Jaarrekening", "4.600.000", "6.100.000"],
    ["ggd-voorbeeldland", 2025, "Jaarrekening", "3.100.000,50", "1.200.000"],
    ["od-voorbeeldland", 2025, "Jaarrekening", "1.450.000", "2.000.000"],
    ["archief-voorbeeldland", 2025, "Jaarrekening", "310.000", "450.000"],
    ["belastingen-voorbeeldland", 2025, "Jaarrekening", "880.000", "-12.500"],
    ["afval-voorbeeldland", 2025, "Jaarrekening", "-1.250,00", "9.000.000"],
]


def text(name: str, lines: list[str], encoding: str = "utf-8") -> None:
    (BAD / name).write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))


def bad_files() -> None:
    text(
        "onbekende-kolom.csv",
        [
            PARTY_HEAD + ";Kleur",
            "vr-voorbeeldland;Veiligheidsregio Voorbeeldland;Openbaar lichaam;Gemeenschappelijke regelingen;rood",
        ],
    )
    text(
        "ontbrekende-kolom.csv", ["Code;Rechtsvorm;BBV-categorie", "nieuw-fonds;Stichting;Stichtingen en verenigingen"]
    )
    text(
        "verkeerd-type.csv",
        [
            YEAR_HEAD,
            "vr-voorbeeldland;2025;Jaarrekening;veel;6.078.000",
            "ggd-voorbeeldland;twintig;Jaarrekening;1.000;2.000",
        ],
    )
    text(
        "dubbele-code.csv",
        [
            PARTY_HEAD,
            "ggd-voorbeeldland;GGD Voorbeeldland;Openbaar lichaam;Gemeenschappelijke regelingen",
            "GGD-Voorbeeldland;GGD Voorbeeldland (nieuw);Openbaar lichaam;Gemeenschappelijke regelingen",
        ],
    )
    text(
        "dubbele-rij.csv",
        [
            YEAR_HEAD,
            "vr-voorbeeldland;2025;Jaarrekening;4.600.000;6.100.000",
            "vr-voorbeeldland;2025;jaarrekening;4.700.000;6.100.000",
        ],
    )
    text("negatief-bedrag.csv", [YEAR_HEAD] + [";".join(map(str, r)) for r in NEGATIVE_ROWS])
    text("naam-alleen-spaties.csv", [PARTY_HEAD, "vr-voorbeeldland;   ;Openbaar lichaam;Gemeenschappelijke regelingen"])
    text(
        "onbekende-code.csv",
        [
            "Verbonden partij (code);Deelnemer (code);Stemverhouding (%)",
            "bestaat-niet;gm9999;10",
            "vr-voorbeeldland;gm0000;10",
        ],
    )
    text("ongeldige-waarde.csv", [PARTY_HEAD, "nieuw-nv;Nieuw NV;Overheids-NV;Vennootschappen en coöperaties"])
    text(
        "ongeldige-datum.csv",
        [
            PARTY_HEAD + ";Opgericht",
            "vr-voorbeeldland;Veiligheidsregio Voorbeeldland;Openbaar lichaam;Gemeenschappelijke regelingen;31-02-2025",
        ],
    )
    text(
        "einddatum-voor-begin.csv",
        [
            "Persoon (code);Verbonden partij (code);Orgaan;Rol;Vanaf;Tot en met",
            "bgm-hofstede;vr-voorbeeldland;Algemeen bestuur (AB);Eigenaar / aandeelhouder;01-09-2021;31-08-2021",
        ],
    )
    (BAD / "leeg.csv").write_bytes(b"")
    # a PDF with a .csv name: the content decides, not the name
    (BAD / "geen-spreadsheet.csv").write_bytes(
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 12 /Filter /FlateDecode >>\nstream\n"
        b"x\x9c\x03\x00\x00\x00\x00\x01\x00\x00\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )
    (BAD / "geen-spreadsheet.xlsx").write_bytes(b"Dit is een notitie, geen spreadsheet.\n")
    book = Workbook()
    book.active.title = "Partijen 2025"
    book.active.append(PARTY_HEAD.split(";"))
    book.active.append(
        ["vr-voorbeeldland", "Veiligheidsregio Voorbeeldland", "Openbaar lichaam", "Gemeenschappelijke regelingen"]
    )
    book.save(BAD / "onbekend-tabblad.xlsx")
    book = Workbook()
    book.active.title = "Jaarcijfers"
    book.active.append(YEAR_HEAD.split(";"))
    for row in NEGATIVE_ROWS:
        book.active.append([row[0], row[1], row[2], row[3], row[4]])
    book.save(BAD / "negatief-bedrag.xlsx")


def good_files() -> None:
    # Windows-1252, semicolons, thousands dots and decimal commas, labels, an en dash and a quoted semicolon
    lines = [
        "Verbonden partij (code);Jaar;Soort;Financieel belang 1/1;Bijdrage gemeente;Eigen vermogen 1/1;"
        "Financieel resultaat;Bron",
        "vr-voorbeeldland;2027;Begroting;982.000;4.812.345,67;6.078.000;-125.000;"
        '"Ontwerpbegroting 2027 – zienswijze; concept"',
        "ggd-voorbeeldland;2027;begroting;1.234.567,89;3.250.000;€ 2.100.000;0;Ontwerpbegroting 2027 GGD (geüpdatet)",
    ]
    (GOOD / "jaarcijfers-windows1252.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    # UTF-8 with BOM, codes instead of labels, dd-mm-jjjj, ja/nee, a text that looks like a formula
    lines = [
        "Code;Naam;Rechtsvorm;BBV-categorie;Vestigingsplaats;Opgericht;Wettelijk verplicht;Toelichting",
        "fonds-voorbeeld;Stichting Fonds Voorbeeld;stichting;stichting_vereniging;'s-Hertogenbosch;01-03-2025;nee;"
        "'=geen formule",
        "vr-voorbeeldland;Veiligheidsregio Voorbeeldland;Openbaar lichaam;Gemeenschappelijke regelingen;Nieuwdorp;"
        "01-01-2010;ja;",
    ]
    (GOOD / "partijen-utf8-bom.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    # commas as separator: then a dot is the decimal point, also in '12.500'
    lines = [
        "Verbonden partij (code),Deelnemer (code),Stemverhouding (%),Verdeelsleutel (%),Toegetreden",
        'vr-voorbeeldland,gm9999,12.500,"16,25",2010-01-01',
    ]
    (GOOD / "deelnemingen-komma.csv").write_bytes(("\n".join(lines) + "\n").encode("utf-8"))


if __name__ == "__main__":
    bad_files()
    good_files()
