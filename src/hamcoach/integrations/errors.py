"""Errors of the integrations: a file that cannot be read or written names itself."""

from __future__ import annotations

from pathlib import PurePath

from hamcoach.domain.errors import InvalidInput

# What the parsing libraries (icalendar, fitdecode, gpxpy, defusedxml) raise on malformed input
# besides their own exception types, found by fuzzing: each reader turns them into BadFile.
LIBRARY_ERRORS: tuple[type[Exception], ...] = (
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    AttributeError,
    AssertionError,
    LookupError,
    OverflowError,
)


class BadFile(InvalidInput):
    """A file was refused; the message starts with the file's name, then says what is wrong."""

    def __init__(self, name: str | PurePath, problem: str) -> None:
        self.name = PurePath(name).name or str(name)
        self.problem = problem
        super().__init__(f"{self.name}: {problem}")
