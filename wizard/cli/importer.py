"""``wizard import``: a finished tjänsteutlåtande (.docx) back into a draft, with a report.

Thin: the work is `wizard.importing` (the same code the TUI's "Importera"
calls). Exit codes: 0 imported; 2 the document cannot be read (not a .docx,
corrupt, password-protected, macros, too large) or the draft cannot be
written (an existing file without ``--force``); nothing is written then.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from wizard.cli.errors import fail, reported_errors
from wizard.cli.render import say


def import_(
    file: Annotated[Path, typer.Argument(help="Tjänsteutlåtandet (.docx) att importera.",
                                         metavar="UTLÅTANDE.docx", show_default=False)],
    output: Annotated[
        Optional[Path],  # noqa: UP045 - typer reads the annotation at run time on Python 3.10
        typer.Option("-o", "--output", show_default=False,
                     help="Utkastet att skapa (.toml); utan det ett namn av rubriken i drafts/."),
    ] = None,
    as_new: Annotated[
        bool,
        typer.Option("--as-new", help="Börja ett nytt ärende från texten: töm remissens "
                                      "uppgifter, datum, diarienummer och sammanträde."),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Skriv över utkastet om filen redan finns.")
    ] = False,
) -> None:
    """Importera ett tjänsteutlåtande (.docx) till ett utkast och visa vad som hamnade var."""
    from wizard.importing import default_target, import_statement, save_imported
    from wizard.model.text import visible
    from wizard.paths import drafts_dir

    with reported_errors():
        if output is not None and output.suffix.lower() != ".toml":
            raise fail(f"{visible(str(output))}: utkastet ska sluta på .toml.")
        result = import_statement(file, as_new=as_new)
        target = output if output is not None else default_target(
            result.draft, drafts_dir(), file)
        save_imported(result, target, force=force)
        say(("✓", "bold green"), f" {visible(str(file))} → {visible(str(target))}")
        say(result.report.summary())
        for line in result.report.text_lines():
            say(line)
        say(f"Öppna utkastet med: wizard open {visible(str(target))}")


def register(app: typer.Typer) -> None:
    """Add ``wizard import`` to the application."""
    app.command("import")(import_)
