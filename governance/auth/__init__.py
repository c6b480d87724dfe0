"""The auth family: the people who may sign in (name, role, argon2id password hash, e-mail for organisation
sign-on), sign-in with slow-down after repeated failures, session tokens for the browser's cookie, one-time
links, and the sign-in log. Which role may do what lives in governance.core.access."""

from governance.auth.passwords import MIN_LENGTH
from governance.auth.sessions import (
    MAX_FAILURES,
    SESSION_HOURS,
    SignIn,
    events,
    oidc_actor,
    oidc_sign_in,
    one_time_link,
    redeem_handoff,
    redeem_link,
    session_actor,
    sign_in,
    sign_out,
)
from governance.auth.users import (
    FIRST_USER,
    actor_of,
    add_user,
    count,
    disable_user,
    first_start,
    get_user,
    set_password,
    update_user,
    users,
)

__all__ = [
    "FIRST_USER",
    "MAX_FAILURES",
    "MIN_LENGTH",
    "SESSION_HOURS",
    "SignIn",
    "actor_of",
    "add_user",
    "count",
    "disable_user",
    "first_start",
    "events",
    "get_user",
    "oidc_actor",
    "oidc_sign_in",
    "one_time_link",
    "redeem_handoff",
    "redeem_link",
    "session_actor",
    "set_password",
    "sign_in",
    "sign_out",
    "update_user",
    "users",
]
