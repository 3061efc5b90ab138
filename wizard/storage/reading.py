"""Read a draft for checking and rendering: bytes, UTF-8, strict TOML, the model.

The fast, read-only path (`check`, `list`, `render`, the TUI's first frame): the
bytes are read within the draft's size cap, decoded as UTF-8 (a byte-order mark
is accepted), parsed by the strict `tomllib`, and turned into a `Draft`; every
failure becomes one `DraftReadError` with the file, line and column. Editing,
which keeps comments and layout through tomlkit, is `draftfile`'s; tomlkit is
not imported here, so that a command that only reads does not pay for it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

# tomli's compiled wheels parse TOML like tomllib, with the same messages, several
# times faster (which matters for `wizard check` of many drafts).
import tomli as tomllib

from wizard.errors import DraftReadError, DraftTypeError
from wizard.model.draft import FORMAT_VERSION, Draft
from wizard.storage import toml_errors
from wizard.storage.bounded import DRAFT_LIMIT, FileReadError, read_bounded

BOM = b"\xef\xbb\xbf"


# ---------------------------------------------------------------- reading


def read_bytes(path: Path) -> bytes:
    """The draft's bytes, read within its size cap; a FIFO or device is refused at once."""
    try:
        return read_bounded(path, limit=DRAFT_LIMIT, what="utkastet")
    except FileReadError as error:
        detail = error.detail
        if detail.endswith("mappen eller filen finns inte"):
            detail = "filen finns inte"
        elif detail == "kan inte läsas: saknar behörighet":
            detail = "saknar behörighet att läsa filen"
        elif detail.startswith("är en mapp"):
            detail = "är en mapp, inte en utkastfil"
        else:  # "kan inte läsas" is said where the message is shown
            detail = detail.removeprefix("kan inte läsas: ")
        raise DraftReadError(path, detail) from None


TOO_DEEP = "för djupt nästlad (listor, tabeller eller nycklar i tusentals led) för ett utkast"


def decode(path: Path, data: bytes) -> str:
    if data.startswith(BOM):
        data = data[len(BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise DraftReadError(
            path,
            f"filen är inte sparad som UTF-8 (byte 0x{data[error.start]:02x}); "
            "spara den som UTF-8 i din texteditor",
            line=line,
            column=column,
        ) from None


def parse(path: Path, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise DraftReadError(path, TOO_DEEP) from None
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line, column = toml_errors.position(message, text)
        if toml_errors.is_unterminated_string(message):
            line = toml_errors.unterminated_string_line(text) or line
            column = None
        elif line is None:
            line, column = toml_errors.tomlkit_position(text)
        detail = toml_errors.describe(message)
        raise DraftReadError(path, detail, line=line, column=column) from None


def locate(text: str, field_path: str) -> tuple[int | None, int | None]:
    """Line and column of ``key`` in the table a field path names, for messages."""
    match = re.match(r"^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?$", field_path)
    if not match:
        return None, None
    table, index, key = match.group(1), match.group(2), match.group(3)
    wanted = int(index) if index else None
    header_re = re.compile(r"^\s*(\[\[?)\s*([\w.\-]+)\s*\]\]?")
    current, count = "", 0
    for number, line in enumerate(text.splitlines(), 1):
        header = header_re.match(line)
        if header:
            current = header.group(2)
            if current == table and header.group(1) == "[[":
                count += 1
            if key is None and current == table and (wanted is None or count == wanted):
                return number, header.start(2) + 1
            continue
        if key is None:
            if current == "" and re.match(rf"^\s*{table}\s*=", line):
                return number, line.index(table) + 1
            continue
        if current == table and (wanted is None or count == wanted):
            found = re.match(rf"^\s*{key}\s*=", line)
            if found:
                return number, line.index(key) + 1
    return None, None


def check_format(path: Path, text: str, data: Mapping[str, Any]) -> None:
    version = data.get("format")
    if version is None:
        return  # a missing version is a validation error, not a read error
    line, column = locate(text, "format")
    if isinstance(version, bool) or not isinstance(version, int):
        raise DraftReadError(path, "format ska vara heltalet 1", line=line, column=column)
    if version > FORMAT_VERSION:
        raise DraftReadError(
            path,
            f"utkastet har format {version} och är gjort av en nyare version av wizard; "
            "uppdatera wizard för att öppna det (filen lämnas orörd)",
            line=line,
            column=column,
        )
    if version < FORMAT_VERSION:
        raise DraftReadError(path, f"okänt format {version}; bara format 1 finns", line=line)


def to_draft(path: Path, text: str, data: Mapping[str, Any]) -> Draft:
    check_format(path, text, data)
    try:
        return Draft.from_mapping(data)
    except RecursionError:
        raise DraftReadError(path, TOO_DEEP) from None
    except DraftTypeError as error:
        line, column = locate(text, error.field)
        raise DraftReadError(
            path, error.message, line=line, column=column, field=error.field
        ) from None


def read_draft(path: Path | str) -> Draft:
    """Read a draft for checking or rendering (no document kept, fast)."""
    return read_draft_and_bytes(path)[0]


def read_draft_and_bytes(path: Path | str) -> tuple[Draft, bytes]:
    """Read a draft and return it with the file's bytes, as read once (for copying it)."""
    path = Path(path)
    data = read_bytes(path)
    text = decode(path, data)
    return to_draft(path, text, parse(path, text)), data


def draft_from_text(text: str, path: Path | str = "<text>") -> Draft:
    """Read a draft from TOML text (presets, tests)."""
    path = Path(path)
    return to_draft(path, text, parse(path, text))
