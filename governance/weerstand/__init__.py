"""The weerstand family: the Monte Carlo engine (numpy only), the beschikbare weerstandscapaciteit, what goes
into the simulation, the outcome (certainty table, ratio, class), saved runs and the charts."""

from governance.weerstand.charts import contribution_bars, distribution_bars, exceedance_curve, ratio_scale
from governance.weerstand.display import capacity_table, level_table, party_table, ratio_text, report_lines, top_risks
from governance.weerstand.engine import FIXED, LEVELS, PERT, TRIANGULAR, Register, level_index, simulate, worker_count
from governance.weerstand.exposure import WhatIf, exposure_parties
from governance.weerstand.outcome import compute, what_if_iterations
from governance.weerstand.saved_runs import runs, runs_table, save_run
from governance.weerstand.settings import (
    CAPACITY_KEY,
    CAPACITY_PARTS,
    DISTRIBUTIONS,
    METHOD_TEXT,
    PURPOSES,
    SCOPE_NOTES,
    SCOPES,
    capacity,
    capacity_from_rows,
    save_capacity,
    save_simulation_settings,
    simulation_settings,
)

__all__ = [
    "worker_count",
    "CAPACITY_KEY",
    "CAPACITY_PARTS",
    "DISTRIBUTIONS",
    "FIXED",
    "LEVELS",
    "METHOD_TEXT",
    "PERT",
    "PURPOSES",
    "Register",
    "SCOPES",
    "SCOPE_NOTES",
    "TRIANGULAR",
    "WhatIf",
    "capacity",
    "capacity_from_rows",
    "capacity_table",
    "compute",
    "contribution_bars",
    "distribution_bars",
    "exceedance_curve",
    "exposure_parties",
    "level_index",
    "level_table",
    "party_table",
    "ratio_scale",
    "ratio_text",
    "report_lines",
    "runs",
    "runs_table",
    "save_capacity",
    "save_run",
    "save_simulation_settings",
    "simulate",
    "simulation_settings",
    "top_risks",
    "what_if_iterations",
]
