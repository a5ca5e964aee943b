"""`hamcoach users ...`: the operator's accounts (add, list, passwd, disable, enable, coach,
reset-link).

Whoever can run this command on the server's machine is the operator: it opens the database
directly, with no sign-in. Start-up: only Typer loads with this module; the services, argon2
and SQLAlchemy load inside the command run.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from hamcoach.cli.errors import UsageProblem

if TYPE_CHECKING:
    import datetime as dt

    from hamcoach.services.accounts import UserSummary
    from hamcoach.storage.store import Store

DEFAULT_BASE_URL = "http://127.0.0.1:8000"

users_app = typer.Typer(
    help=(
        "Accounts, for a server others sign in to: add, list, passwd, disable, enable, "
        "coach, reset-link.\n\n"
        "With no account hamcoach is the local single-user app; once one exists (accounts "
        "mode) the web app asks everyone to sign in. The first account added takes the "
        "athlete already in the database, so nothing is lost. There is no mail server: a "
        "forgotten password is reset with a link the operator prints and hands over.\n\n"
        "Examples:\n\n"
        "\b\n"
        "  hamcoach users add ana --operator\n"
        "  printf '%s\\n' \"$PASSWORD\" | hamcoach users add ben\n"
        "  hamcoach users add cleo --no-password && hamcoach users reset-link cleo\n"
        "  hamcoach users coach cora\n"
        "  hamcoach users list"
    ),
    no_args_is_help=True,
)

NameArg = Annotated[
    str,
    typer.Argument(
        metavar="NAME",
        help="User name: 1-40 of a-z, 0-9, '.', '_', '-' (upper case is lowered).",
        show_default=False,
    ),
]


def _now() -> dt.datetime:
    from hamcoach.cli.context import now_utc

    return now_utc()


def _store() -> Store:
    from hamcoach.cli.context import open_store

    return open_store()


def read_password(username: str) -> str:
    """The new password: asked twice, hidden, in a terminal; one line of standard input when
    piped (so scripts and tests can set one)."""
    from hamcoach.domain.accounts import check_password, normalise_username
    from hamcoach.domain.errors import InvalidInput

    name = normalise_username(username)
    if not sys.stdin.isatty():
        line = sys.stdin.readline()
        if not line.strip():
            raise InvalidInput(
                "no password on standard input: pipe one line, e.g. "
                f"printf '%s\\n' \"$PASSWORD\" | hamcoach users ... {name}"
            )
        return check_password(line.rstrip("\r\n"), name)
    import getpass

    first = check_password(getpass.getpass(f"New password for {name}: "), name)
    if getpass.getpass("The same again: ") != first:
        raise InvalidInput("the two passwords differ; nothing was changed")
    return first


@users_app.command("add")
def add(
    name: NameArg,
    operator: Annotated[
        bool, typer.Option("--operator", help="May manage the server (shown in `users list`).")
    ] = False,
    no_password: Annotated[
        bool,
        typer.Option(
            "--no-password",
            help="Set no password now: `hamcoach users reset-link NAME` prints the link that "
            "sets it.",
        ),
    ] = False,
) -> None:
    """Add an account. Asks the password twice (hidden), or reads one line when piped.

    Passwords: at least 10 characters, not one character repeated, not the user name. The
    first account added takes the athlete already in the database; later ones start empty
    and set up their profile when they first sign in.

    Examples:

    \b
      hamcoach users add ana --operator
      printf '%s\\n' "$PASSWORD" | hamcoach users add ben
      hamcoach users add cleo --no-password
    """
    from hamcoach.services.accounts import accounts_mode, add_user, list_users

    password = None if no_password else read_password(name)
    store = _store()
    was_on = accounts_mode(store.uow())
    account_id = add_user(store.uow(), name, password, operator=operator, now=_now())
    added = next(u for u in list_users(store.uow()) if u.id == account_id)
    role = " (operator)" if added.is_operator else ""
    typer.echo(f"added {added.username}{role}")
    if added.athlete_name is not None:
        typer.echo(f"{added.username} owns the athlete already here: {added.athlete_name}")
    if password is None:
        typer.echo(
            f"no password yet: `hamcoach users reset-link {added.username}` prints the link "
            "that sets it"
        )
    if not was_on:
        typer.echo(
            "accounts mode is on: the web app now asks everyone to sign in "
            "(`hamcoach users list` shows the accounts)"
        )


def _when(at: dt.datetime | None) -> str:
    return "" if at is None else f"{at:%Y-%m-%d %H:%M} UTC"


def _row(u: UserSummary) -> list[str]:
    athlete = u.athlete_name or ("" if u.athlete_id is None else f"#{u.athlete_id}")
    last = _when(u.last_sign_in) or ("never" if u.has_password else "no password yet")
    return [
        u.username,
        "yes" if u.is_operator else "",
        "yes" if u.is_coach else "",
        _when(u.disabled_at),
        athlete,
        last,
    ]


@users_app.command("list")
def list_(  # not `list`: the builtin
) -> None:
    """Every account: operator or not, disabled since when, its athlete, last sign-in.

    Example: hamcoach users list
    """
    from hamcoach.cli.plain import echo, table
    from hamcoach.services.accounts import list_users

    users = list_users(_store().uow())
    if not users:
        typer.echo(
            "no accounts: this is the local single-user app (add one with "
            "`hamcoach users add NAME`)"
        )
        return
    headers = ["name", "operator", "coach", "disabled", "athlete", "last sign-in"]
    echo(table(f"{len(users)} account(s)", headers, [_row(u) for u in users]))


@users_app.command("passwd")
def passwd(name: NameArg) -> None:
    """Set a new password for an account; every device signed in as it must sign in again.

    Asks twice (hidden), or reads one line when piped.

    Examples:

    \b
      hamcoach users passwd ana
      printf '%s\\n' "$PASSWORD" | hamcoach users passwd ana
    """
    from hamcoach.services.accounts import find_account, set_password

    uow = _store().uow()
    with uow:
        account = find_account(uow, name)  # unknown names fail before the password is asked
    set_password(uow, account.username, read_password(account.username), _now())
    typer.echo(f"password of {account.username} changed; they are signed out everywhere")


@users_app.command("disable")
def disable(name: NameArg) -> None:
    """Sign an account out everywhere and refuse it any further sign-in.

    Its data stays, and so do its API tokens (they do not work while it is disabled).
    `hamcoach users enable NAME` undoes this.

    Example: hamcoach users disable ben
    """
    from hamcoach.services.accounts import disable_user

    disable_user(_store().uow(), name, _now())
    username = name.strip().lower()
    typer.echo(
        f"{username} is disabled: signed out everywhere and refused at sign-in "
        f"(`hamcoach users enable {username}` undoes this)"
    )


@users_app.command("enable")
def enable(name: NameArg) -> None:
    """Let a disabled account sign in again.

    Example: hamcoach users enable ben
    """
    from hamcoach.services.accounts import enable_user

    enable_user(_store().uow(), name)
    typer.echo(f"{name.strip().lower()} can sign in again")


@users_app.command("coach")
def coach(
    name: NameArg,
    remove: Annotated[
        bool, typer.Option("--remove", help="Take the coach role back instead.")
    ] = False,
    club: Annotated[
        str | None,
        typer.Option(
            "--club", metavar="CLUB", help="Also put the coach in this club (made if new)."
        ),
    ] = None,
    head: Annotated[
        bool, typer.Option("--head", help="With --club: as the club's head coach.")
    ] = False,
) -> None:
    """Let an account coach: invite athletes (Coach page), and see those who accept.

    A coach sees an athlete's training only after the athlete accepts an invitation, and
    only until either of them ends the link. Taking the role back hides every athlete from
    that coach; the links stay, and show again if the role returns. A club's head coach
    sees every athlete of the club's coaches (Club page) and moves athletes between them.

    Examples:

    \b
      hamcoach users coach cora
      hamcoach users coach cora --club "North RC"
      hamcoach users coach hana --club "North RC" --head
      hamcoach users coach cora --remove
    """
    from hamcoach.services.coaching import set_coach

    if head and club is None:
        raise UsageProblem("--head needs --club: say which club they head")
    username = name.strip().lower()
    if club is not None and not remove:
        from hamcoach.services.clubs import put_in_club

        membership = put_in_club(_store().uow(), name, club, _now(), head=head)
        role = "head coach" if head else "a coach"
        typer.echo(f"{username} is {role} of {membership.club}")
        return
    changed = set_coach(_store().uow(), name, coach=not remove)
    if remove:
        typer.echo(f"{username} no longer coaches" if changed else f"{username} was not a coach")
    else:
        typer.echo(
            f"{username} can coach now: the Coach page makes invitations"
            if changed
            else f"{username} is a coach already"
        )


def _base_url(value: str) -> str:
    base = value.strip().rstrip("/")
    rest = base.split("://", 1)[1] if "://" in base else ""
    if not base.startswith(("http://", "https://")) or not rest or any(c.isspace() for c in base):
        raise UsageProblem(
            f"--base-url: {value[:60]!r} is not a web address; use e.g. https://coach.example.org"
        )
    return base


@users_app.command("reset-link")
def reset_link_command(
    name: NameArg,
    base_url: Annotated[
        str,
        typer.Option(
            "--base-url",
            metavar="URL",
            help="The address people open the app at.",
        ),
    ] = DEFAULT_BASE_URL,
) -> None:
    """Print a one-time link that sets a new password (24 hours, works once).

    There is no mail server: hand the link over yourself (in person, by chat). Anyone who
    has it can set the password, so send it to that person alone.

    Examples:

    \b
      hamcoach users reset-link ana
      hamcoach users reset-link ana --base-url https://coach.example.org
    """
    from hamcoach.domain.accounts import RESET_LINK_LIFETIME
    from hamcoach.services.links import reset_link

    base = _base_url(base_url)
    secret = reset_link(_store().uow(), name, _now())
    hours = int(RESET_LINK_LIFETIME.total_seconds() // 3600)
    typer.echo(f"{base}/reset/{secret}")
    typer.echo(
        f"There is no mail server: hand this link to {name.strip().lower()} yourself. It sets "
        f"a new password, works once, and expires in {hours} hours.",
        err=True,
    )


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
