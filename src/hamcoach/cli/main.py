"""The `hamcoach` command line.

Start-up time matters (DESIGN 5): import heavy modules (Rich tables, SQLAlchemy, FastAPI,
matplotlib) inside the commands that need them, never at module level.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from hamcoach.cli.errors import EXIT_REFUSED, EXIT_USAGE, UsageProblem, explain, fail
from hamcoach.domain.errors import HamcoachError

HELP = (
    "A hamstring-strength coach for runners.\n\n"
    "Plans knee-flexion sessions (lying, seated, Nordic, single-leg and floor curls) around "
    "your running week, guides and logs them, and tracks H:Q balance and left/right asymmetry.\n\n"
    "Start with `hamcoach init`, then `hamcoach plan` and `hamcoach today`."
)


def make_app() -> typer.Typer:
    app = typer.Typer(
        name="hamcoach",
        help=HELP,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    # A callback keeps `hamcoach CMD` a sub-command even when only CMD is registered.
    @app.callback()
    def _root(
        version: Annotated[
            bool,
            typer.Option(
                "--version",
                help="Show the version and exit.",
                is_eager=True,
                callback=_show_version,
            ),
        ] = False,
    ) -> None:
        pass

    return app


def version() -> str:
    """The installed package's version (the source tree's when it is not installed)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("hamcoach")
    except PackageNotFoundError:
        from hamcoach import __version__

        return __version__


def _show_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"hamcoach {version()}\n")
        raise typer.Exit()


# Sub-command name -> module that registers it. Only the module of the command being run is
# imported and built, which keeps start-up close to the cost of Typer itself.
COMMANDS: dict[str, str] = {
    "init": "cmd_profile",
    "exercises": "cmd_catalogue",
    "plan": "cmd_plan",
    "today": "cmd_log",
    "log": "cmd_log",
    "edit": "cmd_sets",
    "delete": "cmd_sets",
    "undo": "cmd_sets",
    "history": "cmd_history",
    "report": "cmd_history",
    "test": "cmd_test",
    "serve": "cmd_serve",
    "soreness": "cmd_soreness",
    "export": "cmd_io",
    "import": "cmd_import",
    "users": "cmd_users",
    "analyse": "cmd_analyse",
}


def _register(app: typer.Typer, argv: list[str]) -> None:
    import importlib

    first = next((a for a in argv if not a.startswith("-")), None)
    wanted = [COMMANDS[first]] if first in COMMANDS else list(dict.fromkeys(COMMANDS.values()))
    for name in wanted:
        module = importlib.import_module(f"hamcoach.cli.{name}")
        module.register(app)


def run(argv: list[str] | None = None) -> None:
    """Console-script entry: every expected error becomes one line and an exit code."""
    args = sys.argv[1:] if argv is None else argv
    app = make_app()
    _register(app, args)
    try:
        result = app(args=args, standalone_mode=False)
    except UsageProblem as exc:
        fail(str(exc), EXIT_USAGE)
    except HamcoachError as exc:
        fail(explain(exc), EXIT_REFUSED)
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
