"""Where `hamcoach init`'s answers come from: a person at a terminal, or lines piped in.

At a terminal each question is asked with its current value as the default, and a bad answer
is asked again. Piped in (`printf 'Ana\\nkg\\n...' | hamcoach init`), each line answers the next
question and a blank line keeps the default; a bad answer or too few lines stop the command
with a message, before anything is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TextIO, TypeVar

import typer

from hamcoach.cli.errors import UsageProblem
from hamcoach.domain.errors import HamcoachError, InvalidInput, excerpt

T = TypeVar("T")

YES = ("y", "yes")
NO = ("n", "no")


def yes_no(text: str) -> bool:
    answer = text.strip().lower()
    if answer in YES:
        return True
    if answer in NO:
        return False
    raise InvalidInput(f"{excerpt(text)} is not yes or no (y/n)")


class Answers:
    """Asks the questions in order; `order` names them all, for the messages about pipes."""

    def __init__(self, stream: TextIO, order: Sequence[str]) -> None:
        self._stream = stream
        self._order = tuple(order)
        self._given = 0
        self.interactive = stream.isatty()

    def ask(self, prompt: str, shown: str, default: T, parse: Callable[[str], T]) -> T:
        """The answer, parsed; a blank answer (or the default as shown) keeps `default`."""
        if self.interactive:
            while True:
                text = typer.prompt(prompt, default=shown, show_default=bool(shown))
                if text.strip() == shown:
                    return default
                try:
                    return parse(text)
                except HamcoachError as exc:
                    typer.echo(f"  {exc.message}; try again", err=True)
        text = self._line()
        if not text.strip():
            return default
        try:
            return parse(text)
        except HamcoachError as exc:
            raise UsageProblem(
                f"answer {self._given} ({self._order[self._given - 1]}): {exc.message}"
            ) from None

    def confirm(self, prompt: str, default: bool) -> bool:
        if self.interactive:
            return typer.confirm(prompt, default=default)
        return self.ask(prompt, "", default, yes_no)

    def _line(self) -> str:
        try:
            line = self._stream.readline()
        except (OSError, ValueError):  # closed, or a test runner's stand-in that refuses reads
            line = ""
        if not line:
            raise UsageProblem(self._missing())
        self._given += 1
        return line.rstrip("\r\n")

    def _missing(self) -> str:
        order = ", ".join(self._order)
        how = (
            f"pipe one line per question ({order}; a blank line keeps the current value), "
            "or give flags, e.g. hamcoach init --name Ana --equipment towel"
        )
        if self._given == 0:
            return f"init: no answers on standard input, which is not a terminal: {how}"
        return (
            f"init: standard input ended after {self._given} of {len(self._order)} answers, "
            f"before {self._order[self._given]}: {how}"
        )
