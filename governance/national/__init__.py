"""The national family: the national register of gemeenschappelijke regelingen (ROO reader and shipped
snapshot), choosing an organisation (onboarding) and keeping its register in step with the national one."""

from governance.national.mandatory import apply_to_existing as apply_mandatory
from governance.national.mandatory import candidates as mandatory_candidates
from governance.national.mandatory import save_setting as save_mandatory_setting
from governance.national.mandatory import setting as mandatory_setting
from governance.national.onboarding import (
    NEVER_IN_REGISTER,
    ONLY_ART15,
    PRIVATE_NOT_IN_REGISTER,
    Report,
    add_rwt,
    adopt,
    choices,
    demo_contents,
    ensure_national,
    import_register,
    preview,
    refresh,
    regelingen_of,
    rwt_count,
    rwt_options,
    search_rwt,
    status,
)
from governance.national.roo import GEMEENTEN_FILE, SNAPSHOT_FILE
from governance.national.snapshot import read, store, write_snapshot

__all__ = [
    "GEMEENTEN_FILE",
    "NEVER_IN_REGISTER",
    "ONLY_ART15",
    "PRIVATE_NOT_IN_REGISTER",
    "Report",
    "SNAPSHOT_FILE",
    "add_rwt",
    "adopt",
    "apply_mandatory",
    "mandatory_candidates",
    "mandatory_setting",
    "save_mandatory_setting",
    "choices",
    "demo_contents",
    "ensure_national",
    "import_register",
    "preview",
    "read",
    "refresh",
    "regelingen_of",
    "rwt_count",
    "rwt_options",
    "search_rwt",
    "status",
    "store",
    "write_snapshot",
]
