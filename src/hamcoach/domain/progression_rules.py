"""How progression reacts to breaks and to sessions that fall short: the numbers a coach is most
likely to want otherwise, so they are settings of the profile (`ProgressionRules`).

None of them comes from a study: detraining after two to four weeks off is well documented,
the exact day counts and cuts are the team's defaults (docs/evidence.md).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.setting_groups import Limits, changes_from_text, check

BREAK_DAYS = 14  # days without any session that count as a break
LONG_BREAK_DAYS = 28  # ... as a long one: the Nordic ramp restarts
BREAK_CUT_PCT = 10  # load taken off after a break
LONG_BREAK_CUT_PCT = 20  # ... after a long break
DROP_PCT = 10  # load taken off after two sessions whose first set fell short
RESUME_RAMP_WEEK = 3  # the Nordic ramp's highest step after a break (not a long one)

LIMITS: Limits = {
    "break_days": (7, 42, "days without a session that count as a break"),
    "long_break_days": (14, 84, "days without a session that count as a long break"),
    "break_cut_pct": (0, 30, "load cut after a break, in %"),
    "long_break_cut_pct": (0, 50, "load cut after a long break, in %"),
    "drop_pct": (5, 20, "load drop after two short sessions, in %"),
    "resume_ramp_week": (1, 5, "Nordic ramp step to resume at after a break"),
}


@dataclass(frozen=True)
class ProgressionRules:
    break_days: int = BREAK_DAYS
    long_break_days: int = LONG_BREAK_DAYS
    break_cut_pct: int = BREAK_CUT_PCT
    long_break_cut_pct: int = LONG_BREAK_CUT_PCT
    drop_pct: int = DROP_PCT
    resume_ramp_week: int = RESUME_RAMP_WEEK

    def validate(self) -> None:
        check(self, LIMITS)
        if self.long_break_days <= self.break_days:
            raise InvalidInput(
                f"a long break must be longer than a break ({self.long_break_days} days is not "
                f"more than {self.break_days})"
            )
        if self.long_break_cut_pct < self.break_cut_pct:
            raise InvalidInput(
                f"the cut after a long break ({self.long_break_cut_pct} %) cannot be smaller "
                f"than after a break ({self.break_cut_pct} %)"
            )

    def to_text(self) -> str:
        """The rules that differ from the defaults, as `with_text` reads them ('' for none)."""
        default = ProgressionRules()
        return ",".join(
            f"{name}={getattr(self, name)}"
            for name in LIMITS
            if getattr(self, name) != getattr(default, name)
        )

    def with_text(self, text: str) -> ProgressionRules:
        """These rules with some changed: `break_days=10,drop_pct=5`; the result is checked."""
        changed = replace(self, **changes_from_text(text, LIMITS, "progression rule"))
        changed.validate()
        return changed
