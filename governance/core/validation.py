"""Small, shared checks that turn raw input into clean values or Dutch field errors.

Every entry point (form, import, CLI) calls the same entity validators built from these, so a rule is
written once. A checker gets the value and returns (clean value, error message or None).
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
from collections.abc import Callable, Mapping
from typing import Any

from governance.core import labels
from governance.core.errors import FieldError

Check = Callable[[Any], tuple[Any, str | None]]


def blank(value: Any) -> bool:
    """None, NaN, or text that is only spaces."""
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and not value.strip()


# Characters that change how text shows without being visible: bidi overrides and isolates (a name that reads
# "Gemeente" on screen but sorts and matches as something else, the "Trojan Source" trick) and zero-width
# characters (two codes that look the same but differ). Refused in every name, code and text.
HIDDEN = {
    "\u202a": "links-naar-rechts-insluiting",
    "\u202b": "rechts-naar-links-insluiting",
    "\u202c": "einde richtingsopmaak",
    "\u202d": "links-naar-rechts-overschrijving",
    "\u202e": "rechts-naar-links-overschrijving",
    "\u2066": "links-naar-rechts-isolatie",
    "\u2067": "rechts-naar-links-isolatie",
    "\u2068": "eerste-sterke-isolatie",
    "\u2069": "einde richtingsisolatie",
    "\u200b": "spatie zonder breedte",
    "\u200c": "niet-verbinder zonder breedte",
    "\u200d": "verbinder zonder breedte",
    "\ufeff": "onzichtbare BOM",
}
_HIDDEN = re.compile("[" + "".join(HIDDEN) + "]")


def hidden(text: str) -> str | None:
    """The Dutch problem when `text` holds an invisible direction or zero-width character, else None."""
    found = _HIDDEN.search(text)
    if found is None:
        return None
    char = found.group()
    return (
        f"bevat een onzichtbaar teken (U+{ord(char):04X}, {HIDDEN[char]}) op positie {found.start() + 1}; "
        "verwijder het en typ de tekst opnieuw"
    )


def text(required: bool = False, max_len: int = 2000) -> Check:
    def check(value: Any) -> tuple[Any, str | None]:
        if blank(value):
            return None, ("is verplicht" if required else None)
        clean = str(value).strip()
        if problem := hidden(clean):
            return clean, problem
        if len(clean) > max_len:
            return clean, f"is te lang ({len(clean)} tekens, maximaal {max_len})"
        return clean, None

    return check


def choice(options: Mapping[str, str], required: bool = True) -> Check:
    """A code from a code list; the Dutch label is accepted too (as typed in a spreadsheet)."""
    by_label = {v.lower(): k for k, v in options.items()}

    def check(value: Any) -> tuple[Any, str | None]:
        if blank(value):
            return None, ("is verplicht" if required else None)
        raw = str(value).strip()
        code = raw if raw in options else by_label.get(raw.lower())
        if code is None:
            return raw, f"'{raw}' is geen geldige waarde; kies uit: {', '.join(options.values())}"
        return code, None

    return check


_NOISE = re.compile(r"[\s\u00a0\u202f€]|eur(?:o)?", re.IGNORECASE)
_PLAIN = re.compile(r"([+-]?)([\d.,]+)")


def _grouped(digits: str, sep: str) -> bool:
    """'1.234.567' with sep '.': groups of three after the first one to three digits."""
    return re.fullmatch(rf"\d{{1,3}}(?:{re.escape(sep)}\d{{3}})+", digits) is not None


def parse_decimal(value: Any) -> decimal.Decimal:
    """A number as people type it in a Dutch spreadsheet, as a Decimal; ValueError if it is none.

    Accepts '1.234.567,89', '1234567,89', '-1.234', '€ 1.234,50', '12,5' and also '1,234,567.89' and
    '12.5'. A single dot followed by exactly three digits ('1.234', '250.000') is read the Dutch way, as a
    thousands separator; '0.125' and '12.50' are decimals. Ints, floats and Decimals pass through."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, decimal.Decimal):
        return value
    if isinstance(value, int):
        return decimal.Decimal(value)
    if isinstance(value, float):
        return decimal.Decimal(repr(value))  # shortest form: 0.1 stays 0.1, not 0.1000000000000000055...
    text = _NOISE.sub("", str(value)).replace("\u2212", "-")
    match = _PLAIN.fullmatch(text)
    if not match:
        try:  # '1E+3' and the like; NaN and Infinity are caught by the callers
            return decimal.Decimal(text)
        except decimal.InvalidOperation:
            raise ValueError(value) from None
    sign, digits = match.groups()
    commas, dots = digits.count(","), digits.count(".")
    if commas and dots:
        mark = "," if digits.rfind(",") > digits.rfind(".") else "."
        whole, _, fraction = digits.rpartition(mark)
        if mark in whole or not _grouped(whole, "." if mark == "," else ","):
            raise ValueError(value)
    elif commas:
        whole, fraction = digits.split(",") if commas == 1 else (digits, "")
        if commas > 1 and not _grouped(whole, ","):
            raise ValueError(value)
    elif dots > 1:
        whole, fraction = digits, ""
        if not _grouped(whole, "."):
            raise ValueError(value)
    elif dots == 1:
        whole, fraction = digits.split(".")
        if re.fullmatch(r"[1-9]\d{0,2}", whole) and len(fraction) == 3:  # '1.234' is Dutch for 1234
            whole, fraction = f"{whole}{fraction}", ""
    else:
        whole, fraction = digits, ""
    whole = re.sub(r"[.,]", "", whole)
    if not whole and not fraction or not fraction.isdigit() and fraction:
        raise ValueError(value)
    return decimal.Decimal(f"{sign}{whole or '0'}.{fraction or '0'}")


_AMBIGUOUS = re.compile(r"[+-]?[1-9]\d{0,2},\d{3}")  # '1,250': 1.250 in English, 1,25 with a trailing zero in Dutch


def read_typed(text: str) -> decimal.Decimal | None:
    """A number a person typed into a form field, read the Dutch way (as the import reads it): None when empty;
    ValueError with a Dutch reason when it is no number or could be read two ways ('1,250' is 1.250 in an
    English spreadsheet). Forms show what they read before saving, so nobody stores € 1 for '1.250.000'."""
    if blank(text):
        return None
    cleaned = _NOISE.sub("", str(text)).replace("\u2212", "-")
    if _AMBIGUOUS.fullmatch(cleaned):
        whole, fraction = cleaned.split(",")
        raise ValueError(
            f"'{text}' is dubbelzinnig: bedoelt u {whole}.{fraction} (duizendtallen met een punt) of "
            f"{whole},{fraction.rstrip('0') or '0'} (decimalen met een komma)?"
        )
    try:
        value = parse_decimal(cleaned)
    except (ValueError, decimal.InvalidOperation):
        raise ValueError(f"'{text}' is geen getal; typ bijvoorbeeld 1.250.000 of 1.250.000,50") from None
    if not value.is_finite():
        raise ValueError(f"'{text}' is geen getal")
    return value


def amount(non_negative: bool = False, required: bool = False) -> Check:
    """An amount in euro, kept as Decimal with two decimals; Dutch notation accepted (parse_decimal)."""

    def check(value: Any) -> tuple[Any, str | None]:
        if blank(value):
            return None, ("is verplicht" if required else None)
        if isinstance(value, bool):
            return value, "is geen bedrag"
        try:
            parsed = parse_decimal(value)
            if not parsed.is_finite() or abs(parsed) >= decimal.Decimal("1e16"):
                return value, f"'{value}' is geen geldig bedrag"
            clean = parsed.quantize(decimal.Decimal("0.01"))
        except (decimal.InvalidOperation, ValueError):
            return value, f"'{value}' is geen bedrag"
        if non_negative and clean < 0:
            return clean, "mag niet negatief zijn"
        return clean, None

    return check


def number(low: float | None = None, high: float | None = None, integer: bool = False) -> Check:
    def check(value: Any) -> tuple[Any, str | None]:
        if blank(value):
            return None, None
        try:
            clean: Any = parse_decimal(value)
            if not clean.is_finite():
                return value, f"'{value}' is geen getal"
            if integer:
                if clean != clean.to_integral_value():
                    return value, "moet een geheel getal zijn"
                clean = int(clean)
        except (decimal.InvalidOperation, ValueError):
            return value, f"'{value}' is geen getal"
        if low is not None and clean < low:
            return clean, f"moet minstens {low:g} zijn"
        if high is not None and clean > high:
            return clean, f"mag hoogstens {high:g} zijn"
        return clean, None

    return check


DATE_FORMATS = ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S")


def date() -> Check:
    """A date: dd-mm-jjjj as Dutch spreadsheets write it, ISO jjjj-mm-dd, or a real date cell."""

    def check(value: Any) -> tuple[Any, str | None]:
        if blank(value):
            return None, None
        if isinstance(value, dt.datetime):
            return value.date(), None
        if isinstance(value, dt.date):
            return value, None
        raw = str(value).strip()
        for fmt in DATE_FORMATS:
            try:
                return dt.datetime.strptime(raw, fmt).date(), None
            except ValueError:
                continue
        return raw, f"'{raw}' is geen datum (gebruik dd-mm-jjjj)"

    return check


def boolean() -> Check:
    truthy = {"true", "ja", "j", "1", "waar", "yes", "y"}
    falsy = {"false", "nee", "n", "0", "onwaar", "no", ""}

    def check(value: Any) -> tuple[Any, str | None]:
        if isinstance(value, bool):
            return value, None
        if blank(value):
            return False, None
        raw = str(value).strip().lower()
        if raw in truthy:
            return True, None
        if raw in falsy:
            return False, None
        return value, f"'{value}' is geen ja/nee"

    return check


def tristate() -> Check:
    """Yes, no, or not (yet) known: like `boolean`, but an empty cell stays None instead of meaning no."""
    yes_no = boolean()

    def check(value: Any) -> tuple[Any, str | None]:
        if blank(value) or value is None:
            return None, None
        return yes_no(value)

    return check


def pattern(regex: str, explain: str, required: bool = False) -> Check:
    compiled = re.compile(regex)

    def check(value: Any) -> tuple[Any, str | None]:
        if blank(value):
            return None, ("is verplicht" if required else None)
        clean = str(value).strip()
        if problem := hidden(clean):
            return clean, problem
        return clean, None if compiled.fullmatch(clean) else explain

    return check


def apply(
    entity: str, schema: Mapping[str, Check], values: Mapping[str, Any], row: int | None = None
) -> tuple[dict[str, Any], list[FieldError]]:
    """Check the fields present in `values` against `schema`; returns clean values and the errors."""
    clean: dict[str, Any] = {}
    errors: list[FieldError] = []
    for name, value in values.items():
        if name not in schema:
            continue
        result, message = schema[name](value)
        clean[name] = result
        if message:
            errors.append(FieldError(name, labels.field(entity, name), message, row))
    return clean, errors


def slug(name: str, limit: int = 40) -> str:
    """A short code from a name: lower case, letters and digits joined by hyphens, at most `limit` characters and
    cut after a whole word (never 'gemeenschappelijke-regeling-voor-veilig-' or '...-centrumrege')."""
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return cut_words(re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-"), limit) or "partij"


def cut_words(code: str, limit: int) -> str:
    """`code` (words joined by hyphens) shortened to at most `limit` characters at a word boundary; a first word
    longer than `limit` is cut, there is no shorter whole word."""
    if len(code) <= limit:
        return code
    head = code[: limit + 1]
    return head[: head.rfind("-")] if "-" in head else code[:limit]
