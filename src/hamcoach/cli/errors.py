"""How the CLI turns errors into one clear line and an exit code (1 refused input, 2 usage)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NoReturn, TypeVar

from hamcoach.domain.errors import HamcoachError, NoProfile

EXIT_REFUSED = 1
EXIT_USAGE = 2

T = TypeVar("T")


class UsageProblem(Exception):
    """A command-line value that cannot be used: exit 2."""


def explain(exc: HamcoachError) -> str:
    """The error's message, with the next step on the command line where the type has one."""
    if isinstance(exc, NoProfile):
        return f"{exc.message}: run `hamcoach init` first"
    return exc.message


def fail(message: str, code: int) -> NoReturn:
    sys.stderr.write(f"hamcoach: error: {message}\n")
    raise SystemExit(code)


@contextmanager
def as_usage(option: str) -> Iterator[None]:
    """Errors while reading an option are usage errors, named after the option."""
    try:
        yield
    except HamcoachError as exc:
        raise UsageProblem(f"{option}: {exc.message}") from None


def parse_option(option: str, parser: Callable[[str], T], value: str) -> T:
    with as_usage(option):
        return parser(value)
