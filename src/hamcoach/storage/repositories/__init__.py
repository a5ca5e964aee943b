"""Repositories, one per aggregate, each scoped by the athlete it serves.

`Athletes` finds athletes (ids only); `AthleteScope` holds one athlete's repositories: profile
(with plan start and calendar secret), sessions, sets, strength tests, runs, soreness.
`access.Accounts` (imported where used: `UnitOfWork.accounts`) holds the accounts' repositories:
users, signed-in sessions, API tokens, one-time links, failed sign-ins.
"""

from hamcoach.storage.repositories.athletes import Athletes
from hamcoach.storage.repositories.scope import AthleteScope

__all__ = ["AthleteScope", "Athletes"]
