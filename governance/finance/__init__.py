"""The finance family: financial kengetallen per party and year (solvabiliteit, eigen vermogen and its trend,
negative results in a row, bijdrage against the index, leningen and garanties against the gemeente's size,
reserve against the party's own norm) and the financial signals, accepted with a reason."""

from governance.finance.charts import TREND_FIGURES, sparkline, trend_rows
from governance.finance.display import MISSING, TITLES, VIEWS, display
from governance.finance.kengetallen import COLUMNS, FIGURE_LABELS, NEEDED, Size
from governance.finance.kengetallen import kengetallen as compute
from governance.finance.records import parties_in_scope, table, year_table
from governance.finance.reserves import SCHEMA as RESERVE_SCHEMA
from governance.finance.reserves import get as get_reserve
from governance.finance.reserves import party_reserves
from governance.finance.reserves import save as save_reserve
from governance.finance.reserves import validate as validate_reserve
from governance.finance.signals import (
    RULES,
    SIGNAL_COLUMNS,
    Signal,
    acknowledge,
    find_signals,
    history,
    rule_text,
    signals,
    withdraw,
)
from governance.finance.thresholds import FIELDS as SETTING_FIELDS
from governance.finance.thresholds import KEY as SETTING_KEY
from governance.finance.thresholds import FinanceSettings, from_stored, save, setting_row, settings
from governance.finance.thresholds import rows as setting_rows

__all__ = [
    "COLUMNS",
    "FIGURE_LABELS",
    "MISSING",
    "NEEDED",
    "RESERVE_SCHEMA",
    "RULES",
    "SETTING_FIELDS",
    "SETTING_KEY",
    "SIGNAL_COLUMNS",
    "TITLES",
    "TREND_FIGURES",
    "VIEWS",
    "FinanceSettings",
    "Signal",
    "Size",
    "acknowledge",
    "compute",
    "display",
    "find_signals",
    "from_stored",
    "get_reserve",
    "history",
    "parties_in_scope",
    "party_reserves",
    "rule_text",
    "save",
    "save_reserve",
    "setting_row",
    "setting_rows",
    "settings",
    "signals",
    "sparkline",
    "table",
    "trend_rows",
    "validate_reserve",
    "withdraw",
    "year_table",
]
