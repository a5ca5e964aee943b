"""`hamcoach users ...` as the operator runs it: passwords piped or typed hidden, the table,
reset links, and one clear line (no traceback) for every refusal."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterator

import pytest

from hamcoach.config import load_settings
from hamcoach.domain.accounts import LinkPurpose
from hamcoach.services.auth import session_for, sign_in
from hamcoach.services.links import peek_link
from hamcoach.storage.store import Store, open_store
from tests.cli.conftest import Result

Cli = Callable[..., Result]
PASSWORD = "correct horse battery"


@pytest.fixture
def piped(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Put `text` on standard input, as `printf ... | hamcoach ...` does."""

    def pipe(text: str) -> None:
        monkeypatch.setattr("sys.stdin", io.StringIO(text))

    return pipe


@pytest.fixture
def store(cli: Cli) -> Iterator[Store]:
    """The database the CLI of this test uses (its data folder, from the environment)."""
    opened = open_store(load_settings())
    yield opened
    opened.close()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def test_help_teaches_with_examples(cli: Cli) -> None:
    found = cli("users", "--help")
    assert found.code == 0
    assert "hamcoach users add ana --operator" in found.out and "no mail server" in found.out
    assert "users" in cli("--help").out
    add = cli("users", "add", "--help").out
    assert "--no-password" in add and "printf" in add and "at least 10 characters" in add
    assert "--base-url" in cli("users", "reset-link", "--help").out


def test_a_piped_password_adds_the_first_account_which_takes_the_athlete(
    cli: Cli, piped: Callable[[str], None], store: Store
) -> None:
    assert "local single-user app" in cli("users", "list").out
    assert cli("init", "--name", "Ana", "--units", "kg", "--equipment", "towel").code == 0
    piped(PASSWORD + "\n")
    added = cli("users", "add", "Ana", "--operator")
    assert added.code == 0, added.err
    assert "added ana (operator)" in added.out
    assert "owns the athlete already here: Ana" in added.out
    assert "accounts mode is on" in added.out
    assert sign_in(store.uow(), "ana", PASSWORD, "127.0.0.1", _now())
    assert "no password yet" in cli("users", "add", "ben", "--no-password").out
    listed = cli("users", "list").out
    assert listed.splitlines()[2].split() == [
        "name",
        "operator",
        "coach",
        "disabled",
        "athlete",
        "last",
        "sign-in",
    ]
    rows = {line.split()[0]: line for line in listed.splitlines()[4:]}
    assert rows["ana"].split()[1:3] == ["yes", "Ana"] and "UTC" in rows["ana"]
    assert rows["ben"].split()[1:] == ["no", "password", "yet"]


def test_in_a_terminal_the_password_is_asked_twice_hidden(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, store: Store
) -> None:
    answers = iter([PASSWORD, PASSWORD, PASSWORD, "not the same one"])
    prompts: list[str] = []

    def getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("getpass.getpass", getpass)
    assert cli("users", "add", "ana").code == 0
    assert prompts == ["New password for ana: ", "The same again: "]
    differs = cli("users", "add", "ben")
    assert differs.code == 1 and "the two passwords differ" in differs.err
    assert [line.split()[0] for line in cli("users", "list").out.splitlines()[4:]] == ["ana"]


def test_passwd_sets_a_new_password_and_signs_out_everywhere(
    cli: Cli, piped: Callable[[str], None], store: Store
) -> None:
    piped(PASSWORD + "\n")
    cli("users", "add", "ana")
    session = sign_in(store.uow(), "ana", PASSWORD, "127.0.0.1", _now())
    piped("a brand new password\r\n")
    changed = cli("users", "passwd", "ANA")
    assert changed.code == 0 and "signed out everywhere" in changed.out
    assert session_for(store.uow(), session.secret, _now()) is None
    assert sign_in(store.uow(), "ana", "a brand new password", "127.0.0.1", _now())


def test_disable_and_enable(cli: Cli, piped: Callable[[str], None], store: Store) -> None:
    piped(PASSWORD + "\n")
    cli("users", "add", "ana")
    session = sign_in(store.uow(), "ana", PASSWORD, "127.0.0.1", _now())
    disabled = cli("users", "disable", "ana")
    assert disabled.code == 0 and "hamcoach users enable ana" in disabled.out
    assert session_for(store.uow(), session.secret, _now()) is None
    assert "UTC" in cli("users", "list").out.splitlines()[4]
    assert cli("users", "enable", "ana").out == "ana can sign in again\n"


def test_reset_link_prints_the_link_and_says_there_is_no_mail(cli: Cli, store: Store) -> None:
    cli("users", "add", "cleo", "--no-password")
    found = cli("users", "reset-link", "cleo")
    assert found.code == 0
    link = found.out.strip()
    assert link.startswith("http://127.0.0.1:8000/reset/") and len(link.rsplit("/", 1)[1]) == 43
    assert "There is no mail server" in found.err and "24 hours" in found.err
    assert peek_link(store.uow(), link.rsplit("/", 1)[1], LinkPurpose.RESET, _now())
    custom = cli("users", "reset-link", "cleo", "--base-url", "https://coach.example.org/")
    assert custom.out.startswith("https://coach.example.org/reset/")
    bad = cli("users", "reset-link", "cleo", "--base-url", "coach.example.org")
    assert bad.code == 2 and "--base-url" in bad.err


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("users", "add", "ana lopez"), PASSWORD + "\n", "no spaces"),
        (("users", "add", "ana"), "short\n", "at least 10 characters"),
        (("users", "add", "ana"), "ana\n", "at least 10 characters"),
        (("users", "add", "ana"), "", "no password on standard input"),
        (("users", "passwd", "nobody"), PASSWORD + "\n", "no user named nobody"),
        (("users", "disable", "nobody"), "", "no user named nobody"),
        (("users", "reset-link", "nobody"), "", "no user named nobody"),
        (("users", "coach", "nobody"), "", "no user named nobody"),
    ],
)
def test_refusals_are_one_line_without_a_traceback(
    cli: Cli, piped: Callable[[str], None], args: tuple[str, ...], stdin: str, message: str
) -> None:
    piped(stdin)
    found = cli(*args)
    assert found.code == 1
    assert found.err.startswith("hamcoach: error: ") and message in found.err
    assert found.err.count("\n") == 1 and "Traceback" not in found.err


def test_a_name_taken_is_refused(cli: Cli, piped: Callable[[str], None]) -> None:
    cli("users", "add", "ana", "--no-password")
    piped(PASSWORD + "\n")
    again = cli("users", "add", "ANA")
    assert again.code == 1 and "a user named ana already exists" in again.err


def test_coach_gives_and_takes_back_the_role(cli: Cli, store: Store) -> None:
    from hamcoach.services.coaching import invite

    cli("users", "add", "cora", "--no-password")
    assert "users coach cora" in cli("users", "--help").out
    assert "--remove" in cli("users", "coach", "--help").out
    given = cli("users", "coach", "CORA")
    assert given.code == 0 and given.out.startswith("cora can coach now")
    assert cli("users", "coach", "cora").out == "cora is a coach already\n"
    row = next(line for line in cli("users", "list").out.splitlines() if "cora" in line)
    assert row.count("yes") == 1  # the coach column, not the operator's
    with store.uow() as uow:
        account = uow.accounts.users.by_username("cora")
    assert account is not None
    assert invite(store.uow(), account.id, _now())[0]  # a coach may invite
    assert cli("users", "coach", "cora", "--remove").out == "cora no longer coaches\n"
    assert cli("users", "coach", "cora", "--remove").out == "cora was not a coach\n"
    assert "yes" not in next(ln for ln in cli("users", "list").out.splitlines() if "cora" in ln)


def test_coach_puts_coaches_in_a_club_and_head_needs_club(cli: Cli) -> None:
    cli("users", "add", "hana", "--no-password")
    assert '--club "North RC" --head' in cli("users", "coach", "--help").out
    done = cli("users", "coach", "hana", "--club", "North  RC", "--head")
    assert done.code == 0 and done.out == "hana is head coach of North RC\n"
    assert "coach" in cli("users", "list").out.splitlines()[2]
    bad = cli("users", "coach", "hana", "--head")
    assert bad.code == 2 and "--head needs --club" in bad.err
