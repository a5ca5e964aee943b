"""Comments on sessions (services/comments.py, domain/comments.py) on the fake unit of work:
the athlete and a linked coach write and read a session's thread, nobody else can; text is
kept as typed; the roster counts what the coach has not read."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hamcoach.domain.comments import MAX_COMMENT, check_comment
from hamcoach.domain.errors import InvalidInput, NotFound
from hamcoach.services.coaching import accept_invitation, invite, leave_coach
from hamcoach.services.comments import mark_read, post_comment, threads
from hamcoach.services.roster import roster
from tests.fakes import FakeUnitOfWork
from tests.services.test_coaching import athlete_account, coach_account

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
DAY = NOW.date()


def test_the_athlete_and_a_linked_coach_share_a_thread_nobody_else_sees() -> None:
    uow = FakeUnitOfWork()
    cora, otto = coach_account(uow, "cora"), coach_account(uow, "otto")
    ana_account, ana = athlete_account(uow, "ana")
    ben_account, _ = athlete_account(uow, "ben")
    for outsider in (cora, otto, ben_account):  # before any link, only ana may write
        with pytest.raises(NotFound):
            post_comment(uow, outsider, ana, DAY, "hello", NOW)
    accept_invitation(uow, invite(uow, cora, NOW)[0], ana_account, NOW)
    post_comment(uow, ana_account, ana, DAY, "  Left knee felt tight  ", NOW)
    post_comment(uow, cora, ana, DAY, "<script>alert(1)</script> ease off", NOW)
    [thread] = threads(uow, cora, ana, [DAY]).values()
    assert [(s.author, s.comment.body, s.mine) for s in thread] == [
        ("ana", "Left knee felt tight", False),
        ("cora", "<script>alert(1)</script> ease off", True),
    ]
    for outsider in (otto, ben_account):
        with pytest.raises(NotFound):
            threads(uow, outsider, ana, [DAY])
    leave_coach(uow, ana, cora, NOW)
    with pytest.raises(NotFound):
        threads(uow, cora, ana, [DAY])
    assert len(threads(uow, ana_account, ana, [DAY])[DAY]) == 2  # the athlete keeps it all


def test_the_roster_counts_unread_comments_until_the_coach_reads() -> None:
    uow = FakeUnitOfWork()
    cora = coach_account(uow, "cora")
    ana_account, ana = athlete_account(uow, "ana")
    accept_invitation(uow, invite(uow, cora, NOW)[0], ana_account, NOW)
    assert roster(uow, cora, NOW)[0].new_comments == 0
    post_comment(uow, ana_account, ana, DAY, "Done, but sore", NOW)
    post_comment(uow, cora, ana, DAY, "Noted", NOW)  # the coach's own: never "new" to them
    post_comment(uow, ana_account, ana, DAY, "Thanks", NOW + dt.timedelta(minutes=1))
    assert roster(uow, cora, NOW)[0].new_comments == 2
    mark_read(uow, cora, ana, NOW + dt.timedelta(minutes=2))
    assert roster(uow, cora, NOW)[0].new_comments == 0
    post_comment(uow, ana_account, ana, DAY, "One more", NOW + dt.timedelta(minutes=3))
    assert roster(uow, cora, NOW)[0].new_comments == 1


@given(st.text(st.characters(exclude_categories=["Cc", "Cs"]), max_size=MAX_COMMENT))
def test_printable_text_is_kept_trimmed(text: str) -> None:
    if not text.strip() or not text.strip().isprintable():
        with pytest.raises(InvalidInput):
            check_comment(text)
    else:
        assert check_comment(text) == text.strip()


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "some text"), (" \n ", "some text"), ("x" * 1001, "at most 1000"), ("a\x00b", "plain")],
)
def test_empty_long_and_control_text_is_refused(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        check_comment(text)
    uow = FakeUnitOfWork()
    account, athlete = athlete_account(uow, "ana")
    with pytest.raises(InvalidInput):
        post_comment(uow, account, athlete, DAY, text, NOW)
    assert threads(uow, account, athlete, [DAY]) == {}
