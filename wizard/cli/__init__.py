"""The command line: `wizard`, `wizard new`, `open`, `list`, `check`, `render`, `template`.

A thin face over the model: every command calls the same functions the TUI
does. Nothing here imports Textual at module level, so ``check``, ``list`` and
``render`` start fast; only the commands that open the TUI load it.
"""

from __future__ import annotations

from typing import Annotated

import typer

from wizard import __version__
from wizard.cli import drafts, importer, profile, render
from wizard.cli.swedish import SwedishGroup, make_swedish

app = typer.Typer(
    name="wizard",
    cls=SwedishGroup,
    help="Skriv tjänsteutlåtanden som svar på remisser, steg för steg i terminalen.",
    no_args_is_help=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"wizard {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Visa versionen."),
    ] = False,
) -> None:
    """Utan kommando: öppna startskärmen med dina utkast."""
    if ctx.invoked_subcommand is None:
        drafts.open_start_screen()


drafts.register(app)
render.register(app)
profile.register(app)
importer.register(app)
make_swedish(app)  # after every command is registered


def main() -> None:
    """Entry point of the ``wizard`` console script."""
    try:
        app()
    except SystemExit as done:
        from wizard.cli.errors import quick_exit

        quick_exit(done.code)  # ends here after render: no interpreter teardown
        raise
