"""`python -m governance user ...` on real DuckDB files: linking an organisation account, with the exit codes
scripts rely on (0 ok, 1 invalid input, 2 usage, 3 database unusable), and the audit row under the operator."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from governance import auth
from governance.cli import main
from governance.core.access import operator
from governance.core.db import open_database
from tests.apptest import ROOT

PASSWORD = "correct paard batterij niet"


@pytest.fixture
def users_file(tmp_path: Path) -> Path:
    path = tmp_path / "users.duckdb"
    db = open_database(path)
    assert (
        main(
            [
                "user",
                "add",
                "griffier",
                "--role",
                "lezer",
                "--no-password",
                "--email",
                "g@gemeente.nl",
                "--db",
                str(path),
            ]
        )
        == 0
    )
    auth.add_user(db, {"name": "anna", "role": "controller"}, operator("tests"), PASSWORD)
    return path


def test_link_sets_the_address_and_is_audited_under_the_operator(
    users_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["user", "link", "ANNA", "--email", "Anna@Gemeente.NL", "--db", str(users_file), "--actor", "jan"])
    assert code == 0
    assert capsys.readouterr().out == "Organisatieaccount anna@gemeente.nl gekoppeld aan 'anna'.\n"
    db = open_database(users_file)
    assert db.scalar("SELECT email FROM app_user WHERE name = 'anna'") == "anna@gemeente.nl"
    row = db.rows("SELECT actor, via, reason, after FROM audit_log ORDER BY id DESC LIMIT 1")[0]
    assert (row["actor"], row["via"], row["reason"]) == (
        "jan (opdrachtregel)",
        "opdrachtregel",
        "organisatieaccount gekoppeld",
    )
    assert "$argon2" not in row["after"] and json.loads(row["after"])["email"] == "anna@gemeente.nl"
    assert auth.oidc_actor(db, "anna@gemeente.nl", "idp|anna").role == "controller"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["niemand", "--email", "n@gemeente.nl"], "Er is geen gebruiker 'niemand'."),
        (["anna", "--email", "geen adres"], "E-mailadres: is geen geldig e-mailadres"),
        (["anna", "--email", "g@gemeente.nl"], "er bestaat al een gebruiker met E-mailadres g@gemeente.nl"),
        (["anna", "--email", " "], "E-mailadres: is verplicht"),
    ],
)
def test_invalid_input_exits_one_and_changes_nothing(
    users_file: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    db = open_database(users_file)
    before = db.rows("SELECT * FROM app_user ORDER BY id")
    assert main(["user", "link", *args, "--db", str(users_file)]) == 1
    assert message in capsys.readouterr().err
    assert db.rows("SELECT * FROM app_user ORDER BY id") == before


def test_usage_errors_exit_two(users_file: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["user", "link", "anna", "--db", str(users_file)])  # --email missing
    assert caught.value.code == 2


def test_an_unusable_database_exits_three(tmp_path: Path) -> None:
    """A file the app holds (here: another process keeps it open) cannot be used: exit 3, one line why."""
    path = tmp_path / "held.duckdb"
    open_database(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-u",
            "-c",
            f"import duckdb, sys; c = duckdb.connect({str(path)!r}); print('open'); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        done = subprocess.run(
            [sys.executable, "-m", "governance", "user", "link", "anna", "--email", "a@b.nl", "--db", str(path)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
    finally:
        holder.communicate("")
    assert done.returncode == 3
    assert done.stderr.startswith("Fout: De database ") and "in gebruik door een ander programma" in done.stderr
