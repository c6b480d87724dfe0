"""Werkatelier: live sessions where participants score risks from their own device.

Everything a participant must keep (who they are, their scores, proposals and dots) is in the database,
keyed by an anonymous token that lives in the participant's URL: a reload or a dropped websocket loses
nothing. Every change goes through `db.write` and is audited; participants are audited under an
anonymous actor ("deelnemer 12 (Controller)"), the facilitator under their name with the session code
as reason.

`scale(db)` is the only place that knows which matrix participants score on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from typing import Any

import pandas as pd

from governance import labels, riskmatrix
from governance import validation as v
from governance.db import Database, Tx
from governance.errors import DomainError, FieldError, NotFoundError, ValidationError

# Join codes avoid characters people confuse when reading them off a projector: no 0/O, no 1/I.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 6
MAX_ITEMS = 40
PASSWORD_KEY = "workshop_facilitator"  # setting: salted scrypt hash of the facilitator password
SECRET_KEY = "workshop_secret"  # setting: server secret that signs projector links
BASE_URL_KEY = "workshop_base_url"  # setting: the address participants use to reach this server


class WorkshopClosed(DomainError):
    """The session exists but no longer accepts input."""


# -- the scale ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Scale:
    """The risk matrix participants score on: one label per level, level 1 first."""

    likelihood: tuple[str, ...]
    impact: tuple[str, ...]
    source: str = "standaard"

    @property
    def levels(self) -> tuple[int, int]:
        return len(self.likelihood), len(self.impact)


DEFAULT_SCALE = Scale(
    likelihood=("10 %", "30 %", "50 %", "70 %", "90 %"),
    impact=("≤ € 50.000", "€ 50.000 – 200.000", "€ 200.000 – 500.000", "€ 500.000 – 1 mln", "> € 1 mln"),
)


def _levels(raw: Any) -> tuple[str, ...] | None:
    """Labels from a list of strings or dicts ({"label"|"naam"|"name": ...}), or from a count of levels."""
    if isinstance(raw, int) and not isinstance(raw, bool) and 2 <= raw <= 10:
        return tuple(str(i) for i in range(1, raw + 1))
    if isinstance(raw, dict):
        raw = raw.get("levels") or raw.get("labels") or raw.get("niveaus")
    if not isinstance(raw, list) or not 2 <= len(raw) <= 10:
        return None
    out = []
    for entry in raw:
        if isinstance(entry, dict):
            entry = entry.get("label") or entry.get("naam") or entry.get("name")
        if not isinstance(entry, (str, int, float)) or isinstance(entry, bool) or not str(entry).strip():
            return None
        out.append(str(entry).strip())
    return tuple(out)


def scale(db: Database) -> Scale:
    """The risk matrix configured under Beheer (governance.riskmatrix): participants score on the same
    levels as the risk register, so a locked consensus can be written back unchanged."""
    matrix = riskmatrix.get_matrix(db)

    def labels_of(axis: str, levels: tuple[Any, ...]) -> tuple[str, ...]:
        return tuple(
            f"{lv.label} ({riskmatrix.meaning(matrix, axis, n)})" if riskmatrix.meaning(matrix, axis, n) else lv.label
            for n, lv in enumerate(levels, start=1)
        )

    return Scale(
        labels_of("likelihood", matrix.likelihood),
        labels_of("impact", matrix.impact),
        source=f"risicomatrix {matrix.size_text}",
    )


# -- codes, secrets and the facilitator password -----------------------------------------------------------
def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: Any) -> str:
    return "".join(str(code or "").split()).upper()


def _setting(db: Database, key: str) -> Any:
    raw = db.scalar("SELECT value FROM setting WHERE key = ?", [key])
    return json.loads(raw) if isinstance(raw, str) else raw


def _put_setting(tx: Tx, key: str, value: Any, reason: str | None = None) -> None:
    row = tx.get("setting", key)
    if row is None:
        tx.insert("setting", {"key": key, "value": json.dumps(value)}, reason=reason)
    else:
        tx.update("setting", key, {"value": json.dumps(value)}, reason=reason)


def _hash(password: str, salt: bytes) -> str:
    return hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32).hex()


def has_facilitator_password(db: Database) -> bool:
    return _setting(db, PASSWORD_KEY) is not None


def check_facilitator_password(db: Database, password: str, configured: str | None = None) -> bool:
    """True when `password` matches the one in Streamlit secrets (`configured`) or the stored salted hash."""
    if not password:
        return False
    if configured and hmac.compare_digest(password.encode(), configured.encode()):
        return True
    stored = _setting(db, PASSWORD_KEY)
    if not stored:
        return False
    return hmac.compare_digest(_hash(password, bytes.fromhex(stored["salt"])), stored["hash"])


def set_facilitator_password(db: Database, new: str, actor: str, current: str | None = None) -> None:
    """Store a salted scrypt hash (never the password). Changing an existing one needs the current one."""
    if len(new or "") < 8:
        raise ValidationError([FieldError("password", "Nieuw wachtwoord", "moet minstens 8 tekens hebben")])
    if has_facilitator_password(db) and not check_facilitator_password(db, current or ""):
        raise ValidationError([FieldError("current", "Huidig wachtwoord", "klopt niet")])
    salt = secrets.token_bytes(16)
    value = {"algorithm": "scrypt", "n": 2**14, "r": 8, "p": 1, "salt": salt.hex(), "hash": _hash(new, salt)}
    db.write(lambda tx: _put_setting(tx, PASSWORD_KEY, value, "facilitatorwachtwoord gewijzigd"), actor)


def _secret(db: Database) -> bytes:
    found = _setting(db, SECRET_KEY)
    if not found:
        db.write(lambda tx: _put_setting(tx, SECRET_KEY, secrets.token_hex(32)), "werkatelier")
        found = _setting(db, SECRET_KEY)
    return bytes.fromhex(found)


def projector_key(db: Database, code: str) -> str:
    """A key for the projector link of one session: signed with the server secret, so it survives reloads
    and cannot be guessed by participants who know the join code."""
    return hmac.new(_secret(db), f"projector:{normalise_code(code)}".encode(), "sha256").hexdigest()[:20]


def projector_key_valid(db: Database, code: str, key: str | None) -> bool:
    return bool(key) and hmac.compare_digest(projector_key(db, code), str(key))


def base_url(db: Database, fallback: str | None = None) -> str:
    """The address participants type or scan: the 'workshop_base_url' setting, else what the browser used."""
    return str(_setting(db, BASE_URL_KEY) or fallback or "http://localhost:8501").rstrip("/")


def set_base_url(db: Database, url: str, actor: str) -> None:
    clean = (url or "").strip().rstrip("/")
    if not clean.startswith(("http://", "https://")):
        raise ValidationError([FieldError("url", "Adres van de app", "moet beginnen met http:// of https://")])
    db.write(lambda tx: _put_setting(tx, BASE_URL_KEY, clean), actor)


def join_link(base: str, code: str) -> str:
    return f"{base.rstrip('/')}/?sessie={normalise_code(code)}"


# -- sessions ---------------------------------------------------------------------------------------------
SESSION_SCHEMA: dict[str, v.Check] = {
    "title": v.text(required=True, max_len=200),
    "casus": v.text(max_len=5000),
    "facilitator": v.text(required=True, max_len=100),
    "dots": v.number(1, 20, integer=True),
}


def _perspectives(raw: Any) -> list[str]:
    if isinstance(raw, str):
        raw = raw.replace(",", "\n").splitlines()
    names = [str(p).strip() for p in raw or [] if str(p).strip()]
    return list(dict.fromkeys(names)) or list(labels.WORKSHOP_PERSPECTIVES)


def create_session(db: Database, values: dict[str, Any], actor: str) -> dict[str, Any]:
    """A new session with its items (risks, then parties, numbered 1..n); returns {'id', 'code'}."""
    clean, errors = v.apply("workshop_session", SESSION_SCHEMA, {"dots": 3, **values})
    risk_ids = [int(r) for r in values.get("risk_ids") or []]
    party_ids = [int(p) for p in values.get("party_ids") or []]
    if not risk_ids and not party_ids:
        errors.append(
            FieldError("items", labels.field("workshop_session", "items"), "kies minstens één risico of partij")
        )
    if len(risk_ids) + len(party_ids) > MAX_ITEMS:
        errors.append(
            FieldError("items", labels.field("workshop_session", "items"), f"kies hoogstens {MAX_ITEMS} onderwerpen")
        )
    perspectives = _perspectives(values.get("perspectives"))
    if any(len(p) > 60 for p in perspectives) or len(perspectives) > 20:
        errors.append(FieldError("perspectives", "Perspectieven", "hoogstens 20 perspectieven van elk 60 tekens"))
    if errors:
        raise ValidationError(errors, labels.entity("workshop_session"))

    def run(tx: Tx) -> dict[str, Any]:
        code = new_code()
        while tx.execute("SELECT 1 FROM workshop_session WHERE code = ?", [code]):
            code = new_code()
        session_id = tx.insert("workshop_session", {**clean, "code": code, "perspectives": json.dumps(perspectives)})
        position = 0
        for risk_id in risk_ids:
            found = tx.rows(
                "SELECT r.title, p.name FROM risk r LEFT JOIN party p ON p.id = r.party_id WHERE r.id = ?", [risk_id]
            )
            if not found:
                raise NotFoundError(f"Risico {risk_id} bestaat niet (meer).")
            position += 1
            label = found[0]["title"] + (f" ({found[0]['name']})" if found[0]["name"] else "")
            tx.insert(
                "workshop_item",
                {"session_id": session_id, "position": position, "kind": "risk", "risk_id": risk_id, "label": label},
            )
        for party_id in party_ids:
            found = tx.rows("SELECT name FROM party WHERE id = ?", [party_id])
            if not found:
                raise NotFoundError(f"Verbonden partij {party_id} bestaat niet (meer).")
            position += 1
            tx.insert(
                "workshop_item",
                {
                    "session_id": session_id,
                    "position": position,
                    "kind": "party",
                    "party_id": party_id,
                    "label": f"Risicoprofiel {found[0]['name']}",
                },
            )
        return {"id": int(session_id), "code": code}

    return db.write(run, actor)


def _session_row(db: Database, code: str) -> dict[str, Any]:
    found = db.rows("SELECT * FROM workshop_session WHERE code = ?", [normalise_code(code)])
    if not found:
        raise NotFoundError(
            f"Er is geen werkatelier met de code '{normalise_code(code) or '(leeg)'}'. "
            "Controleer de code op het scherm van de facilitator."
        )
    row = found[0]
    row["perspectives"] = json.loads(row["perspectives"]) if isinstance(row["perspectives"], str) else []
    return row


def get_session(db: Database, code: str) -> dict[str, Any]:
    """The session for a join code; NotFoundError with a Dutch message for an unknown code."""
    return _session_row(db, code)


def open_session(db: Database, code: str) -> dict[str, Any]:
    """The session for a participant: NotFoundError for an unknown code, WorkshopClosed when it has ended."""
    row = _session_row(db, code)
    if row["status"] != "open":
        raise WorkshopClosed(
            f"Het werkatelier '{row['title']}' is gesloten; er kan niet meer worden gestemd. Dank voor uw inbreng!"
        )
    return row


def sessions(db: Database) -> pd.DataFrame:
    return db.query(
        """
        SELECT s.id, s.code, s.title, s.status, s.round, s.created_at, s.facilitator,
               (SELECT count(*) FROM workshop_participant p WHERE p.session_id = s.id) AS participants
        FROM workshop_session s ORDER BY s.status = 'gesloten', s.created_at DESC, s.id DESC
        """
    )


def items(db: Database, session_id: int) -> pd.DataFrame:
    return db.query(
        """
        SELECT i.*, r.party_id AS risk_party_id, coalesce(p.name, rp.name) AS party_name
        FROM workshop_item i
        LEFT JOIN risk r ON r.id = i.risk_id
        LEFT JOIN party rp ON rp.id = r.party_id
        LEFT JOIN party p ON p.id = i.party_id
        WHERE i.session_id = ? ORDER BY i.position
        """,
        [session_id],
    )


def agenda(db: Database, session_id: int) -> pd.DataFrame:
    """The session's items without joins: what the projector needs after every vote."""
    return db.query("SELECT * FROM workshop_item WHERE session_id = ? ORDER BY position", [session_id])


def session_parties(db: Database, session_id: int) -> pd.DataFrame:
    """The parties a session is about (directly or through its risks): proposals are made per party."""
    return db.query(
        """
        SELECT DISTINCT p.id, p.name FROM workshop_item i
        LEFT JOIN risk r ON r.id = i.risk_id
        JOIN party p ON p.id = coalesce(i.party_id, r.party_id)
        WHERE i.session_id = ? ORDER BY p.name
        """,
        [session_id],
    )


def _facilitator_update(db: Database, code: str, values: dict[str, Any], actor: str) -> dict[str, Any]:
    row = _session_row(db, code)
    return db.write(lambda tx: tx.update("workshop_session", row["id"], values, reason=row["code"]), actor)


def set_round_open(db: Database, code: str, is_open: bool, actor: str) -> dict[str, Any]:
    return _facilitator_update(db, code, {"round_open": bool(is_open)}, actor)


def set_revealed(db: Database, code: str, revealed: bool, actor: str) -> dict[str, Any]:
    return _facilitator_update(db, code, {"revealed": bool(revealed)}, actor)


def set_proposals_open(db: Database, code: str, is_open: bool, actor: str) -> dict[str, Any]:
    return _facilitator_update(db, code, {"proposals_open": bool(is_open)}, actor)


SCREENS: dict[str, str] = {
    "deelnemen": "Deelnemen (code en QR)",
    "scores": "Scores en spreiding",
    "perspectieven": "Per perspectief",
    "voorstellen": "Verbetervoorstellen",
    "krachtenveld": "Krachtenveld",
}


def set_screen(db: Database, code: str, screen: str, actor: str) -> dict[str, Any]:
    """Choose what the projector shows; it follows within one refresh."""
    if screen not in SCREENS:
        raise ValidationError([FieldError("screen", "Projector toont", f"kies uit: {', '.join(SCREENS.values())}")])
    return _facilitator_update(db, code, {"screen": screen}, actor)


def qr_png(link: str, scale: int = 8) -> bytes:
    """The join link as a QR code, rendered locally (segno, no network)."""
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=scale, border=2, dark="#000000", light="#ffffff")
    return buffer.getvalue()


def next_round(db: Database, code: str, actor: str) -> dict[str, Any]:
    """Start a new scoring round: open for votes, hidden until revealed; earlier rounds stay for comparison."""
    row = _session_row(db, code)
    if row["round"] >= 9:
        raise DomainError("Een werkatelier heeft hoogstens 9 rondes.")
    return _facilitator_update(db, code, {"round": row["round"] + 1, "round_open": True, "revealed": False}, actor)


def close_session(db: Database, code: str, actor: str) -> dict[str, Any]:
    values = {"status": "gesloten", "round_open": False, "proposals_open": False, "closed_at": dt.datetime.now()}
    return _facilitator_update(db, code, values, actor)


def reopen_session(db: Database, code: str, actor: str) -> dict[str, Any]:
    return _facilitator_update(db, code, {"status": "open", "closed_at": None}, actor)


# -- participants -------------------------------------------------------------------------------------------
def participant_actor(participant: dict[str, Any]) -> str:
    return f"deelnemer {participant['id']} ({participant['perspective']})"


def join(db: Database, code: str, perspective: str, name: str | None = None) -> str:
    """Register an anonymous participant; returns the token to keep in the URL."""
    session = open_session(db, code)
    errors = []
    if perspective not in session["perspectives"]:
        errors.append(FieldError("perspective", "Perspectief", f"kies een van: {', '.join(session['perspectives'])}"))
    clean_name, message = v.text(max_len=60)(name)
    if message:
        errors.append(FieldError("name", "Naam", message))
    if errors:
        raise ValidationError(errors, labels.entity("workshop_participant"))
    token = secrets.token_urlsafe(12)
    values = {"session_id": session["id"], "token": token, "perspective": perspective, "name": clean_name}
    db.write(lambda tx: tx.insert("workshop_participant", values, reason=session["code"]), "deelnemer (nieuw)")
    return token


def participant(db: Database, session_id: int, token: str | None) -> dict[str, Any] | None:
    """The participant with this token in this session, or None (an unknown or foreign token)."""
    if not token:
        return None
    found = db.rows("SELECT * FROM workshop_participant WHERE token = ? AND session_id = ?", [str(token), session_id])
    return found[0] if found else None


def _participant_or_fail(db: Database, session: dict[str, Any], token: str) -> dict[str, Any]:
    found = participant(db, session["id"], token)
    if found is None:
        raise NotFoundError("U bent (nog) niet aangemeld bij dit werkatelier. Open de deelnamelink opnieuw.")
    return found


def _level(value: Any, levels: int, label: str, field: str) -> tuple[int | None, FieldError | None]:
    """A level on one axis of the matrix: a whole number 1..levels."""
    if v.blank(value):
        return None, FieldError(field, label, "is verplicht")
    clean, message = v.number(integer=True)(value)
    if message is None and not 1 <= clean <= levels:
        message = f"{clean} ligt buiten de schaal; kies 1 tot en met {levels}"
    if message:
        return None, FieldError(field, label, message)
    return int(clean), None


def vote(
    db: Database, code: str, token: str, item_id: int, likelihood: Any, impact: Any, reason: str | None = None
) -> dict[str, Any]:
    """Store a participant's score for an item in the current round; a second vote replaces the first."""
    session = open_session(db, code)
    person = _participant_or_fail(db, session, token)
    if not session["round_open"]:
        raise WorkshopClosed(f"Ronde {session['round']} is gesloten; wacht tot de facilitator een ronde opent.")
    n_l, n_i = scale(db).levels
    lik, e1 = _level(likelihood, n_l, "Kans", "likelihood")
    imp, e2 = _level(impact, n_i, "Impact", "impact")
    clean_reason, message = v.text(max_len=200)(reason)
    errors = [e for e in (e1, e2) if e]
    if message:
        errors.append(FieldError("reason", "Toelichting", message))
    if errors:
        raise ValidationError(errors, labels.entity("workshop_score"))
    if not db.rows("SELECT 1 FROM workshop_item WHERE id = ? AND session_id = ?", [item_id, session["id"]]):
        raise NotFoundError(f"Onderwerp {item_id} hoort niet bij dit werkatelier.")
    values = {"likelihood": lik, "impact": imp, "reason": clean_reason}

    def run(tx: Tx) -> dict[str, Any]:
        key = [item_id, person["id"], session["round"]]
        existing = tx.rows("SELECT id FROM workshop_score WHERE item_id = ? AND participant_id = ? AND round = ?", key)
        if existing:
            return tx.update("workshop_score", existing[0]["id"], values)
        new = {"session_id": session["id"], "item_id": item_id, "participant_id": person["id"]}
        score_id = tx.insert("workshop_score", {**new, "round": session["round"], **values})
        return {"id": score_id, **new, **values}

    return db.write(run, participant_actor(person))


def my_scores(db: Database, session_id: int, participant_id: int, round_no: int) -> dict[int, dict[str, Any]]:
    rows = db.rows(
        "SELECT item_id, likelihood, impact, reason FROM workshop_score "
        "WHERE session_id = ? AND participant_id = ? AND round = ?",
        [session_id, participant_id, round_no],
    )
    return {r["item_id"]: r for r in rows}


def scores(db: Database, session_id: int) -> pd.DataFrame:
    """Every score of a session with the participant's perspective; the input of workshopstats."""
    return db.query(
        """
        SELECT s.item_id, i.position, s.participant_id, p.perspective, s.round, s.likelihood, s.impact, s.reason
        FROM workshop_score s
        JOIN workshop_item i ON i.id = s.item_id
        JOIN workshop_participant p ON p.id = s.participant_id
        WHERE s.session_id = ? ORDER BY s.round, i.position, s.participant_id
        """,
        [session_id],
    )


def live_counts(db: Database, session_id: int, round_no: int) -> dict[str, int]:
    """What the projector shows live: participants, and votes and voters in the current round."""
    row = db.rows(
        """
        SELECT (SELECT count(*) FROM workshop_participant WHERE session_id = $s) AS participants,
               (SELECT count(*) FROM workshop_score WHERE session_id = $s AND round = $r) AS votes,
               (SELECT count(DISTINCT participant_id) FROM workshop_score WHERE session_id = $s AND round = $r)
                   AS voters
        """,
        {"s": session_id, "r": round_no},
    )[0]
    return {k: int(val) for k, val in row.items()}


# -- consensus ----------------------------------------------------------------------------------------------
def lock_consensus(
    db: Database,
    code: str,
    item_id: int,
    likelihood: Any,
    impact: Any,
    actor: str,
    write_back: str | None = None,
) -> dict[str, Any]:
    """Record the score the group agreed on; with write_back 'net' or 'gross', also set it on the risk
    (optimistic concurrency against the risk as it was, audited with the session code as reason)."""
    session = _session_row(db, code)
    n_l, n_i = scale(db).levels
    lik, e1 = _level(likelihood, n_l, "Consensus kans", "consensus_likelihood")
    imp, e2 = _level(impact, n_i, "Consensus impact", "consensus_impact")
    errors = [e for e in (e1, e2) if e]
    if write_back not in (None, "net", "gross"):
        errors.append(FieldError("written_back", "Terugschrijven", "kies netto, bruto of niet"))
    if errors:
        raise ValidationError(errors, labels.entity("workshop_item"))
    found = db.rows("SELECT * FROM workshop_item WHERE id = ? AND session_id = ?", [item_id, session["id"]])
    if not found:
        raise NotFoundError(f"Onderwerp {item_id} hoort niet bij dit werkatelier.")
    item = found[0]
    if write_back and item["kind"] != "risk":
        raise DomainError("Alleen een risico kan naar het risicoregister worden teruggeschreven.")
    risk = db.rows("SELECT * FROM risk WHERE id = ?", [item["risk_id"]])[0] if write_back else None
    reason = f"werkatelier {session['code']}"

    def run(tx: Tx) -> dict[str, Any]:
        values = {
            "consensus_likelihood": lik,
            "consensus_impact": imp,
            "locked_at": dt.datetime.now(),
            "written_back": write_back,
        }
        after = tx.update("workshop_item", item_id, values, reason=reason)
        if risk is not None:
            fields = {f"{write_back}_likelihood": lik, f"{write_back}_impact": imp}
            tx.update("risk", risk["id"], fields, original=risk, reason=reason)
        return after

    return db.write(run, actor)


# -- proposals and dots ------------------------------------------------------------------------------------
def add_proposal(
    db: Database, code: str, party_id: Any, horizon: str, text: str, token: str | None = None, actor: str | None = None
) -> int:
    """A verbetervoorstel for a party of the session, by a participant (token) or the facilitator (actor)."""
    session = open_session(db, code)
    person = _participant_or_fail(db, session, token) if token else None
    if person is not None and not session["proposals_open"]:
        raise WorkshopClosed("Voorstellen indienen is gesloten.")
    errors = []
    clean_text, message = v.text(required=True, max_len=300)(text)
    if message:
        errors.append(FieldError("text", "Voorstel", message))
    if horizon not in labels.HORIZONS:
        errors.append(FieldError("horizon", "Termijn", f"kies uit: {', '.join(labels.HORIZONS.values())}"))
    allowed = set(session_parties(db, session["id"])["id"].tolist())
    if party_id is None or int(party_id) not in allowed:
        errors.append(FieldError("party_id", "Verbonden partij", "kies een partij van dit werkatelier"))
    if errors:
        raise ValidationError(errors, labels.entity("workshop_proposal"))
    values = {
        "session_id": session["id"],
        "party_id": int(party_id),
        "horizon": horizon,
        "text": clean_text,
        "participant_id": person["id"] if person else None,
    }
    who = participant_actor(person) if person else (actor or session["facilitator"])
    return int(db.write(lambda tx: tx.insert("workshop_proposal", values, reason=session["code"]), who))


def place_dot(db: Database, code: str, token: str, proposal_id: int, change: int = 1) -> int:
    """Add (+1) or take back (-1) one of the participant's dots; returns the dots they have left."""
    session = open_session(db, code)
    person = _participant_or_fail(db, session, token)
    if not session["proposals_open"]:
        raise WorkshopClosed("Stemmen op voorstellen is gesloten.")
    if change not in (1, -1):
        raise ValidationError([FieldError("dots", "Stippen", "één stip tegelijk plaatsen of terugnemen")])
    if not db.rows("SELECT 1 FROM workshop_proposal WHERE id = ? AND session_id = ?", [proposal_id, session["id"]]):
        raise NotFoundError(f"Voorstel {proposal_id} hoort niet bij dit werkatelier.")

    def run(tx: Tx) -> int:
        used = tx.execute(
            "SELECT coalesce(sum(dots), 0) FROM workshop_dot WHERE session_id = ? AND participant_id = ?",
            [session["id"], person["id"]],
        )[0][0]
        if change > 0 and used >= session["dots"]:
            raise ValidationError(
                [FieldError("dots", "Stippen", f"u heeft al uw {session['dots']} stippen geplaatst")], "Stip"
            )
        found = tx.rows(
            "SELECT * FROM workshop_dot WHERE proposal_id = ? AND participant_id = ?", [proposal_id, person["id"]]
        )
        if found:
            if found[0]["dots"] + change < 0:
                raise ValidationError([FieldError("dots", "Stippen", "op dit voorstel staat geen stip van u")], "Stip")
            tx.update("workshop_dot", found[0]["id"], {"dots": found[0]["dots"] + change})
        elif change > 0:
            tx.insert(
                "workshop_dot",
                {"session_id": session["id"], "proposal_id": proposal_id, "participant_id": person["id"], "dots": 1},
            )
        else:
            raise ValidationError([FieldError("dots", "Stippen", "op dit voorstel staat geen stip van u")], "Stip")
        return int(session["dots"] - used - change)

    return db.write(run, participant_actor(person))


def proposals(db: Database, session_id: int, participant_id: int | None = None) -> pd.DataFrame:
    """Proposals ranked by dots (most first, then oldest first), with the participant's own dots."""
    return db.query(
        """
        SELECT pr.id, pr.party_id, pa.name AS party, pr.horizon, pr.text, pr.created_at,
               coalesce(sum(d.dots), 0)::INTEGER AS dots,
               coalesce(sum(d.dots) FILTER (WHERE d.participant_id = $me), 0)::INTEGER AS my_dots
        FROM workshop_proposal pr
        JOIN party pa ON pa.id = pr.party_id
        LEFT JOIN workshop_dot d ON d.proposal_id = pr.id
        WHERE pr.session_id = $s
        GROUP BY ALL ORDER BY dots DESC, pr.created_at, pr.id
        """,
        {"s": session_id, "me": participant_id if participant_id is not None else -1},
    )


def dots_left(db: Database, session: dict[str, Any], participant_id: int) -> int:
    used = db.scalar(
        "SELECT coalesce(sum(dots), 0) FROM workshop_dot WHERE session_id = ? AND participant_id = ?",
        [session["id"], participant_id],
    )
    return int(session["dots"] - used)


# -- krachtenveld ------------------------------------------------------------------------------------------
STAKEHOLDER_SCHEMA: dict[str, v.Check] = {
    "name": v.text(required=True, max_len=80),
    "influence": v.number(1, 5, integer=True),
    "interest": v.number(1, 5, integer=True),
    "attitude": v.choice(labels.ATTITUDES),
    "notes": v.text(max_len=300),
}


def save_stakeholder(
    db: Database, code: str, values: dict[str, Any], actor: str, stakeholder_id: int | None = None
) -> int:
    """Add or change a stakeholder on the krachtenveld (facilitator only)."""
    session = _session_row(db, code)
    clean, errors = v.apply("workshop_stakeholder", STAKEHOLDER_SCHEMA, values)
    for name in ("influence", "interest", "attitude"):
        if clean.get(name) is None and not any(e.field == name for e in errors):
            errors.append(FieldError(name, labels.field("workshop_stakeholder", name), "is verplicht"))
    if errors:
        raise ValidationError(errors, labels.entity("workshop_stakeholder"))

    def run(tx: Tx) -> int:
        if stakeholder_id is None:
            row = {**clean, "session_id": session["id"]}
            return int(tx.insert("workshop_stakeholder", row, reason=session["code"]))
        tx.update("workshop_stakeholder", stakeholder_id, clean, reason=session["code"])
        return stakeholder_id

    return db.write(run, actor)


def delete_stakeholder(db: Database, code: str, stakeholder_id: int, actor: str) -> None:
    session = _session_row(db, code)
    db.write(lambda tx: tx.delete("workshop_stakeholder", stakeholder_id, reason=session["code"]), actor)


def stakeholders(db: Database, session_id: int) -> pd.DataFrame:
    return db.query(
        "SELECT id, name, influence, interest, attitude, notes FROM workshop_stakeholder "
        "WHERE session_id = ? ORDER BY influence DESC, interest DESC, name",
        [session_id],
    )


def risk_choices(db: Database) -> pd.DataFrame:
    """Risks that can be put on a session's agenda (not vervallen), labelled 'title (party)'."""
    return db.query(
        """
        SELECT r.id, r.title || coalesce(' (' || p.name || ')', '') AS label
        FROM risk r LEFT JOIN party p ON p.id = r.party_id
        WHERE r.status <> 'vervallen' ORDER BY p.name NULLS FIRST, r.title
        """
    )
