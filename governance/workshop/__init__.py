"""The workshop family: live werkatelier sessions (codes, rounds, reveal, screens), participants and their
votes, consensus written back to the register, proposals and dots, the krachtenveld, the statistics, the
projector's charts and the end-of-day export."""

from governance.workshop.access import (
    address,
    base_url,
    base_url_row,
    join_link,
    normalise_code,
    projector_key,
    projector_key_valid,
    set_base_url,
)
from governance.workshop.charts import dots, krachtenveld, matrix
from governance.workshop.consensus import lock_consensus
from governance.workshop.dotvoting import add_proposal, dots_left, place_dot, proposals
from governance.workshop.export import summary_html, to_excel
from governance.workshop.forcefield import delete_stakeholder, risk_choices, save_stakeholder, stakeholders
from governance.workshop.participants import (
    REMOVED,
    active_count,
    join,
    join_rate,
    join_rate_row,
    my_scores,
    participant,
    rate_of,
    remove_participant,
    set_join_rate,
    set_max_participants,
    vote,
    was_removed,
)
from governance.workshop.programme import EXERCISES, next_step, open_step, set_programme
from governance.workshop.programme import current as current_step
from governance.workshop.programme import steps as programme_steps
from governance.workshop.rolecharts import role_distributions
from governance.workshop.roleview import KIND_QUESTIONS as ROLE_KIND_QUESTIONS
from governance.workshop.roleview import KINDS as ROLE_KINDS
from governance.workshop.roleview import (
    PROJECTOR_SHOWS,
    ROLE_PERSPECTIVES,
    agree_role,
    gap_table,
    my_placements,
    place_role,
    set_roles_open,
    show_on_projector,
)
from governance.workshop.roleview import display as day_display
from governance.workshop.roleview import live as role_live
from governance.workshop.scoring import JOIN_RATE_DEFAULT, JoinRefused, Scale, WorkshopClosed, scale
from governance.workshop.session import (
    SCREENS,
    close_session,
    create_session,
    get_session,
    items,
    next_round,
    open_session,
    qr_png,
    reopen_session,
    session_parties,
    sessions,
    set_proposals_open,
    set_revealed,
    set_round_open,
    set_screen,
)
from governance.workshop.signals import OWN_MAX_LEN as SIGNAL_MAX_LEN
from governance.workshop.signals import (
    add_own_sign,
    count_table,
    make_risk,
    my_ticks,
    set_signals_open,
    set_tick,
    show_signals,
)
from governance.workshop.signals import live as signal_live
from governance.workshop.signals import signs as signal_signs
from governance.workshop.signals import state as signal_state
from governance.workshop.signals import vocabulary as signal_vocabulary
from governance.workshop.stats import consensus_or_proposal
from governance.workshop.views import (
    item_table,
    live,
    movement_table,
    participant_table,
    perspective_table,
    proposal_table,
    stakeholder_table,
)

__all__ = [
    "EXERCISES",
    "current_step",
    "next_step",
    "open_step",
    "programme_steps",
    "set_programme",
    "SIGNAL_MAX_LEN",
    "add_own_sign",
    "count_table",
    "make_risk",
    "my_ticks",
    "set_signals_open",
    "set_tick",
    "show_signals",
    "signal_live",
    "signal_signs",
    "signal_state",
    "signal_vocabulary",
    "PROJECTOR_SHOWS",
    "ROLE_KINDS",
    "ROLE_KIND_QUESTIONS",
    "ROLE_PERSPECTIVES",
    "agree_role",
    "day_display",
    "gap_table",
    "my_placements",
    "place_role",
    "role_distributions",
    "role_live",
    "set_roles_open",
    "show_on_projector",
    "JOIN_RATE_DEFAULT",
    "REMOVED",
    "SCREENS",
    "JoinRefused",
    "Scale",
    "WorkshopClosed",
    "active_count",
    "add_proposal",
    "address",
    "base_url",
    "base_url_row",
    "close_session",
    "consensus_or_proposal",
    "create_session",
    "delete_stakeholder",
    "dots",
    "dots_left",
    "get_session",
    "item_table",
    "items",
    "join",
    "join_rate",
    "join_rate_row",
    "join_link",
    "krachtenveld",
    "live",
    "lock_consensus",
    "matrix",
    "movement_table",
    "my_scores",
    "next_round",
    "normalise_code",
    "open_session",
    "participant",
    "participant_table",
    "perspective_table",
    "place_dot",
    "projector_key",
    "projector_key_valid",
    "proposal_table",
    "proposals",
    "rate_of",
    "qr_png",
    "remove_participant",
    "reopen_session",
    "risk_choices",
    "save_stakeholder",
    "scale",
    "session_parties",
    "sessions",
    "set_base_url",
    "set_join_rate",
    "set_max_participants",
    "set_proposals_open",
    "set_revealed",
    "set_round_open",
    "set_screen",
    "stakeholder_table",
    "stakeholders",
    "summary_html",
    "to_excel",
    "vote",
    "was_removed",
]
