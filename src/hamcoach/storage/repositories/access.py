"""Who is asking: accounts, their sessions, tokens and links, and failed sign-ins, reached as
`UnitOfWork.accounts`. Not scoped to an athlete: this is what finds the caller."""

from __future__ import annotations

from sqlalchemy.orm import Session

from hamcoach.storage.repositories.accounts import AccountRepository
from hamcoach.storage.repositories.api_tokens import ApiTokenRepository
from hamcoach.storage.repositories.auth_sessions import AuthSessionRepository
from hamcoach.storage.repositories.login_failures import LoginFailureRepository
from hamcoach.storage.repositories.one_time_links import OneTimeLinkRepository


class Accounts:
    def __init__(self, session: Session) -> None:
        self._users = AccountRepository(session)
        self._sessions = AuthSessionRepository(session)
        self._tokens = ApiTokenRepository(session)
        self._links = OneTimeLinkRepository(session)
        self._failures = LoginFailureRepository(session)

    @property
    def users(self) -> AccountRepository:
        return self._users

    @property
    def sessions(self) -> AuthSessionRepository:
        return self._sessions

    @property
    def tokens(self) -> ApiTokenRepository:
        return self._tokens

    @property
    def links(self) -> OneTimeLinkRepository:
        return self._links

    @property
    def failures(self) -> LoginFailureRepository:
        return self._failures
