"""The one place that turns errors into messages and exit codes.

Exit codes: 0 done; 1 a draft is incomplete or invalid (``check``, ``render``);
2 a file cannot be read or written, or the input is wrong; 70 an unexpected
error (a bug: the message says how to see the traceback).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, cast

import typer

from wizard.errors import WizardError
from wizard.model.text import visible

if TYPE_CHECKING:
    from rich.console import Console

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_UNREADABLE = 2
EXIT_BUG = 70

# How much of a text from a file a message, a table cell or a name shows.
MESSAGE_LIMIT = 1000
ISSUE_LIMIT = 300
CELL_LIMIT = 80


def shown(text: object, limit: int | None = MESSAGE_LIMIT, *, one_line: bool = False) -> str:
    """``text`` as it may reach the terminal: control characters drawn, shortened with "…".

    Every file name, message and value from a draft or template printed by a
    command passes through here (`wizard.model.text.visible`).
    """
    return visible(str(text), limit=limit, one_line=one_line)



class _LazyConsole:
    """A rich `Console` made when first used: rich is loaded only by a command that prints."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    @property
    def console(self) -> Console:
        """The rich `Console` itself (for rich's own objects, such as a progress bar)."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.console, name)


def real_console(console: Console) -> Console:
    """``stdout`` or ``stderr`` as the rich `Console` it stands for."""
    return console.console if isinstance(console, _LazyConsole) else console


stdout = cast("Console", _LazyConsole(highlight=False))
stderr = cast("Console", _LazyConsole(stderr=True, highlight=False))


_quick_exit = False


def allow_quick_exit() -> None:
    """Let `quick_exit` end this process at once: the command is done and left nothing open.

    Tearing the interpreter down (freeing every module and object) after the
    renderer's imports cost 111 ms of CPU, 23 % of a one-draft `wizard render`
    (`make bench`, 15 runs side by side): well over the 10 % a speed trick
    must earn here, so it stays.
    Only a command that has closed its files and stopped its worker processes
    calls this, and only when it has finished.
    """
    global _quick_exit
    _quick_exit = True


def quick_exit(code: object) -> None:
    """End the process with ``code`` (a `SystemExit` code) when allowed; else return."""
    if not _quick_exit:
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return  # let the normal exit report it
    os._exit(code if isinstance(code, int) else 0 if code is None else 1)


def fail(message: str, code: int = EXIT_UNREADABLE) -> typer.Exit:
    """Print ``message`` as an error and return the `typer.Exit` to raise."""
    stderr.print("[bold red]Fel:[/] ", end="", markup=True)
    stderr.print(shown(message), markup=False, soft_wrap=True)
    return typer.Exit(code)


def message_of(error: WizardError) -> str:
    """The error's message, with the command line's way out where there is one."""
    from wizard.errors import OutputTargetError

    if isinstance(error, OutputTargetError) and error.can_force:
        return f"{error.message} (--force ersätter den)"
    return error.message


@contextlib.contextmanager
def reported_errors() -> Iterator[None]:
    """Run a command, showing a `WizardError` as its message and exit code, never a traceback."""
    try:
        yield
    except WizardError as error:
        stderr.print("[bold red]Fel:[/] ", end="", markup=True)
        stderr.print(shown(message_of(error)), markup=False, soft_wrap=True)
        raise typer.Exit(error.exit_code) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt, SystemExit):
        raise
    except Exception as error:
        if os.environ.get("WIZARD_DEBUG"):
            raise
        stderr.print("[bold red]Oväntat fel:[/] ", end="", markup=True)
        stderr.print(shown(f"{type(error).__name__}: {error}"), markup=False, soft_wrap=True)
        stderr.print("Kör igen med WIZARD_DEBUG=1 för att se detaljerna.", style="dim")
        print(file=sys.stderr)
        raise typer.Exit(EXIT_BUG) from None
