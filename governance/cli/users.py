"""Local accounts on the command line: `user add`, `user passwd`, `user disable`, `user link` (organisation
account), `user list`, and how long a sign-in lasts (`user session-hours`)."""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from governance import auth
from governance.cli.common import FINDINGS, JSON, OK, USAGE, actor, command, flag, opt, to_text
from governance.core.access import ROLES
from governance.core.db import Database


def add(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    user = sub.add_parser("user", help="gebruikers beheren (lokale accounts)", description="Gebruikers beheren.")
    users = user.add_subparsers(dest="user", metavar="ACTIE", required=True)
    name = opt("name", "gebruikersnaam (kleine letters, cijfers, '.', '_' en '-')", metavar="NAAM")
    stdin = flag("--password-stdin", "lees het wachtwoord van de standaardinvoer (één regel) in plaats van te vragen")
    command(
        users,
        "add",
        cmd_add,
        "gebruiker toevoegen met een rol",
        f"Voegt een gebruiker toe. Rollen: {', '.join(ROLES)}. Het wachtwoord (minstens {auth.MIN_LENGTH} tekens) "
        "wordt gevraagd, of met --password-stdin gelezen; zonder wachtwoord kan de gebruiker alleen via de "
        "organisatie-aanmelding (OIDC) binnen, met het opgegeven e-mailadres.",
        [
            name,
            opt("--role", "rol van de gebruiker", choices=list(ROLES), required=True),
            opt("--full-name", "volledige naam (voor het logboek)", metavar="NAAM"),
            opt("--email", "e-mailadres voor organisatie-aanmelding (OIDC)", metavar="ADRES"),
            stdin,
            flag("--no-password", "geen wachtwoord: alleen organisatie-aanmelding met --email"),
        ],
        db_option,
    )
    command(users, "passwd", cmd_passwd, "nieuw wachtwoord instellen", options=[name, stdin], db_option=db_option)
    command(
        users,
        "disable",
        cmd_disable,
        "gebruiker uitschakelen (lopende aanmeldingen stoppen direct)",
        options=[name],
        db_option=db_option,
    )
    command(
        users,
        "link",
        cmd_link,
        "organisatieaccount (OIDC) koppelen aan een gebruiker",
        "Koppelt het organisatieaccount met dit e-mailadres aan de gebruiker: bij de volgende aanmelding met het "
        "organisatieaccount wordt de gebruiker daaraan herkend. Een eerder gekoppeld account werkt dan niet meer.",
        [name, opt("--email", "e-mailadres van het organisatieaccount", metavar="ADRES", required=True)],
        db_option,
    )
    command(users, "list", cmd_list, "alle gebruikers met hun rol", options=[JSON], db_option=db_option)
    low, high = auth.HOURS_LIMITS
    command(
        users,
        "session-hours",
        cmd_session_hours,
        "hoe lang een aanmelding geldt (uren); zonder UREN: toon de huidige duur",
        f"Toont of wijzigt hoe lang een aanmelding geldt, in hele uren ({low} tot {high}; standaard "
        f"{auth.SESSION_HOURS}). Een kortere duur geldt meteen ook voor wie al is aangemeld.",
        [opt("hours", "nieuwe duur in uren", metavar="UREN", nargs="?")],
        db_option,
    )


def _password(args: argparse.Namespace) -> str | None:
    """The new password from standard input (--password-stdin) or asked twice; None when it does not match."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Wachtwoord: ")
    if getpass.getpass("Nog een keer: ") != first:
        print("Fout: de twee wachtwoorden zijn niet gelijk.", file=sys.stderr)
        return None
    return first


def cmd_add(db: Database, args: argparse.Namespace) -> int:
    if args.no_password and not args.email:
        print("Fout: --no-password kan alleen met --email (organisatie-aanmelding).", file=sys.stderr)
        return USAGE
    password = None if args.no_password else _password(args)
    if password is None and not args.no_password:
        return USAGE
    values = {"name": args.name, "role": args.role, "full_name": args.full_name, "email": args.email}
    auth.add_user(db, values, actor(args), password)
    print(f"Gebruiker '{args.name.strip().lower()}' toegevoegd als {ROLES[args.role].lower()}.")
    return OK


def cmd_passwd(db: Database, args: argparse.Namespace) -> int:
    password = _password(args)
    if password is None:
        return USAGE
    auth.set_password(db, args.name, password, actor(args))
    print(f"Nieuw wachtwoord ingesteld voor '{args.name.strip().lower()}'; andere aanmeldingen zijn beëindigd.")
    return OK


def cmd_disable(db: Database, args: argparse.Namespace) -> int:
    auth.disable_user(db, args.name, actor(args))
    print(f"Gebruiker '{args.name.strip().lower()}' is uitgeschakeld.")
    return OK


def cmd_link(db: Database, args: argparse.Namespace) -> int:
    if not args.email.strip():
        print("Ongeldige invoer: Gebruiker: E-mailadres: is verplicht.", file=sys.stderr)
        return FINDINGS
    auth.link_email(db, args.name, args.email, actor(args))
    who = args.name.strip().lower()
    print(f"Organisatieaccount {args.email.strip().lower()} gekoppeld aan '{who}'.")
    return OK


def cmd_session_hours(db: Database, args: argparse.Namespace) -> int:
    if args.hours is None:
        print(f"Een aanmelding geldt {auth.session_hours(db)} uur.")
        return OK
    hours = auth.set_session_hours(db, args.hours, actor(args), auth.session_setting(db))
    print(f"Een aanmelding geldt nu {hours} uur; ook lopende aanmeldingen worden daaraan gemeten.")
    return OK


def cmd_list(db: Database, args: argparse.Namespace) -> int:
    rows = auth.users(db).drop(columns=["version"]).to_dict("records")
    if args.json:
        print(json.dumps([{k: to_text(v) for k, v in r.items()} for r in rows], indent=2, default=str))
        return OK
    if not rows:
        print("Nog geen gebruikers. Voeg er een toe met: python -m governance user add NAAM --role beheerder")
        return FINDINGS
    for r in rows:
        status = "uitgeschakeld" if r["disabled"] else "actief"
        how = "wachtwoord" if r["has_password"] else "organisatie-aanmelding"
        print(f"{r['name']:<20} {ROLES[r['role']]:<12} {status:<14} {how:<24} {to_text(r['email']) or ''}")
    return OK
