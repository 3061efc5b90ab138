"""Reading the phrase library file (``templates/phrases.toml``).

What a phrase is, and which data makes one, is the model's
(`wizard.model.phrases`); here the file is found, read and parsed, and a
broken file gives one Swedish message naming the file, the phrase and, for a
TOML error, the line.
"""

from __future__ import annotations

from pathlib import Path

# tomli, as for drafts (`reading`): one TOML parser loaded, not tomli and tomllib.
import tomli as tomllib

from wizard.errors import WizardError, where
from wizard.model.phrases import Phrase, PhraseDataError, phrases_from_data
from wizard.paths import templates_dir
from wizard.storage import toml_errors
from wizard.storage.bounded import FileReadError, read_bounded

PHRASES_FILE = "phrases.toml"
PHRASES_LIMIT = 4 * 1024 * 1024  # a phrase library is a few kB


class PhraseLibraryError(WizardError):
    """The phrase library file cannot be used."""

    def __init__(self, path: Path, detail: str, *, line: int | None = None) -> None:
        self.path = path
        self.line = line
        super().__init__(f"{where(path, line)}: {detail}")


def default_phrases_path() -> Path:
    """Where the organisation's phrase library is kept."""
    return templates_dir() / PHRASES_FILE


def load_phrases(path: Path | None = None) -> list[Phrase]:
    """Read the phrase library; raise `PhraseLibraryError` with a Swedish message if broken."""
    path = path or default_phrases_path()
    try:
        text = read_bounded(path, limit=PHRASES_LIMIT, what="frasbanken").decode("utf-8-sig")
    except FileReadError as error:
        detail = error.detail
        if detail.endswith("mappen eller filen finns inte"):
            detail = "frasbanken finns inte"
        raise PhraseLibraryError(path, detail) from None
    except UnicodeDecodeError:
        raise PhraseLibraryError(path, "frasbanken är inte sparad som UTF-8") from None
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise PhraseLibraryError(path, "frasbanken är för djupt nästlad för att läsas") from None
    except tomllib.TOMLDecodeError as error:
        line, _ = toml_errors.position(str(error), text)
        raise PhraseLibraryError(path, toml_errors.describe(str(error)), line=line) from None
    try:
        return phrases_from_data(data)
    except PhraseDataError as error:
        raise PhraseLibraryError(path, str(error)) from None
