"""Dutch names for everything a user sees: entities, fields and the values of every code list.

Codes in the database are stable lower-case identifiers; this is the one place that turns them into the
legal terms a controller knows. A second language would be a second set of these dictionaries.
"""

from __future__ import annotations

ENTITIES: dict[str, str] = {
    "organisation": "Organisatie",
    "party": "Verbonden partij",
    "participation": "Deelneming",
    "party_year": "Jaarcijfers",
    "person": "Persoon",
    "representation": "Vertegenwoordiging",
    "role_signal_ack": "Geaccepteerd signaal",
    "finance_signal_ack": "Geaccepteerd financieel signaal",
    "party_reserve": "Reserve en norm",
    "risk": "Risico",
    "setting": "Instelling",
    "app_user": "Gebruiker",
    "weerstand_run": "Weerstandsberekening",
    "risk_measure": "Beheersmaatregel",
    "risk_statement": "Vaststelling geen materiële risico's",
    "paragraph_text": "Tekst paragraaf verbonden partijen (art. 15 lid 1)",
    "pc_document": "P&C-document",
    "profile_assessment": "Risicoprofiel",
    "audit_log": "Logboek",
    "national_snapshot": "Landelijk register",
    "workshop_session": "Werkatelier",
    "workshop_item": "Agendapunt werkatelier",
    "workshop_participant": "Deelnemer werkatelier",
    "workshop_score": "Score",
    "workshop_proposal": "Verbetervoorstel",
    "workshop_dot": "Stip",
    "workshop_stakeholder": "Belanghebbende (krachtenveld)",
    "party_motive": "Motief voor de samenwerking",
    "party_result": "Beoogd resultaat",
    "party_evaluation": "Evaluatie",
    "agenda_action": "Actie op de ontwikkelagenda",
    "glossary_term": "Begrip",
    "workshop_role_view": "Rolopvatting of rolverwachting",
    "workshop_role_agreement": "Afgesproken rol",
    "workshop_display": "Projectorkeuze werkatelier",
    "workshop_step": "Stap van het programma",
    "workshop_signal_state": "Oefening signalen werkatelier",
    "workshop_own_sign": "Eigen signaal",
    "workshop_sign_tick": "Herkend signaal",
    "workshop_sign_risk": "Risico uit een signaal",
    "gegevens": "Gegevens",
}

FIELDS: dict[str, dict[str, str]] = {
    "party_motive": {
        "party_id": "Verbonden partij",
        "motive": "Motief",
        "met": "Wordt het waargemaakt?",
        "explanation": "Toelichting",
    },
    "party_result": {
        "party_id": "Verbonden partij",
        "intended": "Beoogd resultaat",
        "achieved": "Behaald resultaat",
        "assessment": "Oordeel",
    },
    "party_evaluation": {
        "party_id": "Verbonden partij",
        "held_on": "Geëvalueerd op",
        "conclusion": "Conclusie",
        "next_planned": "Volgende evaluatie gepland op",
    },
    "agenda_action": {
        "party_id": "Verbonden partij",
        "action": "Actie",
        "owner": "Eigenaar",
        "deadline": "Gereed uiterlijk",
        "status": "Status",
        "horizon": "Termijn",
        "source": "Bron",
        "session_id": "Werkatelier",
        "proposal_id": "Verbetervoorstel",
        "notes": "Toelichting",
    },
    "pc_document": {
        "party_id": "Partij",
        "year": "Begrotingsjaar",
        "kind": "Document",
        "subject": "Onderwerp",
        "own_due": "Eigen termijn uit de regeling",
        "board_meeting": "AB-vergadering (vaststelling begroting)",
        "sent_on": "Verzonden op",
        "received_on": "Ontvangen op",
        "council_meeting": "Raadsvergadering",
        "opinion": "Zienswijze (tekst of verwijzing naar het bestand)",
        "opinion_decision": "Besluit van de raad",
        "answer_received": "Schriftelijke reactie van het bestuur ontvangen op",
        "status": "Status",
        "notes": "Toelichting",
    },
    "paragraph_text": {
        "year": "Jaar",
        "kind": "Document",
        "vision": "Visie op verbonden partijen (art. 15 lid 1a)",
        "intentions": "Beleidsvoornemens (art. 15 lid 1b)",
    },
    "risk_statement": {
        "party_id": "Partij",
        "year": "Jaar",
        "stated_on": "Vastgesteld op",
        "note": "Toelichting",
    },
    "app_user": {
        "name": "Gebruikersnaam",
        "full_name": "Naam",
        "email": "E-mailadres",
        "role": "Rol",
        "password_hash": "Wachtwoord",
        "disabled": "Uitgeschakeld",
    },
    "organisation": {
        "code": "Code",
        "name": "Naam",
        "kind": "Soort",
        "inhabitants": "Inwoners",
        "is_ours": "Eigen organisatie",
        "fictitious": "Fictief",
        "roo_id": "Registernummer (ROO)",
        "province": "Provincie",
        "ended": "Opgeheven per",
    },
    "party": {
        "code": "Code",
        "name": "Naam",
        "legal_form": "Rechtsvorm",
        "bbv_category": "BBV-categorie",
        "seat": "Vestigingsplaats",
        "kvk": "KvK-nummer",
        "roo_id": "Registernummer (ROO)",
        "interest_held": "Wijze waarop belang wordt gehouden",
        "public_interest": "Openbaar belang",
        "policy_domain": "Beleidsveld",
        "programme": "Programma",
        "founded": "Opgericht",
        "ended": "Beëindigd",
        "mandatory": "Wettelijk verplicht",
        "status": "Status",
        "no_material_risks": "Geen materiële risico's",
        "notes": "Toelichting",
        "archived_at": "Gearchiveerd op",
        "regeling_name": "Regeling (officiële naam)",
        "executing_body": "Uitvoerend orgaan",
        "source_url": "Bron in het landelijk register",
        "register_values": "Laatst overgenomen uit het landelijk register",
        "government_role": "Rol van de gemeente",
        "participation_level": "Participatieniveau",
        "government_role_notes": "Toelichting rol en participatie",
        "government_connector": "Gemeente als verbinder",
        "control_interest": "Bestuurlijk belang",
        "control_ground": "Grond bestuurlijk belang",
        "financial_interest": "Financieel belang",
        "financial_ground": "Grond financieel belang",
        "centre_municipality": "Gemeente is zelf centrumgemeente",
        "vp_notes": "Toelichting beoordeling verbonden partij",
    },
    "participation": {
        "party_id": "Verbonden partij",
        "organisation_id": "Deelnemer",
        "voting_share": "Stemverhouding (%)",
        "shares": "Aantal aandelen",
        "cost_share": "Verdeelsleutel (%)",
        "joined": "Toegetreden",
        "left_on": "Uitgetreden",
        "register_values": "Laatst overgenomen uit het landelijk register",
    },
    "party_year": {
        "party_id": "Verbonden partij",
        "year": "Jaar",
        "kind": "Soort",
        "interest_begin": "Financieel belang 1/1",
        "interest_end": "Financieel belang 31/12",
        "contribution": "Bijdrage gemeente",
        "loans": "Verstrekte leningen",
        "guarantees": "Garanties",
        "dividend": "Dividend",
        "equity_begin": "Eigen vermogen 1/1",
        "equity_end": "Eigen vermogen 31/12",
        "debt_begin": "Vreemd vermogen 1/1",
        "debt_end": "Vreemd vermogen 31/12",
        "result": "Financieel resultaat",
        "source_document": "Bron",
    },
    "person": {
        "code": "Code",
        "name": "Naam",
        "function": "Functie",
        "portfolio": "Portefeuille",
        "email": "E-mail",
        "archived_at": "Gearchiveerd op",
    },
    "representation": {
        "person_id": "Persoon",
        "party_id": "Verbonden partij",
        "body": "Orgaan",
        "capacity": "Rol",
        "start_date": "Vanaf",
        "end_date": "Tot en met",
        "notes": "Toelichting",
    },
    "finance_signal_ack": {
        "signal_key": "Signaal",
        "rule": "Soort signaal",
        "reason": "Reden",
        "acknowledged_by": "Geaccepteerd door",
        "acknowledged_at": "Geaccepteerd op",
    },
    "party_reserve": {
        "party_id": "Verbonden partij",
        "year": "Jaar",
        "kind": "Soort",
        "reserve": "Reserve",
        "norm": "Norm van de partij",
        "source_document": "Brondocument",
    },
    "role_signal_ack": {
        "signal_key": "Signaal",
        "rule": "Soort signaal",
        "reason": "Reden",
        "acknowledged_by": "Geaccepteerd door",
        "acknowledged_at": "Geaccepteerd op",
    },
    "risk": {
        "party_id": "Verbonden partij",
        "category": "Categorie",
        "title": "Titel",
        "cause": "Oorzaak",
        "consequence": "Gevolg",
        "gross_likelihood": "Kans (bruto)",
        "gross_impact": "Impact (bruto)",
        "net_likelihood": "Kans (netto)",
        "net_impact": "Impact (netto)",
        "probability_pct": "Kans (%)",
        "amount_min": "Bedrag minimum",
        "amount_likely": "Bedrag meest waarschijnlijk",
        "amount_max": "Bedrag maximum",
        "measures": "Beheersmaatregelen",
        "owner": "Risico-eigenaar",
        "status": "Status",
        "next_review": "Volgende herziening",
    },
    "setting": {"key": "Sleutel", "value": "Waarde"},
    "weerstand_run": {
        "run_at": "Vastgelegd op",
        "purpose": "Voor",
        "year": "Jaar",
        "scope": "Risico's",
        "iterations": "Aantal iteraties",
        "seed": "Startgetal (seed)",
        "distribution": "Verdeling",
        "include_exposures": "Garanties en leningen meegenomen",
        "risks": "Aantal gesimuleerde risico's",
        "certainty_pct": "Zekerheidsniveau (%)",
        "expected": "Verwachte waarde",
        "gross": "Bruto (som maxima)",
        "available": "Beschikbare weerstandscapaciteit",
        "required": "Benodigde weerstandscapaciteit",
        "ratio": "Weerstandsratio",
        "ratio_class": "Klasse",
        "levels": "Zekerheidstabel",
        "contributions": "Bijdragen per partij",
        "notes": "Toelichting",
    },
    "national_snapshot": {
        "source": "Bron",
        "retrieved": "Stand van",
        "loaded_at": "Ingelezen op",
        "counts": "Aantallen",
        "problems": "Problemen",
    },
    "workshop_session": {
        "code": "Sessiecode",
        "title": "Titel",
        "casus": "Casus",
        "perspectives": "Perspectieven",
        "facilitator": "Facilitator",
        "status": "Status",
        "round": "Ronde",
        "round_open": "Ronde open",
        "revealed": "Stemmen getoond",
        "proposals_open": "Voorstellen open",
        "forces_open": "Belanghebbenden voorstellen open",
        "dots": "Stippen per deelnemer",
        "screen": "Projector toont",
        "current_step": "Open stap van het programma",
        "items": "Te scoren onderwerpen",
        "max_participants": "Maximum aantal deelnemers",
    },
    "workshop_item": {
        "session_id": "Werkatelier",
        "position": "Nummer",
        "kind": "Soort",
        "risk_id": "Risico",
        "party_id": "Verbonden partij",
        "label": "Omschrijving",
        "consensus_likelihood": "Consensus kans",
        "consensus_impact": "Consensus impact",
        "written_back": "Teruggeschreven naar",
    },
    "workshop_participant": {
        "session_id": "Werkatelier",
        "token": "Deelnemerssleutel",
        "perspective": "Perspectief",
        "name": "Naam",
        "removed_at": "Verwijderd op",
        "removed_by": "Verwijderd door",
    },
    "workshop_score": {
        "session_id": "Werkatelier",
        "item_id": "Onderwerp",
        "participant_id": "Deelnemer",
        "round": "Ronde",
        "likelihood": "Kans",
        "impact": "Impact",
        "reason": "Toelichting",
    },
    "workshop_proposal": {
        "session_id": "Werkatelier",
        "party_id": "Verbonden partij",
        "horizon": "Termijn",
        "text": "Voorstel",
        "participant_id": "Deelnemer",
    },
    "workshop_dot": {"proposal_id": "Voorstel", "participant_id": "Deelnemer", "dots": "Stippen"},
    "glossary_term": {
        "term_key": "Sleutel",
        "term": "Begrip",
        "basis": "Soort begrip",
        "definition": "Omschrijving",
        "source": "Bron",
    },
    "workshop_role_view": {
        "party_id": "Verbonden partij",
        "kind": "Soort",
        "role": "Rol van de gemeente",
        "connector": "Verbinder",
        "perspective": "Perspectief",
    },
    "workshop_role_agreement": {"party_id": "Verbonden partij", "role": "Afgesproken rol", "connector": "Verbinder"},
    "workshop_own_sign": {"party_id": "Verbonden partij", "text": "Eigen signaal"},
    "workshop_sign_tick": {"party_id": "Verbonden partij", "sign_key": "Signaal"},
    "workshop_stakeholder": {
        "session_id": "Werkatelier",
        "name": "Naam",
        "influence": "Invloed",
        "interest": "Belang",
        "attitude": "Houding",
        "notes": "Toelichting",
        "side": "Krachtenveld",
        "status": "Status",
        "participant_id": "Voorgesteld door",
    },
    "risk_measure": {
        "risk_id": "Risico",
        "description": "Maatregel",
        "owner": "Eigenaar",
        "status": "Status",
        "due_date": "Gereed uiterlijk",
    },
    "profile_assessment": {
        "party_id": "Verbonden partij",
        "assessed_on": "Beoordeeld op",
        "scores": "Scores",
        "belang_score": "Belang",
        "risk_score": "Risico",
        "total_score": "Totaalscore",
        "profile_class": "Risicoprofiel",
        "next_assessment": "Herbeoordeling uiterlijk",
        "assessor": "Beoordeeld door",
        "notes": "Toelichting",
    },
}

LEGAL_FORMS: dict[str, str] = {
    "openbaar_lichaam": "Openbaar lichaam",
    "bedrijfsvoeringsorganisatie": "Bedrijfsvoeringsorganisatie",
    "gemeenschappelijk_orgaan": "Gemeenschappelijk orgaan",
    "centrumregeling": "Centrumregeling",
    "regeling_zonder_meer": "Regeling zonder meer",
    "nv": "NV",
    "bv": "BV",
    "cooperatie": "Coöperatie",
    "stichting": "Stichting",
    "vereniging": "Vereniging",
    "cv": "Commanditaire vennootschap (C.V.)",
    "overig": "Overig",
}

# BBV art. 15 lid 1b: the four categories of the paragraaf verbonden partijen, in the legal order.
BBV_CATEGORIES: dict[str, str] = {
    "gemeenschappelijke_regeling": "Gemeenschappelijke regelingen",
    "vennootschap_cooperatie": "Vennootschappen en coöperaties",
    "stichting_vereniging": "Stichtingen en verenigingen",
    "overig": "Overige verbonden partijen",
}

# Short forms for narrow tables; the full terms stay in forms, filters and exports.
LEGAL_FORMS_SHORT: dict[str, str] = {
    **LEGAL_FORMS,
    "bedrijfsvoeringsorganisatie": "BVO",
    "gemeenschappelijk_orgaan": "Gem. orgaan",
    "regeling_zonder_meer": "Regeling z.m.",
    "cv": "C.V.",
}
BBV_CATEGORIES_SHORT: dict[str, str] = {
    "gemeenschappelijke_regeling": "GR",
    "vennootschap_cooperatie": "Vennootschap",
    "stichting_vereniging": "Stichting/ver.",
    "overig": "Overig",
}

# The category a legal form normally falls in; a user may still choose another (e.g. a centrumregeling).
CATEGORY_OF_FORM: dict[str, str] = {
    "openbaar_lichaam": "gemeenschappelijke_regeling",
    "bedrijfsvoeringsorganisatie": "gemeenschappelijke_regeling",
    "gemeenschappelijk_orgaan": "gemeenschappelijke_regeling",
    "centrumregeling": "gemeenschappelijke_regeling",
    "regeling_zonder_meer": "gemeenschappelijke_regeling",
    "nv": "vennootschap_cooperatie",
    "bv": "vennootschap_cooperatie",
    "cooperatie": "vennootschap_cooperatie",
    "stichting": "stichting_vereniging",
    "vereniging": "stichting_vereniging",
    "cv": "overig",
    "overig": "overig",
}

# Art. 1 BBV: a verbonden partij needs both a bestuurlijk and a financieel belang (governance.register.verbonden).
VP_STATUS: dict[str, str] = {
    "ja": "Verbonden partij",
    "nee": "Geen verbonden partij (samenwerking)",
    "te_beoordelen": "Nog te beoordelen",
}
VP_STATUS_SHORT: dict[str, str] = {"ja": "Ja", "nee": "Nee (samenwerking)", "te_beoordelen": "Nog te beoordelen"}
# Bestuurlijk belang is zeggenschap: a seat in an orgaan or voting rights (domain.md section 1).
CONTROL_GROUNDS: dict[str, str] = {
    "zetel": "Zetel in een orgaan (AB, DB, bestuur, AvA, RvC)",
    "stemrecht": "Stemrecht (aandelen, lidmaatschap)",
}
# Financieel belang: money that is lost on bankruptcy, or an amount the gemeente is liable for (domain.md section 1).
FINANCIAL_GROUNDS: dict[str, str] = {
    "kapitaal": "Kapitaal of aandelen",
    "bijdrage": "Bijdrage die bij faillissement niet terugkomt",
    "aansprakelijkheid": "Aansprakelijkheid voor tekorten of verplichtingen",
    "lening": "Lening",
    "garantie": "Garantie of borgstelling",
}

PARTY_STATUS: dict[str, str] = {
    "in_oprichting": "In oprichting",
    "actief": "Actief",
    "in_liquidatie": "In liquidatie / opheffing",
    "opgeheven": "Opgeheven",
}

YEAR_KINDS: dict[str, str] = {"begroting": "Begroting", "jaarrekening": "Jaarrekening"}

ORGANISATION_KINDS: dict[str, str] = {
    "gemeente": "Gemeente",
    "provincie": "Provincie",
    "waterschap": "Waterschap",
    "rijk": "Rijk",
    "regeling": "Gemeenschappelijke regeling",
    "overig": "Overig",
}

FUNCTIONS: dict[str, str] = {
    "burgemeester": "Burgemeester",
    "wethouder": "Wethouder",
    "raadslid": "Raadslid",
    "gemeentesecretaris": "Gemeentesecretaris",
    "ambtenaar": "Ambtenaar",
    "overig": "Overig",
}

# The bodies a legal form has are in governance.roles.bodies (BODIES_BY_FORM).
BODIES: dict[str, str] = {
    "ab": "Algemeen bestuur (AB)",
    "db": "Dagelijks bestuur (DB)",
    "voorzitter": "Voorzitter",
    "orgaan": "Gemeenschappelijk orgaan",
    "ava": "Algemene vergadering van aandeelhouders (AvA)",
    "rvc": "Raad van commissarissen (RvC)",
    "bestuur": "Bestuur",
    "raad_van_toezicht": "Raad van toezicht",
    "alv": "Algemene ledenvergadering (ALV)",
    "ledenraad": "Ledenraad",
    "vennoten": "Vergadering van vennoten",
    "adviescommissie": "Adviescommissie",
    "overleg": "Bestuurlijk overleg (geen orgaan)",
    "accounthouder": "Ambtelijk accounthouder",
    "adviseur": "Ambtelijk adviseur",
}

CAPACITIES: dict[str, str] = {
    "eigenaar": "Eigenaar / aandeelhouder",
    "opdrachtgever": "Opdrachtgever",
    "klant": "Klant",
    "financier": "Financier",
    "toezichthouder": "Toezichthouder",
    "regisseur": "Regisseur",
}

# Bodies where an official works for the gemeente rather than a seat in a governing body (orgaan).
OFFICIAL_BODIES: tuple[str, ...] = ("accounthouder", "adviseur")
# Functions that can represent the gemeente bestuurlijk (domain.md section 4).
ADMINISTRATORS: tuple[str, ...] = ("burgemeester", "wethouder", "raadslid")

# Short forms for the person x party matrix, where a cell reads e.g. "AB eigenaar; DB opdrachtgever".
BODIES_SHORT: dict[str, str] = {
    "ab": "AB",
    "db": "DB",
    "voorzitter": "Voorzitter",
    "orgaan": "Gem. orgaan",
    "ava": "AvA",
    "rvc": "RvC",
    "bestuur": "Bestuur",
    "raad_van_toezicht": "RvT",
    "alv": "ALV",
    "ledenraad": "Ledenraad",
    "vennoten": "Vennoten",
    "adviescommissie": "Adviescie.",
    "overleg": "Overleg",
    "accounthouder": "Accounthouder",
    "adviseur": "Adviseur",
}

# ROB "overheidsparticipatietrap" (Loslaten in vertrouwen, 2012), from least to most government steering.
GOVERNMENT_ROLES: dict[str, str] = {
    "loslaten": "Loslaten",
    "faciliteren": "Faciliteren",
    "stimuleren": "Stimuleren",
    "regisseren": "Regisseren",
    "reguleren": "Reguleren",
}
GOVERNMENT_ROLE_HELP: dict[str, str] = {
    "loslaten": "de gemeente laat het aan de samenleving of de partij over",
    "faciliteren": "de gemeente ondersteunt met middelen of voorzieningen",
    "stimuleren": "de gemeente prikkelt en moedigt aan, bijvoorbeeld met subsidie",
    "regisseren": "de gemeente stuurt op samenhang en resultaat en maakt afspraken",
    "reguleren": "de gemeente legt regels en kaders op en handhaaft",
}

# Burgerparticipatieladder, from least to most influence for inwoners.
PARTICIPATION_LEVELS: dict[str, str] = {
    "informeren": "Informeren",
    "raadplegen": "Raadplegen",
    "adviseren": "Adviseren",
    "coproduceren": "Coproduceren",
    "meebeslissen": "Meebeslissen",
}
PARTICIPATION_LEVEL_HELP: dict[str, str] = {
    "informeren": "inwoners worden op de hoogte gehouden",
    "raadplegen": "inwoners worden om hun mening gevraagd; het bestuur beslist",
    "adviseren": "inwoners geven advies dat serieus wordt meegewogen",
    "coproduceren": "inwoners en bestuur werken samen aan oplossingen",
    "meebeslissen": "inwoners beslissen mee over de uitkomst",
}

RISK_CATEGORIES: dict[str, str] = {
    "bestuurlijk": "Bestuurlijk",
    "beleidsmatig": "Beleidsmatig",
    "financieel": "Financieel",
}

RISK_STATUS: dict[str, str] = {
    "open": "Open",
    "beheerst": "Beheerst",
    "geaccepteerd": "Geaccepteerd",
    "vervallen": "Vervallen",
}

MEASURE_STATUS: dict[str, str] = {
    "gepland": "Gepland",
    "in_uitvoering": "In uitvoering",
    "gereed": "Gereed",
    "vervallen": "Vervallen",
}

# Gross = before, net = after beheersmaatregelen.
RISK_KINDS: dict[str, str] = {"gross": "Bruto", "net": "Netto"}

PROFILE_CLASSES: dict[str, str] = {"laag": "Laag", "midden": "Midden", "hoog": "Hoog"}

PROFILE_AXES: dict[str, str] = {"belang": "Belang", "risico": "Risico"}


def entity(name: str) -> str:
    """Dutch name of an entity (table)."""
    return ENTITIES.get(name, name)


def field(entity_name: str, name: str) -> str:
    """Dutch name of a field; falls back to the column name so a message is never empty."""
    return FIELDS.get(entity_name, {}).get(name, name or "veld")


SETTINGS: dict[str, str] = {
    "risk_matrix": "De risicomatrix",
    "profile_rubric": "De rubriek van het risicoprofiel",
    "weerstandscapaciteit": "De beschikbare weerstandscapaciteit",
    "weerstand_simulatie": "De simulatie-instelling",
    "roles.max_bodies": "Het maximum aantal organen per persoon",
    "roles.term_horizon_days": "De termijn voor aflopende benoemingen",
    "roles.portfolio_domains": "De koppeling van portefeuilles en beleidsvelden",
    "our_organisation": "De eigen organisatie",
    "workshop_base_url": "Het adres van de app voor deelnemers",
    "workshop_join_rate": "Het aantal aanmeldingen per minuut per werkatelier",
    "verbonden.presumption": "De aanname over verbonden partijen bij het inlezen uit het landelijk register",
    "auth.session_hours": "De duur van een aanmelding",
    "bbv.material_risk": "De grens voor een materieel risico (BBV art. 15 lid 2e)",
    "bbv.no_balance_sheet": "De rechtsvormen zonder eigen balans (BBV art. 15 lid 2c)",
    "national.mandatory": "De regelingen waarin deelname wettelijk verplicht is",
    "agenda.evaluation_interval": "De termijn tussen twee evaluaties van een verbonden partij",
    "finance_signals": "De grenzen van de financiële signalen",
    "calendar.regimes": "De regelingen die nog de oude P&C-cyclus volgen",
    "calendar.dates": "De data van de P&C-kalender die de wet niet vastlegt",
}


# The parts of a setting's JSON value, for the audit log's 'what changed' (governance.register.settingdiff):
# the risk matrix, the profile rubric, the simulation and the beschikbare capaciteit.
SETTING_PARTS: dict[str, str] = {
    "likelihood": "kans",
    "impact": "impact",
    "label": "naam",
    "meaning": "betekenis",
    "percentage": "kans (%)",
    "max_amount": "bedrag tot en met",
    "levels": "niveau",
    "colour": "kleur",
    "cells": "cellen",
    "criteria": "criteria",
    "code": "code",
    "axis": "as",
    "weight": "weging",
    "help": "toelichting",
    "thresholds": "grens",
    "regimes": "regime",
    "reporting": "rapportage",
    "analyses_per_year": "analyses per jaar",
    "reassess_years": "herbeoordeling na jaren",
    "certainty_pct": "zekerheidsniveau (%)",
    "iterations": "aantal iteraties",
    "seed": "startgetal (seed)",
    "distribution": "verdeling",
    "default_probability_pct": "kans op omvallen van een partij (%)",
    "party_probability_pct": "kans op omvallen per partij (%)",
    "council_decision": "raadsbesluit (kenmerk)",
    "council_decision_date": "datum raadsbesluit",
    "algemene_reserve": "algemene reserve",
    "stille_reserves": "stille reserves",
    "onbenutte_belastingcapaciteit": "onbenutte belastingcapaciteit",
    "post_onvoorzien": "post onvoorzien",
}
# Lists in a setting value whose items a person counts: 'kans, niveau 2', 'criterium 3'.
SETTING_ITEMS: dict[str, str] = {"likelihood": "niveau", "impact": "niveau", "criteria": "criterium"}


def setting(key: str) -> str:
    """Dutch name of a setting, for messages about it."""
    return SETTINGS.get(key, f"De instelling {key}")


# What the national register (ROO) gets wrong, as the importer reports it. Order: deelnemers, versions, values.
NATIONAL_PROBLEMS: dict[str, str] = {
    "opgeheven": "Deelnemer bestaat niet meer (opgeheven of samengevoegd): uitgetreden per die datum",
    "onbekend": "Deelnemer met een code die het register niet kent",
    "zonder_code": "Deelnemer zonder code (buitenlandse overheid of andere instelling): overgenomen zonder code",
    "ministerie": "Ministerie als deelnemer: overgenomen als Rijk",
    "regeling": "Andere regeling als deelnemer: overgenomen als regeling",
    "dubbel": "Deelnemer twee keer genoemd (één keer overgenomen)",
    "oude_versies": "Regeling met eerdere versies (alleen de versie in werking telt)",
    "verdeelsleutel": "Verdeelsleutel met decimale komma (omgezet naar een getal)",
    "verdeelsleutel_ongeldig": "Verdeelsleutel onleesbaar (leeg gelaten)",
    "aanhalingstekens": "Waarde tussen aanhalingstekens (aanhalingstekens weggelaten)",
    "aanhalingstekens_in_tekst": "Naam of doel met aanhalingstekens of apostrof (ongewijzigd overgenomen)",
    "centrumregeling": "'Regeling zonder meer' die volgens haar titel een centrumregeling is",
    "rechtsvorm_onbekend": "Onbekende samenwerkingsvorm (rechtsvorm Overig)",
    "geen_doel": "Regeling zonder doel (openbaar belang blijft leeg)",
    "gemeentelijst": "Verschil tussen register en CBS-gemeentelijst",
}

# What choosing an organisation or re-importing the register did, per regeling: the report page and CLI show.
REGISTER_FINDINGS: dict[str, str] = {
    "nieuw": "Toegevoegd uit het landelijk register",
    "te_beoordelen": "Nog te beoordelen of het een verbonden partij is (art. 1 BBV; telt niet mee tot dan)",
    "aangenomen": "Als verbonden partij aangenomen (bestuurlijk en financieel belang; controleer)",
    "gekoppeld": "Bestaande partij gekoppeld aan het register",
    "bijgewerkt": "Bijgewerkt: gewijzigd in het register",
    "eigen_waarde": "Eigen wijziging behouden",
    "beeindigd": "Regeling beëindigd (gemarkeerd, niet verwijderd)",
    "niet_gevonden": "Niet meer in het register gevonden (ongewijzigd gelaten)",
    "zelf_uitgetreden": "Uw organisatie neemt niet meer deel",
    "uitgetreden": "Deelnemer niet meer genoemd (uitgetreden)",
    "verplicht": "Als wettelijk verplicht gemarkeerd (regel voor bestaande partijen, eenmalig; controleer)",
    "bbv_lacune": "Niet in het landelijk register en nodig voor BBV art. 15 (blijft leeg, telt als BBV-lacune)",
    "ontbreekt": "Niet in het landelijk register, vul zelf aan (geen BBV-onderdeel)",
    **NATIONAL_PROBLEMS,
}
# The findings that ask the organisation to act (judge, check or complete); every other finding is for
# information: what was taken over, converted or kept.
REGISTER_PROBLEMS: tuple[str, ...] = (
    "te_beoordelen",
    "niet_gevonden",
    "onbekend",
    "verdeelsleutel_ongeldig",
    "centrumregeling",
    "rechtsvorm_onbekend",
    "geen_doel",
    "gemeentelijst",
)
HORIZONS: dict[str, str] = {"kort": "Korte termijn", "middellang": "Middellange termijn", "lang": "Lange termijn"}

ACTION_STATUS: dict[str, str] = {"open": "Open", "bezig": "Bezig", "gereed": "Gereed", "vervallen": "Vervallen"}
ACTION_SOURCES: dict[str, str] = {"handmatig": "Handmatig", "werkatelier": "Werkatelier"}
MOTIVE_MET: dict[str, str] = {"ja": "Ja", "deels": "Deels", "nee": "Nee", "onbekend": "Nog te beoordelen"}
RESULT_ASSESSMENT: dict[str, str] = {
    "ja": "Behaald",
    "deels": "Deels behaald",
    "nee": "Niet behaald",
    "onbekend": "Nog te beoordelen",
}

ATTITUDES: dict[str, str] = {"voor": "Voor", "neutraal": "Neutraal", "tegen": "Tegen"}
# the krachtenveld's two sides (issue 16 point 5) and where a participant's proposed stakeholder stands
STAKEHOLDER_SIDES: dict[str, str] = {"extern": "Extern (omgeving)", "intern": "Intern (eigen organisatie)"}
STAKEHOLDER_STATUSES: dict[str, str] = {
    "voorgesteld": "Wacht op de facilitator",
    "geaccepteerd": "Op het krachtenveld",
    "afgewezen": "Niet overgenomen",
}

WORKSHOP_PERSPECTIVES: list[str] = ["Wethouder", "Controller", "Beleidsadviseur", "Accounthouder", "Bewoner"]
