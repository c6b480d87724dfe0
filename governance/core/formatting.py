"""Dutch number formatting: € 1.234.567, 12,5 %, 4,8 mln. Pure, so charts, pages and exports agree."""

from __future__ import annotations

from typing import Any

import pandas as pd


def _missing(value: Any) -> bool:
    """None, NaN, NaT and pandas' NA all mean 'not known'."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _dutch(text: str) -> str:
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def euro(value: Any, compact: bool = False) -> str:
    """'€ 1.234.567'; compact gives '€ 1,2 mln' / '€ 4,8 mld' for key figures on a projector."""
    if _missing(value):
        return "—"
    amount = float(value)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if compact and amount >= 1e9:
        return f"{sign}€ {_dutch(f'{amount / 1e9:,.1f}')} mld"
    if compact and amount >= 1e6:
        return f"{sign}€ {_dutch(f'{amount / 1e6:,.1f}')} mln"
    if compact and amount >= 1e4:
        return f"{sign}€ {_dutch(f'{amount / 1e3:,.0f}')}k"
    return f"{sign}€ {_dutch(f'{amount:,.0f}')}"


def number(value: Any, decimals: int = 0) -> str:
    if _missing(value):
        return "—"
    return _dutch(f"{float(value):,.{decimals}f}")


def percent(value: Any, decimals: int = 1) -> str:
    if _missing(value):
        return "—"
    return f"{number(value, decimals)} %"


def date(value: Any) -> str:
    """dd-mm-jjjj, as Dutch documents write dates."""
    if _missing(value) or value == "":
        return "—"
    try:
        return value.strftime("%d-%m-%Y")
    except AttributeError:
        return str(value)


def euro_nowrap(value: Any) -> str:
    """'€ 1.234.567' with a non-breaking space, so a narrow table column never splits sign and amount."""
    return euro(value).replace(" ", "\u00a0")


def typed(value: Any, money: bool = True) -> str:
    """A number as a Dutch person types it in a form field, '' for unknown. Money: '1.250.000' when whole, else
    with cents ('1.250.000,50'); otherwise decimals as far as needed ('12,5')."""
    if _missing(value) or value == "":
        return ""
    amount = float(value)
    if money:
        return _dutch(f"{amount:,.0f}" if amount == round(amount) else f"{amount:,.2f}")
    text = _dutch(f"{amount:,.6f}").rstrip("0").rstrip(",")
    return "0" if text == "-0" else text
