"""`hamcoach edit`, `hamcoach delete` and `hamcoach undo`: correct the training log.

The same use-cases as the History page (services.sets); the last deleted set waits in the data
folder (cli.undo_file) until `hamcoach undo` puts it back.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated

import typer

from hamcoach.cli.errors import UsageProblem, parse_option
from hamcoach.cli.options import parse_number
from hamcoach.domain.errors import excerpt

if TYPE_CHECKING:
    from hamcoach.cli.context import Context
    from hamcoach.domain.records import LoggedSet

MIN_PREFIX = 4
_HEX = re.compile(r"^[0-9a-f]+$")

SetIdArg = Annotated[
    str,
    typer.Argument(
        metavar="SET_ID",
        help="The set's id: the first 8 characters `hamcoach history` shows are enough.",
        show_default=False,
    ),
]


def describe(s: LoggedSet) -> str:
    """ "Lying leg curl set 1 of Tue 01 Dec (id 0b9c3c8e): 12 reps x 40 kg"."""
    from hamcoach.cli.render_log import short_id
    from hamcoach.domain.exercises import CATALOGUE

    name = CATALOGUE.get(s.exercise).short_name + (f" ({s.side})" if s.side else "")
    return f"{name} set {s.set_number} of {s.session_date:%a %d %b} (id {short_id(s.id)}): " + done(
        s
    )


def done(s: LoggedSet) -> str:
    return f"{s.reps} reps" + (f" x {s.load:g} {s.unit}" if s.load is not None else "")


def id_key(text: str) -> str:
    """What a SET_ID is compared by: its hex digits (a usage error when it cannot be an id)."""
    key = text.strip().lower().replace("-", "")
    if len(key) < MIN_PREFIX or len(key) > 32 or not _HEX.match(key):
        raise UsageProblem(
            f"SET_ID {excerpt(text)} is not a set id: use the id `hamcoach history` shows "
            "(its first 8 characters are enough)"
        )
    return key


def find_set(ctx: Context, text: str) -> LoggedSet:
    """The local athlete's set whose id is `text`, or starts with it (at least 4 characters)."""
    from hamcoach.domain.errors import InvalidInput, NotFound
    from hamcoach.services.reports import history

    key = id_key(text)
    sets = history(ctx.store.uow(), ctx.athlete_id, None, None)
    matches = [s for s in sets if s.id.replace("-", "").startswith(key)]
    if not matches:
        raise NotFound(f"no set with id {text}; `hamcoach history` shows each set's id")
    if len(matches) > 1:
        raise InvalidInput(
            f"{len(matches)} sets have an id starting {text}: give more of it "
            "(`hamcoach history --format json` shows whole ids)"
        )
    return matches[0]


def _whole(value: str) -> int:
    """A whole number (its range is the logging rules', checked with the rest of the set)."""
    from hamcoach.domain.errors import InvalidInput

    try:
        return int(value.strip())
    except ValueError:
        raise InvalidInput(f"reps {excerpt(value)} is not a whole number") from None


def edit(
    set_id: SetIdArg,
    reps: Annotated[str | None, typer.Option(metavar="INTEGER", help="The reps done.")] = None,
    load: Annotated[
        str | None,
        typer.Option(metavar="NUMBER", help="The load, in the set's unit: 17.5 or 17,5."),
    ] = None,
    note: Annotated[
        str | None, typer.Option(metavar="TEXT", help="A new note; --note '' removes it.")
    ] = None,
) -> None:
    """Correct a logged set's reps, load or note; its target and time stay.

    Examples:

      hamcoach edit 0b9c3c8e --reps 11

      hamcoach edit 0b9c3c8e --load 17,5 --note "seat one notch lower"
    """
    from hamcoach.cli.context import local
    from hamcoach.services.sets import KEEP_NOTE, edit_set

    if reps is None and load is None and note is None:
        raise UsageProblem("nothing to change: give --reps, --load or --note (see --help)")
    id_key(set_id)
    new_reps = parse_option("--reps", _whole, reps) if reps is not None else None
    new_load = (
        parse_option("--load", lambda v: parse_number(v, "load"), load)
        if load is not None
        else None
    )
    ctx = local()
    found = find_set(ctx, set_id)
    updated = edit_set(
        ctx.store.uow(),
        ctx.athlete_id,
        found.id,
        found.reps if new_reps is None else new_reps,
        found.load if load is None else new_load,
        KEEP_NOTE if note is None else (note or None),
        ctx.today,
    )
    typer.echo(f"updated {describe(updated)}, was {done(found)}")
    if note is not None:
        typer.echo(f"note: {updated.note}" if updated.note else "note removed")


def delete(set_id: SetIdArg) -> None:
    """Delete a logged set; `hamcoach undo` puts it back.

    Example:

      hamcoach delete 0b9c3c8e
    """
    from hamcoach.cli import undo_file
    from hamcoach.cli.context import local
    from hamcoach.services.sets import delete_set

    id_key(set_id)
    ctx = local()
    found = find_set(ctx, set_id)
    undo_file.keep(found)  # first: a set is never gone without its undo
    deleted = delete_set(ctx.store.uow(), ctx.athlete_id, found.id)
    typer.echo(f"deleted {describe(deleted)}")
    typer.echo("`hamcoach undo` puts it back.")


def undo() -> None:
    """Put back the last set `hamcoach delete` removed.

    It returns exactly as it was: same id, set number, targets and time.
    """
    from hamcoach.cli import undo_file
    from hamcoach.cli.context import local
    from hamcoach.services.sets import restore_set

    ctx = local()
    record = undo_file.last()
    restored = restore_set(ctx.store.uow(), ctx.athlete_id, record, ctx.today)
    undo_file.forget()
    typer.echo(f"put back {describe(restored)}")


def register(app: typer.Typer) -> None:
    app.command("edit")(edit)
    app.command("delete")(delete)
    app.command("undo")(undo)
