"""The `hamcoach` command line.

Start-up time matters (DESIGN 5): import heavy modules (Rich tables, SQLAlchemy, FastAPI,
matplotlib) inside the commands that need them, never at module level.
"""

from __future__ import annotations

import sys

import typer

from hamcoach.cli.errors import EXIT_REFUSED, EXIT_USAGE, UsageProblem, fail
from hamcoach.domain.errors import HamcoachError

app = typer.Typer(
    name="hamcoach",
    help=(
        "A hamstring-strength coach for runners.\n\n"
        "Plans knee-flexion sessions (lying, seated, Nordic, single-leg and floor curls) around "
        "your running week, guides and logs them, and tracks H:Q balance and left/right asymmetry."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _register() -> None:
    from hamcoach.cli import (
        cmd_catalogue,
        cmd_history,
        cmd_log,
        cmd_plan,
        cmd_profile,
        cmd_test,
    )

    for module in (cmd_profile, cmd_catalogue, cmd_plan, cmd_log, cmd_history, cmd_test):
        module.register(app)


_register()


def run(argv: list[str] | None = None) -> None:
    """Console-script entry: every expected error becomes one line and an exit code."""
    try:
        result = app(args=argv, standalone_mode=False)
    except UsageProblem as exc:
        fail(str(exc), EXIT_USAGE)
    except HamcoachError as exc:
        fail(exc.message, EXIT_REFUSED)
    except typer.TyperException as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":
            # Bare `hamcoach` shows the help, as most tools do.
            sys.stdout.write(exc.format_message() + "\n")
            return
        # Typer's own parse errors (unknown option, missing value): one line, usage exit code.
        hint = " (see --help)" if exc.exit_code == EXIT_USAGE else ""
        fail(exc.format_message().replace("\n", " ") + hint, exc.exit_code)
    except typer.Abort:
        fail("aborted", 130)
    except KeyboardInterrupt:
        fail("interrupted", 130)
    if isinstance(result, int) and result:
        sys.exit(result)
