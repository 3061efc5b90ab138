"""The one error hierarchy of the wizard, with messages in Swedish.

Every error the person can meet carries a message meant to be read as it is:
it names the file, the field and, where known, the line. The command line maps
these to exit codes in one place (`wizard.cli.errors`); the TUI shows them.
"""

from __future__ import annotations

import errno
from pathlib import Path


class WizardError(Exception):
    """Base of every error meant for the person, not for a traceback."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def where(path: Path | str | None, line: int | None = None, column: int | None = None) -> str:
    """Return "fil.toml, rad 3, kolumn 5" with the parts that are known."""
    parts = []
    if path is not None:
        parts.append(str(path))
    if line is not None:
        parts.append(f"rad {line}")
        if column is not None:
            parts.append(f"kolumn {column}")
    return ", ".join(parts)


class DraftReadError(WizardError):
    """A draft file that cannot be read: missing, unreadable, not TOML, wrong types."""

    def __init__(
        self,
        path: Path | str,
        detail: str,
        *,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.detail = detail
        self.line = line
        self.column = column
        self.field = field
        super().__init__(f"{where(path, line, column)}: {detail}")


class DraftTypeError(WizardError):
    """A value of the wrong kind in a draft, before the file is known.

    Raised by the model while it reads a parsed document; storage adds the file
    name and line and re-raises it as a `DraftReadError`.
    """

    def __init__(self, field: str, detail: str) -> None:
        self.field = field
        self.detail = detail
        super().__init__(f"fältet {field}: {detail}")


class DraftSaveError(WizardError):
    """A draft could not be written; the file on disk is as it was."""


class DraftChangedOnDiskError(DraftSaveError):
    """The file changed on disk since it was loaded; saving would overwrite that."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        super().__init__(
            f"{path}: filen har ändrats av någon annan sedan den öppnades. "
            "Den sparas inte över; ladda om den eller spara under ett annat namn."
        )


class DraftDeletedError(DraftSaveError):
    """The file was deleted (or moved away) since it was loaded; the draft is only in memory.

    Not a `DraftChangedOnDiskError`: there is nothing to reload. ``save(force=True)``
    creates the file again; ``save(path=...)`` saves it elsewhere.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        super().__init__(
            f"{path}: filen har tagits bort eller flyttats sedan den öppnades. "
            "Den skapas inte på nytt utan att du väljer det; spara under ett annat "
            "namn eller skapa filen igen."
        )


class OutputTargetError(WizardError):
    """A file the wizard will not write: a draft, a device, a folder, a file not its own.

    ``can_force`` is True when the person may choose to replace it after all
    (an existing regular file, a link to nothing): ``force=True`` then writes.
    """

    def __init__(self, path: Path | str, detail: str, *, can_force: bool = False) -> None:
        self.path = Path(path)
        self.detail = detail
        self.can_force = can_force
        super().__init__(f"{path}: {detail}")


class DraftLockedError(WizardError):
    """The draft is open in another wizard."""

    def __init__(self, path: Path | str, holder: str) -> None:
        self.path = Path(path)
        self.holder = holder
        super().__init__(f"{path}: utkastet är öppet hos {holder}.")


class RenderError(WizardError):
    """The document could not be made."""


class TemplateError(WizardError):
    """A Word template that cannot be used."""


def os_reason(error: OSError) -> str:
    """Why a file operation failed, in Swedish (the system's own text is English)."""
    reasons = {
        errno.ENOENT: "mappen eller filen finns inte",
        errno.EACCES: "saknar behörighet",
        errno.EPERM: "saknar behörighet",
        errno.ENOSPC: "disken är full",
        errno.EDQUOT: "diskkvoten är slut",
        errno.EROFS: "disken är skrivskyddad",
        errno.EISDIR: "är en mapp",
        errno.ENOTDIR: "en del av sökvägen är inte en mapp",
        errno.ENAMETOOLONG: "namnet är för långt",
        errno.EEXIST: "filen finns redan",
        errno.EIO: "läs- eller skrivfel på disken",
        errno.ELOOP: "symboliska länkar bildar en slinga",
    }
    if error.errno in reasons:
        return reasons[error.errno]
    return f"fel {error.errno}: {error.strerror}" if error.strerror else str(error)
