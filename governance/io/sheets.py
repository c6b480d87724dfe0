"""The spreadsheet layout: one sheet per entity, its Dutch columns, their checks and their meaning.

The same description drives the export (headers, cell types, the legend sheet) and the import (which
columns are known, required, part of the key, and how a cell is checked). Rows refer to each other by
stable codes (party code, person code, organisation code), never by database ids, so a file can be
imported into another database. Entities without a code are matched on a natural key (`Sheet.key`).

The checkers for parties and yearly figures are the ones the forms use (`register.PARTY_SCHEMA`,
`finance.YEAR_SCHEMA`); the others live here until those entities get their own domain module.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from governance import agenda, calendar, finance, register
from governance.core import labels
from governance.core import validation as v

CODE_CHECK = v.pattern(r"[a-z0-9][a-z0-9_-]{0,39}", "alleen kleine letters, cijfers, '-' en '_' (maximaal 40 tekens)")


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one object per sheet
class Column:
    """One column of a sheet. `field` is the database column, or for a reference the code of the row it
    points at (`ref` names that entity; the database column is `<ref>_id`)."""

    field: str
    header: str
    kind: str  # text | code | choice | amount | number | integer | date | bool | ref
    check: v.Check
    meaning: str
    required: bool = False  # the column must be in the file and the cell filled for a new row
    options: Mapping[str, str] | None = None  # code list of a choice
    ref: str | None = None
    unit: str = ""

    @property
    def db_field(self) -> str:
        return f"{self.ref}_id" if self.ref else self.field


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one object per sheet
class Sheet:
    entity: str  # database table
    name: str  # Dutch sheet name (also how a CSV file may be named)
    slug: str  # CSV file name in a zip and the --entity name on the command line
    aliases: tuple[str, ...]
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # fields that identify a row: rows with the same key are updated
    description: str = ""
    retired: tuple[str, ...] = ()  # headers of columns no longer used: read past, never an error
    by_header: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        found: dict[str, Column] = {}
        for col in self.columns:
            found[col.header.lower()] = col
            found[col.field.lower()] = col  # the English column name is accepted too
        object.__setattr__(self, "by_header", found)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.field == name)

    def names(self) -> set[str]:
        """Every name this sheet is known by: sheet name, slug, table name and aliases, lower case."""
        return {self.name.lower(), self.slug, self.entity, *self.aliases}


def _col(entity: str, name: str, kind: str, check: v.Check, meaning: str, **kw: object) -> Column:
    return Column(name, labels.field(entity, name), kind, check, meaning, **kw)  # type: ignore[arg-type]


def _ref(ref: str, header: str, meaning: str, required: bool = True) -> Column:
    return Column(ref, header, "ref", CODE_CHECK, meaning, required=required, ref=ref)


EURO = "euro"
PERCENT = "procent (0–100)"
DATE = "datum (dd-mm-jjjj)"
YESNO = "ja / nee"

PARTY_REF = "Verbonden partij (code)"
ORGANISATION_REF = "Deelnemer (code)"
PERSON_REF = "Persoon (code)"

ORGANISATIONS = Sheet(
    "organisation",
    "Organisaties",
    "organisaties",
    ("organisations", "organisatie"),
    (
        _col("organisation", "code", "code", CODE_CHECK, "Vaste code, bijvoorbeeld gm0363.", required=True),
        _col("organisation", "name", "text", v.text(required=True, max_len=200), "Naam.", required=True),
        _col(
            "organisation",
            "kind",
            "choice",
            v.choice(labels.ORGANISATION_KINDS),
            "Soort organisatie.",
            options=labels.ORGANISATION_KINDS,
        ),
        _col(
            "organisation", "inhabitants", "integer", v.number(low=0, integer=True), "Aantal inwoners.", unit="aantal"
        ),
        _col("organisation", "is_ours", "bool", v.boolean(), "De eigen organisatie (ten hoogste één).", unit=YESNO),
        _col("organisation", "fictitious", "bool", v.boolean(), "Verzonnen (demogegevens).", unit=YESNO),
    ),
    ("code",),
    "De gemeenten, provincies, waterschappen en andere organisaties die deelnemen in een verbonden partij.",
)

_pf = register.PARTY_SCHEMA
_YES_NO_OPEN = "ja / nee / leeg = nog te beoordelen"
# Art. 1 BBV: whether the party is a verbonden partij (bestuurlijk én financieel belang, governance.register).
_DETERMINATION = (
    _col(
        "party",
        "control_interest",
        "bool",
        _pf["control_interest"],
        "Bestuurlijk belang (zeggenschap: zetel in een orgaan of stemrecht). Alleen met bestuurlijk én financieel "
        "belang is de partij een verbonden partij (art. 1 BBV); leeg = nog te beoordelen, telt dan niet mee.",
        unit=_YES_NO_OPEN,
    ),
    _col(
        "party",
        "control_ground",
        "choice",
        _pf["control_ground"],
        "Grond van het bestuurlijk belang (alleen bij ja).",
        options=labels.CONTROL_GROUNDS,
    ),
    _col(
        "party",
        "financial_interest",
        "bool",
        _pf["financial_interest"],
        "Financieel belang (geld dat bij faillissement verloren gaat, of aansprakelijkheid); leeg = nog te beoordelen.",
        unit=_YES_NO_OPEN,
    ),
    _col(
        "party",
        "financial_ground",
        "choice",
        _pf["financial_ground"],
        "Grond van het financieel belang (alleen bij ja).",
        options=labels.FINANCIAL_GROUNDS,
    ),
    _col(
        "party",
        "centre_municipality",
        "bool",
        _pf["centre_municipality"],
        "Alleen bij een centrumregeling: de gemeente is zelf de centrumgemeente (dan geen verbonden partij).",
        unit=_YES_NO_OPEN,
    ),
    _col("party", "vp_notes", "text", _pf["vp_notes"], "Toelichting op de beoordeling als verbonden partij."),
)
PARTIES = Sheet(
    "party",
    "Verbonden partijen",
    "verbonden-partijen",
    ("parties", "partijen", "partij"),
    (
        _col("party", "code", "code", _pf["code"], "Vaste korte code van de partij.", required=True),
        _col("party", "name", "text", _pf["name"], "Naam.", required=True),
        _col(
            "party", "legal_form", "choice", _pf["legal_form"], "Rechtsvorm.", required=True, options=labels.LEGAL_FORMS
        ),
        _col(
            "party",
            "bbv_category",
            "choice",
            _pf["bbv_category"],
            "Categorie in de paragraaf verbonden partijen (art. 15 lid 1b BBV).",
            required=True,
            options=labels.BBV_CATEGORIES,
        ),
        _col("party", "status", "choice", _pf["status"], "Levensfase van de partij.", options=labels.PARTY_STATUS),
        _col("party", "seat", "text", _pf["seat"], "Vestigingsplaats."),
        _col("party", "kvk", "text", _pf["kvk"], "Nummer in het Handelsregister (8 cijfers)."),
        _col("party", "roo_id", "text", _pf["roo_id"], "Nummer in het landelijke register (organisaties.overheid.nl)."),
        _col(
            "party", "interest_held", "text", _pf["interest_held"], "Hoe de gemeente het belang houdt (art. 15 lid 2a)."
        ),
        _col("party", "public_interest", "text", _pf["public_interest"], "Het openbaar belang (art. 15 lid 2a)."),
        _col("party", "policy_domain", "text", _pf["policy_domain"], "Beleidsveld."),
        _col("party", "programme", "text", _pf["programme"], "Programma in de begroting."),
        _col("party", "founded", "date", _pf["founded"], "Datum van oprichting.", unit=DATE),
        _col("party", "ended", "date", _pf["ended"], "Datum van beëindiging.", unit=DATE),
        _col("party", "mandatory", "bool", _pf["mandatory"], "Deelname is wettelijk verplicht.", unit=YESNO),
        _col("party", "notes", "text", _pf["notes"], "Vrije toelichting."),
        *_DETERMINATION,
        _col(
            "party",
            "archived_at",
            "date",
            v.date(),
            "Gearchiveerd (telt niet mee in overzichten); leeg = in gebruik.",
            unit=DATE,
        ),
    ),
    ("code",),
    "Het register: elke verbonden partij met de gegevens die art. 15 BBV vraagt.",
    # the old undated flag (before migration 013) no longer counts; a file exported then still imports
    retired=("geen materiële risico's", "no_material_risks"),
)

PARTICIPATIONS = Sheet(
    "participation",
    "Deelnemingen",
    "deelnemingen",
    ("participations", "deelneming", "deelnemers"),
    (
        _ref("party", PARTY_REF, "Code van de verbonden partij (tabblad Verbonden partijen)."),
        _ref("organisation", ORGANISATION_REF, "Code van de deelnemende organisatie (tabblad Organisaties)."),
        _col(
            "participation",
            "voting_share",
            "number",
            v.number(low=0, high=100),
            "Aandeel in de stemmen.",
            unit=PERCENT,
        ),
        _col(
            "participation",
            "shares",
            "integer",
            v.number(low=0, integer=True),
            "Aantal aandelen (NV/BV).",
            unit="aantal",
        ),
        _col(
            "participation",
            "cost_share",
            "number",
            v.number(low=0, high=100),
            "Aandeel in de kosten (verdeelsleutel).",
            unit=PERCENT,
        ),
        _col("participation", "joined", "date", v.date(), "Datum van toetreding.", unit=DATE),
        _col("participation", "left_on", "date", v.date(), "Datum van uittreding.", unit=DATE),
    ),
    ("party", "organisation"),
    "Wie deelneemt in welke partij, met stemverhouding, aandelen en verdeelsleutel.",
)

_yf = register.YEAR_SCHEMA
_AMOUNT_MEANING = {
    "interest_begin": "Financieel belang van de gemeente op 1 januari (art. 15 lid 2b).",
    "interest_end": "Financieel belang van de gemeente op 31 december (art. 15 lid 2b).",
    "contribution": "Bijdrage van de gemeente in het jaar.",
    "loans": "Door de gemeente verstrekte leningen.",
    "guarantees": "Garanties van de gemeente.",
    "dividend": "Dividend aan de gemeente.",
    "equity_begin": "Eigen vermogen van de partij op 1 januari (art. 15 lid 2c); mag negatief zijn.",
    "equity_end": "Eigen vermogen van de partij op 31 december (art. 15 lid 2c); mag negatief zijn.",
    "debt_begin": "Vreemd vermogen van de partij op 1 januari (art. 15 lid 2c).",
    "debt_end": "Vreemd vermogen van de partij op 31 december (art. 15 lid 2c).",
    "result": "Financieel resultaat van de partij (art. 15 lid 2d); mag negatief zijn.",
}
PARTY_YEARS = Sheet(
    "party_year",
    "Jaarcijfers",
    "jaarcijfers",
    ("party_years", "figures", "cijfers"),
    (
        _ref("party", PARTY_REF, "Code van de verbonden partij (tabblad Verbonden partijen)."),
        _col("party_year", "year", "integer", _yf["year"], "Begrotingsjaar.", required=True, unit="jaar"),
        _col(
            "party_year",
            "kind",
            "choice",
            _yf["kind"],
            "Begroting (verwacht) of jaarrekening (gerealiseerd).",
            required=True,
            options=labels.YEAR_KINDS,
        ),
        *(
            _col("party_year", name, "amount", _yf[name], _AMOUNT_MEANING[name], unit=EURO)
            for name in register.AMOUNT_FIELDS
        ),
        _col(
            "party_year", "source_document", "text", _yf["source_document"], "Het document waar de cijfers uit komen."
        ),
    ),
    ("party", "year", "kind"),
    "Per partij, jaar en soort (begroting of jaarrekening) het financieel belang en de balans.",
)

_sf = register.STATEMENT_SCHEMA
RISK_STATEMENTS = Sheet(
    "risk_statement",
    "Geen materiële risico's",
    "geen-materiele-risicos",
    ("risk_statements", "vaststellingen"),
    (
        _ref("party", PARTY_REF, "Code van de verbonden partij (tabblad Verbonden partijen)."),
        _col("risk_statement", "year", "integer", _sf["year"], "Begrotingsjaar.", required=True, unit="jaar"),
        _col(
            "risk_statement",
            "stated_on",
            "date",
            _sf["stated_on"],
            "Datum waarop is vastgesteld dat de partij dat jaar geen materiële financiële risico's zonder "
            "beheersmaatregel heeft (art. 15 lid 2e).",
            required=True,
            unit=DATE,
        ),
        _col("risk_statement", "note", "text", _sf["note"], "Waar de vaststelling op berust."),
    ),
    ("party", "year"),
    "Per partij en jaar: vastgesteld dat er geen materiële risico's zonder beheersmaatregel zijn (art. 15 lid 2e).",
)

PERSONS = Sheet(
    "person",
    "Personen",
    "personen",
    ("persons", "persoon"),
    (
        _col("person", "code", "code", CODE_CHECK, "Vaste korte code van de persoon.", required=True),
        _col("person", "name", "text", v.text(required=True, max_len=200), "Naam.", required=True),
        _col(
            "person",
            "function",
            "choice",
            v.choice(labels.FUNCTIONS),
            "Functie bij de gemeente.",
            required=True,
            options=labels.FUNCTIONS,
        ),
        _col("person", "portfolio", "text", v.text(max_len=300), "Portefeuille (bij ambtenaren: de rol)."),
        _col(
            "person",
            "email",
            "text",
            v.pattern(r"[^@\s]+@[^@\s]+\.[^@\s]+", "is geen e-mailadres"),
            "E-mailadres.",
        ),
        _col("person", "archived_at", "date", v.date(), "Gearchiveerd; leeg = in functie.", unit=DATE),
    ),
    ("code",),
    "Bestuurders en ambtenaren die de gemeente vertegenwoordigen.",
)

REPRESENTATIONS = Sheet(
    "representation",
    "Vertegenwoordigingen",
    "vertegenwoordigingen",
    ("representations", "vertegenwoordiging"),
    (
        _ref("person", PERSON_REF, "Code van de persoon (tabblad Personen)."),
        _ref("party", PARTY_REF, "Code van de verbonden partij (tabblad Verbonden partijen)."),
        _col(
            "representation",
            "body",
            "choice",
            v.choice(labels.BODIES),
            "Het orgaan waarin de persoon zit.",
            required=True,
            options=labels.BODIES,
        ),
        _col(
            "representation",
            "capacity",
            "choice",
            v.choice(labels.CAPACITIES),
            "De rol van de gemeente die de persoon vervult.",
            required=True,
            options=labels.CAPACITIES,
        ),
        _col("representation", "start_date", "date", v.date(), "Begin van de zetel.", unit=DATE),
        _col("representation", "end_date", "date", v.date(), "Einde van de zetel (tot en met).", unit=DATE),
        _col("representation", "notes", "text", v.text(), "Vrije toelichting."),
    ),
    ("person", "party", "body", "capacity", "start_date"),
    "Wie namens de gemeente in welk orgaan van welke partij zit, en in welke rol.",
)

# A whole class number; its upper bound is the configured risk matrix, checked by risks.validate_risk.
_SCALE = v.number(low=1, integer=True)
_CLASS = "klasse op de risicomatrix (standaard 1–5)"
RISKS = Sheet(
    "risk",
    "Risico's",
    "risicos",
    ("risks", "risico", "risico's"),
    (
        _ref("party", PARTY_REF, "Code van de verbonden partij; leeg = risico van de gemeente zelf.", required=False),
        _col(
            "risk",
            "category",
            "choice",
            v.choice(labels.RISK_CATEGORIES),
            "Soort risico.",
            required=True,
            options=labels.RISK_CATEGORIES,
        ),
        _col("risk", "title", "text", v.text(required=True, max_len=300), "Korte omschrijving.", required=True),
        _col("risk", "cause", "text", v.text(), "Oorzaak."),
        _col("risk", "consequence", "text", v.text(), "Gevolg."),
        _col(
            "risk",
            "gross_likelihood",
            "integer",
            _SCALE,
            "Kans zonder maatregelen.",
            unit=_CLASS,
        ),
        _col(
            "risk",
            "gross_impact",
            "integer",
            _SCALE,
            "Impact zonder maatregelen.",
            unit=_CLASS,
        ),
        _col(
            "risk",
            "net_likelihood",
            "integer",
            _SCALE,
            "Kans na maatregelen.",
            unit=_CLASS,
        ),
        _col(
            "risk",
            "net_impact",
            "integer",
            _SCALE,
            "Impact na maatregelen.",
            unit=_CLASS,
        ),
        _col(
            "risk",
            "probability_pct",
            "number",
            v.number(low=0, high=100),
            "Kans dat het risico optreedt.",
            unit=PERCENT,
        ),
        _col("risk", "amount_min", "amount", v.amount(non_negative=True), "Financieel gevolg, minimaal.", unit=EURO),
        _col(
            "risk",
            "amount_likely",
            "amount",
            v.amount(non_negative=True),
            "Financieel gevolg, meest waarschijnlijk.",
            unit=EURO,
        ),
        _col("risk", "amount_max", "amount", v.amount(non_negative=True), "Financieel gevolg, maximaal.", unit=EURO),
        _col("risk", "measures", "text", v.text(), "Beheersmaatregelen."),
        _col("risk", "owner", "text", v.text(max_len=200), "Wie het risico bewaakt."),
        _col(
            "risk",
            "status",
            "choice",
            v.choice(labels.RISK_STATUS),
            "Stand van het risico.",
            options=labels.RISK_STATUS,
        ),
        _col("risk", "next_review", "date", v.date(), "Datum van de volgende herziening.", unit=DATE),
    ),
    ("party", "title"),
    "Risico's per partij (en van de gemeente zelf), met kans, impact en financieel gevolg.",
)

_af = agenda.SCHEMAS["agenda_action"]


def _source(value: object) -> tuple[object, str | None]:
    """Bron: an empty cell is handmatig (a row typed into the sheet by hand)."""
    clean, message = v.choice(labels.ACTION_SOURCES, required=False)(value)
    return (clean or "handmatig", None) if message is None else (clean, message)


AGENDA_ACTIONS = Sheet(
    "agenda_action",
    "Ontwikkelagenda",
    "ontwikkelagenda",
    ("agenda_actions", "acties", "ontwikkelagenda-acties"),
    (
        _ref("party", PARTY_REF, "Code van de verbonden partij (tabblad Verbonden partijen)."),
        _col("agenda_action", "action", "text", _af["action"], "De actie.", required=True),
        _col("agenda_action", "owner", "text", _af["owner"], "Wie de actie uitvoert of bewaakt."),
        _col(
            "agenda_action",
            "deadline",
            "date",
            _af["deadline"],
            "Datum waarop de actie uiterlijk gereed is; daarna is een open of lopende actie te laat.",
            unit=DATE,
        ),
        _col("agenda_action", "status", "choice", _af["status"], "Stand van de actie.", options=labels.ACTION_STATUS),
        _col(
            "agenda_action",
            "horizon",
            "choice",
            _af["horizon"],
            "Termijn van de actie.",
            required=True,
            options=labels.HORIZONS,
        ),
        _col(
            "agenda_action",
            "source",
            "choice",
            _source,
            "Handmatig, of een in een werkatelier overgenomen verbetervoorstel (zie de toelichting van de actie).",
            options=labels.ACTION_SOURCES,
        ),
        _col(
            "agenda_action",
            "notes",
            "text",
            _af["notes"],
            "Toelichting; bij een verbetervoorstel waar het vandaan komt.",
        ),
    ),
    ("party", "action"),
    "De ontwikkelagenda: per partij de acties met eigenaar, uiterlijke datum, status, termijn en bron.",
)

_rf = finance.RESERVE_SCHEMA
PARTY_RESERVES = Sheet(
    "party_reserve",
    "Reserves",
    "reserves",
    ("party_reserves", "reserve", "reserves en normen"),
    (
        _ref("party", PARTY_REF, "Code van de verbonden partij (tabblad Verbonden partijen)."),
        _col("party_reserve", "year", "integer", _rf["year"], "Begrotingsjaar.", required=True, unit="jaar"),
        _col(
            "party_reserve",
            "kind",
            "choice",
            _rf["kind"],
            "Begroting (verwacht) of jaarrekening (gerealiseerd).",
            required=True,
            options=labels.YEAR_KINDS,
        ),
        _col(
            "party_reserve",
            "reserve",
            "amount",
            _rf["reserve"],
            "De reserve van de partij (algemene reserve of weerstandsvermogen); mag negatief zijn.",
            unit=EURO,
        ),
        _col(
            "party_reserve",
            "norm",
            "amount",
            _rf["norm"],
            "De norm die de partij zelf voor haar reserve heeft vastgesteld; daaronder volgt een financieel signaal.",
            unit=EURO,
        ),
        _col("party_reserve", "source_document", "text", _rf["source_document"], "Waar reserve en norm uit komen."),
    ),
    ("party", "year", "kind"),
    "Per partij, jaar en soort de reserve en de eigen norm van de partij (kengetal reserve tegen eigen norm).",
)


def _subject(value: object) -> tuple[object, str | None]:
    """Onderwerp: empty for the documents of the yearly cycle, the subject of a wijziging otherwise."""
    if v.blank(value):
        return "", None
    return v.text(max_len=200)(value)


_dc = calendar.DOCUMENT_SCHEMA
PC_DOCUMENTS = Sheet(
    "pc_document",
    "P&C-documenten",
    "pc-documenten",
    ("pc_documents", "pc-documenten", "p&c-documenten", "p&c-kalender"),
    (
        _ref("party", PARTY_REF, "Code van de gemeenschappelijke regeling (tabblad Verbonden partijen)."),
        _col(
            "pc_document",
            "year",
            "integer",
            v.number(low=1900, high=2100, integer=True),
            "Begrotingsjaar (bij een wijziging: het jaar waarin zij is verzonden).",
            required=True,
            unit="jaar",
        ),
        _col(
            "pc_document",
            "kind",
            "choice",
            v.choice(calendar.DOCUMENTS),
            "Het document van de P&C-cyclus.",
            required=True,
            options=calendar.DOCUMENTS,
        ),
        _col(
            "pc_document",
            "subject",
            "text",
            _subject,
            "Alleen bij een wijziging, toetreding of uittreding: waar het om gaat; anders leeg (de kolom moet er "
            "wel staan).",
            required=True,
        ),
        _col(
            "pc_document",
            "own_due",
            "date",
            _dc["own_due"],
            "Eigen termijn uit de regeling (gaat voor de wet).",
            unit=DATE,
        ),
        _col(
            "pc_document",
            "board_meeting",
            "date",
            _dc["board_meeting"],
            "Ontwerpbegroting: de AB-vergadering.",
            unit=DATE,
        ),
        _col("pc_document", "sent_on", "date", _dc["sent_on"], "Verzonden door de regeling.", unit=DATE),
        _col("pc_document", "received_on", "date", _dc["received_on"], "Ontvangen door de gemeente.", unit=DATE),
        _col(
            "pc_document",
            "council_meeting",
            "date",
            _dc["council_meeting"],
            "De raadsvergadering die over de zienswijze besluit.",
            unit=DATE,
        ),
        _col(
            "pc_document",
            "opinion_decision",
            "choice",
            _dc["opinion_decision"],
            "Wat de raad besloot.",
            options=calendar.DECISIONS,
        ),
        _col("pc_document", "opinion", "text", _dc["opinion"], "De zienswijze: tekst of verwijzing naar het bestand."),
        _col(
            "pc_document",
            "answer_received",
            "date",
            _dc["answer_received"],
            "De schriftelijke, gemotiveerde reactie van het bestuur op de zienswijze (Wgr sinds 2022).",
            unit=DATE,
        ),
        _col("pc_document", "status", "choice", _dc["status"], "Stand van het document.", options=calendar.STATUS),
        _col("pc_document", "notes", "text", _dc["notes"], "Vrije toelichting."),
    ),
    ("party", "year", "kind", "subject"),
    "Per gemeenschappelijke regeling en begrotingsjaar wat er met elk P&C-document gebeurde: ontvangen, "
    "raadsvergadering, zienswijze, reactie van het bestuur en status. De termijnen zelf volgen uit de Wgr.",
)

PC_REGIMES = Sheet(
    "calendar_regime",  # not a table: the setting calendar.regimes, one row per regeling
    "P&C-cyclus",
    "pc-cyclus",
    ("pc_regimes", "begrotingscyclus", "p&c-cyclus"),
    (
        _ref("party", PARTY_REF, "Code van de gemeenschappelijke regeling (tabblad Verbonden partijen)."),
        Column(
            "regime",
            "Begrotingscyclus",
            "choice",
            v.choice(calendar.REGIMES),
            "Welke cyclus de regeling volgt: de Wgr sinds 1 juli 2022, of (zolang de regeling niet is aangepast) "
            "de oude cyclus.",
            required=True,
            options=calendar.REGIMES,
        ),
    ),
    ("party",),
    "Per gemeenschappelijke regeling de begrotingscyclus die zij volgt (instelling van de P&C-kalender).",
)

# In the order of import: a row only refers to rows of sheets before it.
SHEETS: tuple[Sheet, ...] = (
    ORGANISATIONS,
    PARTIES,
    PERSONS,
    PARTICIPATIONS,
    PARTY_YEARS,
    PARTY_RESERVES,
    RISK_STATEMENTS,
    REPRESENTATIONS,
    RISKS,
    AGENDA_ACTIONS,
    PC_REGIMES,
    PC_DOCUMENTS,
)
# In the order of the workbook: the register first, as a controller reads it.
EXPORT_ORDER: tuple[Sheet, ...] = (
    PARTIES,
    PARTICIPATIONS,
    PARTY_YEARS,
    PARTY_RESERVES,
    RISK_STATEMENTS,
    PERSONS,
    REPRESENTATIONS,
    RISKS,
    AGENDA_ACTIONS,
    PC_REGIMES,
    PC_DOCUMENTS,
    ORGANISATIONS,
)
LEGEND = "Toelichting"
CODE_ENTITY = {"party": PARTIES, "organisation": ORGANISATIONS, "person": PERSONS}


def find(name: str) -> Sheet | None:
    """The sheet called `name` (sheet name, CSV file stem, --entity value or table name; any case)."""
    wanted = name.strip().lower()
    return next((s for s in SHEETS if wanted in s.names()), None)


def slugs() -> list[str]:
    return [s.slug for s in EXPORT_ORDER]
