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
from governance.workshop.participants import join, my_scores, participant, vote
from governance.workshop.scoring import Scale, WorkshopClosed, scale
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
from governance.workshop.stats import consensus_or_proposal
from governance.workshop.views import (
    item_table,
    live,
    movement_table,
    perspective_table,
    proposal_table,
    stakeholder_table,
)

__all__ = [
    "SCREENS",
    "Scale",
    "WorkshopClosed",
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
    "perspective_table",
    "place_dot",
    "projector_key",
    "projector_key_valid",
    "proposal_table",
    "proposals",
    "qr_png",
    "reopen_session",
    "risk_choices",
    "save_stakeholder",
    "scale",
    "session_parties",
    "sessions",
    "set_base_url",
    "set_proposals_open",
    "set_revealed",
    "set_round_open",
    "set_screen",
    "stakeholder_table",
    "stakeholders",
    "summary_html",
    "to_excel",
    "vote",
]
