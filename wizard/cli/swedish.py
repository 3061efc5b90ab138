"""typer's and click's own words in Swedish: usage line, panel titles, help option, errors.

typer (below 0.29) carries its own copy of click whose words are fixed English
strings, without gettext. They are replaced through the places typer and
click leave open for it: the command and group classes (``cls``), the
context's ``formatter_class``, the help option the command builds, and
typer's documented ``rich_utils`` panel settings. Errors are caught where the
arguments are parsed and raised again as the same kind of error, in Swedish.
Nothing heavy is imported here: rich's settings are set only when help or an
error is printed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import typer
from typer import _click
from typer.core import TyperCommand, TyperGroup
from typer.models import DefaultPlaceholder

HELP_TEXT = "Visa den här hjälpen och avsluta."
OPTIONS = "[FLAGGOR]"
COMMAND_ARGS = "KOMMANDO [ARGUMENT]..."
USAGE = "Användning: "

_PARAM_HELP = {
    "install_completion": "Installera komplettering med Tab för det här skalet.",
    "show_completion": "Visa kompletteringen för det här skalet, för att kopiera eller "
                       "anpassa den.",
}

# click's message texts → Swedish, tried in order. Compiled when a message is
# translated (by `re`'s own cache), not at every start: 22 patterns, ~3 ms.
_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"^No such option: (.+)$", r"Okänd flagga: \1"),
    (r"^No such command (.+)\.$", r"Okänt kommando \1."),
    (r"^Missing command\.$", "Ett kommando saknas."),
    (r"^Got unexpected extra arguments? \((.*)\)$", r"Oväntade extra argument (\1)"),
    (r"^Got unexpected extra argument\(s\) \((.*)\)$", r"Oväntade extra argument (\1)"),
    (r"^Option (.+) does not take a value\.$", r"Flaggan \1 tar inget värde."),
    (r"^Option (.+) requires an argument\.$", r"Flaggan \1 behöver ett värde."),
    (r"^Option (.+) requires (\d+) arguments\.$", r"Flaggan \1 behöver \2 värden."),
    (r"^Argument (.+) takes (\d+) values\.$", r"Argumentet \1 tar \2 värden."),
    (r"^(.+) is not a valid integer\.$", r"\1 är inget heltal."),
    (r"^(.+) is not a valid float\.$", r"\1 är inget tal."),
    (r"^(.+) is not a valid boolean\.$", r"\1 är varken sant eller falskt."),
    (r"^(.+) is not a valid UUID\.$", r"\1 är inget UUID."),
    (r"^(.+) is not one of (.+)\.$", r"\1 är inte ett av \2."),
    (r"^(.+) is not a valid choice\.$", r"\1 är inget giltigt val."),
    (r"^(File|Directory|Path) (.+) does not exist\.$", r"\2 finns inte."),
    (r"^(File|Directory|Path) (.+) is a directory\.$", r"\2 är en mapp."),
    (r"^(File|Directory|Path) (.+) is a file\.$", r"\2 är en fil."),
    (r"^(File|Directory|Path) (.+) is not readable\.$", r"\2 kan inte läsas."),
    (r"^(File|Directory|Path) (.+) is not writable\.$", r"\2 kan inte skrivas."),
    (r"^(.+) does not match the formats? (.+)\.$", r"\1 har inte formen \2."),
    (r"^Did you mean (.+)\?$", r"Menade du \1?"),
)


def translate(message: str) -> str:
    """click's English message in Swedish (unknown messages are left as they are)."""
    for pattern, swedish in _MESSAGES:
        if re.match(pattern, message):
            return re.sub(pattern, swedish, message)
    return message


def _hint(error: _click.exceptions.BadParameter) -> str:
    hint: Any = error.param_hint
    if hint is None and error.param is not None:
        hint = error.param.get_error_hint(error.ctx)  # type: ignore[arg-type]
    if isinstance(hint, (list, tuple)):
        return " / ".join(repr(part) for part in hint)
    return str(hint) if hint else ""


def swedish_error(error: _click.exceptions.UsageError) -> _click.exceptions.UsageError:
    """The same error, its message in Swedish."""
    exceptions = _click.exceptions
    if isinstance(error, exceptions.MissingParameter):
        kind = error.param_type or (error.param.param_type_name if error.param else "")
        hint = _hint(error)
        noun = {"argument": "Argumentet", "option": "Flaggan"}.get(kind, "Värdet")
        message = f"{noun} {hint} saknas." if hint else "Ett värde saknas."
    elif isinstance(error, exceptions.BadParameter):
        hint = _hint(error)
        detail = translate(error.message)
        message = f"Ogiltigt värde för {hint}: {detail}" if hint else f"Ogiltigt värde: {detail}"
    elif isinstance(error, exceptions.NoSuchOption):
        message = translate(error.message)
        if error.possibilities:
            message += f" (möjliga flaggor: {', '.join(sorted(error.possibilities))})"
    else:
        message = translate(error.message)
    translated = exceptions.UsageError(message, error.ctx)
    translated.exit_code = error.exit_code
    return translated


def swedish_rich() -> None:
    """typer's rich panel titles and notes in Swedish (called just before help or an error)."""
    from typer import rich_utils

    rich_utils.ARGUMENTS_PANEL_TITLE = "Argument"
    rich_utils.OPTIONS_PANEL_TITLE = "Flaggor"
    rich_utils.COMMANDS_PANEL_TITLE = "Kommandon"
    rich_utils.ERRORS_PANEL_TITLE = "Fel"
    rich_utils.ABORTED_TEXT = "Avbrutet."
    rich_utils.RICH_HELP = "Skriv [blue]'{command_path} {help_option}'[/] för hjälp."
    rich_utils.DEFAULT_STRING = "[standard: {}]"
    rich_utils.ENVVAR_STRING = "[miljövariabel: {}]"
    rich_utils.REQUIRED_LONG_STRING = "[krävs]"
    rich_utils.DEPRECATED_STRING = "(föråldrad) "


class SwedishFormatter(_click.formatting.HelpFormatter):
    """The usage line starts "Användning:"."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, USAGE if prefix is None else prefix)


class SwedishContext(typer.Context):
    formatter_class = SwedishFormatter


def _translated(call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    try:
        return call(*args, **kwargs)
    except _click.exceptions.UsageError as error:
        swedish_rich()
        raise swedish_error(error) from None


class _Swedish:
    """What a Swedish command and group share (mixed in before typer's class)."""

    context_class: type[_click.Context] = SwedishContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("options_metavar") in (None, "[OPTIONS]"):
            kwargs["options_metavar"] = OPTIONS
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_TEXT
        return option

    def get_params(self, ctx: Any) -> Any:
        params = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            if param.name in _PARAM_HELP:
                param.help = _PARAM_HELP[param.name]
        return params

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        return _translated(super().make_context, *args, **kwargs)  # type: ignore[misc]

    def format_help(self, ctx: Any, formatter: Any) -> None:
        swedish_rich()
        super().format_help(ctx, formatter)  # type: ignore[misc]


class SwedishCommand(_Swedish, TyperCommand):
    """A typer command with Swedish usage, help option and errors."""


class SwedishGroup(_Swedish, TyperGroup):
    """A typer group with Swedish usage, help option and errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.subcommand_metavar or "COMMAND" in self.subcommand_metavar:
            self.subcommand_metavar = COMMAND_ARGS

    def invoke(self, ctx: Any) -> Any:
        return _translated(super().invoke, ctx)


def _plain(cls: Any, default: type) -> bool:
    """typer's own class, or its placeholder for "not chosen"."""
    return cls is None or cls is default or isinstance(cls, DefaultPlaceholder)


def make_swedish(app: typer.Typer) -> None:
    """Make every command and sub-group of ``app`` Swedish (call after registering them)."""
    if _plain(app.info.cls, TyperGroup):
        app.info.cls = SwedishGroup
    for command in app.registered_commands:
        if _plain(command.cls, TyperCommand):
            command.cls = SwedishCommand
    for group in app.registered_groups:
        if _plain(group.cls, TyperGroup):
            group.cls = SwedishGroup
        if group.typer_instance is not None:
            make_swedish(group.typer_instance)
